"""Reading state and settings: read marks, bookmarks, and the JSON values the TUI keeps between runs.

The home of per-article user state (tags, highlights and positions will live here too), kept
apart from the articles' extracted content so that a reindex never touches it.
"""

from __future__ import annotations

import json
import sqlite3

from reader.library.connection import now
from reader.library.types import NoSuchArticle


def set_read(conn: sqlite3.Connection, article_id: int, read: bool) -> None:
    cur = conn.execute(
        "UPDATE articles SET read = ?, read_at = ? WHERE id = ?",
        (int(bool(read)), now() if read else None, int(article_id)),
    )
    if cur.rowcount == 0:
        raise NoSuchArticle(article_id)


def set_bookmarked(conn: sqlite3.Connection, article_id: int, value: bool) -> None:
    cur = conn.execute(
        "UPDATE articles SET bookmarked = ?, bookmarked_at = ? WHERE id = ?",
        (int(bool(value)), now() if value else None, int(article_id)),
    )
    if cur.rowcount == 0:
        raise NoSuchArticle(article_id)


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
