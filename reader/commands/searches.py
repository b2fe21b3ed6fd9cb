"""reader searches: the saved searches, with their article and unread counts."""

from __future__ import annotations

import argparse

from reader.commands._common import add_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--delete", metavar="NAME", help="delete this saved search")
    add_json(parser)


def run(args: argparse.Namespace) -> int:
    from reader.commands._common import open_library, print_json
    from reader.textsafe import terminal_safe

    with open_library(args) as library:
        if args.delete is not None:
            library.delete_search(args.delete)
            print(f"deleted {terminal_safe(args.delete)}")
            return 0
        found = library.saved_searches()
    if args.json:
        print_json([{"name": s.name, "query": s.query, "count": s.count, "unread": s.unread} for s in found])
        return 0
    if not found:
        print('no saved searches; save one with: reader search --save NAME QUERY')
    for saved in found:
        print(f"{saved.unread:>6} unread {saved.count:>6} all  {terminal_safe(saved.name)}: {terminal_safe(saved.query)}")
    return 0
