"""Zip bundles: members read one at a time, with the zip-bomb checks (ratios, overlaps, counts)."""

from __future__ import annotations

import lzma
import stat
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from reader.bundle.manifest import normalise_member_path, printable_name
from reader.bundle.members import Budget, Member, Skipped, admit, decode_raw_name, read_capped, too_large
from reader.errors import BundleError, DocumentError
from reader.limits import Limits

MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header; the end record of an empty zip


def sniff(head: bytes) -> bool:
    return head.startswith(MAGIC)


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
    return _unicode_path_extra(info.extra, raw) or decode_raw_name(raw)


def _check_zip_entry_count(fileobj: BinaryIO, label: str, limits: Limits) -> None:
    """Refuse a zip claiming too many entries before zipfile builds an object for each."""
    end_record = getattr(zipfile, "_EndRecData", None)
    index = getattr(zipfile, "_ECD_ENTRIES_TOTAL", None)
    if end_record is None or index is None:  # pragma: no cover - other Python versions
        return
    rec = end_record(fileobj)
    fileobj.seek(0)
    if rec and rec[index] > limits.max_members:
        raise BundleError(f"{label}: {rec[index]} members, more than {limits.max_members} (limit)")


def open_checked(fileobj: BinaryIO, label: str, limits: Limits) -> tuple[zipfile.ZipFile, Budget]:
    """A zip file (a bundle, an EPUB, a WACZ) opened after the zip-bomb checks that need no
    decompression: entry count, overlapping entries, declared sizes and ratios. Raises
    BundleError. The Budget counts what is then read against ``max_total_bytes``."""
    what = "zip archive"
    try:
        fileobj.seek(0, 2)
        size = fileobj.tell()
        fileobj.seek(0)
        _check_zip_entry_count(fileobj, label, limits)
        zf = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise BundleError(f"{label}: not a readable {what} (truncated or corrupt): {exc}") from None
    infos = zf.infolist()
    budget = Budget(label, limits, size)
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
    return zf, budget


def read_checked(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, budget: Budget, label: str) -> bytes | None:
    """One member's bytes (None: over ``cap``), counted against the budget. Raises BundleError
    for a corrupt archive; NotImplementedError for a compression method zipfile lacks."""
    try:
        with zf.open(info) as fh:
            data = read_capped(fh, cap)
    except NotImplementedError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, lzma.LZMAError) as exc:
        raise BundleError(f"{label}: corrupt zip archive at {info.filename!r}: {exc}") from None
    if data is not None:
        budget.expand_to(budget.total + len(data))
    return data


def iter_zip(path: Path, label: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed with the archive
    except OSError as exc:
        raise BundleError(f"{label}: not a readable zip archive (truncated or corrupt): {exc}") from None
    with handle:
        zf, budget = open_checked(handle, label, limits)
        yield from _members(zf, budget, label, limits)


def _members(zf: zipfile.ZipFile, budget: Budget, label: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    with zf:
        infos = zf.infolist()
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
            admitted = admit(name, seen, info.file_size, limits)
            if not isinstance(admitted, tuple):
                yield admitted
                continue
            kind, cap = admitted
            try:
                data = read_checked(zf, info, cap, budget, label)
            except NotImplementedError as exc:
                yield DocumentError(name, f"unsupported zip compression: {exc}")
                continue
            if data is None:
                yield DocumentError(name, too_large(None, cap))
                continue
            yield Member(name, data, kind)  # type: ignore[arg-type]
