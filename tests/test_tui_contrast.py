"""Every text colour on the reader's screens meets WCAG AA (4.5:1) against the background it is
painted on, in the dark and the light theme: measured in the snapshot SVGs (which
tests/test_tui_snapshots.py keeps equal to what the app draws).

Screens with a modal on top (help, the highlights list) are left out: Textual dims the screen
behind a modal on purpose, and that backdrop is not meant to be read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from contrast_support import runs

SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_tui_snapshots"
MODAL = {"test_help.svg", "test_highlights_screen.svg"}
AA = 4.5
LITTLE_TEXT = {"test_photo_screen.svg": 2}  # a photo, its caption and the key line
SHOWN = sorted(p for p in SNAPSHOTS.glob("*.svg") if p.name not in MODAL)


def test_both_themes_are_measured():
    names = {p.name for p in SHOWN}
    assert "test_marks_and_find_in_either_theme[textual-light].svg" in names
    assert "test_marks_and_find_in_either_theme[textual-dark].svg" in names
    assert "test_library_light_theme.svg" in names


@pytest.mark.parametrize("svg", SHOWN, ids=lambda p: p.stem)
def test_every_text_colour_meets_aa(svg):
    measured = runs(svg)
    assert len(measured) >= LITTLE_TEXT.get(svg.name, 11), "the snapshot's text was not found: has the SVG format changed?"
    poor = sorted({(r.fg, r.bg, round(r.ratio, 2), r.text[:30]) for r in measured if r.ratio < AA})
    assert poor == []


def test_the_measure_itself():
    from contrast_support import contrast

    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # the classic just-failing grey
