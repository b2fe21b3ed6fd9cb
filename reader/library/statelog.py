"""The log of the reader's own changes, one row per (article identity, field): the last change wins.

Every change a user makes (read, bookmark, a tag added or removed, a highlight or note written
or deleted, the reading position) is applied to its live table *and* recorded here in the same
transaction, keyed by the article's identity rather than its row id, so that another library
holding the same article (imported from a different bundle, in the other script) can take it
over: ``reader state export`` writes these rows, ``reader state import`` merges them.

Identity: the canonical URL when the article has one, else ``text:`` + its dedupe key (the hash
of its text folded across scripts, so a Traditional and a Simplified copy are one article).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

from reader.library.types import NoSuchArticle

TEXT_PREFIX = "text:"


def stamp() -> str:
    """A change's time: UTC to the microsecond, so that two changes in one second still order."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def identity(conn: sqlite3.Connection, article_id: int) -> str:
    row = conn.execute("SELECT canonical_url, dedupe_key FROM articles WHERE id = ?", (int(article_id),)).fetchone()
    if row is None:
        raise NoSuchArticle(article_id)
    return identity_of(row[0], row[1])


def identity_of(canonical_url: str | None, dedupe_key: str) -> str:
    return canonical_url or TEXT_PREFIX + dedupe_key


def article_for(conn: sqlite3.Connection, ident: str) -> int | None:
    """The id of the stored article with this identity, or None (its state waits for it)."""
    if ident.startswith(TEXT_PREFIX):
        row = conn.execute("SELECT id FROM articles WHERE dedupe_key = ?", (ident[len(TEXT_PREFIX):],)).fetchone()
    else:
        row = conn.execute("SELECT id FROM articles WHERE canonical_url = ?", (ident,)).fetchone()
    return None if row is None else row[0]


def record(conn: sqlite3.Connection, ident: str, field: str, value, changed_at: str | None = None) -> None:
    """Log one field's new value (``None``: removed, a tombstone) for the article ``ident``."""
    conn.execute(
        "INSERT INTO state_changes (identity, field, value, changed_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(identity, field) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at",
        (ident, field, None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True),
         changed_at or stamp()),
    )


def rename(conn: sqlite3.Connection, old: str, new: str) -> None:
    """An article's identity changed (reindex found its canonical URL or fixed its text): its
    logged state and highlights follow it. Where the new identity has a row of its own for a
    field, the later change wins."""
    if old == new:
        return
    conn.execute(
        "INSERT INTO state_changes (identity, field, value, changed_at)"
        " SELECT ?, field, value, changed_at FROM state_changes WHERE identity = ? AND true"
        " ON CONFLICT(identity, field) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at"
        " WHERE excluded.changed_at > state_changes.changed_at",
        (new, old),
    )
    conn.execute("DELETE FROM state_changes WHERE identity = ?", (old,))
    conn.execute("UPDATE highlights SET identity = ? WHERE identity = ?", (new, old))
