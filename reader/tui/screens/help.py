"""Help: generated from the command table, the same one that makes the bindings and palette."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.commands import COMMANDS


def help_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    group = None
    for command in COMMANDS:
        if command.group != group:
            if group is not None:
                table.add_row("", "")
            group = command.group
            table.add_row(Text(group, style="bold underline", justify="left"), "")
        table.add_row(Text(command.display_keys), Text(command.help))
    table.add_row("", "")
    table.add_row(Text("Ctrl+P"), Text("Command palette: every action above, by name."))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=True),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text("reader · keys", style="bold"), id="help-title")
            yield Static(help_table(), id="help-table")
            yield Static(Text("Esc closes this screen."), id="help-footer")
