"""Plain-text scrapes: text.py alone, then the seed page end to end."""

from pathlib import Path

import pytest

from reader.errors import ContentError
from reader.extract import extract
from reader.extract.text import parse_text
from reader.model import ArticleHints, Block

SEED = Path(__file__).parent / "fixtures" / "seed" / "000_d4eb6ef48fb1f2de.txt"


def test_parse_text_lines_indent_and_gaps():
    parsed = parse_text("標題\n\n  第一段。\n\u3000\u3000第二段。\n尾")
    assert [ln.text for ln in parsed.lines] == ["標題", "第一段。", "第二段。", "尾"]
    assert [ln.indented for ln in parsed.lines] == [False, True, True, False]
    assert [ln.gap_before for ln in parsed.lines] == [False, True, False, False]
    assert parsed.kind == "text"


@pytest.fixture(scope="module")
def seed():
    return extract(SEED.read_text(encoding="utf-8"), "text", ArticleHints())


def test_seed_metadata(seed):
    assert len(seed) == 1
    art = seed[0]
    assert art.title == "江門推動港澳合作再上新臺階:一種源遠流長的親密合作"
    assert art.published == "2021-12-29"
    assert art.source == "南方日報"
    assert art.breadcrumb == ["城市", "江門分站", "最新動態"]
    assert art.authors == ["葉芷晴", "張泳渝"]


def test_seed_body(seed):
    art = seed[0]
    paragraphs = [b.text for b in art.blocks if b.kind == "paragraph"]
    subheadings = [b.text for b in art.blocks if b.kind == "subheading"]
    assert paragraphs[0].startswith("江門市蓬江區勝利路上")
    assert paragraphs[-1].endswith("“一國兩制”的認同感。")
    assert "以南組團為重點" in subheadings
    assert "打造對接港澳橋頭堡" in subheadings
    assert len(subheadings) == 8
    # the share widget is remembered where it stood: after the last paragraph
    assert art.blocks[-1] == Block("share")
    assert sum(b.kind == "share" for b in art.blocks) == 1
    body = art.body
    for junk in ("精品", "[ ]", "掃一掃", "分享到微信朋友圈", "嘉荫县", "蜘蛛池", "葉芷晴", "來源"):
        assert junk not in body
    assert art.title not in body


def test_hints_override_page():
    hints = ArticleHints(title="T", published="2020-01-02", authors=("甲",), url="https://e.org/a", source="出版社")
    art = extract(SEED.read_text(encoding="utf-8"), "text", hints)[0]
    assert (art.title, art.published, art.authors, art.url) == ("T", "2020-01-02", ["甲"], "https://e.org/a")
    assert art.source == "南方日報"  # hints.source only when the page names none


def test_source_hint_used_when_page_names_none():
    text = "一個標題\n\n  這是第一段正文，內容足夠長，說明了事情的經過。\n\n  這是第二段正文，也有足夠的內容。\n"
    art = extract(text, "text", ArticleHints(source="出版社"))[0]
    assert art.source == "出版社"
    assert art.title == "一個標題"
    assert [b.kind for b in art.blocks] == ["paragraph", "paragraph"]


def test_simplified_scrape_with_labels():
    text = (
        "当前位置：首页 > 新闻 > 国内\n"
        "某地推进乡村振兴取得新进展\n"
        "发布时间：2023 年 11 月 12 日 09:30  来源：人民网  作者：李明\n"
        "分享到：\n"
        "  近日，记者来到某地，看到田间地头一片繁忙景象，农民们正在抢收晚稻。\n"
        "  当地负责人表示，今年粮食产量再创新高，农民收入稳步增长。\n"
        "  当地负责人表示，今年粮食产量再创新高，农民收入稳步增长。\n"
        "责任编辑：王五\n"
        "相关新闻\n"
        "另一条新闻的标题\n"
        "Copyright © 2023 人民网 版权所有\n"
    )
    art = extract(text, "text", ArticleHints())[0]
    assert art.title == "某地推进乡村振兴取得新进展"
    assert art.published == "2023-11-12T09:30"
    assert art.source == "人民网"
    assert art.authors == ["李明"]
    assert art.editor == "王五"
    assert art.breadcrumb == ["新闻", "国内"]
    assert [b.kind for b in art.blocks] == ["share", "paragraph", "paragraph"]  # repeat dropped
    assert "另一条新闻" not in art.body and "Copyright" not in art.body


@pytest.mark.parametrize("text", ["", "   \n\n", "[ ]\n分享到：\n"])
def test_no_article_raises(text):
    with pytest.raises(ContentError):
        extract(text, "text", ArticleHints())


def test_hostile_text_is_stored_as_text():
    text = "標題\n\n  <script>alert(1)</script> \x1b[31m正文內容，足夠長的一段文字。\n"
    art = extract(text, "text", ArticleHints())[0]
    assert "<script>alert(1)</script>" in art.body


def test_huge_single_line_does_not_hang():
    art = extract("標題\n" + "字" * 5_000_000 + "。\n", "text", ArticleHints())[0]
    assert len(art.body) == 5_000_001


def test_a_line_opening_what_follows_with_a_colon_is_never_the_headline():
    """Class: scraped pages that open with a notice or a label ("親愛的網友：", "本站永久域名:") before
    the article; whichever way the title is found, such a line is not it (self-written page)."""
    page = (
        "親愛的網友：\n"
        "本站網址已更新，請將新網址加入書籤。\n"
        "\n"
        "颱風過境 南部農損逾億元\n"
        "\n"
        "中央氣象署表示，颱風昨晚在屏東登陸後，一路向北移動，今天清晨已減弱為熱帶性低氣壓，但南部山區仍有豪雨。\n"
        "農業部統計，截至中午為止，南部縣市的農業損失已經超過一億元，以香蕉、芒果和蔬菜受損最嚴重。\n"
        "地方政府呼籲農民儘速申請救助，相關表格可在各鄉鎮公所索取，審核通過後將在兩週內撥款。\n"
    )
    article = extract(page, "text", ArticleHints())[0]
    assert article.title != "親愛的網友：" and not (article.title or "").endswith("：")
    assert article.body.startswith("中央氣象署表示")


NAV_ROW = "首頁 新聞 財經 體育 娛樂 生活 國際 地方 評論 影音"  # a site's menu, as a page run together has it


def _run_together(top: str, dated: str, body: str) -> str:
    """A self-written Hong Kong page run together on one line: ``top`` (browser title, menu…), the
    headline and date line ``dated``, the text, and the furniture under it."""
    return f"{top} {dated} {body} 相關新聞 分享到 回到頂部"


def test_a_two_part_headline_on_a_page_run_together_is_kept_whole():
    """Class: a page's text run together on one line (cut back into lines at its spaces), whose
    headline has a space between its two parts and stands twice on the page (browser title and
    heading): the headline comes back whole, not its second half (self-written page)."""
    headline = "港珠澳大橋客流創新高 單日通關逾八萬人次"
    body = ("港珠澳大橋管理局表示，昨日經大橋口岸出入境的旅客超過八萬人次，創下通車以來的新高，"
            "其中以香港居民為主。管理局預計，隨著假期臨近，客流量還會繼續增加，已經增派人手並延長"
            "穿梭巴士的服務時間。旅客普遍表示，通關過程順暢，排隊時間比去年明顯縮短，"
            "不少家庭選擇搭乘穿梭巴士前往澳門和珠海遊玩。"
            "另外，珠海口岸也推出了自助通關設備，旅客只需數秒即可完成查驗，大大減輕了人工櫃檯的壓力，"
            "口岸負責人表示，將在春節前再增加二十條自助通道，以應對更大的客流高峰。")
    page = _run_together(f"{headline}_粵港澳快訊 {NAV_ROW}", f"{headline} 2021-12-30 10:20 來源：粵港澳快訊", body)
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == headline
    assert article.published.startswith("2021-12-30")


@pytest.mark.parametrize("before", ["精彩內容隨時看", "首頁 > 新聞 > 社會"])
def test_a_two_part_headline_standing_once_above_the_date_is_kept_whole(before):
    """Class: a page run together on one line whose two-part headline stands only once, right
    above the date line: both parts come back; a promotion or breadcrumb before it stays out
    (self-written page)."""
    first, second = "北濱區舊樓凌晨火警三十人疏散", "消防一小時救熄無人受傷"
    body = ("北濱區一幢舊樓今日凌晨發生火警，消防接報後派出四輛消防車及一部雲梯車到場，約一小時後將火救熄，"
            "事件中無人受傷。據了解，起火單位位於大廈六樓，相信是雜物堆放過多引致，消防員佩戴呼吸器入屋搜救，"
            "大廈約三十名住戶自行疏散到街上，部分長者由消防員協助落樓。屋宇署人員稍後會到場視察大廈結構，"
            "受影響住戶暫時獲安排入住社區會堂，民政事務處職員在場跟進，區議員亦到場了解住戶需要。"
            "消防處提醒市民，切勿在走廊及樓梯堆放雜物，以免阻塞逃生通道，並應定期檢查家中電線及電器，"
            "如發現異常應立即停用並找註冊電業工程人員維修。")
    page = _run_together(f"嵐港日報 {NAV_ROW} {before}", f"{first} {second} 2023-11-02 07:15 來源：嵐港日報", body)
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == f"{first} {second}"
    assert article.published.startswith("2023-11-02")


_HARBOUR_BODY = ("嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，"
                 "新建的兩個深水泊位可以停靠最大型的貨櫃船。港務局表示，擴建後的年吞吐量將增加一倍，"
                 "並會同時興建一條連接高速公路的專用道路，以減少貨櫃車對市區交通的影響。"
                 "工程的環境影響評估報告已經完成，報告認為只要採取適當的措施，工程對附近海域的影響輕微。"
                 "部分漁民團體則擔心工程會影響漁獲，港務局表示會與漁民代表繼續商討補償方案，"
                 "並承諾在施工期間定期監測水質，結果會在網站上公布。港務局局長在記者會上表示，"
                 "擴建計劃已經討論了十年，今次終於落實，相信可以為嵐港帶來大量就業機會，"
                 "並鞏固嵐港作為區內航運中心的地位。")


@pytest.mark.parametrize("between", ["http://www.lg-daily.example/", "打印本頁",
                                     "用LINE傳送 分享 分享 留言 列印 A-A+"])
def test_a_two_part_headline_above_a_source_link_and_the_date_is_kept_whole(between):
    """Class: a page run together on one line whose two-part headline stands once, with the
    source's address, a widget or a whole row of share, print and font-size buttons between it
    and the date line ("… http://www.example.com/ 2005-07-18 13:03", Taiwanese news sites' "用LINE
    傳送 分享 留言 列印 A-A+"): that is furniture, so both parts still come back (self-written page)."""
    first, second = "嵐港港口擴建方案出爐", "首期工程明年動工"
    page = _run_together(f"嵐港日報 {NAV_ROW}", f"{first} {second} {between} 2005-07-18 13:03:17",
                         _HARBOUR_BODY)
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == f"{first} {second}"
    assert article.published.startswith("2005-07-18")


def test_a_short_paragraph_that_spaces_its_latin_words_is_not_taken_for_a_page_run_together():
    """Class: short pages (a headline and one paragraph) in Taiwanese and Hong Kong typography,
    which sets spaces around Latin words and figures ("據 CNN 報導，蘋果公司 Apple 今日…"): the
    spaces stand beside ASCII, not between Chinese text, so the paragraph stays whole."""
    page = ("蘋果發表新款 iPhone 16\n\n據 CNN 報導，蘋果公司 Apple 今日在 Cupertino 總部發表新款 iPhone 16 手機，"
            "新機搭載 A18 晶片，售價 799 美元起，預計 9 月 20 日在台灣開賣，果粉可先在官網預購。")
    article = extract(page, "text", ArticleHints())[0]
    assert article.body.startswith("據 CNN 報導，蘋果公司") and article.body.endswith("果粉可先在官網預購。")


def test_a_short_brief_run_together_on_one_line_is_cut_into_lines():
    """Class: a short news brief (a few sentences, under 300 characters) whose page was run
    together on one line: it is cut back into lines like a long page, so that its headline, date
    and text are found and the menu and footer stay out (self-written page)."""
    page = ("首頁 新聞 財經 體育 娛樂 國際 嵐港港口擴建方案出爐 2024-05-10 07:48 來源：嵐港日報 "
            "嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成。 "
            "港務局表示，擴建後的年吞吐量將增加一倍，並會興建一條連接高速公路的專用道路。 "
            "關於我們 | 聯絡我們 | 廣告服務 Copyright © 2024 嵐港日報 版權所有")
    assert len(page) < 300
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == "嵐港港口擴建方案出爐"
    assert article.published.startswith("2024-05-10")
    assert article.body.startswith("嵐港港務局今日公布") and "版權所有" not in article.body


def test_a_two_part_headline_over_its_dash_subtitle_on_a_page_run_together_is_kept_whole():
    """Class: a page run together on one line whose two-part headline has its subtitle under a
    dash between it and the date line ("A B ——港務局公布十年規劃 2024-05-10"): the subtitle is
    headline matter, so both parts come back, without the subtitle (self-written page)."""
    first, second = "嵐港港口擴建方案出爐", "首期工程明年動工"
    page = _run_together(f"嵐港日報 {NAV_ROW}", f"{first} {second} ——港務局公布十年規劃 2024-05-10 07:48 來源：嵐港日報",
                         _HARBOUR_BODY)
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == f"{first} {second}"


@pytest.mark.parametrize("headline", [
    "港口觀察 | 嵐港港口擴建方案出爐",  # a column's name before a bar
    "港口觀察| 嵐港港口擴建方案出爐",
])
def test_a_headline_in_parts_on_a_page_run_together_is_kept_whole(headline):
    """Class: pages run together on one line whose headline opens with a column's name and a bar:
    the page is cut at its spaces, and the parts come back as one headline; a bar in a menu row and
    a truncated ticker item ("..."), above it are no headline's (self-written pages)."""
    page = _run_together("嵐港日報 首頁 | 新聞 | 財經 | 體育 生活新聞", f"{headline} 2018-07-31 08:19", _HARBOUR_BODY)
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == headline
    menu = _run_together("嵐港日報 首頁 | 新聞 | 財經 |", "嵐港港口擴建方案出爐 2018-07-31 08:19", _HARBOUR_BODY)
    assert extract(menu, "text", ArticleHints())[0].title == "嵐港港口擴建方案出爐"
    ticker = _run_together("嵐港日報 首頁 | 新聞 | 財經 | 體育 熱門 股市收盤大漲百點...",
                           "嵐港港口擴建方案出爐 2018-07-31 08:19", _HARBOUR_BODY)  # a truncated ticker item
    assert extract(ticker, "text", ArticleHints())[0].title == "嵐港港口擴建方案出爐"


@pytest.mark.parametrize("run_together", [False, True])
def test_a_dash_subtitle_under_the_headline_is_not_the_headline(run_together):
    """Class: editorials and features whose headline has a second line opening with a dash
    ("——热烈祝贺…开幕", "——记…"): the line above it is the headline, on a page of lines and on
    one run together (self-written page)."""
    lines = ["嵐山市人民政府门户网站", "首页>动态信息>政务动态",
             "为嵐山高质量发展凝聚奋进力量", "——热烈祝贺市政协三届一次会议开幕", "2022-01-10 来源：嵐山日报",
             "新征程催人奋进，新使命激荡人心。今天，政协嵐山市第三届委员会第一次会议隆重开幕，我们对大会的召开表示热烈祝贺！",
             "过去五年，市政协围绕市委中心工作，积极建言献策，在推动经济发展、改善民生、促进社会和谐等方面做了大量工作，"
             "为全市经济社会发展作出了重要贡献。",
             "未来五年，是全面推进高质量发展的关键时期，希望广大政协委员肩负起时代重任和人民嘱托，"
             "以饱满的精神状态投入到各项工作中去，为嵐山的发展贡献智慧和力量。",
             "预祝大会圆满成功！", "编辑：王明"]
    page = " ".join([NAV_ROW, *lines]) if run_together else "\n\n".join(lines)
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == "为嵐山高质量发展凝聚奋进力量"
    assert article.body.startswith("新征程催人奋进")


def _wrapped(text: str, widths: list[int]) -> str:
    """``text`` wrapped with a space after each run of ``widths`` characters (taken in turn)."""
    out, at, k = [], 0, 0
    while at < len(text):
        out.append(text[at:at + widths[k % len(widths)]])
        at += widths[k % len(widths)]
        k += 1
    return " ".join(out)


@pytest.mark.parametrize("widths", [[30], [26, 24, 27, 25]])
def test_an_essay_run_together_with_its_wrapped_lines_is_cut_into_paragraphs(widths):
    """Class: old essay and forum pages whose source wrapped each paragraph (at a fixed width, or
    at one that varies with the bytes of a line), dumped run together on one line: the page is cut
    into lines, the wraps inside its sentences are put back, and the headline is found
    (self-written page)."""
    paragraphs = [
        "人们常说城市是一本打开的书，每一条街道都是它的一页，每一座老房子都是书页上的一行字。可是这些年来，书页被一张张撕去，换上了千篇一律的玻璃幕墙。",
        "我小时候住的那条巷子，两边都是青砖灰瓦的平房，夏天的傍晚，家家户户把竹床搬到门口乘凉，大人们摇着蒲扇讲古，孩子们在巷子里追来追去。",
        "后来巷子拆了，原地建起了一座购物中心。我曾经回去找过一次，站在那座大楼前面，竟然想不起自己的家原来在哪一个位置。这种失落，大概很多人都有过。",
        "有人说，老房子住着不方便，没有暖气，没有电梯，年轻人都搬走了，留下来的只有老人。这话不假，可是不方便可以改造，拆掉了就再也回不来了。",
        "欧洲许多城市的老城区，外表几百年不变，里面却装上了现代的设施，居民照样过着舒适的生活。我们未必要照搬，但至少可以想一想，还有没有别的办法。",
        "保护老街区，不是要把城市变成博物馆，而是要让一座城市的记忆有地方安放。拆与留之间，需要的是耐心和敬畏，而不是一纸规划。",
    ]
    wrapped = [_wrapped(text, widths) for text in paragraphs]
    page = " ".join(["显示", "城市的书页", "林远", "——关于老街区保护的随想", *wrapped, "（全文完）"])
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == "城市的书页"
    assert article.body.startswith(paragraphs[0])
    for text in paragraphs:
        assert text in article.body


@pytest.mark.parametrize("furniture", [
    "chinaha.example.com",  # the site's host name standing alone
    "首頁 - 新聞 - 體育 - 娛樂 - 財經 - 科技",  # a menu row
    "logo.gif (2571 bytes)",  # what a text browser prints for an image
    "2021年12月30日（星期四）",  # the page's dateline
    "（記者 孫強磊）",  # the reporters' names closing the text
    "[hans_logo]",  # w3m: an image's name standing for it
    "bytes)",  # w3m: the end of an image placeholder cut off
    "━━━━━━━━━━━━━━━━ facebook line",  # a rule drawn with box characters, share links after it
    "嵐港夜市美食評比出爐 20:02",  # a news ticker's item with its time
    "登錄註冊幫助搜索",  # a menu's words run together, nothing between them
    "切換導航",  # a responsive menu's toggle, as a DOM dump prints it
    "1  2  3  4",  # a pager: numbers, no words
])
def test_navigation_and_datelines_are_never_the_headline(furniture):
    """Class: text dumps of whole pages (w3m, inscriptis) whose top carries the site's furniture
    above the headline; whichever line the model likes, furniture is not a headline (self-written)."""
    from reader.extract import headline
    from reader.extract.parsed import Line

    assert not headline.may_be_headline(Line(furniture))
    assert headline.may_be_headline(Line("12月30日起 港珠澳大橋延長通關時間"))  # a headline that names a day
    assert headline.may_be_headline(Line("颱風過境 南部農損逾億元"))


def test_a_lone_ideographic_space_on_a_page_run_together_stays_inside_its_line():
    """Class: Taiwanese pages run together on one line, whose headline's two parts are parted by
    one ideographic space ("標題　副題"): the page is cut at its ASCII spaces only, and the
    headline comes back whole (self-written page)."""
    nav = "首頁 即時 社會 政治 國際 娛樂 體育 生活 財經 地方"
    headline = "颱風過境南部農損逾億元\u3000農業部啟動救助"
    body = ("中央氣象署表示，颱風昨晚在屏東登陸後，一路向北移動，今天清晨已減弱為熱帶性低氣壓，但南部山區仍有豪雨。"
            "農業部統計，截至中午為止，南部縣市的農業損失已經超過一億元，以香蕉、芒果和蔬菜受損最嚴重。"
            "地方政府呼籲農民儘速申請救助，相關表格可在各鄉鎮公所索取，審核通過後將在兩週內撥款。"
            "農業部也提醒，災後田間積水容易引發病蟲害，農民應儘快排水並噴灑藥劑，以免損失擴大。"
            "氣象署預估，颱風外圍環流明天仍會帶來局部大雨，山區民眾應留意落石與坍方，非必要不要上山。")
    page = f"{nav} {headline} 2024-07-25 14:20 記者王小明／屏東報導 {body} 相關新聞 分享到 回到頂部"
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == headline
    assert article.body.startswith("中央氣象署表示")


@pytest.mark.parametrize("name", ["經濟日報", "大家論壇", "天极博客首页", "巴彦淖尔市政府门户网站", "bjreader的博客"])
def test_a_sites_or_channels_name_is_never_the_headline(name):
    """Class: text dumps whose top line is the site's or a channel's name (self-written names)."""
    from reader.extract import headline
    from reader.extract.parsed import Line, fold_lines

    lines = [Line(name), Line("為民營經濟拓展發展空間"), Line("经济日报评论员：再驳产能过剩论")]
    fold_lines(lines)
    assert [headline.may_be_headline(line) for line in lines] == [False, True, True]


def test_a_blogs_day_heading_above_the_post_dates_it_when_none_stands_below():
    """Class: blog pages whose template sets the day above the post's headline and only the
    comments' times below it (self-written page)."""
    body = "\n\n".join(["　　今天和朋友去了山上的金礦遺址，沿著舊鐵軌走了一個多小時，風景很好，也拍了不少照片。",
                        "　　礦區現在改成了公園，入口有一間小博物館，介紹當年開採的歷史，很值得一看。"])
    page = ("海姑娘的部落格\n\n2005年3月21日 星期一\n\n昨天去金礦玩\n\n" + body
            + "\n\n2 則留言\n\n小明 2005年3月23日 寫道：好羨慕！\n")
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == "昨天去金礦玩"
    assert article.published == "2005-03-21"


def test_a_place_report_byline_with_a_promotion_glued_after_it_names_the_author():
    """Class: Taiwanese pages whose end byline "（記者名／地名報導）" has the site's own short
    promotion glued after it in the same paragraph (self-written page)."""
    page = ("北濱區舊樓凌晨火警\n\n2023-11-02 07:15\n\n"
            "　　北濱區一幢舊樓今日凌晨發生火警，消防接報後派出四輛消防車到場，約一小時後將火救熄，事件中無人受傷。\n\n"
            "　　屋宇署人員稍後會到場視察大廈結構，受影響住戶暫時獲安排入住社區會堂。（陳美玲／嵐港報導）《嵐報》關心你\n")
    article = extract(page, "text", ArticleHints())[0]
    assert article.authors == ["陳美玲"]


@pytest.mark.parametrize("credit", ["（取自陳美玲臉書）", "（翻攝畫面）", "（圖／嵐港日報）"])
def test_a_caption_closed_by_its_source_credit_is_not_the_first_paragraph(credit):
    """Class: Taiwanese pages whose lead photo's caption stands above the text as a line of its
    own, closed by where the photo came from (self-written page)."""
    page = ("北濱區舊樓凌晨火警\n\n2023-11-02 07:15\n\n"
            f"消防員在火場外協助住戶疏散，部分長者由消防員背落樓。{credit}\n\n"
            "　　北濱區一幢舊樓今日凌晨發生火警，消防接報後派出四輛消防車到場，約一小時後將火救熄，事件中無人受傷。\n\n"
            "　　屋宇署人員稍後會到場視察大廈結構，受影響住戶暫時獲安排入住社區會堂，民政事務處職員在場跟進。\n")
    article = extract(page, "text", ArticleHints())[0]
    assert article.body.startswith("北濱區一幢舊樓")


def test_a_headline_ending_in_a_site_word_and_a_bracketed_byline_under_the_text():
    """Class: a short headline that ends in a word sites also end their names with (門戶), over a
    text closed by the reporter's name in brackets: the headline is found, the byline is the
    author, and the byline is never taken for the headline (self-written page)."""
    page = ("您現在的位置: 首頁 > 軍事 > 正文\n\n俱是北洋第一重門戶\n\n發佈時間：2024年7月15日\n\n"
            "　　威海衛港灣之內有劉公島橫列，島上炮台與南北兩岸炮台互為犄角，清末被稱為北洋第一重門戶，至今仍存多處遺址。\n\n"
            "　　當地文物部門近年整修了島上的炮台和營房，並在碼頭旁設立展館，陳列當年的火炮、文書和照片，供遊人參觀。\n\n"
            "　　（記者 孫強磊）\n\n掃一掃,分享到微信朋友圈\n")
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == "俱是北洋第一重門戶"
    assert article.authors == ["孫強磊"]
    assert article.body.startswith("威海衛港灣")


def _elevator_story(last_words: str, under: str) -> str:
    """A self-written mainland text page: headline, date, two paragraphs (the second ending with
    ``last_words``), then ``under`` and a related list."""
    return ("东澜市老旧小区加装电梯提速\n\n2024年04月18日 08:32\n\n"
            "　　记者昨日从东澜市住房和城乡建设局获悉，今年全市计划在老旧小区新开工加装电梯六十台，比去年增加一倍。\n\n"
            f"　　市住建局相关负责人表示，下一步将把加装电梯与小区改造同步推进，减少重复施工对居民的影响。{last_words}\n\n"
            f"{under}\n\n相关新闻\n\n东澜市启动城市更新三年行动\n")


def test_a_bracketed_editor_credit_after_the_reporters_glued_name_closes_the_article():
    """Class: mainland pages whose last paragraph ends with the reporter's name in brackets and
    the editor's credit follows on a line of its own: both stay as the article's last words, and
    the editor is read (self-written page)."""
    article = extract(_elevator_story("（陈立新）", "[责编：王芳]"), "text", ArticleHints())[0]
    assert article.body.endswith("（陈立新）\n\n[责编：王芳]")
    assert article.editor == "王芳"
    assert article.authors == ["陈立新"]


def test_a_caption_marked_and_credited_inside_the_text_is_not_a_paragraph():
    """Class: Taiwanese pages whose photo captions, led by ▲ and closed by the photo's credit,
    stand between the paragraphs of a text dump (self-written page)."""
    page = ("北濱區舊樓凌晨火警\n\n2023-11-02 07:15\n\n"
            "　　北濱區一幢舊樓今日凌晨發生火警，消防接報後派出四輛消防車到場，約一小時後將火救熄，事件中無人受傷。\n\n"
            "▲▼消防員在火場外協助住戶疏散。（圖／翻攝畫面）\n\n"
            "　　屋宇署人員稍後會到場視察大廈結構，受影響住戶暫時獲安排入住社區會堂，民政事務處職員在場跟進。\n")
    article = extract(page, "text", ArticleHints())[0]
    assert "協助住戶疏散" not in article.body
    assert article.body.endswith("職員在場跟進。")


def test_a_bracketed_source_credit_under_the_text_stays_its_last_line():
    """Class: pages that close the text with its source in brackets on a line of its own; it
    stays where the page sets it and names the source (self-written page)."""
    article = extract(_elevator_story("", "（来源：东澜日报）"), "text", ArticleHints())[0]
    assert article.body.endswith("（来源：东澜日报）")
    assert article.source == "东澜日报"


def test_a_column_heading_under_the_text_is_no_credit():
    """Class: a column's heading that opens with a byline word ("记者走基层") under the text is
    not taken for the article's closing credit (self-written page)."""
    article = extract(_elevator_story("", "记者走基层"), "text", ArticleHints())[0]
    assert "走基层" not in article.body


_SMOKING_BAN = [
    "十个公共运输设施即日起划为指定禁烟区，有烟民认为指示欠清晰，亦有烟民感麻烦，宁愿抽少一些。有市民认同扩大禁烟区，保障公众健康。",
    "湾仔公共运输交汇处是其中一个新指定的禁烟区，禁烟范围包括整个巴士总站及港铁站出入口，墙上、地上都有标明禁烟区，垃圾桶的烟灰缸亦已封起来。",
    "在现场观察约半小时，大部分烟民都在禁烟区外吸烟，亦有烟民踩界，即使看到墙上地图及地下的标示，仍然说不理解禁烟范围。",
]


@pytest.mark.parametrize("kind", ["text", "html"])
@pytest.mark.parametrize("lead, authors", [
    ("新华社北京5月1日电", []),
    ("中新网5月1日电（记者 张三）", ["张三"]),
    ("本报讯（记者 李四）", ["李四"]),
    ("岚山日报讯 记者王五 通讯员赵六", ["王五", "赵六"]),
    ("TNW中文站 10月14日报道", []),
])
def test_a_leads_opening_on_a_line_of_its_own_opens_the_text(kind, lead, authors):
    """Class: news pages that set the lead's opening (a wire dateline, "本报讯（记者…）", an outlet's
    dated report) as a paragraph of its own above the lead: it is the article's first words, not
    header matter, and its reporters are still the authors (self-written pages)."""
    if kind == "html":
        page = ('<html><head><title>岚港公交设施列禁烟区_新闻_岚港网</title></head><body>'
                '<div class="nav"><a href="/">首页</a></div><div class="article"><h1>岚港公交设施列禁烟区</h1>'
                f'<div class="info">2025-08-31 10:00 来源：岚港网</div><p>{lead}</p>'
                + "".join(f"<p>{p}</p>" for p in _SMOKING_BAN) + "</div></body></html>")
    else:
        page = "\n\n".join(["岚港网 首页", "岚港公交设施列禁烟区", "2025-08-31 10:00 来源：岚港网", lead, *_SMOKING_BAN])
    article = extract(page, kind, ArticleHints())[0]
    assert article.body.startswith(lead)
    assert _SMOKING_BAN[0] in article.body.split("\n\n")[0]
    assert article.authors == authors
    assert article.published.startswith("2025-08-31")


def test_a_headline_over_a_block_of_share_buttons_is_found_by_the_date_under_them():
    """Class: Taiwanese news pages dumped line by line whose headline is followed by a block of
    share buttons and widgets ("用LINE傳送", "分享", "留言", "列印", "A-A+"), and only then the date
    and byline: the date under the buttons marks the headline (self-written page)."""
    lines = ["嵐港新聞網", "即時", "要聞", "娛樂", "運動", "全球", "社會", "產經", "股市", "房市", "健康", "生活",
             "文教", "評論", "地方", "兩岸", "數位", "旅遊", "雜誌", "時尚", "汽車", "購物",
             "焦點事件", "社會萬象", "法律前線",
             "嵐港 / 社會 / 焦點事件",
             "機場大廳驚魂 旅客行李冒煙緊急疏散",
             "用LINE傳送", "+", "分享", "分享", "分享", "留言", "列印", "A-A+",
             "2024-03-18 23:59 嵐港日報 記者林書雅／嵐港機場報導",
             "嵐港機場第二航廈出境大廳昨晚發生旅客行李冒煙事件，航警局接獲通報後立即疏散附近旅客，"
             "消防人員到場檢查，發現是一顆行動電源過熱所致，所幸沒有人受傷。",
             "航警局表示，事發當時大廳約有兩百名旅客，疏散過程大約十分鐘，之後航班陸續恢復報到，"
             "有三個航班因此延誤約半小時起飛。",
             "機場公司提醒旅客，行動電源及鋰電池不可放在託運行李中，應隨身攜帶，"
             "並且不要在飛機上充電，以免發生危險。",
             "延伸閱讀", "分享", "facebook"]
    article = extract("\n\n".join(lines), "text", ArticleHints())[0]
    assert article.title == "機場大廳驚魂 旅客行李冒煙緊急疏散"
    assert article.published.startswith("2024-03-18")
    assert article.body.startswith("嵐港機場第二航廈")


@pytest.mark.parametrize("line, headline", [
    ("昨天去嵐山水庫玩 (圖) 2005-03-21 01:20:44 [arrow-up]", "昨天去嵐山水庫玩 (圖)"),  # a table's stamp beside it
    ("SNAP-1.GIF 飛行物理學常識", "飛行物理學常識"),  # an image's placeholder before it
])
def test_what_a_text_browser_sets_beside_a_headline_is_not_the_headline(line, headline):
    """Class: text-browser dumps (w3m) of table layouts, which set a post's stamp and an arrow's
    placeholder on the headline's line, or an image's file name before it: the headline comes back
    without them (self-written page)."""
    page = "\n".join([
        "[logo] 嵐山論壇 首頁 | 新聞 | 論壇 | 部落格",
        "",
        line,
        "",
        "上週末和幾個朋友去嵐山水庫走了一圈，天氣很好，湖邊的楓葉已經紅了一半，拍了不少照片。",
        "水庫旁邊新開了一條步道，大約兩公里長，沿途有幾個觀景台，走完全程大概一個小時，很適合帶小孩。",
        "中午在附近的農家吃了一頓飯，菜都是自己種的，價錢也不貴，老闆還送了我們一袋橘子。",
        "",
        "[回覆] [引用] [檢舉]",
    ])
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == headline
    assert article.body.startswith("上週末和幾個朋友")


def test_a_column_set_beside_the_headline_by_a_layout_renderer_is_not_the_headline():
    """Class: layout-aware text dumps (inscriptis) of table pages, which set the next column's
    first line on the headline's line past a wide gap: the headline comes back alone
    (self-written page)."""
    page = "\n".join([
        "嵐山新聞網　首頁　本地　國際　文化",
        "",
        "話劇《約定》全省巡演結束" + " " * 40 + "嵐山：快樂備考",
        "",
        "2012-06-04 09:20:26 來源：嵐山日報",
        "",
        "一個約定，信守十五年，感人至深；一段真情，跨越半個世紀，催人淚下。話劇《約定》在全省各市巡演結束，觀眾反應熱烈。",
        "這部話劇講述了一位老兵和戰友之間的約定，演員們用樸實的表演，把一個平凡人的故事演得真實動人。",
        "劇組表示，明年將帶著這部戲到外省演出，讓更多觀眾看到這個發生在嵐山的故事。",
    ])
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == "話劇《約定》全省巡演結束"


def test_a_breadcrumb_before_a_headline_on_a_page_run_together_is_not_its_first_part():
    """Class: pages run together on one line whose breadcrumb ("嵐港網>>江蘇頻道>>教育") stands
    right before the headline, both twice on the page: the breadcrumb is no part of the headline
    (self-written page)."""
    crumb, headline = "嵐港網>>本地頻道>>教育", "嵐港多所學校推遲開學 師生暫不返校"
    page = _run_together(f"{crumb} {headline} 嵐港網 {NAV_ROW} {crumb}",
                         f"{headline} 2022年02月13日07:48 來源：嵐港日報", _HARBOUR_BODY)
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == headline


def test_the_headline_is_the_line_that_names_what_the_text_tells():
    """Class: pages that set a promotion or a channel's line between the headline and its date
    ("獨家搶先看"): the line whose words the text goes on to tell is the headline, on any site
    (the headline model's overlap with the article's text; self-written page)."""
    headline = "巴以衝突困住嵐山外貿商"
    page = "\n\n".join([
        "嵐山新聞網", headline, "獨家搶先看", "2023-10-21 10:30",
        "巴以衝突爆發以來，嵐山的外貿商接連收到取消訂單的通知，不少做中東生意的商家說，貨已經做好了卻發不出去。",
        "一位做了十年外貿的商家說，衝突讓航運保險的價格翻了一倍，客戶也不敢再下新單，只能先把貨壓在倉庫裡。",
        "嵐山商務局表示，正在幫外貿商聯繫新的市場，並為受影響的企業提供出口信用保險的補貼。",
    ])
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == headline


def test_a_headline_printed_under_the_browser_title_is_read_from_its_copy_over_the_text():
    """Class: pages run together on one line that open with the browser title (headline and
    site name) and print the headline again over the date line: the copy over the text, where its
    second part goes with it, gives the headline whole (self-written page)."""
    first, second = "嵐港多所學校推遲開學", "師生暫不返校"
    page = _run_together(f"{first} {second}-嵐港網 嵐港網 {NAV_ROW}",
                         f"{first} {second} 嵐港日報 2022年02月13日07:48 來源：嵐港日報", _HARBOUR_BODY)
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == f"{first} {second}"


def test_a_text_browsers_bracket_is_no_part_of_a_headline():
    """Class: text browser dumps (w3m, lynx) that leave a link's opening bracket after the
    headline ("… ["), beside a login form printed as "[ ]": the bracket is cut (self-written page)."""
    headline = "嵐山老街修繕工程完工"
    page = "\n".join([
        "嵐山論壇", "", f"{headline} [", "", "注册笔名： [ ] 密码： [", "", "2021-05-06 08:00 来源：嵐山日报", "",
        "历时一年的嵐山老街修缮工程昨日完工，修缮后的老街保留了原有的青石板路和木结构店铺，重新开放后迎来不少游客。",
        "工程负责人介绍，修缮中尽量使用原来的材料，对损坏严重的部分才用新料替换，并请老工匠按传统工艺施工。",
    ])
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == headline


def test_a_headline_in_two_lines_that_the_browser_title_holds_whole_is_read_whole():
    """Class: pages that set the headline in two lines (引题 over 主题, or 主题 over 副题) and hold
    both parts together elsewhere (the browser title at the top, or a print copy): the two lines
    are one headline (self-written page)."""
    lead, main = "嵐山延續部分到期稅收優惠政策助企紓困", "預計4年為納稅人減負18億元"
    page = "\n\n".join([
        f"{lead} {main}_嵐山政府網", "首页 要闻动态 今日关注", lead, main, "发布日期：2022-02-11 08:52",
        "自治區財政廳傳出最新消息，今年伊始，嵐山決定延續去年底到期的涉及四個稅種、五項稅收優惠政策的執行時限。",
        "財政廳有關負責人表示，這些政策延續實施後，預計四年可為納稅人減負十八億元，惠及各類市場主體。",
    ])
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == f"{lead} {main}"


def test_a_headline_over_a_line_of_its_own_text_is_not_joined_with_it():
    """A headline and the short line under it that the page holds together only once (a dek,
    a channel's line) stay apart: only a copy of both together makes them one headline."""
    page = "\n\n".join([
        "嵐山政府網", "嵐山老街修繕工程完工", "歷時一年青石板路重現", "发布日期：2021-05-06 08:00",
        "歷時一年的嵐山老街修繕工程昨日完工，修繕後的老街保留了原有的青石板路和木結構店鋪，重新開放後迎來不少遊客。",
        "工程負責人介紹，修繕中盡量使用原來的材料，對損壞嚴重的部分才用新料替換，並請老工匠按傳統工藝施工。",
    ])
    article = extract(page, "text", ArticleHints())[0]
    assert article.title in ("嵐山老街修繕工程完工", "歷時一年青石板路重現")


@pytest.mark.parametrize("menu", ["首页 新闻 财经", "首頁 | 要聞 | 社會 | 娛樂"])
def test_a_short_menu_row_is_never_the_headline(menu):
    """Class: pages whose headline is lost and whose short menu row (three or four channel words
    with a navigation word among them) stands over the date line: a menu is no headline
    (self-written page)."""
    page = "\n\n".join(["嵐山新聞網", menu, "2020-10-04 15:05",
                        "嵐山電子製造商已向主管機關申請繼續為海外客戶供貨，暫時未知申請是否獲批，業界正密切關注。",
                        "公司發言人表示，公司一向遵守所有法規，不評論與個別客戶的業務往來，並將持續與主管機關溝通。"])
    assert extract(page, "text", ArticleHints())[0].title != menu


def test_a_bracket_that_a_page_run_together_cut_open_is_closed_again():
    """Class: pages run together on one line whose bylines and print stamps hold spaces inside
    their brackets ("（记者 王小明）", "《 人民日报 》（ 2024年05月10日 04 版）"): a space inside a
    bracket is no break between blocks, so the byline names its reporter and the text keeps its
    closing stamp (self-written page)."""
    body = (_HARBOUR_BODY + " 嵐港港務局表示，擴建完成後，港口年吞吐量將提高三成，並新增兩條國際航線，為本地創造上千個就業機會。"
            "（記者 王小明） 《 嵐港日報 》（ 2024年05月10日 04 版）")
    page = _run_together(f"嵐港網 {NAV_ROW}", "嵐港港口擴建方案公布 2024年05月10日07:48 來源：嵐港日報", body)
    article = extract(page, "text", ArticleHints())[0]
    assert "王小明" in article.authors or "王小明" in article.body
    assert "04 版）" in article.body or "04版）" in article.body


@pytest.mark.parametrize("run_together", [False, True])
def test_a_lead_opening_on_a_line_of_its_own_opens_the_first_paragraph(run_together):
    """Class: news leads whose opening ("本报讯", a paper's 讯 or a wire's 电) stands on a line of its
    own, over a byline bracket that runs straight into the first sentence ("（实习记者 樊亮 张明超
    记者惠禾）13岁，…"), under a list of other headlines, so that no headline heads the text: the
    opening, the bracket and the sentence are one paragraph, the text's first (self-written page;
    run together on one line, the space inside the bracket cuts no line either)."""
    related = ["港口新聞排行：", "1. 嵐港碼頭工人罷工進入第三天(67)", "2. 新巴士路線月底開通(19)",
               "3. 舊區重建諮詢今日展開(16)", "4. 北濱海灘水質轉差(15)", "5. 嵐港港口擴建方案公布(12)"]
    lines = [*related, "本報訊", "（實習記者 王小明 陳大文 記者李四）" + _HARBOUR_BODY,
             "港務局局長表示，擴建計劃已經討論了十年，今次終於落實，相信可以為嵐港帶來大量就業機會。"]
    page = " ".join(lines) if run_together else "\n\n".join(lines)
    article = extract(page, "text", ArticleHints())[0]
    first = next(b for b in article.blocks if b.kind == "paragraph")
    assert first.text.startswith("本報訊（實習記者 王小明 陳大文 記者李四）嵐港港務局今日公布")


@pytest.mark.parametrize("after", ["(页 1)", "(页 1) -", "（第2页） - -"])
def test_a_page_number_and_a_separator_hanging_after_a_headline_are_cut(after):
    """Class: forum archives and paged articles whose browser title hangs the page's number and a
    dangling separator after the headline ("社会资本…的再就业(页 1) -"), one or both."""
    from reader.extract.title_words import tidy_words

    assert tidy_words(f"社会资本与再就业{after}") == "社会资本与再就业"
    assert tidy_words("主题：") == "主题："  # nothing left but a label: the line as it was


def test_an_ad_under_its_label_between_paragraphs_is_no_text():
    """Class: news pages with an in-text ad slot, its label alone on a line over a short slogan
    ("廣告" / "嵐港夜市美食節 五月盛大開幕 立即報名"): both go, the paragraphs around them stay
    (self-written page)."""
    lines = ["嵐港港口擴建方案出爐", "2024-05-10 07:48 來源：嵐港日報",
             "\u3000\u3000嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠貨櫃船。",
             "廣告", "嵐港夜市美食節 五月盛大開幕 立即報名",
             "\u3000\u3000港務局表示，擴建後的年吞吐量將增加一倍，並會同時興建一條連接高速公路的專用道路，以減少貨櫃車對市區交通的影響。",
             "\u3000\u3000部分漁民團體則擔心工程會影響漁獲，港務局表示會與漁民代表繼續商討補償方案。"]
    article = extract("\n\n".join(lines), "text", ArticleHints())[0]
    assert "廣告" not in article.body and "夜市" not in article.body
    assert "港務局表示" in article.body and "補償方案" in article.body
    # an image's slot: the label alone, and the line under it is the article's subheading
    lines[4] = "漁民團體憂影響生計"
    assert "漁民團體憂影響生計" in extract("\n\n".join(lines), "text", ArticleHints())[0].body


_TEXT_UNDER_NOTICE = (
    "　　据介绍，新线全长十二公里，设站八座，沿线将配套建设公交接驳站和停车场，方便市民换乘。",
    "　　市交通局表示，通车后从城东到火车站的时间将由四十分钟缩短到十五分钟，早晚高峰每五分钟一班。",
    "　　沿线居民普遍表示期待，也希望施工期间做好围挡和降噪，减少对周边学校和医院的影响。",
)


def _notice_page(notice_after: int) -> str:
    paragraphs = ["　　东澜市首条有轨电车线路今日开工建设，计划于两年后建成通车，总投资约三十亿元。", *_TEXT_UNDER_NOTICE]
    paragraphs.insert(notice_after, "本文为东澜日报原创，未经授权不得转载。")
    return "东澜有轨电车一号线今日开工\n\n2024-06-03 10:00 来源：东澜日报\n\n" + "\n\n".join(paragraphs) + "\n"


def test_a_reprint_notice_under_the_first_paragraph_does_not_close_the_article():
    # the notice closes the text only when the little text after it in the region is the site's
    art = extract(_notice_page(1), "text", ArticleHints())[0]
    assert art.body.rstrip().endswith("减少对周边学校和医院的影响。")
    assert "未经授权不得转载" not in art.body


def test_a_reprint_notice_under_the_text_closes_it():
    page = _notice_page(4) + "\n东澜日报创刊于1950年，是东澜地区发行量最大的综合性日报，每日出版，网站日均访问量超过五十万人次。\n"
    art = extract(page, "text", ArticleHints())[0]
    assert art.body.rstrip().endswith("减少对周边学校和医院的影响。")
    assert "发行量最大" not in art.body


def test_a_story_about_a_hotline_is_no_tip_prompt():
    # a tip phrase needs the site's own words ("报料热线", "新闻线索"): a service hotline is a story's
    text = "　　市民如发现道路积水，可拨打城市服务热线2345 6789反映，相关部门将在两小时内到场处置。"
    page = "东澜启动防汛应急响应\n\n2024-06-03 10:00\n\n" + text + "\n\n" + "\n\n".join(_TEXT_UNDER_NOTICE) + "\n"
    art = extract(page, "text", ArticleHints())[0]
    assert "城市服务热线2345 6789" in art.body


@pytest.mark.parametrize("line", [
    # a call for tips opened by a question to the reader
    "你身边有哪些新鲜事？欢迎拨打新闻热线0574-8866110，或者发送邮件到本网邮箱，一经采用将支付稿酬。",
    # a column's sponsor credit and slogan (class: local news and broadcasters' pages)
    "本栏目由安澜农商银行特约刊播，安澜农商银行，扎根本土，服务三农，与您携手共赢未来。",
])
def test_a_sites_own_lines_under_the_text_are_dropped(line):
    page = "东澜有轨电车一号线今日开工\n\n2024-06-03 10:00 来源：东澜日报\n\n" + "\n\n".join(_TEXT_UNDER_NOTICE) + f"\n\n{line}\n"
    art = extract(page, "text", ArticleHints())[0]
    assert art.body.rstrip().endswith("减少对周边学校和医院的影响。")
    assert line[:8] not in art.body


def test_a_story_that_asks_the_reader_and_names_a_hotline_keeps_it():
    # the question must speak to the reader, short, and the tip phrase the site's own
    text = "　　遇到燃气泄漏怎么办？市燃气集团提醒，应立即开窗通风并拨打燃气抢修热线0574-8877665，切勿开关电器。"
    page = "东澜开展燃气安全宣传\n\n2024-06-03 10:00\n\n" + text + "\n\n" + "\n\n".join(_TEXT_UNDER_NOTICE) + "\n"
    art = extract(page, "text", ArticleHints())[0]
    assert "燃气抢修热线0574-8877665" in art.body


def test_a_credits_bare_label_closing_the_text_is_dropped():
    # a CMS template's empty field ("責任編輯：" and nothing after it) is never the article's
    body = "　　嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠貨櫃船。"
    html = (f"<html><body><h1>嵐港港口擴建方案出爐</h1><div>2024-05-10</div><div class='content'><p>{body}</p>"
            f"<p>{body.replace('嵐港', '北濱')}</p><p>（本文來源：嵐港日報）</p><p>責任編輯：</p></div></body></html>")
    art = extract(html, "html", ArticleHints())[0]
    assert art.body.rstrip().endswith("（本文來源：嵐港日報）")


def test_the_last_updates_date_on_its_own_line_is_not_the_articles():
    # a run-together page cuts "更新時間：… 發布時間：…" into two lines: the publication's is the date
    body = "　　嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠貨櫃船。"
    page = f"嵐港港口擴建方案出爐\n\n更新時間：2024/05/11 09:30\n\n發布時間：2024/05/10 07:48\n\n{body}\n\n{body}\n"
    assert extract(page, "text", ArticleHints())[0].published == "2024-05-10T07:48"
    # a page that shows only its last update is dated by it
    page = f"嵐港港口擴建方案出爐\n\n更新時間：2024/05/11 09:30\n\n{body}\n\n{body}\n"
    assert extract(page, "text", ArticleHints())[0].published == "2024-05-11T09:30"


def test_a_list_of_dated_headlines_above_the_article_neither_titles_nor_dates_it():
    # a channel's latest stories with their days, its head a whole line; the date nearest the
    # headline above it is the article's (class: portal and government pages that open with one)
    body = "　　嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠貨櫃船。"
    listing = "最新消息\n\n西灣漁港完成清淤工程 2024-05-08\n\n嵐港燈塔重新開放參觀 2024-05-07\n\n北區公園增設夜間照明 2024-05-06\n\n"
    page = listing + f"2024-05-10 07:48\n\n嵐港港口擴建方案出爐\n\n來源：嵐港日報\n\n{body}\n\n{body}\n"
    art = extract(page, "text", ArticleHints())[0]
    assert art.title == "嵐港港口擴建方案出爐" and art.published == "2024-05-10T07:48"
