"""A photo's pixels in terminal cells: half blocks drawn here, or Kitty/Sixel by textual-image.

The size comes from the photo's stored width and height (``reader.tui.halfblock.fit``), so the
space is kept from the first paint, before any byte is decoded: scroll positions do not jump
when the picture arrives. The decoded image comes down (``set_source``); scaling it to the cells
runs in a thread worker, never on the UI thread. A picture is reused for the next article's
photo (``set_photo``): what a worker scaled for the photo before is not drawn.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual import work
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from reader.tui.halfblock import HALF_BLOCK_CELL, fit, rows_of

INLINE_MAX_ROWS = 20  # a photo in the article is at most this many rows tall


class Picture(Widget):
    """The cells of one photo; a muted box until its pixels are ready."""

    COMPONENT_CLASSES = {"photo-picture--placeholder"}

    DEFAULT_CSS = """
    Picture { width: auto; height: auto; }
    """

    def __init__(self, width: int = 0, height: int = 0, max_rows: int = INLINE_MAX_ROWS,
                 cell: tuple[int, int] = HALF_BLOCK_CELL) -> None:
        super().__init__()
        self.pixels = (width, height)
        self.max_rows = max_rows
        self.cell = cell
        self.source: Any = None  # a PIL image, decoded by a worker
        self.generation = 0  # which photo and image the cells are made for

    def set_photo(self, width: int, height: int) -> None:
        """Show another photo (its stored size); its image follows."""
        self.pixels, self.source = (width, height), None
        self.generation += 1
        self.forget()
        self.refresh(layout=True)

    def forget(self) -> None:
        """Drop the cells made for the photo before (subclasses)."""

    def cells(self, width: int) -> tuple[int, int]:
        return fit(*self.pixels, width, self.max_rows, self.cell)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.cells(container.width)[0]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.cells(width)[1]

    def set_source(self, image: Any) -> None:
        self.source = image
        self.generation += 1
        self.draw()

    def on_resize(self) -> None:
        self.draw()

    def draw(self) -> None:
        """Make the pixels for the current size (subclasses)."""


class HalfBlockPicture(Picture):
    """▀ cells: one pixel in the foreground colour over one in the background colour."""

    class Scaled(Message):
        def __init__(self, generation: int, size: tuple[int, int], lines: list[list[Segment]]) -> None:
            super().__init__()
            self.generation, self.size, self.lines = generation, size, lines

    def __init__(self, width: int = 0, height: int = 0, max_rows: int = INLINE_MAX_ROWS) -> None:
        super().__init__(width, height, max_rows)
        self._lines: tuple[int, tuple[int, int], list[list[Segment]]] | None = None  # generation, size, lines

    def forget(self) -> None:
        self._lines = None

    @property
    def ready(self) -> bool:
        return self._lines is not None and self._lines[:2] == (self.generation, tuple(self.content_size))

    def draw(self) -> None:
        cols, rows = self.content_size
        if self.source is None or not cols or not rows or self.ready:
            return
        background = self.background_colors[1].rgb
        self._scale(self.generation, self.source, cols, rows, background)

    @work(thread=True, exclusive=True, group="photo-scale")
    def _scale(self, generation: int, image: Any, cols: int, rows: int, background: tuple[int, int, int]) -> None:
        self.post_message(self.Scaled(generation, (cols, rows), rows_of(image, cols, rows, background)))

    def on_half_block_picture_scaled(self, message: "HalfBlockPicture.Scaled") -> None:
        message.stop()
        if message.generation == self.generation and message.size == tuple(self.content_size):
            self._lines = (message.generation, message.size, message.lines)
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        if self._lines is not None and self._lines[1] == tuple(self.content_size) and y < len(self._lines[2]):
            return Strip(self._lines[2][y], width)
        return Strip.blank(width, self.get_component_rich_style("photo-picture--placeholder"))


class GraphicPicture(Picture):
    """Kitty graphics or Sixel, drawn by textual-image (probed before the app started)."""

    class Scaled(Message):
        def __init__(self, generation: int, image: Any) -> None:
            super().__init__()
            self.generation, self.image = generation, image

    def __init__(self, protocol: str, cell: tuple[int, int], width: int = 0, height: int = 0,
                 max_rows: int = INLINE_MAX_ROWS) -> None:
        super().__init__(width, height, max_rows, cell)
        self.protocol = protocol  # kitty | sixel
        self._shown: Widget | None = None

    def forget(self) -> None:
        if self._shown is not None:
            self._shown.remove()
            self._shown = None

    def draw(self) -> None:
        cols, rows = self.content_size
        if self.source is not None and cols and rows:
            self._scale(self.generation, self.source, cols * self.cell[0], rows * self.cell[1])

    @work(thread=True, exclusive=True, group="photo-scale")
    def _scale(self, generation: int, image: Any, width: int, height: int) -> None:
        """The pixels textual-image will send, at their final size, so it only encodes them."""
        from PIL import Image

        self.post_message(self.Scaled(generation, image.resize((width, height), Image.Resampling.LANCZOS)))

    async def on_graphic_picture_scaled(self, message: "GraphicPicture.Scaled") -> None:
        message.stop()
        if message.generation != self.generation:
            return
        from textual_image.widget import SixelImage, TGPImage

        if self._shown is not None:
            await self._shown.remove()
        self._shown = (TGPImage if self.protocol == "kitty" else SixelImage)(message.image)
        self._shown.styles.width, self._shown.styles.height = self.content_size
        await self.mount(self._shown)

    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.content_size.width, self.get_component_rich_style("photo-picture--placeholder"))


def make_picture(renderer: str, width: int = 0, height: int = 0, max_rows: int = INLINE_MAX_ROWS) -> Picture:
    """The picture for the run's renderer (``reader.tui.photo_mode.renderer``)."""
    if renderer in ("kitty", "sixel"):
        from textual_image.widget import get_cell_size

        cell = get_cell_size()
        return GraphicPicture(renderer, (cell.width, cell.height), width, height, max_rows)
    return HalfBlockPicture(width, height, max_rows)
