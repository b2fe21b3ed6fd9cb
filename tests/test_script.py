"""reader.script: script detection, display conversion, search normalisation, dedupe keys."""

from __future__ import annotations

import pytest

from reader.script import convert, dedupe_key_text, detect_script, normalise_for_search, to_display
from conftest import SEED_PAGE

SEED = SEED_PAGE.read_text(encoding="utf-8")
SEED_SIMPLIFIED = convert(SEED, "tw2s")


def test_detects_each_script_on_a_real_page():
    assert detect_script(SEED) == "traditional"
    assert detect_script(SEED_SIMPLIFIED) == "simplified"


def test_a_page_half_in_each_script_is_mixed():
    half = len(SEED) // 6
    assert detect_script(SEED[:half] + SEED_SIMPLIFIED[half : 2 * half]) == "mixed"


@pytest.mark.parametrize("text", ["", "Hello, world", "中文人民", "12345"])
def test_no_distinguishing_characters_is_unknown(text):
    assert detect_script(text) == "unknown"


def test_display_conversion_never_touches_text_already_in_the_target_script():
    # s2t would "repair" 群 to 羣 and 台 to 臺 in text that is already Traditional
    text = "群眾在台北看著這個"
    assert to_display(text, "traditional", "traditional") == text
    assert to_display(text, "original", "traditional") == text
    assert to_display(SEED_SIMPLIFIED, "simplified", "simplified") == SEED_SIMPLIFIED


def test_display_conversion_follows_the_chosen_standard():
    assert to_display("江门推动港澳合作", "traditional", "simplified") == "江門推動港澳合作"
    assert to_display("看着这个", "simplified", "traditional") == "看着这个"
    assert to_display("看著這個", "simplified", "traditional") == "看着这个"
    taiwan = to_display("里面的着装", "traditional", "simplified", "tw")
    hong_kong = to_display("里面的着装", "traditional", "simplified", "hk")
    assert taiwan != hong_kong  # 裡面 / 裏面


def test_search_normalisation_folds_scripts_width_and_case_and_keeps_length():
    assert normalise_for_search("看著") == normalise_for_search("看着") == "看着"
    assert normalise_for_search("江門") == normalise_for_search("江门")
    assert normalise_for_search("ＡＢＣ１２ｘ") == "abc12x"
    for text in (SEED, SEED_SIMPLIFIED, "İstanbul ＩＳＴＡＮＢＵＬ 東京"):
        assert len(normalise_for_search(text)) == len(text)


def test_two_copies_of_a_story_share_a_dedupe_key_whatever_their_script_and_punctuation():
    traditional = "「江門推動港澳合作」，再上新臺階。"
    simplified = "“江门推动港澳合作”， 再上新台阶！"
    assert dedupe_key_text(traditional) == dedupe_key_text(simplified)
    assert dedupe_key_text(SEED) == dedupe_key_text(SEED_SIMPLIFIED)
    assert dedupe_key_text("江门推动港澳合作") != dedupe_key_text("江门推动港澳")


def test_a_traditional_page_with_a_simplified_title_and_passage_is_mixed_and_converts_fully():
    """Like the sample bundle's blog page: Traditional text, a Simplified title and last line."""
    body = SEED[:1200]
    page = convert(SEED[1200:1500], "tw2s") + body
    assert detect_script(page) == "mixed"
    shown = to_display(page, "traditional", detect_script(page))
    assert detect_script(shown) == "traditional"


def test_labels_follow_the_script_being_read():
    from reader.script import ui_label

    assert ui_label("責任編輯", "original", "simplified") == "责任编辑"
    assert ui_label("責任編輯", "original", "traditional") == "責任編輯"
    assert ui_label("責任編輯", "simplified", "traditional") == "责任编辑"
    assert ui_label("掃一掃分享", "traditional", "simplified") == "掃一掃分享"
