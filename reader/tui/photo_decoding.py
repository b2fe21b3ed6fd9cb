"""Photo bytes to an image the TUI can draw, in a thread worker (never on the UI thread).

Every decode goes through ``reader.photos.decode.open_image``: Pillow under size limits, so a
decompression bomb is refused before it is expanded.
"""

from __future__ import annotations

from typing import Any


def decode(data: bytes | None, bound: int) -> Any | None:
    """The photo as a PIL image at most ``bound`` pixels wide and tall; None if it cannot be."""
    if data is None:
        return None
    from reader.photos.decode import open_image

    try:
        image = open_image(data)
        image.thumbnail((bound, bound))  # JPEG: decoded at a reduced scale (draft), much faster
        return image
    except Exception:  # noqa: BLE001 - a photo refused (too large, broken) shows as its caption
        return None
