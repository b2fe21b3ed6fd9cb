"""reader mark ID...: mark articles read (or unread)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help="article ids")
    parser.add_argument("--unread", action="store_true", help="mark them unread instead")


def run(args: argparse.Namespace) -> int:
    from reader.commands._common import article_ids, open_library

    with open_library(args) as library:
        changed = library.mark(article_ids(args.ids), read=not args.unread)
    print(f"{changed} marked {'unread' if args.unread else 'read'}")
    return 0
