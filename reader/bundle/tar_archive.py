"""Tar bundles (plain, gzip, bzip2, xz), streamed in archive order and checked to their last byte."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from reader.bundle.manifest import normalise_member_path, printable_name
from reader.bundle.members import Budget, Member, Skipped, admit, decode_raw_name, size_cap
from reader.errors import BundleError, DocumentError
from reader.limits import Limits


def sniff(head: bytes) -> bool:
    """An uncompressed POSIX or GNU tar (compressed ones are known by their names)."""
    return head[257:262] == b"ustar"


class _Tracked(io.RawIOBase):
    """A read-only view of the decompressed tar stream that remembers the last block read and
    enforces the limits on every read, including tarfile's own reads of pax and GNU long-name
    headers (which it would otherwise load whole, whatever size they claim)."""

    def __init__(self, inner: BinaryIO, budget: Budget, max_read: int):
        self.inner = inner
        self.budget = budget
        self.max_read = max_read
        self.last_read_at = -1
        self.last_read = b""

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.inner.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.inner.seek(offset, whence)

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0 or size > self.max_read:
            raise BundleError(f"{self.budget.label}: tar header or member larger than the limits; refused")
        at = self.inner.tell()
        data = self.inner.read(size)
        self.budget.expand_to(at + len(data))
        self.last_read_at, self.last_read = at, data
        return data

    def readinto(self, b) -> int:  # pragma: no cover - tarfile uses read()
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)


def _open_decompressed(path: Path, fh: BinaryIO) -> BinaryIO:
    magic = fh.read(6)
    fh.seek(0)
    if magic.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=fh, mode="rb")  # type: ignore[return-value]
    if magic.startswith(b"BZh"):
        return bz2.BZ2File(fh)  # type: ignore[return-value]
    if magic.startswith(b"\xfd7zXZ\x00"):
        return lzma.LZMAFile(fh)  # type: ignore[return-value]
    return fh


_TAR_ERRORS = (tarfile.TarError, EOFError, OSError, zlib.error, lzma.LZMAError, ValueError)


def iter_tar(path: Path, label: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    """Members of a .tar/.tar.gz/.tgz/.tar.bz2/.tar.xz, streamed in archive order.

    The compressed stream is read to its very end and its checksum verified, and the archive
    must end with a zero block, so a truncated archive is always a BundleError.
    """
    try:
        size = path.stat().st_size
        fh = open(path, "rb")
    except OSError as exc:
        raise BundleError(f"{label}: cannot open: {exc.strerror or exc}") from None
    with fh:
        try:
            stream = _open_decompressed(path, fh)
            budget = Budget(label, limits, size if stream is not fh else None)
            tracked = _Tracked(stream, budget, size_cap("jsonl", limits) + (1 << 20))
            tf = tarfile.open(fileobj=tracked, mode="r:", encoding="utf-8", errors="surrogateescape")  # type: ignore[arg-type]
        except _TAR_ERRORS as exc:
            raise BundleError(f"{label}: not a readable tar archive (truncated or corrupt): {exc}") from None
        seen: set[str] = set()
        try:
            yield from _tar_members(tf, label, limits, budget, seen)
            end = tf.offset
            # A proper archive ends with a zero block right where the last member ends; tarfile
            # treats a truncated or corrupt header there as a silent end of archive.
            if not (tracked.last_read_at == end and len(tracked.last_read) == 512 and not tracked.last_read.strip(b"\0")):
                raise BundleError(f"{label}: truncated or corrupt tar archive (no end-of-archive marker at byte {end})")
            # Read the rest to the end: this verifies the gzip/bz2/xz trailer and checksum.
            tracked.seek(end + 512)
            while True:
                chunk = tracked.read(1 << 20)
                if not chunk:
                    break
        except BundleError:
            raise
        except _TAR_ERRORS as exc:
            raise BundleError(f"{label}: truncated or corrupt tar archive: {exc}") from None


def _tar_name(member: tarfile.TarInfo) -> str:
    name = member.name
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return decode_raw_name(name.encode("utf-8", "surrogateescape"))


def _tar_members(
    tf: tarfile.TarFile, label: str, limits: Limits, budget: Budget, seen: set[str]
) -> Iterator[Member | Skipped | DocumentError]:
    while True:
        member = tf.next()
        if member is None:
            return
        budget.count_member()
        budget.expand_to(member.offset_data + (0 if member.issparse() else member.size))
        raw_name = _tar_name(member)
        if member.isdir():
            continue
        name = normalise_member_path(raw_name)
        if name is None:
            yield DocumentError(printable_name(raw_name), "unsafe path (absolute, '..' or control characters): skipped")
            continue
        if member.issym():
            yield DocumentError(name, f"symbolic link to {member.linkname[:80]!r}: not followed, skipped")
            continue
        if member.islnk():
            yield DocumentError(name, f"hard link to {member.linkname[:80]!r}: not followed, skipped")
            continue
        if member.ischr() or member.isblk():
            yield DocumentError(name, "device file: skipped")
            continue
        if member.isfifo():
            yield DocumentError(name, "named pipe: skipped")
            continue
        if member.issparse() or not member.isreg():
            yield DocumentError(name, "unsupported tar member type: skipped")
            continue
        # Archive root folder: decided by the caller (names are relative to the archive here).
        admitted = admit(name, seen, member.size, limits)
        if not isinstance(admitted, tuple):
            yield admitted
            continue
        kind, _cap = admitted
        fobj = tf.extractfile(member)
        if fobj is None:  # pragma: no cover - regular files always have data
            continue
        data = fobj.read()
        if len(data) != member.size:
            raise BundleError(f"{label}: truncated tar archive at {name!r}")
        yield Member(name, data, kind)  # type: ignore[arg-type]
