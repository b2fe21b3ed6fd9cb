"""Reading aids: is the word panel fast enough, and what does the dictionary cost?

    python benchmarks/reading_aids.py [--chars 10000] [--offsets 200] [--load-runs 3]

Prints one JSON object:
- ``load``: in a fresh interpreter each run (median of ``--load-runs``): ``import reader.reading``,
  then ``dictionary.load()`` (CC-CEDICT read and indexed), then the first reading (pypinyin's
  import), in ms, and the resident memory they add (VmRSS, MB).
- ``panel``: for a ``--chars``-character article (the generator's long read, in its own script
  and converted to the other), what a word-cursor panel does at a key: the word at an offset, its
  reading in pinyin and in zhuyin, its dictionary entries with their readings. ``cold``: at
  ``--offsets`` random offsets, each with every cache emptied and the text's ``Segmentation``
  built anew (the first key after opening an article, at any point of it); ``step``: moving word
  by word from each offset with the ``Segmentation`` kept, as the TUI does. p50/p95/max in ms;
  the target is 30 ms.
- ``annotate``: the whole article annotated (``reader show --annotate``), caches emptied, in ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(ROOT), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

from probe import pct  # noqa: E402


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def child_load() -> dict:
    """Cold costs, measured in this (fresh) interpreter."""
    before = _rss_mb()
    t0 = time.perf_counter()
    from reader import reading

    t1 = time.perf_counter()
    reading.dictionary.load()
    t2 = time.perf_counter()
    after_dictionary = _rss_mb()
    reading.reading("银行")
    t3 = time.perf_counter()
    return {
        "import_ms": (t1 - t0) * 1e3,
        "dictionary_ms": (t2 - t1) * 1e3,
        "first_reading_ms": (t3 - t2) * 1e3,
        "dictionary_mb": after_dictionary - before,
        "total_mb": _rss_mb() - before,
    }


def measure_load(runs: int) -> dict:
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, __file__, "--child-load"], capture_output=True, text=True,
                             check=True, cwd=ROOT, timeout=300)
        results.append(json.loads(out.stdout))
    return {key: round(statistics.median(r[key] for r in results), 1) for key in results[0]}


def article_text(chars: int, seed: int) -> tuple[str, str]:
    """(Simplified, Traditional) texts of ``chars`` characters from the generator's long read."""
    import generate

    from reader.script import convert

    pool = generate.load_pool()
    article = generate.make_article(pool, seed, 0, 1000)  # index 0: the 10,000-character long read
    text = "\n\n".join(v for _, v in article.blocks)
    while len(text) < chars:
        text += "\n\n" + text
    text = text[:chars]
    if article.traditional:
        return convert(text, "tw2s")[:chars], text
    return text, convert(text, "s2tw")[:chars]


def _clear_caches() -> None:
    from reader.reading import readings, segment

    segment._segment.cache_clear()
    readings.reading.cache_clear()
    readings._syllable.cache_clear()


def _panel(seg, offset: int):
    """What the panel shows for the word at (or after) ``offset``."""
    from reader import reading

    word = seg.word_at(offset) or seg.next_word(offset)
    if word is None:
        return None
    shown = [reading.reading(word.text, "pinyin"), reading.reading(word.text, "zhuyin")]
    for entry in reading.dictionary.lookup(word.text):
        shown.append(reading.numbered_to(entry.pinyin))
    return word


def _summary(times: list[float]) -> dict:
    return {"p50_ms": round(pct(times, 0.5), 3), "p95_ms": round(pct(times, 0.95), 3),
            "max_ms": round(max(times), 3), "n": len(times)}


def measure_panel(text: str, offsets: int, rng: random.Random) -> dict:
    from reader import reading

    reading.load()
    at = [rng.randrange(len(text)) for _ in range(offsets)]
    cold = []
    for offset in at:
        _clear_caches()
        t0 = time.perf_counter()
        _panel(reading.Segmentation(text), offset)
        cold.append((time.perf_counter() - t0) * 1e3)
    step = []
    _clear_caches()
    seg = reading.Segmentation(text)
    for offset in at:
        word = _panel(seg, offset)
        for _ in range(5):  # five presses of the "next word" key
            if word is None:
                break
            t0 = time.perf_counter()
            word = seg.next_word(word.start)
            if word is not None:
                _panel(seg, word.start)
            step.append((time.perf_counter() - t0) * 1e3)
    t0 = time.perf_counter()
    reading.Segmentation(text)
    open_ms = (time.perf_counter() - t0) * 1e3
    return {"open_ms": round(open_ms, 3), "cold": _summary(cold), "step": _summary(step)}


def measure_annotate(text: str) -> dict:
    from reader import reading

    reading.load()
    out = {"words": len(reading.words(text))}
    styles = ["pinyin", "zhuyin"] + (["jyutping"] if reading.readings._jyutping() else [])
    for style in styles:
        reading.load(style)
        _clear_caches()
        t0 = time.perf_counter()
        reading.annotated_text(text, style)
        out[f"{style}_ms"] = round((time.perf_counter() - t0) * 1e3, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=10_000, help="article length (default 10,000)")
    parser.add_argument("--offsets", type=int, default=200, help="random cursor offsets (default 200)")
    parser.add_argument("--load-runs", type=int, default=3, help="fresh interpreters for the load figures")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child-load", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_load:
        print(json.dumps(child_load()))
        return 0
    from reader.reading import dictionary

    rng = random.Random(args.seed)
    simplified, traditional = article_text(args.chars, args.seed)
    dictionary.load()
    info = dictionary.info()
    result = {
        "dictionary": {"entries": info.entries, "date": info.date, "package": info.package} if info else None,
        "chars": args.chars,
        "load": measure_load(args.load_runs),
        "panel": {"simplified": measure_panel(simplified, args.offsets, rng),
                  "traditional": measure_panel(traditional, args.offsets, rng)},
        "annotate": {"simplified": measure_annotate(simplified), "traditional": measure_annotate(traditional)},
        "target_ms": 30,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
