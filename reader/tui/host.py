"""What the screens need from the app beyond Textual's ``App``, as a protocol they type ``self.app`` with.

Why: the app imports its screens; were the screens to import the app back (even for type
hints), the two would form an import cycle. The app satisfies this protocol; a test checks
that it still does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from reader.tui.data import Gateway


@runtime_checkable
class ReaderHost(Protocol):
    db_path: Path
    gateway: Gateway
    settings: dict[str, Any]
    script: str  # one of reader.tui.app.SCRIPTS
    standard: str  # "tw" or "hk"
    photo_renderer: str  # one of reader.tui.photo_mode.RENDERERS

    def display_text(self, text: str, source_script: str | None) -> str: ...

    def show_empty(self) -> None: ...

    def save_setting(self, key: str, value: Any) -> None: ...

    def warm_converters(self, standard: str | None = None) -> None: ...

    async def cycle_script(self) -> None: ...

    async def toggle_standard(self) -> None: ...
