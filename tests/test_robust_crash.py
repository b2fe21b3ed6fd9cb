"""Crash safety: ``kill -9`` a ``reader import`` at several points; the library survives.

A folder of 6 bundles (1,200 small articles) is imported with ``python -m reader import`` in a
subprocess, which is killed with SIGKILL when the library files (database, WAL and the scratch
database a bundle is staged in) pass a
seeded, increasing size threshold: once as soon as the database file appears (schema
creation), then at three random points of the import. After each kill:

- the file opens as a reader library and ``PRAGMA integrity_check`` says ok;
- every bundle is there wholly (all its articles, documents and index rows) or not at all;
- ``Library.check()`` (what ``reader doctor`` runs) finds nothing, and ``reader doctor`` itself says ok.

Each re-run resumes (already imported bundles are skipped as duplicates) and the last one
completes the import: every article is there exactly once.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from reader.library import ArticleFilter

from test_robust_support import assert_clean_stderr, run_reader, start_reader, write_bundle

BUNDLES = 6
PER_BUNDLE = 200
SEED = 20261127


def _scratch_files(db: Path) -> list[Path]:
    """Scratch databases an import stages a bundle in before merging it (see Library.import_bundle)."""
    return sorted(db.parent.glob(f"{db.name}.import-*"))


def _library_bytes(db: Path) -> int:
    """Bytes written so far by an import: the library, its WAL and any scratch staging database."""
    total = 0
    for path in (db, Path(f"{db}-wal"), *_scratch_files(db)):
        try:
            total += path.stat().st_size
        except FileNotFoundError:
            pass
    return total


def _stop(proc) -> None:
    """Kill the child if it still runs, reap it and close its pipes."""
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    proc.stdout.close()
    proc.stderr.close()


def _kill_when(db: Path, threshold: int, args: list[str], deadline_s: float = 60.0) -> tuple[bool, int]:
    """Start the import; SIGKILL it once the library files pass ``threshold`` bytes.

    Returns (killed, size at kill). killed is False when the import finished first.
    """
    proc = start_reader(db, *args)
    deadline = time.monotonic() + deadline_s
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                return False, _library_bytes(db)
            size = _library_bytes(db)
            if size > threshold:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
                assert proc.returncode == -signal.SIGKILL
                return True, size
            time.sleep(0.002)
        raise AssertionError(f"import did not reach {threshold} bytes within {deadline_s} s")
    finally:
        _stop(proc)


def _check_library(db: Path, bundle_dirs: list[Path], doctor: bool = False) -> dict[str, int]:
    """Integrity, and every bundle whole or absent. Returns {bundle label: articles}."""
    # A plain connection first, as a crash-recovery tool would open it (it replays the WAL).
    conn = sqlite3.connect(str(db))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        has_schema = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'bundles'").fetchone()
        # Killed before the first migration committed: an empty file, which opens as a new library.
        labels = dict(conn.execute("SELECT label, id FROM bundles").fetchall()) if has_schema else {}
        known = {str(d) for d in bundle_dirs}
        assert set(labels) <= known, set(labels) - known
        counts = {}
        for label, bundle_id in labels.items():
            articles = conn.execute("SELECT count(*) FROM articles WHERE bundle_id = ?", (bundle_id,)).fetchone()[0]
            documents = conn.execute("SELECT count(*) FROM documents WHERE bundle_id = ?", (bundle_id,)).fetchone()[0]
            assert (articles, documents) == (PER_BUNDLE, PER_BUNDLE), (label, articles, documents)
            counts[label] = articles
        if has_schema:
            total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            assert total == PER_BUNDLE * len(labels)
    finally:
        conn.close()
    # Then through the real entry points: the library API and `reader doctor`.
    from reader.library import Library

    with Library.open(db) as lib:
        # a killed import's scratch file is removed by the next open (nobody holds its lock)
        assert _scratch_files(db) == []
        assert lib.check() == []
        assert len(lib.article_ids()) == PER_BUNDLE * len(labels)
    if doctor:  # the same checks as lib.check(), through the command a user would run
        proc = run_reader(db, "doctor", timeout=60)
        assert_clean_stderr(proc)
        assert proc.returncode == 0, (proc.stdout, proc.stderr)
    return counts


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[Path]]:
    root = tmp_path_factory.mktemp("crash-corpus") / "corpus"
    dirs = []
    for b in range(BUNDLES):
        d = root / f"bundle-{b:02d}"
        write_bundle(d, PER_BUNDLE, seed=SEED + b, start=b * PER_BUNDLE)
        dirs.append(d)
    return root, dirs


def test_kill_9_during_import_then_resume(tmp_path, corpus):
    root, dirs = corpus
    db = tmp_path / "library.db"
    rng = random.Random(SEED)
    # A full import of this corpus writes roughly 5 MB of database (+ WAL + each bundle's scratch
    # staging file); the thresholds are spread over that range, increasing, so each run resumes
    # past the last. Most kills land while a bundle is being staged, some during a merge.
    thresholds = [0] + sorted(rng.randrange(500_000, 5_000_000) for _ in range(3))
    history = []
    for threshold in thresholds:
        killed, size = _kill_when(db, threshold, ["import", "--quiet", str(root)])
        scratch = len(_scratch_files(db))
        counts = _check_library(db, dirs, doctor=threshold == thresholds[-1])
        history.append((threshold, killed, size, scratch, len(counts)))
    # The kills did land mid-import (not all after the end).
    assert sum(killed for _, killed, *_ in history) >= 3, history
    assert len({n for *_, n in history}) >= 2, history  # progress was made between kills
    assert any(scratch for _, _, _, scratch, _ in history), history  # some kill landed mid-bundle

    done = run_reader(db, "import", "--quiet", str(root), timeout=120)
    assert_clean_stderr(done)
    assert done.returncode == 0, (done.stdout, done.stderr)
    counts = _check_library(db, dirs, doctor=True)
    assert counts == {str(d): PER_BUNDLE for d in dirs}

    assert _scratch_files(db) == []
    again = run_reader(db, "import", "--quiet", str(root), timeout=60)
    assert again.returncode == 0
    out = again.stdout.decode()
    assert "imported 0" in out and out.count("already imported") == BUNDLES, out
    assert _check_library(db, dirs) == counts


def _wal_bytes(db: Path) -> int:
    try:
        return Path(f"{db}-wal").stat().st_size
    except FileNotFoundError:
        return 0


def _signal_during_merge(
    db: Path, args: list[str], merges_to_skip: int, sig: int = signal.SIGKILL, deadline_s: float = 60.0
) -> tuple[bool, int, bytes]:
    """Send ``sig`` to the import while it merges a staged bundle into the library.

    Staging writes go to the scratch file; only a merge writes the library's WAL. So "the WAL
    grew since the last poll while a scratch file exists" means a merge is under way. Returns
    (landed during a merge, exit status, stderr); landed is False when the import ended first.
    """
    proc = start_reader(db, *args)
    deadline = time.monotonic() + deadline_s
    last_wal = _wal_bytes(db)
    merges_seen = 0
    in_merge = False
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                return False, proc.returncode, proc.stderr.read()
            wal = _wal_bytes(db)
            growing = wal > last_wal and bool(_scratch_files(db))
            last_wal = wal
            if growing and not in_merge:
                merges_seen += 1
                if merges_seen > merges_to_skip:
                    os.kill(proc.pid, sig)
                    _, err = proc.communicate(timeout=30)
                    return True, proc.returncode, err
            in_merge = growing
            time.sleep(0.001)
        raise AssertionError(f"no merge seen within {deadline_s} s")
    finally:
        _stop(proc)


def test_kill_9_while_a_bundle_is_merged(tmp_path, corpus):
    """The merge is the one moment the library itself is written: a kill there rolls it back."""
    root, dirs = corpus
    db = tmp_path / "library.db"
    landed = 0
    for skip in (0, 1):
        hit, code, _ = _signal_during_merge(db, ["import", "--quiet", str(root)], skip)
        landed += hit
        assert code == -signal.SIGKILL or not hit
        _check_library(db, dirs, doctor=skip == 1)
    assert landed >= 1, landed
    done = run_reader(db, "import", "--quiet", str(root), timeout=120)
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert _check_library(db, dirs) == {str(d): PER_BUNDLE for d in dirs}


def _assert_interrupted(code: int, err: bytes) -> None:
    # 130 is what reader returns; once in a few hundred runs the interpreter itself ends by SIGINT
    # after reader has handled it (-2 here), which a shell also reports as 130
    assert code in (130, -signal.SIGINT), (code, err.decode(errors="replace")[-2000:])
    assert b"Traceback" not in err, err
    assert err.decode().strip().splitlines() == ["reader: interrupted"], err


def test_ctrl_c_during_import_is_one_line_and_leaves_whole_bundles(tmp_path, corpus):
    """Ctrl-C while a bundle is staged, then while one is merged (where an interrupt arriving just
    after COMMIT used to end in a 'cannot rollback' traceback): one line, exit 130, whole
    bundles, no scratch file left, and the next run completes the import."""
    root, dirs = corpus
    db = tmp_path / "library.db"
    proc = start_reader(db, "import", "--quiet", str(root))
    deadline = time.monotonic() + 60
    while proc.poll() is None and not _scratch_files(db) and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(0.02)  # inside the first bundle's staging
    assert proc.poll() is None, "the import ended before the interrupt"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    _assert_interrupted(proc.returncode, err)
    assert _scratch_files(db) == []  # an interrupted import cleans up after itself
    _check_library(db, dirs)

    for skip in (0, 1):
        hit, code, err = _signal_during_merge(db, ["import", "--quiet", str(root)], skip, signal.SIGINT)
        if hit:
            _assert_interrupted(code, err)
        assert _scratch_files(db) == []
        _check_library(db, dirs)
    done = run_reader(db, "import", "--quiet", str(root), timeout=120)
    assert done.returncode == 0
    assert _check_library(db, dirs) == {str(d): PER_BUNDLE for d in dirs}


# ---- the disk fills up ---------------------------------------------------------------------------


def _import_with_file_size_limit(db: Path, root: Path, limit: int):
    """``reader import`` with RLIMIT_FSIZE: a write past ``limit`` bytes fails with EFBIG (Python
    ignores SIGXFSZ), which SQLite reports as it would a full disk."""
    import resource
    import subprocess
    import sys

    from test_robust_support import REPO

    def apply_limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db), "import", "--quiet", str(root)],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, timeout=120,
        preexec_fn=apply_limit,
    )


def test_disk_full_during_import_is_one_line_and_leaves_whole_bundles(tmp_path, corpus):
    root, dirs = corpus
    db = tmp_path / "library.db"
    for limit in (400_000, 1_500_000, 3_000_000):
        proc = _import_with_file_size_limit(db, root, limit)
        err = proc.stderr.decode(errors="replace")
        assert proc.returncode == 1, (limit, proc.returncode, err[-2000:])
        assert "Traceback" not in err, err[-2000:]
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("reader: error:") and str(db) in lines[0], err
        _check_library(db, dirs)
    done = run_reader(db, "import", "--quiet", str(root), timeout=120)
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert _check_library(db, dirs, doctor=True) == {str(d): PER_BUNDLE for d in dirs}


def test_disk_full_during_reindex_is_one_line_and_the_library_says_the_reindex_is_unfinished(tmp_path, corpus):
    import resource
    import subprocess
    import sys

    from test_robust_support import REPO, dump_rows

    root, dirs = corpus
    db = tmp_path / "library.db"
    assert run_reader(db, "import", "--quiet", str(dirs[0]), timeout=60).returncode == 0
    before = dump_rows(db)

    def apply_limit() -> None:  # smaller than the library: any write past it fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    proc = subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db), "reindex"],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, timeout=120,
        preexec_fn=apply_limit,
    )
    err = proc.stderr.decode(errors="replace")
    assert "Traceback" not in err, err[-2000:]
    assert proc.returncode == 1, (proc.returncode, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: error:") and str(db) in lines[0], err
    after = dump_rows(db)
    # the first batch of documents hit the limit and was rolled back; what stayed is the mark and
    # the empty new search index it had started (the next reindex starts it again)
    assert after.pop("settings") == [("reindex.pending", "true")]
    before.pop("settings")
    started = [row for row in after["sqlite_master"] if row[1].startswith("search_index_next")]
    assert started and all(row not in before["sqlite_master"] for row in started)
    after["sqlite_master"] = [row for row in after["sqlite_master"] if row not in started]
    assert after == before
    doctor = run_reader(db, "doctor", timeout=60)
    assert doctor.returncode == 1 and b"reindex was interrupted" in doctor.stdout
    assert b"to repair: run `reader reindex` again" in doctor.stdout
    done = run_reader(db, "reindex", timeout=120)
    assert done.returncode == 0, done.stderr
    _check_library(db, dirs, doctor=True)


# ---- kill -9 while an old library is migrated ------------------------------------------------------


def _version_1_library(path: Path, count: int) -> None:
    """A library as schema version 1 wrote it (no search index, no list indexes), ``count`` articles,
    every other one read."""
    import json

    from reader.library import schema
    from test_robust_support import article_text

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        schema.migrate(conn, target=1)
        rng = random.Random(SEED)
        conn.execute("BEGIN")
        conn.execute("INSERT INTO bundles (id, identity, label, imported_at) VALUES (1, 'old', 'old bundle', '2024-01-01')")
        conn.executemany(
            "INSERT INTO documents (id, bundle_id, name, kind, sha256, size, compression, data)"
            " VALUES (?, 1, ?, 'text', 'x', 1, 'none', x'61')",
            [(i, f"{i}.txt") for i in range(1, count + 1)],
        )
        rows = []
        for i in range(1, count + 1):
            paragraphs = [p.strip() for p in article_text(rng, i).split("\n\n")[2:] if p.strip()]
            blocks = json.dumps([{"kind": "paragraph", "text": p} for p in paragraphs], ensure_ascii=False)
            day = f"2020-05-{i % 28 + 1:02d}"
            rows.append((i, i, f"旧文章{i}", day, day, blocks, f"key{i}", i % 2))
        conn.executemany(
            "INSERT INTO articles (id, bundle_id, document_id, title, published, sort_date, blocks, script,"
            " dedupe_key, read) VALUES (?, 1, ?, ?, ?, ?, ?, 'simplified', ?, ?)",
            rows,
        )
        conn.execute("COMMIT")
    finally:
        conn.close()


def _committed_version(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _kill_during_migration_to(db: Path, target: int, deadline_s: float = 60.0) -> tuple[bool, int]:
    """Run ``reader list`` on an old library; SIGKILL it once migration ``target - 1`` is committed
    and the next one has started writing (the WAL grows). Returns (killed, committed version)."""
    proc = start_reader(db, "list", "--limit", "1")
    deadline = time.monotonic() + deadline_s
    wal_at_version = None
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                return False, _committed_version(db)
            version = _committed_version(db)
            if version >= target - 1:
                wal = _wal_bytes(db)
                if wal_at_version is None:
                    wal_at_version = wal
                elif wal > wal_at_version or version >= target:
                    os.kill(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=10)
                    return True, version
            time.sleep(0.001)
        raise AssertionError(f"migration to {target} not seen within {deadline_s} s")
    finally:
        _stop(proc)


def test_kill_9_while_an_old_library_is_migrated(tmp_path):
    """Opening a version-1 library migrates it (search index for every article, new indexes,
    rebuilt tables), one transaction per version: killed during each migration in turn, the file
    is intact at some version with every article and its read state, and the next open finishes
    the job."""
    from reader.library import schema

    count = 2000
    db = tmp_path / "old.db"
    _version_1_library(db, count)
    outcomes = []
    for target in range(2, schema.SCHEMA_VERSION + 1):
        killed, _ = _kill_during_migration_to(db, target)
        conn = sqlite3.connect(str(db))
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            assert 1 <= version <= schema.SCHEMA_VERSION
            assert conn.execute("SELECT count(*), sum(read) FROM articles").fetchone() == (count, count // 2)
        finally:
            conn.close()
        outcomes.append((target, killed, version))
    # most kills landed before the migrations were done
    assert sum(killed and version < schema.SCHEMA_VERSION for _, killed, version in outcomes) >= 2, outcomes
    listed = run_reader(db, "list", "--limit", "0", timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.decode().splitlines()) == count
    from reader.library import Library

    with Library.open(db) as lib:
        assert lib.schema_version == schema.SCHEMA_VERSION
        assert lib.check() == []
        assert lib.count() == count
        assert lib.count(ArticleFilter(unread=True)) == count - count // 2
        assert len(lib.search("旧文章")) > 0
    doctor = run_reader(db, "doctor", timeout=60)
    assert doctor.returncode == 0, doctor.stdout
