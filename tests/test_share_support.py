"""Helpers for the share tests: a real QR decoder and a tiny terminal that paints half blocks.

No tests here. ``zbar_decode`` runs zbarimg (Debian zbar-tools) on a PNG and returns the bytes it
read (``-Sbinary``: raw bytes, no charset guessing, no trailing newline).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ZBARIMG = shutil.which("zbarimg")
needs_zbar = pytest.mark.skipif(ZBARIMG is None, reason="zbarimg (zbar-tools) is not installed")

BLACK = (0, 0, 0)
WHITE = (255, 255, 255)
# Default colours of a dark and a light terminal theme (what unstyled text is drawn in).
DARK_THEME = {"fg": (204, 204, 204), "bg": (30, 30, 30)}
LIGHT_THEME = {"fg": (40, 40, 40), "bg": (250, 250, 250)}


def zbar_decode(png: Path, binary: bool = True) -> bytes | None:
    """What zbarimg reads from ``png``; None when it finds no code (exit status 4)."""
    command = [ZBARIMG, "--raw", "-q"]
    if binary:
        command.append("-Sbinary")
    command.append(str(png))
    result = subprocess.run(command, capture_output=True, timeout=60)
    if result.returncode == 4:
        return None
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result.stdout


def xterm_256(index: int) -> tuple[int, int, int]:
    """RGB of an xterm 256-colour index (cube and grey ramp; 0-15 as xterm's defaults)."""
    base16 = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
        (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
        (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    if index < 16:
        return base16[index]
    if index < 232:
        index -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[index // 36], steps[(index // 6) % 6], steps[index % 6])
    level = 8 + 10 * (index - 232)
    return (level, level, level)


_SGR = re.compile(r"\x1b\[([0-9;]*)m")
TOP = {" ": False, "▀": True, "▄": False, "█": True}
BOTTOM = {" ": False, "▀": False, "▄": True, "█": True}


def paint_terminal(text: str, theme: dict) -> list[list[tuple[int, int, int]]]:
    """Pixels (two per cell, stacked) that a terminal with ``theme`` draws for ``text``.

    Understands SGR 0, 39, 49, 38;5;n, 48;5;n, 38;2;r;g;b, 48;2;r;g;b. Any other escape or
    character is an error: the CLI must print nothing else inside the code.
    """
    rows: list[list[tuple[int, int, int]]] = []
    fg, bg = theme["fg"], theme["bg"]
    for line in text.split("\n"):
        if line == "" and not rows:
            continue
        top_row, bottom_row = [], []
        pos = 0
        while pos < len(line):
            match = _SGR.match(line, pos)
            if match:
                params = [int(p) if p else 0 for p in match.group(1).split(";")]
                i = 0
                while i < len(params):
                    p = params[i]
                    if p == 0:
                        fg, bg = theme["fg"], theme["bg"]
                    elif p == 39:
                        fg = theme["fg"]
                    elif p == 49:
                        bg = theme["bg"]
                    elif p in (38, 48) and params[i + 1] == 5:
                        colour = xterm_256(params[i + 2])
                        fg, bg = (colour, bg) if p == 38 else (fg, colour)
                        i += 2
                    elif p in (38, 48) and params[i + 1] == 2:
                        colour = tuple(params[i + 2 : i + 5])
                        fg, bg = (colour, bg) if p == 38 else (fg, colour)
                        i += 4
                    else:
                        raise AssertionError(f"unexpected SGR {p}")
                    i += 1
                pos = match.end()
                continue
            char = line[pos]
            assert char in TOP, f"unexpected character {char!r} in the code"
            top_row.append(fg if TOP[char] else bg)
            bottom_row.append(fg if BOTTOM[char] else bg)
            pos += 1
        if top_row:
            rows.extend([top_row, bottom_row])
    return rows


def pixels_to_png(
    rows: list[list[tuple[int, int, int]]],
    path: Path,
    scale: int = 4,
    surround: tuple[int, int, int] = DARK_THEME["bg"],
    margin: int = 4,
) -> Path:
    """Save pixel rows as a PNG, ``scale`` pixels per module, framed by ``surround`` colour.

    The frame is what lies around the code on screen (the terminal background), so a frame in a
    dark theme's colour proves the code's own quiet zone is enough.
    """
    from PIL import Image

    height = len(rows)
    width = max(len(r) for r in rows)
    image = Image.new("RGB", (width + 2 * margin, height + 2 * margin), surround)
    pixels = image.load()
    for y, row in enumerate(rows):
        for x, colour in enumerate(row):
            pixels[x + margin, y + margin] = colour
    image = image.resize((image.width * scale, image.height * scale), Image.Resampling.NEAREST)
    image.save(path)
    return path


def modules_to_pixels(modules) -> list[list[tuple[int, int, int]]]:
    return [[BLACK if dark else WHITE for dark in row] for row in modules]


def url_of_length(n: int) -> str:
    """A plausible news URL of exactly ``n`` bytes."""
    head = "https://news.example.com.tw/politics/20211229/"
    tail = ".html"
    filler = "".join("abcdefghij0123456789"[i % 20] for i in range(n - len(head) - len(tail)))
    url = head + filler + tail
    assert len(url.encode()) == n
    return url
