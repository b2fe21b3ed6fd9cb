"""reader reindex: re-extract every article from its stored original bytes."""

from __future__ import annotations

import argparse

from reader.commands._common import add_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_json(parser)


def run(args: argparse.Namespace) -> int:
    import sys

    from reader.commands._common import open_library, print_json
    from reader.importer import DocumentPreparer
    from reader.textsafe import terminal_safe as safe

    show_progress = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int) -> None:
        if show_progress and (done % 25 == 0 or done == total):
            # the last step (the new search index swapped in, the old one dropped) takes a while too
            after = "; finishing the search index" if done == total else ""
            sys.stderr.write(f"\rreindexing {done}/{total}{after}")
            sys.stderr.flush()

    preparer = DocumentPreparer()  # worker processes for libraries of 200+ documents, as at import
    try:
        with open_library(args) as library:
            report = library.reindex(preparer.prepared, progress)
    finally:
        preparer.close()
    if show_progress:
        sys.stderr.write("\n")
    if args.json:
        report["failed"] = [{"bundle": b, "file": n, "reason": r} for b, n, r in report["failed"]]
        print_json(report)
    else:
        print(
            f"reindexed {report['documents']} files: {report['updated']} articles updated,"
            f" {report['added']} added, {report['removed']} removed, {report['duplicates']} duplicates,"
            f" {len(report['failed'])} failed"
        )
        for bundle, name, reason in report["failed"]:
            print(safe(f"  failed: {bundle}: {name}: {reason}"))
    return 1 if report["failed"] else 0
