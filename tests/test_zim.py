"""ZIM archives built here with libzim's own Creator (the optional extra reader[zim]): pages are
articles, the rest is skipped with what it is; without the extra a ZIM is refused with how to
install it; damaged archives and ZIMs inside bundles fail with one line."""

from __future__ import annotations

import builtins
import zipfile
from pathlib import Path

import pytest

from reader.bundle import iter_bundles, zim
from reader.errors import BundleError
from reader.importer import import_paths
from reader.library.store import Library
from reader.limits import Limits

BODY = "江门市今年新建三座社区图书馆，市民在家门口就能借书、读书。图书馆每天开放十二小时，周末还有亲子阅读活动。"


def page(title: str, head: str = "") -> str:
    return (f'<html><head><meta charset="utf-8"><title>{title}</title>{head}</head><body><h1>{title}</h1>'
            f"<p>{BODY}</p><p>{title}。{BODY}</p></body></html>")


def build(path: Path, pages: int = 2) -> Path:
    writer = pytest.importorskip("libzim.writer", reason="the optional extra reader[zim] (python-libzim) is not installed")

    class Entry(writer.Item):
        def __init__(self, path: str, title: str, mimetype: str, content: str):
            super().__init__()
            self.path, self.title, self.mimetype, self.content = path, title, mimetype, content

        def get_path(self):
            return self.path

        def get_title(self):
            return self.title

        def get_mimetype(self):
            return self.mimetype

        def get_contentprovider(self):
            return writer.StringProvider(self.content)

        def get_hints(self):
            return {writer.Hint.FRONT_ARTICLE: self.mimetype == "text/html"}

    with writer.Creator(str(path)).config_indexing(False, "zho") as creator:
        creator.set_mainpath("index.html")
        creator.add_item(Entry("index.html", "首页", "text/html", page("首页")))
        titles = ["江门新建三座社区图书馆", "台山海鲜节吸引游客", "开平碉楼申遗十五周年"]
        for n in range(pages):
            creator.add_item(Entry(f"news/a{n}.html", titles[n % 3] + ("" if n < 3 else str(n)), "text/html",
                                   page(titles[n % 3] + ("" if n < 3 else str(n)))))
        creator.add_item(Entry("news/own.html", "", "text/html",
                               page("恩平温泉节开幕", '<link rel="canonical" href="https://news.example.cn/own.html">')))
        creator.add_item(Entry("img/1.png", "", "image/png", "not really a png"))
        creator.add_item(Entry("style.css", "", "text/css", "p { color: black }"))
        creator.add_redirection("a0", "a0", "news/a0.html", {writer.Hint.FRONT_ARTICLE: False})
        for key, value in {"Name": "qiaoxiang_zh_news", "Title": "侨乡新闻", "Creator": "侨乡新闻网", "Publisher": "reader tests",
                           "Language": "zho", "Date": "2024-03-05", "Description": "测试"}.items():
            creator.add_metadata(key, value)
    return path


def test_the_pages_of_a_zim_are_articles_and_the_rest_is_named(tmp_path):
    path = build(tmp_path / "news.zim")
    (source,) = list(iter_bundles([path]))
    docs = list(source.documents())
    assert source.kind == "zim"
    assert [(d.hints.entry, d.hints.url, d.hints.title) for d in docs] == [
        ("news/a0.html", "zim://qiaoxiang_zh_news/news/a0.html", "江门新建三座社区图书馆"),
        ("news/a1.html", "zim://qiaoxiang_zh_news/news/a1.html", "台山海鲜节吸引游客"),
        ("news/own.html", None, None)]  # its own canonical URL wins
    assert {(d.hints.source, d.hints.language, d.hints.container) for d in docs} == {("侨乡新闻网", "zh", "zim")}
    assert sorted((s.name, s.reason) for s in source.skipped) == [
        ("news.zim#a0", "redirect"), ("news.zim#img/1.png", "image"), ("news.zim#index.html", "the archive's main page"),
        ("news.zim#style.css", "page asset")]
    with Library.open(tmp_path / "lib.db") as library:
        assert import_paths(library, [path], jobs=1).imported == 3
        assert import_paths(library, [path], jobs=1).skipped == [str(path)]
        urls = sorted(r[0] for r in library._conn.execute("SELECT url FROM articles"))
    assert urls == ["https://news.example.cn/own.html", "zim://qiaoxiang_zh_news/news/a0.html", "zim://qiaoxiang_zh_news/news/a1.html"]


def test_pages_past_max_entries_are_one_failure(tmp_path):
    (source,) = list(iter_bundles([build(tmp_path / "many.zim", pages=6)], Limits(max_entries=4)))
    items = list(source.documents())
    assert [type(i).__name__ for i in items] == ["RawDocument"] * 4 + ["DocumentError"]
    assert "more than 4 pages (limit max_entries)" in items[-1].reason


def test_a_damaged_zim_and_a_zim_inside_a_bundle_fail_with_one_line(tmp_path):
    data = build(tmp_path / "good.zim").read_bytes()
    (tmp_path / "cut.zim").write_bytes(data[: len(data) // 3])
    (source,) = list(iter_bundles([tmp_path / "cut.zim"]))
    with pytest.raises(BundleError, match=r"^cut\.zim: (not a readable|damaged) ZIM archive"):
        source.check()
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("news.zim", data)
        zf.writestr("page.txt", BODY)
    (source,) = list(iter_bundles([bundle]))
    items = list(source.documents())
    assert [(type(i).__name__, i.name) for i in items] == [("DocumentError", "news.zim"), ("RawDocument", "page.txt")]
    assert "import it on its own" in items[0].reason


def test_without_the_extra_a_zim_is_refused_with_how_to_install_it(tmp_path, monkeypatch):
    path = tmp_path / "news.zim"
    path.write_bytes(zim.MAGIC + b"\0" * 200)
    real_import = builtins.__import__

    def no_libzim(name, *args, **kwargs):
        if name.startswith("libzim"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_libzim)
    (source,) = list(iter_bundles([path]))
    with pytest.raises(BundleError) as info:
        source.check()
    assert str(info.value) == f"news.zim: reading ZIM archives needs the optional extra python-libzim (GPL-3.0): {zim.INSTALL}"
