"""The headline of a page: the <title> matched on the page, the heading that opens its content,
the learned scorer for text pages (``headline``), and the tidying of the line it picks."""

from __future__ import annotations

import re

from . import clean, headline, meta
from .parsed import Line, Parsed
from .shape import CLAUSE_END as _CLAUSE_END, HAS_SENTENCE as _HAS_SENTENCE
from .shape import is_meta_line as _is_meta_line, letters as _letters, norm as _norm, paragraph_like as _paragraph_like

# What text dumps put around a headline line: a BOM, list bullets, a text browser's image and
# anchor tokens ("[v_8]", "[udn001]", "SNAP-1.GIF", headline.HEADLINE_LEAD), a wiki's "[编辑]"
# link, and the post's stamp that a table layout sets beside its headline ("昨天去金矿玩 (图)
# 2005-03-21 01:20:44 [arrow-up]")
_HEADLINE_TRAIL = re.compile(r"(?:[\ufeff\s]|\[(?:编辑|編輯|edit)\]|\[\s*\]|(?<=\s)\[)+$"
                             r"|\s+(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\[[\w\-]{1,24}\])*\s*$",
                             re.I)
# what pages hang after a headline: a page number ("(页 1)", "（第2页）"), a dangling separator ("- -")
# ("？- -": two or more separators hang even without a space before them)
_HEADLINE_AFTER = re.compile(r"(?:\s*[（(]\s*(?:页|頁|第)\s*\d{1,3}\s*(?:页|頁)?\s*[)）]|\s+[-–—_|]+(?:\s+[-–—_|]+)*"
                             r"|\s*[-–—_|]+(?:\s+[-–—_|]+)+)\s*$")


_COLUMN_GAP = re.compile(r"(?<=\S)[ \u00a0\u3000]{6,}(?=\S)")  # wider than any gap inside a headline


def _tidy_words(text: str) -> str:
    """A headline without a forum's "主题：" label, what pages hang after it, and byte-order marks
    (invisible, pages carry them as stray characters)."""
    original = text
    text = text.replace("\ufeff", "").strip() or text
    text = _without_hanging(_without_hanging(text[headline.subject_label_length(text):]))
    return text.strip() or original


_HANGING_REACH = 80  # characters at a headline's end where what hangs after it is looked for


def _without_hanging(text: str) -> str:
    """``text`` without what ``_HEADLINE_AFTER`` finds hanging at its end, looked for in its last
    characters only: the pattern is tried from every space of a row of dashes (quadratic on a long
    line). Applied twice: a page number may hang before a separator, "(页 1) -"."""
    at = max(0, len(text) - _HANGING_REACH)
    found = _HEADLINE_AFTER.search(text, at)
    return text[: found.start()] if found else text


# a label the text opens with: "编者按", "个人简介：", "一、培养目标：", "【短视频文化现象观察】"


def tidy_headline(lines: list[Line], k: int) -> str:
    """The headline a text page's line ``k`` holds, without the furniture of text dumps, a forum's
    "主题：" label, or the site and channel names of a browser title ("议程_秘书处_CN_中心") when
    one of its parts stands on the page as a line of its own (the page's own headline)."""
    original = lines[k].text
    # (a layout renderer sets the next column on the headline's line, past a wide gap)
    text = _COLUMN_GAP.split(original.strip(), maxsplit=1)[0]
    text = _tidy_words(_HEADLINE_TRAIL.sub("", headline.HEADLINE_LEAD.sub("", text)))
    parts = [part.strip() for part in meta._TITLE_SPLIT.split(text) if _letters(part) >= 4]
    if len(parts) >= 2:
        others = {ln.key for j, ln in enumerate(lines) if j != k and 4 <= ln.letter_count <= 100}
        for part in parts:
            if _norm(part) in others:
                return part
    return text.strip() or original


_HALF_MAX = 40  # letters of either half of a headline in two parts ("主题 副题")
_HALF_MIN = 6  # letters of each half when the page holds the pair only once


_FURNITURE_UNDER = 8  # lines of widgets between a headline and its date line (share, print, font size, comments)


def _dated_under(lines: list[Line], classes: list[str], k: int) -> bool:
    """A date or source line under line ``k``, or past the furniture under it (a source's bare
    address, a print widget, which the date may be glued to; a row of share and print buttons
    that news sites set between the headline and the date: "用LINE傳送 分享 留言 列印 A-A+ 2019-03-18")."""
    for ln, cls in zip(lines[k + 1: k + 1 + _FURNITURE_UNDER], classes[k + 1: k + 1 + _FURNITURE_UNDER]):
        if ln.dates or _is_meta_line(ln.scan):
            return True
        if cls == clean.CONTENT and not ln.text.lstrip().startswith(_SUBTITLE_DASH):
            return False  # (a subtitle under its dash is headline matter: "——港務局公布十年規劃")
    return False


def _joined_headline(lines: list[Line], classes: list[str], k: int,
                     scores: dict[int, float], run_together: bool = True) -> tuple[str, int] | None:
    """On a page run together on one line, a headline written in two parts with a space between
    them ("广汽回应合资内幕 全面合作即将展开", a Taiwanese "標題　副題") was cut in two there: the
    line found and its neighbour are the headline when the page holds the two parts, space and
    all, twice (the browser title or a list above repeats the headline), or once right above the
    article's date line with the neighbour scoring as a headline piece itself (``scores``: the
    headline model's probabilities; one copy alone may be two lines of a menu). On other text
    pages (not ``run_together``) a headline set in two lines is one when the page holds the two
    together elsewhere (the browser title, a print copy): only the first test applies."""
    page = " ".join(ln.text for ln in lines)
    for a, b in ((k - 1, k), (k, k + 1)):
        if a < 0 or b >= len(lines) or any(classes[j] != clean.CONTENT for j in (a, b)):
            continue
        halves = (lines[a], lines[b])
        pair = f"{halves[0].text} {halves[1].text}"
        twice = page.count(pair) >= 2
        if not (twice or run_together) or not all(
                2 <= h.letter_count <= _HALF_MAX and headline.may_be_headline(h) and not _is_meta_line(h.scan)
                for h in halves):
            continue  # (the count first: on most pages no pair is there twice, and the halves' tests cost more)
        if halves[0].key == halves[1].key or any(meta.find_breadcrumb(h.text) or _is_site_trail(h.text) for h in halves):
            continue  # a breadcrumb (or its last step) and the headline: one headline, not two parts
        if twice:
            return _tidy_words(pair), a
        if not run_together:
            continue
        other = b if a == k else a
        if _dated_under(lines, classes, b) \
                and min(h.letter_count for h in halves) >= _HALF_MIN \
                and scores.get(other, 0.0) >= headline.MIN_PROBABILITY / 2 \
                and not any(meta._TITLE_SPLIT.search(h.text) or meta.find_breadcrumb(h.text) for h in halves):
            # one copy, right above the article's date or source line (or a source link and the
            # date: "南方网 > 新闻 美联储维持…不变 年内预将再加息 2023-06-15 08:10 来源：…"): the
            # other half must be a likely headline piece itself, long enough to be no channel name,
            # and no breadcrumb or browser title piece ("人民网>>江苏频道>>教育", "国际财经_搜狐财经");
            # a promotion beside the headline ("免费订阅《高端阅读》", "精彩内容随时看") scores far below
            return _tidy_words(pair), a
    return None


# a column's name before a bar that goes on into the headline ("图说洛阳|" before it); a part that
# trails off with "..." does not: truncated ticker items end so ("股市收盘大涨百点...")
_CONTINUES = re.compile(r"[|｜丨]\s{0,2}$")
_LONE_SEPARATOR = re.compile(r"^\s{0,2}[|｜丨]\s{0,2}$")
_PART_MAX = 30  # letters of a column's name before the headline's bar


def _headline_part(line: Line, cls: str) -> bool:
    return cls == clean.CONTENT and 2 <= line.letter_count <= _PART_MAX and headline.may_be_headline(line) \
        and not _is_meta_line(line.scan) and not meta.find_breadcrumb(line.text)


def _continued_from_above(lines: list[Line], classes: list[str], k: int) -> int:
    """The first line of a headline that ends at line ``k`` on a page run together on one line.

    Class: headlines in parts, whose parts the run-together page cut at its spaces: a column's
    name before a bar ("书记市长这一周 | 奋马扬鞭争春色", "图说洛阳| …"). A part that ends with a bar,
    or stands before a bar alone, goes on into the line below; a bar in a row of them is a
    menu's ("首页 | 新闻 | 体育"), not a headline's.
    """
    start = k
    for _ in range(2):
        j = start - 1
        if j >= 1 and _LONE_SEPARATOR.match(lines[j].text) and _headline_part(lines[j - 1], classes[j - 1]) \
                and not (j >= 2 and _LONE_SEPARATOR.match(lines[j - 2].text)):
            start = j - 1
        elif j >= 0 and _CONTINUES.search(lines[j].text) and _headline_part(lines[j], classes[j]) \
                and not (j >= 1 and _LONE_SEPARATOR.match(lines[j - 1].text)):
            start = j
        else:
            break
    return start


_LETTERHEAD_META = 2  # metadata lines between an issuer's name and the release's headline


def _under_logo(lines: list[Line], classes: list[str], k: int, first: int, scores: dict[int, float]) -> int:
    """The headline line ``k``, or the post's headline right above the text when ``k`` is the
    site's logo line.

    Class: blogs and small sites whose dump opens with the site's name alone ("技术博客堂": a short
    line, no separators, the words of a topic the posts share) and sets the post's headline right
    above its text, with the date after the post. The logo line borrows the text's words; the
    line right above the text, when it scores as a headline piece itself (``scores``), is the post's.
    """
    j = first - 1
    if k != 0 or not k < j or lines[k].letter_count > _SITE_NAME_LETTERS or meta._TITLE_SPLIT.search(lines[k].text) \
            or _dated_under(lines, classes, k) or _dated_under(lines, classes, j):
        return k
    return j if scores.get(j, 0.0) >= headline.MIN_PROBABILITY / 2 else k


def _below_letterhead(lines: list[Line], k: int, first: int, scores: dict[int, float]) -> int:
    """The headline line ``k``, or the headline of a press release under its letterhead.

    Class: government and company press releases, whose page opens with the issuer's name
    ("嵐港市政府新聞及國際關係處") over a block of labelled metadata (發稿單位, 發稿時間, 發稿人),
    and only then the headline, right above the text. The issuer's line looks like a headline
    with a date under it; the line right above the text, when it scores as a headline too
    (``scores``: the headline model's probabilities), is the release's.
    """
    j = first - 1
    between = lines[k + 1: j]
    if not k < j or len(between) < _LETTERHEAD_META or not all(clean.looks_like_metadata(ln) for ln in between):
        return k
    return j if scores.get(j, 0.0) >= headline.MIN_PROBABILITY else k


_SHARED_OPENING = 4  # letters a short form of the headline shares with the full one


def _full_form(lines: list[Line], classes: list[str], k: int, first: int) -> int:
    """The headline line ``k``, or the fuller form of it that stands between it and the text.

    Class: pages that show the headline first in a short form (a tab, a list label, a
    breadcrumb's last step: "銀礫灣新巴士線試行"), then in full right above the date line and the
    text ("銀礫灣新巴士線下周試行 來往機場島及市中心 每二十分鐘一班"): a later line opening with the
    same letters, longer, with a date under it, is the headline.
    """
    short = lines[k].key
    if len(short) < _SHARED_OPENING:
        return k
    for j in range(k + 1, first):
        ln = lines[j]
        if classes[j] == clean.CONTENT and len(ln.key) > len(short) and ln.key[:_SHARED_OPENING] == short[:_SHARED_OPENING] \
                and headline.may_be_headline(ln) and not _HAS_SENTENCE.search(ln.text) and j + 1 < len(lines) \
                and any(x.dates for x in lines[j + 1: j + 3]):
            return j
    return k


def _copy_over_text(lines: list[Line], classes: list[str], k: int, first: int) -> int:
    """The headline line ``k``, or its last copy above the text.

    Class: text dumps that print the headline first in the browser title at the top (or in a list
    above) and again over the article, where its date line and, on pages run together on one
    line, its second part go with it: the last copy above the text is the one to read the
    headline from, unless the copy found has its date under it already (the later one may head a
    video box or a repeat under widgets).
    """
    key = lines[k].key
    if len(key) < _SHARED_OPENING or _dated_under(lines, classes, k):
        return k
    return max((j for j in range(k + 1, first) if classes[j] == clean.CONTENT and lines[j].key == key), default=k)


_SUBTITLE_DASH = ("——", "—", "--")  # what a headline's subtitle opens with ("——热烈祝贺…", "——记…")


def _over_subtitle(lines: list[Line], classes: list[str], k: int, scores: dict[int, float]) -> int:
    """The headline line ``k``, or the main headline above it when ``k`` is its subtitle.

    Class: editorials, congratulations and features with a headline in two lines, the second
    opening with a dash ("为…凝聚强大智慧和力量" over "——热烈祝贺…会议开幕", "…" over "——记…"):
    a line that opens with a dash says what the line above it is about, so the line above, when it
    may be a headline itself (``scores``: the headline model's probabilities), is the headline.
    """
    j = k - 1
    if j < 0 or not lines[k].text.lstrip().startswith(_SUBTITLE_DASH) or classes[j] != clean.CONTENT:
        return k
    above = lines[j]
    if above.text.lstrip().startswith(_SUBTITLE_DASH) or _CLAUSE_END.search(above.text) \
            or not headline.may_be_headline(above) or _is_meta_line(above.scan):
        return k
    return j if scores.get(j, 0.0) >= headline.MIN_PROBABILITY / 4 else k


_SITE_NAME_LETTERS = 6  # a title this short may be only the site's name
_TRAIL_STEP = re.compile(r"\s{0,2}(?:>{1,2}|›|»|→)\s{0,2}")


def _is_site_trail(text: str) -> bool:
    """A <title> that is the site and a channel as a trail ("世艺网>艺术教育"): every step short.
    Like a <title> of the site's name alone, it holds no headline."""
    steps = [step for step in _TRAIL_STEP.split(text) if step.strip()]
    return len(steps) >= 2 and all(_letters(x) <= _SITE_NAME_LETTERS for x in steps)


_HALF_LETTERS = 6  # letters of a headline's second part at least


def _headline_in_parts(lines: list[Line], k: int, site: str | None) -> bool:
    """Whether the line at ``k``, equal to the whole <title>, is a headline in parts ("…出爐——
    首期工程明年動工") rather than a headline and the site's name (after it or before it, "多维博客 »
    …"): no part is a site's name (og:site_name, a site's ending such as …网, …日报) and no line
    outside the article holds one (the logo, the copyright line name the site). A <title> of the headline alone splits as one
    with a site would."""
    line = lines[k]
    parts = [x for x in meta._TITLE_SPLIT.split(line.text) if x.strip()]
    if len(parts) < 2:
        return False
    if _letters(parts[-1]) < _HALF_LETTERS:
        return False  # (a short last part is a channel's or a site's name: "… - 本地要闻", "…|溪声")
    outside = [_norm(ln.text) for j, ln in enumerate(lines[:3000]) if j != k and not ln.in_content]
    for part in parts:
        key = _norm(part)
        if key == _norm(site or "") or meta.is_site_name(part) or any(key in other for other in outside):
            return False
    return True


def _content_heading(lines: list[Line], classes: list[str]) -> int | None:
    """A heading (h1-h6 or a whole-line emphasis) just above or at the top of the main content."""
    first = next((k for k, ln in enumerate(lines) if ln.in_content), -1)
    if first < 0:
        return None
    for k in range(max(0, first - 8), min(len(lines), first + 5)):
        ln = lines[k]
        if (ln.tag in ("title", "heading") or ln.emphasised) and _SITE_NAME_LETTERS < ln.letter_count <= 80 \
                and classes[k] == clean.CONTENT and ln.link_density < 0.5 and not _is_meta_line(ln.scan):
            return k
    return None


_RANKED_ITEM = re.compile(r"^\s{0,2}\d{1,2}\s{0,1}[.、．]|[(（]\d{1,6}[)）]\s*$")  # "10. …(6)": a ranked list's item


def _permalink_headline(line: Line) -> bool:
    """A post's headline that links to the post itself, right above its text, on a page with no
    <title>: a blog's headline is its permalink (class: old blog and forum pages whose whole
    title line is a link, "13岁女孩辍学后生下女婴(附图)"), unless it is an item of a ranked list."""
    return (4 <= line.letter_count <= 60 and not _CLAUSE_END.search(line.text) and not _RANKED_ITEM.search(line.text)
            and headline.may_be_headline(line) and not _is_meta_line(line.scan))


_HEADER_REACH = (8, 6)  # lines above and below the content's first line that its header may take
_DASH_LEAD = ("——", "--", "—", "－－")
_HEADER_LINE = 120  # characters of a header's date or byline line
_PROSE_IN_LINE = re.compile(r"[。；;]|[，,].{0,80}[，,]")  # a headline may ask or cry out, and hold one comma


def _dated_next(lines: list[Line], classes: list[str], k: int) -> bool:
    """Whether the first line under line ``k`` that is no widget (share buttons, a font-size row)
    and no dash-led subtitle is a date or a metadata line (a byline, "来源：…"): what follows a
    headline on every news page, never a kicker (the headline follows it) or a site's slogan."""
    for j in range(k + 1, min(len(lines), k + 4)):
        if classes[j] != clean.CONTENT and not lines[j].dates or lines[j].text.lstrip().startswith(_DASH_LEAD):
            continue
        short = len(lines[j].text) <= _HEADER_LINE  # (a date in the text's first sentence is its story's)
        return short and (bool(lines[j].dates) and not meta.is_clock_line(lines[j].scan) or _is_meta_line(lines[j].scan))
    return False


def _header_over_dateline(lines: list[Line], classes: list[str], first: int) -> int | None:
    """The headline of an article header when the <title> does not name it: a short line that is
    no sentence, no metadata, no dash-led subtitle, with a date or byline line under it, around the
    content's first line ``first``. A heading or a line in bold or big type wins over a plain one;
    of two alike, the nearer to the content. Serves pages whose headline is a styled text line or
    a lesser heading (<h2>, bold in a table cell, a big <font>), with a banner, a hot list or a
    slogan above it and a <title> of keywords or the site's name alone."""
    if first < 0:
        return None
    best = None
    for k in range(max(0, first - _HEADER_REACH[0]), min(len(lines), first + _HEADER_REACH[1])):
        ln = lines[k]
        if k > first and _PROSE_IN_LINE.search(lines[k - 1].text):
            break  # (under the text's first paragraph a bold line is a subheading)
        if 4 <= ln.letter_count <= 80 and _header_line(ln, classes[k]) and _dated_next(lines, classes, k):
            rank = (0 if ln.tag in ("title", "heading") or ln.emphasised else 1, abs(k - first))
            if best is None or rank < best[0]:
                best = (rank, k)
    return best[1] if best else None


# a role's label over a person ("嘉宾：龙溪镇镇长 王明", "主持人：李四"): an interview's credits
_ROLE_LINE = re.compile(r"^\s{0,2}[\u4e00-\u9fff]{2,4}\s{0,2}[：:][^：:]{0,20}?([\u4e00-\u9fff]{2,3})\s{0,2}$")


def _names_a_role(text: str) -> bool:
    found = _ROLE_LINE.match(text)
    return bool(found) and (found.start(1) == text.find("：") + 1 or text[found.start(1) - 1] == " ") \
        and meta.looks_like_name(found.group(1))


def _header_line(ln: Line, cls: str, linked: bool = False) -> bool:
    """A line that may be a header's headline: content, few links (``linked``: a heading that links
    to its post, a blog's permalink, may), no metadata, no clause marks (a lead sentence, a byline
    lead "本报讯（记者 张三）" are the text's), no dash-led subtitle, no role's label over a person."""
    return ((linked or cls == clean.CONTENT and ln.link_density < 0.5) and not _is_meta_line(ln.scan)
            and not _names_a_role(ln.text)
            and not _CLAUSE_END.search(ln.text) and not _PROSE_IN_LINE.search(ln.text)
            and not ln.text.lstrip().startswith(_DASH_LEAD) and headline.may_be_headline(ln)
            and not meta.find_authors(ln.text) and not meta.is_dateline_lead(ln.text))


def _line_above_content(lines: list[Line], classes: list[str], first: int) -> int | None:
    """The short plain line just above the main content starting at line ``first`` (a headline
    may end with ？ or ！)."""
    for k in range(first - 1, max(-1, first - 8), -1):
        ln = lines[k]
        if 4 <= ln.letter_count <= 80 and ln.link_density < 0.3 and classes[k] == clean.CONTENT \
                and not _is_meta_line(ln.scan) and not _CLAUSE_END.search(ln.text):
            return k
    return None


def _two_heading_headline(lines: list[Line], k: int, parts: list[str]) -> tuple[str, int] | None:
    """A headline set in two heading elements, main line and subtitle ("…政策助企纾困" over
    "预计4年为纳税人减负180亿元"), whose <title> holds both as one (``parts``: the <title>'s
    pieces): line ``k`` and the heading next to it, as one headline."""
    for a, b in ((k, k + 1), (k - 1, k)):
        if a < 0 or b >= len(lines) or not all(lines[j].tag in ("title", "heading") for j in (a, b)):
            continue
        if _norm(lines[a].text + lines[b].text) in parts:
            return f"{_tidy_words(lines[a].text)} {_tidy_words(lines[b].text)}", a
    return None


def find_title(p: Parsed, classes: list[str]) -> tuple[str | None, int]:
    lines = p.lines
    if p.kind == "json":
        return None, -1
    if p.kind == "html":
        wanted = [_norm(c) for c in p.title_candidates if c]
        parts = []
        # (a line of a whole <title> in parts holds what its last part names, perhaps the site, as
        # well: it covers the headline less that part)
        tails = {}
        for c in p.title_candidates:
            pieces = [_norm(x) for x in meta._TITLE_SPLIT.split(c) if _letters(x) >= 2]
            parts.extend(pieces)
            if len(pieces) >= 2:
                tails[_norm(c)] = len(pieces[-1])
        best = None
        for i, line in enumerate(lines[:3000]):
            if len(line.text) > 200 or (line.link_density > 0.5 and line.tag == "text"):
                continue
            key = _norm(line.text)
            if len(key) < (2 if line.tag == "title" else 4):
                continue
            exact = key in parts or any(key == w for w in wanted)
            contained = len(key) >= 6 and any(key in w for w in wanted)
            mostly = contained and any(key in w and 2 * len(key) >= len(w) for w in wanted + parts)
            if exact or (contained and line.tag in ("title", "heading")) or mostly:
                # ties go to the title line that the date line follows (the article's own header),
                # not to a copy of <title> in a page banner
                dated = any(ln.dates and len(ln.text) <= 200 for ln in lines[i + 1: i + 4])
                # a line that matches only the <title>'s tail (a blog platform's logo, "痞客邦 PIXNET"
                # of "文章 @ 部落格 :: 痞客邦 PIXNET ::") loses to one that opens it
                tail_only = not any(w.startswith(key) for w in wanted)
                # of two lines of the same kind, the one holding more of the <title>'s headline wins:
                # a column's name ("港口觀察" of "港口觀察｜…"), a tab's or a breadcrumb's short form are
                # parts of it (a copy of the whole <title> counts without its last part, the site's name)
                covered = len(key) - tails.get(key, 0)
                rank = (1 if tail_only else 0, 0 if line.tag == "title" else 1 if line.tag == "heading" else 2,
                        -covered, 0 if exact else 1, 0 if line.in_content else 1, 0 if dated else 1)
                if best is None or rank < best[0]:
                    best = (rank, i)
        first = next((k for k, ln in enumerate(lines) if ln.in_content), -1)
        if best is not None and best[0][4:] == (1, 1) and first > best[1] + 1 and lines[best[1]].tag != "title" and not any(
                len(kk) >= 4 and (kk in _norm(lines[best[1]].text) or _norm(lines[best[1]].text) in kk)
                for kk in (_norm(ln.text) for ln in lines[first: first + 8])):
            # a <title> copy far above the text, with no date under it and not repeated by the text
            # (a site greeting such as "谢谢您访问…"; never the page's <h1>, though a video box
            # with its own date stands between it and the text): the article's own header just
            # above the text wins, a short line with a date line under it
            for k in range(first - 1, max(best[1], first - 8), -1):
                ln = lines[k]
                if 4 <= _letters(re.sub(r"\d", "", ln.text)) and ln.letter_count <= 80 \
                        and classes[k] == clean.CONTENT and ln.link_density < 0.3 \
                        and not _is_meta_line(ln.scan) and not _CLAUSE_END.search(ln.text) \
                        and any(x.dates and not meta.is_clock_line(x.scan) for x in lines[k + 1: k + 3]):
                    return _tidy_words(ln.text), k
        if best is not None:
            joined = _two_heading_headline(lines, best[1], parts)
            if joined is not None:
                return joined
            text = lines[best[1]].text
            if _norm(text) in wanted and not _headline_in_parts(lines, best[1], p.meta.get("site")):
                text = meta.clean_title(text)  # the whole <title>, site name and all
            if _is_site_trail(text) or _letters(text) <= _SITE_NAME_LETTERS and not 0 <= first - best[1] <= 2:
                # (a short <title> standing right above the text is the article's own short
                # headline, "二十三、感赞" over a chapter's first section, not a logo line)
                # a <title> holding only the site's name ("网易娱乐", "痞客邦 PIXNET") matches its logo
                # line; the article's own headline is a heading at the top of the content
                heading = _content_heading(lines, classes)
                if heading is None:
                    inside = [k for k, ln in enumerate(lines) if ln.in_content]
                    found = headline.find(lines, classes, inside[0], inside[-1]) if inside else None
                    heading = found[0] if found and _SITE_NAME_LETTERS < lines[found[0]].letter_count <= 60 \
                        and not _paragraph_like(lines[found[0]]) and not _CLAUSE_END.search(lines[found[0]].text) else None
                if heading is None and not any(meta._TITLE_SPLIT.search(c) for c in p.title_candidates):
                    # a <title> of the site's name alone (no headline piece before a separator):
                    # a forum's topic line just above the post, "《清洁》：东方式内敛…"
                    heading = _line_above_content(lines, classes, first)
                if heading is not None and heading != best[1]:
                    return _tidy_words(lines[heading].text), heading
            return _tidy_words(text), best[1]
        for i, line in enumerate(lines[:3000]):
            if line.tag == "title" and 4 <= line.letter_count <= 80 and line.link_density < 0.5:
                return _tidy_words(line.text), i
        # no <title> match (the site's name, an SEO title of keywords, another wording): a heading
        # opening the content, else the header's line the date or byline follows, else a short
        # plain line opening the content or just above it
        first = next((k for k, ln in enumerate(lines) if ln.in_content), -1)
        for _ in range(2):  # past a breadcrumb the content box opens with ("当前位置：首页->军事技术")
            if 0 <= first < len(lines) - 1 and lines[first + 1].in_content and meta.find_breadcrumb(lines[first].text):
                first += 1
        opening = lines[first] if first >= 0 and 4 <= lines[first].letter_count <= 40 else None
        if opening is not None and (opening.tag in ("title", "heading") or opening.emphasised) \
                and _header_line(opening, classes[first], linked=True):
            return _tidy_words(opening.text), first
        k = _header_over_dateline(lines, classes, first)
        if k is not None:
            return _tidy_words(lines[k].text), k
        if opening is not None and not _HAS_SENTENCE.search(opening.text) and not _is_meta_line(opening.scan) \
                and classes[first] == clean.CONTENT:
            return _tidy_words(opening.text), first
        k = _line_above_content(lines, classes, first)
        if k is not None:
            return _tidy_words(lines[k].text), k
        if p.title_candidates:
            return meta.clean_title(p.title_candidates[0]), -1
        k = first - 1
        if first > 0 and _permalink_headline(lines[k]):
            return _tidy_words(lines[k].text), k
        return None, -1
    scores: dict[int, float] = {}
    if p.has_region:
        inside = [k for k, ln in enumerate(lines) if ln.in_content]
        scores = headline.scores(lines, classes, inside[0], inside[-1])
        found = headline.best(scores)
        if found is not None:
            k = _copy_over_text(lines, classes, found[0], inside[0])
            joined = _joined_headline(lines, classes, k, scores, run_together=p.run_together)
            if joined is not None and not p.run_together:
                return joined
            if p.run_together:
                at = joined[1] if joined is not None else k
                start = _continued_from_above(lines, classes, at)
                if start < at:
                    text = joined[0] if joined is not None else tidy_headline(lines, at)
                    return _tidy_words(" ".join(ln.text for ln in lines[start: at]) + " " + text), start
                if joined is not None:
                    return joined
            k = _under_logo(lines, classes, k, inside[0], scores)
            k = _below_letterhead(lines, k, inside[0], scores)
            k = _full_form(lines, classes, k, inside[0])
            k = _over_subtitle(lines, classes, k, scores)
            return tidy_headline(lines, k), k
    # plain text: the line just above the first date line, else the first plausible line
    for i, line in enumerate(lines[:40]):
        if classes[i] != clean.CONTENT or len(line.text) > 120:
            continue
        if line.dates and not meta.is_clock_line(line.scan):
            for j in range(i - 1, max(-1, i - 4), -1):
                cand = lines[j]
                if classes[j] == clean.CONTENT and 4 <= cand.letter_count <= 100 and not meta.find_breadcrumb(cand.text) \
                        and headline.may_be_headline(cand):
                    j = _over_subtitle(lines, classes, j, scores)
                    return tidy_headline(lines, j), j
            break
    for i, line in enumerate(lines[:40]):
        if classes[i] == clean.CONTENT and 4 <= line.letter_count <= 100 and not meta.find_breadcrumb(line.text) \
                and headline.may_be_headline(line):
            return tidy_headline(lines, i), i
    return None, -1
