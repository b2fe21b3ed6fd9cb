"""manifest.json: parse and validate, or refuse the bundle with one clear line.

See docs/bundle-format.md for the format. Unknown keys are ignored; an unknown *major* version,
invalid JSON, a wrong type, a bad value or two articles sharing an id, URL or path refuse the
whole bundle (``BundleError``), because a manifest we misread would attach wrong titles, dates
and URLs to every article.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reader.decode import normalise_label
from reader.errors import BundleError
from reader.limits import DEFAULT_LIMITS, Limits
from reader.model import ArticleHints

FORMAT_NAME = "offline-news-bundle"
SUPPORTED_MAJOR = 1
CURRENT_VERSION = "1.2"  # 1.1 adds fetched_url, saved, excerpt and tags per article; 1.2 images
MAX_IMAGES = 200  # entries of one article's "images" (the importer keeps at most 200 photos a page)
MANIFEST_NAME = "manifest.json"

_VERSION = re.compile(r"^(\d{1,4})\.(\d{1,4})$")
# BCP 47, loosely: language[-script][-region][-variants...], e.g. zh, zh-Hant, zh-Hant-TW, zh-HK.
_BCP47 = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,6}$")


@dataclass(frozen=True)
class ManifestArticle:
    """One entry of ``articles``: where the file is and what the manifest says about it."""

    path: str  # relative to the bundle root, "/"-separated, normalised
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] | None = None
    encoding: str | None = None  # Python codec name after normalise_label (gbk -> gb18030)
    language: str | None = None
    source: str | None = None
    # 1.1: what a container said of a saved page, kept by ``reader export --format bundle``
    fetched_url: str | None = None
    saved: str | None = None
    excerpt: bool | None = None
    tags: tuple[str, ...] | None = None
    # 1.2: where the page's photos are in the bundle, by the address the page gives them
    # ({"https://example.com/a.jpg": "images/<sha256>.jpg"}): pages that name their photos by
    # absolute URL (a saved MHTML or WARC page) cannot find them beside themselves
    images: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Manifest:
    """A validated manifest. ``articles`` keeps the manifest's order."""

    format: str
    version: str
    title: str | None = None
    publisher: str | None = None
    language: str | None = None
    created: str | None = None
    articles: tuple[ManifestArticle, ...] = ()

    def hints_for(self, path: str) -> ArticleHints:
        """Hints for the file at ``path``: its entry's values, else the bundle-wide ones."""
        entry = self._by_path().get(path)
        if entry is None:
            return ArticleHints(source=self.publisher, language=self.language)
        return ArticleHints(
            url=entry.url,
            title=entry.title,
            published=entry.published,
            authors=entry.authors,
            encoding=entry.encoding,
            source=entry.source or self.publisher,
            language=entry.language or self.language,
            fetched_url=entry.fetched_url,
            saved=entry.saved,
            excerpt=entry.excerpt,
            tags=entry.tags,
        )

    def images_for(self, path: str) -> dict[str, str]:
        """The member holding each photo the file at ``path`` names, by its address."""
        entry = self._by_path().get(path)
        return dict(entry.images) if entry is not None else {}

    def _by_path(self) -> dict[str, ManifestArticle]:
        cache = self.__dict__.get("_path_index")
        if cache is None:
            cache = {a.path: a for a in self.articles}
            object.__setattr__(self, "_path_index", cache)
        return cache


_UNSAFE_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable_name(name: str) -> str:
    """A member name safe to show in a one-line message: control and bidi characters escaped."""
    return _UNSAFE_CHARS.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}", name)


def normalise_member_path(name: str) -> str | None:
    """'./a\\b.html' -> 'a/b.html'; None for absolute paths, '..', empty names and names with
    control or bidi-override characters."""
    if _UNSAFE_CHARS.search(name):
        return None
    name = name.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return "/".join(parts)


def _err(label: str, what: str) -> BundleError:
    return BundleError(f"{label}: {MANIFEST_NAME}: {what}")


def _opt_str(obj: dict, key: str, where: str, label: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _err(label, f"{where}{key} must be a string, not {type(value).__name__}")
    value = value.strip()
    return value or None


def _iso(value: str | None, key: str, where: str, label: str) -> str | None:
    if value is None:
        return None
    text = value.replace("Z", "+00:00") if value.endswith("Z") else value
    try:
        if len(text) == 10:
            date.fromisoformat(text)
        else:
            datetime.fromisoformat(text)
    except ValueError:
        raise _err(label, f"{where}{key} is not an ISO 8601 date: {value[:40]!r}") from None
    return value


def _language(value: str | None, where: str, label: str) -> str | None:
    if value is not None and not _BCP47.match(value):
        raise _err(label, f"{where}language is not a BCP 47 tag: {value[:40]!r}")
    return value


def _opt_strings(obj: dict, key: str, where: str, label: str) -> tuple[str, ...] | None:
    values = obj.get(key)
    if values is None:
        return None
    if isinstance(values, str):
        raise _err(label, f"{where}{key} must be a list of strings, not a string")
    if not isinstance(values, list) or not all(isinstance(a, str) for a in values):
        raise _err(label, f"{where}{key} must be a list of strings")
    return tuple(a.strip() for a in values if a.strip())


def _images(obj: dict, where: str, label: str) -> tuple[tuple[str, str], ...]:
    value = obj.get("images")
    if value is None:
        return ()
    if not isinstance(value, dict) or len(value) > MAX_IMAGES:
        raise _err(label, f"{where}images must be an object of at most {MAX_IMAGES} address: path pairs")
    out = []
    for address, member in value.items():
        path = normalise_member_path(member) if isinstance(member, str) else None
        if not address or len(address) > 4000 or path is None:
            raise _err(label, f"{where}images: {str(member)[:80]!r} is not a relative path inside the bundle")
        out.append((address, path))
    return tuple(out)


def parse_manifest(data: bytes, label: str, limits: Limits = DEFAULT_LIMITS) -> Manifest:
    """Validate manifest bytes; ``label`` names the bundle in error messages."""
    if len(data) > limits.max_manifest_bytes:
        raise _err(label, f"too large ({len(data)} bytes, limit {limits.max_manifest_bytes})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _err(label, f"not UTF-8 (byte {exc.start})") from None

    def no_constants(name: str) -> Any:
        raise ValueError(f"{name} is not valid JSON")

    try:
        raw = json.loads(text, parse_constant=no_constants)
    except json.JSONDecodeError as exc:
        raise _err(label, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise _err(label, f"invalid JSON: {reason}") from None
    if not isinstance(raw, dict):
        raise _err(label, f"must be a JSON object, not {type(raw).__name__}")

    fmt = raw.get("format")
    if fmt != FORMAT_NAME:
        shown = fmt if isinstance(fmt, str) else type(fmt).__name__
        raise _err(label, f'"format" must be "{FORMAT_NAME}", not {str(shown)[:40]!r}')
    version = raw.get("version")
    if isinstance(version, (int, float)) and not isinstance(version, bool):
        raise _err(label, f'"version" must be a string like "{CURRENT_VERSION}", not a number')
    if not isinstance(version, str) or not _VERSION.match(version.strip()):
        raise _err(label, f'"version" must be "MAJOR.MINOR" like "{CURRENT_VERSION}"')
    version = version.strip()
    major = int(_VERSION.match(version).group(1))  # type: ignore[union-attr]
    if major != SUPPORTED_MAJOR:
        raise _err(
            label,
            f"unsupported format version {version} (this reader reads {SUPPORTED_MAJOR}.x); "
            "upgrade reader",
        )

    title = _opt_str(raw, "title", "", label)
    publisher = _opt_str(raw, "publisher", "", label)
    language = _language(_opt_str(raw, "language", "", label), "", label)
    created = _iso(_opt_str(raw, "created", "", label), "created", "", label)

    items = raw.get("articles", [])
    if items is None:
        items = []
    if not isinstance(items, list):
        raise _err(label, f'"articles" must be a list, not {type(items).__name__}')
    if len(items) > limits.max_manifest_articles:
        raise _err(label, f"lists {len(items)} articles (limit {limits.max_manifest_articles})")

    articles = []
    seen_ids: dict[str, int] = {}
    seen_urls: dict[str, int] = {}
    seen_paths: dict[str, int] = {}
    for i, item in enumerate(items):
        where = f"articles[{i}]."
        if not isinstance(item, dict):
            raise _err(label, f"articles[{i}] must be an object, not {type(item).__name__}")
        raw_path = _opt_str(item, "path", where, label)
        if raw_path is None:
            raise _err(label, f"{where}path is missing")
        path = normalise_member_path(raw_path)
        if path is None:
            raise _err(label, f"{where}path is not a relative path inside the bundle: {raw_path[:80]!r}")
        ident = item.get("id")
        if ident is not None:
            if isinstance(ident, bool) or not isinstance(ident, (str, int)):
                raise _err(label, f"{where}id must be a string or an integer")
            ident = str(ident)
        url = _opt_str(item, "url", where, label)
        authors = _opt_strings(item, "authors", where, label)
        tags = _opt_strings(item, "tags", where, label)
        excerpt = item.get("excerpt")
        if excerpt is not None and not isinstance(excerpt, bool):
            raise _err(label, f"{where}excerpt must be true or false")
        encoding = _opt_str(item, "encoding", where, label)
        codec = None
        if encoding is not None:
            codec = normalise_label(encoding)
            if codec is None:
                raise _err(label, f"{where}encoding is not a known text encoding: {encoding[:40]!r}")
        for key, value, seen in (("id", ident, seen_ids), ("url", url, seen_urls), ("path", path, seen_paths)):
            if value is None:
                continue
            if value in seen:
                raise _err(
                    label, f"articles[{seen[value]}] and articles[{i}] have the same {key} {value[:80]!r}"
                )
            seen[value] = i
        articles.append(
            ManifestArticle(
                path=path,
                id=ident,
                url=url,
                title=_opt_str(item, "title", where, label),
                published=_iso(_opt_str(item, "published", where, label), "published", where, label),
                authors=authors,
                encoding=codec,
                language=_language(_opt_str(item, "language", where, label), where, label),
                source=_opt_str(item, "source", where, label),
                fetched_url=_opt_str(item, "fetched_url", where, label),
                saved=_iso(_opt_str(item, "saved", where, label), "saved", where, label),
                excerpt=excerpt,
                tags=tags,
                images=_images(item, where, label),
            )
        )
    return Manifest(
        format=FORMAT_NAME,
        version=version,
        title=title,
        publisher=publisher,
        language=language,
        created=created,
        articles=tuple(articles),
    )
