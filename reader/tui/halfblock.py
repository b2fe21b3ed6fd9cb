"""Pictures in any terminal: each cell an upper half block (▀) whose foreground is one pixel and
background the pixel under it. Pure (Pillow and Rich, no Textual), so it runs in thread workers.

A terminal cell is about twice as tall as wide, so two pixels stacked in one cell are square:
an image drawn ``cols`` cells wide is resized to ``cols`` × ``2 * rows`` pixels.
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style

HALF_BLOCK_CELL = (1, 2)  # a cell's pixels (width, height) in half-block drawing
UPPER_HALF = "\u2580"


def fit(width: int, height: int, max_cols: int, max_rows: int, cell: tuple[int, int] = HALF_BLOCK_CELL) -> tuple[int, int]:
    """The cells (cols, rows) a ``width`` × ``height`` pixel image takes at most ``max_cols`` ×
    ``max_rows``, aspect kept, never enlarged past one image pixel per cell pixel.

    ``cell`` is a cell's size in pixels: (1, 2) for half blocks, the terminal's for Kitty/Sixel."""
    if width <= 0 or height <= 0 or max_cols <= 0 or max_rows <= 0:
        return 0, 0
    cell_w, cell_h = cell
    cols = min(max_cols, max(1, -(-width // cell_w)))
    rows = max(1, round(cols * cell_w * height / width / cell_h))
    if rows > max_rows:
        rows = max_rows
        cols = max(1, min(max_cols, round(rows * cell_h * width / height / cell_w)))
    return cols, rows


def flatten(image, background: tuple[int, int, int]):
    """``image`` as RGB, any transparency laid over ``background`` (the pane's colour)."""
    from PIL import Image

    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        ground = Image.new("RGBA", rgba.size, background + (255,))
        return Image.alpha_composite(ground, rgba).convert("RGB")
    return image.convert("RGB")


def rows_of(image, cols: int, rows: int, background: tuple[int, int, int] = (0, 0, 0)) -> list[list[Segment]]:
    """``image`` drawn in ``cols`` × ``rows`` cells: one list of segments per row, neighbouring
    cells of the same two colours merged into one segment."""
    from PIL import Image

    pixels = flatten(image, background).resize((cols, 2 * rows), Image.Resampling.LANCZOS)
    data = pixels.load()
    styles: dict[tuple, Style] = {}
    out: list[list[Segment]] = []
    for y in range(rows):
        line: list[Segment] = []
        run, run_key = 0, None
        for x in range(cols):
            key = (data[x, 2 * y], data[x, 2 * y + 1])
            if key != run_key and run:
                line.append(Segment(UPPER_HALF * run, styles[run_key]))
                run = 0
            if key not in styles:
                top, bottom = key
                styles[key] = Style(color=Color.from_rgb(*top), bgcolor=Color.from_rgb(*bottom))
            run_key = key
            run += 1
        if run:
            line.append(Segment(UPPER_HALF * run, styles[run_key]))
        out.append(line)
    return out
