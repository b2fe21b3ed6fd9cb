"""Chinese-aware full-text search: index tokens, query language, snippets.

How it works
------------
* Text and queries are normalised with ``reader.script.normalise_for_search`` (hk2s + tw2s
  fold, half-width, lower case), so a Simplified query finds Traditional text and the reverse,
  and Taiwan-style 著 matches 着.
* The normalised text is cut into runs. A CJK run ``abcd`` is indexed as overlapping bigrams
  plus its last character as a unigram: ``ab bc cd d``. A latin/digit run is one word.
  The tokens are written space-separated into an FTS5 ``unicode61`` table (contentless:
  the text itself lives in ``articles``), which also keeps a one-character prefix index.
* A query term becomes an FTS5 phrase over the same tokens:
  - 1 CJK character ``x``: prefix query ``"x"*``. Every position of a run is the start of a
    bigram, except the last, which is the unigram; so this equals a substring test.
  - n >= 2 CJK characters: the phrase of its n-1 bigrams, which equals a substring test.
  - mixed runs (``g20峰会``): every run but the last must end where a document run ends, so
    non-final runs carry their trailing unigram; the final run is a prefix.
  Latin/digit words match whole words (the last word of a term as a prefix), not substrings.
* Filters: source, bundle and publication year are also written as tokens of a third FTS
  column (``facets``), so ``港澳 source:新华社`` is one FTS5 AND whose cost follows the
  smaller list, instead of probing every article the term matches. Exact dates, read state
  and bookmarks are then checked on the articles table (a join). When at most
  ``FEW_CANDIDATES`` articles pass those checks (bookmarks, the last few unread), each is
  tested against the index instead (about 40 µs each) and the hits come newest first.
* Ranking is bm25 with the title weighted above the body. A very broad query (a single common
  character matches most of a library) would make bm25 score every matching row, which grows
  with the library; so we first take the newest ``RANK_WINDOW`` matches in rowid order (cheap:
  FTS5 walks its doclist backwards and stops) and rank only those; older matches follow them,
  newest first, unranked (paging past the window). For queries with fewer matches than the
  window, the ranking is exact. The cost of a search is thus bounded by the window, not by the
  library's size.
* Snippets come from the ORIGINAL text: the match is found in the normalised text, and the
  offsets map back when normalisation kept the length; otherwise a per-character mapping is
  built (always length-safe).

Query language: terms separated by spaces are ANDed; ``"quoted phrase"`` keeps spaces;
``-term`` / ``-"phrase"`` exclude; ``source:NAME`` (or ``source:"A B"``), ``after:YYYY-MM-DD``
(on or after), ``before:YYYY-MM-DD`` (strictly before), ``tag:NAME`` (in either script; several
are ANDed). Tags change too often to live in the index: they are checked on the tag tables.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from reader.errors import UsageError
from reader.script import normalise_for_search

RANK_WINDOW = 1000
FEW_CANDIDATES = 500
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0

_CJK_CHARS = (
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uac00-\ud7af"  # hangul syllables
    "\U00020000-\U0003134f"
)
_RUN = re.compile(rf"([{_CJK_CHARS}]+)|([^\W_{_CJK_CHARS}]+)")


def _runs(normalised: str):
    """(is_cjk, text, start) for each CJK or word run of already-normalised text."""
    for m in _RUN.finditer(normalised):
        if m.group(1):
            yield True, m.group(1), m.start()
        else:
            yield False, m.group(2), m.start()


def _cjk_tokens(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_tokens(text: str) -> str:
    """The space-separated tokens stored in the FTS table for ``text``."""
    if not text:
        return ""
    return tokens_of_normalised(normalise_for_search(text))


def tokens_of_normalised(normalised: str) -> str:
    """``index_tokens`` for text already passed through ``normalise_for_search``."""
    # The hot loop of an import (every article's body): _runs and _cjk_tokens inlined.
    out: list[str] = []
    extend, append = out.extend, out.append
    for cjk, word in _RUN.findall(normalised):
        if cjk:
            extend([cjk[i : i + 2] for i in range(len(cjk) - 1)])
            append(cjk[-1])
        else:
            append(word)
    return " ".join(out)


def term_match(normalised_term: str) -> str | None:
    """The FTS5 expression that matches a normalised term, or None if it has no searchable text."""
    runs = [(is_cjk, run) for is_cjk, run, _ in _runs(normalised_term)]
    if not runs:
        return None
    tokens: list[str] = []
    last = len(runs) - 1
    for i, (is_cjk, run) in enumerate(runs):
        if not is_cjk:
            tokens.append(run)
        elif i == last:
            # the final run need not end where a document run ends
            tokens.extend([run] if len(run) == 1 else [run[j : j + 2] for j in range(len(run) - 1)])
        else:
            tokens.extend(_cjk_tokens(run))
    final_is_cjk, final_run = runs[-1]
    prefix = (final_is_cjk and len(final_run) == 1) or not final_is_cjk
    return '"' + " ".join(tokens) + '"' + ("*" if prefix else "")


# ---- facets: filter values as tokens of a third FTS column -----------------------------------
# FTS5 merges "term AND facet" by walking the rarer list and seeking in the other, so a filter
# costs what its matches cost, not a probe of every row the term matches.


def source_facet(source_key: str) -> str:
    return "s" + hashlib.sha1(source_key.encode("utf-8")).hexdigest()[:12]


def bundle_facet(bundle_id: int) -> str:
    return f"b{int(bundle_id)}"


def year_facet(year: int) -> str:
    return f"y{int(year)}"


def facet_tokens(source_key: str | None, sort_date: str | None) -> str:
    """Facet tokens that do not depend on the bundle id (added at merge time)."""
    out = []
    if source_key:
        out.append(source_facet(source_key))
    if sort_date and sort_date[:4].isdigit():
        out.append(year_facet(int(sort_date[:4])))
    return " ".join(out)


def scoped(expression: str) -> str:
    """Restrict a term expression to the text columns (facet tokens are never matched as text)."""
    return "{title body} : (" + expression + ")"


@dataclass
class Query:
    """A parsed query. ``terms``/``excludes`` are normalised text (what was typed, folded)."""

    terms: list[str] = field(default_factory=list)
    excludes: list[str] = field(default_factory=list)
    source: str | None = None
    after: str | None = None
    before: str | None = None
    tags: list[str] = field(default_factory=list)

    @property
    def has_filters(self) -> bool:
        return bool(self.source or self.after or self.before or self.tags)

    def match_expression(self) -> str:
        positives = [term_match(t) for t in self.terms]
        positives = [p for p in positives if p]
        if not positives:
            raise UsageError("search needs at least one word to look for (letters, digits or Chinese characters)")
        expr = " AND ".join(positives)
        if len(positives) > 1:
            expr = f"({expr})"
        for ex in self.excludes:
            m = term_match(ex)
            if m:
                expr += f" NOT {m}"
        return expr


_TOKEN = re.compile(r'\s*(-?)(?:(\w+):)?(?:"([^"]*)"|(\S+))')


def _check_date(value: str, name: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{name}: expects a date as YYYY-MM-DD, got {value!r}") from None


_KEYS = ("source", "after", "before", "tag")


def parse_query(text: str, *, filters_only: bool = False) -> Query:
    """Parse the query language; raise UsageError with a clear message on a bad query.

    ``filters_only``: a query of filters and no word is allowed (a saved search such as
    ``tag:港澳 source:新华社`` is a list, not a search).
    """
    if text.count('"') % 2:
        raise UsageError('search query has an unclosed quote (")')
    query = Query()
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        negate, key, quoted, bare = m.group(1), m.group(2), m.group(3), m.group(4)
        value = quoted if quoted is not None else bare
        if key is None and bare and bare.lower().rstrip(":") in _KEYS and bare.endswith(":"):
            raise UsageError(f"{bare} needs a value right after the colon (e.g. after:2021-12-01)")
        key_l = key.lower() if key else None
        if key_l in _KEYS:
            if negate:
                raise UsageError(f"-{key_l}: cannot be negated")
            if not value:
                raise UsageError(f"{key_l}: needs a value")
            if key_l == "source":
                query.source = value
            elif key_l == "tag":
                query.tags.append(value)
            elif key_l == "after":
                query.after = _check_date(value, "after")
            else:
                query.before = _check_date(value, "before")
            continue
        if key:  # an unknown "word:" is plain text (e.g. part of a URL)
            value = f"{key}:{value}"
        if not value or value == "-":
            continue
        folded = normalise_for_search(value)
        (query.excludes if negate else query.terms).append(folded)
    if not query.terms:
        if filters_only and query.has_filters and not query.excludes:
            return query
        if query.excludes:
            raise UsageError("search needs at least one term that is not excluded with -")
        if query.has_filters:
            raise UsageError(
                "search needs a word to look for; to list articles by source, date or tag, use"
                " reader list --source NAME --after YYYY-MM-DD --before YYYY-MM-DD --tag NAME"
            )
        raise UsageError("search query is empty")
    return query


# ---- snippets ------------------------------------------------------------------------------


def _normalise_with_map(text: str) -> tuple[str, list[int] | None]:
    """Normalised text and, when lengths differ, a map from normalised offsets to original ones."""
    norm = normalise_for_search(text)
    if len(norm) == len(text):
        return norm, None
    pieces: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        n = normalise_for_search(ch)
        pieces.append(n)
        offsets.extend([i] * len(n))
    offsets.append(len(text))
    return "".join(pieces), offsets


def find_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Spans in the ORIGINAL ``text`` where any normalised term occurs, sorted and merged."""
    if not text or not terms:
        return []
    norm, offsets = _normalise_with_map(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        needle = term.strip()
        if not needle:
            continue
        start = norm.find(needle)
        while start != -1:
            end = start + len(needle)
            if offsets is None:
                spans.append((start, end))
            else:
                spans.append((offsets[start], offsets[end] if end < len(offsets) else len(text)))
            start = norm.find(needle, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def make_snippet(body: str, terms: list[str], width: int = 80) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line window of the original ``body`` around the first match, with match spans.

    The body is scanned paragraph by paragraph and only up to the first paragraph with a
    match, so a snippet costs the normalisation of a paragraph or two, not of the whole text.
    """
    paragraphs = [p for p in body.split("\n") if p.strip()] or [""]
    for paragraph in paragraphs:
        flat = paragraph.replace("\r", " ").replace("\t", " ")
        spans = find_spans(flat, terms)
        if spans:
            return _window(flat, spans, width)
    flat = " ".join(p.strip() for p in paragraphs)
    return (flat[:width] + ("…" if len(flat) > width else "")), ()


def _window(flat: str, spans: list[tuple[int, int]], width: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    first_start = spans[0][0]
    start = max(0, first_start - width // 4)
    end = min(len(flat), start + width)
    start = max(0, min(start, end - width))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    snippet = prefix + flat[start:end] + suffix
    shift = len(prefix) - start
    out = []
    for s, e in spans:
        if e <= start or s >= end:
            continue
        out.append((max(s, start) + shift, min(e, end) + shift))
    return snippet, tuple(out)


def highlight_terms(query: Query) -> list[str]:
    """The pieces of the positive terms to highlight: their CJK and word runs."""
    out: list[str] = []
    for term in query.terms:
        out.extend(run for _, run, _ in _runs(term))
    return out
