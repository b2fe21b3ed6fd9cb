"""The words of page furniture, written once, in Simplified Chinese, by what they belong to.

Lines are matched on their OpenCC-folded form (``Line.folded``: Traditional, Taiwan and Hong Kong
characters folded to Simplified), so 相關新聞, 回到頂端 and 瀏覽人次 need no second spelling.
Where Taiwan or Hong Kong use another *word*, not only other characters (列印 for 打印, 上一则
for 上一篇, 点阅 for 点击), that word is listed beside the mainland one. Sources: the classes and
vocabulary collected in benchmarks/genre/NOTES.md from real pages of many sites.

Each list is a tuple of literal phrases; ``alternation`` turns one into a regex alternation
(longest first, escaped). Where a phrase may match is the classifier's business (clean.py):
short lines only, or the start of a line, never inside a long sentence.
"""

from __future__ import annotations

import re

SHARE = (
    "分享到", "分享至", "分享给", "扫一扫", "扫描二维码", "朋友圈", "微信扫码", "一键分享",
    "分享本文", "分享此文", "分享本页", "转发到", "扫码分享", "复制链接", "复制网址", "分享工具", "让更多人看到",
    "bshare", "addthis", "share this", "sharethis",
)
# Share buttons as a text dump prints them: alone or in a row, they are the share widget ("分享",
# "用LINE傳送", "微信 QQ 新浪微博 QQ空间"); in a sentence, they are words
SHARE_BUTTONS = (
    "分享", "转发", "用line传送", "line", "facebook", "twitter", "推特", "plurk", "微博", "新浪微博", "腾讯微博",
    "微信", "微信好友", "qq", "qq好友", "qq空间", "领英", "领英分享", "脸书",
)
# Buttons and widgets that stand alone or in a row: print, close, font size, back to top, pager
WIDGET_WORDS = (
    "打印", "列印", "打印本页", "列印本页", "关闭", "关闭窗口", "关闭本页", "返回顶部", "回到顶部", "回到顶端",
    "回顶部", "回页首", "返回首页", "返回列表", "返回上一页", "返回", "收藏", "加入收藏", "收藏本页", "字号",
    "字级", "字体", "字体大小", "文字大小", "大", "中", "小", "默认", "放大", "缩小", "纠错", "我要纠错",
    "举报", "反馈", "点赞", "推荐", "顶", "踩", "留言", "上一页", "下一页", "首页", "尾页", "更多", "朗读", "听新闻", "保存",
    "a", "a+", "a-", "more", "top", "print", "close",
)
# Headers that open the end-of-article furniture: related and recommended lists, previous/next
TAIL_HEADERS = (
    "相关新闻", "相关阅读", "相关文章", "相关链接", "相关连结", "相关报道", "相关报导", "相关推荐", "相关内容",
    "相关专题", "延伸阅读", "推荐阅读", "推荐文章", "为你推荐", "热门推荐", "热点推荐", "猜你喜欢",
    "你可能感兴趣", "可能您还想看", "你可能也喜欢", "精彩推荐", "编辑推荐", "更多新闻", "更多文章", "更多报道",
    "更多港闻", "热门文章", "热门新闻", "热点新闻", "新闻排行", "阅读排行", "点击排行", "点阅排行", "人气排行",
    "24小时热门", "同类文章", "本类推荐", "看了又看", "发表评论", "网友评论", "我要评论", "上一篇", "下一篇",
    "上一条", "下一条", "上一则", "下一则", "上篇", "下篇", "前一篇", "后一篇",
    # a portal's recommendation feed under the article
    "大家都在看", "大家还在看", "热门精选", "精选推荐", "24小时热文", "热文推荐", "今日热点", "相关推荐阅读",
    # a box of the most-read stories set inside or under the article ("【熱門點閱】", "熱門點擊")
    "热门点阅", "热门点击", "热门排行", "最多点阅", "最多阅读",
    # a column's or an account's earlier issues under the article (WeChat and self-media pages)
    "往期回顾", "往期推荐", "往期精彩", "往期精选",
)
# a feed's header under the article as Taiwanese and Hong Kong sites word it, a whole line
# (clean.is_tail_marker): "你可能会喜欢的五本书" is a heading of the text, "相关话题阅读量破亿" a sentence
FEED_HEADERS = ("你可能会喜欢", "您可能会喜欢", "你可能也会喜欢", "你可能还会喜欢",
                # the topics a story is filed under, as links under it (Taiwanese and Hong Kong news)
                "相关主题", "相关话题")
COMMENT_WORDS = (
    "发表评论", "我要评论", "网友评论", "评论区", "条评论", "查看评论", "参与讨论", "请登录", "请先登录", "请登入",
    "登入后",
    "请您先登陆", "登录后评论", "用户名", "验证码", "匿名发表", "文明上网", "理性发言", "留言板", "发表留言",
    "我要留言", "网友留言", "发跟帖", "跟帖", "还没有登入", "还没有登录", "马上登入", "马上登录", "加入会员",
)
COMMENT_HEADERS = (
    "发表评论", "网友评论", "我要评论", "读者评论", "最新评论", "热门评论", "评论", "留言", "回复", "跟帖",
    # (all of them: "全部回覆（5）"; not "精彩回复" or "网友留言", an article's round-up's headings)
    "全部评论", "全部回复", "全部留言", "全部跟帖",
    "comment", "comments",
)
COPYRIGHT = (
    "版权所有", "著作权所有", "copyright", "©", "icp备", "icp证", "公网安备", "违者必究", "保留所有权利",
    "保留一切权利", "all rights reserved", "联系我们", "关于我们", "网站地图", "广告服务", "网站标识码", "新出网证",
    "互联网新闻信息服务许可证", "信息网络传播视听节目许可证", "增值电信业务经营许可证", "违法和不良信息举报", "举报电话",
    "powered by",
)
# A site's reprint terms under what it publishes ("原創稿件，未經授權不得轉載", "本文經X授權轉載")
REPRINT_TERMS = (
    "不得转载", "禁止转载", "请勿转载", "转载请注明", "未经授权", "未经书面授权", "未经许可", "授权转载",
)
# A platform's or site's disclaimer of what its authors write ("不代表本网立场", "…信息存储空间服务")
PLATFORM_DISCLAIMER = (
    "仅代表作者", "不代表本站", "不代表本网", "不代表本平台", "信息存储空间", "信息存储服务", "平台声明", "免责声明",
    "用户上传并发布",
)
# Other notices under an article, which close nothing: a photo's rights note ("图片来源于网络，如有
# 侵权请联系删除", which a text may hold anywhere), a reprint's credit line, a paper's disclaimer of an
# op-ed's views (the author's biography follows it), a platform's notice in English
DISCLAIMER = (
    "注明出处", "凡本网注明", "如有侵权", "侵权请联系", "联系删除", "特别声明", "作者个人", "自行提供", "原创标注",
    "如存在侵权", "联系平台处理", "不代表本报", "未经本网授权", "information storage service", "is uploaded and posted by",
)
# The notices by which a site closes what it publishes (assemble.py ends the article at one under
# the text): its reprint terms, a platform's disclaimer, its mark of an original piece
CLOSING_NOTICE = REPRINT_TERMS + PLATFORM_DISCLAIMER + ("原创稿件", "原创内容")
# Every notice clean.py reads as a site's copyright furniture
NOTICES = COPYRIGHT + REPRINT_TERMS + PLATFORM_DISCLAIMER + DISCLAIMER
# Public-service notices Taiwanese news sites append to stories of some kinds (suicide prevention,
# drink-driving, tobacco and alcohol warnings): never the article's words
NOTICE = (
    "珍惜生命", "安心专线", "生命线协谈专线", "自杀防治", "自杀解决不了问题", "再给自己一次机会",
    "请给自己机会", "张老师专线", "喝酒不开车", "酒后不开车", "饮酒过量", "未满十八岁禁止饮酒", "吸烟有害健康",
)
# Who runs the site: the footer's host and sponsor lines ("主办单位：…", "技术支持：…")
HOST_LABELS = (
    "主办单位", "主办", "承办单位", "承办", "协办单位", "协办", "主管单位", "主管", "技术支持", "运营维护",
    "网站维护", "维护单位", "建设单位", "联合主办", "指导单位", "网站管理", "制作单位",
)
# Reader counters: "阅读：1,482", "瀏覽人次", "人气:27", "点阅 1,102"
COUNTER_LABELS = (
    "阅读次数", "阅读数", "阅读量", "总阅读数", "阅读", "浏览次数", "浏览人次", "浏览量", "浏览数", "浏览",
    "点击次数", "点击数", "点击量", "点击率", "点击", "点阅率", "点阅", "访问量", "人气", "今日人气", "热度",
    "观看次数", "播放次数",
)
COUNTER_SUFFIXES = ("次阅读", "次浏览", "人看过", "人阅读", "人次", "人参与")
PROMO = (
    "下载客户端", "下载app", "打开app", "用app看", "前往小程序", "立即前往", "扫码关注", "关注公众号",
    "关注微信", "关注微博", "订阅电子报", "订阅频道", "订阅新闻信", "新闻信里", "功能介绍",
    # what a site asks of its reader: join the mailing list, tell friends, like the piece
    "邮件列表", "告诉您的朋友", "告诉你的朋友", "点个赞", "给个赞",
    # a recommendation feed's own controls ("减少或屏蔽此类内容推荐", "已标记为不喜欢内容")
    "此类内容推荐", "此类推荐", "不喜欢内容", "不感兴趣",
    # asking the reader to pass the piece on ("喜歡這篇文章嗎？歡迎分享給你的朋友")
    "分享给你的朋友", "分享给您的朋友",
)
# A sponsor's credit for a column or a programme ("本栏目由X特约刊播", "X独家冠名播出"), the
# sponsor's slogan after it on the line
SPONSOR_CREDIT = ("特约刊播", "特约播出", "特约呈现", "冠名播出", "独家冠名", "冠名赞助", "独家赞助")
# how a page names its own column or programme ("本栏目", "本节目")
OWN_COLUMN = ("本栏目", "本节目", "本频道", "本专栏", "本专题", "本版", "本期节目")
# A site's call for news tips ("歡迎致電新聞熱線…", "報料郵箱：…"): its own furniture when it gives a
# phone number or an address (clean._TIP_CONTACT); "网友爆料称" alone is a story's words
TIP_OFF = (
    "新闻热线", "报料热线", "爆料热线", "报料电话", "爆料电话", "报料邮箱", "爆料邮箱",
    "新闻线索", "报料平台", "爆料平台", "报料费", "爆料费", "报料奖", "爆料奖", "欢迎报料", "欢迎爆料",
    # and its call for readers' mail ("讀者投訴及意見：請電郵至…")
    "读者投诉", "投诉及意见", "意见反馈",
)
# what an ad's slogan asks of the reader or offers ("立即報名", "限時優惠"): an ad slot's text under its label
AD_WORDS = ("立即", "报名", "优惠", "折扣", "限时", "抢购", "购买", "下单", "免费", "预约", "咨询", "热线", "点击", "详询",
            "开幕", "开卖", "特价", "促销", "大促", "招商", "加盟")
READ_MORE = (
    "阅读全文", "展开全文", "查看全文", "查看原文", "阅读原文", "点击查看更多", "查看更多", "请继续往下阅读",
    "继续阅读", "点击阅读", "详全文", "点击进入", "进入专题",
)
# A line listing the article's tags or the site's hot words: "標籤：社會住宅", "热词：滚动 生活宝典"
TAG_LABELS = ("标签", "文章标签", "热词", "热门标签", "tags", "tag")
# Site navigation and page chrome: the words of menus, login rows and accessibility toggles
NAV = (
    "首页", "网站首页", "设为首页", "加入收藏", "无障碍", "长者模式", "关怀版", "繁体", "简体", "english", "登录",
    "注册", "会员中心", "搜索", "高级检索", "站内搜索", "网站总览", "当前位置", "您的位置", "你的位置",
    "现在的位置", "所在位置", "政务公开", "信息公开", "网上办事", "互动交流", "新闻中心", "通知公告", "政策法规",
    "政策解读", "手机版", "客户端", "订阅", "导航", "跳到导航", "频道", "栏目", "专题", "返回首页", "主页",
    "帮助", "退出", "切换导航",
)
# The head of a channel's list of its latest stories, above or beside the article: never a
# headline as a whole line (headline.may_be_headline; "嵐港地鐵最新消息 三號線延至明年" is one)
LIST_HEADS = ("最新消息", "最新新闻", "即时新闻", "最新文章", "最新动态", "最新资讯")
# How the name of a site or of one of its channels ends: "网易娱乐" aside, "经济日报", "大家论坛",
# "天极博客首页", "網路城邦", "巴彦淖尔市人民政府" (a short line ending so names the site, not the news;
# "门户" alone is a word of headlines too: "俱是北洋第一重門戶")
SITE_NAME_ENDINGS = (
    "网", "网站", "首页", "主页", "论坛", "社区", "博客", "部落格", "城邦", "期刊", "频道", "在线", "日报", "晚报",
    "早报", "时报", "周刊", "人民政府", "政府网", "新闻网", "门户网站", "的博客",
)
# Portals whose CMS writes the portal's own name into a page's author field (<meta name="author"
# content="网易">): a site, never a person
PORTAL_NAMES = ("网易", "新浪", "新浪网", "搜狐", "搜狐网", "腾讯", "腾讯网", "凤凰网", "今日头条", "百度", "一点资讯")
# Labels of a metadata line (date, source, byline, editor): "来源：", "作者：", "责任编辑："
META_LABELS = (
    "来源", "稿源", "出处", "来自", "作者", "记者", "通讯员", "撰稿", "撰文", "编辑", "责任编辑", "责编", "审核",
    "校对", "发布时间", "发布日期", "发表时间", "发表于", "更新时间", "时间", "日期", "发稿", "发文", "浏览", "阅读",
    "点击", "文/", "文／", "图/", "图／", "报导", "报道", "综合报道",
)
# The credits that close an article rather than head it ("责任编辑：王明", "审核：…")
CLOSING_CREDITS = ("编辑", "责任编辑", "责编", "审核", "校对", "审校", "监制", "终审", "值班编辑")
# Keyword-stuffing vocabulary of SEO, gambling and porn spam injected into scraped pages
SPAM = (
    "精品", "久久", "一区", "二区", "三区", "伊人", "欧美", "国产", "无码", "日韩", "午夜", "在线观看", "免费看",
    "成人", "av", "彩票", "博彩", "娱乐城", "百家乐", "棋牌", "三级", "亚洲", "色综合", "中文字幕", "高清",
    "大香蕉", "娱乐官网", "手机版下载", "登录入口", "官网登录", "官方网站入口",
)
# The words spam injects inside sentences with a brand name before it ("…要点。金沙娱乐官网登录入口
# 农户们…", "…建议卡，bet体育手机版下载并建立…"), and the words it chains after them. A page is
# cut only when one injection is a chain (news names "YG娱乐官网" in passing; "登录入口" is a
# government page's word too): clean.without_injected_spam
INJECTED_SPAM = ("娱乐官网", "手机版下载", "官方网站入口", "官网登录入口")
INJECTED_SPAM_TAIL = ("登录入口", "官网", "入口", "下载", "app")

# A video player's controls and messages, left in the text where a page embeds a clip
PLAYER = (
    "播放速度", "倍速播放", "倍速", "正在为您切换", "请稍候", "跳过广告", "秒会员跳过广告", "广告剩余", "收起广告",
    "点击播放", "重新播放", "视频加载中", "加载失败", "您的浏览器不支持", "画中画", "清晰度", "设置成功",
    "自动播放", "网页全屏", "退出全屏", "语音播报", "释放双眼", "听全文",
)
# The label of an article's lead summary, a paragraph the article opens with: "核心提示：…", "导读：…"
SUMMARY_LABELS = ("核心提示", "内容提要", "内容摘要", "提要", "摘要", "导读", "导语", "编者按", "编者的话")
# The label of a forum post's or a notice's headline line: "主题：…", "标题：…"
SUBJECT_LABELS = ("主题", "标题", "题目", "帖子主题", "帖子标题", "文章标题")


def alternation(phrases: tuple[str, ...]) -> str:
    """A regex alternation of literal phrases, longest first (so 阅读数 wins over 阅读)."""
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


# Images that are page furniture, not the article's photos, named in an image's src, class, id or
# alt (and its near ancestors' class and id): logos, icons, avatars, QR codes, share buttons, ads
IMAGE_FURNITURE = (
    "logo", "icon", "avatar", "qrcode", "qr-code", "qr_code", "share", "banner", "sprite", "emoji",
    "spacer", "tracker", "pixel", "gravatar", "button", "btn", "advert",
    "二维码", "扫码", "标志", "图标", "头像", "广告", "分享",
)

# China's provinces, municipalities and regions, as platforms show where a post was sent from
# ("发布于北京", "IP属地：广东")
PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古",
    "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
)
