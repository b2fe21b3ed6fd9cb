"""Each class of scraped page the genre notes found (benchmarks/genre/NOTES.md), on a self-written page.

The pages in tests/fixtures/extract_classes/ were written for this project, one layout class per
file (README there); each states what a reader must get: title, date, authors, where the body
starts and ends, and junk that must not be in it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.decode import decode
from reader.extract import extract
from reader.model import ArticleHints

FIXTURES = Path(__file__).parent / "fixtures" / "extract_classes"
PAGES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html"))
# Classes the extractor does not handle yet, each with what goes wrong. Strict: a page that starts
# passing fails here until it is taken off the list.
NOT_YET = {
    "t07_whole_page_one_line": "a one-line page without punctuation is not cut into lines",
}


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text or "").lower()


def extracted(page: Path):
    kind = "html" if page.suffix == ".html" else "text"
    return extract(decode(page.read_bytes(), kind, None).text, kind, ArticleHints())[0]


def check(page: Path) -> list[str]:
    """What the extractor gets wrong on one page (empty: everything right)."""
    want = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
    art = extracted(page)
    body = _letters(art.body)
    wrong = []
    if (art.title or "").replace(" ", "") != want["title"].replace(" ", ""):
        wrong.append(f"title {art.title!r}")
    if (art.published or "")[:10] != (want["date"] or ""):
        wrong.append(f"date {art.published!r}")
    if set(art.authors or []) != set(want["authors"] or []):
        wrong.append(f"authors {art.authors!r}")
    if _letters(want["body_start"]) not in body[:60]:
        wrong.append(f"start {art.body[:30]!r}")
    if _letters(want["body_end"]) not in body:
        wrong.append("end")
    wrong.extend(f"junk {j!r}" for j in want["junk"] if _letters(j) in body)
    return wrong


@pytest.mark.parametrize(
    "page",
    [pytest.param(p, marks=pytest.mark.xfail(reason=NOT_YET[p.stem], strict=True)) if p.stem in NOT_YET else p
     for p in PAGES],
    ids=[p.stem for p in PAGES],
)
def test_page_class(page):
    assert check(page) == []


def test_every_page_has_its_expectations():
    assert PAGES and all(p.with_suffix(".expected.json").exists() for p in PAGES)
    assert set(NOT_YET) <= {p.stem for p in PAGES}
