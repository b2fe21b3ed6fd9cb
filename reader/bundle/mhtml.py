"""MHTML (.mht, .mhtml: "Save page as… single file" in Chromium browsers, IE): the page's main
``text/html`` part is the entry, parsed with the standard library's email parser.

The main part is the one ``Snapshot-Content-Location`` (Chromium) or the root's
``Content-Location`` names, else the one ``start`` names, else the first ``text/html`` part. Its
body, decoded from quoted-printable or base64, keeps its own charset (``hints.encoding``);
the location is ``hints.fetched_url`` and the ``Date`` header ``hints.saved``. The other parts
(images, styles, frames) are the page's resources: one ``Skipped`` says how many; its images
are the entry's ``resources`` (its photos).
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from collections.abc import Iterator
from urllib.parse import urljoin
from typing import BinaryIO

from reader.bundle.items import Member, Skipped, entry_name
from reader.bundle.members import read_capped
from reader.errors import BundleError, DocumentError
from reader.limits import Limits
from reader.model import ArticleHints

_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r?\n")
_MULTIPART = re.compile(rb"^content-type:[ \t]*multipart/related", re.IGNORECASE | re.MULTILINE)
_BOUNDARY = re.compile(rb'boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s;]+))', re.IGNORECASE)


def sniff(head: bytes) -> bool:
    """Mail-style headers from the first line, with a multipart/related Content-Type before the
    first blank line: no HTML, text or JSON article starts like that."""
    if not _HEADER_LINE.match(head):
        return False
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    return bool(_MULTIPART.search(block))


def read_mhtml(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    cap = max(limits.max_feed_bytes, limits.max_file_bytes)
    data = read_capped(stream, cap)
    if data is None:
        raise BundleError(f"{name}: MHTML file over the limit max_feed_bytes ({cap:,} bytes)")
    _check_parts(data, name, limits)
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not message.is_multipart():
        raise BundleError(f"{name}: not a readable MHTML file (no MIME parts)")
    parts = [p for p in message.walk() if not p.is_multipart()]
    main = _main_part(message, parts)
    if main is None:
        raise BundleError(f"{name}: MHTML file without a text/html part")
    body = main.get_payload(decode=True) or b""
    location = (message.get("Snapshot-Content-Location") or main.get("Content-Location") or "").strip()
    entry = location or "main page"
    hints = ArticleHints(encoding=main.get_content_charset(), container="mhtml", entry=entry,
                         fetched_url=location or None, saved=_iso_date(message.get("Date")))
    yield Member(entry_name(name, entry), body, "html", hints, resources=_images(parts, location, limits))
    if len(parts) > 1:
        count = f"{len(parts) - 1} part{'s' if len(parts) > 2 else ''}"
        yield Skipped(entry_name(name, "resources"), f"saved page's resources (images, styles, frames): {count}")


def _images(parts, location: str, limits: Limits):
    """The saved page's images by Content-Location (made absolute against the page's) and by
    ``cid:`` Content-ID, for ``RawDocument.resources``."""
    found = {}
    for part in parts:
        if part.get_content_maintype() != "image":
            continue
        for key in ((part.get("Content-Location") or "").strip(), "cid:" + (part.get("Content-ID") or "").strip().strip("<>")):
            if key and key != "cid:":
                found.setdefault(key, part)

    def read(ref: str) -> bytes | None:
        part = found.get(ref) or found.get(urljoin(location, ref) if location else ref)
        data = part.get_payload(decode=True) if part is not None else None
        return data if data and len(data) <= limits.max_image_bytes else None

    return read


def _check_parts(data: bytes, name: str, limits: Limits) -> None:
    """Counts the parts before the email parser builds them (100,000 parts take it 45 s)."""
    found = _BOUNDARY.search(data, 0, 64 * 1024)
    if found is None:
        raise BundleError(f"{name}: not a readable MHTML file (no MIME boundary)")
    boundary = found.group(1) or found.group(2)
    parts = data.count(b"\n--" + boundary)
    if parts > limits.max_mime_parts:
        raise BundleError(f"{name}: more than {limits.max_mime_parts:,} MIME parts (limit max_mime_parts); refused")


def _main_part(message, parts):
    html = [p for p in parts if p.get_content_type() in ("text/html", "application/xhtml+xml")]
    wanted = (message.get("Snapshot-Content-Location") or message.get("Content-Location") or "").strip()
    if wanted:
        for part in html:
            if (part.get("Content-Location") or "").strip() == wanted:
                return part
    start = (message.get_param("start") or "").strip()
    if start:
        for part in html:
            if (part.get("Content-ID") or "").strip() == start:
                return part
    return html[0] if html else None


def _iso_date(value) -> str | None:
    """An RFC 2822 date (``Sat, 4 Dec 2021 10:00:00 +0800``) as ISO 8601, or None."""
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(str(value)).isoformat()
    except (TypeError, ValueError, IndexError):
        return None
