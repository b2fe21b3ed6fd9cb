"""Reading state and settings: read marks, bookmarks, reading positions, and the JSON values
the TUI keeps between runs.

Kept apart from the articles' extracted content so that a reindex never touches it. Every
change a user makes is applied and logged (``statelog``) in one go, for state sync;
``apply_field`` applies a synced change without logging it again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from reader.library import statelog, tags
from reader.library.connection import now
from reader.library.types import NoSuchArticle, Position

_FLAGS = {"read": "read_at", "bookmarked": "bookmarked_at"}


def _set_flag(conn: sqlite3.Connection, article_ids: Sequence[int], flag: str, value: bool) -> int:
    """Set read or bookmarked on articles (all exist, or nothing is written); log the ones that
    changed. Returns how many changed."""
    ids = list(dict.fromkeys(int(i) for i in article_ids))
    for article_id in ids:
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
            raise NoSuchArticle(article_id)
    changed = 0
    for article_id in ids:
        cur = conn.execute(
            f"UPDATE articles SET {flag} = ?, {_FLAGS[flag]} = ? WHERE id = ? AND {flag} != ?",
            (int(value), now() if value else None, article_id, int(value)),
        )
        if cur.rowcount:
            changed += 1
            statelog.record(conn, statelog.identity(conn, article_id), flag, bool(value))
    return changed


def set_read(conn: sqlite3.Connection, article_ids: Sequence[int], read: bool) -> int:
    return _set_flag(conn, article_ids, "read", bool(read))


def set_bookmarked(conn: sqlite3.Connection, article_ids: Sequence[int], value: bool) -> int:
    return _set_flag(conn, article_ids, "bookmarked", bool(value))


def position(conn: sqlite3.Connection, article_id: int) -> Position | None:
    row = conn.execute("SELECT offset, fraction, updated_at FROM positions WHERE article_id = ?", (int(article_id),)).fetchone()
    return None if row is None else Position(*row)


def set_position(conn: sqlite3.Connection, article_id: int, offset: int, fraction: float) -> None:
    """Remember where the reader is in an article (logged, for sync)."""
    offset, fraction = max(0, int(offset)), min(1.0, max(0.0, float(fraction)))
    ident = statelog.identity(conn, article_id)  # NoSuchArticle for an unknown id
    old = position(conn, article_id)
    if old is not None and (old.offset, old.fraction) == (offset, fraction):
        return
    _store_position(conn, article_id, offset, fraction)
    statelog.record(conn, ident, "position", {"offset": offset, "fraction": fraction})


def _store_position(conn: sqlite3.Connection, article_id: int, offset: int, fraction: float) -> None:
    conn.execute(
        "INSERT INTO positions (article_id, offset, fraction, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(article_id) DO UPDATE SET offset = excluded.offset, fraction = excluded.fraction,"
        " updated_at = excluded.updated_at",
        (int(article_id), offset, fraction, now()),
    )


def apply_field(conn: sqlite3.Connection, article_id: int, field: str, value) -> bool:
    """Apply one synced change (``read``, ``bookmarked``, ``position``, ``tag:KEY``) to a stored
    article without logging it. Returns False for a field this version does not know (kept in
    the log by the caller, ignored here); raises ValueError for a value of the wrong shape."""
    if field in _FLAGS:
        if not isinstance(value, bool):
            raise ValueError(f"{field} must be true or false")
        conn.execute(
            f"UPDATE articles SET {field} = ?, {_FLAGS[field]} = ? WHERE id = ?",
            (int(value), now() if value else None, int(article_id)),
        )
    elif field == "position":
        if value is None:
            conn.execute("DELETE FROM positions WHERE article_id = ?", (int(article_id),))
            return True
        if not isinstance(value, dict):
            raise ValueError("position must be {offset: int, fraction: number}")
        offset, fraction = value.get("offset"), value.get("fraction")
        if not isinstance(offset, int) or isinstance(offset, bool) or not isinstance(fraction, (int, float)):
            raise ValueError("position must be {offset: int, fraction: number}")
        _store_position(conn, article_id, max(0, offset), min(1.0, max(0.0, float(fraction))))
    elif field.startswith("tag:"):
        if value is not None and not isinstance(value, str):
            raise ValueError("a tag's value must be its name or null")
        tags.apply_field(conn, article_id, field[4:], value)
    else:
        return False
    return True


def get_setting(conn: sqlite3.Connection, key: str, default=None):
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return default if row is None else json.loads(row[0])


def set_setting(conn: sqlite3.Connection, key: str, value) -> None:
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value, ensure_ascii=False)),
    )


def delete_setting(conn: sqlite3.Connection, key: str) -> None:
    conn.execute("DELETE FROM settings WHERE key = ?", (key,))
