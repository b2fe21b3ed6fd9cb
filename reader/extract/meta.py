"""Metadata found in article text: dates, source, authors, editor, breadcrumb, title.

Every function takes one line (or a short string) and uses bounded patterns only, so that a
hostile 1 MB line costs linear time. Callers decide which lines to ask (header zone, last lines
of the body); these functions only read what one line says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..script import convert
from .phrases import SITE_NAME_ENDINGS

_DIG = r"(?<![\d.])"
# 2021年12月29日 / 2023 年 11 月 12 日 / ROC 110年12月29日, optional time.
_CN_DATE = re.compile(
    _DIG + r"(\d{2,4})\s{0,2}年\s{0,2}(\d{1,2})\s{0,2}月\s{0,2}(\d{1,2})\s{0,2}[日号號]"
    r"(?:\s{0,3}(?:[（(]?\s{0,2}(?:星期|周|週|禮拜|礼拜)[一二三四五六日天]\s{0,2}[)）]?)?\s{0,3}"
    r"(?:(?:上午|下午|晚上|凌晨|早上)\s{0,2})?(\d{1,2})\s{0,1}[:：时時点點]\s{0,1}(\d{2})(?:\s{0,1}[:：分]\s{0,1}(\d{2}))?)?"
)
# 2021-12-29 10:20:33 / 2021/12/29 / 2018.11.27, optional time and zone.
_NUM_DATE = re.compile(
    _DIG + r"((?:19|20)\d{2})\s{0,1}([-/.])\s{0,1}(\d{1,2})\s{0,1}\2\s{0,1}(\d{1,2})(?![\d])"
    r"(?:(?:\s{1,3}|T)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,6})?)?"
    r"(?:\s{0,2}(Z|[+-]\d{2}:?\d{2}|HKT|GMT\+0?8(?::?00)?|UTC\+0?8(?::?00)?|CST|北京时间|北京時間))?"
)
# 9/17/2004 5:54:13 AM (month first unless the first number cannot be a month)
_US_DATE = re.compile(
    _DIG + r"(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])(?:\s{1,3}(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s{0,2}([AaPp][Mm]))?)?"
)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# September 10th, 2005 10:56 am / Sep 10, 2005
_EN_DATE = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s{1,2}(\d{1,2})(?:st|nd|rd|th)?,?\s{1,2}((?:19|20)\d{2})"
    r"(?:,?\s{1,2}(?:at\s{1,2})?(\d{1,2}):(\d{2})(?:\s{0,2}([AaPp][Mm]))?)?",
    re.I,
)
_ZONE_AFTER = re.compile(r"\s{0,2}(?:\(|（)?\s{0,2}(HKT|GMT\+0?8|UTC\+0?8|北京时间|北京時間|香港時間|台北時間)")
_ISO_DATE = re.compile(r"^\s*((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?)?")

DATE_LABEL = re.compile(
    r"发布时间|發布時間|發佈時間|发表时间|發表時間|发布日期|發布日期|發佈日期|更新时间|更新時間|"
    r"出版时间|出版時間|时间|時間|日期|发布于|發布於|发表于|發表於|published|posted|date",
    re.I,
)
CLOCK_WORDS = re.compile(r"今天是|今日是|今天|今日|现在时间|現在時間|当前时间|當前時間|天气|天氣|农历|農曆|阴历|陰曆")


@dataclass(frozen=True)
class FoundDate:
    iso: str
    start: int
    end: int
    has_time: bool


def _valid(y: int, mo: int, d: int) -> bool:
    return 1970 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31


def _year(raw: str) -> int | None:
    y = int(raw)
    if len(raw) == 4:
        return y
    # ROC (Minguo) years: 民國110年 = 2021. Accept 60..199 (1971..2110); two-digit
    # Gregorian short years (21年) are too ambiguous and are not read.
    if 60 <= y <= 199:
        return y + 1911
    return None


def _zone(z: str | None) -> str:
    if not z:
        return ""
    z = z.upper()
    if z == "Z":
        return "+00:00"
    if z in ("HKT", "CST") or "8" in z or "北京" in z or "香港" in z or "台北" in z:
        if z.startswith("-"):
            return z[:3] + ":" + z[-2:]
        return "+08:00"
    if z[0] in "+-":
        digits = z[1:].replace(":", "")
        return f"{z[0]}{digits[:2]}:{digits[2:4]}"
    return ""


def _fmt(y: int, mo: int, d: int, h: str | None, mi: str | None, s: str | None, zone: str) -> str:
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    if h is not None and mi is not None and int(h) < 24 and int(mi) < 60:
        out += f"T{int(h):02d}:{mi}"
        if s is not None:
            out += f":{s}"
        out += zone
    return out


def find_dates(text: str, day_first: bool = False) -> list[FoundDate]:
    """Every date written in ``text``, in order of appearance, as ISO 8601.

    ``a/b/YYYY`` is read month first (US CMS defaults, common on Chinese sites too) unless the first
    number cannot be a month or ``day_first`` says the page's locale writes the day first.
    """
    text = text[:2000]
    found: list[FoundDate] = []
    for m in _CN_DATE.finditer(text):
        y = _year(m.group(1))
        mo, d = int(m.group(2)), int(m.group(3))
        if y is None or not _valid(y, mo, d):
            continue
        zm = _ZONE_AFTER.match(text, m.end())
        zone = _zone(zm.group(1)) if zm else ""
        found.append(FoundDate(_fmt(y, mo, d, m.group(4), m.group(5), m.group(6), zone), m.start(), m.end(), m.group(4) is not None))
    for m in _NUM_DATE.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if not _valid(y, mo, d):
            continue
        if m.group(2) == "." and m.group(5) is None and re.match(r"\.\d", text[m.end(): m.end() + 2]):
            continue  # a version or decimal number, not a date
        zone = _zone(m.group(8))
        if not zone:
            zm = _ZONE_AFTER.match(text, m.end())
            zone = _zone(zm.group(1)) if zm else ""
        found.append(FoundDate(_fmt(y, mo, d, m.group(5), m.group(6), m.group(7), zone), m.start(), m.end(), m.group(5) is not None))
    for m in _EN_DATE.finditer(text):
        mo = _MONTHS.index(m.group(1)[:3].lower()) + 1
        d, y = int(m.group(2)), int(m.group(3))
        if not _valid(y, mo, d):
            continue
        h = m.group(4)
        if h is not None and m.group(6) and m.group(6).lower() == "pm" and int(h) < 12:
            h = str(int(h) + 12)
        found.append(FoundDate(_fmt(y, mo, d, h, m.group(5), None, ""), m.start(), m.end(), h is not None))
    for m in _US_DATE.finditer(text):
        mo, d, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if (mo > 12 or day_first) and d <= 12:
            mo, d = d, mo  # day first
        if not _valid(y, mo, d):
            continue
        h = m.group(4)
        if h is not None and m.group(7) and m.group(7).upper() == "PM" and int(h) < 12:
            h = str(int(h) + 12)
        found.append(FoundDate(_fmt(y, mo, d, h, m.group(5), m.group(6), ""), m.start(), m.end(), h is not None))
    found.sort(key=lambda f: f.start)
    return found


# A labelled date whose separators were lost: "发布时间：20151207", "日期:2015127". Eight digits
# read one way; seven read two ways (2015-1-27 or 2015-12-7) and need the text to settle it.
_COMPACT_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{3,4})(?!\d)")


def compact_dates(text: str) -> list[str]:
    """The readings (ISO dates) of a separator-less date that follows a date label in ``text``."""
    label = DATE_LABEL.search(text[:200])
    if not label:
        return []
    m = _COMPACT_DATE.match(text[label.end():].lstrip(" :：\u3000"))
    if not m:
        return []
    y, rest = int(m.group(1)), m.group(2)
    splits = [(rest[:2], rest[2:])] if len(rest) == 4 else [(rest[:1], rest[1:]), (rest[:2], rest[2:])]
    return [f"{y:04d}-{int(mo):02d}-{int(d):02d}" for mo, d in splits if _valid(y, int(mo), int(d))]


def parse_date(value: str | None) -> str | None:
    """A date from a metadata field (ISO, RFC-ish, or any format ``find_dates`` reads)."""
    if not value:
        return None
    value = value.strip()[:200]
    m = _ISO_DATE.match(value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if _valid(y, mo, d):
            return _fmt(y, mo, d, m.group(4), m.group(5), m.group(6), _zone(m.group(7)))
    found = find_dates(value)
    return found[0].iso if found else None


# Locales writing numeric dates day first (29/12/2021): regions, and languages whose every region does.
_DAY_FIRST_REGIONS = {"GB", "UK", "AU", "NZ", "IE", "IN", "ZA", "SG", "HK", "MO", "MY"}
_DAY_FIRST_LANGS = {"fr", "de", "es", "it", "pt", "nl", "ru", "pl", "tr", "id", "vi", "el", "da", "sv", "nb", "no", "fi"}


def day_first_locale(lang: str | None) -> bool:
    """Whether a BCP 47 tag (``en-GB``, ``zh-HK``, ``fr``) writes numeric dates day first."""
    if not lang:
        return False
    parts = lang.replace("_", "-").split("-")
    primary = parts[0].lower()
    regions = {x.upper() for x in parts[1:] if len(x) == 2}
    return bool(regions & _DAY_FIRST_REGIONS) or primary in _DAY_FIRST_LANGS


# Dates in article URLs: /2020-02/19/, /20200102/, /2012/06/04/, t20200102_123.html
_URL_DATE = re.compile(
    r"(?<![\d])((?:19|20)\d{2})([-/_]?)(0[1-9]|1[0-2])(?:\2|/)(0[1-9]|[12]\d|3[01])(?![\d])"
)


def url_date(url: str | None) -> str | None:
    """The publication day an article URL carries in its path, as ISO 8601."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]*", "", url.strip()[:500], flags=re.I)
    path = re.sub(r"^/web/\d{8,14}[a-z_]{0,4}/", "/", path)  # an archive's snapshot stamp is not the article's
    m = _URL_DATE.search(path)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
    return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None


def is_clock_line(text: str) -> bool:
    """A "today is ..." widget or page clock rather than the article's date."""
    return bool(CLOCK_WORDS.search(text[:200]))


# A reference list entry: the date the cited page was read or archived, not this page's date
# (百科 [引用日期2014-05-19], Wikipedia "访问日期", English "Retrieved/Accessed/Archived").
REFERENCE_WORDS = re.compile(
    r"引用日期|访问日期|訪問日期|查阅日期|查閱日期|检索日期|檢索日期|存档日期|存檔日期|存档于|存檔於|"
    r"retrieved|accessed|archived",
    re.I,
)


def is_reference_line(text: str) -> bool:
    return bool(REFERENCE_WORDS.search(text[:300]))


# A report or paper dated by month alone, on a line of its own under the title: "2003年5月".
_BARE_MONTH = re.compile(r"^[\s（(\[【]{0,2}((?:19|20)\d{2})\s{0,2}年\s{0,2}(\d{1,2})\s{0,2}月[\s)）\]】]{0,2}$")


def bare_month(text: str) -> str | None:
    """A line that is only a year and month ("2003年5月") -> "2003-05"."""
    m = _BARE_MONTH.match(text[:40])
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    return None


# ---------------------------------------------------------------- source
_SOURCE_LABEL = re.compile(r"(?:来源|來源|稿源|出处|出處|来自|來自|source)\s{0,2}[:：]\s{0,2}", re.I)
_STOP = re.compile(
    r"\s|　|作者|记者|記者|编辑|編輯|责任|責任|时间|時間|日期|发布|發布|發佈|浏览|瀏覽|点击|點擊|阅读|閱讀|字号|字號|"
    r"【|\[|\||｜|（|\(|）|\)|/|,|，|。|;|；"
)
_TAG_SOURCE = re.compile(
    r"【([^【】\s\d]{2,12}?)(?:\d{2,4}年\d{1,2}月\d{1,2}日)?(?:專訊|专讯|特訊|特讯|訊|讯|电|電|报道|報道|報導|报导)】"
)
_DATELINE = re.compile(
    r"^[\s（(【]{0,2}(?:本报|本報)?([\u4e00-\u9fff]{1,8}?(?:社|网|網|报|報|台|电视台|電視台))"
    r"(?:[\u4e00-\u9fff]{0,10}?|\s{1,3}|记者[\u4e00-\u9fff ]{0,12}?)\s{0,2}\d{1,2}\s{0,1}月\s{0,1}\d{1,2}\s{0,1}日\s{0,1}(?:电|電|讯|訊)"
)


_DATELINE_SHORT = re.compile(r"^[\s（(【]{0,2}[据據]?([\u4e00-\u9fff]{1,6}?社)[\u4e00-\u9fff]{0,6}?[电電]\s{0,2}[（(]")
_LEAD_REPORTER = re.compile(r"[（(〔【]\s{0,2}((?:本报|本報|特约|特約)?(?:实习|實習|见习|見習)?(?:记者|記者|通讯员|通訊員)[^（）()〔〕【】]{1,40})[)）〕】]")
_ISSUE_MONTH = re.compile(_DIG + r"((?:19|20)\d{2})\s{0,2}年\s{0,2}(\d{1,2})\s{0,2}月\s{0,2}(?:号|號|刊|期)")


def issue_month(text: str) -> str | None:
    """A magazine issue (《北京之春》1996年6月号) -> "1996-06": a reduced-precision ISO date."""
    m = _ISSUE_MONTH.search(text[:300])
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    return None


# A wire dateline naming its reporter: "中央社記者王小明台北29日電". The place is taken to be two
# characters (台北, 台中, 高雄, 北京…), the usual case; the name is what stands between.
_WIRE_REPORTER = re.compile(
    r"(?:中央社|中新社|新华社|新華社|中新网|中新網|中通社)[记記]者\s{0,2}([\u4e00-\u9fff]{2,4}?)[\u4e00-\u9fff]{2}"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日[电電]"
)


# the other openings of a news lead: a paper's or site's "本报讯", "岚山日报讯", "1905电影网专讯", and
# an outlet's dated report, "TNW中文站 10月14日报道"
_NEWS_FLASH = re.compile(r"^[\s（(【]{0,2}(?:本报|本報|本网|本網|[\u4e00-\u9fff]{1,8}?(?:报|報|网|網|台|社|刊))"
                         r"(?:专|專|特)?(?:讯|訊)(?=$|[\s（(【])")
_DATED_REPORT = re.compile(r"^(?!记者|記者)[\u4e00-\u9fffA-Za-z]{1,12}?\s{0,2}(?:(?:19|20)\d{2}\s{0,1}年)?\s{0,1}\d{1,2}\s{0,1}月"
                           r"\s{0,1}\d{1,2}\s{0,1}日\s{0,1}(?:电|電|讯|訊|报道|報道|報導|报导)")
_LEAD_CHARS = 50
_SENTENCE_STOP = re.compile(r"[。！？!?]")


def is_dateline_lead(text: str) -> bool:
    """A news lead's opening standing as a line of its own, before the lead's first sentence
    ("新华社北京5月1日电", "本报讯（记者 李四）", "TNW中文站2016年10月1日报道"): the article's own
    first words, though it looks like header matter."""
    head = text.strip()
    return (len(head) <= _LEAD_CHARS and not _SENTENCE_STOP.search(head)
            and bool(_DATELINE.match(head) or _DATELINE_SHORT.match(head) or _NEWS_FLASH.match(head)
                     or _DATED_REPORT.match(head)))


def lead_reporters(text: str) -> list[str]:
    """Reporters named at the head of a news lead: 新华社拉萨电（记者 格桑边觉）, 中央社記者王小明台北29日電."""
    m = _LEAD_REPORTER.search(text[:120])
    if m:
        return find_authors(m.group(1))
    wire = _WIRE_REPORTER.search(text[:80])
    if wire:
        return [wire.group(1)]
    # a wire dateline and the reporters' names in brackets, without 记者: 新华社北京5月19日电（刘艺、杨吉）
    dateline = _DATELINE.match(text[:80])
    if dateline:
        names = re.match(r"\s{0,2}[（(][^（）()]{2,30}[)）]", text[dateline.end(): dateline.end() + 40])
        if names:
            return paren_byline(names.group(0))
    return []


def _cut(value: str) -> str:
    m = _STOP.search(value)
    return (value[: m.start()] if m else value).strip(" :：-—·")


def find_source(text: str) -> str | None:
    s = text[:300]
    m = _SOURCE_LABEL.search(s)
    if m:
        value = _cut(s[m.end(): m.end() + 40])
        # not a URL, nor a template's stray markup ("来源： size=\"20\"")
        if value and not re.match(r"^(?:https?|www|[\w-]{1,20}\s{0,1}=)", value, re.I) and len(value) >= 2:
            return value[:30]
    m = _TAG_SOURCE.search(s)
    if m:
        return m.group(1)
    m = _DATELINE.search(s) or _DATELINE_SHORT.search(s)
    if m:
        return m.group(1)
    return None


# ---------------------------------------------------------------- people
_NAME = r"[\u4e00-\u9fff·•]{2,5}"
_NAMES = re.compile(_NAME + r"(?:(?:\s{1,3}|[、，,/　]\s{0,2})" + _NAME + r"){0,6}")
_AUTHOR_LABEL = re.compile(
    r"(?:(?:本报|本報|本刊|本网|本網|特约|特約|实习|實習)?(?:记者|記者|通讯员|通訊員)|(?:本报|本報|本刊|本网|本網)?(?:实习生|實習生)|作者|撰稿人|撰稿|撰文|执笔人|執筆人|执笔|執筆|文字|(?:图文|圖文|(?<![\u4e00-\u9fff])文)\s{0,2}[/／:：]|"
    r"(?:图文|圖文|(?<![\u4e00-\u9fff])[文图圖])\s{0,1}[/／|｜丨︱])\s{0,2}[:：/／︱]?\s{0,2}"
)
_EDITOR_LABEL = re.compile(r"(?:责任编辑|責任編輯|责编|責編|编辑|編輯|编审|編審|值班编辑|校对|校對)\s{0,2}[:：]?\s{0,2}")
_BYLINE_PAREN = re.compile(r"[（(]\s{0,2}([^（）()]{2,40}?)\s{0,2}(?:[)）]|$)")
_NOT_NAMES = re.compile(
    r"^(?:报道|報道|报导|報導|了解|获悉|獲悉|表示|介绍|介紹|采访|採訪|发现|發現|看到|注意|来到|來到|走进|走進|"
    r"从|從|在|对|對|跟|随|隨|问|問|说|說|获|獲|的|是|为|為|和|与|與|等|也|都|就|近日|日前|昨天|今天|"
    r"完|图|圖|摄|攝|综合|綜合|编译|編譯|来源|來源|原标题|原標題|单位|單位|简介|簡介|时间|時間|日期|出自|手记|手記|附记|附記|后记|後記|按语|按語)"
)
_NAME_TRAIL = re.compile(r"(?:摄影|攝影|报道|報道|摄|攝|整理|编译|編譯)$")


_NAME_CUT = re.compile(
    # (a second "记者" in a byline labels the names after it: "实习记者 樊亮 张明超 记者 惠禾")
    r"发自|發自|报道|報道|报导|報導|翻摄|翻攝|摄影|攝影|摄|攝|整理|编辑|編輯|通讯员|通訊員|实习生|實習生|(?<=\s)(?:记者|記者)|电|電|讯|訊|受访|受訪|供图|供圖|来源|來源|发表|發表|"
    r"时间|時間|日期|出自|单位|單位|"
    # the other roles of a credit line: whoever follows them is not an author
    r"审核|審核|审稿|審稿|审校|審校|校对|校對|排版|文编|文編|美编|美編|终审|終審|初审|初審|复审|複審|签发|簽發|责编|責編"
)
# Two-character names are padded to the width of three-character ones: "赵  培" is 赵培.
_PADDED_NAME = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])\s{1,3}([\u4e00-\u9fff])(?![\u4e00-\u9fff])")


# The commonest Chinese surnames (about 190, Simplified and Traditional forms): an unlabelled line is
# read as a byline only when its first name starts with one (pen names need other evidence).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝"
    "張劉陳楊黃趙吳孫馬羅鄭謝許韓馮鄧蕭葉蘇呂盧譚陸賈韋鄒閆龍陶賀顧龔萬錢嚴湯溫齊喬龐顏莊聶魯歐關蘭寧紀畢單"
    "塗駱藍鮑華饒陽農繆簡車項連蘆麥婁竇黨宮費衛臧閔鄔邊師欒榮鞏遲鄺"
)
_COMPOUND_SURNAMES = ("欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "尉迟", "尉遲", "公孙", "公孫", "慕容", "令狐")


def looks_like_name(name: str) -> bool:
    """A 2-4 character name starting with a common surname."""
    return 2 <= len(name) <= 4 and (name[0] in SURNAMES or name.startswith(_COMPOUND_SURNAMES))


# what the name of a government office or unit ends with (局, 处, 署…), in both scripts
_UNIT_SUFFIXES = ("局", "处", "處", "署", "厅", "廳", "委", "办", "辦", "科", "中心", "组", "組")
# a writer's role in front of the name, after the column's or paper's name: "文丨政能亮特约评论员 韩涵"
_ROLE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?:评论员|評論員|研究员|研究員|观察员|觀察員|主笔|主筆|专栏作者|專欄作者)\s{1,3}(?=\S)")


# a byline's names from its label to the line's end or its bracket, run together and longer than any
# one name (five characters or more)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{5,16}(?=\s{0,3}$|[）)\]】])")


def _run_of_names(part: str) -> list[str]:
    """A run of names that lost the spaces between them ("王燕平方云凤柏建斌": text browsers join
    a byline's name elements), cut into two- and three-character names that each start with a
    surname, as few as can be; the run itself when no such cut exists. (Four characters may be
    one name, "欧阳小明", "罗科苏盈" as a page prints it: ``_CJK_RUN`` asks five.)"""
    best: list[list[str] | None] = [[]] + [None] * len(part)
    for end in range(2, len(part) + 1):
        for size in (3, 2):
            start = end - size
            if start < 0 or best[start] is None or part[start] not in SURNAMES or _NOT_NAMES.match(part[start:end]):
                continue
            found = best[start] + [part[start:end]]
            # (fewest names; between as many, the one whose first names are the longer: three
            # characters is the common length)
            if best[end] is None or (len(found), [-len(x) for x in found]) < (len(best[end]), [-len(x) for x in best[end]]):
                best[end] = found
    return best[len(part)] or [part]


# a reporter's role after another label ("圖／記者林悅翻攝"): the role, not a name
_REPORTER_PREFIX = re.compile(r"^(?:本报|本報|特约|特約|实习|實習|见习|見習)?(?:记者|記者)\s{0,2}(?=\S)")


def _names(value: str, runs: bool = False) -> list[str]:
    value = _PADDED_NAME.sub(r"\1\2", value[:80])
    cut = _NAME_CUT.search(value)
    if cut:
        value = value[: cut.start()]
    latin = re.match(r"([A-Za-z][\w.\-]{1,29})(?:\s|$)", value)
    if latin:
        return [latin.group(1)]
    role = _ROLE_PREFIX.match(value) or _REPORTER_PREFIX.match(value)
    if role:
        value = value[role.end():]
    run = _CJK_RUN.match(value) if runs else None
    if run:  # (after a byline's label only: unlabelled, "关注新华网" would make names)
        value = " ".join(_run_of_names(run.group(0))) + value[run.end():]
    m = _NAMES.match(value)
    if not m:
        return []
    out = []
    for part in re.split(r"[\s、，,/　]+", m.group(0)):
        part = _NAME_TRAIL.sub("", part.strip("·•"))
        if not out and 3 <= len(part) <= 6 and part.endswith(_UNIT_SUFFIXES):
            continue  # the office in front of the name: "作者：社會局 蘇怡君"
        if 2 <= len(part) <= (4 if not out else 3) and not _NOT_NAMES.match(part) and not part.endswith(("社", "网", "網", "报", "報", "台")):
            out.append(part)
        else:
            break
    return out


_BRACKET_NAMES = re.compile(r"\[\s{1,2}([^\[\]【】]{2,20}?)\s{1,2}\]")
_POSTED_BY = re.compile(r"(?:^|\s)([\w.\-]{2,20})\s{0,2}(?:发表于|發表於|发表在|發表在|posted\s)|(?:本贴由|本帖由|posted by|by)\s{1,2}([\w.\-]{2,20})", re.I)


def header_authors(text: str) -> list[str]:
    """Authors in a header line: labelled, ``[ 黄宇 ]`` brackets, ``X 发表于`` / ``by X``."""
    found = find_authors(text)
    if found:
        return found
    s = text[:300]
    for m in _BRACKET_NAMES.finditer(s):
        before = s[max(0, m.start() - 4): m.start()]
        if _SOURCE_LABEL.search(before + "：") and ("源" in before or "自" in before):
            continue
        names = _names(m.group(1).strip())
        # unlabelled: a real name only ("[ 回复本贴 ]" is a forum button)
        if names and _NAMES.fullmatch(m.group(1).strip()) and looks_like_name(names[0]):
            return names
    return posted_by(s)


# Forum and blog stamps: "本贴由大卫于2005年8月12日…发表", "由海姑娘张贴 @ 2005-03-21 01:20:44"
_POSTED_BY_CN = re.compile(
    r"(?:本贴由|本帖由|本貼由|本文由)\s{0,2}([^\s\d@，,。:：\[\]【】]{2,20}?)\s{0,2}(?:于|於|在|发表|發表)|"
    r"由\s{0,2}([^\s\d@，,。:：\[\]【】]{2,20}?)\s{0,2}(?:张贴|張貼)"
)


def posted_by(text: str) -> list[str]:
    """The poster named by a forum/blog stamp: ``X 发表于``, ``by X``, ``本贴由X于``, ``由X张贴``."""
    s = text[:300]
    m = _POSTED_BY_CN.search(s)
    if m:
        return [(m.group(1) or m.group(2)).strip()]
    m = _POSTED_BY.search(s)
    if m:
        name = (m.group(1) or m.group(2)).strip()
        if not name.isdigit() and not meta_word(name):
            return [name]
    return []


def meta_word(word: str) -> bool:
    return bool(re.match(r"^(?:admin|http|www|19|20)", word, re.I))


# Taiwanese bylines name the place after a slash: 記者王小明／台北報導, 〔記者A、B/台南報導〕
_PLACE_REPORT = re.compile(r"(?:\s{0,2}[／/]\s{0,2}|\s{1,3})[\u4e00-\u9fff]{1,6}?(?:報導|報道|报道|报导|綜合報導|综合报道|訊|讯|電|电)")


def find_authors(text: str) -> list[str]:
    """Authors named by a label (记者 X、Y / 作者：X / 撰稿 X / 文/X) in a short line."""
    s = text[:300]
    out: list[str] = []
    for m in _AUTHOR_LABEL.finditer(s):
        value = s[m.end(): m.end() + 60]
        if _EDITOR_LABEL.match(value):
            continue  # an empty author slot before the editor's: "作者：责任编辑：肖春芳"
        place = _PLACE_REPORT.search(value)
        names = _names(value[: place.start()] if place else value, runs=True)
        # an unlabelled "记者" inside a sentence (记者了解到) is not a byline: require the names
        # to end the line or be followed by a separator
        for n in names:
            if n not in out:
                out.append(n)
    return out or _slash_byline(s)


_SLASH_PLACE = re.compile(r"\s{0,2}[／/]\s{0,2}[\u4e00-\u9fff]{1,6}?(?:報導|報道|报道|报导|綜合報導|综合报道)\s*$")
_SLASH_BYLINE_MAX = 30  # characters of a line that is a byline and nothing else
# what the names of the bodies that report under a slash end with: stations, offices, places, teams
_REPORTING_BODY_ENDINGS = _UNIT_SUFFIXES + (
    "视", "視", "台", "社", "报", "報", "网", "網", "部", "院", "会", "會", "县", "縣", "市", "区", "區", "乡", "鄉", "镇", "鎮",
    "村", "队", "隊", "线", "線", "庚", "闻", "聞")


def _slash_byline(text: str) -> list[str]:
    """The reporters of a Taiwanese byline without its role word, a line of its own ("王小明／台北報導",
    "王小明、陳大文/嵐港報導"; a page run together cuts "記者 王小明／…" at the space): names by
    their surnames, a slash, the place and 報導 closing the line."""
    line = text.strip()
    place = _SLASH_PLACE.search(line) if len(line) <= _SLASH_BYLINE_MAX else None
    if not place or place.start() == 0:
        return []
    inner = line[: place.start()]
    names = _names(inner)
    # (a desk, an office, a county or a team reports so too: "華視／台北報導", "衛福部／…", "金門縣／綜合報導")
    return names if names and _NAMES.fullmatch(inner) and all(
        looks_like_name(n) and len(n) <= 3 and not n.endswith(_REPORTING_BODY_ENDINGS) for n in names) else []


def find_editor(text: str) -> str | None:
    s = text[:300]
    m = _EDITOR_LABEL.search(s)
    if not m:
        return None
    value = s[m.end(): m.end() + 40]
    names = _names(value)
    if not names:
        return None
    # every editor an enumeration names ("(责编：萧潇、张妍)" is two people); what follows a space
    # is the next field of the line ("编辑：张三 发布时间：…", "责任编辑：李华 点击数："), not a name
    listed = re.match(r"\s{0,2}[^\s、，,]+(?:[、，,]\s{0,2}[^\s、，,]+)*", value)
    enumerated = [n for n in names if listed and n in listed.group(0)]
    return "、".join(enumerated or names[:1])


_UNIT = re.compile(r"^[万萬亿億千百]?(?:人|人次|元|吨|噸|户|戶|个|個|亩|畝|公顷|公頃|平方公里|公里|千米|米|吨标准煤)$")


def paren_byline(text: str) -> list[str]:
    """Names in an end-of-article byline such as ``(葉芷晴 張泳渝`` or ``（记者 张三）``."""
    s = text.strip()[-60:]
    m = _BYLINE_PAREN.search(s)
    if not m or m.end() < len(s) - 1:
        return []
    inner = m.group(1).strip()
    labelled = find_authors(inner)
    if labelled:
        return labelled
    place = _PLACE_REPORT.search(inner)
    if place and place.start() > 0:  # （王煌忠／台中報導）
        inner = inner[: place.start()]
    if _EDITOR_LABEL.match(inner) or find_source(inner):
        return []
    names = _names(inner)
    # (unlabelled, the bracket must hold a name by its surname, and no unit of a table's column:
    # a wiki infobox's "（设立）", "（万人）" are none)
    if names and _NAMES.fullmatch(inner.strip()) and any(looks_like_name(n) for n in names) \
            and not _UNIT.match(inner.strip()):
        return names
    return []


# ---------------------------------------------------------------- breadcrumb
_CRUMB_LABEL = re.compile(
    r"(?:您现在的位置|您現在的位置|您的位置|你的位置|当前位置|當前位置|现在位置|現在位置|所在位置|位置)\s{0,2}[:：]\s{0,2}"
)
_CRUMB_SEP = re.compile(r"\s{0,3}(?:>>|>|›|»|→|＞|〉|/|\\|-&gt;|&gt;)\s{0,3}")
HOME = ("首页", "首頁", "主页", "主頁", "网站首页", "網站首頁", "home", "Home", "HOME", "新闻首页", "新聞首頁")


def find_breadcrumb(text: str) -> list[str] | None:
    """The parts of a breadcrumb line, without the "home" part (it names no section).

    ``您現在的位置: 城市 > 江門分站 > 最新動態`` -> ``["城市", "江門分站", "最新動態"]``.
    """
    s = text.strip()[:300]
    m = _CRUMB_LABEL.search(s)
    if m:
        rest = s[m.end():]
    else:
        rest = s
        if len(_CRUMB_SEP.findall(rest)) < 1 or not rest.startswith(HOME):
            return None
    parts = [p.strip() for p in _CRUMB_SEP.split(rest)]
    parts = [p for p in parts if p and p not in HOME and p not in ("正文", "正文內容", "正文内容")]
    if not parts or any(len(p) > 20 for p in parts):
        return None
    if not m and len(parts) < 1:
        return None
    return parts


# ---------------------------------------------------------------- title
_TITLE_SPLIT = re.compile(
    r"\s{0,3}[»«›‹]\s{0,3}|\s{0,3}(?:--|——|－－)\s{0,3}|\s{1,3}[-–—|_]{1,2}\s{1,3}|\s{0,3}[_|｜]\s{0,3}|(?<=[^\x00-\x7f])\s{0,2}[-–]{1,2}\s{0,2}(?=[^\x00-\x7f])"
)


# "书记市长这一周 | 奋马扬鞭…": a column's name, in Chinese words only (a brand, "ETtoday新聞雲 |", is a site's)
_COLUMN_BAR = re.compile(r"^([\u4e00-\u9fff]{2,10})\s{0,2}[|｜丨]\s{0,2}(\S.{7,})$")
_HOST = re.compile(r"[a-z]\.[a-z]", re.I)  # "example.com": a site
_SITE_ENDING = re.compile(r"(?:" + "|".join(map(re.escape, SITE_NAME_ENDINGS)) + r")\s{0,2}$")


def is_site_name(text: str) -> bool:
    """A name ending as sites' names do ("…网", "…日报", "…新聞網"), matched on the folded text."""
    return bool(_SITE_ENDING.search(convert(" ".join(text.split()), "tw2s")))


def clean_title(title: str, candidates: list[str] = ()) -> str:
    """``<title>`` without its site name: the first substantial part when split on _ | – - » --.

    A column's name before a bar, when the rest holds the whole headline and no site name follows
    ("书记市长这一周 | 奋马扬鞭争春色…", "兩會觀察｜記者證有這些新變化"), is part of the headline: a
    site's name is no column (it ends as site names do, "…网", "…日报")."""
    title = " ".join(title.split())
    parts = [p for p in _TITLE_SPLIT.split(title) if p.strip()]
    if len(parts) <= 1:
        return title
    if len(parts) == 2 and not _HOST.search(title):
        folded = convert(title, "tw2s")  # site names end in Simplified words
        column = _COLUMN_BAR.match(folded)
        if column and not is_site_name(column.group(1)) and not is_site_name(folded):
            return title
    # "Article - Section - Site" is the common order; a short first part is a site name ("多维博客 » …")
    for part in parts:
        if len(re.findall(r"\w", part)) >= 6:
            return part.strip()
    return max(parts, key=len).strip()
