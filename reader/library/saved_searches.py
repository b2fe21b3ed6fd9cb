"""Saved searches: a name for a query of the search language, listed like newsboat's query feeds.

A saved search is a filter (``ArticleFilter(query=...)``), so its articles are listed newest
first and follow new imports with no work of its own. The query is checked when saved, so a
saved search never fails later for its syntax.
"""

from __future__ import annotations

import sqlite3

from reader.errors import UsageError
from reader.library import queries
from reader.library import search as searchmod
from reader.library.connection import now
from reader.library.types import ArticleFilter, SavedSearch
from reader.textsafe import clean_label

MAX_NAME_CHARS = 80


def _clean_name(name: str) -> str:
    return clean_label(name, "saved search", MAX_NAME_CHARS)


def save(conn: sqlite3.Connection, name: str, query: str) -> SavedSearch:
    """Save (or replace) a search under ``name``; UsageError if the query is not valid."""
    name = _clean_name(name)
    query = " ".join(query.split())
    searchmod.parse_query(query, filters_only=True)
    conn.execute(
        "INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?)"
        " ON CONFLICT(name) DO UPDATE SET query = excluded.query",
        (name, query, now()),
    )
    return counted(conn, name, query)


def delete(conn: sqlite3.Connection, name: str) -> None:
    if conn.execute("DELETE FROM saved_searches WHERE name = ?", (_clean_name(name),)).rowcount == 0:
        raise UsageError(f"no saved search named {name!r}")


def counted(conn: sqlite3.Connection, name: str, query: str) -> SavedSearch:
    return SavedSearch(name, query, *queries.count_and_unread(conn, ArticleFilter(query=query)))


def listed(conn: sqlite3.Connection) -> list[SavedSearch]:
    """Every saved search with its article and unread counts, by name."""
    rows = conn.execute("SELECT name, query FROM saved_searches ORDER BY name").fetchall()
    return [counted(conn, name, query) for name, query in rows]
