"""Where documents come from: bundle folders, zip and tar archives, single article files.

``iter_bundles(paths)`` turns command-line paths into ``BundleSource`` objects, cheaply (nothing
is read yet). Reading happens when the importer asks a source for ``identity``, ``manifest`` or
``documents()``: the first of these reads the whole bundle once, member by member, validating
the archive (limits, truncation, checksums) and the manifest and hashing every member; only then
does ``documents()`` stream ``RawDocument``s one at a time in a second pass. So a truncated or
hostile archive raises ``BundleError`` before the first document is yielded, and a bundle is
never held in memory whole. Nothing is written to disk.

Errors: ``BundleError`` (whole bundle refused) from ``identity``, ``manifest``, ``check()`` or
``documents()``; never from ``iter_bundles`` itself, so one bad path does not stop the others.
Per-file problems are yielded by ``documents()`` as ``DocumentError(name, reason)``.
See docs/bundle-format.md for the format and the policies.
"""

from __future__ import annotations

import hashlib
import lzma
import os
import struct
import tarfile
import zipfile
import zlib
from pathlib import Path
from typing import Iterator, Sequence

from reader.bundle.manifest import (
    CURRENT_VERSION,
    FORMAT_NAME,
    MANIFEST_NAME,
    Manifest,
    ManifestArticle,
    parse_manifest,
)
from reader.bundle.readers import (
    ARTICLE_KINDS,
    Member,
    archive_kind,
    classify,
    digest,
    iter_folder,
    iter_tar,
    iter_zip,
    size_cap,
)
from reader.decode import sniff_binary
from reader.errors import BundleError, DocumentError
from reader.limits import DEFAULT_LIMITS, Limits
from reader.model import ArticleHints, RawDocument

__all__ = [
    "BundleSource",
    "Manifest",
    "ManifestArticle",
    "FORMAT_NAME",
    "CURRENT_VERSION",
    "iter_bundles",
    "parse_manifest",
]

_IDENTITY_TAG = b"reader-bundle-identity-v1\n"
_ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    tarfile.TarError,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    ValueError,  # includes UnicodeError
    struct.error,
    IndexError,
    OverflowError,
)


class BundleSource:
    """One bundle to import.

    ``kind``: "folder" (a folder with manifest.json, read recursively), "loose" (the article
    files directly inside a folder without manifest.json), "zip", "tar", "file" (one article file)
    or "invalid" (every access raises the BundleError found while discovering it).
    """

    def __init__(
        self,
        path: Path,
        kind: str,
        limits: Limits = DEFAULT_LIMITS,
        *,
        label: str | None = None,
        error: str | None = None,
    ):
        self.path = path
        self.kind = kind
        self.limits = limits
        self.label = label or str(path)
        self._error = error
        self._prepared = False
        self._root = ""
        self._manifest: Manifest | None = None
        self._identity = ""
        self._count = 0

    def __repr__(self) -> str:
        return f"BundleSource({self.label!r}, kind={self.kind!r})"

    # ---- public API -------------------------------------------------------------------------

    @property
    def identity(self) -> str:
        """sha256 (hex) over the sorted member names and their bytes: the same bundle, re-zipped
        or copied elsewhere, has the same identity. Reads the whole bundle the first time."""
        self.check()
        return self._identity

    @property
    def manifest(self) -> Manifest | None:
        """The validated manifest, or None when the bundle has none."""
        self.check()
        return self._manifest

    @property
    def document_count(self) -> int:
        """How many items ``documents()`` will yield (documents and errors), for progress bars."""
        self.check()
        return self._count

    @property
    def title(self) -> str:
        """The manifest title, else the file or folder name."""
        m = self.manifest
        return (m.title if m and m.title else None) or self.path.name or self.label

    def check(self) -> None:
        """Read and validate the whole bundle once (idempotent). Raises BundleError."""
        if self._error is not None:
            raise BundleError(f"{self.label}: {self._error}")
        if self._prepared:
            return
        names: list[str] = []
        count = 0
        hashes: list[tuple[str, bytes]] = []
        manifests: dict[str, bytes] = {}
        tops: set[str] = set()
        too_big = self.limits.max_manifest_bytes + 1
        for item in self._members():
            names.append(item.name)
            tops.add(item.name.split("/", 1)[0] if "/" in item.name else "")
            if isinstance(item, DocumentError):
                count += 1
                continue
            if item.kind is None:
                # Keep only manifests that can still be the bundle's: the top-level one, or one in
                # the single top folder (memory stays bounded whatever the archive holds).
                if item.name == MANIFEST_NAME or len(tops) == 1:
                    data = item.data if len(item.data) < too_big else b" " * too_big
                    manifests[item.name] = data
            else:
                count += 1
            if len(tops) > 1 and len(manifests) > (MANIFEST_NAME in manifests):
                manifests = {k: v for k, v in manifests.items() if k == MANIFEST_NAME}
            hashes.append((item.name, digest(item.data)))
        root = self._find_root(names, manifests)
        manifest_bytes = manifests.get(root + MANIFEST_NAME)
        manifest = None
        if manifest_bytes is not None:
            manifest = parse_manifest(manifest_bytes, self.label, self.limits)
        h = hashlib.sha256(_IDENTITY_TAG)
        for name, d in sorted((self._strip(n, root), d) for n, d in hashes):
            h.update(name.encode("utf-8", "surrogatepass") + b"\0" + d)
        if manifest is not None:
            present = {self._strip(n, root) for n in names}
            count += sum(1 for a in manifest.articles if a.path not in present)
        self._root, self._manifest, self._identity = root, manifest, h.hexdigest()
        self._count = count
        self._prepared = True

    def documents(self) -> Iterator[RawDocument | DocumentError]:
        """Article files one at a time, with manifest hints; skipped files as DocumentError."""
        self.check()
        manifest, root = self._manifest, self._root
        seen: set[str] = set()
        for item in self._members():
            name = self._strip(item.name, root)
            seen.add(name)
            if isinstance(item, DocumentError):
                yield DocumentError(name, item.reason)
                continue
            if item.kind is None:
                continue  # manifest.json (or a stray one in a sub-folder)
            binary = sniff_binary(item.data)
            if binary:
                yield DocumentError(name, binary)
                continue
            hints = manifest.hints_for(name) if manifest else ArticleHints()
            yield RawDocument(name=name, data=item.data, kind=item.kind, hints=hints)
        if manifest:
            for entry in manifest.articles:
                if entry.path not in seen:
                    yield DocumentError(entry.path, f"listed in {MANIFEST_NAME} but not in the bundle")

    # ---- internals --------------------------------------------------------------------------

    def _members(self) -> Iterator[Member | DocumentError]:
        """The reader's members; any archive-library exception the readers did not already turn
        into a BundleError (a corrupt header found in an unexpected place) becomes one here."""
        try:
            yield from self._raw_members()
        except BundleError:
            raise
        except _ARCHIVE_ERRORS as exc:
            raise BundleError(
                f"{self.label}: unreadable {self.kind} bundle ({type(exc).__name__}: {str(exc)[:120]})"
            ) from None

    def _raw_members(self) -> Iterator[Member | DocumentError]:
        lim = self.limits
        if self.kind == "folder":
            return iter_folder(self.path, self.label, lim)
        if self.kind == "loose":
            return iter_folder(self.path, self.label, lim, recursive=False, skip_archives=True)
        if self.kind == "zip":
            return iter_zip(self.path, self.label, lim)
        if self.kind == "tar":
            return iter_tar(self.path, self.label, lim)
        if self.kind == "file":
            return self._single_file()
        raise BundleError(f"{self.label}: not a bundle")  # pragma: no cover

    def _single_file(self) -> Iterator[Member | DocumentError]:
        name = self.path.name
        kind = ARTICLE_KINDS.get(os.path.splitext(name.lower())[1])
        if kind is None:  # pragma: no cover - discovery only makes "file" sources for articles
            raise BundleError(f"{self.label}: unsupported file type")
        try:
            size = self.path.stat().st_size
            cap = size_cap(kind, self.limits)
            if size > cap:
                yield DocumentError(name, f"file too large ({size} bytes, limit {cap})")
                return
            data = self.path.read_bytes()
        except OSError as exc:
            raise BundleError(f"{self.label}: cannot read: {exc.strerror or exc}") from None
        yield Member(name, data, kind)

    def _find_root(self, names: list[str], manifests: dict[str, bytes]) -> str:
        """Archives made from a folder (``zip -r b.zip b/``) keep that folder as a prefix: when
        there is no top-level manifest.json and every member sits in one top folder, that
        folder is the bundle root."""
        if self.kind not in ("zip", "tar") or MANIFEST_NAME in manifests or not names:
            return ""
        tops = {n.split("/", 1)[0] for n in names}
        if len(tops) == 1 and all("/" in n for n in names):
            return tops.pop() + "/"
        return ""

    @staticmethod
    def _strip(name: str, root: str) -> str:
        return name[len(root) :] if root and name.startswith(root) else name


# ---- discovery -------------------------------------------------------------------------------


def _invalid(path: Path, reason: str, limits: Limits) -> BundleSource:
    return BundleSource(path, "invalid", limits, error=reason)


def _discover(path: Path, limits: Limits, depth: int) -> Iterator[BundleSource]:
    if path.is_dir():
        if (path / MANIFEST_NAME).is_file():
            yield BundleSource(path, "folder", limits)
            return
        yield from _discover_collection(path, limits, depth)
        return
    if path.is_file():
        if path.name == MANIFEST_NAME:
            yield BundleSource(path.parent, "folder", limits)
            return
        kind = archive_kind(path.name)
        if kind:
            yield BundleSource(path, kind, limits)
            return
        found = classify(path.name)
        if isinstance(found, str) and found in ARTICLE_KINDS.values():
            yield BundleSource(path, "file", limits)
            return
        suffix = os.path.splitext(path.name)[1] or "(no extension)"
        yield _invalid(path, f"not a bundle or article file (unsupported type {suffix!r})", limits)
        return
    if not os.path.lexists(path):
        yield _invalid(path, "no such file or directory", limits)
    else:
        yield _invalid(path, "not a file or folder", limits)


def _discover_collection(folder: Path, limits: Limits, depth: int) -> Iterator[BundleSource]:
    """A folder without manifest.json: its loose article files are one bundle; every archive and
    sub-folder inside is discovered by the same rules (sub-folders recursively)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield _invalid(folder, f"cannot read folder: {exc.strerror or exc}", limits)
        return
    has_loose = False
    later: list[BundleSource | Path] = []
    for entry in entries:
        if entry.name.startswith(".") or entry.name == "__MACOSX":
            continue
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                later.append(_invalid(path, "symbolic link inside a folder of bundles: not followed", limits))
            elif entry.is_dir(follow_symlinks=False):
                later.append(path)
            elif entry.is_file(follow_symlinks=False):
                kind = archive_kind(entry.name)
                if kind:
                    later.append(BundleSource(path, kind, limits))
                elif classify(entry.name) is not None:
                    has_loose = True
        except OSError as exc:
            later.append(_invalid(path, f"cannot read: {exc.strerror or exc}", limits))
    if has_loose:
        yield BundleSource(folder, "loose", limits, label=f"{folder} (loose files)")
    for item in later:
        if isinstance(item, BundleSource):
            yield item
        elif depth >= limits.max_path_depth:
            yield _invalid(item, f"folders nested deeper than {limits.max_path_depth}", limits)
        else:
            yield from _discover(item, limits, depth + 1)


def iter_bundles(paths: Sequence[Path | str], limits: Limits = DEFAULT_LIMITS) -> Iterator[BundleSource]:
    """The bundles found at ``paths``, in order (folders of bundles sorted by name).

    Never raises for a bad path: a path that is missing, unsupported or holds nothing to import
    becomes a source whose ``check()``/``documents()`` raises BundleError naming it.
    """
    for raw in paths:
        path = Path(raw)
        count = 0
        for source in _discover(path, limits, 0):
            count += 1
            if count > limits.max_bundles_per_folder:
                yield _invalid(path, f"more than {limits.max_bundles_per_folder} bundles (limit)", limits)
                break
            yield source
        if count == 0:
            yield _invalid(path, "no bundles or article files found", limits)
