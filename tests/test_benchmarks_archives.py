"""Smoke test of benchmarks/formats_archives.py (web archives, MHTML, SingleFile), so that it never
rots: a few hundred articles per format, imported in subprocesses like a real run; no timing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_formats_archives_benchmark_smoke_run(tmp_path):
    cmd = [sys.executable, str(ROOT / "benchmarks" / "formats_archives.py"), "--articles", "200", "--work", str(tmp_path)]
    proc = subprocess.run(cmd, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert [r["format"] for r in rows] == ["warc", "wacz", "mhtml", "singlefile", "html"]
    for row in rows:
        assert row["imported"] >= 195 and row["failed"] == 0 and row["peak_rss_mb"] > 0, row  # the odd page may fail
    assert rows[0]["not_articles"] == 201  # warcinfo and the requests, each named
    assert "| warc | 200 |" in proc.stdout
