"""Markdown clips with YAML front matter (Obsidian Web Clipper, MarkDownload, Joplin): one
article per file.

A container of one entry: the front matter says what the clip is (title, source URL, authors,
published date, tags, site), read here with PyYAML's ``safe_load`` into the entry's hints, so
they are stored like any container's (tags and URL included) and need no re-reading; the
document is the file's own bytes, of kind "markdown", whose body ``reader/extract/markdown.py``
reads. A file without front matter is still an article (its title from its first heading).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import BinaryIO

import yaml

from reader.bundle.items import Member
from reader.bundle.members import read_capped, too_large
from reader.decode import decode
from reader.errors import ContentError, DocumentError
from reader.frontmatter import split_front_matter
from reader.limits import Limits
from reader.model import ArticleHints

# front matter keys, first present wins (Obsidian Web Clipper, MarkDownload, Joplin, Jekyll/Hugo)
_KEYS = {
    "title": ("title",),
    "url": ("source", "url", "source_url", "link", "canonical_url"),
    "authors": ("author", "authors", "byline", "creator"),
    "published": ("published", "date", "pubDate", "date_published", "datePublished"),
    "tags": ("tags", "keywords", "categories"),
    "source": ("site", "site_name", "publisher"),
    "language": ("lang", "language"),
}
_MOST = 50  # list items read of a front matter field (a clip has a few tags and authors)
_HEADING = re.compile(r"^#[ \t]+(.{1,300}?)[ \t#]*$", re.M)  # the first level-1 heading
_WIKI_LINK = re.compile(r"^\[\[(?:[^|\]]*\|)?([^\]]*)\]\]$")  # Obsidian's "[[李明]]", "[[page|李明]]"


def read_markdown(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Member | DocumentError]:
    data = read_capped(stream, limits.max_file_bytes)
    if data is None:
        yield DocumentError(name, too_large(None, limits.max_file_bytes))
        return
    yield Member(name, data, "markdown", hints(data))


def hints(data: bytes) -> ArticleHints:
    """What the front matter says; only the container when there is none or it is not YAML (the
    extraction then reports an undecodable file)."""
    try:
        text = decode(data, "text").text
    except ContentError:
        return ArticleHints(container="markdown")
    front, body = split_front_matter(text)
    try:
        fields = yaml.safe_load(front) if front else None
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):  # 2024-13-45, 5,000 digits, [[[[...
        fields = None
    if not isinstance(fields, dict):
        return ArticleHints(container="markdown")
    found = {key: next((fields[k] for k in keys if fields.get(k) not in (None, "", [])), None) for key, keys in _KEYS.items()}
    url = _one(found["url"])
    title = _one(found["title"])
    heading = _HEADING.search(body)
    if title and heading and title.startswith(heading.group(1).strip()):
        title = heading.group(1).strip()  # the page's <title> with its site suffix: the headline is better
    return ArticleHints(
        url=url if url and re.match(r"^https?://", url) else None,
        title=title,
        published=_date(found["published"]),
        authors=_many(found["authors"], r"\s*[,，、;；]\s*") or None,
        tags=_many(found["tags"], r"[\s,，、]+") or None,
        source=_one(found["source"]),
        language=_one(found["language"]),
        container="markdown",
    )


def _one(value) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = " ".join(str(value).split())[:2000]
    wiki = _WIKI_LINK.match(text)
    return (wiki.group(1).strip() if wiki else text) or None


def _many(value, separators: str) -> tuple[str, ...]:
    items = value[:_MOST] if isinstance(value, list) else re.split(separators, value) if isinstance(value, str) else []
    names = (_one(v) for v in items[:_MOST])
    return tuple(dict.fromkeys(n.lstrip("#") for n in names if n and n.lstrip("#")))


def _date(value) -> str | None:
    """YAML reads ``2024-03-05`` as a date and a timestamp as a datetime: both back to ISO 8601."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return _one(value)
