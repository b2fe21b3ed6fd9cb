"""``BundleSource``: one bundle to import, read through the reader its format names.

Reading happens when the importer asks a source for ``identity``, ``manifest`` or
``documents()``: the first of these reads the whole bundle once, member by member, validating
the container (limits, truncation, checksums) and the manifest and hashing every member; only
then does ``documents()`` stream ``RawDocument``s one at a time in a second pass. So a truncated
or hostile archive raises ``BundleError`` before the first document is yielded, and a bundle is
never held in memory whole.
"""

from __future__ import annotations

import hashlib
import lzma
import struct
import tarfile
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from reader.bundle import containers, formats
from reader.bundle.manifest import MANIFEST_NAME, Manifest, parse_manifest
from reader.bundle.members import Member, Skipped, digest
from reader.bundle.resources import BundleFiles
from reader.decode import sniff_binary
from reader.errors import BundleError, DocumentError
from reader.limits import DEFAULT_LIMITS, Limits
from reader.model import ArticleHints, RawDocument

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
    files directly inside a folder without manifest.json), "zip", "tar", "file" (one article
    file), a container format's name ("jsonl"...: one container file, read entry by entry) or
    "invalid" (every access raises the BundleError found while discovering it).
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
        self._skipped: list[Skipped] = []

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
    def root(self) -> str:
        """The folder inside the archive that holds the bundle ("" or "name/")."""
        self.check()
        return self._root

    @property
    def document_count(self) -> int:
        """How many items ``documents()`` will yield (documents and errors), for progress bars."""
        self.check()
        return self._count

    @property
    def skipped(self) -> list[Skipped]:
        """The files that are not articles (images, the README), each with what it is."""
        self.check()
        return self._skipped

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
        skipped: list[Skipped] = []
        too_big = self.limits.max_manifest_bytes + 1
        for item in self._members():
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
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
        self._skipped = [Skipped(self._strip(s.name, root), s.reason) for s in skipped]
        self._prepared = True

    def documents(self) -> Iterator[RawDocument | DocumentError]:
        """Article files one at a time, with manifest hints; skipped files as DocumentError."""
        self.check()
        manifest, root = self._manifest, self._root
        seen: set[str] = set()
        files = BundleFiles(self.kind, self.path, root, self.limits)  # the pages' photos, read when asked
        try:
            for item in self._members():
                if isinstance(item, Skipped):
                    continue  # listed by ``skipped``
                name = self._strip(item.name, root)
                seen.add(name.split("#", 1)[0])  # a container's entries: the manifest lists the file
                if isinstance(item, DocumentError):
                    yield DocumentError(name, item.reason)
                    continue
                if item.kind is None:
                    continue  # manifest.json (or a stray one in a sub-folder)
                binary = sniff_binary(item.data)
                if binary:
                    yield DocumentError(name, binary)
                    continue
                yield RawDocument(name=name, data=item.data, kind=item.kind, hints=self._hints(item, name),
                                  resources=item.resources or self._photo_reader(files, name))
        finally:
            files.close()
        if manifest:
            for entry in manifest.articles:
                if entry.path not in seen:
                    yield DocumentError(entry.path, f"listed in {MANIFEST_NAME} but not in the bundle")

    # ---- internals --------------------------------------------------------------------------

    def _photo_reader(self, files, name: str):
        """Photos beside the page, and those the manifest places elsewhere (``images``, 1.2)."""
        beside = files.reader_for(name)
        placed = self._manifest.images_for(name) if self._manifest else {}
        if not placed:
            return beside

        def read(ref: str) -> bytes | None:
            member = placed.get(ref)
            return files.read(files.root + member) if member is not None else beside(ref)

        return read

    def _hints(self, item: Member, name: str) -> ArticleHints:
        """A file's hints are its manifest entry's. A container's entry keeps what the container
        says of it; the manifest entry of the container file adds only what holds for every
        entry (source, language, encoding)."""
        manifest = self._manifest
        if item.hints is None:
            return manifest.hints_for(name) if manifest else ArticleHints()
        if manifest is None:
            return item.hints
        file_hints = manifest.hints_for(name.split("#", 1)[0])
        own = item.hints
        return replace(
            own,
            source=own.source or file_hints.source,
            language=own.language or file_hints.language,
            encoding=own.encoding or file_hints.encoding,
        )

    def _members(self) -> Iterator[Member | Skipped | DocumentError]:
        """The reader's members; any archive-library exception the readers did not already turn
        into a BundleError (a corrupt header found in an unexpected place) becomes one here."""
        try:
            yield from containers.expand(self._raw_members(), self.limits)
        except BundleError:
            raise
        except _ARCHIVE_ERRORS as exc:
            raise BundleError(
                f"{self.label}: unreadable {self.kind} bundle ({type(exc).__name__}: {str(exc)[:120]})"
            ) from None

    def _raw_members(self) -> Iterator[Member | Skipped | DocumentError]:
        container = formats.BY_NAME.get(self.kind)
        if container is None:  # pragma: no cover - "invalid" sources raise in check()
            raise BundleError(f"{self.label}: not a bundle")
        return container.members(self.path, self.label, self.limits)

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
