"""What every reader yields: ``Member`` (a file or a container's entry, with its bytes) and
``Skipped`` (not an article, and what it is). A leaf module, so that the container formats and
the bundle readers can share these without importing each other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reader.model import ArticleHints, DocumentKind

# A member whose bytes must be read before we know what it holds: a name some container format
# claims (feed.xml, book.epub), expanded into its entries by ``containers.expand``.
CONTAINER_KIND = "container"

# The names each container format claims (lower case), written once: ``members.classify`` reads
# them to know which files to read and expand, ``containers`` to pick the reader.
CONTAINER_SUFFIXES: dict[str, tuple[str, ...]] = {
    "jsonl": (".jsonl", ".ndjson"),
    "feed": (".rss", ".atom", ".xml", ".rdf"),
    "wallabag-csv": (".csv",),
    "warc": (".warc", ".warc.gz", ".arc", ".arc.gz"),
    "wacz": (".wacz",),
    "mhtml": (".mht", ".mhtml"),
    "epub": (".epub",),
    "markdown": (".md", ".markdown"),  # README.md and the like stay bundle paperwork
    "newsboat": (".db",),
    "zim": (".zim",),  # cache.db; any other SQLite file is refused as "not a newsboat cache"
}


@dataclass(frozen=True)
class Member:
    """A file of a bundle (``name``: "/"-separated path relative to the bundle root), or one entry
    of a container file (``name``: the file's path, "#", the entry: ``feed.jsonl#line-12``).

    ``kind`` is None for manifest.json and ``CONTAINER_KIND`` for a file still to be expanded.
    ``hints`` is what the container says of its entry (title, link, date, read state, where it
    came from); a manifest's hints for the same name go on top.
    """

    name: str
    data: bytes
    kind: DocumentKind | str | None
    hints: ArticleHints | None = None
    # the bytes of what the entry refers to (its page's images), for ``RawDocument.resources``:
    # set by the containers that hold them (MHTML, EPUB, WARC); a bundle's files are found by
    # ``resources.BundleFiles``
    resources: Callable[[str], bytes | None] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Skipped:
    """A file in a bundle that is not an article, and what it is ("image", "hidden file")."""

    name: str
    reason: str


def entry_name(container: str, entry: str) -> str:
    """The member name of one entry of a container file: ``feed.xml#<guid>``. Control characters
    and runs of whitespace become one space, and the entry is cut at 300 characters, so that a
    hostile guid cannot make a message unreadable."""
    cleaned = " ".join("".join(c if c.isprintable() else " " for c in entry).split())
    return f"{container}#{cleaned[:300]}"
