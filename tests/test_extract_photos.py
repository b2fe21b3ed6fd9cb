"""Which images of an HTML page become photo blocks, where, and with which caption."""

from __future__ import annotations

from reader.extract import extract

TEXT = "市政府今天召开新闻发布会，介绍今年城市建设的进展情况，多个重点项目已经提前完工，市民出行更加方便。"


def _photos(body: str, outside: str = "", head: str = "") -> list[tuple[str, str]]:
    html = (f"<html><head><title>城市建设进展_新华网</title>{head}</head><body>{outside}<div class='article'>"
            f"<h1>城市建设进展</h1><p>2024年05月11日 10:20 来源：新华网</p><p>{TEXT}</p>{body}<p>{TEXT.replace('今天', '昨天')}</p></div>"
            f"<div class='footer'>{outside}<p>版权所有</p></div></body></html>")
    [article] = extract(html, "html")
    return [(b.src, b.text) for b in article.blocks if b.kind == "photo"]


def test_srcset_and_picture_give_their_largest_candidate_and_lazy_attributes_win_over_src():
    assert _photos('<img srcset="s.jpg 320w, l.jpg 1280w, m.jpg 640w" src="s.jpg">') == [("l.jpg", "")]
    assert _photos('<picture><source srcset="a.webp 1x, b.webp 2x"><img src="a.jpg"></picture>') == [("b.webp", "")]
    assert _photos('<img data-original="real.jpg" src="grey.gif">') == [("real.jpg", "")]


def test_furniture_is_dropped_by_declared_size_shape_and_words():
    for img in ('<img src="t.gif" width="1" height="1">', '<img src="wide.jpg" width="900" height="100">',
                '<img src="/img/logo.png">', '<img src="a.png" class="icon-wechat">', '<img src="a.png" alt="二維碼">',
                '<img src="/ad/x.jpg">', '<div class="share"><img src="w.png"></div>', '<img src="u/avatar.jpg">'):
        assert _photos(img) == [], img
    assert _photos('<img src="p.jpg" width="640" height="480">') == [("p.jpg", "")]


def test_images_outside_the_article_region_and_repeats_are_dropped():
    assert _photos('<img src="p.jpg"><p>中间一段文字，说明情况，内容很多。</p><img src="p.jpg">',
                   outside='<img src="outside.jpg">') == [("p.jpg", "")]


def test_captions_figcaption_caption_class_and_centred_line_but_not_the_next_paragraph():
    assert _photos("<figure><img src='a.jpg'><figcaption>市民参观新建成的公园</figcaption></figure>") == [("a.jpg", "市民参观新建成的公园")]
    assert _photos("<p><img src='a.jpg'></p><p class='pic_txt'>新建成的大桥</p>") == [("a.jpg", "新建成的大桥")]
    assert _photos("<p align='center'><img src='a.jpg'></p><p align='center'>新建成的大桥</p>") == [("a.jpg", "新建成的大桥")]
    assert _photos(f"<p><img src='a.jpg'></p><p>{TEXT}</p>") == [("a.jpg", "")]


def test_a_base_element_makes_the_address_absolute():
    assert _photos("<img src='p.jpg'>", head="<base href='https://news.example.cn/2024/'>") == [
        ("https://news.example.cn/2024/p.jpg", "")]
