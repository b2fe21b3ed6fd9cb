"""warcio against FastWARC: one full pass over a generated ~1 GB .warc.gz, time and peak RSS.

The pass is what the reader's WARC module does with every record: read the WARC headers, parse
the HTTP headers of responses, and read each response's payload whole, de-chunked and
decompressed as its HTTP headers say; then the reader's own pass (``reader.bundle.warc``). Each library runs in a subprocess of its own, so each
peak RSS is its own (ru_maxrss). A library that is not installed is reported as such
(``pip install warcio fastwarc``).

    python benchmarks/warc_libraries.py --size-mb 1000 --work /tmp/warc-bench
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import subprocess
import sys
import time
import uuid
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _record(kind: str, uri: str, block: bytes, extra: str = "") -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Date: 2021-12-04T02:00:00Z\r\nWARC-Target-URI: {uri}\r\n{extra}"
            f"Content-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def _chunked(body: bytes) -> bytes:
    out = []
    for i in range(0, len(body), 4000):
        part = body[i : i + 4000]
        out.append(f"{len(part):x}\r\n".encode() + part + b"\r\n")
    return b"".join(out) + b"0\r\n\r\n"


def generate(path: Path, size_mb: int, seed: int = 1) -> dict:
    """A .warc.gz (one gzip member per record, as wget and most crawlers write) of news pages from
    benchmarks/generate.py: per page a request and a response (every fifth chunked and gzip
    content-encoded), and every tenth page an image."""
    import generate as gen

    pool = gen.load_pool()
    rng = random.Random(seed)
    target = size_mb * 1024 * 1024
    pages = images = 0
    with open(path, "wb") as out:
        out.write(gzip.compress(_record("warcinfo", "", b"software: benchmarks/warc_libraries.py\r\n"), 6))
        while out.tell() < target:
            art = gen.make_article(pool, seed, pages, 1000)
            body, encoding = gen.render_html(art, rng, [])
            uri = f"http://news.example.cn/{pages}.html"
            request = f"GET /{pages}.html HTTP/1.1\r\nHost: news.example.cn\r\n\r\n".encode()
            headers = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset={encoding}\r\n"
            if pages % 5 == 0:
                coded = _chunked(gzip.compress(body, 6))
                headers += "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
            else:
                coded = body
                headers += f"Content-Length: {len(body)}\r\n\r\n"
            digest = "sha1:" + hashlib.sha1(body).hexdigest()
            out.write(gzip.compress(_record("request", uri, request, "Content-Type: application/http;msgtype=request\r\n"), 6))
            out.write(gzip.compress(_record("response", uri, headers.encode() + coded,
                                            f"Content-Type: application/http;msgtype=response\r\nWARC-Payload-Digest: {digest}\r\n"), 6))
            if pages % 10 == 0:
                image = rng.randbytes(rng.randint(5_000, 15_000))
                http = f"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: {len(image)}\r\n\r\n".encode()
                out.write(gzip.compress(_record("response", f"http://news.example.cn/{pages}.jpg", http + image,
                                                "Content-Type: application/http;msgtype=response\r\n"), 1))
                images += 1
            pages += 1
    return {"pages": pages, "images": images, "bytes": path.stat().st_size}


def pass_warcio(path: str) -> dict:
    from warcio.archiveiterator import ArchiveIterator

    records = payload = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            records += 1
            if record.rec_type == "response" and record.http_headers is not None:
                record.http_headers.get_header("Content-Type")
                payload += len(record.content_stream().read())
    return {"records": records, "payload_bytes": payload}


def pass_fastwarc(path: str, decode: str = "all") -> dict:
    """decode "all": FastWARC decodes both codings. "transfer": it de-chunks, zlib inflates
    (FastWARC 2.0.1 with "all" ends the iteration, silently, after a chunked gzip response)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = payload = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh, record_types=WarcRecordType.any_type, parse_http=True, auto_decode=decode):
            records += 1
            if record.record_type == WarcRecordType.response and record.http_headers is not None:
                record.http_headers.get("Content-Type")
                data = record.reader.read()
                if decode == "transfer" and record.http_headers.get("Content-Encoding") == "gzip":
                    data = zlib.decompress(data, 47)
                payload += len(data)
    return {"records": records, "payload_bytes": payload}


def pass_reader(path: str) -> dict:
    """The reader's own pass (reader/bundle/warc.py over warcio): every check, every skip."""
    sys.path.insert(0, str(HERE.parent))
    from reader.bundle import warc
    from reader.bundle.items import Member
    from reader.limits import Limits

    records = payload = 0
    with open(path, "rb") as fh:
        for item in warc.read_warc(fh, Path(path).name, Limits(max_entries=10**7)):
            records += 1
            payload += len(item.data) if isinstance(item, Member) else 0
    return {"records": records, "html_payload_bytes": payload}


def _peak_rss_mb() -> float:
    """VmHWM: unlike ru_maxrss, it does not carry the parent's size over the fork and exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _child(library: str, path: str) -> None:
    start = time.perf_counter()
    try:
        passes = {"warcio": pass_warcio, "fastwarc": pass_fastwarc,
                  "fastwarc-transfer": lambda p: pass_fastwarc(p, "transfer"), "reader": pass_reader}
        result = passes[library](path)
    except ImportError as exc:
        print(json.dumps({"library": library, "missing": str(exc)}))
        return
    result.update(library=library, seconds=round(time.perf_counter() - start, 2),
                  peak_rss_mb=_peak_rss_mb())
    print(json.dumps(result))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/warc-bench"))
    parser.add_argument("--child", nargs=2, metavar=("LIBRARY", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    path = args.work / f"news-{args.size_mb}mb.warc.gz"
    if not path.exists():
        start = time.perf_counter()
        info = generate(path, args.size_mb)
        print(f"generated {path}: {info} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    for library in ("warcio", "fastwarc", "fastwarc-transfer", "reader") * 2:  # twice each, interleaved: the machine is shared
        out = subprocess.run([sys.executable, __file__, "--child", library, str(path)], capture_output=True, text=True)
        print(out.stdout.strip() or out.stderr.strip()[-500:], flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
