"""reader.share: the payload rule, the half-block drawing and the image writers, proven with zbarimg."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from reader.errors import ReaderError, UsageError
from reader.model import Article
from reader.share import (
    CITATION_MAX_BYTES,
    HALF_BLOCK_MODULES,
    MIN_BORDER,
    SGR_DARK_ON_LIGHT,
    SGR_RESET,
    Payload,
    ShareError,
    ShareWriteError,
    check_url,
    citation,
    half_block_rows,
    half_block_size,
    make_matrix,
    payload_for,
    png_bytes,
    share_label,
    svg_text,
    terminal_text,
    text_payload,
    write_png,
    write_svg,
)
from test_share_support import (
    DARK_THEME,
    LIGHT_THEME,
    WHITE,
    modules_to_pixels,
    needs_zbar,
    paint_terminal,
    pixels_to_png,
    url_of_length,
    zbar_decode,
)

CITATION_ARTICLE = Article(
    title="臺北市長宣布新政策　民眾反應兩極",
    blocks=[],
    published="2021-12-29T10:20:00+08:00",
    source="中央社",
)
PAYLOADS = {
    "url60": url_of_length(60),
    "url150": url_of_length(150),
    "url300": url_of_length(300),
    "citation": payload_for(CITATION_ARTICLE, "traditional", "original").text,
}


# ----------------------------------------------------------------------------- payload rule


def test_http_and_https_urls_are_the_payload():
    article = Article(title="t", blocks=[], url="https://www.cna.com.tw/news/aipl/202112290123.aspx")
    assert payload_for(article) == Payload("https://www.cna.com.tw/news/aipl/202112290123.aspx", "url")
    article.url = "  http://example.com/a?b=1&c=2#frag "
    assert payload_for(article).text == "http://example.com/a?b=1&c=2#frag"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "vbscript:msgbox",
        "ftp://example.com/a",
        "mailto:a@example.com",
        "//example.com/relative",
        "/news/1.html",
        "https://",
        "https://example.com/a b",
        "https://example.com/\x1b]52;c;ZXZpbA==\x07",
        "https://example.com/\u202eevil",
        "https://example.com:99999/",
    ],
)
def test_other_urls_are_refused_and_never_encoded(url):
    with pytest.raises(ShareError):
        check_url(url)
    article = Article(title="標題", blocks=[], source="中央社", published="2021-12-29", url=url)
    payload = payload_for(article, "traditional")
    assert payload.kind == "citation"
    assert payload.text == "標題\n中央社 2021-12-29"
    assert payload.refused_url
    assert url.strip() not in payload.text


def test_refusal_is_a_usage_error():
    assert issubclass(ShareError, UsageError) and ShareError.exit_code == 2
    assert issubclass(ShareWriteError, ReaderError)


def test_non_ascii_urls_are_percent_encoded_and_hosts_idna():
    assert check_url("https://例子.中国/新聞?q=台北") == (
        "https://xn--fsqu00a.xn--fiqs8s/%E6%96%B0%E8%81%9E?q=%E5%8F%B0%E5%8C%97"
    )
    # Already-encoded URLs are left alone.
    assert check_url("https://e.com/%E6%96%B0") == "https://e.com/%E6%96%B0"


def test_citation_in_the_display_script():
    assert payload_for(CITATION_ARTICLE, "traditional", "original").text == (
        "臺北市長宣布新政策 民眾反應兩極\n中央社 2021-12-29"
    )
    simplified = payload_for(CITATION_ARTICLE, "traditional", "simplified")
    assert simplified.kind == "citation"
    assert simplified.text == "台北市长宣布新政策 民众反应两极\n中央社 2021-12-29"


def test_citation_is_bounded_and_clean():
    article = Article(
        title="很長的標題\x1b[31m" * 60, blocks=[], source="新華社\n北京", published="2021年12月29日"
    )
    text = citation(article, "traditional")
    assert len(text.encode()) <= CITATION_MAX_BYTES
    title, second = text.split("\n")
    assert title.endswith("…") and "\x1b" not in text
    assert second == "新華社 北京"  # no ISO date: no date, never a wrong one


def test_article_with_nothing_to_share_is_refused():
    with pytest.raises(ShareError):
        payload_for(Article(title="", blocks=[]))


@pytest.mark.parametrize("text", ["javascript:alert(1)", "data:,x", "WIFI:T:WPA;S:x;P:y;;", "  ", "\x1b[2J"])
def test_text_override_refusals(text):
    with pytest.raises(ShareError):
        text_payload(text)


def test_text_override_accepts_plain_text_and_http():
    assert text_payload("Note: 見面 3pm") == Payload("Note: 見面 3pm", "text")
    assert text_payload("https://example.com/x") == Payload("https://example.com/x", "text")
    with pytest.raises(ShareError):
        text_payload("x" * 2332)


def test_label_follows_the_script():
    assert share_label("traditional") == "掃一掃分享"
    assert share_label("simplified") == "扫一扫分享"
    assert share_label("original", "simplified") == "扫一扫分享"
    assert share_label("original", "traditional") == "掃一掃分享"


# ----------------------------------------------------------------------------- the drawing


def test_matrix_has_the_quiet_zone_and_level_m():
    matrix = make_matrix("https://example.com/" + "a" * 80, border=2)
    assert matrix.size == 17 + 4 * matrix.version + 2 * 2
    assert matrix.version == 6  # 100 bytes at level M (level L would be version 5)
    assert not any(matrix.modules[0]) and not any(matrix.modules[1])
    assert not any(row[0] or row[1] or row[-1] or row[-2] for row in matrix.modules)
    assert half_block_size(matrix) == (45, 23)  # the measurement in DESIGN-NOTES
    with pytest.raises(ShareError):
        make_matrix("x", border=MIN_BORDER - 1)


def test_half_block_rows_rebuild_the_matrix_exactly():
    matrix = make_matrix(PAYLOADS["url150"])
    rows = half_block_rows(matrix)
    rebuilt = []
    for row in rows:
        rebuilt.append(tuple(cell.top_dark for cell in row))
        rebuilt.append(tuple(cell.bottom_dark for cell in row))
        assert all(HALF_BLOCK_MODULES[cell.char] == (cell.top_dark, cell.bottom_dark) for cell in row)
    assert matrix.size % 2 == 1 and not any(rebuilt[-1])  # odd: padding row is light
    assert tuple(rebuilt[: matrix.size]) == matrix.modules


@needs_zbar
@pytest.mark.parametrize("name", list(PAYLOADS))
def test_half_block_cells_scan(name, tmp_path):
    """The core rows, painted dark-on-light inside a dark terminal, decode to the payload."""
    payload = PAYLOADS[name]
    rows = half_block_rows(make_matrix(payload))
    pixels = []
    for row in rows:
        pixels.append([(0, 0, 0) if c.top_dark else WHITE for c in row])
        pixels.append([(0, 0, 0) if c.bottom_dark else WHITE for c in row])
    png = pixels_to_png(pixels, tmp_path / "cells.png", surround=DARK_THEME["bg"])
    assert zbar_decode(png) == payload.encode("utf-8")


@needs_zbar
@pytest.mark.parametrize("name", list(PAYLOADS))
@pytest.mark.parametrize("theme", ["dark", "light"])
def test_coloured_terminal_text_scans_in_dark_and_light_themes(name, theme, tmp_path):
    """The exact characters and SGR codes the CLI prints, painted by a themed terminal."""
    payload = PAYLOADS[name]
    text = terminal_text(make_matrix(payload), color=True)
    for line in text.splitlines():
        assert line.startswith(SGR_DARK_ON_LIGHT) and line.endswith(SGR_RESET)
    colours = DARK_THEME if theme == "dark" else LIGHT_THEME
    png = pixels_to_png(paint_terminal(text, colours), tmp_path / "ansi.png", surround=colours["bg"])
    assert zbar_decode(png) == payload.encode("utf-8")


@needs_zbar
def test_plain_terminal_text_scans_on_light_backgrounds_only(tmp_path):
    """The documented fallback: glyphs are dark modules, right on paper and light themes."""
    payload = PAYLOADS["url150"]
    text = terminal_text(make_matrix(payload), color=False)
    assert "\x1b" not in text
    light = pixels_to_png(paint_terminal(text, LIGHT_THEME), tmp_path / "light.png", surround=LIGHT_THEME["bg"])
    assert zbar_decode(light) == payload.encode()
    dark = pixels_to_png(paint_terminal(text, DARK_THEME), tmp_path / "dark.png", surround=DARK_THEME["bg"])
    assert zbar_decode(dark) is None  # inverted: why the CLI paints colours on a terminal


@needs_zbar
def test_chinese_payload_comes_back_intact_without_binary_mode(tmp_path):
    """zbarimg guesses the charset of byte-mode text; UTF-8 Chinese must survive the guess."""
    payload = PAYLOADS["citation"]
    png = tmp_path / "c.png"
    png.write_bytes(png_bytes(make_matrix(payload, border=4), scale=4))
    assert zbar_decode(png, binary=False).decode("utf-8") == payload + "\n"
    assert zbar_decode(png, binary=True).decode("utf-8") == payload


# ----------------------------------------------------------------------------- files


@needs_zbar
@pytest.mark.parametrize("name", list(PAYLOADS))
@pytest.mark.parametrize("scale,border", [(1, 4), (3, 2), (8, 4)])
def test_png_decodes_to_the_payload(name, scale, border, tmp_path):
    payload = PAYLOADS[name]
    matrix = make_matrix(payload, border=border)
    path = write_png(matrix, tmp_path / "code.png", scale=scale)
    from PIL import Image

    with Image.open(path) as image:
        assert image.size == (matrix.size * scale, matrix.size * scale)
    if scale == 1:  # one pixel per module is too small for zbar: enlarge, as a viewer would
        path = pixels_to_png(modules_to_pixels(matrix.modules), tmp_path / "big.png", surround=WHITE, margin=0)
    assert zbar_decode(path) == payload.encode("utf-8")


def _svg_modules(svg: str):
    """Parse reader's SVG back into modules (the path is 'M x,y h n v1 h-n z' runs)."""
    import re

    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    _, _, width, height = (int(v) for v in root.get("viewBox").split())
    path = root.find(f"{ns}path")
    modules = [[False] * width for _ in range(height)]
    for x, y, n in re.findall(r"M(\d+),(\d+)h(\d+)v1h-\3z", path.get("d")):
        for i in range(int(n)):
            modules[int(y)][int(x) + i] = True
    assert re.sub(r"M(\d+),(\d+)h(\d+)v1h-\3z", "", path.get("d")) == ""
    return root, width, height, modules


@needs_zbar
@pytest.mark.parametrize("name", list(PAYLOADS))
def test_svg_is_well_formed_with_the_right_module_count(name, tmp_path):
    payload = PAYLOADS[name]
    matrix = make_matrix(payload, border=4)
    path = write_svg(matrix, tmp_path / "code.svg", scale=5)
    root, width, height, modules = _svg_modules(path.read_text("utf-8"))
    assert width == height == 17 + 4 * matrix.version + 8
    assert root.get("width") == root.get("height") == str(width * 5)
    assert tuple(tuple(r) for r in modules) == matrix.modules
    png = pixels_to_png(modules_to_pixels(modules), tmp_path / "svg.png", surround=WHITE, margin=0)
    assert zbar_decode(png) == payload.encode("utf-8")


def test_writes_are_atomic_and_errors_are_one_line(tmp_path):
    matrix = make_matrix("https://example.com/")
    target = tmp_path / "code.png"
    target.write_bytes(b"old")
    write_png(matrix, target)
    assert target.read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["code.png"]  # no temporary left
    with pytest.raises(ShareWriteError, match="cannot write .*missing"):
        write_png(matrix, tmp_path / "missing" / "code.png")
    with pytest.raises(ShareWriteError, match="is a directory"):
        write_svg(matrix, tmp_path)
    with pytest.raises(ShareError):
        svg_text(matrix, scale=0)


def test_share_core_does_not_import_textual():
    code = (
        "import sys, reader.share as s;"
        "s.terminal_text(s.make_matrix('https://example.com/'));"
        "s.svg_text(s.make_matrix('x'));"
        "bad = [m for m in ('textual', 'rich') if m in sys.modules];"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


CHINESE = [
    "台北捷运新线通车\n中央社 2022-01-05",  # zbar read this as Shift JIS before the ECI designator
    "掃一掃分享",
    "臺北市長宣布新政策　民眾反應兩極\n中央社 2021-12-29",
    "新聞" * 120 + " end",  # 724 bytes: version 15+, 16-bit character count
    "混合 Mixed 文字 ①②③ 😀",
]


@needs_zbar
@pytest.mark.parametrize("payload", CHINESE)
def test_utf8_payloads_decode_intact_with_charset_guessing(payload, tmp_path):
    """Non-ASCII payloads carry ECI 26 (UTF-8): zbarimg's default (guessing) mode gets them right."""
    matrix = make_matrix(payload)
    png = pixels_to_png(modules_to_pixels(matrix.modules), tmp_path / "u.png", surround=WHITE)
    assert zbar_decode(png, binary=False).decode("utf-8") == payload + "\n"
    assert zbar_decode(png, binary=True) == payload.encode("utf-8")


def test_ascii_payloads_keep_the_library_encoding():
    """No ECI for ASCII: the same matrix as plain qrcode output (old readers ignore ECI badly)."""
    import qrcode

    url = url_of_length(150)
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    qr.add_data(url.encode())
    qr.make(fit=True)
    assert make_matrix(url).modules == tuple(tuple(r) for r in qr.get_matrix())
