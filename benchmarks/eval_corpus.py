"""The labelled Chinese pages of ../shared/corpus, keyed by site, and the dev/held split.

Used by make_labels.py (writes extraction_split.json and labels/{dev,held}.json), make_text_pages.py and
extraction_score.py.

Page ids are "<corpus folder>/<file>" (readability-zh: "readability-zh/<case>").

Site key = the registrable domain of the first URL found, in this order:
  1. the data set's own URL field (magic-html-zh "url", htmldate-zh and trafilatura-eval-zh label keys);
     a web.archive.org wrapper is unwrapped to the archived URL;
  2. the page's <link rel=canonical>, then <meta property=og:url>;
  3. the most frequent domain among the page's absolute <a href> links (ties: first seen), ignoring
     IGNORED_LINK_DOMAINS (share buttons, analytics, app stores);
  4. twnews-samples: the newspaper in the file name (TWNEWS_SITES); else the file name itself.
Registrable domain: the last two labels of the host, or the last three when the second-to-last is a
generic second-level label (com, net, org, gov, edu, ac, co, ...) under a two-letter country code
(news.sina.com.cn -> sina.com.cn, www.ettoday.net -> ettoday.net, udn.com -> udn.com).

Split: a site is "held" when sha256(SALT + site) as an integer is 0 mod 3, else "dev". SALT is fixed; it was
picked once (the first of "reader-eval-1", "-2", ... giving 28-38% of the pages held) and must not change, or
the rule writer will have seen held pages.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.decode import decode  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
SPLIT_FILE = ROOT / "benchmarks" / "extraction_split.json"
LABEL_DIR = ROOT / "benchmarks" / "labels"
SALT = "reader-eval-1"
DATASETS = ("magic-html-zh", "twnews-samples", "readability-zh", "htmldate-zh",
            "chinese-web-content-extraction-dataset", "trafilatura-eval-zh")

TWNEWS_SITES = {"appledaily": "appledaily.com.tw", "chinatimes": "chinatimes.com", "cna": "cna.com.tw",
                "ettoday": "ettoday.net", "ltn": "ltn.com.tw", "setn": "setn.com", "udn": "udn.com"}
IGNORED_LINK_DOMAINS = {"weibo.com", "qq.com#share", "facebook.com", "twitter.com", "google.com", "baidu.com#share",
                        "apple.com", "miibeian.gov.cn", "beian.gov.cn", "cnzz.com", "linkedin.com", "line.me",
                        "addthis.com", "bshare.cn", "jiathis.com", "w3.org", "creativecommons.org"}
_GENERIC_SLD = {"com", "net", "org", "gov", "edu", "ac", "co", "or", "ne", "go", "idv", "mil", "info", "gen"}


def registrable(host: str) -> str:
    host = host.lower().strip(".").split(":")[0]
    parts = host.split(".")
    if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in _GENERIC_SLD:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def url_site(url: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    m = re.match(r"https?://web\.archive\.org/web/[^/]+/(.+)", url)
    if m:
        url = m.group(1)
    if url.startswith("//"):
        url = "http:" + url
    if not re.match(r"[a-z]+://", url):
        url = "http://" + url
    host = urlsplit(url).hostname
    return registrable(host) if host and "." in host else None


def page_site(html: str) -> str | None:
    for pat in (r"<link\b[^>]*rel=[\"']?canonical[\"']?[^>]*>", r"<meta\b[^>]*og:url[^>]*>"):
        m = re.search(pat, html, re.I)
        if m:
            u = re.search(r"(?:href|content)=[\"']([^\"']+)", m.group(0), re.I)
            site = url_site(u.group(1)) if u else None
            if site:
                return site
    counts: Counter = Counter()
    for u in re.findall(r"<a\b[^>]*href=[\"'](https?://[^\"'/]+)", html, re.I):
        site = url_site(u)
        if site and site not in IGNORED_LINK_DOMAINS:
            counts[site] += 1
    return counts.most_common(1)[0][0] if counts else None


@dataclass
class Page:
    id: str
    dataset: str
    path: Path  # the HTML file (maybe .xz)
    url: str | None = None
    site: str = ""
    meta: dict = field(default_factory=dict)  # the data set's own labels, as given

    def raw(self) -> bytes:
        data = self.path.read_bytes()
        return lzma.decompress(data) if self.path.suffix == ".xz" else data

    def html(self) -> str:
        return decode(self.raw(), "html", None).text


def load_corpus(corpus: Path = DEFAULT_CORPUS) -> list[Page]:
    """Every labelled Chinese page with its data set's labels in ``meta`` (no split)."""
    pages: list[Page] = []
    d = corpus / "magic-html-zh"
    if d.exists():
        for key, rec in sorted(json.loads((d / "base.zh-subset.json").read_text("utf-8")).items()):
            f = d / "htmls" / f"{key}.html"
            if f.exists():
                pages.append(Page(f"magic-html-zh/{key}.html", "magic-html-zh", f, rec.get("url"),
                                  meta={"body": rec.get("content")}))
    d = corpus / "twnews-samples"
    if d.exists():
        for rel, rec in sorted(json.loads((d / "labels.json").read_text("utf-8")).items()):
            f = d / rel
            name = f.name.split(".")[0]
            pages.append(Page(f"twnews-samples/{f.name}", "twnews-samples", f, None,
                              site=TWNEWS_SITES.get(name, ""), meta=dict(rec)))
    d = corpus / "readability-zh"
    if d.exists():
        for case in sorted(p for p in d.iterdir() if (p / "source.html").exists()):
            meta = json.loads((case / "expected-metadata.json").read_text("utf-8"))
            meta["body_html"] = (case / "expected.html").read_text("utf-8")
            pages.append(Page(f"readability-zh/{case.name}", "readability-zh", case / "source.html", None, meta=meta))
    d = corpus / "htmldate-zh"
    if d.exists():
        for url, rec in sorted(json.loads((d / "labels.subset.json").read_text("utf-8")).items()):
            f = next((p for p in (d / "test_set" / rec["file"], d / "eval" / rec["file"]) if p.exists()), None)
            if f:
                pages.append(Page(f"htmldate-zh/{rec['file']}", "htmldate-zh", f, url, meta=dict(rec)))
    d = corpus / "chinese-web-content-extraction-dataset"
    if d.exists():
        for f in sorted((d / "original").glob("*.html")):
            meta = {}
            for k in ("cleaned", "date", "author"):
                p = d / k / f"{f.stem}.txt"
                meta[k] = p.read_text("utf-8", errors="replace") if p.exists() else None
            pages.append(Page(f"chinese-web-content-extraction-dataset/{f.name}",
                              "chinese-web-content-extraction-dataset", f, None, meta=meta))
    d = corpus / "trafilatura-eval-zh"
    if d.exists():
        for url, rec in sorted(json.loads((d / "evaldata.zh-subset.json").read_text("utf-8")).items()):
            f = d / rec["file"]
            if f.exists():
                pages.append(Page(f"trafilatura-eval-zh/{rec['file']}", "trafilatura-eval-zh", f, url, meta=dict(rec)))
    for p in pages:
        if not p.site:
            p.site = url_site(p.url) or page_site(p.html()) or p.path.name
    return pages


def split_of(site: str, salt: str = SALT) -> str:
    return "held" if int(hashlib.sha256((salt + site).encode()).hexdigest(), 16) % 3 == 0 else "dev"


def load_split(path: Path = SPLIT_FILE) -> dict:
    return json.loads(path.read_text("utf-8"))
