"""The data that flows through the import pipeline.

bundle (RawDocument) -> decode (str) -> extract (Article) -> library (stored rows).
These dataclasses are the only contract between the stages; none of them knows about
SQLite, HTML parsing or Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

DocumentKind = Literal["text", "html", "json", "jsonl", "markdown"]
BlockKind = Literal["paragraph", "subheading", "share", "photo"]


@dataclass(frozen=True)
class ArticleHints:
    """What a bundle's manifest says about one article. Set values override extraction."""

    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    authors: tuple[str, ...] | None = None
    encoding: str | None = None
    source: str | None = None  # the bundle publisher, used when the page names none
    language: str | None = None  # BCP 47, e.g. zh-Hant
    # What a container says of its entry (a feed item, an EPUB chapter, a WARC record)
    container: str | None = None  # the format it came from: "jsonl", "rss", "epub", "warc"...
    entry: str | None = None  # where in the container: line, item guid or link, href, record URI
    tags: tuple[str, ...] | None = None  # the container's categories or tags
    read: bool | None = None  # read state the container kept (newsboat, wallabag)
    bookmarked: bool | None = None  # starred or flagged in the container
    excerpt: bool | None = None  # only a summary of the article (a summary-only feed item)
    # highlights and notes the container kept, as JSON text, for the highlights feature
    # (wallabag: [{"quote": ..., "text": ..., "ranges": [...]}]); a string keeps the hints flat
    annotations: str | None = None
    # Where a saved page was fetched from (WARC-Target-URI, MHTML Content-Location, SingleFile's
    # url): the article's URL only when the page declares no canonical one (``url`` always wins)
    fetched_url: str | None = None
    # when the page was saved, or the book holding it made (ISO 8601): its date only if it shows none
    saved: str | None = None


@dataclass(frozen=True)
class RawDocument:
    """One article file as read from a bundle: its original bytes and where it came from."""

    name: str  # path inside the bundle, used in messages and to find manifest entries
    data: bytes
    kind: DocumentKind
    hints: ArticleHints = field(default_factory=ArticleHints)
    # The bytes of a resource the document refers to (an image), by its reference resolved
    # against the document (``resolve_reference``); None when the container does not hold it.
    # Filled by containers that carry resources (folders, archives, MHTML, EPUB, WARC).
    resources: Callable[[str], bytes | None] | None = field(default=None, compare=False, repr=False)

    def __reduce__(self):
        # import workers get the document without ``resources`` (a container's closure does not
        # pickle); photos are resolved in the importing process, which keeps the original
        return (RawDocument, (self.name, self.data, self.kind, self.hints))


@dataclass(frozen=True)
class Block:
    """One piece of an article body, in reading order.

    ``share`` marks where the page's "scan to share" widget stood; its text is empty.
    ``photo`` is one of the article's photos: ``text`` is its caption ("" when none) and
    ``src`` the image reference as the page gave it, resolved against the document's URL or
    name (the key the library files its bytes under).
    """

    kind: BlockKind
    text: str = ""
    src: str | None = None


def body_text(blocks: Sequence[Block]) -> str:
    """What the reader reads, blocks separated by blank lines: paragraphs, subheadings and photo
    captions. Captions are in because they are shown and searched like the prose around them,
    and highlight and position offsets count what is shown."""
    return "\n\n".join(b.text for b in blocks if b.kind != "share" and b.text)


def prose_text(blocks: Sequence[Block]) -> str:
    """``body_text`` without photo captions: reading time (a caption is glanced at, not read
    at reading speed) and the dedupe key (the same story saved with or without its photos is
    one article) are computed from it."""
    return "\n\n".join(b.text for b in blocks if b.kind not in ("share", "photo") and b.text)


@dataclass
class Article:
    """A cleaned article: the junk is gone, the metadata is found."""

    title: str
    blocks: list[Block]
    published: str | None = None  # ISO 8601: "2021-12-29" or "2021-12-29T10:20:00[+08:00]"
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    breadcrumb: list[str] = field(default_factory=list)
    url: str | None = None

    @property
    def body(self) -> str:
        """Plain text of the body (``body_text``): paragraphs, subheadings and captions."""
        return body_text(self.blocks)
