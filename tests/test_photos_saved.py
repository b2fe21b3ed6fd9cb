"""Photos of pages saved by real tools: headless Chromium's MHTML and wget's WARC of a page
served on loopback; each photo arrives with its caption and size."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from photo_pages import CAPTION, FIGCAPTION
from test_saved_pages import CHROMIUM, capture_mhtml, chromium

import web_pages
from reader.importer import import_paths
from reader.library import Library

EXPECTED = [(0, CAPTION, 640, 480), (2, FIGCAPTION, 500, 400)]


def _photos(tmp_path, path):
    with Library.open(tmp_path / "lib.db") as lib:
        report = import_paths(lib, [path], jobs=1)
        assert report.imported == 1 and not report.failed and not report.photos_refused, report
        [article_id] = lib.article_ids()
        return [(p.position, p.caption, p.width, p.height) for p in lib.photos(article_id)]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_an_mhtml_saved_by_chromium_brings_its_photos(tmp_path):
    with web_pages.serve() as base, chromium() as browser:
        saved = capture_mhtml(browser, base + web_pages.PHOTO_PAGE)
    path = tmp_path / "photos.mhtml"
    path.write_bytes(saved.encode("utf-8"))
    # the lazy-loaded photo2 (data-src, no script ran) was never fetched, so the file lacks it:
    # its caption stays as text and only photo1 comes with the page
    assert _photos(tmp_path, path) == EXPECTED[:1]


@pytest.mark.skipif(shutil.which("wget") is None, reason="wget is not installed (apt-get install wget)")
def test_a_warc_written_by_wget_brings_the_page_photos(tmp_path):
    with web_pages.serve() as base:
        # -p: the page's requisites (its <img src>; wget runs no script, so not the lazy photo2)
        subprocess.run(["wget", "-p", "-q", "-P", str(tmp_path / "site"), f"--warc-file={tmp_path / 'crawl'}",
                        base + web_pages.PHOTO_PAGE], timeout=60)
    assert _photos(tmp_path, tmp_path / "crawl.warc.gz") == EXPECTED[:1]


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed (Debian package pandoc)")
def test_an_epub_written_by_pandoc_brings_its_chapter_photo(tmp_path):
    from photo_pages import PARAGRAPHS, image_bytes

    (tmp_path / "photo1.jpg").write_bytes(image_bytes(640, 480))
    page = tmp_path / "story.html"
    page.write_text(f"<html><head><meta charset='utf-8'><title>公园游客增多</title></head><body><h1>公园游客增多</h1>"
                    f"<p>{PARAGRAPHS[0]}</p><figure><img src='photo1.jpg'><figcaption>{CAPTION}</figcaption></figure>"
                    f"<p>{PARAGRAPHS[1]}</p></body></html>", encoding="utf-8")
    book = tmp_path / "book.epub"
    subprocess.run(["pandoc", str(page), "-f", "html", "-o", str(book), f"--resource-path={tmp_path}"],
                   check=True, timeout=60, cwd=tmp_path)
    assert [(caption, w, h) for _, caption, w, h in _photos(tmp_path, book)] == [(CAPTION, 640, 480)]
