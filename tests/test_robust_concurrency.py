"""The TUI's use of the library while ``reader import`` writes to it from another process.

The TUI keeps one ``Library`` open and, over and over, reads ``article_ids``, ``summaries``,
``count``, ``search`` and ``get``, and writes read state and settings when an article is opened.
Here that pattern runs in the test process while ``python -m reader import`` imports several
bundles in a subprocess. Neither side may see "database is locked"/"busy"; the reader only
ever sees whole bundles (each bundle is one transaction); a fresh ``article_ids`` after the
import shows the new articles. Then the same with the real Textual app (``run_test``).
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

from test_robust_support import assert_clean_stderr, run_reader, start_reader, write_bundle

BASE = 12  # articles already in the library
PER_BUNDLE = 150
BUNDLES = 4


@pytest.fixture
def setup(tmp_path) -> tuple[Path, Path]:
    db = tmp_path / "library.db"
    write_bundle(tmp_path / "base", BASE, seed=100)
    proc = run_reader(db, "import", "--quiet", str(tmp_path / "base"), timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    corpus = tmp_path / "incoming"
    for b in range(BUNDLES):
        write_bundle(corpus / f"bundle-{b}", PER_BUNDLE, seed=200 + b, start=1000 * (b + 1))
    return db, corpus


def _finish(proc, deadline_s: float = 120) -> tuple[bytes, bytes]:
    try:
        out, err = proc.communicate(timeout=deadline_s)
    except Exception:
        proc.kill()
        proc.communicate()
        raise
    return out, err


def test_reading_and_marking_while_another_process_imports(setup):
    from reader.library import ArticleFilter, Library

    db, corpus = setup
    lib = Library.open(db)
    errors: list[BaseException] = []
    seen_counts: set[int] = set()
    slowest = {"read": 0.0, "write": 0.0}
    rounds = 0
    try:
        first_ids = lib.article_ids()
        assert len(first_ids) == BASE
        proc = start_reader(db, "import", "--quiet", str(corpus))
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            rounds += 1
            try:
                t0 = time.monotonic()
                ids = lib.article_ids()
                summaries = lib.summaries(ids[:200])
                count = lib.count(ArticleFilter())
                unread = lib.count(ArticleFilter(unread=True))
                hits = lib.search("的", limit=20)
                article = lib.get(ids[rounds % len(ids)])
                t1 = time.monotonic()
                # what opening an article in the TUI writes
                lib.set_read(article.id, True)
                lib.set_setting("tui.last_article", article.id)
                lib.set_setting("tui.last_scroll", 0.0)
                t2 = time.monotonic()
            except Exception as error:  # noqa: BLE001 - collected and reported below
                errors.append(error)
                continue
            slowest["read"] = max(slowest["read"], t1 - t0)
            slowest["write"] = max(slowest["write"], t2 - t1)
            assert len(summaries) == min(200, len(ids))
            assert hits, "search found nothing"
            assert unread <= count
            # each query sees whole bundles only: BASE + k * PER_BUNDLE articles
            for n in (len(ids), count):
                assert (n - BASE) % PER_BUNDLE == 0, n
                seen_counts.add(n)
        out, err = _finish(proc)
        assert proc.returncode == 0, (out, err)
        assert b"locked" not in err and b"busy" not in err, err
        assert not errors, errors[:3]
        assert rounds >= 5, rounds
        # the import went on while we read: we saw it grow (not only before/after)
        assert len(seen_counts) >= 2, seen_counts
        # reads never wait for the writer (WAL); a write waits at most one bundle's transaction
        assert slowest["read"] < 5, slowest

        fresh = lib.article_ids()  # the same connection: no stale snapshot
        assert len(fresh) == BASE + BUNDLES * PER_BUNDLE
        assert set(first_ids) <= set(fresh)
        assert lib.check() == []
    finally:
        lib.close()
    doctor = run_reader(db, "doctor", timeout=60)
    assert doctor.returncode == 0, doctor.stdout


def test_cli_readers_while_another_process_imports(setup):
    """``reader list``/``search``/``stats`` run by hand during an import: no busy error, exit 0."""
    db, corpus = setup
    proc = start_reader(db, "import", "--quiet", str(corpus))
    runs = 0
    try:
        while proc.poll() is None and runs < 3:
            for args in (["list", "--limit", "5"], ["search", "的"], ["stats"]):
                done = run_reader(db, *args, timeout=60)
                assert_clean_stderr(done, lines=0)
                assert done.returncode == 0, (args, done.stderr)
            runs += 1
    finally:
        out, err = _finish(proc)
    assert proc.returncode == 0, err
    assert runs >= 1


def test_marking_read_during_a_long_bundle_import_never_waits_for_the_whole_bundle(tmp_path):
    """A bundle is staged outside the library and merged in one short transaction, so the
    library's write lock is free for most of an import and the TUI's writes (read state and
    place, saved when an article is opened) wait at most for one merge, never for a whole
    bundle. Measured relative to the import's own duration, so a faster machine changes nothing."""
    from reader.library import Library

    db = tmp_path / "library.db"
    write_bundle(tmp_path / "base", 3, seed=300)
    assert run_reader(db, "import", "--quiet", str(tmp_path / "base"), timeout=60).returncode == 0
    write_bundle(tmp_path / "long", 1000, seed=301, start=10_000)
    lib = Library.open(db)
    proc = start_reader(db, "import", "--quiet", str(tmp_path / "long"))
    errors, polls, held, slowest = [], 0, 0, 0.0
    started = time.monotonic()
    try:
        article_id = lib.article_ids()[0]
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            polls += 1
            held += _write_lock_held_by_another(db)
            t0 = time.monotonic()
            try:
                lib.set_read(article_id, polls % 2 == 0)  # what opening an article does
                lib.set_setting("tui.last_article", article_id)
            except Exception as error:  # noqa: BLE001
                errors.append(error)
            slowest = max(slowest, time.monotonic() - t0)
            time.sleep(0.005)
        elapsed = time.monotonic() - started
    finally:
        lib.close()
        out, err = _finish(proc)
    assert proc.returncode == 0, err
    assert not errors, errors[:3]
    assert polls >= 20, polls
    # one transaction per bundle would hold the lock nearly all the time, and make a write wait
    # nearly the whole import
    assert held / polls < 0.5, (held, polls)
    assert slowest < elapsed / 2, (slowest, elapsed)


# ---- the real Textual app --------------------------------------------------------------------


def test_tui_open_while_importing_then_refresh_shows_new_articles(setup):
    from reader.tui.app import ReaderApp

    db, corpus = setup
    notes: list[tuple[str, str]] = []

    async def scenario() -> None:
        app = ReaderApp(db)
        _record_notifications(app, notes)
        async with app.run_test(size=(120, 40)) as pilot:
            await _settle(pilot)
            screen = app.library_screen()
            assert len(screen.article_list.ids) == BASE
            proc = start_reader(db, "import", "--quiet", str(corpus))
            try:
                opened = 0
                deadline = time.monotonic() + 120
                while proc.poll() is None and time.monotonic() < deadline:
                    # move, open an article (marks it read, saves the place), go back, search
                    await pilot.press("j", "enter")
                    await _settle(pilot)
                    await pilot.press("tab")
                    opened += 1
                    await pilot.pause(0.05)
            finally:
                out, err = await asyncio.to_thread(_finish, proc)
            assert proc.returncode == 0, err
            assert opened >= 1
            # "r" reloads the list: the new articles appear
            await pilot.press("r")
            await _settle(pilot)
            assert len(screen.article_list.ids) == BASE + BUNDLES * PER_BUNDLE
            assert screen.counts["total"] == BASE + BUNDLES * PER_BUNDLE
        errors = [text for severity, text in notes if severity == "error"]
        assert not errors, errors

    asyncio.run(scenario())


def test_tui_on_an_empty_library_while_the_first_import_runs(tmp_path):
    """The TUI is opened before anything is imported (it creates the library file) while the
    first `reader import` starts in another process: no busy error on either side, and "r" on
    the empty screen finds the articles."""
    from reader.tui.app import ReaderApp

    db = tmp_path / "library.db"
    for b in range(3):
        write_bundle(tmp_path / "first" / f"b{b}", 100, seed=600 + b, start=1000 * b)
    notes: list[tuple[str, str]] = []

    async def scenario() -> None:
        app = ReaderApp(db)
        _record_notifications(app, notes)
        proc = start_reader(db, "import", "--quiet", str(tmp_path / "first"))  # races the app's own open
        try:
            async with app.run_test(size=(120, 40)) as pilot:
                await _settle(pilot)
                assert type(app.screen).__name__ == "EmptyScreen" or proc.poll() is not None
                out, err = await asyncio.to_thread(_finish, proc)
                assert proc.returncode == 0, err
                assert b"busy" not in err and b"locked" not in err, err
                if type(app.screen).__name__ == "EmptyScreen":
                    await pilot.press("r")
                    await _settle(pilot)
                screen = app.library_screen()
                assert app.screen is screen
                assert len(screen.article_list.ids) == 300
        finally:
            if proc.poll() is None:
                proc.kill()
                _finish(proc)
        errors = [text for severity, text in notes if severity == "error"]
        assert not errors, errors

    asyncio.run(scenario())


def _record_notifications(app, notes: list[tuple[str, str]]) -> None:
    """Keep (severity, message) of every notification the app shows, in ``notes``."""
    notify = app.notify

    def recording_notify(message, *args, severity="information", **kwargs):
        notes.append((severity, str(message)))
        return notify(message, *args, severity=severity, **kwargs)

    app.notify = recording_notify


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# ---- two imports at once ---------------------------------------------------------------------


def test_two_imports_of_the_same_bundles_at_once(setup):
    """A user starts the same import twice: both finish without a busy error, every bundle and
    every article is stored once, and between them the two reports account for all of it."""
    db, corpus = setup
    first = start_reader(db, "import", "--json", str(corpus))
    second = start_reader(db, "import", "--json", str(corpus))
    reports = []
    for proc in (first, second):
        out, err = _finish(proc)
        assert proc.returncode == 0, err
        assert b"Traceback" not in err and b"busy" not in err and b"locked" not in err, err
        reports.append(json.loads(out))
    from reader.library import Library

    with Library.open(db) as lib:
        labels = [b.label for b in lib.bundles()]
        assert sorted(labels) == sorted([*(str(corpus / f"bundle-{b}") for b in range(BUNDLES)), str(db.parent / "base")])
        assert len(lib.article_ids()) == BASE + BUNDLES * PER_BUNDLE
        assert lib.check() == []
    imported = sum(r["imported"] for r in reports)
    assert imported == BUNDLES * PER_BUNDLE, reports
    stored = [b["label"] for r in reports for b in r["bundles"]]
    assert len(stored) == len(set(stored)) == BUNDLES, reports


def test_two_imports_sharing_articles_store_each_article_once(setup, tmp_path):
    """Different bundles that carry the same articles (a re-scrape), imported at the same time:
    each article ends up stored exactly once (deduplicated at merge time)."""
    db, corpus = setup
    other = tmp_path / "rescrape"
    # the same pages as incoming/bundle-0 and bundle-1 plus new ones, in one bundle of its own
    # (another title in the manifest: another bundle identity, the same articles)
    write_bundle(other / "a", PER_BUNDLE, seed=200, start=1000, title="重新抓取 a")
    write_bundle(other / "b", PER_BUNDLE, seed=201, start=2000, title="重新抓取 b")
    write_bundle(other / "c", 50, seed=999, start=90_000)
    first = start_reader(db, "import", "--quiet", str(corpus / "bundle-0"), str(corpus / "bundle-1"))
    second = start_reader(db, "import", "--quiet", str(other))
    outs = []
    for proc in (first, second):
        out, err = _finish(proc)
        assert proc.returncode == 0, (out, err)
        assert b"Traceback" not in err, err
        outs.append(out.decode())
    duplicates = sum(int(out.split("duplicates ")[1].split(",")[0]) for out in outs)
    assert duplicates == 2 * PER_BUNDLE, outs  # whichever came second saw the other's articles
    from reader.library import Library

    with Library.open(db) as lib:
        ids = lib.article_ids()
        assert len(ids) == BASE + 2 * PER_BUNDLE + 50
        # the base, and of each overlapping pair the bundle that came first (the other brought
        # nothing new, which is never recorded), and the rescrape's own new bundle
        assert len(lib.bundles()) == 1 + 2 + 1
        titles = [s.title for s in lib.summaries(ids).values()]
        assert len(titles) == len(set(titles))
        assert lib.check() == []


# ---- reindex ---------------------------------------------------------------------------------


def _write_lock_held_by_another(db: Path) -> bool:
    """True when another connection holds the library's write lock (BEGIN IMMEDIATE fails at once)."""
    import sqlite3

    probe = sqlite3.connect(str(db), timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def test_marking_read_while_reindex_runs_does_not_fail(tmp_path, monkeypatch):
    from reader.library import Library, connection

    db = tmp_path / "library.db"
    write_bundle(tmp_path / "b", 800, seed=400)
    assert run_reader(db, "import", "--quiet", str(tmp_path / "b"), timeout=60).returncode == 0
    # Scaled down 50x: 0.2 s of patience where the TUI has 10 s, against a reindex of 800 articles
    # (a few seconds, with its worker processes) standing for one of ~40,000. It writes in short
    # transactions (a batch of documents, then a new search index a step at a time).
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)
    lib = Library.open(db)
    proc = start_reader(db, "reindex")
    try:
        article_id = lib.article_ids()[0]
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline and not _write_lock_held_by_another(db):
            time.sleep(0.005)
        assert proc.poll() is None, "reindex finished before it was seen holding the write lock"
        lib.set_read(article_id, True)  # what opening an article does, while reindex runs
        lib.set_setting("tui.last_article", article_id)
    finally:
        lib.close()
        out, err = _finish(proc)
    assert proc.returncode == 0, err
    assert b"reindexed 800 files: 800 articles updated" in out, out
    with Library.open(db) as lib:
        assert lib.get(article_id).read and lib.get_setting("tui.last_article") == article_id
        assert lib.check() == []
