"""The headline of an HTML page: the line its <title> names (the one holding most of its headline,
the article's own header before a banner's copy), else the heading that opens its content, else
its header's line that a date or byline follows; the text headline scorer for a <title> of the
site's name alone."""

from __future__ import annotations

import re

from . import breadcrumbs, browser_title, clean, dates, headline, people, region, sources
from .parsed import Line, Parsed
from .shape import CLAUSE_END as _CLAUSE_END, HAS_SENTENCE as _HAS_SENTENCE, SUBTITLE_DASH
from .shape import is_meta_line as _is_meta_line, letters as _letters, norm as _norm, paragraph_like as _paragraph_like
from .title_words import tidy_words

SITE_NAME_LETTERS = 6  # a title this short may be only the site's name
_TRAIL_STEP = re.compile(r"\s{0,2}(?:>{1,2}|›|»|→)\s{0,2}")


def is_site_trail(text: str) -> bool:
    """A <title> that is the site and a channel as a trail ("世艺网>艺术教育"): every step short.
    Like a <title> of the site's name alone, it holds no headline."""
    steps = [step for step in _TRAIL_STEP.split(text) if step.strip()]
    return len(steps) >= 2 and all(_letters(x) <= SITE_NAME_LETTERS for x in steps)


_HALF_LETTERS = 6  # letters of a headline's second part at least


def _headline_in_parts(lines: list[Line], k: int, site: str | None) -> bool:
    """Whether the line at ``k``, equal to the whole <title>, is a headline in parts ("…出爐——
    首期工程明年動工") rather than a headline and the site's name (after it or before it, "多维博客 »
    …"): no part is a site's name (og:site_name, a site's ending such as …网, …日报) and no line
    outside the article holds one (the logo, the copyright line name the site). A <title> of the headline alone splits as one
    with a site would."""
    line = lines[k]
    parts = [x for x in browser_title.TITLE_SPLIT.split(line.text) if x.strip()]
    if len(parts) < 2:
        return False
    if _letters(parts[-1]) < _HALF_LETTERS:
        return False  # (a short last part is a channel's or a site's name: "… - 本地要闻", "…|溪声")
    outside = [_norm(ln.text) for j, ln in enumerate(lines[:3000]) if j != k and not ln.in_content]
    for part in parts:
        key = _norm(part)
        if key == _norm(site or "") or browser_title.is_site_name(part) or any(key in other for other in outside):
            return False
    return True


def _content_heading(lines: list[Line], classes: list[str]) -> int | None:
    """A heading (h1-h6 or a whole-line emphasis) just above or at the top of the main content."""
    first = next((k for k, ln in enumerate(lines) if ln.in_content), -1)
    if first < 0:
        return None
    for k in range(max(0, first - 8), min(len(lines), first + 5)):
        ln = lines[k]
        if (ln.tag in ("title", "heading") or ln.emphasised) and SITE_NAME_LETTERS < ln.letter_count <= 80 \
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
_HEADER_LINE = 120  # characters of a header's date or byline line
_PROSE_IN_LINE = re.compile(r"[。；;]|[，,].{0,80}[，,]")  # a headline may ask or cry out, and hold one comma


def _dated_next(lines: list[Line], classes: list[str], k: int) -> bool:
    """Whether the first line under line ``k`` that is no widget (share buttons, a font-size row)
    and no dash-led subtitle is a date or a metadata line (a byline, "来源：…"): what follows a
    headline on every news page, never a kicker (the headline follows it) or a site's slogan."""
    for j in range(k + 1, min(len(lines), k + 4)):
        if classes[j] != clean.CONTENT and not lines[j].dates or lines[j].text.lstrip().startswith(SUBTITLE_DASH):
            continue
        short = len(lines[j].text) <= _HEADER_LINE  # (a date in the text's first sentence is its story's)
        return short and (bool(lines[j].dates) and not dates.is_clock_line(lines[j].scan) or _is_meta_line(lines[j].scan))
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
        and people.looks_like_name(found.group(1))


def _header_line(ln: Line, cls: str, linked: bool = False) -> bool:
    """A line that may be a header's headline: content, few links (``linked``: a heading that links
    to its post, a blog's permalink, may), no metadata, no clause marks (a lead sentence, a byline
    lead "本报讯（记者 张三）" are the text's), no dash-led subtitle, no role's label over a person."""
    return ((linked or cls == clean.CONTENT and ln.link_density < 0.5) and not _is_meta_line(ln.scan)
            and not _names_a_role(ln.text)
            and not _CLAUSE_END.search(ln.text) and not _PROSE_IN_LINE.search(ln.text)
            and not ln.text.lstrip().startswith(SUBTITLE_DASH) and headline.may_be_headline(ln)
            and not people.find_authors(ln.text) and not sources.is_dateline_lead(ln.text))


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
            return f"{tidy_words(lines[a].text)} {tidy_words(lines[b].text)}", a
    return None


_STAMP_LETTERS = 24  # of a post's bare date stamp under its headline ("2005-03-21 01:20:44")


def _over_its_stamp(lines: list[Line], k: int) -> bool:
    """Whether line ``k``, opening the text's box, is a post's headline over its bare stamp, not
    a section's heading over a dated line of the text ("一、报名时间" over "2024年6月15日至…")."""
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    return nxt is not None and bool(nxt.dates) and nxt.letter_count <= _STAMP_LETTERS \
        and not region.LIST_ITEM.match(lines[k].text)


def find(p: Parsed, classes: list[str]) -> tuple[str | None, int]:
    """(headline, line index or -1) of an HTML page."""
    lines = p.lines
    wanted = [_norm(c) for c in p.title_candidates if c]
    parts = []
    # (a line of a whole <title> in parts holds what its last part names, perhaps the site, as
    # well: it covers the headline less that part)
    tails = {}
    for c in p.title_candidates:
        pieces = [_norm(x) for x in browser_title.TITLE_SPLIT.split(c) if _letters(x) >= 2]
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
        # above the text wins, a short line with a date line under it; else such a line opening
        # the text's box (a blog's post box holding its own headline and stamp)
        for k in [*range(first - 1, max(best[1], first - 8), -1), first]:
            ln = lines[k]
            if 4 <= _letters(re.sub(r"\d", "", ln.text)) and ln.letter_count <= 80 \
                    and classes[k] == clean.CONTENT and ln.link_density < 0.3 \
                    and not _is_meta_line(ln.scan) and not _CLAUSE_END.search(ln.text) \
                    and any(x.dates and not dates.is_clock_line(x.scan) for x in lines[k + 1: k + 3]) \
                    and (k < first or _over_its_stamp(lines, k)):
                return tidy_words(ln.text), k
    if best is not None:
        joined = _two_heading_headline(lines, best[1], parts)
        if joined is not None:
            return joined
        text = lines[best[1]].text
        if _norm(text) in wanted and not _headline_in_parts(lines, best[1], p.meta.get("site")):
            text = browser_title.clean_title(text)  # the whole <title>, site name and all
        if is_site_trail(text) or _letters(text) <= SITE_NAME_LETTERS and not 0 <= first - best[1] <= 2:
            # (a short <title> standing right above the text is the article's own short
            # headline, "二十三、感赞" over a chapter's first section, not a logo line)
            # a <title> holding only the site's name ("网易娱乐", "痞客邦 PIXNET") matches its logo
            # line; the article's own headline is a heading at the top of the content
            heading = _content_heading(lines, classes)
            if heading is None:
                inside = [k for k, ln in enumerate(lines) if ln.in_content]
                found = headline.find(lines, classes, inside[0], inside[-1]) if inside else None
                heading = found[0] if found and SITE_NAME_LETTERS < lines[found[0]].letter_count <= 60 \
                    and not _paragraph_like(lines[found[0]]) and not _CLAUSE_END.search(lines[found[0]].text) else None
            if heading is None and not any(browser_title.TITLE_SPLIT.search(c) for c in p.title_candidates):
                # a <title> of the site's name alone (no headline piece before a separator):
                # a forum's topic line just above the post, "《清洁》：东方式内敛…"
                heading = _line_above_content(lines, classes, first)
            if heading is not None and heading != best[1]:
                return tidy_words(lines[heading].text), heading
        return tidy_words(text), best[1]
    for i, line in enumerate(lines[:3000]):
        if line.tag == "title" and 4 <= line.letter_count <= 80 and line.link_density < 0.5:
            return tidy_words(line.text), i
    # no <title> match (the site's name, an SEO title of keywords, another wording): a heading
    # opening the content, else the header's line the date or byline follows, else a short
    # plain line opening the content or just above it
    first = next((k for k, ln in enumerate(lines) if ln.in_content), -1)
    for _ in range(2):  # past a breadcrumb the content box opens with ("当前位置：首页->军事技术")
        if 0 <= first < len(lines) - 1 and lines[first + 1].in_content and breadcrumbs.find_breadcrumb(lines[first].text):
            first += 1
    opening = lines[first] if first >= 0 and 4 <= lines[first].letter_count <= 40 else None
    if opening is not None and (opening.tag in ("title", "heading") or opening.emphasised) \
            and _header_line(opening, classes[first], linked=True):
        return tidy_words(opening.text), first
    k = _header_over_dateline(lines, classes, first)
    if k is not None:
        return tidy_words(lines[k].text), k
    if opening is not None and not _HAS_SENTENCE.search(opening.text) and not _is_meta_line(opening.scan) \
            and classes[first] == clean.CONTENT:
        return tidy_words(opening.text), first
    k = _line_above_content(lines, classes, first)
    if k is not None:
        return tidy_words(lines[k].text), k
    if p.title_candidates:
        return browser_title.clean_title(p.title_candidates[0]), -1
    k = first - 1
    if first > 0 and _permalink_headline(lines[k]):
        return tidy_words(lines[k].text), k
    return None, -1
