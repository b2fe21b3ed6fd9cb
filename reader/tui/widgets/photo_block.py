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
    """A place for a photo between two sections of the pane, reused from article to article
    (mounting costs more than drawing): ``show_photo`` fills it, ``clear`` empties it."""

    DEFAULT_CSS = """
    PhotoBlock { height: auto; margin: 1 0; }
    """

    class Chosen(Message):
        """The photo at ``position`` (its block's index in the article) was clicked."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, renderer: str = "halfblock") -> None:
        super().__init__()
        self.position = -1
        self.caption, self.label = "", ""
        self.shown = True
        self.has_image = False  # the library has an image for it that decoded (so far)
        self.picture: Picture | None = None if renderer == "off" else make_picture(renderer)
        self.caption_text = ArticleText([])

    def compose(self):
        if self.picture is not None:
            yield self.picture
        yield self.caption_text

    def on_mount(self) -> None:
        self._show()

    def show_photo(self, position: int, photo: Any | None, caption: str, label: str, shown: bool) -> None:
        """The photo at block ``position``: ``photo`` is the library's record (width, height), or
        None when its image is missing; ``label`` is 照片 in the shown script."""
        self.position, self.caption, self.label, self.shown = position, caption, label, shown
        self.has_image = self.picture is not None and photo is not None and photo.width > 0 and photo.height > 0
        if self.picture is not None:
            self.picture.set_photo(photo.width, photo.height) if self.has_image else self.picture.set_photo(0, 0)
        self._show()

    @property
    def drawn(self) -> bool:
        """The picture is on screen (photos on, and this one has an image)."""
        return self.shown and self.has_image

    @property
    def waiting(self) -> bool:
        """Drawn, and its image not decoded yet."""
        return self.drawn and self.picture.source is None

    def _caption_paras(self) -> list[Para]:
        if self.drawn:
            return [Para("caption", self.caption)] if self.caption else []
        return [Para("caption", f"[{self.label}] {self.caption}".rstrip())]

    def _show(self) -> None:
        if self.picture is not None:
            self.picture.display = self.drawn
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
        if not self.has_image:
            return
        if image is None:
            self.has_image = False
            self._show()
            return
        self.picture.set_source(image)

    def on_click(self, event: events.Click) -> None:
        if self.drawn:
            self.post_message(self.Chosen(self.position))
