"""The registry of container formats: how a path is recognised, and which reader yields its members.

Adding a format means adding its module (a function ``(path, label, limits) -> Iterator[Member |
Skipped | DocumentError]`` that raises ``BundleError`` for a container it cannot read at all, and
a ``sniff(head)`` if its first bytes tell it) and one line in ``FILE_FORMATS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.bundle import article_file, containers, folder, tar_archive, zip_archive
from reader.bundle.members import ARTICLE_KINDS, TAR_SUFFIXES, ZIP_SUFFIXES, Member, Skipped
from reader.errors import BundleError, DocumentError
from reader.limits import Limits

Members = Callable[[Path, str, Limits], Iterator[Member | Skipped | DocumentError]]

HEAD_BYTES = containers.HEAD_BYTES  # what recognising a file by its content reads (newsboat's schema ends SQLite's first page)
# Formats of their own that happen to be zip files: never taken for a zip bundle by their bytes
# (a .docx is not a bundle of articles; .epub is a container of its own)
_ZIP_BASED_DOCUMENTS = (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".jar", ".apk", ".ipa",
                        ".whl", ".xpi", ".kmz", ".cbz")


@dataclass(frozen=True)
class Format:
    name: str  # BundleSource.kind
    members: Members
    suffixes: tuple[str, ...] = ()  # names that claim the format (lower case)
    sniff: Callable[[bytes], bool] | None = None  # first bytes that claim it, for unclaimed names
    archive: bool = False  # an archive: inside a folder of bundles, a bundle of its own

    def claims_name(self, name: str) -> bool:
        return name.lower().endswith(self.suffixes)


def _container_file(container: containers.Container) -> Members:
    """A container file given on its own, read straight from disk entry by entry (a 2 GB web
    archive is never held in memory)."""

    def members(path: Path, label: str, limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below, after the last entry
        except OSError as exc:
            raise BundleError(f"{label}: cannot read: {exc.strerror or exc}") from None
        with handle:
            try:
                yield from container.read(handle, path.name, limits)
            except BundleError:
                raise
            except Exception as error:  # noqa: BLE001 - a reader's bug on hostile bytes: one line, no traceback
                raise BundleError(f"{label}: {containers.unexpected(container, error)}") from None

    return members


# Containers that are bundles of their own even inside a folder of bundles: big files, streamed.
# JSON Lines files stay with the folder's loose articles, as they always have, and so do saved
# pages (an MHTML file is one page, like an .html: a folder of 10,000 is one bundle, not 10,000)
# and Markdown clips.
_LOOSE_CONTAINERS = ("jsonl", "mhtml", "markdown")

FILE_FORMATS: tuple[Format, ...] = (
    Format("zip", zip_archive.iter_zip, ZIP_SUFFIXES, zip_archive.sniff, archive=True),
    Format("tar", tar_archive.iter_tar, TAR_SUFFIXES, tar_archive.sniff, archive=True),
    *(
        Format(c.name, _container_file(c), c.suffixes, c.sniff, archive=c.name not in _LOOSE_CONTAINERS)
        for c in containers.CONTAINERS
    ),
    Format("file", article_file.iter_file, tuple(ARTICLE_KINDS)),
)


def _own_bundle(name: str) -> bool:
    """Whether a file inside a folder of bundles is a bundle of its own (an archive, a feed)."""
    found = by_file_name(name)
    return found is not None and found.archive


FOLDER = Format("folder", folder.iter_folder)  # a folder with manifest.json
# the article files directly inside a folder of bundles
LOOSE = Format("loose", lambda path, label, limits: folder.iter_folder(path, label, limits, recursive=False, skip=_own_bundle))
BY_NAME = {f.name: f for f in (*FILE_FORMATS, FOLDER, LOOSE)}


def by_file_name(name: str) -> Format | None:
    return next((f for f in FILE_FORMATS if f.claims_name(name)), None)


def _sniffed_container(path: Path) -> Format | None:
    try:
        with open(path, "rb") as handle:
            head = handle.read(containers.HEAD_BYTES)
    except OSError:
        return None  # discovery reports the unreadable file when it opens it
    claimed = containers.claim("", head)  # by content only
    return BY_NAME[claimed.name] if claimed is not None else None


def recognise_file(path: Path) -> Format | None:
    """The format of a file: by its name, else by its first bytes; None when nothing claims it.
    An article's name whose bytes are a container's (a JSON Feed named .json, a feed saved as
    .txt) is that container, streamed from disk; a .zip is looked into too: an EPUB renamed .zip
    is a book, not a bundle."""
    found = by_file_name(path.name)
    if found is not None and found.name == "file":
        return _sniffed_container(path) or found
    if (found is not None and found.name != "zip") or path.name.lower().endswith(_ZIP_BASED_DOCUMENTS):
        return found
    # a container's own magic first: an EPUB's bytes are a zip's too
    sniffers = sorted((f for f in FILE_FORMATS if f.sniff is not None), key=lambda f: f.name in ("zip", "tar"))
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return found  # discovery reports the unreadable file when it opens it
    return next((f for f in sniffers if f.sniff(head)), found)
