"""Which box of an HTML page holds the article: text density, as Readability scores it.

Every non-link line with Chinese or Western punctuation scores its container (full) and the
container's parent (half), a run of paragraphs each in a wrapper of its own scoring the box that
holds them; the best container, weighted by its link density, its stamped lines and its class/id
hints (where that and the best as written differ, the one whose text opens first under the
page's headline; on an endless page, the first story), plus its siblings scoring at least a fifth
of it, is the content; on a page of several posts, the first post. Also which lines sit in a navigation, sidebar or footer box.
"""

from __future__ import annotations

import bisect
import re

from . import browser_title, clean
from .parsed import Line, fold_lines
from .shape import PHOTO_CAPTION, PROSE_MARK, is_caption, is_sentence
from .teasers import teaser_lists

_PLIKE = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "pre", "span", "font", "figcaption",
          "blockquote", "caption"}
_PUNCT = re.compile(r"[，。！？；、,.!?;]")
# Class and id words of boxes. Checked against the article-page selectors of 81 Chinese-language
# sites (government, university, mainland, Taiwan and Hong Kong news) in RSSHub's routes: no body
# box's name is negative; the names its routes strip from inside bodies gave the advertisement,
# QR-code, promotion, subscription, donation, vote, disclaimer and further-reading words (not the
# print button's: a print area, "printContent", is the article's box),
# and the bodies' own names the government CMSs' (TRS 'TRS_Editor', 'trs_paper', '#zoom',
# '#fontzoom') and the pinyin 'neirong' / 'wzcon' ones. (Not 'reply': a question-and-answer
# site's answer, the article there, stands in a 'reply-text' box.) The pinyin
# initials of related and recommended reading (people.cn's 'rwb_tjyd': 推荐阅读; 相关阅读, 相关文章)
# and of rankings and the popular (排行, 热门) are as negative as their English names.
NEG = re.compile(
    r"comment|share|footer|foot\b|\bnav|sidebar|\bside|related|recommend|\bhot|rank|\bad\b|\bads\b|banner|"
    r"menu|copyright|\blink|breadcrumb|crumb|tags?\b|widget|popular|sponsor|pinglun|xgxw|xiangguan|tuijian|"
    r"tjyd|xgyd|xgwz|paihang|remen|"
    r"(?:^|[\s_-])ad(?:$|[\s_\d-])|adunit|qr(?:code)?(?:$|[\s_-])|[\s_-]qr|promot|subscri(?:be|ption)(?!r)|donate|"
    r"(?:^|[\s_-])vote|liabilit|further-?reading",
    re.I,
)
_POS = re.compile(r"article|content|(?:^|[\s_-])text|\bbody|\bmain|detail|\bnews|\bpost|entry|\bzw\b|zhengwen|artibody|"
                  r"endtext|story|trs_|zoom|neirong|wzcon", re.I)
_STAMP = re.compile(r"(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s{0,3}\d{1,2}:\d\d")
_DEPTH_CAP = 200


def classname(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"[:200]


_ASIDE_LEVELS = 12  # ancestors of a line looked at for a navigation, sidebar or footer box


def _named_box(owner, pattern: re.Pattern, cache: dict, limit: int, stop: set | frozenset = frozenset()):
    """The innermost element from ``owner`` up (``limit`` of them, not past ``stop``) whose class
    or id ``pattern`` matches, else None; ``cache`` keeps each visited element's answer, so that
    each element is looked at once over a page's lines."""
    path, el, found = [], owner, None
    while el is not None and el not in stop and len(path) < limit:
        if el in cache:
            found = cache[el]
            break
        path.append(el)
        if isinstance(el.tag, str) and (el.get("class") or el.get("id")) and pattern.search(classname(el)):
            found = el
            break
        el = el.getparent()
    for visited in path:  # (each stands in the box found, or in none: the walk stopped there)
        cache[visited] = found
    return found


def in_aside(owner, seen: dict) -> bool:
    """Whether the element holding a line sits in a box whose class or id names navigation, a
    sidebar, a footer, comments or a related list (``NEG``); ``seen`` caches it per element."""
    return _named_box(owner, NEG, seen, _ASIDE_LEVELS) is not None


# A box inside the article's box that holds no article: the words of boxes that sites' own
# cleaners strip from inside their bodies (advertisements, QR codes, sponsors). Not the related
# lists' and comments' words: their headers end the text where they stand, and a box too big to
# drop would keep its items and lose its header; nor a share's, a banner's, a vote's, a
# promotion's, a subscription's or a donation's: a pull quote "share-quote", a photo's
# "pic-banner", a vote's result, a list of promotions (晋升), an IPO's subscription, a list of
# donors the article reports, a subscriber's paywalled text
_INNER_JUNK = re.compile(r"(?:^|[\s_-])ads?(?:$|[\s_\d]|-(?!hoc))|adunit|qr(?:code)?(?:$|[\s_-])|[\s_-]qr|sponsor", re.I)
_INNER_JUNK_SHARE = 1 / 3  # of the article box's letters, at most, in such a box (more: the text's own box)


def junk_inside(chosen: set, lines: list[Line], owners: list) -> list[bool]:
    """For each line of the article's box (``in_content`` set), whether it stands in a box inside
    it that a junk name marks (``_INNER_JUNK``), one holding at most a third of the article box's
    letters: a box so named that holds most of the text is the text's own. Each element is looked
    at once (its verdict cached down the path walked)."""
    named_of: dict = {}  # element -> the innermost junk-named box it stands in, below the chosen ones
    boxes = [_named_box(owner, _INNER_JUNK, named_of, _DEPTH_CAP, chosen) if line.in_content else None
             for line, owner in zip(lines, owners)]
    total = sum(line.letter_count for line in lines if line.in_content)
    held: dict = {}
    for line, box in zip(lines, boxes):
        if box is not None:
            held[box] = held.get(box, 0) + line.letter_count
    dropped = {box for box, n in held.items() if n <= total * _INNER_JUNK_SHARE}
    return [box in dropped for box in boxes]


def inside(owner, chosen: set) -> bool:
    el, depth = owner, 0
    while el is not None and depth < _DEPTH_CAP:
        if el in chosen:
            return True
        el = el.getparent()
        depth += 1
    return False


def _containers(owner, n: int, totals: dict):
    """(the box a paragraph's line scores as written, the box it scores when its element is a
    wrapper of its own, that wrapper). As written: the line's element, or a paragraph's element's
    parent. As a wrapped paragraph: the parent of the outermost element holding that line alone
    (class: paragraphs each in a wrapper of their own, ``<div><p>…</p></div>``, a WeChat
    ``<section><p><span>``, a ``<div>`` per paragraph, a table row per paragraph, whose article
    box would otherwise get half of each and lose to any list of items in one box)."""
    parent = owner.getparent()
    written = parent if owner.tag in _PLIKE and parent is not None else owner
    if totals.get(owner, 0) > n:  # (lines parted by <br> in one element)
        return written, written, None
    unit = owner
    # (not past a box named for the text: a brief's one paragraph in "#content" is its text's box)
    while parent is not None and parent.tag not in ("body", "html") and totals.get(parent, 0) <= n \
            and not _named_for_text(unit):
        unit, parent = parent, parent.getparent()
    if parent is None or parent.tag in ("body", "html") and unit.tag not in _PLIKE or _named_for_text(unit):
        return written, written, unit  # (a box of the page's own holding one paragraph: a side box's blurb)
    return written, parent, unit


_WRAPPED_RUN = 2  # paragraphs wrapped alike in one box that make their wrappers its text's paragraphs


def _named_for_text(el) -> bool:
    return el.tag not in _PLIKE and bool(el.get("class") or el.get("id")) and bool(_POS.search(classname(el)))


def choose_content(lines: list[Line], owners: list, titles: list[str] = ()) -> set:
    """The article's boxes (``titles``: the page's <title> and og:title, to know its headline)."""
    scores: dict = {}
    totals: dict = {}
    links: dict = {}
    stamps: dict = {}  # short lines carrying a date: comment threads, forum replies, news lists
    by_owner: dict = {}
    alone: dict = {}  # a paragraph's own wrapper -> its line's score (a lead's or a section's box beside the best)
    for line, owner in zip(lines, owners):
        if owner is None:
            continue
        by_owner.setdefault(owner, []).append(line)
        n = len(line.text)
        stamp = 1 if n <= 100 and _STAMP.search(line.scan) else 0
        el, depth = owner, 0
        while el is not None and depth < _DEPTH_CAP:
            totals[el] = totals.get(el, 0) + n
            links[el] = links.get(el, 0) + line.link_chars
            if stamp:
                stamps[el] = stamps.get(el, 0) + 1
            el = el.getparent()
            depth += 1
    fold_lines(lines)
    scored_in: dict = {}  # line index -> the box it scored
    found = []
    runs: dict = {}  # (box, its wrappers' tag and class) -> wrapped paragraphs in it
    for k, (line, owner) in enumerate(zip(lines, owners)):
        if owner is None:
            continue
        plain = len(line.text) - line.link_chars
        if plain < 10 or line.link_density > 0.3:
            continue
        score = 1 + len(_PUNCT.findall(line.scan)) + min(plain / 100, 3)
        written, container, unit = _containers(owner, len(line.text), totals)
        if container is not written and clean.classify(line) != clean.CONTENT:
            container = written  # (a footer's disclaimer, copyright and address lines, each in a <div>: no paragraphs)
        if unit is not None:
            alone[unit] = score
        kind = (container, unit.tag, unit.get("class") or "") if container is not written else None
        if kind is not None:
            runs[kind] = runs.get(kind, 0) + 1
        found.append((k, score, written, container, kind))
    as_written: dict = {}  # the scores with no wrapper looked through: what a box beside the best weighs
    lifted = False
    for k, score, written, container, kind in found:
        if kind is not None and runs[kind] < _WRAPPED_RUN:
            container = written  # (one wrapped line beside the text's box: a tip's, a column's blurb)
        scored_in[k] = container
        lifted = lifted or container is not written
        for table, box in ((scores, container), (as_written, written)):
            table[box] = table.get(box, 0) + score
            parent = box.getparent()
            if parent is not None:
                table[parent] = table.get(parent, 0) + score / 2
    final = {el: _value(el, score, totals, links, stamps) for el, score in scores.items()}
    best = max(final, key=final.get, default=None)
    if best is None or final[best] <= 0:
        return set()
    title_keys = [key for t in titles for piece in browser_title.TITLE_SPLIT.split(t) if (key := clean._letters(piece))]
    # (most pages wrap no paragraph: the scores as written are the scores)
    written_final = {el: _value(el, score, totals, links, stamps) for el, score in as_written.items()} if lifted else final
    written_best = max(written_final, key=written_final.get) if lifted else best
    if not inside(best, {written_best}) and written_final[written_best] > 0:
        # the wrapped paragraphs' box and the box as written differ (a list of items each in a
        # wrapper of its own outweighs a brief once its items count whole; a text of wrapped
        # paragraphs outweighs a thread once they do): the one whose text opens first under
        # the page's headline is the article, the box as written when no headline tells; a box
        # holding the one as written and more prose beside it is a column's wrapper
        if inside(written_best, {best}):
            chosen_box = written_best if _beside_more(written_best, best, lines, owners) else best
        else:
            chosen_box = _under_headline((best, written_best), lines, owners, title_keys)
        best = written_best if chosen_box is None else chosen_box
        final[best] = max(final.get(best, 0), written_final.get(best, 0))
    best_score = final[best]
    earlier = _headed_text(best, lines, owners, scored_in, final, title_keys)
    if earlier is not None:
        best, best_score = earlier, final[earlier]
    first = _first_post(best, lines, owners, totals, links)
    if first is not None:
        return {first}
    chosen = {best}
    parent = best.getparent()
    if parent is not None:
        # (a box beside it weighs as written: a column of items each in a wrapper of its own,
        # "更多视频", is no part of the text for its items' whole scores)
        threshold = max(10.0, written_final.get(best, best_score) * 0.2)
        for sib in parent:
            if sib is best or sib not in as_written:
                continue
            if _value(sib, as_written[sib], totals, links, stamps) >= threshold \
                    and not _holds_teasers(_box_lines(sib, by_owner)):
                chosen.add(sib)
        # the text's lead paragraph in a box of its own right before it ("<div class=lead>"): one
        # paragraph scores below the siblings' floor, and the text would open a paragraph late
        lead = best.getprevious()
        while lead is not None and not isinstance(lead.tag, str):
            lead = lead.getprevious()
        if lead is not None and max(final.get(lead, 0), alone.get(lead, 0)) >= _LEAD_BOX_MIN \
                and _is_lead_box(_box_lines(lead, by_owner)):
            chosen.add(lead)
        chosen.update(_text_beside(chosen, parent, by_owner))
    return chosen


def _value(el, score: float, totals: dict, links: dict, stamps: dict) -> float:
    """A box's score weighed by its link density, its stamped lines and its class/id hints."""
    if not isinstance(el.tag, str) or el.tag in ("body", "html"):
        weight = 0.0 if el.tag == "html" else -5
    else:
        weight = 0.0
    cls = classname(el)
    if cls.strip():
        if NEG.search(cls):
            weight -= 25
        if _POS.search(cls):
            weight += 25
    density = links.get(el, 0) / totals[el] if totals.get(el) else 0
    return score * (1 - density) / (1 + max(0, stamps.get(el, 0) - 2) / 3) + weight


_HEADER_REACH = 4  # lines from a story's dated header to its first paragraph
_LATER_BOX = 5  # times more than the first story a later one scores to be the page's article


def _dated_header(lines: list[Line], k: int, title_keys: list[str]) -> int | None:
    """When line ``k`` is a story's headline (a heading, a short emphasised line, a line the
    <title> holds) with its date line within two lines under or over it, the header's last line;
    else None."""
    ln = lines[k]
    if not 4 <= ln.letter_count <= 80 or not (ln.tag in ("title", "heading") or ln.emphasised
                                              or _page_headline(ln, title_keys)):
        return None
    dated = [j for j in range(max(0, k - 2), min(len(lines), k + 3)) if j != k and lines[j].dates
             and lines[j].letter_count <= 60]
    return max(k, *dated) if dated else None


def _headed_text(best, lines: list[Line], owners: list, scored_in: dict, final: dict, title_keys: list[str]):
    """On a page of stories one under the other, each under its own headline and date line
    (class: news sites that load the next story under the article, "endless" pages), the box of
    the first story's text, when the densest box is a later story's and scores less than five
    times more; else None. The first story's headline is the page's own (its <h1>, or a line
    the <title> holds: a featured story's teaser over the article heads no text); its text's box
    is the one its first paragraph scores, not a summary's (a deck over the text). (Not when the
    densest box has no header of its own: a note, a widget's sentence, a deck or a caption under
    the headline would then pass for the text; and a brief's box weighs too little against a
    list to tell.)"""
    members = set(best.iter())
    opening = next((k for k, box in scored_in.items() if box in members and _prose(lines[k])), None)
    if opening is None:
        return None
    # (under a heading: a photo's bold caption over its date heads no story)
    own = next((k for k in range(opening - 1, max(-1, opening - 1 - 2 * _HEADER_REACH), -1)
                if lines[k].tag in ("title", "heading") and (end := _dated_header(lines, k, title_keys)) is not None
                and opening - end <= _HEADER_REACH), None)
    if own is None:
        return None  # (the densest box is no story under a header of its own)
    if any(owners[k] in members and lines[k].tag == "heading" and _dated_header(lines, k, title_keys) is not None
           for k in range(opening + 1, len(lines))):
        return None  # (a diary's or a chronicle's sections, each under its day's heading and date: one text)
    h, last = next(((k, end) for k in range(own) if (end := _dated_header(lines, k, title_keys)) is not None),
                   (None, None))
    if h is None or not _page_headline(lines[h], title_keys):
        return None
    for j in range(last + 1, min(own, last + 1 + _HEADER_REACH)):
        box = scored_in.get(j)
        if box is None or not _prose(lines[j]):
            continue  # (the header's source or byline line)
        if inside(box, {best}) or inside(best, {box}) or _SUMMARY.search(classname(box)):
            return None
        return box if _LATER_BOX * final.get(box, 0) >= final[best] else None
    return None


def _page_headline(line: Line, title_keys: list[str]) -> bool:
    """Whether ``line`` is the page's own headline: most of a piece of the <title> ("标题_频道_网站"
    cut at its separators), or an <h1> when no piece of the <title> holds it only in part (an
    <h1> of the site's or the department's name over the <title>'s headline is not)."""
    key = line.letters
    if len(key) < 4:
        return False
    if any(key in piece and 2 * len(key) >= len(piece) for piece in title_keys):
        return True
    return line.tag == "title" and not any(key in piece for piece in title_keys)


def _beside_more(inner, outer, lines: list[Line], owners: list) -> bool:
    """Whether the box ``outer`` holds more prose beside its box ``inner`` than in it, ``inner``
    holding two paragraphs or more (a column of notices beside the text, in one wrapper)."""
    held = beside = count = 0
    in_outer, in_inner = set(outer.iter()), set(inner.iter())
    for ln, owner in zip(lines, owners):
        if owner is None or owner not in in_outer or not _prose(ln):
            continue
        if owner in in_inner:
            held, count = held + ln.letter_count, count + 1
        else:
            beside += ln.letter_count
    return count >= 2 and beside > held


def _under_headline(boxes: tuple, lines: list[Line], owners: list, title_keys: list[str]):
    """Of ``boxes``, the one whose first paragraph comes first under the page's headline (its
    first line ``_page_headline`` takes, else its first dated headline); None when no headline
    is found or no box's text stands under it."""
    # (the line holding most of the <title>: a department's name in the <h1> over a column of
    # notices, "杉林县税务局" of "杉林县税务局_…推出便民办税举措", is no headline when another line is)
    held = [k for k, ln in enumerate(lines) if ln.link_density <= 0.3 and _page_headline(ln, title_keys)]
    anchor = max(held, key=lambda k: (lines[k].letter_count, -k)) if held else None
    if anchor is None:
        anchor = next((k for k in range(len(lines)) if _dated_header(lines, k, title_keys) is not None), None)
    if anchor is None:
        return None
    opening = {}
    for box in boxes:
        members = set(box.iter())
        opening[box] = next((k for k in range(anchor + 1, len(lines)) if owners[k] in members and _prose(lines[k])), None)
    placed = [box for box in boxes if opening[box] is not None]
    return min(placed, key=opening.get) if placed else None


def _prose(line: Line) -> bool:
    return line.letter_count >= _LEAD_MIN_LETTERS and bool(PROSE_MARK.search(line.scan))



_TEASERS_SHARE = 0.6  # of a box's letters in a list of teasers that make it that list


def _holds_teasers(inside: list[Line] | None) -> bool:
    """Whether a box beside the best one is a list of teasers (other stories' headlines over their
    summaries, stamped or cut short; ``teasers.py``): never the article's, however it scores."""
    if not inside:
        return False
    fold_lines(inside)
    classes = [clean.classify(ln) for ln in inside]
    spans = teaser_lists(inside, classes, lambda k: is_sentence(inside[k]), placed=False)
    listed = sum(ln.letter_count for first, last in spans for ln in inside[first:last + 1])
    return listed >= _TEASERS_SHARE * sum(ln.letter_count for ln in inside)


_SUMMARY = re.compile(r"summary|abstract|digest|zhaiyao|daodu|\bdesc", re.I)
_BESIDE_REACH = 12  # boxes before the chosen ones looked at for the text's opening
_SUBTREE_CAP = 200  # elements of a box looked through: a paragraph's box is small
_PHOTO_LETTERS = 60  # of a photo box's caption


def _box_lines(box, by_owner: dict) -> list[Line] | None:
    """The lines inside ``box``; None past _SUBTREE_CAP elements (no paragraph's box is so big)."""
    found: list[Line] = []
    for n, el in enumerate(box.iter()):
        if n >= _SUBTREE_CAP:
            return None
        found.extend(by_owner.get(el, ()))
    return found


def _wrapper_kinds(chosen: set) -> set:
    """(tag, class) of the paragraphs' wrappers in the chosen boxes: their children holding no
    box but paragraphs (``<div class="para"><p>…</p></div>``, a WeChat ``<section><p><span>``)."""
    kinds = set()
    for box in chosen:
        for n, child in enumerate(box):
            if n >= _SUBTREE_CAP:
                break
            if isinstance(child.tag, str) and child.tag not in _PLIKE and _holds_paragraphs_only(child):
                kinds.add((child.tag, child.get("class") or ""))
    return kinds


def _holds_paragraphs_only(box) -> bool:
    return all(el.tag in _PLIKE for n, el in zip(range(_SUBTREE_CAP), box.iterdescendants()) if isinstance(el.tag, str))


def _text_beside(chosen: set, parent, by_owner: dict) -> list:
    """The paragraphs standing straight in the article's box before the boxes chosen in it, past
    photos and their captions (class: CMS pages whose editor wrapped most of a pasted text in a box
    of its own under its first paragraphs, which then score the article's box below the inner one):
    each a paragraph's element (<p>, or a wrapper like those of the text's paragraphs; not another
    box: an advertisement's or a notice's <div> stands there too) of prose without junk, no
    aside's or summary's; the walk stops at anything else (the header's date line, a headline)."""
    children = [el for el in parent if isinstance(el.tag, str)]
    first = next((k for k, el in enumerate(children) if el in chosen), None)
    if first is None:
        return []
    taken: list = []
    photos: list = []
    wrappers = None  # (looked up when a box stands there, not on every page)
    for n, box in enumerate(reversed(children[:first])):
        inside = _box_lines(box, by_owner)
        if n >= _BESIDE_REACH or inside is None or NEG.search(classname(box)) or _SUMMARY.search(classname(box)):
            break  # (a summary's box is the page's deck over the text, not its opening)
        # (a paragraph's wrapper counts when the text's own paragraphs are wrapped alike: an
        # advertisement's <div><p> over the lead, where the text's are bare <p>, does not)
        wrapper = box.tag not in _PLIKE and len(inside) == 1 and _holds_paragraphs_only(box) \
            and (box.tag, box.get("class") or "") in (wrappers := _wrapper_kinds(chosen) if wrappers is None else wrappers)
        if (box.tag in _PLIKE or wrapper) and _is_lead_box(inside):
            taken += photos + [box]
            photos = []
        elif box.tag == "img" or next(box.iter("img"), None) is not None and len(inside) <= 1 \
                and all(ln.letter_count <= _PHOTO_LETTERS for ln in inside):
            photos.append(box)  # (kept only with a paragraph beyond it)
        elif inside:
            break
    return taken


_LEAD_BOX_MIN = 3.0  # what a box of one sentence or more scores (a line of prose: 1 + its marks + length)
_LEAD_BOX_LINES = 3  # a lead paragraph, and a photo's caption with it
_LEAD_MIN_LETTERS = 20  # of the lead's sentence: a reading-time notice or a "listen" widget is shorter
_NOTICE_LABEL = re.compile(r"^\s{0,2}[【\[]?[\u4e00-\u9fff]{2,6}[】\]]?\s{0,2}[:：]")  # "溫馨提示：", "【導讀】:"


def _is_lead_box(inside: list[Line] | None) -> bool:
    """Whether a box beside the densest one, with these lines inside, holds the text's lead: a
    paragraph of prose (a photo's caption may stand with it), no junk, no labelled notice
    ("溫馨提示：本文約1500字…")."""
    if not inside:
        return False
    fold_lines(inside)
    # (a video player's messages over a video page's lead are its clip's, not another box's)
    classed = [(ln, cls) for ln in inside if (cls := clean.classify(ln)) != clean.PLAYER]
    if not 1 <= len(classed) <= _LEAD_BOX_LINES or any(cls != clean.CONTENT or _NOTICE_LABEL.match(ln.text)
                                                      for ln, cls in classed):
        return False
    inside = [ln for ln, _cls in classed]
    return any(ln.letter_count >= _LEAD_MIN_LETTERS and PROSE_MARK.search(ln.scan) and not is_caption(ln)
               and not PHOTO_CAPTION.search(ln.folded) for ln in inside)


_POST_LEVELS = 6  # how far above the densest block a repeated post template is looked for
_POST_MIN_TEXT = 80  # characters outside links that make a post worth reading


def _first_post(best, lines: list[Line], owners: list, totals: dict, links: dict):
    """On a page listing several posts (blog front page, forum thread), the first post.

    The densest block may be the third post of a blog's front page. A post is recognised by its
    template: the densest block, or one of its near ancestors, has a class that other elements of
    the same tag repeat, and a timestamp line stands between an earlier such element and it
    (the previous post's "posted at" footer or the next post's date). The article is then the
    first of them that holds some text: the newest post of a blog, the opening post of a thread.
    Elements before the densest block only; comments after an article never replace it.
    """
    index: dict = {}
    for k, owner in enumerate(owners):
        el, depth = owner, 0
        while el is not None and depth < _DEPTH_CAP:
            if el in index:
                break
            index[el] = k
            el = el.getparent()
            depth += 1
    stamps = [k for k, ln in enumerate(lines) if len(ln.text) <= 100 and _STAMP.search(ln.scan)]
    unit, level = best, 0
    while unit is not None and level < _POST_LEVELS and unit.tag not in ("body", "html"):
        cls = (unit.get("class") or "").strip()
        if cls and unit in index:
            at = index[unit]
            ancestors = set(unit.iterancestors())
            for el in unit.getroottree().iter(unit.tag):
                k = index.get(el)
                if k is None:
                    continue
                if k >= at:
                    break
                if el in ancestors or (el.get("class") or "").strip() != cls:
                    continue
                if totals.get(el, 0) - links.get(el, 0) < _POST_MIN_TEXT:
                    continue
                nxt = bisect.bisect_right(stamps, k)
                if nxt < len(stamps) and stamps[nxt] < at:
                    return el
        unit = unit.getparent()
        level += 1
    return None
