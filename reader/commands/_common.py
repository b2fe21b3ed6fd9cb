"""Helpers shared by the command modules. Light at import time: heavy imports live in functions."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date

_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print data as JSON")


def add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters")
    group.add_argument("--bundle", metavar="ID", help="only articles from this bundle (id from `reader stats --bundles`)")
    group.add_argument("--source", metavar="NAME", help="only articles from this source (either script)")
    group.add_argument("--unread", action="store_true", help="only unread articles")
    group.add_argument("--bookmarked", action="store_true", help="only bookmarked articles")
    group.add_argument("--after", metavar="YYYY-MM-DD", help="published on or after this date")
    group.add_argument("--before", metavar="YYYY-MM-DD", help="published before this date")
    group.add_argument("--tag", metavar="NAME", help="only articles with this tag (either script)")


def iso_date(value: str | None, option: str) -> str | None:
    from reader.errors import UsageError

    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise UsageError(f"{option}: expects a date as YYYY-MM-DD, got {value!r}") from None


def positive_int(value, option: str, allow_zero: bool = False) -> int:
    from reader.errors import UsageError

    try:
        number = int(value)
    except (TypeError, ValueError):
        raise UsageError(f"{option}: expects a whole number, got {value!r}") from None
    if number < 0 or (number == 0 and not allow_zero):
        raise UsageError(f"{option}: must be {'0 or more' if allow_zero else 'at least 1'}, got {number}")
    return number


def filters_from_args(args):
    from reader.library import ArticleFilter

    bundle = getattr(args, "bundle", None)
    return ArticleFilter(
        bundle_id=positive_int(bundle, "--bundle") if bundle is not None else None,
        source=getattr(args, "source", None) or None,
        unread=bool(getattr(args, "unread", False)),
        bookmarked=bool(getattr(args, "bookmarked", False)),
        after=iso_date(getattr(args, "after", None), "--after"),
        before=iso_date(getattr(args, "before", None), "--before"),
        tag=(getattr(args, "tag", None) or "").strip() or None,
    )


def open_library(args, *, create: bool = False):
    """The library named by ``--db``/``READER_DB``/the default; only ``import`` creates one."""
    from reader.library import Library
    from reader.paths import resolve_db_path

    return Library.open(resolve_db_path(getattr(args, "db", None)), create=create)


def article_id(value, option: str = "ID") -> int:
    from reader.errors import UsageError

    try:
        number = int(str(value).strip())
    except ValueError:
        raise UsageError(f"{option}: an article id is a number, got {value!r}") from None
    if number < 1:
        raise UsageError(f"no article with id {number}")
    return number


def json_dumps(data, indent: int | None = 2) -> str:
    """JSON with real Chinese characters but with C1 controls and bidi marks escaped.

    ``json`` already escapes C0 controls (ESC becomes \\u001b); escaping the rest keeps the
    output inert on a terminal while preserving the data exactly.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def print_json(data) -> None:
    sys.stdout.write(json_dumps(data) + "\n")


def date_part(published: str | None) -> str | None:
    return published[:10] if published else None


def summary_dict(summary) -> dict:
    return {
        "id": summary.id,
        "title": None if summary.untitled else summary.title,  # no headline found on the page
        "untitled": summary.untitled,
        "date": date_part(summary.published),
        "datetime": summary.published,
        "source": summary.source,
        "url": summary.url,
        "script": summary.script,
        "read": summary.read,
        "bookmarked": summary.bookmarked,
        "tags": list(summary.tags),
        "reading_minutes": summary.reading_minutes,
        "progress": summary.progress,
        "bundle_id": summary.bundle_id,
    }


def summary_line(summary) -> str:
    from reader.textsafe import terminal_safe

    flags = ("*" if summary.bookmarked else " ") + (" " if summary.read else "•")
    date_text = date_part(summary.published) or "----------"
    source = terminal_safe(summary.source or "").replace("\n", " ")
    title = terminal_safe(summary.title or "").replace("\n", " ")
    if summary.untitled:
        title = f"({title}: no headline)"  # the file's name, not a line of the page
    tags = "  " + " ".join("#" + terminal_safe(t) for t in summary.tags) if summary.tags else ""
    return f"{summary.id:>6} {flags} {date_text}  {source + '  ' if source else ''}{title}{tags}"


def article_ids(values, option: str = "ID") -> list[int]:
    """Article ids typed on the command line (at least one)."""
    from reader.errors import UsageError

    if not values:
        raise UsageError(f"name at least one article {option}")
    return [article_id(v, option) for v in values]


SCRIPTS = ("original", "traditional", "simplified")
STANDARDS = ("tw", "hk")


def add_script_options(parser: argparse.ArgumentParser, script_help: str) -> None:
    """--script and --standard, as show, export and qr take them."""
    parser.add_argument("--script", default="original", metavar="|".join(SCRIPTS), help=script_help)
    parser.add_argument(
        "--standard", default="tw", metavar="tw|hk", help="Traditional standard for conversion (default tw)"
    )


def check_script_options(args) -> tuple[str, str]:
    from reader.errors import UsageError

    script = (args.script or "").strip().lower()
    if script not in SCRIPTS:
        raise UsageError(f"--script: expects one of {', '.join(SCRIPTS)}, got {args.script!r}")
    standard = (args.standard or "").strip().lower()
    if standard not in STANDARDS:
        raise UsageError(f"--standard: expects tw or hk, got {args.standard!r}")
    return script, standard
