"""reader.bundle: every bundle shape, the manifest, and hostile archives generated here."""

from __future__ import annotations

import gzip
import io
import json
import os
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

from reader.bundle import BundleSource, iter_bundles
from reader.errors import BundleError, DocumentError
from reader.limits import DEFAULT_LIMITS, Limits
from reader.model import RawDocument

REPO = Path(__file__).resolve().parent.parent
ARTICLE = "江門市蓬江區勝利路上,坐落著香港團隊管理的珠西創谷(江門)科技園。\n".encode("utf-8") * 5
HTML = "<html><head><meta charset='utf-8'><title>新闻</title></head><body><p>正文内容</p></body></html>".encode()


def manifest(**overrides) -> dict:
    m = {
        "format": "offline-news-bundle",
        "version": "1.0",
        "title": "測試",
        "publisher": "南方日報",
        "language": "zh-Hant",
        "created": "2026-11-27T08:00:00Z",
        "articles": [
            {"id": "a", "path": "a.txt", "url": "https://example.com/a", "title": "標題 A",
             "published": "2021-12-29", "authors": ["葉芷晴", "張泳渝"], "encoding": "utf-8"},
            {"id": "b", "path": "pages/b.html", "url": "https://example.com/b", "language": "zh-Hans"},
        ],
    }
    m.update(overrides)
    return m


def files(m: dict | None = None, **extra: bytes) -> dict[str, bytes]:
    out = {"a.txt": ARTICLE, "pages/b.html": HTML}
    if m is not None:
        out["manifest.json"] = json.dumps(m, ensure_ascii=False).encode("utf-8")
    out.update({k.replace("__", "/"): v for k, v in extra.items()})
    return out


def make_folder(root: Path, content: dict[str, bytes]) -> Path:
    for name, data in content.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return root


def make_zip(path: Path, content: dict[str, bytes], prefix: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in content.items():
            zf.writestr(prefix + name, data)
    return path


def make_tar(path: Path, content: dict[str, bytes], mode: str = "w", prefix: str = "", **kw) -> Path:
    with tarfile.open(path, mode, **kw) as tf:
        for name, data in content.items():
            info = tarfile.TarInfo(prefix + name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path


def one(path: Path, limits: Limits = DEFAULT_LIMITS) -> BundleSource:
    sources = list(iter_bundles([path], limits))
    assert len(sources) == 1, sources
    return sources[0]


def read_all(source: BundleSource) -> tuple[list[RawDocument], list[DocumentError]]:
    docs, errors = [], []
    for item in source.documents():
        (docs if isinstance(item, RawDocument) else errors).append(item)
    return docs, errors


def refused(source: BundleSource, *words: str) -> str:
    """The bundle is refused by check() and by documents(), with one line naming it."""
    with pytest.raises(BundleError) as info:
        source.check()
    message = str(info.value)
    assert "\n" not in message
    assert str(source.path) in message or source.label in message
    for w in words:
        assert w in message, message
    with pytest.raises(BundleError):
        list(source.documents())
    return message


def reasons(errors: list[DocumentError]) -> dict[str, str]:
    return {e.name: e.reason for e in errors}


# ---- shapes ----------------------------------------------------------------------------------


def test_folder_bundle_with_manifest(tmp_path):
    src = one(make_folder(tmp_path / "b", files(manifest())))
    assert src.kind == "folder"
    assert src.manifest.title == "測試"
    assert src.title == "測試"
    docs, errors = read_all(src)
    assert errors == []
    by_name = {d.name: d for d in docs}
    assert set(by_name) == {"a.txt", "pages/b.html"}
    a = by_name["a.txt"]
    assert a.kind == "text" and a.data == ARTICLE
    assert a.hints.url == "https://example.com/a"
    assert a.hints.title == "標題 A"
    assert a.hints.published == "2021-12-29"
    assert a.hints.authors == ("葉芷晴", "張泳渝")
    assert a.hints.encoding == "utf-8"
    assert a.hints.source == "南方日報"  # publisher -> source
    assert a.hints.language == "zh-Hant"
    b = by_name["pages/b.html"]
    assert b.kind == "html" and b.hints.language == "zh-Hans"


@pytest.mark.parametrize("prefix", ["", "mybundle/"])
def test_zip_bundle(tmp_path, prefix):
    src = one(make_zip(tmp_path / "b.zip", files(manifest()), prefix=prefix))
    assert src.kind == "zip"
    docs, errors = read_all(src)
    assert errors == []
    assert sorted(d.name for d in docs) == ["a.txt", "pages/b.html"]
    assert src.manifest is not None


@pytest.mark.parametrize("mode,suffix", [("w", ".tar"), ("w:gz", ".tar.gz"), ("w:gz", ".tgz"),
                                         ("w:bz2", ".tar.bz2"), ("w:xz", ".tar.xz")])
@pytest.mark.parametrize("prefix", ["", "mybundle/"])
def test_tar_bundles(tmp_path, mode, suffix, prefix):
    src = one(make_tar(tmp_path / f"b{suffix}", files(manifest()), mode, prefix=prefix))
    assert src.kind == "tar"
    docs, errors = read_all(src)
    assert errors == []
    assert sorted(d.name for d in docs) == ["a.txt", "pages/b.html"]
    assert {d.name: d for d in docs}["a.txt"].hints.title == "標題 A"


def test_tar_with_manifest_last_still_gives_hints(tmp_path):
    content = files()
    content["manifest.json"] = json.dumps(manifest()).encode()
    src = one(make_tar(tmp_path / "b.tar.gz", content, "w:gz"))
    docs, _ = read_all(src)
    assert {d.name: d for d in docs}["a.txt"].hints.url == "https://example.com/a"


def test_identity_is_the_same_for_folder_zip_and_tar(tmp_path):
    content = files(manifest())
    folder = one(make_folder(tmp_path / "b", content))
    zipped = one(make_zip(tmp_path / "b.zip", content, prefix="b/"))
    tarred = one(make_tar(tmp_path / "b.tar.gz", content, "w:gz"))
    assert len(folder.identity) == 64
    assert folder.identity == zipped.identity == tarred.identity


def test_identity_changes_with_content(tmp_path):
    a = one(make_zip(tmp_path / "a.zip", files(manifest())))
    b = one(make_zip(tmp_path / "b.zip", files(manifest(), **{"c.txt": b"x" * 100})))
    c = one(make_zip(tmp_path / "c.zip", files(manifest(title="Other"))))
    assert len({a.identity, b.identity, c.identity}) == 3


def test_single_article_files(tmp_path):
    for name, data, kind in [("x.txt", ARTICLE, "text"), ("y.html", HTML, "html"), ("z.htm", HTML, "html"),
                             ("j.json", b'{"title": "t", "maintext": "m"}', "json"),
                             ("l.jsonl", b'{"title": "t"}\n{"title": "u"}\n', "jsonl")]:
        (tmp_path / name).write_bytes(data)
        src = one(tmp_path / name)
        assert src.kind == ("jsonl" if kind == "jsonl" else "file")  # a container, read a record at a time
        assert src.manifest is None
        docs, errors = read_all(src)
        assert errors == []
        if kind == "jsonl":  # each record is an entry of its own
            assert [(d.name, d.kind, d.data) for d in docs] == [
                (f"{name}#line {n}", "json", line) for n, line in enumerate(data.splitlines(), 1)
            ]
            continue
        assert len(docs) == 1
        assert docs[0].name == name and docs[0].kind == kind and docs[0].data == data


def test_single_file_unsupported_or_missing(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    refused(one(tmp_path / "x.pdf"), "unsupported type '.pdf'")
    refused(one(tmp_path / "missing.zip"), "no such file")


def test_manifest_path_means_its_folder(tmp_path):
    make_folder(tmp_path / "b", files(manifest()))
    src = one(tmp_path / "b" / "manifest.json")
    assert src.kind == "folder" and src.path == tmp_path / "b"


def test_folder_of_bundles(tmp_path):
    root = tmp_path / "bundles"
    make_folder(root, {"loose.txt": ARTICLE, "loose.html": HTML, "README.md": b"# hi", "notes.docx": b"x"})
    make_folder(root / "one", files(manifest()))
    make_zip(root / "two.zip", files(manifest()))
    make_tar(root / "three.tar.gz", files(), "w:gz")
    make_folder(root / "plain", {"p.txt": ARTICLE, "deeper/q.txt": ARTICLE})
    (root / "empty").mkdir()
    sources = list(iter_bundles([root]))
    got = [(s.kind, s.path.relative_to(tmp_path).as_posix()) for s in sources]
    assert got == [  # the folder's loose files first, then its entries sorted by name
        ("loose", "bundles"),
        ("folder", "bundles/one"),
        ("loose", "bundles/plain"),
        ("loose", "bundles/plain/deeper"),
        ("tar", "bundles/three.tar.gz"),
        ("zip", "bundles/two.zip"),
    ]
    docs, errors = read_all(sources[0])
    assert sorted(d.name for d in docs) == ["loose.html", "loose.txt"]  # README.md ignored
    assert reasons(errors) == {"notes.docx": "unsupported file type '.docx'"}
    assert sources[0].label.endswith("(loose files)")


def test_empty_folder_is_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    refused(one(tmp_path / "empty"), "no bundles or article files")


def test_one_bad_path_does_not_stop_the_others(tmp_path):
    good = make_zip(tmp_path / "good.zip", files(manifest()))
    sources = list(iter_bundles([tmp_path / "nope", good]))
    assert [s.kind for s in sources] == ["invalid", "zip"]
    assert len(read_all(sources[1])[0]) == 2


def test_sample_bundle():
    sources = list(iter_bundles([REPO / "bundles"]))
    sample = [s for s in sources if s.path.name == "jiangmen-sample"]
    assert len(sample) == 1
    src = sample[0]
    assert src.manifest.format == "offline-news-bundle" and src.manifest.version == "1.0"
    docs, errors = read_all(src)
    assert errors == []
    kinds = {d.name: d.kind for d in docs}
    assert kinds["000_d4eb6ef48fb1f2de.txt"] == "text"
    assert sorted({k.split("#")[0]: v for k, v in kinds.items()}.values()) == ["html", "html", "json", "text"]
    seed = (REPO / "tests/fixtures/seed/000_d4eb6ef48fb1f2de.txt").read_bytes()
    assert {d.name: d for d in docs}["000_d4eb6ef48fb1f2de.txt"].data == seed
    total = sum(p.stat().st_size for p in (REPO / "bundles").rglob("*") if p.is_file())
    assert total < 1024 * 1024


def test_sample_bundle_decodes():
    from reader.decode import decode

    src = one(REPO / "bundles" / "jiangmen-sample")
    for doc in src.documents():
        assert isinstance(doc, RawDocument)
        d = decode(doc.data, doc.kind, doc.hints.encoding)
        assert "\ufffd" not in d.text


# ---- manifest --------------------------------------------------------------------------------


def test_invalid_json_manifest(tmp_path):
    content = files()
    content["manifest.json"] = b'{"format": "offline-news-bundle", "version": "1.0",'
    msg = refused(one(make_folder(tmp_path / "b", content)), "manifest.json", "invalid JSON")
    assert "line 1" in msg


def test_manifest_not_utf8(tmp_path):
    content = files()
    content["manifest.json"] = json.dumps(manifest(), ensure_ascii=False).encode("gbk")
    refused(one(make_folder(tmp_path / "b", content)), "not UTF-8")


def test_manifest_deeply_nested_json(tmp_path):
    content = files()
    content["manifest.json"] = b"[" * 100_000 + b"]" * 100_000
    refused(one(make_folder(tmp_path / "b", content)), "manifest.json")


@pytest.mark.parametrize(
    "override,words",
    [
        ({"title": 5}, ["title must be a string"]),
        ({"articles": {"a": 1}}, ['"articles" must be a list']),
        ({"articles": ["a.txt"]}, ["articles[0] must be an object"]),
        ({"articles": [{"path": "a.txt", "authors": "葉芷晴"}]}, ["authors must be a list"]),
        ({"articles": [{"path": "a.txt", "authors": [1]}]}, ["authors must be a list of strings"]),
        ({"articles": [{"path": 3}]}, ["path must be a string"]),
        ({"articles": [{"url": "x"}]}, ["path is missing"]),
        ({"articles": [{"path": "../x.txt"}]}, ["not a relative path"]),
        ({"articles": [{"path": "a.txt", "published": "yesterday"}]}, ["not an ISO 8601 date"]),
        ({"articles": [{"path": "a.txt", "encoding": "klingon"}]}, ["not a known text encoding"]),
        ({"articles": [{"path": "a.txt", "id": [1]}]}, ["id must be"]),
        ({"language": "Traditional Chinese"}, ["BCP 47"]),
        ({"created": "soon"}, ["created is not an ISO 8601"]),
        ({"format": "something-else"}, ['"format" must be']),
        ({"version": 1.0}, ["not a number"]),
        ({"version": "one"}, ["MAJOR.MINOR"]),
        ({"version": "2.0"}, ["unsupported format version 2.0"]),
        ({"version": "0.9"}, ["unsupported format version 0.9"]),
    ],
)
def test_manifest_wrong_types_and_values(tmp_path, override, words):
    src = one(make_zip(tmp_path / "b.zip", files(manifest(**override))))
    refused(src, "b.zip", "manifest.json", *words)


def test_manifest_not_an_object(tmp_path):
    content = files()
    content["manifest.json"] = b"[1, 2]"
    refused(one(make_folder(tmp_path / "b", content)), "must be a JSON object")


def test_newer_minor_version_and_unknown_keys_accepted(tmp_path):
    m = manifest(version="1.9", future_field={"x": 1})
    m["articles"][0]["rating"] = 5
    src = one(make_folder(tmp_path / "b", files(m)))
    assert src.manifest.version == "1.9"
    docs, errors = read_all(src)
    assert len(docs) == 2 and errors == []


@pytest.mark.parametrize("key", ["id", "url", "path"])
def test_duplicate_article_keys_refused(tmp_path, key):
    m = manifest()
    second = m["articles"][1]
    second[key] = m["articles"][0][key]
    refused(one(make_folder(tmp_path / "b", files(m))), "articles[0] and articles[1]", f"same {key}")


def test_missing_listed_file_and_extra_unlisted_file(tmp_path):
    m = manifest()
    m["articles"].append({"path": "gone.html", "title": "不在"})
    content = files(m, extra__html=HTML)
    content["extra.html"] = content.pop("extra/html")
    src = one(make_folder(tmp_path / "b", content))
    docs, errors = read_all(src)
    assert reasons(errors) == {"gone.html": "listed in manifest.json but not in the bundle"}
    extra = {d.name: d for d in docs}["extra.html"]
    assert extra.hints.url is None and extra.hints.title is None
    assert extra.hints.source == "南方日報" and extra.hints.language == "zh-Hant"


def test_no_manifest_means_no_hints(tmp_path):
    src = one(make_zip(tmp_path / "b.zip", files()))
    assert src.manifest is None
    docs, _ = read_all(src)
    assert all(d.hints.url is None and d.hints.source is None for d in docs)


def test_manifest_with_bom_and_windows_paths(tmp_path):
    m = manifest()
    m["articles"][1]["path"] = "./pages\\b.html"
    content = files()
    content["manifest.json"] = b"\xef\xbb\xbf" + json.dumps(m).encode()
    docs, errors = read_all(one(make_folder(tmp_path / "b", content)))
    assert errors == []
    assert {d.name: d for d in docs}["pages/b.html"].hints.url == "https://example.com/b"


def test_manifest_too_large(tmp_path):
    src = one(make_folder(tmp_path / "b", files(manifest(pad="x" * 5000))), Limits(max_manifest_bytes=1000))
    refused(src, "too large")


# ---- per-article problems --------------------------------------------------------------------


def test_bad_articles_are_listed_and_good_ones_still_come(tmp_path):
    content = files(manifest())
    content["big.txt"] = b"x" * 5000
    content["photo.txt"] = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    content["nul.html"] = b"<p>\x00\x00\x00\x00</p>" * 50
    content["data.exe"] = b"MZ"
    content["style.css"] = b"p{}"  # web page assets are skipped, and listed with what they are
    content[".hidden.txt"] = ARTICLE
    src = one(make_zip(tmp_path / "b.zip", content), Limits(max_file_bytes=4000))
    docs, errors = read_all(src)
    assert {(s.name, s.reason) for s in src.skipped} == {("style.css", "page asset"), (".hidden.txt", "hidden file")}
    assert sorted(d.name for d in docs) == ["a.txt", "pages/b.html"]
    r = reasons(errors)
    assert set(r) == {"big.txt", "photo.txt", "nul.html", "data.exe"}
    assert r["big.txt"].startswith("file too large (5000 bytes")
    assert r["photo.txt"].startswith("binary content")
    assert r["nul.html"].startswith("binary content")
    assert r["data.exe"] == "unsupported file type '.exe'"
    assert all("\n" not in str(e) for e in errors)


def test_folder_symlinks_and_fifos_skipped(tmp_path):
    root = make_folder(tmp_path / "b", files(manifest()))
    (root / "secret.txt").symlink_to("/etc/passwd")
    (root / "linkdir").symlink_to(tmp_path)
    os.mkfifo(root / "pipe.txt")
    docs, errors = read_all(one(root))
    assert sorted(d.name for d in docs) == ["a.txt", "pages/b.html"]
    r = reasons(errors)
    assert "not followed" in r["secret.txt"] and "not followed" in r["linkdir"]
    assert "not a regular file" in r["pipe.txt"]


# ---- hostile zips ----------------------------------------------------------------------------


def test_zip_path_traversal_and_absolute_paths(tmp_path):
    path = make_zip(tmp_path / "b.zip", files(manifest(), **{"..__..__evil.txt": ARTICLE}))
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("/etc/evil2.txt", ARTICLE)
        zf.writestr("C:\\windows\\evil3.txt", ARTICLE)
    docs, errors = read_all(one(path))
    assert sorted(d.name for d in docs) == ["a.txt", "pages/b.html"]
    assert len(errors) == 3
    assert all("unsafe path" in e.reason for e in errors)
    assert not (tmp_path.parent / "evil.txt").exists()


def test_zip_symlink_member_skipped(tmp_path):
    path = make_zip(tmp_path / "b.zip", files(manifest()))
    with zipfile.ZipFile(path, "a") as zf:
        info = zipfile.ZipInfo("link.txt")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    docs, errors = read_all(one(path))
    assert len(docs) == 2
    assert reasons(errors) == {"link.txt": "symbolic link: not followed, skipped"}


def test_zip_bomb_ratio(tmp_path):
    path = make_zip(tmp_path / "bomb.zip", {"a.txt": ARTICLE, "zeros.txt": b"\0" * (20 * 1024 * 1024)})
    assert path.stat().st_size < 100_000
    refused(one(path), "bomb.zip", "zeros.txt", "zip bomb")


def test_zip_bomb_total_ratio_of_many_members(tmp_path):
    content = {f"m{i}.txt": b"a" * 600_000 for i in range(10)}
    path = make_zip(tmp_path / "bomb.zip", content)
    refused(one(path, Limits(ratio_check_min_bytes=1024 * 1024)), "compression ratio")


def test_zip_too_many_members(tmp_path):
    path = make_zip(tmp_path / "many.zip", {f"m{i}.txt": ARTICLE for i in range(60)})
    refused(one(path, Limits(max_members=50)), "many.zip", "more than 50")


def test_zip_total_size_limit(tmp_path):
    path = make_zip(tmp_path / "big.zip", {f"m{i}.txt": os.urandom(3000) for i in range(5)})
    refused(one(path, Limits(max_total_bytes=10_000)), "expands to more than 10000 bytes")


def test_zip_overlapping_entries(tmp_path):
    """Two central-directory entries pointing at the same local file (a non-recursive bomb)."""
    path = make_zip(tmp_path / "overlap.zip", {"a.txt": ARTICLE, "b.txt": ARTICLE})
    data = bytearray(path.read_bytes())
    cd = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)  # second central entry
    data[cd + 42 : cd + 46] = (0).to_bytes(4, "little")  # its local header offset -> 0
    path.write_bytes(bytes(data))
    refused(one(path), "overlap.zip", "overlapping")


def test_truncated_zip(tmp_path):
    path = make_zip(tmp_path / "cut.zip", files(manifest()))
    data = path.read_bytes()
    for cut in (len(data) // 2, len(data) - 10, 10):
        path.write_bytes(data[:cut])
        refused(one(path), "cut.zip", "not a readable zip")


def test_corrupt_zip_member(tmp_path):
    path = make_zip(tmp_path / "bad.zip", {"a.txt": ARTICLE * 20})
    data = bytearray(path.read_bytes())
    data[60] ^= 0xFF  # inside the compressed data of the only member
    path.write_bytes(bytes(data))
    refused(one(path), "bad.zip", "corrupt zip")


def test_not_a_zip_at_all(tmp_path):
    (tmp_path / "fake.zip").write_bytes(ARTICLE)
    refused(one(tmp_path / "fake.zip"), "not a readable zip")


def test_nested_archive_is_reported_not_imported(tmp_path):
    inner = make_zip(tmp_path / "inner.zip", files(manifest())).read_bytes()
    path = make_zip(tmp_path / "outer.zip", files(manifest(), **{"inner.zip": inner, "x.tar.gz": b"..."}))
    docs, errors = read_all(one(path))
    assert sorted(d.name for d in docs) == ["a.txt", "pages/b.html"]
    r = reasons(errors)
    assert set(r) == {"inner.zip", "x.tar.gz"}
    assert all("archive inside a bundle" in v for v in r.values())


def _gbk_zip(path: Path, names: list[str]) -> Path:
    """A zip whose names are GBK bytes without the UTF-8 flag, as Windows zip tools write."""
    placeholders = {}
    with zipfile.ZipFile(path, "w") as zf:
        for i, name in enumerate(names):
            raw = name.encode("gbk")
            ph = (f"{i:02d}" + "X" * len(raw))[: len(raw)].encode()
            assert len(ph) == len(raw)
            placeholders[ph] = raw
            zf.writestr(ph.decode(), ARTICLE)
    data = path.read_bytes()
    for ph, raw in placeholders.items():
        data = data.replace(ph, raw)
    path.write_bytes(data)
    return path


def test_gbk_zip_member_names(tmp_path):
    path = _gbk_zip(tmp_path / "gbk.zip", ["新闻/江门新闻.txt", "报道.html"])
    docs, errors = read_all(one(path))
    assert errors == []
    assert sorted(d.name for d in docs) == ["报道.html", "新闻/江门新闻.txt"]


def test_utf8_zip_member_names(tmp_path):
    docs, errors = read_all(one(make_zip(tmp_path / "u.zip", {"新聞/江門.txt": ARTICLE, "頭條.txt": ARTICLE})))
    assert [d.name for d in docs] == ["新聞/江門.txt", "頭條.txt"]


def test_single_top_folder_is_the_bundle_root(tmp_path):
    docs, _ = read_all(one(make_zip(tmp_path / "u.zip", {"新聞/江門.txt": ARTICLE})))
    assert [d.name for d in docs] == ["江門.txt"]


def test_zip_duplicate_member_names(tmp_path):
    path = make_zip(tmp_path / "dup.zip", {"a.txt": ARTICLE})
    with pytest.warns(UserWarning):
        with zipfile.ZipFile(path, "a") as zf:
            zf.writestr("a.txt", b"second copy")
    docs, errors = read_all(one(path))
    assert [d.data for d in docs] == [ARTICLE]
    assert "duplicate member name" in reasons(errors)["a.txt"]


# ---- hostile tars -----------------------------------------------------------------------------


def _special_tar(path: Path, mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as tf:
        for name, data in files(manifest()).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        for name, kind, link in [("sym.txt", tarfile.SYMTYPE, "/etc/passwd"),
                                 ("hard.txt", tarfile.LNKTYPE, "a.txt"),
                                 ("dev.txt", tarfile.CHRTYPE, ""),
                                 ("blk.txt", tarfile.BLKTYPE, ""),
                                 ("fifo.txt", tarfile.FIFOTYPE, "")]:
            info = tarfile.TarInfo(name)
            info.type = kind
            info.linkname = link
            tf.addfile(info)
        for name in ("../../evil.txt", "/abs/evil.txt"):
            info = tarfile.TarInfo(name)
            info.size = len(ARTICLE)
            tf.addfile(info, io.BytesIO(ARTICLE))
    return path


def test_tar_links_devices_and_traversal_skipped(tmp_path):
    docs, errors = read_all(one(_special_tar(tmp_path / "evil.tar.gz")))
    assert sorted(d.name for d in docs) == ["a.txt", "pages/b.html"]
    r = reasons(errors)
    assert "symbolic link to '/etc/passwd': not followed" in r["sym.txt"]
    assert "hard link to 'a.txt': not followed" in r["hard.txt"]
    assert r["dev.txt"] == r["blk.txt"] == "device file: skipped"
    assert r["fifo.txt"] == "named pipe: skipped"
    assert "unsafe path" in r["../../evil.txt"] and "unsafe path" in r["/abs/evil.txt"]
    assert not (tmp_path.parent.parent / "evil.txt").exists()


@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.8, 0.95])
def test_truncated_tar_gz_refused_before_any_document(tmp_path, fraction):
    content = {f"m{i}.txt": os.urandom(2000) + ARTICLE for i in range(8)}
    path = make_tar(tmp_path / "cut.tar.gz", content, "w:gz")
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])
    src = one(path)
    refused(src, "cut.tar.gz", "tar")
    # documents() on a fresh source raises before yielding anything
    fresh = one(path)
    it = fresh.documents()
    with pytest.raises(BundleError):
        next(it)


def test_tar_gz_missing_last_bytes(tmp_path):
    path = make_tar(tmp_path / "cut.tgz", files(manifest()), "w:gz")
    data = path.read_bytes()
    for cut in (1, 4, 8):  # only the gzip trailer (CRC, length) goes missing
        path.write_bytes(data[:-cut])
        refused(one(path), "cut.tgz")


def test_tar_gz_corrupt_crc(tmp_path):
    path = make_tar(tmp_path / "crc.tar.gz", files(manifest()), "w:gz")
    data = bytearray(path.read_bytes())
    data[-6] ^= 0xFF  # the CRC32 in the gzip trailer
    path.write_bytes(bytes(data))
    refused(one(path), "crc.tar.gz")


@pytest.mark.parametrize("cut", [512 + 100, 1024 + 512 + 200, -1024, -1100])
def test_truncated_plain_tar(tmp_path, cut):
    path = make_tar(tmp_path / "cut.tar", {"a.txt": ARTICLE, "b.txt": ARTICLE, "c.txt": ARTICLE})
    data = path.read_bytes()
    # drop the padding zero records so that the cut falls in real data
    end = len(data.rstrip(b"\0"))
    end += (-end) % 512
    trimmed = data[:end]
    path.write_bytes(trimmed[:cut] if cut > 0 else trimmed[: len(trimmed) + cut])
    refused(one(path), "cut.tar")


def test_tar_not_an_archive(tmp_path):
    (tmp_path / "fake.tar.gz").write_bytes(b"\x1f\x8b" + b"garbage" * 10)
    refused(one(tmp_path / "fake.tar.gz"), "fake.tar.gz")
    (tmp_path / "fake.tar").write_bytes(ARTICLE)
    refused(one(tmp_path / "fake.tar"), "fake.tar")


def test_tar_bomb_ratio_refused_before_decompressing(tmp_path):
    path = tmp_path / "bomb.tar.gz"
    with tarfile.open(path, "w:gz") as tf:
        info = tarfile.TarInfo("zeros.txt")
        info.size = 30 * 1024 * 1024
        tf.addfile(info, io.BytesIO(b"\0" * info.size))
    assert path.stat().st_size < 200_000
    refused(one(path), "bomb.tar.gz", "compression ratio")


def test_tar_too_many_members(tmp_path):
    path = make_tar(tmp_path / "many.tar", {f"m{i}.txt": ARTICLE for i in range(30)})
    refused(one(path, Limits(max_members=20)), "more than 20 members")


def test_tar_member_too_large_is_skipped(tmp_path):
    path = make_tar(tmp_path / "b.tar.gz", files(manifest(), **{"big.txt": os.urandom(6000)}), "w:gz")
    docs, errors = read_all(one(path, Limits(max_file_bytes=5000)))
    assert len(docs) == 2
    assert reasons(errors)["big.txt"].startswith("file too large")


def test_gbk_tar_member_names(tmp_path):
    path = make_tar(tmp_path / "gbk.tar", {"新闻/江门新闻.txt": ARTICLE, "报道.txt": ARTICLE}, "w",
                    format=tarfile.GNU_FORMAT, encoding="gbk")
    assert "新闻".encode("gbk") in path.read_bytes()
    docs, errors = read_all(one(path))
    assert sorted(d.name for d in docs) == ["报道.txt", "新闻/江门新闻.txt"] and errors == []


def test_nested_archive_in_tar(tmp_path):
    inner = make_tar(tmp_path / "in.tar.gz", files(), "w:gz").read_bytes()
    path = make_tar(tmp_path / "out.tar", {"a.txt": ARTICLE, "in.tar.gz": inner})
    docs, errors = read_all(one(path))
    assert [d.name for d in docs] == ["a.txt"]
    assert "archive inside a bundle" in reasons(errors)["in.tar.gz"]


def test_gzip_single_file_named_tar_gz(tmp_path):
    (tmp_path / "x.tar.gz").write_bytes(gzip.compress(ARTICLE * 10))
    refused(one(tmp_path / "x.tar.gz"), "x.tar.gz")


def test_messages_are_one_line_and_name_the_bundle(tmp_path):
    bad = [make_zip(tmp_path / "m.zip", files(manifest(version="3.1")))]
    (tmp_path / "t.tgz").write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 20)
    bad.append(tmp_path / "t.tgz")
    for p in bad:
        with pytest.raises(BundleError) as info:
            one(p).check()
        assert str(p) in str(info.value) and "\n" not in str(info.value)


def test_document_count_matches_documents(tmp_path):
    m = manifest()
    m["articles"].append({"path": "gone.txt"})
    src = one(make_zip(tmp_path / "b.zip", files(m, **{"x.exe": b"MZ", "c.txt": ARTICLE})))
    assert src.document_count == len(list(src.documents())) == 5


@pytest.mark.parametrize("kind", [tarfile.XHDTYPE, tarfile.GNUTYPE_LONGNAME])
def test_tar_huge_pax_or_longname_header_refused(tmp_path, kind):
    """tarfile loads pax / GNU long-name headers whole: their size is capped before it does."""
    path = tmp_path / "hdr.tar.gz"
    with tarfile.open(path, "w:gz", format=tarfile.GNU_FORMAT) as tf:
        info = tarfile.TarInfo("hdr")
        info.type = kind
        info.size = 5 * 1024 * 1024
        tf.addfile(info, io.BytesIO(b"\0" * info.size))
        info = tarfile.TarInfo("a.txt")
        info.size = len(ARTICLE)
        tf.addfile(info, io.BytesIO(ARTICLE))
    refused(one(path, Limits(max_file_bytes=1024 * 1024, max_feed_bytes=1024 * 1024)), "hdr.tar.gz")


def test_zip_entry_overlapping_central_directory(tmp_path):
    path = make_zip(tmp_path / "ov.zip", {"a.txt": ARTICLE})
    data = bytearray(path.read_bytes())
    cd = data.index(b"PK\x01\x02")
    size = int.from_bytes(data[cd + 20 : cd + 24], "little")
    data[cd + 20 : cd + 24] = (size + 10_000).to_bytes(4, "little")  # claims to run past the directory
    path.write_bytes(bytes(data))
    refused(one(path), "ov.zip")


# ---- fuzz: broken archives never raise anything but BundleError -------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _valid_archives(tmp_path: Path) -> dict[str, bytes]:
    content = files(manifest())
    return {
        "zip": make_zip(tmp_path / "v.zip", content).read_bytes(),
        "tar": make_tar(tmp_path / "v.tar", content).read_bytes(),
        "tar.gz": make_tar(tmp_path / "v.tar.gz", content, "w:gz").read_bytes(),
        "tar.xz": make_tar(tmp_path / "v.tar.xz", content, "w:xz").read_bytes(),
    }


def _only_project_errors(path: Path) -> None:
    for src in iter_bundles([path]):
        try:
            src.check()
            for item in src.documents():
                assert isinstance(item, (RawDocument, DocumentError))
                assert "\n" not in str(item) if isinstance(item, DocumentError) else True
        except BundleError as exc:
            assert "\n" not in str(exc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(suffix=st.sampled_from(["zip", "tar", "tar.gz", "tar.xz"]),
       edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=6),
       cut=st.one_of(st.none(), st.floats(0, 1)))
def test_mutated_archives_raise_only_bundle_errors(tmp_path, suffix, edits, cut):
    data = bytearray(_valid_archives(tmp_path)[suffix])
    for where, value in edits:
        data[int(where * len(data))] = value
    if cut is not None:
        data = data[: int(cut * len(data))]
    path = tmp_path / f"m.{suffix}"
    path.write_bytes(bytes(data))
    _only_project_errors(path)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(suffix=st.sampled_from(["zip", "tar", "tgz", "tar.bz2"]), data=st.binary(max_size=2048))
def test_arbitrary_bytes_as_archives(tmp_path, suffix, data):
    path = tmp_path / f"r.{suffix}"
    path.write_bytes(data)
    _only_project_errors(path)


def test_zip_unicode_path_extra_field(tmp_path):
    """Info-ZIP tools store a legacy name plus the UTF-8 name in extra field 0x7075."""
    import zlib

    legacy = b"XXXX.txt"
    utf8 = "新聞.txt".encode("utf-8")
    extra = (0x7075).to_bytes(2, "little") + (5 + len(utf8)).to_bytes(2, "little")
    extra += b"\x01" + zlib.crc32(legacy).to_bytes(4, "little") + utf8
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as zf:
        info = zipfile.ZipInfo(legacy.decode())
        info.extra = extra
        zf.writestr(info, ARTICLE)
        zf.writestr("other.txt", ARTICLE)
    docs, errors = read_all(one(path))
    assert sorted(d.name for d in docs) == ["other.txt", "新聞.txt"]


def test_many_nested_manifests_do_not_pile_up(tmp_path):
    content = {f"d{i}/manifest.json": b"{}" for i in range(50)}
    content.update(files(manifest()))
    src = one(make_zip(tmp_path / "b.zip", content))
    assert src.manifest is not None and src.manifest.title == "測試"
    docs, errors = read_all(src)
    assert sorted(d.name for d in docs) == ["a.txt", "pages/b.html"] and errors == []


def test_oversized_manifest_in_top_folder(tmp_path):
    big = b'{"format": "offline-news-bundle", "version": "1.0", "pad": "' + b"x" * 3000 + b'"}'
    src = one(make_zip(tmp_path / "b.zip", {"top/manifest.json": big, "top/a.txt": ARTICLE}),
              Limits(max_manifest_bytes=1000))
    refused(src, "too large")


def test_member_names_with_control_or_bidi_characters(tmp_path):
    path = make_zip(tmp_path / "c.zip", {"a\nb.txt": ARTICLE, "\u202etxt.exe.txt": ARTICLE, "ok.txt": ARTICLE})
    docs, errors = read_all(one(path))
    assert [d.name for d in docs] == ["ok.txt"]
    assert sorted(e.name for e in errors) == ["\\u202etxt.exe.txt", "a\\x0ab.txt"]
    assert all("\n" not in str(e) and "\u202e" not in str(e) for e in errors)
    root = make_folder(tmp_path / "f", {"x\ny.txt": ARTICLE, "ok.txt": ARTICLE})
    docs, errors = read_all(one(root))
    assert [d.name for d in docs] == ["ok.txt"] and [e.name for e in errors] == ["x\\x0ay.txt"]


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
_article = st.fixed_dictionaries(
    {},
    optional={k: _json | st.text(max_size=12) for k in
              ("path", "id", "url", "title", "published", "authors", "encoding", "language", "source")},
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(top=st.dictionaries(st.sampled_from(["title", "publisher", "language", "created", "version", "x"]),
                           _json, max_size=4),
       articles=st.one_of(_json, st.lists(_article, max_size=4)))
def test_arbitrary_manifests_raise_only_bundle_errors(tmp_path, top, articles):
    m = {"format": "offline-news-bundle", "version": "1.0", **top, "articles": articles}
    root = tmp_path / "fuzz"
    root.mkdir(exist_ok=True)
    (root / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    (root / "a.txt").write_bytes(ARTICLE)
    _only_project_errors(root)


def test_every_limit_is_documented():
    import dataclasses

    doc = (REPO / "docs" / "bundle-format.md").read_text(encoding="utf-8")
    for f in dataclasses.fields(Limits):
        assert f"`{f.name}`" in doc, f.name
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_LIMITS.max_members = 1  # type: ignore[misc]


def test_feeds_have_their_own_size_limit(tmp_path):
    root = make_folder(tmp_path / "b", {"big.txt": b"a" * 3000, "feed.jsonl": b'{"title": "t"}\n' * 200,
                                         "huge.jsonl": b'{"title": "t"}\n' * 2000})
    docs, errors = read_all(one(root, Limits(max_file_bytes=2000, max_feed_bytes=10_000)))
    assert [d.name for d in docs] == [f"feed.jsonl#line {n}" for n in range(1, 201)]
    r = reasons(errors)
    assert r["big.txt"] == "file too large (3000 bytes, limit 2000)"
    assert r["huge.jsonl"] == "file too large (30000 bytes, limit 10000)"


def test_single_file_too_large(tmp_path):
    (tmp_path / "x.html").write_bytes(b"<p>x</p>" * 1000)
    docs, errors = read_all(one(tmp_path / "x.html", Limits(max_file_bytes=100)))
    assert docs == [] and reasons(errors) == {"x.html": "file too large (8000 bytes, limit 100)"}


def test_too_deep_member_path(tmp_path):
    deep = "/".join(["d"] * 40) + "/a.txt"
    docs, errors = read_all(one(make_zip(tmp_path / "deep.zip", {deep: ARTICLE, "ok.txt": ARTICLE})))
    assert [d.name for d in docs] == ["ok.txt"]
    assert reasons(errors) == {deep: "path too long or too deep"}


def test_reading_hostile_archives_writes_nothing(tmp_path):
    archives = tmp_path / "in"
    archives.mkdir()
    _special_tar(archives / "evil.tar.gz")
    path = make_zip(archives / "evil.zip", files(manifest(), **{"..__..__..__evil.txt": ARTICLE}))
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("/tmp/evil-abs.txt", ARTICLE)
    before = sorted(p for p in tmp_path.parent.rglob("*"))
    for src in iter_bundles([archives]):
        read_all(src)
    assert sorted(p for p in tmp_path.parent.rglob("*")) == before
    assert not Path("/tmp/evil-abs.txt").exists()


def test_a_container_named_on_the_command_line_is_known_by_its_first_bytes(tmp_path):
    """A zip saved without its suffix, a tar renamed .bin: the registry sniffs what names miss."""
    content = files(manifest())
    zipped = make_zip(tmp_path / "download", content)
    tarred = make_tar(tmp_path / "bundle.bin", content)
    assert (one(zipped).kind, one(tarred).kind) == ("zip", "tar")
    assert sorted(d.name for d in read_all(one(zipped))[0]) == sorted(d.name for d in read_all(one(tarred))[0]) == ["a.txt", "pages/b.html"]
    (tmp_path / "notes.bin").write_bytes(b"plain bytes, no container")
    refused(one(tmp_path / "notes.bin"), "unsupported type '.bin'")


def test_every_format_in_the_registry_has_a_reader_and_a_unique_name():
    from reader.bundle import formats

    names = [f.name for f in (*formats.FILE_FORMATS, formats.FOLDER, formats.LOOSE)]
    assert len(names) == len(set(names)) and all(callable(f.members) for f in formats.BY_NAME.values())
    assert formats.by_file_name("x.TAR.GZ").name == "tar" and formats.by_file_name("x.jpg") is None


def test_a_zip_based_document_is_not_taken_for_a_bundle(tmp_path):
    """A .docx is a zip, but not a bundle of articles: refused by name, as before (an EPUB is a
    container of its own: tests/test_epub.py)."""
    book = make_zip(tmp_path / "book.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<p>x</p>"})
    refused(one(book), "unsupported type '.docx'")
