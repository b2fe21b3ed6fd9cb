"""The reader pane's photos: images handed down by the screen's worker, photos on and off, the
photo in view (a mixin of ``ArticleView``, which lays the photo places out with the text)."""

from __future__ import annotations

from typing import Any

from reader.tui.widgets.article_text import ArticleText
from reader.tui.widgets.photo_block import PhotoBlock


class ArticlePhotos:
    article: Any
    photo_blocks: list[PhotoBlock]
    photos_shown: bool
    _sections: list[ArticleText]

    def set_photo_source(self, article: Any, position: int, image: Any) -> None:
        """A worker decoded the photo at ``position`` of ``article``."""
        if article is not self.article:
            return
        for block in self.photo_blocks:
            if block.position == position:
                block.set_source(image)

    def set_photos_shown(self, shown: bool) -> None:
        """Photos on or off (captions stay), the paragraph at the top of the pane kept in view."""
        self.photos_shown = shown
        if not self.photo_blocks:
            return
        anchor = self._top_paragraph()
        for block in self.photo_blocks:
            block.set_shown(shown)
        if anchor is not None:
            self.call_after_refresh(self._scroll_to_paragraph, *anchor)

    def _scroll_to_paragraph(self, section: ArticleText, index: int) -> None:
        self.scroll_to(y=section.virtual_region.y + section.line_of(index, 0), animate=False, immediate=True)

    def _top_paragraph(self) -> tuple[ArticleText, int] | None:
        for section in self._sections:
            if not section.display:
                continue
            for index in range(len(section.paras)):
                if section.virtual_region.y + section.line_of(index, 0) >= self.scroll_y:
                    return section, index
        return None

    def photo_in_view(self) -> int | None:
        """The position of the first drawn photo in view, else the next one below, else the first."""
        drawn = [block for block in self.photo_blocks if block.drawn]
        bottom = self.scroll_y + self.scrollable_content_region.height
        for block in drawn:
            if block.virtual_region.bottom > self.scroll_y and block.virtual_region.y < bottom:
                return block.position
        below = [block for block in drawn if block.virtual_region.y >= self.scroll_y]
        chosen = below or drawn
        return chosen[0].position if chosen else None
