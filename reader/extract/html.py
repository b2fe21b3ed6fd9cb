"""HTML -> lines, with the main-content region marked.

The page is flattened into lines (one per block element or ``<br>``), each knowing how much of
its text sits inside links and which block element it came from. The main content is then
chosen by text density: every non-link line with Chinese/Western punctuation scores its
container (full) and the container's parent (half), like Readability; the best container, weighted
by its link density and class/id hints, plus siblings scoring at least a fifth of it, is the
content. Metadata comes from ``<meta>`` tags, ``<link rel=canonical>`` and ``<title>``.
"""

from __future__ import annotations

import bisect
import json
import re

from lxml import etree, html as lxml_html

from . import clean, images
from .parsed import Line, Parsed, PhotoAnchor, fold_lines, without_icon_glyphs
from .shape import PHOTO_CAPTION, PROSE_MARK, is_caption
from .script_state import article_in_scripts
from .text import parse_text

_DROP = {"script", "style", "noscript", "iframe", "select", "option", "textarea", "button", "input",
         "nav", "aside", "svg", "canvas", "object", "embed", "video", "audio", "map", "head", "template"}
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
          "table", "tr", "td", "th", "tbody", "thead", "tfoot", "section", "article", "header", "footer",
          "blockquote", "pre", "form", "center", "hr", "main", "figure", "figcaption", "address", "caption",
          "fieldset", "legend", "body", "html"}
_PLIKE = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "pre", "span", "font", "figcaption",
          "blockquote", "caption"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_EMPH = {"strong", "b"}
# emphasis as a browser shows it without <strong>: bold or big type set by style or by <font>
# (old CMSs and county sites set their headlines so: "<span style="font-size:22px;font-weight:bold">",
# "<font size="5"><b>")
# (a headline's size: body text is set at 16pt on government pages and 18px on phones' pages)
_EMPH_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)|font-size\s*:\s*(?:(?:2[2-9]|[3-9]\d)px|"
                         r"(?:1[89]|[2-9]\d)pt|x{1,2}-large)", re.I)
_BIG_FONT = re.compile(r"^\s*(?:[5-7]|\+[2-4])\s*$")
_INLINE_STYLED = {"span", "font", "em", "i", "u"}


def _emphasises(el, tag: str) -> bool:
    """Whether the element sets its text in bold or big type (``_EMPH``, ``_EMPH_STYLE``, ``_BIG_FONT``):
    by style only an inline element, around the words it sets apart (a box's style is its text's)."""
    if tag in _EMPH:
        return True
    if tag not in _INLINE_STYLED:
        return False
    if tag == "font" and _BIG_FONT.match(el.get("size") or ""):
        return True
    style = el.get("style")
    return bool(style) and _EMPH_STYLE.search(style[:300]) is not None
_PUNCT = re.compile(r"[，。！？；、,.!?;]")
_NEG = re.compile(
    r"comment|share|footer|foot\b|\bnav|sidebar|\bside|related|recommend|\bhot|rank|\bad\b|\bads\b|banner|"
    r"menu|copyright|\blink|breadcrumb|crumb|tags?\b|widget|popular|sponsor|pinglun|xgxw|xiangguan|tuijian",
    re.I,
)
_POS = re.compile(r"article|content|\btext|\bbody|\bmain|detail|\bnews|\bpost|entry|\bzw\b|zhengwen|artibody|endtext|story", re.I)
_STAMP = re.compile(r"(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s{0,3}\d{1,2}:\d\d")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
# End tags of <body> and <html> hold nothing, and libxml2 takes an early one (a template's, a
# pasted fragment's) for the end of the document: the rest of the page was lost. HTML5 parsers
# ignore them the same way.
_DOCUMENT_END_TAG = re.compile(r"</\s*(?:html|body)\s*>", re.I)
_END_TAG_STARTS = ("</html", "</HTML", "</body", "</BODY", "</Html", "</Body")
_CONTENT_TAG = re.compile(r"<(?:p|div|table|tr|td|li|span|article|section|main|h[1-6])\b", re.I)


def _without_early_end_tags(text: str) -> str:
    """``text`` without </html> and </body> end tags, when one stands before the page's end.

    str.find first (a regex pass over every page cost a third of the parse)."""
    found = [i for i in (text.find(tag) for tag in _END_TAG_STARTS) if i >= 0]
    if not found or not _CONTENT_TAG.search(text, min(found)):
        return text  # they stand at the end, where they belong
    return _DOCUMENT_END_TAG.sub("", text)
_DEPTH_CAP = 200
_PARSER = lxml_html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)


def _classname(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"[:200]


_WEAK_DATE_KEYS = ("date", "dc.date", "dc.date.issued", "dcterms.created", "pubdate", "publishdate")
_JSONLD_MAX = 200_000  # characters of one JSON-LD block that are parsed
_JSONLD_NODES = 2_000  # JSON values visited per block


def _jsonld(root) -> dict[str, str]:
    """datePublished and the author's name from schema.org JSON-LD blocks (first found wins)."""
    found: dict[str, str] = {}
    for el in root.iter("script"):
        if "ld+json" not in (el.get("type") or "").lower():
            continue
        raw = (el.text or "").strip()
        if not raw or len(raw) > _JSONLD_MAX:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack, seen = [data], 0
        while stack and seen < _JSONLD_NODES:
            node = stack.pop(0)
            seen += 1
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                pub = node.get("datePublished")
                if isinstance(pub, str) and pub.strip():
                    found.setdefault("published", pub.strip())
                author = node.get("author")
                for a in author if isinstance(author, list) else [author]:
                    name = a.get("name") if isinstance(a, dict) else a
                    if isinstance(name, str) and name.strip():
                        found.setdefault("author", name.strip())
                        break
                stack.extend(v for v in node.values() if isinstance(v, (list, dict)))
    return found


# WeChat article pages keep the publication time only in a script, as Unix seconds: var ct = "1700100000"
_WECHAT_CT = re.compile(r"""\bvar\s+ct\s*=\s*["']?(\d{10})["']?""")
_SCRIPT_SCAN = 200_000  # characters of inline scripts searched for it


def _script_publish_time(root) -> str | None:
    """The publication time a WeChat page keeps in a script variable, as ISO 8601 at UTC+8."""
    from datetime import datetime, timedelta, timezone

    seen = 0
    for el in root.iter("script"):
        raw = el.text or ""
        seen += len(raw)
        m = _WECHAT_CT.search(raw)
        if m:
            moment = datetime.fromtimestamp(int(m.group(1)), timezone(timedelta(hours=8)))
            return moment.isoformat(timespec="seconds")
        if seen > _SCRIPT_SCAN:
            break
    return None


# The account that posted a self-media or WeChat article: WeChat's <a id="js_name">, the platforms'
# "author-name" / "account_name" / "nickname" elements (next to their follow and report buttons)
_ACCOUNT_NAME = re.compile(r"(?:^|[\s_-])(?:js_name|author[-_]?(?:info[-_]{1,2})?name|account[-_]?name|nick[-_]?name|profile[-_]?nickname)(?:$|[\s_-])", re.I)


_COMMENT_BOX = re.compile(r"comment|reply|pinglun|discuss|review|\bcmt", re.I)


def _account_name(root) -> str | None:
    for el in root.iter():
        if not isinstance(el.tag, str) or not _ACCOUNT_NAME.search(f"{el.get('id') or ''} {el.get('class') or ''}"):
            continue
        if any(_COMMENT_BOX.search(_classname(a)) for a in list(el.iterancestors())[:8]):
            continue  # a commenter's nickname, not the account that posted the article
        text = " ".join((el.text_content() or "").split())
        if 2 <= len(text) <= 20:
            return text
    return None


def _lang(root) -> str:
    """The page's language tag: <html lang>, else Content-Language / og:locale."""
    lang = (root.get("lang") or root.get("xml:lang") or "").strip()
    if not lang:
        for el in root.iter("meta"):
            key = (el.get("http-equiv") or el.get("property") or el.get("name") or "").strip().lower()
            if key in ("content-language", "og:locale", "language") and el.get("content"):
                lang = el.get("content").strip()
                break
    return lang.replace("_", "-")[:20]


def _meta(root) -> tuple[dict[str, str], list[str]]:
    meta: dict[str, str] = {}
    titles: list[str] = []
    weak_date = False  # "published" came from a generic date tag (may be a modification date)
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if not key or not value:
            continue
        if key in ("og:title", "twitter:title") and "og_title" not in meta:
            meta["og_title"] = value
        elif key in ("article:published_time", "og:published_time", "published_time", "pubdate", "publishdate",
                     "datepublished", "date", "dc.date", "dc.date.issued", "dcterms.created", "publish_time",
                     "og:release_date", "sailthru.date", "article.published", "parsely-pub-date", "weibo:article:create_at"):
            if "published" not in meta:
                meta["published"] = value
                weak_date = key in _WEAK_DATE_KEYS
        elif key in ("og:url",):
            meta.setdefault("og_url", value)
        elif key in ("author", "article:author", "dc.creator", "byl"):
            meta.setdefault("author", value)
        elif key in ("og:site_name", "source", "mediaid", "article:publisher_name"):
            meta.setdefault("site", value)
        elif key in ("description", "og:description"):
            meta.setdefault("description", value)
    # schema.org: JSON-LD datePublished beats a generic date tag; then microdata and <time pubdate>
    ld = _jsonld(root)
    if ld.get("published") and ("published" not in meta or weak_date):
        meta["published"] = ld["published"]
    if ld.get("author"):
        meta.setdefault("author", ld["author"])
    if "published" not in meta:
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            if (el.get("itemprop") or "").strip().lower() == "datepublished" or (
                    el.tag.lower() == "time" and el.get("pubdate") is not None):
                value = (el.get("datetime") or el.get("content") or el.text_content() or "").strip()[:100]
                if value:
                    meta["published"] = value
                    break
    account = _account_name(root)
    if account:
        meta["account"] = account
    if "published" not in meta:
        stamp = _script_publish_time(root)
        if stamp:
            meta["published"] = stamp
    lang = _lang(root)
    if lang:
        meta["lang"] = lang
    for el in root.iter("link"):
        if (el.get("rel") or "").lower().strip() == "canonical" and el.get("href"):
            meta.setdefault("url", el.get("href").strip())
    for el in root.iter("base"):
        if el.get("href"):
            meta.setdefault("base", el.get("href").strip())  # what the page's relative addresses are relative to
            break
    if "url" not in meta and "og_url" in meta:
        meta["url"] = meta["og_url"]
    for el in root.iter("title"):
        text = " ".join((el.text_content() or "").split())
        if text:
            titles.append(text)
            break
    if "og_title" in meta:
        titles.insert(0, meta["og_title"])
    return meta, titles


class _Builder:
    def __init__(self):
        self.lines: list[Line] = []
        self.owners: list = []
        self.parts: list[str] = []
        self.link = 0
        self.emph_chars = 0
        self.heading: str | None = None
        self.owner = None
        self.photos: list[tuple[images.PhotoAt, int, object, object]] = []  # (photo, line, owner, img)

    def add(self, text: str | None, in_link: bool, in_emph: bool, heading: str | None, owner) -> None:
        if not text:
            return
        if not self.parts:
            self.owner = owner
            self.heading = heading
        self.parts.append(text)
        stripped = len(text.strip())
        if in_link:
            self.link += stripped
        if in_emph:
            self.emph_chars += stripped

    def flush(self) -> None:
        if self.parts:
            joined = without_icon_glyphs("".join(self.parts))  # (after the entities are decoded)
            text = " ".join(joined.replace("\u00a0", " ").replace("\u3000", " ").split())
            if text:
                tag = "title" if self.heading == "h1" else ("heading" if self.heading else "text")
                n = len(text.replace(" ", ""))
                self.lines.append(Line(text, tag=tag, link_chars=min(self.link, len(text)),
                                       emphasised=self.emph_chars >= n > 0))
                self.owners.append(self.owner)
        self.parts = []
        self.link = 0
        self.emph_chars = 0
        self.heading = None
        self.owner = None


def _photo_anchors(b: _Builder, chosen: set) -> list[PhotoAnchor]:
    """The page's photos (each address once), each marked inside the content or not, and the
    line under each that is its caption (the last photo standing above a line takes it)."""
    anchors: list[PhotoAnchor] = []
    seen: set[str] = set()
    for k, (photo, at, owner, img) in enumerate(b.photos):
        if photo.src in seen:
            continue
        seen.add(photo.src)
        last_here = k + 1 == len(b.photos) or b.photos[k + 1][1] != at
        caption = at if last_here and at < len(b.lines) and images.caption_of(b.lines[at].text, b.owners[at], img) else None
        anchors.append(PhotoAnchor(photo.src, at, _inside(owner, chosen), caption))
    return anchors


_ASIDE_LEVELS = 12  # ancestors of a line looked at for a navigation, sidebar or footer box


def _in_aside(owner, seen: dict) -> bool:
    """Whether the element holding a line sits in a box whose class or id names navigation, a
    sidebar, a footer, comments or a related list (``_NEG``); ``seen`` caches it per element."""
    path = []
    el, verdict = owner, False
    while el is not None and len(path) < _ASIDE_LEVELS:
        if el in seen:
            verdict = seen[el]
            break
        path.append(el)
        if isinstance(el.tag, str) and (el.get("class") or el.get("id")) and _NEG.search(_classname(el)):
            verdict = True
            break
        el = el.getparent()
    for visited in path:
        seen[visited] = verdict
    return verdict


def _inside(owner, chosen: set) -> bool:
    el, depth = owner, 0
    while el is not None and depth < _DEPTH_CAP:
        if el in chosen:
            return True
        el = el.getparent()
        depth += 1
    return False


def _linearise(body) -> _Builder:
    b = _Builder()
    stack: list[tuple[bool, bool, str | None, object]] = [(False, False, None, body)]
    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if event == "start":
            in_link, in_emph, heading, owner = stack[-1]
            if tag in _BLOCK:
                b.flush()
                owner = el
            if tag == "a":
                in_link = True
            if tag and _emphasises(el, tag):
                in_emph = True
            if tag in _HEADINGS:
                heading = tag
            stack.append((in_link, in_emph, heading, owner))
            if tag == "img" and (photo := images.photo_at(el)) is not None:
                b.flush()
                b.photos.append((photo, len(b.lines), owner, el))
            if tag and tag != "br":
                b.add(el.text, in_link, in_emph, heading, owner)
        else:
            stack.pop()
            if tag in _BLOCK:
                b.flush()
            in_link, in_emph, heading, owner = stack[-1]
            b.add(el.tail, in_link, in_emph, heading, owner)
    b.flush()
    return b


def _choose_content(lines: list[Line], owners: list) -> set:
    scores: dict = {}
    totals: dict = {}
    links: dict = {}
    stamps: dict = {}  # short lines carrying a date: comment threads, forum replies, news lists
    for line, owner in zip(lines, owners):
        if owner is None:
            continue
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
        plain = n - line.link_chars
        if plain < 10 or line.link_density > 0.3:
            continue
        score = 1 + len(_PUNCT.findall(line.scan)) + min(plain / 100, 3)
        container = owner.getparent() if (owner.tag in _PLIKE and owner.getparent() is not None) else owner
        scores[container] = scores.get(container, 0) + score
        parent = container.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + score / 2
    best, best_score = None, 0.0
    final: dict = {}
    for el, score in scores.items():
        if not isinstance(el.tag, str) or el.tag in ("body", "html"):
            weight = 0.0 if el.tag == "html" else -5
        else:
            weight = 0.0
        cls = _classname(el)
        if cls.strip():
            if _NEG.search(cls):
                weight -= 25
            if _POS.search(cls):
                weight += 25
        density = links.get(el, 0) / totals[el] if totals.get(el) else 0
        value = score * (1 - density) / (1 + max(0, stamps.get(el, 0) - 2) / 3) + weight
        final[el] = value
        if value > best_score:
            best, best_score = el, value
    if best is None:
        return set()
    first = _first_post(best, lines, owners, totals, links)
    if first is not None:
        return {first}
    chosen = {best}
    parent = best.getparent()
    if parent is not None:
        threshold = max(10.0, best_score * 0.2)
        for sib in parent:
            if sib is best:
                continue
            if final.get(sib, 0) >= threshold:
                chosen.add(sib)
        # the text's lead paragraph in a box of its own right before it ("<div class=lead>"): one
        # paragraph scores below the siblings' floor, and the text would open a paragraph late
        lead = best.getprevious()
        while lead is not None and not isinstance(lead.tag, str):
            lead = lead.getprevious()
        if lead is not None and final.get(lead, 0) >= _LEAD_BOX_MIN and _is_lead_box(lead, lines, owners):
            chosen.add(lead)
    return chosen


_LEAD_BOX_MIN = 3.0  # what a box of one sentence or more scores (a line of prose: 1 + its marks + length)
_LEAD_BOX_LINES = 3  # a lead paragraph, and a photo's caption with it
_LEAD_MIN_LETTERS = 20  # of the lead's sentence: a reading-time notice or a "listen" widget is shorter
_NOTICE_LABEL = re.compile(r"^\s{0,2}[【\[]?[\u4e00-\u9fff]{2,6}[】\]]?\s{0,2}[:：]")  # "溫馨提示：", "【導讀】:"


def _is_lead_box(box, lines: list[Line], owners: list) -> bool:
    """Whether the box before the densest one holds the text's lead: a paragraph of prose (a
    photo's caption may stand with it), no junk, no labelled notice ("溫馨提示：本文約1500字…")."""
    inside = [ln for ln, owner in zip(lines, owners) if owner is not None and (owner is box or box in owner.iterancestors())]
    if not 1 <= len(inside) <= _LEAD_BOX_LINES:
        return False
    fold_lines(inside)
    if any(clean.classify(ln) != clean.CONTENT or _NOTICE_LABEL.match(ln.text) for ln in inside):
        return False
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


_SHELL_LETTERS = 200  # a visible article region with fewer letters than this may be an app's empty shell
_PREFORMATTED_SHARE = 0.7  # of the page's letters in one <pre> or <textarea>: the page is a text dump


def _preformatted_page(root) -> str | None:
    """The text of the one <pre> or <textarea> that holds (nearly) the whole page, else None."""
    blocks = [el for el in root.iter("pre", "textarea")]
    if not blocks:
        return None
    body = root.find("body")
    total = len(clean._letters((body if body is not None else root).text_content() or ""))
    for el in blocks:
        text = el.text_content() or ""
        if total and len(clean._letters(text)) >= _PREFORMATTED_SHARE * total:
            return text
    return None


def parse_html(text: str) -> Parsed:
    text = _without_early_end_tags(_XML_DECL.sub("", text, count=1))
    if not text.strip():
        return Parsed(lines=[], kind="html")
    try:
        # huge_tree: libxml2 otherwise silently drops text nodes over 10 MB
        root = lxml_html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return Parsed(lines=[], kind="html")
    meta, titles = _meta(root)
    dumped = _preformatted_page(root)
    if dumped is not None:
        # a text dump wrapped in HTML: the page is read as the text it is, with the HTML's metadata
        parsed = parse_text(dumped)
        parsed.meta, parsed.title_candidates = meta, titles
        return parsed
    scripts = [el.text for el in root.iter("script") if el.text and "ld+json" not in (el.get("type") or "").lower()]
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        el.drop_tree() if hasattr(el, "drop_tree") else None
    for el in list(root.iter()):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        style = (el.get("style") or "").replace(" ", "").lower() if tag else ""
        if tag in _DROP or "display:none" in style or (tag and el.get("hidden") is not None):
            parent = el.getparent()
            if parent is None:
                continue
            # keep the tail text, drop the element
            tail = el.tail
            prev = el.getprevious()
            if tail:
                if prev is not None:
                    prev.tail = (prev.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
            parent.remove(el)
    body = root.find("body")
    if body is None:
        body = root
    built = _linearise(body)
    lines, owners = built.lines, built.owners
    chosen = _choose_content(lines, owners)
    for line, owner in zip(lines, owners):
        line.in_content = _inside(owner, chosen)
    if sum(ln.letter_count for ln in lines if ln.in_content) < _SHELL_LETTERS and scripts:
        # an app shell ("載入中…"): the article may be in the state its scripts hold
        found = article_in_scripts(scripts)
        if found is not None:
            body, state, state_titles = found
            return Parsed(lines=body, kind="html", meta={**state, **meta}, title_candidates=state_titles + titles,
                          has_region=True)
    asides: dict = {}
    return Parsed(lines=lines, kind="html", meta=meta, title_candidates=titles, has_region=True,
                  photos=_photo_anchors(built, chosen), is_aside=lambda k: _in_aside(owners[k], asides))
