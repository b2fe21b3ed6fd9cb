"""Untrusted article text made safe for HTML and XHTML, shared by the EPUB chapters and the pages
``reader serve`` sends: one place that decides what is removed and what is escaped.

``clean`` drops what the reader pane drops (terminal escapes, controls, bidi overrides) and what
XML 1.0 forbids (lone surrogates, U+FFFE, U+FFFF); ``text`` then escapes ``& < >`` and both
quotes, so one function serves character data and quoted attribute values alike and no article
text reads as markup even to a byte scan. ``marked`` writes a block with its highlights.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reader.export.presenting import ShownBlock
from reader.textsafe import terminal_safe

_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
_QUOTES = {'"': "&quot;", "'": "&#39;"}


def clean(value: str | None) -> str:
    """Untrusted text with the characters a page must not hold removed (not yet escaped)."""
    return _NOT_XML.sub("", terminal_safe(value or ""))


def text(value: str | None) -> str:
    """Untrusted text, cleaned and escaped for character data or a quoted attribute value."""
    return escape(clean(value), _QUOTES)


def marked(block: ShownBlock, following: ShownBlock | None = None) -> tuple[str, list[str]]:
    """The block's text escaped with its highlights in ``<mark>``, and the notes to show after
    it: those of the highlights that end in it (one that runs on into ``following`` gets its
    note there)."""
    inner, notes = [], []
    for piece, mark in block.pieces():
        if mark is None:
            inner.append(text(piece))
            continue
        inner.append(f"<mark>{text(piece)}</mark>")
        runs_on = mark.end == len(block.text) and following is not None and any(
            m.start == 0 and m.note == mark.note for m in following.marks)
        if mark.note and not runs_on:
            notes.append(mark.note)
    return "".join(inner), notes
