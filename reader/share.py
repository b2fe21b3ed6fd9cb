"""Share an article as a QR code: what the code holds, and how it is drawn.

This module is the core of the share feature. The CLI (``reader qr``) and the TUI (the share
block in the reader pane, the share screen) only call it; it never imports Textual, and Pillow
is imported only when a PNG is written.

What the code holds (the payload rule)
--------------------------------------
1. The article's canonical URL (``Article.url``: manifest ``url``, ``<link rel=canonical>`` /
   ``og:url``, JSON ``url``) when it is an absolute ``http`` or ``https`` URL with a host and no
   whitespace or control characters. Non-ASCII characters are percent-encoded (the host is
   IDNA-encoded) so every phone reads the same link. Kind ``"url"``.
2. Any other URL (``javascript:``, ``data:``, ``file:``, ``mailto:``, relative, malformed,
   longer than ``URL_MAX_BYTES``) is refused and never encoded: the article is shared as if it
   had no URL, and ``Payload.refused_url`` says why.
3. Without a usable URL: a short citation, so a phone still gets something useful. It is the
   title on the first line, then source and date (``YYYY-MM-DD``) on the second, converted to the
   article's current display script with :func:`reader.script.to_display`, stripped of control
   characters, and at most ``CITATION_MAX_BYTES`` bytes of UTF-8 (the title is shortened with
   ``…``; source and date are kept). Kind ``"citation"``.
4. ``--text`` (:func:`text_payload`) overrides all of this with the user's own text, kind
   ``"text"``. It is refused (:class:`ShareError`, exit 2) when it is empty, too long for a QR
   code, or a URI with a scheme other than http/https (a single word like ``javascript:...`` or
   ``WIFI:...``; text with spaces such as ``Note: ...`` is plain text).

Payloads are encoded as UTF-8 in byte mode, error correction level M; non-ASCII payloads carry
an ECI designator saying UTF-8 (see :func:`make_matrix`).

How it is drawn
---------------
:func:`make_matrix` gives a :class:`QRMatrix` (modules including the quiet zone, at least
``MIN_BORDER`` modules). :func:`half_block_rows` turns it into rows of :class:`Cell` for a
terminal: one cell is two modules stacked, drawn as ``▀ ▄ █`` or space with the foreground
colour ``DARK`` and the background colour ``LIGHT`` set explicitly, so the code is dark on light
whatever the terminal theme. The CLI (:func:`terminal_text`) and the Textual widget both draw
these same cells. :func:`write_png` and :func:`write_svg` write image files atomically.
"""

from __future__ import annotations

import os
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from reader.atomicfile import replacing
from reader.errors import ReaderError, UsageError
from reader.textsafe import terminal_safe

if TYPE_CHECKING:
    from reader.model import Article
    from reader.script import DisplayScript, Script, TraditionalStandard

PayloadKind = Literal["url", "citation", "text"]

URL_MAX_BYTES = 1024
"""Longer URLs are refused: the code would be too dense to scan from a terminal."""
CITATION_MAX_BYTES = 160
"""A citation fits a version 8 code (49x49 modules, 53x27 terminal cells with the quiet zone)."""
TEXT_MAX_BYTES = 2331
"""The most bytes a QR code holds at error correction M (version 40)."""
MIN_BORDER = 2
"""The smallest quiet zone reader draws; the QR standard asks for 4, most readers need 2."""
TERMINAL_BORDER = 2
IMAGE_BORDER = 4
DEFAULT_SCALE = 8
MAX_SCALE = 100

DARK = (0, 0, 0)
"""Colour of dark modules (RGB). 256-colour index 16 in the terminal."""
LIGHT = (255, 255, 255)
"""Colour of light modules and the quiet zone (RGB). 256-colour index 231 in the terminal."""

# xterm 256-colour cube entries: unlike the 16 "ANSI" colours, themes do not remap them.
SGR_DARK_ON_LIGHT = "\x1b[38;5;16;48;5;231m"
SGR_RESET = "\x1b[0m"

_HALF = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
HALF_BLOCK_MODULES = {char: pair for pair, char in _HALF.items()}
"""Character -> (top dark, bottom dark): the inverse of the drawing, for tests and tools."""


class ShareError(UsageError):
    """A payload is refused (bad scheme, empty, too long) or a share option is wrong. Exit 2."""


class ShareWriteError(ReaderError):
    """An image file cannot be written (directory missing, permission denied, disk full)."""


@dataclass(frozen=True)
class Payload:
    """What a QR code holds and why."""

    text: str
    kind: PayloadKind
    refused_url: str | None = None  # one-line reason, when the article's URL was not usable


# ----------------------------------------------------------------------------- payload rule

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_WHITESPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
# Characters allowed unescaped in a URL: RFC 3986 reserved and unreserved, plus "%" (already
# escaped sequences stay as they are).
_URL_SAFE = "!#$%&'()*+,-./:;=?@[]~_"


def check_url(url: str) -> str:
    """Return ``url`` as it will be encoded, or raise :class:`ShareError` saying why not.

    Accepts only absolute http/https URLs with a host. Non-ASCII is percent-encoded and the
    host IDNA-encoded; nothing else is changed.
    """
    if url is None:
        raise ShareError("no URL")
    raw = url.strip()
    if not raw:
        raise ShareError("empty URL")
    shown = terminal_safe(raw)[:80]
    if _WHITESPACE_OR_CONTROL.search(raw) or any(
        unicodedata.category(ch) == "Cf" for ch in raw
    ):
        raise ShareError(f"URL contains spaces or control characters: {shown!r}")
    match = _SCHEME.match(raw)
    if not match:
        raise ShareError(f"not an absolute URL: {shown!r}")
    scheme = match.group(1).lower()
    if scheme not in ("http", "https"):
        raise ShareError(f"refused URL scheme {scheme!r}: only http and https links are shared")
    try:
        parts = urllib.parse.urlsplit(raw)
        host = parts.hostname
        port = parts.port  # raises ValueError on a bad port
    except ValueError as error:
        raise ShareError(f"malformed URL {shown!r}: {error}") from None
    if not host:
        raise ShareError(f"URL has no host: {shown!r}")
    netloc = parts.netloc
    if not host.isascii():
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise ShareError(f"URL host cannot be encoded: {shown!r}") from None
        userinfo = netloc.rpartition("@")[0]
        netloc = (userinfo + "@" if userinfo else "") + ascii_host
        if port is not None:
            netloc += f":{port}"
    if netloc != parts.netloc:
        result = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
        if raw.endswith("#") and not result.endswith("#"):
            result += "#"
    else:
        result = raw
    # Percent-encode what is not allowed in a URL (non-ASCII, quotes, braces, ...).
    result = urllib.parse.quote(result, safe=_URL_SAFE)
    if len(result.encode("utf-8")) > URL_MAX_BYTES:
        raise ShareError(f"URL longer than {URL_MAX_BYTES} bytes")
    return result


def _clean_line(text: str | None) -> str:
    """One line of plain text: no control characters, whitespace runs collapsed."""
    if not text:
        return ""
    text = terminal_safe(unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def _date_part(published: str | None) -> str:
    if not published:
        return ""
    match = re.match(r"\d{4}-\d{2}-\d{2}", published.strip())
    return match.group(0) if match else ""


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def _shorten(text: str, max_bytes: int) -> str:
    """``text`` cut to ``max_bytes`` of UTF-8, ending in ``…`` when cut."""
    if _utf8_len(text) <= max_bytes:
        return text
    budget = max_bytes - _utf8_len("…")
    out = []
    used = 0
    for ch in text:
        size = _utf8_len(ch)
        if used + size > budget:
            break
        out.append(ch)
        used += size
    return "".join(out).rstrip() + "…"


def citation(
    article: Article,
    article_script: Script,
    display: DisplayScript = "original",
    standard: TraditionalStandard = "tw",
    max_bytes: int = CITATION_MAX_BYTES,
) -> str:
    """Title, then ``source date``, in the display script, at most ``max_bytes`` of UTF-8."""
    from reader.script import to_display

    title = _clean_line(to_display(article.title or "", display, article_script, standard))
    source = _clean_line(to_display(article.source or "", display, article_script, standard))
    second = " ".join(part for part in (source, _date_part(article.published)) if part)
    if _utf8_len(second) > max_bytes // 2:
        second = _shorten(second, max_bytes // 2)
    if not title:
        return second
    if not second:
        return _shorten(title, max_bytes)
    budget = max_bytes - _utf8_len(second) - 1
    return _shorten(title, budget) + "\n" + second


def payload_for(
    article: Article,
    article_script: Script = "unknown",
    display: DisplayScript = "original",
    standard: TraditionalStandard = "tw",
) -> Payload:
    """The payload for an article, by the rule in this module's docstring.

    ``article`` is a :class:`reader.model.Article` or anything with its ``title``, ``source``,
    ``published`` and ``url`` (a library ``StoredArticle``); ``article_script`` is its detected
    script, ``display`` the script the user reads in.
    """
    refused = None
    if article.url and article.url.strip():
        try:
            return Payload(check_url(article.url), "url")
        except ShareError as error:
            refused = str(error)
    text = citation(article, article_script, display, standard)
    if not text:
        raise ShareError("the article has no URL, title, source or date to share")
    return Payload(text, "citation", refused_url=refused)


def text_payload(text: str) -> Payload:
    """The user's own text (``--text``); see the rule in this module's docstring."""
    if text is None or not text.strip():
        raise ShareError("--text is empty")
    text = terminal_safe(text).strip()
    if not text:
        raise ShareError("--text has nothing but control characters")
    match = _SCHEME.match(text)
    if match and not re.search(r"\s", text):
        if match.group(1).lower() in ("http", "https"):
            check_url(text)  # refuses malformed links, keeps the user's spelling
        else:
            raise ShareError(
                f"refused URL scheme {match.group(1).lower()!r}: only http and https links are shared"
            )
    if _utf8_len(text) > TEXT_MAX_BYTES:
        raise ShareError(f"--text is {_utf8_len(text)} bytes; a QR code holds at most {TEXT_MAX_BYTES}")
    return Payload(text, "text")


def share_label(display: DisplayScript, article_script: Script = "unknown") -> str:
    """The share block's label in the current script: 扫一扫分享 when reading Simplified."""
    from reader.script import ui_label

    return ui_label("掃一掃分享", display, article_script)


# ----------------------------------------------------------------------------- the matrix


@dataclass(frozen=True)
class QRMatrix:
    """QR modules, quiet zone included: ``modules[y][x]`` is True for a dark module."""

    modules: tuple[tuple[bool, ...], ...]
    version: int
    border: int

    @property
    def size(self) -> int:
        """Modules per side, quiet zone included."""
        return len(self.modules)


def make_matrix(payload: str | Payload, border: int = TERMINAL_BORDER) -> QRMatrix:
    """Encode ``payload`` as UTF-8 bytes, error correction M, smallest version that fits.

    ASCII payloads (every URL, once percent-encoded) are one plain byte-mode segment, which every
    reader understands. Non-ASCII payloads (a Chinese citation) start with an ECI designator for
    UTF-8 (ECI 26): without it readers guess the charset of byte-mode data, and zbar, for one,
    reads some Chinese UTF-8 as Shift JIS.
    """
    text = payload.text if isinstance(payload, Payload) else payload
    check_border(border)
    return _matrix_for(text, border)


@lru_cache(maxsize=64)
def _matrix_for(text: str, border: int) -> QRMatrix:
    """Cached: the reader redraws the same article's code on every open and script switch, and
    masking a citation-sized code costs ~20 ms (QRMatrix is immutable, so sharing it is safe)."""
    import qrcode

    data = text.encode("utf-8")
    if data.isascii():
        qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border)
        qr.add_data(data)
        from qrcode.exceptions import DataOverflowError

        try:
            qr.make(fit=True)
        except DataOverflowError:
            raise ShareError(f"{len(data)} bytes do not fit in a QR code") from None
    else:
        qr = _utf8_eci_qr(data, border)
    modules = tuple(tuple(bool(m) for m in row) for row in qr.get_matrix())
    return QRMatrix(modules=modules, version=qr.version, border=border)


_ECI_UTF8 = 26


def _utf8_eci_qr(data: bytes, border: int):
    """A QR code of one byte-mode segment preceded by ECI 26 (UTF-8), level M.

    ``qrcode`` has no ECI support, so the data codewords are built here (ISO/IEC 18004: mode
    0111, an 8-bit designator, then mode 0100, the count and the bytes; terminator and pad
    codewords as in ``qrcode.util.create_data``) and the library does the rest (error
    correction, placement, masking).
    """
    import qrcode
    from qrcode import base, util

    level = qrcode.constants.ERROR_CORRECT_M
    version = None
    for candidate in range(1, 41):
        count_bits = util.length_in_bits(util.MODE_8BIT_BYTE, candidate)
        needed = 4 + 8 + 4 + count_bits + 8 * len(data)
        if needed <= util.BIT_LIMIT_TABLE[level][candidate] and len(data) < (1 << count_bits):
            version = candidate
            break
    if version is None:
        raise ShareError(f"{len(data)} bytes do not fit in a QR code")

    buffer = util.BitBuffer()
    buffer.put(0b0111, 4)  # ECI mode
    buffer.put(_ECI_UTF8, 8)  # designator, one byte form (values 0-127)
    buffer.put(util.MODE_8BIT_BYTE, 4)
    buffer.put(len(data), util.length_in_bits(util.MODE_8BIT_BYTE, version))
    for byte in data:
        buffer.put(byte, 8)
    rs_blocks = base.rs_blocks(version, level)
    bit_limit = sum(block.data_count * 8 for block in rs_blocks)
    for _ in range(min(bit_limit - len(buffer), 4)):
        buffer.put_bit(False)
    if len(buffer) % 8:
        for _ in range(8 - len(buffer) % 8):
            buffer.put_bit(False)
    for i in range((bit_limit - len(buffer)) // 8):
        buffer.put(util.PAD0 if i % 2 == 0 else util.PAD1, 8)

    qr = qrcode.QRCode(version=version, error_correction=level, border=border)
    qr.add_data(util.QRData(data, mode=util.MODE_8BIT_BYTE))
    qr.data_cache = util.create_bytes(buffer, rs_blocks)  # after add_data, which clears it
    qr.make(fit=False)
    return qr


def check_border(border: int) -> None:
    if not isinstance(border, int) or border < MIN_BORDER or border > 100:
        raise ShareError(f"--border must be between {MIN_BORDER} and 100 modules, not {border}")


def check_scale(scale: int) -> None:
    if not isinstance(scale, int) or scale < 1 or scale > MAX_SCALE:
        raise ShareError(f"--scale must be between 1 and {MAX_SCALE} pixels per module, not {scale}")


# ----------------------------------------------------------------------------- terminal


class Cell(NamedTuple):
    """One terminal cell: two modules stacked. Draw ``char`` in DARK on LIGHT."""

    char: str
    top_dark: bool
    bottom_dark: bool


def half_block_rows(matrix: QRMatrix) -> list[list[Cell]]:
    """Rows of cells, two module rows per cell row; an odd last row gets a light bottom half."""
    rows = []
    modules = matrix.modules
    width = matrix.size
    for y in range(0, len(modules), 2):
        top = modules[y]
        bottom = modules[y + 1] if y + 1 < len(modules) else (False,) * width
        rows.append([Cell(_HALF[(t, b)], t, b) for t, b in zip(top, bottom)])
    return rows


def half_block_lines(matrix: QRMatrix) -> list[str]:
    """The characters of :func:`half_block_rows`, one string per row (no colours)."""
    return ["".join(cell.char for cell in row) for row in half_block_rows(matrix)]


def full_block_lines(matrix: QRMatrix) -> list[str]:
    """A larger drawing: one module is two cells wide and one high (``██`` or two spaces)."""
    return ["".join("██" if dark else "  " for dark in row) for row in matrix.modules]


def half_block_size(matrix: QRMatrix) -> tuple[int, int]:
    """(columns, rows) of the half-block drawing."""
    return matrix.size, (matrix.size + 1) // 2


def terminal_text(matrix: QRMatrix, color: bool = True) -> str:
    """The code as the CLI prints it, one line per cell row, newline-terminated.

    With ``color`` every line is wrapped in ``SGR_DARK_ON_LIGHT`` ... ``SGR_RESET`` (xterm
    256-colour black on white), which scans on dark and light themes alike. Without colour the
    glyphs are the dark modules: it scans only where text is dark on a light background (a
    light theme, paper, a text editor); on a dark theme it is inverted.
    """
    lines = half_block_lines(matrix)
    if color:
        lines = [f"{SGR_DARK_ON_LIGHT}{line}{SGR_RESET}" for line in lines]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- files


def _atomic_write(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename."""
    target = Path(path)
    try:
        with replacing(target) as handle:
            handle.write(data)
    except OSError as error:
        raise ShareWriteError(f"cannot write {target}: {error.strerror or error}") from None
    return target


def png_bytes(matrix: QRMatrix, scale: int = DEFAULT_SCALE) -> bytes:
    """A 1-bit PNG of the matrix, ``scale`` pixels per module."""
    import io

    from PIL import Image

    check_scale(scale)
    size = matrix.size
    image = Image.new("1", (size, size), 1)
    pixels = image.load()
    for y, row in enumerate(matrix.modules):
        for x, dark in enumerate(row):
            if dark:
                pixels[x, y] = 0
    if scale != 1:
        image = image.resize((size * scale, size * scale), Image.Resampling.NEAREST)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def svg_text(matrix: QRMatrix, scale: int = DEFAULT_SCALE) -> str:
    """An SVG of the matrix: viewBox in modules, one ``h`` run per horizontal stretch of dark."""
    check_scale(scale)
    size = matrix.size
    runs = []
    for y, row in enumerate(matrix.modules):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append(f"M{start},{y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    pixels = size * scale
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{pixels}" height="{pixels}" '
        f'viewBox="0 0 {size} {size}" shape-rendering="crispEdges">\n'
        f'<rect width="{size}" height="{size}" fill="#ffffff"/>\n'
        f'<path fill="#000000" d="{"".join(runs)}"/>\n'
        "</svg>\n"
    )


def write_png(matrix: QRMatrix, path: str | os.PathLike[str], scale: int = DEFAULT_SCALE) -> Path:
    """Write a PNG atomically; :class:`ShareWriteError` when the file cannot be written."""
    return _atomic_write(path, png_bytes(matrix, scale))


def write_svg(matrix: QRMatrix, path: str | os.PathLike[str], scale: int = DEFAULT_SCALE) -> Path:
    """Write an SVG atomically; :class:`ShareWriteError` when the file cannot be written."""
    return _atomic_write(path, svg_text(matrix, scale).encode("utf-8"))
