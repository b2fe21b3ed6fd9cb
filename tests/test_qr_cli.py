"""`reader qr` through the real entry point, in a subprocess, against a library built with its API."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from reader.model import Article, Block, RawDocument
from reader.share import SGR_DARK_ON_LIGHT
from test_share import _svg_modules
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

ROOT = Path(__file__).resolve().parent.parent
URL = url_of_length(150)


@pytest.fixture
def library(tmp_path):
    """A temp library with three articles: an http URL, no URL, a javascript: URL."""
    from reader.library import Library

    db = tmp_path / "lib.db"
    articles = [
        Article(title="臺北市長宣布新政策", blocks=[Block("paragraph", "內文一。")], published="2021-12-29",
                source="中央社", url=URL),
        Article(title="臺北捷運新線通車", blocks=[Block("paragraph", "內文二。")], published="2022-01-05T08:00:00+08:00",
                source="中央社"),
        Article(title="惡意連結", blocks=[Block("paragraph", "內文三。")], source="某網",
                url="javascript:alert(document.cookie)"),
    ]
    lib = Library.open(db)
    try:
        with lib.import_bundle("test-bundle", "test") as writer:
            for n, article in enumerate(articles):
                doc = RawDocument(name=f"{n}.txt", data=f"article {n}".encode(), kind="text")
                writer.add_document(doc, [article])
        id_of = {summary.title: summary.id for summary in lib.summaries(lib.article_ids()).values()}
    finally:
        lib.close()
    return db, {key: id_of[article.title] for key, article in zip(("url", "citation", "javascript"), articles)}


def reader(*argv, env=None, **kwargs):
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("NO_COLOR", None)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv], capture_output=True, env=environment, timeout=120, **kwargs
    )


@needs_zbar
def test_json_png_and_svg_for_an_article_url(library, tmp_path):
    db, ids = library
    png, svg = tmp_path / "a.png", tmp_path / "a.svg"
    result = reader("--db", str(db), "qr", str(ids["url"]), "--png", str(png), "--svg", str(svg),
                    "--scale", "5", "--border", "3", "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record == {"payload": URL, "kind": "url", "png": str(png), "svg": str(svg)}
    assert zbar_decode(png) == URL.encode()
    _, width, _, modules = _svg_modules(svg.read_text())
    assert width == 17 + 4 * 8 + 6  # 150 bytes at level M: version 8; border 3
    assert zbar_decode(pixels_to_png(modules_to_pixels(modules), tmp_path / "svg.png", surround=WHITE)) == URL.encode()


@needs_zbar
@pytest.mark.parametrize("theme", [DARK_THEME, LIGHT_THEME])
def test_printed_code_scans(library, tmp_path, theme):
    db, ids = library
    result = reader("--db", str(db), "qr", str(ids["url"]), "--color", "always")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    code, _, rest = out.rpartition("\x1b[0m\n")
    assert rest == URL + "\n"  # the URL under the code
    png = pixels_to_png(paint_terminal(code + "\x1b[0m", theme), tmp_path / "t.png", surround=theme["bg"])
    assert zbar_decode(png) == URL.encode()


@needs_zbar
def test_citation_in_simplified_scans_intact(library, tmp_path):
    db, ids = library
    result = reader("--db", str(db), "qr", str(ids["citation"]), "--script", "simplified", "--color", "never")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "\x1b" not in out  # piped and --color never: plain glyphs
    lines = out.split("\n")
    citation = "台北捷运新线通车\n中央社 2022-01-05"
    assert out.endswith(citation + "\n")
    code = "\n".join(lines[: -3])
    png = pixels_to_png(paint_terminal(code, LIGHT_THEME), tmp_path / "c.png", surround=LIGHT_THEME["bg"])
    assert zbar_decode(png).decode("utf-8") == citation
    assert zbar_decode(png, binary=False).decode("utf-8") == citation + "\n"


def test_javascript_url_is_never_encoded(library, tmp_path):
    db, ids = library
    result = reader("--db", str(db), "qr", str(ids["javascript"]), "--json")
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert record["kind"] == "citation" and record["payload"] == "惡意連結\n某網"
    assert "javascript" in record["refused_url"]
    assert result.stderr.decode().count("\n") == 1 and "note" in result.stderr.decode()


@pytest.mark.parametrize(
    "argv,code,message",
    [
        (["qr", "--text", "javascript:alert(1)"], 2, "refused URL scheme 'javascript'"),
        (["qr", "--text", "data:text/html,<script>"], 2, "refused URL scheme 'data'"),
        (["qr", "--text", "x", "--scale", "0"], 2, "--scale must be between"),
        (["qr", "--text", "x", "--border", "1"], 2, "--border must be between"),
        (["qr"], 2, "give an article ID or --text"),
        (["qr", "abc"], 2, "an article id is a number"),
        (["qr", "--text", "x", "--script", "klingon"], 2, "--script"),
        (["qr", "--text", "x", "--png", "/nonexistent-dir/x.png"], 1, "cannot write /nonexistent-dir/x.png"),
    ],
)
def test_errors_are_one_line(argv, code, message):
    result = reader(*argv)
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    assert stderr.startswith("reader: error: ") and stderr.count("\n") == 1, stderr
    assert message in stderr
    assert result.stdout == b""


def test_unknown_article_is_a_usage_error(library):
    db, _ = library
    result = reader("--db", str(db), "qr", "999")
    assert result.returncode == 2 and "999" in result.stderr.decode()


def test_text_needs_no_library_and_no_textual(tmp_path):
    db = tmp_path / "nowhere" / "lib.db"
    code = (
        "import sys; from reader.cli import main;"
        f"rc = main(['--db', {str(db)!r}, 'qr', '--text', '見面 3pm', '--json']);"
        "assert 'textual' not in sys.modules, 'textual imported'; raise SystemExit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"payload": "見面 3pm", "kind": "text", "png": None, "svg": None}
    assert not db.parent.exists()


def test_files_are_replaced_atomically_and_reported(tmp_path):
    png = tmp_path / "x.png"
    png.write_bytes(b"old")
    result = reader("qr", "--text", "https://example.com/", "--png", str(png))
    assert result.returncode == 0
    assert result.stdout.decode() == f"wrote {png}\n"
    assert png.read_bytes().startswith(b"\x89PNG") and [p.name for p in tmp_path.iterdir()] == ["x.png"]


def _run_in_pty(argv, env):
    """Run reader with stdout on a pseudo-terminal; returns (exit code, stdout text, stderr)."""
    master, slave = pty.openpty()
    try:
        environment = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100", **env}
        if "NO_COLOR" not in env:
            environment.pop("NO_COLOR", None)
        proc = subprocess.Popen([sys.executable, "-m", "reader", *argv], stdout=slave, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, env=environment)
        os.close(slave)
        slave = None
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        stderr = proc.stderr.read().decode()
        proc.wait(timeout=60)
        return proc.returncode, b"".join(chunks).decode().replace("\r\n", "\n"), stderr
    finally:
        os.close(master)
        if slave is not None:
            os.close(slave)


def test_terminal_gets_colours_unless_no_color():
    rc, out, err = _run_in_pty(["qr", "--text", "https://example.com/"], {})
    assert rc == 0 and out.startswith(SGR_DARK_ON_LIGHT) and err == ""
    rc, out, err = _run_in_pty(["qr", "--text", "https://example.com/"], {"NO_COLOR": "1"})
    assert rc == 0 and "\x1b" not in out and "NO_COLOR" in err
    rc, out, err = _run_in_pty(["qr", "--text", "https://example.com/", "--color", "always"], {"NO_COLOR": "1"})
    assert out.startswith(SGR_DARK_ON_LIGHT)


def test_narrow_terminal_is_refused_instead_of_a_wrapped_code():
    rc, out, err = _run_in_pty(["qr", "--text", url_of_length(300)], {"COLUMNS": "60"})
    assert rc == 1 and out == ""
    assert "73 columns wide and the terminal 60" in err
