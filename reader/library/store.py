"""``Library``: the one face of the library package, for the CLI, the TUI and the importer.

Each job lives in a module of its own (``connection``, ``queries``, ``searching``, ``writer``,
``search_index``, ``reindex``, ``integrity``, ``state``); ``Library`` holds the connection and
the lock, and delegates.

Threads: a ``Library`` may be shared between threads. Its connection is opened with
``check_same_thread=False`` and every public method holds the library's re-entrant lock, so
calls from different threads run one at a time (an import holds the lock for the whole
bundle). A thread that must not wait behind another thread's import opens its own
``Library.open(path)``: SQLite in WAL mode lets readers in other connections (and processes)
read while one writer writes, and ``busy_timeout`` makes writers queue instead of failing.

Write transactions are short: a bundle import stages its documents in a scratch database and
holds the library's write lock only for the final merge (see ``import_bundle``); reindex and
repair work in batches of their own transactions.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from pathlib import Path

from reader.errors import LibraryError
from reader.library import (
    connection,
    highlights,
    integrity,
    originals,
    photos,
    queries,
    saved_searches,
    schema,
    searching,
    state,
    sync,
    tags,
    writer,
)
from reader.library import reindex as reindexing
from reader.library.locks import write_transaction
from reader.library.types import (
    ArticleFilter,
    ArticleSummary,
    BundleInfo,
    Highlight,
    Position,
    SavedSearch,
    SearchHit,
    StoredArticle,
    TagCount,
)


def _locked(method):
    @wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.OperationalError as error:
                raise connection.library_error(error, self.path) from error

    return wrapper


class Library:
    """The article library. Open with ``Library.open(path)``; see the module doc for threads."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()
        self._db = None

    @property
    def db(self):
        """A ``sqlite_utils.Database`` over the same connection, for inspection (doctor, tests).

        Writes go through plain SQL in the library's modules: sqlite-utils' insert helpers commit
        inside their own ``with conn:`` block, which would end the import transaction early.
        """
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self._conn)
        return self._db

    # ---- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, *, create: bool = True, busy_timeout_ms: int | None = None) -> Library:
        """Open (creating and migrating as needed) the library at ``path``.

        ``None`` means the default location (``READER_DB`` or the user data dir). With
        ``create=False`` a missing file is an error: a command that only reads must not leave an
        empty library (and its folders) behind a mistyped ``--db``. ``busy_timeout_ms``: how long
        a write waits for another writer (default ``connection.BUSY_TIMEOUT_MS``).
        """
        from reader.paths import resolve_db_path

        path = resolve_db_path(path) if path is None else Path(path).expanduser()
        if not create and not path.exists():
            raise LibraryError(f"no library at {path}; import something first: reader import PATH")
        timeout = connection.BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
        conn = connection.connect(path, timeout)
        writer.remove_stale_staging(path)
        return cls(conn, path)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return schema.schema_version(self._conn)

    # ---- reading ----------------------------------------------------------------------------

    @_locked
    def article_ids(self, filters: ArticleFilter | None = None) -> list[int]:
        """Ids of matching articles, newest first (undated last). Ints only: cheap at 100k."""
        return queries.article_ids(self._conn, filters)

    @_locked
    def count(self, filters: ArticleFilter | None = None) -> int:
        return queries.count(self._conn, filters)

    @_locked
    def summaries(self, ids: Sequence[int]) -> dict[int, ArticleSummary]:
        return queries.summaries(self._conn, ids)

    @_locked
    def list_articles(self, filters: ArticleFilter | None = None, limit: int | None = 50, offset: int = 0) -> list[ArticleSummary]:
        return queries.list_articles(self._conn, filters, limit, offset)

    @_locked
    def get(self, article_id: int) -> StoredArticle:
        return queries.get(self._conn, article_id)

    @_locked
    def photos(self, article_id: int) -> list[photos.Photo]:
        """The article's stored photos in reading order; ``Photo.position`` indexes its blocks."""
        return photos.photos(self._conn, article_id)

    @_locked
    def photo_bytes(self, key: str) -> bytes | None:
        """A ``Photo.key``'s bytes as imported (decode with ``reader.photos.decode.open_image``)."""
        return photos.photo_bytes(self._conn, key)

    @_locked
    def search(self, query: str, filters: ArticleFilter | None = None, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Ranked full-text search; see ``reader.library.search`` for the query language."""
        return searching.search(self._conn, query, filters, limit, offset)

    @_locked
    def arrivals(self) -> tuple[int, int]:
        """A mark that changes when articles arrive or leave (the newest id and the count), so a
        list can follow imports made by another process without reloading after each read mark."""
        return queries.arrivals(self._conn)

    @_locked
    def bundles(self) -> list[BundleInfo]:
        return queries.bundles(self._conn)

    @_locked
    def sources(self) -> list[tuple[str, int]]:
        """(source, article count), most articles first. Sources differing only in script are one."""
        return queries.sources(self._conn)

    @_locked
    def stats(self) -> dict:
        return queries.stats(self._conn, self.path)

    # ---- state ------------------------------------------------------------------------------

    # Each change below is one write transaction: the live tables and the state log
    # (``statelog``) change together, and a bad id leaves everything as it was.

    @_locked
    def set_read(self, article_id: int, read: bool = True) -> None:
        self.mark([article_id], read)

    @_locked
    def set_bookmarked(self, article_id: int, value: bool = True) -> None:
        self.bookmark([article_id], value)

    @_locked
    def mark(self, article_ids: Sequence[int], read: bool = True) -> int:
        """Mark articles read (or unread); returns how many changed."""
        with write_transaction(self._conn):
            return state.set_read(self._conn, article_ids, read)

    @_locked
    def bookmark(self, article_ids: Sequence[int], value: bool = True) -> int:
        """Bookmark articles (or remove the bookmark); returns how many changed."""
        with write_transaction(self._conn):
            return state.set_bookmarked(self._conn, article_ids, value)

    @_locked
    def tag(self, article_ids: Sequence[int], add: Sequence[str] = (), remove: Sequence[str] = ()) -> int:
        """Add and remove tags (names in either script) on articles; returns links changed."""
        with write_transaction(self._conn):
            return tags.change(self._conn, article_ids, add, remove)

    @_locked
    def tags(self) -> list[TagCount]:
        """Every tag with its article count, most articles first."""
        return tags.counts(self._conn)

    @_locked
    def article_tags(self, article_id: int) -> list[str]:
        queries.get(self._conn, article_id)  # NoSuchArticle for an unknown id
        return list(tags.of_articles(self._conn, [article_id]).get(int(article_id), ()))

    @_locked
    def saved_searches(self) -> list[SavedSearch]:
        """Saved searches by name, each with its article and unread counts."""
        return saved_searches.listed(self._conn)

    @_locked
    def save_search(self, name: str, query: str) -> SavedSearch:
        with write_transaction(self._conn):
            return saved_searches.save(self._conn, name, query)

    @_locked
    def delete_search(self, name: str) -> None:
        with write_transaction(self._conn):
            saved_searches.delete(self._conn, name)

    @_locked
    def position(self, article_id: int) -> Position | None:
        """Where the reader left the article (None: never opened)."""
        return state.position(self._conn, article_id)

    @_locked
    def set_position(self, article_id: int, offset: int, fraction: float) -> None:
        """Remember the reading position: a character offset into the body, and how far through (0..1)."""
        with write_transaction(self._conn):
            state.set_position(self._conn, article_id, offset, fraction)

    @_locked
    def get_setting(self, key: str, default=None):
        return state.get_setting(self._conn, key, default)

    @_locked
    def set_setting(self, key: str, value) -> None:
        state.set_setting(self._conn, key, value)

    # ---- highlights and notes ----------------------------------------------------------------

    @_locked
    def highlights(self, article_id: int | None = None, limit: int | None = None) -> list[Highlight]:
        """An article's highlights in text order (its note first), or every one (the newest
        ``limit``), newest first."""
        return highlights.listed(self._conn, article_id, limit)

    @_locked
    def add_highlight(self, article_id: int, start: int, end: int, note: str = "") -> Highlight:
        """Highlight ``body[start:end]`` (offsets into ``StoredArticle.body``), with an optional note."""
        with write_transaction(self._conn):
            return highlights.add(self._conn, article_id, start, end, note)

    @_locked
    def set_highlight_note(self, uid: str, note: str) -> Highlight:
        with write_transaction(self._conn):
            return highlights.set_note(self._conn, uid, note)

    @_locked
    def delete_highlight(self, uid: str) -> None:
        with write_transaction(self._conn):
            highlights.delete(self._conn, uid)

    @_locked
    def article_note(self, article_id: int) -> str:
        found = highlights.article_note(self._conn, article_id)
        return found.note if found else ""

    @_locked
    def set_article_note(self, article_id: int, text: str) -> None:
        """Write the note on the whole article ("" removes it)."""
        with write_transaction(self._conn):
            highlights.set_article_note(self._conn, article_id, text)

    # ---- reading state sync -------------------------------------------------------------------

    @_locked
    def export_state(self, out) -> int:
        """Write the state log to the text stream ``out`` as JSON Lines; returns the changes written."""
        count = -1
        for count, line in enumerate(sync.export_lines(self._conn)):
            out.write(line + "\n")
        return count

    @_locked
    def shared_state(self, out, article_ids: Sequence[int]) -> int:
        """Write the articles' current tags and highlights to ``out`` as a state file."""
        count = -1
        for count, line in enumerate(sync.snapshot_lines(self._conn, article_ids)):
            out.write(line + "\n")
        return count

    @_locked
    def originals(self, article_ids: Sequence[int]) -> list[originals.Original]:
        """The documents the articles were extracted from, bytes and hints as imported."""
        return list(originals.originals(self._conn, article_ids))

    @_locked
    def import_state(self, lines) -> sync.ImportReport:
        """Merge a state file (an iterable of byte lines) into the library, in one transaction.

        ``sync.NotAStateFile`` (a ValueError) when it is not one; malformed lines are reported."""
        with write_transaction(self._conn):
            return sync.import_lines(self._conn, lines)

    # ---- importing --------------------------------------------------------------------------

    @_locked
    def has_bundle(self, identity: str) -> bool:
        return queries.has_bundle(self._conn, identity)

    @contextmanager
    def import_bundle(
        self,
        identity: str,
        label: str,
        *,
        title: str | None = None,
        publisher: str | None = None,
        language: str | None = None,
        created: str | None = None,
    ) -> Iterator[writer.BundleWriter | None]:
        """One bundle's import: all of it or nothing. Yields None if the bundle is already stored.

        Documents are staged in a scratch database next to the library while the block runs
        (streamed: nothing accumulates in memory), then merged in one short transaction when
        the block ends. Any exception inside the block (``BundleError`` midway, Ctrl-C) drops
        the staging: the library is exactly as it was. A crash (kill -9) leaves the library
        untouched too; the stale scratch file is removed by the next ``Library.open``.
        ``writer.result`` holds the counts; its ``bundle_id`` is set once merged (never, when
        the bundle brought no new article), and its ``skipped`` flag if another process stored
        the same bundle meanwhile.
        """
        with self._lock, writer.import_bundle(
            self._conn, self.path, identity, label, (title, publisher, language, created)
        ) as bundle_writer:
            yield bundle_writer

    @_locked
    def optimize(self) -> None:
        """Refresh the query planner's statistics on articles; call after imports.

        A full ANALYZE of the articles table (0.2 s at 100k articles): sampled statistics
        (``analysis_limit``) misjudged the two-valued read column and sent source + unread
        lists through the wrong index.
        """
        self._conn.execute("PRAGMA analysis_limit = 0")
        self._conn.execute("ANALYZE articles")

    # ---- reindex and doctor -------------------------------------------------------------------

    @_locked  # a SQLite error (disk full, busy) becomes a one-line LibraryError, as everywhere else
    def reindex(self, prepare: reindexing.Preparer, progress: Callable[[int, int], None] | None = None) -> dict:
        """Re-extract every stored document, then rebuild the search index; in short transactions.

        ``prepare(documents, count)`` yields each document with its ``reader.importer.Prepared``,
        in order (``DocumentPreparer.prepared``: extraction is not the library's business).
        Articles keep their id, read state and bookmark when their (document, position) still
        yields an article; a document that now fails keeps its old articles. Each batch of
        documents is one transaction and the new search index is built beside the live one, so
        the TUI and imports never wait more than a fraction of a second. Interrupted, every
        document is wholly old or wholly new, but the index lags: the ``reindex.pending``
        setting stays, and ``check`` says so, until a reindex completes. Returns counts:
        documents, updated, added, removed, duplicates, failed (list of (bundle label, name, reason)).
        """
        report = reindexing.reindex(self._conn, self.path, prepare, progress)
        self.optimize()
        return report

    @_locked
    def check(self) -> list[str]:
        """Problems found (empty: healthy): integrity, schema version, orphaned rows, search index."""
        return integrity.check(self._conn, self.path)

    @_locked
    def repair(self) -> dict:
        """Delete orphaned rows (one transaction), then rebuild the search index in steps."""
        return integrity.repair(self._conn, self.path)
