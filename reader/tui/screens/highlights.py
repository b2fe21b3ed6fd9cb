"""Every highlight and note (or one article's), newest first; Enter opens the passage."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.textsafe import terminal_safe

if TYPE_CHECKING:
    from reader.tui.host import ReaderHost


SHOWN = 1000  # the newest; `reader highlights` and the exports have every one


class HighlightsLoaded(Message):
    def __init__(self, items: list[Any]) -> None:
        super().__init__()
        self.items = items


def _line(text: str) -> str:
    return " ".join(terminal_safe(text or "").split())


class HighlightsScreen(ModalScreen[Any | None]):
    """Returns the chosen highlight (the article opens at it), or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("d", "delete", "Delete", tooltip="Delete the selected highlight or note"),
        Binding("e", "edit_note", "Edit note", tooltip="Edit the selected highlight's note"),
    ]

    app: "ReaderHost"

    def __init__(self, article_id: int | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.items: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="highlights-box"):
            yield Static(Text("Highlights and notes · Enter open · e edit note · d delete · Esc close", style="bold"))
            yield OptionList(id="highlights-options")

    def on_mount(self) -> None:
        self.load()
        self.query_one(OptionList).focus()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        items = self.app.gateway.call(lambda lib: lib.highlights(self.article_id, limit=SHOWN + 1))
        self.post_message(HighlightsLoaded(items))

    def on_highlights_loaded(self, message: HighlightsLoaded) -> None:
        self.items = message.items[:SHOWN]
        more = len(message.items) > SHOWN
        box = self.query_one(OptionList)
        box.clear_options()
        if not self.items:
            box.add_option(Option(Text("No highlights yet: v selects a passage in an article, h highlights it."), disabled=True))
            return
        options = []
        for h in self.items:
            label = Text()
            if h.is_article_note:
                label.append("Note  ", style="bold")
                label.append(_line(self.app.display_text(h.note, None)))
            else:
                label.append("「" + _line(self.app.display_text(h.exact, None)) + "」")
                if h.orphaned:
                    label.append("  (no longer in the text)", style="italic")
                if h.note:
                    label.append("\n  " + _line(self.app.display_text(h.note, None)), style="italic")
            label.append("\n  " + _line(self.app.display_text(h.title or "", None)), style="italic")
            options.append(Option(label))
        if more:
            options.append(Option(Text(f"(the newest {SHOWN}; reader highlights lists every one)", style="italic"), disabled=True))
        box.add_options(options)
        box.highlighted = 0

    def _selected(self) -> Any | None:
        index = self.query_one(OptionList).highlighted
        return self.items[index] if self.items and index is not None and index < len(self.items) else None

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if self.items and self.items[event.option_index].article_id is not None:
            self.dismiss(self.items[event.option_index])

    def action_delete(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self._write(lambda lib: lib.delete_highlight(chosen.uid))

    def action_edit_note(self) -> None:
        from reader.tui.screens.prompt import PromptScreen

        chosen = self._selected()
        if chosen is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                self._write(lambda lib: lib.set_highlight_note(chosen.uid, text))

        self.app.push_screen(PromptScreen("Note", chosen.note), done)

    @work(thread=True)
    def _write(self, job) -> None:
        try:
            self.app.gateway.write(job)
        except Exception as error:  # noqa: BLE001 - shown, not swallowed
            self.app.call_from_thread(self.notify, terminal_safe(str(error)), severity="error", markup=False)
        self.load()
