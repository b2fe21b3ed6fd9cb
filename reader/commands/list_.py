"""reader list: articles, newest first, with filters."""

from __future__ import annotations

import argparse

from reader.commands._common import add_filters, add_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", default="50", help="how many articles (default 50; 0 for all)")
    parser.add_argument("--offset", default="0", help="skip this many first")
    add_filters(parser)
    add_json(parser)


def run(args: argparse.Namespace) -> int:
    from reader.commands._common import filters_from_args, open_library, positive_int, print_json, summary_dict, summary_line

    limit = positive_int(args.limit, "--limit", allow_zero=True)
    offset = positive_int(args.offset, "--offset", allow_zero=True)
    filters = filters_from_args(args)
    with open_library(args) as library:
        items = library.list_articles(filters, limit=limit or None, offset=offset)
    if args.json:
        print_json([summary_dict(s) for s in items])
        return 0
    for summary in items:
        print(summary_line(summary))
    return 0
