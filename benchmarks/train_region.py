"""Measure (and train) a learned article-region scorer for plain-text pages, on the development part.

Usage:
    python benchmarks/train_region.py [--corpus DIR] [--c 1.0] [--write]

The article region of a text page (reader/extract/region.py) is the maximum-sum run of per-line
values written by hand (a sentence line is worth its letters, furniture costs its letters). This
script asks whether a logistic regression over line features, trained on dev pages only, picks
the labelled body better: each line of each dev render (dom, inscriptis, w3m; not oneline, whose
lines are cut by the reader itself) is an example, positive between the line holding the labelled
body start and the line holding the labelled body end. The region is then the maximum-sum run of
the model's log-odds. Printed, in a 5-fold cross-validation grouped by site: how often the region's
first line holds the labelled start and its last line the labelled end, for the hand-written values
and for the model. With --write (only worth it when the model wins), fits on all dev renders and
writes reader/extract/region_weights.json. Needs scikit-learn and numpy.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from extraction_score import DEFAULT_CORPUS, load_labels, read_page  # noqa: E402
from make_text_pages import available_kinds, render  # noqa: E402

from reader.extract import clean, region  # noqa: E402
from reader.extract.parsed import fold_lines  # noqa: E402
from reader.extract.text import parse_text  # noqa: E402

KINDS = ("dom", "inscriptis", "w3m")


def key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text or "").lower()


def page_examples(text: str, start: str, end: str):
    """(lines, classes, labels, start line, end line) of one render, or None when the labels are not in it."""
    p = parse_text(text)
    fold_lines(p.lines)
    lines = p.lines
    classes = [clean.classify(ln) for ln in lines]
    keys = [key(ln.text) for ln in lines]
    want_start, want_end = key(start), key(end)
    first = next((k for k, t in enumerate(keys) if want_start and want_start[:10] in t), None)
    if first is None:
        return None
    last = next((k for k in range(len(keys) - 1, first - 1, -1) if want_end and want_end[-10:] in keys[k]), None)
    if last is None:
        return None
    labels = [first <= k <= last for k in range(len(lines))]
    return lines, classes, labels, first, last


def load(corpus: Path):
    renders = []  # (site, lines, classes, labels, first, last)
    labels = load_labels(HERE / "labels", "dev")
    kinds = [k for k in available_kinds() if k in KINDS]
    for _page, rec in sorted(labels.items()):
        if rec.get("split") != "dev" or not rec.get("body_start") or not rec.get("body_end"):
            continue
        html = read_page(corpus, rec)
        for kind in kinds:
            text = render(html, kind)
            got = page_examples(text, rec["body_start"], rec["body_end"]) if text else None
            if got is not None:
                renders.append((rec["site"], *got))
    return renders


def best_run(values) -> tuple[int, int] | None:
    best, best_span, total, start = 0.0, None, 0.0, 0
    for k, v in enumerate(values):
        if total + v <= 0:
            total, start = 0.0, k + 1
            continue
        total += v
        if total > best:
            best, best_span = total, (start, k)
    return best_span


def hits(span, first, last) -> tuple[bool, bool]:
    if span is None:
        return False, False
    return span[0] == first, span[1] == last


def main(argv=None) -> int:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--offset", type=float, default=0.0, help="added to every line's log-odds before the run is found")
    args = ap.parse_args(argv)
    renders = load(args.corpus)
    feats = [region.page_line_features(lines, classes) for _, lines, classes, *_ in renders]
    sites = sorted({r[0] for r in renders})
    print(f"{len(renders)} dev renders with both labels found, {len(sites)} sites")
    hand = [hits(region.article_region(lines, classes), first, last) for _, lines, classes, _, first, last in renders]
    print(f"hand-written region: start {np.mean([h[0] for h in hand]):.0%}, end {np.mean([h[1] for h in hand]):.0%}")
    folds, scored = 5, [None] * len(renders)
    for f in range(folds):
        test_sites = set(sites[f::folds])
        train = [i for i, r in enumerate(renders) if r[0] not in test_sites]
        x = np.array([row for i in train for row in feats[i]])
        y = np.array([lab for i in train for lab in renders[i][3]])
        model = LogisticRegression(C=args.c, max_iter=5000).fit(x, y)
        for i, r in enumerate(renders):
            if r[0] in test_sites:
                scored[i] = hits(best_run(model.decision_function(np.array(feats[i])) + args.offset), r[4], r[5])
    print(f"learned region, {folds}-fold by site: start {np.mean([s[0] for s in scored]):.0%}, "
          f"end {np.mean([s[1] for s in scored]):.0%}")
    if args.write:
        x = np.array([row for rows in feats for row in rows])
        y = np.array([lab for r in renders for lab in r[3]])
        model = LogisticRegression(C=args.c, max_iter=5000).fit(x, y)
        data = {"about": "logistic regression of reader/extract/region.py's learned region, written by "
                         "benchmarks/train_region.py from the development part only",
                "features": list(region.LINE_FEATURES), "intercept": round(float(model.intercept_[0]), 4),
                "weights": [round(float(w), 4) for w in model.coef_[0]]}
        region.WEIGHTS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {region.WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
