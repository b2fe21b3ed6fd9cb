"""EPUB 2 and 3 books (Calibre news downloads, KindleEar, pandoc, wallabag's export), read with
zipfile (the zip-bomb checks of ``zip_archive``) and lxml with entities off: ebooklib is AGPL.

A Calibre periodical (its table of contents has sections of articles) gives one article per
article of the table of contents; any other book one article per spine document that is an
article (the cover, title page, navigation document and table of contents are skipped, with
their reasons), so a book in one document is one article. Each entry is the document's own
bytes (less Calibre's navigation bars), named by its path in the archive
(``book.epub#EPUB/text/ch001.xhtml``), with the book's metadata as hints: its title, date,
authors, publisher (as the source) and language; in a book of several articles, the book's
date only for a chapter that shows none of its own. docs/bundle-format.md §3 has the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from reader.bundle import zip_archive
from reader.bundle.epub_package import EpubError, Item, Package, Point, authors, parse_nav, parse_ncx, parse_opf, rootfile, source_name, walk
from reader.bundle.items import Member, Skipped, entry_name
from reader.bundle.resources import relative_member
from reader.errors import BundleError, DocumentError
from reader.limits import Limits
from reader.model import ArticleHints

MIMETYPE = b"application/epub+zip"
_HTML_TYPES = ("application/xhtml+xml", "text/html", "application/x-dtbook+xml")
_NCX_TYPE = "application/x-dtbncx+xml"
# What a spine document is when the guide (EPUB 2) or its epub:type (EPUB 3) says it is no article
_GUIDE_TYPES = {"cover": "cover", "title-page": "title page", "toc": "table of contents",
                "copyright-page": "copyright page", "index": "index", "loi": "list of illustrations"}
_EPUB_TYPES = {"cover": "cover", "titlepage": "title page", "halftitlepage": "title page",
               "toc": "table of contents", "landmarks": "table of contents", "copyright-page": "copyright page",
               "index": "index", "frontispiece": "frontispiece"}
_EPUB_TYPE_ATTR = re.compile(rb"""epub:type\s*=\s*["']([^"']{1,200})["']""")
_BODY = re.compile(rb"<body\b", re.I)
_CALIBRE_LINK = re.compile(rb"""<a\b[^>]*\brel\s*=\s*["']calibre-downloaded-from["'][^>]*>""", re.I)
# Calibre's news navigation bars (Next | Section menu | Main menu, "This article was downloaded by
# calibre from URL"): the periodical's furniture, not the article's; generated without nested divs
_CALIBRE_NAVBAR = re.compile(rb"""<div\b[^>]*\bclass\s*=\s*["'][^"']*\bcalibre_navbar\b[^"']*["'][^>]*>.*?</div>""", re.I | re.S)
_HREF = re.compile(rb"""\bhref\s*=\s*["']([^"'<>\s]{1,2000})["']""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")


def sniff(head: bytes) -> bool:
    """An EPUB's first zip entry is ``mimetype``, stored, holding ``application/epub+zip``."""
    if len(head) < 30 or not head.startswith(b"PK\x03\x04"):
        return False
    name_len = int.from_bytes(head[26:28], "little")
    start = 30 + name_len + int.from_bytes(head[28:30], "little")
    return head[30 : 30 + name_len] == b"mimetype" and head[start : start + len(MIMETYPE)] == MIMETYPE


class _Book:
    """The archive, read member by member against the limits."""

    def __init__(self, stream: BinaryIO, name: str, limits: Limits):
        self.name, self.limits = name, limits
        self.zf, self.budget = zip_archive.open_checked(stream, name, limits)
        self.infos = {info.filename: info for info in self.zf.infolist() if not info.is_dir()}

    def read(self, path: str, cap: int) -> bytes:
        """A member's bytes. Raises EpubError (missing, too large) or BundleError (corrupt)."""
        info = self.infos.get(path)
        if info is None:
            raise EpubError(f"{path} is missing from the archive")
        try:
            data = zip_archive.read_checked(self.zf, info, cap, self.budget, self.name)
        except NotImplementedError as exc:
            raise EpubError(f"{path}: unsupported zip compression: {exc}") from None
        if data is None:
            raise EpubError(f"{path} is too large (over the limit of {cap:,} bytes)")
        return data

    def package(self) -> Package:
        """container.xml, the OPF and its table of contents. Raises BundleError."""
        cap = self.limits.max_manifest_bytes
        try:
            opf_path = rootfile(self.read("META-INF/container.xml", cap))
            pkg = parse_opf(self.read(opf_path, cap), opf_path)
            ncx = pkg.items.get(pkg.toc_id or "") or next((i for i in pkg.items.values() if i.media_type == _NCX_TYPE), None)
            nav = next((i for i in pkg.items.values() if "nav" in i.properties and i.path), None)
            toc = ncx if ncx is not None and ncx.path in self.infos else nav
            if toc is not None and toc.path:
                data = self.read(toc.path, cap)
                pkg.toc = parse_ncx(data, toc.path) if toc.media_type == _NCX_TYPE else parse_nav(data, toc.path)
                pkg.toc_id = toc.id
        except EpubError as exc:
            raise BundleError(f"{self.name}: not a readable EPUB: {exc}") from None
        return pkg


def read_epub(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    book = _Book(stream, name, limits)
    with book.zf:
        pkg = book.package()
        base = ArticleHints(published=pkg.date, source=source_name(pkg), language=pkg.language, container="epub")
        articles = _periodical_articles(pkg)
        if articles is not None:  # the day (Calibre dates an issue by its download time)
            plan = _periodical_plan(pkg, articles, replace(base, published=(pkg.date or "")[:10] or None), name)
        else:
            plan = _book_plan(pkg, replace(base, authors=authors(pkg)), name)
        count = 0
        for step in plan:
            if not isinstance(step, tuple):
                yield step
                continue
            if count >= limits.max_entries:
                yield DocumentError(name, f"{step[0]}: more than {limits.max_entries:,} documents (limit max_entries): the rest skipped")
                return
            member = _member(book, *step)
            count += isinstance(member, Member)
            yield member
        yield from _resources(pkg, name)


def _periodical_articles(pkg: Package) -> list[tuple[Point, str]] | None:
    """The articles of a periodical with their section: the NCX's ``class="article"`` points
    (KindleEar, Calibre's MOBI-style NCX), else, when the OPF says periodical (Calibre's EPUB
    output classes every point "chapter"), the leaves under the top level."""
    sections: list[tuple[Point, str]] = []

    def visit(points: list[Point], section: str, depth: int) -> None:
        for p in points:
            klass = p.klass if p.klass in ("periodical", "section", "article") else ""
            if klass == "article" or (not klass and pkg.periodical and depth >= 1 and not p.children):
                sections.append((p, section))
            inner = p.label if klass == "section" or (depth == 0 and klass != "periodical") else section
            visit(p.children, inner, depth + 1)

    visit(pkg.toc, "", 0)
    if any(p.klass == "article" for p, _ in sections):
        sections = [(p, s) for p, s in sections if p.klass == "article"]
    return sections or None


# What to do with each document: (path, the hints to read it with), or why it is not read
Plan = Iterator["tuple[str, ArticleHints] | Skipped | DocumentError"]


def _periodical_plan(pkg: Package, articles: list[tuple[Point, str]], base: ArticleHints, name: str) -> Plan:
    spine_paths = [pkg.items[i].path for i, _ in pkg.spine if i in pkg.items]
    taken: set[str] = set()
    for point, section in articles:
        if point.path is None:
            yield DocumentError(entry_name(name, point.label or "?"), "the table of contents points outside the book: skipped")
        elif point.path not in taken:
            taken.add(point.path)
            yield point.path, replace(base, title=point.label or None, authors=(point.author,) if point.author else None,
                                      tags=(section,) if section else None, entry=point.path)
    for path in spine_paths:
        if path and path not in taken:
            taken.add(path)
            yield Skipped(entry_name(name, path), _GUIDE_TYPES.get(pkg.guide.get(path, ""), "section or contents page of the periodical"))


def _book_plan(pkg: Package, base: ArticleHints, name: str) -> Plan:
    labels: dict[str, str] = {}
    for point in walk(pkg.toc):
        if point.path and point.label:
            labels.setdefault(point.path, point.label)
    plan: list[tuple[str, ArticleHints] | Skipped | DocumentError] = []
    for idref, linear in pkg.spine:
        item = pkg.items.get(idref)
        if item is None:
            plan.append(DocumentError(entry_name(name, idref), "the spine names an item missing from the OPF manifest"))
        elif not item.path:
            plan.append(DocumentError(entry_name(name, item.href), "unsafe href (leaves the book: '../' or absolute): skipped"))
        elif why := _why_not(pkg, item, linear):
            plan.append(Skipped(entry_name(name, item.path), why))
        else:
            plan.append((item.path, replace(base, title=labels.get(item.path), entry=item.path)))
    articles = [i for i, step in enumerate(plan) if isinstance(step, tuple)]
    if len(articles) == 1:  # a book in one document: the book is the article
        path, hints = plan[articles[0]]  # type: ignore[misc]
        plan[articles[0]] = (path, replace(hints, title=pkg.title or hints.title))
    else:  # a collection: a chapter that shows its own date keeps it, the book's is for the others
        for k in articles:
            path, hints = plan[k]  # type: ignore[misc]
            plan[k] = (path, replace(hints, published=None, saved=hints.published))
    return iter(plan)


def _why_not(pkg: Package, item: Item, linear: bool) -> str | None:
    if item.media_type not in _HTML_TYPES:
        return f"not a text document ({item.media_type or 'no media type'})"
    if "nav" in item.properties or item.id == pkg.toc_id:
        return "navigation document (table of contents)"
    if pkg.guide.get(item.path) in _GUIDE_TYPES:
        return _GUIDE_TYPES[pkg.guide[item.path]]
    if not linear:
        return 'outside the reading order (linear="no")'
    return None


def _member(book: _Book, path: str, hints: ArticleHints) -> Member | Skipped | DocumentError:
    where = entry_name(book.name, path)
    try:
        data = book.read(path, book.limits.max_file_bytes)
    except EpubError as exc:  # a corrupt member fails the book, as in a zip bundle (BundleError)
        return DocumentError(where, str(exc).removeprefix(f"{path} ").removeprefix(": "))
    body = _BODY.search(data)
    head = data[body.start() : body.start() + 4096] if body else b""
    for found in _EPUB_TYPE_ATTR.findall(head):
        for token in found.decode("ascii", "replace").split():
            if token in _EPUB_TYPES:
                return Skipped(where, _EPUB_TYPES[token])
    link = _CALIBRE_LINK.search(data)
    href = _HREF.search(link.group(0)) if link else None
    url = href.group(1).decode("utf-8", "replace").replace("&amp;", "&") if href else None
    if link:
        data = _CALIBRE_NAVBAR.sub(b"", data)
    declared = _XML_ENCODING.match(data)
    encoding = declared.group(1).decode("ascii").lower() if declared else None
    if encoding in ("utf-8", "utf8"):
        encoding = None
    return Member(where, data, "html", replace(hints, url=url if url and url.startswith(("http://", "https://")) else hints.url,
                                               encoding=encoding or hints.encoding),
                  resources=lambda ref: _image(book, path, ref))


def _image(book: _Book, chapter: str, ref: str) -> bytes | None:
    """A chapter's image (its ``<img src>``, relative to the chapter) from the book, or None."""
    member = relative_member(chapter, ref)
    if member is None:
        return None
    try:
        return book.read(member, book.limits.max_image_bytes)
    except (EpubError, BundleError):
        return None


def _resources(pkg: Package, name: str) -> Iterator[Skipped]:
    """The manifest's other files (images, stylesheets, fonts), each named with what it is."""
    spine = {pkg.items[i].path for i, _ in pkg.spine if i in pkg.items}
    for item in pkg.items.values():
        if not item.path or item.path in spine or item.id == pkg.toc_id:
            continue
        kind = item.media_type.split("/", 1)[0]
        what = ("image" if kind == "image" else "font" if "font" in item.media_type
                else "stylesheet" if item.media_type == "text/css" else "audio or video" if kind in ("audio", "video")
                else "table of contents" if item.media_type == _NCX_TYPE or "nav" in item.properties
                else "document outside the reading order (not in the spine)" if item.media_type in _HTML_TYPES
                else f"book resource ({item.media_type or 'no media type'})")
        yield Skipped(entry_name(name, item.path), what)

