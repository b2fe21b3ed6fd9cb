"""Where the text of an article begins: lead furniture that is not its first paragraph (issue 11).

Every page here is self-written, modelled on a class of real pages."""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.model import ArticleHints

_LEAD = "嵐山電子製造商已向主管機關申請繼續為海外客戶供貨，暫時未知申請是否獲批，業界正密切關注。"
_REST = ["公司發言人表示，公司一向遵守所有法規，不評論與個別客戶的業務往來，並將持續與主管機關溝通。",
         "分析師指出，若申請未獲批准，公司今年的營收恐將減少一成，相關供應鏈也會受到波及。"]


def _page(lead_matter: list[str]) -> str:
    return "\n\n".join(["嵐山新聞網", "嵐山電子申請繼續供貨", "2020-10-04 15:05 嵐山日報", "記者林小明／即時報導",
                        *lead_matter, _LEAD, *_REST]) + "\n"


@pytest.mark.parametrize("credit", ["記者陳嘉寧／翻攝", "圖／嵐山科技", "（圖／翻攝畫面）"])
def test_a_caption_whose_credit_stands_on_the_line_under_it_is_not_the_first_paragraph(credit):
    """Class: news pages (Taiwanese above all) whose lead photo's caption is set apart from its
    credit, or cut from it where a page run together was cut at the space between them."""
    article = extract(_page(["嵐山電子總部大樓外觀。", credit]), "text", ArticleHints())[0]
    assert article.body.startswith(_LEAD)
    assert "總部大樓外觀" not in article.body


def test_a_caption_marked_as_such_is_not_taken_for_a_credit():
    """A short caption led by ▲ under a paragraph is that photo's caption: the paragraph above it
    stays the text's."""
    article = extract(_page(["▲嵐山電子總部。"]), "text", ArticleHints())[0]
    assert article.body.startswith(_LEAD)


@pytest.mark.parametrize("cut", ["...", "…"])
def test_a_teaser_previewing_the_lead_is_not_the_first_paragraph(cut):
    """Class: news pages that set the lead's first words, cut short, as a teaser over the photo
    and the text: a copy of the lead, not a paragraph of its own."""
    teaser = _LEAD[:40] + cut
    article = extract(_page([teaser, "嵐山電子總部大樓外觀。圖／嵐山科技"]), "text", ArticleHints())[0]
    assert article.body.startswith(_LEAD)
    assert cut not in article.body.split("\n")[0]


def test_a_first_paragraph_closed_by_an_ellipsis_of_its_own_is_kept():
    """A lead that trails off with "……" and is no copy of what follows is the text's."""
    own = "那一年的冬天特別冷，嵐山的老街上，賣烤紅薯的攤子前排起了長隊……"
    article = extract(_page([own]), "text", ArticleHints())[0]
    assert article.body.startswith(own)


def test_a_photo_story_whose_only_text_is_its_caption_keeps_it():
    """A photo news item whose whole text is the caption and its credit: the caption is the text."""
    caption = "市民在嵐山公園裡賞花遊玩，享受難得的春日陽光和花香，孩子們在草地上奔跑。"
    page = "\n\n".join(["嵐山新聞網", "圖片新聞：公園賞花", "2021-04-02 09:00 嵐山日報", caption, "記者張三／攝"]) + "\n"
    article = extract(page, "text", ArticleHints())[0]
    assert caption in article.body


def test_a_caption_closed_by_its_credit_is_never_the_headline():
    """Class: photo captions closed by their credit ("…後聲押。記者陳嘉寧／翻攝") standing over the
    text of a page whose headline is lost: a caption is no headline, on any site; an old portal's
    photo tag after a headline ("(图)") is no credit."""
    caption = "嵐山電子總部大樓外觀，員工陸續上班。記者陳嘉寧／翻攝"
    page = "\n\n".join(["嵐山新聞網", caption, "2020-10-04 15:05", _LEAD, *_REST]) + "\n"
    article = extract(page, "text", ArticleHints())[0]
    assert article.title != caption
    tagged = "\n\n".join(["嵐山新聞網", "嵐山電子申請繼續供貨 (图)", "2020-10-04 15:05 嵐山日報", _LEAD, *_REST]) + "\n"
    assert extract(tagged, "text", ArticleHints())[0].title == "嵐山電子申請繼續供貨 (图)"


@pytest.mark.parametrize("headline", ["嵐山政府工作報告（圖解）", "嫦娥四號月背拍攝", "嵐山新春花市（組圖）"])
def test_a_headline_tagged_or_ending_in_a_verb_of_photography_is_no_caption(headline):
    """A headline's own tags ("（图解）", "（组图）") and a verb such as "拍摄" are no photo credit:
    only a credit with its slash or colon closes a caption."""
    page = "\n\n".join(["嵐山新聞網", headline, "2020-10-04 15:05 嵐山日報", _LEAD, *_REST]) + "\n"
    assert extract(page, "text", ArticleHints())[0].title == headline
