"""The class and id words of an HTML page's boxes, checked against the article-page selectors of
real Chinese-language sites (RSSHub's routes): the government CMSs' body boxes, and the junk boxes
sites strip from inside their bodies. Self-written pages of a fictional town."""

import pytest

from reader.extract import extract
from reader.model import ArticleHints

_NEWS = ("嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠貨櫃船。",
         "港務局表示，擴建後的年吞吐量將增加一倍，並會同時興建一條連接高速公路的專用道路，以減少貨櫃車對市區交通的影響。",
         "部分漁民團體則擔心工程會影響漁獲，港務局表示會與漁民代表繼續商討補償方案，並承諾在施工期間定期監測水質。")
_ABOUT = ("嵐港市水務局是市政府主管全市水行政工作的組成部門，負責保障水資源的合理開發利用，擬訂全市水務發展規劃和政策。",
          "水務局下設辦公室、規劃科、水資源管理科、河湖管理科、水旱災害防禦科等內設機構，並管理多個直屬事業單位。",
          "水務局的辦公地點位於嵐港市海濱路一號市政大樓八樓，對外辦公時間為週一至週五上午九時至下午五時，節假日除外。")


def _body(html: str) -> str:
    return extract(html, "html", ArticleHints())[0].body


@pytest.mark.parametrize("box", ["<div class='TRS_Editor'>{p}</div>", "<div id='zoom'>{p}</div>",
                                 "<div class='trs_paper_default'>{p}</div>", "<div class='neirong'>{p}</div>"])
def test_a_government_cms_body_box_outweighs_an_unnamed_box_of_prose_beside_it(box):
    """Class: government pages (TRS, Hanweb) whose short notice stands beside a longer box of the
    department's description, neither named in words the content hints knew."""
    text = "".join(f"<p>{p}</p>" for p in _NEWS[:2])
    html = ("<html><head><meta charset='utf-8'><title>港口擴建方案公布_嵐港市政府</title></head><body>"
            "<div class='main'><div class='bt'>港口擴建方案公布</div><div class='sj'>發布時間：2024-05-10 來源：市政府辦公室</div>"
            f"{box.format(p=text)}</div><div class='box'>{''.join(f'<p>{a}</p>' for a in _ABOUT)}</div></body></html>")
    body = _body(html)
    assert body.startswith("嵐港港務局今日公布") and "興建一條連接高速公路" in body
    assert "水務局下設辦公室" not in body


def _with_box_inside(box: str) -> str:
    return ("<html><head><meta charset='utf-8'><title>嵐港港口擴建方案出爐_嵐港日報</title></head><body><h1>嵐港港口擴建方案出爐</h1>"
            f"<div class='article-content'><p>{_NEWS[0]}</p><p>{_NEWS[1]}</p>{box}<p>{_NEWS[2]}</p></div></body></html>")


@pytest.mark.parametrize("cls,text", [
    ("ad_inline", "嵐港夜市美食節五月盛大開幕，百家攤位齊聚海濱長廊，現在報名參加抽獎，有機會贏取大獎。"),
    ("appendQr_wrap", "長按識別二維碼，收聽嵐港電台每天早上的新聞節目，還有讀者專享的活動和福利等著你。"),
    ("sponsor-box", "本欄目由嵐港銀行冠名支持，嵐港銀行陪伴市民走過七十年，為你的每一個夢想保駕護航。"),
])
def test_an_advertisements_box_inside_the_article_box_is_dropped(cls, text):
    body = _body(_with_box_inside(f"<div class='{cls}'><p>{text}</p></div>"))
    assert text[:8] not in body
    assert all(p[:10] in body for p in _NEWS)


def test_a_date_line_in_a_share_row_and_a_text_in_a_share_named_box_stay():
    """The header's date and source in the share buttons' row, and an op-ed whose whole text a
    box named for sharing holds (it holds most of the article's letters: the text's own box)."""
    row = "<div class='info-share'>2024-05-09 18:30 來源：嵐港日報 分享到：微信 微博</div>"
    art = extract(_with_box_inside(row), "html", ArticleHints())[0]
    assert art.published is not None and art.published.startswith("2024-05-09")
    text = "".join(f"<p>{p}</p>" for p in _NEWS)
    html = ("<html><head><meta charset='utf-8'><title>嵐港港口擴建方案出爐_嵐港日報</title></head><body><h1>嵐港港口擴建方案出爐</h1>"
            f"<div class='article'><div class='share-text'>{text}</div><div class='share'>分享到：微信</div></div></body></html>")
    assert all(p[:10] in _body(html) for p in _NEWS)


def test_no_real_sites_body_box_is_named_in_a_negative_word():
    """The smoke run of benchmarks/box_names.py: the body boxes of 81 real sites (RSSHub's
    selectors) are never taken for furniture by their names."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import box_names

    from reader.extract.content_box import NEG, _POS

    body = box_names.names(2)
    assert len(body) >= 100 and not [n for n in body if NEG.search(n)]
    assert sum(bool(_POS.search(n)) for n in body) >= 65


def test_a_self_media_platforms_stamp_names_the_account_as_author():
    """Class: self-media platforms that stamp a post with the province it was sent from and the
    account that posted it ("…发布于北京环球时报新媒体官方账号"); a person the byline names wins."""
    def page(stamp: str, byline: str = "") -> str:
        return ("<html><head><meta charset='utf-8'><title>嵐港港口擴建方案出爐_新聞</title></head><body>"
                f"<h1>嵐港港口擴建方案出爐</h1><div class='info'>{stamp}</div>{byline}"
                f"<div class='article-content'>{''.join(f'<p>{p}</p>' for p in _NEWS)}</div></body></html>")

    assert extract(page("2024-05-13 06:16发布于北京嵐港觀察官方账号"), "html", ArticleHints())[0].authors == ["嵐港觀察"]
    assert extract(page("2024-05-13 06:16 發布於廣東 嵐港觀察官方帳號"), "html", ArticleHints())[0].authors == ["嵐港觀察"]
    named = page("2024-05-13 06:16发布于北京嵐港觀察官方账号", "<div class='author'>記者 王小明</div>")
    assert extract(named, "html", ArticleHints())[0].authors == ["王小明"]
    text = "\n\n".join(["嵐港港口擴建方案出爐", "2024-05-13 06:16发布于北京嵐港觀察官方账号", *_NEWS]) + "\n"
    assert extract(text, "text", ArticleHints())[0].authors == ["嵐港觀察"]
    # an account named as a site is ("…新聞網"), like a page's author field so named, is no author
    assert not extract(page("2024-05-13 06:16发布于北京嵐港新聞網官方账号"), "html", ArticleHints())[0].authors
    site_field = page("2024-05-13 06:16").replace("<head>", "<head><meta name='author' content='嵐港新聞網'>")
    assert not extract(site_field, "html", ArticleHints())[0].authors


@pytest.mark.parametrize("name", ["rwb_tjyd", "xgyd", "xgwz", "paihang", "remen"])
def test_a_box_beside_the_article_named_for_related_reading_in_pinyin_is_not_added(name):
    """Class: CMSs that name their related, recommended, ranked and popular boxes in pinyin
    initials (推荐阅读 'tjyd', 相关阅读 'xgyd', 相关文章 'xgwz', 排行, 热门)."""
    other = "".join(f"<p>{a}</p>" for a in _ABOUT)
    html = ("<html><head><meta charset='utf-8'><title>嵐港港口擴建方案出爐_嵐港日報</title></head><body><h1>嵐港港口擴建方案出爐</h1>"
            f"<div class='wrap'><div class='content'>{''.join(f'<p>{p}</p>' for p in _NEWS)}</div>"
            f"<div class='{name}'>{other}</div></div></body></html>")
    body = _body(html)
    assert all(p[:10] in body for p in _NEWS) and "水務局下設辦公室" not in body


_WRAPPERS = {
    "div": "<div style='text-indent:2em'>{p}</div>",
    "wrapped": "<div class='para'><p>{p}</p></div>",
    "section": "<section style='margin:0'><p style='text-indent:2em'><span style='font-size:16px'>{p}</span></p></section>",
}
_REPLIES = ("我住在港口附近，擴建工程會帶來噪音和交通問題，希望政府能夠做好規劃，不要只顧經濟效益，也要照顧居民的生活質素。",
            "港口擴建的消息早就傳了好幾年，這次終於落實，不過施工期間的噪音和空氣污染問題，希望港務局能夠公開監測數據。",
            "補償方案一定要公開透明，不能讓漁民吃虧，也希望港務局能夠定期舉辦說明會，讓附近居民知道工程的最新進度。",
            "擴建是好事，但我家就在碼頭旁邊，希望施工時間不要太早開始，晚上也不要趕工，不然附近的居民根本沒辦法休息。")


def _unnamed_page(paragraphs: str, after: str) -> str:
    return ("<html><head><meta charset='utf-8'><title>嵐港港口擴建方案出爐_嵐港日報</title></head><body>"
            "<div class='w1000'><div class='w640 fl'><h1>嵐港港口擴建方案出爐</h1><div>2024-05-10 07:48 來源：嵐港日報</div>"
            f"<div class='box_l'>{paragraphs}</div></div>{after}</div></body></html>")


@pytest.mark.parametrize("markup", sorted(_WRAPPERS))
def test_paragraphs_each_in_a_wrapper_of_their_own_outweigh_a_longer_list_of_replies(markup):
    """Class: pages whose boxes carry layout names only (a CMS's grid classes, or none), whose text
    sets each paragraph in a wrapper of its own (a <div> per paragraph, an editor's <div><p>, a
    WeChat article's <section><p><span>), above a box of readers' replies, each a <p> under its
    poster's name: the text's box gets each paragraph whole, not half of it."""
    text = "".join(_WRAPPERS[markup].format(p=p) for p in _NEWS)
    replies = "<div class='mt20'>" + "".join(f"<div class='item'><span>網友{n}</span><p>{r}</p></div>"
                                             for n, r in enumerate(_REPLIES, 1)) + "</div>"
    body = _body(_unnamed_page(text, replies))
    assert body.startswith("嵐港港務局今日公布") and body.rstrip().endswith("定期監測水質。")
    assert "我住在港口附近" not in body


def test_a_footer_of_notices_each_in_a_box_of_its_own_is_no_text():
    """Class: portal pages whose footer sets its disclaimer, copyright and licence lines each in a
    <div> of its own: they are no wrapped paragraphs, and their box does not outweigh the text's."""
    text = "".join(f"<p>{p}</p>" for p in _NEWS)
    footer = ("<div class='bottom'>"
              "<div>免責聲明：本網站所刊載的所有內容均由內容合作方提供，該等內容合作方負責其所發布內容的真實性、準確性和合法性，本網站不承擔任何責任。</div>"
              "<div>本網站刊載的所有內容，包括文字、圖片、音頻、視頻等，版權均屬嵐港日報社所有，未經書面授權，任何單位及個人不得轉載、摘編或以其他方式使用。</div>"
              "<div>嵐港日報社 版權所有，地址：嵐港市海濱路1號，電話：0123-4567890，違法和不良信息舉報電話：0123-4567891，舉報郵箱：jubao@lg-news.example。</div>"
              "<div>嵐港日報創刊於1952年，是嵐港地區歷史最悠久的中文報章，每日出版，為讀者提供本地、兩岸及國際新聞。</div>"
              "</div>")
    body = _body(_unnamed_page(text, footer))
    assert body.startswith("嵐港港務局今日公布") and "興建一條連接高速公路" in body
    assert "免責聲明" not in body and "版權均屬" not in body and "創刊於1952年" not in body


@pytest.mark.parametrize("markup", sorted(_WRAPPERS))
def test_a_wrapped_first_paragraph_over_the_editors_box_of_the_rest_is_the_texts(markup):
    """Class: CMS pages whose editor wrapped most of a pasted text in a box of its own under its
    first paragraph and a photo, every paragraph in a wrapper of its own: the first, wrapped like
    the rest, opens the text."""
    more = "".join(f"據港務局資料，第{n}期工程將如期展開，施工期間會設置臨時航道，確保船隻進出港口不受影響。" for n in range(2, 3))
    rest = [more] + [f"據港務局資料，第{n}期工程將如期展開，施工期間會設置臨時航道，確保船隻進出港口不受影響。" for n in range(3, 10)]
    wrap = _WRAPPERS[markup]
    photo = "<div class='pic'><img src='/p2.jpg'><p>港務局展示擴建工程的模型</p></div>"
    text = wrap.format(p=_NEWS[0]) + photo + "<div class='cms'>" + "".join(wrap.format(p=p) for p in rest) + "</div>"
    body = _body(_unnamed_page(text, ""))
    assert body.startswith("嵐港港務局今日公布") and "第9期工程" in body


@pytest.mark.parametrize("header", ["<h1>{h}</h1><div>2024-05-10 07:48 來源：嵐港日報</div>",
                                    "<div>2024-05-10 07:48</div><div><b>{h}</b></div><div>來源：嵐港日報 作者：王小明</div>"])
def test_the_first_story_of_an_endless_page_outweighs_the_longer_next_one(header):
    """Class: news sites that load the next story under the article, each under its own headline
    and date line, in boxes of layout names: the page's article is the first story, though the
    next one is longer (unless it scores five times more)."""
    nxt = ("<div class='mt20'><h2>北濱海灘水質轉差 市民暫勿下水</h2><div>2024-05-09 18:30 來源：嵐港日報</div>"
           + "".join(f"<p>環保署今日公布最新海灘水質報告，北濱海灘的大腸桿菌含量連續第{n}週超出標準，署方建議市民暫時不要下水游泳，"
                     "並會加密採樣，找出污染來源，預計下月再公布結果。</p>" for n in range(1, 9)) + "</div>")
    html = ("<html><head><meta charset='utf-8'><title>嵐港港口擴建方案出爐_嵐港日報</title></head><body><div class='w1000'>"
            f"<div class='w640'>{header.format(h='嵐港港口擴建方案出爐')}<div class='box_l'>"
            + "".join(f"<section><p>{p}</p></section>" for p in _NEWS) + f"</div></div>{nxt}</div></body></html>")
    article = extract(html, "html", ArticleHints())[0]
    assert article.title == "嵐港港口擴建方案出爐"
    assert article.body.startswith("嵐港港務局今日公布") and "環保署" not in article.body
