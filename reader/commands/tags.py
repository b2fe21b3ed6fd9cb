"""reader tags: every tag with its article count."""

from __future__ import annotations

import argparse

from reader.commands._common import add_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_json(parser)


def run(args: argparse.Namespace) -> int:
    from reader.commands._common import open_library, print_json
    from reader.textsafe import terminal_safe

    with open_library(args) as library:
        found = library.tags()
    if args.json:
        print_json([{"name": t.name, "count": t.count} for t in found])
        return 0
    if not found:
        print("no tags yet; add some with: reader tag ID +NAME")
    for tag in found:
        print(f"{tag.count:>6}  {terminal_safe(tag.name)}")
    return 0
