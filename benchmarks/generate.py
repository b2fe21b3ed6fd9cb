"""Generate a deterministic, realistic corpus of Chinese news bundles for the benchmarks.

    python benchmarks/generate.py --articles 10000 --seed 1 --out /tmp/corpus

writes ``/tmp/corpus/bundle-0000/``, ``bundle-0001/`` ... (``--per-bundle`` articles each, default
1,000), each a folder with ``manifest.json`` (docs/bundle-format.md) and its article pages, plus
``/tmp/corpus/corpus.json`` describing what was generated.

What a page looks like
- Body: Chinese sentences recombined from sample pages into paragraphs and subheadings. The
  sentence pool is read, never copied into the repo, from (all that exist, in this order):
  tests/fixtures/seed/*.txt, tests/fixtures/corpus/**/*.txt, and
  ../shared/corpus/chinese-web-content-extraction-dataset/cleaned/*.txt (MIT, (c) 2022 Elwin,
  github.com/immortal-autumn/Chinese-Web-Content-Extraction-Dataset; ``--shared`` or
  $READER_SHARED name the shared folder when the code runs from elsewhere). The pool is folded to
  Simplified first; 40% of articles are then converted to Traditional with
  ``reader.script.convert(text, "s2tw")``.
- Length: log-normal around 1,300 characters, clipped to 300-5,000 (news-like); the first
  article of every bundle is a 10,000-character long read (the script-switch benchmark opens it).
- Junk, as on scraped pages: an SEO spam keyword line, a breadcrumb, a share widget
  (扫一扫,分享到微信朋友圈), a "spider pool" footer of place names separated by ``|`` (spam and
  footer stay Simplified on Traditional pages, as injected junk does), related links on HTML.
- Metadata: titles, dates in varied formats (2021年12月29日, 2021-12-29 10:20, 2021/12/29,
  2021.12.29, 民國110年12月29日 on Traditional pages), sources (来源:南方日报), reporter credits.
- Kinds: ``--kind text`` (scraped text pages like the seed page), ``html`` (news HTML pages, some
  declared GBK/Big5), or ``mixed`` (bundles alternate text/HTML). Every article has a unique URL.

Deterministic: article i depends only on (seed, i) and the sentence pool, whatever the bundle
size. Streaming: pages are written as they are made; memory does not grow with N.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import math
import os
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reader.script import convert  # noqa: E402

# ../shared next to the checkout; READER_SHARED (or --shared) names it when the code runs elsewhere
# (an exported tree in /tmp). Without it the pool is only tests/fixtures: a few hundred sentences,
# which makes a repetitive corpus; corpus.json and the suite's header say which pool was used.
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
CLEANED = Path("corpus") / "chinese-web-content-extraction-dataset" / "cleaned"

TRADITIONAL_SHARE = 0.40
MIN_LEN, MAX_LEN, LONG_READ_LEN = 300, 5_000, 10_000

SOURCES_S = ["南方日报", "新华社", "人民日报", "光明日报", "经济日报", "澎湃新闻", "中国新闻网", "羊城晚报",
             "北京青年报", "新京报", "科技日报", "解放日报", "扬子晚报", "齐鲁晚报", "央视新闻"]
SOURCES_T = ["中央社", "聯合報", "自由時報", "中國時報", "明報", "東方日報", "香港01", "蘋果新聞網",
             "公視新聞", "經濟日報"]
SECTIONS = ["国内", "国际", "财经", "社会", "科技", "教育", "文化", "体育", "地方", "时政", "健康", "军事"]
SITE_NAMES = ["新闻网", "在线", "新闻中心", "资讯网", "门户网"]
SPAM_KEYWORDS = ["澳门银河官网", "新葡京娱乐场", "百家乐在线", "时时彩平台", "免费看一区二区", "日本一本道",
                 "精品国产av", "北京赛车pk10", "真人娱乐网址", "六合彩开奖", "亚洲欧美综合", "午夜福利影院",
                 "老虎机下载", "电子游艺平台", "高清无码在线", "快三计划网"]
PLACES = ["嘉荫县", "茂名市", "广宁县", "河源市", "红原县", "鄂尔多斯市", "佳木斯市", "顺昌县", "唐山市", "盖州市",
          "揭东县", "阳西县", "缙云县", "罗平县", "黑龙江省", "富蕴县", "西乌珠穆沁旗", "五常市", "洛阳市", "久治县",
          "九龙坡区", "瓮安县", "高台县", "太康县", "绍兴市", "江油市", "富民县", "玉田县", "隆德县", "西城区",
          "安宁市", "乌什县", "台州市", "明溪县", "林州市", "商水县", "沂水县", "丰县", "九江市", "碌曲县"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国晓红文斌志新宇浩然思雨嘉欣泳渝芷晴"

_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]+[”’」』）)]*")
_CJK = re.compile(r"[\u3400-\u9fff]")
_JUNK = re.compile(r"http|www\.|分享|扫一扫|蜘蛛|责任编辑|来源|版权|Copyright|@|点击|下载|\|")


# --------------------------------------------------------------------------- sentence pool


def _source_files(shared: Path | None = None) -> list[tuple[str, list[Path]]]:
    shared = SHARED if shared is None else shared
    groups = [
        ("tests/fixtures/seed", sorted((ROOT / "tests" / "fixtures" / "seed").glob("*.txt"))),
        ("tests/fixtures/corpus", sorted((ROOT / "tests" / "fixtures" / "corpus").glob("**/*.txt"))),
        ("shared/" + CLEANED.as_posix(), sorted((shared / CLEANED).glob("*.txt"))),
    ]
    return [(name, files) for name, files in groups if files]


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030", "big5hkscs"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def _sentences(text: str) -> list[str]:
    # Scraped text is hard-wrapped: join lines inside a paragraph (Chinese needs no spaces).
    text = text.replace("\r", "")
    lines = [ln.strip().strip("\u3000") for ln in text.split("\n")]
    joined = "".join(ln for ln in lines if ln and (len(_CJK.findall(ln)) >= 8 or ln[-1:] in "。！？”"))
    out = []
    for m in _SENTENCE.finditer(joined):
        s = m.group(0).strip().strip("\u3000 ")
        if not 12 <= len(s) <= 160 or _JUNK.search(s):
            continue
        if len(_CJK.findall(s)) < 0.6 * len(s):
            continue
        out.append(s)
    return out


@dataclass
class Pool:
    sentences: list[str]
    sources: list[str]
    fingerprint: str


def load_pool(shared: Path | None = None) -> Pool:
    sentences: list[str] = []
    seen: set[str] = set()
    used = []
    for name, files in _source_files(shared):
        count = 0
        for path in files:
            for s in _sentences(_read_text(path)):
                s = convert(s, "tw2s")  # one base script; 40% go to Traditional later
                if s not in seen:
                    seen.add(s)
                    sentences.append(s)
                    count += 1
        used.append(f"{name} ({len(files)} files, {count} sentences)")
    if len(sentences) < 50:
        raise SystemExit("generate.py: fewer than 50 usable sentences in the sample pages")
    digest = hashlib.sha256("\n".join(sentences).encode()).hexdigest()[:16]
    return Pool(sentences, used, digest)


# --------------------------------------------------------------------------- one article


@dataclass
class GenArticle:
    index: int
    traditional: bool
    title: str
    date_text: str
    iso_date: str
    source: str
    breadcrumb: list[str]
    blocks: list[tuple[str, str]]  # (kind, text), kind in paragraph|subheading
    credit: str
    url: str
    spam: str | None
    share: bool
    footer: str | None


def _clause(rng: random.Random, pool: list[str], lo: int, hi: int) -> str:
    for _ in range(30):
        s = rng.choice(pool)
        parts = [p.strip() for p in re.split(r"[，。！？；：、,“”「」（）()]", s) if lo <= len(p.strip()) <= hi]
        if parts:
            return rng.choice(parts)
    return rng.choice(pool)[:hi].rstrip("，。")


def _target_length(rng: random.Random, index: int, per_bundle: int) -> int:
    if index % per_bundle == 0:
        return LONG_READ_LEN
    # The last sentence may overshoot the target by up to 160 characters: keep room for it.
    return int(min(MAX_LEN - 160, max(MIN_LEN, rng.lognormvariate(math.log(1300), 0.6))))


def _date(rng: random.Random, traditional: bool) -> tuple[str, str]:
    y, mo, d = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
    hh, mm, ss = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    iso = f"{y:04d}-{mo:02d}-{d:02d}"
    styles = [
        f"{y}年{mo}月{d}日",
        f"{y}-{mo:02d}-{d:02d} {hh:02d}:{mm:02d}",
        f"{y}/{mo:02d}/{d:02d} {hh:02d}:{mm:02d}:{ss:02d}",
        f"{y}.{mo:02d}.{d:02d}",
        f"{y}年{mo:02d}月{d:02d}日 {hh:02d}:{mm:02d}",
    ]
    if traditional:
        styles.append(f"民國{y - 1911}年{mo}月{d}日")
    return rng.choice(styles), iso


def make_article(pool: Pool, seed: int, index: int, per_bundle: int) -> GenArticle:
    rng = random.Random(f"reader-bench:{seed}:{index}")
    sents = pool.sentences
    traditional = rng.random() < TRADITIONAL_SHARE
    target = _target_length(rng, index, per_bundle)

    blocks: list[tuple[str, str]] = []
    length = 0
    since_heading = 0
    while length < target:
        if since_heading >= 3 and target > 1500 and rng.random() < 0.25:
            blocks.append(("subheading", _clause(rng, sents, 6, 16)))
            since_heading = 0
            continue
        para = ""
        for _ in range(rng.randint(2, 6)):
            para += rng.choice(sents)
            if length + len(para) >= target:
                break
        blocks.append(("paragraph", para))
        length += len(para)  # body characters, as counted by body_chars()
        since_heading += 1
    if blocks and blocks[-1][0] == "subheading":
        blocks.pop()

    title = _clause(rng, sents, 8, 22)
    if rng.random() < 0.35:
        title += "：" + _clause(rng, sents, 6, 14)
    date_text, iso = _date(rng, traditional)
    source = rng.choice(SOURCES_T if traditional else SOURCES_S)
    section = rng.choice(SECTIONS)
    breadcrumb = ["首页", section, "正文"] if rng.random() < 0.5 else ["首页", "新闻中心", section]
    credit = f"（记者 {rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(GIVEN)}）" if rng.random() < 0.6 else ""
    spam = ",".join(rng.sample(SPAM_KEYWORDS, rng.randint(3, 6))) if rng.random() < 0.3 else None
    share = rng.random() < 0.4
    footer = ("主站蜘蛛池模板: " + "| ".join(rng.sample(PLACES, rng.randint(12, 40))) + "|") if rng.random() < 0.25 else None
    url = f"https://news.example.{'tw' if traditional else 'cn'}/{section_slug(section)}/{iso.replace('-', '')}/a{index:07d}.html"

    if traditional:
        t = lambda s: convert(s, "s2tw")  # noqa: E731
        title = t(title)
        blocks = [(k, t(v)) for k, v in blocks]
        breadcrumb = [t(b) for b in breadcrumb]
        credit = t(credit)
        date_text = date_text  # digits and 年月日 are shared
    return GenArticle(index, traditional, title, date_text, iso, source, breadcrumb, blocks, credit, url,
                      spam, share, footer)


def section_slug(section: str) -> str:
    return "s" + hashlib.md5(section.encode()).hexdigest()[:4]


def body_chars(a: GenArticle) -> int:
    return sum(len(v) for _, v in a.blocks)


# --------------------------------------------------------------------------- renderers


def render_text(a: GenArticle, rng: random.Random) -> bytes:
    tr = (lambda s: convert(s, "s2tw")) if a.traditional else (lambda s: s)
    lines: list[str] = []
    if a.spam:
        lines += [a.spam, ""]
    if rng.random() < 0.6:
        lines += [tr("您现在的位置: ") + " > ".join(a.breadcrumb), ""]
    lines += [a.title, ""]
    src = tr("来源:") + a.source
    lines += [rng.choice([f"{a.date_text} {src}", f"{src}  {a.date_text}", f"{tr('发布时间')}：{a.date_text}"]), ""]
    if rng.random() < 0.3:
        lines += ["[ ]", ""]
    for kind, text in a.blocks:
        lines += [("\u3000\u3000" + text) if kind == "paragraph" else ("\u3000\u3000" + text), ""]
    if a.credit:
        lines += ["\u3000\u3000" + a.credit, ""]
    if a.share:
        lines += [tr("扫一扫,分享到微信朋友圈"), ""]
    if a.footer:
        lines += [a.footer, ""]
    data = "\n".join(lines).encode("utf-8")
    if rng.random() < 0.05:
        data = b"\xef\xbb\xbf" + data
    return data


def render_html(a: GenArticle, rng: random.Random, related: list[str]) -> tuple[bytes, str]:
    tr = (lambda s: convert(s, "s2tw")) if a.traditional else (lambda s: s)
    esc = html.escape
    site = a.source + rng.choice(SITE_NAMES)
    encoding = "utf-8"
    if rng.random() < 0.15:
        encoding = "big5" if a.traditional else "gbk"
    head = [
        f'<meta charset="{encoding}">' if rng.random() < 0.5
        else f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">',
        f"<title>{esc(a.title)}_{esc(tr(site))}</title>",
    ]
    if a.spam:
        head.append(f'<meta name="keywords" content="{esc(a.spam)}">')
    if rng.random() < 0.5:
        head.append(f'<meta property="og:title" content="{esc(a.title)}">')
    if rng.random() < 0.4:
        head.append(f'<meta name="publishdate" content="{a.iso_date}">')
    if rng.random() < 0.5:
        head.append(f'<link rel="canonical" href="{esc(a.url)}">')
    nav = "".join(f'<li><a href="/{section_slug(s)}/">{esc(tr(s))}</a></li>' for s in SECTIONS[:8])
    crumbs = " &gt; ".join(f'<a href="/">{esc(c)}</a>' for c in a.breadcrumb)
    body = []
    for kind, text in a.blocks:
        if kind == "subheading":
            body.append(f"<p><strong>{esc(text)}</strong></p>" if rng.random() < 0.5 else f"<h3>{esc(text)}</h3>")
        else:
            body.append(f"<p>\u3000\u3000{esc(text)}</p>")
    if a.credit:
        body.append(f"<p>{esc(a.credit)}</p>")
    share = (f'<div class="share"><span>{esc(tr("扫一扫,分享到微信朋友圈"))}</span>'
             f'<img src="/qr/a{a.index}.png" alt="qr"></div>') if a.share else ""
    rel = "".join(f'<li><a href="/r/{i}.html">{esc(t)}</a></li>' for i, t in enumerate(related))
    footer = f'<div class="footer-links">{esc(a.footer)}</div>' if a.footer else ""
    page = f"""<!DOCTYPE html>
<html lang="{'zh-Hant' if a.traditional else 'zh-CN'}"><head>
{chr(10).join(head)}
<link rel="stylesheet" href="/css/main.css"><script src="/js/jquery.min.js"></script>
</head><body>
<div class="header"><div class="logo"><a href="/">{esc(tr(site))}</a></div><ul class="nav">{nav}</ul></div>
<div class="breadcrumb">{esc(tr("您现在的位置："))}{crumbs}</div>
<div class="main"><div class="article">
<h1 class="title">{esc(a.title)}</h1>
<div class="info"><span class="time">{esc(a.date_text)}</span> <span class="source">{esc(tr("来源："))}{esc(a.source)}</span></div>
<div class="content" id="article-content">
{chr(10).join(body)}
</div>
{share}
</div>
<div class="sidebar"><h3>{esc(tr("相关新闻"))}</h3><ul class="related">{rel}</ul></div></div>
<div class="footer"><p>{esc(tr("版权所有"))} &copy; {esc(tr(site))}</p>{footer}</div>
<script>var _hmt = _hmt || [];</script>
</body></html>
"""
    try:
        return page.encode(encoding), encoding
    except UnicodeEncodeError:
        page = page.replace(f"charset={encoding}", "charset=utf-8").replace(f'charset="{encoding}"', 'charset="utf-8"')
        return page.encode("utf-8"), "utf-8"


# --------------------------------------------------------------------------- bundles


def manifest_for(bundle_no: int, kind: str, entries: list[dict]) -> dict:
    """The bundle's manifest.json (docs/bundle-format.md, format 1.0).

    No bundle-wide publisher: the source of each article must come from its page.
    """
    return {
        "format": "offline-news-bundle",
        "version": "1.0",
        "title": f"基准语料 {bundle_no:04d}（{kind}）",
        "created": "2026-01-01",
        "articles": entries,
    }


def generate(n: int, seed: int, out: Path, per_bundle: int = 1000, kind: str = "mixed",
             start: int = 0, quiet: bool = False, shared: Path | None = None) -> dict:
    pool = load_pool(shared)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    stats = {"articles": 0, "traditional": 0, "text": 0, "html": 0, "bytes": 0, "body_chars": 0,
             "min_chars": None, "max_chars": 0}
    bundles = []
    n_bundles = (n + per_bundle - 1) // per_bundle
    for b in range(n_bundles):
        first = start + b * per_bundle
        last = min(start + n, first + per_bundle)
        bkind = kind if kind != "mixed" else ("text" if b % 2 == 0 else "html")
        bdir = out / f"bundle-{first // per_bundle:04d}"
        (bdir / "articles").mkdir(parents=True, exist_ok=True)
        entries = []
        for i in range(first, last):
            a = make_article(pool, seed, i, per_bundle)
            rng = random.Random(f"reader-bench-render:{seed}:{i}")
            if bkind == "text":
                data = render_text(a, rng)
                name = f"articles/{i:07d}.txt"
                entry = {"id": f"a{i:07d}", "path": name, "url": a.url}
            else:
                related = [_clause(rng, pool.sentences, 8, 20) for _ in range(rng.randint(3, 6))]
                if a.traditional:
                    related = [convert(r, "s2tw") for r in related]
                data, enc = render_html(a, rng, related)
                name = f"articles/{i:07d}.html"
                entry = {"id": f"a{i:07d}", "path": name, "url": a.url}
            (bdir / name).write_bytes(data)
            entries.append(entry)
            chars = body_chars(a)
            stats["articles"] += 1
            stats["traditional"] += a.traditional
            stats[bkind] += 1
            stats["bytes"] += len(data)
            stats["body_chars"] += chars
            stats["max_chars"] = max(stats["max_chars"], chars)
            stats["min_chars"] = chars if stats["min_chars"] is None else min(stats["min_chars"], chars)
        (bdir / "manifest.json").write_text(
            json.dumps(manifest_for(first // per_bundle, bkind, entries), ensure_ascii=False, indent=1),
            encoding="utf-8")
        bundles.append({"path": bdir.name, "kind": bkind, "articles": last - first})
        if not quiet:
            print(f"\r{stats['articles']}/{n} articles", end="", file=sys.stderr, flush=True)
    if not quiet:
        print(file=sys.stderr)
    info = {
        "generator": "benchmarks/generate.py",
        "articles": n, "seed": seed, "per_bundle": per_bundle, "kind": kind, "start": start,
        "pool": {"sentences": len(pool.sentences), "fingerprint": pool.fingerprint, "sources": pool.sources},
        "stats": stats, "bundles": bundles,
        "seconds": round(time.perf_counter() - t0, 2),
    }
    (out / "corpus.json").write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    return info


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--per-bundle", type=int, default=1000, help="articles per bundle (default 1000)")
    p.add_argument("--kind", choices=["text", "html", "mixed"], default="mixed")
    p.add_argument("--start", type=int, default=0, help="index of the first article (default 0)")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--shared", type=Path, default=None,
                   help="the shared folder holding corpus/ (default $READER_SHARED, else ../shared)")
    args = p.parse_args(argv)
    info = generate(args.articles, args.seed, args.out, args.per_bundle, args.kind, args.start, args.quiet,
                    args.shared)
    s = info["stats"]
    print(f"{s['articles']} articles in {len(info['bundles'])} bundles ({s['text']} text, {s['html']} HTML, "
          f"{s['traditional']} Traditional), {s['bytes'] / 1e6:.1f} MB, body {s['min_chars']}-{s['max_chars']} "
          f"chars (mean {s['body_chars'] / max(1, s['articles']):.0f}), pool {info['pool']['sentences']} sentences "
          f"[{info['pool']['fingerprint']}], {info['seconds']} s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
