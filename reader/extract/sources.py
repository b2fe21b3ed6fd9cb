"""Where an article says it comes from: a source label ("来源：南方日报"), a bracketed tag
("【大公报讯】"), a wire or paper dateline ("新华社北京5月1日电"); and whether a line is a news lead's
opening (a dateline, "本报讯") standing on its own before the lead's first sentence. Bounded
patterns over the head of one line only, so that a hostile 1 MB line costs linear time.
"""

from __future__ import annotations

import re

SOURCE_LABEL = re.compile(r"(?:来源|來源|稿源|出处|出處|来自|來自|source)\s{0,2}[:：]\s{0,2}", re.I)
_STOP = re.compile(
    r"\s|　|作者|记者|記者|编辑|編輯|责任|責任|时间|時間|日期|发布|發布|發佈|浏览|瀏覽|点击|點擊|阅读|閱讀|字号|字號|"
    r"【|\[|\||｜|（|\(|）|\)|/|,|，|。|;|；"
)
TAG_SOURCE = re.compile(
    r"【([^【】\s\d]{2,12}?)(?:\d{2,4}年\d{1,2}月\d{1,2}日)?(?:專訊|专讯|特訊|特讯|訊|讯|电|電|报道|報道|報導|报导)】"
)
DATELINE = re.compile(
    r"^[\s（(【]{0,2}(?:本报|本報)?([\u4e00-\u9fff]{1,8}?(?:社|网|網|报|報|台|电视台|電視台))"
    r"(?:[\u4e00-\u9fff]{0,10}?|\s{1,3}|记者[\u4e00-\u9fff ]{0,12}?)\s{0,2}\d{1,2}\s{0,1}月\s{0,1}\d{1,2}\s{0,1}日\s{0,1}(?:电|電|讯|訊)"
)


DATELINE_SHORT = re.compile(r"^[\s（(【]{0,2}[据據]?([\u4e00-\u9fff]{1,6}?社)[\u4e00-\u9fff]{0,6}?[电電]\s{0,2}[（(]")


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
            and bool(DATELINE.match(head) or DATELINE_SHORT.match(head) or _NEWS_FLASH.match(head)
                     or _DATED_REPORT.match(head)))


def _cut(value: str) -> str:
    m = _STOP.search(value)
    return (value[: m.start()] if m else value).strip(" :：-—·")


def find_source(text: str) -> str | None:
    s = text[:300]
    m = SOURCE_LABEL.search(s)
    if m:
        value = _cut(s[m.end(): m.end() + 40])
        # not a URL, nor a template's stray markup ("来源： size=\"20\"")
        if value and not re.match(r"^(?:https?|www|[\w-]{1,20}\s{0,1}=)", value, re.I) and len(value) >= 2:
            return value[:30]
    m = TAG_SOURCE.search(s)
    if m:
        return m.group(1)
    m = DATELINE.search(s) or DATELINE_SHORT.search(s)
    if m:
        return m.group(1)
    return None
