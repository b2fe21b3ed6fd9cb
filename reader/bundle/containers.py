"""The registry of container formats: files that hold many articles (JSON Lines, feeds, EPUB,
web archives...), one reader module each, and their expansion wherever such a file turns up.

A container's reader is ``read(stream, name, limits) -> Iterator[Member | Skipped | DocumentError]``:
``stream`` is the file opened for binary reading (seekable), ``name`` its path in the bundle,
which prefixes its entries' names (``items.entry_name``). It yields one ``Member`` per entry, with
the entry's own bytes and ``hints`` (``container`` and ``entry`` set), and raises ``BundleError``
when the file cannot be read at all. A file given on the command line is read straight from disk,
record by record (``formats``); one found inside a folder or an archive is expanded here, one level
deep, and fails alone.

Adding a format: its module, its names in ``items.CONTAINER_SUFFIXES``, one line in ``CONTAINERS``.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from reader.bundle import epub, feeds, jsonfeed, jsonl, markdown, mhtml, newsboat, singlefile, wacz, wallabag, warc, zim
from reader.bundle.items import CONTAINER_KIND, CONTAINER_SUFFIXES, Member, Skipped
from reader.errors import BundleError, DocumentError
from reader.limits import Limits

HEAD_BYTES = 4096  # what recognising a container by its content reads of it
Reader = Callable[[BinaryIO, str, Limits], Iterator[Member | Skipped | DocumentError]]


@dataclass(frozen=True)
class Container:
    name: str  # hints.container of its entries, and BundleSource.kind of a file given on its own
    read: Reader
    sniff: Callable[[bytes], bool] | None = None  # first bytes that claim a file, whatever its name
    what: str = "document"  # what a file of its names is when its bytes say it is not one of them
    # its names claim a file whatever its first bytes (an EPUB zipped with its mimetype not first)
    trust_name: bool = False

    @property
    def suffixes(self) -> tuple[str, ...]:
        return CONTAINER_SUFFIXES.get(self.name, ())

    def claims_name(self, name: str) -> bool:
        return bool(self.suffixes) and name.lower().endswith(self.suffixes)


CONTAINERS: tuple[Container, ...] = (
    Container("jsonl", jsonl.read_jsonl),
    Container("feed", feeds.read_feed, feeds.sniff, what=feeds.NOT_A_FEED),
    Container("jsonfeed", jsonfeed.read_jsonfeed, jsonfeed.sniff),
    Container("wallabag", wallabag.read_json, wallabag.sniff_json),
    Container("wallabag-csv", wallabag.read_csv, wallabag.sniff_csv, what=wallabag.CSV_NOT_OURS),
    Container("warc", warc.read_warc, warc.sniff, "not a web archive (by its bytes)"),
    Container("wacz", wacz.read_wacz, wacz.sniff, "not a WACZ package (by its bytes)"),
    Container("mhtml", mhtml.read_mhtml, mhtml.sniff, "not an MHTML file (by its bytes)"),
    Container("singlefile", singlefile.read_singlefile, singlefile.sniff),
    Container("epub", epub.read_epub, epub.sniff, trust_name=True),
    Container("newsboat", newsboat.read_newsboat, newsboat.sniff, trust_name=True),
    Container("markdown", markdown.read_markdown),  # one entry: the clip itself
    Container("zim", zim.read_zim, zim.sniff, trust_name=True),  # needs the optional extra reader[zim]
)


def claim(name: str, head: bytes) -> Container | None:
    """The container format of a file: its first bytes first (a feed saved as .txt is a feed),
    then its name for the formats that have no magic of their own."""
    for container in CONTAINERS:
        if container.sniff is not None and container.sniff(head):
            return container
    for container in CONTAINERS:
        if (container.sniff is None or container.trust_name) and container.claims_name(name):
            return container
    return None


def by_name(name: str) -> Container | None:
    return next((c for c in CONTAINERS if c.claims_name(name)), None)


def expand(items: Iterable[Member | Skipped | DocumentError], limits: Limits) -> Iterator[Member | Skipped | DocumentError]:
    """A reader's members with every container file among them replaced by its entries.

    One level deep: a container's entries are never expanded again. A container file that is
    unreadable becomes one DocumentError; the entries read before the damage stand.
    """
    for item in items:
        if not isinstance(item, Member) or item.kind is None or (item.hints is not None and item.hints.container):
            yield item
            continue
        container = claim(item.name, item.data[:HEAD_BYTES])
        if container is None:
            if item.kind == CONTAINER_KIND:  # feed.xml whose bytes are no feed
                named = by_name(item.name)
                yield Skipped(item.name, named.what if named else "document")
            else:
                yield item
            continue
        try:
            yield from container.read(io.BytesIO(item.data), item.name, limits)
        except BundleError as error:
            reason = str(error)
            if reason.startswith(f"{item.name}: "):
                reason = reason[len(item.name) + 2 :]
            yield DocumentError(item.name, reason)
        except Exception as error:  # noqa: BLE001 - a reader's bug on hostile bytes fails this file, not the bundle
            yield DocumentError(item.name, unexpected(container, error))


def unexpected(container: Container, error: Exception) -> str:
    """The reason for an error a container's reader did not foresee (its library choking on
    hostile bytes): one line, never a traceback."""
    detail = " ".join(str(error).split())[:120]
    return f"unreadable {container.name} file ({type(error).__name__}{': ' + detail if detail else ''})"
