"""ZIM archives (Kiwix, zimit, warc2zim): every ``text/html`` entry is an article.

Read with python-libzim, which is GPL-3.0: it is the optional extra ``reader[zim]``, imported
only here and only when a ZIM is read; without it a ZIM is refused with how to install it.
libzim opens files, not streams, so a ZIM is read where it lies on disk: one inside a bundle
is refused (import it on its own). Entries are read one at a time.

The URL of an entry is ``zim://<archive name>/<path>`` (the archive's ``Name`` metadata, else
its file name), unless the page declares its own canonical URL, which extraction then keeps.
Redirects, the main page, and entries that are not HTML (images, stylesheets) are skipped with
what they are.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import quote

from reader.bundle.items import Member, Skipped, entry_name
from reader.errors import BundleError, DocumentError
from reader.limits import Limits
from reader.model import ArticleHints

MAGIC = b"ZIM\x04"  # the header's magic number 72173914, little-endian
INSTALL = "pip install 'zh-news-reader[zim]'"
_CANONICAL = re.compile(rb"""<link\b[^>]*\brel\s*=\s*["']?canonical\b""", re.I)
_LANGUAGES = {"zho": "zh", "chi": "zh", "eng": "en", "jpn": "ja", "kor": "ko"}  # ISO 639-3 -> BCP 47


def sniff(head: bytes) -> bool:
    return head.startswith(MAGIC)


def _open(stream: BinaryIO, name: str):
    path = getattr(stream, "name", None)
    if not isinstance(path, str) or not os.path.isfile(path):
        raise BundleError(f"{name}: a ZIM archive inside a bundle is not read (libzim reads only files on disk): "
                          "import it on its own")
    try:
        from libzim.reader import Archive
    except ImportError:
        raise BundleError(f"{name}: reading ZIM archives needs the optional extra python-libzim (GPL-3.0): {INSTALL}") from None
    try:
        return Archive(path)
    except (RuntimeError, OSError, ValueError) as exc:
        raise BundleError(f"{name}: not a readable ZIM archive ({exc})") from None


def _metadata(archive, key: str) -> str | None:
    try:
        value = bytes(archive.get_metadata(key)).decode("utf-8", "replace")
    except (RuntimeError, KeyError):
        return None
    return " ".join(value.split()) or None


def read_zim(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    archive = _open(stream, name)
    try:
        label = _metadata(archive, "Name") or os.path.splitext(os.path.basename(name))[0]
        language = _metadata(archive, "Language")
        first = (language or "").split(",")[0].strip().lower()
        source, language = _metadata(archive, "Creator"), _LANGUAGES.get(first, first if len(first) == 2 else None)
        main = archive.main_entry.get_item().path if archive.has_main_entry else None  # an index, not an article
        count = 0
        for index in range(archive.entry_count):
            entry = archive._get_entry_by_id(index)
            path = entry.path
            where = entry_name(name, path)
            if entry.is_redirect:
                yield Skipped(where, "redirect")
                continue
            if path == main:
                yield Skipped(where, "the archive's main page")
                continue
            item = entry.get_item()
            mimetype = item.mimetype.split(";")[0].strip().lower()
            if mimetype != "text/html":
                kind = mimetype.split("/")[0]
                yield Skipped(where, "image" if kind == "image" else "page asset" if mimetype in ("text/css", "application/javascript", "text/javascript")
                              else f"not a page ({mimetype or 'no mimetype'})")
                continue
            count += 1
            if count > limits.max_entries:
                yield DocumentError(name, f"{path}: more than {limits.max_entries:,} pages (limit max_entries): the rest skipped")
                return
            if item.size > limits.max_file_bytes:
                yield DocumentError(where, f"page over the limit max_file_bytes ({item.size:,} bytes)")
                continue
            data = bytes(item.content)
            title = " ".join((entry.title or "").split())
            yield Member(where, data, "html", ArticleHints(
                url=None if _CANONICAL.search(data[:65536]) else f"zim://{quote(label)}/{quote(path)}",
                title=title if title and title != path else None,
                source=source, language=language, container="zim", entry=path,
            ))
    except RuntimeError as exc:  # libzim's damage found while reading an entry
        raise BundleError(f"{name}: damaged ZIM archive ({exc})") from None
