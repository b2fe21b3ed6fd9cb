"""Web archives (WARC 1.0/1.1 and ARC, plain or gzip) read a record at a time with warcio.

Each ``response`` (or ``resource``) record of an HTML page with HTTP status 200 is an entry named
``crawl.warc.gz#<record id> <URI>``: its HTTP payload, de-chunked and decompressed as its HTTP
headers say, with the HTTP charset as ``hints.encoding``, the capture time as ``hints.saved``
and the URI as ``hints.fetched_url`` (the page's own canonical URL wins over it). A ``revisit``
is the earlier page with the same payload digest, re-read from its offset. Every other record is
a ``Skipped`` that says what it is. Memory stays flat: only the offsets of HTML pages are kept.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from reader.bundle.items import Member, Skipped, entry_name
from reader.bundle.members import read_capped
from reader.errors import BundleError, DocumentError
from reader.limits import Limits
from reader.model import ArticleHints

logging.getLogger("warcio").addHandler(logging.NullHandler())  # its warnings are ours to report

HTML_TYPES = ("text/html", "application/xhtml+xml")
_BLOCK = 1 << 16
_HOME_PATHS = ("", "/", "/index.html", "/index.htm", "/index.php", "/index.shtml", "/default.aspx")
# AttributeError: warcio parses a response's HTTP headers by its WARC-Target-URI and trips over
# one without it (a record cut inside its headers)
_DAMAGE = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError, ValueError, OSError,
           IndexError, KeyError, TypeError, AttributeError)


def sniff(head: bytes) -> bool:
    """WARC/1.x or ARC's filedesc:// at the start, plain or in the first gzip member."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(31).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith((b"WARC/1.", b"filedesc://"))


class _Bomb(Exception):
    pass


class ArchiveBomb(BundleError):
    """A record that inflates like a gzip bomb: the whole archive (a WACZ too) is refused."""


class _StrictReader(DecompressingBufferedReader):
    """warcio's reader, except that corrupt gzip data raises instead of ending the archive early
    with a message on stderr."""

    def _decompress(self, data):
        if self.decompressor and data and self.num_block_read:
            return self.decompressor.decompress(data)
        return super()._decompress(data)


class _Iterator(ArchiveIterator):
    INC_RECORD = ""  # warcio writes this warning to stderr; a bad length surfaces as damage instead

    def __init__(self, stream: BinaryIO):
        super().__init__(stream, arc2warc=True, block_size=_BLOCK)
        self.reader = _StrictReader(self.fh, block_size=_BLOCK)


@dataclass
class Pages:
    """The HTML pages seen so far, for revisits: a 64-bit hash of each one's payload digest and
    record id -> where to read it again (which archive of a WACZ, and its offset there), packed
    in one int: about 200 bytes a page, not a copy of it."""

    found: dict[int, int] = field(default_factory=dict)
    readers: list[Callable[[int], tuple[bytes, str | None] | None]] = field(default_factory=list)
    records: int = 0  # every record read, against max_archive_records
    entries: int = 0  # the pages among them, against max_entries

    def remember(self, record, reader: int, offset: int) -> None:
        for key in ("WARC-Payload-Digest", "WARC-Record-ID"):
            value = record.rec_headers.get_header(key)
            if value:
                self.found[_key(value)] = offset << 16 | reader

    def reread(self, value: str) -> tuple[bytes, str | None] | None | bool:
        """A page again, by a revisit's digest or WARC-Refers-To; False when it was never seen."""
        place = self.found.get(_key(value))
        if place is None:
            return False
        return self.readers[place & 0xFFFF](place >> 16)


def _key(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.strip().encode("utf-8", "replace"), digest_size=8).digest(), "little")


def read_warc(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    images = ArchiveImages(stream, limits)
    for item in read_records(stream, name, name, limits, Pages()):
        yield replace(item, resources=images.read) if isinstance(item, Member) else item


class ArchiveImages:
    """The archive's images (HTTP 200 ``image/*`` responses) by target URI, for the pages'
    photos. The archive is indexed on the first lookup, in a pass of its own (a page's images
    are usually recorded after it), the stream put back where it was; only offsets are kept."""

    def __init__(self, stream: BinaryIO, limits: Limits):
        self.stream, self.limits = stream, limits
        self.offsets: dict[str, int] | None = None

    def read(self, uri: str) -> bytes | None:
        if self.offsets is None:
            self.offsets = self._index()
        offset = self.offsets.get(uri)
        found = payload_at(self.stream, offset, self.limits) if offset is not None else None
        return found[0] if found and len(found[0]) <= self.limits.max_image_bytes else None

    def _index(self) -> dict[str, int]:
        offsets: dict[str, int] = {}
        here = self.stream.tell()
        try:
            self.stream.seek(0)
            it = _Iterator(self.stream)
            for count, record in enumerate(it):
                if count >= self.limits.max_archive_records:
                    break
                if record.rec_type == "response" and record.http_headers is not None \
                        and record.http_headers.get_statuscode() == "200" \
                        and _content_type(record).lower().startswith("image/"):
                    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
                    offsets.setdefault(uri, it.offset)
        except _DAMAGE:
            pass  # the images indexed before the damage stand
        finally:
            self.stream.seek(here)
        return offsets


def read_records(stream: BinaryIO, name: str, label: str, limits: Limits, pages: Pages,
                 reread: Callable[[int], tuple[bytes, str | None] | None] | None = None) -> Iterator[Member | Skipped | DocumentError]:
    """The entries of one archive (``name``: its path in the bundle; ``label``: what prefixes its
    entries). ``pages`` is shared by the archives of one WACZ, whose revisits may cross them;
    ``reread(offset)`` reads a page again (default: from ``stream``, put back afterwards)."""
    pages.readers.append(reread or (lambda offset: payload_at(stream, offset, limits)))
    try:
        yield from _records(stream, stream, name, label, limits, pages, 0)
    except _WholeGzip as whole:  # ``gzip crawl.warc``: one gzip member for all records
        stream.seek(0)
        plain = gzip.GzipFile(fileobj=stream, mode="rb")
        if reread is None:
            pages.readers[-1] = lambda offset: payload_at(plain, offset, limits)
        yield from _records(plain, stream, name, label, limits, pages, whole.done)


class _WholeGzip(Exception):
    def __init__(self, done: int):
        self.done = done


def _records(source: BinaryIO, raw: BinaryIO, name: str, label: str, limits: Limits, pages: Pages,
             skip: int) -> Iterator[Member | Skipped | DocumentError]:
    """Records of ``source`` (``raw`` or its decompressed view), the first ``skip`` passed over."""
    reader = len(pages.readers) - 1
    it = _Iterator(source)
    done = 0
    while True:
        try:
            record = next(it, None)
            if record is None:
                return
            start, raw_start = it.offset, raw.tell() if raw is not source else it.offset
            if done < skip:
                done += 1
                continue
            pages.records += 1
            if pages.records > limits.max_archive_records:
                yield DocumentError(label, f"more than {limits.max_archive_records:,} records (limit max_archive_records): the rest skipped")
                return
            item = _entry(record, label, limits, pages)
            if not isinstance(item, Skipped):
                pages.entries += 1
                if pages.entries > limits.max_entries:
                    yield DocumentError(label, f"more than {limits.max_entries:,} pages (limit max_entries): the rest skipped")
                    return
            if isinstance(item, Member) and record.rec_type != "revisit":
                pages.remember(record, reader, start)
            _drain(record, raw, raw_start, len(item.data) if isinstance(item, Member) else 0, limits)
            done += 1
        except _Bomb as bomb:
            raise ArchiveBomb(f"{name}: record {done + 1} {bomb}; refused as a possible gzip bomb") from None
        except _DAMAGE as exc:
            reason = " ".join(str(exc).split())[:160] or type(exc).__name__
            if isinstance(exc, AttributeError):
                reason = "a record with no WARC-Target-URI or its headers cut short"
            if isinstance(exc, ArchiveLoadFailed) and "non-chunked gzip" in reason and raw is source:
                raise _WholeGzip(done) from None
            if not done:
                raise BundleError(f"{name}: not a readable web archive: {reason}") from None
            yield DocumentError(label, f"damaged or truncated after record {done}: {reason}; the rest skipped")
            return
        yield item


def _entry(record, label: str, limits: Limits, pages: Pages) -> Member | Skipped | DocumentError:
    headers = record.rec_headers
    uri = (headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    rid = (headers.get_header("WARC-Record-ID") or "").strip()
    name = entry_name(label, f"{rid} {uri}".strip() or f"record {pages.records}")
    why = _not_a_page(record, uri)
    if why:
        return Skipped(name, f"web archive record: {why}")
    charset = _charset(_content_type(record))
    if record.rec_type == "revisit":
        found = False
        for key in ("WARC-Payload-Digest", "WARC-Refers-To"):
            if found is False and headers.get_header(key):
                found = pages.reread(headers.get_header(key))
        if found is False:
            return Skipped(name, "web archive record: revisit of a page not in this archive")
        if found is None:
            return DocumentError(name, "revisit: the page it repeats cannot be read again")
        data, charset_then = found
        charset = charset or charset_then
    else:
        data = _payload(record, limits)
        if isinstance(data, str):
            return DocumentError(name, data)
        if not _content_type(record) and not _looks_like_html(data):
            return Skipped(name, "web archive record: no content type, not HTML")
    hints = ArticleHints(encoding=charset, container="warc", entry=f"{rid} {uri}".strip(),
                         fetched_url=uri or None, saved=headers.get_header("WARC-Date"))
    return Member(name, data, "html", hints)


def _not_a_page(record, uri: str) -> str | None:
    """Why a record is no article page (what it is), or None. The archive's own words in it are
    cut short and made printable: the reasons are grouped and printed."""
    kind = _short(record.rec_type or "")
    if kind not in ("response", "revisit", "resource"):
        return kind or "record without a WARC-Type"
    parts = urlsplit(uri)
    if parts.path.endswith("/robots.txt"):
        return "robots.txt"
    http = record.http_headers if kind != "resource" else None
    if kind == "response" and http is None:
        return f"{_short(parts.scheme) or 'non-HTTP'} response"
    if http is not None:
        status = _short(http.get_statuscode() or "?", 12)
        if status.startswith("3") and not (kind == "revisit" and status == "304"):  # 304: the page as before
            return f"redirect (HTTP {status})" if status != "304" else "HTTP 304"
        if status not in ("200", "304"):
            return f"HTTP {status}"
    mime = _short(_content_type(record).split(";", 1)[0].strip().lower())
    if mime and mime not in HTML_TYPES:
        return mime if kind != "resource" else f"resource ({mime})"
    if parts.path in _HOME_PATHS and parts.scheme in ("http", "https") and not parts.query:
        return "site home page"
    return None


def _short(text: str, most: int = 60) -> str:
    return "".join(c if c.isprintable() else "?" for c in text[:most])


def _content_type(record) -> str:
    if record.rec_type == "resource":
        return record.rec_headers.get_header("Content-Type") or ""
    http = record.http_headers
    return (http.get_header("Content-Type") if http is not None else None) or ""


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")[:40]
    return None


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<") and any(tag in head for tag in (b"<html", b"<!doctype html", b"<head", b"<body"))


def _payload(record, limits: Limits) -> bytes | str:
    """The HTTP payload as the page's bytes (de-chunked, decompressed), or why it is refused."""
    cap = limits.max_file_bytes
    data = read_capped(record.raw_stream, cap)
    if data is None:
        return f"page over the limit max_file_bytes ({cap:,} bytes)"
    http = record.http_headers if record.rec_type != "resource" else None
    if http is None:
        return data
    if "chunked" in (http.get_header("Transfer-Encoding") or "").lower():
        data = _dechunk(data)
    coding = (http.get_header("Content-Encoding") or "").strip().lower()
    if coding in ("gzip", "x-gzip", "deflate"):
        return _inflate(data, coding, cap)
    if coding not in ("", "identity"):
        return f"HTTP body in Content-Encoding {coding[:20]!r}, which the reader cannot decode"
    return data


def _dechunk(data: bytes) -> bytes:
    """A chunked HTTP body joined; bytes that are not chunked after all (some crawlers store the
    body decoded but keep the header) are returned as they are."""
    out, pos = [], 0
    while True:
        end = data.find(b"\r\n", pos)
        if end < 0:
            return data
        try:
            size = int(data[pos:end].split(b";", 1)[0].strip() or b"x", 16)
        except ValueError:
            return data
        if size == 0:
            return b"".join(out)
        out.append(data[end + 2 : end + 2 + size])
        pos = end + 2 + size + 2
        if pos > len(data):
            return b"".join(out)


def _inflate(data: bytes, coding: str, cap: int) -> bytes | str:
    """A gzip/deflate body, at most ``cap`` bytes once inflated; a body that does not start as the
    coding says is taken as it is (servers mislabel), one that breaks midway is refused."""
    wbits = 31 if data[:2] == b"\x1f\x8b" else (15 if coding == "deflate" else None)
    if wbits is None:
        return data
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, cap + 1)
    except zlib.error as exc:
        return f"HTTP body is not valid {coding}: {exc}"
    if len(out) > cap or inflater.unconsumed_tail:
        return f"HTTP body inflates past the limit max_file_bytes ({cap:,} bytes)"
    return out


def _drain(record, stream: BinaryIO, start: int, inflated: int, limits: Limits) -> None:
    """Reads the rest of a record, refusing one that inflates like a bomb (its compressed bytes
    so far against what they gave) and one cut short."""
    total = inflated
    while True:
        chunk = record.raw_stream.read(_BLOCK)
        if not chunk:
            missing = getattr(record.raw_stream, "limit", 0)  # warcio's LimitReader: what Content-Length still owes
            if missing > 0:
                raise EOFError(f"a record cut short ({missing:,} bytes missing)")
            return
        total += len(chunk)
        if total > limits.ratio_check_min_bytes:
            ratio = total / max(stream.tell() - start, 1)
            if ratio > limits.max_compression_ratio:
                raise _Bomb(f"inflates over {limits.max_compression_ratio:.0f}:1 ({total:,} bytes so far)")


def payload_at(stream: BinaryIO, offset: int, limits: Limits) -> tuple[bytes, str | None] | None:
    """The payload and HTTP charset of the record at ``offset`` (a revisit's original), read
    without disturbing the pass in progress: the stream is put back where it was."""
    here = stream.tell()
    try:
        stream.seek(offset)
        record = next(iter(_Iterator(stream)), None)
        data = _payload(record, limits) if record is not None else None
        return (data, _charset(_content_type(record))) if isinstance(data, bytes) else None
    except _DAMAGE:
        return None
    finally:
        stream.seek(here)
