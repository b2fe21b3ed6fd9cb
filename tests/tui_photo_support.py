"""A library holding an article with photos, for the TUI's photo tests: small deterministic images
drawn with Pillow."""

from __future__ import annotations

import io
import sys
import types
from dataclasses import dataclass
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


# ---- stand-in for photos-core's API until it is merged ---------------------------------------


@dataclass(frozen=True)
class Photo:
    position: int
    caption: str
    width: int
    height: int
    mime: str
    key: str


IMAGES = {"sky-1": (picture(320, 200, 0), 320, 200), "sky-2": (picture(240, 240, 60), 240, 240)}


class PhotoLibrary:
    """A Library with photos() and photo_bytes() for the photo article."""

    def __init__(self, lib: Library) -> None:
        self._lib = lib

    def __getattr__(self, name):
        return getattr(self._lib, name)

    def photos(self, article_id: int) -> list[Photo]:
        article = self._lib.get(article_id)
        keys = iter(IMAGES)
        out = []
        for position, block in enumerate(article.blocks):
            if block.kind == "photo":
                key = next(keys)
                _, width, height = IMAGES[key]
                out.append(Photo(position, block.text, width, height, "image/png", key))
        return out

    def photo_bytes(self, key: str) -> bytes | None:
        return IMAGES[key][0] if key in IMAGES else None


def install_decoder() -> None:
    if "reader.photos.decode" in sys.modules:
        return
    try:
        import reader.photos.decode  # noqa: F401
    except ImportError:
        module = types.ModuleType("reader.photos.decode")

        def open_image(data: bytes):
            image = Image.open(io.BytesIO(data))
            image.load()
            return image

        module.open_image = open_image
        sys.modules["reader.photos.decode"] = module


def opener(path: Path) -> PhotoLibrary:
    return PhotoLibrary(Library.open(path))


def photo_library(path: Path) -> Path:
    install_decoder()
    build_library(path, extra=[photo_article()])
    return path
