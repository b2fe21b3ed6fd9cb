"""Where a highlight sits in a text, in the W3C Web Annotation model's terms. Pure: no SQL.

A highlight is stored as a ``TextQuoteSelector`` (the exact passage with up to
``CONTEXT`` characters before and after it) and a ``TextPositionSelector`` (its offsets when it
was made) used only as a hint. Placing it in a text that has changed since (``reader
reindex`` dropped a junk line above it, fixed a title) tries, in order:

1. the hint, if the passage is still there;
2. every occurrence of the passage, scored by how much of the prefix and suffix agree and by
   the distance from the hint (a passage quoted twice in an article goes to the right one);
3. a passage that itself changed a little (a junk phrase cut out of it): its first and last
   few characters found in order, about the same length, similar enough (difflib);

else it cannot be placed (orphaned: kept, listed, never drawn). All comparisons are on text
folded by ``reader.script.normalise_for_search`` (script, width, case), so a highlight made on
the Traditional text is placed on the Simplified one and back.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from reader.script import normalise_for_search

CONTEXT = 32
_EDGE = 6  # characters of each end of a changed passage looked for (step 3)
_SIMILAR = 0.75


@dataclass(frozen=True)
class Quote:
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None


def quote(text: str, start: int, end: int) -> Quote:
    """The selectors of ``text[start:end]``."""
    return Quote(text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], start, end)


class _Folded:
    """A text folded for comparison, with the map back to the original's offsets."""

    def __init__(self, text: str):
        folded = normalise_for_search(text)
        if len(folded) == len(text):
            self.text, self._map = folded, None
        else:  # a fold that changed the length: fold character by character to keep a map
            pieces, offsets = [], []
            for i, ch in enumerate(text):
                n = normalise_for_search(ch)
                pieces.append(n)
                offsets.extend([i] * len(n))
            offsets.append(len(text))
            self.text, self._map = "".join(pieces), offsets
        self._length = len(text)

    def original(self, offset: int) -> int:
        if self._map is None:
            return offset
        return self._map[offset] if offset < len(self._map) else self._length

    def folded(self, offset: int) -> int:
        """The folded offset of an original one (the first folded character at or after it)."""
        if self._map is None:
            return offset
        for i, original in enumerate(self._map):
            if original >= offset:
                return i
        return len(self.text)


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def place(text: str, q: Quote) -> tuple[int, int] | None:
    """Original offsets of the quote in ``text``, or None when it cannot be placed."""
    exact = normalise_for_search(q.exact)
    if not exact.strip():
        return None
    folded = _Folded(text)
    hay = folded.text
    if q.start is not None and q.end is not None:
        hint = folded.folded(q.start)
        if hay[hint : hint + len(exact)] == exact:
            return folded.original(hint), folded.original(hint + len(exact))
    prefix, suffix = normalise_for_search(q.prefix), normalise_for_search(q.suffix)
    hint = folded.folded(q.start) if q.start is not None else 0
    best: tuple[float, int] | None = None
    at = hay.find(exact)
    while at != -1:
        context = _common_suffix(hay[max(0, at - len(prefix)) : at], prefix)
        context += _common_prefix(hay[at + len(exact) : at + len(exact) + len(suffix)], suffix)
        score = context - abs(at - hint) / (len(hay) + 1)
        if best is None or score > best[0]:
            best = (score, at)
        at = hay.find(exact, at + 1)
    if best is not None:
        return folded.original(best[1]), folded.original(best[1] + len(exact))
    changed = _changed_passage(hay, exact)
    if changed is None:
        return None
    return folded.original(changed[0]), folded.original(changed[1])


def _changed_passage(hay: str, exact: str) -> tuple[int, int] | None:
    """Step 3: a passage whose ends are still there, in order, about as long and as similar."""
    if len(exact) < 3 * _EDGE:
        return None
    head, tail = exact[:_EDGE], exact[-_EDGE:]
    low, high = int(len(exact) * 0.75), int(len(exact) * 1.25) + 1
    best: tuple[float, int, int] | None = None
    start = hay.find(head)
    while start != -1:
        end = hay.find(tail, start + low - _EDGE)
        while end != -1 and end + _EDGE - start <= high:
            ratio = SequenceMatcher(None, hay[start : end + _EDGE], exact, autojunk=False).ratio()
            if ratio >= _SIMILAR and (best is None or ratio > best[0]):
                best = (ratio, start, end + _EDGE)
            end = hay.find(tail, end + 1)
        start = hay.find(head, start + 1)
    return None if best is None else (best[1], best[2])
