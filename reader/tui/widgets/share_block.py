"""The share block: a QR code of the article where the page's "scan to share" widget stood.

It shows the label (掃一掃分享 / 扫一扫分享, in the script being read), the code drawn from
:func:`reader.share.half_block_rows` in black on white (explicit colours, so it scans in dark and
light themes), and the payload (URL or citation) under it. When the pane is narrower than the
code it says so instead of drawing a broken code. ``large=True`` (the share screen) draws each
module two cells wide and one high when there is room, else falls back to half blocks.

Every piece of article text is passed through :func:`reader.textsafe.terminal_safe` and drawn as
plain segments, never parsed as markup.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from reader import share
from reader.textsafe import terminal_safe

CODE_STYLE = Style(color=Color.from_rgb(*share.DARK), bgcolor=Color.from_rgb(*share.LIGHT))
"""Dark modules on a light background, whatever the theme."""


def fold(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` cells (URLs have no spaces to wrap at)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = [], 0
        for ch in paragraph:
            size = cell_len(ch)
            if used + size > width and line:
                lines.append("".join(line))
                line, used = [], 0
            line.append(ch)
            used += size
        lines.append("".join(line))
    return lines


def wrap(text: str, width: int) -> list[str]:
    """A message wrapped at spaces (folded where a word is wider than ``width``)."""
    lines: list[str] = []
    for line in textwrap.wrap(text, width=max(width, 1)) or [""]:
        lines.extend(fold(line, width) if cell_len(line) > width else [line])
    return lines


@dataclass(frozen=True)
class Prepared:
    """What a share block shows for one article and script: computed by :func:`prepare`."""

    payload: share.Payload | None
    label: str
    matrix: share.QRMatrix | None
    error: str | None
    script: str
    standard: str


def prepare(
    article: Any = None, script: str = "original", standard: str = "tw", payload: share.Payload | None = None
) -> Prepared:
    """Payload, label and QR matrix for ``article`` read in ``script``.

    Touches no widget, so it can run in a thread worker: encoding a code (``best_mask_pattern``,
    15-20 ms, and ~60 ms to import ``qrcode`` the first time) must not block a key press. The
    matrix is cached by payload text (:func:`reader.share.make_matrix`).
    """
    error: str | None = None
    article_script = getattr(article, "script", None) or "unknown"
    if payload is None and article is not None:
        try:
            payload = share.payload_for(article, article_script, script, standard)
        except share.ShareError as problem:
            error = str(problem)
    label = share.share_label(script, article_script)
    matrix = None
    if payload is not None:
        try:
            matrix = share.make_matrix(payload, border=share.TERMINAL_BORDER)
        except share.ShareError as problem:
            error = str(problem)
    if payload is None and error is None:
        error = "nothing to share"
    return Prepared(payload, label, matrix, error, script, standard)


SCREEN_CHROME_ROWS = 4  # the share screen's border, label and key line around the code (+ the URL's lines, +1 while serving)


class ShareBlock(Widget):
    """The QR code of an article (or of a given :class:`reader.share.Payload`), label and URL.

    ``ShareBlock(article, script="original", standard="tw")``; ``article`` is an
    :class:`reader.model.Article` or a stored article (its ``script`` attribute is the detected
    script). ``set_script(script, standard)`` follows the reader's script toggle. ``prepared``
    (from :func:`prepare`, computed in a worker) spares the block computing the code itself, and
    ``show_prepared`` takes a new one.
    """

    COMPONENT_CLASSES = {"share-block--label", "share-block--url", "share-block--note"}

    DEFAULT_CSS = """
    ShareBlock {
        width: 1fr;
        height: auto;
        margin: 1 0;
    }
    ShareBlock > .share-block--label { text-style: bold; }
    ShareBlock > .share-block--url { color: $text-muted; }
    ShareBlock > .share-block--note { color: $text-warning; text-style: italic; }
    """

    def __init__(
        self,
        article: Any = None,
        *,
        script: str = "original",
        standard: str = "tw",
        payload: share.Payload | None = None,
        large: bool = False,
        prepared: Prepared | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article = article
        self.script = script
        self.standard = standard
        self.large = large
        self._given_payload = payload
        self.chrome_rows = SCREEN_CHROME_ROWS  # the share screen's rows around the code
        self._lines_cache: tuple[tuple[int, int], list[tuple[str, Any]]] | None = None
        if prepared is not None and (prepared.script, prepared.standard) == (script, standard):
            self._apply(prepared)
        else:
            self._compute()

    # -- content --------------------------------------------------------------------------------

    def _compute(self) -> None:
        """Payload, matrix and label for the current script."""
        self._apply(prepare(self.article, self.script, self.standard, self._given_payload))

    def _apply(self, prepared: Prepared) -> None:
        self.payload: share.Payload | None = prepared.payload
        self.label = prepared.label
        self.matrix = prepared.matrix
        self.error: str | None = prepared.error
        self._lines_cache = None

    def show_prepared(self, prepared: Prepared) -> None:
        """Show what :func:`prepare` computed (in a worker) for another script.

        Repaints only what changed: a URL's code stays as it is across script switches, only the
        label follows (one line: no new layout)."""
        self.script, self.standard = prepared.script, prepared.standard
        same_code = (self.payload, self.matrix, self.error) == (prepared.payload, prepared.matrix, prepared.error)
        if same_code and self.label == prepared.label:
            return
        self._apply(prepared)
        self.refresh(layout=not same_code)

    def show_payload(self, payload: share.Payload | None) -> None:
        """Show a code of ``payload`` instead (the share screen's local link); None: the article's own."""
        self._given_payload = payload
        self._compute()
        self.refresh(layout=True)

    def set_script(self, script: str, standard: str = "tw") -> None:
        """Redraw for another display script (the label and a citation follow it)."""
        self.script, self.standard = script, standard
        self._compute()
        self.refresh(layout=True)

    @property
    def url(self) -> str:
        """The payload as shown under the code (the URL, or the citation)."""
        return terminal_safe(self.payload.text) if self.payload else ""

    def _chrome(self, width: int) -> int:
        """Rows the share screen needs besides the code: its own, and the URL's folded lines."""
        return self.chrome_rows + len(fold(self.url, max(width, 1)))

    def code_mode(self, width: int, height: int | None = None) -> str:
        """How the code is drawn in ``width`` cells: ``"full"``, ``"half"``, or not at all because
        it is ``"narrow"`` (too few columns) or, on the share screen, ``"short"`` (too few rows to
        show it whole: a code cut by a scroll bar cannot be scanned)."""
        if self.matrix is None:
            return "none"
        size = self.matrix.size
        if self.large and width >= 2 * size and (height is None or height >= size + self._chrome(width)):
            return "full"
        if width < size:
            return "narrow"
        if height is not None and height < (size + 1) // 2 + self._chrome(width):
            return "short"
        return "half"

    def _available_height(self) -> int | None:
        if not self.large or not self.is_attached:
            return None
        return self.screen.size.height

    def _lines(self, width: int) -> list[tuple[str, Any]]:
        """(kind, content) rows for ``width``: kind is label, code, url, note or blank."""
        height = self._available_height()
        key = (width, height or 0)
        if self._lines_cache is not None and self._lines_cache[0] == key:
            return self._lines_cache[1]
        width = max(width, 1)
        rows: list[tuple[str, Any]] = [("label", self.label)]
        mode = self.code_mode(width, height)
        if mode == "full":
            rows.extend(("code", line) for line in share.full_block_lines(self.matrix))
        elif mode == "half":
            rows.extend(("code", line) for line in share.half_block_lines(self.matrix))
        elif mode == "narrow":
            columns = self.matrix.size
            where = "widen the window" if self.large else "widen the pane or press s"
            note = f"Too narrow for the QR code ({width} of {columns} columns): {where}."
            rows.extend(("note", line) for line in wrap(note, width))
        elif mode == "short":
            needed = (self.matrix.size + 1) // 2 + self._chrome(width)
            note = f"Too short for the QR code ({height} of {needed} rows): enlarge the window."
            rows.extend(("note", line) for line in wrap(note, width))
        if self.error:
            rows.extend(("note", line) for line in wrap(f"Cannot share: {terminal_safe(self.error)}", width))
        if self.payload is not None:
            rows.extend(("url", line) for line in fold(self.url, width))
        self._lines_cache = (key, rows)
        return rows

    # -- Textual --------------------------------------------------------------------------------

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        rows = self._lines(width)
        base = self.rich_style
        if y >= len(rows):
            return Strip.blank(width, base)
        kind, content = rows[y]
        if kind == "code":
            left = max(0, (width - cell_len(content)) // 2)
            # The code's style stands alone: a reverse, dim or tinted widget style must not touch it.
            segments = [Segment(" " * left, base), Segment(content, CODE_STYLE)]
        else:
            style = base + self.get_component_rich_style(f"share-block--{kind}")
            left = max(0, (width - cell_len(content)) // 2)
            segments = [Segment(" " * left, base), Segment(content, style)]
        return Strip(segments).adjust_cell_length(width, base)

    def on_resize(self) -> None:
        self._lines_cache = None
        self.refresh(layout=True)
