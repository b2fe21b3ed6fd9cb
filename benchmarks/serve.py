"""Phones reading from ``reader serve`` at once: latency per page.

    python benchmarks/serve.py LIBRARY.db [--phones 50] [--seconds 20] [--think 1.0]

Starts the server in a child process (as ``reader serve`` runs it, on 127.0.0.1; the per-address
rate and connection limits are lifted because every simulated phone comes from the same loopback
address), then
runs ``--phones`` client threads, each with its own keep-alive connection like a phone's browser.
A phone opens an article (7 requests in 10), the list (2 in 10, a random page of the first 20 that exist)
or a search (1 in 10), then reads for ``--think`` seconds (random ±50%; real reading takes far
longer, so this is a heavy load) and goes on. ``--think 0`` is the worst case: every phone
reloading without pause. Prints one JSON object: p50/p95/p99/max in ms per kind of page, the
number of requests and their statuses. One page of each kind is loaded before the clock starts
(the first phone's wait for the script converters is not what the others see).
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from probe import pct  # noqa: E402

QUERIES = ["江门", "新會", "香港", "經濟", "学校", "台灣", "陈皮", "交通"]


def serve_child(db: Path) -> None:
    """The server, in its own process, printing its URL first."""
    from reader.serve.server import Running

    running = Running(db, "127.0.0.1", 0, rate=1e9, burst=10**9, per_address=10**6, record=False)
    running.warm()
    print(json.dumps({"url": running.url, "port": running.port, "token": running.token, "cookie": running.site.cookie}),
          flush=True)
    try:
        running.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()


def phone(port: int, cookie: str, ids: list[int], stop: float, think: float, seed: int, out: list, lock) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie, "User-Agent": "bench-phone"}
    mine = []
    while time.monotonic() < stop:
        roll = rng.random()
        if roll < 0.7:
            kind, target = "article", f"/a/{rng.choice(ids)}?script={rng.choice(['original', 'traditional', 'simplified'])}"
        elif roll < 0.9:
            kind, target = "list", f"/?page={rng.randint(1, min(20, (len(ids) + 49) // 50))}"
        else:
            kind, target = "search", "/search?" + urllib.parse.urlencode({"q": rng.choice(QUERIES)})
        t0 = time.perf_counter()
        try:
            conn.request("GET", target, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine.append((kind, (time.perf_counter() - t0) * 1000, status))
        if think:
            time.sleep(think * rng.uniform(0.5, 1.5))
    conn.close()
    with lock:
        out.extend(mine)


def warm_up(port: int, cookie: str, ids: list[int]) -> None:
    """One of each page first, as the phone that scans the code does: the server's converters
    (built in the background at start, 25-260 ms each) are then ready, as they are for every
    phone but the first."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie}
    for target in ["/", "/search?q=%E6%B1%9F"] + [f"/a/{ids[0]}?script={s}" for s in ("original", "traditional", "simplified")]:
        conn.request("GET", target, headers=headers)
        conn.getresponse().read()
    conn.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("db", type=Path)
    p.add_argument("--phones", type=int, default=50)
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--think", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--serve-child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.serve_child:
        serve_child(args.db)
        return 0

    from reader.library import Library

    with Library.open(args.db, create=False) as lib:
        ids = lib.article_ids()
    child = subprocess.Popen([sys.executable, __file__, str(args.db), "--serve-child"], stdout=subprocess.PIPE, text=True)
    try:
        info = json.loads(child.stdout.readline())
        cookie = f"{info['cookie']}={info['token']}"
        warm_up(info["port"], cookie, ids)
        out: list = []
        lock = threading.Lock()
        stop = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=phone, args=(info["port"], cookie, ids, stop, args.think, args.seed + n, out, lock))
            for n in range(args.phones)
        ]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
    finally:
        child.terminate()
        child.wait(10)
    result = {"articles": len(ids), "phones": args.phones, "seconds": round(elapsed, 1), "think_s": args.think,
              "requests": len(out), "per_second": round(len(out) / elapsed, 1),
              "statuses": {str(s): sum(1 for _, _, x in out if x == s) for s in sorted({x for _, _, x in out})}}
    kinds = {}
    for kind in ("article", "list", "search", "all"):
        times = [ms for k, ms, _ in out if kind in ("all", k)]
        if times:
            kinds[kind] = {"n": len(times), "p50_ms": round(pct(times, 0.5), 1), "p95_ms": round(pct(times, 0.95), 1),
                           "p99_ms": round(pct(times, 0.99), 1), "max_ms": round(max(times), 1)}
    result["pages"] = kinds
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
