"""``reader qr``: share an article (or any text) as a QR code in the terminal, a PNG or an SVG.

The payload rule is :mod:`reader.share`'s: the article's http/https URL, else a short citation
in the chosen script. Terminal colours: black on white (xterm 256 colours) when stdout is a
terminal and ``NO_COLOR`` is not set; plain glyphs otherwise, which scan only on a light
background. ``--color always|never`` overrides both.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from reader.commands._common import add_script_options, check_script_options


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", nargs="?", metavar="ID", help="article id (from list or search)")
    parser.add_argument("--text", metavar="TEXT", help="encode TEXT instead of the article's URL or citation")
    parser.add_argument(
        "--lan", action="store_true",
        help="encode the article's link on the local network (while `reader serve` or the reader's share screen serves)",
    )
    parser.add_argument("--png", metavar="FILE", help="write a PNG image to FILE")
    parser.add_argument("--svg", metavar="FILE", help="write an SVG image to FILE")
    parser.add_argument(
        "--scale", type=_int, default=8, metavar="N", help="image pixels per module (default 8)"
    )
    parser.add_argument(
        "--border",
        type=_int,
        metavar="N",
        help="quiet zone in modules, at least 2 (default 2 in the terminal, 4 in images)",
    )
    add_script_options(parser, "script of the citation shared when the article has no URL (default: as written)")
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="paint the code black on white (auto: on a terminal unless NO_COLOR is set)",
    )
    parser.add_argument("--json", action="store_true", help="print the payload and the files written as JSON")


def _use_color(choice: str, stream) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def _lan_payload(args: argparse.Namespace, article_id: int, script: str):
    """The article's page on the server running for this library, or how to start one."""
    from reader import share
    from reader.errors import ReaderError
    from reader.paths import resolve_db_path
    from reader.serve.server import article_url, running_record

    record = running_record(resolve_db_path(getattr(args, "db", None)))
    if record is None:
        raise ReaderError(
            "no server is running for this library: start one with `reader serve` "
            "(or press s, then l, in the reader), then run this again"
        )
    return share.Payload(article_url(record, article_id, None if script == "original" else script), "url")


def run(args: argparse.Namespace) -> int:
    from reader import share
    from reader.errors import ReaderError, UsageError
    from reader.textsafe import terminal_safe

    if args.id is None and args.text is None:
        raise UsageError("give an article ID or --text TEXT")
    if args.lan and (args.id is None or args.text is not None):
        raise UsageError("--lan needs an article ID (and no --text)")
    script, standard = check_script_options(args)
    share.check_scale(args.scale)
    files = bool(args.png or args.svg)
    if args.border is not None:
        share.check_border(args.border)

    article = None
    if args.id is not None:
        from reader.commands._common import article_id, open_library

        number = article_id(args.id)
        library = open_library(args)
        try:
            article = library.get(number)
        finally:
            library.close()
    if args.lan:
        payload = _lan_payload(args, article.id, script)
    elif args.text is not None:
        payload = share.text_payload(args.text)
    else:
        payload = share.payload_for(article, article.script or "unknown", script, standard)
    if payload.refused_url:
        print(
            f"reader: note: the article's URL is not shared ({terminal_safe(payload.refused_url)}); "
            "sharing a citation instead",
            file=sys.stderr,
        )

    written = {"png": None, "svg": None}
    if files:
        matrix = share.make_matrix(payload, border=args.border or share.IMAGE_BORDER)
        if args.png:
            written["png"] = str(share.write_png(matrix, args.png, scale=args.scale))
        if args.svg:
            written["svg"] = str(share.write_svg(matrix, args.svg, scale=args.scale))

    if args.json:
        record = {"payload": payload.text, "kind": payload.kind, **written}
        if payload.refused_url:
            record["refused_url"] = payload.refused_url
        from reader.commands._common import json_dumps

        print(json_dumps(record, indent=None))
        return 0
    if files:
        for path in (written["png"], written["svg"]):
            if path:
                print(f"wrote {terminal_safe(path)}")
        return 0

    matrix = share.make_matrix(payload, border=args.border or share.TERMINAL_BORDER)
    columns, rows = share.half_block_size(matrix)
    if sys.stdout.isatty():
        width = shutil.get_terminal_size((80, 24)).columns
        if width < columns:
            raise ReaderError(
                f"the code is {columns} columns wide and the terminal {width}: "
                "widen the window or use --png FILE"
            )
    color = _use_color(args.color, sys.stdout)
    if not color and args.color == "auto" and sys.stdout.isatty():
        print(
            "reader: note: NO_COLOR is set, so the code scans only on a light background "
            "(--color always to paint it)",
            file=sys.stderr,
        )
    sys.stdout.write(share.terminal_text(matrix, color=color))
    sys.stdout.write(terminal_safe(payload.text) + "\n")
    sys.stdout.flush()
    return 0
