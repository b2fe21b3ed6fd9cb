"""Article photos: found in the article body, resolved from the bundle, decoded under limits,
stored once, kept by reindex, listed by ``show``."""

from __future__ import annotations

import base64
import json

import pytest
from photo_pages import CAPTION, FIGCAPTION, bomb_png, image_bytes, page_html, write_page_folder
from test_library_support import run_reader

from reader.importer import DocumentPreparer, import_paths
from reader.library import Library
from reader.photos.decode import ImageRefused, inspect_image, open_image


@pytest.fixture
def lib(tmp_path):
    library = Library.open(tmp_path / "lib.db")
    yield library
    library.close()


def _only_article(lib):
    [article_id] = lib.article_ids()
    return article_id, lib.get(article_id), lib.photos(article_id)


def test_the_body_photos_arrive_with_captions_and_sizes_and_the_furniture_does_not(lib, tmp_path):
    report = import_paths(lib, [write_page_folder(tmp_path / "saved")], jobs=1)
    assert (report.imported, report.failed, report.photos_refused) == (1, [], [])
    article_id, article, photos = _only_article(lib)
    assert [b.kind for b in article.blocks] == ["photo", "paragraph", "photo", "paragraph"]
    assert [(p.position, p.caption, p.width, p.height, p.mime) for p in photos] == [
        (0, CAPTION, 640, 480, "image/jpeg"), (2, FIGCAPTION, 500, 400, "image/jpeg")]
    assert article.blocks[2].src == "page_files/photo2.jpg"  # the lazy-load address, not the placeholder
    assert lib.photo_bytes(photos[0].key) == (tmp_path / "saved/page_files/photo1.jpg").read_bytes()
    assert lib.photo_bytes("0" * 64) is None
    # logo, 1x1 tracker, QR code and share icon: never stored
    assert lib.db.execute("SELECT count(*) FROM images").fetchone()[0] == 2
    # captions are text (body, search) but not reading time's
    assert CAPTION in article.body and lib.search("散步")


def test_a_decompression_bomb_is_refused_with_a_report_and_the_article_goes_in(lib, tmp_path):
    folder = write_page_folder(tmp_path / "saved", photo2=bomb_png())
    report = import_paths(lib, [folder], jobs=1)
    assert report.imported == 1 and report.failed == []
    [(file, reason)] = report.photos_refused
    assert file.endswith("page.html") and "photo2.jpg" in reason and "decompression bomb" in reason
    _, article, photos = _only_article(lib)
    assert [p.caption for p in photos] == [CAPTION]
    # the refused photo's caption stays as text
    assert [b.kind for b in article.blocks] == ["photo", "paragraph", "photo", "paragraph"]


def test_the_cli_reports_a_refused_photo_in_one_line(tmp_path):
    folder = write_page_folder(tmp_path / "saved", photo1=b"not an image at all")
    result = run_reader("import", str(folder), db=tmp_path / "lib.db")
    assert result.returncode == 0, result.stderr
    assert "photo left out:" in result.stdout and "photo1.jpg refused: not an image" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_reimport_is_idempotent_and_an_image_is_stored_once(lib, tmp_path):
    same = image_bytes(640, 480)
    import_paths(lib, [write_page_folder(tmp_path / "a", photo1=same)], jobs=1)
    import_paths(lib, [write_page_folder(tmp_path / "a", photo1=same)], jobs=1)  # the same bundle again
    other_page = page_html().replace("公园游客增多", "公园里人多").replace("新华社北京", "本报讯，北京")
    import_paths(lib, [write_page_folder(tmp_path / "b", photo1=same, html=other_page)], jobs=1)
    assert len(lib.article_ids()) == 2
    assert lib.db.execute("SELECT count(*) FROM images").fetchone()[0] == 2  # photo1 shared, photo2 identical too
    assert lib.db.execute("SELECT count(*) FROM document_images").fetchone()[0] == 4
    assert lib.check() == []


def test_reindex_keeps_the_photos_without_the_bundle(lib, tmp_path):
    import shutil

    folder = write_page_folder(tmp_path / "saved")
    import_paths(lib, [folder], jobs=1)
    before = lib.photos(lib.article_ids()[0])
    shutil.rmtree(folder)
    preparer = DocumentPreparer(jobs=1)
    try:
        report = lib.reindex(preparer.prepared)
    finally:
        preparer.close()
    assert report["updated"] == 1
    assert lib.photos(lib.article_ids()[0]) == before and len(before) == 2


def test_images_go_with_the_last_document_showing_them(lib, tmp_path):
    import_paths(lib, [write_page_folder(tmp_path / "saved")], jobs=1)
    lib.db.execute("DELETE FROM bundles")
    assert lib.db.execute("SELECT count(*) FROM images").fetchone()[0] == 0


def test_a_remote_photo_keeps_its_caption_and_a_captionless_one_goes(lib, tmp_path):
    html = page_html(photo1="https://img.example.com/remote.jpg").replace(
        "{extra}", "").replace("<p>责任编辑", '<p><img src="https://img.example.com/other.jpg"></p><p>责任编辑')
    import_paths(lib, [write_page_folder(tmp_path / "saved", html=html)], jobs=1)
    _, article, photos = _only_article(lib)
    assert [(b.kind, b.text) for b in article.blocks][0] == ("photo", CAPTION)  # shown as its caption
    assert [p.caption for p in photos] == [FIGCAPTION]
    assert not any(b.src == "https://img.example.com/other.jpg" for b in article.blocks)


def test_singlefile_data_uri_photos(lib, tmp_path):
    data = image_bytes(400, 300, "PNG")
    uri = "data:image/png;base64," + base64.b64encode(data).decode()
    folder = tmp_path / "single"
    folder.mkdir()
    (folder / "page.html").write_text(page_html(photo1=uri, photo2="https://img.example.com/x.jpg"), encoding="utf-8")
    import_paths(lib, [folder], jobs=1)
    _, article, photos = _only_article(lib)
    assert [(p.caption, p.width, p.mime) for p in photos] == [(CAPTION, 400, "image/png")]
    assert len(article.blocks[0].src) < 100  # the page's bytes are not copied into the blocks
    assert lib.photo_bytes(photos[0].key) == data


def test_show_lists_photos_in_json_and_as_lines(tmp_path):
    db = tmp_path / "lib.db"
    with Library.open(db) as lib:
        import_paths(lib, [write_page_folder(tmp_path / "saved")], jobs=1)
    data = json.loads(run_reader("show", "1", "--json", db=db).stdout)
    assert data["photos"] == [
        {"position": 0, "caption": CAPTION, "width": 640, "height": 480, "mime": "image/jpeg"},
        {"position": 2, "caption": FIGCAPTION, "width": 500, "height": 400, "mime": "image/jpeg"},
    ]
    assert data["blocks"][0] == {"kind": "photo", "text": CAPTION, "src": "page_files/photo1.jpg"}
    shown = run_reader("show", "1", "--script", "traditional", db=db).stdout
    assert "[照片 640×480] 圖為市民在公園裡散步。（新華社記者張三攝）" in shown


def test_decoding_refuses_bombs_junk_and_unlisted_formats():
    assert inspect_image(image_bytes(300, 200)).mime == "image/jpeg"
    for bad, why in ((bomb_png(), "decompression bomb"), (b"hello", "not an image"),
                     (image_bytes(300, 200)[:200], "unreadable image|does not decode"), (image_bytes(300, 200, "TIFF"), "not an image")):
        with pytest.raises(ImageRefused, match=why):
            inspect_image(bad)
    assert open_image(image_bytes(300, 200, "GIF")).size == (300, 200)
