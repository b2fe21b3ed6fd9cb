"""Import throughput and peak memory of the feed formats: RSS, Atom, JSON Feed, wallabag JSON and
CSV, N generated Chinese articles (2-5 KB) each, each imported into a fresh library in a process of
its own, beside the same articles as a folder of saved pages (html-files, the baseline); plus the
memory of reading (not importing) one RSS feed of --stream-items items.

    python benchmarks/formats_feeds.py --articles 10000 [--stream-items 100000] [--work DIR]

Prints one line per format: articles/s (wall, and per CPU-second of the process and its workers:
the figure to compare on a shared machine) and peak RSS (the process or a worker, getrusage).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

PHRASES = ("江门市今天召开新闻发布会", "介绍了港澳合作的最新进展", "市民代表纷纷发表意见", "有关部门表示将加快推进",
           "项目总投资约十二亿元", "预计明年年底建成投入使用", "当地村民的收入明显增加", "记者在现场看到",
           "交通部门已增开多条公交线路", "学校新增了十个本科专业", "企业负责人介绍说", "下一步还将继续优化服务")


def article(n: int, rng: random.Random) -> tuple[str, list[str]]:
    paragraphs = []
    while sum(len(p) for p in paragraphs) < rng.randint(700, 1600):  # 2-5 KB of UTF-8
        paragraphs.append("，".join(rng.choice(PHRASES) for _ in range(rng.randint(4, 9))) + f"，编号{n}-{len(paragraphs)}。")
    return f"第{n}号新闻：" + rng.choice(PHRASES), paragraphs


def items(count: int, seed: int = 1):
    rng = random.Random(seed)
    for n in range(count):
        title, paragraphs = article(n, rng)
        yield n, title, "".join(f"<p>{p}</p>" for p in paragraphs)


def write(fmt: str, path: Path, count: int) -> None:
    if fmt == "html-files":  # the baseline: the same articles as saved pages in a folder
        path.mkdir()
        for n, title, body in items(count):
            (path / f"{n}.html").write_text(f'<html><head><meta charset="utf-8"><title>{title}</title></head>'
                                            f"<body><h1>{title}</h1><p>2021-12-29 10:20</p>{body}</body></html>", encoding="utf-8")
        return
    with open(path, "w", encoding="utf-8", newline="") as out:
        if fmt == "rss":
            out.write('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
                      "<channel><title>基准频道</title>")
            for n, title, body in items(count):
                out.write(f"<item><title>{title}</title><link>https://b.example/{n}</link><guid>g{n}</guid>"
                          f"<pubDate>Wed, 29 Dec 2021 10:20:00 +0800</pubDate><category>本地</category>"
                          f"<content:encoded><![CDATA[{body}]]></content:encoded></item>\n")
            out.write("</channel></rss>")
        elif fmt == "atom":
            out.write('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>基准</title>')
            for n, title, body in items(count):
                out.write(f'<entry><id>urn:b:{n}</id><title>{title}</title><link href="https://b.example/{n}"/>'
                          f'<published>2021-12-29T10:20:00+08:00</published><content type="html">{escape(body)}</content></entry>\n')
            out.write("</feed>")
        elif fmt == "jsonfeed":
            out.write('{"version": "https://jsonfeed.org/version/1.1", "title": "基准", "items": [\n')
            for n, title, body in items(count):
                out.write(("," if n else "") + json.dumps({"id": f"g{n}", "url": f"https://b.example/{n}", "title": title, "content_html": body,
                                                           "date_published": "2021-12-29T10:20:00+08:00"}, ensure_ascii=False) + "\n")
            out.write("]}")
        elif fmt == "wallabag":
            out.write("[\n")
            for n, title, body in items(count):
                out.write(("," if n else "") + json.dumps({"is_archived": n % 2, "is_starred": 0, "id": n, "title": title, "url": f"https://b.example/{n}",
                                                           "content": body, "tags": ["本地"], "annotations": []}, ensure_ascii=False) + "\n")
            out.write("]")
        elif fmt == "wallabag-csv":
            rows = csv.writer(out, delimiter=";", lineterminator="\n")
            rows.writerow(["Title", "URL", "Content", "Tags", "MIME Type", "Language", "Creation date"])
            for n, title, body in items(count):
                rows.writerow([title, f"https://b.example/{n}", body, "本地", "text/html", "zh", "29/12/2021 10:20:00"])


SUFFIX = {"rss": ".rss", "atom": ".atom", "jsonfeed": ".json", "wallabag": ".json", "wallabag-csv": ".csv", "html-files": ""}


def child_import(path: str, db: str) -> None:
    from reader.importer import import_paths
    from reader.library.store import Library

    started = time.perf_counter()
    with Library.open(db) as library:
        report = import_paths(library, [path])
    print(json.dumps({"imported": report.imported, "failed": len(report.failed), "seconds": time.perf_counter() - started,
                      "rss_mb": peak_mb(), "cpu": cpu_seconds()}))


def child_stream(path: str) -> None:
    from reader.bundle import feeds
    from reader.limits import Limits

    started = time.perf_counter()
    with open(path, "rb") as stream:
        count = sum(1 for _ in feeds.read_feed(stream, "f.rss", Limits(max_entries=10_000_000)))
    print(json.dumps({"imported": count, "failed": 0, "seconds": time.perf_counter() - started, "rss_mb": peak_mb(),
                      "cpu": cpu_seconds()}))


def cpu_seconds() -> float:
    """User and system time of the process and its workers: comparable on a loaded machine."""
    import resource

    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))


def peak_mb() -> float:
    """Linux carries the parent's resident size at fork over exec into ru_maxrss: the parent
    writes its files a record at a time, so that it stays small."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024  # kilobytes on Linux


def run(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--stream-items", type=int, default=100_000)
    parser.add_argument("--only", help="comma-separated formats (default: all, and the html-files baseline)")
    parser.add_argument("--work", type=Path)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        (child_import if args.child[0] == "import" else child_stream)(*args.child[1:])
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="formats-feeds-"))
    work.mkdir(parents=True, exist_ok=True)
    for fmt in args.only.split(",") if args.only else SUFFIX:
        path = work / f"{fmt}{SUFFIX[fmt]}"
        write(fmt, path, args.articles)
        result = run(["--child", "import", str(path), str(work / f"{fmt}.db")])
        size = sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size
        print(f"{fmt:13} {result['imported']:>7} articles ({size / 1e6:.0f} MB), "
              f"{result['imported'] / result['seconds']:.0f} articles/s ({result['imported'] / result['cpu']:.0f} per CPU-second), "
              f"peak RSS {result['rss_mb']:.0f} MB, failed {result['failed']}")
    if args.stream_items:
        path = work / "stream.rss"
        write("rss", path, args.stream_items)
        result = run(["--child", "stream", str(path)])
        print(f"read only     {result['imported']:>7} RSS items ({path.stat().st_size / 1e6:.0f} MB file), "
              f"{result['imported'] / result['seconds']:.0f} items/s ({result['imported'] / result['cpu']:.0f} per CPU-second), "
              f"peak RSS {result['rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
