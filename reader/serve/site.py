"""What the server answers, as a plain function of the request: routes, the token, the headers.

Kept apart from the socket code (``reader.serve.server``) so every rule here is tested without
a network. Routes (everything else is 404; only GET and HEAD):

- ``/``                the newest articles, 50 a page (``?page=N``)
- ``/search?q=…``      full-text search (the library's query language)
- ``/a/<id>``          one article
- ``/photo/<sha256>``  one of the library's photos (an article page shows them), as stored
- ``/style.css``       the one stylesheet

Every route takes ``?script=traditional|simplified|original`` (default: the script the user
reads in, the TUI's setting). Access needs the run's secret token: ``?token=…`` on the first
request sets a cookie and redirects to the same page without the token (it leaves the address
bar and the history); later requests carry the cookie. A request without either gets 403.
The cookie is named after the port (two servers on one machine do not overwrite each other's;
cookies are not kept apart by port) and is ``SameSite=Lax``, so a link opened from a chat or a
mail still works (the site only shows pages, and no page can be framed).
"""

from __future__ import annotations

import hmac
import re
import urllib.parse
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from reader.errors import ReaderError, UsageError
from reader.export.presenting import present
from reader.photos.kinds import image_type
from reader.library.types import NoSuchArticle
from reader.serve import pages

COOKIE = "reader_token"  # + "_<port>" once the server has one
PAGE_SIZE = 50
MAX_PAGE = 10_000
MAX_QUERY_CHARS = 200
SCRIPT_SETTING = "tui.script"  # the TUI's choice of script, the default here too
STANDARD_SETTING = "tui.traditional_standard"

SECURITY_HEADERS = {
    # no scripts, no frames, no plugins, nothing from anywhere but this server
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

_ARTICLE = re.compile(r"^/a/([1-9][0-9]{0,17})$")
_PHOTO = re.compile(r"^/photo/([0-9a-f]{64})$")
_PAGE = re.compile(r"[1-9][0-9]{0,4}")


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


class Site:
    """The pages of one library for one run of the server.

    ``borrow()`` lends a ``Library`` for one request (a context manager); the server keeps a
    small pool so concurrent phones do not wait on one connection's lock.
    """

    def __init__(self, borrow: Callable[[], AbstractContextManager], token: str):
        self.borrow = borrow
        self.token = token
        self.cookie = COOKIE
        with borrow() as library:
            self.default_script = library.get_setting(SCRIPT_SETTING, "original")
            self.standard = library.get_setting(STANDARD_SETTING, "tw")
        if self.default_script not in pages.SCRIPTS:
            self.default_script = "original"
        if self.standard not in ("tw", "hk"):
            self.standard = "tw"

    # -- access --------------------------------------------------------------------------------

    def _token_ok(self, candidate: str | None) -> bool:
        return bool(candidate) and hmac.compare_digest(candidate.encode("utf-8", "replace"), self.token.encode())

    def _cookie_ok(self, cookie_header: str | None) -> bool:
        """Whether any cookie of ours in the header holds the token. Parsed by hand: the standard
        library's parser drops the whole header at the first cookie it dislikes (another site on
        this machine may set one with a space or a quote in it)."""
        for part in (cookie_header or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == self.cookie and self._token_ok(value.strip().strip('"')):
                return True
        return False

    def handle(self, method: str, target: str, cookie_header: str | None = None) -> Response:
        if method not in ("GET", "HEAD"):
            return self.error(405, "Method not allowed", "This server only shows pages.", {"Allow": "GET, HEAD"})
        try:
            parts = urllib.parse.urlsplit(target)
            params = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True, max_num_fields=8))
        except ValueError:
            return self.error(400, "Bad request", "The address could not be read.")
        path = parts.path
        if path == "/style.css":  # no secret in it; served so the 403 page has its style too
            return Response(200, pages.STYLESHEET.encode(), "text/css; charset=utf-8")
        if path == "/favicon.ico":  # every browser asks for it: "none", without a 404 page
            return Response(204, content_type="image/x-icon")
        token = params.pop("token", None)
        if token is not None:
            if not self._token_ok(token):
                return self.error(403, "Forbidden", "This link's token is not the server's: scan the code again.")
            query = urllib.parse.urlencode(params)
            return Response(
                303,
                headers={
                    "Location": (path if path.startswith("/") else "/") + ("?" + query if query else ""),
                    "Set-Cookie": f"{self.cookie}={self.token}; HttpOnly; SameSite=Lax; Path=/",
                },
            )
        if not self._cookie_ok(cookie_header):
            return self.error(403, "Forbidden", "Open the link that reader serve printed (it carries a token).")
        script = params.get("script") or self.default_script
        if script not in pages.SCRIPTS:
            return self.error(400, "Bad request", "script is traditional, simplified or original.")
        try:
            if path == "/":
                return self._list(script, params.get("page", "1"))
            if path == "/search":
                return self._search(script, params.get("q", ""), params.get("page", "1"))
            match = _ARTICLE.match(path)
            if match:
                return self._article(int(match.group(1)), script)
            match = _PHOTO.match(path)
            if match:
                return self._photo(match.group(1))
        except ReaderError:  # the library moved or is locked: say so, not where it lives
            return self.error(503, "Unavailable", "The library cannot be read just now.")
        return self._not_found()

    # -- pages ---------------------------------------------------------------------------------

    def _list(self, script: str, page_value: str) -> Response:
        if not _PAGE.fullmatch(page_value) or int(page_value) > MAX_PAGE:
            return self._not_found()
        number = int(page_value)
        with self.borrow() as library:
            rows = library.list_articles(None, limit=PAGE_SIZE + 1, offset=(number - 1) * PAGE_SIZE)
            total = library.count(None)
        if not rows and number > 1:
            return self._not_found()  # past the last page
        heading = pages.label("文章", script)
        return Response(200, pages.article_list(rows[:PAGE_SIZE], script, heading, number, len(rows) > PAGE_SIZE, total))

    def _search(self, script: str, query: str, page_value: str) -> Response:
        """Ranked results, 50 a page (``&page=N``), like the list."""
        if not _PAGE.fullmatch(page_value) or int(page_value) > MAX_PAGE:
            return self._not_found()
        number = int(page_value)
        query = pages.clean(query).strip()[:MAX_QUERY_CHARS]
        hits = []
        if query:
            try:
                with self.borrow() as library:
                    hits = library.search(query, limit=PAGE_SIZE + 1, offset=(number - 1) * PAGE_SIZE)
            except UsageError as problem:  # a query the search language cannot read: say why, keep the form
                return Response(400, pages.search_results([], query, script, problem=str(problem)))
            if not hits and number > 1:
                return self._not_found()
        return Response(200, pages.search_results(hits[:PAGE_SIZE], query, script, page_number=number,
                                                  more=len(hits) > PAGE_SIZE, first=(number - 1) * PAGE_SIZE + 1))

    def _article(self, article_id: int, script: str) -> Response:
        with self.borrow() as library:
            try:
                stored = library.get(article_id)
            except NoSuchArticle:
                return self._not_found()
            highlights = library.highlights(article_id)
            photos = library.photos(article_id)
        return Response(200, pages.article(present(stored, highlights, script, self.standard, photos), script))

    def _photo(self, key: str) -> Response:
        """The image bytes as imported, under the type they decoded as (never sniffed by the phone)."""
        with self.borrow() as library:
            data = library.photo_bytes(key)
        mime = image_type(data) if data is not None else None
        if mime is None:
            return self._not_found()
        return Response(200, data, mime, headers={"Cache-Control": "private, max-age=86400"})

    def _not_found(self) -> Response:
        return self.error(404, "Not found", "No such page.")

    def error(self, status: int, title: str, text: str, headers: dict[str, str] | None = None) -> Response:
        return Response(status, pages.message(f"{status} {title}", text), headers=headers or {})
