"""Dates as a line writes them, read as ISO 8601: 2021年12月29日, 民國110年, 2021-12-29 10:20 HKT,
9/17/2004 (month first unless the page's locale writes the day first), Sep 10, 2005, a labelled date
that lost its separators, a metadata field's, an article URL's, a bare year and month, a magazine's
issue; and the lines whose dates are not the article's (a page clock, a reference list's access
date). Which of a page's dates is the article's is dating.py's job. Bounded patterns over the
head of one line only, so that a hostile 1 MB line costs linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIG = r"(?<![\d.])"
# 2021年12月29日 / 2023 年 11 月 12 日 / ROC 110年12月29日, optional time.
_CN_DATE = re.compile(
    _DIG + r"(\d{2,4})\s{0,2}年\s{0,2}(\d{1,2})\s{0,2}月\s{0,2}(\d{1,2})\s{0,2}[日号號]"
    r"(?:\s{0,3}(?:[（(]?\s{0,2}(?:星期|周|週|禮拜|礼拜)[一二三四五六日天]\s{0,2}[)）]?)?\s{0,3}"
    r"(?:(上午|下午|晚上|凌晨|早上|中午)\s{0,2})?(\d{1,2})\s{0,1}[:：时時点點]\s{0,1}(\d{2})(?:\s{0,1}[:：分]\s{0,1}(\d{2}))?)?"
)
# 2021-12-29 10:20:33 / 2021/12/29 / 2018.11.27, optional time and zone.
_NUM_DATE = re.compile(
    _DIG + r"((?:19|20)\d{2})\s{0,1}([-/.])\s{0,1}(\d{1,2})\s{0,1}\2\s{0,1}(\d{1,2})(?![\d])"
    r"(?:(?:\s{1,3}|T)(?:(上午|下午|晚上|凌晨|早上|中午)\s{0,2})?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,6})?)?"
    r"(?:\s{0,2}(Z|[+-]\d{2}:?\d{2}|HKT|GMT\+0?8(?::?00)?|UTC\+0?8(?::?00)?|CST|北京时间|北京時間))?"
)
# A Taiwanese date in ROC years written with figures, "113/05/10", "113.5.10": read only after a
# date label or 民國 (a bare "113/05/10" may be a count or a score)
_ROC_NUM_DATE = re.compile(_DIG + r"(1\d{2})([/.-])(\d{1,2})\2(\d{1,2})(?!\.?\d)")
_ROC_CUE = re.compile(r"(?:民[国國]|日期|时间|時間)\s{0,2}[:：]?\s{0,2}$")  # right before it: no IP, score or case number
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


def _may_hold_roc_cue(text: str) -> bool:
    """A substring test before the ROC figures' pattern runs (most lines hold no cue)."""
    return "民" in text or "日期" in text or "时间" in text or "時間" in text


def _afternoon(meridiem: str | None, hour: str | None) -> str | None:
    """The hour on a 24-hour clock: "下午 3:48" is 15:48, "晚上 9點" 21:00, "中午 1:30" 13:30,
    "上午 12:30" and "晚上 12:05" just after midnight (中午 12 stays 12)."""
    if hour is None or meridiem is None:
        return hour
    h = int(hour)
    if h == 12 and meridiem in ("上午", "凌晨", "早上", "晚上"):
        return "0"
    if meridiem in ("下午", "晚上") and h < 12 or meridiem == "中午" and h < 11:
        return str(h + 12)
    return hour


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
        hour = _afternoon(m.group(4), m.group(5))
        found.append(FoundDate(_fmt(y, mo, d, hour, m.group(6), m.group(7), zone), m.start(), m.end(), hour is not None))
    for m in _NUM_DATE.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if not _valid(y, mo, d):
            continue
        if m.group(2) == "." and m.group(6) is None and re.match(r"\.\d", text[m.end(): m.end() + 2]):
            continue  # a version or decimal number, not a date
        zone = _zone(m.group(9))
        if not zone:
            zm = _ZONE_AFTER.match(text, m.end())
            zone = _zone(zm.group(1)) if zm else ""
        hour = _afternoon(m.group(5), m.group(6))
        found.append(FoundDate(_fmt(y, mo, d, hour, m.group(7), m.group(8), zone), m.start(), m.end(), hour is not None))
    for m in _ROC_NUM_DATE.finditer(text) if _may_hold_roc_cue(text) else ():
        y, mo, d = int(m.group(1)) + 1911, int(m.group(3)), int(m.group(4))
        if _valid(y, mo, d) and _ROC_CUE.search(text[max(0, m.start() - 8): m.start()]):
            found.append(FoundDate(_fmt(y, mo, d, None, None, None, ""), m.start(), m.end(), False))
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


# what a date is labelled with on a line that holds two: its last update, or its publication
_UPDATE_LABEL = re.compile(r"(?:更新|修改|修订|修訂|编辑于|編輯於|updated|modified)\s{0,2}(?:时间|時間|日期|于|於)?\s{0,2}[:：]?\s{0,2}$", re.I)
PUBLISH_LABEL = re.compile(
    r"(?:发布|發布|發佈|发表|發表|刊登|刊出|出版|上稿|发稿|發稿|published|posted)\s{0,2}(?:时间|時間|日期|于|於|on)?\s{0,2}[:：]?\s{0,2}$", re.I)


def _label_before(text: str, found: list[FoundDate], k: int) -> str:
    """The few characters before the ``k``-th of a line's dates, after the date before it."""
    since = found[k - 1].end if k else 0
    return text[max(since, found[k].start - 12): found[k].start]


def is_update(text: str, found: list[FoundDate], k: int) -> bool:
    """Whether the ``k``-th of a line's dates is labelled as its last update ("更新時間：…")."""
    return bool(_UPDATE_LABEL.search(_label_before(text, found, k)))


def is_publication(text: str, found: list[FoundDate], k: int) -> bool:
    """Whether the ``k``-th of a line's dates is labelled as its publication ("發布時間：…")."""
    return bool(PUBLISH_LABEL.search(_label_before(text, found, k)))


def first_published(text: str, found: list[FoundDate]) -> FoundDate:
    """Of a line's dates, the first, unless it is labelled as an update and a later one as the
    publication ("更新時間：2024/05/11 發布時間：2024/05/10": the article is of the 10th; an event's
    time after the update's is no publication date)."""
    if is_update(text, found, 0):
        return next((f for k, f in enumerate(found) if k and is_publication(text, found, k)), found[0])
    return found[0]


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


_ISSUE_MONTH = re.compile(_DIG + r"((?:19|20)\d{2})\s{0,2}年\s{0,2}(\d{1,2})\s{0,2}月\s{0,2}(?:号|號|刊|期)")


def issue_month(text: str) -> str | None:
    """A magazine issue (《北京之春》1996年6月号) -> "1996-06": a reduced-precision ISO date."""
    m = _ISSUE_MONTH.search(text[:300])
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    return None
