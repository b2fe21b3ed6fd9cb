"""Highlights and notes out of the library: Markdown, W3C Web Annotation JSON-LD, Readwise CSV.

Pure functions of ``reader.library.types.Highlight`` lists. The quote, note and article fields
are hostile text: Markdown output is made inert (terminal escapes dropped, Markdown syntax at
line starts escaped), CSV cells without terminal escapes or formulas; JSON carries the text exactly (the
command prints it with controls escaped).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from reader.library.types import Highlight
from reader.textsafe import terminal_safe

FORMATS = ("markdown", "json", "readwise")
# Readwise's CSV import columns (readwise.io/import_bulk): Highlight is required
READWISE_COLUMNS = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", terminal_safe(text or ""))


def _target_source(h: Highlight) -> str:
    """The annotation's target: the article's URL, else a URN of its identity."""
    if h.url:
        return h.url
    return "urn:reader:" + h.identity


def markdown(items: Sequence[Highlight]) -> str:
    """One section per article (in the order first met), its quotes as block quotes with notes."""
    groups: dict[str, list[Highlight]] = {}
    for h in items:
        groups.setdefault(h.identity, []).append(h)
    out: list[str] = []
    for group in groups.values():
        first = group[0]
        out += [f"## {_md(first.title) or '(no headline)'}", ""]
        meta = [x for x in (first.source, (first.published or "")[:10], first.url) if x]
        if meta:
            out += [" · ".join(_md(x) for x in meta), ""]
        for h in group:
            if h.is_article_note:
                out += [f"Note: {_md(h.note)}", ""]
                continue
            out += ["> " + _md(h.exact).replace("\n", "\n> ")]
            if h.orphaned:
                out += ["> (no longer found in the article's text)"]
            out += [""]
            if h.note:
                out += [f"Note: {_md(h.note)}", ""]
    return "\n".join(out)


def web_annotations(items: Sequence[Highlight]) -> dict:
    """A W3C Web Annotation collection (JSON-LD): a TextQuoteSelector and a TextPositionSelector
    per highlight, the note as a TextualBody; an article note targets the whole article."""
    annotations = []
    for h in items:
        anno: dict = {
            "id": "urn:uuid:" + h.uid,
            "type": "Annotation",
            "created": h.created_at,
            "modified": h.updated_at,
            "motivation": "commenting" if h.is_article_note else "highlighting",
        }
        if h.note:
            anno["body"] = {"type": "TextualBody", "value": h.note, "format": "text/plain", "purpose": "commenting"}
        if h.is_article_note:
            anno["target"] = _target_source(h)
        else:
            selectors: list[dict] = [
                {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix}
            ]
            if h.start is not None and h.end is not None and not h.orphaned:
                selectors.append({"type": "TextPositionSelector", "start": h.start, "end": h.end})
            anno["target"] = {"source": _target_source(h), "selector": selectors}
        annotations.append(anno)
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "total": len(annotations),
        "first": {"type": "AnnotationPage", "items": annotations},
    }


def _cell(value) -> str:
    """A CSV cell a spreadsheet will not run: text that would start a formula (= + - @, or a
    tab or carriage return before one) gets a leading apostrophe, as OWASP advises."""
    text = terminal_safe(str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def readwise_csv(items: Sequence[Highlight]) -> str:
    """Readwise's CSV import columns; an article note goes in as a note on the title."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(READWISE_COLUMNS)
    for h in items:
        writer.writerow([_cell(cell) for cell in (
            h.exact or h.title or h.note,
            h.title,
            "、".join(h.authors) or (h.source or ""),
            h.url or "",
            h.note,
            "" if h.start is None else h.start,
            h.created_at[:19].replace("T", " "),
        )])
    return out.getvalue()


