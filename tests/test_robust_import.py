"""Hostile and broken bundles through the real entry point, ``python -m reader import``.

The bundle-reader level (tests/test_bundle.py) proves each hostile archive and manifest is
refused or skipped; here the whole command is run in a subprocess with a deadline and we check
what the user and the library see:

- a refused bundle: exit 1, one line naming the file and the reason, no traceback, and the
  library's rows are exactly what they were (read state, bookmarks and settings included);
- a bundle with some bad files: the good ones import, each bad one is listed on one line,
  exit 1; importing it again is a no-op that says so (exit 0);
- every case finishes well within its deadline.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from test_robust_support import REPO, assert_clean_stderr, dump_rows, run_reader, write_bundle, write_manifest

DEADLINE = 60  # seconds for one command; each normally takes about one


def _tar_gz(folder: Path, out: Path) -> Path:
    with tarfile.open(out, "w:gz") as tar:
        tar.add(folder, arcname=folder.name)
    return out


def _zip(folder: Path, out: Path) -> Path:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    return out


@pytest.fixture(scope="module")
def _library_template(tmp_path_factory) -> Path:
    """A library holding one bundle, with some read state, a bookmark and a setting (built once)."""
    tmp = tmp_path_factory.mktemp("robust-import-template")
    db = tmp / "library.db"
    write_bundle(tmp / "first", 6, seed=1)
    proc = run_reader(db, "import", "--quiet", str(tmp / "first"), timeout=DEADLINE)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    from reader.library import Library

    with Library.open(db) as lib:
        ids = lib.article_ids()
        assert len(ids) == 6
        lib.set_read(ids[0])
        lib.set_bookmarked(ids[1])
        lib.set_setting("tui.last_article", ids[0])
    assert not Path(f"{db}-wal").exists()  # closed cleanly: the one file is the whole library
    return db


@pytest.fixture
def library(tmp_path, _library_template) -> Path:
    db = tmp_path / "library.db"
    shutil.copyfile(_library_template, db)
    return db


def _output_lines(proc) -> list[str]:
    return [line for line in proc.stdout.decode("utf-8").splitlines() if line.strip()]


def _failed_lines(proc) -> list[str]:
    return [line for line in _output_lines(proc) if line.startswith("failed:")]


# ---- whole bundles refused: nothing changes -------------------------------------------------


def _truncated_tar_gz(tmp_path: Path) -> tuple[Path, str]:
    write_bundle(tmp_path / "src", 20, seed=7)
    whole = _tar_gz(tmp_path / "src", tmp_path / "whole.tar.gz").read_bytes()
    path = tmp_path / "cut.tar.gz"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    return path, "truncated"


def _truncated_tar_gz_after_first_members(tmp_path: Path) -> tuple[Path, str]:
    # Uncompressed-looking large bundle cut near its end: the first members read fine, so the
    # importer must not keep them.
    write_bundle(tmp_path / "src", 60, seed=8)
    whole = _tar_gz(tmp_path / "src", tmp_path / "whole.tar.gz").read_bytes()
    path = tmp_path / "almost.tar.gz"
    path.write_bytes(whole[:-30])
    return path, "tar"


def _truncated_zip(tmp_path: Path) -> tuple[Path, str]:
    write_bundle(tmp_path / "src", 20, seed=9)
    whole = _zip(tmp_path / "src", tmp_path / "whole.zip").read_bytes()
    path = tmp_path / "cut.zip"
    path.write_bytes(whole[: len(whole) // 2])
    return path, "zip"


def _bad_manifest_json(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "badjson"
    write_bundle(folder, 5, seed=10)
    (folder / "manifest.json").write_text('{"format": "offline-news-bundle", "version": ', encoding="utf-8")
    return folder, "invalid JSON"


def _manifest_wrong_type(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "wrongtype"
    write_bundle(folder, 5, seed=11)
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    data["articles"][0]["authors"] = "某人"
    (folder / "manifest.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder, "authors"


def _unknown_major_version(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "v2"
    write_bundle(folder, 5, seed=12)
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    data["version"] = "2.0"
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    return _tar_gz(folder, tmp_path / "v2.tar.gz"), "version"


def _duplicate_urls_in_manifest(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "dupurl"
    write_bundle(folder, 5, seed=13)
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    data["articles"][1]["url"] = data["articles"][0]["url"]
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    return _zip(folder, tmp_path / "dupurl.zip"), "url"


def _gzip_bomb_tar(tmp_path: Path) -> tuple[Path, str]:
    # a tar.gz whose single member would expand to 3 GiB; its declared size refuses it first
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        info = tarfile.TarInfo("manifest.json")
        body = json.dumps({"format": "offline-news-bundle", "version": "1.0", "articles": []}).encode()
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    raw = buf.getvalue()[:-1024]  # drop the end-of-archive blocks, then add a huge member
    zeros = b"\0" * (1 << 20)
    path = tmp_path / "bomb.tar.gz"
    with gzip.open(path, "wb", compresslevel=9) as gz:
        gz.write(raw)
        header = tarfile.TarInfo("articles/zero.txt")
        header.size = 3 << 30
        gz.write(header.tobuf(format=tarfile.GNU_FORMAT))
        for _ in range(64):  # 64 MiB of zeros: compresses ~1000x
            gz.write(zeros)
    return path, ""


REFUSED = [
    _truncated_tar_gz,
    _truncated_tar_gz_after_first_members,
    _truncated_zip,
    _bad_manifest_json,
    _manifest_wrong_type,
    _unknown_major_version,
    _duplicate_urls_in_manifest,
    _gzip_bomb_tar,
]


@pytest.mark.parametrize("make", REFUSED, ids=[f.__name__.lstrip("_") for f in REFUSED])
def test_refused_bundle_leaves_library_exactly_as_it_was(tmp_path, library, make):
    path, reason_word = make(tmp_path)
    before = dump_rows(library)
    proc = run_reader(library, "import", "--quiet", str(path), timeout=DEADLINE)
    assert_clean_stderr(proc)
    assert proc.returncode == 1, _output_lines(proc)
    failed = _failed_lines(proc)
    assert len(failed) == 1, _output_lines(proc)
    assert str(path) in failed[0]
    assert reason_word.lower() in failed[0].lower(), failed[0]
    assert "imported 0," in proc.stdout.decode()
    assert dump_rows(library) == before


def test_refused_bundle_with_json_report(tmp_path, library):
    path, _ = _truncated_tar_gz(tmp_path)
    before = dump_rows(library)
    proc = run_reader(library, "import", "--json", str(path), timeout=DEADLINE)
    assert_clean_stderr(proc, lines=0)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["imported"] == 0 and report["bundles"] == []
    assert [f["file"] for f in report["failed"]] == [str(path)]
    assert dump_rows(library) == before


def test_one_refused_bundle_among_good_ones(tmp_path, library):
    """Good bundles on either side of a refused one still import; only the bad one is listed."""
    write_bundle(tmp_path / "good1", 4, seed=21)
    write_bundle(tmp_path / "good2", 4, seed=22)
    bad, _ = _bad_manifest_json(tmp_path)
    missing = tmp_path / "no-such-bundle"
    proc = run_reader(
        library, "import", "--quiet", str(tmp_path / "good1"), str(bad), str(missing), str(tmp_path / "good2"),
        timeout=DEADLINE,
    )
    assert_clean_stderr(proc)
    assert proc.returncode == 1
    failed = _failed_lines(proc)
    assert len(failed) == 2, failed
    assert str(bad) in failed[0] and str(missing) in failed[1]
    assert "imported 8," in proc.stdout.decode()


def test_library_file_that_is_not_a_database(tmp_path):
    """A damaged library: one line on stderr, exit 1, and the file is not touched."""
    db = tmp_path / "library.db"
    garbage = b"this is not an SQLite database\n" * 200
    db.write_bytes(garbage)
    write_bundle(tmp_path / "b", 3, seed=30)
    proc = run_reader(db, "import", "--quiet", str(tmp_path / "b"), timeout=DEADLINE)
    err = assert_clean_stderr(proc, lines=1)
    assert proc.returncode == 1
    assert str(db) in err and "doctor" in err
    assert db.read_bytes() == garbage
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0


# ---- bundles with some bad files: the good ones import ----------------------------------------


def _partly_bad_bundle(folder: Path) -> dict[str, str]:
    """Five good text articles, a feed with one good and one bad record, and bad files.

    Returns {bad file: word expected in its reason}.
    """
    write_bundle(folder, 5, seed=40, manifest=False)
    art = folder / "articles"
    (art / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    (art / "empty.txt").write_bytes(b"")
    (art / "blank.html").write_bytes(b"   \n\n  \t\n")
    (art / "nul.html").write_bytes(b"<p>" + b"\x00" * 2000 + b"</p>")
    (art / "broken.jsonl").write_text('{"title": "好", "body": "正文"}\n{not json\n', encoding="utf-8")
    (art / "nobody.json").write_text('{"title": "只有标题"}', encoding="utf-8")
    write_manifest(
        folder,
        [{"path": f"articles/{n:06d}.txt"} for n in range(5)] + [{"path": "articles/listed-but-missing.txt"}],
        title="部分损坏",
    )
    return {
        "articles/binary.txt": "binary",
        "articles/empty.txt": "empty",
        "articles/blank.html": "white space",
        "articles/nul.html": "binary",
        "articles/broken.jsonl": "json",
        "articles/nobody.json": "body",
        "articles/listed-but-missing.txt": "manifest",
    }


@pytest.mark.parametrize("packaging", ["folder", "zip", "tar.gz"])
def test_bad_files_are_listed_good_ones_imported_and_reimport_is_a_no_op(tmp_path, library, packaging):
    folder = tmp_path / "partly"
    bad = _partly_bad_bundle(folder)
    path = {"folder": lambda: folder, "zip": lambda: _zip(folder, tmp_path / "partly.zip"),
            "tar.gz": lambda: _tar_gz(folder, tmp_path / "partly.tar.gz")}[packaging]()
    proc = run_reader(library, "import", "--quiet", str(path), timeout=DEADLINE)
    assert_clean_stderr(proc, lines=0)
    assert proc.returncode == 1
    out = proc.stdout.decode()
    assert "imported 6, duplicates 0, failed 7" in out, out
    failed = _failed_lines(proc)
    assert len(failed) == len(bad), failed
    for name, word in bad.items():
        lines = [line for line in failed if name in line]
        assert len(lines) == 1, (name, failed)
        assert str(path) in lines[0]
        assert word in lines[0].lower(), lines[0]

    from reader.library import Library

    with Library.open(library) as lib:
        assert len(lib.article_ids()) == 12
        assert lib.stats()["failed_documents"] >= 3  # bytes kept, so `reader reindex` can retry
        assert lib.check() == []
    before = dump_rows(library)
    again = run_reader(library, "import", "--quiet", str(path), timeout=DEADLINE)
    assert_clean_stderr(again, lines=0)
    assert again.returncode == 0
    assert _output_lines(again) == [
        f"already imported, nothing to do: {path}",
        "imported 0, duplicates 0, failed 0",
    ]
    assert dump_rows(library) == before


def test_jsonl_with_one_bad_line_keeps_its_good_records(tmp_path, library):
    folder = tmp_path / "feed"
    folder.mkdir()
    good = [{"title": f"第{i}篇", "body": f"这是第{i}篇文章的正文，内容足够长，讲述了一件事情的经过。" * 2} for i in range(3)]
    lines = [json.dumps(good[0], ensure_ascii=False), "{not json", json.dumps(good[1], ensure_ascii=False),
             '"a string, not an object"', json.dumps(good[2], ensure_ascii=False)]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_reader(library, "import", "--quiet", str(folder), timeout=DEADLINE)
    assert_clean_stderr(proc)
    assert proc.returncode == 1
    assert "imported 3," in proc.stdout.decode(), proc.stdout.decode()
    failed = _failed_lines(proc)
    assert any("line 2" in line for line in failed) and any("line 4" in line for line in failed), failed


# ---- size: one enormous line -------------------------------------------------------------------


def _one_line_article(path: Path, size: int) -> None:
    """A text article whose body is a single line of ``size`` bytes of (non-repeating) Chinese."""
    unit = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(9973)).encode("utf-8")
    with open(path, "wb") as fh:
        fh.write("一行很长的文章\n\n".encode("utf-8"))
        written = 0
        while written + len(unit) <= size:
            fh.write(unit)
            written += len(unit)
        fh.write(b"\n")


def test_50_mb_single_line_is_a_failed_file_and_the_rest_imports(tmp_path, library):
    folder = tmp_path / "huge"
    write_bundle(folder, 3, seed=50, manifest=False)
    _one_line_article(folder / "articles" / "huge.txt", 50 * 1024 * 1024)
    proc = run_reader(library, "import", "--quiet", str(folder), timeout=30)
    assert_clean_stderr(proc, lines=0)
    assert proc.returncode == 1
    assert "imported 3, duplicates 0, failed 1" in proc.stdout.decode()
    (line,) = _failed_lines(proc)
    assert "huge.txt" in line and "too large" in line


def test_largest_allowed_single_line_article_finishes_in_seconds(tmp_path, library):
    """A one-line article just under max_file_bytes (~10M characters) is imported or refused
    (max_article_chars), either way within seconds; it once took ~18 s and 1.2 GB."""
    from reader.limits import DEFAULT_LIMITS

    folder = tmp_path / "big"
    write_bundle(folder, 3, seed=51, manifest=False)
    _one_line_article(folder / "articles" / "big.txt", DEFAULT_LIMITS.max_file_bytes - 1024 * 1024)
    proc = run_reader(library, "import", "--quiet", str(folder), timeout=8)
    assert_clean_stderr(proc)
    out = proc.stdout.decode()
    assert "imported 4," in out or ("imported 3," in out and "big.txt" in out), out


# ---- nothing escapes the bundle ----------------------------------------------------------------


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_traversal_links_and_entities_neither_write_nor_read_outside_the_bundle(tmp_path, library):
    """Members named ../ or /abs, symlinks and hard links to /etc/passwd, XML entities (billion
    laughs, an external SYSTEM entity): reader writes nothing anywhere, reads nothing outside the
    bundle, expands nothing, and the good article still imports."""
    secret_marker = "root:x:0:0"
    def good(title: str) -> str:
        return (f"{title}：江门推动港澳合作\n\n2021年12月29日 来源:南方日报\n\n"
                f"\u3000\u3000这是{title}的一段足够长的正文内容，讲述了一件事情的经过和结果。\n")

    lol = "".join(f'<!ENTITY l{i} "' + (f"&l{i - 1};" if i else "lol") * 10 + '">' for i in range(10))
    laughs = (
        f'<?xml version="1.0"?><!DOCTYPE x [{lol}<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<html><body><h1>实体</h1><p>正文内容足够长的一段文字，讲述了一件事情。&l9;&xxe;</p></body></html>"
    )
    zpath = tmp_path / "evil.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("good.txt", good("好文章"))
        zf.writestr("laughs.html", laughs)
        zf.writestr("laughs.xhtml", laughs)
        zf.writestr("../../escaped.txt", good("逃逸一"))
        zf.writestr("/tmp/absolute-escape.txt", good("逃逸二"))
        link = zipfile.ZipInfo("passwd.txt")
        link.external_attr = (0o120777 << 16)  # a symbolic link member
        zf.writestr(link, "/etc/passwd")
    tpath = tmp_path / "evil.tar.gz"
    with tarfile.open(tpath, "w:gz") as tar:
        data = good("焦油包").encode()
        info = tarfile.TarInfo("good.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
        for name, kind in (("sym.txt", tarfile.SYMTYPE), ("hard.txt", tarfile.LNKTYPE)):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, "/etc/passwd"
            tar.addfile(info)
        info = tarfile.TarInfo("../../../tmp/tar-escape.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    folder = tmp_path / "linked"
    write_bundle(folder, 1, seed=60, manifest=False)
    (folder / "articles" / "passwd.txt").symlink_to("/etc/passwd")

    before = _tree(tmp_path.parent)
    proc = run_reader(library, "import", "--quiet", str(zpath), str(tpath), str(folder), timeout=DEADLINE)
    assert_clean_stderr(proc, lines=0)
    out = proc.stdout.decode()
    assert not (set(_tree(tmp_path.parent)) - before - {f"{tmp_path.name}/library.db-wal", f"{tmp_path.name}/library.db-shm"})
    assert not Path("/tmp/absolute-escape.txt").exists() and not Path("/tmp/tar-escape.txt").exists()
    assert not any((REPO / up / "escaped.txt").exists() for up in (".", "..", "../.."))  # reader's cwd
    for skipped in ("escaped.txt", "absolute-escape.txt", "passwd.txt", "sym.txt", "hard.txt", "tar-escape.txt"):
        assert skipped in out, (skipped, out)

    from reader.library import Library

    with Library.open(library) as lib:
        everything = [lib.get(i) for i in lib.article_ids()]
    bodies = "\n".join(a.title + "\n" + a.body for a in everything)
    assert secret_marker not in bodies
    assert "逃逸" not in bodies  # traversal members are skipped, not imported under another name
    assert "好文章" in bodies and "焦油包" in bodies, (out, [a.title for a in everything])
    laughs_bodies = [a.body for a in everything if "讲述了一件事情。" in a.body]
    assert len(laughs_bodies) == 1, out  # .html and .xhtml hold the same text: one article, one duplicate
    assert all(len(b) < 1000 and "lollol" not in b for b in laughs_bodies)


def test_fifos_devices_symlink_loops_and_deep_folders_do_not_hang(tmp_path, library):
    """Things that block or loop when read naively: a named pipe given as an article or archive
    (inside a bundle and on the command line), /dev/zero, symlinks pointing up the tree, folders
    nested 60 deep. Each is reported on its line and the command finishes in seconds."""
    import os

    root = tmp_path / "tricky"
    write_bundle(root / "ok", 2, seed=70)
    (root / "ok" / "articles" / "pipe.txt").parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(root / "ok" / "articles" / "pipe.txt")
    os.mkfifo(root / "pipe.zip")
    os.mkfifo(root / "loose-pipe.txt")
    (root / "loop").mkdir()
    (root / "loop" / "up").symlink_to("..")
    (root / "loop" / "self").symlink_to(".")
    deep = root.joinpath(*["d"] * 60)
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text("深处的标题在这里很长\n\n\u3000\u3000正文内容足够长的一段文字，讲述了一件事情。\n", encoding="utf-8")
    proc = run_reader(
        library, "import", "--quiet", str(root), str(root / "pipe.zip"), "/dev/zero", str(root / "loose-pipe.txt"),
        timeout=30,
    )
    assert_clean_stderr(proc, lines=0)
    assert proc.returncode == 1
    out = proc.stdout.decode()
    assert "imported 2," in out, out
    for word in ("pipe.zip", "/dev/zero", "loose-pipe.txt", "up", "self", "deeper"):
        assert word in out, (word, out)


def test_a_feed_of_100000_bad_records_gives_a_short_report(tmp_path, library):
    """A .jsonl whose every line is bad (max_jsonl_records of them) fails as one file, quickly,
    and its report line stays readable: not 100,000 reasons glued into one 10 MB line."""
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "bad.jsonl").write_text("{bad\n" * 100_000, encoding="utf-8")
    write_bundle(folder / "ok", 2, seed=90, manifest=False)
    proc = run_reader(library, "import", "--quiet", str(folder), timeout=30)
    assert_clean_stderr(proc, lines=0)
    assert proc.returncode == 1
    failed = _failed_lines(proc)
    assert len(failed) == 1 and "bad.jsonl" in failed[0], [line[:200] for line in failed]
    assert "line 1" in failed[0] and len(failed[0]) < 2000, (len(failed[0]), failed[0][:300])
