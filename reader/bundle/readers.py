"""Read the members of a folder, zip or tar bundle in memory, one at a time, with limits.

Every reader yields ``Member(name, data)`` for article files and ``DocumentError`` for members
skipped with a reason; it raises ``BundleError`` (never a zipfile/tarfile/zlib/OS exception)
when the whole bundle must be refused. Nothing is ever written to disk and no link is followed.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import lzma
import os
import stat
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from reader.bundle.manifest import MANIFEST_NAME, normalise_member_path, printable_name
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
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
# Other archive and compressed formats we recognise only to say why they are not imported.
_OTHER_ARCHIVES = (".gz", ".bz2", ".xz", ".7z", ".rar", ".zst", ".lz", ".lzma", ".z")
# Files that come with saved web pages or bundle paperwork: skipped without a message.
_ASSET_SUFFIXES = frozenset(
    ".css .js .mjs .map .png .jpg .jpeg .gif .webp .svg .ico .bmp .avif .tif .tiff "
    ".woff .woff2 .ttf .otf .eot .mp3 .mp4 .webm .ogg .wav .pdf .md .rst .xml .csv .yml .yaml "
    ".sha256 .sha1 .md5 .sig .asc".split()
)
_PAPERWORK = ("readme", "license", "licence", "copying", "notice", "sources", "authors", "changelog")


@dataclass(frozen=True)
class Member:
    name: str  # "/"-separated path relative to the bundle root
    data: bytes
    kind: DocumentKind | None  # None for manifest.json


def archive_kind(name: str) -> str | None:
    """'zip' or 'tar' if the file name looks like an archive we read, else None."""
    lower = name.lower()
    if lower.endswith(".zip"):
        return "zip"
    if lower.endswith(ARCHIVE_SUFFIXES):
        return "tar"
    return None


def classify(name: str) -> DocumentKind | str | None:
    """For a normalised member path: its DocumentKind, None to skip silently, or a reason string.

    Reason strings start with "!" so callers can tell them from kinds.
    """
    parts = name.split("/")
    base = parts[-1]
    if any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return None  # hidden files, editor droppings, macOS resource forks
    lower = base.lower()
    suffix = os.path.splitext(lower)[1]
    if suffix in ARTICLE_KINDS:
        if lower.startswith(_PAPERWORK):
            return None
        return ARTICLE_KINDS[suffix]
    if archive_kind(lower) or lower.endswith(_OTHER_ARCHIVES):
        return "!archive inside a bundle is not imported (extract it and import it on its own)"
    if suffix in _ASSET_SUFFIXES or lower.startswith(_PAPERWORK) or base in ("Thumbs.db",):
        return None
    return f"!unsupported file type {suffix or '(no extension)'!r}"


def _depth_ok(name: str, limits: Limits) -> bool:
    return name.count("/") <= limits.max_path_depth and len(name) <= limits.max_name_chars


def _decode_raw_name(raw: bytes) -> str:
    """A member name stored as bytes without an encoding flag: UTF-8, else GB18030, else Big5."""
    for codec in ("utf-8", "gb18030", "big5hkscs"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


class _Budget:
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


def _read_capped(fileobj: BinaryIO, cap: int) -> bytes | None:
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
    if kind in ("json", "jsonl", None):  # None: manifest.json, checked against its own limit later
        return max(limits.max_feed_bytes, limits.max_file_bytes)
    return limits.max_file_bytes


def _too_large(size: int | None, cap: int) -> str:
    if size is None:
        return f"file too large (over the limit of {cap} bytes)"
    return f"file too large ({size} bytes, limit {cap})"


# --------------------------------------------------------------------------------------------
# folders


def iter_folder(
    root: Path, label: str, limits: Limits, *, recursive: bool = True, skip_archives: bool = False
) -> Iterator[Member | DocumentError]:
    """Files under ``root`` in sorted order. Links and special files are skipped with a reason.

    ``recursive=False, skip_archives=True`` is the loose-files bundle of a folder of bundles:
    only the files directly inside, archives being bundles of their own.
    """
    budget = _Budget(label, limits, None)

    def walk(folder: Path, prefix: str, depth: int) -> Iterator[Member | DocumentError]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            raise BundleError(f"{label}: cannot read folder {folder}: {exc.strerror or exc}") from None
        for entry in entries:
            budget.count_member()
            name = prefix + entry.name
            if normalise_member_path(entry.name) is None:
                yield DocumentError(printable_name(name), "unsafe name (control characters): skipped")
                continue
            try:
                if entry.is_symlink():
                    yield DocumentError(name, "symbolic link: not followed, skipped")
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if not recursive or entry.name.startswith(".") or entry.name == "__MACOSX":
                        continue
                    if depth >= limits.max_path_depth:
                        yield DocumentError(name, f"folder nested deeper than {limits.max_path_depth}")
                        continue
                    yield from walk(Path(entry.path), name + "/", depth + 1)
                    continue
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                yield DocumentError(name, f"cannot read: {exc.strerror or exc}")
                continue
            if not stat.S_ISREG(st.st_mode):
                yield DocumentError(name, "not a regular file (device, socket or pipe): skipped")
                continue
            if skip_archives and archive_kind(entry.name):
                continue
            kind = _member_kind(name)
            if kind is None:
                continue
            if isinstance(kind, DocumentError):
                yield kind
                continue
            if kind == "manifest":
                kind = None
            if not _depth_ok(name, limits):
                yield DocumentError(name, "path too long or too deep")
                continue
            cap = size_cap(kind, limits)
            if st.st_size > cap:
                yield DocumentError(name, _too_large(st.st_size, cap))
                continue
            try:
                with open(entry.path, "rb") as fh:
                    data = _read_capped(fh, cap)
            except OSError as exc:
                yield DocumentError(name, f"cannot read: {exc.strerror or exc}")
                continue
            if data is None:
                yield DocumentError(name, _too_large(None, cap))
                continue
            budget.expand_to(budget.total + len(data))
            yield Member(name, data, kind)  # type: ignore[arg-type]

    yield from walk(root, "", 0)


# --------------------------------------------------------------------------------------------
# zip


def _unicode_path_extra(extra: bytes, raw: bytes) -> str | None:
    """The Info-ZIP Unicode Path extra field (0x7075), if present and matching the raw name."""
    i = 0
    while i + 4 <= len(extra):
        tag = int.from_bytes(extra[i : i + 2], "little")
        size = int.from_bytes(extra[i + 2 : i + 4], "little")
        body = extra[i + 4 : i + 4 + size]
        if tag == 0x7075 and len(body) >= 5 and body[0] == 1:
            if int.from_bytes(body[1:5], "little") == zlib.crc32(raw):
                try:
                    return body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
        i += 4 + size
    return None


def _zip_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.orig_filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    return _unicode_path_extra(info.extra, raw) or _decode_raw_name(raw)


def _member_kind(name: str):
    """'manifest' for a manifest.json at the top or one folder down (the caller decides which
    counts), a DocumentKind, None to skip silently, or a DocumentError."""
    if name.split("/")[-1] == MANIFEST_NAME and name.count("/") <= 1:
        return "manifest"
    kind = classify(name)
    if isinstance(kind, str) and kind.startswith("!"):
        return DocumentError(name, kind[1:])
    return kind


def _admit(name: str, seen: set[str], size: int, limits: Limits):
    """The checks every archive member passes, whatever the archive format.

    Returns ``(kind, cap)`` for a member to read (kind None: the manifest), None to skip it
    silently (not an article file), or a DocumentError saying why it is skipped.
    """
    if name in seen:
        return DocumentError(name, "duplicate member name: later copy skipped")
    seen.add(name)
    kind = _member_kind(name)
    if kind is None or isinstance(kind, DocumentError):
        return kind
    if kind == "manifest":
        kind = None
    if not _depth_ok(name, limits):
        return DocumentError(name, "path too long or too deep")
    cap = size_cap(kind, limits)
    if size > cap:
        return DocumentError(name, _too_large(size, cap))
    return kind, cap


def _check_zip_entry_count(path: Path, label: str, limits: Limits) -> None:
    """Refuse a zip claiming too many entries before zipfile builds an object for each."""
    end_record = getattr(zipfile, "_EndRecData", None)
    index = getattr(zipfile, "_ECD_ENTRIES_TOTAL", None)
    if end_record is None or index is None:  # pragma: no cover - other Python versions
        return
    with open(path, "rb") as fh:
        rec = end_record(fh)
    if rec and rec[index] > limits.max_members:
        raise BundleError(f"{label}: {rec[index]} members, more than {limits.max_members} (limit)")


def iter_zip(path: Path, label: str, limits: Limits) -> Iterator[Member | DocumentError]:
    try:
        size = path.stat().st_size
        _check_zip_entry_count(path, label, limits)
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise BundleError(f"{label}: not a readable zip archive (truncated or corrupt): {exc}") from None
    with zf:
        infos = zf.infolist()
        budget = _Budget(label, limits, size)
        if len(infos) > limits.max_members:
            raise BundleError(f"{label}: {len(infos)} members, more than {limits.max_members} (limit)")
        # Overlapping entries (several names pointing at the same compressed bytes) are the mark of
        # a non-recursive zip bomb; legitimate zips never overlap.
        by_offset = sorted(infos, key=lambda i: i.header_offset)
        for a, b in zip(by_offset, by_offset[1:]):
            if a.header_offset + 30 + a.compress_size > b.header_offset:
                raise BundleError(f"{label}: overlapping zip entries ({a.filename!r}, {b.filename!r}); refused")
        start_dir = getattr(zf, "start_dir", None)
        if by_offset and start_dir is not None:
            last = by_offset[-1]
            if last.header_offset + 30 + last.compress_size > start_dir:
                raise BundleError(f"{label}: zip entry {last.filename!r} overlaps the central directory; refused")
        declared = 0
        for info in infos:
            declared += info.file_size
            if (
                info.file_size > limits.ratio_check_min_bytes
                and info.file_size / max(info.compress_size, 1) > limits.max_compression_ratio
            ):
                raise BundleError(
                    f"{label}: member {info.filename!r} expands {info.file_size / max(info.compress_size, 1):.0f}:1, "
                    f"over the limit {limits.max_compression_ratio:.0f}:1; refused as a possible zip bomb"
                )
        budget.expand_to(declared)
        budget.total = 0

        entries = []
        for info in infos:
            if info.is_dir():
                continue
            entries.append((info, _zip_name(info)))
        seen: set[str] = set()
        for info, raw_name in sorted(entries, key=lambda e: e[1]):
            name = normalise_member_path(raw_name)
            if name is None:
                yield DocumentError(printable_name(raw_name), "unsafe path (absolute, '..' or control characters): skipped")
                continue
            mode = info.external_attr >> 16
            if mode and stat.S_ISLNK(mode):
                yield DocumentError(name, "symbolic link: not followed, skipped")
                continue
            if mode and stat.S_IFMT(mode) and not stat.S_ISREG(mode):
                yield DocumentError(name, "not a regular file: skipped")
                continue
            if info.flag_bits & 0x1:
                yield DocumentError(name, "encrypted: skipped")
                continue
            admitted = _admit(name, seen, info.file_size, limits)
            if not isinstance(admitted, tuple):
                if admitted is not None:
                    yield admitted
                continue
            kind, cap = admitted
            try:
                with zf.open(info) as fh:
                    data = _read_capped(fh, cap)
            except NotImplementedError as exc:
                yield DocumentError(name, f"unsupported zip compression: {exc}")
                continue
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, lzma.LZMAError) as exc:
                raise BundleError(f"{label}: corrupt zip archive at {name!r}: {exc}") from None
            if data is None:
                yield DocumentError(name, _too_large(None, cap))
                continue
            budget.expand_to(budget.total + len(data))
            yield Member(name, data, kind)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# tar


class _Tracked(io.RawIOBase):
    """A read-only view of the decompressed tar stream that remembers the last block read and
    enforces the limits on every read, including tarfile's own reads of pax and GNU long-name
    headers (which it would otherwise load whole, whatever size they claim)."""

    def __init__(self, inner: BinaryIO, budget: "_Budget", max_read: int):
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


def iter_tar(path: Path, label: str, limits: Limits) -> Iterator[Member | DocumentError]:
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
            budget = _Budget(label, limits, size if stream is not fh else None)
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
        return _decode_raw_name(name.encode("utf-8", "surrogateescape"))


def _tar_members(
    tf: tarfile.TarFile, label: str, limits: Limits, budget: _Budget, seen: set[str]
) -> Iterator[Member | DocumentError]:
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
        admitted = _admit(name, seen, member.size, limits)
        if not isinstance(admitted, tuple):
            if admitted is not None:
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


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()
