"""One measurement in one clean process; prints one JSON object on stdout.

benchmarks/run.py starts this file as a subprocess for every figure, so that each measurement
has a fresh interpreter, cold converters and its own peak RSS. Each subcommand can also be run
by hand (the commands printed beside each figure in the table):

    python benchmarks/probe.py pipeline CORPUS_DIR [--fts]     # read+decode, extract, bare FTS insert
    python benchmarks/probe.py search DB QUERIES.json           # lib.search vs instr() scan
    python benchmarks/probe.py firstpaint DB                    # TUI cold start to first paint
    python benchmarks/probe.py tui DB                           # open / switch script / page scroll

Nothing here changes the code being measured; the library is used through its public API, and
the baselines (bare FTS insert, instr() scan) use SQLite directly because they ARE the baseline.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import statistics
import sys
import time
from pathlib import Path

T_START = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def emit(obj: dict) -> None:
    obj.setdefault("peak_rss_mb", round(peak_rss_mb(), 1))
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def pct(values: list[float], p: float) -> float:
    """Percentile with linear interpolation (run.py and report.py use this one too)."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


# --------------------------------------------------------------------------- import pipeline


def cmd_pipeline(corpus: Path, fts: bool, limit: int | None = None) -> None:
    """Time the import stages separately: read+decode, extract, and a bare FTS insert.

    The bare FTS insert is the indexing a library cannot avoid: the same articles' title and
    body tokenised with the library's own ``index_tokens`` and inserted into a contentless
    FTS5 table like the library's, in one transaction, without any other table.
    """
    from reader.bundle import iter_bundles
    from reader.decode import decode
    from reader.extract import extract

    t_read = t_decode = t_extract = 0.0
    docs = articles = failures = chars = 0
    kept: list[tuple[str, str]] = []
    t0 = time.perf_counter()
    bundles = sorted(p for p in corpus.iterdir() if p.is_dir())
    for source in iter_bundles(bundles):
        it = iter(source.documents())
        while True:
            a = time.perf_counter()
            try:
                doc = next(it)
            except StopIteration:
                break
            b = time.perf_counter()
            t_read += b - a
            if isinstance(doc, Exception):
                failures += 1
                continue
            docs += 1
            try:
                decoded = decode(doc.data, doc.kind, doc.hints.encoding)
                c = time.perf_counter()
                t_decode += c - b
                found = extract(decoded.text, doc.kind, doc.hints)
                t_extract += time.perf_counter() - c
            except Exception:  # noqa: BLE001 - a benchmark counts failures, it does not stop
                failures += 1
                continue
            for art in found:
                articles += 1
                body = art.body
                chars += len(body)
                if fts:
                    kept.append((art.title, body))
            if limit and docs >= limit:
                break
        if limit and docs >= limit:
            break
    total = time.perf_counter() - t0
    out = {
        "cpu_s": round(time.process_time(), 3),
        "probe": "pipeline", "documents": docs, "articles": articles, "failures": failures,
        "body_chars": chars, "read_s": round(t_read, 3), "decode_s": round(t_decode, 3),
        "extract_s": round(t_extract, 3), "total_s": round(total, 3),
    }
    if fts:
        from reader.library.search import index_tokens
        from reader.library.search_index import create_search_index

        path = Path(os.environ.get("TMPDIR", "/tmp")) / f"bare-fts-{os.getpid()}.db"
        path.unlink(missing_ok=True)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        create_search_index(conn, "search_index")  # the library's own definition and settings
        a = time.perf_counter()
        tokens = [(t, index_tokens(t), index_tokens(b)) for t, b in kept]
        b = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO search_index(rowid, title, body) VALUES (?, ?, ?)",
                         ((i + 1, tt, bt) for i, (_, tt, bt) in enumerate(tokens)))
        conn.execute("COMMIT")
        c = time.perf_counter()
        conn.close()
        out.update({"fts_tokenise_s": round(b - a, 3), "fts_insert_s": round(c - b, 3),
                    "fts_s": round(c - a, 3), "fts_db_bytes": path.stat().st_size})
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    emit(out)


# --------------------------------------------------------------------------- search


def _scan_sql(q: dict) -> tuple[str, list]:
    """The baseline: a substring scan with instr() over the same articles table.

    It tests each term against title and the stored body (the blocks JSON) of every row and
    returns every matching id, newest first, no ranking, no snippets, no script folding (so it
    finds at most what search finds, and is a lower bound on what a correct scan costs).
    """
    where, params = [], []
    for term in q["scan_terms"]:
        where.append("(instr(title, ?) > 0 OR instr(blocks, ?) > 0)")
        params += [term, term]
    if q.get("source_key"):
        where.append("source_key = ?")
        params.append(q["source_key"])
    if q.get("after"):
        where.append("sort_date >= ?")
        params.append(q["after"])
    return f"SELECT id FROM articles WHERE {' AND '.join(where)} ORDER BY sort_date DESC", params


def cmd_search(db: Path, queries_file: Path, repeat: int, scan_once: bool = False) -> None:
    from reader.library import Library

    queries = json.loads(queries_file.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    lib = Library.open(db)
    open_s = time.perf_counter() - t0
    scan = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    results: dict[str, dict] = {}
    first_query_s = None
    for q in queries:
        cls = results.setdefault(q["class"], {"search_ms": [], "scan_ms": [], "hits": [], "scan_rows": [],
                                              "queries": [], "search_cpu_ms": [], "scan_cpu_ms": []})
        cls["queries"].append(q["query"])
        for r in range(repeat):
            c = time.process_time()
            a = time.perf_counter()
            hits = lib.search(q["query"], limit=20)
            # touch what a screen shows: title, snippet, spans
            _ = [(h.summary.title, h.snippet, h.spans) for h in hits]
            ms = (time.perf_counter() - a) * 1000
            cls["search_cpu_ms"].append((time.process_time() - c) * 1000)
            if first_query_s is None:
                first_query_s = ms / 1000
            cls["search_ms"].append(ms)
            if r == 0:
                cls["hits"].append(len(hits))
            if r > 0 and scan_once:
                continue  # at 100k a scan takes seconds: once per query is enough for a baseline
            sql, params = _scan_sql(q)
            c = time.process_time()
            a = time.perf_counter()
            rows = scan.execute(sql, params).fetchall()
            cls["scan_ms"].append((time.perf_counter() - a) * 1000)
            cls["scan_cpu_ms"].append((time.process_time() - c) * 1000)
            if r == 0:
                cls["scan_rows"].append(len(rows))
    out = {"probe": "search", "open_s": round(open_s, 3), "first_query_s": round(first_query_s or 0, 4),
           "classes": {}}
    for name, c in results.items():
        out["classes"][name] = {
            "n": len(c["search_ms"]),
            "p50_ms": round(pct(c["search_ms"], 0.5), 2), "p95_ms": round(pct(c["search_ms"], 0.95), 2),
            "max_ms": round(max(c["search_ms"]), 2),
            "scan_p50_ms": round(pct(c["scan_ms"], 0.5), 2), "scan_p95_ms": round(pct(c["scan_ms"], 0.95), 2),
            "cpu_p50_ms": round(pct(c["search_cpu_ms"], 0.5), 2), "cpu_p95_ms": round(pct(c["search_cpu_ms"], 0.95), 2),
            "scan_cpu_p50_ms": round(pct(c["scan_cpu_ms"], 0.5), 2),
            "scan_cpu_p95_ms": round(pct(c["scan_cpu_ms"], 0.95), 2),
            "mean_hits": round(statistics.mean(c["hits"]), 1),
            "mean_scan_rows": round(statistics.mean(c["scan_rows"]), 1),
            "examples": c["queries"][:4],
        }
        slow = sorted(zip(c["search_ms"], [q for q in c["queries"] for _ in range(repeat)]), reverse=True)[:3]
        out["classes"][name]["slowest"] = [[round(ms, 1), qq] for ms, qq in slow]
    lib.close()
    emit(out)


# --------------------------------------------------------------------------- TUI


TUI_SIZE = (120, 40)


def _app(db: Path):
    from reader.tui.app import ReaderApp  # the TUI engineer's public app class

    return ReaderApp(db)


async def _until(cond, timeout: float = 20.0, step: float = 0.001) -> None:
    """Let the app's event loop run until ``cond()`` holds (polling is a 1 ms sleep)."""
    import asyncio

    deadline = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not reach the expected state in time")
        await asyncio.sleep(step)


async def _painted(widget) -> float:
    """Time at which the next refresh after now has been painted (call_after_refresh)."""
    import asyncio

    fut = asyncio.get_running_loop().create_future()
    widget.call_after_refresh(lambda: fut.done() or fut.set_result(time.perf_counter()))
    return await fut


def _library_screen(app):
    screen = app.screen
    return screen if type(screen).__name__ == "LibraryScreen" else None


def _rows_visible(screen) -> bool:
    """The list shows real rows (no placeholders) everywhere on screen."""
    from textual.css.query import NoMatches

    try:
        lst = screen.article_list
    except NoMatches:  # the screen is pushed but not composed yet
        return False
    if not lst.ids:
        return False
    top = round(lst.scroll_y)
    height = max(1, lst.scrollable_content_region.height)
    return all(lst.summary(i) is not None for i in lst.ids[top : top + height])


def cmd_firstpaint(db: Path) -> None:
    """Cold start: import the app, open the library, paint the library screen with rows, exit.

    ``first_paint_s`` is measured from this interpreter's first line (T_START); ``paint_epoch``
    lets the parent measure from spawn (interpreter start-up included).
    """
    import asyncio

    async def go() -> dict:
        app = _app(db)
        async with app.run_test(headless=True, size=TUI_SIZE) as pilot:  # noqa: F841
            await _until(lambda: _library_screen(app) is not None and _rows_visible(app.screen))
            screen = app.screen
            t = await _painted(screen.article_list)
            cpu = time.process_time()  # CPU since the interpreter started (all threads)
            epoch = time.time() - (time.perf_counter() - t)
            return {"first_paint_s": round(t - T_START, 4), "paint_epoch": epoch, "cpu_s": round(cpu, 4),
                    "articles": len(screen.article_list.ids)}

    out = asyncio.run(go())
    out["probe"] = "firstpaint"
    emit(out)


def cmd_tui(db: Path, runs: int = 20) -> None:
    """Open an article (Enter), switch scripts on the longest article (t), page down the list.

    Each time runs from just before the key press to the first refresh painted after the app
    reached the expected state. Keys go in with the public ``App.simulate_key`` (a Key event, as
    from a terminal), not ``Pilot.press``, which also waits for the process to go idle (up to
    1 s twice) and would time the wait. Runs on the library as given (it marks articles read): run.py
    hands it a copy.
    """
    import asyncio
    import random

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    long_id, long_chars = conn.execute(
        "SELECT id, length(blocks) FROM articles WHERE script = 'simplified' ORDER BY length(blocks) DESC LIMIT 1"
    ).fetchone()
    conn.close()
    rng = random.Random(1)

    async def go() -> dict:
        app = _app(db)
        out: dict = {"open_ms": [], "switch_ms": [], "scroll_ms": [], "scroll_mid_ms": [],
                     "open_cpu_ms": [], "switch_cpu_ms": [], "scroll_cpu_ms": [], "scroll_mid_cpu_ms": []}
        async with app.run_test(headless=True, size=TUI_SIZE) as pilot:
            await _until(lambda: _library_screen(app) is not None and _rows_visible(app.screen))
            screen = app.screen
            lst, view = screen.article_list, screen.article_view
            n = len(lst.ids)

            # -- open an article: cursor on a row, Enter, until the article is shown and painted
            for _ in range(runs):
                lst.focus()
                lst.cursor = rng.randrange(min(n, 200))
                await pilot.pause()
                await _until(lambda: _rows_visible(screen))
                target = lst.current_id
                c0, t0 = time.process_time(), time.perf_counter()
                app.simulate_key("enter")
                await _until(lambda: view.article is not None and view.article.id == target)
                out["open_ms"].append((await _painted(view) - t0) * 1000)
                out["open_cpu_ms"].append((time.process_time() - c0) * 1000)

            # -- switch scripts on the longest Simplified article (t cycles 3 scripts)
            lst.focus()
            await pilot.pause()
            if lst.select_id(long_id):
                await pilot.pause()
                await pilot.press("enter")
                await _until(lambda: view.article is not None and view.article.id == long_id)
                await pilot.pause()
                out["switch_chars"] = len(view.article.body)
                for _ in range(max(6, runs // 2)):
                    before = app.script
                    c0, t0 = time.process_time(), time.perf_counter()
                    app.simulate_key("t")
                    await _until(lambda: app.script != before and view.script == app.script)
                    out["switch_ms"].append((await _painted(view) - t0) * 1000)
                    out["switch_cpu_ms"].append((time.process_time() - c0) * 1000)
                    out.setdefault("switch_to", []).append(app.script)

            # -- page down the list, from the top and from the middle
            for key, start in (("scroll_ms", 0), ("scroll_mid_ms", n // 2)):
                lst.focus()
                lst.cursor = start
                await pilot.pause()
                await _until(lambda: _rows_visible(screen))
                lst.scroll_to(y=max(0, start - 1), animate=False, immediate=True)
                await pilot.pause()
                await _until(lambda: _rows_visible(screen))
                for _ in range(runs):
                    if max(lst.cursor, lst.scroll_y) + 2 * lst.page() >= n:
                        break  # the end of the list: PageDown would not move a page
                    before = (lst.cursor, round(lst.scroll_y))
                    c0, t0 = time.process_time(), time.perf_counter()
                    app.simulate_key("pagedown")
                    # PageDown moves the cursor (screen binding) or the viewport (ScrollView's own
                    # binding, which wins while the list has focus): either way a new page of rows
                    await _until(lambda: (lst.cursor, round(lst.scroll_y)) != before and _rows_visible(screen))
                    out[key].append((await _painted(lst) - t0) * 1000)
                    out[key.replace("_ms", "_cpu_ms")].append((time.process_time() - c0) * 1000)
            out["articles"] = n
        return out

    out = asyncio.run(go())
    for k in [k for k in out if k.endswith("_ms")]:
        out[k] = [round(v, 2) for v in out[k]]
    out["long_article_id"] = long_id
    out["probe"] = "tui"
    emit(out)


# --------------------------------------------------------------------------- contention


def cmd_contention(db: Path, reader_args: list[str], interval: float = 0.05) -> None:
    """``reader --db DB ARGS`` (an import, a reindex) while this process marks a random article
    read every ``interval`` seconds, as the TUI does when articles are opened: how long those
    writes wait for the library's write lock (the TUI gives up after 10 s). ``db`` is written."""
    import random
    import subprocess

    from reader.errors import LibraryError
    from reader.library import Library

    lib = Library.open(db)
    ids = lib.article_ids()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "reader", "--db", str(db), *reader_args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    waits, failed = [], 0
    while proc.poll() is None:
        t = time.perf_counter()
        try:
            lib.set_read(random.choice(ids), True)
            waits.append((time.perf_counter() - t) * 1000)
        except LibraryError:
            failed += 1
        time.sleep(interval)
    out, _ = proc.communicate()
    emit({"probe": "contention", "command": reader_args[0], "wall_s": round(time.perf_counter() - t0, 2),
          "exit": proc.returncode, "report": json.loads(out) if out.strip().startswith(b"{") else None,
          "writes": len(waits), "failed_writes": failed,
          "wait_p50_ms": round(pct(waits, 0.5), 1) if waits else None,
          "wait_p99_ms": round(pct(waits, 0.99), 1) if waits else None,
          "wait_max_ms": round(max(waits), 1) if waits else None, "check": lib.check()})
    lib.close()


def main(argv: list[str]) -> int:
    import argparse

    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("pipeline")
    s.add_argument("corpus", type=Path)
    s.add_argument("--fts", action="store_true")
    s.add_argument("--limit", type=int)
    s = sub.add_parser("search")
    s.add_argument("db", type=Path)
    s.add_argument("queries", type=Path)
    s.add_argument("--repeat", type=int, default=3)
    s.add_argument("--scan-once", action="store_true", help="run the instr() baseline once per query, not per repeat")
    s = sub.add_parser("firstpaint")
    s.add_argument("db", type=Path)
    s = sub.add_parser("tui")
    s.add_argument("db", type=Path)
    s.add_argument("--runs", type=int, default=20)
    s = sub.add_parser("contention")
    s.add_argument("db", type=Path)
    s.add_argument("reader_args", nargs=argparse.REMAINDER, help="a reader command and its arguments: reindex --json")
    args = p.parse_args(argv)
    if args.cmd == "pipeline":
        cmd_pipeline(args.corpus, args.fts, args.limit)
    elif args.cmd == "search":
        cmd_search(args.db, args.queries, args.repeat, args.scan_once)
    elif args.cmd == "firstpaint":
        cmd_firstpaint(args.db)
    elif args.cmd == "contention":
        cmd_contention(args.db, args.reader_args)
    else:
        cmd_tui(args.db, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
