"""WACZ (Webrecorder, Browsertrix, ArchiveWeb.page): a zip of web archives, ``archive/*.warc.gz``,
with ``pages/pages.jsonl``, ``datapackage.json`` and indexes beside them.

Opened with the zip-bomb checks of zip bundles (``zip_archive.open_checked``); each web archive
inside is read record by record as a ``.warc.gz`` file is (``warc``), its entries named
``crawl.wacz#archive/data.warc.gz#<record id> <URI>``, and a revisit may name a page in another
of its archives. The other members are the package's index and metadata, skipped as such.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from reader.bundle import warc, zip_archive
from reader.bundle.items import Member, Skipped, entry_name
from reader.bundle.manifest import normalise_member_path, printable_name
from reader.errors import BundleError, DocumentError
from reader.limits import Limits

_ARCHIVES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def sniff(head: bytes) -> bool:
    """A zip whose first member is a WACZ's (``archive/``, ``datapackage.json``, ``pages/``...):
    the zip local header's name field, at byte 30."""
    if not head.startswith(b"PK\x03\x04") or len(head) < 30:
        return False
    size = int.from_bytes(head[26:28], "little")
    first = head[30 : 30 + size]
    return first.startswith((b"archive/", b"pages/", b"indexes/")) or first in (b"datapackage.json", b"datapackage-digest.json")


def read_wacz(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    zf, budget = zip_archive.open_checked(stream, name, limits)
    with zf:
        infos = sorted((i for i in zf.infolist() if not i.is_dir()), key=lambda i: i.filename)
        if not any(normalise_member_path(i.filename) == "datapackage.json" or i.filename.startswith("archive/") for i in infos):
            raise BundleError(f"{name}: not a WACZ package (no archive/ folder, no datapackage.json)")
        pages = warc.Pages()
        for info in infos:
            path = normalise_member_path(info.filename)
            if path is None:
                yield DocumentError(entry_name(name, printable_name(info.filename)), "unsafe path (absolute, '..' or control characters): skipped")
                continue
            label = entry_name(name, path)
            if not (path.startswith("archive/") and path.lower().endswith(_ARCHIVES)):
                yield Skipped(label, "WACZ index or metadata")
                continue
            if info.flag_bits & 0x1:
                yield DocumentError(label, "encrypted: skipped")
                continue
            budget.expand_to(budget.total + info.file_size)
            try:
                with zf.open(info) as member:
                    yield from warc.read_records(member, f"{name}: {path}", label, limits, pages, _reader(zf, info, limits))
            except warc.ArchiveBomb:
                raise
            except BundleError as error:
                yield DocumentError(label, str(error).split(": ", 2)[-1])


def _reader(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits):
    """Reads a page of one archive again, for a revisit met later (perhaps in another archive)."""

    def reread(offset: int) -> tuple[bytes, str | None] | None:
        with zf.open(info) as member:
            return warc.payload_at(member, offset, limits)

    return reread
