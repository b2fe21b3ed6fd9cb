"""SingleFile pages: an .html saved by the SingleFile extension (or a Zotero snapshot), which
opens with the comment ``<!-- Page saved with SingleFile url: … saved date: … -->``.

The page is an ordinary HTML article; what the comment adds is where and when it was saved. It
is read as a container of one entry, recognised by that comment wherever the file turns up
(given on its own, in a folder or an archive), so that the page's bytes stay exactly as saved
(``reindex`` re-reads them) and the comment's facts travel as hints, like a web archive's:
``hints.fetched_url`` (the page's own canonical URL wins over it) and ``hints.saved``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from reader.bundle.items import Member, entry_name
from reader.bundle.members import read_capped
from reader.errors import DocumentError
from reader.limits import Limits
from reader.model import ArticleHints

_COMMENT = re.compile(rb"<!--\s*(?:Page saved with|Archive processed by) SingleFile\s*(.*?)-->", re.DOTALL)  # and its 1.x wording
_FIELD = re.compile(r"^\s*(url|saved date):\s*(.+?)\s*$", re.MULTILINE)


def sniff(head: bytes) -> bool:
    """An HTML file (markup from its first byte, no NUL: not a zip or tar that stores such a page
    uncompressed) carrying SingleFile's comment near its top."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"<") and b"\x00" not in head and _COMMENT.search(head[:4096]) is not None


def read_singlefile(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Member | DocumentError]:
    data = read_capped(stream, limits.max_file_bytes)
    if data is None:
        yield DocumentError(name, f"file too large (over the limit of {limits.max_file_bytes} bytes)")
        return
    found = _COMMENT.search(data[:4096])
    fields = dict(_FIELD.findall(found.group(1).decode("utf-8", "replace"))) if found else {}
    url = fields.get("url")
    hints = ArticleHints(container="singlefile", entry=url or "page", fetched_url=url,
                         saved=_iso_date(fields.get("saved date", "")))
    yield Member(entry_name(name, url or "page"), data, "html", hints)


def _iso_date(text: str) -> str | None:
    """SingleFile writes JavaScript's Date.toString() (``Sat Dec 04 2021 10:00:00 GMT+0800
    (China Standard Time)``), sometimes the day alone; ISO 8601 is accepted too."""
    text = text.split(" (", 1)[0].strip()
    for parse in (lambda t: datetime.strptime(t, "%a %b %d %Y %H:%M:%S GMT%z"),
                  lambda t: datetime.strptime(t, "%a %b %d %Y").date(), datetime.fromisoformat):
        try:
            return parse(text.replace("Z", "+00:00") if "T" in text else text).isoformat()
        except ValueError:
            continue
    return None
