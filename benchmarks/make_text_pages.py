"""Render every labelled HTML page as the text a scraper would dump, in four ways.

Usage:
    python benchmarks/make_text_pages.py [--corpus DIR] [--out /tmp/reader-textpages] [--kinds dom,inscriptis,w3m,oneline]

Writes OUT/<kind>/<page id with "/" -> "__">.txt. The scorer (extraction_score.py) renders in process with
the same functions (render()), so the files are for looking at, not an input it needs.

Kinds:
- dom: a DOM text dump like the project's seed page (../shared/seeds/000_*.txt): the <body> only; script,
  style, noscript, template, select, iframe, svg and comments dropped; each block element (BLOCK_TAGS) and each
  <br> ends a line; runs of whitespace inside a line become one space; empty lines dropped; one blank line
  between lines; the text of a <p> is indented with two full-width spaces (U+3000 x2) unless it starts with one.
- inscriptis: inscriptis.get_text(html) (layout-aware; Apache-2.0), trailing spaces stripped.
- w3m: `w3m -dump -T text/html -I UTF-8 -O UTF-8 -cols 100` on the page decoded to UTF-8 (its meta charset
  rewritten to utf-8). Skipped (None) when w3m is not installed.
- oneline: the dom lines (without indentation) joined by one space, on one line.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.etree
import lxml.html

KINDS = ("dom", "inscriptis", "w3m", "oneline")
DEFAULT_OUT = Path("/tmp/reader-textpages")
DROP_TAGS = {"script", "style", "noscript", "template", "select", "iframe", "svg", "object", "embed", "head",
             "textarea", "canvas"}
BLOCK_TAGS = {"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir",
              "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1", "h2",
              "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p",
              "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption",
              "legend", "option"}
_WS = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def parse(html: str):
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def dom_lines(html: str) -> list[str]:
    """The page's visible text, one line per block (paragraph lines indented), in document order."""
    root = parse(html)
    if root is None:
        return []
    lines: list[str] = []
    buf: list[str] = []
    para = [False]

    def flush():
        text = _WS.sub(" ", "".join(buf)).strip(" ")
        buf.clear()
        if text:
            if para[0] and not text.startswith("\u3000"):
                text = "\u3000\u3000" + text
            lines.append(text)

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comment, processing instruction
            if el.tail:
                buf.append(el.tail)
            return
        tag = tag.lower()
        if tag in DROP_TAGS:
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in BLOCK_TAGS
        if block:
            flush()
            outer, para[0] = para[0], tag == "p"
        if tag == "br":
            flush()
        elif tag in ("td", "th") and buf:
            buf.append(" ")
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
            para[0] = outer
        if el.tail:
            buf.append(el.tail)

    walk(root)
    flush()
    return lines


def render_dom(html: str) -> str:
    return "\n\n".join(dom_lines(html)) + "\n"


def render_oneline(html: str) -> str:
    return " ".join(line.strip("\u3000 ") for line in dom_lines(html)) + "\n"


def render_inscriptis(html: str) -> str:
    from inscriptis import get_text

    root = parse(html)
    text = get_text(lxml.html.tostring(root, encoding="unicode")) if root is not None else ""
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def have_inscriptis() -> bool:
    try:
        import inscriptis  # noqa: F401
    except ImportError:
        return False
    return True


def available_kinds(kinds=KINDS) -> list[str]:
    """``kinds`` without those whose renderer is not installed (w3m, inscriptis)."""
    return [k for k in kinds if (k != "w3m" or have_w3m()) and (k != "inscriptis" or have_inscriptis())]


def have_w3m() -> bool:
    return shutil.which("w3m") is not None


def render_w3m(html: str) -> str | None:
    if not have_w3m():
        return None
    html = re.sub(r"(<meta\b[^>]*charset\s*=\s*[\"']?)[\w-]+", r"\1utf-8", html, flags=re.I)
    out = subprocess.run(["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "100"],
                         input=html.encode("utf-8", "replace"), capture_output=True, timeout=60)
    return out.stdout.decode("utf-8", "replace")


RENDER = {"dom": render_dom, "inscriptis": render_inscriptis, "w3m": render_w3m, "oneline": render_oneline}


def render(html: str, kind: str) -> str | None:
    return RENDER[kind](html)


def file_name(page_id: str) -> str:
    return page_id.replace("/", "__") + ".txt"


def main(argv=None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from eval_corpus import DEFAULT_CORPUS, load_corpus

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--kinds", default=",".join(KINDS))
    args = ap.parse_args(argv)
    kinds = available_kinds([k for k in args.kinds.split(",") if k])
    n = 0
    for page in load_corpus(args.corpus):
        html = page.html()
        for kind in kinds:
            text = render(html, kind)
            if text is None:
                continue
            (args.out / kind).mkdir(parents=True, exist_ok=True)
            (args.out / kind / file_name(page.id)).write_text(text, encoding="utf-8")
            n += 1
    print(f"wrote {n} files under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
