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


def _inscriptis_like(sidebar: list[str]) -> str:
    """The article unwrapped in a left column, a list in a right column padded by character count,
    as inscriptis lays out a table's cells: aligned in characters, not in terminal cells."""
    left = ["嵐港新公車路線下月試行", "", "2024-03-05 10:20  來源：嵐港日報", ""]
    for para in PARAS:
        left += [para, ""]
    width = max(len(a) for a in left) + 4
    rows = []
    for i in range(max(len(left), len(sidebar))):
        a = left[i] if i < len(left) else ""
        b = sidebar[i] if i < len(sidebar) else ""
        rows.append(("  " + a + " " * (width - len(a)) + b).rstrip())
    return "\n".join(rows) + "\n"


def test_columns_laid_out_by_character_count_are_read_apart():
    """Class: inscriptis dumps of pages in a layout table (the article beside a sidebar): its
    columns line up in characters, so that after Chinese text the sidebar stands at a cell twice
    as far as after Latin text; found in cells, there is no column and every line mixes the two."""
    text = _inscriptis_like(SIDEBAR)
    ordered = reading_order(text)
    assert all(p in ordered for p in PARAS)
    assert ordered.index(SIDEBAR[1]) > ordered.index(PARAS[-1][:20])
    article = extract(text, "text", ArticleHints())[0]
    assert all(p[:20] in article.body for p in PARAS) and not any(s in article.body for s in SIDEBAR[1:])


def test_a_short_sidebar_with_lines_of_its_own_is_a_column():
    """Class: text-browser dumps of a short brief beside a short ranking list: four items, two of
    them on lines where the article's column is blank (between its paragraphs) and one wrapped to
    a second line; the lines alone at the column's edge count for it, and the items go after the
    text (w3m aligns in cells)."""
    items = ["排行榜", "1. 嵐港碼頭工人罷工進入第三", "   天", "2. 新巴士路線月底開通", "3. 舊區重建諮詢今日展開", "4. 北濱海灘水質轉差"]
    left = ["嵐港新公車路線下月試行", "", "2024-03-05 10:20  來源：嵐港日報", ""]
    for para in PARAS:
        left += _wrap(para, 40) + [""]
    rows = []
    for i in range(len(left)):
        a = left[i]
        b = items[i - 2] if 2 <= i < 2 + len(items) else ""
        rows.append(("  " + a + " " * (46 - cells(a)) + b).rstrip())
    text = "\n".join(rows) + "\n"
    article = extract(text, "text", ArticleHints())[0]
    assert all(p[:20] in article.body for p in PARAS)
    assert not any(s in article.body for s in ("罷工", "巴士", "重建", "海灘"))


def test_a_centred_line_alone_stays_in_its_place_among_columns():
    """Class: text-browser dumps that centre a headline over a page with a narrow column of
    dates on the left: a line alone off every column's edge is the page's, read where it stands."""
    dates = [f"[2005-08-{d:02}]    其他文章標題第{d}篇" for d in range(1, 7)]
    text = "\n".join(["                                     嵐港新公車路線下月試行", "",
                      "                                     2024-03-05 嵐港日報", ""]
                     + [p for para in PARAS for p in (para, "")] + dates) + "\n"
    ordered = reading_order(text)
    assert ordered.index("嵐港新公車路線下月試行") < ordered.index(PARAS[0][:20])


def test_a_line_that_fills_its_column_leaves_two_spaces_before_the_next():
    """Class: text-browser dumps of a wrapped article beside a sidebar: the article's lines end at
    its column's edge, so that a line filled to the edge stands two spaces from the sidebar's
    item ("…預計三年  排行榜"); at a column edge found elsewhere, those two spaces part columns too."""
    items = SIDEBAR
    left = []
    for para in PARAS:
        left += _wrap(para, 40) + [""]
    rows = []
    for i, a in enumerate(left):
        b = items[i] if i < len(items) else ""
        pad = 42 - cells(a) if a else 42  # full lines (40 cells) end two cells before the column
        rows.append(("  " + a + " " * pad + b).rstrip())
    assert "  熱門新聞" in rows[0] and "   熱門新聞" not in rows[0]
    ordered = reading_order("\n".join(rows) + "\n")
    assert PARAS[0] in ordered.replace("\n", "")
    assert ordered.index("熱門新聞") > ordered.index(PARAS[-1][:20])


def _w3m(html: str) -> str:
    import shutil
    import subprocess

    import pytest

    if shutil.which("w3m") is None:
        pytest.skip("w3m is not installed (.ci/run installs it)")
    return subprocess.run(["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "100"],
                          input=html.encode(), capture_output=True, check=True).stdout.decode()


def test_a_ranked_list_beside_a_long_text_in_w3m_is_read_apart():
    """Class: old portals' layout tables, a long article beside a ranked list of headlines, dumped
    by w3m: the list's items wrap (their rests indented past the number) and stand one space from
    lines of the text that fill its column to the edge ("…確保船 排行榜")."""
    text = "".join(f"<p>據港務局資料，第{n}期工程將如期展開，施工期間會設置臨時航道，確保船隻進出港口不受影響。</p>"
                   for n in range(1, 10))
    ranked = "".join(f"<li><a href='/r{i}'>{t}</a></li>" for i, t in enumerate(
        ("嵐港碼頭工人罷工進入第三天", "新巴士路線月底開通", "舊區重建諮詢今日展開", "北濱海灘水質轉差市民暫勿下水")))
    html = (f"<html><body><h1>嵐港港口擴建方案出爐</h1><div>2024-05-10 07:48 來源：嵐港日報</div>"
            f"<table><tr><td width='70%'>{text}</td><td><div>排行榜</div><ol>{ranked}</ol></td></tr></table></body></html>")
    dump = _w3m(html)
    assert any(line.rstrip().endswith(" 排行榜") and "確保" in line for line in dump.splitlines())  # the shape it serves
    art = extract(dump, "text", ArticleHints())[0]
    assert "排行榜" not in art.body and "罷工" not in art.body and "新巴士" not in art.body
    assert art.body.count("確保船隻進出港口不受影響。") == 9
