"""Messages that workers post to screens (data up; widgets get attributes down)."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class IdsLoaded(Message):
    """The ids of the current filter, the header counts, and the first screenful of rows."""

    def __init__(
        self, ids: list[int], counts: dict[str, int], keep: int | None, generation: int, rows: dict[int, Any] | None = None
    ) -> None:
        super().__init__()
        self.ids, self.counts, self.keep, self.generation = ids, counts, keep, generation
        self.rows = rows or {}


class RowsLoaded(Message):
    def __init__(self, summaries: dict[int, Any]) -> None:
        super().__init__()
        self.summaries = summaries


class ArticleLoaded(Message):
    """An article to show; ``newly_read`` when opening it marks it read (the save follows).

    ``highlights`` and ``note`` are the reader's own; ``fraction`` is where they left it (0..1),
    used when no ``scroll`` is given."""

    def __init__(
        self, article: Any, scroll: float = 0.0, query: str = "", newly_read: bool = False,
        highlights: list[Any] | None = None, note: str = "", fraction: float | None = None,
        photos: list[Any] | None = None,
    ) -> None:
        super().__init__()
        self.article, self.scroll, self.query, self.newly_read = article, scroll, query, newly_read
        self.highlights, self.note, self.fraction = highlights or [], note, fraction
        self.photos = photos or []  # the library's records of its photos (sizes and keys, not bytes)


class PhotoDecoded(Message):
    """A worker decoded the photo at ``position`` of ``article`` (None: its bytes are missing or broken)."""

    def __init__(self, article: Any, position: int, image: Any | None) -> None:
        super().__init__()
        self.article, self.position, self.image = article, position, image


class HighlightsChanged(Message):
    """An article's highlights or note were written: the pane redraws them."""

    def __init__(self, article_id: int, highlights: list[Any], note: str) -> None:
        super().__init__()
        self.article_id, self.highlights, self.note = article_id, highlights, note


class StateSaved(Message):
    """A read/bookmark change reached the library."""

    def __init__(self, article_id: int, **changes: Any) -> None:
        super().__init__()
        self.article_id, self.changes = article_id, changes


class LoadFailed(Message):
    def __init__(self, what: str, error: BaseException) -> None:
        super().__init__()
        self.what, self.error = what, error
