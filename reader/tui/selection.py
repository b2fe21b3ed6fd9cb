"""Moving a selection's end through Chinese text by character, phrase and sentence. Pure.

A phrase ends at a comma-like mark (，、；：), a sentence at an end mark (。！？…), with their
ASCII forms; Latin text moves by words for a phrase. No segmenter is needed: these are the
units a reader quotes by.
"""

from __future__ import annotations

import re

SENTENCE_END = "。！？!?…\n"
PHRASE_END = SENTENCE_END + "，、；：,;:"
_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+")

UNITS = ("char", "phrase", "sentence")


def _ends(unit: str) -> str:
    return SENTENCE_END if unit == "sentence" else PHRASE_END


def move_end(text: str, start: int, end: int, unit: str, forward: bool) -> int:
    """The selection ``text[start:end]`` with its end moved one ``unit``; never before start + 1."""
    if unit == "char":
        new = end + 1 if forward else end - 1
    elif forward:
        new = _next_boundary(text, end, unit)
    else:
        new = _previous_boundary(text, start, end, unit)
    new = max(start + 1, min(len(text), new))
    while new < len(text) and text[new - 1] == "\n" and new - 1 > start:  # never end on a paragraph break
        new -= 1
    return new


def _next_boundary(text: str, end: int, unit: str) -> int:
    marks = _ends(unit)
    at = end
    while at < len(text) and text[at] in marks:  # already at a boundary: to the next one
        at += 1
    if unit == "phrase":
        word = _WORD.match(text, at)
        if word:  # Latin text: a word at a time
            return word.end()
    while at < len(text) and text[at] not in marks:
        at += 1
    return at + 1 if at < len(text) and text[at] != "\n" else at


def _previous_boundary(text: str, start: int, end: int, unit: str) -> int:
    marks = _ends(unit)
    at = end - 1
    while at > start and text[at - 1] in marks:
        at -= 1
    while at > start and text[at - 1] not in marks:
        at -= 1
    return at


def first_sentence(text: str, at: int = 0) -> tuple[int, int]:
    """The sentence that starts at or after ``at`` (skipping breaks and spaces)."""
    while at < len(text) and text[at] in " \n\u3000":
        at += 1
    return at, move_end(text, at, at, "sentence", True)
