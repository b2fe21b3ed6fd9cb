"""clean.py alone: one junk classifier for HTML and text lines."""

import pytest

from reader.extract import clean
from reader.extract.parsed import Line, fold_lines


@pytest.mark.parametrize(
    "text, kind",
    [
        ("午夜精品一区二区三区av,7777精品伊人久久久大香线蕉完整版,亚洲三级欧美,国产精品免费看一区二区三区", "junk:spam"),
        ("[ ]", "junk:remnant"),
        ("| >> |", "junk:remnant"),
        ("掃一掃,分享到微信朋友圈", clean.SHARE),
        ("分享到：", clean.SHARE),
        ("主站蜘蛛池模板: 嘉荫县| 茂名市| 广宁县| 河源市| 红原县| 鄂尔多斯市", "junk:navlist"),
        ("首页 | 新闻 | 体育 | 娱乐 | 财经", "junk:navlist"),
        ("Copyright © 2021 南方网 版权所有", "junk:copyright"),
        ("粤ICP备12345678号", "junk:copyright"),
        ("【打印】【关闭】", "junk:widget"),
        ("字号：大 中 小", "junk:widget"),
        ("我要说说\u3000打印\u3000推荐", "junk:widget"),  # one site's own button among widget words
        # a counter and font-size buttons a text browser ran together (no spaces between Chinese words)
        ("點閱數：1,234 字級：小中大回到頂端", "junk:widget"),
        ("中大 港大 理大 科大", clean.CONTENT),  # short names that hold widget words are no widget run
        ("嵐山 老街 修繕 完工", clean.CONTENT),
        ("发表评论", "junk:comments"),
        ("第1页/共1页 << 上一页 | 下一页 >>", "junk:pager"),
        ("江門市蓬江區勝利路上,坐落著香港團隊管理的珠西創谷(江門)科技園。", clean.CONTENT),
        ("以南組團為重點", clean.CONTENT),
        ("他说，这次分享到朋友圈的文章很多人读了，也有人留下评论，说明读者关心这件事情。", clean.CONTENT),
        # prose that names a footer's words is text (35687fb1, d519ec93 of the corpus)
        ("其次，提供音频和视频内容的播客，使互联网版权问题更加复杂。美国唱片工会表示：“播客在使用其它音乐时，"
         "一定要获得版权所有者或制作人的许可。”", clean.CONTENT),
        ("版权所有：南方日报社，未经授权不得转载，违者必究。Copyright © 2005", "junk:copyright"),
        ("本网所刊载信息，不代表本站观点。如需转载，未经授权不得转载，违者必究", "junk:copyright"),
        ("Coco失策了，SONY最防备的就是华人流行包装类歌手要转创作型。她在欧美市场和亚洲市场都有发展，"
         + "这让唱片公司重新考虑了她的合约，" * 12 + "欧美的唱片公司也一样。", clean.CONTENT),
        ("亚洲精品 欧美日韩 国产高清", "junk:spam"),
        # furniture of feed, blog and portal pages, self-written in their classes' words
        ("广告 年终大促来袭！限时五折", "junk:promo"),  # a feed's sponsored item
        ("閱讀 (12萬)", "junk:counter"),  # a counter in ten-thousands, Traditional
        ("您是本文第 154 个阅览者", "junk:counter"),
        ("共找到 13,046 个相关新闻.", "junk:counter"),  # a search page's result count
        ("你還沒有登入喔( 馬上登入/ 加入會員)", "junk:comments"),
        ("Powered by example.com", "junk:copyright"),
        ("如果您喜欢本站，请告诉您的朋友。", "junk:promo"),
        ("减少或屏蔽此类内容推荐", "junk:promo"),
        ("財經小貼士，訂閱理財快訊！ 發送CJ到8888 隨時查行情", "junk:promo"),  # a portal's text-message subscription
        ("更多“春耕怎么育秧”的相关资讯请关注www.example.com", "junk:promo"),  # a content farm's closing line
        ("Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of "
         "Example Hao, which is a social media platform and only provides information storage services.", "junk:copyright"),
        ("原创标注系作者主动申请，作者保证其发布作品系原创，如存在侵权，请联系平台处理。", "junk:copyright"),  # a platform's notice
        ("[精华区] 版主：[申请版主]", "junk:widget"),  # two buttons and a label between them
        ("【獨家】【影音】颱風過境南部農損逾億元", clean.CONTENT),
        ("广告业者表示，今年的投放预算比去年减少了两成，不少中小企业选择转向短视频平台。", clean.CONTENT),
        ("阅读是他一生的习惯，每天晚上都要读上一个小时的书。", clean.CONTENT),
        # share buttons alone or in a row, as text dumps print them; the same words in a sentence are text
        ("分享", clean.SHARE),
        ("用LINE傳送", clean.SHARE),
        ("微信 QQ 新浪微博 QQ空间", clean.SHARE),
        ("留言", "junk:widget"),
        ("他在微博上分享了这段视频，很快被转发了上万次。", clean.CONTENT),
        # the follow-us lines and "more from us" prompts under a Taiwanese or Hong Kong story
        ("點我加入嵐港日報官方LINE好友，新聞不漏接", "junk:promo"),
        ("想看更多新聞嗎？現在用Google新聞追蹤嵐港日報", "junk:promo"),
        ("歡迎訂閱嵐港日報YouTube頻道，按讚追蹤不錯過", "junk:promo"),
        ("點擊關注嵐港發布，了解更多本地資訊", "junk:promo"),
        ("更多嵐港日報報導", "junk:readmore"),
        ("按此睇更多相片", "junk:readmore"),
        ("本文經嵐港週刊授權轉載，原文標題：港口擴建的隱憂", "junk:copyright"),
        ("歡迎致電嵐港新聞網報料熱線2345 6789，一經採用，報料費從優。", "junk:promo"),
        # ... and a story's sentences about the same platforms and hotlines
        ("民眾可加入市府LINE官方帳號查詢。", clean.CONTENT),
        ("他在IG上追蹤了三萬名網友，引發討論。", clean.CONTENT),
        ("更多市民加入志願者行列", clean.CONTENT),
        ("市民可拨打城市服务热线2345 6789反映，相关部门将在两小时内到场处置。", clean.CONTENT),
        # a row of hashtags under a text, spaced or closed Weibo's way; a hashtag in a sentence, a
        # post's topic and its text, a closed topic alone (a heading), a comment's number and colour
        # codes are no row
        ("#嵐港 #港口擴建 #深水泊位", "junk:tags"),
        ("＃港區巡禮＃ ＃海港新貌＃", "junk:tags"),
        ("#嵐港##港口擴建#", "junk:tags"),
        ("網友以#嵐港加油#為題發文，一天內轉發逾萬次。", clean.CONTENT),
        ("#嵐港颱風#今日下午三時起全港停課，請家長留意子女安全。", clean.CONTENT),
        ("#岚港早餐地图#", clean.CONTENT),
        ("#29 米可", clean.CONTENT),
        ("#1 #2 #3", clean.CONTENT),
        ("#FF0000 #00FF00", clean.CONTENT),
    ],
)
def test_classify(text, kind):
    assert clean.classify(Line(text)) == kind


def test_link_heavy_lines_are_junk_in_html():
    assert clean.classify(Line("相关新闻标题一则", link_chars=8)) == "junk:links"
    assert clean.classify(Line("相关新闻标题一则", link_chars=2)) == clean.CONTENT


@pytest.mark.parametrize("text", ["相关新闻", "相關閱讀", "延伸阅读：", "上一篇", "评论 (63)", "網友評論", "【熱門點閱】", "相關主題"])
def test_tail_markers(text):
    assert clean.is_tail_marker(Line(text))


def test_comments_versus_related():
    assert clean.is_comments_marker(Line("评论"))
    assert not clean.is_comments_marker(Line("相关新闻"))


def test_classify_is_linear_on_huge_lines():
    # only a bounded prefix is matched: a 1 MB adversarial line is classified at once
    assert clean.classify(Line("分享" + "|" * 1_000_000)) in (clean.SHARE, "junk:navlist", clean.CONTENT, "junk:remnant")
    assert clean.classify(Line("[" * 1_000_000)) == "junk:remnant"


def test_keyword_spam_injected_inside_sentences_is_cut_on_a_page_with_a_chain():
    page = ["講解了要點。金沙娛樂官網登錄入口農戶們紛紛圍攏過來。",  # Traditional, folded; a chain
            "发放了建议卡，bet体育手机版下载并建立了微信群。"]  # no chain, but the page has one
    assert clean.without_injected_spam(page) == ["講解了要點。農戶們紛紛圍攏過來。", "发放了建议卡，并建立了微信群。"]


@pytest.mark.parametrize("text", [
    "13日，YG娱乐官网发布公告称，旗下艺人将于下月举办演唱会。",  # a company's site named in passing
    "目前，该游戏手机版下载量已突破一千万次。",
    "群众可在网站首页，点击登录入口办理。",  # a government page's words
])
def test_news_that_names_those_words_in_passing_is_kept(text):
    assert clean.without_injected_spam([text, "据悉，华谊娱乐官网昨日更新了声明。"]) == [text, "据悉，华谊娱乐官网昨日更新了声明。"]


@pytest.mark.parametrize("text, kind", [
    # an ad's label alone on its line, over the ad (class: news pages' in-text ad slots)
    ("廣告", "junk:promo"), ("推廣", "junk:promo"), ("廣告商合作洽詢", clean.CONTENT),
    # a reader counter among the font-size and back-to-top buttons (Taiwanese news pages' tool row)
    ("點閱數：1,234 字級：小 中 大 回到頂端", "junk:widget"),
    ("2024 年 5 月 10 日", clean.CONTENT),  # figures without a counter's label are no buttons
    # search keywords stuffed between paragraphs (mirror and SEO pages): a site's address among
    # words of Chinese; a menu's or a headline's words name none
    ("嵐港新聞網 www.lg-news.example 港口擴建 港口擴建方案 嵐港港口 最新消息", "junk:spam"),
    # a slogan, a chant, a list of places repeat their words too, and an information line gives a
    # number: no address, or figures, and they are text
    ("光復香港 時代革命 光復香港 時代革命 五大訴求 缺一不可", clean.CONTENT),
    ("天安门 天安门广场 人民大会堂 故宫 故宫博物院", clean.CONTENT),
    ("詳情請瀏覽 www.lgport.example 或致電 2345 6789", clean.CONTENT),
    # a text browser drops the spaces between Chinese words: three words, an address among them
    ("嵐港新聞網 www.lg-news.example 港口擴建港口擴建方案嵐港港口最新消息", "junk:spam"),
    ("http://biz.example.com\u30002005-04-25 08:24:06\u3000来源：网易", clean.CONTENT),  # a dateline
    ("首頁 新聞 財經 體育 娛樂 國際", clean.CONTENT),
    ("港珠澳大橋 客流 創新高 單日 通關", clean.CONTENT),
    ("Kim Jong Kook Running Man 成員 www.example.com", clean.CONTENT),
])
def test_ad_labels_counter_rows_and_stuffed_keywords(text, kind):
    line = Line(text)
    fold_lines([line])
    assert clean.classify(line) == kind
