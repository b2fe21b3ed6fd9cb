"""``reader-state.jsonl`` at a bundle's root: the tags and highlights that a bundle exported
with ``--with-state`` carries (the state-sync format, ``reader.library.sync``).

It is not an article: the member readers skip it (``members.classify``), and once the bundle's
articles are in, the importer reads it here and merges it (``Library.import_state``), so the
friend's library gets the same tags and highlights. Only zip archives and folders carry one
(what ``reader export --format bundle`` writes, and that bundle unpacked).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from reader.bundle import zip_archive
from reader.bundle.members import STATE_NAME
from reader.errors import BundleError
from reader.limits import Limits

MAX_STATE_BYTES = 64 * 1024 * 1024


def read_state(source, limits: Limits) -> bytes | None:
    """The state file's bytes of a checked ``BundleSource``, or None when it has none.
    BundleError when it is there but cannot be read within the limits."""
    name = (source.root or "") + STATE_NAME
    if source.kind == "folder":
        path = Path(source.path) / name
        if not path.is_file():
            return None
        if path.stat().st_size > MAX_STATE_BYTES:
            raise BundleError(f"{source.label}: {STATE_NAME} is larger than {MAX_STATE_BYTES} bytes")
        return path.read_bytes()
    with open(source.path, "rb") as raw:
        zf, _ = zip_archive.open_checked(raw, source.label, limits)
        with zf:
            try:
                info = zf.getinfo(name)
            except KeyError:
                return None
            if info.file_size > MAX_STATE_BYTES:
                raise BundleError(f"{source.label}: {STATE_NAME} is larger than {MAX_STATE_BYTES} bytes")
            try:
                return zf.read(info)
            except (zipfile.BadZipFile, OSError, EOFError) as error:
                raise BundleError(f"{source.label}: {STATE_NAME} cannot be read: {error}") from None
