"""Score reader.extract (and trafilatura as a baseline) on labelled real pages.

Usage:
    python benchmarks/extraction_eval.py [--corpus DIR] [--split dev|held|all] [--no-baseline] [-v]

Corpus layout (see ../shared/corpus/SOURCES.md): chinese-web-content-extraction-dataset/
(original/*.html with cleaned/, date/, author/ labels) and trafilatura-eval-zh/
(evaldata.zh-subset.json: title, date, author, "with"/"without" snippets).

Figures (definitions are printed with the results):
- body F1: character-bag F1 between extracted body and labelled body, ignoring whitespace,
  punctuation and symbols (letters and digits only, Unicode categories L* and N*), mean over
  pages with a non-empty body label; a page where nothing is extracted scores 0.
- date: extracted date equals the labelled one to the day (partial labels such as "2018" or
  "1998-3" are compared on the fields they give), over pages with a labelled date.
- author: the set of labelled authors is a subset of the extracted authors, over pages with
  a labelled author (not UNKNOWN); "author|editor" also accepts the editor field, because the
  Chinese dataset often labels the 责任编辑 as the author.
- no leak: Chinese dataset: no line of the extracted body longer than LEAK_MIN letters is
  absent from the labelled body (compared without whitespace/punctuation); trafilatura-eval:
  none of the "without" snippets is in the body. Over all pages.
- title: exact title (letters compared) on trafilatura-eval pages, which label titles.
- held-out: pages are split by a stable hash of their file name (dev = even, held = odd); rules
  were developed looking at dev pages only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.errors import ContentError  # noqa: E402
from reader.extract import extract  # noqa: E402
from reader.model import ArticleHints  # noqa: E402

LEAK_MIN = 10
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def decode_bytes(data: bytes) -> str:
    try:
        from reader.decode import decode

        return decode(data, "html", None).text
    except ImportError:  # pragma: no cover - before reader/decode.py existed
        m = re.search(rb"charset\s*=\s*[\"']?([\w-]+)", data[:4096], re.I)
        enc = m.group(1).decode("ascii").lower() if m else "utf-8"
        if enc in ("gbk", "gb2312", "gb_2312-80"):
            enc = "gb18030"
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            return data.decode("gb18030" if enc == "utf-8" else "utf-8", "replace")


def letters(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN").lower()


def char_f1(got: str, want: str) -> tuple[float, float, float]:
    g, w = Counter(letters(got)), Counter(letters(want))
    if not g or not w:
        return (0.0, 0.0, 0.0) if (g or w) else (1.0, 1.0, 1.0)
    common = sum((g & w).values())
    p, r = common / sum(g.values()), common / sum(w.values())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def same_day(got: str | None, label: str) -> bool:
    if not got:
        return False
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", label.strip())
    if not m:
        return False
    g = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", got)
    if not g:
        return False
    for a, b in zip(m.groups(), g.groups()):
        if a is None:
            break
        if b is None or int(a) != int(b):
            return False
    return True


def leaked_lines(body: str, label: str) -> list[str]:
    ref = letters(label)
    out = []
    for line in body.split("\n"):
        key = letters(line)
        if len(key) > LEAK_MIN and key not in ref:
            out.append(line)
    return out


@dataclass
class Page:
    name: str
    html: str
    body: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    title: str | None = None
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
    dataset: str = ""

    @property
    def split(self) -> str:
        return "dev" if hashlib.sha1(self.name.encode()).digest()[0] % 2 == 0 else "held"


def _label(path: Path) -> str | None:
    if not path.exists():
        return None
    value = path.read_text(encoding="utf-8", errors="replace").strip()
    if not value or value.upper() in ("UNKNOWN", "UNKNWON"):
        return None
    return value


def load_pages(corpus: Path) -> list[Page]:
    pages: list[Page] = []
    cw = corpus / "chinese-web-content-extraction-dataset"
    for f in sorted((cw / "original").glob("*.html")) if cw.exists() else []:
        uid = f.stem
        date = _label(cw / "date" / f"{uid}.txt")
        if date and not re.match(r"\d{4}", date):
            date = None  # odd labels such as a person's name
        author = _label(cw / "author" / f"{uid}.txt")
        pages.append(Page(
            name=f.name, html=decode_bytes(f.read_bytes()), dataset="cwced",
            body=_label(cw / "cleaned" / f"{uid}.txt"), date=date,
            authors=re.split(r"[\s、,，]+", author) if author else [],
        ))
    tz = corpus / "trafilatura-eval-zh"
    if (tz / "evaldata.zh-subset.json").exists():
        data = json.loads((tz / "evaldata.zh-subset.json").read_text(encoding="utf-8"))
        for url, rec in sorted(data.items()):
            f = tz / rec["file"]
            if not f.exists():
                continue
            pages.append(Page(
                name=rec["file"], html=decode_bytes(f.read_bytes()), dataset="traf",
                date=rec.get("date") or None, authors=[rec["author"]] if rec.get("author") else [],
                title=rec.get("title") or None, with_=rec.get("with", []), without=rec.get("without", []),
            ))
    return pages


def load_english(corpus: Path) -> list[Page]:
    """scrapinghub/article-extraction-benchmark: 181 mostly English pages, body labels only.

    Not a goal of the product; a check that the rules are not tuned to Chinese pages alone.
    """
    import gzip

    root = corpus / "scrapinghub-article-extraction-benchmark"
    if not (root / "ground-truth.json").exists():
        return []
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, rec in sorted(truth.items()):
        f = root / "html" / f"{key}.html.gz"
        if f.exists():
            pages.append(Page(name=key, html=decode_bytes(gzip.decompress(f.read_bytes())),
                              body=rec.get("articleBody") or None, dataset="scrapinghub"))
    return pages


@dataclass
class Result:
    body: str
    date: str | None
    authors: list[str]
    title: str | None
    editor: str | None = None


def run_reader(page: Page) -> Result:
    try:
        art = extract(page.html, "html", ArticleHints())[0]
    except ContentError:
        return Result("", None, [], None)
    return Result(art.body, art.published, art.authors, art.title, art.editor)


def run_trafilatura(page: Page) -> Result:
    import trafilatura

    out = trafilatura.bare_extraction(page.html, with_metadata=True)
    if out is None:
        return Result("", None, [], None)
    get = (lambda k: getattr(out, k, None)) if not isinstance(out, dict) else out.get
    author = get("author") or ""
    return Result(get("text") or "", get("date"), [a.strip() for a in re.split(r"[;,]", author) if a.strip()], get("title"))


def score(pages: list[Page], runner, verbose: bool = False) -> dict:
    f1s, dates, authors, credited, clean, titles = [], [], [], [], [], []
    for page in pages:
        res = runner(page)
        leak = False
        if page.body:
            f1 = char_f1(res.body, page.body)[2]
            f1s.append(f1)
            leaks = leaked_lines(res.body, page.body)
            leak = bool(leaks)
        else:
            f1, leaks = None, []
        if page.without:
            body_l = letters(res.body)
            leaks = [s for s in page.without if letters(s) and letters(s) in body_l]
            missing = [s for s in page.with_ if letters(s) not in body_l]
            leak = bool(leaks)
            if page.body is None:
                f1s.append(1 - len(missing) / max(1, len(page.with_)))  # snippet recall stands in for F1
        clean.append(not leak)
        if page.date:
            dates.append(same_day(res.date, page.date))
        if page.authors:
            authors.append(set(page.authors) <= set(res.authors))
            # the Chinese dataset often labels the 责任编辑 as the author: credit either field
            credited.append(set(page.authors) <= set(res.authors) | {res.editor})
        if page.title:
            titles.append(letters(page.title) == letters(res.title or ""))
        if verbose:
            print(f"  {page.name[:40]:40} f1={'-' if f1 is None else f'{f1:.2f}'} date={res.date} want={page.date} "
                  f"au={res.authors} want={page.authors} leak={leaks[:2]}")
    mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")  # noqa: E731
    return {
        "pages": len(pages), "body_f1": mean(f1s), "date_ok": mean(dates), "date_n": len(dates),
        "author_ok": mean(authors), "author_n": len(authors), "credited_ok": mean(credited), "no_leak": mean(clean),
        "title_ok": mean(titles), "title_n": len(titles),
    }


def fmt(name: str, s: dict) -> str:
    return (f"{name:28} pages={s['pages']:3d}  body F1={s['body_f1']:.3f}  "
            f"date={s['date_ok']:.0%} (n={s['date_n']})  author={s['author_ok']:.0%} "
            f"(author|editor={s['credited_ok']:.0%}, n={s['author_n']})  "
            f"no-leak={s['no_leak']:.0%}  title={s['title_ok']:.0%} (n={s['title_n']})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--split", choices=("dev", "held", "all"), default="all")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--english", action="store_true", help="also score the scrapinghub (mostly English) pages")
    args = ap.parse_args(argv)
    pages = load_pages(args.corpus)
    if not pages:
        print(f"no labelled pages under {args.corpus}", file=sys.stderr)
        return 1
    print("body F1 = character-bag F1 over letters/digits (whitespace, punctuation, symbols ignored), mean per page")
    print("date = same day as label; author = labelled names all found (author|editor: or the editor); "
          f"no-leak = no extracted line >{LEAK_MIN} letters absent from the label / no 'without' snippet")
    splits = ("dev", "held", "all") if args.split == "all" else (args.split,)
    for split in splits:
        sel = [p for p in pages if split == "all" or p.split == split]
        print(f"[{split}]")
        print(fmt("reader.extract", score(sel, run_reader, args.verbose)))
        if not args.no_baseline:
            print(fmt("trafilatura (baseline)", score(sel, run_trafilatura)))
    if args.english:
        eng = load_english(args.corpus)
        print("[english: scrapinghub article-extraction-benchmark, body only; leak = line absent from label]")
        print(fmt("reader.extract", score(eng, run_reader)))
        if not args.no_baseline:
            print(fmt("trafilatura (baseline)", score(eng, run_trafilatura)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
