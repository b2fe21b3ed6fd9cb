"""Import throughput of the saved-page formats: a WARC (.warc.gz), a WACZ, MHTML files and
SingleFile pages, N generated Chinese news pages each (benchmarks/generate.py's HTML, 2-5 KB).

Each import runs as ``python -m reader --db FRESH import PATH`` in a subprocess of its own;
its peak RSS is that child's with its workers (os.wait4, children included). The pages are
written by a subprocess too, so the parent stays small (Linux carries a parent's RSS over
fork and exec into ru_maxrss).

    READER_SHARED=/work/shared python benchmarks/formats_archives.py --articles 10000
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import quopri
import random
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FORMATS = ("warc", "wacz", "mhtml", "singlefile", "html")  # html: the same pages as plain files, the baseline


def _record(kind: str, uri: str, block: bytes, extra: str = "") -> bytes:
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.UUID(int=random.getrandbits(128))}>\r\n"
            f"WARC-Date: 2021-12-04T02:00:00Z\r\nWARC-Target-URI: {uri}\r\n{extra}Content-Length: {len(block)}\r\n\r\n")
    return gzip.compress(head.encode() + block + b"\r\n\r\n", 6)


def _warc(pages: list[tuple[str, bytes, str]]) -> bytes:
    """wget's shape: a request and a response per page."""
    out = [_record("warcinfo", "", b"software: benchmarks/formats_archives.py\r\n")]
    for url, body, encoding in pages:
        out.append(_record("request", url, f"GET {url} HTTP/1.1\r\n\r\n".encode(), "Content-Type: application/http;msgtype=request\r\n"))
        http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset={encoding}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        digest = "sha1:" + hashlib.sha1(body).hexdigest()
        out.append(_record("response", url, http + body,
                           f"Content-Type: application/http;msgtype=response\r\nWARC-Payload-Digest: {digest}\r\n"))
    return b"".join(out)


def _mhtml(url: str, body: bytes, encoding: str) -> bytes:
    boundary = "----MultipartBoundary--bench"
    return (f"From: <Saved by Blink>\r\nSnapshot-Content-Location: {url}\r\nDate: Sat, 04 Dec 2021 02:00:00 GMT\r\n"
            f'MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n\r\n'
            f"--{boundary}\r\nContent-Type: text/html; charset={encoding}\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Location: {url}\r\n\r\n").encode() + quopri.encodestring(body) + (
            f"\r\n--{boundary}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: {url}.png\r\n\r\n"
            f"iVBORw0KGgo=\r\n--{boundary}--\r\n").encode()


def _singlefile(url: str, body: bytes, encoding: str) -> bytes:
    comment = f"<!--\n Page saved with SingleFile \n url: {url} \n saved date: Sat Dec 04 2021 10:00:00 GMT+0800 (中国标准时间)\n-->"
    return comment.encode(encoding, "replace") + body


def _plain(url: str, body: bytes, encoding: str) -> bytes:
    return body


def write_corpus(n: int, seed: int, work: Path) -> dict[str, Path]:
    sys.path.insert(0, str(HERE))
    import generate as gen

    pool = gen.load_pool()
    rng = random.Random(seed)
    random.seed(seed)
    pages = []
    for i in range(n):
        art = gen.make_article(pool, seed, i, n)
        body, encoding = gen.render_html(art, rng, [])
        pages.append((f"http://news.example.cn/{i}.html", body, encoding))
    paths = _paths(work)
    archive = _warc(pages)
    paths["warc"].write_bytes(archive)
    with zipfile.ZipFile(paths["wacz"], "w") as zf:
        zf.writestr("archive/data.warc.gz", archive, compress_type=zipfile.ZIP_STORED)
        zf.writestr("pages/pages.jsonl", "\n".join(json.dumps({"url": u}) for u, _b, _e in pages))
        zf.writestr("datapackage.json", "{}")
    for kind, render, suffix in (("mhtml", _mhtml, ".mhtml"), ("singlefile", _singlefile, ".html"), ("html", _plain, ".html")):
        paths[kind].mkdir(exist_ok=True)
        for i, (url, body, encoding) in enumerate(pages):
            (paths[kind] / f"{i:06d}{suffix}").write_bytes(render(url, body, encoding))
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/reader-bench-archives"))
    parser.add_argument("--only", default=",".join(FORMATS), help="formats to import, comma-separated")
    parser.add_argument("--write-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    work = args.work / str(args.articles)
    work.mkdir(parents=True, exist_ok=True)
    if args.write_only:
        write_corpus(args.articles, args.seed, work)
        return 0
    if not all(p.exists() for p in _paths(work).values()):
        subprocess.run([sys.executable, __file__, "--articles", str(args.articles), "--seed", str(args.seed),
                        "--work", str(args.work), "--write-only"], check=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    rows = []
    for kind in args.only.split(","):
        path = _paths(work)[kind]
        db = work / f"{kind}.db"
        for stale in work.glob(f"{kind}.db*"):
            stale.unlink()
        row = {"format": kind, **_measure(path, db)}
        row["articles_per_s"] = round((row["imported"] or 0) / row["wall_s"], 1)
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    print("| format | articles | imported | failed | skipped records | wall s | articles/s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['format']} | {args.articles:,} | {r['imported']} | {r['failed']} | {r['not_articles']} | {r['wall_s']} "
              f"| {r['articles_per_s']} | {r['peak_rss_mb']} |")
    return 0 if all(r["imported"] for r in rows) else 1


def _paths(work: Path) -> dict[str, Path]:
    return {"warc": work / "news.warc.gz", "wacz": work / "news.wacz", **{k: work / k for k in ("mhtml", "singlefile", "html")}}


def _measure(path: Path, db: Path) -> dict:
    """One import in a child; its wall time and peak RSS with its workers (wait4)."""
    with open(db.with_suffix(".out"), "w+b") as out, open(db.with_suffix(".err"), "w+b") as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "reader", "--db", str(db), "import", "--json", str(path)],
                                stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=ROOT,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)))
        _pid, _status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        report = json.loads(out.read() or b"{}")
        tail = err.read().decode(errors="replace")[-300:]
    return {"wall_s": round(wall, 2), "imported": report.get("imported"), "failed": len(report.get("failed", [])),
            "not_articles": len(report.get("not_articles", [])), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "stderr": tail}


if __name__ == "__main__":
    raise SystemExit(main())
