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


@pytest.mark.parametrize(
    "answer, found",
    [
        ("\x1b[?62;22c", "halfblock"),  # xterm without Sixel
        ("\x1b[?62;4;22c", "sixel"),
        ("\x1b_Gi=31;OK\x1b\\\x1b[?62;c", "kitty"),  # Kitty answers the query before DA1
        ("\x1b_Gi=31;OK\x1b\\\x1b[?62;4c", "sixel"),  # both: Sixel, as textual-image prefers
        ("\x1b_Gi=31;OK\x1b\\", None),  # DA1 not in yet: keep reading
        ("\x1b[?1;2c", "halfblock"),  # a VT100 answer: "2" is not "4" nor a part of it
    ],
)
def test_graphics_from_answer(answer, found):
    assert photo_mode.graphics_from_answer(answer) == found


def _play_terminal(answers: dict[str, str], env: dict[str, str]) -> str:
    """Run ``photo_mode.renderer()`` in a child on a pseudo-terminal that answers ``answers``
    (query -> reply) as a terminal would; what the child printed."""
    import os
    import pty
    import select as select_module

    pid, master = pty.fork()
    if pid == 0:  # the child: stdin and stdout are the pseudo-terminal
        os.environ.update(env)
        from reader.tui import photo_mode as mode

        os.write(1, f"RENDERER {mode.renderer()}\n".encode())
        os._exit(0)
    import fcntl
    import struct
    import termios

    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 1200, 800))  # 10 x 20 pixel cells
    seen = ""
    try:
        while select_module.select([master], [], [], 10)[0]:
            try:
                chunk = os.read(master, 4096).decode("latin-1")
            except OSError:  # the child is gone
                break
            if not chunk:
                break
            seen += chunk
            for query, reply in answers.items():
                while query in seen:
                    seen = seen.replace(query, "", 1)
                    os.write(master, reply.encode())
    finally:
        os.waitpid(pid, 0)
        os.close(master)
    return seen


@pytest.mark.parametrize(
    "answers, renderer",
    [
        ({"\x1b[c": "\x1b[?62;22c"}, "halfblock"),
        ({photo_mode.KITTY_QUERY: "\x1b_Gi=31;OK\x1b\\", "\x1b[c": "\x1b[?62;22c"}, "kitty"),
        ({}, "halfblock"),  # a terminal that never answers: given up after ANSWER_SECONDS
    ],
    ids=["plain", "kitty", "silent"],
)
def test_the_probe_on_a_pseudo_terminal(answers, renderer):
    if renderer == "kitty":
        pytest.importorskip("textual_image")
    printed = _play_terminal(answers, {"READER_PHOTOS": "auto"})
    assert f"RENDERER {renderer}" in printed
