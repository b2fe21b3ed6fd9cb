"""``reader serve``: the library to phones on the local network, until Ctrl-C.

Prints the link to open (with this run's secret token, as Jupyter does) and a QR code of it;
``--json`` prints ``{"url": …}`` as its first line instead (for scripts and tests).
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host", metavar="ADDR",
        help="address to listen on (default: this machine's address on the local network; "
        "0.0.0.0 listens on every interface)",
    )
    parser.add_argument("--port", metavar="N", help="port (default 8765, or the next free one; 0: any free port)")
    parser.add_argument("--json", action="store_true", help='print {"url": ...} as the first line, no QR code')


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    import json
    import signal
    import sys

    from reader import share
    from reader.commands._common import positive_int
    from reader.errors import UsageError
    from reader.paths import resolve_db_path
    from reader.serve.server import Running

    port = positive_int(args.port, "--port", allow_zero=True) if args.port is not None else None
    if port is not None and port > 65535:
        raise UsageError(f"--port: at most 65535, got {port}")
    db_path = resolve_db_path(getattr(args, "db", None))
    if not db_path.exists():
        from reader.errors import LibraryError

        raise LibraryError(f"no library at {db_path}; import something first: reader import PATH")
    server = Running(db_path, args.host, port, log=lambda line: print(f"reader: {line}", file=sys.stderr, flush=True))
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl-C (the record goes)
    try:
        server.warm()
        server.write_record()  # before the link is printed: a script may run reader qr --lan at once
        if args.json:
            print(json.dumps({"url": server.url}), flush=True)
        else:
            loopback = server.host.startswith("127.") or server.host == "::1"
            if loopback and args.host is None:
                print("reader: note: no local network found; only this machine can open the link", file=sys.stderr)
            print(f"Serving the library read-only on {server.url.split('?')[0]}")
            where = "in a browser on this machine" if loopback else "on a phone on the same network"
            print(f"Open this link {where} (Ctrl-C stops):")
            print(f"    {server.url}")
            matrix = share.make_matrix(share.Payload(server.url, "url"), border=share.TERMINAL_BORDER)
            color = sys.stdout.isatty()
            sys.stdout.write(share.terminal_text(matrix, color=color))
            sys.stdout.flush()
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.stop()
    return 0
