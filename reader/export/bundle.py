"""A bundle to pass on (``reader export --format bundle -o FILE.zip``): the original bytes of the
selected articles' documents and a ``manifest.json`` (docs/bundle-format.md, version 1.2) that
gives each file the hints it was imported with, so another library's ``reader import FILE.zip``
extracts the same articles (same titles, dates, blocks).

Why the originals and not our extracted text: the friend keeps the page as it was (and a later
extractor can do better with it), and the hints pin what the container said (a feed item's
title, a WARC record's address and time). What stays home: read marks, bookmarks, positions, and
the container's own read and starred flags. ``with_state`` adds ``reader-state.jsonl``, the
state-sync file of the articles' tags and highlights, which ``reader import`` applies after the
articles are in.

Each document goes in once, even when several selected articles came from it (a JSON list).
Its photos go in as files where the page's own relative references find them (``page_files/a.jpg``
next to ``articles/00001-page.html``), so that importing the bundle brings them back; a photo
the page references by absolute URL (a saved MHTML or WARC page), or whose place another page's
different image already took, goes in as ``images/<sha256>`` and the article's manifest entry
says so (``images``, manifest 1.2).
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from reader.atomicfile import replacing
from reader.bundle.manifest import CURRENT_VERSION, FORMAT_NAME
from reader.bundle.resources import relative_member
from reader.bundle.statefile import STATE_NAME
from reader.errors import ReaderError
from reader.photos.kinds import SUFFIX as IMAGE_SUFFIX, image_type

SUFFIX = {"text": ".txt", "html": ".html", "json": ".json", "markdown": ".md"}
# Hints a manifest entry carries (1.1; 1.2 adds images, written below); a container's read, starred and annotation hints are state
MANIFEST_HINTS = ("url", "title", "published", "authors", "encoding", "language", "source",
                  "fetched_url", "saved", "excerpt", "tags")
_UNSAFE_NAME = re.compile(r"[^\w.-]+")


def file_name(number: int, name: str, kind: str) -> str:
    """``articles/00001-<readable stem>.<suffix>``: unique by number, safe on every file system."""
    base = name.split("#", 1)[-1] if "#" in name else name
    stem = os.path.splitext(base.rsplit("/", 1)[-1])[0]
    stem = _UNSAFE_NAME.sub("-", stem).strip("-.")[:60] or "article"
    return f"articles/{number:05d}-{stem}{SUFFIX.get(kind, '.txt')}"


def entry(path: str, hints: dict) -> dict:
    out = {"path": path}
    for key in MANIFEST_HINTS:
        value = hints.get(key)
        if value not in (None, "", []):
            out[key] = value
    return out


def write_bundle(library, article_ids: Sequence[int], path: str | os.PathLike[str], *,
                 title: str | None = None, with_state: bool = False) -> dict:
    """Write the bundle whole or not at all (``reader.atomicfile``); returns counts."""
    target = Path(path)
    originals = library.originals(article_ids)
    if not originals:
        raise ReaderError("nothing to export: no article matches")
    created = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    manifest = {"format": FORMAT_NAME, "version": CURRENT_VERSION,
                "title": title or f"reader export {created[:10]}", "created": created, "articles": []}
    changes = 0
    written: dict[str, str] = {}  # member -> the image key it holds
    shared: dict[str, str] = {}  # image key -> its images/ member
    created_tuple = datetime.now().timetuple()[:6]
    try:
        with replacing(target) as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:

            def put(place: str, key: str, data: bytes) -> None:
                zf.writestr(zipfile.ZipInfo(place, created_tuple), data)  # stored: compressed already
                written[place] = key

            for number, original in enumerate(originals, 1):
                member = file_name(number, original.name, original.kind)
                zf.writestr(member, original.data)
                listed = entry(member, original.hints)
                manifest["articles"].append(listed)
                elsewhere: dict[str, str] = {}
                for src, key in original.photos:
                    place = relative_member(member, src)
                    if place is not None and written.get(place, key) == key:  # beside the page
                        if place not in written and (data := library.photo_bytes(key)) is not None:
                            put(place, key, data)
                        continue
                    # no relative address finds it (an absolute URL, or another page's different
                    # image took its place): images/<sha256>, named in the manifest entry
                    if key not in shared:
                        data = library.photo_bytes(key)
                        if data is None:
                            continue
                        shared[key] = f"images/{key}{IMAGE_SUFFIX.get(image_type(data) or '', '')}"
                        put(shared[key], key, data)
                    elsewhere[src] = shared[key]
                if elsewhere:
                    listed["images"] = elsewhere
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
            if with_state:
                text = io.StringIO()
                changes = library.shared_state(text, [i for o in originals for i in o.article_ids])
                zf.writestr(STATE_NAME, text.getvalue())
    except OSError as error:
        raise ReaderError(f"cannot write {target}: {error.strerror or error}") from None
    return {"documents": len(originals), "articles": sum(len(o.article_ids) for o in originals), "state_changes": changes}

