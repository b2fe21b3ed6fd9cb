"""One photo, large (``I`` or a click): scaled to the screen, its caption below; ``n``/``→`` and
``p``/``←`` step through the article's photos, Esc closes.

The bytes are read and decoded in a thread worker (``reader.photos.decode.open_image``, at most
the screen's size), the picture keeps its space meanwhile; a photo decoded once is kept while
the screen is open, so stepping back or resizing the terminal does not decode it again.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from reader.tui.photo_decoding import decode
from reader.tui.widgets.article_text import ArticleText, Para
from reader.tui.widgets.photo_picture import Picture, make_picture

CHROME_ROWS = 4  # the key line, a blank row and room for a caption under the picture, at least


class PhotoScreen(Screen[None]):
    """``PhotoScreen(photos, index, renderer)``: ``photos`` are (library record, caption as shown)."""

    BINDINGS = [
        Binding("escape,q,I", "close", "Close"),
        Binding("n,right,j,down", "step(1)", "Next photo"),
        Binding("p,left,k,up", "step(-1)", "Previous photo"),
    ]

    class Decoded(Message):
        def __init__(self, index: int, image: Any | None) -> None:
            super().__init__()
            self.index, self.image = index, image

    def __init__(self, photos: list[tuple[Any, str]], index: int = 0, renderer: str = "halfblock") -> None:
        super().__init__()
        self.photos = photos
        self.index = index
        self.renderer = renderer
        self.picture: Picture | None = None
        self.caption = ArticleText([])
        self.decoded: dict[int, Any] = {}  # index -> image

    def compose(self) -> ComposeResult:
        with Vertical(id="photo-frame"):
            yield Center(id="photo-picture")
            yield self.caption
        yield Static("", id="photo-keys", markup=False)

    async def on_mount(self) -> None:
        await self._show()

    async def on_resize(self) -> None:
        if self.picture is not None:
            await self._show()  # fitted to the new size

    async def _show(self) -> None:
        photo, caption = self.photos[self.index]
        if self.picture is not None:
            await self.picture.remove()
        self.caption.set_paras([Para("caption", caption)] if caption else [])
        caption_rows = len(self.caption.layout_lines(max(1, self.size.width - 4)))
        max_rows = max(4, self.size.height - CHROME_ROWS - caption_rows)
        self.picture = make_picture(self.renderer, photo.width, photo.height, max_rows)
        await self.query_one("#photo-picture", Center).mount(self.picture)
        where = f"{self.index + 1} of {len(self.photos)} · " if len(self.photos) > 1 else ""
        steps = "n → next · p ← previous · " if len(self.photos) > 1 else ""
        self.query_one("#photo-keys", Static).update(Text(f"{where}{steps}Esc closes"))
        if self.index in self.decoded:
            self.picture.set_source(self.decoded[self.index])
            return
        cell_w, cell_h = self.picture.cell
        self._load(self.index, photo.key, max(self.size.width * cell_w, max_rows * cell_h))

    @work(thread=True, exclusive=True, group="photo-large")
    def _load(self, index: int, key: str, bound: int) -> None:
        try:
            raw = self.app.gateway.call(lambda lib: lib.photo_bytes(key))
        except Exception:  # noqa: BLE001 - said on the screen
            raw = None
        self.post_message(self.Decoded(index, decode(raw, bound)))

    def on_photo_screen_decoded(self, message: "PhotoScreen.Decoded") -> None:
        if message.image is None:
            if message.index == self.index:
                self.notify("This photo cannot be shown (missing or not a readable image).", severity="warning")
            return
        self.decoded[message.index] = message.image
        if message.index == self.index and self.picture is not None:
            self.picture.set_source(message.image)

    async def action_step(self, delta: int) -> None:
        if len(self.photos) > 1:
            self.index = (self.index + delta) % len(self.photos)
            await self._show()

    def action_close(self) -> None:
        self.dismiss(None)
