"""Extraction: decoded text -> cleaned Article(s).

``extract(text, kind, hints)`` is the only entry point. HTML (html.py) and plain text (text.py)
become lines; JSON/JSONL records (jsonfmt.py) become lines plus fields; all of them then pass
through the same stage (assemble.py + clean.py + the line readers: dates.py, sources.py,
people.py). Manifest hints override what the page says; ``hints.source`` is used only when the
page names no source.

Raises ``ContentError`` (with the reason) for empty or binary text, pages without article text and
invalid JSON records. Text is never interpreted: markup inside a plain-text or JSON body stays text.
Limits: libxml2 drops text nested deeper than ~255 elements (such pages raise "no article text").
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import ContentError
from ..model import Article, ArticleHints, DocumentKind
from .assemble import assemble
from .html import parse_html
from .jsonfmt import parse_json
from .markdown import parse_markdown
from .dates import parse_date
from .text import parse_text

__all__ = ["extract", "extract_records"]


def extract(text: str, kind: DocumentKind, hints: ArticleHints | None = None) -> list[Article]:
    """Every article in the document; the first record without an article raises its ContentError."""
    articles = []
    for item in extract_records(text, kind, hints):
        if isinstance(item, ContentError):
            raise item
        articles.append(item)
    return articles


def extract_records(
    text: str, kind: DocumentKind, hints: ArticleHints | None = None
) -> Iterator[Article | ContentError]:
    """Each article of the document, or a ContentError for each JSON record that has none.

    A whole document that is unusable (empty, binary, not JSON at all) raises ContentError.
    """
    hints = hints or ArticleHints()
    if not isinstance(text, str):
        raise ContentError("document is not text")
    if "\x00" in text[:4096]:
        raise ContentError("document looks binary (NUL characters)")
    if not text.strip():
        raise ContentError("document is empty")
    if kind == "html":
        yield assemble(parse_html(text), hints)
    elif kind == "text":
        yield assemble(parse_text(text), hints)
    elif kind == "markdown":
        yield assemble(parse_markdown(text), hints)
    elif kind in ("json", "jsonl"):
        for item in parse_json(text, kind):
            if isinstance(item, ContentError):
                yield item
                continue
            try:
                yield _json_article(*item, hints, kind)
            except ContentError as error:
                yield error
    else:
        raise ContentError(f"unknown document kind: {kind!r}")


def _json_article(parsed, fields: dict, hints: ArticleHints, kind: DocumentKind) -> Article:
    rec_hints = ArticleHints(
        url=fields.get("url"),
        title=fields.get("title"),
        published=fields.get("published"),
        authors=tuple(fields["authors"]) if fields.get("authors") else None,
        source=fields.get("source"),
    )
    art = assemble(parsed, rec_hints)
    # the record's own title/date/authors, then the manifest's hints on top
    if fields.get("editor"):
        art.editor = fields["editor"]
    if fields.get("breadcrumb"):
        art.breadcrumb = fields["breadcrumb"]
    # a .json file is one manifest entry: its hints override the record; a .jsonl file holds
    # many articles, so per-article fields cannot come from one manifest entry
    if kind == "json":
        if hints.title:
            art.title = hints.title
        if hints.url:
            art.url = hints.url
        if hints.published:
            art.published = parse_date(hints.published) or hints.published
        if hints.authors is not None:
            art.authors = list(hints.authors)
    if not art.source and hints.source:
        art.source = hints.source
    return art
