"""The doctor's side of the library: what is wrong with a library file, and the repairs it can make.

Knows how an interrupted reindex looks (a pending flag, a half-built or half-dropped index), so
that such leftovers are reported as unfinished work, not as damage.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.library import reindex as reindexing
from reader.library import schema, search_index, state
from reader.library.locks import write_transaction

_TABLES = {"bundles", "documents", "articles", "settings", "search_index", "images", "document_images"}
_UNSHOWN = "NOT EXISTS (SELECT 1 FROM document_images l WHERE l.sha256 = images.sha256)"


def check(conn: sqlite3.Connection, path: Path) -> list[str]:
    """Problems found (empty: healthy): integrity, schema version, orphaned rows, search index."""
    c = conn
    problems: list[str] = []
    leftovers = [
        r[0]
        for r in c.execute(
            "SELECT name FROM sqlite_master WHERE name IN (?, ?)", (search_index.NEXT_INDEX, search_index.OLD_INDEX)
        )
    ]
    # SQLite 3.44+ also checks FTS5 tables: a half-dropped index left by an interrupted
    # reindex is garbage the next reindex removes, not damage to the library
    integrity = [r[0] for r in c.execute("PRAGMA integrity_check") if not any(name in r[0] for name in leftovers)] or ["ok"]
    if integrity != ["ok"]:
        problems.append("integrity check failed: " + "; ".join(integrity[:5]))
        return problems
    tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing_tables = _TABLES - tables
    if missing_tables:
        problems.append(f"missing tables: {', '.join(sorted(missing_tables))}")
        return problems
    version = schema.schema_version(c)
    if version != schema.SCHEMA_VERSION:
        problems.append(f"schema version is {version}, expected {schema.SCHEMA_VERSION}")
    fk = c.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        names = sorted({r[0] for r in fk})
        problems.append(f"{len(fk)} orphaned rows (in {', '.join(names)}) point to missing bundles or documents")
    unused = c.execute(
        "SELECT count(*) FROM documents d WHERE d.failure IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.document_id = d.id)"
    ).fetchone()[0]
    if unused:
        problems.append(f"{unused} stored documents have no article and no recorded failure")
    unshown = c.execute(f"SELECT count(*) FROM images WHERE {_UNSHOWN}").fetchone()[0]
    if unshown:
        problems.append(f"{unshown} stored images belong to no document")
    missing = c.execute("SELECT count(*) FROM articles WHERE id NOT IN (SELECT id FROM search_index_docsize)").fetchone()[0]
    extra = c.execute("SELECT count(*) FROM search_index_docsize WHERE id NOT IN (SELECT id FROM articles)").fetchone()[0]
    if reindexing.is_running(path):
        problems.append("a reindex is running: search may miss or misplace re-extracted articles until it ends")
    elif state.get_setting(c, reindexing.PENDING) or leftovers:
        problems.append(
            "a reindex was interrupted: search may miss or misplace re-extracted articles until"
            " `reader reindex` completes"
        )
    if missing or extra:
        problems.append(f"search index out of step: {missing} articles missing, {extra} stale entries")
    else:
        try:
            c.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as error:
            problems.append(f"search index damaged: {error}")
    return problems


def repair(conn: sqlite3.Connection, path: Path) -> dict:
    """Delete orphaned rows (one transaction), then rebuild the search index in steps."""
    c = conn
    lock = reindexing.take_lock(path)  # the index rebuild must not race a reindex's
    try:
        with write_transaction(c):
            a = c.execute(
                "DELETE FROM articles WHERE bundle_id NOT IN (SELECT id FROM bundles)"
                " OR document_id NOT IN (SELECT id FROM documents)"
            ).rowcount
            d = c.execute("DELETE FROM documents WHERE bundle_id NOT IN (SELECT id FROM bundles)").rowcount
            u = c.execute(
                "DELETE FROM documents WHERE failure IS NULL"
                " AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.document_id = documents.id)"
            ).rowcount
            i = c.execute(f"DELETE FROM images WHERE {_UNSHOWN}").rowcount
        search_index.start_next_index(c)
        search_index.finish_next_index(c)
    finally:
        lock.close()
    return {"orphaned_articles": a, "orphaned_documents": d, "unused_documents": u, "unused_images": i}
