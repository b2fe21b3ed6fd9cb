"""The TUI's one door to the library: database calls run on two dedicated threads.

Each thread opens its own Library (its own SQLite connection) and is the only one to use it, so a
connection never crosses threads. Reads (ids, rows, articles, search) and writes (read state,
bookmarks, settings, importing the sample) go to different threads: in WAL mode a write that
has to wait for another process (``reader import`` merging a bundle) never stalls the
list or the search. Widgets never call this: screens start ``@work(thread=True)`` workers that
call ``Gateway.call``/``Gateway.write`` (which block the worker, not the UI) and post the result
back as a message.
"""

from __future__ import annotations

import concurrent.futures
import threading
from pathlib import Path
from typing import Any, Callable, TypeVar

T = TypeVar("T")

# Settings keys (JSON values kept by the Library).
LAST_ARTICLE = "tui.last_article"
LAST_SCROLL = "tui.last_scroll"
SCRIPT = "tui.script"
STANDARD = "tui.traditional_standard"  # "tw" or "hk"
THEME = "tui.theme"  # a Textual theme name
FOCUS = "tui.focus_view"  # the list hidden, the article alone
MEASURE = "tui.measure"  # Han characters a line holds at most
READING_STYLE = "tui.reading_style"  # pinyin | zhuyin (the word panel, the title's reading)
TITLE_READING = "tui.title_reading"  # the title's reading on the meta line
PHOTOS = "tui.photos"  # photos drawn (True) or only their captions (False)

# The TUI's writes (read marks, its place) run on their own thread, so waiting costs the reader
# nothing, while giving up loses the mark. An import holds the library while it merges a bundle
# (~0.6 ms an article at 100k: 6 s for a 10,000-article bundle), so wait longer than the 10 s
# the command line waits; quitting waits for a queued write at most this long.
WRITE_PATIENCE_MS = 30_000


class _Lane:
    """One thread with its own Library."""

    def __init__(self, name: str, open_library: Callable[[], Any]) -> None:
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._open_library = open_library
        self._library = None

    def call(self, fn: Callable[..., T], *args: Any, timeout: float | None = None, **kwargs: Any) -> T:
        def job():
            if self._library is None:
                self._library = self._open_library()
            return fn(self._library, *args, **kwargs)

        return self._executor.submit(job).result(timeout)

    def close(self) -> None:
        def job():
            if self._library is not None:
                self._library.close()
                self._library = None

        try:
            self._executor.submit(job).result()
        finally:
            self._executor.shutdown(wait=True)


class Gateway:
    def __init__(self, path: Path, opener: Callable[[Path], Any] | None = None):
        self.path = Path(path)
        self._opener = opener
        self._created = threading.Lock()
        self._reads = _Lane("reader-db-read", self._open)
        self._writes = _Lane("reader-db-write", lambda: self._open(WRITE_PATIENCE_MS))

    def _open(self, busy_timeout_ms: int | None = None):
        if self._opener is not None:
            return self._opener(self.path)
        from reader.library import Library

        with self._created:  # the first open may create and migrate the file: one at a time
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return Library.open(self.path, busy_timeout_ms=busy_timeout_ms)

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(library, *args, **kwargs)`` on the reading thread and return its result."""
        return self._reads.call(fn, *args, **kwargs)

    def write(self, fn: Callable[..., T], *args: Any, timeout: float | None = None, **kwargs: Any) -> T:
        """Run ``fn(library, *args, **kwargs)`` on the writing thread and return its result.

        ``timeout`` (seconds) stops waiting for the answer (``TimeoutError``); the write itself
        still happens when the library lets it.
        """
        return self._writes.call(fn, *args, timeout=timeout, **kwargs)

    def close(self) -> None:
        try:
            self._writes.close()
        finally:
            self._reads.close()
