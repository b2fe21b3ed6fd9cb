"""The original documents behind stored articles, as they were imported: bytes, name, kind and
the hints the bundle or container gave, so an export can hand them on (``reader export
--format bundle``) and another library extracts the same articles from them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reader.library.rows import decompress

BATCH = 500


@dataclass(frozen=True)
class Original:
    document_id: int
    name: str  # the path inside its bundle (a container's entry: ``file#entry``)
    kind: str  # text | html | json | markdown
    hints: dict
    encoding: str | None
    data: bytes
    article_ids: tuple[int, ...]  # the selected articles it holds
    photos: tuple[tuple[str, str], ...] = ()  # (src, image key) of its stored photos, by src


def originals(conn: sqlite3.Connection, article_ids: Sequence[int]) -> Iterator[Original]:
    """Each document holding one of ``article_ids`` once, in the order its first article comes."""
    order: dict[int, list[int]] = {}
    for start in range(0, len(article_ids), BATCH):
        chunk = [int(i) for i in article_ids[start : start + BATCH]]
        marks = ",".join("?" * len(chunk))
        found = dict(conn.execute(f"SELECT id, document_id FROM articles WHERE id IN ({marks})", chunk).fetchall())
        for article_id in chunk:
            if article_id in found:
                order.setdefault(found[article_id], []).append(article_id)
    for document_id, ids in order.items():
        row = conn.execute(
            "SELECT name, kind, hints, encoding, compression, data FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        name, kind, hints, encoding, method, blob = row
        photos = tuple(conn.execute("SELECT src, sha256 FROM document_images WHERE document_id = ? ORDER BY src",
                                    (document_id,)).fetchall())
        yield Original(document_id, name, kind, json.loads(hints or "{}"), encoding, decompress(method, blob), tuple(ids),
                       tuple(map(tuple, photos)))
