"""Smoke run of benchmarks/search_bench.py at a small N, so that the benchmark never rots."""

from __future__ import annotations

import os
import subprocess
import sys

from test_library_support import ROOT


def test_search_benchmark_smoke(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "search_bench.py"), "--n", "60", "--repeat", "2", "--db", str(tmp_path / "b.db")],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(ROOT),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert "articles: 60" in out
    for query_class in ("1 char, common", "2 chars", "3 chars", "4 chars", "multi-term", "filtered source", "no match"):
        assert query_class in out
    assert "worst search p95:" in out
