"""HTML -> lines, with the main-content region marked.

The page is flattened into lines (one per block element or ``<br>``), each knowing how much of
its text sits inside links and which block element it came from; content_box.py then chooses the
box that holds the article by text density. Metadata comes from ``<meta>`` tags, JSON-LD, a
WeChat page's script variable, ``<link rel=canonical>`` and ``<title>``.
"""

from __future__ import annotations

import json
import re

from lxml import etree, html as lxml_html

from . import clean, images, phrases
from .content_box import choose_content, classname, in_aside, inside, junk_inside
from .parsed import Line, Parsed, PhotoAnchor, without_icon_glyphs
from .script_state import article_in_scripts
from .text import parse_text

_DROP = {"script", "style", "noscript", "iframe", "select", "option", "textarea", "button", "input",
         "nav", "aside", "svg", "canvas", "object", "embed", "video", "audio", "map", "head", "template"}
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
          "table", "tr", "td", "th", "tbody", "thead", "tfoot", "section", "article", "header", "footer",
          "blockquote", "pre", "form", "center", "hr", "main", "figure", "figcaption", "address", "caption",
          "fieldset", "legend", "body", "html"}
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
_PARSER = lxml_html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)


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
        if any(_COMMENT_BOX.search(classname(a)) for a in list(el.iterancestors())[:8]):
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
        anchors.append(PhotoAnchor(photo.src, at, inside(owner, chosen), caption))
    return anchors


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


_HEADER_LINE_LETTERS = 40
# a metadata label opening a line and marked as one ("來源：", "記者／"): a sentence may hold the word
_LABEL_FIRST = re.compile(r"^\s{0,2}[【\[（(]?(?:" + phrases.alternation(phrases.META_LABELS) + r")\s{0,2}[:：/／丨|]")


def _header_like(line: Line) -> bool:
    """A date line, or a short line led by a metadata label (the header's source, byline)."""
    return bool(line.dates) or line.letter_count <= _HEADER_LINE_LETTERS and bool(_LABEL_FIRST.match(line.folded))


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
    chosen = choose_content(lines, owners, titles)
    for line, owner in zip(lines, owners):
        line.in_content = inside(owner, chosen)
    # (a promotion's or an advertisement's box inside the article's is dropped, but for a date or
    # metadata line standing in it: "2024-05-10 來源：嵐港日報 訂閱電子報")
    for line, junk in zip(lines, junk_inside(chosen, lines, owners)):
        if junk and not _header_like(line):
            line.in_content = False
    if sum(ln.letter_count for ln in lines if ln.in_content) < _SHELL_LETTERS and scripts:
        # an app shell ("載入中…"): the article may be in the state its scripts hold
        found = article_in_scripts(scripts)
        if found is not None:
            body, state, state_titles = found
            return Parsed(lines=body, kind="html", meta={**state, **meta}, title_candidates=state_titles + titles,
                          has_region=True)
    asides: dict = {}
    return Parsed(lines=lines, kind="html", meta=meta, title_candidates=titles, has_region=True,
                  photos=_photo_anchors(built, chosen), is_aside=lambda k: in_aside(owners[k], asides))
