"""JSON (one article) and JSONL (one article per line) -> (Parsed, hints) pairs.

Accepted fields, ours and news-please's (first present wins):

| meaning | fields |
|---|---|
| title | ``title``, ``title_page`` |
| body | ``body``, ``text``, ``maintext``, ``content`` (str; or ``blocks``: list of str or {kind, text}) |
| date | ``published``, ``date_publish``, ``date``, ``date_modify`` |
| authors | ``authors`` (list or str), ``author`` |
| url | ``url``, ``canonical_url`` |
| source | ``source``, ``source_domain`` |
| other | ``description``, ``language``, ``editor``, ``breadcrumb`` |

The body goes through the same line cleaning as plain text and HTML.
"""

from __future__ import annotations

import json

from collections.abc import Iterator

from ..errors import ContentError
from ..limits import DEFAULT_LIMITS, Limits
from .parsed import Line, Parsed


def _first(rec: dict, *keys: str):
    for k in keys:
        v = rec.get(k)
        if v not in (None, "", []):
            return v
    return None


def record_to_parsed(rec) -> tuple[Parsed, dict]:
    if not isinstance(rec, dict):
        raise ContentError("JSON record is not an object")
    body = _first(rec, "body", "text", "maintext", "content", "blocks")
    lines: list[Line] = []
    if isinstance(body, str):
        for raw in body.splitlines():
            if raw.strip():
                lines.append(Line(raw.strip()))
    elif isinstance(body, list):
        for item in body:
            if isinstance(item, str) and item.strip():
                lines.append(Line(item.strip()))
            elif isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip():
                tag = "heading" if item.get("kind") == "subheading" else "text"
                lines.append(Line(item["text"].strip(), tag=tag))
    elif body is not None:
        raise ContentError("JSON record body is not text")
    if not lines:
        raise ContentError("JSON record has no body text")
    fields: dict = {}
    title = _first(rec, "title", "title_page")
    if isinstance(title, str):
        fields["title"] = " ".join(title.split())
    date = _first(rec, "published", "date_publish", "date", "date_modify")
    if isinstance(date, str):
        fields["published"] = date
    authors = _first(rec, "authors", "author")
    if isinstance(authors, str):
        authors = [authors]
    if isinstance(authors, list):
        fields["authors"] = [str(a).strip() for a in authors if isinstance(a, str) and a.strip()]
    url = _first(rec, "url", "canonical_url")
    if isinstance(url, str):
        fields["url"] = url
    source = _first(rec, "source", "source_domain")
    if isinstance(source, str):
        fields["source"] = source
    editor = rec.get("editor")
    if isinstance(editor, str) and editor.strip():
        fields["editor"] = editor.strip()
    crumb = rec.get("breadcrumb")
    if isinstance(crumb, list):
        fields["breadcrumb"] = [str(c) for c in crumb if isinstance(c, str) and c.strip()]
    return Parsed(lines=lines, kind="json"), fields


def parse_json(
    text: str, kind: str, limits: Limits = DEFAULT_LIMITS
) -> Iterator[tuple[Parsed, dict] | ContentError]:
    """Each record of a .json or .jsonl document, or a ContentError for a record that has no article.

    One bad record does not sink the others: a feed of a thousand articles with one truncated line
    still imports 999 of them, and the failure names the line.
    """
    if kind == "json":
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise ContentError(f"invalid JSON: {str(exc)[:80]}") from None
        records = data if isinstance(data, list) else [data]
        if not records:
            raise ContentError("JSON holds no article")
        for n, record in enumerate(records, 1):
            if n > limits.max_json_articles:
                yield ContentError(
                    f"more than {limits.max_json_articles} articles (limit max_json_articles): the rest skipped"
                )
                return
            yield _record_or_error(record, f"article {n}" if len(records) > 1 else "")
        return
    seen = 0
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        seen += 1
        if seen > limits.max_jsonl_records:
            yield ContentError(
                f"line {n}: more than {limits.max_jsonl_records} records (limit max_jsonl_records): the rest skipped"
            )
            return
        try:
            record = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            yield ContentError(f"line {n}: invalid JSON: {str(exc)[:80]}")
            continue
        yield _record_or_error(record, f"line {n}")
    if not seen:
        raise ContentError("JSONL holds no article")


def _record_or_error(record, where: str) -> tuple[Parsed, dict] | ContentError:
    try:
        return record_to_parsed(record)
    except ContentError as exc:
        return ContentError(f"{where}: {exc}" if where else str(exc))
