"""The line readers alone: dates.py, sources.py, people.py, breadcrumbs.py, browser_title.py."""

import pytest

from reader.extract import breadcrumbs, browser_title, dates, people, sources


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2021年12月29日 來源:南方日報", "2021-12-29"),
        ("2021-12-29 10:20:33", "2021-12-29T10:20:33"),
        ("2021/12/29", "2021-12-29"),
        ("2018.11.27", "2018-11-27"),
        ("发布时间:2021-12-29 10:20", "2021-12-29T10:20"),
        ("發布時間：2021年12月29日 10:20", "2021-12-29T10:20"),
        ("2023 年 11 月 12 日", "2023-11-12"),
        ("110年12月29日", "2021-12-29"),
        ("民國99年1月5日", "2010-01-05"),
        ("2021-12-29 10:20 HKT", "2021-12-29T10:20+08:00"),
        ("2021年12月29日 10:20 HKT", "2021-12-29T10:20+08:00"),
        ("2021-12-29T10:20:33+08:00", "2021-12-29T10:20:33+08:00"),
        ("2021年12月29日 星期三 下午 3:05", "2021-12-29T15:05"),  # an afternoon's time on a 24-hour clock
        ("2021年12月29日 上午 11:05", "2021-12-29T11:05"),
        ("2021年12月29日 中午 12:05", "2021-12-29T12:05"),
        ("2021/12/29 下午 03:05:00", "2021-12-29T15:05:00"),
        # a Taiwanese date in ROC years written with figures, after a label or 民國
        ("發文日期：113/05/10", "2024-05-10"),
        ("民國113.5.10", "2024-05-10"),
        ("9/17/2004 5:54:13 AM", "2004-09-17T05:54:13"),
        ("7/5/2005 9:23:57 PM", "2005-07-05T21:23:57"),
    ],
)
def test_dates(text, iso):
    found = dates.find_dates(text)
    assert found and found[0].iso == iso


@pytest.mark.parametrize("text", ["版本 1.2.3", "共 2021 人", "21年12月29日", "2021年13月40日", "3.1415.9265", "2018.11.27.5",
                                  "得分 113/05/10", "發文日期：2113/05/10"])
def test_not_dates(text):
    assert dates.find_dates(text) == []


def test_the_publication_date_wins_over_the_last_updates():
    line = "更新時間：2024/05/11 09:30 發布時間：2024/05/10 07:48"
    found = dates.find_dates(line)
    assert [dates.is_update(line, found, k) for k in range(2)] == [True, False]
    assert dates.first_published(line, found).iso == "2024-05-10T07:48"


def test_parse_date_fields():
    assert dates.parse_date("2021-12-29T10:20:33Z") == "2021-12-29T10:20:33+00:00"
    assert dates.parse_date("2021-12-29") == "2021-12-29"
    assert dates.parse_date("2021年12月29日") == "2021-12-29"
    assert dates.parse_date("not a date") is None
    assert dates.parse_date(None) is None


def test_clock_lines():
    assert dates.is_clock_line("今天是2026年11月27日 星期五")
    assert not dates.is_clock_line("2021年12月29日 來源:南方日報")


def test_reference_lines():
    # a cited page's access date is not this page's date
    assert dates.is_reference_line("1. 第17届台湾金曲奖昨晚揭晓 ．新浪[引用日期2014-05-19]")
    assert dates.is_reference_line("Retrieved 2020-01-02.")
    assert not dates.is_reference_line("发布日期：2014-05-19")


def test_bare_month():
    assert dates.bare_month("2003年5月") == "2003-05"
    assert dates.bare_month("（2003年 12 月）") == "2003-12"
    assert dates.bare_month("2003年5月，课题组完成调查") is None
    assert dates.bare_month("2003年13月") is None


def test_issue_month():
    assert dates.issue_month("——《北京之春》1996年6月号") == "1996-06"
    assert dates.issue_month("1996年6月") is None


@pytest.mark.parametrize(
    "text, source",
    [
        ("2021年12月29日 來源:南方日報", "南方日報"),
        ("来源：新华网 作者：张三", "新华网"),
        ("【明報專訊】政府昨日宣布", "明報"),
        ("新华社北京12月29日电 国务院总理", "新华社"),
        ("中新网北京12月29日电（记者 张三）", "中新网"),
        ("据新华社拉萨电（记者 格桑边觉）记者近日", "新华社"),
        ("一段普通的文字，没有来源。", None),
        ('作者： size="20" 来源： size="20" 发布日期：', None),
    ],
)
def test_source(text, source):
    assert sources.find_source(text) == source


@pytest.mark.parametrize(
    "text, names",
    [
        ("记者 张三 李四", ["张三", "李四"]),
        ("本報記者 陳大文", ["陳大文"]),
        ("作者：宋怡 杨志华", ["宋怡", "杨志华"]),
        ("撰稿：王小明", ["王小明"]),
        ("本报记者罗科苏盈发自北京", ["罗科苏盈"]),
        ("新京报记者 彭冲 山东冠县报道", ["彭冲"]),
        ("执笔人：闵乐夫 赵兰波 刘韬", ["闵乐夫", "赵兰波", "刘韬"]),
        ("记者了解到，今年", []),
        ("本报实习生 刘国栋 周炜", ["刘国栋", "周炜"]),
        ("本报记者 张三 实习生 李四", ["张三", "李四"]),
        ("作者：芊草凡凡 时间：2005-08-22 19:13:18", ["芊草凡凡"]),
        ("作者： 赵婕 出自[人民文学出版社]", ["赵婕"]),
        ("【作者单位：中国社会科学院研究生院】", []),
        ("作者：赵  培", ["赵培"]),  # a two-character name padded to three characters' width
        ("——作者手记", []),
        ("作者︱春春", ["春春"]),
        ("文丨政能亮特约评论员 韩涵", ["韩涵"]),  # the writer's role after the column's name
        ("作者：本報特約評論員 李四", ["李四"]),  # a presentation-form bar as the separator (U+FE31)
        ("来源：网易科学人作者：责任编辑：肖春芳", []),  # an empty author slot before the editor's
    ],
)
def test_authors(text, names):
    assert people.find_authors(text) == names


def test_looks_like_name():
    assert people.looks_like_name("胡平") and people.looks_like_name("欧阳修") and people.looks_like_name("張泳渝")
    assert not people.looks_like_name("博客书架") and not people.looks_like_name("看点") and not people.looks_like_name("胡")


def test_header_authors_forms():
    assert people.header_authors("BUSINESS.SOHU.COM 2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]") == ["黄宇"]
    assert people.header_authors("ggjjzhzz 发表于 2005-9-15 11:46:00") == ["ggjjzhzz"]
    assert people.header_authors("[ 回复本贴 ] [ 跟从标题 ] [ 关闭本窗口 ]") == []  # buttons, not names


def test_posted_by():
    assert people.posted_by("本贴由大卫于2005年8月12日16:12:21在〖心灵体操〗发表.") == ["大卫"]
    assert people.posted_by("由海姑娘张贴 @ 2005-03-21 01:20:44 (359) 共 3 篇评论") == ["海姑娘"]
    assert people.posted_by("由政府于2005年出资修建") == []


@pytest.mark.parametrize(
    "text, names",
    [
        ("(葉芷晴 張泳渝", ["葉芷晴", "張泳渝"]),
        ("（记者 张三）", ["张三"]),
        ("（完）", []),
        ("（新华社）", []),
        ("（责任编辑：王五）", []),
    ],
)
def test_paren_byline(text, names):
    assert people.paren_byline(text) == names


def test_editor():
    assert people.find_editor("责任编辑：王五") == "王五"
    assert people.find_editor("（ 責任編輯：魏喆 ）") == "魏喆"
    assert people.find_editor("编辑： 金金") == "金金"
    assert people.find_editor("普通句子") is None
    assert people.find_editor("(责编：萧潇、张妍)") == "萧潇、张妍"  # every editor the credit names
    assert people.find_editor("编辑：张三 发布时间：2024-05-01") == "张三"  # the next field is no editor
    assert people.find_editor("责任编辑：李华 点击数：") == "李华"
    assert people.find_editor("责编：张三 编审：李四") == "张三"


@pytest.mark.parametrize(
    "text, parts",
    [
        ("您現在的位置: 城市 > 江門分站 > 最新動態", ["城市", "江門分站", "最新動態"]),
        ("当前位置：首页 > 新闻 > 国内", ["新闻", "国内"]),
        ("首页 > 财经 > 正文", ["财经"]),
        ("这不是 > 面包屑", None),
    ],
)
def test_breadcrumb(text, parts):
    assert breadcrumbs.find_breadcrumb(text) == parts


def test_clean_title():
    assert browser_title.clean_title("民间资本路在何方-搜狐财经") == "民间资本路在何方"
    assert browser_title.clean_title("武汉的声音：有英勇的你 - 新华网") == "武汉的声音：有英勇的你"
    assert browser_title.clean_title("COVID-19 spreads") == "COVID-19 spreads"


@pytest.mark.parametrize("title, headline", [
    ("书记市长这一周 | 奋马扬鞭争春色，虎力全开向未来", "书记市长这一周 | 奋马扬鞭争春色，虎力全开向未来"),  # a column
    ("兩會觀察｜記者證有這些新變化", "兩會觀察｜記者證有這些新變化"),
    ("聯合新聞網 | 血濺桃機 他把老婆丟下樓", "血濺桃機 他把老婆丟下樓"),  # a site's name ends so
    ("血濺桃機 他把老婆丟下樓再跳樓 | 聯合新聞網", "血濺桃機 他把老婆丟下樓再跳樓"),
])
def test_a_columns_name_before_a_bar_is_part_of_the_headline(title, headline):
    """Class: <title>s of news pages whose headline opens with its column's name and a bar: the
    column stays (labels and pages show it); a site's name before or after the bar goes, and a
    brand before it is no column."""
    assert browser_title.clean_title(title) == headline
    assert "|" not in browser_title.clean_title("ETtoday新聞雲 | 客運司機車禍致人於死")


def test_linear_on_hostile_lines():
    # bounded patterns on a pre-truncated prefix: these return at once rather than backtracking
    assert dates.find_dates("2021" + " " * 1_000_000) == []
    assert people.find_authors("记者" + "张" * 1_000_000) == []
    assert breadcrumbs.find_breadcrumb("位置：" + "> " * 500_000) is None


@pytest.mark.parametrize(
    "url, iso",
    [
        ("http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm", "2020-02-19"),
        ("http://www.banyuetan.org/jmcs/detail/20200102/1000200033136171577956287380194268_1.html", "2020-01-02"),
        ("https://web.archive.org/web/20120611024252/http://www.he.xinhuanet.com/news/2012-06/04/content_1.htm",
         "2012-06-04"),
        ("https://example.com/2012/06/04/story.html", "2012-06-04"),
        ("http://www.gov.cn/zhengce/content/t20200102_123.htm", "2020-01-02"),
        ("https://example.com/news/1000200033136171577956287380194268.html", None),
        ("https://example.com/2020-13/01/x.html", None),
        (None, None),
    ],
)
def test_url_date(url, iso):
    assert dates.url_date(url) == iso


def test_day_first_locales():
    assert dates.day_first_locale("en-GB") and dates.day_first_locale("zh-HK") and dates.day_first_locale("fr")
    assert not dates.day_first_locale("zh-CN") and not dates.day_first_locale("en-US")
    assert not dates.day_first_locale("en") and not dates.day_first_locale(None)
    assert dates.find_dates("7/5/2005", day_first=True)[0].iso == "2005-05-07"
    assert dates.find_dates("7/5/2005")[0].iso == "2005-07-05"
    assert dates.find_dates("29/12/2021")[0].iso == "2021-12-29"  # cannot be month first


def test_a_labelled_date_without_separators_is_read_only_when_one_reading_remains():
    from reader.extract import dates, extract
    from reader.model import ArticleHints

    assert dates.compact_dates("日期：20260308") == ["2026-03-08"]
    assert dates.compact_dates("发布时间：2015127") == ["2015-01-27", "2015-12-07"]
    assert dates.compact_dates("编号 2015127") == []  # no date label: a number, not a date
    page = "标题：某县欢送新兵入伍\n\n发布时间：2015127  来源：县人武部\n\n　　{}上午，某县举行冬季征兵欢送仪式，新兵在亲友的目送中踏上征程，场面十分热烈。\n"
    assert extract(page.format("12月7日"), "text", ArticleHints())[0].published == "2015-12-07"
    assert extract(page.format("近日"), "text", ArticleHints())[0].published is None  # no guess


@pytest.mark.parametrize("text, names", [
    ("（王煌忠）", ["王煌忠"]), ("(葉芷晴 張泳渝", ["葉芷晴", "張泳渝"]), ("（萬小明）", ["萬小明"]),
    ("（设立）", []), ("（万人）", []), ("（平方公里）", []),
])
def test_an_unlabelled_bracket_names_people_only_by_their_surnames(text, names):
    """Class: tables and wiki infoboxes whose cells hold a word or a unit in brackets on a line of
    their own ("（设立）", "人口（万人）"): unlabelled, a bracket is a byline only when it holds names."""
    from reader.extract import people

    assert people.paren_byline(text) == names


def test_a_byline_of_several_roles_names_every_reporter_and_no_role():
    """Class: leads whose bracket names trainees and reporters, each role before its names
    ("本报讯（实习记者 樊亮 张明超 记者 惠禾）"): every name, and never the second "记者"."""
    from reader.extract import people

    want = ["樊亮", "张明超", "惠禾"]
    assert people.lead_reporters("本报讯（实习记者 樊亮 张明超 记者 惠禾）13岁，正是花季的年龄") == want
    assert people.find_authors("（实习记者 樊亮 张明超 记者 惠禾）") == want


@pytest.mark.parametrize("byline, names", [
    ("本报记者王燕平方云凤柏建斌", ["王燕平", "方云凤", "柏建斌"]), ("本报实习生刘国栋周炜", ["刘国栋", "周炜"]),
    ("本报记者王乐文方敏", ["王乐文", "方敏"]), ("记者罗科苏盈", ["罗科苏盈"]), ("作者：欧阳小明", ["欧阳小明"]),
    ("执笔人：闵乐夫赵兰波刘韬刘晋芳胡玉顺", ["闵乐夫", "赵兰波", "刘韬", "刘晋芳", "胡玉顺"]),
])
def test_a_run_of_names_without_spaces_is_cut_at_their_surnames(byline, names):
    """Class: text browser dumps that join a byline's name elements ("本报记者王燕平方云凤柏建斌"):
    a run longer than any name is cut into names that each start with a surname, fewest first;
    four characters may be one name, as the page prints it."""
    from reader.extract import people

    assert people.find_authors(byline) == names


@pytest.mark.parametrize("credit", ["記者林悅翻攝", "（圖／記者林悅翻攝）", "記者林悅／翻攝", "文／記者 林悅"])
def test_a_photo_credit_or_a_second_label_names_the_person_without_the_role(credit):
    """Class: Taiwanese photo credits whose slash a text browser dropped ("記者林悅翻攝") and
    credits whose label stands before the reporter's role ("圖／記者林悅"): the name alone."""
    from reader.extract import people

    assert people.find_authors(credit) == ["林悅"]


@pytest.mark.parametrize("line, names", [
    ("王小明／嵐港報導", ["王小明"]),  # a page run together cut "記者 王小明／嵐港報導" at its space
    ("王小明、陳大文/台北報導", ["王小明", "陳大文"]),
    ("綜合／台北報導", []),  # a desk, no reporter
    ("新聞中心／台北報導", []),
    # a station, an office, a county, a city's district, a team, a hospital report so too
    ("華視／台北報導", []), ("衛福部／台北報導", []), ("金門縣／綜合報導", []), ("萬華區／台北報導", []),
    ("游泳隊/綜合報導", []), ("林口長庚／綜合報導", []),
    ("這是一句話／台北報導", []),
])
def test_a_taiwanese_byline_without_its_role_word_names_its_reporters(line, names):
    """Class: Taiwanese bylines that name the reporters before the slash and the place, with no
    "記者" before them (the line on its own, or the role word cut off by a page run together)."""
    assert people.find_authors(line) == names


@pytest.mark.parametrize("line, names", [
    ("王小明、陳大文/台北報導", ["王小明", "陳大文"]),  # "陳大文/" is a name's last letter, not "文/"
    ("文/王小明", ["王小明"]), ("图文/王小明", ["王小明"]), ("圖文／王小明", ["王小明"]),
    ("本报记者 文/王小明", ["王小明"]),
])
def test_a_writer_label_is_no_name_ending_in_its_letter(line, names):
    """The "文/X" label opens a credit; a name ending in 文 before a slash ("陳大文/") is no label."""
    assert people.find_authors(line) == names
