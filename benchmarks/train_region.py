"""Experiment: a learned value per line for the article region of text pages, against the hand-written one.

Usage:
    python benchmarks/train_region.py [--corpus DIR] [--folds 5] [--c 1.0]

region.article_region finds the article as the maximum-sum run of per-line values
(region.line_values: a sentence line is worth its letters, other lines cost theirs). Here the
value of a line is instead the log-odds, from a logistic regression over line features
(``line_features``), that the line lies inside the labelled body of its page. The maximum-sum run
of log-odds is then the likeliest single body span.

Data: the dev part only (benchmarks/labels/dev.json), every page rendered as each text kind of
make_text_pages. A line is positive when it lies between the lines holding the labelled body's
first and last 15 characters. Evaluation: a 5-fold cross-validation grouped by site: for each
fold, a model trained on the other folds' sites gives the values, and the extractor's own figures
(extraction_score.judge: title, date, author, start, end, leak) are counted on the fold's pages,
against the hand-written values on the same pages. Needs scikit-learn and numpy.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import extraction_score as es  # noqa: E402
from make_text_pages import available_kinds, render  # noqa: E402

from reader.extract import clean, region, shape  # noqa: E402

FEATURES = ("bias", "letters_log", "sentence", "closed", "clauses", "content", "share", "junk", "tail",
            "dated_short", "list_item", "prev_sentence", "next_sentence", "prev_letters_log", "next_letters_log",
            "short", "field", "sentence_closed", "open_short", "meta", "meta_above", "window_clauses", "hand")
_HAND_VALUES = region.line_values  # the hand-written values, one feature among the others
_HAND_UNIT = 30
_HAND_CLIP = 3.0
_LETTERS_UNIT = 10  # a line's log-odds count once per this many letters: long lines weigh more
_FIELD = re.compile(r"^\s{0,2}[\u4e00-\u9fff]{2,10}\s{0,1}[：:]")


def line_features(lines, classes, k, sentence, meta, hand) -> list[float]:
    ln, cls = lines[k], classes[k]
    n = ln.letter_count
    prev_n = lines[k - 1].letter_count if k else 0
    next_n = lines[k + 1].letter_count if k + 1 < len(lines) else 0
    return [
        1.0,
        math.log1p(n),
        1.0 if sentence[k] else 0.0,
        1.0 if region._CLOSED.search(ln.scan) else 0.0,
        min(len(region._PROSE_MARK.findall(ln.scan)), 8) / 8,
        1.0 if cls == clean.CONTENT else 0.0,
        1.0 if cls == clean.SHARE else 0.0,
        1.0 if cls.startswith("junk:") else 0.0,
        1.0 if clean.is_tail_marker(ln) else 0.0,
        1.0 if n <= 40 and ln.dates else 0.0,
        1.0 if region.LIST_ITEM.match(ln.scan) else 0.0,
        1.0 if k and sentence[k - 1] else 0.0,
        1.0 if k + 1 < len(lines) and sentence[k + 1] else 0.0,
        math.log1p(prev_n),
        math.log1p(next_n),
        1.0 if n <= 12 else 0.0,
        1.0 if _FIELD.match(ln.scan) else 0.0,
        1.0 if sentence[k] and region._CLOSED.search(ln.scan) else 0.0,
        1.0 if sentence[k] and not region._CLOSED.search(ln.scan) and n < 34 else 0.0,
        1.0 if meta[k] else 0.0,
        1.0 if any(meta[j] for j in range(max(0, k - 3), k)) else 0.0,
        sum(sentence[j] for j in range(max(0, k - 2), min(len(lines), k + 3))) / 5,
        max(-_HAND_CLIP, min(_HAND_CLIP, hand[k] / _HAND_UNIT)) if hand[k] != region._WALL else -_HAND_CLIP,
    ]


def page_rows(lines, classes):
    sentence = [cls == clean.CONTENT and shape.is_sentence(ln) for ln, cls in zip(lines, classes)]
    meta = [len(ln.text) <= 200 and clean.looks_like_metadata(ln) for ln in lines]
    hand = _HAND_VALUES(lines, classes)
    return [line_features(lines, classes, k, sentence, meta, hand) for k in range(len(lines))]


def body_span(lines, start: str, end: str) -> tuple[int, int] | None:
    """(first, last) line of the labelled body: the lines holding its first and last letters."""
    text, owner = [], []
    for k, ln in enumerate(lines):
        letters = es.letters(ln.text)
        text.append(letters)
        owner.extend([k] * len(letters))
    flat = "".join(text)
    s, e = es.letters(start or ""), es.letters(end or "")
    if not s or not e:
        return None
    a, b = flat.find(s), flat.rfind(e)
    if a < 0 or b < 0 or b + len(e) - 1 < a:
        return None
    return owner[a], owner[b + len(e) - 1]


def load(corpus: Path):
    """[(site, page_id, kind, rows, labels)] of every dev render whose body can be located."""
    out = []
    labels = es.load_labels(HERE / "labels", "dev")
    kinds = [k for k in available_kinds() if k != "html"]
    for page_id, rec in sorted(labels.items()):
        html = es.read_page(corpus, rec)
        for kind in kinds:
            text = render(html, kind)
            if text is None:
                continue
            p, classes, _found = es.text_stages(text)
            span = body_span(p.lines, rec.get("body_start"), rec.get("body_end"))
            if span is None:
                continue
            ys = [span[0] <= k <= span[1] for k in range(len(p.lines))]
            out.append((rec["site"], page_id, kind, page_rows(p.lines, classes), ys))
    return out, labels


def fit(data, c: float):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([row for *_, rows, _ in data for row in rows])
    y = np.array([lab for *_, labs in data for lab in labs])
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    model.fit(x, y)
    return model.coef_[0]


def learned_values(weights):
    hand = region.line_values

    def values(lines, classes):
        walls = hand(lines, classes)
        rows = page_rows(lines, classes)
        return [region._WALL if w == region._WALL
                else sum(a * b for a, b in zip(weights, row)) * max(ln.letter_count, 4) / _LETTERS_UNIT
                for w, row, ln in zip(walls, rows, lines)]
    return values


def score(corpus, labels, pages: set, kinds) -> dict:
    sub = {p: labels[p] for p in pages}
    _figs, rows = es.run(corpus, sub, kinds, anchors=False, jobs=1, extract_fn=es.run_reader)
    tally = defaultdict(lambda: [0, 0])
    for row in rows:
        for fig in ("title", "date", "author", "start", "end", "leak"):
            if fig in row["figures"]:
                tally[(row["kind"], fig)][0] += bool(row["figures"][fig])
                tally[(row["kind"], fig)][1] += 1
    return tally


def print_side_by_side(heading: str, hand: dict, learned: dict, kinds) -> None:
    print(f"{heading} (hand | learned):")
    for kind in kinds:
        cells = []
        for fig in ("title", "date", "author", "start", "end", "leak"):
            h, lrn = hand[(kind, fig)], learned[(kind, fig)]
            cells.append(f"{fig} {100 * h[0] / max(h[1], 1):3.0f}|{100 * lrn[0] / max(lrn[1], 1):3.0f}")
        print(f"  {kind:10} " + "  ".join(cells))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=es.DEFAULT_CORPUS)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--held", action="store_true",
                    help="also fit on all dev data and print both valuations' figures on the held part (a held look)")
    args = ap.parse_args(argv)
    data, labels = load(args.corpus)
    sites = sorted({d[0] for d in data})
    fold_of = {s: i % args.folds for i, s in enumerate(sites)}
    kinds = [k for k in available_kinds() if k != "html"]
    hand_total, learned_total = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    original = region.line_values
    for fold in range(args.folds):
        train = [d for d in data if fold_of[d[0]] != fold]
        test_pages = {pid for pid, rec in labels.items() if fold_of.get(rec["site"], -1) == fold}
        weights = fit(train, args.c)
        region.line_values = original
        for key, (a, b) in score(args.corpus, labels, test_pages, kinds).items():
            hand_total[key][0] += a
            hand_total[key][1] += b
        region.line_values = learned_values(weights)
        for key, (a, b) in score(args.corpus, labels, test_pages, kinds).items():
            learned_total[key][0] += a
            learned_total[key][1] += b
        region.line_values = original
    print_side_by_side(f"{len(data)} renders, {len(sites)} sites; figures over held-out folds", hand_total,
                       learned_total, kinds)
    weights = fit(data, args.c)
    print("weights on all dev data:", ", ".join(f"{n} {w:+.2f}" for n, w in zip(FEATURES, weights)))
    if args.held:
        held = es.load_labels(HERE / "labels", "held")
        region.line_values = original
        hand = score(args.corpus, held, set(held), kinds)
        region.line_values = learned_values(weights)
        learned = score(args.corpus, held, set(held), kinds)
        region.line_values = original
        print_side_by_side("held part, figures only", hand, learned, kinds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
