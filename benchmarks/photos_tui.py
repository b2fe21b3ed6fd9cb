"""Opening an article with photos in the real TUI, against the same article without them.

    python benchmarks/photos_tui.py [--photos 10] [--opens 20]

Runs the reader headless (Textual's ``run_test``, 120 x 40, half blocks) on a library holding
one article of twelve paragraphs twice: with ``--photos`` JPEG photos (1600 x 1067, noisy, so
decoding is real work) between its paragraphs, and without. Shows them in turn ``--opens``
times each (the article read from the library first, not timed) and times, per open, the UI
thread's work until the article's text is on screen (``text``: the pane filled, laid out and
the whole screen rendered by the compositor) and, for the photo article, until every photo is
drawn (``photos drawn``: bytes read, decoded and scaled by the workers while the UI waits).
Prints JSON: p50/p95/max ms. The aim: ``text`` as fast with photos as without.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
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

PARAGRAPH = "江門市西江新橋今日正式通車，連接蓬江與江海兩區，市民可步行或騎車過橋。大橋管理處表示，橋面將在夜間亮燈。"


def jpeg(seed: int) -> bytes:
    from PIL import Image

    noise = Image.effect_noise((1600, 1067), 40 + seed).convert("RGB")
    sky = Image.linear_gradient("L").resize((1600, 1067)).convert("RGB")
    out = io.BytesIO()
    Image.blend(noise, sky, 0.6).save(out, "JPEG", quality=85)
    return out.getvalue()


def build(db: Path, photos: int):
    from reader.library import Library
    from reader.model import Article, Block, RawDocument

    plain = [Block("paragraph", PARAGRAPH * 3) for _ in range(12)]
    with_photos = list(plain)
    for n in range(photos):
        with_photos.insert(1 + 2 * n, Block("photo", f"第{n + 1}張照片：新橋通車當日。"))
    articles = [Article(title="有照片", blocks=with_photos, published="2021-12-10"),
                Article(title="無照片", blocks=plain, published="2021-12-09")]
    with Library.open(db) as lib, lib.import_bundle("photos-bench", "bench") as writer:
        for n, article in enumerate(articles):
            writer.add_document(RawDocument(name=f"a{n}.txt", data=article.title.encode(), kind="text"), [article])
    images = {f"photo-{n}": jpeg(n) for n in range(photos)}

    class PhotoLibrary:  # STAND-IN until photos-core's Library.photos/photo_bytes are merged
        def __init__(self, lib):
            self._lib = lib

        def __getattr__(self, name):
            return getattr(self._lib, name)

        def photos(self, article_id):
            from types import SimpleNamespace

            blocks = self._lib.get(article_id).blocks
            spots = [n for n, b in enumerate(blocks) if b.kind == "photo"]
            return [SimpleNamespace(position=p, caption=blocks[p].text, width=1600, height=1067, mime="image/jpeg",
                                    key=f"photo-{n}") for n, p in enumerate(spots)]

        def photo_bytes(self, key):
            return images.get(key)

    return lambda path: PhotoLibrary(Library.open(path))


async def measure(db: Path, opens: int, opener) -> dict:
    from reader.tui.app import ReaderApp

    app = ReaderApp(db, opener=opener)
    times: dict[str, list[float]] = {"text with photos": [], "text without": [], "photos drawn": []}
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        screen = app.screen
        view = screen.article_view

        def fetch(lib, article_id):
            article = lib.get(article_id)
            return article, lib.photos(article_id) if any(b.kind == "photo" for b in article.blocks) else []

        for n in range(2 * opens + 2):  # the first two opens mount the sections and places: not counted
            article, photos = app.gateway.call(fetch, screen.article_list.ids[n % 2])
            start = time.perf_counter()
            await view.show(article, app.script, app.standard, photos=photos)
            screen._refresh_layout()
            screen._compositor.render_strips()
            text = 1000 * (time.perf_counter() - start)
            screen.start_photos(article)
            while any(block.drawn and not block.picture.ready for block in view.photo_blocks):
                await asyncio.sleep(0.002)
            done = 1000 * (time.perf_counter() - start)
            if n >= 2:
                times["text with photos" if photos else "text without"].append(text)
                if photos:
                    times["photos drawn"].append(done)
            await pilot.pause()
            await app.workers.wait_for_complete()
    return {kind: {"n": len(v), "p50_ms": round(pct(v, 0.5), 2), "p95_ms": round(pct(v, 0.95), 2),
                   "max_ms": round(max(v), 2)} for kind, v in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=10)
    parser.add_argument("--opens", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        db = Path(work) / "photos.db"
        opener = build(db, args.photos)
        print(json.dumps(asyncio.run(measure(db, args.opens, opener)) | {"photo_count": args.photos}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
