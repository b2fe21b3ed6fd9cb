"""One junk classifier for HTML and plain-text lines.

``classify(line)`` says what a line is when it is not article text: spam, navigation, a share
widget, an empty widget remnant, a related-links or comments header, a copyright or
spider-pool footer. ``is_tail_marker`` says whether a line opens the end-of-article furniture
(related news, comments, previous/next), after which nothing is body any more.

All patterns are plain alternations or bounded quantifiers over ``Line.scan`` (a pre-truncated
prefix), so classification is linear in the line length.
"""

from __future__ import annotations

import re

from ..script import convert
from . import phrases
from .parsed import FOLD, Line

CONTENT = "content"
SHARE = "share"
IMAGE = "junk:image"
LINKS = "junk:links"  # a line that is mostly a link (HTML)
PLAYER = "junk:player"  # a video player's controls and notices

# Every phrase below comes from phrases.py (written once, in Simplified) and is matched on
# ``Line.folded`` (OpenCC-folded, lower case): 分享至 / 回到頂端 / 瀏覽人次 match as they are.
_SHARE = re.compile(phrases.alternation(phrases.SHARE))
_SPAM = re.compile(phrases.alternation(phrases.SPAM))
# an injected keyword: a brand of up to six letters after a clause boundary, then the spam words
_INJECTED = re.compile(r"(?:(?<=[。，！？；、：“”\s])|^)[a-z0-9\u4e00-\u9fff]{0,6}?(?:"
                       + phrases.alternation(phrases.INJECTED_SPAM) + r")((?:"
                       + phrases.alternation(phrases.INJECTED_SPAM_TAIL) + r")+)?")
_INJECTED_HINT = re.compile("官[网網]|下[载載]|入口")  # cheap test on the original before folding
_COPYRIGHT = re.compile(phrases.alternation(phrases.NOTICES) + r"|\(c\)\s?\d{4}|不代表.{0,16}(?:立场|观点)")
_NOTICE = re.compile(phrases.alternation(phrases.NOTICE))
# A long read's notice of its length under the headline (class: self-media and magazine pages)
_READING_TIME = re.compile(r"本文(?:约|共|全文约|全文共)\s{0,2}[\d,，.]{1,7}\s{0,2}万?字|(?:阅读|读完)(?:全文|本文|此文)\s{0,2}(?:大约|大概|约|预计)?\s{0,2}需要?\s{0,2}\d{1,3}\s{0,2}分钟|^\W{0,2}(?:预计)?阅读时[间长]\s{0,2}[:：]\s{0,2}约?\s{0,2}\d{1,3}\s{0,2}分钟")
_PLAYER = re.compile(phrases.alternation(phrases.PLAYER) + r"|^\d{1,2}:\d{2}(?::\d{2})?\s{0,2}/\s{0,2}\d{1,2}:\d{2}(?::\d{2})?$")
_SEPARATORS = r"[\s\[\]【】()（）<>《》|｜/\\·•:：,，.。\-—_=+*#>»›«‹]"
_WIDGET_WORD = f"(?:{phrases.alternation(phrases.WIDGET_WORDS)})"
_WIDGET = re.compile(f"^{_SEPARATORS}*{_WIDGET_WORD}(?:{_SEPARATORS}{{0,6}}{_WIDGET_WORD}){{0,8}}{_SEPARATORS}*$")
_SHARE_BUTTON = f"(?:{phrases.alternation(phrases.SHARE_BUTTONS)})"
_SHARE_BUTTONS = re.compile(f"^{_SEPARATORS}*{_SHARE_BUTTON}(?:{_SEPARATORS}{{0,6}}{_SHARE_BUTTON}){{0,8}}{_SEPARATORS}*$")
_COMMENT = re.compile(phrases.alternation(phrases.COMMENT_WORDS) + r"|已有\d{1,9}人|评论\s?\(")
# Headers that open the end-of-article furniture.
_TAIL = re.compile(r"^[\s【\[（(<《■●▲▼◆◇★☆>·]{0,3}(?:" + phrases.alternation(phrases.TAIL_HEADERS) + ")")
# A related link labelled by its list's name: "推荐阅读：绥德交警：8月1日起…"
_LABELLED_LINK = re.compile(r"^[\s【\[（(<《■●▲▼◆◇★☆>·]{0,3}(?:" + phrases.alternation(phrases.TAIL_HEADERS) + r")\s{0,2}[:：]")
# A row of bracketed buttons: "页面功能 【我来说两句】【我要“揪”错】【推荐】【字体：大 中 小】【打印】"
_BUTTON = re.compile(r"[【\[][^【】\[\]]{1,12}[】\]]")
_TAGS = re.compile(r"^[\s【\[]{0,2}(?:" + phrases.alternation(phrases.TAG_LABELS) + r")\s{0,2}[:：]")
# A hashtag: "#港口擴建", Weibo's "#港口擴建#"; no clause marks inside, and a number or a colour code
# is none ("#29" numbers a comment, "#FF0000" is a colour)
HASHTAG = r"[#＃](?!\d+(?:[\s#＃]|$))(?![0-9A-Fa-f]{3,8}(?:[\s#＃]|$))[^\s#＃，。！？、；：,.!?;:]{1,30}"
# A row of two or more hashtags closing a post or an article, apart by spaces or each closed
# Weibo's way (class: news and blog pages that list their topics as hashtags under the text, "#嵐港
# #港口擴建 #深水泊位"); "#嵐港颱風#今日停課。" is a post's topic and its text, "#岚港早餐地图#" alone a heading
_HASHTAG_ROW = re.compile(rf"^{HASHTAG}(?:[#＃]?\s{{1,3}}{HASHTAG}|[#＃]{HASHTAG}){{1,11}}[#＃]?$")
_PIPE = re.compile(r"[|｜]")
_PAGER = re.compile(r"第\s{0,1}\d{1,4}\s{0,1}页\s{0,2}/?\s{0,2}共\s{0,1}\d{1,4}\s{0,1}页|上一页.{0,20}下一页|^共\s{0,1}\d{1,4}\s{0,1}页")
_URL = re.compile(r"(?:https?://|www\.)[\w./?=&%#:;~+\-]{3,200}", re.I)
_COUNT = r"[\d,]{1,12}(?:\.\d{1,2})?\s{0,1}[万亿kKwW]?"  # 1,482 / 177万 / 3.2w
_COUNTER = re.compile(
    r"trackback|引用通告|搜集整理于|整理于\s{0,2}\d{4}|已被阅读\s{0,2}\d{1,9}|"
    r"第\s{0,2}[\d,]{1,12}\s{0,2}[个位名]\s{0,2}(?:阅览者|浏览者|读者|访客|访问者)|"  # "您是本文第 154 个阅览者"
    r"^共?\s{0,2}(?:找到|搜索到)\s{0,2}[\d,]{1,12}\s{0,2}[个条篇]"  # a search page's result count
    r"|(?:" + phrases.alternation(phrases.COUNTER_LABELS) + r")(?:次数|数|量)?\s{0,2}[:：(（]?\s{0,2}" + _COUNT + r"\s{0,2}[)）]?\s{0,2}(?:次|人)?\s{0,2}$|"
    r"^\s{0,2}[\d,]{1,12}\s{0,2}(?:" + phrases.alternation(phrases.COUNTER_SUFFIXES) + ")|"
    r"^\s{0,2}" + _COUNT + r"\s{0,2}(?:" + phrases.alternation(phrases.COUNTER_LABELS) + r")\s{0,2}$"  # "61万 阅读"
)
# A counter whose number a script fills in: "阅读：" alone, "浏览次数:" (the label and nothing else)
_EMPTY_COUNTER = re.compile(r"^[\s【\[]{0,2}(?:" + phrases.alternation(phrases.COUNTER_LABELS) + r")(?:次数|数|量)?\s{0,2}[:：]?\s{0,2}[】\]]?$")
_HOST = re.compile(r"^[\s【\[]{0,2}(?:" + phrases.alternation(phrases.HOST_LABELS) + r")\s{0,2}(?:[:：]|$)")
_PROMO = re.compile(
    phrases.alternation(phrases.PROMO) + r"|下载.{0,12}(?:客户端|应用|app)|关注.{0,12}(?:公众号|微信|微博)|订阅.{0,8}(?:新闻信|电子报|频道)"
    # a portal's text-message subscription: "发送GP到6666随时随地查行情"
    r"|发送\s{0,2}[a-z0-9]{1,10}\s{0,2}到\s{0,2}\d{4,}"
    # "更多…请关注…": a Q&A or content farm's closing line ("更多“X”的相关资讯请关注www.…")
    r"|^更多.{0,40}请关注"
)
# "follow us" on a platform: "點我加入X官方LINE好友", "現在用Google新聞追蹤X", "歡迎訂閱X的YouTube頻道",
# "點擊關注X" (matched on folded text); the site speaks ("我们", "点我", "欢迎"…) and no quote or
# sentence: a story's heading or quote about a platform is neither
_FOLLOW = re.compile(
    r"(?:加入|追踪|关注|订阅|按赞|按讚|收听).{0,16}(?:line|facebook|脸书|粉丝专页|粉专|instagram|\big\b|youtube|频道"
    r"|google\s?新闻|google\s?news|telegram|whatsapp|微信|微博|公众号|抖音|小红书|官方帐号|官方账号|好友)"
    r"|(?:google\s?新闻|google\s?news|line|facebook|脸书|youtube|instagram)\s?(?:追踪|关注|订阅)"
    r"|^[\s▸►▶>»]{0,2}(?:点击|点我|快来|欢迎)关注"
)
_FOLLOW_CUE = re.compile(r"我们|本台|本报|本网|不漏接|点我|点击|立即|现在用|欢迎|马上")
_QUOTE_OR_END = re.compile(r"[“”「」『』\"]|[。！？!?；;]\s*$")
# "more from us" on a line of its own: "更多X報導", "看更多X文章", "按此睇更多相片"
_MORE_FROM = re.compile(r"^[\s▸►▶>»【\[]{0,2}(?:(?:看更多|更多).{0,16}(?:报导|报道|文章)"
                        r"|(?:按此睇更多|按此看更多|按此睇|点此看更多|点我看更多).{0,16}(?:报导|报道|文章|新闻|相片|照片|影片|视频|内容|资讯))"
                        r"[\s】\]]{0,2}$")
_TIP_OFF = re.compile(phrases.alternation(phrases.TIP_OFF))
# the page's own column crediting its sponsor at the line's start ("本栏目由X特约刊播，…"); a story's
# sentence naming a sponsor ("该剧由X独家冠名", "本次汇演由X特约播出") is the story's
_SPONSOR = re.compile(r"^\s{0,2}(?:" + phrases.alternation(phrases.OWN_COLUMN) + r")由[^，,。；]{2,24}?(?:"
                      + phrases.alternation(phrases.SPONSOR_CREDIT) + ")")
_SPONSOR_MAX = 80  # characters of a sponsor's credit and slogan
# a phone number (0123-4567890, 968111, (02)2345-6789) or an e-mail address; no year range
# ("2023-2024年度"), amount ("120000元") or count
_TIP_CONTACT = re.compile(r"(?<![\d.])(?:\(?0\d{1,3}\)?[\s-]?)?\d{3,4}[\s-]?\d{3,4}(?![\d.%年元万亿条次人户月日号])"
                          r"|[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{2,20}")
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s?-\s?(?:19|20)\d\d")
# a prompt speaks to the reader ("歡迎致電", "如你也發現", "請電郵至"); a story about a hotline does not
_TIP_ASKS = re.compile(r"欢迎|请|如果|如你|如您|若你|若您|您|你")
_TIP_MAX = 160  # characters of a tip prompt: a sentence or two
# A feed's sponsored item, labelled as such: "广告 618大促来袭！…"
_AD_LABEL = re.compile(r"^[\s【\[（(]{0,2}(?:广告|推广|赞助)(?:[\s】\]）)]|$)")  # (or the label alone on its line)
_AD_LABEL_ALONE = re.compile(r"^[\s【\[（(]{0,2}(?:广告|推广|赞助)[\s】\]）)]{0,2}$")
_AD_TEXT_MAX = 40  # characters of the ad under its label: a slogan, an offer
_AD_WORDS = re.compile(phrases.alternation(phrases.AD_WORDS))
_AD_PIECES = 3  # lines a page run together cuts an ad's slogan into


def ad_under_label(lines: list[Line], k: int) -> int:
    """How many lines from ``k`` are an ad right under its label standing alone ("廣告" over "嵐港夜
    市美食節 五月盛大開幕 立即報名", in-text ad slots): short lines without a full stop, up to the one
    in an ad's words (a page run together cuts the slogan into pieces); 0 when none is. An image's
    slot has no text: the line under its label is the article's (a subheading, a quote)."""
    if k == 0 or not _AD_LABEL_ALONE.match(lines[k - 1].folded):
        return 0
    for n, line in enumerate(lines[k: k + _AD_PIECES], 1):
        if len(line.scan.strip()) > _AD_TEXT_MAX or _SENTENCE_END.search(line.scan):
            return 0
        if _AD_WORDS.search(line.folded):
            return n
    return 0


_SENTENCE_END = re.compile(r"[。！？!?；;]")
_READMORE = re.compile(
    r"[\[【(（](?:全文|详细|详情|更多|阅读全文)[\]】)）]$|^(?:点击|阅读|查看)(?:全文|原文|更多)|^(?:来源)?[:：]?\s?https?://\S{0,200}$|"
    # a portal's way back under a self-media article: "返回搜狐，查看更多"
    r"^返回[^，,\s]{1,8}[，,]\s{0,2}查看更多|"
    r"^[\s【\[（(]{0,2}(?:" + phrases.alternation(phrases.READ_MORE) + r")"
)


# What a text browser prints for images, a line of them: "[1642667264]", "[logo1] [zi1]",
# "[220px-Xiongancitizenservicecen]" (w3m and lynx dumps show an image as its alt text or file name
# in brackets; a word with a space in it, "[ 黄宇 ]", is a bracketed byline and one with a colon,
# "[责任编辑:肖春芳]", a credit, and a number of three digits or fewer, "[1] [2] [3]", a pager's link,
# not an image; a name or an alt text holds a Latin letter or a digit: "[打印] [关闭]" and "[上一页]"
# are buttons)
_IMAGE_PLACEHOLDERS = re.compile(r"^(?:\[(?!\d{1,3}\])(?=[^\[\]]{0,40}[A-Za-z0-9])[^\[\]\s:：]{1,40}\]\s{0,3})+$")
_ROW_ITEMS = re.compile(f"{_SEPARATORS}+")
_WIDGET_ALONE = re.compile(f"^{_WIDGET_WORD}$")
# widget words a text browser ran together, dropping the spaces between Chinese words ("小中大回到頂端")
_WIDGET_RUN = re.compile(f"^(?:{_WIDGET_WORD}){{2,6}}$")
# a reader counter's label or its figure among the buttons ("點閱數：1,234 字級：小 中 大 回到頂端")
_COUNTER_ITEM = re.compile(r"^(?:" + phrases.alternation(phrases.COUNTER_LABELS) + r")(?:次数|数|量)?$")
_FIGURE = re.compile(r"^\d{1,9}$")
_ROW_ITEM_LETTERS = 6


def _mostly_widgets(folded: str) -> bool:
    """A row of three or more short buttons all but one of which are widget words or a reader
    counter: "我要说说 打印 推荐" (a site's own button among the print and recommend ones), "點閱數：
    1,234 字級：小 中 大 回到頂端" (or "字級：小中大回到頂端", as a text browser runs them together), on
    any site."""
    items = [item for item in _ROW_ITEMS.split(folded) if item]
    runs = [bool(_WIDGET_RUN.match(item)) for item in items]
    if len(items) + sum(runs) < 3 or any(len(item) > _ROW_ITEM_LETTERS and not run for item, run in zip(items, runs)):
        return False
    counted = any(_COUNTER_ITEM.match(item) for item in items)  # (its figure goes with a counter's label)
    return sum(1 for item, run in zip(items, runs) if not run and not _WIDGET_ALONE.match(item)
               and not _COUNTER_ITEM.match(item) and not (counted and _FIGURE.match(item))) <= 1


_KEYWORDS_MIN = 3  # words of a keyword-stuffed line, its address among them
_KEYWORD_LETTERS = 20  # of one keyword (a text browser may run a few together)
_CLAUSE_PUNCT = re.compile(r"[，。；！？,;!?]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")


def _stuffed_keywords(s: str) -> bool:
    """A line of search keywords a mirror or SEO page sets between paragraphs ("嵐港新聞網 www.… 港口
    擴建 港口擴建方案 嵐港港口 最新消息"): three or more words of Chinese and no clause punctuation,
    a site's address among them (a text browser drops the spaces between the Chinese words). A
    slogan, a chant or a list of places repeats its words too, but names no address; an
    information line ("詳情請瀏覽 www.… 或致電 2345 6789") gives a number."""
    if _CLAUSE_PUNCT.search(s):
        return False
    words = s.split()
    keys = [_letters(w).lower() for w in words if not _URL.match(w)]
    if len(words) < _KEYWORDS_MIN or len(keys) == len(words) or not keys:
        return False
    return all(len(k) <= _KEYWORD_LETTERS and len(_HAN.findall(k)) >= 2 and not _DIGIT.search(k) for k in keys)


_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")  # \w is exactly Unicode categories L* and N*, plus _


def _letters(text: str) -> str:
    """The text without whitespace, punctuation and symbols (Unicode categories L* and N* kept)."""
    return _NOT_LETTER_OR_DIGIT.sub("", text)


_SPAM_SPAN = 30  # spam lines carry a spam word every 30 characters or so (the seed's: one per 3)
_FOOTER_MARK = re.compile(r"©|ICP|copyright|\(c\)\s?\d{4}|\d{4}\s?[-–—]\s?\d{4}", re.I)


def _prose(s: str) -> bool:
    """Sentences (four or more 。/， marks) without a footer's ©, ICP number or year range: a paragraph
    that mentions 版权所有者 once is still text (a footer piles up 未经授权、不得转载、违者必究)."""
    return len(re.findall(r"[。，]", s)) >= 4 and not _FOOTER_MARK.search(s)


def _follow_us(f: str, s: str) -> bool:
    """A site's call to follow it on a platform (not a story's heading or quote about one)."""
    return bool(_FOLLOW.search(f)) and bool(_FOLLOW_CUE.search(f)) and not _QUOTE_OR_END.search(s)


def _tip_prompt(f: str, s: str, at: int) -> bool:
    """A call for news tips (its phrase at ``at`` in the folded text): it speaks to the reader and
    gives a contact, and no sentence of a story stands before it on the line (a dump that glued
    the prompt to the last paragraph keeps both, as before)."""
    return ((not _SENTENCE_END.search(f, 0, at) or bool(_READER_QUESTION.fullmatch(f[:at].strip())))
            and bool(_TIP_ASKS.search(f))
            and any(not _YEAR_RANGE.fullmatch(m.group(0)) for m in _TIP_CONTACT.finditer(s)))


# a short question to the reader opening the prompt, the prompt asking straight after it ("你身边有
# 哪些新鲜事？欢迎拨打新闻热线…"; not a story's "你知道吗？县里开通了新闻热线…", nor a quoted question)
_READER_QUESTION = re.compile(r"[^。！!；;？?“”「」『』\"]{0,24}[你您][^。！!；;？?“”「」『』\"]{0,24}[？?]\s{0,2}(?:欢迎|请)[^。！!；;？?]{0,12}")


def classify(line: Line) -> str:
    """``CONTENT``, ``SHARE`` or ``junk:<reason>`` for one line."""
    s = line.scan.strip()
    if not s:
        return "junk:empty"
    letters = line.letters
    if not letters:
        return "junk:remnant"  # `[ ]`, `|`, `>>` ...
    f = line.folded.strip()
    n = len(s)
    if n <= 120 and _IMAGE_PLACEHOLDERS.match(s):
        return IMAGE
    if n <= 40 and (_SHARE.search(f) and not _SENTENCE_END.search(s) or _SHARE_BUTTONS.match(f)):
        return SHARE
    if n <= 60 and (_WIDGET.match(f) or _mostly_widgets(f)):
        return "junk:widget"
    if n <= 120 and (buttons := len(_BUTTON.findall(s))) >= 2 and len(_letters(_BUTTON.sub("", s))) <= (12 if buttons >= 3 else 4):
        return "junk:widget"  # (two buttons and a label between them: a forum's "[精华区] 版主：[申请版主]")
    if n <= 120 and _LABELLED_LINK.match(f):
        return "junk:related"
    if n <= 120 and (_TAGS.match(f) and not _SENTENCE_END.search(s) or _HASHTAG_ROW.match(s)):
        return "junk:tags"
    if line.link_chars and line.link_density > 0.5 and not (line.tag == "title"):
        return LINKS
    pipes = len(_PIPE.findall(s))
    if pipes >= 3 and n / (pipes + 1) <= 12:
        return "junk:navlist"  # nav bars and spider-pool footers: 嘉荫县| 茂名市| ...
    spam_hits = len(_SPAM.findall(f))
    # keyword stuffing is dense; a long paragraph about 欧美 and 亚洲 pop music is not spam
    # (counted over the folded part of the line, its first FOLD_LIMIT characters)
    if (spam_hits >= 3 and spam_hits * _SPAM_SPAN >= min(n, len(f))) or (spam_hits >= 2 and n <= 120 and not _SENTENCE_END.search(s)):
        return "junk:spam"
    if n <= 200 and _stuffed_keywords(s):
        return "junk:spam"
    if n <= 300 and (hits := len(_COPYRIGHT.findall(f))) and (hits >= 2 or n <= 160 and not _prose(s)):
        return "junk:copyright"  # (a platform's long notice names two: "…uploaded and posted by… storage services")
    if n <= 80 and _READING_TIME.search(f):
        return "junk:readtime"  # "本文约3600字，阅读全文大约需要9分钟"
    if n <= 24 and _PLAYER.search(f):
        return PLAYER  # "播放速度：2X", "00:00/00:00", "正在为您切换到高清 480P,请稍候..."
    if n <= 60 and _NOTICE.search(f):
        return "junk:notice"  # "自殺防治諮詢安心專線：0800-788995", "請珍惜生命"
    if n <= 80 and _HOST.match(f) and not _SENTENCE_END.search(s):
        return "junk:host"  # "主办单位：青溪县人民政府办公室", "技术支持：…"
    if n <= 60 and _COMMENT.search(f) and not s.endswith("。"):  # "欢迎在评论区留言分享。" closes an article
        return "junk:comments"
    if n <= 80 and (_COUNTER.search(f) or _EMPTY_COUNTER.match(f)):
        return "junk:counter"
    if n <= 60 and (_PROMO.search(f) or _AD_LABEL.match(f) or _follow_us(f, s)):
        return "junk:promo"
    if n <= 30 and _MORE_FROM.match(f):
        return "junk:readmore"
    if n <= _TIP_MAX and (tip := _TIP_OFF.search(f)) and _tip_prompt(f, s, tip.start()):
        return "junk:promo"  # the site's call for news tips with its hotline (class: news sites' boxes under the text)
    if n <= _SPONSOR_MAX and _SPONSOR.match(f):
        return "junk:promo"  # a column's sponsor credit (class: local news and broadcasters' pages)
    if n <= 60 and _PAGER.search(f):
        return "junk:pager"
    if n <= 200 and _READMORE.search(f):
        return "junk:readmore"
    if n <= 200 and (url := _URL.search(s)) and len(_letters(s[: url.start()] + s[url.end():])) < 16:
        return "junk:readmore"
    return CONTENT


_META_LABEL = re.compile(f"(?:{phrases.alternation(phrases.META_LABELS)})\\s{{0,2}}[:：/／丨|]?")
_META_REACH = 120  # characters of a line searched for a metadata label


def looks_like_metadata(line: Line) -> bool:
    """A date, or a metadata label (来源, 作者, 责任编辑…) among the line's first words: a cheap
    test for the stages that ask it of many lines (dates.py, sources.py and people.py read the
    values themselves)."""
    return bool(line.dates) or bool(_META_LABEL.search(line.folded, 0, _META_REACH))


_COMMENTS_HEAD = re.compile(
    r"^[\s【\[（(<《■●▲▼◆◇★☆>·#]{0,3}(?:" + phrases.alternation(phrases.COMMENT_HEADERS) + ")"
    r"(?:[\s（(\[]{0,2}\d{0,6}[)）\]]{0,1}[\s:：]{0,2}(?:条)?)$"
)


_FEED_HEAD = re.compile(r"^[\s【\[]{0,2}(?:" + phrases.alternation(phrases.FEED_HEADERS) + r")[\s】\]:：!！]{0,2}$")


def is_tail_marker(line: Line) -> bool:
    """Related links, previous/next, comments: the end-of-article furniture begins."""
    f = line.folded.strip()
    return (len(f) <= 30 and bool(_TAIL.match(f) or _COMMENTS_HEAD.match(f) or _FEED_HEAD.match(f))) or is_comments_marker(line)


_COMMENT_COUNT = re.compile(r"\d{1,6}\s{0,2}[件条个则]\s{0,2}(?:评论|回复|留言)|(?:评论|留言)\s{0,2}[（(]\s{0,2}\d{1,6}\s{0,2}[)）]\s{0,2}$")


def is_comments_marker(line: Line) -> bool:
    f = line.folded.strip()
    if len(f) <= 60 and _COMMENT_COUNT.search(f):
        return True
    return len(f) <= 30 and (bool(_COMMENTS_HEAD.match(f)) or bool(_COMMENT.search(f)) and bool(_TAIL.match(f)))


def without_injected_spam(paragraphs: list[str]) -> list[str]:
    """The paragraphs without the keyword spam injected inside their sentences (class: mirror
    pages and hacked sites that splice gambling keywords into every paragraph).

    Spam chains its words ("金沙娱乐官网登录入口"); news names a company's site in passing ("YG娱乐
    官网发布公告称"). So the cut happens only on a page where at least one injection is a chain,
    and then every injection goes, chained or not ("bet体育手机版下载"). Matched on the folded
    text, which keeps the original's length (tw2s converts character by character).
    """
    found: list[list[tuple[int, int]]] = []
    chained = False
    for text in paragraphs:
        spans = []
        if _INJECTED_HINT.search(text):
            folded = convert(text, FOLD).lower()
            if len(folded) == len(text):
                for hit in _INJECTED.finditer(folded):
                    spans.append(hit.span())
                    chained = chained or bool(hit.group(1))
        found.append(spans)
    if not chained:
        return paragraphs
    out = []
    for text, spans in zip(paragraphs, found):
        kept, at = [], 0
        for start, end in spans:
            kept.append(text[at:start])
            at = end
        kept.append(text[at:])
        out.append("".join(kept).strip() or text)
    return out
