"""Reading state that syncs (issue 13): two libraries exchange state files and end identical."""

from __future__ import annotations

import io
import json

import pytest
from test_library_support import add_bundle, article, run_reader, traditional

from reader.library import Library
from reader.library.sync import NotAStateFile

STORIES = [
    ("港澳合作再深化", "香港与澳门的合作不断深化，两地居民往来更加方便。", "https://news.example/1"),
    ("台风过境", "台风今晨登陆，沿海地区停课一天，交通受到影响。", "https://news.example/2"),
    ("侨乡新貌", "江门的侨乡村落正在以新的方式融入当地人的生活。", None),  # no URL: known by its text
    ("新的合作项目", "合作带来新的机会，也带来新的问题。", "https://news.example/4"),
]


def _library(path, script: str = "simplified", stories=STORIES) -> Library:
    lib = Library.open(path)
    conv = traditional if script == "traditional" else (lambda s: s)
    add_bundle(lib, f"bundle-{script}", [article(conv(t), conv(b), url=u) for t, b, u in stories])
    return lib


def _by_story(lib) -> dict[int, int]:
    """Story number -> article id in this library (titles may be in either script)."""
    from reader.script import normalise_for_search

    titles = {normalise_for_search(t): n for n, (t, _, _) in enumerate(STORIES)}
    return {titles[normalise_for_search(s.title)]: s.id for s in lib.list_articles(limit=None)}


def _state(lib) -> dict:
    """Everything the sync carries, per story, comparable across libraries and scripts."""
    from reader.script import normalise_for_search

    out = {}
    for n, aid in sorted(_by_story(lib).items()):
        art = lib.get(aid)
        pos = lib.position(aid)
        out[n] = {
            "read": art.read,
            "bookmarked": art.bookmarked,
            "tags": sorted(normalise_for_search(t) for t in art.tags),
            "highlights": sorted((normalise_for_search(h.exact), h.note, h.uid) for h in lib.highlights(aid)),
            "position": None if pos is None else (pos.offset, pos.fraction),
        }
    return out


def _exchange(source: Library, target: Library):
    out = io.StringIO()
    source.export_state(out)
    return target.import_state(io.BytesIO(out.getvalue().encode("utf-8")))


def _spot(lib, aid, passage):
    body = lib.get(aid).body
    from reader.script import normalise_for_search

    at = normalise_for_search(body).index(normalise_for_search(passage))
    return at, at + len(passage)


def test_two_libraries_that_diverge_end_identical(tmp_path):
    a = _library(tmp_path / "a.db", "simplified")
    b = _library(tmp_path / "b.db", "traditional")  # the same stories, imported in the other script
    ida, idb = _by_story(a), _by_story(b)
    a.mark([ida[0], ida[2]])
    a.tag([ida[1]], add=["台风"])
    a.set_position(ida[3], 10, 0.4)
    b.bookmark([idb[0]])
    b.tag([idb[2]], add=["侨乡", "to-read"])
    b.tag([idb[1]], add=["颱風"])  # the same tag as a's, in the other script
    a.add_highlight(ida[2], *_spot(a, ida[2], "侨乡村落"), note="a 的笔记")
    b.add_highlight(idb[2], *_spot(b, idb[2], "融入当地人的生活"))
    b.set_article_note(idb[2], "整篇")
    _exchange(a, b)
    _exchange(b, a)
    assert _state(a) == _state(b)
    state = _state(a)
    assert state[0]["read"] and state[0]["bookmarked"] and state[2]["read"]
    assert state[1]["tags"] == ["台风"] and state[2]["tags"] == ["to-read", "侨乡"]
    assert len(state[2]["highlights"]) == 3 and state[3]["position"] == (10, 0.4)
    again = _exchange(a, b)  # nothing new either way
    assert (again.applied, again.waiting, again.failed_count) == (0, 0, 0) and again.unchanged > 0
    assert _state(a) == _state(b)


def test_the_later_change_wins_and_tombstones_keep_removals(tmp_path):
    a, b = _library(tmp_path / "a.db"), _library(tmp_path / "b.db")
    ida, idb = _by_story(a), _by_story(b)
    a.tag([ida[0]], add=["x"])
    old = io.StringIO()
    a.export_state(old)
    b.import_state(io.BytesIO(old.getvalue().encode()))
    b.tag([idb[0]], remove=["x"])  # later, on the other machine
    b.mark([idb[1]])
    a.mark([ida[1]])
    a.mark([ida[1]], read=False)  # later still: unread wins
    _exchange(b, a)
    _exchange(a, b)
    assert a.get(ida[0]).tags == () and b.get(idb[0]).tags == ()
    assert not a.get(ida[1]).read and not b.get(idb[1]).read
    report = b.import_state(io.BytesIO(old.getvalue().encode()))  # the old "add" comes back: loses
    assert report.applied == 0 and b.get(idb[0]).tags == ()


def test_state_for_an_article_not_here_is_applied_when_it_arrives(tmp_path):
    a = _library(tmp_path / "a.db")
    b = _library(tmp_path / "b.db", stories=STORIES[:1])
    ida = _by_story(a)
    a.mark([ida[3]])
    a.tag([ida[3]], add=["合作"])
    a.set_position(ida[3], 5, 0.2)
    report = _exchange(a, b)
    assert report.waiting == 3 and report.applied == 0
    add_bundle(b, "later", [article(traditional(t), traditional(x), url=u) for t, x, u in STORIES[3:]])
    arrived = _by_story(b)[3]
    got = b.get(arrived)
    assert got.read and got.tags == ("合作",) and b.position(arrived).fraction == 0.2


def _file(tmp_path, lines) -> str:
    path = tmp_path / "state.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) if not isinstance(x, str) else x for x in lines) + "\n", "utf-8")
    return str(path)


def test_unknown_fields_are_kept_and_malformed_lines_fail_alone(tmp_path):
    lib = _library(tmp_path / "a.db")
    header = {"format": "reader-state", "version": 1, "exported_at": "2030-01-01T00:00:00+00:00", "future": True}
    t = "2030-01-01T00:00:00.000001+00:00"
    lines = [
        header,
        {"identity": "//news.example/1", "field": "rating", "value": 5, "changed_at": t},
        {"identity": "//news.example/1", "field": "read", "value": True, "changed_at": t, "device": "phone"},
        "{not json",
        {"identity": "//news.example/2", "field": "read", "changed_at": t},
        {"identity": "//news.example/2", "field": "bookmarked", "value": True, "changed_at": "yesterday"},
        {"identity": "//news.example/2", "field": "read", "value": "yes", "changed_at": t},
        {"identity": "//news.example/4", "field": "tag:x", "value": "x", "changed_at": t},
        {"identity": "//news.example/4", "field": "tag:red", "value": "red\u001b[31m", "changed_at": t},
    ]
    result = run_reader("state", "import", _file(tmp_path, lines), "--json", db=lib.path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert [f["line"] for f in report["failed"]] == [4, 5, 6, 7, 9]
    assert report["applied"] == 3  # rating kept (not applied but stored), read, tag
    ids = _by_story(lib)
    assert lib.get(ids[0]).read and lib.get(ids[3]).tags == ("x",) and not lib.get(ids[1]).read
    exported = run_reader("state", "export", "-", db=lib.path).stdout
    assert '"field": "rating"' in exported  # kept for a newer version to use


@pytest.mark.parametrize("content, fragment", [
    ("", "empty file"),
    ('{"format": "something-else"}\n', "not a reader state file"),
    ('{"format": "reader-state", "version": 99}\n', "newer than this reader"),
    ("\x00\x01binary", "not a reader state file"),
])
def test_a_file_that_is_not_a_state_file_is_refused_whole(tmp_path, content, fragment):
    lib = _library(tmp_path / "a.db")
    path = tmp_path / "bad.jsonl"
    path.write_text(content, "utf-8")
    result = run_reader("state", "import", str(path), db=lib.path)
    assert result.returncode == 1 and fragment in result.stderr and "Traceback" not in result.stderr
    assert lib.db.execute("SELECT count(*) FROM state_changes").fetchone()[0] == 0


def test_cli_round_trip_and_missing_file(tmp_path):
    a, b = _library(tmp_path / "a.db"), _library(tmp_path / "b.db")
    a.mark([_by_story(a)[1]])
    target = tmp_path / "sync" / "state.jsonl"
    target.parent.mkdir()
    assert run_reader("state", "export", str(target), db=a.path).returncode == 0
    result = run_reader("state", "import", str(target), db=b.path)
    assert result.returncode == 0 and "applied 1" in result.stdout
    assert b.get(_by_story(b)[1]).read
    missing = run_reader("state", "import", str(tmp_path / "nope.jsonl"), db=b.path)
    assert missing.returncode == 1 and "cannot read" in missing.stderr and "Traceback" not in missing.stderr
    with pytest.raises(NotAStateFile):
        b.import_state([b"[]"])
