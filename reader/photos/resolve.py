"""The bytes of a document's photos, from its container, checked and decoded once at import.

The extractor gives each photo block a ``src`` (see ``reader.model.Block``); here each src is
looked up where the document came from: ``RawDocument.resources`` (a folder's or an archive's
files next to the page, MHTML parts, EPUB items, WARC records), or the page itself for a
``data:`` image. Nothing is fetched from the network (an offline program): a photo whose
bytes the container does not hold keeps its caption as text, and a captionless one goes
(``rows.drop_unstored_photos``). An image that is refused (not an image, corrupt, a
decompression bomb, over a limit) is reported in the import report, and the article goes in.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from reader.limits import MiB
from reader.model import RawDocument
from reader.photos.decode import ImageRefused, inspect_image

#: Most image bytes kept for one document (its photos together); the rest are reported.
MAX_DOCUMENT_IMAGE_BYTES = 64 * MiB
#: Most photos kept for one document.
MAX_DOCUMENT_PHOTOS = 200
# Decoded sizes below which an image is furniture, as in reader.extract.images (declared sizes)
MIN_WIDTH, MIN_HEIGHT, MAX_ASPECT = 100, 80, 5.0
_EMBEDDED = re.compile(rb"data:image/[\w.+-]{1,30};base64,([A-Za-z0-9+/=\s]{64,})")
_SHOWN_SRC = 80


@dataclass(frozen=True)
class StoredImage:
    sha256: str
    mime: str
    width: int
    height: int
    data: bytes


def _embedded(doc: RawDocument) -> dict[str, bytes]:
    """The page's own data: images by ``data:sha256,<hex>`` (``reader.extract.images.embedded_key``)."""
    found: dict[str, bytes] = {}
    for match in _EMBEDDED.finditer(doc.data):
        try:
            data = base64.b64decode(re.sub(rb"\s+", b"", match.group(1)), validate=True)
        except (binascii.Error, ValueError):
            continue
        found["data:sha256," + hashlib.sha256(data).hexdigest()] = data
    return found


def _bytes_of(doc: RawDocument, src: str, embedded: dict[str, bytes] | None) -> bytes | None:
    if src.startswith("data:sha256,"):
        return (embedded or {}).get(src)
    if src.startswith("data:"):
        head, _, payload = src.partition(",")
        try:
            return base64.b64decode(payload, validate=True) if head.endswith(";base64") else None
        except (binascii.Error, ValueError):
            return None
    if doc.resources is None:
        return None
    try:
        return doc.resources(src)
    except (OSError, ValueError):  # a container member that cannot be read is a missing image
        return None


def _shown(src: str) -> str:
    return src if len(src) <= _SHOWN_SRC else src[: _SHOWN_SRC - 1] + "…"


def resolve_images(doc: RawDocument, sources: Iterable[str]) -> tuple[dict[str, StoredImage], list[str]]:
    """(src -> its checked image, problems to report) for the photo references of ``doc``.
    A reference the container does not hold is simply absent; a decoded image under
    ``MIN_WIDTH`` x ``MIN_HEIGHT`` or banner-shaped is furniture (a tracker, a spacer) and absent."""
    found: dict[str, StoredImage] = {}
    problems: list[str] = []
    embedded = _embedded(doc) if any(s.startswith("data:sha256,") for s in sources) else None
    total = 0
    for src in dict.fromkeys(sources):
        data = _bytes_of(doc, src, embedded)
        if data is None:
            continue
        if len(found) >= MAX_DOCUMENT_PHOTOS or total + len(data) > MAX_DOCUMENT_IMAGE_BYTES:
            problems.append(f"photo {_shown(src)} not kept: the article's photos are over the limit"
                            f" ({MAX_DOCUMENT_PHOTOS} photos, {MAX_DOCUMENT_IMAGE_BYTES // MiB} MB)")
            continue
        try:
            info = inspect_image(data)
        except ImageRefused as error:
            problems.append(f"photo {_shown(src)} refused: {error}")
            continue
        w, h = info.width, info.height
        if w < MIN_WIDTH or h < MIN_HEIGHT or max(w / h, h / w) > MAX_ASPECT:
            continue
        total += len(data)
        found[src] = StoredImage(hashlib.sha256(data).hexdigest(), info.mime, w, h, data)
    return found, problems
