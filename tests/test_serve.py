"""``reader serve``: the pages, the token, the limits, on a real loopback socket; ``reader qr --lan``."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reader.cli import main
from reader.serve.server import Running, running_record
from reader.serve.site import COOKIE

HOSTILE = {
    "title": "<script>alert('標題')</script>臺北捷運新線通車",
    "published": "2021-12-29",
    "source": "<b>中央社</b>",
    "authors": ["王小明\x1b]0;pwned\x07"],
    "url": "javascript:alert(document.cookie)",
    "blocks": [
        {"kind": "paragraph", "text": "臺北捷運環狀線今天通車，<img src=x onerror=alert(1)>乘客擠滿車廂。"},
        {"kind": "subheading", "text": "<a href=\"javascript:alert(2)\">沿線</a>商圈"},
        {"kind": "paragraph", "text": "沿線商家表示，通車後人潮明顯增加，營業額比上月多了三成。&amp; </p><p>"},
    ],
}
PLAIN = {
    "title": "江门新会陈皮产业年产值突破百亿元",
    "published": "2021-12-24",
    "source": "江门日报",
    "url": "https://news.example.cn/2021/12/24/chenpi.html",
    "blocks": [
        {"kind": "paragraph", "text": "今年新会陈皮全产业链产值突破一百亿元，带动农户增收。"},
        {"kind": "paragraph", "text": "陈皮村里的晾晒场上，村民们忙着翻晒柑皮。"},
    ],
}


@pytest.fixture
def library(tmp_path) -> Path:
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "hostile.json").write_text(json.dumps(HOSTILE, ensure_ascii=False), "utf-8")
    (folder / "plain.json").write_text(json.dumps(PLAIN, ensure_ascii=False), "utf-8")
    assert main(["import", str(folder)]) == 0
    return Path(os.environ["READER_DB"])


@pytest.fixture
def server(library):
    running = Running(library, "127.0.0.1", 0).start()
    yield running
    running.stop()


def ids(db: Path) -> dict[str, int]:
    from reader.library import Library

    with Library.open(db) as lib:
        return {s.source: s.id for s in lib.list_articles(None, limit=10)}


def request(server: Running, target: str, *, cookie: bool = True, method: str = "GET", headers=None, body=None):
    conn = http.client.HTTPConnection(server.host, server.port, timeout=5)
    sent = dict(headers or {})
    if cookie:
        sent["Cookie"] = f"{server.site.cookie}={server.token}"
    conn.request(method, target, body=body, headers=sent)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data.decode("utf-8", "replace")


def test_without_the_token_every_page_is_forbidden(server, library):
    article = ids(library)["江门日报"]
    for target in ("/", f"/a/{article}", "/search?q=陈皮", "/?token=wrong"):
        response, text = request(server, urllib.parse.quote(target, safe="/?=&"), cookie=False)
        assert response.status == 403, target
        assert "陈皮" not in text
    response, _ = request(server, "/", cookie=False, headers={"Cookie": f"{server.site.cookie}=guess"})
    assert response.status == 403


def test_the_token_link_sets_a_cookie_and_leaves_the_address(server, library):
    article = ids(library)["江门日报"]
    response, _ = request(server, f"/a/{article}?script=traditional&token={server.token}", cookie=False)
    assert response.status == 303
    assert response.getheader("Location") == f"/a/{article}?script=traditional"
    cookie = response.getheader("Set-Cookie")
    assert cookie.startswith(f"{COOKIE}_{server.port}={server.token};") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    response, text = request(server, f"/a/{article}?script=traditional")
    assert response.status == 200
    assert "江門新會陳皮產業年產值突破百億元" in text and 'lang="zh-Hant"' in text


@pytest.mark.parametrize("target", [
    "/../etc/passwd", "/a/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd", "/a/0", "/a/abc",
    "/a/1/", "/a/99999", "/static/../library.db", "/library.db", "/a/1%00", "/?page=0", "/?page=x",
])
def test_odd_paths_are_not_found(server, target):
    response, text = request(server, target)
    assert response.status == 404, target
    assert "Not found" in text


def test_only_get_and_head(server):
    response, _ = request(server, "/", method="POST", body=b"x=1")
    assert response.status in (405, 413)
    response, _ = request(server, "/", method="DELETE")
    assert response.status == 405
    response, text = request(server, "/", method="HEAD")
    assert response.status == 200 and text == ""


class _Tags(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


PAGE_TAGS = {"html", "head", "meta", "title", "link", "body", "nav", "a", "span", "strong", "form", "input",
             "button", "h1", "h2", "div", "p", "mark", "aside", "ol", "li"}


def test_hostile_article_text_is_inert(server, library):
    response, text = request(server, f"/a/{ids(library)['<b>中央社</b>']}")
    assert response.status == 200
    parsed = _Tags()
    parsed.feed(text)
    assert {tag for tag, _ in parsed.tags} <= PAGE_TAGS
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not any((value or "").strip().lower().startswith("javascript:") for value in attrs.values()), (tag, attrs)
    assert "&lt;img src=x onerror=alert(1)&gt;" in text and "&lt;script&gt;" in text
    assert "javascript:alert(document.cookie)" in text  # shown as text, not as a link
    assert "\x1b" not in text and "\x07" not in text
    csp = response.getheader("Content-Security-Policy")
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_list_search_and_the_script_switch(server):
    response, text = request(server, "/?script=simplified")
    assert response.status == 200
    assert "2 篇" in text and "江门新会陈皮产业年产值突破百亿元" in text and "台北捷运新线通车" in text
    response, text = request(server, "/search?" + urllib.parse.urlencode({"q": "陳皮", "script": "traditional"}))
    assert response.status == 200
    assert "江門新會陳皮產業年產值突破百億元" in text and "捷運" not in text
    response, _ = request(server, "/?script=klingon")
    assert response.status == 400


def test_limits(library):
    running = Running(library, "127.0.0.1", 0, rate=1, burst=3).start()
    try:
        statuses = [request(running, "/")[0].status for _ in range(5)]
        assert statuses[:3] == [200, 200, 200] and 429 in statuses[3:]
    finally:
        running.stop()
    running = Running(library, "127.0.0.1", 0).start()
    try:
        response, _ = request(running, "/?q=" + "x" * 5000)
        assert response.status == 414
        response, _ = request(running, "/", headers={"Content-Length": "10"}, body=b"0123456789")
        assert response.status == 413
    finally:
        running.stop()


def test_stop_removes_the_record(library):
    running = Running(library, "127.0.0.1", 0).start()
    record = running_record(library)
    assert record["url"] == running.url and record["token"] == running.token
    assert oct(os.stat(f"{library}.serve-{running.port}.json").st_mode & 0o777) == "0o600"
    running.stop()
    assert running_record(library) is None


def test_two_servers_on_one_library_each_keep_their_record(library):
    first = Running(library, "127.0.0.1", 0).start()
    second = Running(library, "127.0.0.1", 0).start()
    try:
        assert running_record(library)["port"] in (first.port, second.port)
        second.stop()
        assert running_record(library)["port"] == first.port  # the other one is still found
    finally:
        first.stop()
    assert running_record(library) is None


def test_qr_lan_prints_the_articles_link_only_while_serving(library, capsys):
    article = ids(library)["江门日报"]
    assert main(["qr", str(article), "--lan", "--json"]) == 1
    assert "no server is running" in capsys.readouterr().err
    running = Running(library, "127.0.0.1", 0).start()
    try:
        assert main(["qr", str(article), "--lan", "--json"]) == 0
        payload = json.loads(capsys.readouterr().out)["payload"]
        assert payload == f"http://127.0.0.1:{running.port}/a/{article}?token={running.token}"
        assert main(["qr", str(article), "--lan", "--json", "--script", "traditional"]) == 0
        assert json.loads(capsys.readouterr().out)["payload"].endswith("&script=traditional")
    finally:
        running.stop()


def test_reader_serve_prints_its_url_first_and_stops_on_ctrl_c(library):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "serve", "--host", "127.0.0.1", "--port", "0", "--json"],
        start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env, text=True,
    )
    try:
        first = json.loads(proc.stdout.readline())
        match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", first["url"])
        assert match
        conn = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=5)
        conn.request("GET", "/", headers={"Cookie": f"{COOKIE}_{match.group(1)}={match.group(2)}"})
        assert conn.getresponse().status == 200
        conn.close()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert running_record(library) is None


def test_serve_refuses_a_missing_library_and_a_bad_port(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.db"), "serve"]) == 1
    assert "no library" in capsys.readouterr().err
    assert main(["serve", "--port", "70000"]) == 2


def test_serving_never_loads_textual(library):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.serve.server import Running\n"
        "import reader.commands.serve\n"
        f"r = Running(Path({str(library)!r}), '127.0.0.1', 0).start()\n"
        "import http.client\n"
        "c = http.client.HTTPConnection('127.0.0.1', r.port); c.request('GET', '/a/1', headers={'Cookie': r.site.cookie + '=' + r.token})\n"
        "assert c.getresponse().status == 200\n"
        "r.stop()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def _raw(running: Running, data: bytes, timeout: float = 10) -> bytes:
    """Send raw bytes, read until the server closes (or ``timeout``)."""
    import socket

    sock = socket.create_connection((running.host, running.port), timeout=timeout)
    try:
        sock.sendall(data)
        out = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return out
            out += chunk
    except OSError:
        return out
    finally:
        sock.close()


def test_a_client_that_trickles_its_headers_is_cut_off_and_one_address_cannot_take_every_slot(library, monkeypatch):
    import socket

    from reader.serve import server as serving

    monkeypatch.setattr(serving, "HEAD_DEADLINE", 1.0)
    monkeypatch.setattr(serving, "WATCHDOG_PERIOD", 0.1)
    running = Running(library, "127.0.0.1", 0).start()
    idle = []
    try:
        for _ in range(serving.MAX_PER_ADDRESS):
            sock = socket.create_connection((running.host, running.port), timeout=10)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and never the end of the headers
            idle.append(sock)
        assert _raw(running, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").startswith(b"HTTP/1.1 503")
        for sock in idle:
            assert sock.recv(100) == b""  # closed by the watchdog, within the deadline
        response, _ = request(running, "/")
        assert response.status == 200
    finally:
        for sock in idle:
            sock.close()
        running.stop()


def test_oversized_headers_are_refused_before_they_are_kept(server):
    head = b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-Pad-%d: %s\r\n" % (n, b"a" * 4000) for n in range(20)) + b"\r\n"
    answer = _raw(server, head)
    assert answer.startswith(b"HTTP/1.1 431"), answer[:80]


def test_other_cookies_on_the_machine_do_not_lock_the_phone_out(server):
    for header in (f'prefs=dark mode; {server.site.cookie}={server.token}',
                   f'a={{"x":1}}; b=é;; {server.site.cookie}={server.token}',
                   f'{COOKIE}_1={server.token[:-1]}x; {server.site.cookie}={server.token}'):
        response, _ = request(server, "/", cookie=False, headers={"Cookie": header})
        assert response.status == 200, header
    response, _ = request(server, "/", cookie=False, headers={"Cookie": f"{COOKIE}_1={server.token}"})
    assert response.status == 403  # another port's cookie is not this server's


def test_a_query_the_search_cannot_read_says_why_on_the_search_page(server):
    response, text = request(server, "/search?q=%22")
    assert response.status == 400 and 'class="problem"' in text and 'name="q"' in text


@pytest.mark.parametrize("target,status", [("/?page=%C2%B2", 404), ("http://[/", 400), ("/?page=99999999", 404)])
def test_malformed_addresses_get_a_clear_answer(server, target, status):
    answer = _raw(server, f"GET {target} HTTP/1.1\r\nHost: x\r\nCookie: {server.site.cookie}={server.token}\r\nConnection: close\r\n\r\n".encode())
    assert answer.startswith(f"HTTP/1.1 {status}".encode()), answer[:60]


def test_a_record_that_cannot_be_written_costs_only_the_record(library):
    blocked = library.parent / "not-a-folder"
    blocked.write_text("")
    lines = []
    running = Running(library, "127.0.0.1", 0, log=lines.append)
    running._record = blocked / "record.json"  # a record that cannot be written (full disk, read-only folder)
    running.start()
    try:
        assert running.record_problem and lines == [running.record_problem]
        assert request(running, "/")[0].status == 200
    finally:
        running.stop()
    assert not list(library.parent.glob("*.tmp"))


def test_connections_left_open_are_closed_when_the_server_stops(library):
    running = Running(library, "127.0.0.1", 0).start()
    conn = http.client.HTTPConnection(running.host, running.port, timeout=5)
    conn.request("GET", "/", headers={"Cookie": f"{running.site.cookie}={running.token}"})
    assert conn.getresponse().read()
    running.stop()
    try:
        conn.request("GET", "/", headers={"Cookie": f"{running.site.cookie}={running.token}"})
        response = conn.getresponse()
        assert response.status == 503 and "陈皮" not in response.read().decode()
    except (OSError, http.client.HTTPException):
        pass  # or already closed
    finally:
        conn.close()


def test_search_and_list_page_through_and_end(server, monkeypatch):
    from reader.serve import site

    monkeypatch.setattr(site, "PAGE_SIZE", 1)
    response, text = request(server, "/search?q=%E4%BB%8A")  # 今: in both articles
    assert response.status == 200 and "1–1 篇" in text and "page=2" in text
    response, text = request(server, "/search?q=%E4%BB%8A&page=2")
    assert response.status == 200 and "2–2 篇" in text and "page=3" not in text
    assert request(server, "/search?q=%E4%BB%8A&page=3")[0].status == 404
    assert request(server, "/?page=2")[0].status == 200
    assert request(server, "/?page=3")[0].status == 404  # past the last page
