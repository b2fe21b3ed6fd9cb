"""Write benchmarks/extraction_split.json and benchmarks/labels/{dev,held}.json from ../shared/corpus.

Usage:
    python benchmarks/make_labels.py [--corpus DIR]

The rule writer opens only labels/dev.json (and manual-dev.json); labels/held.json and manual-held.json are the
held-out pages' labels. Site keys and the split: see eval_corpus.py.

Each label record (page id -> record):
  dataset, site, split, path (relative to the corpus folder),
  title     the headline as the page shows it;
  date      "YYYY-MM-DD" (or "YYYY-MM"/"YYYY" when the data set gives only that), or null: no publication date;
  authors   list of names, or null: the page names no author;
  editor    the 责任编辑/编辑 when the page names one, else null (never counted as an author);
  body_start / body_end   the first / last 15 characters of the labelled body with all whitespace removed;
  junk      up to 20 strings visible on the page that are not article (rule below);
  auto      the fields that were derived by a heuristic here rather than taken from a data set label or read off
            the page by hand (AUTO RULES below); the scorer scores them like the others;
  unlabelled  fields nobody could label (the scorer skips the page for those figures).
  Fields given in labels/manual-<split>.json (read off the page by hand; "unlabelled" there lists fields that
  cannot be decided) override everything below.

Where each field comes from, in order (first that applies):
  body      magic-html-zh "content"; chinese-web-content-extraction-dataset cleaned/<uuid>.txt; readability-zh
            expected.html (its text, one line per block); leading body lines (at most 2) whose letters contain
            the title's letters or are contained in them are dropped before body_start is taken, and the
            body's tail (at most 8 lines, 48 characters) that is only closing credits (CREDIT_LINE_RE: 责编, 来源, 编辑/排版 and their
            names; the article's fields, not its text) are dropped before body_end is taken; else labels/manual-<split>.json (body_start/body_end read
            off the page by hand for twnews-samples, htmldate-zh, trafilatura-eval-zh, whose data sets give only a
            snippet or no body).
  title     manual file; trafilatura-eval-zh "title"; else AUTO title.
  date      manual file; the data set's date (cwced date/<uuid>.txt, twnews "datetime", htmldate-zh and
            trafilatura-eval-zh "date", readability "publishedTime"; LABEL_CORRECTIONS of extraction_eval.py
            applied); else AUTO date.
  authors   manual file; the data set's author (cwced author/<uuid>.txt split on spaces, aliases in brackets
            dropped; twnews "author", null meaning none; trafilatura-eval-zh "author"; readability "byline");
            else AUTO authors.
AUTO RULES (on the page's dom lines, make_text_pages.dom_lines):
  title:   the first <h1>, else <h2>, else dom line, of 4+ letters whose letters are contained in the og:title
           (else <title>) letters, or contain them; else the og:title/<title> cut at the first " _|-–—" separator.
  date:    the first date (YYYY-MM-DD, YYYY/MM/DD, YYYY年M月D日) in the meta zone (dom lines between the title line
           and the body's first line, at most 12 lines); else from <meta> article:published_time / pubdate /
           publishdate / datePublished (JSON-LD or itemprop); else null.
  authors: in the meta zone, names after 作者/记者/撰文/文/By (2-4 Han characters or a word, several joined by
           、，or spaces); null when none.
  editor:  the last "责任编辑：NAME" or "编辑：NAME" on the page (2-4 Han characters).
JUNK RULE: locate body_start and body_end in the dom lines (letters-folded concatenation: Unicode L*/N*, lower
  case); the lines before the body start and after the body end, excluding the title line and the meta zone,
  each taken without indentation and cut to its first 40 characters, are candidates when they have >= 6
  letters and their letters are not contained in the labelled body (or, without a body text, in the lines from
  body start to body end), nor in the title; duplicates dropped; taken alternately nearest-before,
  nearest-after, ... up to 20. Lines inside the body span that are not in the body label are never junk (they
  may be captions the labeller dropped). A page whose body cannot be located in its dom lines gets no junk.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_corpus import DEFAULT_CORPUS, LABEL_DIR, SALT, SPLIT_FILE, load_corpus, split_of  # noqa: E402
from make_text_pages import dom_lines, parse  # noqa: E402

MAX_JUNK = 20
JUNK_LEN = 40
META_ZONE = 12


def letters(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN").lower()


def nows(text: str) -> str:
    return re.sub(r"\s+", "", text)


DATE_RE = re.compile(r"((?:19|20)\d\d)\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})")


def norm_date(value: str | None) -> str | None:
    if not value:
        return None
    m = DATE_RE.search(value)
    if m:
        y, mo, d = (int(x) for x in m.groups())
        return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None
    m = re.match(r"\s*((?:19|20)\d\d)(?:\s*[-/.年]\s*(\d{1,2}))?", value)
    if m:
        return m.group(1) + (f"-{int(m.group(2)):02d}" if m.group(2) else "")
    return None


def head_title(html: str) -> str:
    m = re.search(r"<meta\b[^>]*property=[\"']og:title[\"'][^>]*content=[\"']([^\"']*)", html, re.I)
    if m and m.group(1).strip():
        return _unescape(m.group(1))
    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
    return _unescape(m.group(1)) if m else ""


def _unescape(s: str) -> str:
    import html as h

    return re.sub(r"\s+", " ", h.unescape(s)).strip()


def _common(a: str, b: str) -> int:
    """Length of the longest common substring of a and b."""
    best = 0
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0] * (len(b) + 1)
        for j, ch2 in enumerate(b):
            if ch == ch2:
                cur[j + 1] = prev[j] + 1
                best = max(best, cur[j + 1])
        prev = cur
    return best


def auto_title(html: str, lines: list[str], s: int | None) -> str | None:
    doc = head_title(html)
    dl = letters(doc)
    root = parse(html)
    heads = []
    if root is not None:
        for tag in ("h1", "h2"):
            heads += [re.sub(r"\s+", " ", e.text_content()).strip() for e in root.iter(tag)]
    near = [x.strip("\u3000 ") for x in lines[max(0, s - 15):s]][::-1] if s is not None else []
    best, score = None, 0.0
    for rank, c in enumerate(near + heads):
        cl = letters(c)
        if len(cl) < 4 or len(cl) > 80 or not dl:
            continue
        common = _common(cl, dl)
        if common >= 4 and common >= 0.6 * len(cl):
            sc = common - 0.01 * rank
            if sc > score:
                best, score = c, sc
    if best:
        return best
    if heads and letters(heads[0]):
        return heads[0]
    if doc:
        return re.split(r"\s*[_|｜\-–—]\s*", doc)[0].strip() or doc
    return None


def locate(lines: list[str], start: str | None, end: str | None) -> tuple[int | None, int | None]:
    """Line indexes of the body's first and last line (letters-folded search)."""
    offsets, flat = [], ""
    for i, line in enumerate(lines):
        key = letters(line)
        offsets.append((len(flat), len(flat) + len(key), i))
        flat += key

    def line_at(pos):
        for a, b, i in offsets:
            if a <= pos < b:
                return i
        return None

    s = e = None
    if start and letters(start):
        pos = flat.find(letters(start))
        s = line_at(pos) if pos >= 0 else None
    if end and letters(end):
        key = letters(end)
        pos = flat.find(key, offsets[s][0] if s is not None else 0)
        e = line_at(pos + len(key) - 1) if pos >= 0 else None
    return s, e


def meta_zone(lines, title, s):
    if s is None:
        return None, []
    t = None
    if title and letters(title):
        tl = letters(title)
        for i in range(s - 1, max(-1, s - 1 - 40), -1):
            if letters(lines[i]) == tl or (tl in letters(lines[i]) and len(letters(lines[i])) <= len(tl) + 8):
                t = i
                break
    lo = t + 1 if t is not None and s - t <= META_ZONE + 1 else max(0, s - 4)
    return t, list(range(lo, s))


AUTHOR_RE = re.compile(r"(?:(?:作者|撰文|撰稿)\s*[:：/／|丨]?|(?:记者|記者)\s*[:：/／]?|(?<![\u4e00-\u9fff])文\s*[:：/／])\s*"
                       r"((?:[\u4e00-\u9fff·]{2,4}|[A-Za-z][\w.-]+)(?:[、，,]\s*[\u4e00-\u9fff·]{2,4})*)"
                       r"(?=$|[\s）)/／|丨,，。]|报道|報導|摄|攝)", re.M)
EDITOR_RE = re.compile(r"(?:^|[\s（(\[【])(?:责任编辑|責任編輯|编辑|編輯)\s*[:：]\s*([\u4e00-\u9fff·]{2,4})(?=$|[\s）)\]】])",
                       re.M)
NOT_NAMES = ("分享", "举报", "字体", "收藏", "微博", "微信", "链接", "标签", "出处", "博主", "声明", "疫情", "来源", "時間")
# A closing credit line of the labelled body: roles (editor, source, reviewer, typesetter, reporter...) and
# their names, nothing else. The product keeps these as the article's fields (editor, source, authors), not
# its text, so the body's labelled end is taken before them (as its start is taken after a headline line).
CREDIT_ROLE = (r"(?:责任编辑|責任編輯|责编|責編|值班编辑|值班編輯|编辑|編輯|主编|主編|美编|美編|审核|審核|审校|審校|校对|校對|"
               r"排版|来源|來源|稿源|出处|出處|监制|監製|制作|製作|统筹|統籌|策划|策劃|终审|終審|初审|初審|复审|複審|"
               r"撰文|撰稿|文字|摄影|攝影|图片|圖片|视频|視頻|实习生|實習生|通讯员|通訊員|记者|記者|作者|供稿|文|图|圖)")
CREDIT_LINE_RE = re.compile(
    rf"^[(（【\[〔]?(?:{CREDIT_ROLE}\s*[:：/／丨|｜]?\s*[^\s:：。，,！？!?；;]{{1,16}}?(?:报道|報導)?[\s、,，|｜丨]*)+[)）】\]〕]?$")
STOP = {"来源", "來源", "时间", "時間", "发布", "發布", "日期", "编辑", "編輯", "责任", "本文", "图片"}


def auto_authors(zone_text: str) -> list[str] | None:
    names = []
    for m in AUTHOR_RE.finditer(zone_text):
        for n in re.split(r"[、，,\s]+", m.group(1)):
            n = n.strip()
            if n and n[:2] not in STOP and not any(w in n for w in NOT_NAMES) and n not in names:
                names.append(n)
    return names or None


def meta_date(html: str) -> str | None:
    for pat in (r"<meta\b[^>]*(?:article:published_time|pubdate|publishdate|datePublished|og:release_date)"
                r"[^>]*content=[\"']([^\"']+)",
                r"<meta\b[^>]*content=[\"']([^\"']+)[\"'][^>]*(?:article:published_time|pubdate|publishdate)",
                r"\"datePublished\"\s*:\s*\"([^\"]+)\"", r"itemprop=[\"']datePublished[\"'][^>]*content=[\"']([^\"']+)"):
        m = re.search(pat, html, re.I)
        if m and norm_date(m.group(1)) and len(norm_date(m.group(1))) == 10:
            return norm_date(m.group(1))
    return None


def body_text_of(page) -> str | None:
    if page.dataset == "magic-html-zh":
        return page.meta.get("body") or None
    if page.dataset == "chinese-web-content-extraction-dataset":
        t = (page.meta.get("cleaned") or "").strip()
        return t or None
    if page.dataset == "readability-zh":
        return "\n".join(dom_lines("<html><body>" + page.meta["body_html"] + "</body></html>")) or None
    return None


def dataset_fields(page) -> dict:
    """title/date/authors as the data set gives them (keys present only when it gives them)."""
    from extraction_eval import LABEL_CORRECTIONS

    m, out = page.meta, {}
    name = page.path.name
    if page.dataset == "chinese-web-content-extraction-dataset":
        d = (m.get("date") or "").strip()
        out["date"] = norm_date(d) if d and d.upper() not in ("UNKNOWN", "UNKNWON") else None
        a = (m.get("author") or "").strip()
        if a and a.upper() not in ("UNKNOWN", "UNKNWON"):
            a = re.sub(r"\s*[（(][^（）()]{1,40}[)）]", "", a).strip()
            out["authors"] = [x for x in re.split(r"[\s、,，]+", a) if x] or None
        else:
            out["authors"] = None
    elif page.dataset == "twnews-samples":
        out["date"] = norm_date(m.get("datetime"))
        out["authors"] = [m["author"]] if m.get("author") else None
    elif page.dataset == "htmldate-zh":
        out["date"] = norm_date(m.get("date"))
    elif page.dataset == "trafilatura-eval-zh":
        if m.get("title"):
            out["title"] = m["title"]
        if "date" in m:
            out["date"] = norm_date(m.get("date"))
        if "author" in m:
            out["authors"] = [m["author"]] if m.get("author") else None
    elif page.dataset == "readability-zh":
        if m.get("publishedTime"):
            out["date"] = norm_date(m["publishedTime"])
        if m.get("byline"):
            out["authors"] = [m["byline"]]
    fix = LABEL_CORRECTIONS.get(name)
    if fix and "date" in fix:
        out["date"] = norm_date(fix["date"])
    return out


def label_page(page, manual: dict, corpus: Path) -> dict:
    html = page.html()
    lines = dom_lines(html)
    man = manual.get(page.id, {})
    given = dataset_fields(page)
    auto: list[str] = []
    unlabelled: list[str] = []

    body = body_text_of(page)
    if body:
        flat = nows(body)
        body_start, body_end = flat[:15], flat[-15:]
    else:
        body_start, body_end = man.get("body_start"), man.get("body_end")
    body_start = man.get("body_start", body_start)
    body_end = man.get("body_end", body_end)
    if body_start is None:
        unlabelled.append("body_start")
    if body_end is None:
        unlabelled.append("body_end")

    if "title" in man:
        title = man["title"]
    elif "title" in given:
        title = given["title"]
    else:
        title = auto_title(html, lines, locate(lines, body_start, body_end)[0])
        auto.append("title")
    if body and title and letters(title):
        # some body labels (cwced) open with the headline or the <title> line: the body starts after it
        blines = [x for x in body.splitlines() if x.strip()]
        tl = letters(title)
        for _ in range(2):
            if len(blines) > 1 and letters(blines[0]) and (tl in letters(blines[0]) or letters(blines[0]) in tl):
                blines = blines[1:]
        if nows("".join(blines))[:15] != body_start and man.get("body_start") is None:
            body_start = nows("".join(blines))[:15]
        # the credits may stand on one line or be cut into a line per role and name: the longest tail of at
        # most 8 lines, 48 characters, that reads as credits only
        credits = max((n for n in range(1, min(8, len(blines) - 1) + 1)
                       if len(nows("".join(blines[-n:]))) <= 48 and CREDIT_LINE_RE.match(nows("".join(blines[-n:])))),
                      default=0)
        blines = blines[:len(blines) - credits]
        if nows("".join(blines))[-15:] != body_end and man.get("body_end") is None:
            body_end = nows("".join(blines))[-15:]
    s, e = locate(lines, body_start, body_end)
    t, zone = meta_zone(lines, title, s)
    zone_text = "\n".join(lines[i] for i in zone)

    if "date" in man:
        date = man["date"]
    elif "date" in given:
        date = given["date"]
    else:
        m = DATE_RE.search(zone_text)
        date = norm_date(m.group(0)) if m else meta_date(html)
        auto.append("date")
    if "authors" in man:
        authors = man["authors"]
    elif "authors" in given:
        authors = given["authors"]
    else:
        authors = auto_authors(zone_text)
        auto.append("authors")
    if "editor" in man:
        editor = man["editor"]
    else:
        eds = EDITOR_RE.findall("\n".join(lines))
        eds = [x for x in eds if not any(w in x for w in NOT_NAMES)]
        editor = eds[-1] if eds else None
    if authors and editor:
        authors = [a for a in authors if a != editor] or None

    junk: list[str] = []
    if s is not None:
        ref = letters(body) if body else letters("".join(lines[s:(e if e is not None else s) + 1]))
        tl = letters(title or "")
        skip = set(zone) | ({t} if t is not None else set())
        end = e if e is not None else s
        before = [i for i in range(s - 1, -1, -1) if i not in skip]
        after = list(range(end + 1, len(lines)))
        seen = set()

        def cand(i):
            text = lines[i].strip("\u3000 ")[:JUNK_LEN]
            key = letters(text)
            if len(key) < 6 or key in ref or (tl and key in tl) or key in seen:
                return None
            seen.add(key)
            return text

        bi = ai = 0
        while len(junk) < MAX_JUNK and (bi < len(before) or ai < len(after)):
            for side in ("b", "a"):
                if len(junk) >= MAX_JUNK:
                    break
                if side == "b":
                    while bi < len(before):
                        c = cand(before[bi])
                        bi += 1
                        if c:
                            junk.append(c)
                            break
                else:
                    while ai < len(after):
                        c = cand(after[ai])
                        ai += 1
                        if c:
                            junk.append(c)
                            break
    rec = {
        "dataset": page.dataset, "site": page.site, "split": split_of(page.site),
        "path": page.path.relative_to(corpus).as_posix(),
        "title": title, "date": date, "authors": authors, "editor": editor,
        "body_start": body_start, "body_end": body_end, "junk": junk,
        "auto": auto, "unlabelled": unlabelled,
    }
    for f in man.get("unlabelled", []):  # nobody could say (e.g. a poem's "author" on an anthology page)
        rec[f] = None
        rec["auto"] = [a for a in rec["auto"] if a != f]
        rec["unlabelled"].append(f)
    if s is None or (body_end and e is None):
        rec["body_not_in_dom"] = True
    return rec


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args(argv)
    manual = {}
    for split in ("dev", "held"):
        f = LABEL_DIR / f"manual-{split}.json"
        if f.exists():
            manual.update(json.loads(f.read_text("utf-8")))
    pages = load_corpus(args.corpus.resolve())
    sites = {p.site: split_of(p.site) for p in pages}
    SPLIT_FILE.write_text(json.dumps({
        "salt": SALT, "rule": "see benchmarks/eval_corpus.py",
        "sites": dict(sorted(sites.items())),
        "pages": {p.id: p.site for p in pages},
    }, ensure_ascii=False, indent=1) + "\n", "utf-8")
    out = {"dev": {}, "held": {}}
    for p in pages:
        out[split_of(p.site)][p.id] = label_page(p, manual, args.corpus.resolve())
    for split, recs in out.items():
        (LABEL_DIR / f"{split}.json").write_text(json.dumps(recs, ensure_ascii=False, indent=1) + "\n", "utf-8")
    for split in out:
        n_sites = sum(1 for v in sites.values() if v == split)
        print(f"{split}: {len(out[split])} pages, {n_sites} sites")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
