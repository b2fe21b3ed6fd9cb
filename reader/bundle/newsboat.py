"""newsboat's (and podboat's) ``cache.db``: every ``rss_item`` is an article, with its read and
flagged state, read through the standard library's sqlite3 and never modified.

A cache named on the command line is opened read-only in place (``mode=ro``, not
``immutable=1``: a running newsboat may be writing it, and SQLite's locks must then keep the
reads consistent); one that stays locked is refused with what to do. A cache inside a bundle is
read from memory (``deserialize``). Rows are read one at a time, so memory stays flat.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import BinaryIO
from urllib.parse import quote

from reader.bundle.items import Member, Skipped, entry_name
from reader.bundle.members import read_capped
from reader.errors import BundleError, DocumentError
from reader.limits import Limits
from reader.model import ArticleHints

MAGIC = b"SQLite format 3\x00"
BUSY_SECONDS = 2.0  # how long a read waits for a newsboat that is writing the cache
_NEEDED = {"id", "title", "url", "content"}
_OPTIONAL = ("author", "pubDate", "unread", "flags", "deleted")


def sniff(head: bytes) -> bool:
    """An SQLite file whose schema (on its first page) has newsboat's item table."""
    return head.startswith(MAGIC) and b"CREATE TABLE rss_item" in head


def _connect(stream: BinaryIO, name: str, limits: Limits) -> sqlite3.Connection:
    path = getattr(stream, "name", None)
    try:
        if isinstance(path, str) and os.path.isfile(path):
            uri = f"file:{quote(os.path.abspath(path))}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_SECONDS, check_same_thread=False)
        else:
            data = read_capped(stream, max(limits.max_feed_bytes, limits.max_file_bytes))
            if data is None:
                raise BundleError(f"{name}: newsboat cache over the limit max_feed_bytes; refused")
            conn = sqlite3.connect(":memory:", check_same_thread=False)
            conn.deserialize(data)
        conn.execute("PRAGMA query_only = ON")
        return conn
    except sqlite3.Error as exc:
        raise BundleError(f"{name}: {_why(exc)}") from None


def _why(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return ("locked by a running newsboat (database is locked): quit newsboat, or wait for its reload "
                "to finish, then import again")
    if isinstance(exc, sqlite3.DatabaseError) and ("not a database" in text or "malformed" in text):
        return f"not a readable SQLite database (corrupt or truncated: {text})"
    if "readonly" in text:
        return f"has an unfinished newsboat transaction ({text}): open it in newsboat once, then import again"
    return f"cannot read the newsboat cache ({text})"


def read_newsboat(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    conn = _connect(stream, name, limits)
    try:
        yield from _items(conn, name, limits)
    except sqlite3.Error as exc:
        raise BundleError(f"{name}: {_why(exc)}") from None
    finally:
        conn.close()


def _items(conn: sqlite3.Connection, name: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    columns = {row[1] for row in conn.execute("PRAGMA table_info(rss_item)")}
    if not _NEEDED <= columns:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        what = "no rss_item table" if "rss_item" not in tables else f"rss_item lacks {', '.join(sorted(_NEEDED - columns))}"
        raise BundleError(f"{name}: not a newsboat cache ({what})")
    has_feeds = bool(conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rss_feed'").fetchone())
    picked = [c if c in columns else f"NULL AS {c}" for c in _OPTIONAL]
    feed = "(SELECT f.title FROM rss_feed f WHERE f.rssurl = i.feedurl)" if has_feeds and "feedurl" in columns else "NULL"
    rows = conn.execute(f"SELECT i.id, i.title, i.url, i.content, {', '.join(picked)}, {feed} FROM rss_item i ORDER BY i.id")
    count = 0
    for item_id, title, url, content, author, pub_date, unread, flags, deleted, feed_title in rows:
        where = f"item {item_id}"
        member = entry_name(name, where)
        if deleted:
            yield Skipped(member, "deleted in newsboat")
            continue
        count += 1
        if count > limits.max_entries:
            yield DocumentError(name, f"{where}: more than {limits.max_entries:,} items (limit max_entries): the rest skipped")
            return
        data = (content if isinstance(content, str) else "").encode("utf-8", "surrogatepass")
        if not data.strip():
            yield DocumentError(member, "newsboat kept no content for this item")
            continue
        if len(data) > limits.max_file_bytes:
            yield DocumentError(member, f"content over the limit max_file_bytes ({limits.max_file_bytes:,} bytes)")
            continue
        flags = flags if isinstance(flags, str) else ""
        yield Member(member, data, "html", ArticleHints(
            url=_text(url), title=_text(title), published=_date(pub_date), authors=(a,) if (a := _text(author)) else None,
            source=_text(feed_title), container="newsboat", entry=where,
            tags=tuple(f"flag:{f}" for f in dict.fromkeys(flags) if f != "s" and f.isalnum()) or None,
            read=None if unread is None else not unread, bookmarked="s" in flags,
        ))


def _text(value) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _date(value) -> str | None:
    """newsboat keeps pubDate as Unix time (UTC; the feed's own offset is not kept)."""
    if not isinstance(value, int) or value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value, timezone.utc).isoformat()
    except (OverflowError, OSError, ValueError):
        return None
