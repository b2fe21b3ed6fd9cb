"""Running a search: a parsed query and filters against the search index, ranked, with snippets.

The query language, tokens and snippets are ``reader.library.search`` (pure, shared with the
TUI's find); this module is the SQL that puts them to work on a library.
"""

from __future__ import annotations

import sqlite3

from reader.errors import UsageError
from reader.library import queries
from reader.library import search as searchmod
from reader.library.rows import blocks_from_json, body_of
from reader.library.types import ArticleFilter, SearchHit
from reader.script import normalise_for_search


def search(conn: sqlite3.Connection, query: str, filters: ArticleFilter | None, limit: int, offset: int) -> list[SearchHit]:
    """Ranked full-text search; see ``reader.library.search`` for the query language."""
    parsed = searchmod.parse_query(query)
    filters = _merge_filters(filters, parsed)
    match = searchmod.scoped(parsed.match_expression())
    facets, residual = _facet_filters(conn, filters)
    if facets is None:
        return []
    if facets:
        match = f"{match} AND {facets}"
    where, params = queries.filter_sql(residual)
    weights = f"{searchmod.TITLE_WEIGHT}, {searchmod.BODY_WEIGHT}, 0.0"
    try:
        if where and _few(conn, where, params):
            # a small set (bookmarks, the last unread): test each candidate against the
            # index instead of walking every match; results newest first, unranked
            rows = conn.execute(
                "SELECT a.id, 0.0 FROM articles a WHERE a.id IN (SELECT s.rowid FROM search_index s"
                f" WHERE search_index MATCH ? AND s.rowid IN (SELECT a.id FROM articles a WHERE {where}))"
                " ORDER BY a.sort_date DESC, a.id DESC LIMIT ? OFFSET ?",
                [match, *params, limit, offset],
            ).fetchall()
            return _hits(conn, rows, parsed)
        if where:
            base = f"FROM search_index s JOIN articles a ON a.id = s.rowid WHERE search_index MATCH ? AND {where}"
        else:
            base = "FROM search_index s WHERE search_index MATCH ?"
        floor_row = conn.execute(
            f"SELECT s.rowid {base} ORDER BY s.rowid DESC LIMIT 1 OFFSET ?",
            [match, *params, searchmod.RANK_WINDOW - 1],
        ).fetchone()
        floor_sql, floor_params = ("", [])
        if floor_row is not None:
            floor_sql, floor_params = " AND s.rowid >= ?", [floor_row[0]]
        rows = conn.execute(
            f"SELECT s.rowid, bm25(search_index, {weights}) AS r {base}{floor_sql}"
            " ORDER BY r, s.rowid DESC LIMIT ? OFFSET ?",
            [match, *params, *floor_params, limit, offset],
        ).fetchall()
        if floor_row is not None and len(rows) < limit:
            # past the ranked window: older matches follow, newest first, unranked
            rows += conn.execute(
                f"SELECT s.rowid, 0.0 {base} AND s.rowid < ? ORDER BY s.rowid DESC LIMIT ? OFFSET ?",
                [match, *params, floor_row[0], limit - len(rows), max(0, offset - searchmod.RANK_WINDOW)],
            ).fetchall()
    except sqlite3.OperationalError as error:
        if "fts5" in str(error) or "syntax" in str(error):
            raise UsageError(f"cannot search for {query!r}") from None
        raise
    return _hits(conn, rows, parsed)


def _few(conn: sqlite3.Connection, where: str, params: list) -> bool:
    """Whether at most ``FEW_CANDIDATES`` articles pass a residual filter (bounded count)."""
    n = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM articles a WHERE {where} LIMIT ?)",
        [*params, searchmod.FEW_CANDIDATES + 1],
    ).fetchone()[0]
    return n <= searchmod.FEW_CANDIDATES


def _hits(conn: sqlite3.Connection, rows: list, parsed: searchmod.Query) -> list[SearchHit]:
    if not rows:
        return []
    ids = [r[0] for r in rows]
    summaries = queries.summaries(conn, ids)
    marks = ",".join("?" * len(ids))
    bodies = {
        r[0]: body_of(blocks_from_json(r[1]))
        for r in conn.execute(f"SELECT id, blocks FROM articles WHERE id IN ({marks})", ids)
    }
    terms = searchmod.highlight_terms(parsed)
    hits = []
    for article_id, rank in rows:
        summary = summaries.get(article_id)
        if summary is None:  # index row without article: doctor reports it
            continue
        snippet, spans = searchmod.make_snippet(bodies.get(article_id, ""), terms)
        title_spans = tuple(searchmod.find_spans(summary.title, terms))
        hits.append(SearchHit(summary, snippet, spans, title_spans, rank))
    return hits


def _facet_filters(conn: sqlite3.Connection, filters: ArticleFilter | None) -> tuple[str | None, ArticleFilter | None]:
    """Split a filter into an FTS facet expression and what the articles table must check.

    Source and bundle are exact facets. Dates become year facets (an OR of the years in
    range) narrowed exactly by the articles table. Read state and bookmarks change too
    often to live in the index: they are checked on the articles table. Returns None as
    the expression when nothing can match.
    """
    if filters is None:
        return "", None
    parts: list[str] = []
    if filters.source:
        parts.append("facets : " + searchmod.source_facet(normalise_for_search(filters.source.strip())))
    if filters.bundle_id is not None:
        parts.append("facets : " + searchmod.bundle_facet(filters.bundle_id))
    exact_dates = False
    if filters.after or filters.before:
        low, high = conn.execute("SELECT min(sort_date), max(sort_date) FROM articles WHERE sort_date != ''").fetchone()
        if low is None or not low[:4].isdigit() or not high[:4].isdigit():
            return None, None
        first, last = int(low[:4]), int(high[:4])
        if filters.after:
            first = max(first, int(filters.after[:4]))
            exact_dates |= filters.after[5:10] != "01-01"
        if filters.before:
            year = int(filters.before[:4])
            last = min(last, year if filters.before[5:10] != "01-01" else year - 1)
            exact_dates |= filters.before[5:10] != "01-01"
        if last < first:
            return None, None
        if last - first < 60:
            years = " OR ".join(searchmod.year_facet(y) for y in range(first, last + 1))
            parts.append(f"facets : ({years})")
        else:
            exact_dates = True
    residual = ArticleFilter(
        unread=filters.unread,
        bookmarked=filters.bookmarked,
        after=filters.after if exact_dates else None,
        before=filters.before if exact_dates else None,
        tag=filters.tag,
        query=filters.query,
    )
    return " AND ".join(parts), residual


def _merge_filters(filters: ArticleFilter | None, parsed: searchmod.Query) -> ArticleFilter | None:
    """The filters given and the query's own; the query's tags beyond the filter's one are a
    filters-only query, checked on the tag tables like the filter's."""
    if not parsed.has_filters:
        return filters
    base = filters or ArticleFilter()
    tags = [base.tag] if base.tag else []
    tags += parsed.tags
    extra = " ".join(f'tag:"{t}"' for t in tags[1:])
    return ArticleFilter(
        bundle_id=base.bundle_id,
        source=parsed.source or base.source,
        unread=base.unread,
        bookmarked=base.bookmarked,
        after=max(filter(None, [base.after, parsed.after]), default=None),
        before=min(filter(None, [base.before, parsed.before]), default=None),
        tag=tags[0] if tags else None,
        query=" ".join(filter(None, [base.query, extra])) or None,
    )
