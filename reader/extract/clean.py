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

from .parsed import Line

CONTENT = "content"
SHARE = "share"

_SHARE = re.compile(
    r"分享到|分享至|分享給|分享给|掃一掃|扫一扫|掃描二維碼|扫描二维码|朋友圈|微信掃碼|微信扫码|"
    r"一键分享|一鍵分享|分享本文|转发到|轉發到|bshare|addthis|share\s?this",
    re.I,
)
# Spam vocabulary of SEO/gambling/porn keyword lines injected into scraped pages.
_SPAM = re.compile(
    r"精品|久久|一区|二区|三区|一區|二區|伊人|欧美|歐美|国产|國產|无码|無碼|日韩|日韓|午夜|"
    r"在线观看|在線觀看|免费看|免費看|成人|av|AV|彩票|博彩|娱乐城|娛樂城|百家乐|百家樂|棋牌|"
    r"三级|三級|亚洲|亞洲|色综合|中文字幕|高清|大香蕉"
)
_COPYRIGHT = re.compile(
    r"版权所有|版權所有|copyright|©|\(c\)\s?\d{4}|ICP[备備证證]|公网安备|公網安備|未经授权|未經授權|"
    r"不得转载|不得轉載|违者必究|違者必究|保留所有权利|保留一切權利|all rights reserved|"
    r"免责声明|免責聲明|联系我们|聯繫我們|关于我们|關於我們|网站地图|網站地圖|广告服务|廣告服務",
    re.I,
)
_WIDGET = re.compile(
    r"^[\s\[\]【】()（）<>《》|｜/\\·•:：,，.。\-—_=+*#>»›«‹]*"
    r"(?:打印|列印|关闭|關閉|关闭窗口|關閉窗口|返回顶部|返回頂部|回到顶部|收藏|字号|字號|大|中|小|"
    r"默认|默認|放大|缩小|縮小|纠错|糾錯|举报|舉報|点赞|點讚|推荐|推薦|顶|踩|"
    r"上一页|下一页|上一頁|下一頁|首页|首頁|尾页|尾頁|更多|more|top|print|close)"
    r"(?:[\s\[\]【】()（）<>《》|｜/\\·•:：,，.。\-—_=+*#>»›«‹]{0,6}"
    r"(?:打印|列印|关闭|關閉|关闭窗口|關閉窗口|返回顶部|返回頂部|回到顶部|收藏|字号|字號|大|中|小|"
    r"默认|默認|放大|缩小|縮小|纠错|糾錯|举报|舉報|点赞|點讚|推荐|推薦|顶|踩|"
    r"上一页|下一页|上一頁|下一頁|首页|首頁|尾页|尾頁|更多|more|top|print|close)){0,8}"
    r"[\s\[\]【】()（）<>《》|｜/\\·•:：,，.。\-—_=+*#>»›«‹]*$",
    re.I,
)
_COMMENT = re.compile(
    r"发表评论|發表評論|我要评论|我要評論|网友评论|網友評論|评论区|評論區|条评论|條評論|查看评论|查看評論|"
    r"已有\d{1,9}人|参与讨论|參與討論|请登录|請登入|请先登录|用户名|用戶名|验证码|驗證碼|匿名发表|"
    r"文明上网|理性发言|评论\s?\(|評論\s?\(|留言板|發表留言|发表留言"
)
# Headers that open the end-of-article furniture.
_TAIL = re.compile(
    r"^[\s【\[（(<《■●▲▼◆◇★☆>·]{0,3}(?:相关新闻|相關新聞|相关阅读|相關閱讀|相关文章|相關文章|相关链接|相關連結|"
    r"相关报道|相關報導|相关推荐|相關推薦|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|热门推荐|熱門推薦|热点推荐|"
    r"猜你喜欢|猜你喜歡|你可能感兴趣|精彩推荐|精彩推薦|更多新闻|更多新聞|热门文章|熱門文章|"
    r"发表评论|發表評論|网友评论|網友評論|我要评论|上一篇|下一篇|上一條|下一條|上一条|下一条)"
)
_PIPE = re.compile(r"[|｜]")
_PAGER = re.compile(r"第\s{0,1}\d{1,4}\s{0,1}[页頁]\s{0,2}/?\s{0,2}共\s{0,1}\d{1,4}\s{0,1}[页頁]|上一[页頁].{0,20}下一[页頁]|^共\s{0,1}\d{1,4}\s{0,1}[页頁]")
_URL = re.compile(r"(?:https?://|www\.)[\w./?=&%#:;~+\-]{3,200}", re.I)
_COUNTER = re.compile(
    r"trackback|引用通告|搜集整理于|搜集整理於|整理于\s{0,2}\d{4}|整理於\s{0,2}\d{4}|已被阅读\s{0,2}\d{1,9}|已被閱讀\s{0,2}\d{1,9}|(?:阅读|閱讀|浏览|瀏覽|点击|點擊)(?:次数|次數|数|數|量)?\s{0,2}[:：(（]\s{0,2}\d{1,9}\s{0,2}[)）]?\s{0,2}(?:次)?\s{0,2}$"
)
_PROMO = re.compile(
    r"下载.{0,12}(?:客户端|应用|app)|下載.{0,12}(?:客戶端|應用|app)|关注.{0,12}(?:公众号|微信|微博)|關注.{0,12}(?:公眾號|微信|微博)|"
    r"扫码关注|掃碼關注|订阅.{0,8}(?:新闻信|电子报|頻道|频道)|訂閱.{0,8}(?:新聞信|電子報|頻道)|新闻信里|新聞信裡",
    re.I,
)
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_READMORE = re.compile(r"[\[【(（](?:全文|详细|詳細|详情|詳情|更多|阅读全文|閱讀全文)[\]】)）]$|^(?:点击|點擊|阅读|閱讀|查看)(?:全文|原文|更多)|^(?:来源|來源)?[:：]?\s?https?://\S{0,200}$")


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


def classify(line: Line) -> str:
    """``CONTENT``, ``SHARE`` or ``junk:<reason>`` for one line."""
    s = line.scan.strip()
    if not s:
        return "junk:empty"
    letters = _letters(s)
    if not letters:
        return "junk:remnant"  # `[ ]`, `|`, `>>` ...
    n = len(s)
    if n <= 40 and _SHARE.search(s) and not _SENTENCE_END.search(s):
        return SHARE
    if n <= 60 and _WIDGET.match(s):
        return "junk:widget"
    if line.link_chars and line.link_density > 0.5 and not (line.tag == "title"):
        return "junk:links"
    pipes = len(_PIPE.findall(s))
    if pipes >= 3 and n / (pipes + 1) <= 12:
        return "junk:navlist"  # nav bars and spider-pool footers: 嘉荫县| 茂名市| ...
    spam_hits = len(_SPAM.findall(s))
    # keyword stuffing is dense; a long paragraph about 欧美 and 亚洲 pop music is not spam
    if (spam_hits >= 3 and spam_hits * _SPAM_SPAN >= n) or (spam_hits >= 2 and n <= 120 and not _SENTENCE_END.search(s)):
        return "junk:spam"
    if n <= 160 and (hits := len(_COPYRIGHT.findall(s))) and (hits >= 2 or not _prose(s)):
        return "junk:copyright"
    if n <= 60 and _COMMENT.search(s):
        return "junk:comments"
    if n <= 80 and _COUNTER.search(s):
        return "junk:counter"
    if n <= 60 and _PROMO.search(s):
        return "junk:promo"
    if n <= 60 and _PAGER.search(s):
        return "junk:pager"
    if n <= 200 and _READMORE.search(s):
        return "junk:readmore"
    if n <= 200 and (url := _URL.search(s)) and len(_letters(s[: url.start()] + s[url.end():])) < 16:
        return "junk:readmore"
    return CONTENT


_COMMENTS_HEAD = re.compile(
    r"^[\s【\[（(<《■●▲▼◆◇★☆>·#]{0,3}(?:发表评论|發表評論|网友评论|網友評論|我要评论|我要評論|读者评论|讀者評論|"
    r"最新评论|最新評論|热门评论|熱門評論|评论|評論|留言|回复|回覆|comments?)"
    r"(?:[\s（(\[]{0,2}\d{0,6}[)）\]]{0,1}[\s:：]{0,2}(?:条|條)?)$",
    re.I,
)


def is_tail_marker(line: Line) -> bool:
    """Related links, previous/next, comments: the end-of-article furniture begins."""
    s = line.scan.strip()
    return (len(s) <= 30 and bool(_TAIL.match(s) or _COMMENTS_HEAD.match(s))) or is_comments_marker(line)


_COMMENT_COUNT = re.compile(r"\d{1,6}\s{0,2}[件条條个個则則]\s{0,2}(?:评论|評論|回复|回覆|留言)|(?:评论|評論|留言)\s{0,2}[（(]\s{0,2}\d{1,6}\s{0,2}[)）]\s{0,2}$")


def is_comments_marker(line: Line) -> bool:
    s = line.scan.strip()
    if len(s) <= 60 and _COMMENT_COUNT.search(s):
        return True
    return len(s) <= 30 and (bool(_COMMENTS_HEAD.match(s)) or bool(_COMMENT.search(s)) and bool(_TAIL.match(s)))


def dedupe_key(text: str) -> str:
    return _letters(text[:SCAN]).lower()


SCAN = 400
