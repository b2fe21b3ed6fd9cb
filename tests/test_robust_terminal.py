"""Terminal safety end to end: hostile article text goes in through ``reader import`` and comes
out of ``list``, ``show``, ``search``, ``export``, ``stats`` and the import report inert.

The hostile text carries CSI (colour, clear screen, alternate screen), OSC 52 (write the
clipboard), OSC 8 (hyperlinks), OSC 0 (window title), DCS, C1 controls (0x9b CSI, 0x9d OSC,
NEL), BEL/BS/CR/DEL, bidi overrides and isolates, and Rich markup. It arrives in a JSON article
(every field), a plain-text article, the manifest's hints and bundle title, and in file and
folder names. Checked on the raw stdout/stderr bytes: no control byte or bidi control at all
(plain output), escaped but exact data (JSON output), and the markup shown literally.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_robust_support import assert_clean_stderr, run_reader, write_manifest

E = "\x1b"
VECTORS = {
    "csi": E + "[31m紅" + E + "[0m" + E + "[2J" + E + "[?1049h" + E + "[1;1H",
    "osc52": E + "]52;c;ZWNobyBwd25lZA==\x07",
    "osc8": E + "]8;;https://evil.example/" + E + "\\点我" + E + "]8;;" + E + "\\",
    "osc0": E + "]0;pwned" + E + "\\",
    "dcs": E + "P+q544e\x1b\\",
    "c1": "\x9b31m\x9d0;t\x9c\x85\x90x\x9c",
    "bidi": "\u202eevil\u202c\u2066x\u2069\u200f\u061c",
    "ctl": "\x07\x08\r\x7f\x0b\x0c\x00",
}
MARKUP = "[bold red]粗[/] [@click=app.quit]退出[/] [link=https://evil.example]链接[/link]"
HOSTILE = "".join(VECTORS.values()) + MARKUP

_BIDI = {"\u200e", "\u200f", "\u061c", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


def _unsafe_chars(text: str) -> list[str]:
    bad = []
    for ch in text:
        code = ord(ch)
        if (code < 0x20 and ch not in "\n\t") or 0x7F <= code <= 0x9F or ch in _BIDI:
            bad.append(f"U+{code:04X}")
    return bad


def _assert_inert(raw: bytes, what: str) -> str:
    text = raw.decode("utf-8")  # strict: a stray C1 byte would not even be UTF-8
    bad = _unsafe_chars(text)
    assert not bad, (what, sorted(set(bad)), text[:400])
    return text


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("robust-terminal")
    bundle = tmp / ("bundle" + E + "[31m\u202e" + "[b]x")  # a hostile folder name
    bundle.mkdir()
    record = {
        "title": "恶意标题" + HOSTILE,
        "body": "第一段正文内容足够长的一段文字。" + HOSTILE + "\n第二段也有内容" + MARKUP + "，继续讲述。",
        "source": "来源" + HOSTILE,
        "url": "https://example.com/a" + VECTORS["csi"] + VECTORS["osc8"],
        "authors": ["作者" + HOSTILE],
        "editor": "编辑" + HOSTILE,
        "breadcrumb": ["首页" + HOSTILE, "新闻"],
        "published": "2021-12-29",
    }
    (bundle / "evil.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    # a scraped text page: enough ordinary text that it is not taken for a binary file
    filler = "\u3000\u3000文本正文内容足够长的一段文字，讲述了一件事情的经过和结果。" * 8
    page = (
        "文本标题" + MARKUP + VECTORS["osc52"] + VECTORS["bidi"] + "\n\n"
        + "2021年12月28日 来源:南方" + VECTORS["csi"] + "\n\n"
        + filler + VECTORS["osc8"] + VECTORS["c1"] + MARKUP + "\n\n" + filler + "\n"
    )
    (bundle / "evil.txt").write_text(page, encoding="utf-8")
    (bundle / ("empty" + VECTORS["osc0"] + "\u202e.txt")).write_bytes(b"")  # fails: a hostile file name
    write_manifest(
        bundle,
        [{"path": "evil.txt", "source": "清单来源" + MARKUP}],
        title="恶意包" + "".join(v for k, v in VECTORS.items() if k != "ctl") + MARKUP,
        publisher="出版" + VECTORS["csi"],
    )
    db = tmp / "library.db"
    proc = run_reader(db, "import", "--quiet", str(bundle), timeout=60)
    out = _assert_inert(proc.stdout, "import")
    _assert_inert(proc.stderr, "import stderr")
    assert_clean_stderr(proc)
    again = run_reader(db, "import", "--quiet", str(bundle), timeout=60)
    _assert_inert(again.stdout, "re-import")
    listed = json.loads(run_reader(db, "list", "--json", timeout=60).stdout)
    return db, out, proc.returncode, {item["title"]: item["id"] for item in listed}


def test_import_report_is_inert(imported):
    _db, out, code, titles = imported
    assert code == 1  # the empty file fails
    assert "imported 2," in out, out
    failed = [line for line in out.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and "empty" in failed[0], out
    assert len(titles) == 2


def _ids(imported) -> list[int]:
    return sorted(imported[3].values())


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--limit", "0"],
        ["search", "正文"],
        ["search", "讲述"],
        ["search", "退出"],
        ["export", "--format", "markdown"],
        ["stats", "--bundles", "--sources"],
    ],
    ids=" ".join,
)
def test_plain_output_has_no_control_characters_and_shows_markup_literally(imported, args):
    db = imported[0]
    proc = run_reader(db, *args, timeout=60)
    assert_clean_stderr(proc, lines=0)
    assert proc.returncode == 0
    text = _assert_inert(proc.stdout, args)
    assert text.strip()
    if args[0] != "stats":
        assert "[bold red]粗[/]" in text and "[@click=app.quit]退出[/]" in text, text[:400]


def test_show_every_article_is_inert_and_literal(imported):
    db = imported[0]
    for article_id in _ids(imported):
        for extra in ([], ["--script", "traditional"], ["--script", "simplified"]):
            proc = run_reader(db, "show", str(article_id), *extra, timeout=60)
            assert_clean_stderr(proc, lines=0)
            assert proc.returncode == 0
            text = _assert_inert(proc.stdout, ("show", article_id, extra))
            if not extra:
                assert "[bold red]粗[/]" in text and "[@click=app.quit]退出[/]" in text and "[link=https://evil.example]" in text


def test_export_markdown_to_a_file_is_inert(imported, tmp_path):
    db = imported[0]
    out = tmp_path / "export.md"
    proc = run_reader(db, "export", "--format", "markdown", "-o", str(out), timeout=60)
    assert proc.returncode == 0
    _assert_inert(proc.stdout + proc.stderr, "export -o report")
    text = _assert_inert(out.read_bytes(), "export.md")
    assert "[@click=app.quit]退出[/]" in text


@pytest.mark.parametrize("args", [["list", "--json"], ["search", "正文", "--json"], ["export", "--json"]], ids=" ".join)
def test_json_output_is_escaped_but_exact(imported, args):
    db = imported[0]
    proc = run_reader(db, *args, timeout=60)
    assert proc.returncode == 0
    raw = _assert_inert(proc.stdout, args)
    strings = "\n".join(_strings(json.loads(raw)))
    # the data itself still holds the original characters: nothing was lost, only escaped
    assert E in strings and "\u202e" in strings and MARKUP in strings


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_show_json_keeps_the_stored_text_exactly(imported):
    db = imported[0]
    evil_id = next(i for title, i in imported[3].items() if title.startswith("恶意标题"))
    proc = run_reader(db, "show", str(evil_id), "--json", timeout=60)
    data = json.loads(_assert_inert(proc.stdout, "show --json"))
    assert data["title"].startswith("恶意标题") and VECTORS["osc52"] in data["title"] and MARKUP in data["title"]


def test_errors_quoting_hostile_input_are_inert(imported):
    db = imported[0]
    hostile = HOSTILE.replace("\x00", "")  # a command-line argument cannot hold NUL
    for args in (["show", "1" + VECTORS["csi"]], ["search", VECTORS["osc52"]], ["list", "--source", hostile],
                 ["export", "--format", "md" + VECTORS["osc8"]], ["import", "/nonexistent/" + hostile],
                 ["search", hostile]):
        proc = run_reader(db, *args, timeout=60)
        assert_clean_stderr(proc)
        _assert_inert(proc.stdout, args)
        _assert_inert(proc.stderr, args)


# ---- on a real terminal (pty): reader's own colours only -----------------------------------------

_OWN_SGR = (b"\x1b[1;7m", b"\x1b[0m")  # the search highlight reader itself draws


def _run_on_pty(db: Path, *args: str, timeout: float = 60, expect: int = 0) -> bytes:
    import os
    import pty
    import select
    import subprocess
    import sys
    import time

    from test_robust_support import REPO

    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200", "LINES": "50", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "reader", "--db", str(db), *args], cwd=REPO, env=env,
                            stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
    os.close(slave)
    out = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                out += chunk
            elif proc.poll() is not None:
                break
        else:
            raise AssertionError(f"reader {args} did not finish within {timeout} s on a pty")
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    assert proc.returncode == expect, out[-500:]
    return out


@pytest.mark.parametrize(
    "args",
    [["search", "讲述"], ["search", "pwned"], ["search", "ZWNobyBwd25lZA"], ["search", "退出"], ["list"], ["show", "1"]],
    ids=" ".join,
)
def test_on_a_terminal_only_readers_own_highlight_escapes_appear(imported, args):
    """With colour on (a tty), matches inside hostile sequences are highlighted, never revived."""
    raw = _run_on_pty(imported[0], *args)
    if args[0] == "search":
        assert _OWN_SGR[0] in raw, raw[:400]  # there was a match, highlighted
    for sgr in _OWN_SGR:
        raw = raw.replace(sgr, b"")
    text = raw.decode("utf-8").replace("\r\n", "\n")  # the pty turns \n into \r\n
    assert not _unsafe_chars(text), (args, sorted(set(_unsafe_chars(text))), text[:400])
    assert text.strip()


def test_import_progress_bar_on_a_terminal_is_inert(tmp_path):
    """On a tty, import draws a self-overwriting progress line (carriage returns) from the bundle's
    label: a hostile folder name and hostile file names must not reach the terminal."""
    bundle = tmp_path / ("进度" + VECTORS["osc52"].replace("\x07", "") + "\u202e" + VECTORS["c1"])
    bundle.mkdir()
    from test_robust_support import write_bundle

    write_bundle(bundle, 30, seed=77, manifest=False)
    (bundle / "articles" / ("坏" + VECTORS["csi"] + ".txt")).write_bytes(b"")
    raw = _run_on_pty(tmp_path / "library.db", "import", str(bundle), expect=1)
    text = raw.decode("utf-8").replace("\r", "")  # the bar's own carriage returns (and the pty's)
    assert not _unsafe_chars(text), (sorted(set(_unsafe_chars(text))), text[:400])
    assert "imported 30," in text and "failed:" in text
    assert "进度/articles (loose files) [" in text, raw[:300]  # the bar was drawn, from the cleaned label
