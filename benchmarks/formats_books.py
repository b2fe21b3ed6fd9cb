"""Import throughput of the book-like formats (issue 12): EPUB, newsboat's cache.db, Markdown
clips and ZIM (when the extra reader[zim] is installed), N generated articles each, beside a
folder of the same articles as saved HTML pages (the baseline, measured in the same run).

Each format's file is written from the same generated Chinese articles (benchmarks/generate.py,
2-5 KB of text), then imported into a fresh library in a process of its own, which reports
articles/s (the import alone, interpreter start-up excluded) and its peak RSS from
``resource.getrusage``: its own and its largest child's (the extraction workers). The files are
written by another child, so that the process starting the imports stays small: Linux carries a
parent's RSS high-water mark into a forked child's ``ru_maxrss``.

    python benchmarks/formats_books.py --articles 10000 [--work DIR] [--only epub,newsboat]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

FORMATS = ("html", "epub", "newsboat", "markdown", "zim")  # html: the baseline, loose saved pages
# newsboat 2.21's tables, as it creates them (sqlite3 cache.db .schema); tests/test_newsboat.py uses them too
SCHEMA = """
CREATE TABLE rss_feed (rssurl VARCHAR(1024) PRIMARY KEY NOT NULL, url VARCHAR(1024) NOT NULL, title VARCHAR(1024) NOT NULL,
  lastmodified INTEGER(11) NOT NULL DEFAULT 0, is_rtl INTEGER(1) NOT NULL DEFAULT 0, etag VARCHAR(128) NOT NULL DEFAULT "");
CREATE TABLE rss_item (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, guid VARCHAR(64) NOT NULL, title VARCHAR(1024) NOT NULL,
  author VARCHAR(1024) NOT NULL, url VARCHAR(1024) NOT NULL, feedurl VARCHAR(1024) NOT NULL, pubDate INTEGER NOT NULL,
  content VARCHAR(65535) NOT NULL, unread INTEGER(1) NOT NULL, enclosure_url VARCHAR(1024), enclosure_type VARCHAR(1024),
  enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52), deleted INTEGER(1) NOT NULL DEFAULT 0, base VARCHAR(128) NOT NULL DEFAULT "");
"""


def articles(n: int, seed: int = 1) -> list[generate.GenArticle]:
    pool = generate.load_pool()
    return [generate.make_article(pool, seed, i, n) for i in range(n)]


def _html_body(a: generate.GenArticle) -> str:
    return "".join(f"<h2>{html.escape(t)}</h2>" if k == "subheading" else f"<p>{html.escape(t)}</p>" for k, t in a.blocks)


def _page(a: generate.GenArticle) -> str:
    return (f'<html><head><meta charset="utf-8"><title>{html.escape(a.title)}</title></head>'
            f"<body><h1>{html.escape(a.title)}</h1>{_html_body(a)}</body></html>")


def write_html(arts: list, folder: Path) -> None:
    folder.mkdir()
    for a in arts:
        (folder / f"{a.index:07d}.html").write_text(_page(a), encoding="utf-8")


def write_epub(arts: list, path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), b"application/epub+zip")
        zf.writestr("META-INF/container.xml", '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:'
                    'opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" '
                    'media-type="application/oebps-package+xml"/></rootfiles></container>')
        items, spine, points = [], [], []
        for i, a in enumerate(arts):
            zf.writestr(f"OEBPS/c{i}.xhtml", f'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
                        f"<head><title>{html.escape(a.title)}</title></head><body><h1>{html.escape(a.title)}</h1>{_html_body(a)}</body></html>")
            items.append(f'<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>')
            spine.append(f'<itemref idref="c{i}"/>')
            points.append(f"<navPoint><navLabel><text>{html.escape(a.title)}</text></navLabel><content src=\"c{i}.xhtml\"/></navPoint>")
        zf.writestr("OEBPS/toc.ncx", '<?xml version="1.0" encoding="utf-8"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" '
                    f'version="2005-1"><navMap>{"".join(points)}</navMap></ncx>')
        zf.writestr("OEBPS/content.opf", '<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0">'
                    '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>基准测试文集</dc:title><dc:language>zh</dc:language>'
                    '<dc:publisher>侨乡周末</dc:publisher><dc:date>2024-04-13</dc:date></metadata><manifest>'
                    f'<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>{"".join(items)}</manifest>'
                    f'<spine toc="ncx">{"".join(spine)}</spine></package>')


def write_newsboat(arts: list, path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    conn.execute("INSERT INTO rss_feed (rssurl, url, title) VALUES ('exec:cat feed.xml', 'https://news.example.cn/', '侨乡晚讯')")
    conn.executemany("INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread, flags)"
                     " VALUES (?, ?, '', ?, 'exec:cat feed.xml', ?, ?, ?, ?)",
                     ((a.url, a.title, a.url, 1700000000 + 3600 * a.index, _html_body(a), a.index % 3 != 0, "s" if a.index % 7 == 0 else "")
                      for a in arts))
    conn.commit()
    conn.close()


def write_markdown(arts: list, folder: Path) -> None:
    folder.mkdir()
    for a in arts:
        body = "\n\n".join(f"## {t}" if k == "subheading" else t for k, t in a.blocks)
        (folder / f"{a.index:07d}.md").write_text(
            f'---\ntitle: "{a.title}"\nsource: "{a.url}"\npublished: {a.iso_date}\ntags:\n  - clippings\n---\n# {a.title}\n\n{body}\n',
            encoding="utf-8")


def write_zim(arts: list, path: Path) -> bool:
    try:
        from libzim.writer import Creator, Hint, Item, StringProvider
    except ImportError:
        return False

    class Page(Item):
        def __init__(self, a):
            super().__init__()
            self.a = a

        def get_path(self):
            return f"news/{self.a.index:07d}.html"

        def get_title(self):
            return self.a.title

        def get_mimetype(self):
            return "text/html"

        def get_contentprovider(self):
            return StringProvider(_page(self.a))

        def get_hints(self):
            return {Hint.FRONT_ARTICLE: True}

    with Creator(str(path)).config_indexing(False, "zho") as creator:
        for a in arts:
            creator.add_item(Page(a))
        for key, value in {"Name": "bench_zh", "Title": "基准", "Creator": "侨乡晚讯", "Language": "zho"}.items():
            creator.add_metadata(key, value)
    return True


def import_one(path: Path, db: Path) -> dict:
    """In this process: import ``path`` into a fresh library; the figures as a dict."""
    from reader.importer import import_paths
    from reader.library.store import Library

    started = time.perf_counter()
    with Library.open(db) as library:
        report = import_paths(library, [path])
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"imported": report.imported, "duplicates": report.duplicates, "failed": len(report.failed),
            "seconds": round(seconds, 2), "per_second": round(report.imported / seconds, 1) if seconds else 0.0,
            "peak_rss_mb": round(own, 1), "peak_worker_rss_mb": round(workers, 1)}


TARGETS = {"html": "pages", "epub": "bench.epub", "newsboat": "cache.db", "markdown": "clips", "zim": "bench.zim"}


def write_all(n: int, work: Path, only: tuple[str, ...]) -> list[str]:
    """Every format's file of the same n articles; the formats that could not be written."""
    arts = articles(n)
    writers = {"html": write_html, "epub": write_epub, "newsboat": write_newsboat, "markdown": write_markdown, "zim": write_zim}
    return [fmt for fmt in only if writers[fmt](arts, work / TARGETS[fmt]) is False]


def _child(*args: str) -> str:
    return subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT))).stdout.strip().splitlines()[-1]


def run(n: int, work: Path, only: tuple[str, ...] = FORMATS) -> dict:
    missing = json.loads(_child("--write", str(n), str(work), ",".join(only)))
    results = {}
    for fmt in only:
        if fmt in missing:
            results[fmt] = {"skipped": "python-libzim (the extra reader[zim]) is not installed"}
        else:
            results[fmt] = json.loads(_child("--one", str(work / TARGETS[fmt]), str(work / f"lib-{fmt}.db")))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--only", default=",".join(FORMATS))
    parser.add_argument("--one", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--write", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(import_one(*args.one)))
        return 0
    if args.write:
        print(json.dumps(write_all(int(args.write[0]), Path(args.write[1]), tuple(args.write[2].split(",")))))
        return 0
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        results = run(args.articles, Path(tmp), tuple(args.only.split(",")))
    print(f"{'format':<10} {'imported':>9} {'failed':>7} {'articles/s':>11} {'peak RSS MB':>12} {'worker RSS MB':>14}")
    for fmt, r in results.items():
        if "skipped" in r:
            print(f"{fmt:<10} skipped: {r['skipped']}")
        else:
            print(f"{fmt:<10} {r['imported']:>9} {r['failed']:>7} {r['per_second']:>11} {r['peak_rss_mb']:>12} {r['peak_worker_rss_mb']:>14}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
