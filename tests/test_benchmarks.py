"""Smoke tests of the benchmark suite (benchmarks/), so that it never rots.

No timing is asserted: the figures are printed, their structure is checked. The generator is
tested for determinism, valid bundles and the corpus properties the benchmarks rely on; the
suite is run end to end at 300 articles (every benchmark, TUI included, with few repetitions).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            and p.name != "corpus.json"}


def test_generator_is_deterministic_and_writes_valid_bundles(tmp_path):
    from reader.bundle.manifest import parse_manifest

    a, b = tmp_path / "a", tmp_path / "b"
    info = generate.generate(60, 7, a, per_bundle=30, kind="mixed", quiet=True)
    generate.generate(60, 7, b, per_bundle=30, kind="mixed", quiet=True)
    assert _tree(a) == _tree(b)
    assert [x["kind"] for x in info["bundles"]] == ["text", "html"]
    for bundle in info["bundles"]:
        folder = a / bundle["path"]
        manifest = parse_manifest((folder / "manifest.json").read_bytes(), bundle["path"])
        assert len(manifest.articles) == 30
        for entry in manifest.articles:
            assert (folder / entry.path).is_file()
    # another seed gives other articles
    generate.generate(30, 8, tmp_path / "c", per_bundle=30, kind="text", quiet=True)
    assert _tree(tmp_path / "c")["bundle-0000/articles/0000001.txt"] != _tree(a)["bundle-0000/articles/0000001.txt"]


def test_articles_look_like_news():
    pool = generate.load_pool()
    assert len(pool.sentences) >= 50
    arts = [generate.make_article(pool, 1, i, 1000) for i in range(400)]
    lengths = [generate.body_chars(x) for x in arts[1:]]
    assert min(lengths) >= generate.MIN_LEN and max(lengths) <= generate.MAX_LEN
    assert generate.body_chars(arts[0]) >= generate.LONG_READ_LEN  # a long read opens each bundle
    share = sum(x.traditional for x in arts) / len(arts)
    assert 0.3 < share < 0.5
    assert any(x.spam for x in arts) and any(x.footer for x in arts) and any(x.share for x in arts)
    assert len({x.url for x in arts}) == len(arts)
    text = generate.render_text(arts[3], __import__("random").Random(0)).decode("utf-8-sig")
    assert arts[3].title in text


def test_generated_bundles_import(tmp_path):
    from reader.importer import import_paths
    from reader.library import Library

    out = tmp_path / "corpus"
    generate.generate(40, 3, out, per_bundle=20, kind="mixed", quiet=True)
    lib = Library.open(tmp_path / "lib.db")
    try:
        report = import_paths(lib, sorted(p for p in out.iterdir() if p.is_dir()))
        assert report.imported >= 38, report.failed  # the odd page may fail extraction
        assert lib.search("的", limit=5)
    finally:
        lib.close()


def test_suite_smoke_run(tmp_path):
    """Every benchmark at 300 articles, in subprocesses like a real run; structure only."""
    work = tmp_path / "work"
    cmd = [sys.executable, str(BENCH / "run.py"), "--articles", "300", "--html-articles", "60",
           "--breakdown-articles", "60", "--bundle-sizes", "60,300", "--tui-repeat", "1", "--tui-runs", "2",
           "--queries-per-class", "2", "--repeat", "1", "--serve-seconds", "2", "--work", str(work)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    print(proc.stdout)
    assert proc.returncode == 0, proc.stderr[-4000:]
    results = json.loads((work / "results-300.json").read_text())
    sections = {row["section"].split(" at ")[0] for row in results["rows"]}
    assert {"Import", "Memory", "Size", "Search", "TUI", "Reindex", "Keeping", "Serving 50 phones"} <= sections
    for run in results["serve"]:
        assert run["phones"] == 50 and run["requests"] > 0 and set(run["statuses"]) == {"200"}
        assert math.isfinite(run["pages"]["all"]["p95_ms"])
    keeping = results["keeping"]
    assert keeping["highlights"] == 300 and keeping["tagged_links"] > 0
    assert all(math.isfinite(q["p95_ms"]) for q in keeping["queries"].values())
    reindex = results["reindex"]
    assert reindex["report"]["documents"] == 300 and reindex["exit"] == 0 and reindex["check"] == []
    search = results["search"]["classes"]
    assert set(search) >= {"1 char", "2 chars", "3 chars", "4 chars"}
    for figures in search.values():
        assert math.isfinite(figures["p95_ms"]) and math.isfinite(figures["scan_p95_ms"])
    tui = results["tui"]
    assert tui["open_ms"] and tui["switch_ms"] and tui["peak_rss_mb"] > 0
    assert results["tui_first_paint"]["300"]["spawn_to_paint_s"][0] > 0
    for row in results["rows"]:
        assert row["command"], row
    assert "| figure |" in proc.stdout


def test_feed_formats_benchmark_smoke_run(tmp_path):
    """benchmarks/formats_feeds.py at 100 articles a format (500 in all): every format imports them all."""
    out = subprocess.run([sys.executable, str(BENCH / "formats_feeds.py"), "--articles", "100", "--stream-items", "300",
                          "--work", str(tmp_path)], check=True, capture_output=True, text=True, cwd=ROOT).stdout
    lines = out.strip().splitlines()
    assert [line.split()[0] for line in lines] == ["rss", "atom", "jsonfeed", "wallabag", "wallabag-csv", "html-files", "read"]
    assert all(" 100 articles" in line and "failed 0" in line for line in lines[:6])
    assert "300 RSS items" in lines[6] and "peak RSS" in lines[6]


def test_photos_benchmark_reports_the_library_size_with_and_without_photos(tmp_path):
    import photos

    result = photos.main(["--articles", "4", "--photos", "2", "--workdir", str(tmp_path)])
    kept, none = result["with_photos"], result["without_photos"]
    assert kept["articles"] == none["articles"] == 4 and (kept["images"], none["images"]) == (8, 0)
    assert kept["image_bytes_per_article"] == kept["written_image_bytes_per_article"] > 0
    assert kept["db_bytes_per_article"] > none["db_bytes_per_article"] + kept["image_bytes_per_article"] // 2
