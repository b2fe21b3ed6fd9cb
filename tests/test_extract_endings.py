"""The furniture of short lines under an article's text (topics, hashtags, links to other stories),
on self-written pages of a fictional town, and the lines like them that are the article's."""

from reader.extract import extract
from reader.extract.text import parse_text
from reader.model import ArticleHints

_PARAGRAPHS = (
    "嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠貨櫃船。",
    "港務局表示，擴建後的年吞吐量將增加一倍，並會同時興建一條連接高速公路的專用道路，以減少貨櫃車對市區交通的影響。",
    "部分漁民團體則擔心工程會影響漁獲，港務局表示會與漁民代表繼續商討補償方案，並承諾在施工期間定期監測水質。",
)
_NEXT_STORY = ("北濱海灘水質轉差 市民暫勿下水", "2024-05-09 18:30 來源：嵐港日報",
               "環保署今日公布最新海灘水質報告，北濱海灘的大腸桿菌含量連續三週超出標準，署方建議市民暫時不要下水游泳。",
               "環保署表示會加密採樣，找出污染來源，預計下月再公布結果，並在海灘入口張貼告示提醒泳客。")


def _text_page(under: list[str], then: tuple[str, ...] = ()) -> str:
    lines = ["嵐港港口擴建方案出爐", "2024-05-10 07:48 來源：嵐港日報", *_PARAGRAPHS, *under, *then]
    return "\n\n".join(lines) + "\n"


def _html_page(under: str) -> str:
    text = "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
    return (f"<html><head><meta charset='utf-8'><title>嵐港港口擴建方案出爐_嵐港日報</title></head><body>"
            f"<div class='article'><h1>嵐港港口擴建方案出爐</h1><div class='info'>2024-05-10 07:48 來源：嵐港日報</div>"
            f"<div class='content'>{text}{under}</div></div><div class='foot'>Copyright © 2024 嵐港日報</div></body></html>")


def _body(page: str, kind: str) -> str:
    return extract(page, kind, ArticleHints())[0].body


def test_a_row_of_hashtags_under_the_text_is_furniture():
    assert "#海港新貌" not in _body(_text_page(["#港區巡禮 #海港新貌 #港務局動態"]), "text")
    assert "#海港新貌" not in _body(_html_page("<p>#港區巡禮 #海港新貌 #港務局動態</p>"), "html")
    # a hashtag in a sentence of the text is the text's
    said = "網友以#嵐港加油#為題在社群網站發文，表示支持擴建，也有人擔心工程期間的噪音問題。"
    assert "#嵐港加油#" in _body(_text_page([said]), "text")


def test_a_row_of_hashtags_on_a_page_run_together_stays_one_line():
    # a page run together on one line is cut at its spaces; a row of hashtags is one line again
    page = " ".join(["首頁 新聞 財經 體育", "嵐港港口擴建方案出爐", "2024-05-10 07:48 來源：嵐港日報", *_PARAGRAPHS,
                     "#港區巡禮 #海港新貌 #港務局動態", "關於我們 聯絡我們 Copyright © 2024 嵐港日報"])
    assert "#港區巡禮 #海港新貌 #港務局動態" in [line.text for line in parse_text(page).lines]
    body = _body(page, "text")
    assert "#海港新貌" not in body and body.rstrip().endswith("定期監測水質。")


def test_topic_links_under_their_head_are_furniture():
    under = ("<div class='topic'>相關主題</div><ul><li><a href='/s/1'>嵐港港口擴建計劃</a></li>"
             "<li><a href='/s/2'>西灣漁港</a></li></ul>")
    body = _body(_html_page(under), "html")
    assert "相關主題" not in body and "西灣漁港" not in body
    assert body.rstrip().endswith("定期監測水質。")


def test_only_the_headlines_first_half_goes_with_the_next_story():
    # an endless page runs on into the next story: the line right over its headline may be the
    # headline's first half; more headline-shaped lines may be the article's own closing list
    items = ["第一展區 漁港歲月", "第二展區 戰後重建與貨櫃時代"]
    body = _body(_text_page(["展覽分為兩個展區：", *items], _NEXT_STORY), "text")
    assert "第一展區 漁港歲月" in body and "環保署" not in body


def test_the_texts_own_closing_lines_stay_over_the_next_story():
    # a closing mark, a sentence-shaped last line and a speaker's words are the article's
    body = _body(_text_page(["港務局：工程不影響航運。", "（完）"], _NEXT_STORY), "text")
    assert body.rstrip().endswith("（完）") and "港務局：工程不影響航運。" in body
    # (on an HTML page the headline is one line: the line over the next story's is the article's)
    under = (f"<p>他說：</p><p>「希望後生一代記得這裡」</p><h2>{_NEXT_STORY[0]}</h2><div>{_NEXT_STORY[1]}</div>"
             f"<p>{_NEXT_STORY[2]}</p><p>{_NEXT_STORY[3]}</p>")
    assert _body(_html_page(under), "html").rstrip().endswith("記得這裡」")


def _nested_page(between: str, before: str = "") -> str:
    rest = "".join(f"<p>據港務局資料，第{n}期工程將如期展開，施工期間會設置臨時航道，確保船隻進出港口不受影響。</p>" for n in range(2, 18))
    return (f"<html><body><div class='main'>{before}<h1>嵐港港口擴建方案出爐</h1><div>2024-05-10 07:48</div>"
            f"<p>{_PARAGRAPHS[0]}</p>{between}<div class='cms'>{rest}<p>{_PARAGRAPHS[2]}</p></div></div></body></html>")


def test_the_texts_opening_straight_in_its_box_over_a_long_inner_box_is_kept():
    # a CMS's editor wrapped most of a pasted text in a box of its own, under its first paragraph
    assert _body(_nested_page(""), "html").startswith("嵐港港務局今日公布")
    photo = "<div class='pic'><img src='/p.jpg'><p>港務局展示擴建工程的模型</p></div>"
    art = extract(_nested_page(photo), "html", ArticleHints())[0]
    assert art.body.startswith("嵐港港務局今日公布")
    assert [b.kind for b in art.blocks].count("photo") == 1


def test_the_walk_to_the_texts_opening_stops_at_the_header():
    # another story's teaser above the headline is not the article's opening
    teaser = "<div class='teaser'><p>北濱海灘水質連續三週超標，環保署建議市民暫時不要下水游泳，並會加密採樣。</p></div>"
    body = _body(_nested_page("", before=teaser), "html")
    assert body.startswith("嵐港港務局今日公布") and "北濱海灘" not in body


def test_a_bylines_label_on_a_page_run_together_stays_with_the_name():
    # the space of "記者 王小明／嵐港報導" is no line break: a label alone is never a line, and the
    # headline's two parts then stand right over the byline and its date
    page = " ".join(["首頁 新聞 財經 體育", "嵐港港口擴建方案出爐 首期工程明年動工", "記者 王小明／嵐港報導", "2024-05-10 07:48",
                     *_PARAGRAPHS, "關於我們 聯絡我們 Copyright © 2024 嵐港日報"])
    assert "記者 王小明／嵐港報導" in [line.text for line in parse_text(page).lines]
    art = extract(page, "text", ArticleHints())[0]
    assert art.title == "嵐港港口擴建方案出爐 首期工程明年動工"
    assert art.authors == ["王小明"]
