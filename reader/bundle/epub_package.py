"""An EPUB's package, read from its XML: container.xml -> the OPF (metadata, manifest, spine,
guide) -> the table of contents (the NCX, else the EPUB 3 navigation document).

Parsed with lxml and entities off, no network, no DTD loaded; a document that declares entities
at all is refused (a book never needs them, and they are how entity expansion and external
entities attack). Every href is resolved inside the archive; one that climbs out (``../``) is
refused. Raises ``EpubError`` with what is wrong.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from reader.bundle.manifest import normalise_member_path

NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
_EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
_OPF_ROLE = "{http://www.idpf.org/2007/opf}role"
_OPF_EVENT = "{http://www.idpf.org/2007/opf}event"
# Calibre's "no date" and the title suffix its news downloads get: "联合早报 [Wed, 02 Dec 2026]"
_UNDEFINED_YEAR = re.compile(r"^0*10?1-")
_CALIBRE_DATE_SUFFIX = re.compile(r"\s*\[[^\[\]]{4,40}\]\s*$")


class EpubError(Exception):
    """The book's package cannot be read (the message says which file and why)."""


@dataclass
class Item:
    id: str
    path: str  # inside the archive; "" when the href is unsafe
    href: str  # as the OPF writes it (for messages)
    media_type: str
    properties: frozenset[str]


@dataclass
class Point:
    """One entry of the table of contents."""

    label: str
    path: str | None  # the document it points at (no fragment); None: unsafe or missing
    klass: str = ""  # Calibre's NCX classes: "periodical", "section", "article"
    author: str | None = None  # the mbp:meta a periodical NCX may give each article
    children: list[Point] = field(default_factory=list)


@dataclass
class Package:
    path: str
    title: str | None = None
    date: str | None = None
    creators: tuple[str, ...] = ()
    publisher: str | None = None
    language: str | None = None
    periodical: bool = False  # the OPF says so (calibre:publication_type, dc:type)
    items: dict[str, Item] = field(default_factory=dict)
    spine: list[tuple[str, bool]] = field(default_factory=list)  # (idref, linear)
    guide: dict[str, str] = field(default_factory=dict)  # path -> reference type
    toc: list[Point] = field(default_factory=list)
    toc_id: str | None = None  # the manifest item the table of contents was read from


def parse_xml(data: bytes, what: str) -> etree._Element:
    if b"<!ENTITY" in data or b"<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y" in data:
        raise EpubError(f"{what} declares XML entities (refused: entity expansion or external entities)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise EpubError(f"{what} is not well-formed XML ({exc})") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise EpubError(f"{what} declares XML entities (refused: entity expansion or external entities)")
    return root


def resolve(base: str, href: str) -> str | None:
    """The archive path an href names, relative to the file ``base``; None when it leaves the
    archive (``../`` past the top, absolute) or names another site."""
    href = href.strip().split("#", 1)[0]
    if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
        return None
    joined = posixpath.join(posixpath.dirname(base), unquote(href))
    if joined.startswith("/") or posixpath.normpath(joined).startswith(".."):
        return None
    return normalise_member_path(posixpath.normpath(joined))


def _text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    value = " ".join("".join(el.itertext()).split())
    return value or None


def rootfile(container_xml: bytes) -> str:
    root = parse_xml(container_xml, "META-INF/container.xml")
    for rf in root.iterfind(".//c:rootfile", NS):
        if rf.get("media-type", "application/oebps-package+xml") == "application/oebps-package+xml":
            path = resolve("", rf.get("full-path", ""))
            if path is None:
                raise EpubError(f"META-INF/container.xml names an unsafe package path {rf.get('full-path')!r}")
            return path
    raise EpubError("META-INF/container.xml names no package document (rootfile)")


def parse_opf(data: bytes, path: str) -> Package:
    root = parse_xml(data, path)
    if etree.QName(root).localname != "package":
        raise EpubError(f"{path} is not an OPF package document")
    pkg = Package(path)
    meta = root.find("opf:metadata", NS)
    if meta is None:
        meta = root
    pkg.title = _text(meta.find(".//dc:title", NS))
    pkg.publisher = _text(meta.find(".//dc:publisher", NS))
    pkg.language = _text(meta.find(".//dc:language", NS))
    pkg.date = _date(meta)
    roles = {m.get("refines", "").lstrip("#"): (m.text or "").strip()
             for m in meta.iterfind(".//opf:meta[@property='role']", NS)}
    pkg.creators = tuple(
        name for el in meta.iterfind(".//dc:creator", NS)
        if (name := _text(el)) and (el.get(_OPF_ROLE) or roles.get(el.get("id", ""), "aut")) in ("aut", "")
    )
    kinds = [_text(el) or "" for el in meta.iterfind(".//dc:type", NS)]
    kinds += [m.get("content", "") for m in meta.iterfind(".//opf:meta[@name='calibre:publication_type']", NS)]
    pkg.periodical = any(re.match(r"periodical|newspaper|magazine", k, re.I) for k in kinds)
    for el in root.iterfind("opf:manifest/opf:item", NS):
        if el.get("id"):
            href = el.get("href", "")
            pkg.items[el.get("id")] = Item(el.get("id"), resolve(path, href) or "", href,
                                           (el.get("media-type") or "").lower(),
                                           frozenset((el.get("properties") or "").split()))
    spine = root.find("opf:spine", NS)
    if spine is not None:
        pkg.toc_id = spine.get("toc")
        pkg.spine = [(ref.get("idref", ""), ref.get("linear", "yes") != "no") for ref in spine.iterfind("opf:itemref", NS)]
    for ref in root.iterfind("opf:guide/opf:reference", NS):
        ref_path = resolve(path, ref.get("href", ""))
        if ref_path:
            pkg.guide.setdefault(ref_path, (ref.get("type") or "").lower())
    return pkg


def _date(meta: etree._Element) -> str | None:
    """The publication date: an EPUB 2 ``opf:event="publication"`` date, else the first date
    that is not a modification; Calibre's 0101-01-01 means none."""
    dates = [(el.get(_OPF_EVENT, "") or "").lower() for el in meta.iterfind(".//dc:date", NS)]
    values = [_text(el) for el in meta.iterfind(".//dc:date", NS)]
    ranked = [v for e, v in zip(dates, values) if e == "publication"] + [v for e, v in zip(dates, values) if e not in ("modification", "publication")]
    for value in ranked:
        if value and re.match(r"^\d{4}(-\d\d){0,2}([T ][\d:.]+(Z|[+-]\d\d:?\d\d)?)?$", value) and not _UNDEFINED_YEAR.match(value):
            return value
    return None


def source_name(pkg: Package) -> str | None:
    """Who published the book: dc:publisher, except Calibre's own name on its news downloads,
    whose source is the periodical's title without the date suffix."""
    if pkg.publisher and pkg.publisher.lower() != "calibre":
        return pkg.publisher
    if pkg.periodical and pkg.title:
        return _CALIBRE_DATE_SUFFIX.sub("", pkg.title) or None
    return None


def authors(pkg: Package) -> tuple[str, ...] | None:
    names = tuple(n for n in pkg.creators if n.lower() not in ("calibre", "unknown", "未知"))
    return names or None


def parse_ncx(data: bytes, path: str) -> list[Point]:
    root = parse_xml(data, path)
    nav_map = root.find("ncx:navMap", NS)
    return [] if nav_map is None else _ncx_points(nav_map, path, 0)


def _ncx_points(parent: etree._Element, base: str, depth: int) -> list[Point]:
    points = []
    for el in parent.iterfind("ncx:navPoint", NS):
        content = el.find("ncx:content", NS)
        author = next((_text(m) for m in el if etree.QName(m).localname == "meta" and m.get("name") == "author"), None)
        point = Point(_text(el.find("ncx:navLabel/ncx:text", NS)) or "",
                      resolve(base, content.get("src", "")) if content is not None else None,
                      (el.get("class") or "").lower(), author)
        if depth < 8:
            point.children = _ncx_points(el, base, depth + 1)
        points.append(point)
    return points


def parse_nav(data: bytes, path: str) -> list[Point]:
    """The EPUB 3 navigation document's ``<nav epub:type="toc">`` (the first nav when none says so)."""
    root = parse_xml(data, path)
    navs = list(root.iter("{%s}nav" % NS["x"]))
    nav = next((n for n in navs if "toc" in (n.get(_EPUB_TYPE) or "").split()), navs[0] if navs else None)
    ol = nav.find("x:ol", NS) if nav is not None else None
    return [] if ol is None else _nav_points(ol, path, 0)


def _nav_points(ol: etree._Element, base: str, depth: int) -> list[Point]:
    points = []
    for li in ol.iterfind("x:li", NS):
        a = li.find("x:a", NS)
        if a is None:
            a = li.find("x:span", NS)
        point = Point(_text(a) or "", resolve(base, a.get("href", "")) if a is not None and a.get("href") else None)
        sub = li.find("x:ol", NS)
        if sub is not None and depth < 8:
            point.children = _nav_points(sub, base, depth + 1)
        points.append(point)
    return points


def walk(points: list[Point]):
    for point in points:
        yield point
        yield from walk(point.children)
