"""Highlights and notes: stored with W3C selectors (``anchoring``), logged for sync, re-placed
when the text changes, never lost.

A note on the whole article is a highlight with an empty quote, one per article. Every user
change is logged as field ``highlight:UID`` (its value, or None when deleted). A highlight whose
article leaves the library keeps its identity (``article_id`` NULL) and is attached again when
an article with that identity arrives (``reattach``).
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
import uuid

from reader.errors import UsageError
from reader.library import anchoring, statelog
from reader.library.connection import now
from reader.library.rows import blocks_from_json, body_of
from reader.library.types import Highlight, NoSuchArticle

MAX_QUOTE_CHARS = 10_000
MAX_NOTE_CHARS = 20_000

_SELECT = (
    "SELECT h.uid, h.article_id, h.identity, h.exact, h.prefix, h.suffix, h.start, h.end, h.note, h.orphaned,"
    " h.created_at, h.updated_at, coalesce(a.title, ''), a.source, a.published, a.url, a.authors"
    " FROM highlights h LEFT JOIN articles a ON a.id = h.article_id"
)


def _of_row(row) -> Highlight:
    return Highlight(*row[:9], bool(row[9]), *row[10:16], tuple(json.loads(row[16] or "[]")))


def _body(conn: sqlite3.Connection, article_id: int) -> str:
    row = conn.execute("SELECT blocks FROM articles WHERE id = ?", (int(article_id),)).fetchone()
    if row is None:
        raise NoSuchArticle(article_id)
    return body_of(blocks_from_json(row[0]))


def _clean_note(note: str) -> str:
    note = unicodedata.normalize("NFC", str(note)).strip()
    if len(note) > MAX_NOTE_CHARS:
        raise UsageError(f"a note has at most {MAX_NOTE_CHARS} characters")
    return note


def value_of(h: Highlight) -> dict:
    """The logged (and synced) form of a highlight."""
    return {"exact": h.exact, "prefix": h.prefix, "suffix": h.suffix, "start": h.start, "end": h.end,
            "note": h.note, "created_at": h.created_at}


def get(conn: sqlite3.Connection, uid: str) -> Highlight:
    row = conn.execute(_SELECT + " WHERE h.uid = ?", (uid,)).fetchone()
    if row is None:
        raise UsageError(f"no highlight {uid!r}")
    return _of_row(row)


def add(conn: sqlite3.Connection, article_id: int, start: int, end: int, note: str = "") -> Highlight:
    """Highlight ``body[start:end]`` of an article (offsets into ``StoredArticle.body``)."""
    body = _body(conn, article_id)
    start, end = int(start), int(end)
    if not (0 <= start < end <= len(body)) or not body[start:end].strip():
        raise UsageError("a highlight needs a passage of the article's text")
    if end - start > MAX_QUOTE_CHARS:
        raise UsageError(f"a highlight has at most {MAX_QUOTE_CHARS} characters")
    q = anchoring.quote(body, start, end)
    return _insert(conn, article_id, q, _clean_note(note))


def _insert(conn: sqlite3.Connection, article_id: int, q: anchoring.Quote, note: str) -> Highlight:
    uid, stamp, ident = str(uuid.uuid4()), now(), statelog.identity(conn, article_id)
    conn.execute(
        "INSERT INTO highlights (uid, identity, article_id, exact, prefix, suffix, start, end, note, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (uid, ident, article_id, q.exact, q.prefix, q.suffix, q.start, q.end, note, stamp, stamp),
    )
    made = get(conn, uid)
    statelog.record(conn, ident, "highlight:" + uid, value_of(made))
    return made


def set_note(conn: sqlite3.Connection, uid: str, note: str) -> Highlight:
    old = get(conn, uid)
    conn.execute("UPDATE highlights SET note = ?, updated_at = ? WHERE uid = ?", (_clean_note(note), now(), uid))
    new = get(conn, uid)
    if new.note != old.note:
        statelog.record(conn, new.identity, "highlight:" + uid, value_of(new))
    return new


def delete(conn: sqlite3.Connection, uid: str) -> None:
    old = get(conn, uid)
    conn.execute("DELETE FROM highlights WHERE uid = ?", (uid,))
    statelog.record(conn, old.identity, "highlight:" + uid, None)


def article_note(conn: sqlite3.Connection, article_id: int) -> Highlight | None:
    row = conn.execute(_SELECT + " WHERE h.article_id = ? AND h.exact = ''", (int(article_id),)).fetchone()
    return None if row is None else _of_row(row)


def set_article_note(conn: sqlite3.Connection, article_id: int, text: str) -> Highlight | None:
    """Write (or with "" remove) the note on the whole article."""
    _body(conn, article_id)  # NoSuchArticle for an unknown id
    text = _clean_note(text)
    old = article_note(conn, article_id)
    if old is None:
        return _insert(conn, article_id, anchoring.Quote(""), text) if text else None
    if not text:
        delete(conn, old.uid)
        return None
    return set_note(conn, old.uid, text)


def listed(conn: sqlite3.Connection, article_id: int | None = None, limit: int | None = None) -> list[Highlight]:
    """An article's highlights in text order (its note first), or all (the newest ``limit``), newest first."""
    if article_id is None:
        rows = conn.execute(_SELECT + " ORDER BY h.id DESC LIMIT ?", (-1 if limit is None else int(limit),))
    else:
        _body(conn, article_id)
        rows = conn.execute(_SELECT + " WHERE h.article_id = ? ORDER BY h.exact != '', h.start, h.id", (int(article_id),))
    return [_of_row(r) for r in rows]


def reanchor(conn: sqlite3.Connection, article_id: int, body: str | None = None) -> int:
    """Place an article's highlights in its current text: new offsets, orphaned flag set or
    cleared. Returns how many are orphaned."""
    rows = conn.execute(
        "SELECT uid, exact, prefix, suffix, start, end FROM highlights WHERE article_id = ? AND exact != ''",
        (int(article_id),),
    ).fetchall()
    if rows and body is None:
        body = _body(conn, article_id)
    orphans = 0
    for uid, exact, prefix, suffix, start, end in rows:
        spot = anchoring.place(body, anchoring.Quote(exact, prefix, suffix, start, end))
        if spot is None:
            orphans += 1
            conn.execute("UPDATE highlights SET orphaned = 1 WHERE uid = ?", (uid,))
        else:
            conn.execute("UPDATE highlights SET orphaned = 0, start = ?, end = ? WHERE uid = ?", (*spot, uid))
    return orphans


def reattach(conn: sqlite3.Connection, article_id: int) -> None:
    """Attach the highlights waiting for this article's identity (it left, or they were synced
    from another library before it arrived), and place them."""
    ident = statelog.identity(conn, article_id)
    if conn.execute("UPDATE highlights SET article_id = ? WHERE identity = ? AND article_id IS NULL",
                    (int(article_id), ident)).rowcount:
        reanchor(conn, article_id)


def add_imported(conn: sqlite3.Connection, links) -> None:
    """Annotations a source brought (wallabag: ``[{"quote", "text"}]`` as JSON) as highlights of
    the new articles: placed by their quote, orphaned when it is not in the extracted text. The
    source's, so not logged; their uid is derived from the article and the annotation, so two
    libraries importing the same export hold the same highlights (and sync does not double them)."""
    for article_id, kept in links:
        try:
            items = json.loads(kept)
        except (TypeError, ValueError):
            continue
        body, ident, stamp = _body(conn, article_id), statelog.identity(conn, article_id), now()
        for item in items if isinstance(items, list) else ():
            exact = item.get("quote") if isinstance(item, dict) else None
            if not isinstance(exact, str) or not exact.strip() or len(exact) > MAX_QUOTE_CHARS:
                continue
            note = item.get("text") if isinstance(item.get("text"), str) else ""
            spot = anchoring.place(body, anchoring.Quote(exact))
            q = anchoring.quote(body, *spot) if spot else anchoring.Quote(exact)
            uid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{ident}#{exact}#{note}"))
            conn.execute(
                "INSERT OR IGNORE INTO highlights (uid, identity, article_id, exact, prefix, suffix, start, end,"
                " orphaned, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (uid, ident, article_id, q.exact, q.prefix, q.suffix, q.start, q.end, int(spot is None),
                 _clean_note(note[:MAX_NOTE_CHARS]), stamp, stamp),
            )


def apply_field(conn: sqlite3.Connection, ident: str, article_id: int | None, uid: str, value) -> None:
    """Apply a synced ``highlight:UID`` change without logging it (None: deleted)."""
    if value is None:
        conn.execute("DELETE FROM highlights WHERE uid = ?", (uid,))
        return
    if not isinstance(value, dict):
        raise ValueError("a highlight's value must be an object")
    exact, prefix, suffix, note = (value.get(k, "") for k in ("exact", "prefix", "suffix", "note"))
    start, end = value.get("start"), value.get("end")
    if not all(isinstance(x, str) for x in (exact, prefix, suffix, note)):
        raise ValueError("a highlight's quote and note must be text")
    if not all(x is None or (isinstance(x, int) and not isinstance(x, bool)) for x in (start, end)):
        raise ValueError("a highlight's start and end must be whole numbers")
    created = value.get("created_at") if isinstance(value.get("created_at"), str) else now()
    conn.execute(
        "INSERT INTO highlights (uid, identity, article_id, exact, prefix, suffix, start, end, note, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uid) DO UPDATE SET exact = excluded.exact,"
        " prefix = excluded.prefix, suffix = excluded.suffix, start = excluded.start, end = excluded.end,"
        " note = excluded.note, updated_at = excluded.updated_at",
        (uid, ident, article_id, exact[:MAX_QUOTE_CHARS], prefix, suffix, start, end, note[:MAX_NOTE_CHARS],
         created, now()),
    )
    if article_id is not None and exact:
        reanchor(conn, article_id)
