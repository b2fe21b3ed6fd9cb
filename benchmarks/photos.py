"""Library size per article with and without photos (issue 15).

    python benchmarks/photos.py [--articles 500] [--photos 3] [--workdir DIR]

Writes ``--articles`` saved news pages (page.html and its page_files/, as a browser saves them),
each with ``--photos`` photos of 800x600 (JPEG, quality 80, drawn with noise so they compress
like photographs, about 100 kB each) and a caption each, then imports the same pages twice into
fresh libraries: once with the image files (photos kept) and once without them (the pages'
photos are remote, nothing is stored). Prints one JSON object: the library file's bytes per
article each way, the image bytes per article, and the import time each way.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image  # noqa: E402

from reader.importer import import_paths  # noqa: E402
from reader.library import Library  # noqa: E402

PARAGRAPH = "记者从市政府新闻发布会上获悉，今年全市将新建改建公园二十座，城市绿地面积进一步扩大，市民休闲空间明显增加。"


def photo(seed: int) -> bytes:
    noise = Image.effect_noise((800, 600), 40 + seed % 20).convert("RGB")
    tint = Image.new("RGB", (800, 600), ((seed * 37) % 255, (seed * 91) % 255, (seed * 53) % 255))
    out = io.BytesIO()
    Image.blend(noise, tint, 0.5).save(out, "JPEG", quality=80)
    return out.getvalue()


def write_pages(root: Path, articles: int, photos: int, with_images: bool) -> int:
    """The pages under ``root`` (one folder each); returns the image bytes written."""
    images = [photo(n) for n in range(8)]
    written = 0
    for n in range(articles):
        folder = root / f"{n:05d}"
        (folder / "page_files").mkdir(parents=True)
        figures = []
        for k in range(photos):
            figures.append(f'<figure><img src="page_files/p{k}.jpg"><figcaption>第{n}篇的第{k}张照片：公园一景</figcaption></figure>')
            if with_images:
                data = images[(n * photos + k) % len(images)][:-2] + n.to_bytes(4, "big") + b"\xff\xd9"  # each unique
                (folder / "page_files" / f"p{k}.jpg").write_bytes(data)
                written += len(data)
        body = "".join(f"<p>第{n}篇第{i}段。{PARAGRAPH * 3}</p>{figures[i] if i < len(figures) else ''}" for i in range(8))
        (folder / "page.html").write_text(
            f"<html><head><meta charset='utf-8'><title>公园建设第{n}篇</title></head><body><article>"
            f"<h1>公园建设第{n}篇</h1><p>2024年05月{n % 28 + 1:02d}日 来源：本报</p>{body}</article></body></html>",
            encoding="utf-8")
    return written


def measure(workdir: Path, articles: int, photos: int, with_images: bool) -> dict:
    pages = workdir / ("with" if with_images else "without")
    image_bytes = write_pages(pages, articles, photos, with_images)
    db = workdir / f"{pages.name}.db"
    started = time.perf_counter()
    with Library.open(db) as lib:
        report = import_paths(lib, [pages], jobs=1)
        stored = lib.db.execute("SELECT count(*), coalesce(sum(length(bytes)), 0) FROM images").fetchone()
        lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds = time.perf_counter() - started
    size = db.stat().st_size
    return {"articles": report.imported, "images": stored[0], "image_bytes_per_article": round(stored[1] / articles),
            "written_image_bytes_per_article": round(image_bytes / articles),
            "db_bytes_per_article": round(size / articles), "import_s": round(seconds, 2)}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--photos", type=int, default=3)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="reader-photos-"))
    try:
        result = {"photos_per_article": args.photos,
                  "with_photos": measure(workdir, args.articles, args.photos, True),
                  "without_photos": measure(workdir, args.articles, args.photos, False)}
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return result


if __name__ == "__main__":
    main()
