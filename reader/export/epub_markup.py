"""The XML of an exported EPUB: the package document, the EPUB 3 navigation document with its
EPUB 2 NCX twin, the title page and one XHTML chapter per article.

Every string taken from an article is hostile: it goes through ``reader.export.markup.text``
(cleaned, then escaped). Only http and https addresses become links.

A chapter carries its article's metadata where the HTML extractor reads a page's
(``reader/extract/html.py``): ``article:published_time``, ``author``, ``og:site_name`` and
``og:url`` meta tags; the meta line, the notes (``<aside>``) and the header stay out of the
article text when the book is imported again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from reader.export.markup import clean, marked, text
from reader.export.presenting import Presented, ShownBlock

# what may stay unescaped in an href: RFC 3986's reserved and unreserved characters and "%"
_URL_SAFE = "!#$%&'()*+,/:;=?@~-._"
XHTML_START = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
               '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
               ' lang="{lang}" xml:lang="{lang}">\n')


def link_target(url: str | None) -> str | None:
    """An http or https address as an href (spaces, brackets and non-ASCII percent-encoded), else None."""
    url = clean(url).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=_URL_SAFE)


@dataclass(frozen=True)
class Entry:
    """An article's place in the book: its chapter's file (inside EPUB/) and its label."""

    href: str
    label: str


@dataclass(frozen=True)
class Group:
    label: str
    entries: list[Entry]


@dataclass(frozen=True)
class Book:
    identifier: str  # urn:uuid:…
    title: str
    language: str  # BCP 47: zh-Hant | zh-Hans | zh
    modified: str  # YYYY-MM-DDThh:mm:ssZ
    groups: list[Group]
    labels: dict[str, str]  # the book's own words (目錄, 篇...) in its script


def package(book: Book, chapters: Sequence[str], images: Sequence[tuple[str, str]] = ()) -> str:
    """``images``: (href, media type) of the photos the chapters show."""
    items = "".join(f'<item id="c{n}" href="{href}" media-type="application/xhtml+xml"/>\n'
                    for n, href in enumerate(chapters, 1))
    items += "".join(f'<item id="i{n}" href="{href}" media-type="{mime}"/>\n' for n, (href, mime) in enumerate(images, 1))
    spine = "".join(f'<itemref idref="c{n}"/>' for n in range(1, len(chapters) + 1))
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="{book.language}">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        f'<dc:identifier id="book-id">{book.identifier}</dc:identifier>\n'
        f"<dc:title>{text(book.title)}</dc:title>\n<dc:language>{book.language}</dc:language>\n"
        # no dc:date: a compilation has no publication date, and a reader importing the book
        # would take it for the date of every chapter that shows none
        f'<meta property="dcterms:modified">{book.modified}</meta>\n'
        '</metadata>\n<manifest>\n'
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>\n'
        '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>\n'
        '<item id="css" href="style.css" media-type="text/css"/>\n'
        '<item id="title-page" href="title.xhtml" media-type="application/xhtml+xml"/>\n'
        f'{items}</manifest>\n<spine toc="ncx"><itemref idref="title-page"/><itemref idref="nav"/>{spine}</spine>\n'
        # for EPUB 2 reading systems, which know no epub:type
        f'<guide><reference type="title-page" title="{text(book.title)}" href="title.xhtml"/>'
        f'<reference type="toc" title="{text(book.labels["目錄"])}" href="nav.xhtml"/>'
        f'<reference type="text" title="{text(book.groups[0].entries[0].label)}" href="{book.groups[0].entries[0].href}"/></guide>\n'
        "</package>\n"
    )


def _page(lang: str, title: str, body_type: str, body: str) -> str:
    """A front-matter page (title page, navigation) at the top of EPUB/."""
    return (XHTML_START.format(lang=lang) + f'<head>\n<meta charset="utf-8"/>\n<title>{text(title)}</title>\n'
            '<link rel="stylesheet" type="text/css" href="style.css"/>\n</head>\n'
            f'<body epub:type="{body_type}">\n{body}</body>\n</html>\n')


def title_page(book: Book, subtitle: str) -> str:
    body = (f'<section class="title-page">\n<h1>{text(book.title)}</h1>\n'
            f'<p class="subtitle">{text(subtitle)}</p>\n</section>\n')
    return _page(book.language, book.title, "frontmatter titlepage", body)


def navigation(book: Book) -> str:
    """The EPUB 3 table of contents: each group a heading over its articles; landmarks."""
    groups = "".join(
        f'<li id="g{n}"><span>{text(g.label)}</span>\n<ol>\n'
        + "".join(f'<li><a href="{e.href}">{text(e.label)}</a></li>\n' for e in g.entries) + "</ol></li>\n"
        for n, g in enumerate(book.groups, 1))
    first = book.groups[0].entries[0]
    body = (f'<nav epub:type="toc" id="toc">\n<h1>{text(book.labels["目錄"])}</h1>\n<ol>\n{groups}</ol>\n</nav>\n'
            '<nav epub:type="landmarks" hidden="hidden">\n<ol>\n'
            f'<li><a epub:type="titlepage" href="title.xhtml">{text(book.title)}</a></li>\n'
            f'<li><a epub:type="toc" href="#toc">{text(book.labels["目錄"])}</a></li>\n'
            f'<li><a epub:type="bodymatter" href="{first.href}">{text(first.label)}</a></li>\n</ol>\n</nav>\n')
    return _page(book.language, book.labels["目錄"], "frontmatter toc", body)


def ncx(book: Book) -> str:
    """The EPUB 2 table of contents: a group's point leads to its heading in the navigation
    document, so that no chapter is labelled with its group's name."""
    points, order = [], 0
    for n, group in enumerate(book.groups, 1):
        order += 1
        head = _open_point(order, group.label, f"nav.xhtml#g{n}")
        inner = []
        for entry in group.entries:
            order += 1
            inner.append(_open_point(order, entry.label, entry.href) + "</navPoint>\n")
        points.append(head + "".join(inner) + "</navPoint>\n")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="{book.language}">\n'
        f'<head><meta name="dtb:uid" content="{book.identifier}"/><meta name="dtb:depth" content="2"/>'
        '<meta name="dtb:totalPageCount" content="0"/><meta name="dtb:maxPageNumber" content="0"/></head>\n'
        f'<docTitle><text>{text(book.title)}</text></docTitle>\n<navMap>\n{"".join(points)}</navMap>\n</ncx>\n'
    )


def _open_point(order: int, label: str, src: str) -> str:
    return (f'<navPoint id="p{order}" playOrder="{order}"><navLabel><text>{text(label)}</text></navLabel>'
            f'<content src="{src}"/>\n')


def chapter(article: Presented) -> str:
    """An article as an XHTML chapter: header (headline, meta line), its notes, its blocks."""
    href = link_target(article.url)
    head_meta = [("article:published_time", article.published), ("author", "、".join(article.authors)),
                 ("og:site_name", article.source), ("og:url", href and article.url)]
    meta_tags = "".join(f'<meta name="{name}" content="{text(value)}"/>\n' for name, value in head_meta if clean(value))
    meta_line = text(article.meta_line())
    if href:
        meta_line += (" · " if meta_line else "") + f'<a href="{text(href)}">{text(article.label("原文"))}</a>'
    header = (f"<header>\n<h1>{text(article.heading)}</h1>\n"
              + (f'<p class="meta">{meta_line}</p>\n' if meta_line else "") + "</header>\n")
    notes = "".join(_note(article, note) for note in article.notes)
    blocks = "".join(_block(article, block, following) for block, following in
                     zip(article.blocks, [*article.blocks[1:], None]))
    return (XHTML_START.format(lang=article.language) + f'<head>\n<meta charset="utf-8"/>\n<title>{text(article.heading)}</title>\n'
            f'{meta_tags}<link rel="stylesheet" type="text/css" href="../style.css"/>\n</head>\n'
            f'<body epub:type="bodymatter">\n<article>\n{header}{notes}<section class="text">\n{blocks}</section>\n'
            "</article>\n</body>\n</html>\n")


def image_href(photo) -> str:
    """Where a photo's image lives in the book (under EPUB/): ``images/<sha256>.<ext>``."""
    return f"images/{photo.key}.{IMAGE_TYPES.get(photo.mime, ('png', 'image/png'))[0]}"


# the EPUB core media types a photo keeps (extension, type); any other (WebP, core only since
# EPUB 3.3 and an error to the installed epubcheck; BMP) is written as PNG
IMAGE_TYPES = {"image/jpeg": ("jpg", "image/jpeg"), "image/png": ("png", "image/png"), "image/gif": ("gif", "image/gif")}


def _block(article: Presented, block: ShownBlock, following: ShownBlock | None) -> str:
    """A paragraph or subheading with its highlights, then the notes that end in it; a photo as
    a figure with its caption (a photo not in the library: its caption alone)."""
    inner, notes = marked(block, following)
    if block.kind == "photo":
        caption = f"<figcaption>{inner}</figcaption>" if block.text else ""
        image = (f'<img src="../{image_href(block.photo)}" alt="{text(block.text)}"/>'
                 if block.photo is not None else "")
        return (f'<figure class="photo">{image}{caption}</figure>\n' if image else f'<p class="caption">{inner}</p>\n') \
            + "".join(_note(article, note) for note in notes)
    tag = "h2" if block.kind == "subheading" else "p"
    return f"<{tag}>{inner}</{tag}>\n" + "".join(_note(article, note) for note in notes)


def _note(article: Presented, note: str) -> str:
    lines = "<br/>".join(text(line) for line in clean(note).splitlines())
    return f'<aside class="note"><span class="label">{text(article.label("筆記"))}</span> {lines}</aside>\n'
