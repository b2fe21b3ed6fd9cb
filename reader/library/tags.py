"""Tags: any number per article, Chinese or Latin, one tag per script-folded key.

A tag's identity is ``normalise_for_search(name)``, so 台灣 and 台湾 (and ＴＯ-READ and to-read)
are one tag; its name is the spelling it was first given. Every change a user makes is logged
(``statelog``, field ``tag:KEY``: the name, or None when removed) for state sync; tags that
arrive with an import (feed categories, wallabag tags) are the source's, and are not logged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from reader.errors import UsageError
from reader.library import statelog
from reader.library.types import NoSuchArticle, TagCount
from reader.script import normalise_for_search
from reader.textsafe import clean_label

MAX_TAG_CHARS = 64


def clean_name(name: str) -> str:
    """A tag name as stored; UsageError if unusable."""
    return clean_label(name, "tag", MAX_TAG_CHARS)


def _tag_id(conn: sqlite3.Connection, name: str, create: bool) -> int | None:
    key = normalise_for_search(name)
    row = conn.execute("SELECT id FROM tags WHERE key = ?", (key,)).fetchone()
    if row is not None or not create:
        return None if row is None else row[0]
    return conn.execute("INSERT INTO tags (name, key) VALUES (?, ?)", (name, key)).lastrowid


def _check_articles(conn: sqlite3.Connection, article_ids: Sequence[int]) -> None:
    for article_id in article_ids:
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (int(article_id),)).fetchone() is None:
            raise NoSuchArticle(article_id)


def change(conn: sqlite3.Connection, article_ids: Sequence[int], add: Iterable[str] = (), remove: Iterable[str] = ()) -> int:
    """Add and remove tags on articles, logging each change; returns how many links changed.

    All or nothing: names and ids are checked before anything is written (the caller holds
    the transaction). A tag both added and removed is an error.
    """
    adding = {normalise_for_search(n): n for n in map(clean_name, add)}
    removing = {normalise_for_search(n): n for n in map(clean_name, remove)}
    both = adding.keys() & removing.keys()
    if both:
        raise UsageError(f"a tag cannot be both added and removed: {adding[min(both)]}")
    _check_articles(conn, article_ids)
    changed = 0
    for article_id in dict.fromkeys(int(i) for i in article_ids):
        ident = statelog.identity(conn, article_id)
        for key, name in adding.items():
            tag_id = _tag_id(conn, name, create=True)
            cur = conn.execute("INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)", (article_id, tag_id))
            if cur.rowcount:
                changed += 1
                statelog.record(conn, ident, "tag:" + key, _name_of(conn, tag_id))
        for key in removing:
            tag_id = _tag_id(conn, key, create=False)
            if tag_id is None:
                continue
            cur = conn.execute("DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?", (article_id, tag_id))
            if cur.rowcount:
                changed += 1
                statelog.record(conn, ident, "tag:" + key, None)
    _drop_unused(conn)
    return changed


def apply_field(conn: sqlite3.Connection, article_id: int, key: str, name: str | None) -> None:
    """Apply a synced ``tag:KEY`` change to one article, without logging it."""
    if name is None:
        tag_id = _tag_id(conn, key, create=False)
        if tag_id is not None:
            conn.execute("DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?", (article_id, tag_id))
            _drop_unused(conn)
        return
    tag_id = _tag_id(conn, clean_name(name), create=True)
    conn.execute("INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)", (article_id, tag_id))


def add_imported(conn: sqlite3.Connection, links: Iterable[tuple[int, Iterable[str]]]) -> None:
    """Tags a source gave its articles (feed categories, wallabag tags): stored, not logged.

    Names that are not usable as tags (empty, control characters, too long) are dropped:
    they are the source's metadata, not the user's typing.
    """
    for article_id, names in links:
        for raw in names:
            try:
                name = clean_name(raw)
            except UsageError:
                continue
            tag_id = _tag_id(conn, name, create=True)
            conn.execute("INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)", (article_id, tag_id))


def _name_of(conn: sqlite3.Connection, tag_id: int) -> str:
    return conn.execute("SELECT name FROM tags WHERE id = ?", (tag_id,)).fetchone()[0]


def _drop_unused(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM article_tags t WHERE t.tag_id = tags.id)")


def counts(conn: sqlite3.Connection) -> list[TagCount]:
    """Every tag with its article count, most articles first, then by name."""
    rows = conn.execute(
        "SELECT t.name, t.key, count(*) FROM tags t JOIN article_tags l ON l.tag_id = t.id"
        " GROUP BY t.id ORDER BY count(*) DESC, t.name"
    )
    return [TagCount(*row) for row in rows]


def of_articles(conn: sqlite3.Connection, article_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The tags of each article (only articles that have any), by name."""
    out: dict[int, list[str]] = {}
    ids = list(article_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for article_id, name in conn.execute(
            f"SELECT l.article_id, t.name FROM article_tags l JOIN tags t ON t.id = l.tag_id"
            f" WHERE l.article_id IN ({marks}) ORDER BY t.name",
            chunk,
        ):
            out.setdefault(article_id, []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def filter_clause(alias: str) -> str:
    """SQL (one parameter: the tag's key) keeping the articles that carry a tag."""
    return (
        f"{alias}.id IN (SELECT l.article_id FROM article_tags l JOIN tags t ON t.id = l.tag_id WHERE t.key = ?)"
    )
