"""Plain data returned by the library API. No SQL, no UI concerns."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.errors import UsageError
from reader.model import Block, body_text
from reader.script import Script


class NoSuchArticle(UsageError):
    """An article id that is not in the library (exit 2: the user typed it)."""

    def __init__(self, article_id: object):
        super().__init__(f"no article with id {article_id}")
        self.article_id = article_id


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles to list or search.

    ``source`` compares in search-normalised form (so 南方日报 finds 南方日報); ``after`` keeps
    articles published on or after the date, ``before`` those published strictly before it
    (ISO dates, ``YYYY-MM-DD``). Articles without a date are dropped by either date filter.
    """

    bundle_id: int | None = None
    source: str | None = None
    unread: bool = False
    bookmarked: bool = False
    after: str | None = None
    before: str | None = None
    # a tag in either script (台灣 finds articles tagged 台湾)
    tag: str | None = None
    # a query in the search language (``reader.library.search``), as a filter: the articles it
    # matches, newest first. Saved searches are filters of this kind. Filters only
    # (``tag:港澳 source:新华社``) are allowed here, unlike in a search.
    query: str | None = None


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    title: str
    published: str | None
    source: str | None
    url: str | None
    script: Script
    read: bool
    bookmarked: bool
    bundle_id: int
    # no headline was found: ``title`` is then the name of the file the article came from
    untitled: bool = False
    tags: tuple[str, ...] = ()
    reading_minutes: int = 0
    # how far the reader got (0..1); None: never opened
    progress: float | None = None


@dataclass
class StoredArticle:
    """An article as stored: the extracted fields plus library state."""

    id: int
    title: str
    blocks: list[Block]
    published: str | None
    source: str | None
    authors: list[str]
    editor: str | None
    breadcrumb: list[str]
    url: str | None
    script: Script
    read: bool
    bookmarked: bool
    bundle_id: int
    name: str  # the file inside its bundle this article came from
    document_id: int = 0
    bundle_label: str = ""
    tags: tuple[str, ...] = ()
    reading_minutes: int = 0

    @property
    def body(self) -> str:
        return body_text(self.blocks)

    @property
    def untitled(self) -> bool:
        """No headline was found on the page (``name`` is what to show instead, muted)."""
        return not self.title


@dataclass(frozen=True)
class SearchHit:
    """One search result.

    ``snippet`` is a single line of the ORIGINAL body text (newlines turned into spaces);
    ``spans`` are ``(start, end)`` offsets into ``snippet`` of the matched terms;
    ``title_spans`` the same for ``summary.title``. ``rank`` is bm25 (lower is better).
    """

    summary: ArticleSummary
    snippet: str
    spans: tuple[tuple[int, int], ...] = ()
    title_spans: tuple[tuple[int, int], ...] = ()
    rank: float = 0.0


@dataclass(frozen=True)
class BundleInfo:
    id: int
    identity: str
    label: str
    title: str | None
    publisher: str | None
    language: str | None
    created: str | None
    imported_at: str
    articles: int = 0


@dataclass
class BundleResult:
    """What importing one bundle did."""

    bundle_id: int | None
    label: str
    imported: int = 0
    duplicates: int = 0
    skipped: bool = False  # already in the library: nothing done
    failed: list[tuple[str, str]] = field(default_factory=list)
    photos_refused: list[tuple[str, str]] = field(default_factory=list)  # (file, why): the article went in


@dataclass(frozen=True)
class TagCount:
    name: str  # as first written
    key: str  # folded across scripts: the tag's identity
    count: int


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str
    count: int = 0
    unread: int = 0


@dataclass(frozen=True)
class Position:
    """Where the reader left an article: a character offset into its body, and how far through."""

    offset: int
    fraction: float
    updated_at: str


@dataclass(frozen=True)
class Highlight:
    """A highlighted passage (or, with ``exact`` empty, a note on the whole article).

    ``start``/``end`` are offsets into the article's body (``StoredArticle.body``) as it is
    now; ``orphaned``: the passage is no longer in the text (kept, listed, not drawn).
    ``article_id`` is None when the article is not in this library (state synced from another).
    """

    uid: str
    article_id: int | None
    identity: str
    exact: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    note: str
    orphaned: bool
    created_at: str
    updated_at: str
    title: str = ""
    source: str | None = None
    published: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()

    @property
    def is_article_note(self) -> bool:
        return not self.exact
