"""The intermediate form both parsers produce and the cleaning stage consumes.

HTML (html.py) and plain text (text.py) are turned into the same thing: a sequence of
``Line`` objects in reading order, plus whatever structured metadata the format carries
(``<meta>`` tags, JSON fields). From there on one pipeline (clean.py, the line readers dates.py,
sources.py and people.py, assemble.py) decides what is title, metadata, body or junk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..script import convert
from .dates import find_dates

FOLD = "tw2s"  # OpenCC: Traditional (Taiwan variants too) to Simplified, character by character
FOLD_LIMIT = 300  # characters of a line folded; the rest of a long paragraph is never matched

# Lines longer than this are cut before any pattern matching (never in stored text).
SCAN_LIMIT = 2000


# icon-font glyphs (bullets, arrows, social icons drawn by a web font) live in the private-use
# area: they are no text in any reader's font
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def without_icon_glyphs(text: str) -> str:
    """``text`` without private-use characters: both parsers drop them before the cleaning stage
    reads a line."""
    return _PRIVATE_USE.sub("", text)


@dataclass
class Line:
    text: str
    # "text" (ordinary line), "heading" (h1-h6 / a short emphasised line), "title" (h1)
    tag: str = "text"
    link_chars: int = 0  # characters of the line inside <a> elements (HTML only)
    in_content: bool = True  # inside the main-content region chosen by the parser
    emphasised: bool = False  # whole line in <strong>/<b> (HTML subheading hint)
    indented: bool = False  # plain text: line starts with indentation
    gap_before: bool = False  # plain text: a blank line precedes it
    _folded: str | None = field(default=None, repr=False, compare=False)
    _letters: str | None = field(default=None, repr=False, compare=False)
    _dates: list | None = field(default=None, repr=False, compare=False)

    @property
    def link_density(self) -> float:
        n = len(self.text)
        return self.link_chars / n if n else 0.0

    @property
    def scan(self) -> str:
        return self.text[:SCAN_LIMIT]

    @property
    def folded(self) -> str:
        """The line's first ``FOLD_LIMIT`` characters folded to Simplified and lower case: what
        phrase lists are matched on (furniture is short, or shows in a line's first words)."""
        if self._folded is None:
            self._folded = convert(self.scan[:FOLD_LIMIT], FOLD).lower()
        return self._folded


    @property
    def letters(self) -> str:
        """``scan`` without whitespace, punctuation and symbols (letters and digits), computed once."""
        if self._letters is None:
            self._letters = _NOT_LETTER_OR_DIGIT.sub("", self.scan)
        return self._letters

    @property
    def letter_count(self) -> int:
        return len(self.letters)

    @property
    def key(self) -> str:
        """A comparison key: the letters of the first 400 characters, lower case."""
        return _NOT_LETTER_OR_DIGIT.sub("", self.scan[:400]).lower() if len(self.scan) > 400 else self.letters.lower()

    @property
    def dates(self) -> list:
        """``find_dates(scan)``, computed once (the stages ask about the same lines)."""
        if self._dates is None:
            self._dates = find_dates(self.scan)
        return self._dates


_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")  # \w is exactly Unicode categories L* and N*, plus _


def fold_lines(lines: list[Line]) -> None:
    """Fold every line's text in one OpenCC call (a call per line costs more than the folding).

    OpenCC converts line by line (no phrase spans a line break); should a line count ever
    differ, each line is folded on its own instead.
    """
    todo = [ln for ln in lines if ln._folded is None]
    if not todo:
        return
    folded = convert("\n".join(ln.scan[:FOLD_LIMIT].replace("\n", " ") for ln in todo), FOLD).lower().split("\n")
    if len(folded) != len(todo):
        return
    for ln, text in zip(todo, folded):
        ln._folded = text


@dataclass
class PhotoAnchor:
    """Where an article photo stands among the lines (HTML only; see images.py)."""

    src: str  # as the page wrote it (a data: image as its ``images.embedded_key``)
    line: int  # index of the line after it (``len(lines)``: after the last)
    in_content: bool = True  # inside the main-content region, as for lines
    caption: int | None = None  # index of the line that is its caption


@dataclass
class Parsed:
    lines: list[Line]
    kind: str  # "html" or "text"
    meta: dict[str, str] = field(default_factory=dict)  # published, url, author, account (self-media), site, description, lang (BCP 47)
    title_candidates: list[str] = field(default_factory=list)  # <title>, og:title, h1 ...
    # whether ``Line.in_content`` marks an article region: always for HTML (the parser's main
    # content), for text when region.article_region found a run of sentences
    has_region: bool = False
    # a page whose text was run together on one line, cut back into lines at its spaces
    # (text.py): a headline with a space in it ("主题 副题") stands as two lines
    run_together: bool = False
    photos: list[PhotoAnchor] = field(default_factory=list)  # in reading order
    # HTML: whether line k stands in a navigation, sidebar, footer or comments box (by its class);
    # asked only of a few lines, so answered lazily
    is_aside: Callable[[int], bool] = field(default=lambda k: False, repr=False, compare=False)
