"""A one-line prompt (a tag, a note): Enter gives the text, Esc gives None."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static


class PromptScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "", suggestions: list[str] | None = None) -> None:
        super().__init__()
        self._title, self._value, self._placeholder = title, value, placeholder
        self._suggester = SuggestFromList(suggestions, case_sensitive=False) if suggestions else None

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(Text(self._title, style="bold"))  # titles may quote article text: never markup
            yield Input(value=self._value, placeholder=self._placeholder, suggester=self._suggester, id="prompt")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
