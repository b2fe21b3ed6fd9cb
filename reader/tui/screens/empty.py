"""The empty library: how to import, and an offer to import the bundled sample."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.textsafe import terminal_safe

if TYPE_CHECKING:
    from reader.tui.host import ReaderHost


def find_sample() -> Path | None:
    """The sample bundles shipped in the repository (bundles/), next to the package or in the cwd."""
    import reader

    candidates = [Path(reader.__file__).resolve().parent.parent / "bundles", Path.cwd() / "bundles"]
    for candidate in candidates:
        try:
            if candidate.is_dir() and any(p for p in candidate.iterdir() if not p.name.startswith(".")):
                return candidate
        except OSError:
            continue
    return None


class ImportDone(Message):
    """An import (or a check) finished: ``articles`` now in the library, or an error."""

    def __init__(self, articles: int, error: str | None = None, done: str = "Imported") -> None:
        super().__init__()
        self.articles, self.error, self.done = articles, error, done


class EmptyScreen(Screen[bool]):
    BINDINGS = [
        Binding("i", "import_sample", "Import the sample", show=True),
        Binding("r", "check_again", "Check again", show=True),
        Binding("q", "app.quit", "Quit", show=True),
        Binding("question_mark", "app.show_help_screen", "Help", show=False, key_display="?"),
    ]

    app: "ReaderHost"

    def __init__(self, sample: Path | None = None) -> None:
        super().__init__()
        self.sample = sample if sample is not None else find_sample()

    def compose(self) -> ComposeResult:
        db = terminal_safe(str(self.app.db_path))
        text = Text()
        text.append("Your library is empty\n\n", style="bold")
        text.append("reader keeps offline Chinese news in a library file:\n  ")
        text.append(db + "\n\n", style="italic")
        text.append("Import bundles (folders, zip or tar archives, article files) from a shell:\n\n")
        text.append(f"  reader --db {db} import PATH…\n\n", style="bold")
        if self.sample is not None:
            text.append("Or press ")
            text.append("i", style="bold reverse")
            text.append(" to import the sample bundle shipped with reader:\n  ")
            text.append(terminal_safe(str(self.sample)) + "\n", style="italic")
        else:
            text.append(
                "The sample bundle (bundles/ in the reader repository) was not found here: run reader\n"
                "from the repository, or import the sample with `reader import path/to/reader/bundles`.\n"
            )
        text.append("\nAfter importing from a shell, press r. Press q to quit.")
        with Vertical(id="empty-box"):
            yield Static(text, id="empty-text")
            yield Static("", id="empty-status")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No sample to import, no offer of one in the footer."""
        return self.sample is not None if action == "import_sample" else True

    def action_import_sample(self) -> None:
        self.query_one("#empty-status", Static).update("Importing…")
        self.run_import(self.sample)

    def action_check_again(self) -> None:
        self.run_check()

    @work(thread=True, exclusive=True, group="check")
    def run_check(self) -> None:
        try:
            total = self.app.gateway.call(lambda lib: lib.count())
        except Exception as error:  # noqa: BLE001 - reported on screen
            self.post_message(ImportDone(0, str(error)))
            return
        self.post_message(ImportDone(total, None if total else "still empty", done="Found"))

    @work(thread=True, exclusive=True)
    def run_import(self, path: Path) -> None:
        def job(lib: Any) -> int:
            from reader.importer import import_paths

            report = import_paths(lib, [path])
            return int(getattr(report, "imported", 0) or 0)

        try:
            imported = self.app.gateway.write(job)
        except Exception as error:  # noqa: BLE001 - reported on screen
            self.post_message(ImportDone(0, str(error)))
            return
        self.post_message(ImportDone(imported))

    def on_import_done(self, message: ImportDone) -> None:
        status = self.query_one("#empty-status", Static)
        if message.error == "still empty":
            status.update(Text("The library is still empty."))
            return
        if message.error:
            status.update(Text(terminal_safe(f"Import failed: {message.error}")))
            return
        status.update(Text(f"{message.done} {message.articles} articles."))
        self.dismiss(True)
