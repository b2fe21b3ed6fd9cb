"""The word panel: the word under the word cursor, its reading and its dictionary entries.

Shown under the panes while the word cursor is on (``w``). Everything in it comes from the
article or the dictionary and is drawn as plain ``Text`` (never markup); the last line credits
the data, as CC-CEDICT's licence asks.
"""

from __future__ import annotations

from typing import Any, Sequence

from rich.text import Text
from textual.widgets import Static

from reader.textsafe import terminal_safe

MAX_ENTRIES = 3
MAX_DEFINITIONS = 6


def panel_text(word: str, reading: str, entries: Sequence[Any], entry_reading, credits: Sequence[str]) -> Text:
    """The panel's lines. ``entry_reading(entry)`` gives an entry's reading in the chosen style."""
    out = Text()
    out.append(terminal_safe(word), style="bold")
    out.append("  ")
    out.append(terminal_safe(reading), style="bold")
    forms = []
    for entry in entries:
        for form in (entry.traditional, entry.simplified):
            if form not in forms:
                forms.append(form)
    if len(forms) > 1:
        out.append("   " + " / ".join(terminal_safe(f) for f in forms))
    if not entries:
        out.append("\n(not in the dictionary)", style="italic")
    for entry in entries[:MAX_ENTRIES]:
        definitions = "; ".join(terminal_safe(d) for d in entry.definitions[:MAX_DEFINITIONS])
        out.append("\n")
        out.append(f"[{terminal_safe(entry_reading(entry))}] ", style="bold")
        out.append(definitions)
    if len(entries) > MAX_ENTRIES:
        out.append(f"\n… {len(entries) - MAX_ENTRIES} more entries", style="italic")
    out.append("\n" + " · ".join(credits), style="italic")
    out.append("\n← → word · Enter search the library · y pinyin/zhuyin · h highlight · Esc stop", style="italic")
    return out


class WordPanel(Static):
    DEFAULT_CSS = """
    WordPanel {
        height: auto;
        max-height: 12;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        border-top: solid $primary;
        display: none;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
