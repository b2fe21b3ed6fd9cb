"""The reader pane: one article, wrapped for Chinese, in the chosen script.

The article is cut into ``ArticleText`` sections (Line API, reader/tui/widgets/article_text.py)
at each photo and at the share block: a ``PhotoBlock`` stands between two sections where the
page's photo stood, the share block where the page's "scan to share" widget stood, or at the
end. Every piece of article text goes through ``terminal_safe`` and is built with
``rich.text.Text(...)`` (never markup).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import work
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget

from reader.linebreak import strip_indent
from reader.script import to_display, ui_label
from reader.textsafe import terminal_safe
from reader.tui.textmatch import find_spans
from reader.tui.widgets.article_marks import ArticleMarks
from reader.tui.widgets.article_photos import ArticlePhotos
from reader.tui.widgets.article_text import ArticleText, Para
from reader.tui.widgets.photo_block import PhotoBlock

PHOTO_LABEL = "照片"


@dataclass
class Layout:
    """An article cut into text sections: ``stops[i]`` stands after ``groups[i]``; a stop is a
    photo's block position, or None for the share block (one, always: at the end if the page
    had none)."""

    groups: list[list[Para]]
    stops: list[int | None]
    captions: dict[int, str] = field(default_factory=dict)  # photo position -> caption as shown


PADDING = 2  # cells left and right of the text (app.tcss's ArticleView padding)


def share_widget_class() -> Any | None:
    """The share engineer's widget, when it exists (reader/tui/widgets/share_block.py)."""
    try:
        from reader.tui.widgets.share_block import ShareBlock  # type: ignore[import-not-found]
    except ImportError:
        return None
    return ShareBlock


class ArticleView(ArticleMarks, ArticlePhotos, VerticalScroll, can_focus=True):
    """Scrollable reader pane."""

    class ShareReady(Message):
        """A worker computed the share block of ``article`` (payload, label, QR matrix)."""

        def __init__(self, article: Any, prepared: Any | None) -> None:
            super().__init__()
            self.article = article
            self.prepared = prepared

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article: Any | None = None
        self.script = "original"
        self.standard = "tw"
        self.find_query = ""
        self._terms: str | list[str] = ""
        self.matches: list[tuple[ArticleText, int, int, int]] = []
        self.current_match: int | None = None
        self._sections: list[ArticleText] = []  # the open article's, in reading order
        self._stops: list[int | None] = []
        self._pool: list[Widget] = []  # mounted sections and photo places, alternating (_lay_out)
        self.photo_blocks: list[PhotoBlock] = []
        self.photos: dict[int, Any] = {}  # the open article's photos (reader.library Photo) by block position
        self.photos_shown = True  # attributes down: the screen's toggle (i) and READER_PHOTOS
        self.photo_renderer = "halfblock"
        self._share: Widget | None = None
        self._share_scroll = 0.0  # a remembered place, restored once the share block is in
        self.highlight_items: list[Any] = []  # the open article's highlights (reader.library Highlight)
        self.article_note = ""
        self.selection: tuple[int, int] | None = None  # in ShownBody text offsets
        self.measure_cells = 76  # the longest line, in cells (the screen's measure: two a character)
        self.centred = False
        self.title_reading_style: str | None = None  # pinyin | zhuyin: the title's reading under it

    # -- content --------------------------------------------------------------------------------

    def set_measure(self, chars: int, centred: bool | None = None) -> None:
        """Lines of at most ``chars`` Han characters (two cells each), in every section;
        ``centred`` (the focus view): the text in the middle of the pane."""
        self.measure_cells = 2 * chars
        if centred is not None:
            self.centred = centred
        for widget in self._pool:
            widget.styles.max_width = self.measure_cells
        self._centre()

    def on_resize(self) -> None:
        self._centre()

    def _centre(self) -> None:
        """Centring by padding: Textual aligns a container's children as one block, and the share
        block and placeholders are as wide as the pane."""
        side = PADDING
        if self.centred:
            inside = self.region.width - self.styles.scrollbar_size_vertical  # padding included
            side = max(PADDING, (inside - self.measure_cells) // 2)
        if self.styles.padding.left != side:
            self.styles.padding = (0, side)

    def _label(self, traditional: str) -> str:
        """A UI label in the script being shown (labels are written in Traditional)."""
        return ui_label(traditional, self.script, getattr(self.article, "script", None) or "unknown", self.standard)

    def _build(self) -> Layout:
        article = self.article
        source_script = getattr(article, "script", None) or "unknown"

        def clean(text: str | None) -> str:
            return terminal_safe((text or "").replace("\u2029", "\n"))

        if article.title:
            raw: list[tuple[str, str]] = [("title", clean(article.title))]
        else:  # no headline on the page: its file's name, muted
            raw = [("untitled", clean(getattr(article, "name", "") or ""))]
        meta = [clean(article.published)[:16].replace("T", " ")] if article.published else []
        if article.source:
            meta.append(clean(article.source))
        if article.authors:
            meta.append("、".join(clean(a) for a in article.authors))
        if article.editor:
            meta.append(self._label("責任編輯：") + clean(article.editor))
        minutes = getattr(article, "reading_minutes", 0)
        if minutes:
            meta.append(self._label(f"約{minutes}分鐘"))
        tags = getattr(article, "tags", ())
        if tags:
            meta.append(" ".join("#" + clean(t) for t in tags))
        raw.append(("meta", " · ".join(m for m in meta if m)))
        note = getattr(self, "article_note", "")
        if note:
            raw.append(("note", self._label("筆記：") + clean(note)))
        if article.breadcrumb:
            raw.append(("crumb", " › ".join(clean(c) for c in article.breadcrumb)))
        share_seen = False
        positions = []  # the photos' block positions, in reading order
        for position, block in enumerate(article.blocks):
            if block.kind == "share":
                if not share_seen:
                    share_seen = True
                    raw.append(("share", ""))
                continue
            if block.kind == "photo":
                positions.append(position)
                raw.append(("photo", clean(block.text).strip()))
                continue
            text = clean(block.text)
            if block.kind == "paragraph":
                text, _ = strip_indent(text)
            else:
                text = text.strip()
            if text:
                raw.append((block.kind, text))
        byline = []
        if article.authors:
            byline.append(self._label("作者：") + "、".join(clean(a) for a in article.authors))
        if article.editor:
            byline.append(self._label("責任編輯：") + clean(article.editor))
        if byline:
            line = ("byline", "（" + "　".join(byline) + "）")
            if raw[-1][0] == "share":
                raw.insert(len(raw) - 1, line)  # the widget stood after the body: byline, then share
            else:
                raw.append(line)
        if not share_seen:
            raw.append(("share", ""))
        # Convert everything in one call: switching scripts on a long article stays instant.
        joined = "\u2029".join(text for _, text in raw)
        shown = to_display(joined, self.script, source_script, self.standard).split("\u2029")
        if len(shown) != len(raw):  # conversion never merges separators, but do not trust it
            shown = [to_display(text, self.script, source_script, self.standard) for _, text in raw]
        layout = Layout([[]], [])
        photo_positions = iter(positions)
        for (kind, _), text in zip(raw, shown):
            if kind in ("share", "photo"):
                position = next(photo_positions) if kind == "photo" else None
                layout.stops.append(position)
                layout.groups.append([])
                if position is not None:
                    layout.captions[position] = text
            else:
                layout.groups[-1].append(Para(kind, text))
        first = layout.groups[0]
        if self.title_reading_style and first[0].kind == "title":
            from reader import reading

            first.insert(1, Para("reading", reading.reading_line(first[0].text, self.title_reading_style)))
        return layout

    async def show(
        self, article: Any, script: str, standard: str, scroll: float = 0.0,
        highlights: list[Any] | None = None, note: str = "", fraction: float | None = None,
        photos: list[Any] | None = None,
    ) -> None:
        """Show ``article`` in ``script``, from its top or from ``scroll`` (a remembered place).

        ``photos`` are the library's records of its photos (sizes, not bytes): each photo's
        space is laid out at once, its image follows (``set_photo_source``, from a worker).
        The text is mounted at once; the share block (a QR code costs ~20 ms to compute, and
        ~60 ms more to import ``qrcode`` the first time) is computed in a thread worker started
        after the text has been painted, and mounted where the page's widget stood when ready.
        """
        self.article, self.script, self.standard = article, script, standard
        self.find_query, self._terms, self.matches, self.current_match = "", "", [], None
        self.highlight_items, self.article_note, self.selection = list(highlights or []), note, None
        self.photos = {photo.position: photo for photo in photos or []}
        layout = self._build()
        if self._share is not None:
            await self._share.remove()
            self._share = None
        await self._lay_out(layout)
        self._draw_marks()
        self.scroll_home(animate=False, immediate=True)
        if fraction and not scroll:
            self.call_after_refresh(self._restore_fraction, article, fraction)
        if share_widget_class() is not None:
            self._share_scroll = scroll
            self.call_after_refresh(self._start_share, article)
        elif scroll:
            self.call_after_refresh(self._restore_scroll, article, scroll)

    async def _lay_out(self, layout: Layout) -> None:
        """Sections and photo places for ``layout``. Both are mounted once and reused (mounting
        costs more than the text): the pane holds section, place, section, place, section...,
        as many as the most cut article so far; those this article does not need are hidden."""
        if not self._pool:
            await self.remove_children()  # the placeholder
        new: list[Widget] = []
        while len(self._pool) < 2 * len(layout.groups) - 1:
            new.append(ArticleText([]) if len(self._pool) % 2 == 0 else PhotoBlock(self.photo_renderer))
            self._pool.append(new[-1])
        for widget in new:
            widget.styles.max_width = self.measure_cells
        if new:
            await self.mount_all(new)
        self._sections, self._stops, self.photo_blocks = [], list(layout.stops), []
        label = self._label(PHOTO_LABEL)
        for n, widget in enumerate(self._pool):
            index, used = n // 2, n < 2 * len(layout.groups) - 1
            if isinstance(widget, ArticleText):
                widget.set_paras(layout.groups[index] if used else [])
                widget.display = bool(widget.paras)
                if used:
                    self._sections.append(widget)
                continue
            stop = layout.stops[index] if used else None
            widget.display = stop is not None
            if stop is not None:
                widget.show_photo(stop, self.photos.get(stop), layout.captions[stop], label, self.photos_shown)
                self.photo_blocks.append(widget)

    def _refill(self, layout: Layout) -> None:
        """The same article shown otherwise (script, note, title reading): same cut, new text."""
        for section, paras in zip(self._sections, layout.groups):
            section.set_paras(paras)
        label = self._label(PHOTO_LABEL)
        for block in self.photo_blocks:
            block.set_caption(layout.captions[block.position], label)

    def _start_share(self, article: Any) -> None:
        if article is self.article:
            self._prepare_share(article, self.script, self.standard)

    @work(thread=True, exclusive=True, group="share")
    def _prepare_share(self, article: Any, script: str, standard: str) -> None:
        try:
            from reader.tui.widgets.share_block import prepare

            prepared = prepare(article, script, standard)
        except Exception:  # noqa: BLE001 - the block computes (and reports) it itself
            prepared = None
        self.post_message(self.ShareReady(article, prepared))

    async def on_article_view_share_ready(self, message: "ArticleView.ShareReady") -> None:
        message.stop()
        article, prepared = message.article, message.prepared
        if article is not self.article:
            return
        if prepared is not None and (prepared.script, prepared.standard) != (self.script, self.standard):
            return  # the script changed meanwhile: a worker for the new one is on its way
        if self._share is not None:
            update = getattr(self._share, "show_prepared", None)
            if prepared is not None and callable(update):
                update(prepared)
            return
        share = self._make_share(share_widget_class(), prepared)
        if share is not None:
            self._share = share
            await self.mount(share, before=self._sections[self._stops.index(None) + 1])
        scroll, self._share_scroll = self._share_scroll, 0.0
        if scroll:
            self.call_after_refresh(self._restore_scroll, article, scroll)

    def _restore_fraction(self, article: Any, fraction: float) -> None:
        if article is self.article:
            self.scroll_to(y=round(fraction * self.max_scroll_y), animate=False, immediate=True)

    @property
    def fraction(self) -> float:
        """How far through the article the top of the pane is (0..1; 1 at the end)."""
        return 1.0 if self.max_scroll_y <= 0 else min(1.0, self.scroll_y / self.max_scroll_y)

    def _restore_scroll(self, article: Any, scroll: float) -> None:
        if article is self.article:
            self.scroll_to(y=scroll, animate=False, immediate=True)

    def _make_share(self, share_class: Any, prepared: Any | None = None) -> Widget | None:
        try:
            if prepared is not None:
                return share_class(self.article, script=self.script, standard=self.standard, prepared=prepared)
            return share_class(self.article, script=self.script, standard=self.standard)
        except TypeError:
            try:
                return share_class(self.article)
            except Exception:  # the share widget's own problem must not break reading
                return None

    async def clear(self) -> None:
        self.article = None
        self._sections, self._stops, self.photo_blocks, self.photos, self._pool = [], [], [], {}, []
        self._share = None
        await self.remove_children()
        await self.mount(self._placeholder())

    def _placeholder(self) -> Widget:
        from textual.widgets import Static

        hint = Text(justify="left")
        hint.append("No article open.\n\n", style="bold")
        if self.screen.has_class("-focus"):  # the list is hidden: n and z, not Enter on a row
            hint.append("n opens the next article · z shows the list · / searches the library · ? lists every key.")
        else:
            hint.append("Enter opens the selected article · / searches the library · ? lists every key.")
        return Static(hint, classes="article-placeholder")

    def compose(self):
        yield self._placeholder()

    async def set_title_reading(self, style: str | None) -> None:
        """Show (``pinyin``/``zhuyin``) or hide (None) the title's reading under it."""
        self.title_reading_style = style
        await self.set_script(self.script, self.standard)

    async def set_script(self, script: str, standard: str) -> None:
        if self.article is None:
            self.script, self.standard = script, standard
            return
        self.script, self.standard = script, standard
        self._refill(self._build())
        self.selection = None  # offsets of the text shown before
        self._draw_marks()
        if share_widget_class() is not None:
            # The block follows (label, citation) from a worker, after the text is painted in the
            # new script; one not mounted yet is computed again for the new script.
            self.call_after_refresh(self._start_share, self.article)
        if self.find_query:
            self.find(self._terms, keep=True, label=self.find_query)

    # -- find -----------------------------------------------------------------------------------

    def find(self, query: str | list[str], keep: bool = False, label: str | None = None) -> int:
        """Highlight every match of ``query`` (text, or a list of terms); returns how many.

        Moves to the first match. ``label`` is what the find box shows (default: the query).
        """
        self.find_query = label if label is not None else (query if isinstance(query, str) else " ".join(query))
        self._terms = query
        previous = self.current_match
        self.matches = []
        for section in self._sections:
            section.matches = []
            for index, para in enumerate(section.paras):
                for start, end in find_spans(para.text, query):
                    section.matches.append((index, start, end))
                    self.matches.append((section, index, start, end))
            section.current = None
            section.refresh()
        if not self.matches:
            self.current_match = None
            return 0
        self.current_match = previous if keep and previous is not None and previous < len(self.matches) else 0
        self._go_to_match()
        return len(self.matches)

    def clear_find(self) -> None:
        self.find_query = ""
        self.matches, self.current_match = [], None
        for section in self._sections:
            section.matches, section.current = [], None
            section.refresh()

    def step_match(self, delta: int) -> None:
        if not self.matches:
            return
        self.current_match = ((self.current_match or 0) + delta) % len(self.matches)
        self._go_to_match()

    def _go_to_match(self) -> None:
        if self.current_match is None:
            return
        section, para, start, _ = self.matches[self.current_match]
        for s in self._sections:
            s.current = None
        section.current = section.matches.index((para, start, self.matches[self.current_match][3]))
        for s in self._sections:
            s.refresh()
        self.call_after_refresh(self._scroll_to_match, section, para, start)

    def _scroll_to_match(self, section: ArticleText, para: int, start: int) -> None:
        y = section.line_of(para, start)
        top = section.virtual_region.y + y
        height = self.scrollable_content_region.height
        if not (self.scroll_y <= top < self.scroll_y + height - 1):
            self.scroll_to(y=max(0, top - height // 3), animate=False, immediate=True)
