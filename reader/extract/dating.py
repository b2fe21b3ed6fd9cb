"""The article's date among the dates a page shows: the header zone first, then metadata, the
text's edges, the URL; a date written without separators read only where one reading fits."""

from __future__ import annotations

from ..model import Block
from . import dates
from .parsed import Line

def pick_date(header: list[str], body_edges: list[str], all_lines: list[Line], title_idx: int, tag_date: str | None,
               footer: list[str] = (), first_content: int = -1, citations: list[str] = (), late: list[str] = (),
               url_date: str | None = None, day_first: bool = False) -> str | None:
    """The article's date: the header zone first, then metadata, the text's edges, the URL.

    ``url_date`` (the day in the article's URL) breaks ties: among several header dates the one
    the URL names wins, and it is the fallback when the page shows no date.
    """
    def best_in(texts: list[str], labelled_only: bool = False, last: bool = False) -> str | None:
        fallback = updated = None
        for t in texts:
            if dates.is_clock_line(t) or dates.is_reference_line(t):
                continue
            found = dates.find_dates(t, day_first)
            if not found:
                continue
            labelled = bool(dates.DATE_LABEL.search(t[: found[-1].start + 1]))
            # (a line of unlabelled dates above the headline: its last stands nearest to it)
            at = len(found) - 1 if last and not labelled else found.index(dates.first_published(t, found))
            date = found[at]
            if dates.is_update(t, found, at):
                updated = updated or date.iso  # (the last update's: it yields only to a publication's)
                continue
            label = dates.DATE_LABEL.search(t[: date.start + 1])
            if label and (not updated or dates.is_publication(t, found, at)):
                return date.iso
            if not labelled_only and fallback is None and not updated:
                fallback = date.iso
        return updated or fallback

    if url_date:
        for t in list(header) + list(late):
            if dates.is_clock_line(t) or dates.is_reference_line(t):
                continue
            for f in dates.find_dates(t, day_first):
                if f.iso[:10] == url_date or _swapped(f.iso) == url_date:
                    return _merge(f.iso, tag_date, url_date)
    got = best_in(header)
    if got:
        return _merge(got, tag_date, url_date)
    if tag_date and not tag_date.endswith("T00:00:00") and not tag_date.endswith("T00:00"):
        return tag_date
    if title_idx >= 0 and first_content > title_idx:
        # no date under the headline: a date standing just above it (a blog's day heading over
        # its post, "Saturday, September 10th, 2005") is the article's before one inside the text
        # (the nearest first, and a line's last: a list of other headlines with their dates may
        # end just above it, on the same line on a page run together)
        above = [ln.scan for ln in all_lines[max(0, title_idx - 3): title_idx] if ln.link_density < 0.3 and len(ln.text) <= 200]
        got = best_in(above[::-1], last=True)
        if got:
            return _merge(got, tag_date, url_date)
    got = best_in(late)
    if got:
        return _merge(got, tag_date, url_date)
    month = next((m for m in map(dates.bare_month, header) if m), None)
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
        got = dates.issue_month(t)
        if got:
            return got
    # anywhere after the title that is not a link list, then before it (page clocks last)
    after = [ln.scan for ln in all_lines[title_idx + 1:] if ln.link_density < 0.3 and len(ln.text) <= 200]
    got = best_in(after[:60], labelled_only=True) or best_in(after[:15])
    if got:
        return got
    before = [ln.scan for ln in all_lines[:max(title_idx, 0)] if ln.link_density < 0.3 and len(ln.text) <= 200]
    return best_in(before[-15:], labelled_only=True)


def compact_date(header: list[str], blocks: list[Block]) -> str | None:
    """A header date written without separators: one reading, or the one the lead names
    ("发布时间：2015127" and a lead opening "12月7日上午" is 2015-12-07); else none, not a guess."""
    lead = next((b.text[:120] for b in blocks if b.kind == "paragraph"), "")
    for h in header:
        readings = dates.compact_dates(h)
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
