"""Reading state that syncs: the state log (``statelog``) written out and merged back in.

``reader state export FILE`` writes the log as JSON Lines: a header line, then one line per
(article identity, field) with its value (null: removed) and the time of the change.
``reader state import FILE`` merges such a file: per (identity, field) the later change wins;
on a tie the larger value (as canonical JSON) wins, so two libraries that exchange files in
any order end identical. Removals stay as tombstones so that an old "add" never comes back.
Fields this version does not know are kept and exported again, never applied. State for an
article this library does not have stays in the log and is applied when it arrives
(``arrived``). A whole import is one transaction: a file that breaks off (I/O error, Ctrl-C)
leaves the library as it was; a malformed line fails alone, reported with its number.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from reader.errors import UsageError
from reader.library import highlights, state, statelog

FORMAT = "reader-state"
VERSION = 1
MAX_LINE_BYTES = 1_000_000
MAX_IDENTITY_CHARS = 4096
MAX_FIELD_CHARS = 256
MAX_REPORTED_FAILURES = 100


class NotAStateFile(ValueError):
    """The file is not a reader state file at all (refused whole)."""


@dataclass
class ImportReport:
    applied: int = 0  # changes that won and were applied to stored articles
    waiting: int = 0  # changes that won for articles not in this library (kept for later)
    unchanged: int = 0  # changes this library already had, or older than its own
    failed: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    failed_count: int = 0


def header() -> dict:
    return {"format": FORMAT, "version": VERSION, "exported_at": statelog.stamp()}


def export_lines(conn: sqlite3.Connection) -> Iterator[str]:
    """The state file's lines (without newlines), the log sorted for a stable file."""
    yield json.dumps(header(), ensure_ascii=False)
    for ident, name, value, changed_at in conn.execute(
        "SELECT identity, field, value, changed_at FROM state_changes ORDER BY identity, field"
    ):
        yield _line(ident, name, None if value is None else json.loads(value), changed_at)


def snapshot_lines(conn: sqlite3.Connection, article_ids: Iterable[int]) -> Iterator[str]:
    """A state file of the articles' tags and highlights as they are now (the source's own
    included, which the log does not hold): what a bundle passes on to a friend. Read marks,
    bookmarks and positions are the user's own and stay home."""
    yield json.dumps(header(), ensure_ascii=False)
    now = statelog.stamp()
    for article_id in article_ids:
        ident = statelog.identity(conn, article_id)
        for key, name, changed_at in conn.execute(
            "SELECT t.key, t.name, c.changed_at FROM article_tags j JOIN tags t ON t.id = j.tag_id"
            " LEFT JOIN state_changes c ON c.identity = ? AND c.field = 'tag:' || t.key"
            " WHERE j.article_id = ? ORDER BY t.key",
            (ident, article_id),
        ):
            yield _line(ident, "tag:" + key, name, changed_at or now)  # when it was tagged, if logged
        for h in highlights.listed(conn, article_id):
            yield _line(ident, "highlight:" + h.uid, highlights.value_of(h), h.updated_at)


def _line(ident: str, name: str, value, changed_at: str) -> str:
    return json.dumps({"identity": ident, "field": name, "value": value, "changed_at": changed_at},
                      ensure_ascii=False, sort_keys=True)


def _check_header(line: bytes) -> None:
    try:
        data = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotAStateFile("not a reader state file (made by `reader state export`)")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise NotAStateFile("a reader state file without a usable version")
    if version > VERSION:
        raise NotAStateFile(f"a reader state file of version {version}, newer than this reader reads ({VERSION}); upgrade reader")


def _parse(line: bytes) -> tuple[str, str, str | None, str]:
    """(identity, field, value as canonical JSON or None, changed_at) of one line; ValueError if malformed."""
    if len(line) > MAX_LINE_BYTES:
        raise ValueError(f"line longer than {MAX_LINE_BYTES} bytes")
    try:
        data = json.loads(line)
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg})") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    ident, name, changed_at = data.get("identity"), data.get("field"), data.get("changed_at")
    if not isinstance(ident, str) or not ident or len(ident) > MAX_IDENTITY_CHARS:
        raise ValueError("no usable identity")
    if not isinstance(name, str) or not name or len(name) > MAX_FIELD_CHARS:
        raise ValueError("no usable field")
    if "value" not in data:
        raise ValueError("no value")
    if not isinstance(changed_at, str):
        raise ValueError("no changed_at time")
    try:
        datetime.fromisoformat(changed_at)
    except ValueError:
        raise ValueError(f"changed_at is not an ISO 8601 time: {changed_at[:40]!r}") from None
    value = data["value"]
    return ident, name, None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True), changed_at


def _wins(new: tuple[str | None, str], old: tuple[str | None, str] | None) -> bool:
    """Whether (value, changed_at) ``new`` replaces ``old``: later wins, ties go to the larger value."""
    if old is None:
        return True
    if new[1] != old[1]:
        return new[1] > old[1]
    return (new[0] or "null") > (old[0] or "null")


def apply(conn: sqlite3.Connection, ident: str, article_id: int, name: str, value) -> bool:
    """Apply one logged field to a stored article; False for a field this version does not know."""
    if name.startswith("highlight:"):
        highlights.apply_field(conn, ident, article_id, name[len("highlight:"):], value)
        return True
    return state.apply_field(conn, article_id, name, value)


def import_lines(conn: sqlite3.Connection, lines: Iterable[bytes]) -> ImportReport:
    """Merge a state file's lines; the caller holds the transaction."""
    report = ImportReport()
    numbered = enumerate(lines, 1)
    for number, line in numbered:
        if line.strip():
            _check_header(line)
            break
    else:
        raise NotAStateFile("an empty file, not a reader state file")
    for number, line in numbered:
        if not line.strip():
            continue
        try:
            ident, name, value, changed_at = _parse(line)
            old = conn.execute(
                "SELECT value, changed_at FROM state_changes WHERE identity = ? AND field = ?", (ident, name)
            ).fetchone()
            if not _wins((value, changed_at), old):
                report.unchanged += 1
                continue
            conn.execute("SAVEPOINT line")
            try:
                statelog.record(conn, ident, name, None if value is None else json.loads(value), changed_at)
                article_id = statelog.article_for(conn, ident)
                if article_id is None:
                    report.waiting += 1
                else:
                    apply(conn, ident, article_id, name, None if value is None else json.loads(value))
                    report.applied += 1
            except (ValueError, UsageError) as error:  # a value this field cannot take (a tag name with escapes)
                conn.execute("ROLLBACK TO line")
                raise ValueError(str(error)) from None
            finally:
                conn.execute("RELEASE line")
        except ValueError as error:
            report.failed_count += 1
            if len(report.failed) < MAX_REPORTED_FAILURES:
                report.failed.append((number, str(error)))
    return report


def arrived(conn: sqlite3.Connection, article_id: int) -> None:
    """An article came into the library (import, reindex) or changed identity: the state
    logged for it (synced before it arrived, or kept from an earlier copy) applies to it."""
    ident = statelog.identity(conn, article_id)
    highlights.reattach(conn, article_id)
    for name, value in conn.execute(
        "SELECT field, value FROM state_changes WHERE identity = ?", (ident,)
    ).fetchall():
        try:
            apply(conn, ident, article_id, name, None if value is None else json.loads(value))
        except (ValueError, UsageError):  # a value this version cannot use: kept in the log, not applied
            continue


def arrived_since(conn: sqlite3.Connection, first_id: int, schema_name: str = "main") -> None:
    """``arrived`` for the new articles (ids from ``first_id`` on) that have state waiting: one
    query finds them, so an import with nothing waiting costs one scan of its own rows."""
    rows = conn.execute(
        f"SELECT a.id FROM {schema_name}.articles a WHERE a.id >= ? AND (EXISTS (SELECT 1 FROM"
        f" {schema_name}.state_changes s WHERE s.identity = coalesce(a.canonical_url, '{statelog.TEXT_PREFIX}' ||"
        f" a.dedupe_key)) OR EXISTS (SELECT 1 FROM {schema_name}.highlights h WHERE h.article_id IS NULL AND"
        f" h.identity = coalesce(a.canonical_url, '{statelog.TEXT_PREFIX}' || a.dedupe_key)))",
        (int(first_id),),
    ).fetchall()
    for (article_id,) in rows:
        arrived(conn, article_id)
