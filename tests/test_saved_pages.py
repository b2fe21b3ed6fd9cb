"""Saved pages: MHTML (Chromium's, saved here through DevTools, and files built to RFC 2557) and
SingleFile pages; which part is the page, its address and save date, and hostile MIME."""

from __future__ import annotations

import io
import json
import os
import quopri
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from base64 import b64encode
from contextlib import contextmanager
from pathlib import Path

import pytest

import web_pages
from reader.bundle import containers, mhtml, singlefile
from reader.bundle.items import Member, Skipped
from reader.errors import BundleError
from reader.importer import import_paths
from reader.library.store import Library
from reader.limits import DEFAULT_LIMITS, Limits

BODY = "市气象台今天发布寒潮蓝色预警，预计未来三天全市气温将下降八到十摄氏度，请市民注意防寒保暖。"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def page(title: str, extra_head: str = "", charset: str = "utf-8") -> bytes:
    body = "".join(f"<p>{title}：{BODY}第{i}段。</p>" for i in range(4))
    return (f"<!DOCTYPE html><html><head><meta charset='{charset}'><title>{title}</title>{extra_head}</head>"
            f"<body><h1>{title}</h1><p>2021年12月04日 来源：新华社</p>{body}</body></html>").encode(charset)


def mime(parts: list[tuple[dict[str, str], bytes]], top: str = "", boundary: str = "----MultipartBoundary--x", close: bool = True) -> bytes:
    out = [f"From: <Saved by Blink>\r\n{top}Date: Sat, 04 Dec 2021 02:00:00 GMT\r\nMIME-Version: 1.0\r\n"
           f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n\r\n'.encode()]
    for headers, body in parts:
        out.append(f"--{boundary}\r\n".encode() + "".join(f"{k}: {v}\r\n" for k, v in headers.items()).encode() + b"\r\n" + body + b"\r\n")
    if close:
        out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out)


def read(data: bytes, limits: Limits = DEFAULT_LIMITS):
    return list(mhtml.read_mhtml(io.BytesIO(data), "page.mhtml", limits))


def import_one(tmp_path: Path, path: Path):
    with Library.open(tmp_path / "lib.db") as library:
        report = import_paths(library, [path], jobs=1)
        rows = library._conn.execute("SELECT title, url, published FROM articles ORDER BY id").fetchall()
    return report, [tuple(r) for r in rows]


# --------------------------------------------------------------------------- Chromium


class DevTools:
    """Headless Chromium driven over its DevTools websocket, on loopback only."""

    def __init__(self, profile: str):
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-port=0",
             "--remote-debugging-address=127.0.0.1", f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
        self.killer = threading.Timer(60, self.proc.kill)  # never a hung test
        self.killer.start()
        for line in self.proc.stderr:  # "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID"
            if "DevTools listening on " in line:
                url = line.split("DevTools listening on ", 1)[1].strip()
                break
        else:
            raise RuntimeError("Chromium printed no DevTools address")
        import websocket

        self.ws = websocket.create_connection(url, timeout=30)
        self.last = 0

    def call(self, method: str, session: str | None = None, **params):
        self.last += 1
        message = {"id": self.last, "method": method, "params": params, **({"sessionId": session} if session else {})}
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.last:
                if "error" in reply:
                    raise RuntimeError(reply["error"])
                return reply["result"]

    def wait_for(self, event: str) -> None:
        while json.loads(self.ws.recv()).get("method") != event:
            pass

    def close(self) -> None:
        """Stop the browser and every helper it forked (crashpad, zygotes), which otherwise
        go on writing into the profile while it is being removed."""
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.killer.cancel()
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def remove_profile(profile: str) -> None:
    """Remove the profile; a helper killed a moment ago may still finish one last write."""
    deadline = time.monotonic() + 30
    while True:
        try:
            shutil.rmtree(profile)
            return
        except FileNotFoundError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def chromium():
    profile = tempfile.mkdtemp(prefix="reader-chromium-")
    try:
        browser = DevTools(profile)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        remove_profile(profile)


def capture_mhtml(browser: DevTools, url: str) -> str:
    target = browser.call("Target.createTarget", url="about:blank")["targetId"]
    session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    browser.call("Page.enable", session)
    browser.call("Page.navigate", session, url=url)
    browser.wait_for("Page.loadEventFired")
    return browser.call("Page.captureSnapshot", session, format="mhtml")["data"]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_mhtml_saved_by_headless_chromium_imports_its_page(tmp_path):
    with web_pages.serve() as base, chromium() as browser:
        saved = {name: capture_mhtml(browser, base + path) for name, path in
                 (("metro", "/2021/1128/metro.html"), ("ganju", "/2021/1204/ganju.html"))}
    for name, text in saved.items():
        (tmp_path / f"{name}.mhtml").write_bytes(text.encode("utf-8"))
    assert saved["metro"].startswith("From: <Saved by Blink>")
    report, rows = import_one(tmp_path, tmp_path / "metro.mhtml")
    assert not report.failed and rows[0][0] == web_pages.TITLES["metro"]  # Big5 page, Blink's charset label
    assert rows[0][1] == f"{base}/2021/1128/metro.html"  # Snapshot-Content-Location
    assert rows[0][2].startswith("2021-11-28")  # the article's date, not the day it was saved
    report, rows = import_one(tmp_path, tmp_path / "ganju.mhtml")
    assert rows[-1][1] == web_pages.CANONICAL  # the page's canonical URL wins
    assert [r[:49] for _f, r in report.not_articles] == ["saved page's resources (images, styles, frames): "]


# --------------------------------------------------------------------------- MHTML to the RFC


def test_the_main_part_is_the_one_the_snapshot_location_names_with_its_charset():
    frame = page("广告框架")
    main = page("寒潮预警", charset="gb18030")
    data = mime([
        ({"Content-Type": "text/html", "Content-Location": "http://ad.cn/frame.html", "Content-Transfer-Encoding": "quoted-printable"},
         quopri.encodestring(frame)),
        ({"Content-Type": 'text/html; charset="gb18030"', "Content-Location": "http://n.cn/cold.html", "Content-Transfer-Encoding": "base64"},
         b64encode(main)),
        ({"Content-Type": "image/png", "Content-Location": "http://n.cn/a.png", "Content-Transfer-Encoding": "base64"}, b64encode(b"\x89PNG")),
    ], top="Snapshot-Content-Location: http://n.cn/cold.html\r\n")
    items = read(data)
    assert [type(i).__name__ for i in items] == ["Member", "Skipped"]
    member = items[0]
    assert member.data == main and member.kind == "html" and member.name == "page.mhtml#http://n.cn/cold.html"
    assert (member.hints.encoding, member.hints.fetched_url, member.hints.url) == ("gb18030", "http://n.cn/cold.html", None)
    assert member.hints.saved == "2021-12-04T02:00:00+00:00" and member.hints.container == "mhtml"
    assert items[1].reason == "saved page's resources (images, styles, frames): 2 parts"


def test_without_a_location_the_first_html_part_is_the_page_and_quoted_printable_is_decoded(tmp_path):
    body = page("第一部分是正文")
    data = mime([({"Content-Type": "text/html; charset=utf-8", "Content-Transfer-Encoding": "quoted-printable"}, quopri.encodestring(body))])
    items = read(data)
    assert items[0].data == body and items[0].hints.fetched_url is None and len(items) == 1
    path = tmp_path / "saved.mht"
    path.write_bytes(data)
    report, rows = import_one(tmp_path, path)
    assert rows == [("第一部分是正文", None, "2021-12-04")]


def test_the_saved_date_is_the_article_date_only_when_the_page_shows_none(tmp_path):
    undated = page("没有日期的页面").replace("2021年12月04日 来源：新华社".encode(), b"")
    path = tmp_path / "undated.mhtml"
    path.write_bytes(mime([({"Content-Type": "text/html"}, undated)]).replace(b"Sat, 04 Dec 2021", b"Mon, 06 Dec 2021"))
    _report, rows = import_one(tmp_path, path)
    assert rows[0][2].startswith("2021-12-06")


def test_mhtml_is_recognised_by_its_headers_and_nothing_else_is():
    data = mime([({"Content-Type": "text/html"}, page("标题"))])
    assert mhtml.sniff(data[:4096])
    assert not mhtml.sniff(page("普通网页")) and not mhtml.sniff("标题：Content-Type: multipart/related\n正文".encode())
    assert not mhtml.sniff(b"Subject: hello\r\nContent-Type: text/plain\r\n\r\nContent-Type: multipart/related")
    member = Member("saved.txt", data, "text")
    assert next(containers.expand([member], DEFAULT_LIMITS)).hints.container == "mhtml"


def test_an_mhtml_of_100000_parts_is_refused_in_seconds(tmp_path):
    parts = [({"Content-Type": "text/html"}, page("主页"))] + [({"Content-Type": "text/plain"}, b"x")] * 100_000
    path = tmp_path / "many.mhtml"
    path.write_bytes(mime(parts))
    start = time.monotonic()
    report, rows = import_one(tmp_path, path)
    assert time.monotonic() - start < 10 and rows == []
    assert report.failed == [(str(path), "many.mhtml: more than 5,000 MIME parts (limit max_mime_parts); refused")]


def test_a_boundary_that_never_closes_still_gives_the_page_quickly():
    body = page("边界没有结束")
    data = mime([({"Content-Type": "text/html"}, body + b"<p>x</p>\r\n" * 200_000)], close=False)
    start = time.monotonic()
    items = read(data)
    assert time.monotonic() - start < 5
    assert items[0].data.startswith(body)
    never = mime([], boundary="never-used") + b"<html>" + b"no boundary line at all " * 100_000
    with pytest.raises(BundleError, match=r"page.mhtml: not a readable MHTML file \(no MIME parts\)"):
        read(never)
    with pytest.raises(BundleError, match="page.mhtml: MHTML file without a text/html part"):
        read(mime([({"Content-Type": "image/png"}, b"\x89PNG")], close=False))


def test_an_mhtml_over_the_size_limit_is_refused():
    with pytest.raises(BundleError, match="over the limit max_feed_bytes"):
        read(mime([({"Content-Type": "text/html"}, page("大文件") * 50)]), Limits(max_feed_bytes=1024, max_file_bytes=1024))


# --------------------------------------------------------------------------- SingleFile


def singlefile_page(title: str, url: str = "http://n.cn/2021/1204/cold.html", dated: bool = True) -> bytes:
    html = page(title).decode()
    if not dated:
        html = html.replace("2021年12月04日 来源：新华社", "")
    head = (f"<!DOCTYPE html> <html lang=\"zh-CN\"><!--\n Page saved with SingleFile \n url: {url} \n"
            " saved date: Mon Dec 06 2021 10:00:00 GMT+0800 (中国标准时间)\n-->")
    return (head + html.split("<html>", 1)[1]).encode()


def test_a_singlefile_page_is_an_article_with_its_url_and_saved_date(tmp_path):
    data = singlefile_page("寒潮预警发布")
    assert singlefile.sniff(data) and not singlefile.sniff(page("普通网页"))
    assert singlefile.sniff(b"<html><!--\n Archive processed by SingleFile \n url: http://n.cn/ -->")  # 1.x wording
    assert singlefile._iso_date("Wed Sep 24 2026") == "2026-09-24" and singlefile._iso_date("not a date") is None
    items = list(singlefile.read_singlefile(io.BytesIO(data), "cold.html", DEFAULT_LIMITS))
    assert len(items) == 1 and items[0].data == data and items[0].kind == "html"
    hints = items[0].hints
    assert (hints.container, hints.fetched_url, hints.saved) == ("singlefile", "http://n.cn/2021/1204/cold.html", "2021-12-06T10:00:00+08:00")
    clips = tmp_path / "clips"
    clips.mkdir()
    (clips / "cold.html").write_bytes(data)
    (clips / "undated.html").write_bytes(singlefile_page("没有日期的剪藏", "http://n.cn/clip.html", dated=False))
    report, rows = import_one(tmp_path, clips)
    assert not report.failed
    assert sorted(rows) == [("寒潮预警发布", "http://n.cn/2021/1204/cold.html", "2021-12-04"),
                            ("没有日期的剪藏", "http://n.cn/clip.html", "2021-12-06T10:00:00+08:00")]


def test_a_singlefile_page_inside_a_zip_bundle_keeps_its_hints(tmp_path):
    import zipfile

    bundle = tmp_path / "clips.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("clips/cold.html", singlefile_page("压缩包里的剪藏"))
    report, rows = import_one(tmp_path, bundle)
    assert rows == [("压缩包里的剪藏", "http://n.cn/2021/1204/cold.html", "2021-12-04")] and not report.failed
    assert not any(isinstance(s, Skipped) for s in report.not_articles)


def test_a_folder_of_saved_pages_is_one_bundle(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "a.mhtml").write_bytes(mime([({"Content-Type": "text/html"}, page("文件夹里的第一篇"))]))
    (folder / "b.mht").write_bytes(mime([({"Content-Type": "text/html"}, page("文件夹里的第二篇"))]))
    (folder / "c.html").write_bytes(singlefile_page("文件夹里的剪藏"))
    report, rows = import_one(tmp_path, folder)
    assert report.imported == 3 and len(report.bundles) == 1 and not report.failed
