"""The library screen's actions on what the reader keeps: tags, highlights, notes, positions,
and following the library as other processes import into it.

A mixin of ``LibraryScreen`` (kept apart by job: that module moves and shows articles, this
one writes the reader's own marks). Every write runs in a thread worker through the gateway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work

from reader.textsafe import terminal_safe
from reader.tui.messages import HighlightsChanged, LoadFailed

if TYPE_CHECKING:
    from reader.tui.host import ReaderHost


class ReadingMarks:
    app: "ReaderHost"

    # -- following the library ----------------------------------------------------------------

    _data_version: int | None = None

    @work(thread=True, exclusive=True, group="follow")
    def follow_library(self) -> None:
        """Reload the list (saved searches included) when another process changed the library."""
        try:
            version = self.app.gateway.call(lambda lib: lib.arrivals())
        except Exception:  # noqa: BLE001 - a busy library: look again next time
            return
        if self._data_version is not None and version != self._data_version:
            self.app.call_from_thread(self.reload)
        self._data_version = version

    # -- reading positions ----------------------------------------------------------------------

    def remember_position(self) -> None:
        view = self.article_view
        if view.article is None:
            return
        article_id, fraction, length = view.article.id, view.fraction, len(view.article.body)
        self._write(lambda lib: lib.set_position(article_id, int(fraction * length), fraction))

    # -- tags -------------------------------------------------------------------------------------

    def action_edit_tags(self) -> None:
        article_id, item = self._target()
        if article_id is None or item is None:
            return
        self._ask_tags(article_id, list(getattr(item, "tags", ())))

    @work(thread=True, group="marks")
    def _ask_tags(self, article_id: int, current: list[str]) -> None:
        from reader.tui.screens.prompt import PromptScreen

        try:
            names = [t.name for t in self.app.gateway.call(lambda lib: lib.tags())]
        except Exception as error:  # noqa: BLE001
            self.post_message(LoadFailed("tags", error))
            return
        screen = PromptScreen(
            "Tags: +name adds, -name removes (a bare name adds); Tab completes",
            placeholder=" ".join("-" + t for t in current) or "+港澳 -to-read",
            suggestions=["+" + n for n in names] + ["-" + n for n in current],
        )
        self.app.call_from_thread(self.app.push_screen, screen, lambda text: self._apply_tags(article_id, text))

    def _apply_tags(self, article_id: int, text: str | None) -> None:
        if not text or not text.strip():
            return
        add = [w[1:] if w.startswith("+") else w for w in text.split() if not w.startswith("-") and w.strip("+")]
        remove = [w[1:] for w in text.split() if w.startswith("-") and len(w) > 1]

        def job(lib):
            lib.tag([article_id], add=add, remove=remove)
            return lib.article_tags(article_id)

        self._write(job, then=lambda tags: self._show_tags(article_id, tuple(tags)))

    def _show_tags(self, article_id: int, tags: tuple[str, ...]) -> None:
        self.article_list.update_row(article_id, tags=tags)
        view = self.article_view
        if view.article is not None and view.article.id == article_id:
            view.article.tags = tags
            self.call_later(view.set_script, view.script, view.standard)  # the meta line shows them
        self.notify("Tags: " + (" ".join("#" + terminal_safe(t) for t in tags) or "none"), markup=False)

    # -- highlights and notes -------------------------------------------------------------------

    def action_select(self) -> None:
        view = self.article_view
        if view.article is None:
            self.notify("Open an article first (Enter).")
            return
        if view.start_selection():
            view.focus()
            self.notify("Selecting: > < a character · ] [ a phrase · ) ( a sentence · h highlight · Esc stop")

    def _move(self, unit: str, forward: bool) -> None:
        if self.article_view.selection is None:
            self.notify("Press v to select a passage first.")
            return
        self.article_view.move_selection(unit, forward)

    def action_select_char_more(self) -> None:
        self._move("char", True)

    def action_select_char_less(self) -> None:
        self._move("char", False)

    def action_select_phrase_more(self) -> None:
        self._move("phrase", True)

    def action_select_phrase_less(self) -> None:
        self._move("phrase", False)

    def action_select_sentence_more(self) -> None:
        self._move("sentence", True)

    def action_select_sentence_less(self) -> None:
        self._move("sentence", False)

    def action_highlight(self) -> None:
        from reader.tui.screens.prompt import PromptScreen

        view = self.article_view
        span = view.selected_passage()
        if view.article is None or span is None:
            self.notify("Select a passage (v) or find one (f) first.")
            return
        article_id = view.article.id

        def done(note: str | None) -> None:
            if note is None:
                return
            view.clear_selection()
            self._write(lambda lib: lib.add_highlight(article_id, *span, note=note),
                        then=lambda _: self._reload_marks(article_id))

        self.app.push_screen(PromptScreen("Highlight: a note (optional), Enter to save", placeholder="note"), done)

    def action_article_note(self) -> None:
        from reader.tui.screens.prompt import PromptScreen

        view = self.article_view
        if view.article is None:
            self.notify("Open an article first (Enter).")
            return
        article_id = view.article.id

        def done(text: str | None) -> None:
            if text is not None:
                self._write(lambda lib: lib.set_article_note(article_id, text),
                            then=lambda _: self._reload_marks(article_id))

        self.app.push_screen(PromptScreen("Note on this article (empty removes it)", view.article_note), done)

    def action_highlights(self) -> None:
        from reader.tui.screens.highlights import HighlightsScreen

        def chosen(highlight: Any | None) -> None:
            if highlight is None:
                if self.article_view.article is not None:
                    self._reload_marks(self.article_view.article.id)
                return
            self.article_list.select_id(highlight.article_id)
            query = highlight.exact[:40] if highlight.exact else ""
            self.open_article(highlight.article_id, query=query)
            self.article_view.focus()

        self.app.push_screen(HighlightsScreen(), chosen)

    def _reload_marks(self, article_id: int) -> None:
        self._write(
            lambda lib: (lib.highlights(article_id), lib.article_note(article_id)),
            then=lambda found: self.post_message(HighlightsChanged(article_id, *found)),
        )

    def on_highlights_changed(self, message: HighlightsChanged) -> None:
        view = self.article_view
        if view.article is not None and view.article.id == message.article_id:
            view.set_highlights(message.highlights, message.note)

    # -- writing ----------------------------------------------------------------------------------

    @work(thread=True, group="marks")
    def _write(self, job, then=None) -> None:
        try:
            result = self.app.gateway.write(job)
        except Exception as error:  # noqa: BLE001 - shown to the user, not swallowed
            self.post_message(LoadFailed("save", error))
            return
        if then is not None:
            self.app.call_from_thread(then, result)
