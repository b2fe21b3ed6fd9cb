"""An image's type from its first bytes, for serving stored photos without decoding them again
(they were decoded once at import: ``reader.photos.decode``). No Pillow here."""

from __future__ import annotations

_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"GIF87a", "image/gif"),
          (b"GIF89a", "image/gif"), (b"BM", "image/bmp"))


# the file name suffix of each type (a photo written out under its key: images/<sha256>.jpg)
SUFFIX = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp", "image/bmp": ".bmp"}


def image_type(data: bytes) -> str | None:
    """image/jpeg, image/png, image/gif, image/webp or image/bmp; None for anything else."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((mime for magic, mime in _MAGIC if data.startswith(magic)), None)
