"""One feed item (RSS, Atom, JSON Feed) as a Member: its content HTML or text as the entry's
bytes, and what the feed says of it (link, title, date, authors, categories) as hints."""

from __future__ import annotations

import email.utils
import html
import re
from datetime import datetime, timezone

from reader.bundle.items import Member, Skipped, entry_name
from reader.model import ArticleHints

# An RSS <description> without content:encoded is taken for the whole article unless it is short
# or trails off: many feeds (RSSHub's among them) put the full text there.
EXCERPT_CHARS = 300
_TAG = re.compile(r"<[^>]*>")
# inline markup joins its neighbours: '<b>粗体</b>标题' is one word (a space would split a Chinese title)
_INLINE = re.compile(r"</?(?:a|abbr|b|bdi|bdo|big|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|tt|u|var)\b[^>]*>", re.I)
_ELLIPSIS = ("…", "...", "[…]", "[...]", "阅读全文", "閱讀全文", "更多")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


def plain(text: str | None) -> str:
    """Text without markup or entities, on one line (a title, a category)."""
    return " ".join(html.unescape(_TAG.sub(" ", _INLINE.sub("", text or ""))).split())


def iso_date(raw: str | None, parsed=None) -> str | None:
    """An ISO 8601 date that keeps the feed's own offset (RFC 822 or RFC 3339); feedparser's
    reading (UTC) of the other spellings it knows; else None."""
    raw = (raw or "").strip()
    if raw:
        try:
            return email.utils.parsedate_to_datetime(raw).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat()
        except ValueError:
            pass
    if parsed:
        return datetime(*parsed[:6], tzinfo=timezone.utc).isoformat()
    return None


def language(raw: str | None) -> str | None:
    raw = (raw or "").strip()
    return raw.replace("_", "-") if _LANGUAGE.match(raw) else None


def is_excerpt(summary: str) -> bool:
    text = plain(summary)
    return len(text) < EXCERPT_CHARS or text.endswith(_ELLIPSIS)


def article_member(name: str, entry: str, body: str, kind: str, hints: ArticleHints) -> Member:
    return Member(entry_name(name, entry), body.encode("utf-8"), kind, hints)


def entry_member(entry, number: int, feed: dict[str, str], name: str, container: str) -> Member | Skipped:
    """A feedparser entry: its content (content:encoded, Atom content), else its summary (then
    marked as an excerpt when it is one), else a Skipped link-only item."""
    link = (entry.get("link") or "").strip() or None
    entry_id = (entry.get("id") or "").strip() or link or f"item {number}"
    contents = [c for c in entry.get("content") or () if (c.get("value") or "").strip()]
    summary = entry.get("summary") or ""
    if contents:
        body, kind, excerpt = contents[0]["value"], _kind(contents[0].get("type")), None
    elif summary.strip():
        body, kind = summary, _kind((entry.get("summary_detail") or {}).get("type"))
        excerpt = True if container == "atom" or is_excerpt(summary) else None
    else:
        return Skipped(entry_name(name, entry_id), "feed item without content or summary (a link only)")
    authors = tuple(a for a in (plain(x.get("name")) for x in entry.get("authors") or ()) if a)
    if not authors and entry.get("author"):
        authors = (plain(entry["author"]),)
    tags = tuple(dict.fromkeys(t for t in (plain(x.get("term") or x.get("label")) for x in entry.get("tags") or ()) if t))
    source = plain((entry.get("source") or {}).get("title")) or plain(feed.get("title")) or None
    hints = ArticleHints(
        url=link, title=plain(entry.get("title")) or None,
        published=iso_date(entry.get("published") or entry.get("updated"),
                           entry.get("published_parsed") or entry.get("updated_parsed")),
        authors=authors or None, source=source, language=language(feed.get("language")), encoding="utf-8",
        container=container, entry=entry_id, tags=tags or None, excerpt=excerpt,
    )
    return article_member(name, entry_id, body, kind, hints)


def _kind(content_type: str | None) -> str:
    return "text" if content_type == "text/plain" else "html"
