"""The TUI's one door to the library: every database call runs on one dedicated thread.

The Library (an SQLite connection) is opened, used and closed on that thread only, so it never
crosses threads. Widgets never call it: screens start ``@work(thread=True)`` workers that call
``Gateway.call`` (which blocks the worker, not the UI) and post the result back as a message.
"""

from __future__ import annotations

import concurrent.futures
from pathlib import Path
from typing import Any, Callable, TypeVar

T = TypeVar("T")

# Settings keys (JSON values kept by the Library).
LAST_ARTICLE = "tui.last_article"
LAST_SCROLL = "tui.last_scroll"
SCRIPT = "tui.script"
STANDARD = "tui.traditional_standard"  # "tw" or "hk"
THEME = "tui.theme"  # a Textual theme name


class Gateway:
    def __init__(self, path: Path, opener: Callable[[Path], Any] | None = None):
        self.path = Path(path)
        self._opener = opener
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="reader-db")
        self._library = None

    def _open(self):
        if self._library is None:
            if self._opener is not None:
                self._library = self._opener(self.path)
            else:
                from reader.library import Library

                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._library = Library.open(self.path)
        return self._library

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(library, *args, **kwargs)`` on the database thread and return its result."""

        def job():
            return fn(self._open(), *args, **kwargs)

        return self._executor.submit(job).result()

    def close(self) -> None:
        def job():
            if self._library is not None:
                self._library.close()
                self._library = None

        try:
            self._executor.submit(job).result()
        finally:
            self._executor.shutdown(wait=True)
