"""The CLI through its real entry point (python -m reader) in subprocesses."""

from __future__ import annotations

import json
import sqlite3

import pytest
from test_library_support import SEED, add_bundle, article, run_reader

from reader.library import Library
from reader.model import Article, Block

HOSTILE_TITLE = "港澳\x1b]52;c;ZXZpbA==\x07新聞\x1b[31m紅\u202e字"
HOSTILE_BODY = "正文\x1b[2J清屏\x9b31m和\x1b]0;title\x07標題\u2066隔離"
ESCAPES = ("\x1b", "\x9b", "\x07", "\u202e", "\u2066")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        add_bundle(
            lib,
            "b1",
            [
                Article(
                    title="江門推動港澳合作",
                    blocks=[Block("paragraph", "江門市蓬江區勝利路上,坐落著香港團隊。"), Block("share"), Block("subheading", "以南組團為重點"), Block("paragraph", "第二段港澳。")],
                    published="2021-12-29T10:20:00+08:00",
                    source="南方日報",
                    authors=["葉芷晴", "張泳渝"],
                    editor="王編",
                    breadcrumb=["城市", "江門分站"],
                    url="https://example.com/a",
                ),
                article("简体新闻", "香港与澳门的合作不断深化。", published="2020-01-02", source="新华社", url="https://example.com/b"),
                article(HOSTILE_TITLE, HOSTILE_BODY, published="2019-05-05", source="惡意\x1b[5m來源", url="https://evil.example/\x1b[1m"),
            ],
        )
    return path


def _one_line_error(result, code: int, fragment: str) -> None:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: error:") and fragment in lines[0], result.stderr


def test_version_and_help():
    result = run_reader("--version")
    assert result.returncode == 0 and result.stdout.startswith("reader ")
    result = run_reader("--help")
    assert result.returncode == 0
    for command in ("import", "list", "search", "show", "export", "stats", "reindex", "doctor"):
        assert command in result.stdout


def test_list_json_keys_and_order(db):
    result = run_reader("list", "--json", db=db)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert [i["date"] for i in items] == ["2021-12-29", "2020-01-02", "2019-05-05"]
    for item in items:
        assert {"id", "title", "date", "source", "url"} <= set(item)
    assert items[0]["datetime"] == "2021-12-29T10:20:00+08:00"
    assert json.loads(run_reader("list", "--json", "--limit", "1", db=db).stdout)[0]["id"] == items[0]["id"]


def test_list_filters(db):
    def ids(*args):
        result = run_reader("list", "--json", *args, db=db)
        assert result.returncode == 0, result.stderr
        return [i["title"] for i in json.loads(result.stdout)]

    assert ids("--source", "新華社") == ["简体新闻"]
    assert ids("--after", "2020-01-01") == ["江門推動港澳合作", "简体新闻"]
    assert ids("--before", "2020-01-01") == [HOSTILE_TITLE]
    assert ids("--bookmarked") == []
    assert len(ids("--unread")) == 3
    assert len(ids("--bundle", "1")) == 3


def test_search_json_has_snippet_and_spans(db):
    result = run_reader("search", "港澳", "--json", db=db)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert items and {"id", "title", "date", "source", "url", "snippet", "spans"} <= set(items[0])
    assert {i["title"] for i in items[:2]} == {"江門推動港澳合作", HOSTILE_TITLE}  # title matches first
    for item in items:
        for start, end in item["spans"]:
            assert item["snippet"][start:end] == "港澳"
    simplified = json.loads(run_reader("search", "香港团队", "--json", db=db).stdout)
    assert [i["title"] for i in simplified] == ["江門推動港澳合作"]


def test_show_json_keys(db):
    result = run_reader("show", "1", "--json", db=db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"id", "title", "date", "datetime", "source", "url", "authors", "editor", "breadcrumb", "script", "body", "blocks"} <= set(data)
    assert data["authors"] == ["葉芷晴", "張泳渝"] and data["editor"] == "王編"
    assert data["breadcrumb"] == ["城市", "江門分站"] and data["script"] == "traditional"
    assert data["body"] == "江門市蓬江區勝利路上,坐落著香港團隊。\n\n以南組團為重點\n\n第二段港澳。"
    assert [b["kind"] for b in data["blocks"]] == ["paragraph", "share", "subheading", "paragraph"]


def test_show_converts_scripts(db):
    simp = json.loads(run_reader("show", "1", "--json", "--script", "simplified", db=db).stdout)
    assert simp["title"] == "江门推动港澳合作" and simp["script"] == "traditional"
    trad = run_reader("show", "2", "--script", "traditional", db=db)
    assert trad.returncode == 0 and "香港與澳門" in trad.stdout
    hk = run_reader("show", "2", "--script", "traditional", "--standard", "hk", db=db)
    assert hk.returncode == 0


def test_show_plain_text(db):
    result = run_reader("show", "1", db=db)
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("江門推動港澳合作\n") and "葉芷晴" in out and "以南組團為重點" in out
    assert "\n\n第二段港澳。" in out


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("show", "999"), "no article with id 999"),
        (("show", "abc"), "article id is a number"),
        (("show", "1", "--script", "klingon"), "--script"),
        (("show", "1", "--standard", "cn"), "--standard"),
        (("list", "--after", "2021-02-30"), "YYYY-MM-DD"),
        (("list", "--limit", "many"), "--limit"),
        (("search", '"unclosed'), "unclosed quote"),
        (("search", "after:someday", "港澳"), "YYYY-MM-DD"),
        (("search", "-港澳"), "not excluded"),
        (("export", "--format", "pdf"), "--format"),
    ],
)
def test_usage_errors_are_one_line_exit_2(db, args, fragment):
    _one_line_error(run_reader(*args, db=db), 2, fragment)


def test_library_errors_are_one_line_exit_1(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 100)
    _one_line_error(run_reader("list", db=bad), 1, "not a reader library")


def test_hostile_text_is_inert_in_plain_output(db):
    outputs = [
        run_reader("list", db=db).stdout,
        run_reader("search", "新聞", db=db).stdout,
        run_reader("search", "清屏", db=db).stdout,
        run_reader("show", "3", db=db).stdout,
        run_reader("export", "3", db=db).stdout,
        run_reader("stats", "--sources", db=db).stdout,
    ]
    for out in outputs:
        assert out.strip()
        for esc in ESCAPES:
            assert esc not in out, (esc, out)
    assert "港澳新聞紅字" in outputs[0]
    assert "正文清屏和標題隔離" in outputs[3]


def test_hostile_text_in_json_is_escaped_but_exact(db):
    result = run_reader("show", "3", "--json", db=db)
    for esc in ESCAPES:
        assert esc not in result.stdout
    data = json.loads(result.stdout)
    assert data["title"] == HOSTILE_TITLE and data["body"] == HOSTILE_BODY


def test_export_markdown_and_json(db, tmp_path):
    md = run_reader("export", db=db)
    assert md.returncode == 0 and md.stdout.startswith("# 江門推動港澳合作")
    assert "## 以南組團為重點" in md.stdout and md.stdout.count("\n---\n") == 2
    out = tmp_path / "out.json"
    result = run_reader("export", "--format", "json", "--output", str(out), "--source", "南方日報", db=db)
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text("utf-8"))
    assert [d["title"] for d in data] == ["江門推動港澳合作"] and data[0]["blocks"][1]["kind"] == "share"
    both = json.loads(run_reader("export", "--json", "1", "2", db=db).stdout)
    assert [d["id"] for d in both] == [1, 2]
    empty = json.loads(run_reader("export", "--json", "--source", "nobody", db=db).stdout)
    assert empty == []


def test_stats(db):
    result = run_reader("stats", "--json", db=db)
    data = json.loads(result.stdout)
    assert data["articles"] == 3 and data["bundles"] == 1 and data["schema_version"] >= 1
    plain = run_reader("stats", db=db)
    assert plain.returncode == 0 and "articles" in plain.stdout


def test_import_summary_duplicates_failures_and_exit_codes(tmp_path):
    db = tmp_path / "lib.db"
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    result = run_reader("import", str(folder), db=db)
    assert result.returncode == 1  # something failed
    assert "imported 1, duplicates 0, failed 1" in result.stdout
    assert "empty.txt" in result.stdout and "Traceback" not in result.stderr
    assert result.stderr == ""  # no progress bar when stderr is not a terminal

    again = run_reader("import", str(folder), "--json", db=db)
    data = json.loads(again.stdout)
    assert data["imported"] == 0 and data["skipped"] and again.returncode == 0

    single = tmp_path / "copy.txt"
    single.write_bytes(SEED.read_bytes())
    dup = run_reader("import", str(single), "--json", db=db)
    assert json.loads(dup.stdout)["duplicates"] == 1 and dup.returncode == 0

    missing = run_reader("import", str(tmp_path / "nothing-here"), db=db)
    assert missing.returncode == 1 and "nothing-here" in missing.stdout

    listed = json.loads(run_reader("list", "--json", db=db).stdout)
    assert listed[0]["title"] == "江門推動港澳合作再上新臺階:一種源遠流長的親密合作"


def test_reindex(tmp_path):
    db = tmp_path / "lib.db"
    assert run_reader("import", str(SEED), db=db).returncode == 0
    with Library.open(db) as lib:
        lib.set_read(1)
        lib._conn.execute("UPDATE articles SET title = 'stale'")
    result = run_reader("reindex", "--json", db=db)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["updated"] == 1
    show = json.loads(run_reader("show", "1", "--json", db=db).stdout)
    assert show["title"].startswith("江門推動港澳合作") and show["read"] is True


def test_doctor_healthy_damaged_and_repair(db, tmp_path):
    ok = run_reader("doctor", db=db)
    assert ok.returncode == 0 and "ok" in ok.stdout
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM documents")
    conn.commit()
    conn.close()
    sick = run_reader("doctor", db=db)
    assert sick.returncode == 1 and "orphaned" in sick.stdout and "reader doctor --repair" in sick.stdout
    fixed = run_reader("doctor", "--repair", "--json", db=db)
    assert fixed.returncode == 0 and json.loads(fixed.stdout)["ok"] is True
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 1000)
    broken = run_reader("doctor", db=bad)
    assert broken.returncode == 1 and ".recover" in broken.stdout and "Traceback" not in broken.stderr


# ---- import hygiene: no command but the TUI loads Textual -----------------------------------

_WRAPPER = (
    "import sys, runpy\n"
    "from reader.cli import main\n"
    "try:\n"
    "    rc = main(sys.argv[1:])\n"
    "except SystemExit as e:\n"
    "    rc = e.code\n"
    "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'textual_image'))\n"
    "sys.stderr.write('\\nTEXTUAL-LOADED:' + str(len(loaded)) + '\\n')\n"
    "sys.exit(rc)\n"
)


def test_non_tui_commands_never_import_textual(db, tmp_path):
    """Nor textual-image, whose import asks the terminal questions (reader/tui/photo_mode.py)."""
    import os
    import subprocess
    import sys

    from test_library_support import ROOT

    commands = [
        ["--help"],
        ["import", str(SEED)],
        ["list"],
        ["list", "--json"],
        ["search", "港澳"],
        ["show", "1"],
        ["show", "1", "--json", "--script", "simplified"],
        ["show", "1", "--annotate", "pinyin"],
        ["show", "1", "--json", "--annotate", "zhuyin", "--script", "simplified"],
        ["export", "--json"],
        ["stats"],
        ["reindex"],
        ["doctor"],
        ["show", "999"],
        ["qr", "1", "--json"],
        ["qr", "1", "--lan", "--json"],
        ["export", "--format", "bundle", "-o", str(tmp_path / "b.zip")],
    ]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for command in commands:
        result = subprocess.run(
            [sys.executable, "-c", _WRAPPER, "--db", str(db), *command],
            capture_output=True,
            text=True,
            env=env,
            cwd=str(ROOT),
            timeout=120,
        )
        assert "TEXTUAL-LOADED:0" in result.stderr, (command, result.stderr[-500:])


def test_search_dash_words_exclude(db):
    both = json.loads(run_reader("search", "合作", "--json", db=db).stdout)
    assert {i["title"] for i in both} == {"江門推動港澳合作", "简体新闻"}
    result = run_reader("search", "合作", "-澳門", "--json", db=db)
    assert result.returncode == 0, result.stderr
    assert [i["title"] for i in json.loads(result.stdout)] == ["江門推動港澳合作"]
    unknown = run_reader("list", "-x", db=db)
    assert unknown.returncode == 2 and "unrecognized arguments: -x" in unknown.stderr


@pytest.mark.parametrize("command", [["list"], ["search", "港澳"], ["show", "1"], ["stats"], ["export"], ["reindex"]])
def test_reading_commands_do_not_create_a_library_behind_a_mistyped_path(tmp_path, command):
    missing = tmp_path / "no" / "such" / "library.db"
    result = run_reader(*command, db=missing)
    _one_line_error(result, 1, "no library at")
    assert not (tmp_path / "no").exists()


def test_import_names_the_files_that_are_not_articles(tmp_path):
    """Nothing is passed over without a word: images and paperwork are counted and named."""
    db = tmp_path / "lib.db"
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    for name in ("photo.jpg", "map.png", "README.md"):
        (folder / name).write_bytes(b"\x89PNG not an article")
    result = run_reader("import", str(folder), db=db)
    assert result.returncode == 0, result.stderr
    assert "not articles 3 (image ×2: map.png …, bundle paperwork ×1: README.md)" in result.stdout

    other = tmp_path / "other"
    other.mkdir()
    (other / "logo.svg").write_bytes(b"<svg/>")
    (other / "a.txt").write_text("香港新聞\n\n  香港今日天氣晴朗，市民外出遊玩。", encoding="utf-8")
    data = json.loads(run_reader("import", str(other), "--json", db=db).stdout)
    assert data["not_articles"] == [{"file": f"{other} (loose files): logo.svg", "reason": "image"}]
