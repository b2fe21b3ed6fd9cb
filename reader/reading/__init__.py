"""Reading aids: words, their readings and their dictionary entries, for the CLI and the TUI.

No Textual here, and nothing heavy at import: pypinyin (0.2 s) and CC-CEDICT (0.3 s) load on
first use, or when ``load()`` is called, which a TUI does in a worker before the first key.

- ``segment``: ``Segmentation(text)`` and its ``word_at``, ``next_word``, ``previous_word``,
  ``words(start, end)``; ``words(text)`` and ``word_at(text, offset)`` for one-off questions.
- ``readings``: ``reading(word, style)`` in pinyin, zhuyin or Jyutping.
- ``dictionary``: ``lookup(word)`` in either script, ``info()``, ``ATTRIBUTION``.
- here: ``annotate``, ``annotated_text`` for whole texts, ``credits`` for the panel and README.

A word panel: ``load(style)`` in a worker at start; a ``Segmentation`` of each displayed text
(in the script shown: offsets are into that text) when an article opens; at each key
``next_word``/``previous_word``/``word_at``, ``reading(word.text, style)``, ``dictionary.lookup``
with ``numbered_to(entry.pinyin, style)`` for each entry (0.8 ms at p95, benchmarks/
reading_aids.py). Measure readings with ``rich.cells.cell_len``: zhuyin letters are two cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.reading import dictionary
from reader.reading.readings import (
    JYUTPING_ATTRIBUTION,
    PYPINYIN_ATTRIBUTION,
    STYLES,
    Style,
    check_style,
    numbered_to,
    reading,
)
from reader.reading.segment import Segmentation, Word, word_at, words

__all__ = [
    "STYLES", "Reading", "Segmentation", "Style", "Word", "annotate", "annotated_text",
    "check_style", "credits", "dictionary", "load", "numbered_to", "reading", "reading_line", "word_at", "words",
]


@dataclass(frozen=True, slots=True)
class Reading:
    """A word of a text with its reading: what ``reader show --annotate --json`` lists."""

    word: str
    start: int
    end: int
    reading: str


def load(style: Style = "pinyin") -> None:
    """Load the data that ``style`` needs now, so that the first key does not wait for it."""
    dictionary.load()
    reading("中", style)


def annotate(text: str, style: Style = "pinyin") -> list[Reading]:
    """Every word of ``text`` with its reading."""
    return [Reading(w.text, w.start, w.end, reading(w.text, style)) for w in words(text)]


def annotated_text(text: str, style: Style = "pinyin") -> str:
    """``text`` with each word's reading after it in brackets: 银行(yín háng)."""
    out, at = [], 0
    for item in annotate(text, style):
        out.append(f"{text[at:item.end]}({item.reading})")
        at = item.end
    out.append(text[at:])
    return "".join(out)


def reading_line(text: str, style: Style = "pinyin") -> str:
    """The readings of ``text``'s words, a word apart: a title's pronunciation on one line. A
    word's syllables are joined by no-break spaces, so a line wrapped at spaces keeps them together."""
    return "  ".join(reading(w.text, style).replace(" ", "\u00a0") for w in words(text))


def credits(style: Style = "pinyin") -> list[str]:
    """The attribution lines that the readings of ``style`` and the definitions owe."""
    lines = [JYUTPING_ATTRIBUTION if style == "jyutping" else PYPINYIN_ATTRIBUTION]
    if dictionary.load():
        lines.append(dictionary.ATTRIBUTION)
    return lines
