"""Score reader.extract (and GNE / trafilatura as anchors) per data set x split x page kind.

Usage:
    python benchmarks/extraction_score.py [--split dev|held|all] [--kinds html,dom,inscriptis,w3m,oneline]
                                          [--no-anchors] [-v] [--json FILE|-] [--corpus DIR] [--labels DIR] [--jobs N]

Labels: benchmarks/labels/{dev,held}.json (written by make_labels.py; see its docstring for every field).
Pages: the corpus folder (../shared/corpus), each label's "path". Kinds: "html" is the page itself, read with
extract(html, "html"); the text kinds are rendered in process by make_text_pages.render() and read with
extract(text, "text"). Anchors: GNE 0.4.3 (GeneralNewsExtractor().extract(html), HTML only) and trafilatura
(bare_extraction(..., with_metadata=True)); for text kinds trafilatura is given the render as one <p> per
non-blank line.

Figures, per page and kind (the page's "render" is the dom text for html, else the text the extractor reads;
letters-folded = Unicode categories L* and N* only, lower-cased):
- title: extracted title == labelled title, whitespace removed; over pages whose title is in the render.
- date: to the day (a label "YYYY-MM" or "YYYY" compares the fields it gives); a page labelled null must get no
  date; over pages whose date is labelled.
- author: set of extracted authors == set of labelled ones (whitespace removed; null label = no authors).
- start: labelled body_start (letters-folded) is found in the first 40 non-whitespace characters of the
  extracted body (letters-folded); over pages whose body_start is in the render.
- end: labelled body_end (letters-folded) is in the extracted body; over pages whose body_end is in the render.
- leak: % of pages where a labelled junk string present in the render is found in the extracted body; over
  pages with at least one such junk string. Lower is better.
- failed: % of pages where the extractor raised or gave an empty body. A failed page counts as wrong for
  title/date/author/start/end and as no leak.
With -v, every failed figure of a dev page is printed (held pages: nothing per page, ever).
"""

from __future__ import annotations

import argparse
import html as htmllib
import json
import lzma
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from make_text_pages import KINDS as TEXT_KINDS, available_kinds, dom_lines, render  # noqa: E402

ALL_KINDS = ("html",) + TEXT_KINDS
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_LABELS = HERE / "labels"
FIGURES = ("title", "date", "author", "start", "end", "leak", "failed")
DATE_RE = re.compile(r"((?:19|20)\d\d)\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})")


def letters(text: str | None) -> str:
    return "".join(ch for ch in (text or "") if unicodedata.category(ch)[0] in "LN").lower()


def nows(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def norm_date(value) -> str | None:
    """A tool's date as YYYY-MM-DD, or as the reduced precision it gives (YYYY-MM, YYYY: a magazine
    issue's month); None for no date."""
    if not value:
        return None
    m = DATE_RE.search(str(value))
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?\s*", str(value))
    if m:
        return f"{int(m.group(1)):04d}" + (f"-{int(m.group(2)):02d}" if m.group(2) else "")
    return None


def same_day(got: str | None, want: str) -> bool:
    if not got:
        return False
    return got[:len(want)] == want


@dataclass
class Result:
    title: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    body: str = ""
    error: str | None = None
    # the body without photo captions, where "start" is judged: a label's body_start is the
    # first line of the text, and a lead photo's caption is shown above it (None: the body)
    prose: str | None = None


# ---- extractors: fn(document, kind) -> Result, kind "html" or "text" --------------------------------------

def run_reader(doc: str, kind: str) -> Result:
    from reader.extract import extract
    from reader.model import ArticleHints

    from reader.model import prose_text

    art = extract(doc, kind, ArticleHints())[0]
    return Result(art.title, norm_date(art.published), list(art.authors), art.body, prose=prose_text(art.blocks))


def run_gne(doc: str, kind: str) -> Result:
    from gne import GeneralNewsExtractor

    out = GeneralNewsExtractor().extract(doc)
    author = out.get("author") or ""
    return Result(out.get("title"), norm_date(out.get("publish_time")),
                  [a for a in re.split(r"[\s、,，;；]+", author) if a], out.get("content") or "")


def as_paragraphs(text: str) -> str:
    paras = "".join(f"<p>{htmllib.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><body>{paras}</body></html>"


def run_trafilatura(doc: str, kind: str) -> Result:
    import trafilatura

    src = doc if kind == "html" else as_paragraphs(doc)
    out = trafilatura.bare_extraction(src, with_metadata=True)
    if out is None:
        return Result(error="no article")
    get = out.get if isinstance(out, dict) else (lambda k: getattr(out, k, None))
    author = get("author") or ""
    return Result(get("title"), norm_date(get("date")),
                  [a.strip() for a in re.split(r"[;,]", author) if a.strip()], get("text") or "")


TOOLS = {"reader": run_reader, "gne": run_gne, "trafilatura": run_trafilatura}
HTML_ONLY = {"gne"}


def available_anchors() -> list[str]:
    out = []
    for name, mod in (("gne", "gne"), ("trafilatura", "trafilatura")):
        try:
            __import__(mod)
            out.append(name)
        except ImportError:
            pass
    return out


# ---- scoring ------------------------------------------------------------------------------------------------

def read_page(corpus: Path, rec: dict) -> str:
    from reader.decode import decode

    data = (corpus / rec["path"]).read_bytes()
    if rec["path"].endswith(".xz"):
        data = lzma.decompress(data)
    return decode(data, "html", None).text


def judge(rec: dict, res: Result, render_letters: str) -> dict:
    """{figure: True/False} for the figures this page counts in (absent: not counted)."""
    out: dict = {}
    failed = res.error is not None or not (res.body or "").strip()
    out["failed"] = failed
    un = set(rec.get("unlabelled") or [])
    title = rec.get("title")
    if title and "title" not in un and letters(title) and letters(title) in render_letters:
        out["title"] = not failed and nows(res.title) == nows(title)
        if not out["title"]:
            got, want = letters(res.title or ""), letters(title)
            out["_title_why"] = ("none" if not got else "the same letters, other marks" if got == want
                                 else "part of it" if got in want else "it and more" if want in got else "another line")
    if "date" not in un:
        want = rec.get("date")
        out["date"] = not failed and (res.date is None if want is None else same_day(res.date, want))
    if "authors" not in un:
        want = {nows(a) for a in rec.get("authors") or []}
        got = {nows(a) for a in res.authors or [] if nows(a)}
        out["author"] = not failed and got == want
    body_l = letters(res.body)
    bs, be = rec.get("body_start"), rec.get("body_end")
    if bs and letters(bs) and letters(bs) in render_letters:
        prose = letters(nows(res.body if res.prose is None else res.prose))
        out["start"] = not failed and letters(bs) in prose[:40]
        if not out["start"]:
            out["_start_why"] = "too early" if letters(bs) in prose else "too late or lost"
    if be and letters(be) and letters(be) in render_letters:
        out["end"] = not failed and letters(be) in body_l
    junk = [j for j in rec.get("junk") or [] if letters(j) and letters(j) in render_letters]
    if junk:
        leaked = [j for j in junk if letters(j) in body_l]
        out["leak"] = bool(leaked) and not failed
        out["_leaked"] = leaked[:3]
        if out["leak"]:
            at = [body_l.find(letters(j)) for j in leaked]
            begin = body_l.find(letters(bs)) if bs and letters(bs) else -1
            close = body_l.rfind(letters(be)) if be and letters(be) else -1
            out["_leak_why"] = ("above the text" if begin > 0 and min(at) < begin
                                else "below the text" if close >= 0 and max(at) > close
                                else "inside the text" if begin >= 0 and close >= 0 else "start or end not found")
    return out


def text_stages(text: str):
    """(lines, classes, article region or None) of a text page, as the extractor's own stages make
    them (parse_text, folding, clean.classify, region.article_region): what the trainers and the
    diagnostics look at."""
    from reader.extract import clean, region
    from reader.extract.parsed import fold_lines
    from reader.extract.text import parse_text

    p = parse_text(text)
    fold_lines(p.lines)
    classes = [clean.classify(ln) for ln in p.lines]
    return p, classes, region.article_region(p.lines, classes)


def title_among_candidates(text: str, title: str) -> bool:
    """Whether the headline scorer of text pages had the labelled title among its candidates
    (reader.extract.headline.candidates around the article region), as the reader tidies them."""
    from reader.extract import headline
    from reader.extract.title_words import tidy_headline

    p, classes, found = text_stages(text)
    if found is None:
        return False
    want = letters(title)
    return any(letters(tidy_headline(p.lines, k)) == want for k in headline.candidates(p.lines, classes, *found))


def candidate_miss(text: str, title: str) -> str:
    """For a title that was not among the headline scorer's candidates, why not: on no one line
    (as the reader tidies its lines), the line's class, too long, its shape (``may_be_headline``),
    a breadcrumb step, or its distance from the article region (above, below, inside it). Figures only."""
    from reader.extract import clean, headline
    from reader.extract.title_words import tidy_headline

    p, classes, found = text_stages(text)
    want = letters(title)
    at = [k for k, ln in enumerate(p.lines) if letters(ln.text) == want or letters(tidy_headline(p.lines, k)) == want]
    if not at:
        return "on no one line"
    if found is None:
        return "no region"
    first, last = found
    k = min(at, key=lambda j: abs(j - first))
    ln = p.lines[k]
    if classes[k] != clean.CONTENT:
        return f"classed {classes[k].split(':')[0]}"
    if ln.letter_count > headline.MAX_LETTERS or len(ln.text) > 200:
        return "too long"
    if not headline.may_be_headline(ln):
        return "no headline shape"
    if first - headline.REACH_ABOVE <= k <= first or last < k < last + 1 + headline.REACH_BELOW or k < 3:
        return "a trail's step"
    if k < first:
        return f"far above the region ({'under 100' if first - k <= 100 else 'over 100'} lines)"
    return "below the region" if k > last else "inside the region"


_PIECES_REACH = 3  # lines around the title's part found that the rest of the title may stand on


def _region_note(text: str, body_start: str | None) -> str:
    """", the text's region found" or ", the region another text" (the labelled first words of the
    body not within the region's first lines): a headline chosen around the wrong text. Figures only."""
    p, _classes, found = text_stages(text)
    want = letters(body_start or "")[:8]
    at = next((k for k, ln in enumerate(p.lines) if want and want in letters(ln.text)), None)
    if at is None or found is None:
        return ""
    return ", the text's region found" if found[0] - _JUST_ABOVE <= at <= found[1] else ", the region another text"


def choice_note(text: str, title: str) -> str:
    """For a headline chosen among candidates that held the right line: whether the model's top
    line was another one (where it stands against the right one, and the feature that weighs most
    against the right line) or the right one, moved by a later step (a copy, a join, a logo's or a
    subtitle's rule). Figures only."""
    from reader.extract import headline
    from reader.extract.title_words import tidy_headline

    p, classes, found = text_stages(text)
    if found is None:
        return "no region"
    first, last = found
    want = letters(title)
    found_scores = headline.scores(p.lines, classes, first, last)
    right = [k for k in found_scores if letters(tidy_headline(p.lines, k)) == want]
    if not right or not found_scores:
        return "no right candidate"
    top = max(found_scores, key=found_scores.get)
    r = max(right, key=found_scores.get)
    if top == r:
        return "the model's top line, moved by a later step"
    page = headline.page_context(p.lines, classes, first, last)
    a = headline.features(p.lines, classes, r, first, last, page)
    b = headline.features(p.lines, classes, top, first, last, page)
    weights = headline._weights()
    worst = min(range(len(weights)), key=lambda i: weights[i] * (a[i] - b[i]))
    where = "above" if top < r else "below"
    apart = "next to it" if abs(top - r) == 1 else "2-5 lines" if abs(top - r) <= 5 else "over 5 lines"
    return f"chosen {where} it, {apart}; most against: {headline.FEATURES[worst]}"


def title_pieces(text: str, title: str, got: str | None) -> str:
    """For a title found only in part, where the rest stands among the page's lines: the whole on
    lines next to the part found ("with the line before it", "with the line after it", "with the
    lines around it"), how many lines, the shortest one's letters ("a short part": five letters or
    fewer) and whether the page holds the lines together twice; or "elsewhere". Figures only."""
    p, classes, found = text_stages(text)
    want, part = letters(title), letters(got or "")
    keys = [letters(ln.text) for ln in p.lines]
    for k, key in enumerate(keys):
        if not part or part not in key:
            continue
        for lo in range(max(0, k - _PIECES_REACH), k + 1):
            for hi in range(k, min(len(keys), k + _PIECES_REACH + 1)):
                if hi == lo or "".join(keys[lo: hi + 1]) != want:
                    continue
                where = "with the line before it" if hi == k else "with the line after it" if lo == k else "with the lines around it"
                short = min(len(x) for x in keys[lo: hi + 1]) <= 5
                joined = " ".join(ln.text for ln in p.lines[lo: hi + 1])
                twice = " ".join(ln.text for ln in p.lines).count(joined) >= 2
                gate = f", {_join_gate(p, classes, lo, twice)}" if hi - lo == 1 else ""
                return f"{where}, {hi - lo + 1} lines{', a short part' if short else ''}{', held twice' if twice else ''}{gate}"
    return "elsewhere"


def _chosen_place(p, classes, a: int) -> str:
    """Where the line the reader read the headline from stands against the two halves at ``a``,
    ``a + 1``: one of them, a copy of one elsewhere, or another line. Figures only."""
    from reader.extract.title import find_title

    first, last = region_of(p, classes)
    for k, ln in enumerate(p.lines):
        ln.in_content = first <= k <= last
    p.has_region = True
    _title, t = find_title(p, classes)
    if t in (a, a + 1):
        return "read from a half"
    if t >= 0 and p.lines[t].key in (p.lines[a].key, p.lines[a + 1].key):
        return f"read from a copy of a half {'above' if t < a else 'below'}"
    return "read from another line"


def region_of(p, classes) -> tuple[int, int]:
    from reader.extract import region

    return region.article_region(p.lines, classes) or (-1, -2)


def _join_gate(p, classes, a: int, twice: bool) -> str:
    """The first test of the two-part headline's join (reader.extract.title._joined_headline) that
    the lines ``a`` and ``a + 1`` fail: why a headline cut in two stayed cut. Figures only."""
    from reader.extract import breadcrumbs, browser_title, clean, headline, title
    from reader.extract.shape import is_meta_line

    lines, b = p.lines, a + 1
    halves = (lines[a], lines[b])
    if any(classes[j] != clean.CONTENT for j in (a, b)):
        return "joined fails: a half not content (" + ",".join(classes[j].split(":")[0] for j in (a, b)) + ")"
    if not all(2 <= h.letter_count <= title._HALF_MAX for h in halves):
        return "joined fails: a half's length"
    if not all(headline.may_be_headline(h) for h in halves):
        return "joined fails: a half no headline shape"
    if any(is_meta_line(h.scan) for h in halves):
        return "joined fails: a half a metadata line"
    if any(breadcrumbs.find_breadcrumb(h.text) or title.is_site_trail(h.text) for h in halves):
        return "joined fails: a half a breadcrumb"
    if twice:
        return f"joined passes (twice), {_chosen_place(p, classes, a)}"
    if not p.run_together:
        return "joined fails: once, not run together"
    if not title._dated_under(lines, classes, b):
        return "joined fails: no date under"
    if min(h.letter_count for h in halves) < title._HALF_MIN:
        return "joined fails: a short half"
    if any(browser_title.TITLE_SPLIT.search(h.text) for h in halves):
        return "joined fails: a title separator in a half"
    return "joined fails: the other half's score"


_JUST_ABOVE = 3  # lines between the labelled start and the region's first line: the region began late


def start_place(text: str, body_start: str, title: str | None) -> str:
    """Where the labelled first words of the body stand in a text page's own stages, for a body
    that starts too late: on the line taken for the title, just above the article region the
    page's run of sentences gave (it began late), far above or below it (it is another text),
    inside it (left out by the assembly: header matter, a caption, a deck), or on no single line."""
    p, _classes, found = text_stages(text)
    want = letters(body_start)[:8]
    at = next((k for k, ln in enumerate(p.lines) if want and want in letters(ln.text)), None)
    if at is None:
        return "on no one line"
    if title and letters(p.lines[at].text) == letters(title):
        return "its line taken for the title"
    if found is None:
        return "no region"
    first, last = found
    if at < first:
        where = "just above the region" if first - at <= _JUST_ABOVE else "far above the region (another text)"
        return where + _metadata_note(p.lines[at].text)
    return "inside the region, left out" + _metadata_note(p.lines[at].text) if at <= last else "below the region (another text)"


def early_shape(body: str, body_start: str) -> str:
    """For a text body that starts too early, what stands before the labelled first words: how
    many letters, and whether it holds a date, a byline, clause marks (a deck, a summary) or none
    (headline matter, a row of links). Figures only."""
    from reader.extract import dates, people

    before = body[: body.find(nows(body_start)[:15])]
    size = "under 40 letters" if len(letters(before)) < 40 else "40-150 letters" if len(letters(before)) <= 150 else "over 150 letters"
    marks = [size,
             *(["a date"] if dates.find_dates(before[:300]) else []),
             *(["a byline"] if people.find_authors(before) else []),
             "clause marks" if re.search(r"[，。；,;]", before) else "no clause mark"]
    return ", ".join(marks)


_META_NOTE_LETTERS = 40  # a labelled body that opens with a short dateline or byline line


def _metadata_note(text: str) -> str:
    """", a metadata line" when the line the labelled body opens on is a short date, byline or
    source line (the reader reads those as the article's header, not its text): a labelling
    convention rather than a lost paragraph. Figures only."""
    from reader.extract.shape import is_meta_line

    return ", a metadata line" if letters(text) and len(letters(text)) <= _META_NOTE_LETTERS and is_meta_line(text) else ""


def html_title_place(html: str, title: str, got: str | None) -> str:
    """For an HTML page whose title came out wrong: where the labelled title stands (a heading,
    another line, inside the <title> or og:title only, or nowhere as one line) and where the
    title taken stands (an <h1>, another heading, another line; inside the content box or
    not). Figures only."""
    from reader.extract.html import parse_html

    p = parse_html(html)
    want, have = letters(title), letters(got or "")
    keys = [letters(ln.text) for ln in p.lines]

    def place(key: str, exact: bool) -> str:
        k = next((i for i, kk in enumerate(keys) if key and (kk == key if exact else key in kk)), None)
        if k is None:
            return "in <title> only" if any(key in letters(c) for c in p.title_candidates) else "on no line"
        ln = p.lines[k]
        kind = "an <h1>" if ln.tag == "title" else "a heading" if ln.tag == "heading" else "a text line"
        titled = ", in <title>" if any(key in letters(c) for c in p.title_candidates) else ""
        return kind + (", in the box" if ln.in_content else "") + titled

    return f"wanted {place(want, True)}; got {place(have, False) if have else 'none'}"


def html_end_place(html: str, body_end: str, body: str) -> str:
    """Where the labelled last words of an HTML page's body stand when the body does not hold
    them: below the main-content box (or above it), inside it after the last line the body kept
    (the walk stopped early: at what kind of line), inside it on a line left out, or on no one
    line. Figures only."""
    from reader.extract import clean
    from reader.extract.html import parse_html
    from reader.extract.parsed import fold_lines

    p = parse_html(html)
    fold_lines(p.lines)
    keys = [letters(ln.text) for ln in p.lines]
    want = letters(body_end)[-8:]
    at = next((k for k in range(len(keys) - 1, -1, -1) if want and want in keys[k]), None)
    if at is None:
        from reader.extract import people

        tail = next((p.lines[k] for k in range(len(keys) - 1, -1, -1) if keys[k] and letters(body_end).endswith(keys[k])), None)
        credit = tail is not None and (people.find_editor(tail.scan) or clean.looks_like_metadata(tail))
        return "on no one line" + (", the label ending on a credit line" if credit else "")
    box = [k for k, ln in enumerate(p.lines) if ln.in_content]
    if not box:
        return "no content box"
    if at > box[-1]:
        return "below the box"
    if at < box[0]:
        return "above the box"
    got = letters(body)
    kept = [k for k in box if keys[k] and keys[k][:12] in got]
    if kept and at > kept[-1]:
        stop = next((k for k in range(kept[-1] + 1, at + 1) if k in box and keys[k] and keys[k][:12] not in got), at)
        ln = p.lines[stop]
        kind = ("a tail header" if clean.is_tail_marker(ln) else clean.classify(ln).split(":")[-1] if clean.classify(ln) != clean.CONTENT
                else "a metadata line" if clean.looks_like_metadata(ln) else "a content line")
        return f"inside the box, cut off at {kind}"
    return "inside the box, left out"


def _box_note(html: str, at: int, body_end: str) -> str:
    """For a labelled start far above the content box: whether the box stands inside the labelled
    text (a later part of it chosen) or past its end (another text), how many levels up from the
    box the start's line and it meet, and the share of the prose letters under that meeting
    element that the box holds. Figures only."""
    from reader.extract import html as html_parser

    seen: dict = {}
    chooser = html_parser.choose_content

    def recording(lines, owners, *rest):
        seen["owners"], seen["chosen"] = owners, chooser(lines, owners, *rest)
        return seen["chosen"]

    html_parser.choose_content = recording
    try:
        p = html_parser.parse_html(html)
    finally:
        html_parser.choose_content = chooser
    if "owners" not in seen or not seen["chosen"]:
        return ""
    keys = [letters(ln.text) for ln in p.lines]
    want = letters(body_end)[-8:]
    end = next((k for k in range(len(keys) - 1, -1, -1) if want and want in keys[k]), None)
    box = [k for k, ln in enumerate(p.lines) if ln.in_content]
    placed = "no end line" if end is None else "box inside the text" if box[-1] <= end else "box past the text's end"
    owners, chosen = seen["owners"], seen["chosen"]
    start_chain = set()
    el = owners[at]
    while el is not None:
        start_chain.add(el)
        el = el.getparent()
    best = next(iter(chosen))
    el, up = best, 0
    while el is not None and el not in start_chain:
        el, up = el.getparent(), up + 1
    meet = el
    under = [k for k, o in enumerate(owners) if o is not None and meet is not None and (o is meet or meet in o.iterancestors())]
    prose = sum(p.lines[k].letter_count for k in under if re.search(r"[，。]", p.lines[k].text))
    held = sum(p.lines[k].letter_count for k in under if p.lines[k].in_content and re.search(r"[，。]", p.lines[k].text))
    share = held / prose if prose else 0
    tag = meet.tag if meet is not None and isinstance(meet.tag, str) else "?"
    return f" [{placed}; meet {up} up at <{tag}>; box holds {round(share * 10) * 10}% of its prose; start in <{owners[at].tag}>, box <{best.tag}>]"


def html_start_place(html: str, body_start: str, title: str | None, prose: str, body_end: str = "") -> str:
    """Where the labelled first words of the body stand in an HTML page's own stages, for a body
    that starts wrong: above or below the main-content box the page's text density chose (just
    above it: within three lines), inside it on a line the classifier took for junk (its class),
    on the line taken for the title, inside it and left out by the assembly (header matter, a
    caption, a deck); for a body that starts too early, where its first line stands (inside the
    box or above it). Figures only."""
    from reader.extract import clean
    from reader.extract.html import parse_html
    from reader.extract.parsed import fold_lines

    p = parse_html(html)
    fold_lines(p.lines)
    keys = [letters(ln.text) for ln in p.lines]
    box = [k for k, ln in enumerate(p.lines) if ln.in_content]
    first, last = (box[0], box[-1]) if box else (None, None)
    head = prose[:8]
    opened = next((k for k, key in enumerate(keys) if head and key.startswith(head)), None)
    want = letters(body_start)[:8]
    at = next((k for k, key in enumerate(keys) if want and want in key), None)
    if at is None:
        return "on no one line"
    if letters(body_start) in prose:  # too early: where the body's first line stands
        if opened is None:
            return "opens on no one line"
        return "opens inside the box" if first is not None and first <= opened <= last else "opens above the box"
    if title and keys[at] == letters(title):
        return "its line taken for the title"
    if first is None:
        return "no content box"
    if at < first:
        where = "just above the box" if first - at <= _JUST_ABOVE else "far above the box"
        return where + _metadata_note(p.lines[at].text) + (_box_note(html, at, body_end) if body_end else "")
    if at > last:
        return "below the box"
    cls = clean.classify(p.lines[at])
    if cls != clean.CONTENT:
        return f"inside the box, classed {cls.split(':')[0]}"
    return "inside the box, left out" + _metadata_note(p.lines[at].text) + _left_out_note(p, at)


def leak_shape(doc: str, kind: str, junk: str, body_end: str) -> str:
    """The shape of a junk string the body kept below the text: short or long, clause marks, a
    date, how far under the labelled last line, and in HTML whether it sits inside the content box
    and in a link. Figures only."""
    from reader.extract.html import parse_html
    from reader.extract.parsed import fold_lines
    from reader.extract.text import parse_text

    p = parse_html(doc) if kind == "html" else parse_text(doc)
    fold_lines(p.lines)
    keys = [letters(ln.text) for ln in p.lines]
    want, end = letters(junk), letters(body_end)[-8:]
    at = next((k for k, key in enumerate(keys) if want and (want in key or key and len(key) >= 4 and key in want)), None)
    close = next((k for k in range(len(keys) - 1, -1, -1) if end and end in keys[k]), None)
    marks = ["short" if len(want) <= 30 else "long",
             *(["clause marks"] if re.search(r"[，。；！？,;!?]", junk) else []),
             *(["a date"] if DATE_RE.search(junk) else [])]
    if at is not None and close is not None:
        gap = at - close
        marks.append("the next line" if gap == 1 else "2-5 lines under" if 2 <= gap <= 5 else
                     "further under" if gap > 5 else "above the last line")
    if kind == "html" and at is not None:
        ln = p.lines[at]
        marks.append("in the box" if ln.in_content else "off the box")
        if ln.link_density > 0.3:
            marks.append("linked")
    return ", ".join(marks)


def _left_out_note(p, at: int) -> str:
    """The shape of a line inside the content box that the assembly left out: above or under the
    line taken for the title, how long, a heading or bold, a caption, a byline, a summary's label,
    clause marks. Figures only."""
    from reader.extract import clean, people
    from reader.extract.shape import is_caption
    from reader.extract.title import find_title

    ln = p.lines[at]
    classes = [clean.classify(x) for x in p.lines]
    _title, t = find_title(p, classes)
    marks = [
        "above the title line" if 0 <= at < t else "under the title line" if t >= 0 else "no title line",
        "short" if ln.letter_count <= 30 else "long",
        *(["a heading"] if ln.tag in ("title", "heading") else []),
        *(["bold"] if ln.emphasised else []),
        *(["a caption"] if is_caption(ln) else []),
        *(["a byline"] if people.find_authors(ln.text) else []),
        *(["no clause mark"] if not re.search(r"[，。；！？,;!?]", ln.text) else []),
    ]
    return " (" + ", ".join(marks) + ")"


def score_page(args) -> list[dict]:
    """Every (tool, kind) row for one page: figures plus, for dev pages, what went wrong."""
    page_id, rec, corpus, kinds, tools, extract_fn = args
    rows = []
    try:
        html = read_page(Path(corpus), rec)
    except Exception as exc:  # unreadable page: every row failed
        return [{"page": page_id, "tool": t, "kind": k, "figures": {"failed": True}, "error": repr(exc)}
                for t in tools for k in kinds]
    dom_l = letters("\n".join(dom_lines(html)))
    for kind in kinds:
        if kind == "html":
            doc, rl = html, dom_l
        else:
            doc = render(html, kind)
            if doc is None:
                continue
            rl = letters(doc)
        for tool in tools:
            if tool in HTML_ONLY and kind != "html":
                continue
            fn = extract_fn if (tool == "reader" and extract_fn is not None) else TOOLS[tool]
            try:
                res = fn(doc, "html" if kind == "html" else "text")
            except Exception as exc:
                res = Result(error=f"{type(exc).__name__}: {exc}"[:200])
            figs = judge(rec, res, rl)
            if tool == "reader" and figs.get("_leak_why") == "below the text":
                figs["_leak_why"] += f" ({leak_shape(doc, kind, figs['_leaked'][-1], rec['body_end'])})"
            if tool == "reader" and kind == "html" and figs.get("end") is False:
                figs["_end_why"] = html_end_place(doc, rec["body_end"], res.body)
            if tool == "reader" and kind == "html" and "_title_why" in figs:
                figs["_title_why"] += f" ({html_title_place(doc, rec['title'], res.title)})"
            if tool == "reader" and kind == "html" and "_start_why" in figs:
                figs["_start_why"] += f" ({html_start_place(doc, rec['body_start'], res.title, letters(nows(res.body if res.prose is None else res.prose)), rec['body_end'])})"
            if tool == "reader" and kind != "html" and figs.get("_start_why") == "too late or lost":
                figs["_start_why"] += f" ({start_place(doc, rec['body_start'], res.title)})"
            if tool == "reader" and kind != "html" and figs.get("_start_why") == "too early":
                figs["_start_why"] += f" ({early_shape(nows(res.body if res.prose is None else res.prose), rec['body_start'])})"
            if tool == "reader" and kind != "html" and "_title_why" in figs:
                among = title_among_candidates(doc, rec["title"])
                region_note = _region_note(doc, rec.get("body_start")) if among else ""
                figs["_title_why"] += (" (among the candidates" + region_note + ")" if among else " (not among the candidates)")
                if region_note == ", the text's region found" and figs["_title_why"].startswith("another line"):
                    figs["_title_why"] += f" ({choice_note(doc, rec['title'])})"
                if not among and figs["_title_why"].startswith("another line"):
                    figs["_title_why"] += f" ({candidate_miss(doc, rec['title'])})"
                if not among and figs["_title_why"].startswith("part of it"):
                    figs["_title_why"] += f" ({title_pieces(doc, rec['title'], res.title)})"
            row = {"page": page_id, "tool": tool, "kind": kind, "figures": figs}
            if rec.get("split") == "dev":
                row["got"] = {"title": res.title, "date": res.date, "authors": res.authors,
                              "body_head": nows(res.body)[:40], "error": res.error}
            rows.append(row)
    return rows


def aggregate(rows: list[dict], labels: dict) -> dict:
    """figures[tool][kind][dataset or "ALL"][split] = {"pages": n, fig: {"ok": k, "n": m, "pct": p}}."""
    acc: dict = defaultdict(lambda: defaultdict(int))
    for row in rows:
        rec = labels[row["page"]]
        for ds in (rec["dataset"], "ALL"):
            key = (row["tool"], row["kind"], ds, rec["split"])
            acc[key]["pages"] += 1
            for f in FIGURES:
                if f in row["figures"]:
                    acc[key][f + "_n"] += 1
                    acc[key][f + "_ok"] += bool(row["figures"][f])
    out: dict = {}
    for (tool, kind, ds, split), a in acc.items():
        cell = {"pages": a["pages"]}
        for f in FIGURES:
            n = a.get(f + "_n", 0)
            cell[f] = {"ok": a.get(f + "_ok", 0), "n": n, "pct": (100.0 * a.get(f + "_ok", 0) / n) if n else None}
        out.setdefault(tool, {}).setdefault(kind, {}).setdefault(ds, {})[split] = cell
    return out


def load_labels(label_dir: Path, split: str) -> dict:
    labels = {}
    for s in (("dev", "held") if split == "all" else (split,)):
        f = label_dir / f"{s}.json"
        if f.exists():
            labels.update(json.loads(f.read_text("utf-8")))
    return labels


def run(corpus: Path, labels: dict, kinds=ALL_KINDS, anchors=True, jobs: int = 2, extract_fn=None) -> tuple[dict, list]:
    """Score every labelled page; returns (figures, rows). extract_fn replaces reader's extractor (tests)."""
    kinds = ["html"] * ("html" in kinds) + available_kinds([k for k in kinds if k != "html"])
    tools = ["reader"] + (available_anchors() if anchors else [])
    tasks = [(pid, rec, str(corpus), kinds, tools, extract_fn) for pid, rec in sorted(labels.items())]
    if jobs > 1 and extract_fn is None:
        with ProcessPoolExecutor(jobs) as pool:
            rows = [r for rs in pool.map(score_page, tasks, chunksize=2) for r in rs]
    else:
        rows = [r for t in tasks for r in score_page(t)]
    return aggregate(rows, labels), rows


def fmt_cell(cell: dict | None) -> str:
    if not cell:
        return " " * 50
    parts = [f"{cell['pages']:3d}"]
    for f in FIGURES:
        p = cell[f]["pct"]
        parts.append("   - " if p is None else f"{p:4.0f}%")
    return " ".join(parts)


def print_table(figs: dict, split: str, out=None) -> None:
    out = out or sys.stdout
    splits = ("dev", "held") if split == "all" else (split,)
    head = "pgs title  date  auth start   end  leak  fail"
    print(f"{'data set':24} {'kind':10} {'tool':11} | " + " | ".join(f"{s:^44}" for s in splits), file=out)
    print(f"{'':24} {'':10} {'':11} | " + " | ".join(f"{head:44}" for _ in splits), file=out)
    datasets = sorted({ds for t in figs.values() for k in t.values() for ds in k} - {"ALL"}) + ["ALL"]
    for ds in datasets:
        print("-" * (49 + 47 * len(splits)), file=out)
        for kind in ALL_KINDS:
            for tool in ("reader", "gne", "trafilatura"):
                cells = figs.get(tool, {}).get(kind, {}).get(ds)
                if not cells:
                    continue
                name = "ALL (summary)" if ds == "ALL" else ds[:24]
                print(f"{name:24} {kind:10} {tool:11} | " + " | ".join(fmt_cell(cells.get(s)) for s in splits),
                      file=out)


def print_failures(rows: list[dict], labels: dict, out=None) -> None:
    out = out or sys.stdout
    for row in rows:
        rec = labels[row["page"]]
        if rec.get("split") != "dev" or row["tool"] != "reader":
            continue
        bad = [f for f in FIGURES if f in row["figures"] and (row["figures"][f] if f in ("leak", "failed")
                                                               else not row["figures"][f])]
        if not bad:
            continue
        g = row.get("got", {})
        print(f"  {row['page'][:60]:60} {row['kind']:10} {','.join(bad)}", file=out)
        for f in bad:
            if f == "title":
                print(f"      title got={g.get('title')!r} want={rec['title']!r}", file=out)
            elif f == "date":
                print(f"      date got={g.get('date')} want={rec['date']}", file=out)
            elif f == "author":
                print(f"      authors got={g.get('authors')} want={rec['authors']}", file=out)
            elif f == "start":
                print(f"      start got={g.get('body_head')!r} want={rec['body_start']!r}", file=out)
            elif f == "end":
                print(f"      end want={rec['body_end']!r}", file=out)
            elif f == "leak":
                print(f"      leaked {row['figures'].get('_leaked')}", file=out)
            elif f == "failed":
                print(f"      failed: {g.get('error')}", file=out)


def print_reasons(rows: list[dict], labels: dict, out=None) -> None:
    """How reader's titles, body starts and leaks go wrong, counted per page kind and split: figures only,
    so the held part may be looked at this way too (never its pages)."""
    out = out or sys.stdout
    counts: dict = {}
    for row in rows:
        if row["tool"] != "reader":
            continue
        split = labels[row["page"]]["split"]
        for fig in ("title", "start", "end", "leak"):
            why = row["figures"].get(f"_{fig}_why")
            if why:
                key = (fig, row["kind"], split)
                counts.setdefault(key, Counter())[why] += 1
    for (fig, kind, split), c in sorted(counts.items()):
        print(f"  {fig:6} {kind:10} {split:5} " + ", ".join(f"{why}: {n}" for why, n in c.most_common()), file=out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    ap.add_argument("--split", choices=("dev", "held", "all"), default="all")
    ap.add_argument("--kinds", default=",".join(ALL_KINDS))
    ap.add_argument("--no-anchors", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="per-page failures of reader (dev pages only)")
    ap.add_argument("--why", action="store_true", help="how titles, body starts and junk leaks go wrong, counted (every split asked)")
    ap.add_argument("--json", metavar="FILE", help="write the figures as JSON to FILE ('-': stdout)")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = set(kinds) - set(ALL_KINDS)
    if unknown:
        ap.error(f"unknown kinds: {sorted(unknown)}")
    labels = load_labels(args.labels, args.split)
    if not labels:
        print(f"no labels under {args.labels}", file=sys.stderr)
        return 1
    for k in sorted(set(kinds) - {"html"} - set(available_kinds(kinds))):
        print(f"{k} not installed: kind {k} skipped", file=sys.stderr)
    t0 = time.time()
    figs, rows = run(args.corpus, labels, kinds, not args.no_anchors, args.jobs)
    if args.json == "-":
        json.dump(figs, sys.stdout, indent=1)
        print()
        return 0
    if args.json:
        Path(args.json).write_text(json.dumps(figs, indent=1) + "\n", "utf-8")
    n_sites = {s: len({r["site"] for r in labels.values() if r["split"] == s}) for s in ("dev", "held")}
    n_pages = {s: sum(1 for r in labels.values() if r["split"] == s) for s in ("dev", "held")}
    print(f"pages: dev {n_pages['dev']} ({n_sites['dev']} sites), held {n_pages['held']} ({n_sites['held']} sites); "
          f"{time.time() - t0:.0f}s")
    print("title/date/auth/start/end: % right; leak: % of pages leaking junk (lower is better); fail: % failed. "
          "Definitions: benchmarks/extraction_score.py")
    print_table(figs, args.split)
    if args.why:
        print("\nhow reader's titles, body starts and leaks go wrong (pages):")
        print_reasons(rows, labels)
    if args.verbose:
        print("\nreader failures, dev pages only:")
        print_failures(rows, labels)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
