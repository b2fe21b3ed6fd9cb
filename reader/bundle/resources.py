"""The files a bundle's page refers to (its photos: ``page_files/a.jpg`` next to ``page.html``),
read on demand for ``RawDocument.resources``.

A reference is looked up only as a path relative to the page, inside the bundle: absolute URLs,
paths leaving the bundle, links and special files find nothing (the reader is offline and
reads no file the bundle does not hold). At most ``Limits.max_image_bytes`` is read of one.
"""

from __future__ import annotations

import os
import posixpath
import stat
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reader.bundle.manifest import normalise_member_path
from reader.bundle.members import read_capped
from reader.limits import Limits


def relative_member(page: str, ref: str) -> str | None:
    """The bundle path a page's relative reference names, or None (a URL, or outside the bundle)."""
    try:
        parts = urlsplit(ref)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or not parts.path:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if joined == ".." or joined.startswith("../"):
        return None
    return normalise_member_path(joined)


class BundleFiles:
    """Reads members of a folder, zip or tar bundle (or the folder of a lone page) by path."""

    def __init__(self, kind: str, path: Path, root: str, limits: Limits):
        self.kind, self.path, self.root, self.limits = kind, path, root, limits
        self._archive = None
        self._index: dict[str, object] | None = None

    def reader_for(self, page: str) -> Callable[[str], bytes | None]:
        def read(ref: str) -> bytes | None:
            member = relative_member(page, ref)
            return self.read(self.root + member) if member else None

        return read

    def read(self, member: str) -> bytes | None:
        cap = self.limits.max_image_bytes
        try:
            if self.kind in ("folder", "loose", "file"):
                return self._read_file(member, cap)
            if self.kind == "zip":
                return self._read_zip(member, cap)
            if self.kind == "tar":
                return self._read_tar(member, cap)
        except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError, ValueError, NotImplementedError):
            return None
        return None

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None

    def _read_file(self, member: str, cap: int) -> bytes | None:
        base = self.path if self.kind != "file" else self.path.parent
        target = base.joinpath(*member.split("/"))
        real_base, real = os.path.realpath(base), os.path.realpath(target)
        if not real.startswith(real_base + os.sep):
            return None  # a link that leads out of the bundle
        st = os.lstat(target)
        if not stat.S_ISREG(st.st_mode) or st.st_size > cap:
            return None
        with open(target, "rb") as fh:
            return read_capped(fh, cap)

    def _read_zip(self, member: str, cap: int) -> bytes | None:
        if self._archive is None:
            self._archive = zipfile.ZipFile(self.path)
            self._index = {normalise_member_path(i.filename): i for i in self._archive.infolist() if not i.is_dir()}
        info = self._index.get(member)
        mode = info.external_attr >> 16 if info is not None else 0
        if info is None or info.file_size > cap or info.flag_bits & 0x1 or (mode and stat.S_ISLNK(mode)):
            return None
        with self._archive.open(info) as fh:
            return read_capped(fh, cap)

    def _read_tar(self, member: str, cap: int) -> bytes | None:
        if self._archive is None:
            self._archive = tarfile.open(self.path)
            self._index = {normalise_member_path(m.name): m for m in self._archive.getmembers() if m.isreg()}
        info = self._index.get(member)
        if info is None or info.size > cap:
            return None
        fobj = self._archive.extractfile(info)
        return read_capped(fobj, cap) if fobj is not None else None
