"""reader show ID: one article, in its own script or converted, with readings if asked."""

from __future__ import annotations

import argparse

from reader.commands._common import add_json, add_script_options, check_script_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="article id (from list or search)")
    add_script_options(parser, "show the text in this script")
    parser.add_argument(
        "--annotate",
        metavar="pinyin|zhuyin|jyutping",
        help="each word's reading after it: 银行(yín háng); with --json, `readings` on the title and "
        "each block (jyutping needs the [jyutping] extra)",
    )
    add_json(parser)


def article_dict(article, script: str = "original", standard: str = "tw", photos=()) -> dict:
    """The JSON form of a stored article, its text converted to ``script``; ``photos`` are its
    ``Library.photos`` (listed under ``photos``: position among the blocks, caption, size, type)."""
    from reader.commands._common import date_part
    from reader.script import to_display

    def conv(text):
        return to_display(text, script, article.script, standard) if text else text

    blocks = [{"kind": b.kind, "text": conv(b.text)} | ({"src": b.src} if b.kind == "photo" else {})
              for b in article.blocks]
    body = "\n\n".join(b["text"] for b in blocks if b["kind"] != "share" and b["text"])
    return {
        "id": article.id,
        "title": conv(article.title) or None,  # None: no headline found on the page
        "untitled": article.untitled,
        "date": date_part(article.published),
        "datetime": article.published,
        "source": conv(article.source),
        "authors": [conv(a) for a in article.authors],
        "editor": conv(article.editor),
        "breadcrumb": [conv(b) for b in article.breadcrumb],
        "url": article.url,
        "script": article.script,
        "display_script": article.script if script == "original" else script,
        "read": article.read,
        "bookmarked": article.bookmarked,
        "tags": [conv(t) for t in article.tags],
        "reading_minutes": article.reading_minutes,
        "bundle_id": article.bundle_id,
        "file": article.name,
        "body": body,
        "blocks": blocks,
        "photos": [{"position": p.position, "caption": conv(p.caption), "width": p.width, "height": p.height,
                    "mime": p.mime} for p in photos],
    }


def add_readings(data: dict, style: str) -> None:
    """Readings of the title and of each block of an ``article_dict``, in place: ``readings`` lists
    each word with its start and end (code points into that text) and its reading."""
    from dataclasses import asdict

    from reader.reading import annotate

    data["annotate"] = style
    data["title_readings"] = [asdict(r) for r in annotate(data["title"] or "", style)]
    for block in data["blocks"]:
        block["readings"] = [asdict(r) for r in annotate(block["text"] or "", style)]


def data_label(traditional: str, data: dict) -> str:
    """One of reader's labels in the script of an ``article_dict``."""
    from reader.script import ui_label

    return ui_label(traditional, data["display_script"], data["script"])


def article_text(data: dict, annotate: str | None = None) -> str:
    """Plain-text rendering of ``article_dict`` output, terminal-safe; with ``annotate`` (a
    reading style) the title and blocks carry each word's reading, read on the text shown."""
    from reader.textsafe import terminal_safe as safe

    def text(value: str) -> str:
        if not annotate:
            return safe(value)
        from reader.reading import annotated_text

        return annotated_text(safe(value), annotate)

    lines = [text(data["title"]) if data["title"] else f"({safe(data['file'])}: no headline)"]
    meta = [x for x in (data["datetime"], data["source"]) if x]
    if data["reading_minutes"]:
        meta.append(f"{data['reading_minutes']} min")
    if meta:
        lines.append(safe("  ".join(meta)))
    if data["authors"]:
        lines.append(safe(data_label("作者", data) + ": " + "、".join(data["authors"])))
    if data["editor"]:
        lines.append(safe(data_label("編輯", data) + ": " + data["editor"]))
    if data["breadcrumb"]:
        lines.append(safe(" > ".join(data["breadcrumb"])))
    if data["url"]:
        lines.append(safe(data["url"]))
    if data["tags"]:
        lines.append(" ".join("#" + safe(t) for t in data["tags"]))
    lines.append("")
    sizes = {p["position"]: f" {p['width']}×{p['height']}" for p in data.get("photos", ())}
    for position, block in enumerate(data["blocks"]):
        if block["kind"] == "photo":  # a photo without its image in the library: the caption only
            caption = text(block["text"]) if block["text"] else ""
            lines.append(f"[{data_label('照片', data)}{sizes.get(position, '')}] {caption}".rstrip())
        elif block["kind"] == "share":
            lines.append(f"[share: reader qr {data['id']}]")
        elif block["kind"] == "subheading":
            lines.append("■ " + text(block["text"]))
        else:
            lines.append(text(block["text"]))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def run(args: argparse.Namespace) -> int:
    import sys

    from reader.commands._common import article_id, open_library, print_json

    script, standard = check_script_options(args)
    style = None
    if args.annotate is not None:
        from reader.reading import check_style

        style = check_style(args.annotate.strip().lower(), "--annotate")
    ident = article_id(args.id)
    with open_library(args) as library:
        article = library.get(ident)
        photos = library.photos(ident)
    data = article_dict(article, script, standard, photos)
    if args.json:
        if style:
            add_readings(data, style)
        print_json(data)
    else:
        sys.stdout.write(article_text(data, style))
    return 0
