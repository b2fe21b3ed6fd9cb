"""Measure well-kept libraries against the reader's own code on the labelled pages (issue 11, point 5).

Usage:
    python benchmarks/compare_libraries.py [--corpus DIR]

Needs the bench extra plus `pip install selectolax htmldate extruct` (they are measured, not used by
reader/). Prints, over every labelled page of benchmarks/labels (dev and held: figures only):
- parsing: lxml (what reader uses, after dropping early </html>/</body> end tags) against selectolax's
  Lexbor HTML5 parser: total time, and pages where one keeps much less <body> text than the other;
- dates: the reader's date against htmldate's find_date (original date, extensive search) against the
  labelled day, per split; htmldate is run on the HTML alone (no URL), as the reader is;
- JSON-LD / microdata / Open Graph: how many pages extruct finds a datePublished or article:published_time
  on, and on how many of those the reader's own metadata reading found the same day.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from extraction_score import DEFAULT_CORPUS, load_labels, norm_date, read_page, same_day  # noqa: E402


def body_text_lxml(html: str) -> str:
    from lxml import html as lxml_html

    from reader.extract.html import _PARSER, _without_early_end_tags

    root = lxml_html.document_fromstring(_without_early_end_tags(html), parser=_PARSER)
    body = root.find("body")
    return (body if body is not None else root).text_content()


def body_text_lxml_plain(html: str) -> str:
    from lxml import html as lxml_html

    from reader.extract.html import _PARSER

    root = lxml_html.document_fromstring(html, parser=_PARSER)
    body = root.find("body")
    return (body if body is not None else root).text_content()


def body_text_lexbor(html: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    return tree.body.text() if tree.body is not None else ""


def reader_date(html: str) -> str | None:
    from reader.extract import extract
    from reader.model import ArticleHints

    try:
        return norm_date(extract(html, "html", ArticleHints())[0].published)
    except Exception:  # noqa: BLE001 - a failed page has no date
        return None


def htmldate_date(html: str) -> str | None:
    from htmldate import find_date

    try:
        return norm_date(find_date(html, original_date=True, extensive_search=True))
    except Exception:  # noqa: BLE001
        return None


def extruct_date(html: str) -> str | None:
    import extruct

    try:
        data = extruct.extract(html, syntaxes=["json-ld", "microdata", "opengraph"], uniform=True)
    except Exception:  # noqa: BLE001
        return None
    for item in data.get("json-ld", []) + data.get("microdata", []):
        if isinstance(item, dict) and item.get("datePublished"):
            return norm_date(str(item["datePublished"]))
    for item in data.get("opengraph", []):
        if isinstance(item, dict) and item.get("article:published_time"):
            return norm_date(str(item["article:published_time"]))
    return None


def timed(fn, pages):
    start = time.perf_counter()
    out = [fn(html) for html in pages]
    return out, time.perf_counter() - start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args(argv)
    labels = {**load_labels(HERE / "labels", "dev"), **load_labels(HERE / "labels", "held")}
    ids = sorted(labels)
    pages = [read_page(args.corpus, labels[i]) for i in ids]
    print(f"{len(pages)} labelled pages ({sum(labels[i]['split'] == 'dev' for i in ids)} dev)")

    lx, t_lx = timed(body_text_lxml, pages)
    lx_plain, t_plain = timed(body_text_lxml_plain, pages)
    lb, t_lb = timed(body_text_lexbor, pages)
    def short(a, b):
        return sum(1 for x, y in zip(a, b) if len(x.split()) < 0.5 * len(y.split()) and len(y) > 500)
    print(f"parse + body text: lxml {t_plain * 1000 / len(pages):.2f} ms/page, lxml without early end tags "
          f"{t_lx * 1000 / len(pages):.2f} ms/page, selectolax (Lexbor) {t_lb * 1000 / len(pages):.2f} ms/page")
    print(f"pages where a parser keeps under half the other's body text: plain lxml vs Lexbor {short(lx_plain, lb)}, "
          f"lxml without early end tags vs Lexbor {short(lx, lb)}, Lexbor vs lxml without early end tags {short(lb, lx)}")

    for split in ("dev", "held"):
        chosen = [k for k, i in enumerate(ids) if labels[i]["split"] == split and "date" not in (labels[i].get("unlabelled") or [])]
        rd = [reader_date(pages[k]) for k in chosen]
        hd, t_hd = timed(htmldate_date, [pages[k] for k in chosen])
        ed = [extruct_date(pages[k]) for k in chosen]

        def right(got, k):
            want = labels[ids[k]].get("date")
            return got is None if want is None else same_day(got, want)
        r = sum(right(g, k) for g, k in zip(rd, chosen))
        h = sum(right(g, k) for g, k in zip(hd, chosen))
        both = [(g1, g2, k) for g1, g2, k in zip(rd, ed, chosen) if g2]
        print(f"{split}: {len(chosen)} pages with a date label: reader {r / len(chosen):.0%}, htmldate {h / len(chosen):.0%}"
              f" ({t_hd * 1000 / len(chosen):.0f} ms/page); extruct finds structured dates on {len(both)} pages, "
              f"the reader agrees on {sum(1 for g1, g2, _ in both if g1 and g1[:10] == g2[:10])}, "
              f"htmldate beats the reader on {sum(1 for g1, g2, k in zip(rd, hd, chosen) if right(g2, k) and not right(g1, k))}"
              f" and loses on {sum(1 for g1, g2, k in zip(rd, hd, chosen) if right(g1, k) and not right(g2, k))} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
