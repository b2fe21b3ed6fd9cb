"""Reindex: every stored original extracted again by today's extractor, in short transactions.

Articles keep their id, read state and bookmark when their (document, position) still yields
an article; the search index is rebuilt beside the live one and swapped in. The reindex lock
(an flock next to the library) also guards ``repair``'s index rebuild.
"""

from __future__ import annotations

import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.errors import LibraryError
from reader.library import highlights, queries, search_index, state, statelog, sync
from reader.library import search as searchmod
from reader.library.locks import try_lock, write_transaction
from reader.library import photos
from reader.library.rows import decompress, drop_unstored_photos, hints_from_json
from reader.model import RawDocument

REINDEX_BATCH = 100  # documents re-extracted per write transaction (~0.05 s of lock)
PENDING = "reindex.pending"  # set while a reindex runs: the search index may lag behind

Preparer = Callable[[Iterator[RawDocument], int], Iterator[tuple[RawDocument, object]]]


def lock_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.reindex.lock")


def take_lock(path: Path):
    """An flock that keeps a second reindex (or repair) of the same library from racing this one."""
    handle = open(lock_path(path), "a+b")  # noqa: SIM115
    if not try_lock(handle):
        handle.close()
        raise LibraryError(f"another reindex of {path} is running; wait for it to finish")
    return handle


def is_running(path: Path) -> bool:
    """Whether another process holds the reindex lock (a reindex or repair under way)."""
    try:
        handle = open(lock_path(path), "rb")  # noqa: SIM115
    except OSError:
        return False
    with handle:
        return not try_lock(handle)  # the lock goes when the handle closes


def _match_rows(c: sqlite3.Connection, doc_id: int, rows) -> tuple[dict[int, int], dict[int, int], dict[int, str]]:
    """Which stored article each new row of a document is: the one with its text key or
    canonical URL first (a new extractor may find a document's stories in another order: each
    keeps its id, reading state and highlights), else the one at its position. Returns
    (position -> id matched by identity, position -> id of the stored rows left, id -> identity)."""
    stored = c.execute("SELECT position, id, canonical_url, dedupe_key FROM articles WHERE document_id = ?", (doc_id,)).fetchall()
    by_identity: dict[str, int] = {}
    for _, article_id, url, key in stored:
        by_identity.setdefault("k:" + key, article_id)
        if url:
            by_identity.setdefault("u:" + url, article_id)
    matched: dict[int, int] = {}
    for position, (values, _) in enumerate(rows):
        hit = by_identity.get("k:" + values["dedupe_key"])
        if hit is None and values["canonical_url"]:
            hit = by_identity.get("u:" + values["canonical_url"])
        if hit is not None and hit not in matched.values():
            matched[position] = hit
    taken = set(matched.values())
    left = {position: article_id for position, article_id, _, _ in stored if article_id not in taken}
    return matched, left, {article_id: statelog.identity_of(url, key) for _, article_id, url, key in stored}


def reindex(conn: sqlite3.Connection, path: Path, prepare: Preparer, progress: Callable[[int, int], None] | None) -> dict:
    """See ``Library.reindex``."""
    lock = take_lock(path)
    try:
        state.set_setting(conn, PENDING, True)
        search_index.start_next_index(conn)
        doc_ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
        report = {"documents": 0, "updated": 0, "added": 0, "removed": 0, "duplicates": 0, "failed": []}
        origins: deque = deque()  # (document id, bundle id, bundle label), in document order

        def documents() -> Iterator[RawDocument]:
            for start in range(0, len(doc_ids), REINDEX_BATCH):
                chunk = doc_ids[start : start + REINDEX_BATCH]
                rows = conn.execute(
                    "SELECT d.id, d.bundle_id, b.label, d.name, d.kind, d.hints, d.compression, d.data"
                    " FROM documents d JOIN bundles b ON b.id = d.bundle_id WHERE d.id BETWEEN ? AND ?"
                    " ORDER BY d.id",
                    (chunk[0], chunk[-1]),
                ).fetchall()
                for doc_id, bundle_id, label, name, kind, hints, method, blob in rows:
                    origins.append((doc_id, bundle_id, label))
                    yield RawDocument(name, decompress(method, blob), kind, hints_from_json(hints))

        batch: list = []
        for doc, prepared in prepare(documents(), len(doc_ids)):
            batch.append((*origins.popleft(), doc.name, prepared))
            if len(batch) == REINDEX_BATCH:
                _apply(conn, batch, report)
                search_index.merge_segments(conn, search_index.NEXT_INDEX)
                # a writer waiting in SQLite's busy handler (the TUI marking an article read)
                # sleeps 1 to 100 ms between tries: without a pause the next batch takes the lock
                # back before it wakes
                time.sleep(search_index.TURN_S)
                batch = []
                if progress:
                    progress(report["documents"], len(doc_ids))
        _apply(conn, batch, report)
        search_index.finish_next_index(conn)
        state.delete_setting(conn, PENDING)
    finally:
        lock.close()
    if progress:
        progress(report["documents"], len(doc_ids))
    return report


def _apply(conn: sqlite3.Connection, batch: list, report: dict) -> None:
    """One write transaction: the new articles of a batch of re-extracted documents, and their
    rows in the new search index (tokens the workers computed)."""
    c = conn
    index = f"INSERT INTO {search_index.NEXT_INDEX} (rowid, title, body, facets) VALUES (?, ?, ?, ?)"
    with write_transaction(c):
        for doc_id, bundle_id, label, name, prepared in batch:
            report["documents"] += 1
            if prepared.error is not None:
                c.execute("UPDATE documents SET failure = ? WHERE id = ?", (prepared.error, doc_id))
                report["failed"].append((label, name, prepared.error))
                continue
            report["failed"].extend((label, name, reason) for reason in prepared.failures)
            c.execute("UPDATE documents SET failure = NULL, encoding = ? WHERE id = ?", (prepared.encoding, doc_id))
            # the photos found at import attach again (by document and src): no container needed
            rows = drop_unstored_photos(prepared.rows, photos.stored_sources(c, doc_id))
            matched, existing, identities = _match_rows(c, doc_id, rows)
            for position, (values, (title_tokens, body_tokens, facets)) in enumerate(rows):
                old_id = matched.get(position)
                if old_id is None:
                    old_id = existing.pop(position, None)
                if queries.find_duplicate(c, values, exclude_id=old_id) is not None:
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
                    sync.arrived(c, article_id)
                else:
                    was = identities[old_id]
                    values = {**values, "position": position}
                    sets = ", ".join(f"{k} = ?" for k in values)
                    c.execute(f"UPDATE articles SET {sets} WHERE id = ?", [*values.values(), old_id])
                    article_id = old_id
                    report["updated"] += 1
                    highlights.reanchor(c, article_id)  # reads the new text only when it has highlights
                    known_as = statelog.identity_of(values["canonical_url"], values["dedupe_key"])
                    if known_as != was:  # a canonical URL found, or the text changed: its state follows it
                        statelog.rename(c, was, known_as)
                        sync.arrived(c, article_id)
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
