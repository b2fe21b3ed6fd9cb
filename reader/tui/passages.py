"""The article body as the reader pane shows it, for highlights and selections.

The pane shows paragraphs cleaned and converted to the chosen script, so offsets into the
stored body (where highlights are anchored) and into what is on screen differ. Rather than
tracking every transformation, both directions go through ``reader.library.anchoring``: a
stored highlight is placed in the shown text by its quote and context, and a passage selected
on screen is placed back in the stored body the same way (both fold scripts).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from reader.library.anchoring import Quote, place, quote

BODY_KINDS = ("paragraph", "subheading")


class ShownBody:
    """The shown body paragraphs of the pane's sections joined as the stored body is ("\\n\\n"),
    with where each paragraph starts."""

    def __init__(self, sections: Sequence[Any]):
        self.table: list[tuple[Any, int, int]] = []  # (section, para index, start in text)
        pieces: list[str] = []
        at = 0
        for section in sections:
            for index, para in enumerate(section.paras):
                if para.kind not in BODY_KINDS:
                    continue
                if pieces:
                    at += 2
                self.table.append((section, index, at))
                pieces.append(para.text)
                at += len(para.text)
        self.text = "\n\n".join(pieces)

    def offset_of(self, section: Any, para: int, offset: int) -> int | None:
        for s, index, start in self.table:
            if s is section and index == para:
                return start + offset
        return None

    def pieces(self, start: int, end: int) -> list[tuple[Any, int, int, int]]:
        """(section, para, start, end) of each shown paragraph a span of ``text`` covers."""
        out = []
        for section, index, para_start in self.table:
            para_end = para_start + len(section.paras[index].text)
            if end > para_start and start < para_end:
                out.append((section, index, max(start, para_start) - para_start, min(end, para_end) - para_start))
        return out

    def place_all(self, quotes: Iterable[Any]) -> list[tuple[Any, int, int, int]]:
        """Where stored highlights (objects with exact/prefix/suffix) fall in the shown text."""
        out: list[tuple[Any, int, int, int]] = []
        for q in quotes:
            if not q.exact or q.orphaned:
                continue
            spot = place(self.text, Quote(q.exact, q.prefix, q.suffix))
            if spot is not None:
                out.extend(self.pieces(*spot))
        return out

    def to_body(self, body: str, start: int, end: int) -> tuple[int, int] | None:
        """Offsets into the stored ``body`` of the shown passage ``text[start:end]``."""
        shown = quote(self.text, start, end)
        return place(body, Quote(shown.exact, shown.prefix, shown.suffix))
