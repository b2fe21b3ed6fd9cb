"""An article as the outside world gets it (the web page for phones, the EPUB chapter): its text
in the chosen script, share blocks dropped, and the user's highlights placed in that text.

The stored highlights are anchored to the stored body; converting the script may change the
text's length (``s2twp`` turns 软件 into 軟體), so each highlight is placed again in the shown
text by its quote and context (``reader.library.anchoring``), as the reader pane does. Nothing
here knows about HTML: the writers escape every string they take from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.library.anchoring import Quote, place
from reader.script import to_display, ui_label

SHOWN_KINDS = ("paragraph", "subheading", "photo")
LABELS = ("作者", "編輯", "筆記", "原文")


@dataclass(frozen=True)
class Mark:
    """A highlighted span ``[start, end)`` of one block's text, with the highlight's note."""

    start: int
    end: int
    note: str = ""


@dataclass
class ShownBlock:
    kind: str  # paragraph | subheading | photo (text: its caption)
    text: str
    marks: list[Mark] = field(default_factory=list)
    photo: object | None = None  # a photo's ``reader.library.Photo``; None: not in the library (caption only)

    def pieces(self) -> list[tuple[str, Mark | None]]:
        """The text cut at the marks: ``(text, mark or None)`` in order, marks never overlapping."""
        out: list[tuple[str, Mark | None]] = []
        at = 0
        for mark in sorted(self.marks, key=lambda m: (m.start, -m.end)):
            start = max(mark.start, at)
            if start >= mark.end:
                continue  # inside an earlier mark
            if start > at:
                out.append((self.text[at:start], None))
            out.append((self.text[start : mark.end], mark))
            at = mark.end
        if at < len(self.text):
            out.append((self.text[at:], None))
        return out


@dataclass
class Presented:
    id: int
    title: str  # converted; "" when the page had no headline
    name: str  # the file it came from, shown instead of a missing headline
    published: str | None
    source: str
    authors: list[str]
    editor: str
    breadcrumb: list[str]
    url: str | None
    script: str  # the script of the shown text: traditional | simplified | the article's own
    language: str  # BCP 47 of the shown text: zh-Hant | zh-Hans | zh
    blocks: list[ShownBlock]
    notes: list[str]  # notes on the whole article
    tags: list[str]
    labels: dict[str, str]  # reader's own labels (作者, 編輯, 目錄...) in the shown script

    @property
    def heading(self) -> str:
        return self.title or self.name

    def meta_line(self) -> str:
        """Date · source · 作者 … · 編輯 … in the shown script (plain text)."""
        parts = [p for p in ((self.published or "")[:10], self.source) if p]
        if self.authors:
            parts.append(f"{self.label('作者')} {'、'.join(self.authors)}")
        if self.editor:
            parts.append(f"{self.label('編輯')} {self.editor}")
        return " · ".join(parts)

    def label(self, traditional: str) -> str:
        return self.labels.get(traditional, traditional)


def language_of(script: str) -> str:
    return {"traditional": "zh-Hant", "simplified": "zh-Hans"}.get(script, "zh")


def present(article, highlights: Sequence = (), script: str = "original", standard: str = "tw",
            photos: Sequence = ()) -> Presented:
    """``article``: a ``StoredArticle``; ``highlights``: its ``Highlight`` rows (orphans skipped);
    ``photos``: its ``Library.photos`` (a photo block without one shows its caption only)."""
    shown_script = article.script if script == "original" else script

    def conv(text: str | None) -> str:
        return to_display(text, script, article.script, standard) if text else ""

    stored = {p.position: p for p in photos}
    blocks = [ShownBlock(b.kind, conv(b.text), photo=stored.get(position))
              for position, b in enumerate(article.blocks)
              if b.kind in SHOWN_KINDS and (b.text or position in stored)]
    starts, at = [], 0
    for block in blocks:  # offsets into the body text (``reader.model.body_text``: blocks with text)
        starts.append(at)
        at += len(block.text) + 2 if block.text else 0
    text = "\n\n".join(b.text for b in blocks if b.text)
    notes = []
    for h in highlights:
        if not h.exact:
            if h.note:
                notes.append(h.note)  # the user's own words, as written
            continue
        if h.orphaned:
            continue
        spot = place(text, Quote(h.exact, h.prefix, h.suffix))
        if spot is None:
            continue
        for block, start in zip(blocks, starts):
            end = start + len(block.text)
            if spot[1] > start and spot[0] < end:
                block.marks.append(Mark(max(spot[0], start) - start, min(spot[1], end) - start, h.note))
    return Presented(
        id=article.id,
        title=conv(article.title),
        name=article.name,
        published=article.published,
        source=conv(article.source),
        authors=[conv(a) for a in article.authors],
        editor=conv(article.editor),
        breadcrumb=[conv(b) for b in article.breadcrumb],
        url=article.url,
        script=shown_script,
        language=language_of(shown_script),
        blocks=blocks,
        notes=notes,
        tags=[conv(t) for t in article.tags],
        labels={t: ui_label(t, script, article.script, standard) for t in LABELS},
    )
