"""The article's fields (authors, editor, source, date) from what the body walk set aside.

The walk (assemble.py) keeps the header zone's lines, the credits under the text, a post's
stamps and a citation apart from the body; here they, the text's first paragraph, the page's
own metadata (<meta>, JSON-LD, a self-media account) and its address give the fields, the
page's visible lines first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import ArticleHints, Block
from ..script import convert
from . import browser_title, dates, people, phrases, sources
from .dating import compact_date, pick_date
from .parsed import FOLD, Parsed


@dataclass
class SetAside:
    """Lines the body walk kept out of the body for the fields (their scan text)."""

    header: list[str] = field(default_factory=list)  # the header zone under the title
    footer: list[str] = field(default_factory=list)  # short lines just below the article's box
    late: list[str] = field(default_factory=list)  # date lines after the text began (a post's stamp)
    citation: str | None = None  # the publication a closing citation names: ——《北京之春》1996年6月号
    citation_lines: list[str] = field(default_factory=list)
    lead_names: list[str] = field(default_factory=list)  # an essay's bare byline under the title


_PORTAL_NAMES = frozenset(phrases.PORTAL_NAMES)


_SITE_LIKE = re.compile(r"(?:网|網|网站|網站|\.com|\.cn)$")


def _names_the_site(name: str, p: Parsed) -> bool:
    """Whether ``name`` is the site's: its og:site_name, the <title>'s last part ("…_南方网",
    "… | 聯合新聞網"; a blogger's name in "…_王小波_新浪博客" is no site), a portal's name
    (phrases.PORTAL_NAMES), or a name made as a site's is ("…新闻网", "….com")."""
    if name == p.meta.get("site") or convert(name, FOLD).lower() in _PORTAL_NAMES or _SITE_LIKE.search(name):
        return True
    for t in p.title_candidates[:1]:
        parts = [x.strip() for x in browser_title.TITLE_SPLIT.split(t)]
        if len(parts) >= 2 and name == parts[-1]:
            return True
    return False


def article_fields(p: Parsed, hints: ArticleHints, t: int, blocks: list[Block], aside: SetAside,
                   authors: list[str], editor: str | None, source: str | None
                   ) -> tuple[list[str], str | None, str | None, str | None]:
    """(authors, editor, source, published) from the walk's own finds (``authors``, ``editor``,
    ``source``) and what it set aside; ``t`` is the title line's index (-1: none)."""
    for a in aside.lead_names:
        if a not in authors:
            authors.append(a)
    # metadata from the header zone
    for h in aside.header:
        if not source:
            source = sources.find_source(h)
        for a in people.header_authors(h):
            if a not in authors:
                authors.append(a)
        if not editor:
            editor = people.find_editor(h)
    for f in aside.footer:
        s_ = f.strip("（()） 【】[]")
        if not editor and people.EDITOR_LABEL.match(s_):
            editor = people.find_editor(f)
        if not source and sources.SOURCE_LABEL.match(s_):
            source = sources.find_source(f)
        if people.AUTHOR_LABEL.match(s_):
            authors.extend(a for a in people.find_authors(f) if a not in authors)
    if not authors:
        # the stamp closing a post inside the text: "〓 … 发布时间 2005/03/15 22:36:13 by duscha 〓"
        for h in aside.late:
            authors = people.header_authors(h)
            if authors:
                break
    if not authors:
        # a post's own stamp under it: "本贴由大卫于…发表", "由海姑娘张贴 @ …" (the first one only:
        # later stamps belong to replies)
        for f in aside.footer:
            if dates.find_dates(f):
                authors = people.posted_by(f)
                break
    if not source and aside.citation:
        source = aside.citation
    for b in blocks[:2]:
        if b.kind == "paragraph":
            if not source:
                m = sources.DATELINE.search(b.text[:80]) or sources.DATELINE_SHORT.search(b.text[:80]) \
                    or sources.TAG_SOURCE.search(b.text[:40])
                if m:
                    source = m.group(1)
            if not authors:
                authors = people.lead_reporters(b.text)
            break
    tag_date = dates.parse_date(p.meta.get("published"))
    edges = [b.text[:300] for b in blocks[-3:] if b.kind == "paragraph"]
    first_content = next((k for k, ln in enumerate(p.lines) if ln.in_content), -1) if p.has_region else -1
    published = pick_date(aside.header, edges, p.lines, t, tag_date, aside.footer, first_content,
                          aside.citation_lines, aside.late,
                           dates.url_date(hints.url or p.meta.get("url")),
                           dates.day_first_locale(hints.language or p.meta.get("lang")))
    if not published:
        published = compact_date(aside.header, blocks)
    if not authors and first_content > 0:
        # a post's stamp just above its text: "ggjjzhzz 发表于 2005-9-15 11:46:00"
        for ln in p.lines[first_content - 1: max(0, first_content - 4): -1]:
            if len(ln.text) <= 120 and ln.dates:
                authors = people.posted_by(ln.scan)
                break
    if not authors and p.meta.get("author"):
        # a CMS's author field often holds the user who posted the story: the editor the page
        # credits is never its author, nor is the site
        authors = [a for a in people.names_in(p.meta["author"]) if a not in (editor or "").split("、")
                   and not _names_the_site(a, p)]
    if not authors:
        # a self-media platform's stamp names the account that posted the story
        account = next((a for h in aside.header if (a := people.posting_account(h))), None)
        if account and not _names_the_site(account, p):
            authors = [account]
    if not authors and p.meta.get("account"):
        # a self-media or WeChat account is the author when no person is named (not a site name)
        account = p.meta["account"]
        if not _names_the_site(account, p):
            authors = [account]
    return authors, editor, source, published
