"""reader import PATH...: bundles, archives, folders of bundles or single article files."""

from __future__ import annotations

import argparse

from reader.commands._common import add_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="bundle folder, .zip, .tar(.gz), article file, or folder of bundles")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    parser.add_argument(
        "--jobs", "-j", metavar="N",
        help="processes that extract articles (default: one per CPU, up to 4, for bundles of 200+ files; 1: none)",
    )
    add_json(parser)


class _ProgressBar:
    """One self-overwriting status line on stderr (only when stderr is a terminal)."""

    def __init__(self, stream):
        self.stream = stream
        self.width = 0
        self.last = 0.0

    def __call__(self, label: str, done: int, total: int | None) -> None:
        import time

        from reader.textsafe import terminal_safe

        now = time.monotonic()
        if now - self.last < 0.1 and done != total and done != 1:
            return  # at most ten redraws a second
        self.last = now
        name = terminal_safe(label)[-40:]
        if total:
            filled = int(20 * done / total)
            text = f"{name} [{'#' * filled}{'.' * (20 - filled)}] {done}/{total}"
        else:
            text = f"{name}: {done} files"
        self.stream.write("\r" + text.ljust(self.width))
        self.width = len(text)
        self.stream.flush()

    def finish(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


def run(args: argparse.Namespace) -> int:
    import sys

    from reader.commands._common import open_library, positive_int, print_json
    from reader.importer import import_paths
    from reader.textsafe import terminal_safe as safe

    jobs = positive_int(args.jobs, "--jobs") if args.jobs is not None else None
    bar = _ProgressBar(sys.stderr) if sys.stderr.isatty() and not args.quiet and not args.json else None
    with open_library(args, create=True) as library:
        try:
            report = import_paths(library, args.paths, progress=bar, jobs=jobs)
        finally:
            if bar:
                bar.finish()
    if args.json:
        print_json(
            {
                "imported": report.imported,
                "duplicates": report.duplicates,
                "failed": [{"file": f, "reason": r} for f, r in report.failed],
                "skipped": report.skipped,
                "not_articles": [{"file": f, "reason": r} for f, r in report.not_articles],
                "photos_refused": [{"file": f, "reason": r} for f, r in report.photos_refused],
                "state_changes": report.state_changes,
                "bundles": [
                    {"id": b.bundle_id, "label": b.label, "imported": b.imported, "duplicates": b.duplicates}
                    for b in report.bundles
                ],
            }
        )
    else:
        for label in report.skipped:
            print(safe(f"already imported, nothing to do: {label}"))
        print(f"imported {report.imported}, duplicates {report.duplicates}, failed {len(report.failed)}")
        if report.not_articles:
            print(safe(_not_articles_line(report.not_articles)))
        if report.state_changes:
            print(f"tags and highlights: {report.state_changes} applied")
        for file, reason in report.failed:
            print(safe(f"failed: {file}: {reason}"))
        for file, reason in report.photos_refused:  # the article went in without that photo
            print(safe(f"photo left out: {file}: {reason}"))
    return 1 if report.failed else 0


def _not_articles_line(files: list[tuple[str, str]]) -> str:
    """One line for the files that are not articles: ``not articles 3 (image ×2: a.jpg …, font ×1: x.ttf)``."""
    from collections import Counter

    counts = Counter(reason for _file, reason in files)
    first = {}
    for file, reason in files:
        first.setdefault(reason, file.rsplit(": ", 1)[-1])
    parts = [f"{reason} ×{n}: {first[reason]}{' …' if n > 1 else ''}" for reason, n in counts.most_common()]
    return f"not articles {len(files)} ({', '.join(parts)})"
