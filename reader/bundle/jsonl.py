"""JSON Lines files (one article record per line: ours, news-please's), read a line at a time.

Each non-blank line is an entry of its own (``feed.jsonl#line 12``), so a 45 MB file of 100,000
records is never held whole and a bad line is reported with its number while the rest go in.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from reader.bundle.items import Member, entry_name
from reader.errors import DocumentError
from reader.limits import Limits
from reader.model import ArticleHints


def read_jsonl(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Member | DocumentError]:
    records = 0
    number = 0
    while True:
        line = stream.readline(limits.max_file_bytes + 1)
        if not line:
            break
        number += 1
        where = f"line {number}"
        if len(line) > limits.max_file_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the over-long line
                line = stream.readline(1 << 20)
            yield DocumentError(entry_name(name, where), f"record over the limit max_file_bytes ({limits.max_file_bytes:,} bytes)")
            continue
        if not line.strip():
            continue
        records += 1
        if records > limits.max_entries:
            yield DocumentError(name, f"{where}: more than {limits.max_entries:,} records (limit max_entries): the rest skipped")
            return
        yield Member(entry_name(name, where), line.strip(), "json", ArticleHints(container="jsonl", entry=where))
    if not records:
        yield DocumentError(name, "JSON Lines file holds no record")
