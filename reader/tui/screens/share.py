"""The share screen (``s``): a larger QR code of the web address (or a citation), ``l`` for the
article's link on the local network, ``c`` to copy what the code holds.

``l`` starts the local-network server on first use (``ReaderApp.start_lan``, in a thread: it
binds a socket and opens the library) and shows the article's page on it with the run's token;
``w`` goes back to the web address, ``x`` stops serving. While the server runs, the library
screen's header says so. Copying goes through ``App.copy_to_clipboard`` (OSC 52 to the terminal;
Textual also keeps the text in ``app.clipboard``). Esc closes the screen.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static
from rich.text import Text

from reader import share
from reader.tui.widgets.share_block import SCREEN_CHROME_ROWS, ShareBlock


class ShareScreen(ModalScreen[None]):
    """``ShareScreen(article, script="original", standard="tw")`` or ``ShareScreen(payload=...)``."""

    BINDINGS = [
        Binding("c", "copy", "Copy"),
        Binding("l", "local_link", "Local link"),
        Binding("w", "web_address", "Web address"),
        Binding("x", "stop_serving", "Stop serving"),
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
    ShareScreen #share-serving {
        width: 100%;
        text-align: center;
        color: $text-accent;
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
        self.article = article
        self.showing_local = False
        self.given_payload = payload
        self.block = ShareBlock(article, script=script, standard=standard, payload=payload, large=True)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield self.block
            yield Static(Text(self._serving_line()), id="share-serving")
            yield Static(Text(self._keys_line()), id="share-keys")

    @property
    def url(self) -> str:
        return self.block.payload.text if self.block.payload else ""

    def _what(self) -> str:
        if self.showing_local:
            return "link"
        return "URL" if self.block.payload is not None and self.block.payload.kind == "url" else "text"

    def _keys_line(self) -> str:
        keys = [f"c copy {self._what()}"]
        if self.article is not None and hasattr(self.app, "start_lan"):
            keys.append("w web address" if self.showing_local else "l local link")
        if self._lan() is not None:
            keys.append("x stop serving")
        return " · ".join(keys + ["esc close"])

    def _lan(self):
        """The app's running server (a ReaderApp's; other apps show no local link)."""
        return getattr(self.app, "lan", None)

    def _serving_line(self) -> str:
        lan = self._lan()
        if lan is None:
            return ""
        if lan.host.startswith("127."):
            return f"⇄ serving on {lan.host}:{lan.port}: no local network found, only this machine can open it"
        return f"⇄ serving this library on {lan.host}:{lan.port}: phones on the same network with the link can read it"

    def on_mount(self) -> None:
        serving = self._lan() is not None
        self.query_one("#share-serving", Static).display = serving
        self.block.chrome_rows = SCREEN_CHROME_ROWS + serving

    def _refresh_lines(self) -> None:
        serving = self.query_one("#share-serving", Static)
        serving.update(Text(self._serving_line()))
        serving.display = self._lan() is not None
        self.block.chrome_rows = SCREEN_CHROME_ROWS + serving.display
        self.query_one("#share-keys", Static).update(Text(self._keys_line()))
        try:
            self.app.library_screen().update_header()
        except LookupError:
            pass

    # -- actions --------------------------------------------------------------------------------

    def action_copy(self) -> None:
        if not self.url:
            self.notify("Nothing to copy.", severity="warning")
            return
        self.app.copy_to_clipboard(self.url)
        what = {"link": "local link", "URL": "URL"}.get(self._what(), "citation")
        self.notify(f"Copied the {what} (OSC 52: the terminal must allow clipboard access).")

    def action_local_link(self) -> None:
        if self.article is None or self.showing_local or not hasattr(self.app, "start_lan"):
            return
        self.notify("Starting the local-network server…")
        self.start_server()

    @work(thread=True, exclusive=True, group="lan")
    def start_server(self) -> None:
        from reader.errors import ReaderError

        try:
            running = self.app.start_lan()
        except (ReaderError, OSError) as error:
            self.app.call_from_thread(self.notify, f"Cannot serve: {error}", severity="error")
            return
        self.app.call_from_thread(self._show_local, running.article_url(self.article.id, self.app.script))

    def _show_local(self, url: str) -> None:
        self.showing_local = True
        self.block.show_payload(share.Payload(url, "url"))
        self._refresh_lines()

    def action_web_address(self) -> None:
        if not self.showing_local:
            return
        self.showing_local = False
        self.block.show_payload(self.given_payload)
        self._refresh_lines()

    def action_stop_serving(self) -> None:
        if not hasattr(self.app, "stop_lan") or not self.app.stop_lan():
            return
        self.notify("Stopped serving the library on the local network.")
        if self.showing_local:
            self.action_web_address()
        else:
            self._refresh_lines()

    def action_close(self) -> None:
        self.dismiss(None)
