"""Scraped plain text -> lines (indentation and blank-line structure kept as hints).

A page whose text was run together on one line (the block structure lost, spaces left where the
line breaks were: one class of scraped page) is cut back into lines at those spaces, and the
paragraphs its source had wrapped at a fixed width are put back together.
"""

from __future__ import annotations

import re
from collections import Counter

from . import clean, people
from .layout import cells, reading_order
from .parsed import Line, Parsed, fold_lines, without_icon_glyphs
from .region import LIST_ITEM

_INDENT = (" ", "\t", "\u3000", "\u00a0")
RUN_TOGETHER = 100  # characters of a line that may be a page run together (a short brief run together is one)
_BLOCK_SPACE = re.compile(r"(?<=[^\x00-\x7f])[ \u3000]+|[ \u3000]+(?=[^\x00-\x7f])")  # not between Latin words
_MIN_PARTS = 6
_SHORT_PART = 12  # nav words, channel names, dates: the short pieces a whole page is full of
_SHORT_SHARE = 0.3


_OPENERS, _CLOSERS = "（(《【〔[", "）)》】〕]"
_BRACKETED_MAX = 60  # characters a bracket spans: a byline's "（记者 王小明）", a print stamp's "《人民日报》（… 04 版）"


def _open_brackets(text: str) -> int:
    return sum(text.count(c) for c in _OPENERS) - sum(text.count(c) for c in _CLOSERS)


def _closes_within(part: str, reach: int) -> bool:
    """Whether ``part`` closes a bracket in its first ``reach`` characters."""
    head = part[:max(0, reach)]
    return any(c in head for c in _CLOSERS)


def _with_brackets_closed(parts: list[str]) -> list[str]:
    """``parts`` with a bracket that a space inside cut open closed again: a piece that opens more
    brackets than it closes goes on into the next pieces until they close ("（实习记者 樊亮 张明超
    记者 惠禾）", "《 人民日报 》（ 2024年05月10日 04 版）"), for a few pieces; a space between
    blocks never stands inside a bracket. Quotes are left alone: a quoted speech running over
    paragraphs leaves them open. The piece that closes the bracket may go on past it: a lead's
    byline in brackets runs straight into its first sentence ("（实习记者 樊亮 张明超 记者惠禾）13岁，…")."""
    out: list[str] = []
    for part in parts:
        if out and _open_brackets(out[-1]) > 0 and (
                len(out[-1]) + len(part) <= _BRACKETED_MAX or _closes_within(part, _BRACKETED_MAX - len(out[-1]))):
            out[-1] += " " + part
        else:
            out.append(part)
    return out


_HASHTAG = re.compile(rf"^{clean.HASHTAG}[#＃]?$")


_ENDS_BLOCK = re.compile(r"[。！？!?」”』）)]$")


def _with_hashtags_together(parts: list[str]) -> list[str]:
    """``parts`` with a row of hashtags that the spaces between them cut apart set on one line
    again ("#嵐港 #港口擴建 #深水泊位": a row of topics under a text, clean's junk:tags), where a row
    stands: after a sentence's end, not inside one ("並加上 #嵐港燈會 #飛龍在港 兩個標籤")."""
    out: list[str] = []
    in_row = False
    for part in parts:
        tag = bool(_HASHTAG.match(part))
        if tag and in_row:
            out[-1] += " " + part
        else:
            in_row = tag and (not out or bool(_ENDS_BLOCK.search(out[-1])))
            out.append(part)
    return out


def _with_labels_joined(parts: list[str]) -> list[str]:
    """``parts`` with a credit's bare label joined to the name after it: the space of a byline
    ("記者 王小明／嵐港報導", "编辑 李四") is no line break, and a label alone is never a line."""
    out: list[str] = []
    for part in parts:
        if out and len(out[-1]) <= _LABEL_MAX and len(part) <= _NAME_PART_MAX \
                and (people.AUTHOR_LABEL.fullmatch(out[-1]) or people.EDITOR_LABEL.fullmatch(out[-1])) \
                and _a_name_part(part):
            out[-1] += " " + part
        else:
            out.append(part)
    return out


_LABEL_MAX = 8  # characters of a credit's label ("本報記者", "責任編輯：")
_NAME_PART_MAX = 24  # a name and its place ("王小明／嵐港報導"); a lead's sentence is longer


def _a_name_part(part: str) -> bool:
    """Whether the part after a bare label may be its name: a name first (a surname leading it;
    "作者 其他作品" is a link to the author's other works), no widget, share button or list head
    (an empty template field, "编辑： 打印本页", "责任编辑： 相关新闻"), no sentence (a lead under a
    lone "記者") and no figures (a post's stamp after its edit button, "编辑 发表于:2005-07-31")."""
    line = Line(part)
    fold_lines([line])
    return people.leads_with_name(part) and clean.classify(line) == clean.CONTENT and not clean.is_tail_marker(line) \
        and not _PUNCT.search(part) and not any(c.isdigit() for c in part)


def _split_at_block_spaces(text: str) -> list[str]:
    """``text`` cut at the spaces that stood for line breaks. A lone ideographic space stays: it
    separates the parts of one line (a Taiwanese "標題　副題" headline, "記者王小明　報導"), while a
    page run together joined its lines with ASCII spaces or runs of spaces."""
    parts, at = [], 0
    for gap in _BLOCK_SPACE.finditer(text):
        if gap.group() == "\u3000":
            continue
        parts.append(text[at:gap.start()])
        at = gap.end()
    parts.append(text[at:])
    return parts


_LINE_END = re.compile(r"[。！？!?…”」』）)】]\s*$")  # where a paragraph of the page ended
_PUNCT = re.compile(r"[。！？!?，,；;]")
_LINE_LIKE_SHARE = 0.6
_WRAP_MIN_CELLS = 40  # a source wrapped at a fixed width wraps at 60-80 columns; shorter repeats are menu items
_WRAP_MIN_COUNT = 8
_WRAP_SHARE = 0.25  # of the pieces that long


def _wrap_width(parts: list[str]) -> int | None:
    """The width in cells a page's source wrapped its paragraphs at, when many of its long pieces
    have that width (old essay and forum pages, kept with their hard wraps), else None."""
    widths = Counter(w for w in map(cells, parts) if w >= _WRAP_MIN_CELLS)
    if not widths:
        return None
    width, count = widths.most_common(1)[0]
    return width if count >= _WRAP_MIN_COUNT and count >= _WRAP_SHARE * sum(widths.values()) else None


def _rejoin_wraps(parts: list[str], width: int | None, unclosed: bool) -> list[str]:
    """``parts`` with the paragraphs that a fixed-width source wrapped ("灰烬本来是燃烧的产物，但它
    反过来又 抑制了燃烧。") put back together: a piece of the wrap width that no full stop closes
    goes on into the next (``width``), and with ``unclosed``, so does an open piece of a paragraph
    that is prose (punctuated: a headline is not), unless either opens a list item or a section
    ("一、…", a heading). The wrap was no break between words: the space goes. Only the last
    piece is looked at (linear on any page)."""
    out: list[str] = []
    last = ""  # the piece last added (the wrap width is a piece's, not a paragraph's)
    in_clause = False  # whether the paragraph so far is prose (punctuated) and its last piece left open
    for part in parts:
        if out and not _LINE_END.search(last) and not LIST_ITEM.match(part) and not LIST_ITEM.match(last) and (
                (width is not None and width - 1 <= cells(last) <= width) or unclosed and in_clause):
            out[-1] += part
        else:
            out.append(part)
            in_clause = False
        last = part
        in_clause = in_clause or bool(_PUNCT.search(part))  # prose has begun in this paragraph
    return out


_LONG_RUN = 300  # characters from which a line with many spaces is taken for a page run together at once
_BETWEEN_CHINESE = re.compile(r"(?<=[^\x00-\x7f])[ \u3000]+(?=[^\x00-\x7f])")


def _cut_between_words(text: str) -> bool:
    """Whether most of a short line's spaces stand between Chinese text on both sides, as the
    spaces that joined a page's lines do; a paragraph that sets spaces around its Latin words
    and figures ("據 CNN 報導，蘋果公司 Apple 今日…") has them beside ASCII."""
    between = len(_BETWEEN_CHINESE.findall(text))
    return 2 * between >= len(_BLOCK_SPACE.findall(text))


def _run_together(text: str) -> list[str] | None:
    """The lines of a page run together on one line, or None for a line that is only long.

    A paragraph may hold a few spaces; a page run together holds many, and its pieces are
    either short (navigation, channel names, dates, bylines) or whole paragraphs (an essay's).
    """
    if len(text) < RUN_TOGETHER or len(text) < _LONG_RUN and not _cut_between_words(text):
        return None
    parts = _with_hashtags_together(_with_labels_joined(_with_brackets_closed(
        [p for p in _split_at_block_spaces(text) if p.strip()])))
    width = _wrap_width(parts)
    if len(parts) >= _MIN_PARTS and sum(len(p) <= _SHORT_PART for p in parts) >= _SHORT_SHARE * len(parts):
        return _rejoin_wraps(parts, width, unclosed=False)
    # few short pieces: an essay run together, if its pieces are lines once the wraps inside its
    # sentences are put back (each piece short, or a paragraph closed by a full stop)
    parts = _rejoin_wraps(parts, width, unclosed=True)
    if len(parts) < _MIN_PARTS or sum(len(p) <= _SHORT_PART or bool(_LINE_END.search(p)) for p in parts) \
            < _LINE_LIKE_SHARE * len(parts):
        return None
    return parts


# a side column's bulleted item that a layout renderer set on a paragraph's line past a wide gap
# ("…守信践诺。               * 河北：中国文化遗产日系列活动启动", "…随时随地查行情        •韩国VOV面膜惊喜特价"):
# no part of the paragraph
# (found by the bullet behind six spaces: a pattern for the run of spaces itself would try every
# space of a long run in turn, quadratic on a line of them)
_WIDE_GAP = " " * 6  # (a substring test first: most lines hold no such gap)
_SIDE_ITEM = re.compile(r"(?<= {6})[*•·●▪◆■]\s?\S")  # (no-break spaces are spaces by then)
_RUN_TOGETHER_LINES = 3  # a page run together is one line, or a very few: never a page of paragraphs


def parse_text(text: str) -> Parsed:
    lines: list[Line] = []
    gap = False
    run_together = False
    raw_lines = reading_order(text).splitlines()
    few = sum(1 for raw in raw_lines if raw.strip()) <= _RUN_TOGETHER_LINES
    for raw in raw_lines:
        stripped = without_icon_glyphs(raw).strip().replace("\u00a0", " ")  # after the layout: glyphs take cells
        if not stripped:
            gap = True
            continue
        parts = _run_together(stripped) if few else None
        if parts:
            run_together = True
            lines.extend(Line(part.strip(), gap_before=True) for part in parts)
        else:
            # (past a wide gap, a bulleted item on a paragraph's line is another column's headline)
            side = _SIDE_ITEM.search(stripped) if _WIDE_GAP in stripped else None
            kept = stripped[: side.start()].rstrip() if side else stripped
            lines.append(Line(kept, indented=raw.startswith(_INDENT), gap_before=gap))
        gap = False
    return Parsed(lines=lines, kind="text", run_together=run_together)
