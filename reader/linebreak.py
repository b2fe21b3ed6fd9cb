"""Chinese line breaking by terminal cells.

Wrapping Chinese text for a terminal is not folding it cell by cell:

- widths are counted in terminal cells (a Han character or full-width punctuation mark takes
  two cells, ASCII one), never with ``len()``;
- a line may not begin with closing punctuation (，。、；：？！」』）】》 … and their ASCII forms)
  nor end with opening punctuation (「『（【《 …): the usual kinsoku rule. When a line would break
  at a forbidden place, the break moves back to the last allowed place (the character before the
  punctuation is pushed down with it); only a run with no allowed place at all is cut by force;
- runs of Latin letters and digits (``COVID-19``, ``22.26``) are kept whole when they fit a line;
- paragraphs are indented the same way whatever the source used: leading full-width spaces,
  ASCII spaces, tabs or nothing.

Lines are returned as ``(start, end)`` offsets into the text, so that callers can carry styles and
search highlights onto the wrapped lines. Nothing here imports Textual; cell widths come from
Rich's tables (the same ones Textual renders with).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size

# No line may begin with these (closing brackets and quotes, pauses and stops, both widths).
NO_LINE_START = frozenset(
    "，。、；：？！」』）】》〉〕〗〙〛］｝”’〞〟…‥・·％‰℃々〻ー～"
    "．，：；？！）"
    ",.;:?!)]}%"
)
# No line may end with these (opening brackets and quotes, both widths).
NO_LINE_END = frozenset("「『（【《〈〔〖〘〚［｛“‘〝" "([{")

# Characters a paragraph may start with that are only indentation.
_LEADING_SPACE = re.compile(r"^[\s\u3000\u00a0\u2000-\u200b\u202f\u205f\ufeff]+")
_TRAILING_SPACE = re.compile(r"[\s\u3000\u00a0\u2000-\u200b\u202f\u205f\ufeff]+$")

# One unbreakable unit: a Latin word or number (internal . , - ' / kept), a run of spaces, or one
# other character.
_UNIT = re.compile(
    r"[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+(?:[.,'’\-/:][A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+)*"
    r"|[ \t\u00a0]+"
    r"|.",
    re.DOTALL,
)

INDENT_CELLS = 4  # two full-width spaces: the customary Chinese paragraph indent


@dataclass(frozen=True)
class Line:
    """One wrapped line: ``text[start:end]`` drawn after ``indent`` blank cells."""

    start: int
    end: int
    indent: int = 0


def strip_indent(text: str) -> tuple[str, int]:
    """Remove source indentation and trailing space: (clean text, characters cut from the start)."""
    match = _LEADING_SPACE.match(text)
    cut = match.end() if match else 0
    return _TRAILING_SPACE.sub("", text[cut:]), cut


def _units(text: str) -> list[tuple[int, int, int, bool]]:
    """(start, end, cells, is_space) for each unbreakable unit of a line of text."""
    out = []
    for match in _UNIT.finditer(text):
        chunk = match.group()
        if chunk == "\n":
            out.append((match.start(), match.end(), 0, True))
            continue
        out.append((match.start(), match.end(), cell_len(chunk), chunk[0] in " \t\u00a0"))
    return out


def _break_allowed(text: str, units, i: int) -> bool:
    """May a line break fall between unit i-1 and unit i?"""
    if i <= 0 or i >= len(units):
        return True
    prev_start, prev_end, _, prev_space = units[i - 1]
    start, end, _, space = units[i]
    if space or prev_space:
        return True
    if text[start] in NO_LINE_START:
        return False
    if text[prev_end - 1] in NO_LINE_END:
        return False
    # Inside a run of Latin text (words, URLs, ``[tags]``) lines break only at spaces; next to a
    # wide (CJK) character they may break anywhere, as Chinese allows.
    if _is_narrow(text[prev_end - 1]) and _is_narrow(text[start]):
        return False
    return True


def _is_narrow(ch: str) -> bool:
    return get_character_cell_size(ch) == 1 and not ch.isspace()


def _split_long(text: str, start: int, end: int, width: int) -> list[tuple[int, int, int]]:
    """Cut one unit wider than ``width`` into pieces of at most ``width`` cells."""
    pieces = []
    piece_start = start
    cells = 0
    for pos in range(start, end):
        size = get_character_cell_size(text[pos])
        if cells + size > width and pos > piece_start:
            pieces.append((piece_start, pos, cells))
            piece_start, cells = pos, 0
        cells += size
    pieces.append((piece_start, end, cells))
    return pieces


def wrap(text: str, width: int, first_indent: int = 0, indent: int = 0) -> list[Line]:
    """Break ``text`` into lines of at most ``width`` cells (indents included).

    ``first_indent`` cells are left blank before the first line, ``indent`` before the others.
    A newline in the text is a hard break. Spaces at a break are dropped. Always returns at
    least one line (an empty text gives one empty line).
    """
    width = max(1, width)
    units = []
    for start, end, cells, space in _units(text):
        limit = max(1, width - max(first_indent, indent))
        if cells > limit and not space:
            units.extend((s, e, c, False) for s, e, c in _split_long(text, start, end, limit))
        else:
            units.append((start, end, cells, space))

    lines: list[Line] = []
    i = 0
    n = len(units)
    while True:
        line_indent = first_indent if not lines else indent
        available = max(1, width - line_indent)
        # Spaces never begin a wrapped line (except the very first line's own text, stripped
        # by the caller through strip_indent when it wants to).
        if lines:
            while i < n and units[i][3] and text[units[i][0]] != "\n":
                i += 1
        if i >= n:
            if not lines:
                lines.append(Line(0, 0, line_indent))
            break
        line_start = i
        cells = 0
        last_break = None  # unit index where a break is allowed, > line_start
        j = i
        hard = False
        while j < n:
            start, end, size, space = units[j]
            if text[start] == "\n":
                hard = True
                break
            if j > line_start and _break_allowed(text, units, j):
                last_break = j
            if not space and cells + size > available:
                break
            cells += size
            j += 1
        if hard:
            line_end = j
            next_i = j + 1
        elif j >= n:
            line_end = next_i = n
        elif _break_allowed(text, units, j) and j > line_start:
            line_end = next_i = j
        elif last_break is not None and last_break > line_start:
            line_end = next_i = last_break  # push the tail down with the forbidden neighbour
        else:
            line_end = next_i = max(j, line_start + 1)  # no allowed break at all: cut by force
        # Trailing spaces are not drawn.
        k = line_end
        while k > line_start and units[k - 1][3]:
            k -= 1
        start_offset = units[line_start][0]
        end_offset = units[k - 1][1] if k > line_start else start_offset
        lines.append(Line(start_offset, end_offset, line_indent))
        i = next_i
        if hard and i >= n:
            lines.append(Line(len(text), len(text), indent))
            break
    return lines


def wrap_paragraph(text: str, width: int, indent: int = INDENT_CELLS) -> tuple[str, list[Line]]:
    """A body paragraph: source indentation replaced by ``indent`` cells on its first line.

    Returns the cleaned text (without the source's own indentation) and its lines.
    """
    clean, _ = strip_indent(text)
    if width - indent < 8:  # too narrow to afford an indent
        indent = 0
    return clean, wrap(clean, width, first_indent=indent, indent=0)


def line_cells(text: str, line: Line) -> int:
    """Cells the line occupies, its indent included."""
    return line.indent + cell_len(text[line.start : line.end])
