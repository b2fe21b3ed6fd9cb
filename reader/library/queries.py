"""Reading articles: lists, filters, summaries, one whole article, bundles, sources, counts.

Functions of a connection, called by ``Library`` under its lock. Filters become SQL here and
nowhere else (search applies the same ``filter_sql`` to what its index cannot decide).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from reader.library import schema, tags
from reader.library import search as searchmod
from reader.library.rows import blocks_from_json
from reader.library.types import ArticleFilter, ArticleSummary, BundleInfo, NoSuchArticle, StoredArticle
from reader.script import normalise_for_search

# an article without a headline is listed under its file's name, flagged (the last column); a LEFT
# JOIN, so that an article of a damaged library (no document row) is still listed, as it is counted
_SUMMARY_SELECT = (
    "SELECT a.id, coalesce(nullif(a.title, ''), d.name, ''), a.published, a.source, a.url, a.script, a.read,"
    " a.bookmarked, a.bundle_id, a.title = '', a.reading_minutes, p.fraction"
    " FROM articles a LEFT JOIN documents d ON d.id = a.document_id LEFT JOIN positions p ON p.article_id = a.id"
)
_NEWEST_FIRST = " ORDER BY a.sort_date DESC, a.id DESC"


def filter_sql(filters: ArticleFilter | None, alias: str = "a") -> tuple[str, list]:
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
    for tag in [filters.tag] if filters.tag else []:
        clauses.append(tags.filter_clause(alias))
        params.append(normalise_for_search(tag.strip()))
    if filters.query:
        _query_sql(filters.query, alias, clauses, params)
    return " AND ".join(clauses), params


def _query_sql(query: str, alias: str, clauses: list[str], params: list) -> None:
    """A query of the search language as filter clauses: its words through the search index
    (all matches, unranked: the list orders them), its filters as the filters above."""
    parsed = searchmod.parse_query(query, filters_only=True)
    if parsed.terms:
        clauses.append(f"{alias}.id IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)")
        params.append(searchmod.scoped(parsed.match_expression()))
    where, more = filter_sql(
        ArticleFilter(source=parsed.source, after=parsed.after, before=parsed.before), alias
    )
    if where:
        clauses.append(where)
        params.extend(more)
    for tag in parsed.tags:
        clauses.append(tags.filter_clause(alias))
        params.append(normalise_for_search(tag.strip()))


def _where(filters: ArticleFilter | None) -> tuple[str, list]:
    where, params = filter_sql(filters)
    return (f" WHERE {where}" if where else ""), params


def summary_of(row) -> ArticleSummary:
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
        untitled=bool(row[9]),
        reading_minutes=row[10] or 0,
        progress=row[11],
    )


def _with_tags(conn: sqlite3.Connection, rows: list[ArticleSummary]) -> list[ArticleSummary]:
    found = tags.of_articles(conn, [r.id for r in rows])
    return [replace(r, tags=found[r.id]) if r.id in found else r for r in rows]


def article_ids(conn: sqlite3.Connection, filters: ArticleFilter | None) -> list[int]:
    """Ids of matching articles, newest first (undated last). Ints only: cheap at 100k."""
    where, params = _where(filters)
    return [row[0] for row in conn.execute("SELECT a.id FROM articles a" + where + _NEWEST_FIRST, params)]


def count(conn: sqlite3.Connection, filters: ArticleFilter | None) -> int:
    where, params = _where(filters)
    return conn.execute("SELECT count(*) FROM articles a" + where, params).fetchone()[0]


def count_and_unread(conn: sqlite3.Connection, filters: ArticleFilter | None) -> tuple[int, int]:
    """How many articles a filter keeps, and how many of them are unread: one pass (a saved
    search's full-text match is the cost; done twice, it was twice the cost)."""
    where, params = _where(filters)
    total, unread = conn.execute("SELECT count(*), total(a.read = 0) FROM articles a" + where, params).fetchone()
    return total, int(unread)


def summaries(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, ArticleSummary]:
    out: dict[int, ArticleSummary] = {}
    ids = list(ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for summary in _with_tags(conn, [summary_of(r) for r in conn.execute(f"{_SUMMARY_SELECT} WHERE a.id IN ({marks})", chunk)]):
            out[summary.id] = summary
    return out


def list_articles(conn: sqlite3.Connection, filters: ArticleFilter | None, limit: int | None, offset: int) -> list[ArticleSummary]:
    where, params = _where(filters)
    sql = _SUMMARY_SELECT + where + _NEWEST_FIRST + " LIMIT ? OFFSET ?"
    return _with_tags(conn, [summary_of(r) for r in conn.execute(sql, [*params, -1 if limit is None else limit, offset])])


def get(conn: sqlite3.Connection, article_id: int) -> StoredArticle:
    row = conn.execute(
        "SELECT a.id, a.title, a.blocks, a.published, a.source, a.authors, a.editor, a.breadcrumb, a.url,"
        " a.script, a.read, a.bookmarked, a.bundle_id, d.name, a.document_id, b.label, a.reading_minutes"
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
        reading_minutes=row[16] or 0,
        tags=tags.of_articles(conn, [row[0]]).get(row[0], ()),
    )


def arrivals(conn: sqlite3.Connection) -> tuple[int, int]:
    return tuple(conn.execute("SELECT coalesce(max(id), 0), count(*) FROM articles").fetchone())


def bundles(conn: sqlite3.Connection) -> list[BundleInfo]:
    rows = conn.execute(
        "SELECT b.id, b.identity, b.label, b.title, b.publisher, b.language, b.created, b.imported_at,"
        " (SELECT count(*) FROM articles a WHERE a.bundle_id = b.id) FROM bundles b ORDER BY b.id"
    )
    return [BundleInfo(*row) for row in rows]


def has_bundle(conn: sqlite3.Connection, identity: str) -> bool:
    return conn.execute("SELECT 1 FROM bundles WHERE identity = ?", (identity,)).fetchone() is not None


def sources(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """(source, article count), most articles first. Sources differing only in script are one."""
    rows = conn.execute(
        "SELECT min(source), count(*) FROM articles WHERE source_key IS NOT NULL AND source_key != ''"
        " GROUP BY source_key ORDER BY count(*) DESC, min(source)"
    )
    return [(r[0], r[1]) for r in rows]


def stats(conn: sqlite3.Connection, path: Path) -> dict:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "path": str(path),
        "schema_version": schema.schema_version(conn),
        "articles": one("SELECT count(*) FROM articles"),
        "bundles": one("SELECT count(*) FROM bundles"),
        "documents": one("SELECT count(*) FROM documents"),
        "failed_documents": one("SELECT count(*) FROM documents WHERE failure IS NOT NULL"),
        "read": one("SELECT count(*) FROM articles WHERE read = 1"),
        "unread": one("SELECT count(*) FROM articles WHERE read = 0"),
        "bookmarked": one("SELECT count(*) FROM articles WHERE bookmarked = 1"),
        "sources": one("SELECT count(DISTINCT source_key) FROM articles WHERE source_key != ''"),
        "scripts": dict(conn.execute("SELECT script, count(*) FROM articles GROUP BY script ORDER BY script").fetchall()),
        "oldest": one("SELECT min(sort_date) FROM articles WHERE sort_date != ''"),
        "newest": one("SELECT max(sort_date) FROM articles WHERE sort_date != ''"),
        "original_bytes": one("SELECT coalesce(sum(size), 0) FROM documents"),
        "stored_bytes": one("SELECT coalesce(sum(length(data)), 0) FROM documents"),
        "database_bytes": one("PRAGMA page_count") * one("PRAGMA page_size"),
    }


def find_duplicate(conn: sqlite3.Connection, values: dict, exclude_id: int | None = None) -> int | None:
    """Id of a stored article with the same dedupe key or canonical URL as a row's values, if any."""
    curl = values["canonical_url"]
    row = conn.execute(
        "SELECT id FROM articles WHERE (dedupe_key = ? OR (? IS NOT NULL AND canonical_url = ?)) AND id IS NOT ?"
        " LIMIT 1",
        (values["dedupe_key"], curl, curl, exclude_id),
    ).fetchone()
    return None if row is None else row[0]


def is_excerpt(conn: sqlite3.Connection, article_id: int, schema_name: str = "main") -> bool:
    """Whether a stored article holds only a summary (its document's hints say ``excerpt``)."""
    row = conn.execute(
        f"SELECT d.hints FROM {schema_name}.articles AS a JOIN {schema_name}.documents AS d ON d.id = a.document_id"
        " WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    return row is not None and bool(json.loads(row[0] or "{}").get("excerpt"))
