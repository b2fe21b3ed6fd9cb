"""A bundle folder (with manifest.json, read recursively), or the loose article files of a folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Callable, Iterator

from reader.bundle.manifest import normalise_member_path, printable_name
from reader.bundle.members import (
    Budget,
    Member,
    Skipped,
    depth_ok,
    member_kind,
    read_capped,
    size_cap,
    too_large,
)
from reader.errors import BundleError, DocumentError
from reader.limits import Limits


def iter_folder(
    root: Path, label: str, limits: Limits, *, recursive: bool = True, skip: Callable[[str], bool] | None = None
) -> Iterator[Member | Skipped | DocumentError]:
    """Files under ``root`` in sorted order. Links and special files are skipped with a reason.

    ``recursive=False`` with ``skip`` (the names that are bundles of their own: archives, feeds)
    is the loose-files bundle of a folder of bundles: only the files directly inside.
    """
    budget = Budget(label, limits, None)

    def walk(folder: Path, prefix: str, depth: int) -> Iterator[Member | Skipped | DocumentError]:
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
                    if not recursive:
                        continue  # the loose files' bundle: sub-folders are bundles of their own
                    if entry.name.startswith(".") or entry.name == "__MACOSX":
                        yield Skipped(name + "/", "hidden folder")
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
            if skip is not None and skip(entry.name):
                continue  # a bundle of its own, found by discovery
            kind = member_kind(name)
            if isinstance(kind, (Skipped, DocumentError)):
                yield kind
                continue
            if kind == "manifest":
                kind = None
            if not depth_ok(name, limits):
                yield DocumentError(name, "path too long or too deep")
                continue
            cap = size_cap(kind, limits)
            if st.st_size > cap:
                yield DocumentError(name, too_large(st.st_size, cap))
                continue
            try:
                with open(entry.path, "rb") as fh:
                    data = read_capped(fh, cap)
            except OSError as exc:
                yield DocumentError(name, f"cannot read: {exc.strerror or exc}")
                continue
            if data is None:
                yield DocumentError(name, too_large(None, cap))
                continue
            budget.expand_to(budget.total + len(data))
            yield Member(name, data, kind)  # type: ignore[arg-type]

    yield from walk(root, "", 0)

