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


_SPACES = frozenset(" \t\u00a0\n")
_FULLWIDTH_ALNUM = frozenset(
    [chr(c) for c in range(0xFF10, 0xFF1A)] + [chr(c) for c in range(0xFF21, 0xFF3B)] + [chr(c) for c in range(0xFF41, 0xFF5B)]
)
_CELLS: dict[str, int] = {}


def _cells_of(ch: str) -> int:
    size = _CELLS.get(ch)
    if size is None:
        size = _CELLS[ch] = 0 if ch == "\n" else get_character_cell_size(ch)
    return size


def _allowed_breaks(text: str, cells: list[int]) -> list[bool]:
    """allowed[i]: may a line break fall between character i-1 and character i?

    Spaces are looked through: never before closing punctuation nor after opening punctuation,
    even with spaces between (the spaces at a break are dropped, so the mark would still begin
    or end a line). Between two adjacent characters, never before a zero-width (combining)
    character, inside a run of narrow characters (Latin words, numbers, URLs, ``[tags]``: those
    break only at spaces) or inside full-width letters and digits. Anywhere else: at a space,
    or next to a wide (CJK) character, as Chinese allows.
    """
    n = len(text)
    allowed = [True] * (n + 1)
    spaces, no_start, no_end, wide_alnum = _SPACES, NO_LINE_START, NO_LINE_END, _FULLWIDTH_ALNUM
    # The nearest non-space character before each position and at or after it.
    before: list[str] = [""] * (n + 1)
    last = ""
    for i, ch in enumerate(text):
        before[i] = last
        if ch not in spaces:
            last = ch
    before[n] = last
    after: list[str] = [""] * (n + 1)
    nxt = ""
    for i in range(n - 1, -1, -1):
        ch = text[i]
        if ch not in spaces:
            nxt = ch
        after[i] = nxt
    for i in range(1, n):
        cur = text[i]
        prev = text[i - 1]
        if cur == "\n" or prev == "\n":
            continue  # hard breaks are the caller's
        if after[i] in no_start or before[i] in no_end:
            allowed[i] = False
        elif cur in spaces or prev in spaces:
            continue
        elif (
            cells[i] == 0
            or (cells[i] == 1 and cells[i - 1] == 1)
            or (cur in wide_alnum and prev in wide_alnum)
        ):
            allowed[i] = False
    return allowed


def wrap(text: str, width: int, first_indent: int = 0, indent: int = 0, at_spaces_only: bool = False) -> list[Line]:
    """Break ``text`` into lines of at most ``width`` cells (indents included).

    ``at_spaces_only``: break only where a space stands (a line of readings, whose zhuyin letters
    would otherwise break like Chinese characters, in the middle of a syllable).

    ``first_indent`` cells are left blank before the first line, ``indent`` before the others.
    A newline in the text is a hard break. Spaces at a break are dropped. Always returns at
    least one line (an empty text gives one empty line). A run with no allowed break that is
    wider than the line (a long URL) is cut by force where it overflows.
    """
    width = max(1, width)
    cells = [_cells_of(ch) for ch in text]
    allowed = _allowed_breaks(text, cells)
    spaces = _SPACES
    if at_spaces_only:
        allowed = [ok and (k == 0 or k == len(text) or text[k - 1] == " " or text[k] == " ")
                   for k, ok in enumerate(allowed)]  # not at a no-break space

    lines: list[Line] = []
    i = 0
    n = len(text)
    while True:
        line_indent = first_indent if not lines else indent
        available = width - line_indent
        if available < 1:
            available = 1
        if lines:  # spaces never begin a wrapped line
            while i < n and text[i] in spaces and text[i] != "\n":
                i += 1
        if i >= n:
            if not lines:
                lines.append(Line(0, 0, line_indent))
            break
        line_start = i
        used = 0
        last_break = -1  # index > line_start where a break is allowed
        j = i
        hard = False
        while j < n:
            ch = text[j]
            if ch == "\n":
                hard = True
                break
            if j > line_start and allowed[j]:
                last_break = j
            if ch not in spaces and used + cells[j] > available:
                break
            used += cells[j]
            j += 1
        if hard:
            line_end, next_i = j, j + 1
        elif j >= n:
            line_end = next_i = n
        elif allowed[j] and j > line_start:
            line_end = next_i = j
        elif last_break > line_start:
            line_end = next_i = last_break  # push the tail down with the forbidden neighbour
        else:
            line_end = next_i = max(j, line_start + 1)  # no allowed break at all: cut by force
        k = line_end  # trailing spaces are not drawn
        while k > line_start and text[k - 1] in spaces:
            k -= 1
        lines.append(Line(line_start, k, line_indent))
        i = next_i
        if hard and i >= n:
            lines.append(Line(n, n, indent))
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


_LAYOUT_CLASS: dict[str, tuple] = {}


def _layout_class(ch: str) -> tuple:
    """Everything about ``ch`` that :func:`wrap` looks at."""
    cls = _LAYOUT_CLASS.get(ch)
    if cls is None:
        cls = _LAYOUT_CLASS[ch] = (
            _cells_of(ch),
            ch == "\n",
            ch in _SPACES,
            ch in NO_LINE_START,
            ch in NO_LINE_END,
            ch in _FULLWIDTH_ALNUM,
        )
    return cls


def same_layout(old: str, new: str) -> bool:
    """True when ``wrap(new, ...)`` is ``wrap(old, ...)`` for every width and indent.

    So it is when the texts have the same length and every character that differs has the same
    cell width and the same part in line breaking (space, newline, kinsoku punctuation, full-width
    letter or digit) as the one it replaces: a script conversion (s2tw, tw2s) almost always only
    swaps Han characters for Han characters, and the old lines can be kept.
    """
    if len(old) != len(new):
        return False
    if old == new:
        return True
    cls = _layout_class
    # The distinct (old, new) pairs: a set built at C speed, then a few hundred checks, not one
    # Python step per character.
    return all(a == b or cls(a) == cls(b) for a, b in set(zip(old, new)))
