"""The one stage where HTML and plain text meet: lines -> Article.

1. find the title line; 2. read the header zone after it (date, source, authors, editor) and the
breadcrumb before it; 3. walk the body: drop junk (clean.classify), stop at the end-of-article
furniture (related links, comments), consume metadata lines and end bylines, remember where a
share widget stood, drop repeated paragraphs, mark subheadings.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from ..errors import ContentError
from ..model import Article, ArticleHints, Block
from . import clean, headline, meta, region
from .parsed import SCAN_LIMIT, Line, Parsed, fold_lines

_SENTENCE_END = re.compile(r"[。！？!?；;：:，,…」”\"]$")
_HAS_SENTENCE = re.compile(r"[。！？!?；;，,]")
_HEADER_MAX = 12
_CITATION = re.compile(
    r"^\s{0,2}(?:[—\-－─]{1,3}\s{0,2}《|[（(]?\s{0,2}(?:摘自|摘編自|摘编自|转载自|轉載自|转自|轉自|原载|原載|选自|選自|原文载|原文載)\s{0,2}[:：]?\s{0,2}《)"
)
_CITED_NAME = re.compile(r"《([^》]{1,30})》")
_ORIGINAL_TITLE = re.compile(r"^[\s【\[（(]{0,2}(?:原标题|原標題|原题|原題)\s{0,2}[:：]")
_META_WORDS = re.compile(r"发表|發表|更新|来源|來源|作者|编辑|編輯|阅读|閱讀|点击|點擊|浏览|瀏覽")
SUBHEADING_MAX = 30
_HEADLINE_LETTERS = 30  # a line this short, without a full stop, may be headline matter
# A date line after this many letters of text is no longer the header's: the page's metadata
# (a meta tag with a time, JSON-LD) outranks it ("发行日期：2001年12月14日" in a discography)
_LATE = 200
_CLAUSE_END = re.compile(r"[。；;：:，,]$")  # a title may end with ？ or ！, not with these
_DECK_END = re.compile(r"[。！？!?…]\s{0,2}[」”\"]?\s{0,2}$")
# A photo caption: led by a marker (▲), or closed by its credit, "（圖／記者X攝）", "（資料照）", "記者X攝"
# (matched on the folded line: 圖/攝 fold to 图/摄)
_PHOTO_CAPTION = re.compile(
    r"^\s{0,2}[▲△▼▽]|[（(]\s{0,2}(?:图|摄|照片|图片|资料照|翻摄|截图)[^（）()]{0,30}[)）]\s{0,2}$"
    r"|(?:记者|特派员)?[\u4e00-\u9fff]{2,4}\s{0,2}摄\s{0,2}[)）]?\s{0,2}$"
    # a Taiwanese credit closing the caption: "…提供設備。 圖／", "記者陳嘉寧／翻攝"
    r"|(?:图|摄影|摄)\s{0,2}[/／]\s{0,2}[\u4e00-\u9fff]{0,8}\s{0,2}$|记者[\u4e00-\u9fff]{2,4}\s{0,2}[/／]\s{0,2}(?:翻摄|摄影|摄)"
)
# an author's affiliation under a paper: 【作者单位：中国社会科学院研究生院】
_AFFILIATION = re.compile(r"^[\s【\[（(]{0,2}(?:作者单位|作者單位)\s{0,2}[:：]")


def _letters(s: str) -> int:
    """Letters and digits in s, counted on a bounded prefix (only thresholds depend on it)."""
    return len(clean._letters(s[:SCAN_LIMIT]))


def _norm(s: str) -> str:
    """A comparison key: letters of a bounded prefix, plus the length when longer."""
    key = clean._letters(s[:SCAN_LIMIT]).lower()
    return key if len(s) <= SCAN_LIMIT else f"{key}#{len(s)}"


# What text dumps put around a headline line: a BOM, list bullets, a text browser's image and
# anchor tokens ("[v_8]", "[udn001]", "SNAP-1.GIF"), a wiki's "[编辑]" link
_HEADLINE_LEAD = re.compile(r"^(?:[\ufeff\s•·●○■□◆◇▪▶►★☆*]|\[[A-Za-z0-9_.\-]{1,24}\]|[\w\-]+\.(?:gif|jpe?g|png|bmp)\b)+", re.I)
_HEADLINE_TRAIL = re.compile(r"(?:[\ufeff\s]|\[(?:编辑|編輯|edit)\]|\[\s*\])+$", re.I)
# what pages hang after a headline: a page number ("(页 1)", "（第2页）"), a dangling separator ("- -")
_HEADLINE_AFTER = re.compile(r"(?:\s*[（(]\s*(?:页|頁|第)\s*\d{1,3}\s*(?:页|頁)?\s*[)）]|\s+[-–—_|]+(?:\s+[-–—_|]+)*)\s*$")


def _tidy_words(text: str) -> str:
    """A headline without a forum's "主题：" label and what pages hang after it."""
    return _HEADLINE_AFTER.sub("", text[headline.subject_label_length(text):]).strip() or text


# a label the text opens with: "编者按", "个人简介：", "一、培养目标：", "【短视频文化现象观察】"
_LEAD_LABEL = re.compile(r"^[\s【\[]{0,2}(?:编者按|編者按|[一二三四五六七八九十]{1,3}、|[\u4e00-\u9fff]{2,8}[:：]\s{0,2}$)|^【[^】]{4,20}】")


_CLOSING_AFTER = 50  # letters of text before a credit can close the article (not the header zone)
_BRACKETED_CREDIT = re.compile(r"^\s{0,2}[（(\[【]\s{0,2}(?:责任编辑|責任編輯|责编|責編|编辑|編輯)\s{0,2}[:：]")


def tidy_headline(lines: list[Line], k: int) -> str:
    """The headline a text page's line ``k`` holds, without the furniture of text dumps, a forum's
    "主题：" label, or the site and channel names of a browser title ("议程_秘书处_CN_中心") when
    one of its parts stands on the page as a line of its own (the page's own headline)."""
    original = lines[k].text
    text = _tidy_words(_HEADLINE_TRAIL.sub("", _HEADLINE_LEAD.sub("", original)))
    parts = [part.strip() for part in meta._TITLE_SPLIT.split(text) if _letters(part) >= 4]
    if len(parts) >= 2:
        others = {ln.key for j, ln in enumerate(lines) if j != k and 4 <= ln.letter_count <= 100}
        for part in parts:
            if _norm(part) in others:
                return part
    return text.strip() or original


def _title_repeat(key: str, title_key: str) -> bool:
    """A line repeating the title, or the larger part of it ("X：标题" repeated as "标题")."""
    return len(key) >= 4 and bool(title_key) and key in title_key and 2 * len(key) >= len(title_key)


def _name_line(text: str, title: str | None) -> list[str]:
    """A line made only of one to four personal names: "胡平", "赵延东、风笑天".

    Unlabelled, so it needs support: the first name starts with a common surname, or the title
    names it as its author ("茉莉：我是怎样卷入八九民运的").
    """
    s = text.strip()
    if not 2 <= len(s) <= 24 or not meta._NAMES.fullmatch(s):
        return []
    parts = [x for x in re.split(r"[\s、，,/　]+", s) if x]
    names = meta._names(s)
    if not names or len(names) != len(parts) or len(names) > 4 or any(len(x) > 4 for x in names):
        return []
    if meta.looks_like_name(names[0]) or (title and re.match(re.escape(names[0]) + r"\s{0,2}[:：]", title)):
        return names
    return []


def _is_meta_line(text: str) -> bool:
    s = text[:300]
    return bool(
        meta.find_dates(s) or meta.find_source(s) or meta.find_authors(s) or meta.find_editor(s)
        or meta.find_breadcrumb(s)
    )


def _paragraph_like(line: Line) -> bool:
    n = line.letter_count
    if n >= 60:
        return True
    if n < 15 or not _HAS_SENTENCE.search(line.scan):
        return False
    if "。" in line.scan or not _is_meta_line(line.scan):
        return True
    # a lead opening with its tag: "【看中国2005年07月03日报道】一九八九年四月，我在…" (text after the tag)
    tag = meta._TAG_SOURCE.match(line.scan)
    return bool(tag) and _letters(line.scan[tag.end():]) >= 10 and bool(_HAS_SENTENCE.search(line.scan[tag.end():]))


_SITE_NAME_LETTERS = 6  # a title this short may be only the site's name


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


def _find_title(p: Parsed, classes: list[str]) -> tuple[str | None, int]:
    lines = p.lines
    if p.kind == "json":
        return None, -1
    if p.kind == "html":
        wanted = [_norm(c) for c in p.title_candidates if c]
        parts = []
        for c in p.title_candidates:
            parts.extend(_norm(x) for x in meta._TITLE_SPLIT.split(c) if _letters(x) >= 2)
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
                rank = (0 if line.tag == "title" else 1 if line.tag == "heading" else 2, 0 if exact else 1,
                        0 if line.in_content else 1, 0 if dated else 1)
                if best is None or rank < best[0]:
                    best = (rank, i)
        first = next((k for k, ln in enumerate(lines) if ln.in_content), -1)
        if best is not None and best[0][2:] == (1, 1) and first > best[1] + 1 and not any(
                len(kk) >= 4 and (kk in _norm(lines[best[1]].text) or _norm(lines[best[1]].text) in kk)
                for kk in (_norm(ln.text) for ln in lines[first: first + 8])):
            # a <title> copy far above the text, with no date under it and not repeated by the text
            # (a site greeting such as "谢谢您访问…"): the article's own header just above the text
            # wins, a short line with a date line under it
            for k in range(first - 1, max(best[1], first - 8), -1):
                ln = lines[k]
                if 4 <= _letters(re.sub(r"\d", "", ln.text)) and ln.letter_count <= 80 \
                        and classes[k] == clean.CONTENT and ln.link_density < 0.3 \
                        and not _is_meta_line(ln.scan) and not _CLAUSE_END.search(ln.text) \
                        and any(x.dates and not meta.is_clock_line(x.scan) for x in lines[k + 1: k + 3]):
                    return _tidy_words(ln.text), k
        if best is not None:
            text = lines[best[1]].text
            if _norm(text) in wanted:  # the whole <title>, site name and all
                text = meta.clean_title(text)
            if _letters(text) <= _SITE_NAME_LETTERS:
                # a <title> holding only the site's name ("网易娱乐", "痞客邦 PIXNET") matches its logo
                # line; the article's own headline is a heading at the top of the content
                heading = _content_heading(lines, classes)
                if heading is None:
                    inside = [k for k, ln in enumerate(lines) if ln.in_content]
                    found = headline.find(lines, classes, inside[0], inside[-1]) if inside else None
                    heading = found[0] if found and _SITE_NAME_LETTERS < lines[found[0]].letter_count <= 60 \
                        and not _paragraph_like(lines[found[0]]) and not _CLAUSE_END.search(lines[found[0]].text) else None
                if heading is not None and heading != best[1]:
                    return _tidy_words(lines[heading].text), heading
            return _tidy_words(text), best[1]
        for i, line in enumerate(lines[:3000]):
            if line.tag == "title" and 4 <= line.letter_count <= 80 and line.link_density < 0.5:
                return line.text, i
        # no <title> match: a heading opening the content, else the short line just before it
        first = next((k for k, ln in enumerate(lines) if ln.in_content), -1)
        for _ in range(2):  # past a breadcrumb the content box opens with ("当前位置：首页->军事技术")
            if 0 <= first < len(lines) - 1 and lines[first + 1].in_content and meta.find_breadcrumb(lines[first].text):
                first += 1
        if first >= 0 and 4 <= lines[first].letter_count <= 40 and (
                lines[first].tag in ("title", "heading") or lines[first].emphasised
                or (not _HAS_SENTENCE.search(lines[first].text) and not _is_meta_line(lines[first].scan)
                    and classes[first] == clean.CONTENT)):
            return lines[first].text, first
        for k in range(first - 1, max(-1, first - 8), -1):
            ln = lines[k]
            if 4 <= ln.letter_count <= 80 and ln.link_density < 0.3 and classes[k] == clean.CONTENT \
                    and not _is_meta_line(ln.scan) and not _CLAUSE_END.search(ln.text):
                return _tidy_words(ln.text), k  # (a headline may end with ？ or ！)
        if p.title_candidates:
            return meta.clean_title(p.title_candidates[0]), -1
        return None, -1
    if p.has_region:
        inside = [k for k, ln in enumerate(lines) if ln.in_content]
        found = headline.find(lines, classes, inside[0], inside[-1])
        if found is not None:
            return tidy_headline(lines, found[0]), found[0]
    # plain text: the line just above the first date line, else the first plausible line
    for i, line in enumerate(lines[:40]):
        if classes[i] != clean.CONTENT or len(line.text) > 120:
            continue
        if line.dates and not meta.is_clock_line(line.scan):
            for j in range(i - 1, max(-1, i - 4), -1):
                cand = lines[j]
                if classes[j] == clean.CONTENT and 4 <= cand.letter_count <= 100 and not meta.find_breadcrumb(cand.text):
                    return tidy_headline(lines, j), j
            break
    for i, line in enumerate(lines[:40]):
        if classes[i] == clean.CONTENT and 4 <= line.letter_count <= 100 and not meta.find_breadcrumb(line.text) \
                and not line.text.endswith("。"):
            return tidy_headline(lines, i), i
    return None, -1


def _pick_date(header: list[str], body_edges: list[str], all_lines: list[Line], title_idx: int, tag_date: str | None,
               footer: list[str] = (), first_content: int = -1, citations: list[str] = (), late: list[str] = (),
               url_date: str | None = None, day_first: bool = False) -> str | None:
    """The article's date: the header zone first, then metadata, the text's edges, the URL.

    ``url_date`` (the day in the article's URL) breaks ties: among several header dates the one
    the URL names wins, and it is the fallback when the page shows no date.
    """
    def best_in(texts: list[str], labelled_only: bool = False) -> str | None:
        fallback = None
        for t in texts:
            if meta.is_clock_line(t) or meta.is_reference_line(t):
                continue
            found = meta.find_dates(t, day_first)
            if not found:
                continue
            label = meta.DATE_LABEL.search(t[: found[0].start + 1])
            if label:
                return found[0].iso
            if not labelled_only and fallback is None:
                fallback = found[0].iso
        return fallback

    if url_date:
        for t in list(header) + list(late):
            if meta.is_clock_line(t) or meta.is_reference_line(t):
                continue
            for f in meta.find_dates(t, day_first):
                if f.iso[:10] == url_date or _swapped(f.iso) == url_date:
                    return _merge(f.iso, tag_date, url_date)
    got = best_in(header)
    if got:
        return _merge(got, tag_date, url_date)
    if tag_date and not tag_date.endswith("T00:00:00") and not tag_date.endswith("T00:00"):
        return tag_date
    got = best_in(late)
    if got:
        return _merge(got, tag_date, url_date)
    month = next((m for m in map(meta.bare_month, header) if m), None)
    if month:
        return tag_date if tag_date and tag_date.startswith(month) else month
    got = best_in(body_edges, labelled_only=True) or best_in(footer)
    if got:
        return got
    if first_content >= 0:
        near = [ln.scan for ln in all_lines[max(0, first_content - 10): first_content + 5]
                if ln.link_density < 0.3 and len(ln.text) <= 200]
        got = best_in(near)
        if got:
            return got
    if tag_date:
        return tag_date
    if url_date:
        return url_date
    for t in list(body_edges) + list(footer) + list(citations):
        got = meta.issue_month(t)
        if got:
            return got
    # anywhere after the title that is not a link list, then before it (page clocks last)
    after = [ln.scan for ln in all_lines[title_idx + 1:] if ln.link_density < 0.3 and len(ln.text) <= 200]
    got = best_in(after[:60], labelled_only=True) or best_in(after[:15])
    if got:
        return got
    before = [ln.scan for ln in all_lines[:max(title_idx, 0)] if ln.link_density < 0.3 and len(ln.text) <= 200]
    return best_in(before[-15:], labelled_only=True)


def _compact_date(header: list[str], blocks: list[Block]) -> str | None:
    """A header date written without separators: one reading, or the one the lead names
    ("发布时间：2015127" and a lead opening "12月7日上午" is 2015-12-07); else none, not a guess."""
    lead = next((b.text[:120] for b in blocks if b.kind == "paragraph"), "")
    for h in header:
        readings = meta.compact_dates(h)
        if len(readings) == 1:
            return readings[0]
        named = [r for r in readings if f"{int(r[5:7])}月{int(r[8:10])}日" in lead]
        if len(named) == 1:
            return named[0]
    return None


def _swapped(iso: str) -> str | None:
    """The other reading of an ambiguous day/month: 2022-06-02 -> 2022-02-06."""
    if len(iso) < 10 or iso[5:7] == iso[8:10] or int(iso[8:10]) > 12:
        return None
    return f"{iso[:4]}-{iso[8:10]}-{iso[5:7]}"


def _merge(text_date: str, tag_date: str | None, url_date: str | None = None) -> str:
    """Prefer the visible date; take the time/zone from the meta tag when it is the same day.

    A visible 06/02/2022 is ambiguous (day or month first): when the meta tag or the URL says the
    swapped reading, they are right.
    """
    swapped = _swapped(text_date)
    if tag_date and swapped and tag_date[:10] == swapped:
        return tag_date
    if url_date and swapped and url_date == swapped and not (tag_date and tag_date[:10] == text_date[:10]):
        text_date = swapped + text_date[10:]
    if tag_date and tag_date[:10] == text_date[:10] and len(tag_date) > len(text_date):
        return tag_date
    return text_date


def _absolute(base: str, url: str) -> str:
    try:
        return urljoin(base, url)
    except ValueError:  # a malformed address ("http://[x"): kept as the page wrote it
        return url


def assemble(p: Parsed, hints: ArticleHints) -> Article:
    lines = p.lines
    fold_lines(lines)
    classes = [clean.classify(ln) for ln in lines]
    if p.kind == "text":
        found = region.article_region(lines, classes)
        if found is not None:
            first = found[0]
            if first > 0 and classes[first - 1] == clean.CONTENT and lines[first - 1].letter_count <= 30 \
                    and _LEAD_LABEL.search(lines[first - 1].text):
                found = (first - 1, found[1])  # the label the text opens with ("编者按") is the text's
            for k, ln in enumerate(lines):
                ln.in_content = found[0] <= k <= found[1]
            p.has_region = True
    title, t = _find_title(p, classes)

    breadcrumb: list[str] = []
    for ln in lines[max(0, t - 10) if t >= 0 else 0: t if t >= 0 else min(len(lines), 15)]:
        crumb = meta.find_breadcrumb(ln.scan)
        if crumb:
            breadcrumb = crumb
    # header zone: lines after the title until the first paragraph-like line
    header: list[str] = []
    share_at_start = False
    i = t + 1
    if t < 0 and p.has_region:
        i = next((k for k, ln in enumerate(lines) if ln.in_content), len(lines))
    elif t < 0:
        i = 0
    end = min(len(lines), i + _HEADER_MAX)
    # a manifest or JSON title is the title the body must not repeat, as a page's own title is
    title_key = _norm(hints.title or title or "")
    # until anything but title repeats and metadata follows the title, a line of bare names is
    # the byline of an essay or paper ("胡平", "赵延东、风笑天" under the title)
    lead_clear = t >= 0 and p.kind != "json"
    lead_names: list[str] = []
    while i < end:
        ln = lines[i]
        if _paragraph_like(ln):
            break
        if classes[i] == clean.SHARE:
            share_at_start = True
        elif classes[i] == clean.CONTENT or (ln.link_density <= 0.7 and len(ln.text) <= 200 and _is_meta_line(ln.scan)):
            if not _is_meta_line(ln.scan) and (ln.letter_count > 25 or p.kind == "json"):
                break
            opening = not _is_meta_line(ln.scan) and not _title_repeat(_norm(ln.text), title_key)
            names_here: list[str] = []
            if lead_clear and opening:
                lead_names = names_here = _name_line(ln.text, title)
                lead_clear = False
            if opening and not names_here and _LEAD_LABEL.search(ln.text):
                break  # the text opens with a label of its own: "编者按", "个人简介：", "一、培养目标："
            header.append(ln.scan)
        elif not _title_repeat(_norm(ln.text), title_key):
            lead_clear = False  # furniture between the title and the line: not the title's byline
        if not breadcrumb:
            crumb = meta.find_breadcrumb(ln.scan)
            if crumb:
                breadcrumb = crumb
        i += 1
    body_start = i
    if p.has_region and t >= 0:
        inside = [k for k, ln in enumerate(lines) if ln.in_content]
        if inside and t > inside[-1]:
            body_start = inside[0]  # the title block stands after the text

    # body
    blocks: list[Block] = []
    authors: list[str] = []
    editor: str | None = None
    source: str | None = None
    seen: set[str] = set()
    body_chars = 0
    share_done = False
    footer: list[str] = []
    citation: str | None = None  # ——《北京之春》1996年6月号 / (摘自《…》)
    citation_lines: list[str] = []
    title_parts = {_norm(x) for c in p.title_candidates for x in meta._TITLE_SPLIT.split(c) if _letters(x) >= 4}
    marked: set[int] = set()  # blocks the markup calls headings (h2-h6, <strong> lines, JSON kinds)
    after_content = 0
    skipping_list = False
    deck = 0  # leading blocks standing above a byline
    real_paragraph = False  # a paragraph longer than headline matter has been kept (blocks only grow below)
    first_in = next((k for k, ln in enumerate(lines) if ln.in_content), -1) if p.has_region else -1
    late: list[str] = []  # date lines found after the text began (a post's stamp, or a date in a table)
    # a bracketed credit closing the article ("[ 责编：杨煜 ]", "(责编：胡永秋、杨光宇)") is set as part of
    # it: taken into the fields, and kept as its last line when only furniture follows (a bare
    # "责任编辑：张毅" line under the text is the page's furniture, and not kept)
    closing: list[tuple[int, str]] = []
    for k in range(body_start, len(lines)):
        ln = lines[k]
        if p.has_region and not ln.in_content and not (
                not body_chars and 0 <= first_in < k and classes[k] == clean.CONTENT and ln.link_density < 0.3
                and _paragraph_like(ln)):
            # (a lead paragraph in its own box, after the article region has begun and before its
            # text, is the article's: "各位好，我是安东尼。…" between the date line and the text)
            if not body_chars:
                continue
            after_content += 1
            if after_content <= 8 and len(ln.text) <= 120 and not clean.is_tail_marker(ln) and ln.link_density <= 0.7:
                footer.append(ln.scan)
            if after_content <= 2 and ln.text.lstrip().startswith(("(", "（")) and ln.letter_count <= 30:
                # the reporters' names closing the article, on a line of their own: "(葉芷晴 張泳渝"
                authors.extend(x for x in meta.paren_byline(ln.text) if x not in authors)
            if classes[k] == clean.SHARE and after_content <= 8 and not share_done:
                blocks.append(Block("share"))
                share_done = True
            continue
        after_content = 0
        cls = classes[k]
        if skipping_list:
            if ln.link_density > 0.3 or (ln.letter_count <= 30 and not _HAS_SENTENCE.search(ln.text)):
                continue
            skipping_list = False
        if clean.is_tail_marker(ln) and body_chars >= 50:
            # comments and (in text scrapes) everything after the furniture is never the article;
            # an HTML related-links box is skipped as a whole and the article goes on after it
            if p.kind != "html" or clean.is_comments_marker(ln):
                break
            skipping_list = True
            continue
        if cls == clean.SHARE:
            if not share_done:
                blocks.append(Block("share"))
                share_done = True
            continue
        if cls != clean.CONTENT:
            lead_clear = False
            # a post's own stamp line may look like junk ("〓 X留言板 发布时间 2005/05/17 22:11 by Y 〓"):
            # inside the article region, a short line with a labelled date still dates the article
            if p.has_region and cls.startswith("junk:") and cls != "junk:links" and len(ln.text) <= 120:
                found = ln.dates
                if found and meta.DATE_LABEL.search(ln.text[: found[0].start + 1]):
                    (header if body_chars < _LATE else late).append(ln.scan)
            continue
        text = ln.text
        n = ln.letter_count
        if n <= 60:
            found = ln.dates
            if found and ((n <= 40 and not body_chars or n <= 30) and (
                    meta.DATE_LABEL.search(text) or _META_WORDS.search(text) or not _HAS_SENTENCE.search(text))
                    or meta.DATE_LABEL.search(text[: found[0].start + 1]) and not _HAS_SENTENCE.search(text)):
                (header if body_chars < _LATE else late).append(ln.scan)
                continue
        if n <= 60:
            ed = meta.find_editor(ln.scan)
            if ed and (meta._EDITOR_LABEL.match(text.strip("（()） 【】[]")) or n <= 30):
                editor = editor or ed
                if body_chars >= _CLOSING_AFTER and _BRACKETED_CREDIT.match(text):
                    closing.append((sum(1 for b in blocks if b.kind == "paragraph"), text))
                continue
            src = meta.find_source(ln.scan)
            if src and n <= 40 and meta._SOURCE_LABEL.match(text.strip("（()） 【】[]")):
                source = source or src
                continue
            if n <= 30:
                names = meta.paren_byline(text) if text.lstrip().startswith(("(", "（")) else []
                if names:
                    authors.extend(x for x in names if x not in authors)
                    continue
                if not _HAS_SENTENCE.search(text):
                    found = meta.find_authors(ln.scan)
                    if found:
                        authors.extend(x for x in found if x not in authors)
                        # headline matter above the byline (引题/副题/提要: short, no full stop) is not
                        # body; dropped after the loop if article text follows the byline
                        if not deck and 0 < len(blocks) <= 2 and all(
                                b.kind == "share" or (_letters(b.text) <= 60 and not _DECK_END.search(b.text))
                                for b in blocks):
                            deck = len(blocks)
                        continue
        if n <= 80 and (_ORIGINAL_TITLE.match(text) or _AFFILIATION.match(text)):
            continue
        if not real_paragraph and n <= 80 and _PHOTO_CAPTION.search(ln.folded):
            continue  # a photo's caption standing above the text (its credit gives it away)
        if not real_paragraph:
            # before the first real paragraph (a deck line such as "15家企业" may stand first)
            if n <= 80 and _title_repeat(_norm(text), title_key):
                continue
            if lead_clear:
                lead_clear = False
                if not lead_names:
                    lead_names = _name_line(text, title)
                    if lead_names:
                        continue
        if n <= 60 and body_chars and _CITATION.match(text):
            cited = _CITED_NAME.search(text)
            if cited:
                citation = cited.group(1)
            citation_lines.append(ln.scan)
            continue
        if title_parts and n <= 80 and len(blocks) < 3 and _norm(text) in title_parts:
            continue
        key = _norm(text)
        if key == title_key and not blocks:
            continue
        if len(key) >= 4:
            if key in seen:
                continue
            seen.add(key)
        if not blocks or all(b.kind == "share" for b in blocks):
            tag = meta._TAG_SOURCE.match(text)
            if tag and len(text) > tag.end():
                source = source or tag.group(1)
                text = text[tag.end():].lstrip()
        blocks.append(Block("paragraph", text))
        real_paragraph = real_paragraph or _letters(text) > _HEADLINE_LETTERS
        if ln.tag == "heading" or ln.emphasised:
            marked.add(len(blocks) - 1)
        body_chars += n

    if deck and any(b.kind == "paragraph" for b in blocks[deck:]):
        kept = [b for b in blocks[:deck] if b.kind == "share"]
        marked = {j - deck + len(kept) for j in marked if j >= deck}
        blocks = kept + blocks[deck:]

    # subheadings: short lines without closing punctuation, with a paragraph after them
    para_idx = [j for j, b in enumerate(blocks) if b.kind == "paragraph"]
    last_long = max((j for j in para_idx if _letters(blocks[j].text) > 8 and j not in marked), default=-1)
    for j in para_idx:
        b = blocks[j]
        n = _letters(b.text)
        if 0 < n <= SUBHEADING_MAX and j < last_long and (j in marked or not _SENTENCE_END.search(b.text.strip())) \
                and not b.text.strip().startswith(("(", "（", "[", "【", "—", "-")):
            blocks[j] = Block("subheading", b.text)

    # an end byline glued to the last paragraph: "...认同感。（记者 张三）" names the authors; it stays
    # in the text, where the page sets it
    if not authors:
        for j in range(len(blocks) - 1, max(-1, len(blocks) - 3), -1):
            b = blocks[j]
            if b.kind != "paragraph":
                continue
            m = re.search(r"[（(]([^（）()]{2,40})[)）]\s*$", b.text[-60:])
            if m:
                authors.extend(meta.paren_byline(m.group(0)))
            break
    paragraphs = [j for j, b in enumerate(blocks) if b.kind == "paragraph"]
    ending = [text for at, text in closing if at == len(paragraphs)]
    if ending and paragraphs:
        blocks.insert(paragraphs[-1] + 1, Block("paragraph", ending[0]))
    blocks = [b for b in blocks if b.kind == "share" or b.text]
    if share_at_start and not share_done:
        blocks.insert(0, Block("share"))
    if blocks and all(b.kind == "share" for b in blocks):
        blocks = []

    for a in lead_names:
        if a not in authors:
            authors.append(a)
    # metadata from the header zone
    for h in header:
        if not source:
            source = meta.find_source(h)
        for a in meta.header_authors(h):
            if a not in authors:
                authors.append(a)
        if not editor:
            editor = meta.find_editor(h)
    for f in footer:
        s_ = f.strip("（()） 【】[]")
        if not editor and meta._EDITOR_LABEL.match(s_):
            editor = meta.find_editor(f)
        if not source and meta._SOURCE_LABEL.match(s_):
            source = meta.find_source(f)
        if meta._AUTHOR_LABEL.match(s_):
            authors.extend(a for a in meta.find_authors(f) if a not in authors)
    if not authors:
        # the stamp closing a post inside the text: "〓 … 发布时间 2005/03/15 22:36:13 by duscha 〓"
        for h in late:
            authors = meta.header_authors(h)
            if authors:
                break
    if not authors:
        # a post's own stamp under it: "本贴由大卫于…发表", "由海姑娘张贴 @ …" (the first one only:
        # later stamps belong to replies)
        for f in footer:
            if meta.find_dates(f):
                authors = meta.posted_by(f)
                break
    if not source and citation:
        source = citation
    for b in blocks[:2]:
        if b.kind == "paragraph":
            if not source:
                m = meta._DATELINE.search(b.text[:80]) or meta._DATELINE_SHORT.search(b.text[:80]) \
                    or meta._TAG_SOURCE.search(b.text[:40])
                if m:
                    source = m.group(1)
            if not authors:
                authors = meta.lead_reporters(b.text)
            break
    tag_date = meta.parse_date(p.meta.get("published"))
    edges = [b.text[:300] for b in blocks[-3:] if b.kind == "paragraph"]
    first_content = next((k for k, ln in enumerate(lines) if ln.in_content), -1) if p.has_region else -1
    published = _pick_date(header, edges, lines, t, tag_date, footer, first_content, citation_lines, late,
                           meta.url_date(hints.url or p.meta.get("url")),
                           meta.day_first_locale(hints.language or p.meta.get("lang")))
    if not published:
        published = _compact_date(header, blocks)
    if not authors and first_content > 0:
        # a post's stamp just above its text: "ggjjzhzz 发表于 2005-9-15 11:46:00"
        for ln in lines[first_content - 1: max(0, first_content - 4): -1]:
            if len(ln.text) <= 120 and ln.dates:
                authors = meta.posted_by(ln.scan)
                break
    if not authors and p.meta.get("author"):
        # a CMS's author field often holds the user who posted the story: the editor the page
        # credits is never its author
        authors = [a for a in meta._names(p.meta["author"]) if a != editor]
    if not authors and p.meta.get("account"):
        # a self-media or WeChat account is the author when no person is named (not a site name)
        account = p.meta["account"]
        if account != p.meta.get("site") and not any(account in t for t in p.title_candidates[:1] if "_" in t or "|" in t):
            authors = [account]

    # hints override what the page says
    if hints.title:
        title = hints.title
    if hints.published:
        published = meta.parse_date(hints.published) or hints.published
    if hints.authors is not None:
        authors = list(hints.authors)
    url = hints.url or p.meta.get("url")
    if hints.fetched_url:  # a saved page: its own canonical URL, made absolute, else where it was fetched
        url = _absolute(hints.fetched_url, url) if url else hints.fetched_url
    if not published and hints.saved:
        published = meta.parse_date(hints.saved)
    if not source:
        source = hints.source or p.meta.get("site")
    body_text = [b for b in blocks if b.kind != "share"]
    if not body_text:
        raise ContentError("no article text found")
    # no headline found: the article says so (an empty title; the reader shows its file name,
    # muted) instead of passing a line of the page off as the headline
    title = title or ""
    return Article(
        title=title,
        blocks=blocks,
        published=published,
        source=source,
        authors=authors,
        editor=editor,
        breadcrumb=breadcrumb,
        url=url,
    )
