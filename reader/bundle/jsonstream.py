"""The elements of a big JSON array read one at a time (a wallabag export, a JSON Feed's
``items``), so that a file of 100,000 articles is never held whole.

The standard library's ``raw_decode`` reads one element from a window of decoded text; the
window grows only as far as the element being read (at most ``cap`` characters).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from reader.bundle.items import Skipped
from reader.errors import BundleError, DocumentError
from reader.limits import Limits

_CHUNK = 1 << 16
_DECODER = json.JSONDecoder()


class JSONStreamError(ValueError):
    """Not JSON, or not the shape expected, at a known place."""


class _Window:
    def __init__(self, stream: BinaryIO, cap: int):
        self.stream = stream
        self.cap = cap
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
        self.text = ""
        self.pos = 0
        self.eof = False

    def fill(self, want: int = _CHUNK) -> None:
        self.text = self.text[self.pos :]
        self.pos = 0
        data = self.stream.read(max(want, _CHUNK))
        try:
            self.text += self.decoder.decode(data, final=not data)
        except UnicodeDecodeError:
            raise JSONStreamError("not UTF-8 text, or cut short") from None
        self.eof = not data

    def peek(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.text) or self.eof:
                return self.text[self.pos : self.pos + 1]
            self.fill()

    def expect(self, chars: str, where: str) -> str:
        found = self.peek()
        if not found or found not in chars:
            raise JSONStreamError(f"expected {' or '.join(repr(c) for c in chars)} {where}, found {found or 'the end'!r}")
        self.pos += 1
        return found

    def value(self):
        """The next JSON value; the window grows (doubling) until it holds the whole of it."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
                if end - self.pos > self.cap:
                    raise JSONStreamError(f"one element is over {self.cap:,} characters")
                if end < len(self.text) or self.eof:  # a number at the window's edge may go on
                    self.pos = end
                    return value
            except json.JSONDecodeError as exc:
                if self.eof:
                    raise JSONStreamError(f"invalid JSON ({exc.msg})") from None
            if len(self.text) - self.pos > self.cap:
                raise JSONStreamError(f"one element is over {self.cap:,} characters")
            self.fill(len(self.text) - self.pos)


def array_items(stream: BinaryIO, cap: int) -> Iterator[object]:
    """Each element of the array that is the whole document."""
    window = _Window(stream, cap)
    window.expect("[", "at the start")
    yield from _elements(window)
    if window.peek():
        raise JSONStreamError("text after the end of the array")


def object_fields(stream: BinaryIO, cap: int, array_key: str) -> Iterator[tuple[str, object, bool]]:
    """The fields of the object that is the whole document, as (key, value, False); the array at
    ``array_key`` one element at a time, as (key, element, True)."""
    window = _Window(stream, cap)
    window.expect("{", "at the start")
    if window.peek() == "}":
        window.pos += 1
        return
    while True:
        key = window.value()
        if not isinstance(key, str):
            raise JSONStreamError("an object key is not a string")
        window.expect(":", f"after the key {key[:40]!r}")
        if key == array_key and window.peek() == "[":
            window.pos += 1
            for element in _elements(window):
                yield key, element, True
        else:
            yield key, window.value(), False
        if window.expect(",}", "between fields") == "}":
            break
    if window.peek():
        raise JSONStreamError("text after the end of the object")


def _elements(window: _Window) -> Iterator[object]:
    if window.peek() == "]":
        window.pos += 1
        return
    while True:
        yield window.value()
        if window.expect(",]", "between elements") == "]":
            return


def counted(values: Iterable[object], name: str, limits: Limits, what: str, noun: str, nouns: str
            ) -> Iterator[tuple[int, object] | DocumentError | Skipped]:
    """A container's JSON entries numbered from 1: past ``max_entries`` one DocumentError; JSON
    broken before the first entry a BundleError (the file is not this format), after it one
    DocumentError for the rest; no entry at all a Skipped ("JSON Feed without items")."""
    count = 0
    try:
        for value in values:
            count += 1
            if count > limits.max_entries:
                yield DocumentError(name, f"{noun} {count}: more than {limits.max_entries:,} {nouns} (limit max_entries): the rest skipped")
                return
            yield count, value
    except JSONStreamError as exc:
        if count == 0:
            raise BundleError(f"{name}: not a readable {what} ({exc})") from None
        yield DocumentError(name, f"broken JSON after {noun} {count} ({exc}): the rest skipped")
        return
    if count == 0:
        yield Skipped(name, f"{what} without {nouns}")
