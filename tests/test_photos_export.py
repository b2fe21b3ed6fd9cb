"""Photos in exports: EPUB figures that epubcheck passes, and bundles that bring the photos back
when imported again."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from photo_pages import CAPTION, FIGCAPTION, image_bytes, write_page_folder
from test_export_epub import chapters, epubcheck
from test_library_support import run_reader

from reader.importer import import_paths
from reader.library import Library

XHTML = "{http://www.w3.org/1999/xhtml}"


def _library_with_photos(tmp_path, **photos):
    db = tmp_path / "lib.db"
    with Library.open(db) as lib:
        report = import_paths(lib, [write_page_folder(tmp_path / "saved", **photos)], jobs=1)
        assert report.imported == 1
    return db


def test_an_epub_with_photos_passes_epubcheck_with_figures_and_manifest_items(tmp_path):
    # photo2 a BMP: no EPUB core media type, so it goes in as PNG
    db = _library_with_photos(tmp_path, photo2=image_bytes(500, 400, "BMP"))
    book = tmp_path / "book.epub"
    result = run_reader("export", "--format", "epub", "-o", str(book), db=db)
    assert result.returncode == 0, result.stderr
    epubcheck(book)
    with zipfile.ZipFile(book) as z:
        images = sorted(n for n in z.namelist() if n.startswith("EPUB/images/"))
        package = z.read("EPUB/package.opf").decode()
    assert [n.rsplit(".", 1)[1] for n in images] == sorted(["jpg", "png"])
    assert all(n.removeprefix("EPUB/") in package for n in images)
    [chapter] = [doc for name, doc in chapters(book).items() if name.startswith("EPUB/text/")]
    figures = chapter.findall(f".//{XHTML}figure")
    assert [f.find(f"{XHTML}figcaption").text for f in figures] == [CAPTION, FIGCAPTION]
    assert [f.find(f"{XHTML}img").get("alt") for f in figures] == [CAPTION, FIGCAPTION]


def test_a_bundle_export_imports_again_with_its_photos(tmp_path):
    db = _library_with_photos(tmp_path)
    with Library.open(db) as lib:
        [article_id] = lib.article_ids()
        before = lib.photos(article_id)
    out = tmp_path / "out.zip"
    assert run_reader("export", "--format", "bundle", "-o", str(out), db=db).returncode == 0
    with zipfile.ZipFile(out) as z:
        assert "articles/page_files/photo1.jpg" in z.namelist()
    with Library.open(tmp_path / "friend.db") as friend:
        report = import_paths(friend, [out], jobs=1)
        assert report.imported == 1 and not report.photos_refused
        [friend_id] = friend.article_ids()
        assert friend.photos(friend_id) == before


def test_the_phone_pages_show_photos_under_the_token_only(tmp_path):
    from test_serve import request

    from reader.serve.server import Running

    db = _library_with_photos(tmp_path)
    with Library.open(db) as lib:
        [article_id] = lib.article_ids()
        first = lib.photos(article_id)[0]
    running = Running(db, "127.0.0.1", 0).start()
    try:
        response, page = request(running, f"/a/{article_id}")
        assert response.status == 200 and f'<img src="/photo/{first.key}" alt="{CAPTION}"' in page
        assert f"<figcaption>{CAPTION}</figcaption>" in page
        response, _ = request(running, f"/photo/{first.key}")
        assert response.status == 200 and response.getheader("Content-Type") == "image/jpeg"
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert request(running, f"/photo/{first.key}", cookie=False)[0].status == 403
        assert request(running, "/photo/" + "0" * 64)[0].status == 404
        assert request(running, "/photo/../" + first.key)[0].status == 404
    finally:
        running.stop()


@pytest.mark.skipif(shutil.which("wget") is None, reason="wget is not installed (apt-get install wget)")
def test_a_bundle_export_of_a_saved_web_archive_carries_its_photo_by_the_manifest(tmp_path):
    """A page from wget's WARC names its photo by absolute URL: the bundle holds the image as
    images/<sha256>.jpg and the article's manifest entry maps the address to it (1.2)."""
    import json as json_module
    import subprocess

    import web_pages

    with web_pages.serve() as base:
        subprocess.run(["wget", "-p", "-q", "-P", str(tmp_path / "site"), f"--warc-file={tmp_path / 'crawl'}",
                        base + web_pages.PHOTO_PAGE], timeout=60)
    db = tmp_path / "lib.db"
    with Library.open(db) as lib:
        assert import_paths(lib, [tmp_path / "crawl.warc.gz"], jobs=1).imported == 1
        [article_id] = lib.article_ids()
        before = lib.photos(article_id)
    assert len(before) == 1
    out = tmp_path / "out.zip"
    assert run_reader("export", "--format", "bundle", "-o", str(out), db=db).returncode == 0
    with zipfile.ZipFile(out) as z:
        manifest = json_module.loads(z.read("manifest.json"))
        [placed] = manifest["articles"][0]["images"].values()
        assert manifest["version"] == "1.2" and placed == f"images/{before[0].key}.jpg" and placed in z.namelist()
    with Library.open(tmp_path / "friend.db") as friend:
        report = import_paths(friend, [out], jobs=1)
        assert report.imported == 1 and not report.photos_refused and not report.failed
        [friend_id] = friend.article_ids()
        assert friend.photos(friend_id) == before
