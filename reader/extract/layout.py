"""Undo the layout of text dumps made by layout-aware renderers (w3m, lynx, inscriptis).

Such dumps draw a page as a screen: the columns of a layout table stand side by side on the same
lines (the article on the left, a sidebar of headlines on the right), and paragraphs are wrapped
at the column's width. Read line by line, every line mixes article and sidebar, and every
paragraph is cut into fragments that look like headlines. ``reading_order`` recovers the text:
columns are found where many lines have a gap of spaces at the same position, each column is
read top to bottom, and the lines a paragraph was wrapped into are joined again.

Pages without such columns or wrapping (DOM dumps, the usual scraped page) come out unchanged.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from .region import LIST_ITEM

_GAP = re.compile(r"(?<=\S)[ \u00a0]{3,}(?=\S)")  # the space between two columns of a layout
_ANY_GAP = re.compile(r"(?<=\S)[ \u00a0]+(?=\S)")  # ... where a line fills its column to the edge
_COLUMN_SHARE = 0.08  # of the lines must start a segment at the same position to make a column
_COLUMN_MIN_LINES = 6
_SHORT_COLUMN = 4  # lines of a column of headlines (not figures) beside a short text
_TEXT_ITEM = 6  # Chinese letters of such a column's items, on average
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_END_LEFT = re.compile(r"[，、,；;]$")
_COLUMN_SLACK = 2  # cells a column's segments may start off its edge
_MAX_COLUMNS = 8
# characters are the unit only when clearly more segments line up so than in cells (a page's few
# ambiguous-width signs, "—" or "·", shift a cell-laid column by a cell here and there)
_CHARS_CLEARLY = 1.5
_CHARS_MIN_LINES = 4
_LONE_MIN = 30  # cells from the left where a line alone may stand in a right column
_LONE_INDENT = 4  # cells right of its column's edge a line alone may start (a wrapped item's rest)
_WRAP_SHARE = 0.2  # of a column's long lines must end at its right edge and go on for it to be wrapped text
_WRAP_MIN_WIDTH = 30
_WRAP_MIN_CARRIED = 5
_ENDS_CLAUSE = re.compile(r"[。！？!?」”』：:]\s*$")
_WRAP_MIN_CARRIED_PROSE = 2  # ... when each holds clause punctuation
_CLAUSE = re.compile(r"[，。；、,;]")


# The East Asian Wide and Fullwidth blocks that text pages are made of (Hangul Jamo, CJK and its
# punctuation, kana, Hangul, compatibility ideographs, vertical and full-width forms, the
# supplementary ideograph planes), counted by a regex in C: a per-character east_asian_width loop
# was a third of a text page's extraction. Approximate (emoji and a few symbols count one cell),
# which is enough: cell positions are only compared with each other within one page.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


def cells(text: str) -> int:
    """Terminal cells of ``text`` (wide and full-width characters take two)."""
    return len(text) + len(_WIDE.findall(text))


def _segments(line: str, measure=cells, gap: re.Pattern = _GAP) -> list[tuple[int, str]]:
    """(start position, text) of the runs of a line separated by layout gaps, the position in
    ``measure`` (cells, or characters)."""
    out, at = [], 0
    stripped = line.rstrip()
    pos = 0
    for m in gap.finditer(stripped):
        piece = stripped[pos: m.start()]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((at + measure(piece[:lead]), piece.strip()))
        at += measure(stripped[pos: m.end()])
        pos = m.end()
    piece = stripped[pos:]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        out.append((at + measure(piece[:lead]), piece.strip()))
    return out


def _aligned(rows: list[list[tuple[int, str]]], edges: list[int]) -> int:
    """The most segments after wide characters on their line (where cells and characters tell
    different positions), or alone on theirs far from the left, that start on one of ``edges``."""
    count = Counter()
    for row in rows:
        if len(row) == 1 and row[0][0] >= _LONE_MIN:
            count.update(e for e in edges if abs(row[0][0] - e) <= _COLUMN_SLACK)
        for j in range(1, len(row)):
            if any(_WIDE.search(text) for _, text in row[:j]):
                for e in edges:
                    if abs(row[j][0] - e) <= _COLUMN_SLACK:
                        count[e] += 1
    return max(count.values(), default=0)


def _layout(raw: list[str]) -> tuple[list[list[tuple[int, str]]], list[int], object]:
    """(segments of each line, column edges, measure) in the unit the renderer laid its columns
    out in: terminal cells (w3m, lynx: a wide character takes two), or characters (inscriptis pads
    a table's cells by character count, so that its columns line up only counted so). Pages
    without wide characters measure the same either way."""
    rows = [_segments(line) for line in raw]
    edges = _column_edges(rows)
    measure = cells
    if _WIDE.search("\n".join(raw)):
        by_chars = [_segments(line, len) for line in raw]
        char_edges = _column_edges(by_chars)
        by_char_count = _aligned(by_chars, char_edges)
        if by_char_count >= _CHARS_MIN_LINES and by_char_count > _CHARS_CLEARLY * _aligned(rows, edges):
            rows, edges, measure = by_chars, char_edges, len
    if edges:
        spans = _edge_spans(rows, edges)
        rows = [_narrow_splits(line, row, edges, measure, [e for e, (a, b) in zip(edges, spans) if a <= k <= b])
                if len(row) == 1 else row for k, (line, row) in enumerate(zip(raw, rows))]
    return rows, edges, measure


def _edge_spans(rows: list[list[tuple[int, str]]], edges: list[int]) -> list[tuple[int, int]]:
    """For each column edge, the first and last line with a segment starting on it: the rows of
    the layout table whose columns stand there (a paragraph above or below the table is none)."""
    spans = []
    for e in edges:
        on = [k for k, row in enumerate(rows)
              if any(abs(start - e) <= _COLUMN_SLACK for j, (start, _) in enumerate(row) if j or start >= _LONE_MIN)]
        # (the column's head may stand one space from a text line filled to the edge, a row or
        # two over the lines found; a paragraph under the table is none of its rows)
        spans.append((on[0] - _SPAN_MARGIN, on[-1]) if on else (0, -1))
    return spans


_SPAN_MARGIN = 2  # rows above a column's found lines that may hold its head


def _narrow_splits(line: str, row: list[tuple[int, str]], edges: list[int], measure,
                   spanning: list[int]) -> list[tuple[int, str]]:
    """The line's segments with a column's start after two spaces too, or after one (on the rows
    of the table whose column stands there, ``spanning``) before a wide character or a numbered
    item: a wrapped line that fills its column to the edge leaves only that much before the next
    column ("…預計三年  排行榜", "…確保船 排行榜", "…陳建華一 1. 嵐港地鐵…"); one space between Latin
    words or figures, or in a paragraph above or below the table ("陳大文 李小明"), is the text's own."""
    narrow = _segments(line, measure, _ANY_GAP)
    if len(narrow) == 1:
        return row
    out = [narrow[0]]
    before = narrow[0]
    for start, text in narrow[1:]:
        one_space = start - (before[0] + measure(before[1])) <= 1
        # (a wide column's edge only: a small table's edge near the left parts no prose)
        if start >= _LONE_MIN and any(abs(start - e) <= _COLUMN_SLACK for e in (spanning if one_space else edges)) \
                and (not one_space or (_WIDE.match(text) or _NUMBERED.match(text)) and _WIDE.match(before[1][-1])):
            out.append((start, text))
        else:
            out[-1] = (out[-1][0], out[-1][1] + (" " if one_space else "  ") + text)
        before = (start, text)
    return out


def _column_edges(rows: list[list[tuple[int, str]]]) -> list[int]:
    """Start cells of the columns after the first: positions where many lines start a segment after a gap."""
    starts = Counter(start for row in rows for start, _ in row[1:])
    # a line of the right column alone (the left one blank there) starts on its edge as well
    lone = Counter(row[0][0] for row in rows if len(row) == 1 and row[0][0] >= _LONE_MIN)
    starts.update({s: n for s, n in lone.items() if any(starts.get(s + d) for d in range(-_COLUMN_SLACK, _COLUMN_SLACK + 1))})
    need = max(_COLUMN_MIN_LINES, int(_COLUMN_SHARE * sum(1 for row in rows if row)))
    pieces_at: dict[int, list[tuple[str, bool | None]]] = {}  # start -> (text, left half ends mid-sentence)
    for row in rows:
        for j, (at, text) in enumerate(row):
            if j or len(row) == 1 and at >= _LONE_MIN:
                pieces_at.setdefault(at, []).append((text, bool(_CLAUSE_END_LEFT.search(row[j - 1][1])) if j else None))
    edges: list[int] = []
    for start in sorted(starts):  # ascending: the last edge is the only one a new one can be near
        near = sum(starts.get(start + d, 0) for d in range(-_COLUMN_SLACK, _COLUMN_SLACK + 1))
        # (a numbered column of headlines counts its wrapped items' rests, indented past the number)
        items = near
        if _numbered(pieces_at, start):
            items += sum(starts.get(start + d, 0) for d in range(_COLUMN_SLACK + 1, _LONE_INDENT + 1))
        if _SHORT_COLUMN <= items and near < need and _column_of_text(pieces_at, start):
            near = need  # (a short brief beside a short list of headlines)
        if near >= need and (not edges or start - edges[-1] > _COLUMN_SLACK * 2):
            edges.append(start)
            if len(edges) >= _MAX_COLUMNS:
                break
    return edges


_NUMBERED = re.compile(r"^\d{1,2}[.、]\s?\S")  # a ranked list's item as a renderer numbers it: "1. 嵐港…"


def _numbered(pieces_at: dict[int, list[tuple[str, bool | None]]], start: int) -> bool:
    """Whether most segments starting at ``start`` are numbered items (a ranked list's column)."""
    pieces = [text for d in range(-_COLUMN_SLACK, _COLUMN_SLACK + 1) for text, _ in pieces_at.get(start + d, ())]
    return bool(pieces) and 2 * sum(bool(_NUMBERED.match(t)) for t in pieces) > len(pieces)


def _column_of_text(pieces_at: dict[int, list[tuple[str, bool | None]]], start: int) -> bool:
    """Whether the segments starting at ``start`` read as a column of headlines beside a text: of
    some length, not figures or names (a small table's cells), and not the second halves of lines
    whose first halves end mid-sentence (a poem's couplets, "秋风吹过龙溪岸，   红叶飘来满石阶。")."""
    pieces = [p for d in range(-_COLUMN_SLACK, _COLUMN_SLACK + 1) for p in pieces_at.get(start + d, ())]
    halves = [mid for _, mid in pieces if mid is not None]
    letters = [len(_HAN.findall(text)) for text, _ in pieces]
    return bool(pieces) and sum(letters) / len(pieces) >= _TEXT_ITEM and sum(halves) * 2 <= len(halves)


def _is_wrapped(lines: list[tuple[int, str, int, int]]) -> tuple[bool, int]:
    """Whether a column's lines were wrapped at a fixed width, and that width's edge (end cell).

    Wrapping fills lines to the edge: many lines end at the same cell (give or take one for a
    wide character that did not fit) and go on in the next line. Hand-written lines end anywhere.
    """
    if not lines:
        return False, 0
    left = min(start for _, _, start, _ in lines)
    # the edge is where the most lines end, among the ends a paragraph could be wrapped at (a
    # menu's many short items end together too, far left of it)
    ends = Counter(end for _, _, _, end in lines if end - left >= _WRAP_MIN_WIDTH)
    if not ends:
        return False, 0
    edge = max(ends, key=lambda e: (ends[e] + ends.get(e - 1, 0), e))
    carried = [text for (_, text, _, end), (gap, _, _, _) in zip(lines, lines[1:]) if edge - 1 <= end <= edge and not gap]
    # the share is of the long lines: a portal's dump is mostly menu items and headline lists,
    # among which its wrapped paragraphs are a minority of all lines
    long_lines = sum(1 for _, _, start, end in lines if end - start >= (edge - left) // 2)
    # a short page (a brief of three paragraphs) carries fewer lines: prose cut mid-sentence at the
    # edge (commas in it, no full stop closing it), not a menu's items, when a few are carried
    cut_prose = sum(1 for t in carried if _CLAUSE.search(t) and not _ENDS_CLAUSE.search(t))
    least = _WRAP_MIN_CARRIED_PROSE if cut_prose >= _WRAP_MIN_CARRIED_PROSE else _WRAP_MIN_CARRIED
    return len(carried) >= max(least, _WRAP_SHARE * long_lines), edge


def _unwrap(lines: list[tuple[int, str, int, int]]) -> list[str]:
    """Join the lines of one column that were wrapped at its width. Items: (gap before, text, end
    cell); a gap of 1 means a blank line stood before it."""
    if not lines:
        return []
    wrapped, edge = _is_wrapped(lines)
    out: list[str] = []
    joinable = False
    for gap, text, _start, width in lines:
        if wrapped and joinable and not gap and out and not LIST_ITEM.match(text):  # (a list's next item: "（二）…")
            glue = " " if out[-1][-1:].isascii() and text[:1].isascii() and out[-1][-1:].isalnum() else ""
            out[-1] += glue + text
        else:
            if gap and out:
                out.append("")
            out.append(text)
        joinable = wrapped and width >= edge - 1 and not _ENDS_CLAUSE.search(text)
    return out


def _has_run_of_lines(text: str) -> bool:
    """Whether a wrapped paragraph may stand here: ``_WRAP_MIN_CARRIED`` + 1 non-blank lines in a
    row, or twice a line of prose (a comma in it) right above another line."""
    run = prose_runs = 0
    prose = False
    for line in text.split("\n"):
        if line.strip():
            run += 1
            prose_runs += run > 1 and prose
            prose = bool(_CLAUSE.search(line))
        else:
            run, prose = 0, False
        if run > _WRAP_MIN_CARRIED or prose_runs >= _WRAP_MIN_CARRIED_PROSE:
            return True
    return False


def reading_order(text: str) -> str:
    """``text`` with side-by-side columns read one after the other and wrapped paragraphs joined."""
    if not _GAP.search(text) and not _has_run_of_lines(text):
        return text  # no column gap, and no run of lines without blank lines between: nothing to undo
    raw = text.expandtabs(8).splitlines()
    rows, edges, measure = _layout(raw)
    if not any(rows):
        return text
    columns: list[list[tuple[int, str, int, int]]] = [[] for _ in range(len(edges) + 1)]
    last_row = [-2] * len(columns)
    for r, row in enumerate(rows):
        for start, piece in row:
            c = bisect.bisect_right(edges, start + _COLUMN_SLACK)
            if len(row) == 1 and c and start - edges[c - 1] > _LONE_INDENT:
                c = 0  # a line alone off every edge is the page's (a centred headline), not a column's
            column = columns[c]
            end = start + measure(piece)
            if last_row[c] == r and column:  # a second segment in the same column: one cell
                gap, prev, first, _ = column[-1]
                column[-1] = (gap, prev + " " + piece, first, end)
            else:
                column.append((0 if last_row[c] == r - 1 else 1, piece, start, end))
            last_row[c] = r
    if not edges and not _is_wrapped(columns[0])[0]:
        return text  # an ordinary page: indentation and all kept as they are
    parts = []
    for column in columns:
        parts.extend(_unwrap(column))
        parts.append("")
    return "\n".join(parts)
