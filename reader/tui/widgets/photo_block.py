"""A photo where it stood in the article: the picture at the measure, its caption under it.

With photos off (``i``), or a photo whose image is not in the library, only one line stays,
``[照片] caption``, so the reader knows a photo was there. The caption is article text: cleaned
by ``terminal_safe`` and converted to the script being read by ``ArticleView`` (with the rest of
the text, in one call), wrapped by ``reader.linebreak`` in an ``ArticleText``.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.message import Message
from textual.widget import Widget

from reader.tui.widgets.article_text import ArticleText, Para
from reader.tui.widgets.photo_picture import Picture, make_picture


class PhotoBlock(Widget):
    """``PhotoBlock(position, photo, caption, label, shown, renderer)``: ``photo`` is the library's
    record (width, height) or None when its image is missing; ``label`` is 照片 in the shown script."""

    DEFAULT_CSS = """
    PhotoBlock { height: auto; margin: 1 0; }
    """

    class Chosen(Message):
        """The photo at ``position`` (its block's index in the article) was clicked."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, position: int, photo: Any | None, caption: str, label: str, shown: bool,
                 renderer: str = "halfblock") -> None:
        super().__init__()
        self.position = position
        self.photo = photo
        self.caption, self.label = caption, label
        self.shown = shown
        self.picture: Picture | None = None
        if photo is not None and photo.width > 0 and photo.height > 0 and renderer != "off":
            self.picture = make_picture(renderer, photo.width, photo.height)
        self.caption_text = ArticleText(self._caption_paras())

    def compose(self):
        if self.picture is not None:
            yield self.picture
        yield self.caption_text

    def on_mount(self) -> None:
        self._show()

    @property
    def drawn(self) -> bool:
        """The picture is on screen (photos on, and this one has an image)."""
        return self.shown and self.picture is not None

    def _caption_paras(self) -> list[Para]:
        if self.drawn:
            return [Para("caption", self.caption)] if self.caption else []
        return [Para("caption", f"[{self.label}] {self.caption}".rstrip())]

    def _show(self) -> None:
        if self.picture is not None:
            self.picture.display = self.shown
        paras = self._caption_paras()
        self.caption_text.set_paras(paras)
        self.caption_text.display = bool(paras)

    def set_shown(self, shown: bool) -> None:
        if shown != self.shown:
            self.shown = shown
            self._show()

    def set_caption(self, caption: str, label: str) -> None:
        """The caption in another script."""
        self.caption, self.label = caption, label
        self._show()

    def set_source(self, image: Any | None) -> None:
        """The decoded image (from a worker): the picture scales it to its cells. None: it could
        not be read or decoded, and the caption line stands for it."""
        if self.picture is None:
            return
        if image is None:
            self.picture.remove()
            self.picture = None
            self._show()
            return
        self.picture.set_source(image)

    def on_click(self, event: events.Click) -> None:
        if self.drawn:
            self.post_message(self.Chosen(self.position))
