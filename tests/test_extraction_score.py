"""Smoke test of the extraction measurement harness (benchmarks/make_text_pages.py, extraction_score.py).

Runs on four licensed dev pages in tests/fixtures/eval/ (no ../shared corpus needed). Kinds whose renderer is
not installed (w3m, inscriptis) are skipped; GNE/trafilatura anchors run only when importable.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import extraction_score as es  # noqa: E402
import make_text_pages as mtp  # noqa: E402

FIX = ROOT / "tests" / "fixtures" / "eval"
QUAKE = "magic-html-zh/0d18823b30fc212dd2efa8b2afa5ac1b2a9f224bd050adff44b4371289d3db33.html"


@pytest.fixture(scope="module")
def labels():
    return es.load_labels(FIX / "labels", "all")


@pytest.fixture(scope="module")
def scored(labels):
    return es.run(FIX, labels, es.ALL_KINDS, anchors=True, jobs=1)


def test_fixture_labels_are_dev_pages_with_real_labels(labels):
    assert len(labels) == 4
    for rec in labels.values():
        assert rec["split"] == "dev"
        assert (FIX / rec["path"]).exists()
        assert rec["title"] and rec["body_start"] and rec["body_end"] and rec["junk"]


def test_renders_look_like_scraped_text(labels):
    html = es.read_page(FIX, labels[QUAKE])
    dom = mtp.render(html, "dom")
    assert "\n\n" in dom and "<div" not in dom  # blank lines between blocks, no markup
    assert any(line.startswith("\u3000\u3000") for line in dom.splitlines()), "paragraphs indented"
    assert "function(" not in dom, "scripts dropped"
    assert es.letters(labels[QUAKE]["body_start"]) in es.letters(dom)
    one = mtp.render(html, "oneline")
    assert one.count("\n") == 1 and len(one) > 500
    for kind in mtp.available_kinds():
        text = mtp.render(html, kind)
        assert es.letters(labels[QUAKE]["title"]) in es.letters(text), kind


def test_generator_writes_files(tmp_path, monkeypatch):
    import eval_corpus

    # the generator walks a corpus folder; point it at a copy of one fixture data set laid out like the corpus
    monkeypatch.setattr(eval_corpus, "load_corpus", lambda corpus: [
        eval_corpus.Page("twnews-samples/setn.html.xz", "twnews-samples", FIX / "twnews-samples/samples/setn.html.xz",
                         site="setn.com")])
    assert mtp.main(["--out", str(tmp_path), "--kinds", "dom,oneline"]) == 0
    assert (tmp_path / "dom" / "twnews-samples__setn.html.xz.txt").read_text("utf-8").strip()
    assert (tmp_path / "oneline" / "twnews-samples__setn.html.xz.txt").exists()


def test_every_kind_has_rows(scored, labels):
    figs, rows = scored
    reader = figs["reader"]
    for kind in ["html", "dom", "oneline"] + mtp.available_kinds(["inscriptis", "w3m"]):
        cell = reader[kind]["ALL"]["dev"]
        assert cell["pages"] == 4, kind
        assert cell["title"]["n"] >= 3 and cell["start"]["n"] >= 3 and cell["leak"]["n"] >= 3, kind
    assert "held" not in reader["html"]["ALL"]
    if "w3m" not in mtp.available_kinds():
        assert "w3m" not in reader


def test_known_good_page_scores_right(scored):
    _, rows = scored
    row = next(r for r in rows if r["page"] == QUAKE and r["tool"] == "reader" and r["kind"] == "html")
    f = row["figures"]
    assert f["failed"] is False
    assert f["title"] and f["date"] and f["author"] and f["start"] and f["end"]
    assert f["leak"] is False


def test_broken_extractor_scores_worse(labels, scored):
    good, _ = scored

    def broken(doc, kind):  # the whole page as body, no metadata
        return es.Result(title="x", date="1999-01-01", authors=["nobody"],
                         body="\n".join(mtp.dom_lines(doc)) if kind == "html" else doc)

    bad, _ = es.run(FIX, labels, ("html", "dom"), anchors=False, extract_fn=broken)
    g, b = good["reader"]["html"]["ALL"]["dev"], bad["reader"]["html"]["ALL"]["dev"]
    assert b["title"]["pct"] == 0 < g["title"]["pct"]
    assert b["date"]["pct"] < g["date"]["pct"]
    assert b["start"]["pct"] < g["start"]["pct"]
    assert b["leak"]["pct"] == 100 > g["leak"]["pct"]

    def raising(doc, kind):
        raise ValueError("no article")

    fail, _ = es.run(FIX, labels, ("html",), anchors=False, extract_fn=raising)
    assert fail["reader"]["html"]["ALL"]["dev"]["failed"]["pct"] == 100
    assert fail["reader"]["html"]["ALL"]["dev"]["title"]["pct"] == 0


def test_table_json_and_held_pages_stay_quiet(tmp_path, labels, scored, capsys):
    figs, rows = scored
    out = io.StringIO()
    es.print_table(figs, "dev", out)
    text = out.getvalue()
    assert "ALL (summary)" in text and "oneline" in text and "%" in text
    # -v prints dev failures but never a held page
    held = {k: dict(v, split="held") for k, v in labels.items()}
    held_rows = [dict(r, page=r["page"]) for r in rows]
    out = io.StringIO()
    es.print_failures(held_rows, held, out)
    assert out.getvalue() == ""
    # the CLI, with --json
    dest = tmp_path / "figs.json"
    assert es.main(["--corpus", str(FIX), "--labels", str(FIX / "labels"), "--no-anchors", "--jobs", "1",
                    "--kinds", "html,oneline", "--json", str(dest)]) == 0
    data = json.loads(dest.read_text("utf-8"))
    assert data["reader"]["html"]["ALL"]["dev"]["pages"] == 4
    assert "ALL (summary)" in capsys.readouterr().out


def test_a_date_is_compared_at_the_precision_each_side_gives():
    assert es.norm_date("2021-12-29T10:20:00+08:00") == "2021-12-29"
    assert es.norm_date("1996-06") == "1996-06"  # a magazine issue's month is a date, not none
    assert es.norm_date("2018") == "2018"
    assert es.norm_date("") is None and es.norm_date("yesterday") is None
    assert es.same_day("1996-06", "1996-06") and es.same_day("2021-12-29", "2021-12")
    assert not es.same_day("1996-06", "1996-06-12")  # less precise than the label: wrong


def test_a_late_body_start_is_placed_against_the_region():
    """--why says where a late start's labelled words stand: just above the region, far above
    it (the region is another text), on the title's line, or inside the region, left out."""
    text = "\n\n".join(["嵐山老街修繕工程完工", "2021-05-06 08:00", "短短一句开场",
                        "历时一年的嵐山老街修缮工程昨日完工，修缮后的老街保留了原有的青石板路和木结构店铺，重新开放后迎来不少游客。",
                        "工程负责人介绍，修缮中尽量使用原来的材料，对损坏严重的部分才用新料替换，并请老工匠按传统工艺施工。"])
    assert es.start_place(text, "短短一句开场", None) == "just above the region"
    assert es.start_place(text, "嵐山老街修繕工程完工", "嵐山老街修繕工程完工") == "its line taken for the title"
    assert es.start_place(text, "工程负责人介绍", None) == "inside the region, left out"
    assert es.start_place(text, "没有这句话", None) == "on no one line"


def test_a_title_found_in_part_is_placed_against_the_lines_around_it():
    """--why says where the rest of a title found only in part stands: on the line before or
    after the part found (how many lines, a short part, held twice, and the first test of the
    two-part join that failed), or elsewhere."""
    text = "\n\n".join(["嵐港網", "血濺桃機", "他把老婆丟下樓再跳樓", "2019-03-18 23:59",
                        "萬姓男子昨天凌晨準備搭機飛往美國前，與妻子在機場大廳爭吵，涉嫌在盛怒下把妻子丟下樓，自己再隨之跳樓。"])
    assert es.title_pieces(text, "血濺桃機 他把老婆丟下樓再跳樓", "他把老婆丟下樓再跳樓") == \
        "with the line before it, 2 lines, a short part, joined fails: once, not run together"
    assert es.title_pieces(text, "嵐港網新聞", "嵐港網") == "elsewhere"


def test_the_shape_grid_scores_its_self_written_pages():
    """benchmarks/shape_grid.py: each combination is a page whose truth the grid knows; a sample
    scores on every kind, and a page the reader reads whole is right on every figure."""
    import shape_grid

    html, label = shape_grid.page("nav", "two", "h1-info", "lead", "related")
    assert label["title"] in html and label["authors"] == ["王小明"] and "相關新聞" not in label["junk"]
    assert label["body_start"] == "本報訊（記者王小明）嵐港港務局"
    figures, failures = shape_grid.score(shape_grid.combinations(6), ["html", "dom", "oneline"])
    assert {k: figures[k]["title"][1] for k in ("html", "dom", "oneline")} == {"html": 6, "dom": 6, "oneline": 6}
    assert all(set(wrong) <= set(shape_grid.FIGURES) for kind in failures for _combo, wrong, _title in failures[kind])
    clean = [("nav", "two", "h1-info", "lead", "related", "none", "none", "plain")]
    figures, failures = shape_grid.score(clean, ["html", "dom"])
    assert not failures["html"] and not failures["dom"] and figures["html"]["leak"] == [0, 1]


def test_an_html_body_start_is_placed_against_the_content_box():
    """--why says where an HTML page's wrong start stands: a labelled first line the assembly
    left out of the box, one above it, and a body that opens too early."""
    paras = "".join(f"<p>{p}</p>" for p in (
        "嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠貨櫃船。",
        "港務局表示，擴建後的年吞吐量將增加一倍，並會同時興建一條連接高速公路的專用道路，以減少貨櫃車對市區交通的影響。"))
    html = ("<html><head><title>嵐港港口擴建方案出爐_嵐港日報</title></head><body><h1>嵐港港口擴建方案出爐</h1>"
            f"<div class='info'>2024-05-10 07:48 來源：嵐港日報</div><div class='content'>{paras}</div></body></html>")
    prose = es.letters("嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工")
    assert es.html_start_place(html, "2024-05-10 07:48", None, prose).startswith(("just above the box", "inside the box"))
    assert es.html_start_place(html, "首期工程將在明年上半年動工", None, prose) == "opens inside the box"
    assert es.html_start_place(html, "沒有這句話", None, prose) == "on no one line"


def test_a_leak_below_the_text_is_described_by_its_shape():
    """--why says what a junk string kept under the text looks like: short or long, clause
    marks, how far under the last line, and in HTML inside the content box or not."""
    paras = "".join(f"<p>{p}</p>" for p in (
        "嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠貨櫃船。",
        "港務局表示，擴建後的年吞吐量將增加一倍，並會同時興建一條連接高速公路的專用道路，以減少貨櫃車對市區交通的影響。"))
    html = ("<html><head><title>嵐港港口擴建方案出爐_嵐港日報</title></head><body><h1>嵐港港口擴建方案出爐</h1>"
            f"<div class='content'>{paras}<p>嵐港日報 陪你看世界</p></div></body></html>")
    assert es.leak_shape(html, "html", "嵐港日報 陪你看世界", "以減少貨櫃車對市區交通的影響。") == "short, the next line, in the box"
    text = "嵐港港口擴建方案出爐\n\n" + paras.replace("<p>", "").replace("</p>", "\n\n") + "\n\n\n訂閱\n\n嵐港日報，每天早上送上本地新聞。\n"
    assert es.leak_shape(text, "dom", "嵐港日報，每天早上送上本地新聞。", "以減少貨櫃車對市區交通的影響。") == "short, clause marks, 2-5 lines under"
