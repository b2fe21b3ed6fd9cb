"""Train the headline scorer of plain-text pages (reader/extract/headline.py) on the development part.

Usage:
    python benchmarks/train_headline.py [--corpus DIR] [--write] [--c 1.0]

Data: every dev page of benchmarks/labels/dev.json (never held.json) rendered as each text kind of
make_text_pages (dom, inscriptis, w3m, oneline), plus the self-written pages of
tests/fixtures/extract_classes. For each render the extractor's own stages run (parse_text, folding,
clean.classify, region.article_region); every headline candidate (headline.candidates) is one example,
positive when its letters equal the labelled title's. A render whose candidates miss the title is left out
(and counted: the scorer cannot pick a line that is not there).

Prints the top-1 accuracy (the candidate with the highest score is the title) in a 5-fold cross-validation
grouped by site (a site's pages are never in training and test at once), then, with --write, fits on all
of it and writes reader/extract/headline_weights.json. Needs scikit-learn (`pip install scikit-learn`);
the reader itself only reads the weights.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from extraction_score import DEFAULT_CORPUS, load_labels, read_page, text_stages  # noqa: E402
from make_text_pages import available_kinds, render  # noqa: E402

from reader.decode import decode  # noqa: E402
from reader.extract import headline  # noqa: E402
from reader.extract.title_words import tidy_headline  # noqa: E402

CLASSES = ROOT / "tests" / "fixtures" / "extract_classes"


def key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text or "").lower()


def examples(text: str, title: str):
    """(feature rows, labels) of one text page's headline candidates, or None when no candidate is it."""
    p, classes, found = text_stages(text)
    if found is None:
        return None
    first, last = found
    page = headline.page_context(p.lines, classes, first, last)
    want = key(title)
    rows, labels = [], []
    for k in headline.candidates(p.lines, classes, first, last):
        rows.append(headline.features(p.lines, classes, k, first, last, page))
        labels.append(key(tidy_headline(p.lines, k)) == want)  # the headline as the reader shows it
    return (rows, labels) if any(labels) else None


def load(corpus: Path):
    groups = []  # (site, rows, labels)
    missed = defaultdict(int)
    labels = load_labels(HERE / "labels", "dev")
    kinds = [k for k in available_kinds() if k != "html"]
    for page_id, rec in sorted(labels.items()):
        if rec.get("split") != "dev" or not rec.get("title") or "title" in (rec.get("unlabelled") or []):
            continue
        html = read_page(corpus, rec)
        for kind in kinds:
            text = render(html, kind)
            if text is None:
                continue
            got = examples(text, rec["title"])
            if got is None:
                missed[kind] += 1
                continue
            groups.append((rec["site"], *got))
    for page in sorted(CLASSES.glob("*.txt")):
        want = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
        got = examples(decode(page.read_bytes(), "text", None).text, want["title"])
        if got is None:
            missed["classes"] += 1
            continue
        groups.append(("self-written:" + page.stem, *got))
    return groups, dict(missed)


def fit(groups, c: float):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([row for _, rows, _ in groups for row in rows])
    y = np.array([lab for _, _, labs in groups for lab in labs])
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    model.fit(x, y)
    return model


def top1(model, groups) -> float:
    import numpy as np

    right = 0
    for _, rows, labels in groups:
        scores = model.decision_function(np.array(rows))
        right += bool(labels[int(np.argmax(scores))])
    return right / len(groups) if groups else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--write", action="store_true", help="fit on all dev data and write the weights")
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    args = ap.parse_args(argv)
    groups, missed = load(args.corpus)
    sites = sorted({site for site, _, _ in groups})
    print(f"{len(groups)} renders with the title among the candidates, {len(sites)} sites; "
          f"title not among the candidates: {missed}")
    folds = 5
    accuracies = []
    for f in range(folds):
        test_sites = set(sites[f::folds])
        train = [g for g in groups if g[0] not in test_sites]
        test = [g for g in groups if g[0] in test_sites]
        accuracies.append(top1(fit(train, args.c), test))
    print(f"top-1 accuracy, {folds}-fold by site: " + " ".join(f"{a:.0%}" for a in accuracies)
          + f"; mean {sum(accuracies) / folds:.1%}")
    if args.write:
        model = fit(groups, args.c)
        print(f"top-1 accuracy on all training data: {top1(model, groups):.1%}")
        weights = [round(float(w), 4) for w in model.coef_[0]]
        data = {"about": "logistic regression weights of reader/extract/headline.py, written by "
                         "benchmarks/train_headline.py from the development part only",
                "features": list(headline.FEATURES), "weights": weights}
        headline.WEIGHTS.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        for name, w in sorted(zip(headline.FEATURES, weights), key=lambda t: -abs(t[1])):
            print(f"  {name:18} {w:+.3f}")
        print(f"wrote {headline.WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
