"""The one stage where HTML and plain text meet: lines -> Article.

1. find the title line (``title``); 2. read the header zone after it (date, source, authors, editor) and the
breadcrumb before it; 3. walk the body: drop junk (clean.classify), stop at the end-of-article
furniture (related links, comments), consume metadata lines and end bylines, remember where a
share widget stood, drop repeated paragraphs; 4. finish the blocks (finish.py: decks, spam,
subheadings, closing credits) and the fields from what the walk set aside (fields.py). What a
credit line is, the walk asks credits.py.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from ..errors import ContentError
from ..model import Article, ArticleHints, Block
from . import breadcrumbs, browser_title, clean, dates, finish, people, phrases, region, sources
from .credits import BRACKETED_CREDIT, EDITION_STAMP, END_BYLINE, SLASH_CREDIT, credit_alone, is_credit, name_line
from .fields import SetAside, article_fields
from .parsed import Line, Parsed, fold_lines
from .shape import HAS_SENTENCE as _HAS_SENTENCE
from .shape import MARKED_CAPTION, PHOTO_CAPTION
from .shape import is_meta_line as _is_meta_line, letters as _letters, norm as _norm, paragraph_like as _paragraph_like
from .shape import is_headline_piece, is_story_header
from .title import find_title

_HEADER_MAX = 12
_OWN_BOX_LEAD = 60  # letters of a paragraph in its own box under the header: a post's first paragraph, no deck
_CITATION = re.compile(
    r"^\s{0,2}(?:[—\-－─]{1,3}\s{0,2}《|[（(]?\s{0,2}(?:摘自|摘編自|摘编自|转载自|轉載自|转自|轉自|原载|原載|选自|選自|原文载|原文載)\s{0,2}[:：]?\s{0,2}《)"
)
_CITED_NAME = re.compile(r"《([^》]{1,30})》")
_ORIGINAL_TITLE = re.compile(r"^[\s【\[（(]{0,2}(?:原标题|原標題|原题|原題)\s{0,2}[:：]")
_META_WORDS = re.compile(r"发表|發表|更新|来源|來源|作者|编辑|編輯|阅读|閱讀|点击|點擊|浏览|瀏覽")
_HEADLINE_LETTERS = 30  # a line this short, without a full stop, may be headline matter
# A date line after this many letters of text is no longer the header's: the page's metadata
# (a meta tag with a time, JSON-LD) outranks it ("发行日期：2001年12月14日" in a discography)
_LATE = 200
_DECK_END = re.compile(r"[。！？!?…]\s{0,2}[」”\"]?\s{0,2}$")
# an author's affiliation under a paper: 【作者单位：中国社会科学院研究生院】
_AFFILIATION = re.compile(r"^[\s【\[（(]{0,2}(?:作者单位|作者單位)\s{0,2}[:：]")

_CLOSING_AFTER = 50  # letters of text before a credit can close the article (not the header zone)
_CREDITS_MAX = 4  # credit lines closing a text page's article: reporter, source, editor, stamp
_CAPTION_TEXT_REACH = 4  # lines under a caption's credit where the text must begin for the caption to be one


# a line that closes a sentence: "“妈妈，为什么还不能出去？”", "他是一个美国现代风险投资的开拓者……" (a
# writer's ellipsis is two; one is a widget's "载入中…", "更多…")
_CLOSED_SENTENCE = re.compile(r"(?:[。！？!?]|……)[”」』\"]?\s*$")
# a label the text opens with, or the first item of its own list ("1.认识明白神旨意的重要性；", region.LIST_ITEM)
_LEAD_LABEL = re.compile(r"^[\s【\[]{0,2}(?:编者按|編者按|[\u4e00-\u9fff]{2,8}[:：]\s{0,2}$)|^【[^】]{4,20}】|" + region.LIST_ITEM.pattern)


_BULLET = re.compile(r"^\s{0,2}[*•·●▪◆■]\s?\S")  # as text.py's side items: with or without a space
_SIDE_ITEM_MAX = 40


_NOTICE_CLOSES = 2  # a notice closes the text when the box's text after it is at most half the text before


_CLOSING_NOTICE = re.compile(phrases.alternation(phrases.CLOSING_NOTICE))
_NOTICE_MAX = 120  # characters of a site's notice: a sentence or two
_QUOTED = re.compile(r"[“”「」『』\"]")
# what an article appends under its own notice: "附：观灯交通指南", "注：", "后记", "编者按"
_POSTSCRIPT = re.compile(r"^[\s【\[（(]{0,2}(?:附|注|后记|後記|编者按|編者按|编后|編後)")


def _closing_notice(lines: list[Line], classes: list[str], k: int) -> bool:
    """Whether line ``k`` is the site's notice closing what it publishes (its reprint terms, a
    platform's disclaimer: phrases.CLOSING_NOTICE), not a photo's rights note, a quoted notice in
    a story about one, or a notice over the article's own postscript."""
    ln = lines[k]
    if len(ln.text) > _NOTICE_MAX or not _CLOSING_NOTICE.search(ln.folded) or _QUOTED.search(ln.text) \
            or PHOTO_CAPTION.search(ln.folded):
        return False
    after = next((j for j in range(k + 1, len(lines)) if classes[j] == clean.CONTENT), None)
    return after is None or not _POSTSCRIPT.match(lines[after].folded)


def _box_rests(lines: list[Line], classes: list[str]) -> list[int]:
    """For each line, the letters of text in the article's box (or region) after it, up to the
    next story's header (a text page's region may run on into the story below): one pass from
    the end, so that a box of many notices costs no more than one."""
    rests = [0] * (len(lines) + 1)  # rests[j]: the letters from line j on (0 where the box ends)
    for j in range(len(lines) - 1, -1, -1):
        if lines[j].in_content and not is_story_header(lines, classes, j):
            rests[j] = rests[j + 1] + (lines[j].letter_count if classes[j] == clean.CONTENT else 0)
    return rests[1:]


def _side_item(lines: list[Line], k: int) -> bool:
    """A side column's headline item that a layout renderer printed between the article's
    paragraphs ("* 河北将迎来新课程标准后的首次高考" between two paragraphs: inscriptis, lynx, w3m
    draw a layout table's columns line by line): bulleted, short, no sentence, and alone, with
    no bulleted line beside it (an article's own list comes as a run of items)."""
    line = lines[k]
    if not _BULLET.match(line.text) or line.letter_count > _SIDE_ITEM_MAX or _HAS_SENTENCE.search(line.text):
        return False
    return not any(0 <= j < len(lines) and _BULLET.match(lines[j].text) for j in (k - 1, k + 1))


_TEASER_REACH = 4  # lines under a teaser where the paragraph it previews may start
_TEASER_MIN = 12  # letters a teaser must share with that paragraph


def _teaser_of(text: str, below: list[Line]) -> bool:
    """Whether ``text`` is a preview of a paragraph just below: its opening words cut short with
    "..." or "…" (class: news pages that set the lead's first words as a teaser over the photo and
    the text, "日本電子產品製造商索尼…，已..."; unlabelled, so the copy gives it away)."""
    stripped = text.rstrip()
    if not stripped.endswith(("...", "…")):
        return False
    copy = _norm(stripped.rstrip(finish.DECK_CUT))
    return len(copy) >= _TEASER_MIN and any(_norm(ln.text).startswith(copy) and len(_norm(ln.text)) > len(copy)
                                            for ln in below)


def _title_repeat(key: str, title_key: str) -> bool:
    """A line repeating the title, or the larger part of it ("X：标题" repeated as "标题")."""
    return len(key) >= 4 and bool(title_key) and key in title_key and 2 * len(key) >= len(title_key)


def _absolute(base: str, url: str) -> str:
    try:
        return urljoin(base, url)
    except ValueError:  # a malformed address ("http://[x"): kept as the page wrote it
        return url


def _photo_blocks(p: Parsed, classes: list[str], base: str | None) -> dict[int, list[Block]]:
    """The article-region photos by the line they stand before, each with its caption (when the
    caption line is text) and its address resolved against ``base``."""
    found: dict[int, list[Block]] = {}
    for anchor in p.photos:
        if p.has_region and not anchor.in_content:
            continue
        caption = ""
        if anchor.caption is not None and classes[anchor.caption] == clean.CONTENT:
            caption = p.lines[anchor.caption].text
        found.setdefault(anchor.line, []).append(Block("photo", caption, _absolute(base, anchor.src) if base else anchor.src))
    return found


def assemble(p: Parsed, hints: ArticleHints) -> Article:
    try:
        return _assemble(p, hints)
    except ContentError:
        if p.kind != "html" or not p.has_region:
            raise
    # the HTML parser's main-content region held no article text (class: a forum or blog post
    # whose box holds only a line or two, where the densest container is a widget beside it):
    # the whole page but its navigation, sidebar and footer boxes is read instead, with the same
    # cleaning, rather than failing (a login page's welcome blurb in a side box stays no article);
    # its images are then the layout's (rules, icons, avatars), not the article's photos
    p.lines = [ln for k, ln in enumerate(p.lines) if not p.is_aside(k)]
    for ln in p.lines:
        ln.in_content = True
    p.has_region = False
    p.photos = []
    return _assemble(p, hints)


def _assemble(p: Parsed, hints: ArticleHints) -> Article:
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
            elif first > 0 and classes[first - 1] == clean.CONTENT and sources.is_dateline_lead(lines[first - 1].text):
                found = (first - 1, found[1])  # so is its lead's opening on a line of its own ("本报讯")
            last = found[1]
            while last + 1 < len(lines) and last + 1 - found[1] <= _CREDITS_MAX and is_credit(lines[last + 1]):
                last += 1  # the credits under the text are the article's (its box, in the HTML it came from)
            found = (found[0], last)
            for k, ln in enumerate(lines):
                ln.in_content = found[0] <= k <= found[1]
            p.has_region = True
    title, t = find_title(p, classes)

    breadcrumb: list[str] = []
    for ln in lines[max(0, t - 10) if t >= 0 else 0: t if t >= 0 else min(len(lines), 15)]:
        crumb = breadcrumbs.find_breadcrumb(ln.scan)
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
    dateline_lead: str | None = None  # a lead's opening on its own line above it ("本报讯（记者 李四）")
    while i < end:
        ln = lines[i]
        if _paragraph_like(ln):
            if i > 0 and header and header[-1] == lines[i - 1].scan and sources.is_dateline_lead(lines[i - 1].text) \
                    and not ln.text.lstrip().startswith(lines[i - 1].text.strip()[:6]):
                dateline_lead = lines[i - 1].text.strip()
            break
        if classes[i] == clean.SHARE:
            share_at_start = True
        elif classes[i] == clean.CONTENT or (ln.link_density <= 0.7 and len(ln.text) <= 200 and _is_meta_line(ln.scan)):
            if not _is_meta_line(ln.scan) and (ln.letter_count > 25 or p.kind == "json"):
                break
            if ln.in_content and _CLOSED_SENTENCE.search(ln.text) and not _is_meta_line(ln.scan) \
                    and not _title_repeat(_norm(ln.text), title_key):
                break  # a short sentence opening the article region: a line of dialogue, an epigraph
            opening = not _is_meta_line(ln.scan) and not _title_repeat(_norm(ln.text), title_key)
            names_here: list[str] = []
            if lead_clear and opening:
                lead_names = names_here = name_line(ln.text, title)
                lead_clear = False
            if opening and not names_here and _LEAD_LABEL.search(ln.text):
                break  # the text opens with a label of its own: "编者按", "个人简介：", "一、培养目标："
            if opening and not names_here and ln.in_content and ln.letter_count <= 8 and i + 1 < len(lines) \
                    and lines[i + 1].in_content and region.LIST_ITEM.match(lines[i + 1].text):
                break  # a list's heading over its first item: "学习目的" / "1.认识明白神旨意的重要性；"
            header.append(ln.scan)
        elif not _title_repeat(_norm(ln.text), title_key):
            lead_clear = False  # furniture between the title and the line: not the title's byline
        if not breadcrumb:
            crumb = breadcrumbs.find_breadcrumb(ln.scan)
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
    footer_listed = False
    citation: str | None = None  # ——《北京之春》1996年6月号 / (摘自《…》)
    citation_lines: list[str] = []
    title_parts = {_norm(x) for c in p.title_candidates for x in browser_title.TITLE_SPLIT.split(c) if _letters(x) >= 4}
    marked: set[int] = set()  # blocks the markup calls headings (h2-h6, <strong> lines, JSON kinds)
    after_content = 0
    skipping_list = False
    teasers = False  # the list being skipped is a feed of teasers: a linked headline over each summary
    ad_until = 0  # the lines before this one are an ad under its label
    deck = 0  # leading blocks standing above a byline
    real_paragraph = False  # a paragraph longer than headline matter has been kept (blocks only grow below)
    box_rests: list[int] | None = None  # _box_rests, counted once when the first notice is met
    first_in = next((k for k, ln in enumerate(lines) if ln.in_content), -1) if p.has_region else -1
    late: list[str] = []  # date lines found after the text began (a post's stamp, or a date in a table)
    # credits closing the article inside its box (class: the print-edition stamp and slash credits
    # under a newspaper article, "《光明日报》（2024年05月11日 09版）", "文/栗思", "编辑/倪家宁", and a
    # bracketed editor credit after them, "(责编：胡永秋、杨光宇)") are set as part of it: taken into the
    # fields, and kept as its last lines when only furniture follows. A credit standing alone under
    # the text ("（ 责任编辑：魏喆 ）", "责任编辑：张毅") is the page's furniture, and not kept
    closing: list[str] = []
    parked: list[str] = []  # the slash credits of ``closing`` that read as text (no field takes them)
    # photos stand before the line they precede (those between the title and the text, before
    # the text); their caption lines are theirs, never paragraphs
    photos = _photo_blocks(p, classes, p.meta.get("base") or hints.fetched_url)
    captions = {a.caption for a in p.photos if a.caption is not None}
    for k in range(body_start, len(lines)):
        ln = lines[k]
        if not skipping_list:
            for at in range(min(t + 1, k) if k == body_start else k, k + 1):
                blocks.extend(photos.get(at, ()))
        if k in captions:
            continue
        if p.has_region and not ln.in_content and not (
                not body_chars and classes[k] == clean.CONTENT and ln.link_density < 0.3 and _paragraph_like(ln) and not p.is_aside(k)
                and (0 <= first_in < k or k == first_in - 1 and (
                    finish.SUMMARY.match(ln.folded) or k == body_start and ln.letter_count >= _OWN_BOX_LEAD))):
            # (a lead paragraph in its own box, after the article region has begun and before its
            # text, is the article's: "各位好，我是安东尼。…" between the date line and the text;
            # so is a labelled lead summary in its own box just above the text: "核心提示：…", and
            # the first paragraph of a post set in a box of its own right under the header, between
            # it and the text's box (forum and blog pages); a sidebar's or footer's box, by its
            # class, is not)
            if not body_chars:
                continue
            after_content += 1
            # (past a related list's head or another story's headline, only the footer's
            # bracketed credits and editor's are the article's, "（记者 王小明）", "责任编辑：李四":
            # the bylines of the list's items or of the next story, "記者 李大同／台北報導", are
            # theirs; a post's comment counter beside its stamp, "评论(5)", heads no list)
            if after_content <= 8 and len(ln.text) <= 120 and ln.link_density <= 0.7:
                footer_listed = footer_listed or clean.is_tail_marker(ln) and not clean.is_comments_marker(ln) \
                    or is_story_header(lines, classes, k)
                if not footer_listed or ln.text.lstrip().startswith(("(", "（", "[", "【")) \
                        or people.EDITOR_LABEL.match(ln.text.strip()):
                    footer.append(ln.scan)
            if after_content <= 2 and ln.text.lstrip().startswith(("(", "（")) and ln.letter_count <= 30:
                # the reporters' names closing the article, on a line of their own: "(葉芷晴 張泳渝"
                authors.extend(x for x in people.paren_byline(ln.text) if x not in authors)
            if classes[k] == clean.SHARE and after_content <= 8 and not share_done:
                blocks.append(Block("share"))
                share_done = True
            continue
        after_content = 0
        cls = classes[k]
        if skipping_list:
            if ln.link_density > 0.3 or (ln.letter_count <= 30 and not _HAS_SENTENCE.search(ln.text)):
                continue
            if p.kind == "html" and k > 0 and lines[k - 1].link_density > 0.3 and (
                    teasers or k + 1 < len(lines) and lines[k + 1].link_density > 0.3):
                teasers = True  # a teaser's summary under its linked headline, another teaser after it (a feed)
                continue
            skipping_list = teasers = False
        if real_paragraph and is_story_header(lines, classes, k) and not _title_repeat(_norm(ln.text), title_key):
            # the next story's headline and date line: the article ended above them (and, on a
            # text page, above the headline's first half, which a page run together cut at its
            # space; more lines of a headline's shape over it may be the article's own closing
            # list, contacts or quotes; an HTML headline is one line)
            if p.kind == "text" and blocks and blocks[-1].kind == "paragraph" and blocks[-1].text == lines[k - 1].text \
                    and is_headline_piece(lines[k - 1]):
                blocks.pop()
            break
        if clean.is_tail_marker(ln) and (body_chars >= 50 or p.kind == "text" and p.has_region):
            # comments and (in text scrapes without a region) everything after the furniture is
            # never the article; an HTML related-links box, or a text page's headline box that
            # the article region holds (region._box_inside), is skipped and the article goes on
            if clean.is_comments_marker(ln) or p.kind != "html" and not p.has_region:
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
            # inside the article region, a short line with a labelled date still dates the article;
            # so does a blog's stamp under the post, its poster's name a link among the post's
            # buttons ("由海姑娘张贴 @ 2005-03-21 01:20:44 (359) 共 3 篇评论 发表评论")
            # (after the text only: one over a short post's text may be a reply's)
            if p.has_region and cls.startswith("junk:") and len(ln.text) <= 120:
                found = ln.dates
                if found and cls != clean.LINKS and dates.DATE_LABEL.search(ln.text[: found[0].start + 1]):
                    (header if body_chars < _LATE else late).append(ln.scan)
                elif found and body_chars and people.posted_by(ln.scan):
                    late.append(ln.scan)
            if cls == "junk:copyright" and p.has_region and ln.in_content and real_paragraph \
                    and _closing_notice(lines, classes, k) \
                    and _NOTICE_CLOSES * (box_rests := box_rests or _box_rests(lines, classes))[k] <= body_chars:
                # a reprint notice or disclaimer closing the article in its box (class: news and
                # self-media pages that set "…原創稿件，未經授權不得轉載。" under the text, then the
                # site's account of itself or its promotions in the same box): the little text after
                # it there is the site's, read as what stands below the box
                for j in range(k + 1, len(lines)):
                    if not lines[j].in_content:
                        break
                    lines[j].in_content = False
            continue
        text = ln.text
        n = ln.letter_count
        closes = p.has_region and ln.in_content and body_chars >= _CLOSING_AFTER
        if n <= 60:
            found = ln.dates
            if found and ((n <= 40 and not body_chars or n <= 30) and (
                    dates.DATE_LABEL.search(text) or _META_WORDS.search(text) or not _HAS_SENTENCE.search(text))
                    or dates.DATE_LABEL.search(text[: found[0].start + 1]) and not _HAS_SENTENCE.search(text)):
                (header if body_chars < _LATE else late).append(ln.scan)
                if closes and EDITION_STAMP.search(text):
                    closing.append(text)
                continue
        if n <= 60:
            ed = people.find_editor(ln.scan)
            if ed and (people.EDITOR_LABEL.match(text.strip("（()） 【】[]")) or n <= 30):
                editor = editor or ed
                # (a bracketed editor credit closes the article after other credits, or after the
                # reporter's name glued to the last paragraph: "…共赢”。（钟才文）" then "[责编：杨煜]")
                bylined = bool(blocks) and blocks[-1].kind == "paragraph" and bool(END_BYLINE.search(blocks[-1].text[-40:]))
                if closes and (SLASH_CREDIT.match(text) or (closing or bylined) and BRACKETED_CREDIT.match(text)):
                    closing.append(text)
                continue
            src = sources.find_source(ln.scan)
            if src and n <= 40 and sources.SOURCE_LABEL.match(text.strip("（()） 【】[]")):
                source = source or src
                if closes and is_credit(ln):
                    closing.append(text)
                continue
            if n <= 30:
                names = people.paren_byline(text) if text.lstrip().startswith(("(", "（")) else []
                if names:
                    authors.extend(x for x in names if x not in authors)
                    continue
                if not _HAS_SENTENCE.search(text):
                    found = people.find_authors(ln.scan)
                    if found:
                        authors.extend(x for x in found if x not in authors)
                        if closes and is_credit(ln):
                            closing.append(text)
                        # headline matter above the byline (引题/副题/提要: short, no full stop) is not
                        # body; dropped after the loop if article text follows the byline
                        if not deck and 0 < len(blocks) <= 2 and all(
                                b.kind == "share" or (_letters(b.text) <= 60 and not _DECK_END.search(b.text))
                                for b in blocks):
                            deck = len(blocks)
                        continue
        if n <= 80 and (_ORIGINAL_TITLE.match(text) or _AFFILIATION.match(text)):
            continue
        if not real_paragraph and dateline_lead is None and k + 1 < len(lines) and sources.is_dateline_lead(text) \
                and _paragraph_like(lines[k + 1]):
            dateline_lead = text.strip()  # the lead's opening on a line of its own inside the text ("本报讯")
            continue
        if not real_paragraph and n <= 80 and PHOTO_CAPTION.search(ln.folded):
            continue  # a photo's caption standing above the text (its credit gives it away)
        if not real_paragraph and n <= 80 and k + 1 < len(lines) and credit_alone(lines[k + 1]) \
                and any(_paragraph_like(below) for below in lines[k + 2: k + 2 + _CAPTION_TEXT_REACH]):
            continue  # ... or its credit on the line under it ("…後聲押。" over "記者陳嘉寧／翻攝"), over the text
        if not real_paragraph and _teaser_of(text, lines[k + 1: k + 1 + _TEASER_REACH]):
            continue
        if n <= 80 and MARKED_CAPTION.search(ln.folded):
            continue  # inside the text, a caption both marked and credited ("▲…。（圖／翻攝畫面）")
        if k < ad_until:
            continue
        if (ad := clean.ad_under_label(lines, k)):
            ad_until = k + ad
            continue
        if body_chars and _side_item(lines, k):
            continue
        if not real_paragraph:
            # before the first real paragraph (a deck line such as "15家企业" may stand first)
            if n <= 80 and _title_repeat(_norm(text), title_key):
                continue
            if lead_clear:
                lead_clear = False
                if not lead_names:
                    lead_names = name_line(text, title)
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
        if not blocks or all(b.kind in ("share", "photo") for b in blocks):
            tag = sources.TAG_SOURCE.match(text)
            if tag and len(text) > tag.end():
                source = source or tag.group(1)
                text = text[tag.end():].lstrip()
        if closes and SLASH_CREDIT.match(text):
            closing.append(text)  # a slash credit no field takes ("编辑/倪家宁"): held until it is known to close
            parked.append(text)
            continue
        # text goes on after the credits: they did not close it; the slash credits no field took
        # stay where the page sets them, as before
        blocks.extend(Block("paragraph", c) for c in parked)
        if dateline_lead is not None:
            # (the lead's opening goes back to the head of its first sentence, as print sets it)
            glued = dateline_lead.endswith(("）", ")", "】")) or text.startswith(("（", "(", "【"))
            text = dateline_lead + ("" if glued else " ") + text
            dateline_lead = None
        blocks.append(Block("paragraph", text))
        closing, parked = [], []
        real_paragraph = real_paragraph or _letters(text) > _HEADLINE_LETTERS
        if ln.tag == "heading" or ln.emphasised:
            marked.add(len(blocks) - 1)
        body_chars += n
    else:  # the text ran to the page's end: the photos after its last line are the article's
        if not skipping_list:
            blocks.extend(photos.get(len(lines), ()))

    blocks = finish.tidied(blocks, marked, deck)
    if not authors:
        authors.extend(finish.end_byline_authors(blocks))
    blocks = finish.closed(blocks, closing, share_at_start, share_done)
    aside = SetAside(header, footer, late, citation, citation_lines, lead_names)
    authors, editor, source, published = article_fields(p, hints, t, blocks, aside, authors, editor, source)

    # hints override what the page says
    if hints.title:
        title = hints.title
    if hints.published:
        published = dates.parse_date(hints.published) or hints.published
    if hints.authors is not None:
        authors = list(hints.authors)
    url = hints.url or p.meta.get("url")
    if hints.fetched_url:  # a saved page: its own canonical URL, made absolute, else where it was fetched
        url = _absolute(hints.fetched_url, url) if url else hints.fetched_url
    if not published and hints.saved:
        published = dates.parse_date(hints.saved)
    if not source:
        source = hints.source or p.meta.get("site")
    body_text = [b for b in blocks if b.kind not in ("share", "photo")]
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
