"""How the reader draws photos: ``READER_PHOTOS`` and what the terminal answers.

``READER_PHOTOS=auto`` (the default) asks the terminal, once and before Textual starts, whether it
speaks the Kitty graphics protocol or Sixel (textual-image's probes, an optional extra:
``pip install 'zh-news-reader[photos]'``); ``halfblock`` never asks and draws with ▀ cells;
``off`` draws no photo at all (captions only, whatever the ``i`` toggle remembers).

The probe needs a terminal on stdin and stdout: without one (tests, a pipe) it is never made and
textual-image never imported. Any failure of it means half blocks.
"""

from __future__ import annotations

import os
import sys

ENV = "READER_PHOTOS"
CHOICES = ("auto", "halfblock", "off")
RENDERERS = ("halfblock", "kitty", "sixel", "off")


def choice() -> str:
    value = os.environ.get(ENV, "").strip().lower()
    return value if value in CHOICES else "auto"


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed
        return False


def probe() -> str:
    """``kitty``, ``sixel`` or ``halfblock``: the best the terminal on stdin/stdout can show."""
    if not (_is_terminal(sys.__stdin__) and _is_terminal(sys.__stdout__)):
        return "halfblock"
    try:
        from textual_image.renderable import Image, SixelImage, TGPImage
        from textual_image.widget import get_cell_size

        get_cell_size()  # cached for later: once Textual runs, the terminal cannot be asked
    except Exception:  # noqa: BLE001 - not installed, or the terminal answered nonsense
        return "halfblock"
    if Image is TGPImage:
        return "kitty"
    if Image is SixelImage:
        return "sixel"
    return "halfblock"


def renderer() -> str:
    """The renderer for this run (call before the app starts): one of ``RENDERERS``."""
    wanted = choice()
    if wanted == "auto":
        return probe()
    return wanted
