"""Search as you type: one worker per keystroke, stale queries cancelled and ignored."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.textsafe import terminal_safe
from reader.tui.textmatch import squeeze

if TYPE_CHECKING:
    from reader.tui.host import ReaderHost

LIMIT = 50


class SearchResults(Message):
    def __init__(self, query: str, hits: list[Any] | None, error: str | None = None) -> None:
        super().__init__()
        self.query, self.hits, self.error = query, hits, error


class SearchScreen(Screen[tuple[int, str] | None]):
    COMPONENT_CLASSES = {"search--match", "search--meta"}

    BINDINGS = [
        Binding("escape", "close", "Back to the list"),
        Binding("down", "move(1)", "Next result", show=False),
        Binding("up", "move(-1)", "Previous result", show=False),
        Binding("enter", "choose", "Open", show=True),
    ]

    app: "ReaderHost"

    def __init__(self, query: str = "") -> None:
        """``query``: what to search for at once (a word from the word panel)."""
        super().__init__()
        self.hits: list[Any] = []
        self.shown_query = ""
        self.initial_query = query

    def compose(self) -> ComposeResult:
        yield Input(self.initial_query, placeholder="Search the library (Simplified and Traditional alike)", id="q")
        yield Static("Type to search.", id="search-status")
        yield OptionList(id="results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#q", Input).focus()

    @on(Input.Changed, "#q")
    def _changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        if not query:
            self.workers.cancel_group(self, "search")
            self._show("", [])
            return
        self.run_search(query)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        worker = get_current_worker()
        try:
            hits = self.app.gateway.call(lambda lib: lib.search(query, limit=LIMIT))
        except Exception as error:  # noqa: BLE001 - a bad query is reported, not raised
            if not worker.is_cancelled:
                self.post_message(SearchResults(query, None, str(error)))
            return
        if not worker.is_cancelled:
            self.post_message(SearchResults(query, hits))

    def on_search_results(self, message: SearchResults) -> None:
        if message.query != self.query_one("#q", Input).value.strip():
            return  # a stale answer
        if message.error is not None:
            self.query_one("#search-status", Static).update(Text(terminal_safe(message.error)))
            return
        self._show(message.query, message.hits or [])

    def _show(self, query: str, hits: list[Any]) -> None:
        self.hits, self.shown_query = hits, query
        results = self.query_one("#results", OptionList)
        results.clear_options()
        options: list[Option | None] = []
        for hit in hits:
            if options:
                options.append(None)  # a separator line between results
            options.append(Option(self._render_hit(hit), id=str(hit.summary.id)))
        results.add_options(options)
        if hits:
            results.highlighted = 0
        status = self.query_one("#search-status", Static)
        if not query:
            status.update("Type to search.")
        elif not hits:
            status.update(Text(f"No results for “{terminal_safe(query)}”."))
        else:
            more = "+" if len(hits) >= LIMIT else ""
            noun = "result" if len(hits) == 1 else "results"
            status.update(Text(f"{len(hits)}{more} {noun} · ↑↓ to choose · Enter opens · Esc returns"))

    def _highlighted(self, text: str, spans: Any, script: str | None, style: Any) -> Text:
        """Text in the current script with spans highlighted (each piece converted apart)."""
        out = Text(end="")
        position = 0
        for start, end in sorted(spans or ()):
            if start < position or end > len(text):
                continue
            out.append(self.app.display_text(terminal_safe(text[position:start]), script))
            out.append(self.app.display_text(terminal_safe(text[start:end]), script), style=style)
            position = end
        out.append(self.app.display_text(terminal_safe(text[position:]), script))
        return out

    def _render_hit(self, hit: Any) -> Text:
        summary = hit.summary
        match = self.get_component_rich_style("search--match", partial=True)
        meta_style = self.get_component_rich_style("search--meta", partial=True)
        title = self._highlighted(*squeeze(summary.title or "", hit.title_spans), summary.script, match)
        # an article without a headline is listed under its file's name, muted as in the list
        title.stylize(meta_style + Style(italic=True) if getattr(summary, "untitled", False) else "bold")
        meta = " · ".join(x for x in [(summary.published or "")[:10], terminal_safe(self.app.display_text(summary.source or "", summary.script))] if x)
        line = Text(end="")
        line.append_text(title)
        if meta:
            line.append("  " + meta, style=meta_style)
        snippet = self._highlighted(*squeeze(hit.snippet or "", hit.spans), summary.script, match)
        line.append("\n  ")
        line.append_text(snippet)
        return line

    def action_move(self, delta: int) -> None:
        """Arrows in the query box move through the results; typing goes on."""
        results = self.query_one("#results", OptionList)
        if results.option_count:
            current = results.highlighted or 0
            results.highlighted = max(0, min(results.option_count - 1, current + delta))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_choose(self) -> None:
        results = self.query_one("#results", OptionList)
        index = results.highlighted
        if index is None or not self.hits:
            return
        self.dismiss((self.hits[index].summary.id, self.shown_query))

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss((int(event.option.id), self.shown_query))

    @on(Input.Submitted, "#q")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()
