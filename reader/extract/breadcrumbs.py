"""A breadcrumb line ("您现在的位置：首页 > 新闻 > 正文") read into the sections it names, and the
marks between them (the headline scorer asks them of a line too). Bounded patterns over the head
of one line only, so that a hostile 1 MB line costs linear time.
"""

from __future__ import annotations

import re

_CRUMB_LABEL = re.compile(
    r"(?:您现在的位置|您現在的位置|您的位置|你的位置|当前位置|當前位置|现在位置|現在位置|所在位置|位置)\s{0,2}[:：]\s{0,2}"
)
CRUMB_SEP = re.compile(r"\s{0,3}(?:>>|>|›|»|→|＞|〉|/|\\|-&gt;|&gt;)\s{0,3}")
HOME = ("首页", "首頁", "主页", "主頁", "网站首页", "網站首頁", "home", "Home", "HOME", "新闻首页", "新聞首頁")


def find_breadcrumb(text: str) -> list[str] | None:
    """The parts of a breadcrumb line, without the "home" part (it names no section).

    ``您現在的位置: 城市 > 江門分站 > 最新動態`` -> ``["城市", "江門分站", "最新動態"]``.
    """
    s = text.strip()[:300]
    m = _CRUMB_LABEL.search(s)
    if m:
        rest = s[m.end():]
    else:
        rest = s
        if len(CRUMB_SEP.findall(rest)) < 1 or not rest.startswith(HOME):
            return None
    parts = [p.strip() for p in CRUMB_SEP.split(rest)]
    parts = [p for p in parts if p and p not in HOME and p not in ("正文", "正文內容", "正文内容")]
    if not parts or any(len(p) > 20 for p in parts):
        return None
    if not m and len(parts) < 1:
        return None
    return parts
