"""Snapshots of the main screens at a fixed size, on fixed data (the seed page and small articles).

Update after a deliberate change with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and
look at the SVGs before committing them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.tui.app import ReaderApp

from conftest import SEED_PAGE
from test_tui_support import build_library, settle

SIZE = (120, 40)


@pytest.fixture
def lib_path(tmp_path: Path, monkeypatch) -> Path:
    # A relative path: the screens show it, and tmp_path differs between runs.
    monkeypatch.chdir(tmp_path)
    build_library(tmp_path / "tui.db", SEED_PAGE)
    return Path("tui.db")



def opened(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def test_library_original(snap_compare, lib_path):
    assert snap_compare(ReaderApp(lib_path), terminal_size=SIZE, run_before=opened())


def test_library_traditional(snap_compare, lib_path):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("j", "enter")  # a Simplified article shown in Traditional
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(ReaderApp(lib_path), terminal_size=SIZE, run_before=run_before)


def test_library_simplified(snap_compare, lib_path):
    assert snap_compare(ReaderApp(lib_path), terminal_size=SIZE, run_before=opened("t", "t"))


def test_search_results(snap_compare, lib_path):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *"江门")
        await settle(pilot)

    assert snap_compare(ReaderApp(lib_path), terminal_size=SIZE, run_before=run_before)


def test_find_highlights(snap_compare, lib_path):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f", *"港澳", "enter", "n")
        await settle(pilot)

    assert snap_compare(ReaderApp(lib_path), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, lib_path):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(ReaderApp(lib_path), terminal_size=(120, 50), run_before=run_before)


def test_empty_library(snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sample = tmp_path / "bundles"
    sample.mkdir()
    shutil.copy(SEED_PAGE, sample / SEED_PAGE.name)
    app = ReaderApp(Path("empty.db"), sample=Path("bundles"))
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_library_light_theme(snap_compare, lib_path):
    async def run_before(pilot) -> None:
        pilot.app.theme = "textual-light"
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(ReaderApp(lib_path), terminal_size=SIZE, run_before=run_before)


def _with_marks(path: Path) -> None:
    """A highlight with a note, an article note and tags on the second article (fixed texts)."""
    from reader.library import Library

    with Library.open(path) as lib:
        summary = lib.list_articles(limit=None)[1]
        body = lib.get(summary.id).body
        start = body.index("香港科技大学")
        lib.add_highlight(summary.id, start, start + 20, note="合作的范围")
        lib.set_article_note(summary.id, "与上周的报道对照着读")
        lib.tag([summary.id], add=["港澳", "to-read"])
        lib.db.execute("UPDATE highlights SET created_at = '2026-01-01T00:00:00+00:00', updated_at = created_at")


def test_highlight_note_and_tags_in_the_reader_pane(snap_compare, lib_path):
    _with_marks(lib_path)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)

    assert snap_compare(ReaderApp(lib_path), terminal_size=SIZE, run_before=run_before)


def test_highlights_screen(snap_compare, lib_path):
    _with_marks(lib_path)
    assert snap_compare(ReaderApp(lib_path), terminal_size=SIZE, run_before=opened("H"))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_marks_and_find_in_either_theme(snap_compare, lib_path, theme):
    """Every text colour of the reader pane at once (title, meta, tags, note, subheading, a
    highlight, find matches and the current one): tests/test_tui_contrast.py measures them."""
    _with_marks(lib_path)

    async def run_before(pilot) -> None:
        pilot.app.theme = theme
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        await pilot.press("f", *"合作", "enter", "n")
        await settle(pilot)

    assert snap_compare(ReaderApp(lib_path), terminal_size=SIZE, run_before=run_before)


def test_focus_view(snap_compare, lib_path):
    """z: the article alone, centred at the measure (38 characters, 76 cells)."""
    assert snap_compare(ReaderApp(lib_path), terminal_size=(140, 40), run_before=opened("z"))


@pytest.mark.parametrize("keys", [("w", "right", "right"), ("t", "w", "right", "right", "y")],
                         ids=["simplified-pinyin", "traditional-zhuyin"])
def test_word_panel(snap_compare, lib_path, keys):
    """The word cursor on a dictionary word, its reading and entries under the panes."""
    assert snap_compare(ReaderApp(lib_path), terminal_size=SIZE, run_before=opened(*keys))


@pytest.fixture
def photos_path(tmp_path: Path, monkeypatch) -> Path:
    from tui_photo_support import photo_library

    monkeypatch.chdir(tmp_path)
    photo_library(tmp_path / "photos.db")
    return Path("photos.db")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_photos_in_half_blocks(snap_compare, photos_path, theme):
    """Two photos where they stood, drawn in half blocks at the measure, captions muted under them."""
    from tui_photo_support import opener

    async def run_before(pilot) -> None:
        pilot.app.theme = theme
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(ReaderApp(photos_path, opener=opener), terminal_size=SIZE, run_before=run_before)


def test_photos_off(snap_compare, photos_path):
    """i: each photo a [照片] caption line."""
    from tui_photo_support import opener

    assert snap_compare(ReaderApp(photos_path, opener=opener), terminal_size=SIZE, run_before=opened("i"))


def test_photo_screen(snap_compare, photos_path):
    """I: the second photo large, its caption under it, the keys to step and close."""
    from tui_photo_support import opener

    assert snap_compare(ReaderApp(photos_path, opener=opener), terminal_size=SIZE, run_before=opened("I", "n"))
