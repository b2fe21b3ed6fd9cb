"""The terminal reader: ``reader`` with no command."""

from __future__ import annotations

import argparse
import gc
import os
import threading
import time
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable

from textual import events, work
from textual.app import App, SystemCommand
from textual.message import Message
from textual.screen import Screen

from reader.script import convert, to_display
from reader.tui import data, photo_mode
from reader.tui.commands import COMMANDS

SCRIPTS = ("original", "traditional", "simplified")

GC_CHECK_SECONDS = 2.0  # how often the app looks for an idle moment to collect
GC_IDLE_SECONDS = 1.0  # no key or mouse for this long: idle
GC_MAX_SECONDS = 60.0  # collect anyway after this long without a full collection


class SettingsLoaded(Message):
    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__()
        self.settings = settings


class ReaderApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "reader"
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, db_path: Path, opener: Callable[[Path], Any] | None = None, sample: Path | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.gateway = data.Gateway(self.db_path, opener)
        self.sample = sample
        self.settings: dict[str, Any] = {}
        self.script = "original"
        self.standard = "tw"
        self._closed = False
        self._settings_loaded = False
        self.warmed: set[str] = set()  # OpenCC configurations built ahead by warm_converters
        self._gc_threshold: tuple[int, int, int] | None = None
        self._last_input = time.monotonic()
        self._last_full_collect = time.monotonic()
        self.lan: Any = None  # the local-network server (reader.serve.server.Running), once started
        self._lan_lock = threading.Lock()
        # How photos are drawn (reader.tui.photo_mode.RENDERERS): run_app asks the terminal
        # before the app starts; an app made otherwise (tests) draws half blocks.
        self.photo_renderer = "off" if photo_mode.choice() == "off" else "halfblock"

    # -- start and stop -------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.defer_full_collections()
        self.load_settings()

    # -- garbage collection ---------------------------------------------------------------------
    #
    # A full (generation 2) collection walks every object: 10-40 ms here, about one key press in
    # eight, at random (the "unexplained" spikes of BENCHMARKS.md). They are left to idle moments:
    # no automatic full collection while the app runs, one when no key or mouse event came for a
    # second (or after a minute of constant use). Younger generations still collect as usual.

    def defer_full_collections(self) -> None:
        if self._gc_threshold is None:
            self._gc_threshold = gc.get_threshold()
            first, second, _ = self._gc_threshold
            gc.set_threshold(first, second, 1_000_000_000)
            self.set_interval(GC_CHECK_SECONDS, self.collect_when_idle)

    def restore_collections(self) -> None:
        if self._gc_threshold is not None:
            gc.set_threshold(*self._gc_threshold)
            self._gc_threshold = None

    def collect_when_idle(self, now: float | None = None) -> bool:
        """The full collection Python would have run by now, if the user is idle (or it is long
        overdue); True if it ran. An app left alone does not collect again and again."""
        if self._gc_threshold is None:
            return False
        due = gc.get_count()[2] >= self._gc_threshold[2]  # younger collections since the last full one
        now = time.monotonic() if now is None else now
        if not due or (now - self._last_input < GC_IDLE_SECONDS and now - self._last_full_collect < GC_MAX_SECONDS):
            return False
        gc.collect()
        self._last_full_collect = time.monotonic()
        return True

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            self._last_input = time.monotonic()
        await super().on_event(event)

    @work(thread=True)
    def load_settings(self) -> None:
        def job(lib: Any) -> dict[str, Any]:
            keys = (data.LAST_ARTICLE, data.LAST_SCROLL, data.SCRIPT, data.STANDARD, data.THEME, data.FOCUS, data.MEASURE,
                    data.READING_STYLE, data.TITLE_READING, data.PHOTOS)
            return {key: lib.get_setting(key) for key in keys}

        try:
            settings = self.gateway.call(job)
        except Exception as error:  # noqa: BLE001
            self.call_from_thread(self.fail, error)
            return
        self.post_message(SettingsLoaded(settings))

    def fail(self, error: BaseException) -> None:
        from reader.textsafe import terminal_safe

        self.exit(return_code=1, message=terminal_safe(f"reader: error: {error}"))

    def on_settings_loaded(self, message: SettingsLoaded) -> None:
        from reader.tui.screens.library import LibraryScreen

        self.settings = message.settings
        if message.settings.get(data.SCRIPT) in SCRIPTS:
            self.script = message.settings[data.SCRIPT]
        if message.settings.get(data.STANDARD) in ("tw", "hk"):
            self.standard = message.settings[data.STANDARD]
        theme = message.settings.get(data.THEME)
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self._settings_loaded = True
        self.push_screen(LibraryScreen())

    def show_empty(self) -> None:
        from reader.tui.screens.empty import EmptyScreen

        def done(imported: bool | None) -> None:
            if imported:
                self.library_screen().reload()

        if not any(type(screen).__name__ == "EmptyScreen" for screen in self.screen_stack):
            self.push_screen(EmptyScreen(self.sample), done)

    def library_screen(self):
        from reader.tui.screens.library import LibraryScreen

        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                return screen
        raise LookupError("no library screen")

    async def action_quit(self) -> None:
        self.save_place()
        self.exit(0)

    def save_place(self) -> None:
        """Remember the open article's scroll position and its reading position (the article
        itself is saved on open)."""
        try:
            screen = self.library_screen()
        except LookupError:
            return
        view = screen.article_view
        if view.article is None:
            return
        scroll, fraction, article_id, length = float(view.scroll_y), view.fraction, view.article.id, len(view.article.body)

        def job(lib) -> None:
            lib.set_setting(data.LAST_SCROLL, scroll)
            lib.set_position(article_id, int(fraction * length), fraction)

        try:
            self.gateway.write(job, timeout=2.0)
        except Exception:  # noqa: BLE001 - quitting must not fail
            pass

    def close_library(self) -> None:
        if not self._closed:
            self._closed = True
            self.gateway.close()

    def on_unmount(self) -> None:
        self.restore_collections()
        self.stop_lan()
        self.close_library()

    # -- the local-network server (the share screen's local link) -------------------------------

    def start_lan(self):
        """The running server, started on first use. Blocking (it binds and opens the library):
        call it from a thread worker. ``READER_SERVE_HOST`` picks the address, as for ``reader serve``."""
        with self._lan_lock:
            if self.lan is None:
                from reader.serve.server import Running

                self.lan = Running(self.db_path, os.environ.get("READER_SERVE_HOST") or None).start()
            return self.lan

    def stop_lan(self) -> bool:
        with self._lan_lock:
            running, self.lan = self.lan, None
        if running is None:
            return False
        running.stop()
        return True

    def watch_theme(self, theme: str) -> None:
        if self._settings_loaded:  # a theme the user chose (palette: "Change theme") is kept
            self.save_setting(data.THEME, theme)

    # -- scripts --------------------------------------------------------------------------------

    def display_text(self, text: str, source_script: str | None) -> str:
        return to_display(text, self.script, source_script or "unknown", self.standard)

    def converters_for(self, standard: str | None = None) -> tuple[str, str]:
        """The OpenCC configurations a script switch may need under ``standard``."""
        return ("s2hk", "hk2s") if (standard or self.standard) == "hk" else ("s2tw", "tw2s")

    @work(thread=True, group="warm")
    def warm_converters(self, standard: str | None = None) -> None:
        """Build the converters a script switch needs (25-260 ms each) in a thread, after the
        first paint, so the first ``t`` of a session does not pay for them. OpenCC builds without
        holding the GIL; ``convert`` caches what it built."""
        for config in self.converters_for(standard):
            try:
                convert("简", config)
            except Exception:  # noqa: BLE001 - the switch itself will report a broken OpenCC
                return
            self.warmed.add(config)

    async def cycle_script(self) -> None:
        self.script = SCRIPTS[(SCRIPTS.index(self.script) + 1) % len(SCRIPTS)]
        self.save_setting(data.SCRIPT, self.script)
        await self.library_screen().apply_script()

    async def toggle_standard(self) -> None:
        self.standard = "hk" if self.standard == "tw" else "tw"
        self.save_setting(data.STANDARD, self.standard)
        self.notify("Traditional: Hong Kong standard" if self.standard == "hk" else "Traditional: Taiwan standard")
        await self.library_screen().apply_script()
        self.call_after_refresh(self.warm_converters, self.standard)

    @work(thread=True, group="settings")
    def save_setting(self, key: str, value: Any) -> None:
        try:
            self.gateway.write(lambda lib: lib.set_setting(key, value))
        except Exception as error:  # noqa: BLE001 - a setting not saved is said, not fatal
            self.call_from_thread(self.notify, f"Could not save a setting: {error}", severity="warning", markup=False)

    # -- help and palette -----------------------------------------------------------------------

    def action_show_help_screen(self) -> None:
        from reader.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from reader.tui.screens.library import LibraryScreen

        yield from super().get_system_commands(screen)
        if isinstance(screen, LibraryScreen):
            for command in COMMANDS:
                if command.palette:
                    yield SystemCommand(
                        command.title,
                        f"{command.help} ({command.display_keys})",
                        partial(screen.run_action, command.action),
                    )


def run_app(args: argparse.Namespace) -> int:
    from reader.paths import resolve_db_path

    app = ReaderApp(resolve_db_path(getattr(args, "db", None)))
    try:
        # Open the library before the screen switches to the app: a library that cannot be
        # opened (locked, damaged, newer schema) is reported by the CLI as one line.
        app.gateway.call(lambda lib: None)
        app.photo_renderer = photo_mode.renderer()  # the terminal can be asked only before Textual runs
        app.run()
    finally:
        app.close_library()
    return app.return_code or 0  # 1 when the app stopped on an unexpected error
