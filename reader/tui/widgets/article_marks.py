"""The reader pane's marks: the user's highlights, the article's note and the selection being made.

A mixin of ``ArticleView`` (that module lays out and scrolls the article; this one places the
reader's marks on it). Offsets go through ``reader.tui.passages.ShownBody``: highlights are
stored against the stored body, the pane shows converted text.
"""

from __future__ import annotations

from typing import Any

from reader.tui.passages import ShownBody
from reader.tui.selection import first_sentence, move_end


class ArticleMarks:
    article: Any
    highlight_items: list[Any]
    article_note: str
    selection: tuple[int, int] | None

    def set_highlights(self, highlights: list[Any], note: str) -> None:
        """Show an article's highlights and note after they changed (the meta line too)."""
        note_changed = note != self.article_note
        self.highlight_items, self.article_note = list(highlights), note
        if note_changed and self.article is not None:
            self._refill(self._build())
        self._draw_marks()

    def _draw_marks(self) -> None:
        shown = ShownBody(self._sections)
        for section in self._sections:
            section.highlights, section.selection = [], []
        for section, para, start, end in shown.place_all(self.highlight_items):
            section.highlights.append((para, start, end))
        if self.selection is not None:
            for section, para, start, end in shown.pieces(*self.selection):
                section.selection.append((para, start, end))
        for section in self._sections:
            section.refresh()

    def start_selection(self) -> bool:
        """Select the current find match, else the first sentence at the top of the pane."""
        if self.article is None:
            return False
        shown = ShownBody(self._sections)
        if not shown.text:
            return False
        if self.current_match is not None:
            section, para, start, end = self.matches[self.current_match]
            at = shown.offset_of(section, para, start)
            if at is not None:
                self.selection = (at, at + end - start)
                self._draw_marks()
                return True
        self.selection = first_sentence(shown.text, self.top_offset(shown))
        self._draw_marks()
        return True

    def shown_text(self) -> str:
        """The body as shown (converted, cleaned): what selection offsets point into."""
        return ShownBody(self._sections).text

    def top_offset(self, shown: ShownBody | None = None) -> int:
        """Where in the shown text the first paragraph in view starts."""
        shown = shown or ShownBody(self._sections)
        for section, index, start in shown.table:
            if section.virtual_region.y + section.line_of(index, 0) >= self.scroll_y:
                return start
        return 0

    def select_span(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` of the shown text (the word cursor) and bring it into view."""
        shown = ShownBody(self._sections)
        self.selection = (start, end)
        self._draw_marks()
        pieces = shown.pieces(start, end)
        if pieces:
            section, para, offset, _ = pieces[0]
            self.call_after_refresh(self._scroll_to_match, section, para, offset)

    def move_selection(self, unit: str, forward: bool) -> None:
        if self.selection is None:
            return
        shown = ShownBody(self._sections)
        start, end = self.selection
        self.selection = (start, move_end(shown.text, start, end, unit, forward))
        self._draw_marks()

    def clear_selection(self) -> None:
        if self.selection is not None:
            self.selection = None
            self._draw_marks()

    def selected_passage(self) -> tuple[int, int] | None:
        """The selection (else the current find match) as offsets into the stored body."""
        if self.article is None:
            return None
        shown = ShownBody(self._sections)
        span = self.selection
        if span is None and self.current_match is not None:
            section, para, start, end = self.matches[self.current_match]
            at = shown.offset_of(section, para, start)
            span = None if at is None else (at, at + end - start)
        if span is None:
            return None
        return shown.to_body(self.article.body, *span)

