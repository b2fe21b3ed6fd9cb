"""Helpers shared by the tests/test_robust_*.py files (no tests here).

Bundles are generated in tmp_path from a seeded RNG, so every test is deterministic and
nothing is read from outside tests/. The CLI is always run as ``python -m reader`` in a
subprocess with a deadline (``timeout=``), the way a user runs it.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Common Chinese characters: random sequences of them make unique, CJK-looking bodies.
_CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把"
    "性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质"
    "气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活"
    "设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则"
)
_SOURCES = ["南方日报", "新华社", "人民日报", "光明日报", "经济日报", "澎湃新闻"]


def _sentence(rng: random.Random, lo: int = 12, hi: int = 30) -> str:
    return "".join(rng.choice(_CHARS) for _ in range(rng.randint(lo, hi))) + "。"


def article_text(rng: random.Random, index: int, paragraphs: int = 2) -> str:
    """A small scraped-text page: title, date and source line, a few paragraphs."""
    title = "".join(rng.choice(_CHARS) for _ in range(rng.randint(8, 16))) + f"{index}号"
    year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
    lines = [title, "", f"{year}年{month}月{day}日 来源:{rng.choice(_SOURCES)}", ""]
    for _ in range(paragraphs):
        lines += ["\u3000\u3000" + "".join(_sentence(rng) for _ in range(rng.randint(3, 5))), ""]
    return "\n".join(lines)


def write_bundle(
    folder: Path, count: int, seed: int, *, start: int = 0, manifest: bool = True, title: str | None = None
) -> list[str]:
    """A folder bundle of ``count`` unique small text articles; returns the file names."""
    rng = random.Random(f"robust:{seed}")
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    names, entries = [], []
    for i in range(start, start + count):
        name = f"articles/{i:06d}.txt"
        (folder / name).write_text(article_text(rng, i), encoding="utf-8")
        names.append(name)
        entries.append({"id": f"a{seed}-{i}", "path": name, "url": f"https://news.example.cn/{seed}/{i}.html"})
    if manifest:
        write_manifest(folder, entries, title=title or f"测试包 {seed}")
    return names


def write_manifest(folder: Path, entries: list[dict], **extra) -> None:
    data = {"format": "offline-news-bundle", "version": "1.0", **extra, "articles": entries}
    (folder / "manifest.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def run_reader(db: Path, *args: str, timeout: float = 60, env: dict | None = None, check_deadline: bool = True):
    """``python -m reader --db DB ARGS`` with a deadline; returns the CompletedProcess (bytes)."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    try:
        return subprocess.run(
            [sys.executable, "-m", "reader", "--db", str(db), *args],
            cwd=REPO,
            env=full_env,
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as expired:  # pragma: no cover - a hang is the failure
        raise AssertionError(f"reader {' '.join(args)} did not finish within {timeout} s") from expired


def as_a_foreground_job() -> None:
    """``preexec_fn``: the child starts with Ctrl-C's default action, as a terminal's shell starts
    a foreground command. A shell runs background jobs (``pytest &``) with SIGINT ignored and
    children inherit that, so the Ctrl-C tests would otherwise measure how pytest was started."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_reader(db: Path, *args: str, env: dict | None = None) -> subprocess.Popen:
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "--db", str(db), *args],
        cwd=REPO,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=as_a_foreground_job,
    )


def assert_clean_stderr(proc, *, lines: int | None = None) -> str:
    """No traceback; returns stderr as text. ``lines``: exact number of non-empty lines."""
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert "internal error" not in err, err
    if lines is not None:
        assert len([line for line in err.splitlines() if line.strip()]) == lines, err
    return err


def dump_rows(db: Path) -> dict[str, list[tuple]]:
    """Every user table's rows (sorted), read through a plain sqlite3 connection; for before/after."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT LIKE 'search_index%' ORDER BY name"
            )
        ]
        out = {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
        out["sqlite_master"] = sorted(conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall(), key=repr)
        out["user_version"] = conn.execute("PRAGMA user_version").fetchall()
        return out
    finally:
        conn.close()


def refused(path: Path, *words: str, limits=None) -> str:
    """The one-line reason a bundle at ``path`` is refused (found within seconds), holding each
    of ``words`` and the file's name."""
    import time

    import pytest

    from reader.bundle import iter_bundles
    from reader.errors import BundleError
    from reader.limits import DEFAULT_LIMITS

    (source,) = list(iter_bundles([path], limits or DEFAULT_LIMITS))
    started = time.monotonic()
    with pytest.raises(BundleError) as info:
        source.check()
    assert time.monotonic() - started < 5
    message = str(info.value)
    assert "\n" not in message and path.name in message
    for word in words:
        assert word in message, message
    return message
