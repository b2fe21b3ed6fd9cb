"""Search latency per query class at N articles, beside an instr() substring-scan baseline.

    python benchmarks/search_bench.py [--n 100000] [--db FILE] [--corpus DIR] [--repeat 20]

Builds (or reuses, with --db pointing at an existing file built by this script) a library of N
synthetic articles: sentences of the fixture pages (tests/fixtures, plus every .txt under
--corpus if given, e.g. ../shared/corpus/chinese-web-content-extraction-dataset/cleaned)
recombined with a fixed seed into 300-5,000 character articles, 40% converted to Traditional.
Articles go in through the library's own import transaction (no extraction: that is the
importer's benchmark). Then each query class runs --repeat times through ``Library.search``
(top 20, ranked, with snippets) and through the baseline, a substring scan with instr() over
the same articles table, and p50/p95 in ms are printed with the ratio.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reader.library import ArticleFilter, Library  # noqa: E402
from reader.model import Article, Block, RawDocument  # noqa: E402
from reader.script import convert  # noqa: E402

SOURCES = ["南方日報", "新华社", "明報", "人民日报", "中央社", "澎湃新闻", "聯合報", "香港01"]


def sentences(extra: Path | None) -> list[str]:
    files = sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    if extra:
        files += sorted(extra.rglob("*.txt"))
    out: list[str] = []
    for f in files:
        text = f.read_bytes().decode("utf-8", "replace")
        for s in re.split(r"(?<=[。！？；])", text):
            s = s.strip()
            if 8 <= len(s) <= 300 and re.search(r"[\u4e00-\u9fff]{4}", s):
                out.append(s)
    return sorted(set(out))


def build(lib: Library, n: int, extra: Path | None, seed: int = 7) -> None:
    rng = random.Random(seed)
    pool = sentences(extra)
    if not pool:
        raise SystemExit("no fixture sentences found")
    batch = 5000
    done = 0
    while done < n:
        with lib.import_bundle(f"bench-{seed}-{done}", f"bench batch {done}") as writer:
            for i in range(done, min(n, done + batch)):
                target = rng.randint(300, 5000) if rng.random() < 0.2 else rng.randint(300, 1800)
                paras, size = [], 0
                while size < target:
                    para = "".join(rng.choice(pool) for _ in range(rng.randint(2, 5)))
                    paras.append(para)
                    size += len(para)
                # a unique marker so that no two articles are duplicates
                paras.append(f"稿件编号{i:07d}")
                title = rng.choice(pool)[:30]
                if rng.random() < 0.4:
                    paras = [convert(p, "s2tw") for p in paras]
                    title = convert(title, "s2tw")
                day = f"20{rng.randint(15, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                article = Article(
                    title=title,
                    blocks=[Block("paragraph", p) for p in paras],
                    published=day,
                    source=rng.choice(SOURCES),
                    url=f"https://example.com/{i}",
                )
                writer.add_document(RawDocument(f"{i}.txt", b"", "text"), [article])
        done = min(n, done + batch)
        print(f"  built {done}/{n}", file=sys.stderr)


def query_classes(lib: Library) -> list[tuple[str, str, str | None]]:
    """(class, query for Library.search, needle for the instr() baseline or None)."""
    return [
        ("1 char, common", "的", "的"),
        ("1 char, rare", "瀝", "瀝"),
        ("2 chars", "港澳", "港澳"),
        ("2 chars, simplified query", "合作", "合作"),
        ("3 chars", "江门市", "江門市"),
        ("4 chars", "粤港澳大", "粵港澳大"),
        ("multi-term", "港澳 合作 发展", "港澳"),
        ("phrase", '"打造对接港澳"', "打造對接港澳"),
        ("exclude", "港澳 -合作", "港澳"),
        ("filtered source", "港澳 source:南方日报", "港澳"),
        ("filtered date", "合作 after:2023-01-01", "合作"),
        ("1 char + source", "的 source:南方日报", "的"),
        ("1 char + mid-year date", "的 after:2024-06-15", "的"),
        ("no match", "量子纠缠", "量子糾纏"),
    ]


def timed(fn, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--db", help="library file (reused if it already holds articles)")
    parser.add_argument("--corpus", type=Path, help="folder of extra .txt pages for sentences")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)

    db = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "bench.db"
    t = time.perf_counter()
    lib = Library.open(db)
    print(f"open (incl. any migration): {time.perf_counter() - t:.2f} s")
    have = lib.count()
    if have == 0:
        t = time.perf_counter()
        build(lib, args.n, args.corpus)
        print(f"built {args.n} articles in {time.perf_counter() - t:.1f} s -> {db}")
    if not lib.article_ids(ArticleFilter(bookmarked=True)):
        for article_id in lib.article_ids()[::500]:  # a few bookmarks, as a reader would have
            lib.set_bookmarked(article_id, True)
    lib.optimize()
    n = lib.count()
    print(f"command: python benchmarks/search_bench.py --n {args.n} --repeat {args.repeat}"
          + (f" --corpus {args.corpus}" if args.corpus else ""))
    print(f"articles: {n}   db: {db}")
    conn = lib._conn  # the baseline is raw SQL on purpose: it IS the baseline
    print(f"{'query class':28} {'query':24} {'p50 ms':>8} {'p95 ms':>8} {'instr p50':>10} {'ratio':>7} {'hits':>5}")
    worst = 0.0
    for name, query, needle in query_classes(lib):
        p50, p95, hits = timed(lambda: lib.search(query, limit=20), args.repeat)
        worst = max(worst, p95)
        b50 = float("nan")
        if needle:
            sql = (
                "SELECT id FROM articles WHERE instr(title, ?) > 0 OR instr(blocks, ?) > 0"
                " ORDER BY sort_date DESC"
            )
            b50, _, _ = timed(lambda: conn.execute(sql, (needle, needle)).fetchall(), max(3, args.repeat // 5))
        print(f"{name:28} {query:24} {p50:8.1f} {p95:8.1f} {b50:10.1f} {b50 / p50 if p50 else 0:7.1f} {len(hits):5}")
    for name, filters in (("1 char + bookmarked", ArticleFilter(bookmarked=True)), ("1 char + unread", ArticleFilter(unread=True))):
        p50, p95, hits = timed(lambda: lib.search("的", filters, limit=20), args.repeat)
        worst = max(worst, p95)
        print(f"{name:28} {'的':24} {p50:8.1f} {p95:8.1f} {'':>10} {'':>7} {len(hits):5}")
    p50, p95, ids = timed(lambda: lib.article_ids(ArticleFilter()), args.repeat)
    print(f"{'article_ids (all)':28} {'':24} {p50:8.1f} {p95:8.1f} {'':>10} {'':>7} {len(ids):5}")
    p50, p95, ids = timed(lambda: lib.article_ids(ArticleFilter(unread=True, source='南方日报')), args.repeat)
    print(f"{'article_ids (unread+src)':28} {'':24} {p50:8.1f} {p95:8.1f} {'':>10} {'':>7} {len(ids):5}")
    lib.optimize()
    print(f"worst search p95: {worst:.1f} ms")
    lib.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
