"""The library: one SQLite file holding bundles, original bytes, articles, state and settings.

Threads: a ``Library`` may be shared between threads. Its connection is opened with
``check_same_thread=False`` and every public method holds the library's re-entrant lock, so
calls from different threads run one at a time (an import holds the lock for the whole
bundle). A thread that must not wait behind another thread's import opens its own
``Library.open(path)``: SQLite in WAL mode lets readers in other connections (and processes)
read while one writer writes, and ``busy_timeout`` makes writers queue instead of failing.

Write transactions are short: a bundle import stages its documents in a scratch database and
holds the library's write lock only for the final merge (see ``import_bundle``). ``reindex``
and ``repair`` are the exceptions: each runs as one transaction over the whole library.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import re
import sqlite3
import threading
import time
import unicodedata
import zlib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import wraps
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from reader.errors import LibraryError, UsageError
from reader.library import schema
from reader.library import search as searchmod
from reader.library.types import (
    ArticleFilter,
    ArticleSummary,
    BundleInfo,
    BundleResult,
    NoSuchArticle,
    SearchHit,
    StoredArticle,
)
from reader.model import Article, ArticleHints, Block, RawDocument
from reader.script import dedupe_key_text, detect_script, normalise_for_search

BUSY_TIMEOUT_MS = 10_000
_SUMMARY_COLUMNS = "id, title, published, source, url, script, read, bookmarked, bundle_id"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def canonical_url(url: str | None) -> str | None:
    """The form of a URL used to spot duplicates: no scheme, fragment, default port or case in host."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.netloc:
        return url or None
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    return urlunsplit(("", host, path, parts.query, ""))


def body_of(blocks: Sequence[Block]) -> str:
    return "\n\n".join(b.text for b in blocks if b.kind != "share" and b.text)


def blocks_to_json(blocks: Sequence[Block]) -> str:
    return json.dumps([{"kind": b.kind, "text": b.text} for b in blocks], ensure_ascii=False)


def blocks_from_json(text: str) -> list[Block]:
    return [Block(kind=b["kind"], text=b.get("text", "")) for b in json.loads(text or "[]")]


def article_search_text(title: str, blocks_json: str) -> tuple[str, str]:
    """Index tokens (title, body) for a stored article."""
    return searchmod.index_tokens(title or ""), searchmod.index_tokens(body_of(blocks_from_json(blocks_json)))


_INDEX_SOURCE = "SELECT id, title, blocks, source_key, sort_date, bundle_id FROM articles"


def _index_entry(article_id: int, title: str, blocks: str, source_key: str | None, sort_date: str, bundle_id: int):
    """(rowid, title, body, facets) of a stored article's search index row."""
    t, b = article_search_text(title, blocks)
    facets = (searchmod.facet_tokens(source_key, sort_date) + " " + searchmod.bundle_facet(bundle_id)).strip()
    return article_id, t, b, facets


def rebuild_search_index(conn: sqlite3.Connection) -> None:
    """Empty the search index and fill it again from the articles table (inside a transaction)."""
    conn.execute("INSERT INTO search_index(search_index) VALUES ('delete-all')")
    for row in conn.execute(_INDEX_SOURCE):  # a cursor: the bodies never sit in memory all at once
        conn.execute("INSERT INTO search_index (rowid, title, body, facets) VALUES (?, ?, ?, ?)", _index_entry(*row))


_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def dedupe_key(title: str, body: str, normalised_body: str | None = None) -> str:
    """sha256 of ``reader.script.dedupe_key_text(body)`` (of the title when the body is empty).

    ``normalised_body`` (``normalise_for_search(body)``) saves normalising twice; it is used
    only when the body is already NFC, where it gives exactly ``dedupe_key_text`` (a test
    checks the equivalence).
    """
    if normalised_body is not None and unicodedata.is_normalized("NFC", body):
        text = _NOT_WORD.sub("", normalised_body)
    else:
        text = dedupe_key_text(body)
    if not text:
        text = "title:" + dedupe_key_text(title)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


ArticleRow = tuple[dict, tuple[str, str, str]]


def article_row(article: Article) -> ArticleRow:
    """An article's column values and its search index tokens (title, body, facets).

    Pure (no library needed), so that import workers can compute it in other processes. The
    body is normalised once and used for both the dedupe key and the index tokens.
    """
    body = article.body
    title = article.title or ""
    source = (article.source or "").strip() or None
    normalised_body = normalise_for_search(body)
    values = {
        "title": title,
        "published": article.published,
        "sort_date": article.published or "",
        "source": source,
        "source_key": normalise_for_search(source) if source else None,
        "authors": json.dumps(list(article.authors or []), ensure_ascii=False),
        "editor": article.editor,
        "breadcrumb": json.dumps(list(article.breadcrumb or []), ensure_ascii=False),
        "blocks": blocks_to_json(article.blocks),
        "url": article.url,
        "canonical_url": canonical_url(article.url),
        "script": detect_script(f"{title}\n{body}"),
        "dedupe_key": dedupe_key(title, body, normalised_body),
    }
    tokens = (
        searchmod.index_tokens(title),
        searchmod.tokens_of_normalised(normalised_body),
        searchmod.facet_tokens(values["source_key"], values["sort_date"]),
    )
    return values, tokens


def compress(data: bytes) -> tuple[str, bytes]:
    return "zlib", zlib.compress(data, 6)


def decompress(method: str, blob: bytes) -> bytes:
    if method == "zlib":
        return zlib.decompress(blob)
    if method == "lzma":
        return lzma.decompress(blob)
    if method == "none":
        return bytes(blob)
    raise LibraryError(f"unknown compression {method!r} in the library")


def _hints_json(hints: ArticleHints) -> str:
    # vars(), not asdict(): the fields are flat, and asdict's deep copy showed in import profiles
    return json.dumps({k: v for k, v in vars(hints).items() if v is not None}, ensure_ascii=False)


def _hints_from_json(text: str) -> ArticleHints:
    data = json.loads(text or "{}")
    if data.get("authors") is not None:
        data["authors"] = tuple(data["authors"])
    known = set(ArticleHints.__dataclass_fields__)
    return ArticleHints(**{k: v for k, v in data.items() if k in known})


def _locked(method):
    @wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.OperationalError as error:
                raise _library_error(error, self.path) from error

    return wrapper


def _library_error(error: sqlite3.Error, path: Path) -> LibraryError:
    message = str(error)
    if "locked" in message or "busy" in message:
        return LibraryError(f"library {path} is busy (another reader is writing to it); try again")
    return LibraryError(f"library {path}: {message}")


def _filter_sql(filters: ArticleFilter | None, alias: str = "a") -> tuple[str, list]:
    """WHERE clauses (joined with AND, possibly empty) and parameters for a filter."""
    if filters is None:
        return "", []
    clauses: list[str] = []
    params: list = []
    if filters.bundle_id is not None:
        clauses.append(f"{alias}.bundle_id = ?")
        params.append(int(filters.bundle_id))
    if filters.source:
        clauses.append(f"{alias}.source_key = ?")
        params.append(normalise_for_search(filters.source.strip()))
    if filters.unread:
        clauses.append(f"{alias}.read = 0")
    if filters.bookmarked:
        clauses.append(f"{alias}.bookmarked = 1")
    if filters.after:
        clauses.append(f"{alias}.sort_date >= ?")
        params.append(filters.after)
    if filters.before:
        clauses.append(f"{alias}.sort_date != '' AND {alias}.sort_date < ?")
        params.append(filters.before)
    return " AND ".join(clauses), params


def _summary(row) -> ArticleSummary:
    return ArticleSummary(
        id=row[0],
        title=row[1],
        published=row[2],
        source=row[3],
        url=row[4],
        script=row[5],
        read=bool(row[6]),
        bookmarked=bool(row[7]),
        bundle_id=row[8],
    )


_STAGE_SCHEMA = [
    "CREATE TABLE stage.documents (id INTEGER PRIMARY KEY, name, kind, hints, encoding, sha256, size,"
    " compression, data, failure)",
    "CREATE TABLE stage.articles (id INTEGER PRIMARY KEY, document_id, position, title, published, sort_date,"
    " source, source_key, authors, editor, breadcrumb, blocks, url, canonical_url, script, dedupe_key,"
    " tok_title, tok_body, tok_facets)",
    "CREATE UNIQUE INDEX stage.stage_dedupe ON articles(dedupe_key)",
    "CREATE INDEX stage.stage_url ON articles(canonical_url)",
]
_ARTICLE_COLUMNS = (
    "title, published, sort_date, source, source_key, authors, editor, breadcrumb, blocks, url,"
    " canonical_url, script, dedupe_key"
)
_DOCUMENT_COLUMNS = "name, kind, hints, encoding, sha256, size, compression, data, failure"


class BundleWriter:
    """Adds documents to the bundle being imported.

    Documents go to a staging database next to the library (attached as ``stage``), so the
    library itself is not write-locked while a bundle is read, decoded and extracted; other
    connections (the TUI marking an article read) write freely meanwhile. When the bundle is
    complete, one short transaction merges the staged rows into the library.
    """

    def __init__(self, library: Library, label: str):
        self._lib = library
        self._conn = library._conn
        self.result = BundleResult(None, label)

    @property
    def bundle_id(self) -> int | None:
        return self.result.bundle_id

    def _insert_document(self, doc: RawDocument, encoding: str | None, failure: str | None) -> int:
        method, blob = compress(doc.data)
        cur = self._conn.execute(
            f"INSERT INTO stage.documents ({_DOCUMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.name,
                doc.kind,
                _hints_json(doc.hints),
                encoding,
                hashlib.sha256(doc.data).hexdigest(),
                len(doc.data),
                method,
                blob,
                failure,
            ),
        )
        return cur.lastrowid

    def _is_duplicate(self, values: dict) -> bool:
        key, curl = values["dedupe_key"], values["canonical_url"]
        for schema_name in ("main", "stage"):
            row = self._conn.execute(
                f"SELECT 1 FROM {schema_name}.articles WHERE dedupe_key = ? OR (? IS NOT NULL AND canonical_url = ?)"
                " LIMIT 1",
                (key, curl, curl),
            ).fetchone()
            if row is not None:
                return True
        return False

    def add_document(self, doc: RawDocument, articles: Sequence[Article], encoding: str | None = None) -> list[bool]:
        """Stage a document's articles; returns, for each, True if new and False if a duplicate.

        The original bytes are kept only if at least one article is new.
        """
        return self.add_rows(doc, [article_row(article) for article in articles], encoding)

    def add_rows(self, doc: RawDocument, rows: Sequence[ArticleRow], encoding: str | None = None) -> list[bool]:
        """``add_document`` for articles already turned into rows (``article_row``), e.g. by workers."""
        new: list[bool] = []
        document_id: int | None = None
        for position, (values, tokens) in enumerate(rows):
            if self._is_duplicate(values):
                new.append(False)
                self.result.duplicates += 1
                continue
            if document_id is None:
                document_id = self._insert_document(doc, encoding, None)
            self._conn.execute(
                f"INSERT INTO stage.articles (document_id, position, {_ARTICLE_COLUMNS}, tok_title, tok_body,"
                f" tok_facets) VALUES (?, ?, {', '.join('?' * 13)}, ?, ?, ?)",
                (document_id, position, *values.values(), *tokens),
            )
            new.append(True)
            self.result.imported += 1
        return new

    def add_failed_document(self, doc: RawDocument, reason: str, encoding: str | None = None) -> None:
        """Keep a document that could not be extracted, so that ``reindex`` can retry it."""
        self._insert_document(doc, encoding, reason)
        self.result.failed.append((doc.name, reason))

    def note_failure(self, name: str, reason: str) -> None:
        """A document the bundle could not even read (no bytes to keep)."""
        self.result.failed.append((name, reason))

    def _merge(self, identity: str, meta: tuple) -> None:
        """Move the staged rows into the library: one short write transaction."""
        c = self._conn
        c.execute("BEGIN IMMEDIATE")
        try:
            if c.execute("SELECT 1 FROM main.bundles WHERE identity = ?", (identity,)).fetchone():
                # another process imported the same bundle meanwhile
                c.execute("ROLLBACK")
                self.result.skipped = True
                self.result.imported = self.result.duplicates = 0
                return
            # probes of the library's unique indexes, one per staged row: an IN (SELECT ...) here
            # built a temporary index of every stored key, a cost that grew with the library
            late = c.execute(
                "DELETE FROM stage.articles AS s WHERE EXISTS"
                " (SELECT 1 FROM main.articles AS m WHERE m.dedupe_key = s.dedupe_key)"
                " OR (s.canonical_url IS NOT NULL AND EXISTS"
                " (SELECT 1 FROM main.articles AS m WHERE m.canonical_url = s.canonical_url))"
            ).rowcount
            if late:  # stored by another import while this bundle was being read
                self.result.imported -= late
                self.result.duplicates += late
                if not self.result.imported:  # nothing new after all: not recorded, as at staging
                    c.execute("ROLLBACK")
                    return
                c.execute(
                    "DELETE FROM stage.documents WHERE failure IS NULL"
                    " AND id NOT IN (SELECT document_id FROM stage.articles)"
                )
            bundle_id = c.execute(
                "INSERT INTO main.bundles (identity, label, title, publisher, language, created, imported_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (identity, self.result.label, *meta, _now()),
            ).lastrowid
            doc_base = c.execute("SELECT coalesce(max(id), 0) FROM main.documents").fetchone()[0]
            art_base = c.execute("SELECT coalesce(max(id), 0) FROM main.articles").fetchone()[0]
            c.execute(
                f"INSERT INTO main.documents (id, bundle_id, {_DOCUMENT_COLUMNS})"
                f" SELECT id + ?, ?, {_DOCUMENT_COLUMNS} FROM stage.documents ORDER BY id",
                (doc_base, bundle_id),
            )
            c.execute(
                f"INSERT INTO main.articles (id, bundle_id, document_id, position, {_ARTICLE_COLUMNS})"
                f" SELECT id + ?, ?, document_id + ?, position, {_ARTICLE_COLUMNS} FROM stage.articles ORDER BY id",
                (art_base, bundle_id, doc_base),
            )
            c.execute(
                "INSERT INTO main.search_index (rowid, title, body, facets)"
                " SELECT id + ?, tok_title, tok_body, trim(tok_facets || ' ' || ?) FROM stage.articles ORDER BY id",
                (art_base, searchmod.bundle_facet(bundle_id)),
            )
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:  # a Ctrl-C that lands just after COMMIT: nothing to undo
                c.execute("ROLLBACK")
            raise
        self.result.bundle_id = bundle_id


_REINDEX_PENDING = "reindex.pending"  # set while a reindex runs: the search index may lag behind
_NEXT_INDEX = "search_index_next"  # the index a reindex builds before swapping it in
_OLD_INDEX = "search_index_old"  # the index it replaced, while it is being dropped


class _Staging:
    """The scratch database of one bundle import, attached to the library connection as ``stage``.

    It lives next to the library (same filesystem, no tmpfs), is locked with flock while in
    use, and is deleted afterwards; a file left by a killed import is unlocked and therefore
    removed by the next ``Library.open`` (``_remove_stale_staging``).
    """

    def __init__(self, library: Library):
        import uuid

        self._conn = library._conn
        self.path = library.path.with_name(f"{library.path.name}.import-{uuid.uuid4().hex[:12]}.tmp")
        self._lock_file = open(self.path, "a+b")  # noqa: SIM115 - held until close()
        _try_lock(self._lock_file)
        try:
            self._conn.execute("ATTACH DATABASE ? AS stage", (str(self.path),))
            self._conn.execute("PRAGMA stage.journal_mode = OFF")
            self._conn.execute("PRAGMA stage.synchronous = OFF")
            for statement in _STAGE_SCHEMA:
                self._conn.execute(statement)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        try:
            self._conn.execute("DETACH DATABASE stage")
        except sqlite3.Error:
            pass
        self._lock_file.close()
        try:
            self.path.unlink()
        except OSError:
            pass


def _try_lock(handle) -> bool:
    """An exclusive, non-blocking flock on ``handle``; True when held (or locks unavailable)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _remove_stale_staging(path: Path) -> None:
    """Delete scratch files of imports that were killed (no process holds their lock)."""
    for stale in path.parent.glob(f"{path.name}.import-*.tmp"):
        try:
            with open(stale, "a+b") as handle:
                if not _try_lock(handle):
                    continue  # an import in progress
            stale.unlink()
        except OSError:
            continue


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

        Writes go through plain SQL in this module: sqlite-utils' insert helpers commit inside
        their own ``with conn:`` block, which would end the import transaction early.
        """
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self._conn)
        return self._db

    # ---- opening ------------------------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | Path | None = None, *, create: bool = True, busy_timeout_ms: int | None = None
    ) -> Library:
        """Open (creating and migrating as needed) the library at ``path``.

        ``None`` means the default location (``READER_DB`` or the user data dir). With
        ``create=False`` a missing file is an error: a command that only reads must not leave an
        empty library (and its folders) behind a mistyped ``--db``. ``busy_timeout_ms``: how long
        a write waits for another writer (default ``BUSY_TIMEOUT_MS``).
        """
        busy_timeout_ms = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
        from reader.paths import resolve_db_path

        path = resolve_db_path(path) if path is None else Path(path).expanduser()
        if not create and not path.exists():
            raise LibraryError(f"no library at {path}; import something first: reader import PATH")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(f"cannot create the library folder {path.parent}: {error.strerror}") from None
        try:
            conn = sqlite3.connect(
                str(path), isolation_level=None, check_same_thread=False, timeout=busy_timeout_ms / 1000
            )
        except sqlite3.Error as error:
            raise LibraryError(f"cannot open the library {path}: {error}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            version = schema.schema_version(conn)
            if version > schema.SCHEMA_VERSION:
                raise LibraryError(
                    f"library {path} has schema version {version}, newer than this reader knows"
                    f" ({schema.SCHEMA_VERSION}); upgrade reader"
                )
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            schema.migrate(conn)
            _remove_stale_staging(path)
        except LibraryError:
            conn.close()
            raise
        except sqlite3.DatabaseError as error:
            conn.close()
            if "not a database" in str(error) or "malformed" in str(error):
                raise LibraryError(
                    f"{path} is not a reader library or is damaged ({error}); run `reader doctor`"
                ) from None
            raise _library_error(error, path) from None
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

    # ---- reading --------------------------------------------------------------------------

    @_locked
    def article_ids(self, filters: ArticleFilter | None = None) -> list[int]:
        """Ids of matching articles, newest first (undated last). Ints only: cheap at 100k."""
        where, params = _filter_sql(filters)
        sql = "SELECT a.id FROM articles a" + (f" WHERE {where}" if where else "")
        sql += " ORDER BY a.sort_date DESC, a.id DESC"
        return [row[0] for row in self._conn.execute(sql, params)]

    @_locked
    def count(self, filters: ArticleFilter | None = None) -> int:
        where, params = _filter_sql(filters)
        sql = "SELECT count(*) FROM articles a" + (f" WHERE {where}" if where else "")
        return self._conn.execute(sql, params).fetchone()[0]

    @_locked
    def summaries(self, ids: Sequence[int]) -> dict[int, ArticleSummary]:
        out: dict[int, ArticleSummary] = {}
        ids = list(ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE id IN ({marks})", chunk):
                out[row[0]] = _summary(row)
        return out

    @_locked
    def list_articles(self, filters: ArticleFilter | None = None, limit: int | None = 50, offset: int = 0) -> list[ArticleSummary]:
        where, params = _filter_sql(filters)
        cols = ", ".join(f"a.{c.strip()}" for c in _SUMMARY_COLUMNS.split(","))
        sql = f"SELECT {cols} FROM articles a" + (f" WHERE {where}" if where else "")
        sql += " ORDER BY a.sort_date DESC, a.id DESC LIMIT ? OFFSET ?"
        return [_summary(r) for r in self._conn.execute(sql, [*params, -1 if limit is None else limit, offset])]

    @_locked
    def get(self, article_id: int) -> StoredArticle:
        row = self._conn.execute(
            "SELECT a.id, a.title, a.blocks, a.published, a.source, a.authors, a.editor, a.breadcrumb, a.url,"
            " a.script, a.read, a.bookmarked, a.bundle_id, d.name, a.document_id, b.label"
            " FROM articles a JOIN documents d ON d.id = a.document_id JOIN bundles b ON b.id = a.bundle_id"
            " WHERE a.id = ?",
            (int(article_id),),
        ).fetchone()
        if row is None:
            raise NoSuchArticle(article_id)
        return StoredArticle(
            id=row[0],
            title=row[1],
            blocks=blocks_from_json(row[2]),
            published=row[3],
            source=row[4],
            authors=json.loads(row[5] or "[]"),
            editor=row[6],
            breadcrumb=json.loads(row[7] or "[]"),
            url=row[8],
            script=row[9],
            read=bool(row[10]),
            bookmarked=bool(row[11]),
            bundle_id=row[12],
            name=row[13],
            document_id=row[14],
            bundle_label=row[15],
        )

    @_locked
    def search(self, query: str, filters: ArticleFilter | None = None, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Ranked full-text search; see ``reader.library.search`` for the query language."""
        parsed = searchmod.parse_query(query)
        filters = self._merge_filters(filters, parsed)
        match = searchmod.scoped(parsed.match_expression())
        facets, residual = self._facet_filters(filters)
        if facets is None:
            return []
        if facets:
            match = f"{match} AND {facets}"
        where, params = _filter_sql(residual)
        weights = f"{searchmod.TITLE_WEIGHT}, {searchmod.BODY_WEIGHT}, 0.0"
        try:
            if where and self._few(where, params):
                # a small set (bookmarks, the last unread): test each candidate against the
                # index instead of walking every match; results newest first, unranked
                rows = self._conn.execute(
                    "SELECT a.id, 0.0 FROM articles a WHERE a.id IN (SELECT s.rowid FROM search_index s"
                    f" WHERE search_index MATCH ? AND s.rowid IN (SELECT a.id FROM articles a WHERE {where}))"
                    " ORDER BY a.sort_date DESC, a.id DESC LIMIT ? OFFSET ?",
                    [match, *params, limit, offset],
                ).fetchall()
                return self._hits(rows, parsed)
            if where:
                base = f"FROM search_index s JOIN articles a ON a.id = s.rowid WHERE search_index MATCH ? AND {where}"
            else:
                base = "FROM search_index s WHERE search_index MATCH ?"
            floor_row = self._conn.execute(
                f"SELECT s.rowid {base} ORDER BY s.rowid DESC LIMIT 1 OFFSET ?",
                [match, *params, searchmod.RANK_WINDOW - 1],
            ).fetchone()
            floor_sql, floor_params = ("", [])
            if floor_row is not None:
                floor_sql, floor_params = " AND s.rowid >= ?", [floor_row[0]]
            rows = self._conn.execute(
                f"SELECT s.rowid, bm25(search_index, {weights}) AS r {base}{floor_sql}"
                " ORDER BY r, s.rowid DESC LIMIT ? OFFSET ?",
                [match, *params, *floor_params, limit, offset],
            ).fetchall()
            if floor_row is not None and len(rows) < limit:
                # past the ranked window: older matches follow, newest first, unranked
                rows += self._conn.execute(
                    f"SELECT s.rowid, 0.0 {base} AND s.rowid < ? ORDER BY s.rowid DESC LIMIT ? OFFSET ?",
                    [match, *params, floor_row[0], limit - len(rows), max(0, offset - searchmod.RANK_WINDOW)],
                ).fetchall()
        except sqlite3.OperationalError as error:
            if "fts5" in str(error) or "syntax" in str(error):
                raise UsageError(f"cannot search for {query!r}") from None
            raise
        return self._hits(rows, parsed)

    def _few(self, where: str, params: list) -> bool:
        """Whether at most ``FEW_CANDIDATES`` articles pass a residual filter (bounded count)."""
        n = self._conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM articles a WHERE {where} LIMIT ?)",
            [*params, searchmod.FEW_CANDIDATES + 1],
        ).fetchone()[0]
        return n <= searchmod.FEW_CANDIDATES

    def _hits(self, rows: list, parsed: searchmod.Query) -> list[SearchHit]:
        if not rows:
            return []
        ids = [r[0] for r in rows]
        summaries = self.summaries(ids)
        marks = ",".join("?" * len(ids))
        bodies = {
            r[0]: body_of(blocks_from_json(r[1]))
            for r in self._conn.execute(f"SELECT id, blocks FROM articles WHERE id IN ({marks})", ids)
        }
        terms = searchmod.highlight_terms(parsed)
        hits = []
        for article_id, rank in rows:
            summary = summaries.get(article_id)
            if summary is None:  # index row without article: doctor reports it
                continue
            snippet, spans = searchmod.make_snippet(bodies.get(article_id, ""), terms)
            title_spans = tuple(searchmod.find_spans(summary.title, terms))
            hits.append(SearchHit(summary, snippet, spans, title_spans, rank))
        return hits

    def _facet_filters(self, filters: ArticleFilter | None) -> tuple[str | None, ArticleFilter | None]:
        """Split a filter into an FTS facet expression and what the articles table must check.

        Source and bundle are exact facets. Dates become year facets (an OR of the years in
        range) narrowed exactly by the articles table. Read state and bookmarks change too
        often to live in the index: they are checked on the articles table. Returns None as
        the expression when nothing can match.
        """
        if filters is None:
            return "", None
        parts: list[str] = []
        if filters.source:
            parts.append("facets : " + searchmod.source_facet(normalise_for_search(filters.source.strip())))
        if filters.bundle_id is not None:
            parts.append("facets : " + searchmod.bundle_facet(filters.bundle_id))
        exact_dates = False
        if filters.after or filters.before:
            low, high = self._conn.execute(
                "SELECT min(sort_date), max(sort_date) FROM articles WHERE sort_date != ''"
            ).fetchone()
            if low is None or not low[:4].isdigit() or not high[:4].isdigit():
                return None, None
            first, last = int(low[:4]), int(high[:4])
            if filters.after:
                first = max(first, int(filters.after[:4]))
                exact_dates |= filters.after[5:10] != "01-01"
            if filters.before:
                year = int(filters.before[:4])
                last = min(last, year if filters.before[5:10] != "01-01" else year - 1)
                exact_dates |= filters.before[5:10] != "01-01"
            if last < first:
                return None, None
            if last - first < 60:
                years = " OR ".join(searchmod.year_facet(y) for y in range(first, last + 1))
                parts.append(f"facets : ({years})")
            else:
                exact_dates = True
        residual = ArticleFilter(
            unread=filters.unread,
            bookmarked=filters.bookmarked,
            after=filters.after if exact_dates else None,
            before=filters.before if exact_dates else None,
        )
        return " AND ".join(parts), residual

    @staticmethod
    def _merge_filters(filters: ArticleFilter | None, parsed: searchmod.Query) -> ArticleFilter | None:
        if not (parsed.source or parsed.after or parsed.before):
            return filters
        base = filters or ArticleFilter()
        return ArticleFilter(
            bundle_id=base.bundle_id,
            source=parsed.source or base.source,
            unread=base.unread,
            bookmarked=base.bookmarked,
            after=max(filter(None, [base.after, parsed.after]), default=None),
            before=min(filter(None, [base.before, parsed.before]), default=None),
        )

    @_locked
    def bundles(self) -> list[BundleInfo]:
        rows = self._conn.execute(
            "SELECT b.id, b.identity, b.label, b.title, b.publisher, b.language, b.created, b.imported_at,"
            " (SELECT count(*) FROM articles a WHERE a.bundle_id = b.id) FROM bundles b ORDER BY b.id"
        )
        return [BundleInfo(*row) for row in rows]

    @_locked
    def sources(self) -> list[tuple[str, int]]:
        """(source, article count), most articles first. Sources differing only in script are one."""
        rows = self._conn.execute(
            "SELECT min(source), count(*) FROM articles WHERE source_key IS NOT NULL AND source_key != ''"
            " GROUP BY source_key ORDER BY count(*) DESC, min(source)"
        )
        return [(r[0], r[1]) for r in rows]

    @_locked
    def stats(self) -> dict:
        c = self._conn
        one = lambda sql: c.execute(sql).fetchone()[0]  # noqa: E731
        page_size = one("PRAGMA page_size")
        return {
            "path": str(self.path),
            "schema_version": schema.schema_version(c),
            "articles": one("SELECT count(*) FROM articles"),
            "bundles": one("SELECT count(*) FROM bundles"),
            "documents": one("SELECT count(*) FROM documents"),
            "failed_documents": one("SELECT count(*) FROM documents WHERE failure IS NOT NULL"),
            "read": one("SELECT count(*) FROM articles WHERE read = 1"),
            "unread": one("SELECT count(*) FROM articles WHERE read = 0"),
            "bookmarked": one("SELECT count(*) FROM articles WHERE bookmarked = 1"),
            "sources": one("SELECT count(DISTINCT source_key) FROM articles WHERE source_key != ''"),
            "scripts": dict(c.execute("SELECT script, count(*) FROM articles GROUP BY script ORDER BY script").fetchall()),
            "oldest": one("SELECT min(sort_date) FROM articles WHERE sort_date != ''"),
            "newest": one("SELECT max(sort_date) FROM articles WHERE sort_date != ''"),
            "original_bytes": one("SELECT coalesce(sum(size), 0) FROM documents"),
            "stored_bytes": one("SELECT coalesce(sum(length(data)), 0) FROM documents"),
            "database_bytes": one("PRAGMA page_count") * page_size,
        }

    # ---- state ------------------------------------------------------------------------------

    @_locked
    def set_read(self, article_id: int, read: bool = True) -> None:
        cur = self._conn.execute(
            "UPDATE articles SET read = ?, read_at = ? WHERE id = ?",
            (int(bool(read)), _now() if read else None, int(article_id)),
        )
        if cur.rowcount == 0:
            raise NoSuchArticle(article_id)

    @_locked
    def set_bookmarked(self, article_id: int, value: bool = True) -> None:
        cur = self._conn.execute(
            "UPDATE articles SET bookmarked = ?, bookmarked_at = ? WHERE id = ?",
            (int(bool(value)), _now() if value else None, int(article_id)),
        )
        if cur.rowcount == 0:
            raise NoSuchArticle(article_id)

    @_locked
    def get_setting(self, key: str, default=None):
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    @_locked
    def set_setting(self, key: str, value) -> None:
        self._conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )

    # ---- importing --------------------------------------------------------------------------

    @_locked
    def has_bundle(self, identity: str) -> bool:
        return self._conn.execute("SELECT 1 FROM bundles WHERE identity = ?", (identity,)).fetchone() is not None

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
    ) -> Iterator[BundleWriter | None]:
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
        with self._lock:
            if self._conn.execute("SELECT 1 FROM bundles WHERE identity = ?", (identity,)).fetchone():
                yield None
                return
            try:
                stage = _Staging(self)
                try:
                    writer = BundleWriter(self, label)
                    self._conn.execute("BEGIN")
                    try:
                        yield writer
                        self._conn.execute("COMMIT")
                    except BaseException:
                        if self._conn.in_transaction:  # a Ctrl-C that lands just after COMMIT: nothing to undo
                            self._conn.execute("ROLLBACK")
                        raise
                    if writer.result.imported:
                        writer._merge(identity, (title, publisher, language, created))
                        try:
                            self._merge_search_segments()
                        except sqlite3.OperationalError:
                            pass  # the bundle is stored; the next import's merge steps carry on
                    elif self._conn.execute("SELECT 1 FROM bundles WHERE identity = ?", (identity,)).fetchone():
                        writer.result.skipped = True  # another process stored it while this one read it
                    # else nothing new came of it (every file failed or was a duplicate): no bundle
                    # is recorded, so importing it again tries again instead of saying "already
                    # imported" about a bundle that is not in the library.
                finally:
                    stage.close()
            except sqlite3.OperationalError as error:  # disk full, I/O error, busy: one line, not a traceback
                raise _library_error(error, self.path) from error

    def _find_duplicate(self, values: dict, exclude_id: int | None = None) -> int | None:
        """Id of a stored article with the same dedupe key or canonical URL, if any."""
        curl = values["canonical_url"]
        row = self._conn.execute(
            "SELECT id FROM articles WHERE (dedupe_key = ? OR (? IS NOT NULL AND canonical_url = ?)) AND id IS NOT ?"
            " LIMIT 1",
            (values["dedupe_key"], curl, curl, exclude_id),
        ).fetchone()
        return None if row is None else row[0]


    @_locked
    def optimize(self) -> None:
        """Refresh the query planner's statistics on articles; call after imports.

        A full ANALYZE of the articles table (0.2 s at 100k articles): sampled statistics
        (``analysis_limit``) misjudged the two-valued read column and sent source + unread
        lists through the wrong index.
        """
        self._conn.execute("PRAGMA analysis_limit = 0")
        self._conn.execute("ANALYZE articles")

    # ---- reindex ------------------------------------------------------------------------------

    REINDEX_BATCH = 200  # documents re-extracted per write transaction (~0.1 s of lock)
    INDEX_BATCH = 250  # articles added to the new search index per write transaction (~0.15 s)

    @_locked  # a SQLite error (disk full, busy) becomes a one-line LibraryError, as everywhere else
    def reindex(
        self,
        prepare: Callable[[Iterator[RawDocument], int], Iterator[tuple[RawDocument, object]]],
        progress: Callable[[int, int], None] | None = None,
    ) -> dict:
        """Re-extract every stored document, then rebuild the search index; in short transactions.

        ``prepare(documents, count)`` yields each document with its ``reader.importer.Prepared``,
        in order (``DocumentPreparer.prepared``: extraction is not the library's business).
        Articles keep their id, read state and bookmark when their (document, position) still
        yields an article; a document that now fails keeps its old articles. Each batch of
        documents is one transaction and the new search index is built beside the live one
        (``_start_next_index``), so the TUI and imports never wait more than a
        fraction of a second. Interrupted, every document is wholly old or wholly new, but the
        index lags: the ``reindex.pending`` setting stays, and ``check`` says so, until a reindex
        completes. Returns counts: documents, updated, added, removed, duplicates, failed (list
        of (bundle label, name, reason)).
        """
        c = self._conn
        lock = self._reindex_lock()
        try:
            self.set_setting(_REINDEX_PENDING, True)
            self._start_next_index()
            doc_ids = [r[0] for r in c.execute("SELECT id FROM documents ORDER BY id")]
            report = {"documents": 0, "updated": 0, "added": 0, "removed": 0, "duplicates": 0, "failed": []}
            origins: deque = deque()  # (document id, bundle id, bundle label), in document order

            def documents() -> Iterator[RawDocument]:
                for start in range(0, len(doc_ids), self.REINDEX_BATCH):
                    chunk = doc_ids[start : start + self.REINDEX_BATCH]
                    rows = c.execute(
                        "SELECT d.id, d.bundle_id, b.label, d.name, d.kind, d.hints, d.compression, d.data"
                        " FROM documents d JOIN bundles b ON b.id = d.bundle_id WHERE d.id BETWEEN ? AND ?"
                        " ORDER BY d.id",
                        (chunk[0], chunk[-1]),
                    ).fetchall()
                    for doc_id, bundle_id, label, name, kind, hints, method, blob in rows:
                        origins.append((doc_id, bundle_id, label))
                        yield RawDocument(name, decompress(method, blob), kind, _hints_from_json(hints))

            batch: list = []
            for doc, prepared in prepare(documents(), len(doc_ids)):
                batch.append((*origins.popleft(), doc.name, prepared))
                if len(batch) == self.REINDEX_BATCH:
                    self._apply_reindexed(batch, report)
                    self._merge_search_segments(_NEXT_INDEX)
                    batch = []
                    if progress:
                        progress(report["documents"], len(doc_ids))
            self._apply_reindexed(batch, report)
            self._finish_next_index()
            c.execute("DELETE FROM settings WHERE key = ?", (_REINDEX_PENDING,))
        finally:
            lock.close()
        if progress:
            progress(report["documents"], len(doc_ids))
        self.optimize()
        return report

    def _reindex_lock(self):
        """An flock that keeps a second reindex of the same library from racing this one."""
        handle = open(self._reindex_lock_path(), "a+b")  # noqa: SIM115
        if not _try_lock(handle):
            handle.close()
            raise LibraryError(f"another reindex of {self.path} is running; wait for it to finish")
        return handle

    def _reindex_lock_path(self) -> Path:
        return self.path.with_name(f"{self.path.name}.reindex.lock")

    def _reindex_running(self) -> bool:
        """Whether another process holds the reindex lock (a reindex or repair under way)."""
        try:
            handle = open(self._reindex_lock_path(), "rb")  # noqa: SIM115
        except OSError:
            return False
        with handle:
            return not _try_lock(handle)  # the lock goes when the handle closes

    def _apply_reindexed(self, batch: list, report: dict) -> None:
        """One write transaction: the new articles of a batch of re-extracted documents, and their
        rows in the new search index (tokens the workers computed)."""
        c = self._conn
        index = f"INSERT INTO {_NEXT_INDEX} (rowid, title, body, facets) VALUES (?, ?, ?, ?)"
        with self._write_transaction():
            for doc_id, bundle_id, label, name, prepared in batch:
                report["documents"] += 1
                if prepared.error is not None:
                    c.execute("UPDATE documents SET failure = ? WHERE id = ?", (prepared.error, doc_id))
                    report["failed"].append((label, name, prepared.error))
                    continue
                report["failed"].extend((label, name, reason) for reason in prepared.failures)
                c.execute("UPDATE documents SET failure = NULL, encoding = ? WHERE id = ?", (prepared.encoding, doc_id))
                existing = dict(c.execute("SELECT position, id FROM articles WHERE document_id = ?", (doc_id,)))
                for position, (values, (title_tokens, body_tokens, facets)) in enumerate(prepared.rows):
                    old_id = existing.pop(position, None)
                    if self._find_duplicate(values, exclude_id=old_id) is not None:
                        report["duplicates"] += 1
                        if old_id is not None:
                            c.execute("DELETE FROM articles WHERE id = ?", (old_id,))
                            report["removed"] += 1
                        continue
                    if old_id is None:
                        values = {**values, "bundle_id": bundle_id, "document_id": doc_id, "position": position}
                        article_id = c.execute(
                            f"INSERT INTO articles ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                            list(values.values()),
                        ).lastrowid
                        report["added"] += 1
                    else:
                        sets = ", ".join(f"{k} = ?" for k in values)
                        c.execute(f"UPDATE articles SET {sets} WHERE id = ?", [*values.values(), old_id])
                        article_id = old_id
                        report["updated"] += 1
                    facets = f"{facets} {searchmod.bundle_facet(bundle_id)}".strip()
                    c.execute(index, (article_id, title_tokens, body_tokens, facets))
                for old_id in existing.values():
                    c.execute("DELETE FROM articles WHERE id = ?", (old_id,))
                    report["removed"] += 1
                # a document whose articles all turned out duplicates is not kept (as at import)
                c.execute(
                    "DELETE FROM documents WHERE id = ? AND NOT EXISTS (SELECT 1 FROM articles WHERE document_id = ?)",
                    (doc_id, doc_id),
                )

    def _start_next_index(self) -> None:
        """An empty search index beside the live one (``_finish_next_index`` swaps it in).

        A contentless FTS5 row cannot be replaced without the tokens it was indexed with, which a
        new normaliser no longer produces, so reindex and repair build a new index. In one
        transaction that held the library for minutes at 100k articles; built beside, searches
        keep using the old index and no write waits more than a step.
        """
        for leftover in (_NEXT_INDEX, _OLD_INDEX):  # from a run that was interrupted
            if self._conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (leftover,)).fetchone():
                self._drop_search_index_in_steps(leftover)
        with self._write_transaction():
            schema.create_search_index(self._conn, _NEXT_INDEX)

    def _finish_next_index(self) -> None:
        """Index the articles the new index lacks, ``INDEX_BATCH`` per transaction (tokens computed
        outside it); then, in one short transaction, those imported meanwhile, and swap the
        indexes; then drop the old one a step at a time."""
        c = self._conn
        insert = f"INSERT INTO {_NEXT_INDEX} (rowid, title, body, facets) VALUES (?, ?, ?, ?)"
        lacking = (
            f"{_INDEX_SOURCE} AS a WHERE a.id > ? AND a.id <= ? AND NOT EXISTS"
            f" (SELECT 1 FROM {_NEXT_INDEX}_docsize AS d WHERE d.id = a.id) ORDER BY a.id"
        )
        high = c.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
        last = 0
        while rows := c.execute(f"{lacking} LIMIT ?", (last, high, self.INDEX_BATCH)).fetchall():
            entries = [_index_entry(*row) for row in rows]
            with self._write_transaction():
                c.executemany(insert, entries)
            self._merge_search_segments(_NEXT_INDEX)
            last = rows[-1][0]
        with self._write_transaction():  # articles imported since ``high`` was read
            c.executemany(insert, [_index_entry(*row) for row in c.execute(lacking, (high, 2**63 - 1)).fetchall()])
            c.execute(f"ALTER TABLE search_index RENAME TO {_OLD_INDEX}")
            c.execute(f"ALTER TABLE {_NEXT_INDEX} RENAME TO search_index")
        self._drop_search_index_in_steps(_OLD_INDEX)

    DROP_STEP_ROWS = 2_000  # index pages freed per transaction when a search index is dropped

    def _drop_search_index_in_steps(self, table: str) -> None:
        """Drop a search index that is no longer used, without holding the library for seconds.

        DROP TABLE frees every page of an FTS5 index in one transaction: 12.5 s for the index of
        100k articles here. Its ``_data`` shadow table (the pages) is emptied a chunk per
        transaction first, all but rows 1 and 10 (averages, structure: FTS5 reads them to open the
        table, and DROP opens it); the DROP of what is left is then quick.
        """
        c = self._conn
        try:
            while True:
                with self._write_transaction():
                    freed = c.execute(
                        f"DELETE FROM {table}_data WHERE rowid IN"
                        f" (SELECT rowid FROM {table}_data WHERE rowid > 10 LIMIT ?)",
                        (self.DROP_STEP_ROWS,),
                    ).rowcount
                if freed < self.DROP_STEP_ROWS:
                    break
                time.sleep(self._TURN_S)
        except sqlite3.DatabaseError:  # shadow tables made read-only (SQLITE_DBCONFIG_DEFENSIVE)
            pass  # then the DROP below does it all
        with self._write_transaction():
            c.execute(f"DROP TABLE {table}")

    MERGE_STEP_PAGES = 1_000  # index pages written by one merge step (4 MB, ~0.1 s)
    _TURN_S = 0.02  # pause between merge steps, so that a write waiting for the lock gets a turn

    def _merge_search_segments(self, table: str = "search_index") -> None:
        """Merge the index's segments 16 at a time, a bounded step per transaction, until done.

        Schema V7 turned off FTS5's own merging, which ran inside the writer's commit and merged
        a whole level at once (seconds at 100k articles, with the library locked). Stopped by
        an error or Ctrl-C, nothing is lost: the next import's merge steps carry on.
        """
        c = self._conn
        while True:
            before = c.total_changes
            with self._write_transaction():
                c.execute(f"INSERT INTO {table}({table}, rank) VALUES ('merge', ?)", (self.MERGE_STEP_PAGES,))
            if c.total_changes - before < 2:  # FTS5's sign that there was nothing left to merge
                return
            time.sleep(self._TURN_S)

    @contextmanager
    def _write_transaction(self) -> Iterator[None]:
        c = self._conn
        c.execute("BEGIN IMMEDIATE")
        try:
            yield
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:  # a Ctrl-C that lands just after COMMIT: nothing to undo
                c.execute("ROLLBACK")
            raise

    # ---- doctor -------------------------------------------------------------------------------

    @_locked
    def check(self) -> list[str]:
        """Problems found (empty: healthy): integrity, schema version, orphaned rows, search index."""
        c = self._conn
        problems: list[str] = []
        leftovers = [
            r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE name IN (?, ?)", (_NEXT_INDEX, _OLD_INDEX))
        ]
        # SQLite 3.44+ also checks FTS5 tables: a half-dropped index left by an interrupted
        # reindex is garbage the next reindex removes, not damage to the library
        integrity = [
            r[0] for r in c.execute("PRAGMA integrity_check") if not any(name in r[0] for name in leftovers)
        ] or ["ok"]
        if integrity != ["ok"]:
            problems.append("integrity check failed: " + "; ".join(integrity[:5]))
            return problems
        missing_tables = {"bundles", "documents", "articles", "settings", "search_index"} - set(self.db.table_names())
        if missing_tables:
            problems.append(f"missing tables: {', '.join(sorted(missing_tables))}")
            return problems
        version = schema.schema_version(c)
        if version != schema.SCHEMA_VERSION:
            problems.append(f"schema version is {version}, expected {schema.SCHEMA_VERSION}")
        fk = c.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            tables = sorted({r[0] for r in fk})
            problems.append(f"{len(fk)} orphaned rows (in {', '.join(tables)}) point to missing bundles or documents")
        unused = c.execute(
            "SELECT count(*) FROM documents d WHERE d.failure IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.document_id = d.id)"
        ).fetchone()[0]
        if unused:
            problems.append(f"{unused} stored documents have no article and no recorded failure")
        missing = c.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT id FROM search_index_docsize)"
        ).fetchone()[0]
        extra = c.execute(
            "SELECT count(*) FROM search_index_docsize WHERE id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        if self._reindex_running():
            problems.append("a reindex is running: search may miss or misplace re-extracted articles until it ends")
        elif self.get_setting(_REINDEX_PENDING) or leftovers:
            problems.append("a reindex was interrupted: search may miss or misplace re-extracted articles until"
                            " `reader reindex` completes")
        if missing or extra:
            problems.append(f"search index out of step: {missing} articles missing, {extra} stale entries")
        else:
            try:
                c.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as error:
                problems.append(f"search index damaged: {error}")
        return problems

    @_locked
    def repair(self) -> dict:
        """Delete orphaned rows (one transaction), then rebuild the search index in steps."""
        c = self._conn
        lock = self._reindex_lock()  # the index rebuild must not race a reindex's
        try:
            with self._write_transaction():
                a = c.execute(
                    "DELETE FROM articles WHERE bundle_id NOT IN (SELECT id FROM bundles)"
                    " OR document_id NOT IN (SELECT id FROM documents)"
                ).rowcount
                d = c.execute("DELETE FROM documents WHERE bundle_id NOT IN (SELECT id FROM bundles)").rowcount
                u = c.execute(
                    "DELETE FROM documents WHERE failure IS NULL"
                    " AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.document_id = documents.id)"
                ).rowcount
            self._start_next_index()
            self._finish_next_index()
        finally:
            lock.close()
        return {"orphaned_articles": a, "orphaned_documents": d, "unused_documents": u}
