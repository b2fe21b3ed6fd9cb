"""The body's blocks finished, once the walk (assemble.py) has read the lines.

Steps that need the whole body: headline matter above a byline dropped, a labelled deck that only
copies the first paragraph dropped, keyword spam cut out of the paragraphs, subheadings marked,
the credits that closed the text set after its last paragraph, and the names an end byline glued
to the last paragraph gives.
"""

from __future__ import annotations

import re

from ..model import Block
from ..script import convert
from . import clean, people, phrases
from .parsed import FOLD
from .shape import SENTENCE_END, letters, norm

SUBHEADING_MAX = 30
# a lead summary opening with its label, matched on folded text: "核心提示：腊八节要吃腊八粥，但…"
SUMMARY = re.compile(r"^[\s【\[]{0,2}(?:" + phrases.alternation(phrases.SUMMARY_LABELS) + r")[\s】\]]{0,2}[:：]\s{0,2}\S")
DECK_CUT = "…．. \u3000"  # how a deck is cut short: "……", "..."


def _without_repeated_deck(blocks: list[Block], marked: set[int]) -> tuple[list[Block], set[int]]:
    """Blocks without a labelled deck that only repeats the text's first words.

    Class: pages that print "导读：" (or 摘要, 核心提示…) with the opening sentences cut short
    ("……") right above the text that begins with them. A labelled summary of its own words is
    the article's (kept); a copy of the first paragraph is not.
    """
    paragraphs = [j for j, b in enumerate(blocks) if b.kind == "paragraph"]
    if len(paragraphs) < 2:
        return blocks, marked
    first, second = paragraphs[0], paragraphs[1]
    text = blocks[first].text
    head = convert(text[:20], FOLD)
    label = SUMMARY.match(head) if len(head) == len(text[:20]) else None
    if not label:
        return blocks, marked
    copy = norm(text[label.end() - 1:].rstrip(DECK_CUT))
    if len(copy) < 8 or not norm(blocks[second].text).startswith(copy):
        return blocks, marked
    return blocks[:first] + blocks[first + 1:], {j - (j > first) for j in marked if j != first}


def tidied(blocks: list[Block], marked: set[int], deck: int) -> list[Block]:
    """The walked blocks without the deck above a byline (``deck`` leading blocks) when text
    follows it, without a deck repeating the text, spam cut out, and subheadings marked
    (``marked``: the blocks the markup calls headings)."""
    if deck and any(b.kind == "paragraph" for b in blocks[deck:]):
        kept = [b for b in blocks[:deck] if b.kind in ("share", "photo")]
        marked = {j - deck + len(kept) for j in marked if j >= deck}
        blocks = kept + blocks[deck:]

    blocks, marked = _without_repeated_deck(blocks, marked)
    at = [j for j, b in enumerate(blocks) if b.kind == "paragraph"]
    for j, text in zip(at, clean.without_injected_spam([blocks[j].text for j in at])):
        if text != blocks[j].text:
            blocks[j] = Block("paragraph", text)

    # subheadings: short lines without closing punctuation, with a paragraph after them
    para_idx = [j for j, b in enumerate(blocks) if b.kind == "paragraph"]
    last_long = max((j for j in para_idx if letters(blocks[j].text) > 8 and j not in marked), default=-1)
    for j in para_idx:
        b = blocks[j]
        n = letters(b.text)
        if 0 < n <= SUBHEADING_MAX and j < last_long and (j in marked or not SENTENCE_END.search(b.text.strip())) \
                and not b.text.strip().startswith(("(", "（", "[", "【", "—", "-")):
            blocks[j] = Block("subheading", b.text)
    return blocks


def end_byline_authors(blocks: list[Block]) -> list[str]:
    """The names of an end byline glued to the last paragraph: "...认同感。（记者 张三）" (it stays
    in the text, where the page sets it)."""
    authors: list[str] = []
    for j in range(len(blocks) - 1, max(-1, len(blocks) - 3), -1):
        b = blocks[j]
        if b.kind != "paragraph":
            continue
        m = re.search(r"[（(]([^（）()]{2,40})[)）]([^（）()]{0,10})$", b.text[-70:])
        # (a short promotion the page glued after a place-report byline does not hide it:
        # "…釐清死因。（王煌忠／台中報導）《蘋果》關心你")
        if m and (not m.group(2).strip() or people.PLACE_REPORT.search(m.group(1))):
            authors.extend(people.paren_byline(m.group(0)[: m.end(1) - m.start() + 1]))
        break
    return authors


# a credit's label and its colon with nothing after it: "责任编辑：", "（編輯：）" (a CMS template's
# empty field; one, at the text's end: a list of a form's fields, "日期" "来源" "作者", is text)
_BARE_LABEL_MAX = 16  # characters of a bare label: "（责任编辑：）"
_BARE_LABEL = re.compile(r"^[\s【\[（(]{0,2}(?:" + phrases.alternation(phrases.META_LABELS) + r")\s{0,2}[:：]\s{0,2}[】\]）)]{0,2}$")


def closed(blocks: list[Block], closing: list[str], share_at_start: bool, share_done: bool) -> list[Block]:
    """The blocks with the credits that closed the text set after its last paragraph, empty ones
    dropped (and a credit's bare label closing the text), and a share widget the header held put
    first."""
    if blocks and blocks[-1].kind == "paragraph" and len(blocks[-1].text) <= _BARE_LABEL_MAX \
            and _BARE_LABEL.match(convert(blocks[-1].text, FOLD)):
        blocks = blocks[:-1]
    paragraphs = [j for j, b in enumerate(blocks) if b.kind == "paragraph"]
    if closing and paragraphs:
        blocks[paragraphs[-1] + 1: paragraphs[-1] + 1] = [Block("paragraph", c) for c in closing]
    blocks = [b for b in blocks if b.kind in ("share", "photo") or b.text]
    if share_at_start and not share_done:
        blocks.insert(0, Block("share"))
    if blocks and all(b.kind == "share" for b in blocks):
        blocks = []
    return blocks
