"""The library screen's photos (a mixin of LibraryScreen): loading them, ``i`` and ``I``.

An article opens with its text and each photo's space (sizes come with the article); a thread
worker then reads each photo's bytes from the library and decodes them with
``reader.photos.decode.open_image`` (Pillow under size limits: decompression bombs refused),
top photo first, and hands the images down to the pane. ``i`` turns photos off and on (captions
stay; remembered); ``I``, or a click on a photo, opens it large (reader/tui/screens/photo.py).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from textual import work
from textual.worker import get_current_worker

from reader.tui import data
from reader.tui.messages import PhotoDecoded
from reader.tui.photo_decoding import decode
from reader.tui.widgets.photo_block import PhotoBlock

# Decoded images are kept no larger than this (pixels, the longer side): enough for any measure
# in half blocks (120 cells x 40 pixels at most), and for Kitty/Sixel at ~10 pixels a cell.
SOURCE_BOUND = {"halfblock": 480}
GRAPHIC_SOURCE_BOUND = 1600
DECODERS = 3  # photos decoded at once


class ReadingPhotos:
    """Needs ``article_view``, ``app.gateway``, ``app.settings``/``save_setting``, ``app.photo_renderer``."""

    @property
    def photos_shown(self) -> bool:
        return self.app.photo_renderer != "off" and self.app.settings.get(data.PHOTOS) is not False

    def restore_photos(self) -> None:
        view = self.article_view
        view.photo_renderer, view.photos_shown = self.app.photo_renderer, self.photos_shown

    def start_photos(self, article: Any) -> None:
        """Decode the open article's photos not decoded yet (after its text was painted), if shown."""
        view = self.article_view
        if article is not view.article or not view.photos_shown:
            return
        pending = [view.photos[block.position] for block in view.photo_blocks if block.waiting]
        if pending:
            self.load_photos(article, pending)

    @work(thread=True, exclusive=True, group="photos")
    def load_photos(self, article: Any, photos: list[Any]) -> None:
        """Bytes from the library one photo at a time (its reading thread), decoded by a few
        threads at once (Pillow lets go of the GIL while it decodes), handed down in order."""
        worker = get_current_worker()
        bound = SOURCE_BOUND.get(self.app.photo_renderer, GRAPHIC_SOURCE_BOUND)
        decoders = ThreadPoolExecutor(DECODERS, thread_name_prefix="reader-photo")
        try:
            pending = []
            for photo in photos:
                if worker.is_cancelled:
                    return
                try:
                    raw = self.app.gateway.call(lambda lib, key=photo.key: lib.photo_bytes(key))
                except Exception:  # noqa: BLE001 - a photo not read shows as its caption
                    raw = None
                pending.append((photo.position, decoders.submit(decode, raw, bound)))
            for position, image in pending:
                if worker.is_cancelled:
                    return
                self.post_message(PhotoDecoded(article, position, image.result()))
        finally:
            decoders.shutdown(wait=False, cancel_futures=True)  # another article opened: its photos first

    def on_photo_decoded(self, message: PhotoDecoded) -> None:
        self.article_view.set_photo_source(message.article, message.position, message.image)

    def action_toggle_photos(self) -> None:
        if self.app.photo_renderer == "off":
            self.notify("Photos are off for this run (READER_PHOTOS=off).")
            return
        shown = not self.photos_shown
        self.app.settings[data.PHOTOS] = shown
        self.app.save_setting(data.PHOTOS, shown)
        view = self.article_view
        view.set_photos_shown(shown)
        self.notify("Photos on." if shown else "Photos off: captions only.", timeout=1.5)
        if shown and view.article is not None:
            self.start_photos(view.article)

    def action_photo(self) -> None:
        position = self.article_view.photo_in_view()
        if position is None:
            self.notify("No photo to show." if self.photos_shown else "Photos are off (i turns them on).")
            return
        self.open_photo(position)

    def on_photo_block_chosen(self, message: PhotoBlock.Chosen) -> None:
        self.open_photo(message.position)

    def open_photo(self, position: int) -> None:
        from reader.tui.screens.photo import PhotoScreen

        view = self.article_view
        shown = [(view.photos[block.position], block.caption) for block in view.photo_blocks if block.drawn]
        at = next((n for n, (photo, _) in enumerate(shown) if photo.position == position), 0)
        self.app.push_screen(PhotoScreen(shown, at, self.app.photo_renderer))
