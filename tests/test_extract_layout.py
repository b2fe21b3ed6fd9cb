"""Text dumps of layout-aware renderers (w3m, lynx, inscriptis): columns side by side, wrapped paragraphs."""

from __future__ import annotations

from reader.extract import extract
from reader.extract.layout import cells, reading_order
from reader.model import ArticleHints

PARAS = [
    "嵐港市政府昨日公布新的公車路線規劃，預計下個月起試行，沿線居民普遍表示歡迎，希望能改善通勤時間過長的問題。",
    "交通局表示，新路線將連接北區住宅區與市中心，尖峰時段每十分鐘一班，離峰時段每二十分鐘一班，票價維持不變。",
    "議員建議市府同步檢討站牌位置與候車設施，並在試行期間蒐集乘客意見，作為正式營運前調整的依據。",
]
SIDEBAR = ["熱門新聞", "嵐港夜市美食評比出爐", "北濱假日市集移師河濱", "青溪老街騎樓整平完工", "東瀾圖書館重新開放",
           "嵐港春季植樹活動啟動", "北區公園增設夜間照明", "市民運動中心暑期課程", "河濱自行車道延伸", "公有市場屋頂太陽能"]


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for ch in text:
        if cells(line + ch) > width:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line]


def _w3m_like() -> str:
    """The article wrapped at 40 cells in a left column, a headline list in a right column."""
    left = ["嵐港新公車路線下月試行", "", "2024-03-05 10:20  來源：嵐港日報", ""]
    for para in PARAS:
        left += _wrap(para, 40) + [""]
    rows = []
    for i in range(max(len(left), len(SIDEBAR))):
        a = left[i] if i < len(left) else ""
        b = SIDEBAR[i] if i < len(SIDEBAR) else ""
        rows.append("  " + a + " " * (44 - cells(a)) + b)
    return "\n".join(rows) + "\n"


def test_columns_are_read_one_after_the_other_and_paragraphs_joined():
    out = reading_order(_w3m_like()).splitlines()
    for para in PARAS:
        assert para in out  # whole again, in the left column's order
    assert out.index(PARAS[2]) < out.index("熱門新聞") < out.index("公有市場屋頂太陽能")


def test_a_w3m_like_page_extracts_without_the_sidebar():
    art = extract(_w3m_like(), "text", ArticleHints())[0]
    assert art.title == "嵐港新公車路線下月試行"
    assert art.published.startswith("2024-03-05")
    assert [b.text for b in art.blocks if b.kind == "paragraph"] == PARAS


def test_an_ordinary_page_is_left_as_it_is():
    page = "標題\n\n　　" + "\n\n　　".join(PARAS) + "\n"
    assert reading_order(page) == page


def test_paragraphs_wrapped_under_a_long_menu_are_joined():
    """Class: w3m dumps of portal pages, one column, whose menus and headline lists (many short
    items ending at the same cell) outnumber the wrapped lines of the article."""
    menu = [f"  • {word}" for word in ("時政", "國際", "時評", "理論", "文化", "科技", "教育", "經濟", "生活", "法治")] * 3
    article = ["嵐港新公車路線下月試行", "", "2024-03-05 10:20  來源：嵐港日報", ""]
    for para in PARAS:
        article += _wrap("\u3000\u3000" + para, 40) + [""]
    page = "\n".join(menu + [""] + article + SIDEBAR) + "\n"
    text = reading_order(page)
    for para in PARAS:
        assert para in text


def test_a_short_brief_wrapped_by_a_text_browser_is_joined_again():
    """Class: a short news brief (three paragraphs of two lines each) that a text browser wrapped
    at its width: too few wrapped lines for the long-page test, but prose carried at the edge, so
    each paragraph is one line again and the text opens with its lead (self-written dump)."""
    paras = ["〔記者王小明／嵐港報導〕嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，預計三年內完成，新建的兩個深水泊位可以停靠貨櫃船。",
             "港務局表示，擴建後的年吞吐量將增加一倍，並會同時興建一條連接高速公路的專用道路，以減少貨櫃車對市區交通的影響。",
             "部分漁民團體則擔心工程會影響漁獲，港務局表示會與漁民代表繼續商討補償方案，並承諾在施工期間定期監測水質。"]
    blocks = ["  • 首頁\n  • 新聞\n  • 財經", "嵐港港口擴建方案出爐", "2024-05-10 07:48 來源：嵐港日報",
              *("\n".join(_wrap(p, 100)) for p in paras), "相關新聞\n\n  • 北濱海灘水質轉差"]
    dump = "\n\n".join(blocks)
    assert all(p in reading_order(dump).splitlines() for p in paras)
    article = extract(dump, "text", ArticleHints())[0]
    assert article.body.startswith("〔記者王小明／嵐港報導〕嵐港港務局今日公布")
    assert "預計三年內完成，新建的兩個深水泊位" in article.body


def test_prose_lines_that_end_anywhere_are_not_joined():
    """Lines of a hand-written page that follow each other, open (a comma, no full stop) but
    ending at different cells, are no wrapped paragraph: they stay lines."""
    text = ("嵐港港務局今日公布港口擴建方案，首期工程將在明年上半年動工，\n"
            "港務局表示，擴建後的年吞吐量將增加一倍，並會興建一條專用道路，以減少貨櫃車對市區交通的影響，\n"
            "部分漁民團體則擔心工程會影響漁獲，\n"
            "港務局承諾定期監測水質\n")
    assert reading_order(text) == text


def test_the_items_of_a_list_of_one_width_are_not_joined():
    """Class: government pages' numbered items ("（一）…", "（二）…") that happen to have one width
    and commas: each item is a line of its own, never the wrap of the one above."""
    text = ("（一）堅持以人民為中心，推動港口高質量發展，擴大對外開放\n"
            "（二）堅持創新驅動發展，加快港口產業轉型升級，提升競爭力\n"
            "（三）堅持綠色低碳發展，建設智慧港口，改善營商環境\n")
    assert reading_order(text) == text
