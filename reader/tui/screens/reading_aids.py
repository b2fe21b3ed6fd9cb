"""The library screen's reading aids (a mixin of LibraryScreen): the word cursor and its panel,
and the title's reading on the meta line.

``w`` puts a word cursor on the first word in view: words are found by longest match over
CC-CEDICT (``reader.reading``), in the text as shown (the script being read). ``←``/``→`` step
word by word; the panel under the panes shows the word's reading (pinyin with tone marks, or
zhuyin: ``y`` switches, remembered), its Traditional and Simplified forms and its definitions;
Enter searches the library for it; ``h`` highlights it; Esc ends. ``Y`` shows the title's
reading on the meta line (remembered). The data loads once, in a thread worker, the first time
either is asked for (0.45 s: pypinyin's phrases and the dictionary), never before the first paint.
"""

from __future__ import annotations

from typing import Any

from textual import work

from reader.tui import data
from reader.tui.widgets.word_panel import WordPanel, panel_text

STYLES = ("pinyin", "zhuyin")


class ReadingAids:
    """Needs ``article_view``, ``app.settings``/``save_setting`` and a mounted ``WordPanel``."""

    word_mode = False
    aids_ready = False
    _segmentation: Any = None
    _segmented: tuple | None = None
    word: Any = None

    @property
    def reading_style(self) -> str:
        style = self.app.settings.get(data.READING_STYLE)
        return style if style in STYLES else "pinyin"

    @property
    def word_panel(self) -> WordPanel:
        return self.query_one(WordPanel)

    def restore_reading_aids(self) -> None:
        if self.app.settings.get(data.TITLE_READING):
            self._with_aids(self._show_title_reading)

    # -- loading --------------------------------------------------------------------------------

    def _with_aids(self, then) -> None:
        if self.aids_ready:
            then()
            return
        self.notify("Loading the readings and the dictionary…", timeout=2)
        self.load_aids(then)

    @work(thread=True, exclusive=True, group="reading-aids")
    def load_aids(self, then) -> None:
        from reader import reading

        reading.load(self.reading_style)
        self.app.call_from_thread(self._aids_loaded, then)

    def _aids_loaded(self, then) -> None:
        self.aids_ready = True
        then()

    # -- the word cursor ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """← → are the word cursor's only while it is on (else the find box's, the pane's)."""
        if action in ("word_next", "word_previous"):
            return self.word_mode
        return super().check_action(action, parameters)

    def action_words(self) -> None:
        if self.word_mode:
            self.stop_words()
            return
        if self.article_view.article is None:
            self.notify("Open an article first (Enter).")
            return
        self._with_aids(self._start_words)

    def _segments(self):
        """The shown body's words (cached per article and script: offsets are into that text)."""
        from reader.reading import Segmentation

        view = self.article_view
        key = (view.article.id, view.script, view.standard)
        if self._segmented != key:
            self._segmentation, self._segmented = Segmentation(view.shown_text()), key
        return self._segmentation

    def _start_words(self) -> None:
        view = self.article_view
        if view.article is None:
            return
        segments = self._segments()
        at = view.top_offset()
        word = segments.word_at(at) or segments.next_word(at) or segments.previous_word(at)
        if word is None:
            self.notify("No Chinese words in this article.")
            return
        self.word_mode = True
        view.focus()
        self._show_word(word)

    def _show_word(self, word) -> None:
        from reader import reading
        from reader.reading import dictionary

        style = self.reading_style
        self.word = word
        self.article_view.select_span(word.start, word.end)
        entries = dictionary.lookup(word.text)
        text = panel_text(word.text, reading.reading(word.text, style), entries,
                          lambda entry: reading.numbered_to(entry.pinyin, style), reading.credits(style))
        panel = self.word_panel
        panel.update(text)
        panel.display = True

    def stop_words(self) -> None:
        if not self.word_mode:
            return
        self.word_mode, self.word = False, None
        self.word_panel.display = False
        self.article_view.clear_selection()

    def action_word_next(self) -> None:
        self._step_word(forward=True)

    def action_word_previous(self) -> None:
        self._step_word(forward=False)

    def _step_word(self, forward: bool) -> None:
        if not self.word_mode or self.word is None:
            return
        segments = self._segments()
        # from the word's start: the next word may begin right where this one ends
        word = segments.next_word(self.word.start) if forward else segments.previous_word(self.word.start)
        if word is not None:
            self._show_word(word)

    def search_word(self) -> None:
        """Enter on a word: the search screen, with the word as the query."""
        from reader.tui.screens.search import SearchScreen

        word = self.word.text
        self.stop_words()
        self.app.push_screen(SearchScreen(query=word), self.search_opened)

    # -- reading style and the title's reading --------------------------------------------------

    def action_reading_style(self) -> None:
        style = STYLES[(STYLES.index(self.reading_style) + 1) % len(STYLES)]
        self.app.settings[data.READING_STYLE] = style
        self.app.save_setting(data.READING_STYLE, style)
        self.notify(f"Readings in {style}.", timeout=1.5)
        if self.word_mode and self.word is not None:
            self._show_word(self.word)
        if self.app.settings.get(data.TITLE_READING):
            self._with_aids(self._show_title_reading)

    def action_title_reading(self) -> None:
        show = not self.app.settings.get(data.TITLE_READING)
        self.app.settings[data.TITLE_READING] = show
        self.app.save_setting(data.TITLE_READING, show)
        if show:
            self._with_aids(self._show_title_reading)
        else:
            self.call_later(self.article_view.set_title_reading, None)

    def _show_title_reading(self) -> None:
        self.call_later(self.article_view.set_title_reading, self.reading_style)
