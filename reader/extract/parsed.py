"""The intermediate form both parsers produce and the cleaning stage consumes.

HTML (html.py) and plain text (text.py) are turned into the same thing: a sequence of
``Line`` objects in reading order, plus whatever structured metadata the format carries
(``<meta>`` tags, JSON fields). From there on one pipeline (clean.py, meta.py, assemble.py)
decides what is title, metadata, body or junk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..script import convert

FOLD = "tw2s"  # OpenCC: Traditional (Taiwan variants too) to Simplified, character by character

# Lines longer than this are cut before any pattern matching (never in stored text).
SCAN_LIMIT = 2000


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

    @property
    def link_density(self) -> float:
        n = len(self.text)
        return self.link_chars / n if n else 0.0

    @property
    def scan(self) -> str:
        return self.text[:SCAN_LIMIT]

    @property
    def folded(self) -> str:
        """``scan`` folded to Simplified and lower case: what phrase lists are matched on."""
        if self._folded is None:
            self._folded = convert(self.scan, FOLD).lower()
        return self._folded


def fold_lines(lines: list[Line]) -> None:
    """Fold every line's text in one OpenCC call (a call per line costs more than the folding).

    OpenCC converts line by line (no phrase spans a line break); should a line count ever
    differ, each line is folded on its own instead.
    """
    todo = [ln for ln in lines if ln._folded is None]
    if not todo:
        return
    folded = convert("\n".join(ln.scan.replace("\n", " ") for ln in todo), FOLD).lower().split("\n")
    if len(folded) != len(todo):
        return
    for ln, text in zip(todo, folded):
        ln._folded = text


@dataclass
class Parsed:
    lines: list[Line]
    kind: str  # "html" or "text"
    meta: dict[str, str] = field(default_factory=dict)  # published, url, author, account (self-media), site, description, lang (BCP 47)
    title_candidates: list[str] = field(default_factory=list)  # <title>, og:title, h1 ...
    # whether ``Line.in_content`` marks an article region: always for HTML (the parser's main
    # content), for text when region.article_region found a run of sentences
    has_region: bool = False
