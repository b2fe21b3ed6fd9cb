"""reader tag ID... +TAG -TAG: add and remove tags on articles."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "words",
        nargs="*",
        metavar="ID|+TAG|-TAG",
        help="article ids, then +name to add a tag and -name to remove one (names in either script)",
    )
    # `-to-read` removes a tag: unknown dash arguments are words, not options
    parser.set_defaults(extras_into="words")


def run(args: argparse.Namespace) -> int:
    from reader.commands._common import article_ids, open_library
    from reader.errors import UsageError

    ids, add, remove = [], [], []
    for word in args.words:
        if word[:1] == "+" and len(word) > 1:
            add.append(word[1:])
        elif word[:1] == "-" and len(word) > 1:
            remove.append(word[1:])
        else:
            ids.append(word)
    if not add and not remove:
        raise UsageError("say which tags to add (+name) or remove (-name), e.g. reader tag 12 +港澳 -to-read")
    with open_library(args) as library:
        changed = library.tag(article_ids(ids), add=add, remove=remove)
    print(f"{changed} change{'s' if changed != 1 else ''}")
    return 0
