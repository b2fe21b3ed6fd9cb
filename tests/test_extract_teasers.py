"""Lists of other stories' teasers (a headline over a summary cut short or stamped with its time)
under a short article with no header over the list, on self-written pages of a fictional town; and
the pages whose own lines look like them (a chronology, subheadings, a trailing-off quote)."""

from reader.extract import extract
from reader.model import ArticleHints

_BRIEF = "嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠貨櫃船。"
_TEASERS = [
    ("嵐港第1號碼頭完成翻新", "嵐港第1號碼頭完成翻新工程，碼頭管理處表示，新設施將提升裝卸效率，並改善工人的工作環境，下月起將分階段開放...", "2024-05-01"),
    ("西灣漁港完成清淤工程", "西灣漁港的清淤工程比原定計劃提早兩週完成，漁民表示，漁船進出港口比以前方便得多，漁獲也能更快送到市場…", "2024-05-02"),
    ("北濱海灘水質轉差", "環保署公布最新海灘水質報告，北濱海灘的大腸桿菌含量連續三週超出標準，署方建議市民暫時不要下水游泳，並會加密...", "2024-05-03"),
    ("舊區重建諮詢今日展開", "市政府今日展開舊區重建第二輪公眾諮詢，為期兩個月，市民可以透過網站、信件或出席地區諮詢會發表意見，市府...", "2024-05-04"),
]


def _text_page(under: list[str]) -> str:
    return "\n\n".join(["嵐港港口擴建方案出爐", "2024-05-10 07:48 來源：嵐港日報", _BRIEF, *under]) + "\n"


def _teaser_lines(stamp_first: bool = False) -> list[str]:
    out: list[str] = []
    for head, summary, stamp in _TEASERS:
        out += [head, stamp, summary] if stamp_first else [head, summary, stamp]
    return out


def _body(page: str, kind: str) -> str:
    return extract(page, kind, ArticleHints())[0].body


def test_a_list_of_teasers_under_a_brief_is_not_its_text():
    for stamp_first in (False, True):
        body = _body(_text_page(_teaser_lines(stamp_first)), "text")
        assert body.startswith("嵐港港務局今日公布") and "首期工程" in body
        assert "碼頭管理處表示" not in body and "清淤工程" not in body


def test_teasers_cut_short_without_stamps_are_a_list_too():
    lines = [x for head, summary, _stamp in _TEASERS for x in (head, summary)]
    body = _body(_text_page(lines), "text")
    assert "首期工程" in body and "碼頭管理處表示" not in body


def test_a_page_run_together_keeps_the_stamp_on_the_summary_and_is_read_alike():
    page = " ".join(["首頁 新聞 財經", "嵐港港口擴建方案出爐", "2024-05-10 07:48 來源：嵐港日報", _BRIEF,
                     *(f"{h} {s} {d}" for h, s, d in _TEASERS), "Copyright © 2024 嵐港日報 版權所有"])
    body = _body(page, "text")
    assert "首期工程" in body and "碼頭管理處表示" not in body and "清淤工程" not in body


def test_an_html_list_of_teasers_beside_the_article_is_not_added_to_it():
    """Class: the article's wrapper chosen for its class name, the list a sibling of it."""
    items = "".join(f'<div class="item"><h3><a href="/s{n}">{h}</a></h3><p>{s}</p><span>{d}</span></div>'
                    for n, (h, s, d) in enumerate(_TEASERS))
    html = ("<html><head><meta charset='utf-8'><title>嵐港港口擴建方案出爐_嵐港日報</title></head><body>"
            "<div class='article'><h1>嵐港港口擴建方案出爐</h1><div class='info'>2024-05-10 07:48 來源：嵐港日報</div>"
            f"<table><tr><td><p>{_BRIEF}</p><p>港務局表示，擴建後的年吞吐量將增加一倍，並會興建專用道路，以減少貨櫃車對市區交通的影響。</p>"
            f"</td></tr></table></div><div class='list'>{items}</div></body></html>")
    body = _body(html, "html")
    assert "首期工程" in body and "興建專用道路" in body
    assert "碼頭管理處表示" not in body and "清淤工程" not in body


def test_a_brief_over_a_longer_thread_of_comments_is_the_article():
    replies = []
    for n in range(1, 7):
        replies += [f"網友{n} 2024-05-1{n} 1{n}:20",
                    f"第{n}樓：港口擴建的消息早就傳了好幾年，這次終於落實，不過施工期間的噪音和空氣污染問題，希望港務局能夠公開監測數據。"]
    body = _body(_text_page(["網友評論（6）", *replies]), "text")
    assert body.startswith("嵐港港務局今日公布") and "第1樓" not in body


def test_the_articles_own_lines_like_teasers_stay():
    """A chronology (dates in words), subheadings over paragraphs, a quote trailing off with
    "……": none is a list of teasers."""
    chronology = ["工程大事記",
                  "籌備階段", "2019年3月，港務局成立擴建小組，並委託顧問公司進行可行性研究，研究在同年年底完成。",
                  "諮詢階段", "2021年5月，港務局展開公眾諮詢，共收到三千多份意見，多數市民支持擴建計劃……",
                  "定案階段", "2023年10月，港務局董事會通過擴建方案，並向市議會申請撥款，議會在今年初批准。"]
    body = _body(_text_page(chronology), "text")
    assert "2019年3月" in body and "多數市民支持擴建計劃" in body and "議會在今年初批准" in body


def test_a_thread_of_replies_under_its_header_is_not_the_text():
    """Class: readers' replies under "全部回覆（N）" (all of them), in text dumps. (In HTML, a thread
    in boxes named "reply_content" can still outweigh a brief: "reply" is no negative word, since
    a Q&A site's answer stands in such a box.)"""
    replies = [f"港民{n}：擴建是好事，但我家就在碼頭旁邊，希望施工時間不要太早開始，晚上也不要趕工，第{n}次向港務局反映了。"
               for n in range(1, 6)]
    stamped = [x for n, r in enumerate(replies, 1) for x in (f"2024-05-1{n} 1{n}:20", r)]
    for header in ("全部回覆（5）", "全部评论"):
        body = _body(_text_page([header, *stamped]), "text")
        assert body.startswith("嵐港港務局今日公布") and "我家就在碼頭旁邊" not in body


def test_a_brief_over_replies_under_their_posters_names_is_the_article():
    """A thread shows by its replies' stamps, or by its posters' names over them; a deck over a
    comment button and the article's paragraphs back to back is no thread (r14 fixtures)."""
    replies = []
    for n in range(1, 5):
        replies += [f"港民{n}", f"擴建是好事，但我家就在碼頭旁邊，希望施工時間不要太早開始，晚上也不要趕工，第{n}次向港務局反映了。"]
    body = _body(_text_page(["網友評論（4）", *replies]), "text")
    assert body.startswith("嵐港港務局今日公布") and "我家就在碼頭旁邊" not in body
