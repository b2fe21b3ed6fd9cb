"""The word panel in the real TUI: from a key to the panel and the cursor repainted.

    python benchmarks/word_panel_tui.py [--chars 10000] [--keys 200]

Runs the reader headless (Textual's ``run_test``) on a library holding one ``--chars``-character
article (benchmarks/reading_aids.py's text), opens it, turns the word cursor on (the data loads
in its worker first, not timed), then times ``--keys`` steps: each a jump to the word at a
random offset of the article (as after scrolling anywhere) or a → / ← step. Per step:
``handler``, the key's work (the word found, its reading and entries, the cursor and panel
updated); ``paint``, that plus the whole screen rendered by Textual's compositor at the new
state (``render_strips``), i.e. from the key to a frame; ``pilot``, that plus the harness's
``pilot.pause()`` (layout, message queue), with the harness's own cost of an idle pause given
apart. Prints JSON: p50/p95/max ms; the target is 30 ms from key to frame.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(ROOT), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

from probe import pct  # noqa: E402
from reading_aids import article_text  # noqa: E402


def build(db: Path, text: str) -> None:
    from reader.library import Library
    from reader.model import Article, Block, RawDocument

    paragraphs = [p for p in text.split("\n") if p.strip()] or [text]
    article = Article(title="长文", blocks=[Block("paragraph", p) for p in paragraphs], published="2021-12-29")
    with Library.open(db) as lib, lib.import_bundle("word-panel-bench", "bench") as writer:
        writer.add_document(RawDocument(name="long.txt", data=text.encode(), kind="text"), [article])


async def measure(db: Path, keys: int, seed: int) -> dict:
    from reader.tui.app import ReaderApp

    rng = random.Random(seed)
    app = ReaderApp(db)
    times: dict[str, list[float]] = {"handler": [], "paint": [], "pilot": []}
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.press("w")
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        screen = app.screen
        length = len(screen.article_view.shown_text())
        idle = []
        for _ in range(20):
            t0 = time.perf_counter()
            await pilot.pause()
            idle.append((time.perf_counter() - t0) * 1000)
        for n in range(keys):
            t0 = time.perf_counter()
            if n % 4 == 0:
                offset = rng.randrange(length)
                segments = screen._segments()
                screen._show_word(segments.word_at(offset) or segments.next_word(offset) or segments.previous_word(offset))
            else:
                screen._step_word(forward=rng.random() < 0.7)
            t1 = time.perf_counter()
            screen._compositor.render_strips()
            t2 = time.perf_counter()
            await pilot.pause()
            t3 = time.perf_counter()
            times["handler"].append((t1 - t0) * 1000)
            times["paint"].append((t2 - t0) * 1000)
            times["pilot"].append((t3 - t0) * 1000)
        times["idle pause"] = idle
    return {kind: {"n": len(v), "p50_ms": round(pct(v, 0.5), 2), "p95_ms": round(pct(v, 0.95), 2),
                   "max_ms": round(max(v), 2)} for kind, v in times.items()} | {"chars": length}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=10_000)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    simplified, _ = article_text(args.chars, args.seed)
    with tempfile.TemporaryDirectory() as work:
        db = Path(work) / "panel.db"
        build(db, simplified)
        print(json.dumps(asyncio.run(measure(db, args.keys, args.seed))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
