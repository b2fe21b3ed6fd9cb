"""Photos in the reader pane: half-block pictures where they stood, captions, the ``i`` toggle,
the large view (``I``), and find, highlights and the reading place across the cut sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import Library
from reader.tui import data
from reader.tui.app import ReaderApp
from reader.tui.screens.photo import PhotoScreen
from reader.tui.widgets.photo_picture import HalfBlockPicture

from test_tui_support import run_async, screen_text, settle
from tui_photo_support import AFTER_PHOTO, CAPTIONS, PHOTO_TITLE, opener, photo_library

SIZE = (120, 40)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return photo_library(tmp_path / "photos.db")


def photo_article_id(db: Path) -> int:
    with Library.open(db) as lib:
        return next(s.id for s in lib.list_articles(limit=None) if s.title == PHOTO_TITLE)


async def open_photo_article(pilot) -> None:
    await settle(pilot)
    screen = pilot.app.screen
    screen.article_list.select_id(photo_article_id(pilot.app.db_path))
    await pilot.press("enter")
    await settle(pilot)


@run_async
async def test_photos_stand_where_they_stood_in_half_blocks_with_their_captions(db):
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await open_photo_article(pilot)
        view = app.screen.article_view
        blocks = view.photo_blocks
        assert [b.position for b in blocks] == [1, 3]
        order = list(view.children)
        # text, photo, text, photo, text (and the share block at the end)
        assert order.index(blocks[0]) < order.index(view._sections[1]) < order.index(blocks[1])
        picture = blocks[0].picture
        assert isinstance(picture, HalfBlockPicture) and picture.ready
        cols, rows = picture.content_size
        assert cols <= view.measure_cells and rows <= 20
        assert abs(cols / (2 * rows) - 320 / 200) < 0.1  # the aspect kept: two pixels a cell
        text = screen_text(app)
        assert "▀" in text and CAPTIONS[0] in text


@run_async
async def test_the_space_is_kept_before_the_photo_is_decoded(db):
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.article_list.select_id(photo_article_id(db))
        app.screen.start_photos = lambda article: None  # no decoding: the placeholders stay
        await pilot.press("enter")
        await settle(pilot)
        picture = app.screen.article_view.photo_blocks[0].picture
        assert picture.source is None and not picture.ready
        assert picture.content_size.height > 5  # the photo's height, from its stored size


@run_async
async def test_i_turns_photos_off_to_caption_lines_and_is_remembered(db):
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await open_photo_article(pilot)
        await pilot.press("i")
        await settle(pilot)
        text = screen_text(app)
        assert "▀" not in text.split("掃一掃分享")[0]  # no picture (the share code below is not one)
        assert f"[照片] {CAPTIONS[0]}" in text and f"[照片] {CAPTIONS[1]}" in text
    with Library.open(db) as lib:
        assert lib.get_setting(data.PHOTOS) is False

    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await open_photo_article(pilot)
        assert f"[照片] {CAPTIONS[0]}" in screen_text(app)
        assert all(b.picture.source is None for b in app.screen.article_view.photo_blocks)  # nothing decoded
        await pilot.press("i")
        await settle(pilot)
        assert all(b.picture.ready for b in app.screen.article_view.photo_blocks)
        assert "[照片]" not in screen_text(app)


@run_async
async def test_reader_photos_off_draws_no_photo(db, monkeypatch):
    monkeypatch.setenv("READER_PHOTOS", "off")
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await open_photo_article(pilot)
        assert all(b.picture is None for b in app.screen.article_view.photo_blocks)
        assert f"[照片] {CAPTIONS[0]}" in screen_text(app)
        await pilot.press("i")
        await settle(pilot)
        assert f"[照片] {CAPTIONS[0]}" in screen_text(app)


@run_async
async def test_large_view_steps_through_the_photos_and_closes(db):
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await open_photo_article(pilot)
        await pilot.press("I")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PhotoScreen) and screen.index == 0
        assert screen.picture.ready and screen.picture.content_size.width > 64  # larger than in the pane
        assert CAPTIONS[0] in screen_text(app) and "1 of 2" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert screen.index == 1 and CAPTIONS[1] in screen_text(app) and screen.picture.ready
        await pilot.press("right")
        await settle(pilot)
        assert screen.index == 0
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PhotoScreen)


@run_async
async def test_a_click_on_a_photo_opens_it(db):
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await open_photo_article(pilot)
        await pilot.click(app.screen.article_view.photo_blocks[0].picture)
        await settle(pilot)
        assert isinstance(app.screen, PhotoScreen)


@run_async
async def test_find_and_highlights_in_a_section_after_a_photo(db):
    article_id = photo_article_id(db)
    with Library.open(db) as lib:
        body = lib.get(article_id).body
        start = body.index("橋面將在夜間亮燈")
        lib.add_highlight(article_id, start, start + len("橋面將在夜間亮燈"))
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await open_photo_article(pilot)
        view = app.screen.article_view
        after = view._sections[1]
        assert after.paras[0].text == AFTER_PHOTO
        highlight_start = AFTER_PHOTO.index("橋面")
        assert after.highlights == [(0, highlight_start, highlight_start + 8)]
        await pilot.press("f", *"夜間", "enter")
        await settle(pilot)
        assert [(m[0], m[1], m[2]) for m in view.matches] == [(after, 0, AFTER_PHOTO.index("夜間"))]
        assert after.current == 0


@run_async
async def test_the_reading_place_comes_back_below_the_photos(db):
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=(120, 24)) as pilot:
        await open_photo_article(pilot)
        view = app.screen.article_view
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("k")
        place = view.scroll_y
        assert place > 20  # past the first photo
        await pilot.press("q")
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        assert view.article.title == PHOTO_TITLE and view.scroll_y == place


@run_async
async def test_a_photo_that_cannot_be_decoded_leaves_its_caption_line(db):
    from reader.library import Library

    with Library.open(db) as lib:  # stored bytes that no longer decode (a damaged library)
        lib._conn.execute("UPDATE images SET bytes = ? WHERE width = 320", (b"not an image",))
        lib._conn.commit()
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await open_photo_article(pilot)
        first, second = app.screen.article_view.photo_blocks
        assert not first.has_image and second.picture.ready
        assert f"[照片] {CAPTIONS[0]}" in screen_text(app)


@run_async
async def test_captions_follow_the_script(db):
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await open_photo_article(pilot)
        await pilot.press("t", "t")  # Simplified
        await settle(pilot)
        assert app.screen.article_view.photo_blocks[0].caption.startswith("▲新桥全长八百米")


@run_async
async def test_kitty_terminals_get_the_image_through_textual_image(db):
    from textual_image.widget import TGPImage

    from reader.tui.widgets.photo_picture import GraphicPicture

    app = ReaderApp(db, opener=opener)
    app.photo_renderer = "kitty"  # as if the probe had found Kitty graphics
    async with app.run_test(size=SIZE) as pilot:
        await open_photo_article(pilot)
        picture = app.screen.article_view.photo_blocks[0].picture
        assert isinstance(picture, GraphicPicture)
        shown = picture.query_one(TGPImage)
        assert shown.size == picture.content_size and picture.content_size.width <= 76
        width, height = shown.image.size  # scaled in the worker to the cells' pixels
        assert (width, height) == (picture.content_size.width * picture.cell[0], picture.content_size.height * picture.cell[1])


@run_async
async def test_a_narrower_measure_scales_the_photos_again(db):
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await open_photo_article(pilot)
        picture = app.screen.article_view.photo_blocks[0].picture  # 320 x 200: 64 cells wide at first
        before = picture.content_size.width
        for _ in range(5):
            await pilot.press("minus")
        await settle(pilot)
        assert picture.content_size.width < before and picture.content_size.width <= app.screen.article_view.measure_cells
        assert picture.ready  # scaled again for the new size


@run_async
async def test_the_word_cursor_walks_past_a_photo(db):
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await open_photo_article(pilot)
        view = app.screen.article_view
        await pilot.press("w")
        await settle(pilot)
        after = view._sections[1]
        for _ in range(40):
            if after.selection:
                break
            await pilot.press("right")
            await pilot.pause()
        assert after.selection and after.selection[0][0] == 0  # a word of the paragraph after the photo


@run_async
async def test_the_palette_turns_photos_off(db):
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await open_photo_article(pilot)
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Photos on/off")
        assert "(i)" in command.help
        await command.callback()
        await settle(pilot)
        assert not any(block.drawn for block in app.screen.article_view.photo_blocks)


@run_async
async def test_the_large_view_fits_a_resized_terminal(db):
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await open_photo_article(pilot)
        await pilot.press("I")
        await settle(pilot)
        screen = app.screen
        before = screen.picture.content_size
        await pilot.resize_terminal(80, 30)
        await settle(pilot)
        after = screen.picture.content_size
        assert after.width < before.width and after.height <= 30 - 4 and screen.picture.ready


@run_async
async def test_turning_photos_off_keeps_the_paragraph_at_the_top_in_view(db):
    app = ReaderApp(db, opener=opener)
    async with app.run_test(size=(120, 24)) as pilot:
        await open_photo_article(pilot)
        view = app.screen.article_view
        after = view._sections[1]
        view.scroll_to(y=after.virtual_region.y, animate=False, immediate=True)  # AFTER_PHOTO at the top
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert view.scroll_y == after.virtual_region.y > 0
        assert AFTER_PHOTO[:10] in screen_text(app).splitlines()[1]  # the pane's first row
