"""reader.decode: every encoding the issue names, hostile bytes, and a property test."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.decode import Decoded, decode, normalise_label, sniff_binary
from reader.errors import ContentError

FIXTURES = Path(__file__).parent / "fixtures"
WRONG_META_PAGE = FIXTURES / "decode" / "064b591b-3cac-4a08-88d0-41c193a2350d.html"

SIMPLIFIED = (
    "本报讯 记者从市政府新闻办获悉，近年来我市积极推进城市建设，加快发展现代服务业，"
    "全年地区生产总值比上年增长百分之六。会议要求，各部门要进一步提高认识，"
    "把工作做实做细，为人民群众办好事、办实事。\n"
) * 4


@pytest.fixture
def traditional(seed_bytes: bytes) -> str:
    text = seed_bytes.decode("utf-8")
    start = text.index("江門市蓬江區")
    return text[start : start + 1200]


def html_page(body: str, meta: str) -> str:
    return f"<!DOCTYPE html><html><head>{meta}<title>測試</title></head><body><p>{body}</p></body></html>"


# ---- each encoding ---------------------------------------------------------------------------


def test_seed_is_utf8(seed_bytes):
    d = decode(seed_bytes, "text")
    assert d.encoding == "utf-8"
    assert "江門推動港澳合作再上新臺階" in d.text


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "gb2312"])
def test_simplified_legacy_encodings(codec):
    d = decode(SIMPLIFIED.encode(codec), "text")
    assert d.encoding == "gb18030"
    assert d.text == SIMPLIFIED


def test_gb18030_four_byte_characters():
    text = SIMPLIFIED + "𠀀𪚥㐀€"
    d = decode(text.encode("gb18030"), "text")
    assert d.text == text


@pytest.mark.parametrize("codec", ["big5", "big5hkscs", "cp950"])
def test_traditional_big5(traditional, codec):
    d = decode(traditional.encode(codec), "text")
    assert d.encoding == "big5hkscs"
    assert d.text == traditional


def test_big5_hkscs_characters(traditional):
    text = traditional + "\n香港字：嘅咗喺冇"
    d = decode(text.encode("big5hkscs"), "text", declared="big5")
    assert d.encoding == "big5hkscs"
    assert d.text.endswith("嘅咗喺冇")


def test_traditional_in_gbk(traditional):
    d = decode(traditional.encode("gbk"), "text")
    assert d.encoding == "gb18030"
    assert d.text == traditional


@pytest.mark.parametrize(
    "bom,codec",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_boms(traditional, bom, codec):
    d = decode(bom + traditional.encode(codec), "text")
    assert d.encoding == codec
    assert d.text == traditional  # the BOM is not part of the text


def test_bom_wins_over_meta(traditional):
    page = html_page(traditional, '<meta charset="gb2312">')
    d = decode(codecs.BOM_UTF8 + page.encode("utf-8"), "html")
    assert d.encoding == "utf-8"
    assert traditional in d.text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(traditional, codec):
    d = decode(traditional.encode(codec), "text")
    assert d.encoding == codec
    assert d.text == traditional


def test_utf16_without_bom_simplified():
    d = decode(SIMPLIFIED.encode("utf-16-le"), "html")
    assert d.encoding == "utf-16-le"
    assert d.text == SIMPLIFIED


# ---- labels ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="gb2312">',
        "<meta charset=GBK>",
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        "<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=x-gbk'>",
    ],
)
def test_meta_charset_gbk_decodes_as_gb18030(meta):
    page = html_page(SIMPLIFIED + "䶮镕", meta)  # 䶮 and 镕 are not in GB2312
    d = decode(page.encode("gb18030"), "html")
    assert d.encoding == "gb18030"
    assert "䶮镕" in d.text


def test_meta_big5_decodes_as_hkscs(traditional):
    page = html_page(traditional + "嘅咗", '<meta charset="big5">')
    d = decode(page.encode("big5hkscs"), "html")
    assert d.encoding == "big5hkscs"
    assert "嘅咗" in d.text


def test_wrong_meta_label_utf8_page_labelled_gb2312_real_page():
    """A real page from the corpus: <meta charset=gb2312> but the bytes are UTF-8."""
    data = WRONG_META_PAGE.read_bytes()
    assert b"gb2312" in data[:2000].lower()
    d = decode(data, "html")
    assert d.encoding == "utf-8"
    assert "本报讯" in d.text


def test_wrong_meta_label_big5_page_labelled_gb2312(traditional):
    page = html_page(traditional, '<meta charset="gb2312">')
    d = decode(page.encode("big5hkscs"), "html")
    assert d.encoding == "big5hkscs"
    assert traditional in d.text


def test_wrong_meta_label_gbk_page_labelled_big5():
    page = html_page(SIMPLIFIED, '<meta charset="big5">')
    d = decode(page.encode("gbk"), "html")
    assert d.encoding == "gb18030"
    assert SIMPLIFIED.strip() in d.text


def test_unknown_meta_label_is_ignored():
    page = html_page(SIMPLIFIED, '<meta charset="no-such-codec">')
    assert decode(page.encode("utf-8"), "html").encoding == "utf-8"


def test_meta_label_only_for_html(traditional):
    page = html_page(traditional, '<meta charset="utf-16">')
    d = decode(page.encode("utf-8"), "text")
    assert d.encoding == "utf-8"


def test_declared_encoding_wins_when_clean():
    # Two hanzi in GBK happen to be valid Big5 too; the manifest settles it.
    data = "新闻".encode("gbk")
    assert decode(data, "text", declared="gbk").text == "新闻"
    assert decode("新聞".encode("big5"), "text", declared="big5").text == "新聞"


def test_declared_encoding_ignored_when_wrong(traditional):
    d = decode(traditional.encode("utf-8"), "text", declared="gb2312")
    assert d.encoding == "utf-8"
    assert d.text == traditional


def test_declared_unknown_label_ignored():
    assert decode(SIMPLIFIED.encode("utf-8"), "text", declared="rot13").encoding == "utf-8"


@pytest.mark.parametrize(
    "label,name",
    [("GBK", "gb18030"), ("gb2312", "gb18030"), ("x-gbk", "gb18030"), ("Big5", "big5hkscs"),
     ("big5-hkscs", "big5hkscs"), ("UTF8", "utf-8"), ("nope", None), ("base64", None), (None, None)],
)
def test_normalise_label(label, name):
    assert normalise_label(label) == name


# ---- hostile and broken bytes ----------------------------------------------------------------------


def test_empty_file():
    with pytest.raises(ContentError, match="empty"):
        decode(b"", "text")


def test_whitespace_only_file():
    with pytest.raises(ContentError, match="white space"):
        decode(b" \r\n\t\n", "text")


def test_binary_file_named_txt():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    with pytest.raises(ContentError, match="binary"):
        decode(png, "text")
    assert sniff_binary(png)


def test_binary_file_named_html():
    elf = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + bytes(range(256)) * 16
    with pytest.raises(ContentError, match="binary"):
        decode(elf, "html")


def test_random_high_bytes_are_undecodable():
    garbage = bytes((i * 167 + 131) % 128 + 128 for i in range(4000))
    with pytest.raises(ContentError):
        decode(garbage, "text")


def test_few_nul_bytes_are_stripped(traditional):
    data = traditional.encode("utf-8")
    data = data[:30] + b"\x00" + data[30:]  # between two characters
    d = decode(data.replace(b"\n", b"\n\x00", 1), "text")
    assert "\x00" not in d.text
    assert d.text == traditional


def test_nul_heavy_is_binary(traditional):
    data = b"\x00\x00\x00".join(traditional.encode("utf-8")[i : i + 3] for i in range(0, 300, 3))
    with pytest.raises(ContentError, match="binary"):
        decode(data, "text")


def test_newlines_normalised():
    d = decode("第一行\r\n第二行\r第三行\n".encode("gb18030") * 5, "text")
    assert "\r" not in d.text
    assert d.text.count("\n") == 15


def test_invalid_utf8_mostly_clean(traditional):
    data = traditional.encode("utf-8")
    data = data[:300] + b"\xff" + data[300:]  # one stray byte in valid UTF-8
    d = decode(data, "text")
    assert d.encoding == "utf-8"
    assert 1 <= d.replaced <= 3  # the stray byte, maybe splitting one character
    assert "江門市蓬江區" in d.text


def test_truncated_utf8_character_at_end(traditional):
    data = traditional.encode("utf-8") + "港".encode("utf-8")[:2]
    d = decode(data, "text")
    assert d.text.startswith(traditional)


def test_mixed_utf8_and_gbk_lines(traditional):
    data = traditional.encode("utf-8") + b"\n" + SIMPLIFIED.encode("gbk")
    d = decode(data, "text")
    assert traditional in d.text
    assert SIMPLIFIED.strip().split("\n")[0] in d.text
    assert "\ufffd" not in d.text


def test_fifty_megabyte_single_line_is_linear():
    line = ("中文新聞內容" * 10) .encode("utf-8")
    data = line * (50 * 1024 * 1024 // len(line))
    d = decode(data, "text")
    assert d.encoding == "utf-8"
    assert len(d.text) == len(data) // 3


def test_fifty_megabyte_single_line_gbk():
    line = SIMPLIFIED.replace("\n", "").encode("gbk")
    data = line * (50 * 1024 * 1024 // len(line))
    d = decode(data, "text")
    assert d.encoding == "gb18030"


def test_decoded_is_frozen():
    d = decode(b"hello", "text")
    assert isinstance(d, Decoded)
    with pytest.raises(AttributeError):
        d.text = "x"  # type: ignore[misc]


# ---- property ------------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4096), kind=st.sampled_from(["text", "html", "json", "jsonl"]),
       declared=st.one_of(st.none(), st.sampled_from(["gbk", "big5", "utf-8", "utf-16", "bogus", ""])))
def test_arbitrary_bytes_decode_or_content_error(data, kind, declared):
    try:
        d = decode(data, kind, declared)
    except ContentError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(d.text, str) and d.text.strip()
    assert "\x00" not in d.text and "\r" not in d.text


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300),
       codec=st.sampled_from(["utf-8", "utf-16", "gb18030"]))
def test_arbitrary_text_round_trip_or_content_error(text, codec):
    data = text.encode(codec)
    try:
        d = decode(data, "text")
    except ContentError:
        return
    assert isinstance(d.text, str)


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet="中文新聞內容的是在了不和有大這为上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則任取據處府研質界", min_size=20, max_size=400),
       codec=st.sampled_from(["utf-8", "gb18030", "big5hkscs", "utf-16"]))
def test_chinese_text_round_trips_in_every_encoding(text, codec):
    # BOM-less UTF-16 of hanzi only (no ASCII at all) is ambiguous by nature ("三" is b"\t N");
    # it is covered by the examples above, which contain ASCII punctuation and newlines.
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return
    assert decode(data, "text").text == text


def test_mixed_gbk_first_then_utf8_far_down(traditional):
    gbk_part = (SIMPLIFIED.encode("gbk")) * 200  # well past the first scoring sample
    utf8_part = (traditional + "\n").encode("utf-8") * 100
    d = decode(gbk_part + utf8_part, "text")
    assert d.encoding == "utf-8+gb18030"
    assert d.text.endswith(traditional + "\n") or d.text.rstrip().endswith(traditional.rstrip())
    assert d.text.startswith(SIMPLIFIED[:20])


def test_large_garbage_is_refused(traditional):
    garbage = bytes((i * 167 + 131) % 128 + 128 for i in range(1 << 16)) * 64  # 4 MB
    with pytest.raises(ContentError, match="undecodable"):
        decode(garbage, "text")


def test_utf8_with_one_bad_byte_far_down(traditional):
    data = (traditional + "\n").encode("utf-8") * 300 + b"\xff" + "尾".encode("utf-8")
    d = decode(data, "text")
    assert d.encoding == "utf-8" and d.replaced == 1 and d.text.endswith("\ufffd尾")


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252", "latin1"])
@pytest.mark.parametrize("codec", ["gbk", "utf-8"])
def test_latin1_label_on_chinese_page(label, codec):
    page = html_page(SIMPLIFIED, f'<meta charset="{label}">')
    d = decode(page.encode(codec), "html")
    assert SIMPLIFIED.strip().split("\n")[0] in d.text


def test_latin1_label_on_latin1_page_is_kept():
    body = "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00e0 la carte, d\u00e9j\u00e0 vu. " * 5
    page = f'<html><head><meta charset="iso-8859-1"><title>Menu</title></head><body><p>{body}</p></body></html>'
    d = decode(page.encode("latin-1"), "html")
    assert d.encoding == "cp1252"
    assert "Caf\u00e9" in d.text


@pytest.mark.parametrize(
    "text,codec",
    [
        ("日本語のテキストです。東京都は本日、新しい政策を発表しました。ニュースです。\n" * 6, "shift_jis"),
        ("한국어 텍스트입니다. 서울시는 오늘 새로운 정책을 발표했습니다. 뉴스 기사입니다.\n" * 6, "euc-kr"),
        ("Les \u00e9l\u00e8ves \u00e9taient tr\u00e8s contents de l'\u00e9t\u00e9, d\u00e9j\u00e0 vu.\n" * 6, "latin-1"),
    ],
)
def test_non_chinese_pages_without_label(text, codec):
    d = decode(text.encode(codec), "text")
    assert d.text == text
