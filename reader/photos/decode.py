"""Image bytes from a bundle, decoded under limits. Every image the reader keeps or shows goes
through ``inspect_image`` (at import) or ``open_image`` (the TUI, before drawing).

Images come from strangers: a 100 kB PNG can declare 30000x30000 pixels and take gigabytes to
decode (a decompression bomb). Pillow reads the header on ``Image.open`` without decoding the
pixels, so the declared size is checked here, against our own limit, before anything is
decoded; Pillow's own bomb warning is turned into an error inside a local warnings context
(``Image.MAX_IMAGE_PIXELS``, a global, is left alone). Only common web formats are accepted.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from reader.limits import DEFAULT_LIMITS

#: Largest encoded image, in bytes (``Limits.max_image_bytes``: a 20 MB one is no news photo).
MAX_IMAGE_BYTES = DEFAULT_LIMITS.max_image_bytes
#: Most pixels an image may declare (a 40-megapixel camera frame passes; a bomb does not).
MAX_IMAGE_PIXELS = 40_000_000
#: Longest side, in pixels.
MAX_IMAGE_SIDE = 20_000
#: Pillow format name -> the MIME type stored and served.
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp", "BMP": "image/bmp"}


class ImageRefused(ValueError):
    """The bytes are not an image the reader accepts; the message says why, in one line."""


@dataclass(frozen=True)
class ImageInfo:
    mime: str
    width: int
    height: int


def _opened(data: bytes) -> Image.Image:
    """The image with its header read and checked, pixels not yet decoded."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageRefused(f"image of {len(data)} bytes is over the {MAX_IMAGE_BYTES} byte limit")
    try:
        image = Image.open(io.BytesIO(data), formats=list(FORMATS))
    except Image.DecompressionBombError:
        raise ImageRefused("image declares too many pixels: refused as a decompression bomb") from None
    except UnidentifiedImageError:
        raise ImageRefused(f"not an image the reader accepts ({', '.join(FORMATS)})") from None
    except (OSError, ValueError, SyntaxError) as error:  # truncated or corrupt headers
        raise ImageRefused(f"unreadable image: {error}") from None
    width, height = image.size
    if width < 1 or height < 1 or max(width, height) > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
        image.close()
        raise ImageRefused(f"image declares {width}x{height} pixels, over the limit: refused as a decompression bomb")
    return image


def _decode(image: Image.Image) -> None:
    """Decode the pixels (of the first frame), with Pillow's bomb warning as an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image.load()
        except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombWarning,
                Image.DecompressionBombError) as error:
            raise ImageRefused(f"image does not decode: {error}") from None


def inspect_image(data: bytes) -> ImageInfo:
    """Check and fully decode ``data`` once (so a stored image is known to decode); its type
    and size. ``ImageRefused`` when it is no accepted image or breaks a limit."""
    image = _opened(data)
    try:
        _decode(image)
        return ImageInfo(FORMATS[image.format], image.width, image.height)
    finally:
        image.close()


def open_image(data: bytes) -> Image.Image:
    """The decoded image (first frame of an animation), for drawing. Same checks as
    ``inspect_image``; raises ``ImageRefused``."""
    image = _opened(data)
    try:
        _decode(image)
    except ImageRefused:
        image.close()
        raise
    return image
