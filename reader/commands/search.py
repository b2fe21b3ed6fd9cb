"""reader search QUERY: ranked full-text search, Simplified and Traditional alike.

Query language: words are ANDed; "quoted phrase"; -word excludes; source:NAME,
after:YYYY-MM-DD, before:YYYY-MM-DD filter.
"""

from __future__ import annotations

import argparse

from reader.commands._common import add_filters, add_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query",
        nargs="*",
        metavar="QUERY",
        help='words (ANDed), "phrases", -excluded, source:NAME, tag:NAME, after:YYYY-MM-DD, before:YYYY-MM-DD',
    )
    parser.add_argument(
        "--save", metavar="NAME", help="save the query under NAME (listed by `reader searches`) instead of running it"
    )
    parser.add_argument("--limit", default="20", help="how many results (default 20)")
    parser.add_argument("--offset", default="0", help="skip this many first")
    add_filters(parser)
    add_json(parser)
    # `-word` excludes a word: unknown dash arguments are query text, not options
    parser.set_defaults(extras_into="query")


def _highlight(text: str, spans, on: bool) -> str:
    from reader.textsafe import terminal_safe

    if not on or not spans:
        return terminal_safe(text)
    out, pos = [], 0
    for start, end in spans:
        out.append(terminal_safe(text[pos:start]))
        out.append("\x1b[1;7m" + terminal_safe(text[start:end]) + "\x1b[0m")
        pos = end
    out.append(terminal_safe(text[pos:]))
    return "".join(out)


def run(args: argparse.Namespace) -> int:
    import sys

    from reader.commands._common import (
        date_part,
        filters_from_args,
        open_library,
        positive_int,
        print_json,
        summary_dict,
    )

    limit = positive_int(args.limit, "--limit")
    offset = positive_int(args.offset, "--offset", allow_zero=True)
    filters = filters_from_args(args)
    query = " ".join(args.query)
    if args.save is not None:
        from reader.textsafe import terminal_safe

        with open_library(args) as library:
            saved = library.save_search(args.save, query)
        print(f"saved {terminal_safe(saved.name)}: {saved.count} articles, {saved.unread} unread")
        return 0
    with open_library(args) as library:
        hits = library.search(query, filters, limit=limit, offset=offset)
    if args.json:
        items = []
        for hit in hits:
            item = summary_dict(hit.summary)
            item.update(
                snippet=hit.snippet,
                spans=[list(s) for s in hit.spans],
                title_spans=[list(s) for s in hit.title_spans],
                rank=hit.rank,
            )
            items.append(item)
        print_json(items)
        return 0
    color = sys.stdout.isatty()
    if not hits:
        print("no matches", file=sys.stderr)
        return 0
    for hit in hits:
        s = hit.summary
        source = _highlight(s.source or "", (), False)
        title = _highlight(s.title or "", hit.title_spans, color).replace("\n", " ")
        if getattr(s, "untitled", False):
            title = f"({title}: no headline)"  # the file's name, as `reader list` shows it
        print(f"{s.id:>6}  {date_part(s.published) or '----------'}  {source + '  ' if source else ''}{title}")
        if hit.snippet:
            print("        " + _highlight(hit.snippet, hit.spans, color))
    return 0
