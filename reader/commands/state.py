"""reader state export|import FILE: reading state as JSON Lines, to keep two libraries in step."""

from __future__ import annotations

import argparse

from reader.commands._common import add_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", metavar="export|import", help="write the state file, or merge one in")
    parser.add_argument("file", metavar="FILE", help="the state file ('-' for stdout or stdin)")
    add_json(parser)


def run(args: argparse.Namespace) -> int:
    import sys

    from reader.commands._common import open_library, print_json
    from reader.errors import ReaderError, UsageError
    from reader.library.sync import MAX_LINE_BYTES, NotAStateFile
    from reader.textsafe import terminal_safe

    action = args.action.strip().lower()
    if action not in ("export", "import"):
        raise UsageError(f"expects export or import, got {args.action!r}")
    with open_library(args) as library:
        if action == "export":
            try:
                stream = sys.stdout if args.file == "-" else open(args.file, "w", encoding="utf-8", newline="\n")
            except OSError as error:
                raise ReaderError(f"cannot write {args.file}: {error.strerror}") from None
            try:
                count = library.export_state(stream)
            finally:
                if stream is not sys.stdout:
                    stream.close()
            if args.json:
                print_json({"changes": count, "file": args.file})
            elif args.file != "-":
                print(f"exported {count} changes to {terminal_safe(args.file)}")
            return 0
        try:
            stream = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")
        except OSError as error:
            raise ReaderError(f"cannot read {args.file}: {error.strerror}") from None
        try:
            lines = iter(lambda: stream.readline(MAX_LINE_BYTES + 1), b"")
            report = library.import_state(lines)
        except NotAStateFile as error:
            raise ReaderError(f"{args.file}: {error}") from None
        except OSError as error:
            raise ReaderError(f"cannot read {args.file}: {error.strerror or error}") from None
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
    if args.json:
        print_json({
            "applied": report.applied, "waiting": report.waiting, "unchanged": report.unchanged,
            "failed": [{"line": n, "reason": r} for n, r in report.failed], "failed_count": report.failed_count,
        })
    else:
        print(f"applied {report.applied}, waiting for their articles {report.waiting}, unchanged {report.unchanged},"
              f" failed {report.failed_count}")
        for number, reason in report.failed:
            print(f"  {terminal_safe(args.file)}:{number}: {terminal_safe(reason)}", file=sys.stderr)
    return 1 if report.failed_count else 0
