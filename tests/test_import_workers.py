"""Import workers: a parallel import stores exactly what a serial one stores, a worker that dies
costs no document, and no worker outlives its import (Ctrl-C, kill -9)."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_robust_support import REPO, as_a_foreground_job, dump_rows, run_reader, write_bundle

from reader.importer import DocumentPreparer, import_paths, prepare_document
from reader.library import Library
from reader.model import RawDocument

FIXTURES = Path(__file__).parent / "fixtures"


def _mixed_bundle(folder: Path) -> Path:
    """Real corpus pages (text and HTML), a duplicate, and files that fail in different ways."""
    folder.mkdir()
    for page in sorted((FIXTURES / "corpus").rglob("*")):
        if page.suffix in (".txt", ".html", ".htm"):
            shutil.copyfile(page, folder / f"{page.parent.name}-{page.name}")
    seed = next((FIXTURES / "seed").glob("*.txt"))
    shutil.copyfile(seed, folder / "seed.txt")
    shutil.copyfile(seed, folder / "seed-again.txt")  # a duplicate (so are the corpus pages given as text and HTML)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    good = {"title": "一則消息", "content": "這是一則足夠長的消息正文，用來檢查逐行匯入。" * 4, "published": "2021-12-29"}
    (folder / "feed.jsonl").write_text(json.dumps(good, ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    return folder


def _stored(db: Path) -> dict:
    rows = dump_rows(db)
    return {"articles": rows["articles"], "documents": rows["documents"]}


def test_a_parallel_import_stores_exactly_what_a_serial_import_stores(tmp_path):
    bundle = _mixed_bundle(tmp_path / "bundle")
    reports = {}
    for jobs in (1, 2):
        with Library.open(tmp_path / f"jobs{jobs}.db") as lib:
            report = import_paths(lib, [bundle], jobs=jobs)
        reports[jobs] = (report.imported, report.duplicates, report.failed)
    assert reports[1] == reports[2]
    imported, duplicates, failed = reports[1]
    assert imported >= 20 and duplicates >= 1
    assert {name.rsplit(": ", 1)[-1].split("#")[0] for name, _ in failed} >= {"empty.txt", "binary.txt", "feed.jsonl"}
    assert _stored(tmp_path / "jobs1.db") == _stored(tmp_path / "jobs2.db")


def test_a_worker_that_dies_costs_no_document(tmp_path):
    docs = [
        RawDocument(f"{i:03d}.txt", f"第{i}篇\n\n這是第{i}篇文章的正文，寫得足夠長，可以成為一篇文章。".encode() * 3, "text")
        for i in range(60)
    ]
    preparer = DocumentPreparer(jobs=2)
    try:
        results = preparer.prepared(iter(docs), len(docs))
        first = next(results)
        workers = multiprocessing.active_children()
        assert workers, "no worker process was started"
        for worker in workers:
            worker.kill()
        rest = list(results)
    finally:
        preparer.close()
    assert [item for item, _ in [first, *rest]] == docs
    assert [prepared for _, prepared in [first, *rest]] == [prepare_document(doc) for doc in docs]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _start_parallel_import(db: Path, bundle: Path) -> tuple[subprocess.Popen, list[int]]:
    """A ``reader import --jobs 2`` in its own process group (as a shell runs it), with its workers."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "--db", str(db), "import", "--quiet", "--jobs", "2", str(bundle)],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, preexec_fn=as_a_foreground_job,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while proc.poll() is None and time.monotonic() < deadline:
        workers = [pid for pid in _children(proc.pid) if "--multiprocessing-fork" in _cmdline(pid)]
        if len(workers) >= 2:
            break
        time.sleep(0.01)
    assert proc.poll() is None and len(workers) >= 2, "the import ended before its workers were seen"
    return proc, workers


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if _alive(p)]


def test_ctrl_c_to_the_whole_process_group_is_one_line_and_leaves_no_worker(tmp_path):
    """A terminal's Ctrl-C reaches the workers too, even one still starting: they ignore it,
    the parent rolls back and reports it in one line."""
    write_bundle(tmp_path / "b", 1500, seed=7)
    db = tmp_path / "library.db"
    proc, workers = _start_parallel_import(db, tmp_path / "b")
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (130, -signal.SIGINT), err
    assert err.decode().strip().splitlines() == ["reader: interrupted"], err
    assert _wait_gone(workers, 10) == []
    with Library.open(db) as lib:
        assert lib.article_ids() == [] and lib.check() == []


def test_workers_of_a_killed_import_exit(tmp_path):
    write_bundle(tmp_path / "b", 1500, seed=8)
    db = tmp_path / "library.db"
    proc, workers = _start_parallel_import(db, tmp_path / "b")
    proc.kill()
    proc.communicate(timeout=30)
    assert _wait_gone(workers, 10) == [], "orphaned import workers are still running"
    done = run_reader(db, "import", "--quiet", str(tmp_path / "b"), timeout=120)
    assert done.returncode == 0, done.stderr
    with Library.open(db) as lib:
        assert len(lib.article_ids()) == 1500 and lib.check() == []


def test_jobs_must_be_a_positive_number(tmp_path):
    proc = run_reader(tmp_path / "library.db", "import", "--jobs", "0", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == "reader: error: --jobs: must be at least 1, got 0"


def test_without_worker_processes_the_documents_are_prepared_here(monkeypatch):
    """Some containers have no POSIX semaphores or /dev/shm: the pool cannot start."""
    import concurrent.futures

    def unavailable(*args, **kwargs):
        raise NotImplementedError("This Python has no working sem_open")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", unavailable)
    docs = [RawDocument(f"{i}.txt", f"第{i}篇\n\n這是第{i}篇文章的正文，寫得足夠長。".encode() * 3, "text") for i in range(5)]
    preparer = DocumentPreparer(jobs=2)
    try:
        assert [p for _, p in preparer.prepared(iter(docs), len(docs))] == [prepare_document(d) for d in docs]
    finally:
        preparer.close()

