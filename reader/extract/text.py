"""Scraped plain text -> lines (indentation and blank-line structure kept as hints).

A page whose text was run together on one line (the block structure lost, spaces left where the
line breaks were: one class of scraped page) is cut back into lines at those spaces.
"""

from __future__ import annotations

import re

from .layout import reading_order
from .parsed import Line, Parsed, without_icon_glyphs

_INDENT = (" ", "\t", "\u3000", "\u00a0")
RUN_TOGETHER = 300  # characters of a line that may be a page run together
_BLOCK_SPACE = re.compile(r"(?<=[^\x00-\x7f])[ \u3000]+|[ \u3000]+(?=[^\x00-\x7f])")  # not between Latin words
_MIN_PARTS = 6
_SHORT_PART = 12  # nav words, channel names, dates: the short pieces a whole page is full of
_SHORT_SHARE = 0.3


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


def _run_together(text: str) -> list[str] | None:
    """The lines of a page run together on one line, or None for a line that is only long.

    A paragraph may hold a few spaces; a page run together holds many, and many of its pieces
    are short (navigation, channel names, dates, bylines).
    """
    if len(text) < RUN_TOGETHER:
        return None
    parts = [p for p in _split_at_block_spaces(text) if p.strip()]
    if len(parts) < _MIN_PARTS or sum(len(p) <= _SHORT_PART for p in parts) < _SHORT_SHARE * len(parts):
        return None
    return parts


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
            lines.append(Line(stripped, indented=raw.startswith(_INDENT), gap_before=gap))
        gap = False
    return Parsed(lines=lines, kind="text", run_together=run_together)
