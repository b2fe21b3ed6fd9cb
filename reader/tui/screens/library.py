"""The library screen: counts header, article list, reader pane, find bar, footer."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from reader.library.types import ArticleFilter
from reader.tui import data
from reader.tui.commands import bindings
from reader.tui.messages import ArticleLoaded, IdsLoaded, LoadFailed, RowsLoaded, StateSaved
from reader.tui.screens.reading_marks import ReadingMarks
from reader.tui.screens.reading_aids import ReadingAids
from reader.tui.screens.reading_layout import ReadingLayout
from reader.tui.screens.reading_photos import ReadingPhotos
from reader.tui.widgets.word_panel import WordPanel
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.footer import ReaderFooter

if TYPE_CHECKING:
    from reader.tui.host import ReaderHost

FOLLOW_SECONDS = 3.0  # how often the list looks for articles another process imported

SCRIPT_BADGE = {"original": "原文 Original", "traditional": "繁 Traditional", "simplified": "简 Simplified"}


class LibraryScreen(ReadingMarks, ReadingLayout, ReadingAids, ReadingPhotos, Screen):
    BINDINGS = bindings()

    app: "ReaderHost"

    def __init__(self) -> None:
        super().__init__()
        self.filter = ArticleFilter()
        self.filter_label = ""
        self.counts: dict[str, int] = {}
        self._generation = 0
        self._restored = False
        self.open_id: int | None = None
        # Made here, not in compose: they exist (empty) from the moment the screen is pushed.
        self._list = ArticleList(id="list", convert=self._display_text)
        self._view = ArticleView(id="view")

    def _display_text(self, text: str, script: str | None) -> str:
        return self.app.display_text(text, script)

    def compose(self) -> ComposeResult:
        yield Static("", id="counts", markup=False)  # holds bundle titles and sources: never markup
        with Horizontal(id="panes"):
            yield self._list
            yield self._view
        yield Input(placeholder="Find in this article (Enter: keep, Esc: close)", id="find")
        yield WordPanel()
        yield ReaderFooter()

    @property
    def article_list(self) -> ArticleList:
        return self._list

    @property
    def article_view(self) -> ArticleView:
        return self._view

    def on_mount(self) -> None:
        self.query_one("#find", Input).display = False
        self.article_list.focus()
        self.restore_layout()
        self.restore_reading_aids()
        self.restore_photos()
        self.reload(keep=self.app.settings.get(data.LAST_ARTICLE))
        self.follow_library()  # the mark to compare with
        self.set_interval(FOLLOW_SECONDS, self.follow_library)

    # -- loading --------------------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        self._generation += 1
        if keep is None:
            keep = self.article_list.current_id
        self.load_ids(self.filter, keep, self._generation)

    @work(thread=True, exclusive=True, group="ids")
    def load_ids(self, filters: ArticleFilter, keep: int | None, generation: int) -> None:
        window = max(60, 2 * self.size.height)

        def job(lib):
            ids = lib.article_ids(filters)
            counts = {
                "shown": len(ids),
                "total": lib.count(ArticleFilter()),
                "unread": lib.count(ArticleFilter(unread=True)),
                "bookmarked": lib.count(ArticleFilter(bookmarked=True)),
            }
            # The rows of the first screen come with the ids: the first paint shows them.
            try:
                at = ids.index(keep) if keep is not None else 0
            except ValueError:
                at = 0
            start = max(0, at - window)
            rows = lib.summaries(ids[start : at + window])
            return ids, counts, rows

        try:
            ids, counts, rows = self.app.gateway.call(job)
        except Exception as error:  # noqa: BLE001 - shown to the user, not swallowed
            self.post_message(LoadFailed("articles", error))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(IdsLoaded(ids, counts, keep, generation, rows))

    @work(thread=True, group="rows")
    def load_rows(self, ids: list[int]) -> None:
        try:
            summaries = self.app.gateway.call(lambda lib: lib.summaries(ids))
        except Exception as error:  # noqa: BLE001
            self.post_message(LoadFailed("rows", error))
            return
        self.post_message(RowsLoaded(summaries))

    @work(thread=True, exclusive=True, group="article")
    def load_article(self, article_id: int, scroll: float = 0.0, query: str = "", mark_read: bool = True) -> None:
        def remember(lib) -> None:
            if newly_read:
                lib.set_read(article_id, True)
            lib.set_setting(data.LAST_ARTICLE, article_id)
            lib.set_setting(data.LAST_SCROLL, scroll)

        def fetch(lib):
            article = lib.get(article_id)
            photos = lib.photos(article_id) if any(block.kind == "photo" for block in article.blocks) else []
            return article, lib.highlights(article_id), lib.article_note(article_id), lib.position(article_id), photos

        try:
            article, highlights, note, position, photos = self.app.gateway.call(fetch)
            if get_current_worker().is_cancelled:
                return
            newly_read = mark_read and not article.read
            article.read = article.read or mark_read
            # back where the reader left it, unless they had finished it
            fraction = position.fraction if position is not None and position.fraction < 0.98 else None
            self.post_message(ArticleLoaded(article, scroll, query, newly_read, highlights, note, fraction, photos))
        except Exception as error:  # noqa: BLE001
            self.post_message(LoadFailed("article", error))
            return
        try:
            self.app.gateway.write(remember)
        except Exception as error:  # noqa: BLE001 - the article is shown; saving it as read failed
            self.post_message(LoadFailed("save", error))

    @work(thread=True, group="state")
    def save_state(self, article_id: int, **changes: Any) -> None:
        def job(lib):
            if "read" in changes:
                lib.set_read(article_id, changes["read"])
            if "bookmarked" in changes:
                lib.set_bookmarked(article_id, changes["bookmarked"])

        try:
            self.app.gateway.write(job)
        except Exception as error:  # noqa: BLE001
            self.post_message(LoadFailed("save", error))
            return
        self.post_message(StateSaved(article_id, **changes))

    def on_ids_loaded(self, message: IdsLoaded) -> None:
        if message.generation != self._generation:
            return
        self.counts = message.counts
        self.article_list.add_rows(message.rows)
        self.article_list.set_ids(message.ids, keep=message.keep)
        self.update_header()
        if message.counts.get("total", 0) == 0:
            self.app.show_empty()
            return
        if not self._restored:
            self._restored = True
            # After the first paint: build the script converters while the user reads the list.
            self.call_after_refresh(self.app.warm_converters)
            last = self.app.settings.get(data.LAST_ARTICLE)
            if last is not None and self.article_list.index_of(last) is not None:
                # After the list's first paint: the library shows at once, the article follows.
                scroll = float(self.app.settings.get(data.LAST_SCROLL) or 0.0)
                self.call_after_refresh(self.open_article, last, scroll, "", False)

    def on_rows_loaded(self, message: RowsLoaded) -> None:
        self.article_list.add_rows(message.summaries)

    def on_article_list_need_rows(self, message: ArticleList.NeedRows) -> None:
        self.load_rows(message.ids)

    def on_article_list_selected(self, message: ArticleList.Selected) -> None:
        self.open_article(message.article_id)

    async def on_article_loaded(self, message: ArticleLoaded) -> None:
        article = message.article
        self.open_id = article.id
        view = self.article_view
        await view.show(article, self.app.script, self.app.standard, scroll=message.scroll,
                        highlights=message.highlights, note=message.note, fraction=message.fraction,
                        photos=message.photos)
        view.call_after_refresh(self.start_photos, article)
        if message.query:
            view.call_after_refresh(self._find_after_open, message.query)
        if message.newly_read:
            self.article_list.update_row(article.id, read=True)
            self.counts["unread"] = max(0, self.counts.get("unread", 0) - 1)
            self.update_header()

    def _find_after_open(self, query: str) -> None:
        from reader.tui.textmatch import search_terms

        count = self.article_view.find(search_terms(query), label=query)
        self.notify_find(count, query)

    def _show_state(self, article_id: int, **changes: Any) -> None:
        """Show a read/bookmark change at once; the library is written in a worker."""
        self.article_list.update_row(article_id, **changes)
        if self.article_view.article is not None and self.article_view.article.id == article_id:
            for key, value in changes.items():
                setattr(self.article_view.article, key, value)
        self.update_header()

    def on_state_saved(self, message: StateSaved) -> None:
        self._show_state(message.article_id, **message.changes)

    def on_load_failed(self, message: LoadFailed) -> None:
        from reader.textsafe import terminal_safe

        if message.what == "rows":
            self.article_list.forget_requests()
        if message.what == "save":
            self.reload()  # counts and marks shown as they are in the library

        verb = "save" if message.what == "save" else f"load {message.what}"
        self.notify(terminal_safe(f"Could not {verb}: {message.error}"), severity="error", markup=False)

    def open_article(self, article_id: int, scroll: float = 0.0, query: str = "", mark_read: bool = True) -> None:
        """Show an article; the user opening it marks it read (restoring the last one at start does
        not: an article left unread with ``m`` stays unread across a restart). The place in the
        article being left is remembered first."""
        self.stop_words()
        self.remember_position()
        self.load_article(article_id, scroll, query, mark_read)

    # -- header ---------------------------------------------------------------------------------

    def update_header(self) -> None:
        counts = self.counts
        parts = [f"{counts.get('total', 0):,} articles", f"{counts.get('unread', 0):,} unread",
                 f"{counts.get('bookmarked', 0):,} bookmarked"]
        shown = self.describe_filter()
        if shown:
            parts.append(f"showing {counts.get('shown', 0):,}: {shown}")
        parts.append(SCRIPT_BADGE[self.app.script] + (" (HK)" if self.app.standard == "hk" and self.app.script == "traditional" else ""))
        if self.app.lan is not None:
            parts.append(f"⇄ serving on {self.app.lan.host}:{self.app.lan.port} (S stops)")
        self.query_one("#counts", Static).update(" · ".join(parts))

    def describe_filter(self) -> str:
        f = self.filter
        bits = []
        if f.unread:
            bits.append("unread")
        if f.bookmarked:
            bits.append("bookmarked")
        if self.filter_label:
            bits.append(self.filter_label)
        return ", ".join(bits)

    # -- actions: moving ------------------------------------------------------------------------

    def _in_list(self) -> bool:
        return self.focused is not self.article_view and not self.article_view.has_focus_within

    def action_cursor_down(self) -> None:
        if self._in_list():
            self.article_list.move(1)
        else:
            self.article_view.scroll_down(animate=False)

    def action_cursor_up(self) -> None:
        if self._in_list():
            self.article_list.move(-1)
        else:
            self.article_view.scroll_up(animate=False)

    def action_first(self) -> None:
        if self._in_list():
            self.article_list.cursor = 0
        else:
            self.article_view.scroll_home(animate=False)

    def action_last(self) -> None:
        if self._in_list():
            self.article_list.cursor = len(self.article_list.ids) - 1
        else:
            self.article_view.scroll_end(animate=False)

    def _page(self, fraction: float) -> None:
        if self._in_list():
            self.article_list.move(int(self.article_list.page() * fraction) or (1 if fraction > 0 else -1))
        else:
            view = self.article_view
            view.scroll_to(y=view.scroll_y + int(view.scrollable_content_region.height * fraction), animate=False)

    def action_half_page_down(self) -> None:
        self._page(0.5)

    def action_half_page_up(self) -> None:
        self._page(-0.5)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_open(self) -> None:
        if self.word_mode:
            self.search_word()
            return
        current = self.article_list.current_id
        if current is not None:
            self.open_article(current)
            if self.focused is self.article_list:
                self.article_view.focus()

    def action_switch_pane(self) -> None:
        if self.focus_view:
            self.notify("The list is hidden in the focus view: z shows it.", timeout=2)
            return
        if self._in_list():
            self.article_view.focus()
        else:
            self.article_list.focus()

    def action_next_item(self) -> None:
        if self.article_view.matches:
            self.article_view.step_match(1)
            return
        self._step_article(1)

    def action_previous_item(self) -> None:
        self._step_article(-1)

    def action_previous_match(self) -> None:
        self.article_view.step_match(-1)

    def _step_article(self, delta: int) -> None:
        articles = self.article_list
        index = articles.index_of(self.open_id) if self.open_id is not None else None
        index = articles.cursor if index is None else index
        target = index + delta
        if 0 <= target < len(articles.ids):
            articles.cursor = target
            self.open_article(articles.ids[target])

    # -- actions: reading -----------------------------------------------------------------------

    def action_search(self) -> None:
        from reader.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(), self.search_opened)

    def search_opened(self, result: tuple[int, str] | None) -> None:
        """The search screen closed: open the chosen article with its matches, or go back."""
        if result is None:
            if not self.focus_view:
                self.article_list.focus()
            return
        article_id, query = result
        self.article_list.select_id(article_id)
        self.open_article(article_id, query=query)
        self.article_view.focus()

    def action_find(self) -> None:
        if self.article_view.article is None:
            self.notify("Open an article first (Enter).")
            return
        box = self.query_one("#find", Input)
        box.display = True
        box.value = self.article_view.find_query
        box.focus()

    @on(Input.Changed, "#find")
    def _find_changed(self, event: Input.Changed) -> None:
        if event.value:
            self.article_view.find(event.value)
        else:
            self.article_view.clear_find()

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        self.notify_find(len(self.article_view.matches), event.value)
        self._close_find()

    def notify_find(self, count: int, query: str) -> None:
        if query:
            self.notify(f"{count} match{'es' if count != 1 else ''} · n/N to step · Esc clears" if count else "No match")

    def _close_find(self) -> None:
        box = self.query_one("#find", Input)
        box.display = False
        self.article_view.focus()

    def key_escape(self) -> None:
        box = self.query_one("#find", Input)
        if self.word_mode:
            self.stop_words()
        elif box.display:
            self.article_view.clear_find()
            self._close_find()
        elif self.article_view.selection is not None:
            self.article_view.clear_selection()
        elif self.article_view.matches:
            self.article_view.clear_find()
        elif self.article_view.has_focus and not self.focus_view:  # the focus view keeps the list hidden
            self.article_list.focus()

    async def action_toggle_script(self) -> None:
        await self.app.cycle_script()

    async def action_toggle_standard(self) -> None:
        await self.app.toggle_standard()

    async def apply_script(self) -> None:
        self.stop_words()  # its offsets are into the text shown before
        self.article_list.restyle()
        await self.article_view.set_script(self.app.script, self.app.standard)
        self.update_header()

    def action_share(self) -> None:
        article = self.article_view.article
        if article is None:
            self.notify("Open an article first (Enter).")
            return
        try:
            from reader.tui.screens.share import ShareScreen  # type: ignore[import-not-found]
        except ImportError:
            self.notify("Sharing is not available in this build.", severity="warning")
            return
        try:
            screen = ShareScreen(article, script=self.app.script, standard=self.app.standard)
        except TypeError:
            screen = ShareScreen(article)
        self.app.push_screen(screen)

    def action_stop_serving(self) -> None:
        if self.app.stop_lan():
            self.notify("Stopped serving the library on the local network.")
        else:
            self.notify("Nothing is being served (the share screen's l starts it).")
        self.update_header()

    def _target(self) -> tuple[int | None, Any]:
        """The article an action applies to: the open one when reading, else the cursor's."""
        if not self._in_list() and self.article_view.article is not None:
            article = self.article_view.article
            return article.id, article
        article_id = self.article_list.current_id
        return article_id, self.article_list.summary(article_id) if article_id is not None else None

    def action_toggle_read(self) -> None:
        article_id, item = self._target()
        if article_id is None or item is None:
            return
        read = not item.read
        self.counts["unread"] = max(0, self.counts.get("unread", 0) + (-1 if read else 1))
        self._show_state(article_id, read=read)
        self.save_state(article_id, read=read)
        self.notify("Marked read" if read else "Marked unread")

    def action_toggle_bookmark(self) -> None:
        article_id, item = self._target()
        if article_id is None or item is None:
            return
        value = not item.bookmarked
        self.counts["bookmarked"] = max(0, self.counts.get("bookmarked", 0) + (1 if value else -1))
        self._show_state(article_id, bookmarked=value)
        self.save_state(article_id, bookmarked=value)
        self.notify("Bookmarked" if value else "Bookmark removed")

    # -- actions: filters -----------------------------------------------------------------------

    def action_filter_unread(self) -> None:
        self.filter = replace(self.filter, unread=not self.filter.unread)
        self.reload()

    def action_filter_bookmarked(self) -> None:
        self.filter = replace(self.filter, bookmarked=not self.filter.bookmarked)
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def action_clear_filters(self) -> None:
        self.filter = ArticleFilter()
        self.filter_label = ""
        self.reload()

    def action_choose_filter(self) -> None:
        from reader.tui.screens.filter import FilterScreen

        def chosen(result: tuple[str, Any, str] | None) -> None:
            if result is None:
                return
            kind, value, label = result
            one_of = dict(bundle_id=None, source=None, tag=None, query=None)
            if kind == "all":
                self.filter = replace(self.filter, **one_of)
                self.filter_label = ""
            else:
                key = {"bundle": "bundle_id", "source": "source", "tag": "tag", "search": "query"}[kind]
                self.filter = replace(self.filter, **{**one_of, key: value})
                self.filter_label = label
            self.reload()

        self.app.push_screen(FilterScreen(), chosen)

    def action_help(self) -> None:
        self.app.action_show_help_screen()

    async def action_quit(self) -> None:
        await self.app.action_quit()
