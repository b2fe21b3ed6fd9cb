"""``reader export --format bundle``: the originals and their hints in a zip that another library
imports into the same articles; ``--with-state`` carries tags and highlights along."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from reader.cli import main
from reader.library import Library

BUNDLES = Path(__file__).resolve().parent.parent / "bundles"


def articles(db: Path) -> dict:
    """Every article by (title, date): all that extraction and the user gave it."""
    with Library.open(db, create=False) as lib:
        out = {}
        for i in lib.article_ids():
            a = lib.get(i)
            out[(a.title, a.published)] = {
                "fields": (a.title, a.published, a.source, tuple(a.authors), a.editor, tuple(a.breadcrumb), a.url, a.script),
                "blocks": [(b.kind, b.text) for b in a.blocks],
                "tags": sorted(a.tags),
                "highlights": sorted((h.exact, h.note) for h in lib.highlights(i)),
            }
        return out


@pytest.fixture
def library(tmp_path) -> Path:
    db = tmp_path / "mine.db"
    assert main(["--db", str(db), "import", str(BUNDLES)]) == 0
    with Library.open(db) as lib:
        first, second = lib.article_ids()[:2]
        lib.tag([first, second], add=["朋友推薦"])
        body = lib.get(first).body
        lib.add_highlight(first, 0, min(12, len(body)), note="值得一讀")
        lib.set_article_note(second, "整篇都好")
    return db


def test_every_sample_bundle_round_trips_with_state(library, tmp_path, capsys):
    out = tmp_path / "share.zip"
    assert main(["--db", str(library), "export", "--format", "bundle", "--with-state", "-o", str(out)]) == 0
    mine = articles(library)
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["format"] == "offline-news-bundle" and manifest["version"].startswith("1.")
    assert len(manifest["articles"]) == len(mine) and "reader-state.jsonl" in names
    assert not any(k in e for e in manifest["articles"] for k in ("read", "bookmarked", "annotations"))

    friend = tmp_path / "friend.db"
    assert main(["--db", str(friend), "import", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"imported {len(mine)}, duplicates 0, failed 0" in printed and "tags and highlights:" in printed
    theirs = articles(friend)
    assert theirs.keys() == mine.keys()
    for key in mine:
        assert theirs[key] == mine[key], key
    assert any(a["highlights"] for a in mine.values()) and any("朋友推薦" in a["tags"] for a in mine.values())

    # again: nothing new, nothing doubled
    assert main(["--db", str(friend), "import", str(out)]) == 0
    assert "already imported" in capsys.readouterr().out
    assert articles(friend) == theirs


def test_without_state_the_users_tags_and_highlights_stay_home(library, tmp_path):
    out = tmp_path / "plain.zip"
    assert main(["--db", str(library), "export", "--format", "bundle", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        assert "reader-state.jsonl" not in zf.namelist()
    friend = tmp_path / "friend.db"
    assert main(["--db", str(friend), "import", str(out)]) == 0
    mine, theirs = articles(library), articles(friend)
    assert {k: v["blocks"] for k, v in theirs.items()} == {k: v["blocks"] for k, v in mine.items()}
    assert not any("朋友推薦" in a["tags"] for a in theirs.values())
    assert ("", "整篇都好") not in [h for a in theirs.values() for h in a["highlights"]]


def test_a_selection_by_id_and_by_filter(library, tmp_path):
    with Library.open(library) as lib:
        some = lib.article_ids()[3:5]
        source = lib.get(some[0]).source
    out = tmp_path / "two.zip"
    assert main(["--db", str(library), "export", *map(str, some), "--format", "bundle", "-o", str(out)]) == 0
    friend = tmp_path / "friend.db"
    assert main(["--db", str(friend), "import", str(out)]) == 0
    assert len(articles(friend)) == 2
    out = tmp_path / "source.zip"
    assert main(["--db", str(library), "export", "--source", source, "--format", "bundle", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        listed = json.loads(zf.read("manifest.json"))["articles"]
    with Library.open(library) as lib:
        assert len(listed) == sum(1 for i in lib.article_ids() if lib.get(i).source == source)


def test_errors_are_clear_and_leave_nothing_behind(library, tmp_path, capsys):
    assert main(["--db", str(library), "export", "--format", "bundle"]) == 2
    assert "-o FILE.zip" in capsys.readouterr().err
    assert main(["--db", str(library), "export", "--with-state", "-o", str(tmp_path / "x.md")]) == 2
    assert main(["--db", str(library), "export", "--tag", "無此標籤", "--format", "bundle", "-o", str(tmp_path / "e.zip")]) == 1
    assert "nothing to export" in capsys.readouterr().err
    assert main(["--db", str(library), "export", "--format", "bundle", "-o", str(tmp_path / "no" / "dir.zip")]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert not (tmp_path / "e.zip").exists() and not list(tmp_path.glob(".*.tmp"))
    for misuse in (["--format", "bundle", "-o", str(tmp_path / "b.tar")],
                   ["--format", "bundle", "--script", "simplified", "-o", str(tmp_path / "b.zip")],
                   ["--format", "markdown", "--group-by", "source"]):
        assert main(["--db", str(library), "export", *misuse]) == 2, misuse
    assert "FILE.zip" in capsys.readouterr().err


def test_a_broken_state_file_fails_alone(library, tmp_path, capsys):
    out = tmp_path / "share.zip"
    assert main(["--db", str(library), "export", "--format", "bundle", "--with-state", "-o", str(out)]) == 0
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "reader-state.jsonl":
                data = b"not a state file\n"
            dst.writestr(info, data)
    friend = tmp_path / "friend.db"
    assert main(["--db", str(friend), "import", str(broken)]) == 1
    printed = capsys.readouterr().out
    assert "failed: " in printed and "reader-state.jsonl" in printed
    assert len(articles(friend)) == len(articles(library))
    assert os.path.exists(friend)
