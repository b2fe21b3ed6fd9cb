"""reader export: articles as Markdown or JSON (to stdout or a file), an EPUB book or a bundle (to a file)."""

from __future__ import annotations

import argparse
from contextlib import contextmanager

from reader.commands._common import add_filters, add_script_options

FORMATS = ("markdown", "json", "epub", "bundle")
HIGHLIGHT_FORMATS = ("markdown", "json", "readwise")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID", help="articles to export (default: all that match the filters)")
    parser.add_argument(
        "--format", default="markdown", metavar="markdown|json|epub|bundle|readwise",
        help="output format (default markdown; epub: a book for e-readers, bundle: a zip of the original pages "
        "for another reader, both need -o; readwise only with --highlights)",
    )
    parser.add_argument(
        "--with-state", action="store_true",
        help="bundle: add the articles' tags and highlights (applied when the bundle is imported)",
    )
    parser.add_argument(
        "--highlights", action="store_true",
        help="export highlights and notes instead of articles (json: W3C Web Annotation JSON-LD; readwise: its CSV)",
    )
    parser.add_argument("--json", action="store_true", help="same as --format json")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument("--limit", default="0", help="at most this many articles (default 0: all)")
    parser.add_argument("--group-by", default=None, metavar="date|source",
                        help="epub: the table of contents by day (default) or by source")
    parser.add_argument("--title", help='epub: the book\'s title (default "reader DATE · N 篇")')
    add_script_options(parser, "convert the text")
    add_filters(parser)


def markdown(data: dict) -> str:
    from reader.commands.show import data_label
    from reader.textsafe import terminal_safe as safe

    def esc(text: str) -> str:
        return safe(text or "").replace("\n", " ")

    out = [f"# {esc(data['title'] or '(' + data['file'] + ': no headline)')}", ""]
    meta = [esc(x) for x in (data["datetime"], data["source"]) if x]
    if data["authors"]:
        meta.append(data_label("作者", data) + ": " + esc("、".join(data["authors"])))
    if data["editor"]:
        meta.append(data_label("編輯", data) + ": " + esc(data["editor"]))
    if meta:
        out += [" · ".join(meta), ""]
    if data["breadcrumb"]:
        out += [esc(" > ".join(data["breadcrumb"])), ""]
    if data["url"]:
        out += [f"<{esc(data['url'])}>", ""]
    for block in data["blocks"]:
        if block["kind"] == "share":
            continue
        text = safe(block["text"])
        out += [f"## {text}" if block["kind"] == "subheading" else text, ""]
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    import sys

    from reader.commands._common import article_id, filters_from_args, json_dumps, open_library, positive_int
    from reader.commands._common import check_script_options
    from reader.commands.show import article_dict
    from reader.errors import UsageError
    from reader.export.epub import GROUPINGS

    fmt = "json" if args.json else (args.format or "").strip().lower()
    if fmt in ("md",):
        fmt = "markdown"
    if args.highlights:
        if fmt not in HIGHLIGHT_FORMATS:
            raise UsageError(f"--format: expects markdown, json or readwise, got {args.format!r}")
        return _export_highlights(args, fmt)
    if fmt not in FORMATS:
        raise UsageError(f"--format: expects markdown, json, epub or bundle, got {args.format!r}")
    if args.with_state and fmt != "bundle":
        raise UsageError("--with-state goes with --format bundle")
    if fmt == "bundle" and not args.output:
        raise UsageError("--format bundle writes a zip file: give -o FILE.zip")
    if args.group_by is not None and fmt != "epub":
        raise UsageError("--group-by goes with --format epub")
    if args.title is not None and fmt not in ("epub", "bundle"):
        raise UsageError("--title goes with --format epub or bundle")
    if fmt == "bundle" and (args.script or "original").strip().lower() != "original":
        raise UsageError("a bundle carries the original pages: --script does not apply (the friend picks the script)")
    if fmt == "bundle" and args.output and not args.output.lower().endswith(".zip"):
        raise UsageError(f"a bundle is a zip file: name it FILE.zip, not {args.output!r}")
    group_by = (args.group_by or "date").strip().lower()
    if fmt == "epub" and not args.output:
        raise UsageError("--format epub writes a file: give it with -o FILE.epub")
    if group_by not in GROUPINGS:
        raise UsageError(f"--group-by: expects date or source, got {args.group_by!r}")
    script, standard = check_script_options(args)
    limit = positive_int(args.limit, "--limit", allow_zero=True)
    filters = filters_from_args(args)
    ids = [article_id(i) for i in args.ids]
    with open_library(args) as library:
        if ids:
            known = library.summaries(ids)
            missing = [i for i in ids if i not in known]
            if missing:
                raise UsageError(f"no article with id {missing[0]}")
        else:
            ids = library.article_ids(filters)
        if limit:
            ids = ids[:limit]
        if fmt == "bundle":
            from reader.export.bundle import write_bundle

            counts = write_bundle(library, ids, args.output, title=args.title, with_state=args.with_state)
            extra = f", with {counts['state_changes']} tags and highlights" if args.with_state else ""
            print(f"exported {counts['articles']} articles ({counts['documents']} original files{extra}) "
                  f"to {args.output}", file=sys.stderr)
            return 0
        if fmt == "epub":
            return _export_epub(args, library, ids, script, standard, group_by)
        with _output(args) as stream:
            if fmt == "json":
                stream.write("[")
            for n, ident in enumerate(ids):
                data = article_dict(library.get(ident), script, standard)
                if fmt == "json":
                    stream.write(("," if n else "") + "\n" + json_dumps(data, indent=None))
                else:
                    stream.write(("\n---\n\n" if n else "") + markdown(data))
            if fmt == "json":
                stream.write("\n]\n" if ids else "]\n")
    if args.output:
        print(f"exported {len(ids)} articles to {args.output}", file=sys.stderr)
    return 0


@contextmanager
def _output(args):
    """The file named by ``-o`` (closed afterwards), else standard output (left open)."""
    import sys

    from reader.errors import ReaderError

    if not args.output:
        yield sys.stdout
        return
    try:
        stream = open(args.output, "w", encoding="utf-8", newline="\n")
    except OSError as error:
        raise ReaderError(f"cannot write {args.output}: {error.strerror}") from None
    with stream:
        yield stream


def _export_epub(args: argparse.Namespace, library, ids: list[int], script: str, standard: str, group_by: str) -> int:
    import sys

    from reader.errors import ReaderError
    from reader.export.epub import write_epub
    from reader.export.presenting import present

    if not ids:
        raise ReaderError("nothing to export: no article matches")
    articles = [present(library.get(i), library.highlights(i), script, standard, library.photos(i)) for i in ids]
    try:
        write_epub(args.output, articles, script=script, standard=standard, group_by=group_by, title=args.title,
                   photo_bytes=library.photo_bytes)
    except OSError as error:
        raise ReaderError(f"cannot write {args.output}: {error.strerror or error}") from None
    print(f"exported {len(ids)} articles to {args.output}", file=sys.stderr)
    return 0


def _export_highlights(args: argparse.Namespace, fmt: str) -> int:
    """Highlights and notes of the named articles (default: all, newest first)."""
    import sys

    from reader.commands._common import article_id, json_dumps, open_library
    from reader.export import highlights as export

    ids = [article_id(i) for i in args.ids]
    with open_library(args) as library:
        items = [h for i in ids for h in library.highlights(i)] if ids else library.highlights()
    if fmt == "markdown":
        text = export.markdown(items)
    elif fmt == "json":
        text = json_dumps(export.web_annotations(items)) + "\n"
    else:
        text = export.readwise_csv(items)
    with _output(args) as stream:
        stream.write(text)
    if args.output:
        print(f"exported {len(items)} highlights and notes to {args.output}", file=sys.stderr)
    return 0
