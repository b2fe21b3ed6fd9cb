"""Half-block pictures (reader/tui/halfblock.py) and the photo mode (reader/tui/photo_mode.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PIL import Image

from reader.tui import halfblock, photo_mode


@pytest.mark.parametrize(
    "size, limits, cells",
    [
        ((800, 600), (76, 20), (53, 20)),  # tall enough to hit the row limit: narrower, aspect kept
        ((800, 200), (76, 20), (76, 10)),  # wide: the whole measure
        ((30, 20), (76, 20), (30, 10)),  # small: never enlarged past a pixel a cell
        ((100, 5000), (76, 20), (1, 20)),  # a sliver keeps one column
        ((0, 10), (76, 20), (0, 0)),
    ],
)
def test_fit(size, limits, cells):
    assert halfblock.fit(*size, *limits) == cells


def test_fit_with_a_terminal_cell_size():
    # Kitty/Sixel: 10 x 20 pixel cells; an 800 x 400 image fills 76 cells (760 px), 19 rows
    assert halfblock.fit(800, 400, 76, 40, cell=(10, 20)) == (76, 19)


def test_rows_of_draws_two_pixels_a_cell_and_merges_runs():
    image = Image.new("RGB", (4, 4), (255, 0, 0))
    for x in range(4):
        image.putpixel((x, 1), (0, 0, 255))  # row 0 of cells: red over blue
    rows = halfblock.rows_of(image, 4, 2)
    assert len(rows) == 2
    first = rows[0]
    assert [s.text for s in first] == ["▀▀▀▀"]
    assert first[0].style.color.triplet == (255, 0, 0)
    assert first[0].style.bgcolor.triplet == (0, 0, 255)
    assert rows[1][0].style.bgcolor.triplet == (255, 0, 0)


def test_rows_of_is_deterministic_and_the_asked_size():
    image = Image.linear_gradient("L").convert("RGB").resize((64, 48))
    once = halfblock.rows_of(image, 20, 7)
    assert once == halfblock.rows_of(image, 20, 7)
    assert all(sum(len(s.text) for s in row) == 20 for row in once)


def test_transparency_lies_on_the_given_background():
    image = Image.new("RGBA", (2, 2), (255, 255, 255, 0))
    rows = halfblock.rows_of(image, 2, 1, background=(10, 20, 30))
    assert rows[0][0].style.color.triplet == (10, 20, 30)


@pytest.mark.parametrize("value, expected", [("", "auto"), ("HalfBlock", "halfblock"), ("off", "off"), ("x", "auto")])
def test_choice(monkeypatch, value, expected):
    monkeypatch.setenv(photo_mode.ENV, value)
    assert photo_mode.choice() == expected


def test_without_a_terminal_the_probe_asks_nothing():
    """No tty: half blocks, and textual-image (whose import queries the terminal) is not loaded."""
    code = (
        "import sys; from reader.tui import photo_mode; r = photo_mode.renderer();"
        "print(r, any(m.startswith('textual_image') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                            timeout=60, env={"READER_PHOTOS": "auto", "PATH": ""})
    assert result.stdout.split() == ["halfblock", "False"], result.stderr
