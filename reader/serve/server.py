"""The socket side of ``reader serve``: the standard library's threading HTTP server, hardened.

Why this server: the load is a handful of phones on a home or café network reading pages that
take a few milliseconds to build from SQLite; a thread per connection serves that with no
dependency, starts in a few milliseconds inside the TUI's process, and stops cleanly. What an
ASGI stack would add (HTTP/2, websockets, an event loop) is not needed here. What the standard
server lacks for this threat model is added here:

- it binds one address (``lan_address()``: the one the default route leaves from), never
  ``0.0.0.0`` unless asked;
- every page needs the run's secret token (``reader.serve.site``);
- only GET and HEAD, no request body, a 2 KB request target, 30 header lines;
- at most ``MAX_CONNECTIONS`` connections at once (others get 503), a socket timeout against
  slow clients, and a per-address rate limit (429);
- no file system access at all: every byte served is built from the library.

``Running`` is a server started in a background thread (the TUI and the tests use it);
``reader serve`` runs one in the foreground.
"""

from __future__ import annotations

import glob
import json
import os
import queue
import secrets
import socket
import threading
import time
from collections import deque
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from reader.atomicfile import replacing
from reader.errors import LibraryError, ReaderError
from reader.serve import pages
from reader.serve.site import COOKIE, SECURITY_HEADERS, Response, Site

DEFAULT_PORT = 8765
MAX_TARGET = 2048
MAX_HEADERS = 30
MAX_CONNECTIONS = 64
MAX_PER_ADDRESS = 8
"""Connections one address may hold: a phone's browser opens up to six."""
MAX_HEAD_BYTES = 16 * 1024
"""A request's line and headers, at most: a phone sends well under 2 KB."""
HEAD_DEADLINE = 10.0
"""Seconds a connection may take to send its next request's line and headers."""
WATCHDOG_PERIOD = 1.0
SOCKET_TIMEOUT = 15.0
POOL_SIZE = 4
RATE = 20.0
"""Requests a second one address may make, sustained (a phone reading makes well under one)."""
BURST = 60


class RateLimiter:
    """A token bucket per client address."""

    def __init__(self, rate: float = RATE, burst: int = BURST):
        self.rate, self.burst = rate, burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, address: str) -> bool:
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(address, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if len(self._buckets) > 10_000:  # forget idle addresses rather than grow without bound
                self._buckets.clear()
            if tokens < 1:
                self._buckets[address] = (tokens, now)
                return False
            self._buckets[address] = (tokens - 1, now)
            return True


class LibraryPool:
    """A few read connections to the library, lent one request at a time."""

    def __init__(self, path: Path, size: int = POOL_SIZE):
        from reader.library import Library

        self._size, self._made, self._closed = size, 0, False
        self._free: queue.LifoQueue = queue.LifoQueue()
        self._lock = threading.Lock()
        self._all: list = []
        self._open = lambda: Library.open(path, create=False)
        self._free.put(self._new())

    def _new(self):
        library = self._open()
        self._all.append(library)
        self._made += 1
        return library

    @contextmanager
    def borrow(self):
        if self._closed:
            raise LibraryError("the server has stopped")
        try:
            library = self._free.get_nowait()
        except queue.Empty:
            with self._lock:
                grow = self._made < self._size
                library = self._new() if grow else None
            if library is None:
                library = self._free.get()
        try:
            yield library
        finally:
            self._free.put(library)

    def close(self) -> None:
        self._closed = True
        for library in self._all:
            library.close()


class _CappedReader:
    """The connection's input, of which one request's line and headers may take ``cap`` bytes.

    http.server reads up to 100 header lines of 64 KiB each before any check can run; past the
    cap this reader answers as if the client had stopped, and ``over`` says why.
    """

    def __init__(self, raw, cap: int):
        self.raw, self.cap = raw, cap
        self.left, self.over = cap, False

    def start_request(self) -> None:
        self.left, self.over = self.cap, False

    def readline(self, limit: int = -1) -> bytes:
        if self.left <= 0:
            self.over = True
            return b""
        size = self.left + 1 if limit < 0 else min(limit, self.left + 1)
        line = self.raw.readline(size)
        self.left -= len(line)
        return line

    def read(self, size: int = -1) -> bytes:
        return self.raw.read(size)

    def close(self) -> None:
        self.raw.close()


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once, not 40 ms apart (delayed ACK)
    timeout = SOCKET_TIMEOUT

    def version_string(self) -> str:
        return "reader"

    def setup(self) -> None:
        super().setup()
        self.rfile = _CappedReader(self.rfile, MAX_HEAD_BYTES)

    def handle_one_request(self) -> None:
        """One request; its line and headers must arrive within ``HEAD_DEADLINE`` seconds of the
        last answer (the watchdog closes a connection that trickles), within ``MAX_HEAD_BYTES``."""
        self.rfile.start_request()
        self.server.watch(self.connection, time.monotonic() + HEAD_DEADLINE)
        try:
            super().handle_one_request()
        finally:
            self.server.watch(self.connection, None)

    def parse_request(self) -> bool:
        if len(self.raw_requestline) > MAX_TARGET + 32:
            self.requestline, self.request_version, self.command = "", "", ""
            self.send_error(414)
            return False
        if not super().parse_request():
            return False
        self.server.watch(self.connection, None)  # the request is in: no deadline while answering
        if self.rfile.over or len(self.headers) > MAX_HEADERS:
            self.send_error(431, "Request header fields too large")
            return False
        return True

    def _serve(self) -> None:
        site = self.server.site
        if self.server.stopped:
            self.close_connection = True
            return self._send(site.error(503, "Stopped", "This server has stopped."))
        if self.headers.get("Content-Length", "0") not in ("", "0") or self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            return self._send(site.error(413, "Too large", "This server takes no request bodies."))
        if not self.server.limiter.allow(self.client_address[0]):
            return self._send(site.error(429, "Too many requests", "Slow down a little."), {"Retry-After": "1"})
        try:
            response = site.handle(self.command, self.path, self.headers.get("Cookie"))
        except Exception as error:  # a bug must cost one page, not the server
            self.server.log_failure(self.path, error)
            response = site.error(500, "Server error", "This page could not be built.")
        self._send(response)

    do_GET = do_HEAD = _serve

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        self.close_connection = True
        self._send(self.server.site.handle(self.command, self.path))

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    def _send(self, response: Response, extra: dict[str, str] | None = None) -> None:
        self.send_response(response.status)
        headers = {**SECURITY_HEADERS, "Content-Type": response.content_type, **response.headers, **(extra or {})}
        headers["Content-Length"] = str(len(response.body))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own errors (bad request line, 414, 431) as our plain page, with our headers."""
        self.close_connection = True
        title = message or self.responses.get(code, ("Error",))[0]
        body = pages.message(f"{code} {title}", "The request could not be read.")
        self._send(Response(code, body))

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's signature)
        """No access log on the terminal: the TUI owns it, and paths may hold search words."""


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address, site: Site, limiter: RateLimiter, log=None, per_address: int = MAX_PER_ADDRESS):
        self.site, self.limiter, self.log, self.per_address = site, limiter, log, per_address
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self._per_address: dict[str, int] = {}
        self._deadlines: dict[socket.socket, float] = {}
        self._lock = threading.Lock()
        self.failures: deque[str] = deque(maxlen=100)
        self.stopped = False
        super().__init__(address, _Handler)
        threading.Thread(target=self._watchdog, name="reader-serve-watchdog", daemon=True).start()

    def process_request(self, request, client_address):
        address = client_address[0]
        with self._lock:
            crowded = self._per_address.get(address, 0) >= self.per_address
            if not crowded:
                self._per_address[address] = self._per_address.get(address, 0) + 1
        if crowded or not self._slots.acquire(blocking=False):
            if not crowded:
                self._release_address(address)
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()
            self._release_address(client_address[0])
            self.watch(request, None)

    def _release_address(self, address: str) -> None:
        with self._lock:
            left = self._per_address.get(address, 1) - 1
            if left > 0:
                self._per_address[address] = left
            else:
                self._per_address.pop(address, None)

    def watch(self, connection: socket.socket, deadline: float | None) -> None:
        with self._lock:
            if deadline is None:
                self._deadlines.pop(connection, None)
            else:
                self._deadlines[connection] = deadline

    def _watchdog(self) -> None:
        """Close connections whose request has not arrived in time (slow clients hold a slot)."""
        while True:
            time.sleep(WATCHDOG_PERIOD)
            now = time.monotonic()
            with self._lock:
                late = [c for c, deadline in self._deadlines.items() if deadline < now]
                for connection in late:
                    del self._deadlines[connection]
            for connection in late:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up mid-answer is normal on phones: no traceback on the terminal."""

    def log_failure(self, path: str, error: BaseException) -> None:
        line = f"a page failed: {path[:200]} ({type(error).__name__}: {str(error)[:200]})"
        first = not self.failures
        self.failures.append(line)
        if first and self.log is not None:
            self.log(line)


def lan_address() -> str:
    """The address of the interface the default route leaves from, else loopback.

    A UDP socket's ``connect`` sends nothing; it only asks the kernel which source address it
    would use for a public address (TEST-NET-1 here, never contacted).
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))
        address = probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()
    return address if address and not address.startswith("0.") else "127.0.0.1"


def new_token() -> str:
    return secrets.token_urlsafe(18)


class Running:
    """A server for the library at ``db_path`` on ``host:port``, serving in a daemon thread.

    ``url`` is the address to open (with the token); ``article_url(id)`` a page's. The running
    server is written down next to the library (``<library>.serve.json``, readable by the user
    only) so ``reader qr ID --lan`` in another terminal finds it.
    """

    def __init__(self, db_path: Path, host: str | None = None, port: int | None = None, *,
                 rate: float = RATE, burst: int = BURST, per_address: int = MAX_PER_ADDRESS,
                 record: bool = True, log=None):
        """``log``: called with a line when something goes wrong that the user should hear of
        (the first page that fails, a record that cannot be written); None keeps quiet."""
        self.db_path = Path(db_path)
        self.token = new_token()
        self.log = log
        self.record_problem: str | None = None
        self.pool = LibraryPool(self.db_path)
        try:
            self.site = Site(self.pool.borrow, self.token)
            self.httpd = _bind(host or lan_address(), port, self.site, RateLimiter(rate, burst), log, per_address)
        except BaseException:
            self.pool.close()
            raise
        bound_host, self.port = self.httpd.server_address[:2]
        self.site.cookie = f"{COOKIE}_{self.port}"
        self.host = lan_address() if bound_host in ("0.0.0.0", "", "::") else bound_host
        self.record = {"url": f"{_origin(self.host, self.port)}/?token={self.token}", "host": self.host,
                       "port": self.port, "token": self.token, "pid": os.getpid()}
        self.url = self.record["url"]
        self._thread: threading.Thread | None = None
        self._record = record_path(self.db_path, self.port) if record else None

    def article_url(self, article_id: int, script: str | None = None) -> str:
        return article_url(self.record, article_id, script)

    def warm(self) -> None:
        """Build the script converters the pages use (25-260 ms each, once a process) before the
        first phone asks: started from a thread worker (the TUI) or before the link is printed,
        so the first page is as fast as the others."""
        from reader.script import to_display

        for script in ("traditional", "simplified"):
            for source in ("simplified", "traditional"):
                to_display("简", script, source, self.site.standard)

    def start(self) -> Running:
        self.warm()
        self.write_record()
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="reader-serve", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until ``KeyboardInterrupt`` (``reader serve``: warm it and
        write the record first)."""
        self.httpd.serve_forever()

    def stop(self) -> None:
        self.httpd.stopped = True  # connections still open get a last 503 and are closed
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(5)
        self.httpd.server_close()
        self.pool.close()
        if self._record is not None:
            try:
                current = json.loads(self._record.read_text("utf-8"))
                if current.get("token") == self.token:
                    self._record.unlink()
            except (OSError, ValueError):
                pass

    def write_record(self) -> None:
        """Write down the running server for ``reader qr --lan`` (readable by the user only: it
        holds the token). Best effort: a record that cannot be written costs only that
        (``record_problem`` says why), never the server."""
        if self._record is None:
            return
        try:
            with replacing(self._record, mode=0o600) as out:
                out.write(json.dumps(self.record).encode("utf-8"))
        except OSError as error:
            self.record_problem = f"cannot write {self._record} ({error.strerror or error}): reader qr --lan will not find this server"
            if self.log is not None:
                self.log(self.record_problem)


def _bind(host: str, port: int | None, site: Site, limiter: RateLimiter, log=None,
          per_address: int = MAX_PER_ADDRESS) -> _HTTPServer:
    """Bind ``port`` (the default one, or the next free one when the default is taken)."""
    tries = [port] if port is not None else [DEFAULT_PORT + n for n in range(10)] + [0]
    for candidate in tries:
        try:
            return _HTTPServer((host, candidate), site, limiter, log, per_address)
        except OSError as error:
            last = error
            if port is not None or error.errno not in (98, 48, 10048):  # address in use: try the next
                break
    what = f"{host}:{port}" if port is not None else host
    reason = getattr(last, "strerror", None) or str(last)
    raise ReaderError(f"cannot listen on {what}: {reason}")


def record_path(db_path: Path, port: int) -> Path:
    """One record per running server (a ``reader serve`` and the reader's own may both run)."""
    return db_path.with_name(f"{db_path.name}.serve-{port}.json")


def running_record(db_path: Path) -> dict | None:
    """The newest server running for this library (``url``, ``host``, ``port``, ``token``), or None.
    Records of servers that died without cleaning up (their process is gone) are removed."""
    found = []
    for path in db_path.parent.glob(f"{glob.escape(db_path.name)}.serve-*.json"):
        try:
            data = json.loads(path.read_text("utf-8"))
            pid = int(data["pid"])
            if not isinstance(data.get("token"), str) or not isinstance(data.get("host"), str):
                continue
            os.kill(pid, 0)
        except ProcessLookupError:
            _unlink(path)
            continue
        except PermissionError:
            pass
        except (OSError, ValueError, KeyError, TypeError):
            continue
        found.append((path.stat().st_mtime, data))
    return max(found, key=lambda item: item[0])[1] if found else None


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def article_url(record: dict, article_id: int, script: str | None = None) -> str:
    """The article's page; ``script`` (traditional, simplified, original): the script the phone
    opens it in, the one the user is reading in (else the server's default)."""
    shown = f"&script={script}" if script in ("traditional", "simplified", "original") else ""
    return f"{_origin(record['host'], int(record['port']))}/a/{article_id}?token={record['token']}{shown}"


def _origin(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
