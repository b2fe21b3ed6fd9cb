"""wallabag exports (https://github.com/wallabag/wallabag, ``src/Helper/EntriesExport.php``), JSON
and CSV, read an entry at a time.

JSON: a list of entries serialised with the ``entries_for_user`` group: ``content`` (HTML),
``url``, ``title``, ``tags``, ``is_archived`` (read), ``is_starred`` (bookmark), ``published_at``,
``published_by``, ``language``, ``annotations`` ([{"text", "quote", "ranges"}], kept as JSON text
in ``hints.annotations`` for the highlights feature). CSV: ``;``-separated, the header
``Title;URL;Content;Tags;"MIME Type";Language;"Creation date"``, tags joined by ", ".
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import BinaryIO

from reader.bundle.feeditems import article_member, iso_date, language, plain
from reader.bundle.items import Member, Skipped, entry_name
from reader.bundle.jsonstream import array_items, counted
from reader.errors import DocumentError
from reader.limits import Limits
from reader.model import ArticleHints

_JSON_HEAD = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*\[\s*\{")
_CSV_HEAD = re.compile(rb'\A(?:\xef\xbb\xbf)?"?Title"?;"?URL"?;"?Content"?;"?Tags"?;"?MIME Type"?;"?Language"?;"?Creation date"?\r?\n')
CSV_NOT_OURS = "CSV file (not a wallabag export)"


def sniff_json(head: bytes) -> bool:
    """A JSON list whose first object has wallabag's ``is_archived`` and ``is_starred`` keys."""
    return _JSON_HEAD.match(head) is not None and b'"is_archived"' in head and b'"is_starred"' in head


def sniff_csv(head: bytes) -> bool:
    return _CSV_HEAD.match(head) is not None


def read_json(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    for got in counted(array_items(stream, limits.max_file_bytes), name, limits, "wallabag export", "entry", "entries"):
        yield _json_entry(got[1], got[0], name) if isinstance(got, tuple) else got


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _json_entry(entry: object, number: int, name: str) -> Member | Skipped | DocumentError:
    if not isinstance(entry, dict):
        return DocumentError(entry_name(name, f"entry {number}"), "entry is not an object")
    url = _text(entry.get("url")).strip() or None
    where = f"entry {entry['id']}" if isinstance(entry.get("id"), (int, str)) else url or f"entry {number}"
    content = _text(entry.get("content"))
    if not content.strip():
        return Skipped(entry_name(name, where), "wallabag entry without content")
    tags = entry.get("tags") if isinstance(entry.get("tags"), list) else []
    authors = entry.get("published_by") if isinstance(entry.get("published_by"), list) else []
    notes = [
        {k: a[k] for k in ("quote", "text", "ranges") if k in a}
        for a in entry.get("annotations") or () if isinstance(a, dict)
    ] if isinstance(entry.get("annotations"), list) else []
    hints = ArticleHints(
        url=url, title=plain(_text(entry.get("title"))) or None,
        published=iso_date(_text(entry.get("published_at"))),
        authors=tuple(a for a in (plain(x) for x in authors if isinstance(x, str)) if a) or None,
        language=language(_text(entry.get("language"))), encoding="utf-8",
        container="wallabag", entry=where,
        tags=tuple(dict.fromkeys(t for t in (plain(x) for x in tags if isinstance(x, str)) if t)) or None,
        read=bool(entry.get("is_archived")), bookmarked=bool(entry.get("is_starred")),
        annotations=json.dumps(notes, ensure_ascii=False) if notes else None,
    )
    return article_member(name, where, content, "html", hints)


def read_csv(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    head = stream.read(4096)
    stream.seek(0)
    if not sniff_csv(head):
        yield Skipped(name, CSV_NOT_OURS)
        return
    # wallabag writes each entry's content on one line; the csv module's per-field cap (128 KiB by
    # default, process-wide) is raised to the article-size limit
    csv.field_size_limit(max(csv.field_size_limit(), limits.max_file_bytes))
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    count = 0
    try:
        rows = csv.reader(text, delimiter=";", quotechar='"', escapechar=None)
        next(rows)
        for count, row in enumerate(rows, 1):
            if count > limits.max_entries:
                yield DocumentError(name, f"row {count + 1}: more than {limits.max_entries:,} entries (limit max_entries): the rest skipped")
                return
            yield _csv_row(row, count, name)
        if count == 0:
            yield Skipped(name, "wallabag export without entries")
    except (csv.Error, UnicodeDecodeError) as exc:
        yield DocumentError(name, f"broken CSV after entry {count} ({str(exc)[:120]}): the rest skipped")
    finally:
        text.detach()  # the stream belongs to the caller


def _csv_row(row: list[str], number: int, name: str) -> Member | Skipped | DocumentError:
    where = f"row {number + 1}"
    if len(row) < 3:
        return DocumentError(entry_name(name, where), f"{len(row)} columns, not wallabag's 7")
    title, url, content, tags = (row + [""])[:4]
    entry = url.strip() or where
    if not content.strip():
        return Skipped(entry_name(name, entry), "wallabag entry without content")
    hints = ArticleHints(
        url=url.strip() or None, title=plain(title) or None,
        language=language(row[5]) if len(row) > 5 else None, encoding="utf-8",
        container="wallabag", entry=entry,
        tags=tuple(dict.fromkeys(t for t in (plain(x) for x in tags.split(",")) if t)) or None,
    )
    return article_member(name, entry, content, "html", hints)
