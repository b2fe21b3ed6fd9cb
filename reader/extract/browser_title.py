"""A browser title's parts: the marks that join them ("headline - section - site", "站名 » 标题",
"标题_栏目_网站"), whether a part is a site's name, and the ``<title>`` without its site's name.
The headline modules and the header zone split titles with these marks.
"""

from __future__ import annotations

import re

from ..script import convert
from .phrases import SITE_NAME_ENDINGS

TITLE_SPLIT = re.compile(
    r"\s{0,3}[»«›‹]\s{0,3}|\s{0,3}(?:--|——|－－)\s{0,3}|\s{1,3}[-–—|_]{1,2}\s{1,3}|\s{0,3}[_|｜]\s{0,3}|(?<=[^\x00-\x7f])\s{0,2}[-–]{1,2}\s{0,2}(?=[^\x00-\x7f])"
)


# "书记市长这一周 | 奋马扬鞭…": a column's name, in Chinese words only (a brand, "ETtoday新聞雲 |", is a site's)
_COLUMN_BAR = re.compile(r"^([\u4e00-\u9fff]{2,10})\s{0,2}[|｜丨]\s{0,2}(\S.{7,})$")
_HOST = re.compile(r"[a-z]\.[a-z]", re.I)  # "example.com": a site
_SITE_ENDING = re.compile(r"(?:" + "|".join(map(re.escape, SITE_NAME_ENDINGS)) + r")\s{0,2}$")


def is_site_name(text: str) -> bool:
    """A name ending as sites' names do ("…网", "…日报", "…新聞網"), matched on the folded text."""
    return bool(_SITE_ENDING.search(convert(" ".join(text.split()), "tw2s")))


def clean_title(title: str, candidates: list[str] = ()) -> str:
    """``<title>`` without its site name: the first substantial part when split on _ | – - » --.

    A column's name before a bar, when the rest holds the whole headline and no site name follows
    ("书记市长这一周 | 奋马扬鞭争春色…", "兩會觀察｜記者證有這些新變化"), is part of the headline: a
    site's name is no column (it ends as site names do, "…网", "…日报")."""
    title = " ".join(title.split())
    parts = [p for p in TITLE_SPLIT.split(title) if p.strip()]
    if len(parts) <= 1:
        return title
    if len(parts) == 2 and not _HOST.search(title):
        folded = convert(title, "tw2s")  # site names end in Simplified words
        column = _COLUMN_BAR.match(folded)
        if column and not is_site_name(column.group(1)) and not is_site_name(folded):
            return title
    # "Article - Section - Site" is the common order; a short first part is a site name ("多维博客 » …")
    for part in parts:
        if len(re.findall(r"\w", part)) >= 6:
            return part.strip()
    return max(parts, key=len).strip()
