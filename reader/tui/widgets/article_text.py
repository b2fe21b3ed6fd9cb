"""Article text drawn with the Line API: a run of paragraphs wrapped by ``reader.linebreak`` at the
widget's width (cached per width), with find matches, highlights and the selection painted on.

The reader pane (``ArticleView``) stacks these sections, with the share block and photos between
them. Every piece of text here went through ``terminal_safe`` and is drawn from ``rich.text.Text``
(never markup).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from reader.linebreak import Line, same_layout, wrap


@dataclass
class Para:
    kind: str  # caption, title (or untitled: the file name of a page without a headline), meta, crumb, subheading, paragraph, byline
    text: str


_STYLE = {
    "title": "article-view--title",
    "untitled": "article-view--untitled",
    "meta": "article-view--meta",
    "crumb": "article-view--crumb",
    "subheading": "article-view--subheading",
    "paragraph": "article-view--paragraph",
    "byline": "article-view--byline",
    "note": "article-view--note",
    "reading": "article-view--reading",
    "caption": "article-view--caption",  # a photo's (reader/tui/widgets/photo_block.py)
}


class ArticleText(Widget):
    """A run of paragraphs drawn line by line; knows where each match falls."""

    COMPONENT_CLASSES = set(_STYLE.values()) | {
        "article-view--match", "article-view--match-current", "article-view--highlight",
        "article-view--selection",
    }

    DEFAULT_CSS = """
    ArticleText { height: auto; }
    """

    def __init__(self, paras: list[Para]) -> None:
        super().__init__()
        self.paras = paras
        self._wrapped: tuple[int, list[tuple[int | None, Line | None]]] | None = None
        self.matches: list[tuple[int, int, int]] = []  # (para, start, end)
        self.current: int | None = None  # index into matches
        self.highlights: list[tuple[int, int, int]] = []  # (para, start, end) of the user's highlights
        self.selection: list[tuple[int, int, int]] = []  # (para, start, end) of the passage being selected
        self._styles: dict[str, Style] | None = None

    def notify_style_update(self) -> None:
        self._styles = None  # theme or CSS changed
        super().notify_style_update()

    def _style(self, name: str) -> Style:
        if self._styles is None:
            base = self.rich_style
            self._styles = {"": base}
            for component in self.COMPONENT_CLASSES:
                self._styles[component] = self.get_component_rich_style(component)
            for component in _STYLE.values():
                self._styles["text:" + component] = base + self._styles[component]
        return self._styles[name]

    def set_paras(self, paras: list[Para]) -> None:
        """Show other paragraphs; the wrapped lines are kept when they would come out the same
        (the same text: a switch to the script the article is in; or a conversion that swapped
        characters for characters of the same width and line-breaking class)."""
        old, self.paras = self.paras, paras
        had_matches = bool(self.matches)
        self.matches, self.current = [], None
        if old == paras or (
            self._wrapped is not None
            and len(old) == len(paras)
            and all(a.kind == b.kind and same_layout(a.text, b.text) for a, b in zip(old, paras))
        ):
            if old != paras or had_matches:
                self.refresh()  # same lines, other characters (or highlights gone): repaint only
            return
        self._wrapped = None
        self.refresh(layout=True)

    def layout_lines(self, width: int) -> list[tuple[int | None, Line | None]]:
        if self._wrapped and self._wrapped[0] == width:
            return self._wrapped[1]
        rows: list[tuple[int | None, Line | None]] = []
        for index, para in enumerate(self.paras):
            if para.kind == "paragraph":
                lines = wrap(para.text, width, first_indent=4 if width >= 20 else 0)
            elif para.kind == "reading":  # a word's syllables stay on one line
                lines = wrap(para.text, width, at_spaces_only=True)
            else:
                lines = wrap(para.text, width)
            if para.kind == "subheading" and rows and rows[-1][0] is not None:
                rows.append((None, None))
            rows.extend((index, line) for line in lines)
            if para.kind in ("title", "untitled", "paragraph", "subheading", "crumb", "note"):
                rows.append((None, None))
        while rows and rows[-1][0] is None:
            rows.pop()
        self._wrapped = (width, rows)
        return rows

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.layout_lines(width))

    def line_of(self, para: int, offset: int) -> int:
        for y, (index, line) in enumerate(self.layout_lines(self.content_size.width)):
            if index == para and line is not None and line.start <= offset <= max(line.end, line.start):
                if offset < line.end or line.end == line.start:
                    return y
        return 0

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        base = self._style("")
        rows = self.layout_lines(width)
        if y >= len(rows) or rows[y][0] is None:
            return Strip.blank(width, base)
        index, line = rows[y]
        para = self.paras[index]
        style = self._style("text:" + _STYLE.get(para.kind, "article-view--paragraph"))
        text = Text(" " * line.indent, style=style, end="")
        piece = Text(para.text[line.start : line.end], style=style, end="")
        if self.highlights:
            marked = self._style("article-view--highlight")
            for p, start, end in self.highlights:
                if p == index and end > line.start and start < line.end:
                    piece.stylize(marked, max(start, line.start) - line.start, min(end, line.end) - line.start)
        for p, start, end in self.selection:
            if p == index and end > line.start and start < line.end:
                piece.stylize(self._style("article-view--selection"), max(start, line.start) - line.start,
                              min(end, line.end) - line.start)
        if self.matches:
            match_style = self._style("article-view--match")
            current_style = self._style("article-view--match-current")
            for n, (p, start, end) in enumerate(self.matches):
                if p != index or end <= line.start or start >= line.end:
                    continue
                piece.stylize(
                    current_style if n == self.current else match_style,
                    max(start, line.start) - line.start,
                    min(end, line.end) - line.start,
                )
        text.append_text(piece)
        segments = list(text.render(self.app.console))
        return Strip(segments).adjust_cell_length(width, base)
