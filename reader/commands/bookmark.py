"""reader bookmark ID...: bookmark articles (or remove their bookmarks)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help="article ids")
    parser.add_argument("--remove", action="store_true", help="remove the bookmarks instead")


def run(args: argparse.Namespace) -> int:
    from reader.commands._common import article_ids, open_library

    with open_library(args) as library:
        changed = library.bookmark(article_ids(args.ids), value=not args.remove)
    print(f"{changed} {'unbookmarked' if args.remove else 'bookmarked'}")
    return 0
