"""The people a line names: authors by their labels ("记者 X、Y", "作者：X", "文/X") or a Taiwanese
slash byline, the editor, the reporters at a news lead's head or in an end byline's bracket, a
forum post's poster; and what a Chinese name looks like (a common surname first; a run of names
that lost its spaces cut at their surnames). Bounded patterns over the head of one line only, so
that a hostile 1 MB line costs linear time.
"""

from __future__ import annotations

import re

from ..script import convert
from . import phrases
from .parsed import FOLD
from .sources import DATELINE, SOURCE_LABEL, find_source

_NAME = r"[\u4e00-\u9fff·•]{2,5}"
NAMES = re.compile(_NAME + r"(?:(?:\s{1,3}|[、，,/　]\s{0,2})" + _NAME + r"){0,6}")
AUTHOR_LABEL = re.compile(
    r"(?:(?:本报|本報|本刊|本网|本網|特约|特約|实习|實習)?(?:记者|記者|通讯员|通訊員)|(?:本报|本報|本刊|本网|本網)?(?:实习生|實習生)|作者|撰稿人|撰稿|撰文|执笔人|執筆人|执笔|執筆|文字|(?:图文|圖文|(?<![\u4e00-\u9fff])文)\s{0,2}[/／:：]|"
    r"(?:图文|圖文|(?<![\u4e00-\u9fff])[文图圖])\s{0,1}[/／|｜丨︱])\s{0,2}[:：/／︱]?\s{0,2}"
)
EDITOR_LABEL = re.compile(r"(?:责任编辑|責任編輯|责编|責編|编辑|編輯|编审|編審|值班编辑|校对|校對)\s{0,2}[:：]?\s{0,2}")
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


def leads_with_name(text: str) -> bool:
    """Whether ``text`` opens with a name, up to a space or a slash ("王小明／嵐港報導", "林秀英"):
    what follows a byline's bare label, not a link's words ("其他作品")."""
    first = re.split(r"[\s／/　]", text.strip(), maxsplit=1)[0]
    return looks_like_name(first[:4])


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


def names_in(value: str, runs: bool = False) -> list[str]:
    """The names ``value`` opens with (what follows a byline's label), up to the credit's next word;
    with ``runs``, a run of names that lost its spaces is cut at their surnames."""
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
    m = NAMES.match(value)
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
        if SOURCE_LABEL.search(before + "：") and ("源" in before or "自" in before):
            continue
        names = names_in(m.group(1).strip())
        # unlabelled: a real name only ("[ 回复本贴 ]" is a forum button)
        if names and NAMES.fullmatch(m.group(1).strip()) and looks_like_name(names[0]):
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
PLACE_REPORT = re.compile(r"(?:\s{0,2}[／/]\s{0,2}|\s{1,3})[\u4e00-\u9fff]{1,6}?(?:報導|報道|报道|报导|綜合報導|综合报道|訊|讯|電|电)")


def find_authors(text: str) -> list[str]:
    """Authors named by a label (记者 X、Y / 作者：X / 撰稿 X / 文/X) in a short line."""
    s = text[:300]
    out: list[str] = []
    for m in AUTHOR_LABEL.finditer(s):
        value = s[m.end(): m.end() + 60]
        if EDITOR_LABEL.match(value):
            continue  # an empty author slot before the editor's: "作者：责任编辑：肖春芳"
        place = PLACE_REPORT.search(value)
        names = names_in(value[: place.start()] if place else value, runs=True)
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
    names = names_in(inner)
    # (a desk, an office, a county or a team reports so too: "華視／台北報導", "衛福部／…", "金門縣／綜合報導")
    return names if names and NAMES.fullmatch(inner) and all(
        looks_like_name(n) and len(n) <= 3 and not n.endswith(_REPORTING_BODY_ENDINGS) for n in names) else []


# A self-media platform's stamp under the headline: "2024-05-13 06:16发布于北京经济日报官方账号" (the
# account that posted it after the province it was sent from; matched on the folded line)
_POSTING_ACCOUNT = re.compile(
    r"发布于\s{0,2}(?:" + phrases.alternation(phrases.PROVINCES) + r")\s{0,2}(\S.{0,19}?)\s{0,2}官方[账帐]号\s*$")


_STAMP_MAX = 120


def posting_account(text: str) -> str | None:
    """The account a self-media platform's stamp names ("…发布于北京环球时报新媒体官方账号"), else None."""
    if len(text) > _STAMP_MAX:
        return None
    folded = convert(text, FOLD)
    m = _POSTING_ACCOUNT.search(folded)
    if not m:
        return None
    # (the name as the page writes it: folding keeps each character's place)
    return (text[m.start(1):m.end(1)] if len(folded) == len(text) else m.group(1)).strip() or None


def find_editor(text: str) -> str | None:
    s = text[:300]
    m = EDITOR_LABEL.search(s)
    if not m:
        return None
    value = s[m.end(): m.end() + 40]
    names = names_in(value)
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
    place = PLACE_REPORT.search(inner)
    if place and place.start() > 0:  # （王煌忠／台中報導）
        inner = inner[: place.start()]
    if EDITOR_LABEL.match(inner) or find_source(inner):
        return []
    names = names_in(inner)
    # (unlabelled, the bracket must hold a name by its surname, and no unit of a table's column:
    # a wiki infobox's "（设立）", "（万人）" are none)
    if names and NAMES.fullmatch(inner.strip()) and any(looks_like_name(n) for n in names) \
            and not _UNIT.match(inner.strip()):
        return names
    return []


# a news lead's reporters, in its bracket ("新华社拉萨电（记者 格桑边觉）") or its wire dateline
_LEAD_REPORTER = re.compile(r"[（(〔【]\s{0,2}((?:本报|本報|特约|特約)?(?:实习|實習|见习|見習)?(?:记者|記者|通讯员|通訊員)[^（）()〔〕【】]{1,40})[)）〕】]")
# A wire dateline naming its reporter: "中央社記者王小明台北29日電". The place is taken to be two
# characters (台北, 台中, 高雄, 北京…), the usual case; the name is what stands between.
_WIRE_REPORTER = re.compile(
    r"(?:中央社|中新社|新华社|新華社|中新网|中新網|中通社)[记記]者\s{0,2}([\u4e00-\u9fff]{2,4}?)[\u4e00-\u9fff]{2}"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日[电電]"
)


def lead_reporters(text: str) -> list[str]:
    """Reporters named at the head of a news lead: 新华社拉萨电（记者 格桑边觉）, 中央社記者王小明台北29日電."""
    m = _LEAD_REPORTER.search(text[:120])
    if m:
        return find_authors(m.group(1))
    wire = _WIRE_REPORTER.search(text[:80])
    if wire:
        return [wire.group(1)]
    # a wire dateline and the reporters' names in brackets, without 记者: 新华社北京5月19日电（刘艺、杨吉）
    dateline = DATELINE.match(text[:80])
    if dateline:
        names = re.match(r"\s{0,2}[（(][^（）()]{2,30}[)）]", text[dateline.end(): dateline.end() + 40])
        if names:
            return paren_byline(names.group(0))
    return []
