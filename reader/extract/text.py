"""Scraped plain text -> lines (indentation and blank-line structure kept as hints)."""

from __future__ import annotations

from .parsed import Line, Parsed

_INDENT = (" ", "\t", "\u3000", "\u00a0")


def parse_text(text: str) -> Parsed:
    lines: list[Line] = []
    gap = False
    for raw in text.splitlines():
        stripped = raw.strip().replace("\u00a0", " ")
        if not stripped:
            gap = True
            continue
        lines.append(Line(stripped, indented=raw.startswith(_INDENT), gap_before=gap))
        gap = False
    return Parsed(lines=lines, kind="text")
