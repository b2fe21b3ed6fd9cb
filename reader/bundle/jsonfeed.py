"""JSON Feed 1.0 and 1.1 files (https://jsonfeed.org/version/1.1), read an item at a time.

Each item is an entry named by its ``id`` (else its ``url``, else ``item N``): ``content_html``
as HTML, else ``content_text`` as text, else ``summary`` as text marked as an excerpt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from reader.bundle.feeditems import article_member, iso_date, language, plain
from reader.bundle.items import Member, Skipped, entry_name
from reader.bundle.jsonstream import counted, object_fields
from reader.errors import DocumentError
from reader.limits import Limits
from reader.model import ArticleHints

_VERSION = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{.*?"version"\s*:\s*"https?://jsonfeed\.org/version/1(?:\.1)?/?"', re.S)


def sniff(head: bytes) -> bool:
    """A JSON object whose ``version`` (in the first bytes) is JSON Feed's."""
    return _VERSION.match(head) is not None


def read_jsonfeed(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    feed: dict[str, object] = {}  # the feed's own fields, as far as they come before its items

    def items() -> Iterator[object]:
        for key, value, is_item in object_fields(stream, limits.max_file_bytes, "items"):
            if is_item:
                yield value
            else:
                feed[key] = value

    for got in counted(items(), name, limits, "JSON Feed", "item", "items"):
        yield _item(got[1], got[0], feed, name) if isinstance(got, tuple) else got


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _item(item: object, number: int, feed: dict[str, object], name: str) -> Member | Skipped | DocumentError:
    if not isinstance(item, dict):
        return DocumentError(entry_name(name, f"item {number}"), "item is not an object")
    url = _text(item.get("url")).strip() or _text(item.get("external_url")).strip() or None
    raw_id = item.get("id")
    entry = (str(raw_id).strip() if isinstance(raw_id, (str, int)) else "") or url or f"item {number}"
    excerpt = None
    if _text(item.get("content_html")).strip():
        body, kind = _text(item["content_html"]), "html"
    elif _text(item.get("content_text")).strip():
        body, kind = _text(item["content_text"]), "text"
    elif _text(item.get("summary")).strip():
        body, kind, excerpt = _text(item["summary"]), "text", True
    else:
        return Skipped(entry_name(name, entry), "feed item without content or summary (a link only)")
    people = item.get("authors") if isinstance(item.get("authors"), list) else [item.get("author")]
    people = people if any(isinstance(p, dict) for p in people) else _list(feed.get("authors")) or [feed.get("author")]
    authors = tuple(a for a in (plain(_text(p.get("name"))) for p in people if isinstance(p, dict)) if a)
    tags = tuple(dict.fromkeys(t for t in (plain(x) for x in _list(item.get("tags")) if isinstance(x, str)) if t))
    hints = ArticleHints(
        url=url, title=plain(_text(item.get("title"))) or None,
        published=iso_date(_text(item.get("date_published")) or _text(item.get("date_modified"))),
        authors=authors or None, source=plain(_text(feed.get("title"))) or None,
        language=language(_text(item.get("language")) or _text(feed.get("language"))), encoding="utf-8",
        container="jsonfeed", entry=entry, tags=tags or None, excerpt=excerpt,
    )
    return article_member(name, entry, body, kind, hints)


def _list(value: object) -> list:
    return value if isinstance(value, list) else []
