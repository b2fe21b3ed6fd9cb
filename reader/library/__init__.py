"""The library: SQLite storage, import transactions, read state and Chinese-aware search.

Public API (used by the CLI and the TUI alike)::

    lib = Library.open(path)        # creates, migrates, WAL, foreign keys, busy timeout
    lib.article_ids(filters)        # newest first, ints only
    lib.summaries(ids); lib.list_articles(filters, limit, offset); lib.get(id)
    lib.search(query, filters=None, limit=20, offset=0)
    lib.photos(id) -> [Photo]; lib.photo_bytes(Photo.key) -> bytes | None
    lib.set_read(id, read=True); lib.set_bookmarked(id, value)
    lib.bundles(); lib.sources(); lib.stats(); lib.get_setting(k, d); lib.set_setting(k, v)
    lib.close()

See ``store.py`` for the threading rules and the modules each job lives in.
"""

from reader.library.photos import Photo
from reader.library.store import Library
from reader.library.types import (
    ArticleFilter,
    ArticleSummary,
    BundleInfo,
    BundleResult,
    NoSuchArticle,
    SearchHit,
    StoredArticle,
)

__all__ = [
    "Library",
    "ArticleFilter",
    "ArticleSummary",
    "BundleInfo",
    "BundleResult",
    "NoSuchArticle",
    "Photo",
    "SearchHit",
    "StoredArticle",
]
