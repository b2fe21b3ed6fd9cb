"""The article of a page that renders in the browser: its text only in the app state a script holds.

Single-page news sites ship an empty shell ("載入中…") and the story as JSON in a script
(``window.__INITIAL_STATE__ = {...}``, ``<script id="__NEXT_DATA__" type="application/json">``).
When the visible page holds no article, the longest run of sentences among those JSON values is
the body (a list of paragraphs, one text, or an HTML fragment), and the keys beside it give the
headline, the date and the authors. Bounded: at most ``MAX_SCRIPT_CHARS`` of a script are parsed
and ``MAX_NODES`` JSON nodes visited, so a hostile page costs milliseconds.
"""

from __future__ import annotations

import json
import re

from . import clean
from .parsed import Line

MAX_SCRIPT_CHARS = 2_000_000
MAX_NODES = 20_000
MIN_BODY_LETTERS = 80  # less than this is no article (a teaser, a description)
_SENTENCE = re.compile(r"[。！？]")
_TAGS = re.compile(r"<[^>]{0,300}>")
_BLOCK_BREAK = re.compile(r"<\s*/?\s*(?:p|div|br|h[1-6]|li|section|blockquote)\b[^>]{0,300}>", re.I)
_BODY_KEYS = ("paragraphs", "content", "body", "text", "articlebody", "html", "contenthtml", "maintext")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("publishtime", "publish_time", "publishedat", "published_at", "pubdate", "datepublished", "publishdate")
_AUTHOR_KEYS = ("authors", "author", "writer", "reporter")


def _json_objects(script: str):
    """The JSON values a script holds: the whole text, or what follows the first '=' of an
    assignment (``window.__INITIAL_STATE__ = {...};``)."""
    raw = script.strip()[:MAX_SCRIPT_CHARS]
    for start in (0, raw.find("=") + 1):
        candidate = raw[start:].strip().rstrip(";").strip()
        if candidate[:1] in ("{", "["):
            try:
                yield json.loads(candidate)
                return
            except (ValueError, RecursionError):
                continue


def _paragraphs(value) -> list[str]:
    """A body value as paragraphs: a list of strings, or one text (HTML broken at its blocks)."""
    if isinstance(value, list):
        return [" ".join(v.split()) for v in value if isinstance(v, str) and v.strip()]
    if isinstance(value, str):
        text = _TAGS.sub("", _BLOCK_BREAK.sub("\n", value))
        return [" ".join(p.split()) for p in text.splitlines() if p.strip()]
    return []


def _names(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and 2 <= len(name.strip()) <= 20:
            names.append(name.strip())
    return names


def article_in_scripts(scripts: list[str]) -> tuple[list[Line], dict[str, str], list[str]] | None:
    """(body lines, metadata, title candidates) of the article in the scripts' JSON, or None."""
    best: tuple[int, list[str], dict] | None = None
    for script in scripts:
        for data in _json_objects(script):
            stack, seen = [data], 0
            while stack and seen < MAX_NODES:
                node = stack.pop()
                seen += 1
                if isinstance(node, list):
                    stack.extend(node)
                    continue
                if not isinstance(node, dict):
                    continue
                for key, value in node.items():
                    if key.lower() in _BODY_KEYS:
                        paras = _paragraphs(value)
                        letters = sum(len(clean._letters(p)) for p in paras if _SENTENCE.search(p))
                        if letters >= MIN_BODY_LETTERS and (best is None or letters > best[0]):
                            best = (letters, paras, node)
                    if isinstance(value, (list, dict)):
                        stack.append(value)
    if best is None:
        return None
    _, paras, node = best
    fields = {k.lower(): v for k, v in node.items()}
    meta: dict[str, str] = {}
    titles = [fields[k].strip() for k in _TITLE_KEYS if isinstance(fields.get(k), str) and fields[k].strip()]
    date = next((fields[k] for k in _DATE_KEYS if isinstance(fields.get(k), (str, int)) and fields[k]), None)
    if date is not None:
        meta["published"] = str(date)
    authors = next((_names(fields[k]) for k in _AUTHOR_KEYS if fields.get(k)), [])
    if authors:
        meta["author"] = "、".join(authors)
    lines = [Line(text, in_content=True) for text in paras]
    return lines, meta, titles
