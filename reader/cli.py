"""Command-line entry point.

Each subcommand lives in ``reader/commands/<name>.py`` and exposes ``add_arguments(parser)``
and ``run(args) -> int``. Command modules import their heavy dependencies inside ``run`` so
that ``reader --help`` and every non-TUI command start fast; only ``reader`` with no command
imports Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from reader import __version__
from reader.errors import ReaderError

# (command, module, one-line help). Order is the order shown in --help.
COMMANDS: list[tuple[str, str, str]] = [
    ("import", "reader.commands.import_", "import bundles, archives or article files"),
    ("list", "reader.commands.list_", "list articles, newest first"),
    ("search", "reader.commands.search", "full-text search (Simplified and Traditional alike)"),
    ("show", "reader.commands.show", "print one article"),
    ("tag", "reader.commands.tag", "add (+NAME) and remove (-NAME) tags on articles"),
    ("tags", "reader.commands.tags", "every tag with its article count"),
    ("mark", "reader.commands.mark", "mark articles read (or --unread)"),
    ("bookmark", "reader.commands.bookmark", "bookmark articles (or --remove)"),
    ("searches", "reader.commands.searches", "saved searches with their unread counts"),
    ("highlights", "reader.commands.highlights", "highlights and notes, of one article or all"),
    ("state", "reader.commands.state", "export or import reading state (read, bookmarks, tags, highlights, positions)"),
    ("export", "reader.commands.export", "export articles as Markdown, JSON or an EPUB book, or highlights (--highlights)"),
    ("qr", "reader.commands.qr", "share an article as a QR code (terminal, PNG, SVG)"),
    ("serve", "reader.commands.serve", "serve the library read-only to phones on the local network"),
    ("stats", "reader.commands.stats", "library statistics"),
    ("reindex", "reader.commands.reindex", "re-extract every article from its stored original bytes"),
    ("doctor", "reader.commands.doctor", "check the library's integrity and say how to repair it"),
]


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line plus the usage, exit 2 (argparse's own rule)."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader",
        description="Read offline Chinese news in a terminal. With no command, opens the reader.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--db",
        metavar="FILE",
        help="library file (default: $READER_DB, else the user data dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name, help_text in COMMANDS:
        module = importlib.import_module(module_name)
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        command_parser.add_argument("--db", metavar="FILE", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        module.add_arguments(command_parser)
        command_parser.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        # `reader search 港澳 -合作`: a command may take unknown dash words as its own text
        dest = getattr(args, "extras_into", None)
        if dest is None:
            parser.error("unrecognized arguments: " + " ".join(extras))
        getattr(args, dest).extend(extras)
    try:
        if args.command is None:
            from reader.tui.app import run_app

            return run_app(args)
        return args.run(args)
    except ReaderError as error:
        from reader.textsafe import terminal_safe

        print(f"reader: error: {terminal_safe(str(error))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `reader list | head`: the reader went away; that is not an error.
        sys.stderr.close()
        return 0
