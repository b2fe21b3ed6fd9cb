"""What every container reader shares: members, skips, the file-kind rules, and the limits' budget.

Every reader (one module per format, see ``formats``) yields ``Member(name, data, kind)`` for
article files, ``Skipped(name, reason)`` for files that are not articles (an image, the README)
and ``DocumentError`` for members refused with a reason; it raises ``BundleError`` (never a
zipfile/tarfile/zlib/OS exception) when the whole bundle must be refused. Nothing is ever
written to disk and no link is followed.
"""

from __future__ import annotations

import hashlib
import os
from typing import BinaryIO

from reader.bundle.items import CONTAINER_KIND, CONTAINER_SUFFIXES, Member, Skipped  # noqa: F401 - Member re-exported
from reader.bundle.manifest import MANIFEST_NAME
from reader.errors import BundleError, DocumentError
from reader.limits import Limits
from reader.model import DocumentKind

ARTICLE_KINDS: dict[str, DocumentKind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".json": "json",
}
ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
# Other archive and compressed formats we recognise only to say why they are not imported.
_OTHER_ARCHIVES = (".gz", ".bz2", ".xz", ".7z", ".rar", ".zst", ".lz", ".lzma", ".z")
# Files that come with saved web pages or bundle paperwork: skipped, and counted by what they are.
_NOT_ARTICLES = {
    "image": ".png .jpg .jpeg .gif .webp .svg .ico .bmp .avif .tif .tiff",
    "page asset": ".css .js .mjs .map",
    "font": ".woff .woff2 .ttf .otf .eot",
    "audio or video": ".mp3 .mp4 .webm .ogg .wav",
    "document": ".pdf .rst .xml .csv .yml .yaml",
    "checksum or signature": ".sha256 .sha1 .md5 .sig .asc",
}
_CONTAINER_NAMES = tuple(sorted({s for suffixes in CONTAINER_SUFFIXES.values() for s in suffixes}))
_WHAT_SUFFIX_IS = {suffix: what for what, suffixes in _NOT_ARTICLES.items() for suffix in suffixes.split()}
STATE_NAME = "reader-state.jsonl"
"""Tags and highlights a bundle carries (``reader.bundle.statefile``): not an article."""
_PAPERWORK = ("readme", "license", "licence", "copying", "notice", "sources", "authors", "changelog")


def classify(name: str) -> DocumentKind | Skipped | DocumentError:
    """For a normalised member path: its DocumentKind, a Skipped (not an article, and what it
    is), or a DocumentError (a file we cannot import, and why)."""
    parts = name.split("/")
    base = parts[-1]
    if any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return Skipped(name, "hidden file")  # editor droppings, macOS resource forks
    lower = base.lower()
    suffix = os.path.splitext(lower)[1]
    if lower.startswith(_PAPERWORK) or base == "Thumbs.db":
        return Skipped(name, "bundle paperwork")
    if base == STATE_NAME and len(parts) <= 2:
        return Skipped(name, "tags and highlights (applied after the articles)")
    if lower.endswith(_CONTAINER_NAMES):
        return CONTAINER_KIND  # type: ignore[return-value] - read, then expanded by ``containers``
    if suffix in ARTICLE_KINDS:
        return ARTICLE_KINDS[suffix]
    if lower.endswith(ZIP_SUFFIXES + TAR_SUFFIXES + _OTHER_ARCHIVES):
        return DocumentError(name, "archive inside a bundle is not imported (extract it and import it on its own)")
    if suffix in _WHAT_SUFFIX_IS:
        return Skipped(name, _WHAT_SUFFIX_IS[suffix])
    return DocumentError(name, f"unsupported file type {suffix or '(no extension)'!r}")


def member_kind(name: str) -> DocumentKind | Skipped | DocumentError | str:
    """``classify``, and "manifest" for a manifest.json at the top or one folder down (the caller
    decides which counts)."""
    if name.split("/")[-1] == MANIFEST_NAME and name.count("/") <= 1:
        return "manifest"
    return classify(name)


def depth_ok(name: str, limits: Limits) -> bool:
    return name.count("/") <= limits.max_path_depth and len(name) <= limits.max_name_chars


def decode_raw_name(raw: bytes) -> str:
    """A member name stored as bytes without an encoding flag: UTF-8, else GB18030, else Big5."""
    for codec in ("utf-8", "gb18030", "big5hkscs"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


class Budget:
    """Counts members and uncompressed bytes against the bundle-wide limits."""

    def __init__(self, label: str, limits: Limits, compressed_size: int | None):
        self.label = label
        self.limits = limits
        self.compressed = compressed_size
        self.members = 0
        self.total = 0

    def count_member(self) -> None:
        self.members += 1
        if self.members > self.limits.max_members:
            raise BundleError(f"{self.label}: more than {self.limits.max_members} members (limit)")

    def expand_to(self, total: int) -> None:
        """The bundle has expanded to ``total`` uncompressed bytes so far."""
        self.total = max(self.total, total)
        lim = self.limits
        if self.total > lim.max_total_bytes:
            raise BundleError(
                f"{self.label}: expands to more than {lim.max_total_bytes} bytes (limit); "
                "refused as a possible archive bomb"
            )
        if self.compressed and self.total > lim.ratio_check_min_bytes:
            ratio = self.total / max(self.compressed, 1)
            if ratio > lim.max_compression_ratio:
                raise BundleError(
                    f"{self.label}: compression ratio {ratio:.0f}:1 exceeds the limit "
                    f"{lim.max_compression_ratio:.0f}:1; refused as a possible archive bomb"
                )


def read_capped(fileobj: BinaryIO, cap: int) -> bytes | None:
    """Read up to cap bytes; None if there are more."""
    chunks = []
    got = 0
    while True:
        chunk = fileobj.read(min(1 << 20, cap + 1 - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        if got > cap:
            return None
    return b"".join(chunks)


def size_cap(kind: DocumentKind | None, limits: Limits) -> int:
    """The size limit for a file of this kind (JSON feeds may be bigger than single articles)."""
    if kind in ("json", "jsonl", CONTAINER_KIND, None):  # None: manifest.json, checked against its own limit later
        return max(limits.max_feed_bytes, limits.max_file_bytes)
    return limits.max_file_bytes


def too_large(size: int | None, cap: int) -> str:
    if size is None:
        return f"file too large (over the limit of {cap} bytes)"
    return f"file too large ({size} bytes, limit {cap})"


def admit(name: str, seen: set[str], size: int, limits: Limits):
    """The checks every archive member passes, whatever the archive format.

    Returns ``(kind, cap)`` for a member to read (kind None: the manifest), or the Skipped or
    DocumentError that says why it is not read.
    """
    if name in seen:
        return DocumentError(name, "duplicate member name: later copy skipped")
    seen.add(name)
    kind = member_kind(name)
    if isinstance(kind, (Skipped, DocumentError)):
        return kind
    if kind == "manifest":
        kind = None
    if not depth_ok(name, limits):
        return DocumentError(name, "path too long or too deep")
    cap = size_cap(kind, limits)
    if size > cap:
        return DocumentError(name, too_large(size, cap))
    return kind, cap


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()
