"""What the reader keeps, at library scale: tag filters, saved searches, the highlights screen.

    python benchmarks/keeping.py LIBRARY.db [--highlights 10000] [--repeat 20]

Runs on the library as given (it tags articles and writes highlights): run.py hands it a copy.
Tags 1 article in 10 with one of five tags (Traditional and Simplified spellings), writes
``--highlights`` highlights spread over the library, saves three searches, then times what the
TUI and the CLI ask for: a tag's list (ids, first page of summaries, count), a saved search's
list and the counts of every saved search, the highlights screen's query, the tag counts.
Prints one JSON object: p50/p95 in ms per query.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from probe import pct  # noqa: E402

from reader.library import ArticleFilter, Library  # noqa: E402

TAGS = ["港澳", "台灣", "to-read", "經濟", "科技"]


def _timed(fn, repeat: int) -> dict:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return {"p50_ms": round(pct(times, 0.50), 2), "p95_ms": round(pct(times, 0.95), 2)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("db", type=Path)
    p.add_argument("--highlights", type=int, default=10_000)
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    rng = random.Random(args.seed)
    with Library.open(args.db) as lib:
        ids = lib.article_ids()
        t0 = time.perf_counter()
        for n, tag in enumerate(TAGS):
            lib.tag(ids[n::10 * len(TAGS)] + ids[n + 1 :: 10 * len(TAGS)], add=[tag])
        tag_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        made = 0
        while made < args.highlights:
            article_id = rng.choice(ids)
            body = lib.get(article_id).body
            if len(body) < 40:
                continue
            start = rng.randrange(0, len(body) - 30)
            lib.add_highlight(article_id, start, start + 20, note="注" if made % 3 == 0 else "")
            made += 1
        highlight_s = time.perf_counter() - t0
        lib.save_search("港澳經濟", "港澳 tag:經濟")
        lib.save_search("台灣", "tag:台湾")
        lib.save_search("合作", "合作")
        lib.optimize()

        def tag_list() -> None:
            found = lib.article_ids(ArticleFilter(tag="台湾"))
            lib.summaries(found[:60])
            lib.count(ArticleFilter(tag="台湾", unread=True))

        def saved_search_list() -> None:
            found = lib.article_ids(ArticleFilter(query="港澳 tag:經濟"))
            lib.summaries(found[:60])

        result = {
            "articles": len(ids),
            "tagged_links": sum(t.count for t in lib.tags()),
            "highlights": made,
            "setup_s": {"tagging": round(tag_s, 1), "highlights": round(highlight_s, 1)},
            "queries": {
                "tag list (ids + 60 rows + unread count)": _timed(tag_list, args.repeat),
                "saved search list (ids + 60 rows)": _timed(saved_search_list, args.repeat),
                "saved searches with counts (filter screen)": _timed(lib.saved_searches, args.repeat),
                "highlights screen (newest 1,001)": _timed(lambda: lib.highlights(limit=1001), args.repeat),
                "every highlight (reader highlights)": _timed(lib.highlights, args.repeat),
                "one article's highlights": _timed(lambda: lib.highlights(ids[0]), args.repeat),
                "tag counts": _timed(lib.tags, args.repeat),
            },
        }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
