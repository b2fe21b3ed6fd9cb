"""Finding a query in displayed text, whatever script either is in (no Textual here)."""

from __future__ import annotations

from reader.script import normalise_for_search


def terms(query: str | list[str]) -> list[str]:
    if isinstance(query, str):
        return [t for t in query.split() if t]
    return [t for t in query if t and t.strip()]


def search_terms(query: str) -> list[str]:
    """What a library search query highlights: its positive terms, without operators
    (``-word``, ``source:``, ``after:``) and quotes; the plain words if it does not parse."""
    try:
        from reader.library.search import highlight_terms, parse_query

        return highlight_terms(parse_query(query))
    except Exception:  # noqa: BLE001 - a query the library refuses still highlights its words
        return terms(query)


def find_spans(text: str, query: str | list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of every query term in ``text``, in order.

    Matching ignores script (Traditional finds Simplified), width and case, through the search
    normalisation; when that changes the text's length (rare), it falls back to a case-folded
    literal match so spans stay true to ``text``.
    """
    words = terms(query)
    if not text or not words:
        return []
    folded = normalise_for_search(text)
    if len(folded) != len(text):
        folded = text.lower()
        words = [w.lower() for w in words]
    else:
        words = [normalise_for_search(w) for w in words]
    spans: list[tuple[int, int]] = []
    for word in words:
        start = folded.find(word)
        while start != -1 and word:
            spans.append((start, start + len(word)))
            start = folded.find(word, start + len(word))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def squeeze(text: str, spans) -> tuple[str, list[tuple[int, int]]]:
    """Whitespace runs (ASCII or full-width) made one space, ends trimmed; spans moved along."""
    out: list[str] = []
    where: list[int] = []  # new offset of each old offset
    for ch in text:
        where.append(len(out))
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(ch)
    where.append(len(out))
    while out and out[-1] == " ":
        out.pop()
    new_spans = []
    for start, end in spans or ():
        if 0 <= start < end <= len(text):
            a, b = where[start], min(where[end], len(out))
            if a < b:
                new_spans.append((a, b))
    return "".join(out), new_spans
