"""Choose what the list shows: one bundle, one source, one tag or a saved search."""

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


class Choices(Message):
    def __init__(self, bundles: list[Any], sources: list[tuple[str, int]], tags: list[Any], searches: list[Any]) -> None:
        super().__init__()
        self.bundles, self.sources, self.tags, self.searches = bundles, sources, tags, searches


class FilterScreen(ModalScreen[tuple[str, Any, str] | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    app: "ReaderHost"

    def __init__(self) -> None:
        super().__init__()
        self.choices: list[tuple[str, Any, str]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-box"):
            yield Static(Text("Show a saved search, a tag, a bundle or a source", style="bold"))
            yield OptionList(id="filter-options")

    def on_mount(self) -> None:
        self.load()
        self.query_one(OptionList).focus()

    @work(thread=True)
    def load(self) -> None:
        found = self.app.gateway.call(lambda lib: (lib.bundles(), lib.sources(), lib.tags(), lib.saved_searches()))
        self.post_message(Choices(*found))

    def on_choices(self, message: Choices) -> None:
        self.choices = [("all", None, "all")]
        options = [Option(Text("All articles"))]
        for saved in message.searches:  # like newsboat's query feeds
            label = terminal_safe(saved.name)
            self.choices.append(("search", saved.query, label))
            options.append(Option(Text(f"search  {label}  ({saved.unread} unread of {saved.count})")))
        for tag in message.tags:
            label = terminal_safe(self.app.display_text(tag.name, None))
            self.choices.append(("tag", tag.name, "#" + label))
            options.append(Option(Text(f"tag     #{label}  ({tag.count})")))
        for bundle in message.bundles:
            label = terminal_safe(bundle.title or bundle.label)
            self.choices.append(("bundle", bundle.id, label))
            options.append(Option(Text(f"bundle  {label}  ({bundle.articles})")))
        for source, count in message.sources:
            label = terminal_safe(self.app.display_text(source or "", None))
            self.choices.append(("source", source, label))
            options.append(Option(Text(f"source  {label}  ({count})")))
        box = self.query_one(OptionList)
        box.clear_options()
        box.add_options(options)
        box.highlighted = 0

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index])
