"""kill -9 an import at several points: the library always opens, passes integrity_check, holds
the bundle wholly or not at all, and re-running the import completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from test_library_support import ROOT

from reader.library import Library

N = 300

_IMPORTER = f"""
import sys
from reader.library import Library
from reader.model import Article, Block, RawDocument

lib = Library.open(sys.argv[1])
with lib.import_bundle("crash-bundle", "crash") as writer:
    if writer is None:
        print("skipped", flush=True)
        raise SystemExit(0)
    for i in range({N}):
        text = f"第{{i}}篇文章的正文，內容各不相同。" * 20
        writer.add_document(RawDocument(f"{{i}}.txt", text.encode(), "text"),
                            [Article(title=f"標題{{i}}", blocks=[Block("paragraph", text)])])
        print(f"doc {{i}}", flush=True)
    print("end", flush=True)
print("merged", flush=True)
"""


def _start(db):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", _IMPORTER, str(db)], stdout=subprocess.PIPE, text=True, env=env, cwd=str(ROOT)
    )


def _check(db) -> int:
    with Library.open(db) as lib:
        assert lib._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert lib.check() == []
        count = len(lib.article_ids())
        assert count in (0, N), count  # wholly or not at all
        return count


@pytest.mark.parametrize("kill_at", ["doc 0", "doc 150", "end"])
def test_kill_9_during_an_import(tmp_path, kill_at):
    db = tmp_path / "lib.db"
    with Library.open(db):
        pass
    process = _start(db)
    for line in process.stdout:
        if line.strip() == kill_at:
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait()
    process.stdout.close()
    first = _check(db)
    if kill_at != "end":
        assert first == 0
    # re-running completes it (or says it is already there)
    process = _start(db)
    out = process.communicate()[0]
    assert process.returncode == 0
    assert ("merged" in out) or ("skipped" in out)
    assert _check(db) == N
    assert not list(tmp_path.glob("*.import-*.tmp"))
