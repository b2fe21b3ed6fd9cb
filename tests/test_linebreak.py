"""Chinese line breaking: cells not characters, kinsoku, whole Latin words, consistent indents."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from rich.cells import get_character_cell_size

from reader.linebreak import (
    _allowed_breaks,
    INDENT_CELLS,
    NO_LINE_END,
    NO_LINE_START,
    Line,
    line_cells,
    strip_indent,
    wrap,
    wrap_paragraph,
)


def texts(text: str, lines: list[Line]) -> list[str]:
    return [text[line.start : line.end] for line in lines]


def test_widths_are_terminal_cells_not_characters():
    text = "江門與香港澳門地緣相近人緣相親"  # 15 Han characters = 30 cells
    lines = wrap(text, 10)
    assert texts(text, lines) == ["江門與香港", "澳門地緣相", "近人緣相親"]
    assert all(cell_len(t) == 10 for t in texts(text, lines))


def test_mixed_width_never_overflows():
    text = "吸收外資金額22.26億美元,與澳門金融合作業務量突破2000億元……成功開通與港澳跨境辦事通"
    for width in range(6, 40):
        for line in wrap(text, width):
            assert line_cells(text, line) <= width, (width, text[line.start : line.end])


@pytest.mark.parametrize("punct", sorted("，。、；：？！」』）】》,.;:?!)"))
def test_no_line_begins_with_closing_punctuation(punct):
    text = "一二三四五" + punct + "六七八九十"
    # width 10 = five Han characters: the naive break would put the punctuation first.
    lines = wrap(text, 10)
    pieces = texts(text, lines)
    assert all(not p or p[0] not in NO_LINE_START for p in pieces), pieces
    assert "".join(pieces) == text
    # The character before the mark is pushed down with it.
    assert pieces[1].startswith("五" + punct)


@pytest.mark.parametrize("punct", sorted("「『（【《“("))
def test_no_line_ends_with_opening_punctuation(punct):
    text = "一二三四" + punct + "五六七八九十"
    lines = wrap(text, 10 if cell_len(punct) == 2 else 9)
    pieces = texts(text, lines)
    assert all(not p or p[-1] not in NO_LINE_END for p in pieces), pieces
    assert "".join(pieces) == text


def test_chains_of_closing_marks_stay_together():
    text = "他說：「好的。」然後走了"
    for width in range(6, 24):
        pieces = texts(text, wrap(text, width))
        assert all(not p or p[0] not in NO_LINE_START for p in pieces), (width, pieces)


def test_a_run_of_only_forbidden_breaks_is_cut_by_force():
    text = "。。。。。。。。。。"
    lines = wrap(text, 6)
    assert all(line_cells(text, line) <= 6 for line in lines)
    assert "".join(texts(text, lines)) == text


def test_latin_words_and_numbers_stay_whole():
    text = "疫情COVID-19期間,金額22.26億"
    pieces = texts(text, wrap(text, 12))
    assert any("COVID-19" in p for p in pieces), pieces
    assert any("22.26" in p for p in pieces), pieces


def test_a_word_wider_than_the_line_is_split():
    text = "x" * 25
    assert texts(text, wrap(text, 10)) == ["x" * 10, "x" * 10, "x" * 5]


def test_spaces_at_breaks_are_dropped():
    text = "hello world again"
    assert texts(text, wrap(text, 11)) == ["hello world", "again"]


def test_hard_newlines_break():
    text = "第一行\n第二行"
    assert texts(text, wrap(text, 40)) == ["第一行", "第二行"]


@pytest.mark.parametrize("lead", ["", "  ", "    ", "\u3000\u3000", "\t", " \u3000"])
def test_paragraph_indentation_is_consistent(lead):
    clean, lines = wrap_paragraph(lead + "江門市蓬江區勝利路上,坐落著香港團隊管理的珠西創谷。", 20)
    assert clean.startswith("江門")
    assert lines[0].indent == INDENT_CELLS
    assert all(line.indent == 0 for line in lines[1:])
    assert all(line_cells(clean, line) <= 20 for line in lines)


def test_strip_indent_reports_the_cut():
    assert strip_indent("\u3000\u3000正文  ") == ("正文", 2)


def test_empty_text_gives_one_empty_line():
    assert wrap("", 10) == [Line(0, 0, 0)]


def test_width_of_one_still_terminates():
    text = "中文"
    lines = wrap(text, 1)
    assert "".join(texts(text, lines)) == text


def test_latin_runs_break_only_at_spaces():
    text = "見 https://example.com/a/b 與 [link=x]y[/link] 文字"
    for width in range(30, 60):
        pieces = texts(text, wrap(text, width))
        assert any("https://example.com/a/b" in p for p in pieces), (width, pieces)
        assert any("[link=x]y[/link]" in p for p in pieces), (width, pieces)


def test_a_long_url_is_cut_by_force_only_when_it_cannot_fit():
    text = "網址 https://example.com/" + "a" * 40
    lines = wrap(text, 20)
    assert all(line_cells(text, line) <= 20 for line in lines)
    assert "".join(texts(text, lines)).replace(" ", "") == text.replace(" ", "")


def test_linebreak_never_imports_textual():
    import subprocess
    import sys

    code = "import sys, reader.linebreak; assert 'textual' not in sys.modules, 'textual imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_random_mixed_text_keeps_every_rule():
    """Seeded random mixes of Han, both punctuation widths, Latin, digits and spaces."""
    import random

    rng = random.Random(20211229)
    alphabet = list("江門港澳合作新區科技園臺灣") + list("，。、；：？！「」『』（）《》“”") + list("abcXYZ019.,;:!?()") + [" "] * 3
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 120)))
        width = rng.randrange(4, 40)
        lines = wrap(text, width)
        pieces = texts(text, lines)
        assert all(line_cells(text, line) <= width for line in lines), (width, pieces)
        assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
        allowed = _allowed_breaks(text, [get_character_cell_size(ch) if ch != "\n" else 0 for ch in text])
        for previous, line in zip(lines, lines[1:]):
            if line.end > line.start and text[line.start] in NO_LINE_START:
                # Only a forced cut: the previous line had no allowed break inside it.
                assert not any(allowed[k] for k in range(previous.start + 1, previous.end)), (width, pieces)


def test_spaces_do_not_let_closing_punctuation_begin_a_line():
    text = "一二三四 。五六"
    pieces = texts(text, wrap(text, 8))
    assert all(not p or p[0] not in NO_LINE_START for p in pieces), pieces
    text = "一二三「 四五六"
    pieces = texts(text, wrap(text, 8))
    assert all(not p or p[-1] not in NO_LINE_END for p in pieces), pieces


def test_a_line_of_readings_breaks_only_at_spaces():
    """Zhuyin letters are wide, like Han characters: a line of readings must break between words
    (plain spaces), never inside a syllable or between a word's syllables (no-break spaces)."""
    from reader.linebreak import wrap

    text = "ㄐㄧㄤ\u00a0ㄇㄣˊ  ㄑㄧㄢ\u00a0ㄕㄨˇ  ㄓㄢˋ\u00a0ㄌㄩㄝˋ"
    lines = [text[ln.start:ln.end] for ln in wrap(text, 18, at_spaces_only=True)]
    assert lines == ["ㄐㄧㄤ\u00a0ㄇㄣˊ", "ㄑㄧㄢ\u00a0ㄕㄨˇ", "ㄓㄢˋ\u00a0ㄌㄩㄝˋ"]
    assert len(wrap(text, 18)) >= 3  # as Chinese, it would break anywhere
