"""The article list: a Line-API view over a list of ids, rows fetched on demand.

The widget holds only the ids of the current filter (ints, cheap even at 100,000) and an LRU of
summaries and of rendered rows. ``render_line`` never touches the database: a row whose summary is
not cached yet is drawn as a placeholder and its id is asked for with a ``NeedRows`` message; the
screen loads a window of summaries around it in a worker and hands them back with ``add_rows``.
Rows are asked for ahead too: when the viewport comes within a page of rows that are not loaded,
the next window is requested before a placeholder would be drawn.

Repaints are kept to what changed: a read mark or a cursor move repaints its rows, delivered rows
repaint the list only when one of them is on screen.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.textsafe import terminal_safe

SUMMARY_CACHE = 5_000
STRIP_CACHE = 500
PREFETCH = 150  # rows loaded on each side of what is visible


class ArticleList(ScrollView, can_focus=True, inherit_bindings=False):
    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--meta",
        "article-list--mark",
        "article-list--placeholder",
        "article-list--untitled",
    }

    DEFAULT_CSS = """
    ArticleList { overflow-x: hidden; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class NeedRows(Message):
        """Summaries for these ids are wanted (they are about to be drawn)."""

        def __init__(self, ids: list[int]) -> None:
            super().__init__()
            self.ids = ids

    class Highlighted(Message):
        def __init__(self, article_id: int | None) -> None:
            super().__init__()
            self.article_id = article_id

    class Selected(Message):
        def __init__(self, article_id: int) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, convert: Callable[[str, str | None], str] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ids: list[int] = []
        self._index: dict[int, int] = {}
        self._summaries: OrderedDict[int, Any] = OrderedDict()
        # Rendered rows by article id, then by (width, is_cursor, has_focus): forgetting one
        # article's rows is one dict operation, not a scan of the whole cache.
        self._strips: OrderedDict[int, dict[tuple, Strip]] = OrderedDict()
        self._styles: dict[str, Style] | None = None  # base and component styles of a render pass
        self._requested: set[int] = set()
        self._convert = convert or (lambda text, script: text)

    # -- data ---------------------------------------------------------------------------------

    def set_ids(self, ids: list[int], keep: int | None = None) -> None:
        """Show these ids; put the cursor on ``keep`` if it is among them."""
        self.ids = list(ids)
        self._index = {article_id: i for i, article_id in enumerate(self.ids)}
        self._requested.clear()
        self._strips.clear()
        self.virtual_size = Size(self.size.width, len(self.ids))
        index = self._index.get(keep, 0) if keep is not None else 0
        self.cursor = min(index, max(0, len(self.ids) - 1))
        self.scroll_to(y=max(0, self.cursor - self.size.height // 2), animate=False, immediate=True)
        self.refresh()

    def add_rows(self, summaries: dict[int, Any]) -> None:
        for article_id, summary in summaries.items():
            self._summaries[article_id] = summary
            self._summaries.move_to_end(article_id)
            self._requested.discard(article_id)
            self._strips.pop(article_id, None)
        while len(self._summaries) > SUMMARY_CACHE:
            self._summaries.popitem(last=False)
        # Rows fetched ahead of the viewport are not drawn yet: no repaint for them.
        top = round(self.scroll_y)
        height = max(1, self.scrollable_content_region.height)
        if not self.ids or any(i in summaries for i in self.ids[top : top + height]):
            self.refresh()

    def forget_requests(self) -> None:
        """Rows asked for but never delivered (a failed load) may be asked for again."""
        self._requested.clear()
        self.refresh()

    def update_row(self, article_id: int, **changes: Any) -> None:
        """Change a cached summary in place (read, bookmarked) and redraw its row."""
        summary = self._summaries.get(article_id)
        if summary is None:
            return
        try:
            import dataclasses

            summary = dataclasses.replace(summary, **changes)
        except TypeError:
            for key, value in changes.items():
                setattr(summary, key, value)
        self._summaries[article_id] = summary
        self._forget_strip(article_id)
        self._refresh_row(self._index.get(article_id))

    def summary(self, article_id: int) -> Any | None:
        return self._summaries.get(article_id)

    def restyle(self) -> None:
        """Forget rendered rows (script or theme changed)."""
        self._strips.clear()
        self.refresh()

    def _forget_strip(self, article_id: int) -> None:
        self._strips.pop(article_id, None)

    def _refresh_row(self, index: int | None) -> None:
        """Repaint one row (virtual index) when it is on screen."""
        if index is None:
            return
        top = round(self.scroll_y)
        if top <= index < top + max(1, self.scrollable_content_region.height):
            self.refresh_line(index)

    def notify_style_update(self) -> None:
        self._styles = None  # theme, CSS or focus changed
        super().notify_style_update()

    @property
    def current_id(self) -> int | None:
        if 0 <= self.cursor < len(self.ids):
            return self.ids[self.cursor]
        return None

    def index_of(self, article_id: int) -> int | None:
        return self._index.get(article_id)

    def select_id(self, article_id: int) -> bool:
        index = self._index.get(article_id)
        if index is None:
            return False
        self.cursor = index
        return True

    # -- cursor ---------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        if not self.ids:
            return 0
        return max(0, min(value, len(self.ids) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        if old != new:
            for index in (old, new):
                if 0 <= index < len(self.ids):
                    self._forget_strip(self.ids[index])
        top = round(self.scroll_y)
        self._scroll_cursor_into_view()
        if round(self.scroll_y) != top or old == new:
            self.refresh()  # scrolled (or set again): everything moved
        else:
            self._refresh_row(old)
            self._refresh_row(new)
        self.post_message(self.Highlighted(self.current_id))

    def _scroll_cursor_into_view(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def move(self, delta: int) -> None:
        self.cursor = self.cursor + delta

    def page(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.ids))
        self._strips.clear()

    async def _on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = round(self.scroll_y) + offset.y
        if 0 <= index < len(self.ids):
            self.cursor = index
            self.post_message(self.Selected(self.ids[index]))

    # -- rendering ------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        """The widget's base style ("") or base + a component's style, computed once per style
        change instead of once per line."""
        if self._styles is None:
            base = self.rich_style
            self._styles = {"": base, "cursor": self.get_component_rich_style("article-list--cursor")}
            for part in ("unread", "read", "meta", "mark", "placeholder", "untitled"):
                self._styles[part] = base + self.get_component_rich_style(f"article-list--{part}")
        return self._styles[name]

    def render_lines(self, crop: Region) -> list[Strip]:
        self._styles = None  # once per render pass: a pseudo-class change is never missed
        self._prefetch()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        top = round(self.scroll_y)
        index = top + y
        width = self.scrollable_content_region.width
        if index >= len(self.ids):
            return Strip.blank(width, self._style(""))
        article_id = self.ids[index]
        summary = self._summaries.get(article_id)
        if summary is None:
            self._want(top)
            return Strip([Segment(set_cell_size("  …", width), self._style("placeholder"))], width)
        self._summaries.move_to_end(article_id)
        is_cursor = index == self.cursor
        key = (width, is_cursor, self.has_focus)
        rows = self._strips.get(article_id)
        if rows is None:
            rows = self._strips[article_id] = {}
            while len(self._strips) > STRIP_CACHE:
                self._strips.popitem(last=False)
        else:
            self._strips.move_to_end(article_id)
        strip = rows.get(key)
        if strip is None:
            strip = rows[key] = self._render_row(summary, width, is_cursor)
        return strip

    def _prefetch(self) -> None:
        """Ask for the next window while the viewport is still a page away from its edge."""
        if not self.ids:
            return
        top = round(self.scroll_y)
        height = max(1, self.scrollable_content_region.height)
        start, end = max(0, top - height), min(len(self.ids), top + 2 * height)
        summaries, requested = self._summaries, self._requested
        for article_id in self.ids[start:end]:
            if article_id not in summaries and article_id not in requested:
                self._want(top)
                return

    def _want(self, top: int) -> None:
        height = self.scrollable_content_region.height
        start = max(0, top - PREFETCH)
        end = min(len(self.ids), top + height + PREFETCH)
        wanted = [i for i in self.ids[start:end] if i not in self._summaries and i not in self._requested]
        if wanted:
            self._requested.update(wanted)
            self.post_message(self.NeedRows(wanted))

    def _render_row(self, summary: Any, width: int, is_cursor: bool) -> Strip:
        read = bool(getattr(summary, "read", False))
        bookmarked = bool(getattr(summary, "bookmarked", False))
        base = self._style("")
        # an article without a headline shows its file's name, muted: not a line passed off as a title
        title_style = self._style("untitled" if getattr(summary, "untitled", False) else "read" if read else "unread")
        meta_style = self._style("meta")
        mark_style = self._style("mark")
        title = terminal_safe(self._convert(summary.title or "", getattr(summary, "script", None)))
        title = " ".join(title.split())
        source = terminal_safe(self._convert(getattr(summary, "source", None) or "", getattr(summary, "script", None)))
        date = (getattr(summary, "published", None) or "")[:10]
        mark = ("★" if bookmarked else " ") + ("●" if not read else " ") + " "
        meta = ""
        progress = getattr(summary, "progress", None)
        if progress is not None and 0.0 < progress < 0.98 and width >= 30:
            meta = f" {int(progress * 100):>2}%"  # begun and not finished
        if width >= 36:
            if width >= 44 and source:
                source_width = min(12, width // 5)
                source = set_cell_size(_fit(source, source_width), source_width)
                meta += f" {source} {date}".rstrip()
            else:
                meta += f" {date}".rstrip()
        title_width = max(1, width - cell_len(mark) - cell_len(meta))
        segments = [
            Segment(mark, mark_style),
            Segment(set_cell_size(_fit(title, title_width), title_width), title_style),
            Segment(meta, meta_style),
        ]
        if is_cursor:
            cursor = self._style("cursor")
            segments = [Segment(text, style + cursor) for text, style, _ in segments]
        return Strip(segments).adjust_cell_length(width, base)


def _fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` cells with an ellipsis when it is longer."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1).rstrip() + "…"
