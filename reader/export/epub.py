"""Articles as an EPUB 3 book for e-readers (with an EPUB 2 NCX for older ones): a title page,
a table of contents grouped by date or source, one chapter per article in the shown script.

Written with the standard library's zipfile (ebooklib is AGPL): ``mimetype`` first and stored,
then the rest deflated, into a temporary file that replaces the target only when complete. The
book's identifier is derived from the articles it holds and the script, so exporting the same
selection again gives the same book (an e-reader updates it instead of adding a copy).
"""

from __future__ import annotations

import os
import uuid
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from importlib.resources import files

from reader.atomicfile import replacing
from reader.export import epub_markup as markup
from reader.export.presenting import Presented, language_of
from reader.script import to_display

GROUPINGS = ("date", "source")
# reader's own words in the book, written in Traditional and shown in the book's script
BOOK_LABELS = ("目錄", "日期不詳", "來源不詳", "篇")
CONTAINER = ('<?xml version="1.0" encoding="utf-8"?>\n'
             '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
             '<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>\n'
             "</container>\n")
_ID_NAMESPACE = uuid.UUID("6f0c6a52-3b1e-5d3c-9a57-7b1f2b4e8c10")  # reader's EPUB exports


def write_epub(path: str | os.PathLike[str], articles: Sequence[Presented], *, script: str, standard: str = "tw",
               group_by: str = "date", title: str | None = None, now: datetime | None = None,
               photo_bytes: Callable[[str], bytes | None] | None = None) -> None:
    """Write ``articles`` (presented in ``script``) as an EPUB to ``path``, atomically.
    ``photo_bytes`` (``Library.photo_bytes``) gives the images of their photos, written once each.

    Raises ``ValueError`` for an empty selection or an unknown grouping, ``OSError`` when the
    file cannot be written (nothing is left behind)."""
    if not articles:
        raise ValueError("no articles to export")
    if group_by not in GROUPINGS:
        raise ValueError(f"unknown grouping {group_by!r}")
    local = (now or datetime.now(timezone.utc)).astimezone()
    book_script = _book_script(articles, script)
    words_in = "simplified" if book_script == "simplified" else "traditional"
    labels = {t: to_display(t, words_in, "traditional", standard) for t in BOOK_LABELS}
    newest_first = sorted(articles, key=lambda a: a.published or "", reverse=True)  # undated last
    spine: list[tuple[str, Presented]] = []  # (chapter file, article), numbered in reading order
    toc = []
    for label, members in _groups(newest_first, group_by, labels):
        entries = []
        for article in members:
            href = f"text/a{len(spine) + 1:04d}.xhtml"
            spine.append((href, article))
            entries.append(markup.Entry(href, article.heading))
        toc.append(markup.Group(label, entries))
    default_title = f"reader {local:%Y-%m-%d} · {len(articles)} {labels['篇']}"
    book = markup.Book(
        identifier=_identifier(articles, script),
        title=markup.clean(title).strip() or default_title,
        language=language_of(book_script),
        modified=local.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        groups=toc,
        labels=labels,
    )
    images = _images(articles, photo_bytes)
    for article in articles:  # a photo whose image could not be had shows its caption alone
        for block in article.blocks:
            if block.photo is not None and markup.image_href(block.photo) not in images:
                block.photo = None
    with replacing(path) as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as book_zip:

        def put(name: str, data: str | bytes, compress: int = zipfile.ZIP_DEFLATED) -> None:
            info = zipfile.ZipInfo(name, local.timetuple()[:6])
            info.compress_type = compress
            book_zip.writestr(info, data)

        put("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        put("META-INF/container.xml", CONTAINER)
        put("EPUB/package.opf", markup.package(book, [href for href, _ in spine],
                                               [(href, mime) for href, (mime, _) in images.items()]))
        for href, (_, data) in images.items():
            put("EPUB/" + href, data, zipfile.ZIP_STORED)  # already compressed
        put("EPUB/nav.xhtml", markup.navigation(book))
        put("EPUB/toc.ncx", markup.ncx(book))
        put("EPUB/style.css", files("reader.export").joinpath("epub.css").read_bytes())
        put("EPUB/title.xhtml", markup.title_page(book, _span(articles, labels, count=book.title != default_title)))
        for href, article in spine:
            put("EPUB/" + href, markup.chapter(article))


def _images(articles: Sequence[Presented], photo_bytes) -> dict[str, tuple[str, bytes]]:
    """href -> (media type, bytes) of every photo shown; a type EPUB does not list as core (BMP)
    re-encoded as PNG, an image that no longer decodes left out."""
    found: dict[str, tuple[str, bytes]] = {}
    for article in articles:
        for block in article.blocks:
            photo = block.photo
            if photo is None or photo_bytes is None or markup.image_href(photo) in found:
                continue
            data = photo_bytes(photo.key)
            if data is None:
                continue
            if photo.mime not in markup.IMAGE_TYPES:
                data = _as_png(data)
                if data is None:
                    continue
            found[markup.image_href(photo)] = (markup.IMAGE_TYPES.get(photo.mime, ("png", "image/png"))[1], data)
    return found


def _as_png(data: bytes) -> bytes | None:
    import io

    from reader.photos.decode import ImageRefused, open_image

    try:
        image = open_image(data)
    except ImageRefused:
        return None
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _book_script(articles: Sequence[Presented], script: str) -> str:
    """The script the book is shown in: the one asked for, else the one all its articles share,
    else "mixed" (language zh; reader's own words in Traditional)."""
    if script != "original":
        return script
    shown = {a.script for a in articles}
    return shown.pop() if len(shown) == 1 and shown <= {"traditional", "simplified"} else "mixed"


def _groups(newest_first: Sequence[Presented], group_by: str, labels: dict[str, str]) -> list[tuple[str, list[Presented]]]:
    """The articles under their day or source, in the order of each group's newest article."""
    out: dict[str, list[Presented]] = {}
    for article in newest_first:
        if group_by == "date":
            key = (article.published or "")[:10] or labels["日期不詳"]
        else:
            key = markup.clean(article.source).strip() or labels["來源不詳"]
        out.setdefault(key, []).append(article)
    return list(out.items())


def _identifier(articles: Sequence[Presented], script: str) -> str:
    """urn:uuid of the selection: its articles (by address, headline and date, in any order) and script."""
    keys = sorted(markup.clean(f"{a.url or ''}\t{a.title}\t{a.published or ''}") for a in articles)
    return "urn:uuid:" + str(uuid.uuid5(_ID_NAMESPACE, script + "\n" + "\n".join(keys)))


def _span(articles: Sequence[Presented], labels: dict[str, str], count: bool) -> str:
    """The title page's line: from which day to which (and how many articles, when the title
    does not say)."""
    days = sorted({a.published[:10] for a in articles if a.published})
    when = "" if not days else days[0] if days[0] == days[-1] else f"{days[0]} – {days[-1]}"
    return " · ".join(p for p in (f"{len(articles)} {labels['篇']}" if count else "", when) if p)
