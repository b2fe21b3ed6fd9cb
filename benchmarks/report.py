"""Side-by-side table of two suite runs (e.g. 10k and 100k) with the growth between them.

    python benchmarks/report.py /tmp/reader-bench/results-10000.json /tmp/reader-bench/results-100000.json

Prints Markdown: one row per figure, the value in each run, the growth factor, the target at the
larger size and whether the larger run meets it. Wall clock and CPU are both shown.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from probe import pct  # one percentile rule for probes, suite and report




def figures(r: dict) -> dict[str, tuple[float, str, float | None, str]]:
    """name -> (value, formatted, target or None, 'le'|'ge')."""
    out: dict[str, tuple] = {}
    imp = r.get("import")
    if imp:
        t = imp["text_cli"]
        rate = t["articles"] / t["wall_s"]
        out["import, text pages, articles/s (wall)"] = (rate, f"{rate:.0f}", 300, "ge")
        if t.get("cpu_s"):
            cpu_rate = t["articles"] / t["cpu_s"]
            out["import, text pages, articles per CPU-second"] = (cpu_rate, f"{cpu_rate:.0f}", None, "")
        h = imp["html_cli"]
        rate = h["articles"] / h["wall_s"]
        out["import, HTML pages, articles/s (wall)"] = (rate, f"{rate:.0f}", None, "")
        for label, s in (("text", imp["text_stages"]), ("HTML", imp["html_stages"])):
            ratio = (s["decode_s"] + s["extract_s"]) / s["fts_s"]
            out[f"extraction ÷ indexing, {label}"] = (ratio, f"{ratio:.2f}×", 1.0 if label == "text" else None, "le")
        rss = t.get("tree_rss_mb", t["peak_rss_mb"])
        out["import peak RSS (with workers), MB"] = (rss, f"{rss:.0f}", None, "")
        serial = imp.get("text_cli_serial")
        if serial:
            rate = serial["articles"] / serial["wall_s"]
            out["import, text pages, one process (--jobs 1), articles/s (wall)"] = (rate, f"{rate:.0f}", None, "")
    for name, c in (r.get("search") or {}).get("classes", {}).items():
        short = name.split(" (")[0]
        out[f"search p95 ms, {short}"] = (c["p95_ms"], f"{c['p95_ms']:.1f} (CPU {c.get('cpu_p95_ms', float('nan')):.1f})", 50, "le")
        ratio = c["scan_p95_ms"] / c["p95_ms"] if c["p95_ms"] else float("inf")
        out[f"search vs instr() scan (p95 ratio), {short}"] = (ratio, f"{ratio:.0f}× (scan {c['scan_p95_ms']:.0f} ms)", 20, "ge")
    for size, fp in (r.get("tui_first_paint") or {}).items():
        med = pct(fp["spawn_to_paint_s"], 0.5) * 1000
        out[f"TUI first paint ms, {int(size):,}-article library"] = (med, f"{med:.0f} (CPU {pct(fp.get('cpu_s', [float('nan')]), 0.5) * 1000:.0f})", 1000, "le")
    tui = r.get("tui")
    if tui:
        for key, label, target in (("open_ms", "TUI open article ms (p95)", 100), ("switch_ms", "TUI switch scripts ms (p95)", 50),
                                   ("scroll_ms", "TUI page scroll from top ms (p95)", 50),
                                   ("scroll_mid_ms", "TUI page scroll mid-list ms (p95)", 50)):
            if tui.get(key):
                v = pct(tui[key], 0.95)
                cpu = pct(tui.get(key.replace("_ms", "_cpu_ms")) or [float("nan")], 0.95)
                out[label] = (v, f"{v:.0f} (p50 {pct(tui[key], 0.5):.0f}; CPU p95 {cpu:.0f})", target, "le")
        out["TUI peak RSS, MB"] = (tui["peak_rss_mb"], f"{tui['peak_rss_mb']:.0f}", 250, "le")
    return out


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Put benchmark runs side by side (a Markdown table).")
    parser.add_argument("results", nargs="+", type=Path, help="results-N.json files written by run.py, smallest first")
    args = parser.parse_args(argv)
    try:
        runs = [json.loads(p.read_text()) for p in args.results]
    except (OSError, ValueError) as error:
        parser.error(f"cannot read the results: {error}")
    names = [f"{r['args']['articles']:,} articles" for r in runs]
    figs = [figures(r) for r in runs]
    keys: list[str] = []
    for f in figs:
        keys += [k for k in f if k not in keys]
    print("| figure | " + " | ".join(names) + " | growth | target | met |")
    print("|---|" + "---|" * len(runs) + "---|---|---|")
    for k in keys:
        vals = [f.get(k) for f in figs]
        cells = [v[1] if v else "" for v in vals]
        growth = ""
        if vals[0] and vals[-1] and vals[0][0] and len(vals) > 1:
            growth = f"{vals[-1][0] / vals[0][0]:.2f}×"
        last = vals[-1]
        target, met = "", ""
        if last and last[2] is not None:
            target = ("≤ " if last[3] == "le" else "≥ ") + f"{last[2]:g}"
            ok = last[0] <= last[2] if last[3] == "le" else last[0] >= last[2]
            met = "yes" if ok else "**NO**"
        print(f"| {k} | " + " | ".join(cells) + f" | {growth} | {target} | {met} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
