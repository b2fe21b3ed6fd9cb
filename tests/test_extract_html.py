"""HTML pages: html.py alone, then a synthetic news page end to end."""

import json
import re

import pytest

from reader.errors import ContentError
from reader.extract import extract
from reader.extract.html import parse_html
from reader.model import ArticleHints, Block

PARA = "这是正文的第{}段，记者在现场看到，工作人员正在忙碌，群众纷纷表示满意，场面十分热闹。"

PAGE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>江门推动港澳合作再上新台阶_南方网</title>
<meta property="og:title" content="江门推动港澳合作再上新台阶">
<meta property="article:published_time" content="2021-12-29T10:20:33+08:00">
<link rel="canonical" href="https://example.com/news/1.html">
<script>var x = "<p>不是正文，不是正文，不是正文。</p>";</script>
<style>p { color: red }</style>
</head><body>
<div class="top">今天是2026年11月27日 星期五</div>
<div class="nav"><a href="/">首页</a> | <a href="/a">新闻</a> | <a href="/b">体育</a> | <a href="/c">财经</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/n">新闻</a> &gt; 国内</div>
<div class="main">
 <h1>江门推动港澳合作再上新台阶</h1>
 <div class="info">2021年12月29日 10:20 来源：南方日报 作者：叶芷晴</div>
 <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
 <div class="article-content">
  <p>{p1}</p>
  <p>{p2}</p>
  <p><strong>以南组团为重点</strong></p>
  <p>{p3}</p>
  <p>{p4}</p>
  <p>{p4}</p>
  <p style="display:none">隐藏的文字不是正文，隐藏的文字不是正文。</p>
  <p>（责任编辑：王五）</p>
 </div>
 <div class="related"><h3>相关新闻</h3><ul>
  <li><a href="/1">另一条新闻的标题很长很长</a> 2021-12-20</li>
  <li><a href="/2">第二条新闻的标题也很长</a> 2021-12-21</li></ul></div>
 <div class="comment"><h3>网友评论</h3><p>网友甲：这篇文章写得很好，我很喜欢，支持一下！</p></div>
</div>
<div class="footer">Copyright © 2021 南方网 版权所有 粤ICP备12345678号</div>
</body></html>
""".replace("{p1}", PARA.format("一")).replace("{p2}", PARA.format("二")).replace(
    "{p3}", PARA.format("三")).replace("{p4}", PARA.format("四"))


def test_parse_html_meta_and_lines():
    parsed = parse_html(PAGE)
    assert parsed.meta["url"] == "https://example.com/news/1.html"
    assert parsed.meta["published"] == "2021-12-29T10:20:33+08:00"
    assert parsed.title_candidates[0] == "江门推动港澳合作再上新台阶"
    texts = [ln.text for ln in parsed.lines]
    assert not any("color: red" in t or "不是正文" in t for t in texts)  # script/style/hidden dropped
    assert not any("隐藏的文字" in t for t in texts)
    nav = next(ln for ln in parsed.lines if ln.text.startswith("首页 | 新闻"))
    assert nav.link_density > 0.4 and not nav.in_content
    first = next(ln for ln in parsed.lines if ln.text.startswith("这是正文的第一段"))
    assert first.in_content
    h1 = next(ln for ln in parsed.lines if ln.tag == "title")
    assert h1.text == "江门推动港澳合作再上新台阶"
    strong = next(ln for ln in parsed.lines if ln.text == "以南组团为重点")
    assert strong.emphasised


def test_html_page_end_to_end():
    art = extract(PAGE, "html", ArticleHints())[0]
    assert art.title == "江门推动港澳合作再上新台阶"
    assert art.published == "2021-12-29T10:20:33+08:00"  # visible date, time and zone from the meta tag
    assert art.source == "南方日报"
    assert art.authors == ["叶芷晴"]
    assert art.editor == "王五"
    assert art.breadcrumb == ["新闻", "国内"]
    assert art.url == "https://example.com/news/1.html"
    kinds = [b.kind for b in art.blocks]
    assert kinds == ["share", "paragraph", "paragraph", "subheading", "paragraph", "paragraph"]
    assert art.blocks[3] == Block("subheading", "以南组团为重点")
    body = art.body
    for junk in ("另一条新闻", "网友甲", "Copyright", "首页", "今天是", "责任编辑", "分享到"):
        assert junk not in body


def test_page_without_title_tag_uses_heading_before_content():
    html = "<html><body><div><b>一个没有标题标签的页面</b></div><div>" + "".join(
        f"<p>{PARA.format(i)}</p>" for i in "一二三") + "</div></body></html>"
    art = extract(html, "html", ArticleHints())[0]
    assert art.title == "一个没有标题标签的页面"
    assert len([b for b in art.blocks if b.kind == "paragraph"]) == 3


def test_comment_thread_does_not_win_over_the_post():
    comments = "".join(
        f"<div class='c'><h4># re: 标题 2004-12-27 12:{i:02d} 网友{i}</h4><p>说得好，支持，欢迎！</p></div>" for i in range(30))
    html = ("<html><head><title>很高兴入住博客堂</title></head><body><div class='post'><h2>很高兴入住博客堂</h2>"
            "<div>" + PARA.format("一") + "<br>" + PARA.format("二") + "</div><p>发表于 2004年12月27日 12:40</p></div>"
            "<div class='feedback'><h3>评论</h3>" + comments + "</div></body></html>")
    art = extract(html, "html", ArticleHints())[0]
    assert art.published == "2004-12-27T12:40"
    assert "说得好" not in art.body
    assert "第一段" in art.body and "第二段" in art.body


def test_broken_and_empty_html():
    import pytest

    from reader.errors import ContentError

    with pytest.raises(ContentError):
        extract("<html><body><div>  </div></body></html>", "html", ArticleHints())
    with pytest.raises(ContentError):
        extract("<<<>>>", "html", ArticleHints())
    art = extract("<p>" + PARA.format("一") + "<p>" + PARA.format("二"), "html", ArticleHints())[0]
    assert "第二段" in art.body


def test_deep_nesting_and_huge_line():
    html = "<div>" * 200 + PARA.format("一") + "</div>" * 200
    art = extract(html, "html", ArticleHints())[0]
    assert "第一段" in art.body
    # libxml2 drops text nested deeper than its limit (~255): no crash, a clear ContentError
    import pytest

    from reader.errors import ContentError

    with pytest.raises(ContentError):
        extract("<div>" * 5000 + PARA.format("一") + "</div>" * 5000, "html", ArticleHints())
    art = extract("<p>" + "字" * 2_000_000 + "。</p>", "html", ArticleHints())[0]
    assert len(art.body) == 2_000_001


def test_traditional_page_tag_source_roc_date_and_hkt():
    paras = "".join(
        f"<p>{'【明報專訊】' if i == 0 else ''}政府昨日公布第{i}項措施，市民反應熱烈，議員普遍表示支持，認為有助改善民生。</p>"
        for i in range(4))
    html = ("<html><head><title>政府公布新措施 - 明報新聞網</title></head><body>"
            "<div class='nav'><a href='/'>首頁</a> | <a href='/a'>港聞</a> | <a href='/b'>經濟</a> | <a href='/c'>國際</a></div>"
            "<div class='article'><h1>政府公布新措施</h1><p>2021年12月29日 星期三 10:20 HKT</p>"
            f"<div class='txt'>{paras}<p>(葉芷晴 張泳渝</p></div>"
            "<p>責任編輯：陳大文</p><div class='share'>分享到：</div></div>"
            "<div class='foot'>版權所有 © 明報</div></body></html>")
    art = extract(html, "html", ArticleHints())[0]
    assert art.title == "政府公布新措施"
    assert art.published == "2021-12-29T10:20+08:00"
    assert art.source == "明報"
    assert art.authors == ["葉芷晴", "張泳渝"]
    assert art.editor == "陳大文"
    assert art.blocks[0].text.startswith("政府昨日公布第0項")  # the 【明報專訊】 tag is metadata
    assert art.blocks[-1].kind == "share"
    assert "版權" not in art.body and "首頁" not in art.body


def test_roc_date_in_page():
    html = ("<html><head><title>臺灣新聞</title></head><body><h1>臺灣新聞</h1><div>發布日期：110年12月29日</div>"
            + "".join(f"<p>這是第{i}段內容，報導指出，相關單位已經完成檢查，民眾可以放心。</p>" for i in range(3))
            + "</body></html>")
    art = extract(html, "html", ArticleHints())[0]
    assert art.published == "2021-12-29"


def _posts_page(stamp_between: bool) -> str:
    posts = []
    for n, (title, day, paras) in enumerate([("第一篇：昨天去海边", "2005-03-21 01:20:44", 2),
                                             ("第二篇：很长的游记", "2005-03-18 01:58:01", 6)]):
        body = "".join(f"<p>{PARA.format(f'{n}-{k}')}</p>" for k in range(paras))
        head = f'<div class="post-title">{title} <span>{day}</span></div>' if stamp_between else ""
        foot = f'<div class="post-footer">由博主张贴 @ {day}</div>' if stamp_between else ""
        posts.append(f'<table><tr><td>{head}<div class="post-body">{body}</div>{foot}</td></tr></table>')
    return f"<html><body><div class='side'>我的博客</div>{''.join(posts)}</body></html>"


def test_blog_listing_reads_the_first_post():
    # several posts in one template, timestamps between them: the first post is the article,
    # even when a later one is longer
    art = extract(_posts_page(True), "html", ArticleHints())[0]
    assert art.body.startswith("这是正文的第0-0段")
    assert "第1-0段" not in art.body
    assert art.published == "2005-03-21T01:20:44"


def test_repeated_blocks_without_timestamps_are_not_posts():
    # the same class repeated without a timestamp between is one article's layout, not a listing
    art = extract(_posts_page(False), "html", ArticleHints())[0]
    assert "第1-5段" in art.body


def test_reference_access_dates_do_not_date_the_page():
    refs = "".join(f"<li>{k}. 某报道标题 ．新浪[引用日期2014-05-19]</li>" for k in range(5))
    page = (f"<html><head><title>某词条</title></head><body><h1>某词条</h1><div class='content'>"
            f"<p>{PARA.format(1)}</p><p>{PARA.format(2)}</p><ul>{refs}</ul></div></body></html>")
    assert extract(page, "html", ArticleHints())[0].published is None


def _essay(name_line: str) -> str:
    return (f"<html><head><title>比赛革命的革命</title></head><body><div class='article'>"
            f"<h1>比赛革命的革命</h1><p>{name_line}</p><p>{PARA.format(1)}</p><p>{PARA.format(2)}</p>"
            f"</div></body></html>")


def test_bare_names_under_the_title_are_the_byline():
    art = extract(_essay("胡平"), "html", ArticleHints())[0]
    assert art.authors == ["胡平"] and "胡平" not in art.body
    assert extract(_essay("赵延东、风笑天"), "html", ArticleHints())[0].authors == ["赵延东", "风笑天"]


def test_a_short_line_under_the_title_without_a_surname_is_no_byline():
    assert extract(_essay("看点"), "html", ArticleHints())[0].authors == []
    assert extract(_essay("博客书架"), "html", ArticleHints())[0].authors == []


def test_forum_topic_header_beats_the_site_title():
    # <title> names the forum; the thread's "主题：" line with the poster's stamp under it is the article's
    page = ("<html><head><title>CCTV.com- 央视论坛 :: null</title></head><body>"
            "<div>CCTV.com- 央视论坛 :: null</div><div>游客 欢迎你！</div>"
            "<div><a href='/'>首页</a> &gt; <a href='/s'>央视社区</a> &gt; <a href='/f'>央视论坛</a></div>"
            "<div>在线用户:12066 当值版主:</div>"
            "<div>主题： 你知道导游为什么热衷于让你去商场购物吗？</div>"
            "<div>作者：芊草凡凡 时间：2005-08-22 19:13:18</div>"
            f"<div class='post'><p>{PARA.format(1)}</p><p>{PARA.format(2)}</p></div></body></html>")
    art = extract(page, "html", ArticleHints())[0]
    assert art.title == "你知道导游为什么热衷于让你去商场购物吗？"
    assert art.authors == ["芊草凡凡"]
    assert art.published == "2005-08-22T19:13:18"


def test_post_stamp_after_the_text_names_the_poster():
    page = (f"<html><body><h1>长发剪了</h1><div class='post-body'><p>{PARA.format(1)}</p><p>{PARA.format(2)}</p></div>"
            "<div class='post-footer'>由海姑娘张贴 @ 2005-03-18 01:58:01 (1666) 共 7 篇评论</div>"
            "<div class='reply'>由路人甲张贴 @ 2005-03-19 10:00:00</div></body></html>")
    art = extract(page, "html", ArticleHints())[0]
    assert art.authors == ["海姑娘"]
    assert art.published == "2005-03-18T01:58:01"


def test_post_stamp_above_the_text_names_the_poster():
    page = ("<html><head><title>China-Pub blog--洞庭一叶</title></head><body>"
            "<div class='side'>Blog名:洞庭一叶</div><div class='side'>访问:121369</div>"
            "<div class='stamp'>ggjjzhzz 发表于 2005-9-15 11:46:00</div>"
            f"<div class='post'><p>陈天华《警世钟》</p><p>{PARA.format(1)}</p><p>{PARA.format(2)}</p></div></body></html>")
    art = extract(page, "html", ArticleHints())[0]
    assert art.authors == ["ggjjzhzz"]
    assert art.published == "2005-09-15T11:46:00"


def _dated_page(head: str = "", info: str = "", html_attrs: str = "") -> str:
    return (f"<html {html_attrs}><head><title>某某新闻</title>{head}</head><body><h1>某某新闻</h1>"
            f"<div class='info'>{info}</div><div class='content'><p>{PARA.format(1)}</p><p>{PARA.format(2)}</p>"
            f"</div></body></html>")


def test_json_ld_date_published_and_author():
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": '
          '"NewsArticle", "datePublished": "2022-02-06T12:48:06+08:00", "dateModified": "2022-02-08T00:00:00+08:00",'
          ' "author": [{"@type": "Person", "name": "王小明"}]}]}</script>')
    art = extract(_dated_page(ld), "html", ArticleHints())[0]
    assert art.published == "2022-02-06T12:48:06+08:00"
    assert art.authors == ["王小明"]
    # a generic <meta name="date"> (often the modification date) gives way to datePublished
    weak = '<meta name="date" content="2022-02-08">' + ld
    assert extract(_dated_page(weak), "html", ArticleHints())[0].published == "2022-02-06T12:48:06+08:00"
    # broken JSON-LD is ignored
    assert extract(_dated_page('<script type="application/ld+json">{"datePublished": </script>'), "html",
                   ArticleHints())[0].published is None


def test_time_pubdate_and_microdata():
    page = _dated_page(info='<time datetime="2021-12-29T10:20:00+08:00" pubdate>昨天</time>')
    assert extract(page, "html", ArticleHints())[0].published == "2021-12-29T10:20:00+08:00"
    page = _dated_page(info='<span itemprop="datePublished" content="2021-12-28">前天</span>')
    assert extract(page, "html", ArticleHints())[0].published == "2021-12-28"


def test_url_date_breaks_ties_and_fills_in():
    # two dates in the header (event and publication): the one the URL names wins
    page = _dated_page(info="活动时间：2020-02-01 发布时间：2020-02-19 10:00")
    got = extract(page, "html", ArticleHints(url="http://www.xinhuanet.com/local/2020-02/19/c_1.htm"))[0]
    assert got.published == "2020-02-19T10:00"
    # no date on the page at all: the URL's
    page = _dated_page()
    got = extract(page, "html", ArticleHints(url="http://www.banyuetan.org/jmcs/detail/20200102/1_1.html"))[0]
    assert got.published == "2020-01-02"
    assert extract(page, "html", ArticleHints())[0].published is None
    # an ambiguous 02/01/2020 read month first, unless the URL says otherwise
    page = _dated_page(info="发布日期： 02/01/2020")
    assert extract(page, "html", ArticleHints())[0].published == "2020-02-01"
    got = extract(page, "html", ArticleHints(url="https://example.com/2020/01/02/a.html"))[0]
    assert got.published == "2020-01-02"


def test_day_first_locale_reads_slash_dates_day_first():
    page = _dated_page(info="发布日期： 7/5/2005 9:23:57 PM", html_attrs='lang="zh-HK"')
    assert extract(page, "html", ArticleHints())[0].published == "2005-05-07T21:23:57"
    page = _dated_page(info="发布日期： 7/5/2005 9:23:57 PM", html_attrs='lang="zh-CN"')
    assert extract(page, "html", ArticleHints())[0].published == "2005-07-05T21:23:57"
    page = _dated_page(info="发布日期： 7/5/2005 9:23:57 PM")
    assert extract(page, "html", ArticleHints(language="en-GB"))[0].published == "2005-05-07T21:23:57"


def test_a_short_text_ending_in_a_byline_keeps_its_text():
    # the deck rule drops headline matter above a byline only when article text follows the byline
    page = ("<html><body><h1>图片新闻</h1><div class='content'><p>市民在人民公园里赏花游玩，享受难得的春日阳光和花香，孩子们在草地上奔跑</p>"
            "<p>本报记者 张三 摄</p></div></body></html>")
    art = extract(page, "html", ArticleHints())[0]
    assert "孩子们在草地上奔跑" in art.body


def test_a_date_line_deep_in_the_text_ranks_below_the_page_metadata():
    paras = "".join(f"<p>{PARA.format(k)}</p>" for k in range(6))
    page = ("<html><head><title>金锺国</title>{head}</head><body><h1>金锺国</h1><div class='content'>"
            f"{paras}<p>发行日期：2001年12月14日</p><p>{PARA.format(9)}</p></div></body></html>")
    ld = '<script type="application/ld+json">{"datePublished": "2011-06-17T11:26:10Z"}</script>'
    assert extract(page.format(head=ld), "html", ArticleHints())[0].published == "2011-06-17T11:26:10+00:00"
    # without metadata it is still the best the page offers
    assert extract(page.format(head=""), "html", ArticleHints())[0].published == "2001-12-14"


def test_lead_in_its_own_box_inside_the_article_span_is_body():
    paras = "".join(f"<p>{PARA.format(k)}</p>" for k in range(4))
    page = ("<html><body><div class='nav'><a href='/'>首页</a></div><h1>马克龙星期一在莫斯科与普京会面</h1>"
            "<div class='article'><p class='date'>发表时间： 2022-02-06 13:48</p></div>"
            "<div class='intro'>各位好，我是安东尼。欢迎收听法国报纸摘要，法国总统马克龙下星期访问莫斯科和基辅。</div>"
            f"<div class='article'>{paras}</div><div class='side'><p>侧栏里的一段推荐文字，不是正文，请不要读它。</p></div>"
            "</body></html>")
    art = extract(page, "html", ArticleHints())[0]
    assert art.body.startswith("各位好，我是安东尼。")
    assert "侧栏" not in art.body


# ---- an app shell whose article is only in the state a script holds (class h08 too) -------------

_PARA = "区政府今天公布了新的公交线路调整方案，涉及十二条线路和三十多个站点。"


def _shell(script: str, visible: str = "<div class='loading'>载入中…</div>") -> str:
    return f"<html><head><title>新闻 | 城市网</title></head><body>{visible}{script}</body></html>"


def test_an_html_body_in_next_data_json_is_the_article():
    state = {"props": {"pageProps": {"story": {
        "headline": "公交线路调整方案公布", "publishedAt": "2024-03-02T08:00:00+08:00", "author": {"name": "李明"},
        "contentHtml": f"<p>{_PARA}</p><p>{_PARA[:20]}，市民可登录网站查询。</p><p>{_PARA}</p>"}}}}
    page = _shell(f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(state, ensure_ascii=False)}</script>')
    art = extract(page, "html")[0]
    assert art.title == "公交线路调整方案公布"
    assert art.published.startswith("2024-03-02") and art.authors == ["李明"]
    assert [b.text for b in art.blocks][0] == _PARA and "<p>" not in art.body


def test_a_page_with_visible_text_keeps_it_over_its_scripts_state():
    visible = "".join(f"<p>{_PARA}{n}</p>" for n in range(8))
    state = {"article": {"title": "别的标题", "paragraphs": ["另一篇文章的正文，内容很长很长。" * 8]}}
    page = _shell(f"<script>window.__STATE__ = {json.dumps(state, ensure_ascii=False)};</script>", visible)
    art = extract(page, "html")[0]
    assert "另一篇文章" not in art.body and _PARA in art.body


def test_hostile_script_state_is_bounded():
    deep = "[" * 100_000 + "]" * 100_000  # RecursionError in json
    wide = json.dumps({"a": [{"text": "x"}] * 200_000})  # far more nodes than MAX_NODES
    for script in (f"<script>var s = {deep};</script>", f"<script>var s = {wide};</script>"):
        with pytest.raises(ContentError):
            extract(_shell(script), "html")


def test_icon_font_glyphs_are_no_text():
    # class: pages that draw bullets and icons with a web font put private-use characters in
    # the text; they show as boxes in every terminal font
    page = ("<html><head><title>x</title></head><body><div class='content'>"
            "<p><i>\ue5e5\ue5e5</i>天還沒亮，柳塘村的菜農已經把青菜裝上三輪車，趕在六點前送到東澜鎮的早市，"
            "早一點到，菜葉上的露水還在，賣相好，價錢也好一些。</p></div></body></html>")
    art = extract(page, "html")[0]
    assert art.body.startswith("天還沒亮")
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in art.body)


def test_a_blog_headline_that_links_to_its_post_on_a_page_without_title():
    # class: old blog pages with no <title>, whose headline line is the post's permalink, under
    # a ranked list of other posts
    page = ("<html><body><div class='side'><a href='/1'>1. 柳塘春耕忙(6)</a><br><a href='/2'>2. 東澜湖邊散步(3)</a></div>"
            "<div class='post'><a href='/p/9'>東澜湖畔新開一家舊書店</a>"
            "<div class='content'><p>傍晚沿著東澜湖走了一圈，發現湖畔新開了一家舊書店，店主是退休的中學老師，店裡的書大多是他自己幾十年來的藏書。</p>"
            "<p>書店每天只開到晚上八點，週末會舉辦讀書會，附近的居民已經把這裡當成散步後歇腳的地方。</p></div></div></body></html>")
    art = extract(page, "html")[0]
    assert art.title == "東澜湖畔新開一家舊書店"


def test_a_login_page_with_a_welcome_blurb_in_its_sidebar_is_no_article():
    # class: saved pages that are no article (a login form, a disclaimer box, the site's welcome
    # in a sidebar): reported as such, never imported as an article of the blurb
    page = ("<html><head><title>用户登录 - 东澜论坛</title></head><body>"
            "<div class='nav'><a href='/'>首页</a> | <a href='/bbs'>论坛</a></div>"
            "<div class='main'><h2>用户登录</h2><form>用户名 <input name='u'> 密码 <input name='p'></form></div>"
            "<div class='content'><p>本站所有文章仅代表作者个人观点，不代表本站立场，转载请注明出处。</p></div>"
            "<div class='side'><p>欢迎来到东澜论坛，这里是本地居民交流生活信息的地方，请遵守版规文明发言，共同维护良好的社区氛围。</p></div>"
            "</body></html>")
    with pytest.raises(ContentError):
        extract(page, "html")


def test_a_page_read_whole_keeps_no_layout_images():
    # class: the post read outside its page's densest box (h15): the page's rules and icons are
    # no photos of the post
    from pathlib import Path

    page = (Path(__file__).parent / "fixtures" / "extract_classes" / "h15_post_outside_dense_box.html").read_text("utf-8")
    art = extract(page, "html")[0]
    assert art.body.startswith("傍晚沿著東澜湖")
    assert not [b for b in art.blocks if b.kind == "photo"]


def test_an_editor_the_credit_names_among_several_is_no_author():
    # class: CMS pages whose author field holds the user who posted the story, one of the editors
    page = ("<html><head><title>东澜市老旧小区加装电梯提速</title><meta name='author' content='王芳'></head><body>"
            "<div class='content'><h1>东澜市老旧小区加装电梯提速</h1>"
            "<p>记者昨日从东澜市住房和城乡建设局获悉，今年全市计划在老旧小区新开工加装电梯六十台，比去年增加一倍。</p>"
            "<p>市住建局相关负责人表示，下一步将把加装电梯与小区改造同步推进，减少重复施工对居民的影响。</p>"
            "<p>(责编：李明、王芳)</p></div></body></html>")
    art = extract(page, "html")[0]
    assert art.editor == "李明、王芳"
    assert art.authors == []


def test_a_numbered_list_opening_the_text_is_the_texts():
    # class: lesson plans, notices and guides whose text opens with a list's heading and its
    # short numbered items, above the first paragraph: they are no header matter under the title
    page = ("<html><head><title>十、柳塘社區長者課程</title></head><body><div class='content'>"
            "<h1>十、柳塘社區長者課程</h1><p>課程目的</p><p>1.認識手機的基本操作；</p><p>2.學會用手機掛號；</p>"
            "<p>3.了解防範詐騙的方法。</p>"
            "<p>社區中心今年為長者開設手機課程，每週二上午上課，由志工一對一指導，學員可以帶自己的手機來練習。</p>"
            "<p>課程結束後，學員會拿到一本圖文說明手冊，方便在家複習，中心也會安排志工定期回訪。</p>"
            "</div></body></html>")
    art = extract(page, "html")[0]
    assert art.body.startswith("課程目的")
    assert "1.認識手機的基本操作；" in art.body


def test_a_title_that_is_only_the_sites_trail_gives_way_to_the_headline():
    # class: small sites whose <title> is "site>channel" on every page, the headline only on it
    page = ("<html><head><title>东澜网>社区新闻</title></head><body><div class='top'>东澜网>社区新闻</div>"
            "<div class='head'>柳塘社区长者手机课程开班</div><div class='content'>"
            "<p>社区中心今年为长者开设手机课程，每周二上午上课，由志愿者一对一指导，学员可以带自己的手机来练习。</p>"
            "<p>课程结束后，学员会拿到一本图文说明手册，方便在家复习，中心也会安排志愿者定期回访。</p>"
            "</div></body></html>")
    assert extract(page, "html")[0].title == "柳塘社区长者手机课程开班"


def test_a_most_read_box_at_the_end_of_the_article_box_stays_out():
    """Class: Taiwanese news pages whose article box ends with a most-read box ("【熱門點閱】"
    over a bulleted link to another story): the box is no part of the article (self-written page)."""
    paragraphs = ["針對言論引起輿論抨擊，嵐山市長今晚受訪時回應，他說自己的意思被斷章取義，呼籲大家看完整段訪問再下判斷。",
                  "市議會多名議員表示，市長身為公眾人物，發言應該更謹慎，並要求市長在下次定期會上公開說明。",
                  "市府發言人則說，市長已經在社群網站上說明原意，也向受到影響的市民致歉，希望此事到此為止。"]
    html = ("<html><head><title>嵐山市長失言風波 市府：已致歉 - 嵐山新聞網</title></head><body>"
            "<div class='article'><h1>嵐山市長失言風波 市府：已致歉</h1><div class='date'>2020-03-12 20:19</div>"
            + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "<p>【熱門點閱】</p><p><a href='/n/2'>●嵐山捷運延伸線動工　市府：三年內通車</a></p></div>"
            "<div class='footer'>嵐山新聞網版權所有</div></body></html>")
    article = extract(html, "html", ArticleHints())[0]
    assert article.body.endswith("希望此事到此為止。")
    assert "捷運延伸線" not in article.body


@pytest.mark.parametrize("author, title, want", [
    ("网易", "苹果称反垄断诉讼应被驳回", []),  # a portal's name in the author field
    ("嵐港網", "苹果称反垄断诉讼应被驳回_嵐港網", []),  # the site the <title> names after the headline
    ("網易", "苹果称反垄断诉讼应被驳回", []),  # in Traditional
    ("曹磊", "苹果称反垄断诉讼应被驳回_嵐港網", ["曹磊"]),  # a person
    ("王小波", "重读红楼梦的几点体会_王小波_嵐港博客", ["王小波"]),  # a blogger the <title> names
])
def test_a_sites_name_in_the_author_field_is_no_author(author, title, want):
    """Class: portal and news pages whose CMS writes the site's or the portal's name into
    <meta name="author">: a site is never the author; a person named there is (self-written pages)."""
    html = (f'<html><head><title>{title}</title><meta name="author" content="{author}"></head><body>'
            "<div class='article'><h1>苹果称反垄断诉讼应被驳回</h1><div class='date'>2024-05-22 07:16</div>"
            "<p>苹果公司周二表示，美国司法部对其提起的反垄断诉讼应被驳回，称该诉讼没有事实依据，也不符合法律规定。</p>"
            "<p>司法部今年三月起诉苹果，指控其通过限制开发者，维持在智能手机市场的垄断地位，损害了消费者的利益。</p>"
            "</div></body></html>")
    assert extract(html, "html", ArticleHints())[0].authors == want


def test_the_pages_h1_is_the_headline_though_a_dated_video_box_stands_before_the_text():
    """Class: portal article pages whose <h1> (the <title>'s headline) is followed by channel
    links, an app promotion and a video box with its own date line, and only then the text: the
    <h1> is the headline, not the video's label (self-written page)."""
    html = ("<html><head><title>巴以冲突困住外贸人_嵐港网</title></head><body>"
            "<div class='crumb'>资讯 &gt; 在人间 &gt; 正文</div><h1>巴以冲突困住外贸人</h1>"
            "<div class='col'><a href='/c'>在人间</a></div><div class='app'>下载客户端</div>"
            "<div class='video'><p>独家抢先看</p><p>2024-01-18 10:00</p></div>"
            "<div class='text'><p>从未想过，远方的冲突会和自己产生什么关联。做了十年外贸的陈小姐说，今年一月以来，"
            "她的货柜已经在海上多漂了二十天。</p><p>红海航线受阻后，船公司纷纷绕行好望角，运费翻了三倍，"
            "不少订单因此取消，工厂的仓库里堆满了货。</p></div></body></html>")
    assert extract(html, "html", ArticleHints())[0].title == "巴以冲突困住外贸人"


def test_a_headline_set_in_two_heading_elements_comes_back_whole():
    """Class: government and news pages that set the headline as two headings, main line and
    subtitle, while the <title> holds both as one: both lines are the headline (self-written page)."""
    html = ("<html><head><title>嵐山延续税收优惠政策助企纾困预计四年减负十八亿元_嵐山市政府门户网站</title></head><body>"
            "<div class='article'><h1>嵐山延续税收优惠政策助企纾困</h1><h1>预计四年减负十八亿元</h1>"
            "<div class='date'>2022-03-01</div>"
            "<p>上述政策三年执行期满后，为进一步优化营商环境，市政府决定延续部分到期的税收优惠政策，执行期限延长至二〇二五年底。</p>"
            "<p>据测算，政策延续后，预计四年内可为纳税人减轻税费负担约十八亿元，惠及全市三万多户企业。</p>"
            "</div></body></html>")
    assert extract(html, "html", ArticleHints())[0].title == "嵐山延续税收优惠政策助企纾困 预计四年减负十八亿元"


def test_a_blog_platforms_logo_matching_the_titles_tail_is_not_the_headline():
    """Class: hosted blogs whose <title> is "post @ blog :: platform ::" and whose <h1> is the
    platform's logo: the heading that opens the <title> (the post's) is the headline, without the
    byte-order marks pages carry after it (self-written page)."""
    html = ("<html><head><title>新竹尖石_楓紅營地賞楓 (2) @ 嵐山的家_藍天 :: 嵐客邦 LANNET ::</title></head><body>"
            "<h1>嵐客邦 LANNET</h1><div class='side'>嵐山的家_藍天</div>"
            "<div class='post'><h2>新竹尖石_楓紅營地賞楓 (2)\ufeff \ufeff</h2><div class='date'>2011-12-18</div>"
            "<p>一波波低溫寒流報到，山上的楓葉已經轉紅，週末我們一早出發，沿著山路開了兩個小時才到營地。</p>"
            "<p>營地的楓香樹由綠轉黃、轉紅，層層疊疊，遊客不多，我們在樹下煮了一壺咖啡，待了一整個下午。</p>"
            "</div></body></html>")
    assert extract(html, "html", ArticleHints())[0].title == "新竹尖石_楓紅營地賞楓 (2)"


def test_a_posts_first_paragraph_in_a_box_of_its_own_under_the_header_is_the_texts():
    # class: forum and blog pages that set a post's first paragraph in a box of its own between
    # the header (title, reply buttons) and the box holding the rest of the text
    first = ("所以愛是什麼？愛是由接受的人決定的。你認為你那些行為都是愛你的先生、太太和孩子嗎？"
             "問題是他們有沒有接收到，對他們來講是不是愛。愛和私是不一樣的，很多父愛和母愛只是私。")
    rest = "".join(f"<p>{PARA.format(k)}</p>" for k in range(5))
    page = ("<html><head><title>關於親子的演講精選</title></head><body><h1>關於親子的演講精選</h1>"
            "<div class='tools'>[ 回復本貼 ] [ 關閉本窗口 ]</div>"
            f"<div class='lead'>{first}</div><div class='content'>{rest}</div></body></html>")
    art = extract(page, "html", ArticleHints())[0]
    assert art.body.startswith(first)


@pytest.mark.parametrize("title, headline, short", [
    # a column's name before a bar stands in a box of its own above the headline
    ("港口觀察｜嵐港港口擴建方案出爐_嵐港日報", "港口觀察｜嵐港港口擴建方案出爐", '<div class="column">港口觀察</div>'),
    # a tab or a breadcrumb's last step holds the headline's first part, before its dash
    ("嵐港港口擴建方案出爐 - 首期工程明年動工_嵐港日報", "嵐港港口擴建方案出爐 - 首期工程明年動工",
     '<div class="tab">嵐港港口擴建方案出爐</div>'),
])
def test_a_short_form_of_the_headline_on_the_page_loses_to_the_full_one(title, headline, short):
    """Class: news pages without an <h1>, whose headline is a styled text line matching the
    <title>, and which also show a part of it alone (a column's name, a tab, a breadcrumb's last
    step): the line that holds more of the <title>'s headline is the headline (self-written page)."""
    body = "".join(f"<p>{PARA.format(i)}</p>" for i in range(1, 5))
    html = (f"<html><head><title>{title}</title></head><body><div class=\"logo\"><a href=\"/\">嵐港日報</a></div>"
            f"{short}<ul class=\"nav\"><li><a href=\"/a\">首頁</a></li><li><a href=\"/b\">新聞</a></li></ul>"
            f"<div class=\"article\"><div class=\"title\">{headline}</div>"
            f"<div class=\"info\">2024-05-10 07:48 來源：嵐港日報</div>{body}</div></body></html>")
    assert extract(html, "html", ArticleHints())[0].title == headline
    # a <title> of the headline alone, no site's name: the line equal to it is the headline
    bare = html.replace(f"<title>{title}</title>", "<title>嵐港港口擴建方案出爐 首期工程明年動工</title>").replace(
        f'<div class="title">{headline}</div>', '<div class="title">嵐港港口擴建方案出爐 首期工程明年動工</div>')
    assert extract(bare, "html", ArticleHints())[0].title == "嵐港港口擴建方案出爐 首期工程明年動工"


def test_a_lead_paragraph_in_a_box_of_its_own_opens_the_text():
    """Class: news pages that set the text's first paragraph in a box of its own ("<div
    class=lead>") right before the box of the rest: one paragraph scores below the floor that
    siblings of the densest box need, yet it is the text's opening (self-written page)."""
    rest = "".join(f"<p>{PARA.format(i)}</p>" for i in range(2, 5))
    html = ("<html><head><title>嵐港港口擴建方案出爐_嵐港日報</title></head><body><h1>嵐港港口擴建方案出爐</h1>"
            "<div class='info'>2024-05-10 07:48 來源：嵐港日報</div><div class='content'>"
            "<div class='lead'><p>嵐港港務局今日公布港口擴建方案，首期工程將在明年動工。</p></div>"
            f"<div class='text'>{rest}</div></div><div class='foot'>Copyright © 2024 嵐港日報</div></body></html>")
    article = extract(html, "html", ArticleHints())[0]
    assert article.body.startswith("嵐港港務局今日公布") and "第4段" in article.body
    assert "Copyright" not in article.body
    # a notice, a "listen" widget or a caption in that box is no lead
    for box in ("溫馨提示：本文約1500字，閱讀需要5分鐘，如需轉載，請註明出處。", "聽新聞，點擊播放，本功能由AI語音合成",
                "▲嵐港港口擴建工程示意圖。（圖／嵐港港務局提供）"):
        other = html.replace("嵐港港務局今日公布港口擴建方案，首期工程將在明年動工。", box)
        assert extract(other, "html", ArticleHints())[0].body.startswith("这是正文的第2段")


def test_a_feed_of_teasers_under_the_text_is_no_text_and_an_inline_box_does_not_cut_it():
    """Class: portal pages whose article box holds a related box inside the text (the text goes
    on under it) and a feed of teasers after it (a linked headline over a summary, repeated): the
    summaries are the feed's, not the article's (self-written page)."""
    feed = "".join(f"<div><a href='/f{i}'>嵐港第{i}號碼頭完成翻新</a><p>嵐港第{i}號碼頭完成翻新工程，碼頭管理處表示，"
                   "新設施將提升裝卸效率，預計下月正式啟用。</p></div>" for i in range(1, 5))
    html = ("<html><head><title>嵐港港口擴建方案出爐_嵐港日報</title></head><body><h1>嵐港港口擴建方案出爐</h1>"
            "<div class='info'>2024-05-10 07:48 來源：嵐港日報</div><div class='content'>"
            f"<p>{PARA.format(1)}</p><div>相關新聞：</div><div><a href='/x'>嵐港碼頭工人罷工進入第三天</a></div>"
            f"<p>{PARA.format(2)}</p><p>{PARA.format(3)}</p><div>推薦閱讀</div>{feed}</div></body></html>")
    body = extract(html, "html", ArticleHints())[0].body
    assert all(f"第{i}段" in body for i in (1, 2, 3))
    assert "碼頭完成翻新" not in body and "罷工" not in body
    # the text's last paragraph right under the inline box is the text's
    last = html.replace(f"<p>{PARA.format(3)}</p><div>推薦閱讀</div>{feed}", f"<p>{PARA.format(3)}</p>")
    assert "第3段" in extract(last, "html", ArticleHints())[0].body


@pytest.mark.parametrize("markup", [
    '<div class="hd"><span style="font-size:22px;font-weight:bold">{h}</span></div>',
    '<div align="center"><font size="5" color="#000080"><b>{h}</b></font></div>',
    '<table width="100%"><tr><td class="biaoti" align="center">{h}</td></tr></table>',
    '<h2 class="title">{h}</h2>',
])
@pytest.mark.parametrize("title", ["嵐港日報", "嵐港港口擴建,港口擴建方案,深水泊位,嵐港日報",
                                   "港口擴建方案公布 兩深水泊位明年動工 | 嵐港日報"])
def test_a_styled_headline_line_is_the_title_when_the_title_tag_does_not_name_it(markup, title):
    """Class: pages of old CMSs and county sites whose headline is no <h1> but a styled text line
    (bold or big type by style or <font>, a table cell, a lesser heading), whose <title> holds the
    site's name, keywords or another wording, with a hot list, a promo or a slogan above the
    headline in the same box: the header's line that the date line follows is the headline, not a
    dash-led subtitle, a kicker or the slogan (self-written page)."""
    body = "".join(f"<p>{PARA.format(i)}</p>" for i in range(1, 5))
    headline = markup.format(h="港口擴建會影響漁民生計嗎？")
    html = (f"<html><head><title>{title}</title></head><body>"
            "<div class='hot'><div>熱門新聞</div><ul><li><a href='/1'>嵐港碼頭工人罷工進入第三天</a></li>"
            "<li><a href='/2'>舊區重建諮詢今日展開</a></li></ul></div>"
            "<table><tr><td><div class='slogan'>嵐港日報 陪你看世界</div>"
            "<div class='promo'><a href='/sub'>訂閱嵐港日報電子報 每日新聞直送</a></div>"
            f"<h3 class='kicker'>港務局公布十年規劃</h3>{headline}<h2>——嵐港港務局答記者問</h2>"
            f"<div class='info'>2024-05-10 07:48 來源：嵐港日報</div>{body}</td></tr></table></body></html>")
    assert extract(html, "html", ArticleHints())[0].title == "港口擴建會影響漁民生計嗎？"


@pytest.mark.parametrize("markup", ["<h1>{h}</h1>", '<div class="title">{h}</div>'])
def test_a_headline_in_parts_equal_to_a_bare_title_keeps_its_parts(markup):
    """Class: pages whose <title> is the headline alone and whose headline has two parts joined by
    a dash or a bar ("…出爐——首期工程明年動工"): the <title> splits as a headline and a site's name
    would, but no part names the site (no site's ending, no logo or footer line holds it), so the
    headline keeps both (self-written page). A part the logo holds is the site's and goes."""
    body = "".join(f"<p>{PARA.format(i)}</p>" for i in range(1, 5))

    def page(title, headline):
        return (f"<html><head><title>{title}</title></head><body><div class='logo'><a href='/'>嵐港日報</a></div>"
                f"<div class='article'>{markup.format(h=headline)}<div class='info'>2024-05-10 07:48</div>{body}</div>"
                "<div class='foot'>Copyright © 2024 嵐港日報 版權所有</div></body></html>")

    for headline in ("嵐港港口擴建方案出爐——首期工程明年動工", "嵐港港口擴建方案出爐 | 首期工程明年動工"):
        assert extract(page(headline, headline), "html", ArticleHints())[0].title == headline
    whole = "嵐港港口擴建方案出爐 - 嵐港日報"
    assert extract(page(whole, whole), "html", ArticleHints())[0].title == "嵐港港口擴建方案出爐"


NEXT_STORY = ("<h2>北濱海灘水質轉差 市民暫勿下水</h2><div>2024-05-09 18:30 來源：嵐港日報</div>"
              + "".join(f"<p>環保署今日公布最新海灘水質報告，北濱海灘的大腸桿菌含量連續第{i}週超出標準，署方建議市民暫時不要下水。</p>"
                        for i in range(1, 5)))


@pytest.mark.parametrize("kind", ["html", "text"])
def test_the_next_story_in_the_same_box_is_not_the_articles(kind):
    """Class: endless pages, a blog's next post, a channel's stories one under another: the box
    holding the article goes on into another story, its headline over its own date line. The
    article ends above it; a subheading followed by text, a record's fields under a name
    ("发行日期：…") and a chart's source under its title are the article's (self-written page; as HTML and as its DOM text dump)."""
    body = "".join(f"<p>{PARA.format(i)}</p>" for i in range(1, 4))
    inside = ("<p><strong>漁民擔心生計</strong></p><p>漁民代表表示，工程期間漁獲可能減少，希望補償方案盡快公布。</p>"
              "<p>首張專輯《嵐港之歌》</p><p>發行日期：2001年12月14日</p><p>這張專輯收錄了十首描寫嵐港漁村生活的歌曲，至今仍在傳唱。</p>"
              "<p>嵐港港口歷年吞吐量</p><p>數據來源：嵐港統計處 2024年5月10日</p><p>吞吐量十年來增加了三成，其中貨櫃增幅最大。</p>")
    html = ("<html><head><title>嵐港港口擴建方案出爐_嵐港日報</title></head><body><div class='main'>"
            "<h1>嵐港港口擴建方案出爐</h1><div>2024-05-10 07:48 來源：嵐港日報</div>"
            f"<table><tr><td>{body}{inside}</td></tr></table>{NEXT_STORY}</div></body></html>")
    blocks = (re.sub(r"<[^>]+>", "", part) for part in re.split(r"</(?:p|h1|h2|div|td)>", html.split("<body>")[1]))
    doc = html if kind == "html" else "\n\n".join(b for b in blocks if b.strip())
    article = extract(doc, kind, ArticleHints())[0]
    assert article.title == "嵐港港口擴建方案出爐"
    assert "第3段" in article.body and "漁民擔心生計" in article.body and "十首描寫嵐港漁村" in article.body
    assert "貨櫃增幅最大" in article.body
    assert "北濱海灘" not in article.body and "環保署" not in article.body
