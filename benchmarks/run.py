"""The benchmark suite (run by hand, not in CI). Prints a Markdown table; every figure names
the command that produced it, and baselines are measured in the same run (ratios, because this
machine is shared and noisy).

    nice -n 10 python benchmarks/run.py --articles 10000
    nice -n 10 python benchmarks/run.py --articles 100000 --tui-sizes 1000,10000,100000

Work files (corpora, libraries, queries, results.json, results.md) go to --work
(default /tmp/reader-bench); corpora and libraries are reused when already there
(``--fresh`` rebuilds them). Each measurement runs in its own subprocess
(``python -m reader ... import`` or ``python benchmarks/probe.py ...``) so that it has a clean
interpreter and its own peak RSS (os.wait4 rusage of that child).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from probe import pct  # one percentile rule for probes, suite and report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
PY = sys.executable


# --------------------------------------------------------------------------- running children


@dataclass
class Child:
    argv: list[str]
    wall_s: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    spawn_epoch: float = 0.0
    cpu_s: float = 0.0  # user + system CPU of the child (and its workers): robust to other load
    tree_rss_mb: float = 0.0  # peak of the child's RSS plus its descendants' (import workers), sampled

    @property
    def command(self) -> str:
        return " ".join(_compress([shlex.quote(_short(a)) for a in self.argv]))

    def json(self) -> dict:
        for line in reversed(self.stdout.splitlines()):
            line = line.strip()
            if line.startswith("{"):
                return json.loads(line)
        raise RuntimeError(f"no JSON from {self.command}:\n{self.stdout[-2000:]}\n{self.stderr[-3000:]}")


def _compress(args: list[str]) -> list[str]:
    """DIR/bundle-0000 ... DIR/bundle-0009 -> DIR/bundle-{0000..0009} (bash brace expansion)."""
    out: list[str] = []
    i = 0
    while i < len(args):
        m = re.fullmatch(r"(.*/bundle-)(\d{4})", args[i])
        j = i
        if m:
            while j + 1 < len(args) and args[j + 1] == f"{m.group(1)}{int(m.group(2)) + (j + 1 - i):04d}":
                j += 1
        if j - i >= 2:
            out.append(f"{m.group(1)}{{{m.group(2)}..{args[j][-4:]}}}")
        else:
            out.extend(args[i : j + 1])
        i = j + 1
    return out


def _short(arg: str) -> str:
    if arg == PY:
        return "python"
    try:
        return str(Path(arg).relative_to(ROOT)) if arg.startswith(str(ROOT)) else arg
    except ValueError:
        return arg


_PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc (Linux); 0 elsewhere."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * _PAGE
            for task in os.scandir(f"/proc/{p}/task"):
                with open(f"{task.path}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return total / 2**20


def run_child(argv: list[str], env: dict | None = None, check: bool = True, timeout: float | None = None) -> Child:
    """Run argv in a clean process; wall time from spawn to exit; the child's own peak RSS (wait4)
    and, sampled every 0.1 s, the peak of its RSS summed with its workers'."""
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    out_f = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-child-{os.getpid()}.out", "w+")
    err_f = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-child-{os.getpid()}.err", "w+")
    spawn_epoch = time.time()
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=out_f, stderr=err_f, stdin=subprocess.DEVNULL, env=full_env, cwd=ROOT)
    deadline = None if timeout is None else time.monotonic() + timeout
    tree_rss, next_sample = 0.0, 0.0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() >= next_sample:
            tree_rss = max(tree_rss, _tree_rss_mb(proc.pid))
            next_sample = time.monotonic() + 0.1
        if deadline and time.monotonic() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.002)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    out_f.seek(0)
    err_f.seek(0)
    child = Child(argv, wall, usage.ru_maxrss / 1024.0, proc.returncode, out_f.read(), err_f.read(), spawn_epoch,
                  usage.ru_utime + usage.ru_stime, max(tree_rss, usage.ru_maxrss / 1024.0))
    out_f.close()
    err_f.close()
    if check and child.returncode != 0:
        raise RuntimeError(f"{child.command} exited {child.returncode}:\n{child.stdout[-2000:]}\n{child.stderr[-3000:]}")
    return child




def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- results


@dataclass
class Row:
    section: str
    figure: str
    value: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    met: str = ""
    command: str = ""


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    raw: dict = field(default_factory=dict)

    def add(self, *args, **kwargs) -> Row:
        row = Row(*args, **kwargs)
        self.rows.append(row)
        return row

    def markdown(self) -> str:
        out = ["| figure | value | baseline (same run) | ratio | target | met | command |",
               "|---|---|---|---|---|---|---|"]
        section = None
        for r in self.rows:
            if r.section != section:
                section = r.section
                out.append(f"| **{section}** | | | | | | |")
            out.append(f"| {r.figure} | {r.value} | {r.baseline} | {r.ratio} | {r.target} | {r.met} | `{r.command}` |")
        return "\n".join(out)


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("yes" if ok else "**NO**")


# --------------------------------------------------------------------------- machine


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = (0, 0, 0)
    commit = ""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "reader"], cwd=ROOT, capture_output=True,
                               text=True, timeout=10).stdout.strip()
        if commit and dirty:
            commit += " + uncommitted changes in reader/"
    except (OSError, subprocess.SubprocessError):
        pass
    if not commit and (ROOT / ".commit").exists():  # an export: git archive HEAD | tar -x
        commit = (ROOT / ".commit").read_text().strip() + " (exported tree)"
    return {
        "commit": commit,
        "nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version, "platform": platform.platform(),
        "loadavg_at_start": [round(x, 2) for x in load], "niceness": os.nice(0),
        "date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


# --------------------------------------------------------------------------- corpora and libraries


def ensure_corpus(work: Path, n: int, kind: str, seed: int, start: int = 0, per_bundle: int = 1000,
                  fresh: bool = False) -> Path:
    out = work / f"corpus-{kind}-{n}-s{seed}-from{start}-pb{per_bundle}"
    stamp = out / "corpus.json"
    if stamp.exists() and not fresh:
        return out
    if not fresh:
        # Article i depends only on (seed, i): a larger corpus's first bundles are this corpus.
        for other in sorted(work.glob(f"corpus-{kind}-*-s{seed}-from{start}-pb{per_bundle}")):
            m = re.fullmatch(rf"corpus-{kind}-(\d+)-s{seed}-from{start}-pb{per_bundle}", other.name)
            if m and int(m.group(1)) >= n and (other / "corpus.json").exists():
                return other
    shutil.rmtree(out, ignore_errors=True)
    log(f"generating {n} {kind} articles -> {out}")
    run_child([PY, str(HERE / "generate.py"), "--articles", str(n), "--seed", str(seed), "--out", str(out),
               "--kind", kind, "--start", str(start), "--per-bundle", str(per_bundle), "--quiet"])
    return out


def page_kib(corpus: Path) -> float:
    stats = json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))["stats"]
    return stats["bytes"] / max(1, stats["articles"]) / 1024


def pool_of(corpus: Path) -> str:
    pool = json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))["pool"]
    return f"{pool['sentences']} sentences [{pool['fingerprint']}] from {'; '.join(pool['sources'])}"


def bundle_dirs(corpus: Path, articles: int | None = None) -> list[Path]:
    info = json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))
    dirs, total = [], 0
    for b in info["bundles"]:
        if articles is not None and total >= articles:
            break
        dirs.append(corpus / b["path"])
        total += b["articles"]
    return dirs


def db_articles(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def db_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in [db, Path(f"{db}-wal")] if p.exists())


def import_cmd(db: Path, paths: list[Path], jobs: int | None = None) -> list[str]:
    return [PY, "-m", "reader", "--db", str(db), "import", *(["--jobs", str(jobs)] if jobs else []), *map(str, paths)]


def timed_import(db: Path, paths: list[Path], jobs: int | None = None) -> tuple[Child, int]:
    """A fresh library, one CLI import. Exit 1 with some failed documents is still a run."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    child = run_child(import_cmd(db, paths, jobs), check=False)
    if child.returncode not in (0, 1) or not re.search(r"imported \d+", child.stdout + child.stderr):
        raise RuntimeError(f"{child.command} exited {child.returncode}:\n{child.stdout[-2000:]}\n{child.stderr[-3000:]}")
    m = re.search(r"failed (\d+)", child.stdout + child.stderr)
    child.failed = int(m.group(1)) if m else 0  # type: ignore[attr-defined]
    return child, db_articles(db)


def ensure_library(work: Path, name: str, paths: list[Path], fresh: bool, size: int | None = None) -> Path:
    """A library built from ``paths`` (CLI import), reused when already built.

    Article i of a corpus depends only on (seed, i), so the first k bundles of any corpus of the
    same seed are the same articles: a smaller run's ``lib-<k>.db`` / ``lib-<k>-of-<m>.db`` serves.
    """
    db = work / f"{name}.db"
    done = work / f"{name}.done"
    if db.exists() and done.exists() and not fresh:
        return db
    if size is not None and not fresh:
        for other in [work / f"lib-{size}.done", *sorted(work.glob(f"lib-{size}-of-*.done"))]:
            other_db = other.with_suffix(".db")
            if other.exists() and other_db.exists() and json.loads(other.read_text())["articles"] >= 0.98 * size:
                return other_db
    log(f"building library {db.name} from {len(paths)} bundles")
    child, n = timed_import(db, paths)
    done.write_text(json.dumps({"articles": n, "wall_s": child.wall_s}))
    return db


# --------------------------------------------------------------------------- queries


def make_queries(seed: int, path: Path, per_class: int = 12) -> list[dict]:
    """Deterministic queries drawn from the generator's sentence pool.

    1-4 characters: substrings of pool sentences (a third typed in Traditional, which search must
    fold), and for one character the five commonest characters too (the broadest queries there
    are); multi-term: two 2-character terms of one sentence; filtered: a 2-character term plus
    source: (a generated outlet) or after: (a date).
    """
    sys.path.insert(0, str(HERE))
    from generate import SOURCES_S, SOURCES_T, load_pool
    from reader.script import convert, normalise_for_search

    pool = load_pool().sentences
    rng = random.Random(f"queries:{seed}")
    cjk = re.compile(r"[\u4e00-\u9fff]+")

    def substring(k: int) -> str:
        while True:
            runs = [r for r in cjk.findall(rng.choice(pool)) if len(r) >= k]
            if runs:
                run = rng.choice(runs)
                i = rng.randrange(len(run) - k + 1)
                return run[i : i + k]

    def maybe_trad(s: str) -> str:
        return convert(s, "s2tw") if rng.random() < 1 / 3 else s

    counts: dict[str, int] = {}
    for s in pool:
        for ch in "".join(cjk.findall(s)):
            counts[ch] = counts.get(ch, 0) + 1
    common = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]]

    queries: list[dict] = []

    def add(cls: str, text: str, terms: list[str], **extra) -> None:
        queries.append({"class": cls, "query": text, "scan_terms": terms, **extra})

    for ch in common:
        add("1 char", ch, [ch])
    while sum(q["class"] == "1 char" for q in queries) < per_class:
        t = maybe_trad(substring(1))
        add("1 char", t, [t])
    for k in (2, 3, 4):
        for _ in range(per_class):
            t = maybe_trad(substring(k))
            add(f"{k} chars", t, [t])
    for _ in range(per_class):
        while True:
            runs = [r for r in cjk.findall(rng.choice(pool)) if len(r) >= 6]
            if runs:
                run = rng.choice(runs)
                break
        a, b = run[:2], run[-2:]
        add("multi-term (2 x 2 chars)", f"{a} {b}", [a, b])
    for i in range(per_class):
        t = substring(2)
        if i % 2 == 0:
            src = rng.choice(SOURCES_S + SOURCES_T)
            add("filtered (term + source:/after:)", f"{t} source:{src}", [t], source_key=normalise_for_search(src))
        else:
            after = f"{rng.randint(2016, 2024)}-01-01"
            add("filtered (term + source:/after:)", f"{t} after:{after}", [t], after=after)
    path.write_text(json.dumps(queries, ensure_ascii=False, indent=1), encoding="utf-8")
    return queries


# --------------------------------------------------------------------------- the benchmarks


def bench_import(res: Results, work: Path, args) -> Path:
    """End-to-end CLI import of text and of HTML bundles, beside the stage breakdown."""
    n, seed = args.articles, args.seed
    text_corpus = ensure_corpus(work, n, "text", seed, fresh=args.fresh)
    html_n = min(n, args.html_articles)
    html_corpus = ensure_corpus(work, html_n, "html", seed, start=n, fresh=args.fresh)
    db = work / f"lib-{n}.db"

    log(f"import {n} text articles")
    text_child, text_count = timed_import(db, bundle_dirs(text_corpus, n))
    (work / f"lib-{n}.done").write_text(json.dumps({"articles": text_count, "wall_s": text_child.wall_s}))
    text_rate = text_count / text_child.wall_s

    serial_n = min(n, 10_000)  # workers against one process, on the same first articles
    log(f"import {serial_n} text articles in one process (--jobs 1)")
    serial_child, serial_count = timed_import(work / f"lib-serial-{serial_n}.db", bundle_dirs(text_corpus, serial_n), jobs=1)
    same_child, same_count = text_child, text_count
    if serial_n < n:
        log(f"import {serial_n} text articles with workers (the default)")
        same_child, same_count = timed_import(work / f"lib-workers-{serial_n}.db", bundle_dirs(text_corpus, serial_n))

    log(f"import {html_n} HTML articles")
    html_db = work / f"lib-html-{html_n}.db"
    html_child, html_count = timed_import(html_db, bundle_dirs(html_corpus, html_n))
    html_rate = html_count / html_child.wall_s

    limit = min(n, args.breakdown_articles)
    log(f"stage breakdown over {limit} text and {min(html_n, limit)} HTML articles")
    pt = run_child([PY, str(HERE / "probe.py"), "pipeline", str(text_corpus), "--fts", "--limit", str(limit)])
    ph = run_child([PY, str(HERE / "probe.py"), "pipeline", str(html_corpus), "--fts", "--limit", str(min(html_n, limit))])
    jt, jh = pt.json(), ph.json()
    res.raw["import"] = {"text_cli": {"wall_s": text_child.wall_s, "articles": text_count,
                                      "peak_rss_mb": text_child.peak_rss_mb, "cpu_s": text_child.cpu_s},
                         "html_cli": {"wall_s": html_child.wall_s, "articles": html_count,
                                      "peak_rss_mb": html_child.peak_rss_mb, "cpu_s": html_child.cpu_s},
                         "text_stages": jt, "html_stages": jh,
                         "text_cli_serial": {"wall_s": serial_child.wall_s, "articles": serial_count,
                                             "peak_rss_mb": serial_child.peak_rss_mb, "cpu_s": serial_child.cpu_s}}
    for key, child in (("text_cli", text_child), ("html_cli", html_child)):
        res.raw["import"][key]["tree_rss_mb"] = child.tree_rss_mb

    for label, child, count, rate, j, n_docs in (
        ("text", text_child, text_count, text_rate, jt, n),
        ("HTML", html_child, html_count, html_rate, jh, html_n),
    ):
        fts_rate = j["articles"] / j["fts_s"] if j["fts_s"] else float("inf")
        target = "≥ 300/s" if label == "text" else ""
        cpu_rate = count / child.cpu_s if child.cpu_s else float("inf")
        res.add("Import", f"{label} pages, end to end (CLI), {count} of {n_docs} articles stored"
                f" ({getattr(child, 'failed', 0)} documents failed)",
                f"{rate:.0f} articles/s wall ({child.wall_s:.1f} s); {cpu_rate:.0f} articles per CPU-second",
                f"bare FTS insert {fts_rate:.0f} articles/s", f"import takes {fts_rate / rate:.1f}× the bare FTS insert",
                target, verdict(rate >= 300) if label == "text" else "", child.command)
        if label == "text":
            serial_rate = serial_count / serial_child.wall_s
            same_rate = same_count / same_child.wall_s
            res.add("Import", f"text pages, end to end, one process (--jobs 1), first {serial_count} articles",
                    f"{serial_rate:.0f} articles/s wall ({serial_child.wall_s:.1f} s); "
                    f"{serial_count / serial_child.cpu_s:.0f} articles per CPU-second",
                    f"with workers (the default), same articles: {same_rate:.0f} articles/s",
                    f"workers make it {same_rate / serial_rate:.2f}× faster", command=serial_child.command)
        extract_s = j["decode_s"] + j["extract_s"]
        per_k = lambda s: 1000 * s / max(1, j["articles"])  # noqa: E731
        res.add("Import", f"{label}: extraction (decode + extract) vs indexing (tokenise + FTS insert), per 1,000 articles",
                f"extract {per_k(extract_s):.2f} s (decode {per_k(j['decode_s']):.2f}, extract {per_k(j['extract_s']):.2f}); "
                f"read {per_k(j['read_s']):.2f} s",
                f"index {per_k(j['fts_s']):.2f} s (tokenise {per_k(j['fts_tokenise_s']):.2f}, insert {per_k(j['fts_insert_s']):.2f})",
                f"extraction = {extract_s / j['fts_s']:.2f}× indexing" if j["fts_s"] else "",
                "extraction ≤ indexing (≤ 1×)", verdict(extract_s <= j["fts_s"]) if label == "text" else "",
                (pt if label == "text" else ph).command)
        if j.get("failures"):
            res.add("Import", f"{label}: documents that failed extraction in the breakdown", str(j["failures"]),
                    command=(pt if label == "text" else ph).command)
    res.add("Memory", f"import of {n} text articles ({n // 1000} bundles): peak RSS",
            f"{text_child.tree_rss_mb:.0f} MB with its workers (the importing process alone {text_child.peak_rss_mb:.0f} MB)",
            command=text_child.command)
    size = db_bytes(db)
    res.add("Size", f"library database per article ({n} articles; originals stored zlib-compressed)",
            f"{size / max(1, text_count) / 1024:.1f} KiB ({size / 1e6:.0f} MB total)",
            f"generated pages {page_kib(text_corpus):.1f} KiB/article",
            command=f"ls -l {db.name}")
    return db


def bench_import_memory(res: Results, work: Path, args) -> None:
    """Peak RSS importing ONE bundle of each size: flat if the import streams."""
    sizes = [s for s in args.bundle_sizes if s <= max(args.articles, 1000)]
    rss = []
    for s in sizes:
        corpus = ensure_corpus(work, s, "text", args.seed, start=10_000_000, per_bundle=s, fresh=args.fresh)
        db = work / f"lib-bundle-{s}.db"
        log(f"import one bundle of {s} articles (memory)")
        child, count = timed_import(db, bundle_dirs(corpus, s))
        rss.append((s, child.tree_rss_mb, child))
    if rss:
        first = rss[0][1]
        for s, mb, child in rss:
            res.add("Memory", f"import of ONE bundle of {s} articles: peak RSS", f"{mb:.0f} MB",
                    f"{rss[0][0]}-article bundle {first:.0f} MB", f"{mb / first:.2f}×",
                    "flat in bundle size", verdict(mb <= first * 1.25 + 10) if s != rss[0][0] else "", child.command)


def bench_search(res: Results, work: Path, db: Path, args) -> None:
    qpath = work / f"queries-s{args.seed}.json"
    make_queries(args.seed, qpath, per_class=args.queries_per_class)
    log("search")
    argv = [PY, str(HERE / "probe.py"), "search", str(db), str(qpath), "--repeat", str(args.repeat)]
    if args.articles > 20_000:
        argv.append("--scan-once")
    child = run_child(argv)
    j = child.json()
    res.raw["search"] = j
    n = args.articles
    for name, c in j["classes"].items():
        ratio = c["scan_p95_ms"] / c["p95_ms"] if c["p95_ms"] else float("inf")
        ok = c["p95_ms"] <= 50 and ratio >= 20
        res.add(f"Search at {n} articles (top 20 ranked, with snippets)",
                f"{name} ({c['n']} runs), e.g. {' / '.join(c['examples'][:3])} (mean {c['mean_hits']:.0f} hits shown, scan finds {c['mean_scan_rows']:.0f})",
                f"p50 {c['p50_ms']:.1f} ms, p95 {c['p95_ms']:.1f} ms (CPU p95 {c.get('cpu_p95_ms', float('nan')):.1f} ms)",
                f"instr() scan p50 {c['scan_p50_ms']:.0f} ms, p95 {c['scan_p95_ms']:.0f} ms",
                f"{ratio:.0f}× faster (p95)", "p95 ≤ 50 ms and ≥ 20×", verdict(ok), child.command)
    res.add(f"Search at {n} articles (top 20 ranked, with snippets)",
            "library open + first query (cold process)",
            f"open {j['open_s'] * 1000:.0f} ms, first query {j['first_query_s'] * 1000:.0f} ms",
            command=child.command)


def copy_library(db: Path, copy: Path) -> Path:
    """A copy of the library for a benchmark that writes to it (SQLite's backup: WAL included)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    src, dst = sqlite3.connect(f"file:{db}?mode=ro", uri=True), sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    return copy


def bench_reindex(res: Results, work: Path, db: Path, args) -> None:
    """``reader reindex`` of a copy of the library while another connection marks articles read."""
    copy = copy_library(db, work / f"lib-{args.articles}-reindex-copy.db")
    log(f"reindex {args.articles} articles, marking articles read meanwhile")
    child = run_child([PY, str(HERE / "probe.py"), "contention", str(copy), "reindex", "--json"])
    j = child.json()
    res.raw["reindex"] = j
    documents = j["report"]["documents"]
    res.add("Reindex", f"reindex of {documents} documents (workers), while another connection marks an article"
            " read every 50 ms",
            f"{j['wall_s']:.1f} s ({documents / j['wall_s']:.0f} documents/s); {j['writes']} writes meanwhile:"
            f" wait p50 {j['wait_p50_ms']} ms, p99 {j['wait_p99_ms']} ms, max {j['wait_max_ms']} ms;"
            f" {j['failed_writes']} failed",
            target="no write fails (the TUI waits up to 10 s)", met=verdict(j["failed_writes"] == 0 and not j["check"]),
            command=child.command)


def bench_keeping(res: Results, work: Path, db: Path, args) -> None:
    """Tag filters, saved searches and the highlights screen on a copy of the library."""
    copy = copy_library(db, work / f"lib-{args.articles}-keeping-copy.db")
    highlights = min(10_000, args.articles)
    log(f"tags, saved searches and {highlights} highlights on {args.articles} articles")
    child = run_child([PY, str(HERE / "keeping.py"), str(copy), "--highlights", str(highlights),
                       "--repeat", str(max(5, args.repeat * 5))])
    j = child.json()
    res.raw["keeping"] = j
    section = f"Keeping at {args.articles} articles ({j['tagged_links']} tag links, {j['highlights']} highlights)"
    for name, figures in j["queries"].items():
        res.add(section, name, f"p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms",
                target="p95 ≤ 50 ms", met=verdict(figures["p95_ms"] <= 50), command=child.command)


def bench_serve(res: Results, work: Path, db: Path, args) -> None:
    """50 phones reading from `reader serve` at once, with a reader's pause and without."""
    for think in (1.0, 0.0):
        log(f"serve: 50 phones on {args.articles} articles, think {think} s")
        child = run_child([PY, str(HERE / "serve.py"), str(db), "--phones", "50", "--seconds", str(args.serve_seconds),
                           "--think", str(think)])
        j = child.json()
        res.raw.setdefault("serve", []).append(j)
        section = f"Serving 50 phones at {args.articles} articles"
        label = "reading (1 s between pages)" if think else "reloading without pause (worst case)"
        for kind, f in j["pages"].items():
            res.add(section, f"{label}: {kind} pages", f"p50 {f['p50_ms']:.1f} ms, p95 {f['p95_ms']:.1f} ms ({f['n']} requests)",
                    target="p95 ≤ 100 ms" if think else "", met=verdict(f["p95_ms"] <= 100 if think else None),
                    command=child.command)


def bench_tui(res: Results, work: Path, args, text_corpus: Path) -> None:
    probe = HERE / "probe.py"
    firsts = {}
    for size in args.tui_sizes:
        if size > args.articles:
            continue
        db = work / f"lib-{size}.db" if size == args.articles else ensure_library(
            work, f"lib-{size}-of-{args.articles}", bundle_dirs(text_corpus, size), args.fresh, size)
        walls, inner, rss, cpus = [], [], [], []
        child = None
        for _ in range(args.tui_repeat):
            child = run_child([PY, str(probe), "firstpaint", str(db)], timeout=120)
            j = child.json()
            walls.append(j["paint_epoch"] - child.spawn_epoch)
            inner.append(j["first_paint_s"])
            rss.append(j["peak_rss_mb"])
            cpus.append(j.get("cpu_s", float("nan")))
        cpus.sort()
        walls.sort()
        inner.sort()
        med = walls[len(walls) // 2]
        firsts[size] = med
        res.raw.setdefault("tui_first_paint", {})[size] = {"spawn_to_paint_s": walls, "in_process_s": inner,
                                                            "rss_mb": rss, "cpu_s": cpus}
        smallest = min(firsts)
        res.add("TUI", f"cold start to first painted library screen, {size} articles (median of {len(walls)})",
                f"{med * 1000:.0f} ms spawn → paint ({inner[len(inner) // 2] * 1000:.0f} ms after interpreter start, "
                f"CPU {cpus[len(cpus) // 2] * 1000:.0f} ms); RSS {max(rss):.0f} MB",
                f"{firsts[smallest] * 1000:.0f} ms at {smallest}" if size != smallest else "",
                f"{med / firsts[smallest]:.2f}× the {smallest}-article figure" if size != smallest else "",
                "≤ 1 s", verdict(med <= 1.0), child.command)
    # The interaction probe opens articles (marks them read, saves the place): use a copy.
    db = work / f"lib-{args.articles}.db"
    copy = work / f"lib-{args.articles}-tui-copy.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    child = run_child([PY, str(probe), "tui", str(copy), "--runs", str(args.tui_runs)], timeout=600)
    j = child.json()
    res.raw["tui"] = j
    n = args.articles
    for key, label, target in (
        ("open_ms", "open an article (Enter on the list to article painted)", 100),
        ("switch_ms", f"switch scripts on a {j.get('switch_chars', 10000)}-character article", 50),
        ("scroll_ms", "scroll the list by a page from the top (PageDown to rows painted)", 50),
        ("scroll_mid_ms", "scroll the list by a page from the middle (PageDown to rows painted)", 50),
    ):
        vals = j.get(key)
        if not vals:
            continue
        p50, p95 = pct(vals, 0.5), pct(vals, 0.95)
        cpu = j.get(key.replace("_ms", "_cpu_ms")) or [float("nan")]
        res.add("TUI", f"{label}, {n} articles ({len(vals)} runs)",
                f"p50 {p50:.0f} ms, p95 {p95:.0f} ms (CPU p50 {pct(cpu, 0.5):.0f} ms, p95 {pct(cpu, 0.95):.0f} ms)",
                target=f"≤ {target} ms", met=verdict(p95 <= target), command=child.command)
    res.add("Memory", f"TUI with {n} articles after the interactions above: peak RSS", f"{j['peak_rss_mb']:.0f} MB",
            target="≤ 250 MB", met=verdict(j["peak_rss_mb"] <= 250), command=child.command)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="reader benchmark suite")
    p.add_argument("--articles", type=int, default=10_000, help="library size (text articles) (default 10000)")
    p.add_argument("--html-articles", type=int, default=5_000, help="HTML articles imported (default min(N, 5000))")
    p.add_argument("--breakdown-articles", type=int, default=5_000,
                   help="articles in the stage breakdown (default min(N, 5000))")
    p.add_argument("--bundle-sizes", type=lambda s: [int(x) for x in s.split(",") if x], default=[1000, 10000],
                   help="one-bundle sizes for the import-memory check (default 1000,10000)")
    p.add_argument("--tui-sizes", type=lambda s: [int(x) for x in s.split(",") if x], default=None,
                   help="library sizes for TUI cold start (default 1000,10000,N up to N)")
    p.add_argument("--tui-repeat", type=int, default=3, help="cold starts per library size (default 3)")
    p.add_argument("--tui-runs", type=int, default=20, help="opens and page scrolls measured (default 20)")
    p.add_argument("--queries-per-class", type=int, default=12)
    p.add_argument("--repeat", type=int, default=3, help="runs of each query (default 3)")
    p.add_argument("--serve-seconds", type=float, default=20, help="length of each serving run (default 20)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "reader-bench")
    p.add_argument("--only", default="import,memory,search,tui,reindex,keeping,serve",
                   help="comma list of: import, memory, search, tui, reindex, keeping, serve (default all)")
    p.add_argument("--fresh", action="store_true", help="regenerate corpora and rebuild libraries")
    args = p.parse_args(argv)
    if args.tui_sizes is None:
        args.tui_sizes = sorted({s for s in (1000, 10000, args.articles) if s <= args.articles})
    only = set(args.only.split(","))
    work = args.work
    work.mkdir(parents=True, exist_ok=True)

    res = Results()
    res.raw["machine"] = machine()
    res.raw["args"] = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}
    t0 = time.perf_counter()
    text_corpus = ensure_corpus(work, args.articles, "text", args.seed, fresh=args.fresh)
    res.raw["pool"] = pool_of(text_corpus)
    if "shared/" not in res.raw["pool"]:
        log("WARNING: the sentence pool has no ../shared corpus (set READER_SHARED): a repetitive corpus")
    db = work / f"lib-{args.articles}.db"
    try:
        if "import" in only:
            db = bench_import(res, work, args)
        else:
            db = ensure_library(work, f"lib-{args.articles}", bundle_dirs(text_corpus, args.articles), args.fresh)
        if "memory" in only:
            bench_import_memory(res, work, args)
        if "search" in only:
            bench_search(res, work, db, args)
        if "tui" in only:
            bench_tui(res, work, args, text_corpus)
        if "reindex" in only:
            bench_reindex(res, work, db, args)
        if "keeping" in only:
            bench_keeping(res, work, db, args)
        if "serve" in only:
            bench_serve(res, work, db, args)
    finally:
        res.raw["rows"] = [r.__dict__ for r in res.rows]
        res.raw["total_s"] = round(time.perf_counter() - t0, 1)
        res.raw["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
        (work / f"results-{args.articles}.json").write_text(json.dumps(res.raw, ensure_ascii=False, indent=1))
        m = res.raw["machine"]
        header = (f"reader benchmarks, {args.articles} articles, seed {args.seed} — {m['date_utc']}, "
                  f"commit {m['commit'] or '?'}; "
                  f"{m['nproc']} × {m['cpu']}, {m['memory']}, Python {m['python']}, SQLite {m['sqlite']}, "
                  f"load {m['loadavg_at_start']} → {m['loadavg_at_end']}, nice {m['niceness']}; suite {res.raw['total_s']} s\n"
                  f"command: python benchmarks/run.py {' '.join(argv if argv is not None else sys.argv[1:])}\n"
                  f"corpus sentence pool: {res.raw.get('pool', '?')}\n")
        table = header + "\n" + res.markdown() + "\n"
        (work / f"results-{args.articles}.md").write_text(table)
        print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
