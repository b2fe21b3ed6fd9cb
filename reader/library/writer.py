"""The import writer: a bundle's documents staged beside the library, then merged in one transaction.

Documents go to a staging database next to the library (attached as ``stage``), so the library
itself is not write-locked while a bundle is read, decoded and extracted; other connections (the
TUI marking an article read) write freely meanwhile. When the bundle is complete, one short
transaction merges the staged rows into the library, dropping what another import stored
meanwhile. A bundle goes in whole or not at all.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from reader.library import queries, search_index
from reader.library import search as searchmod
from reader.library import highlights, sync, tags
from reader.library.connection import library_error, now
from reader.library.locks import try_lock
from reader.library.rows import ARTICLE_COLUMNS, ArticleRow, article_row, compress, hints_to_json
from reader.library.types import BundleResult
from reader.model import Article, RawDocument

_STAGE_SCHEMA = [
    "CREATE TABLE stage.documents (id INTEGER PRIMARY KEY, name, kind, hints, encoding, sha256, size,"
    " compression, data, failure)",
    "CREATE TABLE stage.articles (id INTEGER PRIMARY KEY, document_id, position, title, published, sort_date,"
    " source, source_key, authors, editor, breadcrumb, blocks, url, canonical_url, script, dedupe_key,"
    " reading_minutes, tok_title, tok_body, tok_facets, read INTEGER NOT NULL DEFAULT 0,"
    " bookmarked INTEGER NOT NULL DEFAULT 0,"
    " tags,"  # JSON list: the tags the source gave the article (feed categories, wallabag tags)
    " annotations,"  # JSON: the highlights a source kept (wallabag annotations)
    " replaces INTEGER)",  # the stored excerpt (a summary-only feed item) this full article replaces
    "CREATE TABLE stage.images (sha256 PRIMARY KEY, mime, width, height, bytes)",
    "CREATE TABLE stage.document_images (document_id, src, sha256, PRIMARY KEY (document_id, src))",
    "CREATE UNIQUE INDEX stage.stage_dedupe ON articles(dedupe_key)",
    "CREATE INDEX stage.stage_url ON articles(canonical_url)",
]
_DOCUMENT_COLUMNS = "name, kind, hints, encoding, sha256, size, compression, data, failure"


class BundleWriter:
    """Adds documents to the bundle being imported (into the staging database)."""

    def __init__(self, conn: sqlite3.Connection, label: str):
        self._conn = conn
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
                hints_to_json(doc.hints),
                encoding,
                hashlib.sha256(doc.data).hexdigest(),
                len(doc.data),
                method,
                blob,
                failure,
            ),
        )
        return cur.lastrowid

    def _stored_as(self, schema_name: str, values: dict) -> list[int]:
        key, curl = values["dedupe_key"], values["canonical_url"]
        rows = self._conn.execute(
            f"SELECT id FROM {schema_name}.articles WHERE dedupe_key = ? OR (? IS NOT NULL AND canonical_url = ?)"
            " LIMIT 2",
            (key, curl, curl),
        ).fetchall()
        return [row[0] for row in rows]

    def _duplicate_or_excerpt(self, doc: RawDocument, values: dict) -> tuple[bool, int | None]:
        """(duplicate, the id of the stored excerpt it replaces). The same story arriving whole
        after its summary-only feed item replaces the excerpt (one article, the full text, its
        read state and id kept); any other copy of a stored article is a duplicate."""
        if self._stored_as("stage", values):
            return True, None
        stored = self._stored_as("main", values)
        if not stored:
            return False, None
        if len(stored) == 1 and not doc.hints.excerpt and queries.is_excerpt(self._conn, stored[0], "main"):
            return False, stored[0]
        return True, None

    def add_document(self, doc: RawDocument, articles: Sequence[Article], encoding: str | None = None) -> list[bool]:
        """Stage a document's articles; returns, for each, True if new and False if a duplicate.

        The original bytes are kept only if at least one article is new.
        """
        return self.add_rows(doc, [article_row(article) for article in articles], encoding)

    def add_rows(self, doc: RawDocument, rows: Sequence[ArticleRow], encoding: str | None = None,
                 images: Mapping | None = None) -> list[bool]:
        """``add_document`` for articles already turned into rows (``article_row``), e.g. by workers.

        ``images``: the document's photos, src -> ``reader.photos.resolve.StoredImage`` (sha256,
        mime, width, height, data), kept with the document."""
        new: list[bool] = []
        document_id: int | None = None
        for position, (values, tokens) in enumerate(rows):
            duplicate, replaces = self._duplicate_or_excerpt(doc, values)
            if duplicate:
                new.append(False)
                self.result.duplicates += 1
                continue
            if document_id is None:
                document_id = self._insert_document(doc, encoding, None)
                self._insert_images(document_id, images or {})
            self._conn.execute(
                f"INSERT INTO stage.articles (document_id, position, {ARTICLE_COLUMNS}, tok_title, tok_body,"
                f" tok_facets, read, bookmarked, tags, annotations, replaces)"
                f" VALUES (?, ?, {', '.join('?' * len(values))}, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document_id, position, *values.values(), *tokens, bool(doc.hints.read), bool(doc.hints.bookmarked),
                 json.dumps(list(doc.hints.tags), ensure_ascii=False) if doc.hints.tags else None,
                 doc.hints.annotations, replaces),
            )
            new.append(True)
            self.result.imported += 1
        return new

    def _insert_images(self, document_id: int, images: Mapping) -> None:
        for src, image in images.items():
            self._conn.execute("INSERT OR IGNORE INTO stage.images VALUES (?, ?, ?, ?, ?)",
                               (image.sha256, image.mime, image.width, image.height, image.data))
            self._conn.execute("INSERT INTO stage.document_images VALUES (?, ?, ?)", (document_id, src, image.sha256))

    def note_photo_problem(self, name: str, reason: str) -> None:
        """A photo of a stored document that was refused: reported, the article stays."""
        self.result.photos_refused.append((name, reason))

    def add_failed_document(self, doc: RawDocument, reason: str, encoding: str | None = None) -> None:
        """Keep a document that could not be extracted, so that ``reindex`` can retry it."""
        self._insert_document(doc, encoding, reason)
        self.result.failed.append((doc.name, reason))

    def note_failure(self, name: str, reason: str) -> None:
        """A document the bundle could not even read (no bytes to keep)."""
        self.result.failed.append((name, reason))

    def merge(self, identity: str, meta: tuple) -> None:
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
                "DELETE FROM stage.articles AS s WHERE (s.replaces IS NULL AND (EXISTS"
                " (SELECT 1 FROM main.articles AS m WHERE m.dedupe_key = s.dedupe_key)"
                " OR (s.canonical_url IS NOT NULL AND EXISTS"
                " (SELECT 1 FROM main.articles AS m WHERE m.canonical_url = s.canonical_url))))"
                # an excerpt to replace that another import replaced or removed meanwhile
                " OR (s.replaces IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.articles AS m WHERE m.id = s.replaces))"
                " OR (s.replaces IS NOT NULL AND EXISTS (SELECT 1 FROM main.articles AS m"
                " WHERE m.id != s.replaces AND (m.dedupe_key = s.dedupe_key OR m.canonical_url = s.canonical_url)))"
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
                (identity, self.result.label, *meta, now()),
            ).lastrowid
            doc_base = c.execute("SELECT coalesce(max(id), 0) FROM main.documents").fetchone()[0]
            art_base = c.execute("SELECT coalesce(max(id), 0) FROM main.articles").fetchone()[0]
            c.execute(
                f"INSERT INTO main.documents (id, bundle_id, {_DOCUMENT_COLUMNS})"
                f" SELECT id + ?, ?, {_DOCUMENT_COLUMNS} FROM stage.documents ORDER BY id",
                (doc_base, bundle_id),
            )
            # photos: each image once in the library, linked to the documents that show it
            c.execute(
                "INSERT OR IGNORE INTO main.images (sha256, mime, width, height, bytes)"
                " SELECT sha256, mime, width, height, bytes FROM stage.images AS i WHERE EXISTS"
                " (SELECT 1 FROM stage.document_images l JOIN stage.documents d ON d.id = l.document_id"
                " WHERE l.sha256 = i.sha256)"
            )
            c.execute(
                "INSERT INTO main.document_images (document_id, src, sha256)"
                " SELECT document_id + ?, src, sha256 FROM stage.document_images"
                " WHERE document_id IN (SELECT id FROM stage.documents)",
                (doc_base,),
            )
            # read state and bookmarks that a container kept (newsboat, wallabag) come along
            stamp = now()
            c.execute(
                f"INSERT INTO main.articles (id, bundle_id, document_id, position, {ARTICLE_COLUMNS},"
                " read, bookmarked, read_at, bookmarked_at)"
                f" SELECT id + ?, ?, document_id + ?, position, {ARTICLE_COLUMNS}, read, bookmarked,"
                " CASE WHEN read THEN ? END, CASE WHEN bookmarked THEN ? END FROM stage.articles"
                " WHERE replaces IS NULL ORDER BY id",
                (art_base, bundle_id, doc_base, stamp, stamp),
            )
            c.execute(
                "INSERT INTO main.search_index (rowid, title, body, facets)"
                " SELECT id + ?, tok_title, tok_body, trim(tok_facets || ' ' || ?) FROM stage.articles"
                " WHERE replaces IS NULL ORDER BY id",
                (art_base, searchmod.bundle_facet(bundle_id)),
            )
            self._replace_excerpts(bundle_id, doc_base)
            sync.arrived_since(c, art_base + 1)  # state synced or kept for articles not here until now
            tags.add_imported(c, (
                (target if target is not None else staged_id + art_base, json.loads(names))
                for staged_id, target, names in c.execute(
                    "SELECT id, replaces, tags FROM stage.articles WHERE tags IS NOT NULL").fetchall()
            ))
            highlights.add_imported(c, (
                (target if target is not None else staged_id + art_base, notes)
                for staged_id, target, notes in c.execute(
                    "SELECT id, replaces, annotations FROM stage.articles WHERE annotations IS NOT NULL").fetchall()
            ))
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:  # a Ctrl-C that lands just after COMMIT: nothing to undo
                c.execute("ROLLBACK")
            raise
        self.result.bundle_id = bundle_id


    def _replace_excerpts(self, bundle_id: int, doc_base: int) -> None:
        """Staged full texts over the stored excerpts they replace: the article keeps its id and
        reading state, takes the new text, document and bundle; its index row is swapped; the
        excerpt's document goes, as a duplicate's does."""
        c = self._conn
        staged = c.execute("SELECT id, replaces, document_id FROM stage.articles WHERE replaces IS NOT NULL").fetchall()
        columns = [name.strip() for name in ARTICLE_COLUMNS.split(",")]
        for staged_id, target, document_id in staged:
            old = c.execute(f"{search_index.INDEX_SOURCE} WHERE id = ?", (target,)).fetchone()
            old_document = c.execute("SELECT document_id FROM main.articles WHERE id = ?", (target,)).fetchone()[0]
            c.execute("INSERT INTO main.search_index (search_index, rowid, title, body, facets)"
                      " VALUES ('delete', ?, ?, ?, ?)", search_index.index_entry(*old))
            sets = ", ".join(f"{name} = s.{name}" for name in columns)
            c.execute(
                f"UPDATE main.articles SET {sets}, bundle_id = ?, document_id = ?, position = s.position"
                " FROM stage.articles AS s WHERE s.id = ? AND main.articles.id = ?",
                (bundle_id, document_id + doc_base, staged_id, target),
            )
            c.execute(
                "INSERT INTO main.search_index (rowid, title, body, facets)"
                " SELECT ?, tok_title, tok_body, trim(tok_facets || ' ' || ?) FROM stage.articles WHERE id = ?",
                (target, searchmod.bundle_facet(bundle_id), staged_id),
            )
            c.execute("DELETE FROM main.documents WHERE id = ? AND NOT EXISTS"
                      " (SELECT 1 FROM main.articles WHERE document_id = ?)", (old_document, old_document))
            highlights.reanchor(c, target)  # the full text around the excerpt's highlights


class _Staging:
    """The scratch database of one bundle import, attached to the library connection as ``stage``.

    It lives next to the library (same filesystem, no tmpfs), is locked with flock while in
    use, and is deleted afterwards; a file left by a killed import is unlocked and therefore
    removed by the next ``Library.open`` (``remove_stale_staging``).
    """

    def __init__(self, conn: sqlite3.Connection, library_path: Path):
        self._conn = conn
        self.path = library_path.with_name(f"{library_path.name}.import-{uuid.uuid4().hex[:12]}.tmp")
        self._lock_file = open(self.path, "a+b")  # noqa: SIM115 - held until close()
        try:
            try_lock(self._lock_file)
            self._conn.execute("ATTACH DATABASE ? AS stage", (str(self.path),))
            self._conn.execute("PRAGMA stage.journal_mode = OFF")
            self._conn.execute("PRAGMA stage.synchronous = OFF")
            for statement in _STAGE_SCHEMA:
                self._conn.execute(statement)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        # a Ctrl-C landing in here (the DETACH can take a moment) must not leave the file behind
        try:
            try:
                self._conn.execute("DETACH DATABASE stage")
            except sqlite3.Error:
                pass
        finally:
            try:
                self._lock_file.close()
            finally:
                try:
                    self.path.unlink()
                except OSError:
                    pass


def remove_stale_staging(path: Path) -> None:
    """Delete scratch files of imports that were killed (no process holds their lock)."""
    for stale in path.parent.glob(f"{path.name}.import-*.tmp"):
        try:
            with open(stale, "a+b") as handle:
                if not try_lock(handle):
                    continue  # an import in progress
            stale.unlink()
        except OSError:
            continue


@contextmanager
def import_bundle(conn: sqlite3.Connection, path: Path, identity: str, label: str, meta: tuple) -> Iterator[BundleWriter | None]:
    """One bundle's import (see ``Library.import_bundle``); ``meta`` is (title, publisher, language, created)."""
    if queries.has_bundle(conn, identity):
        yield None
        return
    try:
        stage = _Staging(conn, path)
        try:
            writer = BundleWriter(conn, label)
            conn.execute("BEGIN")
            try:
                yield writer
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # a Ctrl-C that lands just after COMMIT: nothing to undo
                    conn.execute("ROLLBACK")
                raise
            if writer.result.imported:
                writer.merge(identity, meta)
                try:
                    search_index.merge_segments(conn)
                except sqlite3.OperationalError:
                    pass  # the bundle is stored; the next import's merge steps carry on
            elif queries.has_bundle(conn, identity):
                writer.result.skipped = True  # another process stored it while this one read it
            # else nothing new came of it (every file failed or was a duplicate): no bundle
            # is recorded, so importing it again tries again instead of saying "already
            # imported" about a bundle that is not in the library.
        finally:
            stage.close()
    except sqlite3.OperationalError as error:  # disk full, I/O error, busy: one line, not a traceback
        raise library_error(error, path) from error
