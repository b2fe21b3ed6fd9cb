"""The full-text search index (an FTS5 table): its definition, rows, merge steps, rebuild and swap.

Why its own module: imports, reindex, repair and the migrations all write index rows and must
write the same ones; and the index's upkeep (merging segments, building a new index beside the
live one, dropping an old one) is done in bounded steps that none of them should re-implement.
What the tokens are is ``reader.library.search``'s business.
"""

from __future__ import annotations

import sqlite3
import time

from reader.library import search as searchmod
from reader.library.locks import write_transaction
from reader.library.rows import blocks_from_json, body_of

NEXT_INDEX = "search_index_next"  # the index a reindex or repair builds before swapping it in
OLD_INDEX = "search_index_old"  # the index it replaced, while it is being dropped

INDEX_BATCH = 250  # articles added to a new search index per write transaction (~0.15 s)
MERGE_STEP_PAGES = 1_000  # index pages written by one merge step (4 MB, ~0.1 s)
DROP_STEP_ROWS = 2_000  # index pages freed per transaction when a search index is dropped
TURN_S = 0.02  # pause between steps, so that a write waiting for the lock gets a turn

# Schema V7's merge policy. FTS5 by default merges segments inside each writer's commit
# (``automerge``, 4 at a time), all of a level at once when it reaches ``crisismerge``: at 100k
# articles that took a third of an import and held the library for seconds in one commit. A
# 16 MiB buffer makes a bundle about one segment; FTS5 never merges on its own (crisismerge 64
# is a safety net) and ``merge_segments`` merges 16 at a time (``usermerge``) in bounded steps.
_MERGE_POLICY = (("hashsize", 16777216), ("automerge", 0), ("crisismerge", 64), ("usermerge", 16))


def apply_merge_policy(conn: sqlite3.Connection, name: str) -> None:
    for key, value in _MERGE_POLICY:
        conn.execute(f"INSERT INTO {name}({name}, rank) VALUES (?, ?)", (key, value))


def create_search_index(conn: sqlite3.Connection, name: str) -> None:
    """The search index as the current schema has it (V4's table with V7's merge policy), under
    ``name``. A test keeps it equal to what the migrations produce."""
    conn.execute(
        f"CREATE VIRTUAL TABLE {name} USING fts5(title, body, facets, content='', prefix='1',"
        " tokenize='unicode61 remove_diacritics 0')"
    )
    apply_merge_policy(conn, name)


def article_search_text(title: str, blocks_json: str) -> tuple[str, str]:
    """Index tokens (title, body) for a stored article."""
    return searchmod.index_tokens(title or ""), searchmod.index_tokens(body_of(blocks_from_json(blocks_json)))


INDEX_SOURCE = "SELECT id, title, blocks, source_key, sort_date, bundle_id FROM articles"


def index_entry(article_id: int, title: str, blocks: str, source_key: str | None, sort_date: str, bundle_id: int):
    """(rowid, title, body, facets) of a stored article's search index row (a row of ``INDEX_SOURCE``)."""
    t, b = article_search_text(title, blocks)
    facets = (searchmod.facet_tokens(source_key, sort_date) + " " + searchmod.bundle_facet(bundle_id)).strip()
    return article_id, t, b, facets


def rebuild_search_index(conn: sqlite3.Connection) -> None:
    """Empty the search index and fill it again from the articles table (inside a transaction)."""
    conn.execute("INSERT INTO search_index(search_index) VALUES ('delete-all')")
    for row in conn.execute(INDEX_SOURCE):  # a cursor: the bodies never sit in memory all at once
        conn.execute("INSERT INTO search_index (rowid, title, body, facets) VALUES (?, ?, ?, ?)", index_entry(*row))


def merge_segments(conn: sqlite3.Connection, table: str = "search_index") -> None:
    """Merge the index's segments 16 at a time, a bounded step per transaction, until done.

    Stopped by an error or Ctrl-C, nothing is lost: the next import's merge steps carry on.
    """
    while True:
        before = conn.total_changes
        with write_transaction(conn):
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('merge', ?)", (MERGE_STEP_PAGES,))
        if conn.total_changes - before < 2:  # FTS5's sign that there was nothing left to merge
            return
        time.sleep(TURN_S)


def start_next_index(conn: sqlite3.Connection) -> None:
    """An empty search index beside the live one (``finish_next_index`` swaps it in).

    A contentless FTS5 row cannot be replaced without the tokens it was indexed with, which a
    new normaliser no longer produces, so reindex and repair build a new index. In one
    transaction that held the library for minutes at 100k articles; built beside, searches
    keep using the old index and no write waits more than a step.
    """
    for leftover in (NEXT_INDEX, OLD_INDEX):  # from a run that was interrupted
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (leftover,)).fetchone():
            drop_in_steps(conn, leftover)
    with write_transaction(conn):
        create_search_index(conn, NEXT_INDEX)


def finish_next_index(conn: sqlite3.Connection) -> None:
    """Index the articles the new index lacks, ``INDEX_BATCH`` per transaction (tokens computed
    outside it); then, in one short transaction, those imported meanwhile, and swap the
    indexes; then drop the old one a step at a time."""
    insert = f"INSERT INTO {NEXT_INDEX} (rowid, title, body, facets) VALUES (?, ?, ?, ?)"
    lacking = (
        f"{INDEX_SOURCE} AS a WHERE a.id > ? AND a.id <= ? AND NOT EXISTS"
        f" (SELECT 1 FROM {NEXT_INDEX}_docsize AS d WHERE d.id = a.id) ORDER BY a.id"
    )
    high = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
    last = 0
    while rows := conn.execute(f"{lacking} LIMIT ?", (last, high, INDEX_BATCH)).fetchall():
        entries = [index_entry(*row) for row in rows]
        with write_transaction(conn):
            conn.executemany(insert, entries)
        merge_segments(conn, NEXT_INDEX)
        last = rows[-1][0]
    with write_transaction(conn):  # articles imported since ``high`` was read
        conn.executemany(insert, [index_entry(*row) for row in conn.execute(lacking, (high, 2**63 - 1)).fetchall()])
        conn.execute(f"ALTER TABLE search_index RENAME TO {OLD_INDEX}")
        conn.execute(f"ALTER TABLE {NEXT_INDEX} RENAME TO search_index")
    drop_in_steps(conn, OLD_INDEX)


def drop_in_steps(conn: sqlite3.Connection, table: str) -> None:
    """Drop a search index that is no longer used, without holding the library for seconds.

    DROP TABLE frees every page of an FTS5 index in one transaction: 12.5 s for the index of
    100k articles here. Its ``_data`` shadow table (the pages) is emptied a chunk per
    transaction first, all but rows 1 and 10 (averages, structure: FTS5 reads them to open the
    table, and DROP opens it); the DROP of what is left is then quick.
    """
    try:
        while True:
            with write_transaction(conn):
                freed = conn.execute(
                    f"DELETE FROM {table}_data WHERE rowid IN (SELECT rowid FROM {table}_data WHERE rowid > 10 LIMIT ?)",
                    (DROP_STEP_ROWS,),
                ).rowcount
            if freed < DROP_STEP_ROWS:
                break
            time.sleep(TURN_S)
    except sqlite3.DatabaseError:  # shadow tables made read-only (SQLITE_DBCONFIG_DEFENSIVE)
        pass  # then the DROP below does it all
    with write_transaction(conn):
        conn.execute(f"DROP TABLE {table}")
