"""The article region of text pages and what must not break it (found in review of issue 11's round)."""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.extract.layout import _MAX_COLUMNS, _column_edges, _segments
from reader.model import ArticleHints

PARA = "　　这是第{}段正文，记者在现场看到，工作人员正在忙碌，群众纷纷表示满意，场面十分热闹。"


def _page(middle: list[str]) -> str:
    head = ["某县召开工作推进会", "2024-03-05  来源：县政府办"]
    return "\n\n".join(head + [PARA.format(i) for i in (1, 2, 3)] + middle + [PARA.format(i) for i in (4, 5)]) + "\n"


def _body(text: str) -> str:
    return extract(text, "text", ArticleHints())[0].body


def test_a_numbered_list_inside_the_article_does_not_cut_it():
    items = [f"{i}. 第{i}项措施落实到位" for i in range(1, 7)]
    body = _body(_page(["具体措施如下："] + items))
    assert "第5段" in body and "第6项措施" in body


def test_a_long_paragraph_with_spaces_is_not_taken_for_a_page_run_together():
    spaced = "　　" + " ".join(["今天下午 市民 在广场 参加活动 气氛热烈 大家 纷纷 表示 满意"] * 8)
    body = _body(_page([spaced]))
    assert "第5段" in body and "参加活动" in body


def test_a_related_news_header_is_never_the_headline():
    page = "相关新闻\n\n" + _page([])
    assert extract(page, "text", ArticleHints())[0].title == "某县召开工作推进会"


def test_taiwanese_login_prompt_is_furniture():
    body = _body(_page(["請登入後留言"]))
    assert "登入" not in body


def test_a_page_of_gaps_everywhere_has_a_bounded_number_of_columns():
    rows = [_segments("字   " * 500) for _ in range(10)]
    assert len(_column_edges(rows)) <= _MAX_COLUMNS


def test_a_commenters_nickname_is_not_the_author():
    html = (
        "<html><head><title>某县召开工作推进会</title></head><body><h1>某县召开工作推进会</h1>"
        + "".join(f"<p>{PARA.format(i)}</p>" for i in (1, 2, 3))
        + "<div class='comment-list'><div class='item'><span class='nickname'>网友小王</span>"
          "<p>说得好</p></div></div></body></html>"
    )
    assert extract(html, "html", ArticleHints())[0].authors == []


def test_a_feed_of_recommended_headlines_does_not_outweigh_a_short_article():
    """Class: portal pages whose short article is followed by a long feed of recommended
    headlines (commas in them, no closing stop, some cut short with "…") under no header the
    reader knows; the article is the region, the feed is not (self-written page)."""
    article = ["　　北京时间今天上午，省运会游泳比赛结束，本市代表团获得五枚金牌，创下历届最好成绩。",
               "　　教练组表示，队员们在训练中付出了很多，下一步将备战全国比赛。"]
    feed = ["退役三年后复出，他在决赛中一鸣惊人，网友：这才是真正的冠军",
            "一场暴雨过后，这座小城的街道变成了河流，市民划船出行",
            "五十岁的她依然身材苗条，每天坚持跑步十公里，网友直呼不敢相信",
            "他放弃百万年薪回乡种地，三年后村里人都来找他取经…",
            "这道家常菜做法简单，味道却不输饭店，很多人都做错了",
            "老人捡到钱包后在原地等了两个小时，失主赶来后泪流满面",
            "这种水果被称为维生素之王，很多人却不知道怎么挑选"]
    furniture = ["责任编辑：王明", "点赞", "举报", "返回首页", "手机看新闻"]
    page = "\n\n".join(["省运会游泳赛事落幕 本市五金创新高", "2024-05-20 10:00  来源：本报"] + article + furniture + feed) + "\n"
    body = _body(page)
    assert body.startswith("北京时间今天上午") and "备战全国比赛" in body
    assert "回乡种地" not in body and "维生素之王" not in body


@pytest.mark.parametrize("copies", [1, 2])
def test_a_feed_under_a_recommended_header_does_not_outweigh_the_dated_article_above_it(copies):
    """Class: portal pages (self-media platforms) whose short dated article ends in a reader
    counter and a "大家都在看" header over a longer feed of headlines with commas in them: the
    counter above the header heads no feed, and the feed under the header (however long: twice
    as long here) counts for less than the article its date line heads (self-written page)."""
    article = ["北京时间今天上午，省运会游泳比赛结束，本市代表团获得五枚金牌，创下历届最好成绩。",
               "教练组表示，队员们在训练中付出了很多，下一步将备战全国比赛。",
               "本市代表团共有队员四十人，其中二十人是首次参加省运会。"]
    furniture = ["责任编辑：", "首赞", "阅读 (177万)", "内容举报", "大家都在看"]
    feed = ["退役三年后复出，他在决赛中一鸣惊人，网友：这才是真正的冠军！",
            "一场暴雨过后，这座小城的街道变成了河流，市民划船出行，场面壮观！",
            "五十岁的她依然身材苗条，每天坚持跑步十公里，网友直呼不敢相信",
            "这道家常菜做法简单，味道却不输饭店，很多人都做错了，你做对了吗？",
            "老人捡到钱包后在原地等了两个小时，失主赶来后泪流满面"]
    feed = [f"{item}{'（组图）' if n else ''}" for n in range(copies) for item in feed]
    page = "\n\n".join(["省运会游泳赛事落幕 本市五金创新高", "2024-05-20 06:48", "发布于：北京市"]
                       + article + furniture + feed) + "\n"
    body = _body(page)
    assert body.startswith("北京时间今天上午") and "首次参加省运会" in body
    assert "一鸣惊人" not in body and "泪流满面" not in body


def test_an_article_that_lists_entries_with_labelled_fields_is_read_whole():
    """Class: list articles (guides, notices) whose numbered entries carry short labelled fields
    ("成人票原价：165元", "咨询电话：…") and a remark: the fields cost no more than the entry's
    number, so the article is one region from its lead to its last entry, headline above it
    (self-written page)."""
    entries = []
    for n, (name, price, phone) in enumerate([("嵐山動物園", 165, "58036000"), ("嵐山自然博物館", 30, "62620116"),
                                              ("嵐江觀光塔", 120, "50475101"), ("嵐山歡樂谷", 260, "40066880"),
                                              ("嵐港海洋公園", 398, "50606666"), ("嵐山植物園", 40, "57268888")], 1):
        entries += [f"{n}、{name}", f"成人票原價：{price}元", f"遊客諮詢電話：{phone}",
                    f"備註：{name}的其餘票種不參加本次半價活動" if n % 2 else
                    f"備註：優惠只限旅遊日當天，{name}的其餘票種不參加本次半價活動，購票請帶身分證件。"]
    page = "\n\n".join(["嵐山網首頁 新聞 財經 旅遊 我要投稿",
                        "旅遊日全市景區門票半價 六家景點送出優惠",
                        "2024-05-13 12:03:10 作者：曹磊 來源：嵐山網",
                        "嵐山網記者曹磊5月13日報道：5月19日是中國旅遊日，全市多家景區當天推出門票半價優惠，"
                        "市民憑身分證購票即可享受，以下是參加活動的景區名單。",
                        *entries, "相關新聞", "嵐山網版權所有"]) + "\n"
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == "旅遊日全市景區門票半價 六家景點送出優惠"
    assert article.body.startswith("嵐山網記者曹磊")
    assert "嵐山植物園的其餘票種" in article.body


def test_a_blog_posts_comment_thread_is_never_the_article_however_long():
    """Class: blog and forum pages whose post is followed by a comments header and a thread of
    dated replies longer than the post: the post is the article and its title the headline; no
    reply is either (self-written page)."""
    post = ["承蒙朋友邀请，今天起我也在这里开了博客，以后会在这里写一些关于编程语言和软件设计的文章，欢迎大家常来看看。",
            "简单介绍一下自己：我在软件行业工作了十年，做过编译器，也写过几本技术书，平时喜欢研究各种语言的设计思路。",
            "希望以后和各位多多交流。"]
    thread = ["# re: 很高兴来这里安家 2004-12-27 12:46 路人", "呵呵，又来了一位大哥啊～～～～"]
    for n, name in enumerate(["飞鸟", "寒星", "小春", "阿明", "古月", "晴天"]):
        thread += [f"# re: 很高兴来这里安家 2004-12-2{n} 12:4{n} {name}",
                   f"欢迎欢迎！读过你写的那本书，讲得很清楚，对我帮助很大，希望以后能多写一些实际项目里的经验，"
                   f"特别是大型系统怎么设计、怎么测试、怎么和团队一起维护代码，这些书上很少讲到。（第{n + 1}楼）"]
    page = "\n\n".join(["技术博客堂", "首页", "文章分类", "程序人生 (rss)", "很高兴来这里安家", *post,
                        "发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)", "评论", *thread]) + "\n"
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == "很高兴来这里安家"
    assert article.body.startswith("承蒙朋友邀请") and "多多交流" in article.body
    assert "欢迎欢迎" not in article.body and "大哥" not in article.body


def test_a_comments_count_on_the_date_line_is_no_comments_header():
    """Class: news pages whose date line carries the comments count ("评论(12)") between a lead
    summary and the text: the text under it is the article, not a comment (review finding)."""
    paragraphs = ["新华社北京5月1日电（记者 李明）记者从商务部获悉，今年以来，全国已有二十多个省份出台支持新能源汽车消费的政策措施。",
                  "商务部有关负责人表示，将会同有关部门加快推进充电基础设施建设，优化新能源汽车购买使用环境。",
                  "业内人士认为，随着政策效应持续释放，新能源汽车市场有望保持较快增长，带动相关产业链发展。"]
    summary = ("核心提示：近期，全国已有二十多个省份出台措施，从购车补贴、充电设施、路权优先等方面支持新能源汽车消费，"
               "为稳增长、扩内需、促转型提供有力支撑，专家认为政策效果将在下半年进一步显现。")
    page = "\n\n".join(["多地出台措施支持新能源汽车消费", summary, "2023-05-01 10:20 来源：新华网 评论(12)", *paragraphs])
    article = extract(page, "text", ArticleHints())[0]
    assert paragraphs[1] in article.body and article.authors == ["李明"]


def test_a_today_widget_over_a_hot_list_does_not_halve_the_article_below():
    """Class: portal pages that open with a "today" widget and a greeting above a hot-news box,
    the article under it dated at its foot: the article is the region (review finding)."""
    page = "\n\n".join(["2023年5月1日 星期一", "欢迎访问嵐山新闻网，今天是劳动节，祝您节日快乐。",
                        "今日热点", "嵐山地铁三号线开通", "市区新增五个公园", "嵐山马拉松报名启动",
                        "全市五一假期接待游客超百万人次",
                        "五一假期期间，全市各大景区游人如织，据市文旅局统计，全市共接待游客一百零五万人次，同比增长百分之三十。",
                        "其中，嵐山古镇、滨江公园和植物园最受欢迎，三个景区的游客量占到全市的一半以上。",
                        "市文旅局表示，将继续做好节后的旅游服务工作，确保游客玩得开心、玩得安全。",
                        "发布日期：2023-05-05"]) + "\n"
    article = extract(page, "text", ArticleHints())[0]
    assert article.body.startswith("五一假期期间") and article.published.startswith("2023-05-05")


@pytest.mark.parametrize("opening", ["他是一位影响卓著的企业家、一位风险投资的开拓者……", "“妈妈，我们什么时候能出去？”",
                                     "嵐山老街的故事何其精彩!"])
def test_a_short_opening_sentence_under_the_date_line_is_the_texts_first_paragraph(opening):
    """Class: articles that open with a short line of their own under the date line (a hook, a
    line of dialogue, a teaser closed by an ellipsis): without commas it costs the run, yet it is
    the text's first paragraph, not headline matter (self-written page)."""
    page = "\n\n".join(["嵐山新聞網", "首页 新闻 财经", "嵐山老街修繕工程完工", "2021-05-06 08:00  来源：嵐山日报",
                        opening] + [PARA.format(i) for i in (1, 2, 3)]) + "\n"
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == "嵐山老街修繕工程完工"
    assert article.body.startswith(opening)


def test_a_headline_closed_by_a_question_mark_above_the_date_line_stays_the_headline():
    """The opening sentence is told from a headline by the date line above it: a headline that
    closes with ？ over the date line is still the headline (self-written page)."""
    page = "\n\n".join(["嵐山新聞網", "嵐山老街為何要修繕？", "2021-05-06 08:00  来源：嵐山日报"]
                       + [PARA.format(i) for i in (1, 2, 3)]) + "\n"
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == "嵐山老街為何要修繕？"
    assert article.body.startswith("　　这是第1段") or article.body.startswith("这是第1段")


def test_a_text_browsers_image_placeholders_do_not_cut_the_article_after_its_first_paragraph():
    """Class: text browser dumps (w3m, lynx) of photo stories, where each photo is a line of its
    alt text or file name in brackets ("[1642667264]"): a row of them between the first paragraph
    and the rest costs the run nothing, and they are no text (self-written page)."""
    first = "1月20日，嵐山職業學院舉辦剪窗花活動，師生們一起剪出了寓意吉祥的圖案。"
    page = "\n\n".join(["嵐山新聞網", "嵐山職業學院剪窗花迎新春", "2022.01.20 16:31 来源：嵐山日报客户端", first,
                        "[1642667264]", "[0543172fdf]", "[5620d115b7]", "[9c441b28f0] [logo1]",
                        "大家認認真真地剪，剪出了福字和生肖，", "用別具一格的形式迎接新春佳節。"]) + "\n"
    article = extract(page, "text", ArticleHints())[0]
    assert article.body.startswith(first)
    assert "[" not in article.body and "迎接新春佳節" in article.body


def test_a_bracketed_credit_or_a_pager_is_no_image_placeholder():
    """A credit in brackets ("[责任编辑:肖春芳]") closing the text, or a pager's "[1] [2] [3]", is not
    taken for an image."""
    from reader.extract import clean
    from reader.extract.parsed import Line, fold_lines

    lines = [Line("[责任编辑:肖春芳]"), Line("[1642667264] [logo1]"), Line("[1] [2] [3] [4]"),
             Line("[打印] [关闭]"), Line("[上一页] [下一页]")]
    fold_lines(lines)
    assert [clean.classify(ln) for ln in lines][1] == clean.IMAGE
    assert clean.classify(lines[0]) != clean.IMAGE
    assert clean.classify(lines[2]) != clean.IMAGE  # a pager's links, not images
    assert clean.classify(lines[3]) == clean.classify(lines[4]) == "junk:widget"  # buttons, not images


def test_a_side_columns_headlines_printed_between_the_paragraphs_are_no_text():
    """Class: layout renderers (inscriptis, lynx, w3m) that print a layout table's side column
    line by line between the article's paragraphs ("* 河北将迎来新课程标准后的首次高考"): a lone
    bulleted headline between paragraphs is dropped; the article's own list, a run of items, stays
    (self-written page)."""
    items = ["* 嵐山將迎來新課標後的首次高考", "•嵐山九個收費站正式停止收費"]
    own = ["* 第一，加快老街修繕", "* 第二，改善公共交通", "* 第三，增加綠地面積"]
    paras = [PARA.format(i) for i in range(1, 6)]
    page = "\n\n".join(["某县召开工作推进会", "2024-03-05  来源：县政府办", paras[0], items[0], paras[1], items[1],
                        paras[2], "会议提出三项任务：", *own, paras[3], paras[4]]) + "\n"
    body = _body(page)
    assert "高考" not in body and "收費站" not in body
    assert all(item[2:] in body for item in own) and "第5段" in body


def test_a_side_columns_item_set_past_a_wide_gap_on_a_paragraphs_line_is_no_text():
    """Class: layout renderers that set a side column's bulleted headline or advertisement on the
    line of a paragraph, past a wide gap ("…守信践诺。               * 河北：中国文化遗产日系列活动启动",
    "…随时随地查行情        •韩国VOV面膜惊喜特价")."""
    paras = [PARA.format(i) for i in range(1, 6)]
    page = "\n\n".join(["某县召开工作推进会", "2024-03-05  来源：县政府办", paras[0],
                        paras[1] + " " * 15 + "* 嵐山將迎來新課標後的首次高考", paras[2],
                        paras[3] + " " * 15 + "* 嵐山九個收費站正式停止收費", paras[4],
                        paras[4].replace("第5段", "第6段") + " " * 40 + "•韓國面膜驚喜特價"]) + "\n"
    body = _body(page)
    assert "高考" not in body and "收費站" not in body and "面膜" not in body and "第6段" in body


def test_a_thread_list_with_time_stamps_under_the_post_is_no_part_of_it():
    """Class: forum pages that list the thread's replies or other threads under the post, each
    item a punctuated title with its author and a stamp in figures ("旅行中，谁忽悠了你？【版主】
    08-11 16:06 298字"): commas and question marks do not make those items prose (self-written)."""
    items = [f"第{i}個問題，誰能回答我？【網友{i}號】08-1{i} 16:0{i} {i}98字" for i in range(1, 7)]
    body = _body(_page([]) + "\n\n" + "\n\n".join(items) + "\n")
    assert "網友" not in body and "第5段" in body


@pytest.mark.parametrize("header", ["往期回顾", "往期推薦"])
def test_an_accounts_earlier_issues_under_the_article_are_no_part_of_it(header):
    """Class: WeChat and self-media pages that list the column's earlier issues under the text,
    punctuated headlines with the column's name ("政能亮丨国常会关注的这几件事，均关乎落实")."""
    items = [f"• 嵐山觀察丨第{i}期：老街修繕，如何兼顧保護與發展" for i in range(1, 7)]
    body = _body(_page([]) + "\n\n" + "\n\n".join([header] + items) + "\n")
    assert "嵐山觀察" not in body and "第5段" in body


def test_an_opening_line_of_dialogue_under_the_share_buttons_is_the_texts_first_paragraph():
    """The opening sentence may stand under the share buttons that follow the date line
    ("关注新华网 / 微信 / 微博 / Qzone / 评论"), not right under the date (self-written page)."""
    opening = "“妈妈，我们什么时候能出去？”"
    page = "\n\n".join(["嵐山新聞網", "嵐山老街修繕工程完工", "2021-05-06 08:00  来源：嵐山日报", "关注嵐山网",
                        "微信", "微博", "Qzone", opening] + [PARA.format(i) for i in (1, 2, 3)]) + "\n"
    assert extract(page, "text", ArticleHints())[0].body.startswith(opening)


def test_a_labelled_question_heading_over_the_text_is_not_its_opening_sentence():
    """A section's labelled heading closed by a question mark ("出国后：国家未来将如何发展？") over
    the text is a heading, not the text's opening line."""
    page = "\n\n".join(["嵐山新聞網", "嵐山老街修繕工程完工", "2021-05-06 08:00  来源：嵐山日报",
                        "修繕後：老街將如何發展？"] + [PARA.format(i) for i in (1, 2, 3)]) + "\n"
    assert not extract(page, "text", ArticleHints())[0].body.startswith("修繕後")


def test_a_short_article_keeps_its_place_above_a_longer_recommended_story():
    """Class: portal and self-media pages whose short news item is followed by a long
    recommended story headed like it (its own headline, author and date): the page's article is
    the first text its date heads, unless a later one is several times longer (self-written)."""
    item = ("嵐山新聞網報道，嵐山老街修繕工程昨日完工，修繕後的老街保留了原有的青石板路和木結構店鋪，重新開放後迎來不少遊客。"
            "工程負責人說，修繕盡量使用了原來的材料。")
    story = [f"這是另一篇推薦文章的第{i}段，作者回憶了多年前在海邊度過的夏天，那時的天空很藍，海水很清，孩子們在沙灘上奔跑。"
             for i in range(1, 4)]
    page = "\n\n".join(["嵐山新聞網", "嵐山老街修繕工程完工", "2024-05-20 13:09", item, "分享至：", "不喜欢", "举报",
                        "海邊的夏天", "貴圈姨太", "2023-06-01 00:48", *story]) + "\n"
    article = extract(page, "text", ArticleHints())[0]
    assert article.title == "嵐山老街修繕工程完工" and article.body.startswith("嵐山新聞網報道")
    assert "推薦文章" not in article.body


def test_a_dated_notice_above_a_much_longer_article_does_not_take_its_place():
    """A dated notice box over the article (a site's latest notice, one sentence) is no article
    when the text below it is several times longer."""
    notice = "2024-05-01  嵐山縣政府通知，五一假期期間政務服務大廳照常辦公，市民可通過網站預約辦理，敬請留意。"
    page = "\n\n".join([notice, "某县召开工作推进会", "2024-03-05  来源：县政府办"]
                       + [PARA.format(i) for i in range(1, 12)]) + "\n"
    assert _body(page).startswith("这是第1段") or _body(page).startswith("　　这是第1段")


def test_a_dated_notice_does_not_take_the_place_of_a_longer_article_no_date_heads():
    """A later text that no date line heads (the page sets the article's date elsewhere) needs
    only twice the score of a dated notice above it to stay the article."""
    notice = ("2024-05-01\n\n嵐山縣政府通知，五一假期期間政務服務大廳照常辦公，市民可以通過網站預約辦理各項業務，"
              "也可以撥打服務熱線諮詢，敬請廣大市民留意並提前安排好時間。")
    menu = ["嵐山縣政府門戶網站", "政務公開信息專欄", "網上辦事服務大廳", "政民互動交流平台", "嵐山縣情概況介紹",
            "政策法規文件解讀", "通知公告欄目列表", "專題專欄欄目導航", "領導信箱留言辦理", "數據開放統計公報"]
    page = "\n\n".join([notice, *menu] + [PARA.format(i) for i in range(1, 9)]) + "\n"
    assert "第1段" in _body(page) and "政務服務大廳" not in _body(page)


def test_the_text_goes_on_past_a_box_of_headlines_under_its_headed_opening():
    """Class: news pages that set a short related box ("相關新聞：" and an item or two) after the
    text's first paragraph: the page's article is its first headed text, and its rest below the
    box (no date or byline heads it) is the article's too; a copy of the box's item in a hot list
    above the text is no headline (self-written page)."""
    lines = ["熱門新聞", "嵐港碼頭工人罷工進入第三天", "新巴士路線月底開通 乘客可免費試乘",
             "嵐港港口擴建方案出爐", "2024-05-10 07:48 來源：嵐港日報",
             "\u3000\u3000本報訊（記者 王小明）嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，"
             "新建的兩個深水泊位可以停靠最大型的貨櫃船。",
             "相關新聞：", "嵐港碼頭工人罷工進入第三天",
             "\u3000\u3000港務局表示，擴建後的年吞吐量將增加一倍，並會同時興建一條連接高速公路的專用道路，以減少貨櫃車對市區交通的影響。",
             "\u3000\u3000部分漁民團體則擔心工程會影響漁獲，港務局表示會與漁民代表繼續商討補償方案，並承諾定期監測水質。",
             "相關新聞", "北濱海灘水質轉差 市民暫勿下水"]
    article = extract("\n\n".join(lines), "text", ArticleHints())[0]
    assert article.title == "嵐港港口擴建方案出爐"
    assert article.body.startswith("本報訊") and article.body.rstrip().endswith("並承諾定期監測水質。")
    assert "罷工" not in article.body


def test_the_next_story_under_an_end_of_article_list_is_not_joined_to_the_text():
    """Class: pages whose related list after the text ("相關新聞", bare, over its items) is followed
    by another story's text or an author's note, undated: not the article's rest (an inline box
    is labelled, "相關新聞：", over an item or two)."""
    lines = ["嵐港港口擴建方案出爐", "2024-05-10 07:48 來源：嵐港日報",
             "\u3000\u3000嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠最大型的貨櫃船。",
             "\u3000\u3000港務局表示，擴建後的年吞吐量將增加一倍，並會同時興建一條連接高速公路的專用道路，以減少貨櫃車對市區交通的影響。",
             "相關新聞", "嵐港碼頭工人罷工進入第三天",
             "\u3000\u3000嵐港碼頭工人罷工進入第三天，工會表示，資方至今仍未回應加薪要求，工人將繼續在碼頭入口靜坐，直到資方願意談判為止。"]
    article = extract("\n\n".join(lines), "text", ArticleHints())[0]
    assert article.body.rstrip().endswith("對市區交通的影響。") and "工會" not in article.body


def test_a_feed_of_teasers_under_the_text_is_not_joined_to_it():
    """Class: portal pages whose text dump sets a feed after the article under a "推薦閱讀" header,
    a headline over each summary: the feed reads as prose, but it is no rest of the article to
    join across the header (a guard: self-written page)."""
    feed = []
    for i in range(1, 6):
        feed += [f"嵐港第{i}號碼頭完成翻新",
                 f"\u3000\u3000嵐港第{i}號碼頭完成翻新工程，碼頭管理處表示，新設施將提升裝卸效率，預計下月正式啟用。"]
    lines = ["嵐港港口擴建方案出爐", "2024-05-10 07:48 來源：嵐港日報",
             "\u3000\u3000嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠貨櫃船。",
             "\u3000\u3000港務局表示，擴建後的年吞吐量將增加一倍，並會同時興建一條連接高速公路的專用道路，以減少貨櫃車對市區交通的影響。",
             "\u3000\u3000部分漁民團體則擔心工程會影響漁獲，港務局表示會與漁民代表繼續商討補償方案，並承諾定期監測水質。",
             "推薦閱讀", *feed]
    article = extract("\n\n".join(lines), "text", ArticleHints())[0]
    assert article.body.rstrip().endswith("並承諾定期監測水質。") and "碼頭完成翻新" not in article.body


@pytest.mark.parametrize("after", ["comments", "feed"])
def test_rows_of_buttons_cut_into_pieces_do_not_part_a_text_from_its_date_or_its_comments(after):
    """Class: a page run together on one line whose share and font-size rows (cut into a piece per
    button) stand between the date line and the text, and whose follow-us and counter rows stand
    between the text and a comments thread or a feed longer than the text: the buttons do not
    count for the distance, so the date heads the text, and what follows the text is no article
    (self-written page)."""
    text = ("嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠貨櫃船。 "
            "港務局表示，擴建後的年吞吐量將增加一倍，並會同時興建一條連接高速公路的專用道路，以減少貨櫃車對市區交通的影響。")
    if after == "comments":
        rest = "網友評論（3） " + " ".join(f"網友{i} 我住在港口附近，擴建工程會帶來噪音和交通問題，希望政府能夠做好規劃，"
                                        "不要只顧經濟效益，也要照顧居民的生活質素，這是我們最關心的事情。" for i in range(1, 4))
    else:
        rest = "推薦閱讀 " + " ".join(f"嵐港第{i}號碼頭完成翻新 嵐港第{i}號碼頭完成翻新工程，碼頭管理處表示，新設施將提升裝卸效率，"
                                    "並改善工人的工作環境，預計下月正式啟用。" for i in range(1, 6))
    page = ("首頁 新聞 財經 體育 娛樂 國際 嵐港港口擴建方案出爐 2024-05-10 07:48 嵐港日報 分享到：Facebook LINE Twitter "
            f"字體：大 中 小 列印 {text} 更多精彩內容，請關注嵐港日報微信公眾號。 點閱數：1,234 字級：小 中 大 回到頂端 {rest} "
            "關於我們 | 聯絡我們 | 廣告服務 Copyright © 2024 嵐港日報 版權所有")
    article = extract(page, "text", ArticleHints())[0]
    assert article.body.startswith("嵐港港務局今日公布") and article.body.rstrip().endswith("對市區交通的影響。")
    assert article.published.startswith("2024-05-10")


_STORY = ["嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠最大型的貨櫃船。",
          "港務局表示，擴建後的年吞吐量將增加一倍，並會同時興建一條連接高速公路的專用道路，以減少貨櫃車對市區交通的影響。",
          "部分漁民團體則擔心工程會影響漁獲，港務局表示會與漁民代表繼續商討補償方案，並承諾在施工期間定期監測水質，結果會在網站上公布。"]
_NEXT = ["北濱海灘水質轉差 市民暫勿下水", "2024-05-09 18:30 來源：嵐港日報"] + [
    f"環保署今日公布最新海灘水質報告，北濱海灘的大腸桿菌含量連續第{i}週超出標準，署方建議市民暫時不要下水游泳，並會加密採樣。"
    for i in range(1, 5)]


@pytest.mark.parametrize("run_together", [False, True])
def test_a_one_paragraph_opening_over_an_inline_box_outweighs_the_next_story(run_together):
    """Class: news pages whose first paragraph stands alone above an inline related box
    ("相關新聞：" over one headline), with the next story under the article, longer and dated like
    it: the opening with its rest past the box is the first dated text, and the article; the next
    story's headline (both halves, where a page run together cut it at its space) and text are
    not (self-written page, as a DOM dump and run together on one line)."""
    lines = (["首頁 新聞 財經 體育", "港務局：嵐港港口擴建方案出爐", "2024-05-10 07:48 來源：嵐港日報", _STORY[0],
              "相關新聞：", "嵐港碼頭工人罷工進入第三天"] + _STORY[1:] + ["更多精彩內容，請關注嵐港日報微信公眾號。", "點閱數：1,234 字級：小 中 大 回到頂端"] + _NEXT
             + ["Copyright © 2024 嵐港日報 版權所有"])
    text = " ".join(lines) if run_together else "\n\n".join(lines)
    article = extract(text, "text", ArticleHints())[0]
    assert article.title == "港務局：嵐港港口擴建方案出爐"
    assert all(p[:20] in article.body for p in _STORY)
    assert "北濱海灘" not in article.body and "環保署" not in article.body and "市民暫勿下水" not in article.body
