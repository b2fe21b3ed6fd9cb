"""An article's photos: which of its photo blocks have their image in the library, and the bytes.

Images are stored once per content in ``images`` (sha256 of the bytes as they came); a
document's photo reference (a photo block's ``src``) is linked to its image in
``document_images``. A photo block whose image is not in the library (the page pointed at a
remote image the container did not hold, or the image was refused at import) stays in the
article's blocks with its caption, and is not listed here: the reader shows its caption only.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from reader.library.rows import blocks_from_json
from reader.library.types import NoSuchArticle


@dataclass(frozen=True)
class Photo:
    """One photo of an article, as stored."""

    position: int  # index of the photo block in the article's blocks
    caption: str  # the block's text ("" when none)
    width: int  # pixels
    height: int
    mime: str  # image/jpeg | image/png | image/gif | image/webp | image/bmp
    key: str  # the image's sha256 (hex): what ``photo_bytes`` takes


def photos(conn: sqlite3.Connection, article_id: int) -> list[Photo]:
    """The article's photos whose image is stored, in reading order."""
    row = conn.execute("SELECT document_id, blocks FROM articles WHERE id = ?", (int(article_id),)).fetchone()
    if row is None:
        raise NoSuchArticle(article_id)
    document_id, blocks_json = row
    blocks = blocks_from_json(blocks_json)
    sources = {b.src for b in blocks if b.kind == "photo" and b.src}
    if not sources:
        return []
    stored = {
        src: (sha, mime, width, height)
        for src, sha, mime, width, height in conn.execute(
            "SELECT l.src, i.sha256, i.mime, i.width, i.height FROM document_images l"
            " JOIN images i ON i.sha256 = l.sha256 WHERE l.document_id = ?",
            (document_id,),
        )
        if src in sources
    }
    found = []
    for position, block in enumerate(blocks):
        if block.kind == "photo" and block.src in stored:
            sha, mime, width, height = stored[block.src]
            found.append(Photo(position, block.text, width, height, mime, sha))
    return found


def photo_bytes(conn: sqlite3.Connection, key: str) -> bytes | None:
    """The stored bytes of the image ``key`` (a ``Photo.key``), None when there is none."""
    row = conn.execute("SELECT bytes FROM images WHERE sha256 = ?", (str(key),)).fetchone()
    return bytes(row[0]) if row else None


def stored_sources(conn: sqlite3.Connection, document_id: int) -> set[str]:
    """The photo references of a document whose image is stored (what a reindex re-attaches)."""
    return {r[0] for r in conn.execute("SELECT src FROM document_images WHERE document_id = ?", (document_id,))}
