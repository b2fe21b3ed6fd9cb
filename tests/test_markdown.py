"""Markdown clips with YAML front matter: the fields of Obsidian Web Clipper, MarkDownload and
Joplin as hints, the body as blocks, files without front matter, paperwork left alone, and
hostile YAML."""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

from reader import importer
from reader.bundle import iter_bundles
from reader.bundle.markdown import hints
from reader.importer import import_paths
from reader.library.store import Library

PARA = "江门市今年新建三座社区图书馆，市民在家门口就能借书、读书。"
OBSIDIAN = f"""---
title: "江门新建三座社区图书馆 - 侨乡新闻网"
source: "https://news.example.cn/2024/0305/a1.html"
author:
  - "[[李明]]"
published: 2024-03-05
created: 2024-03-06
tags:
  - "clippings"
  - 图书馆
---
# 江门新建三座社区图书馆

{PARA}
图书馆每天开放十二小时，周末还有亲子阅读活动。

![图书馆外景](https://news.example.cn/img/1.jpg)

## 借书办法

凭身份证即可办理借书证，每人每次可借**五本书**，借期三十天，可以续借一次。
"""


def stored(tmp_path: Path, *paths: Path):
    with Library.open(tmp_path / "lib.db") as library:
        report = import_paths(library, list(paths), jobs=1)
        rows = library._conn.execute(
            "SELECT a.title, a.published, a.authors, a.url, a.blocks, d.kind, d.hints FROM articles a"
            " JOIN documents d ON d.id = a.document_id ORDER BY a.id").fetchall()
    return report, rows


def test_an_obsidian_clip_keeps_its_front_matter_and_its_headings(tmp_path):
    clip = tmp_path / "clip.md"
    clip.write_text(OBSIDIAN, encoding="utf-8")
    report, rows = stored(tmp_path, clip)
    assert report.imported == 1 and not report.failed
    title, published, authors, url, blocks, kind, stored_hints = rows[0]
    assert (title, published, json.loads(authors), url, kind) == (
        "江门新建三座社区图书馆", "2024-03-05", ["李明"], "https://news.example.cn/2024/0305/a1.html", "markdown")
    assert json.loads(stored_hints)["tags"] == ["clippings", "图书馆"]
    blocks = [(b["kind"], b["text"]) for b in json.loads(blocks)]
    assert (("paragraph", PARA + "图书馆每天开放十二小时，周末还有亲子阅读活动。")) in blocks  # the line break is no space
    assert ("subheading", "借书办法") in blocks
    assert not any("---" in t or "clippings" in t or "jpg" in t for _, t in blocks)
    with Library.open(tmp_path / "lib.db") as library:  # the original bytes are kept: reindex works
        result = library.reindex(importer.DocumentPreparer(jobs=1).prepared)
        assert library._conn.execute("SELECT title FROM articles").fetchone()[0] == "江门新建三座社区图书馆"
    assert (result["documents"], result["failed"]) == (1, [])


def test_markdownload_and_joplin_front_matter():
    markdownload = hints(f"---\ntitle: 台山海鲜节\nauthor: 李明, 王芳\ntags: [海鲜节, 台山]\nsource: https://a.example/x\n---\n{PARA}".encode())
    assert (markdownload.authors, markdownload.tags, markdownload.url) == (("李明", "王芳"), ("海鲜节", "台山"), "https://a.example/x")
    joplin = hints(f"---\ntitle: 开平碉楼\nupdated: 2024-03-05 10:00:00Z\ndate: 2024-03-04 09:30:00Z\n"
                   f"source: https://b.example/y\ntags:\n  - 侨乡\n---\n\n{PARA}".encode())
    assert (joplin.title, joplin.published, joplin.tags) == ("开平碉楼", "2024-03-04T09:30:00+00:00", ("侨乡",))
    assert hints(b"---\nsource: javascript:alert(1)\n---\nx").url is None  # only web links are URLs


def test_a_file_without_front_matter_is_titled_by_its_first_heading(tmp_path):
    plain = tmp_path / "plain.md"
    plain.write_text(f"# 台山海鲜节吸引游客\n\n第十届台山海鲜节昨日开幕，吸引了来自珠三角各地的游客。{PARA}\n", encoding="utf-8")
    _, rows = stored(tmp_path, plain)
    assert rows[0][0] == "台山海鲜节吸引游客" and json.loads(rows[0][6]) == {"container": "markdown"}


def test_readme_in_a_bundle_stays_paperwork_and_clips_are_loose_articles(tmp_path):
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("README.md", "# 说明\n\n这是一个测试包。")
        zf.writestr("clips/clip.md", OBSIDIAN)
        zf.writestr("clips/LICENSE.md", "MIT")
        zf.writestr("page.txt", PARA * 3)
    (source,) = list(iter_bundles([bundle]))
    assert [(d.name, d.kind) for d in source.documents()] == [("clips/clip.md", "markdown"), ("page.txt", "text")]
    assert sorted((s.name, s.reason) for s in source.skipped) == [
        ("README.md", "bundle paperwork"), ("clips/LICENSE.md", "bundle paperwork")]
    folder = tmp_path / "clips"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.md").write_text(OBSIDIAN.replace("a1.html", f"a{n}.html"), encoding="utf-8")
    assert [s.kind for s in iter_bundles([folder])] == ["loose"]  # not a bundle per clip


def test_hostile_front_matter_is_never_run_nor_expanded(tmp_path):
    laughs = "---\na: &a [\"哈哈哈哈哈哈哈哈\"]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)) + "tags: *j\nauthor: *j\n---\n"
    evil = "---\ntitle: !!python/object/apply:os.system [\"touch pwned\"]\n---\n"
    broken = "---\ntitle: [unclosed\n---\n"
    clips = tmp_path / "clips"
    clips.mkdir()
    for n, head in enumerate((laughs, evil, broken)):
        (clips / f"{n}.md").write_text(f"{head}# 第{n}篇新闻\n\n{PARA}第{n}段。\n", encoding="utf-8")
    started = time.monotonic()
    report, rows = stored(tmp_path, clips)
    assert time.monotonic() - started < 10
    assert report.imported == 3 and not report.failed
    assert [r[0] for r in rows] == ["第0篇新闻", "第1篇新闻", "第2篇新闻"]
    assert json.loads(rows[0][6]) == {"container": "markdown"}  # nested lists are no names or tags
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


def test_front_matter_yaml_cannot_build_is_ignored_and_the_clip_still_imports(tmp_path):
    # well-formed YAML whose values PyYAML fails to construct (a typo'd date, a 5,000-digit
    # number) or nests past Python's recursion limit: the clip is still an article, and one bad
    # clip does not fail the zip it is in
    heads = ("---\ndate: 2024-13-45\n---\n", f"---\ntitle: {'9' * 5000}\n---\n",
             f"---\ntitle: {'[' * 30000}{']' * 30000}\n---\n")
    bundle = tmp_path / "clips.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        for n, head in enumerate(heads):
            zf.writestr(f"{n}.md", f"{head}# 第{n}篇新闻\n\n{PARA}第{n}段。\n")
    for n, head in enumerate(heads):
        assert hints(f"{head}# 第{n}篇新闻\n".encode()).container == "markdown"
    report, rows = stored(tmp_path, bundle)
    assert report.imported == 3 and not report.failed
    assert [r[0] for r in rows] == ["第0篇新闻", "第1篇新闻", "第2篇新闻"]


def test_the_samples_of_books_newsboat_and_clips_import_as_bundles_readme_says(tmp_path):
    bundles = Path(__file__).resolve().parent.parent / "bundles"
    report, rows = stored(tmp_path, bundles / "books", bundles / "newsboat", bundles / "clips")
    assert report.imported == 6 and not report.failed
    by_kind = {}
    for title, _published, _authors, url, _blocks, kind, _hints in rows:
        by_kind.setdefault(kind, []).append(title)
    assert by_kind["markdown"] == ["开平碉楼与村落申遗成功十七周年：老碉楼里的新生活"]
    assert sorted(by_kind["html"]) == sorted(["新会陈皮村迎来采摘季", "江门滨江新区绿道全线贯通", "恩平温泉旅游节开幕",
                                              "鹤山古劳水乡启动河涌整治", "台山侨乡铁路遗址公园对外开放"])
    with Library.open(tmp_path / "lib.db") as library:
        states = {t: (r, b) for t, r, b in library._conn.execute("SELECT title, read, bookmarked FROM articles")}
    assert states["恩平温泉旅游节开幕"] == (1, 0) and states["台山侨乡铁路遗址公园对外开放"] == (0, 1)
