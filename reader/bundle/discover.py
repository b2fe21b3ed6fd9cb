"""Discovery: command-line paths become ``BundleSource``s, cheaply (nothing is read yet).

A folder with manifest.json is a bundle; a folder without one is a folder of bundles (its loose
article files are one bundle; each archive and sub-folder inside is discovered by the same
rules); a file is whatever format claims it by its name, else by its first bytes (``formats``).
Inside a folder of bundles only names are looked at (and the first bytes of a .zip, which may be
an EPUB renamed), so that a folder of photos costs no reads.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, Sequence

from reader.bundle import formats
from reader.bundle.manifest import MANIFEST_NAME
from reader.bundle.members import Skipped, classify
from reader.bundle.source import BundleSource
from reader.limits import DEFAULT_LIMITS, Limits


def _is_article(name: str) -> bool:
    """Whether a file named on its own is an article (not one that a bundle would skip: README.txt)."""
    return isinstance(classify(name), str)


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
        container = formats.recognise_file(path)
        if container is not None and (container.archive or _is_article(path.name)):
            yield BundleSource(path, container.name, limits)
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
                container = formats.by_file_name(entry.name)
                if container is not None and container.name == "zip":
                    container = formats.recognise_file(path)  # an EPUB renamed .zip is a book
                if container is not None and container.archive:
                    later.append(BundleSource(path, container.name, limits))
                elif not isinstance(classify(entry.name), Skipped):
                    has_loose = True  # an article, or a file the loose bundle reports as unsupported
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
