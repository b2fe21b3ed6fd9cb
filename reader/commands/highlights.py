"""reader highlights [ID]: highlights and notes, of one article or all."""

from __future__ import annotations

import argparse

from reader.commands._common import add_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", nargs="?", metavar="ID", help="only this article's (default: all, newest first)")
    add_json(parser)


def highlight_dict(h) -> dict:
    return {
        "uid": h.uid,
        "article_id": h.article_id,
        "quote": h.exact or None,  # None: a note on the whole article
        "note": h.note,
        "start": h.start,
        "end": h.end,
        "orphaned": h.orphaned,
        "created_at": h.created_at,
        "updated_at": h.updated_at,
        "title": h.title,
        "source": h.source,
        "date": (h.published or "")[:10] or None,
        "url": h.url,
    }


def run(args: argparse.Namespace) -> int:
    from reader.commands._common import article_id, open_library, print_json
    from reader.textsafe import terminal_safe

    with open_library(args) as library:
        items = library.highlights(article_id(args.id) if args.id is not None else None)
    if args.json:
        print_json([highlight_dict(h) for h in items])
        return 0
    if not items:
        print("no highlights")
    for h in items:
        head = f"{h.article_id or '-':>6}  {terminal_safe(h.title).replace(chr(10), ' ')}"
        if h.is_article_note:
            print(f"{head}\n        note: {terminal_safe(h.note)}")
            continue
        mark = "  (orphaned: no longer in the text)" if h.orphaned else ""
        print(f"{head}{mark}\n        「{terminal_safe(h.exact).replace(chr(10), ' ')}」")
        if h.note:
            print(f"        note: {terminal_safe(h.note)}")
    return 0
