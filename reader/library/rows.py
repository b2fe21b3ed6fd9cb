"""Articles as the library stores them: column values, blocks as JSON, dedupe keys, compressed originals.

Pure (no connection): import workers compute an article's row in other processes, and the
writer, the reindex and the queries turn rows back into objects with the same functions.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import re
import unicodedata
import zlib
from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

from reader.errors import LibraryError
from reader.library import search as searchmod
from reader.model import Article, ArticleHints, Block, body_text, prose_text
from reader.reading_time import reading_minutes
from reader.script import dedupe_key_text, detect_script, normalise_for_search


ArticleRow = tuple[dict, tuple[str, str, str]]


def canonical_url(url: str | None) -> str | None:
    """The form of a URL used to spot duplicates: no scheme, fragment, default port or case in host."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.netloc:
        return url or None
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    return urlunsplit(("", host, path, parts.query, ""))


body_of = body_text


def blocks_to_json(blocks: Sequence[Block]) -> str:
    """``[{"kind": ..., "text": ...}]``; a photo block also has ``"src"``."""
    return json.dumps(
        [{"kind": b.kind, "text": b.text} | ({"src": b.src} if b.src is not None else {}) for b in blocks],
        ensure_ascii=False,
    )


def blocks_from_json(text: str) -> list[Block]:
    return [Block(kind=b["kind"], text=b.get("text", ""), src=b.get("src")) for b in json.loads(text or "[]")]


_PHOTO_MARK = '"kind": "photo"'  # as blocks_to_json writes a photo block


def photo_sources(rows: Sequence[ArticleRow]) -> list[str]:
    """The src of every photo block of the rows, in order (rows without one are not parsed)."""
    return [b.src for values, _ in rows if _PHOTO_MARK in values["blocks"]
            for b in blocks_from_json(values["blocks"]) if b.kind == "photo" and b.src]


def drop_unstored_photos(rows: Sequence[ArticleRow], stored: set[str]) -> list[ArticleRow]:
    """The rows without the captionless photo blocks whose image is not stored (remote, refused,
    furniture once decoded): nothing would show. A captioned one stays, its caption is text.
    The text, and so the tokens and keys, are unchanged."""
    kept = []
    for values, tokens in rows:
        blocks = blocks_from_json(values["blocks"])
        shown = [b for b in blocks if b.kind != "photo" or b.text or b.src in stored]
        kept.append(({**values, "blocks": blocks_to_json(shown)} if len(shown) != len(blocks) else values, tokens))
    return kept


_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def dedupe_key(title: str, body: str, normalised_body: str | None = None) -> str:
    """sha256 of ``reader.script.dedupe_key_text(body)`` (of the title when the body is empty).

    ``normalised_body`` (``normalise_for_search(body)``) saves normalising twice; it is used
    only when the body is already NFC, where it gives exactly ``dedupe_key_text`` (a test
    checks the equivalence).
    """
    if normalised_body is not None and unicodedata.is_normalized("NFC", body):
        text = _NOT_WORD.sub("", normalised_body)
    else:
        text = dedupe_key_text(body)
    if not text:
        text = "title:" + dedupe_key_text(title)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()



ARTICLE_COLUMNS = (
    "title, published, sort_date, source, source_key, authors, editor, breadcrumb, blocks, url,"
    " canonical_url, script, dedupe_key, reading_minutes"
)


def article_row(article: Article) -> ArticleRow:
    """An article's column values (``ARTICLE_COLUMNS``, in order) and its search index tokens
    (title, body, facets). The body is normalised once for both the dedupe key and the tokens."""
    body = article.body
    prose = prose_text(article.blocks)
    title = article.title or ""
    source = (article.source or "").strip() or None
    normalised_body = normalise_for_search(body)
    values = {
        "title": title,
        "published": article.published,
        "sort_date": article.published or "",
        "source": source,
        "source_key": normalise_for_search(source) if source else None,
        "authors": json.dumps(list(article.authors or []), ensure_ascii=False),
        "editor": article.editor,
        "breadcrumb": json.dumps(list(article.breadcrumb or []), ensure_ascii=False),
        "blocks": blocks_to_json(article.blocks),
        "url": article.url,
        "canonical_url": canonical_url(article.url),
        "script": detect_script(f"{title}\n{body}"),
        "dedupe_key": dedupe_key(title, prose, normalised_body if prose == body else None),
        "reading_minutes": reading_minutes(prose),
    }
    tokens = (
        searchmod.index_tokens(title),
        searchmod.tokens_of_normalised(normalised_body),
        searchmod.facet_tokens(values["source_key"], values["sort_date"]),
    )
    return values, tokens


def compress(data: bytes) -> tuple[str, bytes]:
    return "zlib", zlib.compress(data, 6)


def decompress(method: str, blob: bytes) -> bytes:
    if method == "zlib":
        return zlib.decompress(blob)
    if method == "lzma":
        return lzma.decompress(blob)
    if method == "none":
        return bytes(blob)
    raise LibraryError(f"unknown compression {method!r} in the library")


def hints_to_json(hints: ArticleHints) -> str:
    # vars(), not asdict(): the fields are flat, and asdict's deep copy showed in import profiles
    return json.dumps({k: v for k, v in vars(hints).items() if v is not None}, ensure_ascii=False)


def hints_from_json(text: str) -> ArticleHints:
    data = json.loads(text or "{}")
    for key in ("authors", "tags"):
        if data.get(key) is not None:
            data[key] = tuple(data[key])
    known = set(ArticleHints.__dataclass_fields__)
    return ArticleHints(**{k: v for k, v in data.items() if k in known})
