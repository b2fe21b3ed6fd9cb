"""The importer: bundle -> decode -> extract -> library, failures collected per file."""

from __future__ import annotations

import json

import pytest
from test_library_support import FakeBundle, dump, raw

from reader.errors import DocumentError
from reader.importer import ImportReport, import_paths, import_sources
from reader.library import Library


@pytest.fixture
def lib(tmp_path):
    library = Library.open(tmp_path / "lib.db")
    yield library
    library.close()


def _html(title: str, body: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>".encode()


def test_seed_page_imports_with_its_metadata(lib, seed_bytes):
    report = import_sources(lib, [FakeBundle("seed", "id-seed", [raw("seed.txt", seed_bytes)])])
    assert (report.imported, report.duplicates, report.failed, report.skipped) == (1, 0, [], [])
    [article_id] = lib.article_ids()
    got = lib.get(article_id)
    assert got.title == "江門推動港澳合作再上新臺階:一種源遠流長的親密合作"
    assert got.published.startswith("2021-12-29") and got.source == "南方日報"
    assert got.script == "traditional"
    assert any(b.kind == "subheading" and b.text == "以南組團為重點" for b in got.blocks)
    assert lib.search("以南组团")[0].summary.id == article_id
    # the original bytes are kept for reindex
    assert lib.stats()["original_bytes"] == len(seed_bytes)


def test_bad_documents_are_listed_and_the_rest_imported(lib, seed_bytes):
    items = [
        raw("good.txt", seed_bytes),
        raw("empty.txt", b""),
        raw("binary.html", bytes(range(256)) * 40, kind="html"),
        DocumentError("too-big.txt", "larger than the 64 MiB limit"),
    ]
    report = import_sources(lib, [FakeBundle("b", "id-b", items)])
    assert report.imported == 1
    failed = dict(report.failed)
    assert set(failed) == {"b: empty.txt", "b: binary.html", "b: too-big.txt"}
    assert all(reason for reason in failed.values())
    assert failed["b: too-big.txt"] == "larger than the 64 MiB limit"
    assert not report.ok
    # failed files with bytes are kept so that reindex can retry them
    assert lib.stats()["failed_documents"] == 2


def test_duplicates_are_counted_not_stored(lib, seed_bytes):
    from reader.script import convert

    simplified = convert(seed_bytes.decode("utf-8"), "tw2s").encode("gb18030")
    report = import_sources(
        lib,
        [
            FakeBundle("trad", "id-1", [raw("a.txt", seed_bytes)]),
            FakeBundle("simp", "id-2", [raw("b.txt", simplified)]),
        ],
    )
    assert (report.imported, report.duplicates) == (1, 1)
    assert len(lib.article_ids()) == 1


def test_bundle_error_midway_rolls_the_bundle_back(lib, seed_bytes):
    import_sources(lib, [FakeBundle("first", "id-1", [raw("a.html", _html("第一篇", "第一篇的正文，有足夠的長度來成為文章。" * 5), "html")])])
    before = dump(lib.path)
    items = [raw("seed.txt", seed_bytes), raw("b.html", _html("第二篇", "第二篇的正文。" * 10), "html"), raw("c.txt", b"x")]
    report = import_sources(lib, [FakeBundle("broken", "id-2", items, fail_after=2)])
    assert report.imported == 0 and report.failed == [("broken", "archive truncated")]
    assert dump(lib.path) == before
    # the next run imports it whole
    report = import_sources(lib, [FakeBundle("broken", "id-2", items[:2])])
    assert report.imported == 2 and not report.failed


def test_reimport_is_skipped_and_says_so(lib, seed_bytes):
    bundle = FakeBundle("seed", "id-seed", [raw("seed.txt", seed_bytes)])
    import_sources(lib, [bundle])
    before = dump(lib.path)
    report = import_sources(lib, [bundle])
    assert report.skipped == ["seed"] and report.imported == 0 and report.ok
    assert dump(lib.path) == before


def test_import_paths_reads_real_bundles(lib, tmp_path, seed_bytes):
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(seed_bytes)
    (folder / "page.html").write_bytes(_html("另一篇新聞", "香港科技大學與江門市政府簽訂全面戰略合作框架協議。" * 4))
    (folder / "manifest.json").write_text(
        json.dumps(
            {
                "format": "offline-news-bundle",
                "version": "1.0",
                "title": "測試包",
                "publisher": "測試社",
                "language": "zh-Hant",
                "articles": [{"path": "page.html", "url": "https://example.com/page", "published": "2022-03-04"}],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    progress = []
    report = import_paths(lib, [folder, tmp_path / "missing"], progress=lambda *a: progress.append(a))
    assert report.imported == 2, report
    assert [f for f, _ in report.failed] == [str(tmp_path / "missing")]
    assert progress and progress[-1][1] == progress[-1][2]  # done == total at the end
    [info] = lib.bundles()
    assert info.title == "測試包" and info.publisher == "測試社" and info.language == "zh-Hant"
    page = [s for s in lib.list_articles() if s.url == "https://example.com/page"]
    assert page and page[0].published.startswith("2022-03-04")
    again = import_paths(lib, [folder])
    assert again.skipped and again.imported == 0


def test_report_defaults():
    report = ImportReport()
    assert report.ok and report.failed == [] and report.skipped == []


def test_a_bundle_that_brings_no_new_article_is_not_recorded_so_a_retry_retries(lib, tmp_path, seed_bytes):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    for _ in range(2):
        report = import_paths(lib, [broken])
        assert (report.imported, report.skipped, len(report.failed)) == (0, [], 1)
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "seed.txt").write_bytes(seed_bytes)
    assert import_paths(lib, [tmp_path / "copy" / "seed.txt"]).imported == 1
    again = tmp_path / "again.txt"  # the same story under another name: a duplicate, nothing new
    again.write_bytes(seed_bytes + b"\n")
    assert (import_paths(lib, [again]).duplicates, import_paths(lib, [again]).duplicates) == (1, 1)
    assert [b.label for b in lib.bundles()] == [str(tmp_path / "copy" / "seed.txt")]
