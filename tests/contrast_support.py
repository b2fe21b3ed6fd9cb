"""WCAG contrast of the text in a Rich/Textual snapshot SVG: each run of text against the cell
background under it, as the terminal paints them."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_CLASS = re.compile(r"\.(terminal-r\d+) \{ fill: (#[0-9a-fA-F]{6})")
_RECT = re.compile(r'<rect fill="(#[0-9a-fA-F]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" shape-rendering')
_TEXT = re.compile(r'<text class="(terminal-r\d+)" x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)" clip-path="url\(#terminal-line-(\d+)\)">([^<]*)</text>')
LINE_HEIGHT = 24.4


def luminance(colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _readable(text: str) -> bool:
    """Letters, digits or punctuation: not box drawing, block elements, scroll bars or spaces."""
    return any(unicodedata.category(ch)[0] in "LNP" for ch in text)


@dataclass(frozen=True)
class Run:
    text: str
    fg: str
    bg: str
    ratio: float
    line: int


def runs(svg: Path) -> list[Run]:
    source = svg.read_text(encoding="utf-8")
    fills = dict(_CLASS.findall(source))
    rects = [(fill, float(x), float(y), float(w)) for fill, x, y, w, _h in _RECT.findall(source)]
    by_line: dict[int, list[tuple[str, float, float]]] = {}
    for fill, x, y, w in rects:
        by_line.setdefault(round((y - 1.5) / LINE_HEIGHT), []).append((fill, x, x + w))
    out = []
    for cls, x, _y, _length, line, raw in _TEXT.findall(source):
        text = html.unescape(raw)
        if not _readable(text) or cls not in fills:
            continue
        start = float(x)
        bg = next((fill for fill, a, b in by_line.get(int(line), []) if a <= start + 1 < b), None)
        if bg is None:
            continue
        out.append(Run(text.strip(), fills[cls], bg, contrast(fills[cls], bg), int(line)))
    return out
