"""The share screen (``s``): a larger QR code, the URL, and ``c`` to copy the URL.

Copying goes through ``App.copy_to_clipboard`` (OSC 52 to the terminal; Textual also keeps the
text in ``app.clipboard``). Esc closes the screen.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static
from rich.text import Text

from reader import share
from reader.tui.widgets.share_block import ShareBlock


class ShareScreen(ModalScreen[None]):
    """``ShareScreen(article, script="original", standard="tw")`` or ``ShareScreen(payload=...)``."""

    BINDINGS = [
        Binding("c", "copy", "Copy URL"),
        Binding("escape", "close", "Close"),
    ]

    DEFAULT_CSS = """
    ShareScreen {
        align: center middle;
    }
    ShareScreen > VerticalScroll {
        width: 100%;
        height: 100%;
        padding: 0 1;
        background: $surface;
        border: round $primary;
    }
    ShareScreen ShareBlock {
        width: 1fr;
        margin: 0;
    }
    ShareScreen #share-keys {
        width: 100%;
        text-align: center;
        color: $text-muted;
    }
    """

    def __init__(
        self,
        article: Any = None,
        *,
        script: str = "original",
        standard: str = "tw",
        payload: share.Payload | None = None,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id)
        self.block = ShareBlock(article, script=script, standard=standard, payload=payload, large=True)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield self.block
            what = "URL" if self.block.payload is not None and self.block.payload.kind == "url" else "text"
            yield Static(Text(f"c copy {what} · esc close"), id="share-keys")

    @property
    def url(self) -> str:
        return self.block.payload.text if self.block.payload else ""

    def action_copy(self) -> None:
        if not self.url:
            self.notify("Nothing to copy.", severity="warning")
            return
        self.app.copy_to_clipboard(self.url)
        what = "URL" if self.block.payload.kind == "url" else "citation"
        self.notify(f"Copied the {what} (OSC 52: the terminal must allow clipboard access).")

    def action_close(self) -> None:
        self.dismiss(None)
