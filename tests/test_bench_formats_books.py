"""Smoke test of benchmarks/formats_books.py (issue 12's formats), so that it never rots: every
format written and imported at a few hundred articles; no timing is asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_books_formats_benchmark_runs_end_to_end(tmp_path):
    formats = "html,epub,newsboat,markdown,zim"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "formats_books.py"), "--articles", "200",
                           "--work", str(tmp_path), "--only", formats],
                          cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    results = json.loads(proc.stdout.strip().splitlines()[-1])
    assert set(results) == set(formats.split(","))
    for fmt, figures in results.items():
        if "skipped" in figures:
            assert fmt == "zim" and "reader[zim]" in figures["skipped"]
            continue
        assert figures["imported"] == 200 and figures["failed"] == 0, (fmt, figures)
        assert figures["per_second"] > 0 and figures["peak_rss_mb"] > 0
