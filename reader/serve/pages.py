"""The HTML of the pages a phone gets: the list, search results and one article.

Every string that comes from the library (titles, text, tags, notes, URLs, file names) goes
through :func:`esc` or :func:`attr`; nothing from a page is ever emitted as markup, and no page
has a script. The pages are small and mobile-first: one column, the system's CJK fonts, a
script switch (繁 / 简 / 原文) on every page.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence

from reader import share
from reader.export import markup
from reader.export.presenting import Presented, language_of
from reader.script import to_display


SCRIPTS = ("traditional", "simplified", "original")
SCRIPT_NAMES = {"traditional": "繁", "simplified": "简", "original": "原文"}

STYLESHEET = """\
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fdfcf8; --muted: #5c5c5c; --rule: #d9d6cc;
  --link: #0b4f9c; --mark: #fff0a8; --note: #6b4e00; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e6e1; --bg: #161616; --muted: #a6a39b; --rule: #3a3833; --link: #8cc2ff;
    --mark: #5a4a00; --note: #f1d27a; } }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
figure { margin: 1em 0; } figure img { max-width: 100%; height: auto; } figcaption { font-size: 0.85em; }
body { margin: 0 auto; max-width: 40em; padding: 0.75rem 1rem 3rem; background: var(--bg); color: var(--fg);
  font: 1.0625rem/1.8 system-ui, "PingFang TC", "PingFang SC", "Noto Sans CJK TC", "Noto Sans CJK SC",
  "Source Han Sans", "Microsoft JhengHei", "Microsoft YaHei", sans-serif;
  line-break: strict; overflow-wrap: anywhere; text-align: start; }
a { color: var(--link); }
nav { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; font-size: 0.95rem;
  border-bottom: 1px solid var(--rule); padding-bottom: 0.5rem; }
nav .scripts { margin-left: auto; }
nav .scripts a, nav .scripts strong { padding: 0 0.3rem; }
form { display: flex; gap: 0.5rem; margin: 0.75rem 0; }
input[type=search] { flex: 1; font: inherit; padding: 0.3rem 0.5rem; min-width: 0; }
button { font: inherit; }
h1 { font-size: 1.45rem; line-height: 1.45; margin: 1rem 0 0.4rem; }
h2 { font-size: 1.15rem; line-height: 1.5; margin: 1.4rem 0 0.4rem; }
.meta, .crumbs, .tags, .file, .count { color: var(--muted); font-size: 0.9rem; }
.untitled { color: var(--muted); font-style: italic; }
p { margin: 0 0 0.9rem; }
mark { background: var(--mark); color: inherit; }
.note { display: block; color: var(--note); font-size: 0.92rem; border-left: 3px solid var(--note);
  padding-left: 0.5rem; margin: 0.2rem 0 0.9rem; }
ol.articles { list-style: none; padding: 0; margin: 0; }
ol.articles li { padding: 0.6rem 0; border-bottom: 1px solid var(--rule); }
ol.articles a { text-decoration: none; font-weight: 600; }
.snippet { font-size: 0.95rem; }
.pages { display: flex; justify-content: space-between; margin-top: 1rem; }
.origin { word-break: break-all; font-size: 0.85rem; color: var(--muted); }
.problem { color: var(--note); }
"""


esc = attr = markup.text  # one escaping for text nodes and quoted attribute values
clean = markup.clean


def link(path: str, **params: str | int | None) -> str:
    """A same-site link: ``path`` (ours, never from the library) with its query, escaped."""
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return attr(path + ("?" + query if query else ""))


def page(title: str, body: str, language: str = "zh") -> bytes:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{attr(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f'<title>{esc(title)}</title><link rel="stylesheet" href="/style.css"></head>'
        f"<body>{body}</body></html>\n"
    ).encode("utf-8")


def label(traditional: str, script: str) -> str:
    """One of our own labels in the script of the page (Traditional as written, else converted)."""
    return to_display(traditional, "simplified", "traditional") if script == "simplified" else traditional


def navigation(script: str, here: str, query: str = "", **keep: str | int | None) -> str:
    """Links home and to search, and the script switch that reloads this page in another script."""
    switch = []
    for choice in SCRIPTS:
        name = SCRIPT_NAMES[choice]
        if choice == script:
            switch.append(f"<strong>{name}</strong>")
        else:
            switch.append(f'<a href="{link(here, script=choice, **keep)}">{name}</a>')
    return (
        f'<nav><a href="{link("/", script=script)}">{esc(label("文章", script))}</a>'
        f'<span class="scripts">{"".join(switch)}</span></nav>'
        f'<form action="/search" method="get" role="search">'
        f'<input type="search" name="q" value="{attr(query)}" aria-label="{attr(label("搜尋", script))}">'
        f'<input type="hidden" name="script" value="{attr(script)}">'
        f'<button type="submit">{esc(label("搜尋", script))}</button></form>'
    )


def summary_item(summary, script: str, shown_title: str, extra: str = "") -> str:
    meta = " · ".join(x for x in ((summary.published or "")[:10], summary.source and show(summary.source, summary.script, script)) if x)
    title_class = ' class="untitled"' if summary.untitled else ""
    return (
        f'<li><a{title_class} href="{link(f"/a/{summary.id}", script=script)}">{shown_title}</a>'
        f'<div class="meta">{esc(meta)}</div>{extra}</li>'
    )


def show(text: str, article_script: str, script: str) -> str:
    """Library text in the page's script (plain text: escape it afterwards)."""
    return to_display(text, script, article_script or "unknown") if text else ""


def marked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` escaped, with the search matches at ``spans`` in ``<mark>``."""
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        out.append(esc(text[at:start]) + "<mark>" + esc(text[start:end]) + "</mark>")
        at = end
    out.append(esc(text[at:]))
    return "".join(out)


def article_list(summaries, script: str, heading: str, page_number: int, more: bool, total: int) -> bytes:
    items = "".join(
        summary_item(s, script, esc(show(s.title, s.script, script) if not s.untitled else s.title)) for s in summaries
    )
    body = (
        navigation(script, "/", page=page_number if page_number > 1 else None)
        + f"<h1>{esc(heading)}</h1><p class=\"count\">{total} {esc(label('篇', script))}</p>"
        + f'<ol class="articles">{items}</ol>' + _pager("/", script, page_number, more)
    )
    return page(heading, body, language_of(script))


def _pager(path: str, script: str, page_number: int, more: bool, **keep: str) -> str:
    """Links to the page before (newer, better ranked) and after."""
    before = (f'<a href="{link(path, script=script, page=page_number - 1, **keep)}">← {esc(label("較新", script))}</a>'
              if page_number > 1 else "<span></span>")
    after = f'<a href="{link(path, script=script, page=page_number + 1, **keep)}">{esc(label("較舊", script))} →</a>' if more else ""
    return f'<div class="pages">{before}{after}</div>'


def search_results(hits, query: str, script: str, problem: str = "", page_number: int = 1, more: bool = False,
                   first: int = 1) -> bytes:
    """``first``: the rank of the first hit shown (pages after the first say "51–100 篇")."""
    items = []
    for hit in hits:
        s = hit.summary
        title = marked(s.title, hit.title_spans) if script == "original" or s.untitled else esc(show(s.title, s.script, script))
        snippet = marked(hit.snippet, hit.spans) if script == "original" else esc(show(hit.snippet, s.script, script))
        items.append(summary_item(s, script, title, f'<div class="snippet">{snippet}</div>'))
    heading = f"{label('搜尋', script)}：{query}" if query else label("搜尋", script)
    shown = f"{first}–{first + len(hits) - 1}" if hits and (more or page_number > 1) else str(len(hits))
    found = f"<p class=\"count\">{shown} {esc(label('篇', script))}</p>" if query else ""
    if problem:
        found = f'<p class="problem">{esc(problem)}</p>'
    body = (navigation(script, "/search", query, q=query, page=page_number if page_number > 1 else None)
            + f"<h1>{esc(heading)}</h1>{found}" + f'<ol class="articles">{"".join(items)}</ol>'
            + _pager("/search", script, page_number, more, q=query))
    return page(heading, body, language_of(script))


def article(shown: Presented, script: str) -> bytes:
    parts = [navigation(script, f"/a/{shown.id}")]
    if shown.breadcrumb:
        parts.append(f'<div class="crumbs">{esc(" › ".join(shown.breadcrumb))}</div>')
    if shown.title:
        parts.append(f"<h1>{esc(shown.title)}</h1>")
    else:
        parts.append(f'<h1 class="untitled">{esc(shown.name)}</h1>')
    meta = shown.meta_line()
    if meta:
        parts.append(f'<div class="meta">{esc(meta)}</div>')
    if shown.tags:
        parts.append(f'<div class="tags">{esc(" ".join("#" + t for t in shown.tags))}</div>')
    for note in shown.notes:
        parts.append(f'<aside class="note">{esc(shown.label("筆記"))}：{esc(note)}</aside>')
    for block, following in zip(shown.blocks, shown.blocks[1:] + [None]):
        if block.kind == "photo" and block.photo is not None:
            inner, notes = markup.marked(block, following)
            caption = f"<figcaption>{inner}</figcaption>" if block.text else ""
            parts.append(f'<figure><img src="/photo/{block.photo.key}" alt="{esc(block.text)}" loading="lazy" '
                         f'width="{block.photo.width}" height="{block.photo.height}">{caption}</figure>')
            parts.extend(f'<aside class="note">{esc(note)}</aside>' for note in notes)
            continue
        tag = "h2" if block.kind == "subheading" else "p"
        inner, notes = markup.marked(block, following)
        parts.append(f"<{tag}>{inner}</{tag}>")
        parts.extend(f'<aside class="note">{esc(note)}</aside>' for note in notes)
    if shown.url:
        parts.append(_origin(shown.url, shown.label("原文")))
    return page(shown.heading, "".join(parts), shown.language)


def _origin(url: str, caption: str) -> str:
    """The page's own address: a link only when it is a plain http(s) URL, else inert text."""
    try:
        href = share.check_url(url)
    except share.ShareError:
        return f'<p class="origin">{esc(caption)}：{esc(url)}</p>'
    return f'<p class="origin">{esc(caption)}：<a href="{attr(href)}" rel="noreferrer noopener">{esc(url)}</a></p>'


def message(status_text: str, explanation: str) -> bytes:
    return page(status_text, f"<h1>{esc(status_text)}</h1><p>{esc(explanation)}</p>")
