"""What a line looks like, asked by every part of the assembly (title, header zone, body, dates):
its letters, a comparison key, whether it is metadata or a paragraph of running text."""

from __future__ import annotations

import re

from . import clean, meta
from .parsed import SCAN_LIMIT, Line

SENTENCE_END = re.compile(r"[。！？!?；;：:，,…」”\"]$")
HAS_SENTENCE = re.compile(r"[。！？!?；;，,]")
CLAUSE_END = re.compile(r"[。；;：:，,]$")  # a title may end with ？ or ！, not with these


def letters(s: str) -> int:
    """Letters and digits in s, counted on a bounded prefix (only thresholds depend on it)."""
    return len(clean._letters(s[:SCAN_LIMIT]))


def norm(s: str) -> str:
    """A comparison key: letters of a bounded prefix, plus the length when longer."""
    key = clean._letters(s[:SCAN_LIMIT]).lower()
    return key if len(s) <= SCAN_LIMIT else f"{key}#{len(s)}"


def is_meta_line(text: str) -> bool:
    s = text[:300]
    return bool(
        meta.find_dates(s) or meta.find_source(s) or meta.find_authors(s) or meta.find_editor(s)
        or meta.find_breadcrumb(s)
    )


def paragraph_like(line: Line) -> bool:
    n = line.letter_count
    if n >= 60:
        return True
    if n < 15 or not HAS_SENTENCE.search(line.scan):
        return False
    if "。" in line.scan or not is_meta_line(line.scan):
        return True
    # a lead opening with its tag: "【看中国2005年07月03日报道】一九八九年四月，我在…" (text after the tag)
    tag = meta._TAG_SOURCE.match(line.scan)
    return bool(tag) and letters(line.scan[tag.end():]) >= 10 and bool(HAS_SENTENCE.search(line.scan[tag.end():]))
