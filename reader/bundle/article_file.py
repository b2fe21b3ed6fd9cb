"""One article file given on its own (``reader import page.html``): a bundle of one document."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from reader.bundle.members import ARTICLE_KINDS, Member, size_cap
from reader.errors import BundleError, DocumentError
from reader.limits import Limits


def iter_file(path: Path, label: str, limits: Limits) -> Iterator[Member | DocumentError]:
    name = path.name
    kind = ARTICLE_KINDS.get(os.path.splitext(name.lower())[1])
    if kind is None:  # pragma: no cover - discovery only makes "file" sources for articles
        raise BundleError(f"{label}: unsupported file type")
    try:
        size = path.stat().st_size
        cap = size_cap(kind, limits)
        if size > cap:
            yield DocumentError(name, f"file too large ({size} bytes, limit {cap})")
            return
        data = path.read_bytes()
    except OSError as exc:
        raise BundleError(f"{label}: cannot read: {exc.strerror or exc}") from None
    yield Member(name, data, kind)
