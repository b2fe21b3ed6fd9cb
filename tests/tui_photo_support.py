"""A library holding an article with photos, for the TUI's photo tests: small deterministic images
drawn with Pillow."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

from reader.library import Library
from reader.model import Article, Block

from test_tui_support import build_library

PHOTO_TITLE = "江門新橋通車 市民踴躍參觀"
CAPTIONS = ("▲新橋全長八百米，橫跨西江。（記者陳明攝）", "通車當日，市民在橋上拍照留念。")
AFTER_PHOTO = "大橋管理處表示，橋面將在夜間亮燈，方便市民散步觀景。"


def picture(width: int, height: int, hue: int) -> bytes:
    """A PNG: a sky, a river and a sun, in colours set by ``hue`` (the same bytes every run)."""
    image = Image.new("RGB", (width, height), (40 + hue, 120, 200))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(20, 60 + hue, 90))
    draw.ellipse((width // 8, height // 8, width // 3, height // 3 + width // 5), fill=(250, 210, 60))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def photo_article() -> Article:
    return Article(
        title=PHOTO_TITLE,
        blocks=[
            Block("paragraph", "江門市西江新橋今日正式通車，連接蓬江與江海兩區，市民可步行或騎車過橋。"),
            Block("photo", CAPTIONS[0]),
            Block("paragraph", AFTER_PHOTO),
            Block("photo", CAPTIONS[1]),
            Block("paragraph", "市交通局提醒，通車初期車流較多，請駕駛人士耐心等候。"),
        ],
        published="2021-12-10",
        source="江門日報",
    )


def photo_page() -> str:
    """The photo article as a saved page: its photos in ``<figure>``s beside their paragraphs."""
    article = photo_article()
    parts = []
    images = iter(IMAGES)
    for block in article.blocks:
        if block.kind == "photo":
            parts.append(f'<figure><img src="jiangmen_files/{next(images)}.png"><figcaption>{block.text}</figcaption></figure>')
        else:
            parts.append(f"<p>{block.text}</p>")
    return (f'<html><head><meta charset="utf-8"><title>{article.title}_江門日報</title></head><body>'
            f'<div class="article"><h1>{article.title}</h1><p>{article.published} 來源：{article.source}</p>'
            + "".join(parts) + "</div></body></html>")


IMAGES = {"sky-1": (picture(320, 200, 0), 320, 200), "sky-2": (picture(240, 240, 60), 240, 240)}


def opener(path: Path) -> Library:
    return Library.open(path)


def photo_library(path: Path) -> Path:
    """The TUI test library plus the photo article, imported as a browser's saved page (the page
    and its ``jiangmen_files/``) through the real import: the photos are stored images."""
    from reader.importer import import_paths

    build_library(path)
    bundle = path.parent / f"{path.stem}-saved-page"
    files = bundle / "jiangmen_files"
    files.mkdir(parents=True, exist_ok=True)
    for name, (data, _, _) in IMAGES.items():
        (files / f"{name}.png").write_bytes(data)
    (bundle / "jiangmen.html").write_text(photo_page(), encoding="utf-8")
    with Library.open(path) as lib:
        report = import_paths(lib, [bundle], jobs=1)
        assert report.imported == 1 and not report.failed, report
        (article_id,) = [s.id for s in lib.list_articles(None, limit=100) if s.title == PHOTO_TITLE]
        assert [p.width for p in lib.photos(article_id)] == [320, 240]
    return path
