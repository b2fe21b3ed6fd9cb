"""RSS 0.9x/1.0/2.0 and Atom 1.0 feed files, read an item at a time.

feedparser knows every dialect's fields (content:encoded, Atom content and summary, dc:creator,
RSS 1.0, dates in a dozen spellings) but parses a whole document at once. So lxml's iterparse
cuts the file into items (entities never expanded, no network, no DTD loaded, no huge trees) and
each item, wrapped in a minimal feed of its dialect, goes to feedparser: memory stays flat for
100,000 items. A feed whose DOCTYPE declares entities (billion laughs, ``file:///etc/passwd``) is
refused. A feed that is not well-formed XML from the start (a bare ``&``) and small enough to be
read whole goes to feedparser's forgiving parser instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import urljoin
from xml.sax.saxutils import quoteattr

import feedparser
from lxml import etree

from reader.bundle.feeditems import entry_member
from reader.bundle.items import Member, Skipped, entry_name
from reader.errors import BundleError, DocumentError
from reader.limits import Limits

NOT_A_FEED = "XML document (not an RSS or Atom feed)"
ATOM = "http://www.w3.org/2005/Atom"
RSS1 = "http://purl.org/rss/1.0/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_ITEMS = {"item", f"{{{RSS1}}}item", f"{{{ATOM}}}entry"}
_ENVELOPES = {  # an item alone, wrapped so that feedparser sees its dialect
    "rss": (b'<rss version="2.0"><channel>', b"</channel></rss>"),
    "rdf": (f'<rdf:RDF xmlns:rdf="{RDF}" xmlns="{RSS1}">'.encode(), b"</rdf:RDF>"),
    "atom": (f'<feed xmlns="{ATOM}">'.encode(), b"</feed>"),
}
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_ROOTS = {"rss": "rss", f"{{{RDF}}}RDF": "rdf", f"{{{ATOM}}}feed": "atom"}
# the root element after the prolog (XML declaration, comments, DOCTYPE)
_HEAD = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*<(rss|feed|rdf:RDF)[\s>/]", re.S)
_DECLARED = re.compile(rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
# labels that libxml2 decodes too strictly: GB2312/GBK pages use GB18030 characters, Big5 ones HKSCS
_WIDER = {"gb2312": "GB18030", "gbk": "GB18030", "x-gbk": "GB18030", "cp936": "GB18030", "euc-cn": "GB18030",
          "big5": "BIG5-HKSCS", "cp950": "BIG5-HKSCS"}


def sniff(head: bytes) -> bool:
    """An XML document whose root element is <rss>, an Atom <feed> or an RSS 1.0 <rdf:RDF>."""
    found = _HEAD.match(head)
    if found is None:
        return False
    kind = found.group(1)
    return kind == b"rss" or (kind == b"feed" and ATOM.encode() in head) or (kind == b"rdf:RDF" and RSS1.encode() in head)


def read_feed(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    head = stream.read(4096)
    stream.seek(0)
    declared = _DECLARED.match(head)
    wider = _WIDER.get(declared.group(1).decode().lower()) if declared else None
    events = etree.iterparse(stream, events=("start", "end"), encoding=wider, resolve_entities=False,
                             no_network=True, huge_tree=False, load_dtd=False, remove_comments=True, remove_pis=True)
    dialect = None
    feed: dict[str, str] = {}
    count = 0
    try:
        for event, element in events:
            if dialect is None:
                dialect = _dialect(element, name)
                if not dialect:
                    yield Skipped(name, NOT_A_FEED)
                    return
                continue
            if event == "start":
                continue
            if element.tag in _ITEMS:
                count += 1
                if count > limits.max_entries:
                    yield DocumentError(name, f"item {count}: more than {limits.max_entries:,} items (limit max_entries): the rest skipped")
                    return
                yield _item(element, dialect, count, feed, name)
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
            elif _is_feed_field(element):
                feed.setdefault(etree.QName(element).localname, (element.text or "").strip())
    except etree.XMLSyntaxError as exc:
        where = f"line {exc.lineno}" if exc.lineno else "the end"
        if count == 0:
            if not _small(stream, limits):
                raise BundleError(f"{name}: not well-formed XML ({where}: {exc.msg})") from None
            yield from _whole(stream, name, limits)
            return
        yield DocumentError(name, f"broken XML after item {count} ({where}: {exc.msg}): the rest skipped")
        return
    if dialect is None:
        raise BundleError(f"{name}: empty file, not a feed")
    if count == 0:
        yield Skipped(name, "feed without items")


def _dialect(root, name: str) -> str:
    """The feed's dialect from its root element ('' for another XML document); a DOCTYPE that
    declares entities is refused."""
    dialect = _ROOTS.get(root.tag, "")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.entities()):
        raise BundleError(f"{name}: the feed's DOCTYPE declares XML entities: refused (entity expansion, external files)")
    return dialect


def _is_feed_field(element) -> bool:
    """A title or language of the channel (RSS) or of the feed (Atom), not of an item."""
    if etree.QName(element).localname not in ("title", "language"):
        return False
    parent = element.getparent()
    return parent is not None and (parent.tag in ("channel", f"{{{RSS1}}}channel") or parent.getparent() is None)


def _base(element) -> str:
    """The xml:base the item inherits from the feed and channel, which its envelope must carry:
    feedparser resolves the item's relative links against it."""
    bases = []
    parent = element.getparent()
    while parent is not None:
        bases.append((parent.get(_XML_BASE) or "").strip())
        parent = parent.getparent()
    base = ""
    for value in reversed(bases):
        base = urljoin(base, value) if base else value
    return base


def _item(element, dialect: str, number: int, feed: dict[str, str], name: str) -> Member | Skipped | DocumentError:
    start, end = _ENVELOPES[dialect]
    base = _base(element)
    if base:
        start = start[:-1] + b" xml:base=" + quoteattr(base).encode("utf-8") + b">"
    parsed = feedparser.parse(start + etree.tostring(element, encoding="utf-8") + end,
                              sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        return DocumentError(entry_name(name, f"item {number}"), "unreadable feed item")
    return entry_member(parsed.entries[0], number, feed, name, "atom" if dialect == "atom" else "rss")


def _small(stream: BinaryIO, limits: Limits) -> bool:
    stream.seek(0, 2)
    return stream.tell() <= limits.max_file_bytes


def _whole(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    """A feed that is not well-formed XML, read whole by feedparser's forgiving parser."""
    stream.seek(0)
    data = stream.read(limits.max_file_bytes + 1)
    if b"<!ENTITY" in data[:65536]:
        raise BundleError(f"{name}: the feed's DOCTYPE declares XML entities: refused (entity expansion, external files)")
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "no items")()
        raise BundleError(f"{name}: not a readable feed ({reason})")
    dialect = "atom" if parsed.version.startswith("atom") else "rss"
    feed = {"title": parsed.feed.get("title", ""), "language": parsed.feed.get("language", "")}
    for number, entry in enumerate(parsed.entries, 1):
        if number > limits.max_entries:
            yield DocumentError(name, f"item {number}: more than {limits.max_entries:,} items (limit max_entries): the rest skipped")
            return
        yield entry_member(entry, number, feed, name, dialect)
