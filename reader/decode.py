"""bytes -> str for one article file.

Order of evidence (first that decodes *cleanly and plausibly* wins):

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. BOM-less UTF-16, recognised by NUL bytes standing on every other position;
3. the label the manifest declares for the file (``declared``);
4. for HTML, the ``<meta charset>`` / ``http-equiv`` label in the first few KB;
5. detection: strict UTF-8, then GB18030 and Big5-HKSCS scored on how Chinese the result looks;
6. a file mixing UTF-8 lines with GBK/Big5 lines is decoded line by line;
7. the best tolerant decoding if it has only a few bad bytes;
8. for text that is not Chinese at all, charset-normalizer's guess, if it decodes strictly.

A label is never trusted blindly: a ``gb2312`` label on a UTF-8 page decodes "cleanly" as GB18030
but gives rare characters in place of common ones, so it fails the plausibility score and
detection takes over. ``gbk``/``gb2312`` labels decode as GB18030 (a superset) and ``big5`` as
Big5-HKSCS. Binary content, empty files and undecodable garbage raise ``ContentError``.

Work is linear in the input: codecs run in C over the whole input, plausibility is scored on a
bounded sample.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from reader.errors import ContentError
from reader.model import DocumentKind

__all__ = ["Decoded", "decode", "normalise_label"]


@dataclass(frozen=True)
class Decoded:
    """Decoded text (NULs stripped, newlines normalised to \\n) and the codec that produced it."""

    text: str
    encoding: str  # Python codec name, e.g. "utf-8", "gb18030", "big5hkscs", "utf-16-le"
    replaced: int = 0  # bytes that could not be decoded and became U+FFFD (0 for a clean decode)


# The ~500 commonest hanzi in Chinese news text, in Simplified and Traditional forms (counted over
# the hand-labelled article bodies of the Chinese Web Content Extraction Dataset, MIT licence,
# and converted with OpenCC). Real Chinese text has well over half its hanzi in this set; mojibake
# (UTF-8 read as GBK, Big5 read as GBK, ...) has a few percent.
_COMMON_HANZI = frozenset("一万三上下不与专且世业东两並个中为主么义之乐也习书买了争事二于五些交产京亲人什仅今从他代以们件价任企众会传但位体何作你使來例供便俄保信個們候值做傳僅像價儿元先光克兒党入內全兩公共关其具内再农决况准几出分切则创初別利别到制則前創力办功加务动势動務勢包化北区医區十华单南即却卻历压原去参參又及反发取受变口只可台史司各合同名后向否听告员呢命和品响員唱商問單四回因国图國圖在地场型城基報場境增壓士声处外多大天太失头奖女她好如始子存学孩學它安完定宝实客家容實寶对导将將專對導小少尔就尽局展山岁工己已市师带師帶常平年并幾广应府度廣建开式引张張強强当形影往很後得從心必快态怎思性总息情想意愛感態應成我或战戰戶户所手才打承技把投护报持指据接推提據支收改放政效教数整數文断斯新斷方於施无日时明易星是显時曲更書最會月有服望期本术机权李条来東极构析果某标校样根格條業極構樂標模樣機權次歌正此步歲歷死段每比民气氣水求江決沒没治況法注洋洲活流济海清準满滿演濟点為無然營爭爱爲爾物特獎獲率环现現理環生產用由电界當發百的益盡目直相省看真眾着知研础确確礎示社神种科称程種稱究空立第等简算管節簡类精系約級組結給統經網線總约级线组经结给统网美義習老考者而职联聯聲職聽育能自至臺與艺节英获華营萬藝處衆行術表被西要見規視親覺觀见观规视觉解言計記設許評話該認語說説調論講證識議護變讓计认让议记讲许论设证评识话该语说调象買費資質质费资起越足路身車較轉车转较辦農达过运近还这进送选這通速造進運過道達選還那部都配醫里重量金錢钱長长門開間關门问间际院際难集難電需非面革音響項領頭題類顯项领题風风飛飞首馬驗马验體高麼點黨")

_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "windows-936": "gb18030",
    "euc-cn": "gb18030",
    "csgb2312": "gb18030",
    "chinese": "gb18030",
    "hz-gb-2312": "hz",
    "big5": "big5hkscs",
    "big-5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "cn-big5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cp950": "big5hkscs",
    "ms950": "big5hkscs",
    "csbig5": "big5hkscs",
    "unicode": "utf-16",
    "ucs-2": "utf-16",
    "utf8": "utf-8",
    "latin1": "cp1252",
    "iso-8859-1": "cp1252",  # as browsers do
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SAMPLE_BYTES = 64 * 1024
_SAMPLE_CHARS = 20_000
_PLAUSIBLE = 0.6
# C0 controls that never appear in text files (tab, LF, VT, FF, CR, ESC excluded).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]{1,40})""", re.I)


def normalise_label(label: str | None) -> str | None:
    """A charset label as Python codec name (gbk -> gb18030, big5 -> big5hkscs); None if unknown."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower().replace("_", "-")
    key = _ALIASES.get(key, key)
    try:
        name = codecs.lookup(key).name
    except (LookupError, ValueError):
        return None
    # Normalise what codecs.lookup returns for the aliases above.
    name = {"gbk": "gb18030", "gb2312": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs"}.get(
        name, name
    )
    # A text codec only (no rot13/base64/zlib and friends).
    try:
        if not codecs.lookup(name)._is_text_encoding:  # type: ignore[attr-defined]
            return None
    except AttributeError:  # pragma: no cover
        pass
    return name


def _score(text: str) -> float:
    """How plausible ``text`` is as real text, in [0, 1], judged on bounded samples.

    Long texts are judged on three samples (start, middle, end) and get the lowest of the three
    scores, so a file that turns to mojibake half way (mixed encodings) is not judged by its start.
    """
    n = len(text)
    if n <= 3 * _SAMPLE_CHARS:
        return _score_sample(text)
    mid = n // 2
    return min(
        _score_sample(text[:_SAMPLE_CHARS]),
        _score_sample(text[mid : mid + _SAMPLE_CHARS]),
        _score_sample(text[-_SAMPLE_CHARS:]),
    )


def _score_sample(sample: str) -> float:
    """Only non-ASCII characters count (ASCII reads the same in every candidate codec). Bad
    characters (U+FFFD, private use, unassigned, C1 controls, surrogates) pull the score down;
    when the sample holds hanzi, the share of common hanzi among them scales it."""
    chars = "".join(_NON_ASCII.findall(sample))
    total = len(chars)
    if total == 0:
        return 1.0
    bad = hanzi = common = 0
    for ch in chars:
        o = ord(ch)
        if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or o >= 0x20000:
            if o >= 0xF0000:  # supplementary private use
                bad += 1
                continue
            hanzi += 1
            if ch in _COMMON_HANZI:
                common += 1
        elif o == 0xFFFD or 0xE000 <= o <= 0xF8FF or 0x80 <= o <= 0x9F or 0xD800 <= o <= 0xDFFF:
            bad += 1
        elif unicodedata.category(ch) == "Cn":
            bad += 1
    score = 1.0 - bad / total
    if hanzi >= 8:
        score *= min(1.0, (common / hanzi) / 0.3)
    elif hanzi:
        # Too few hanzi to judge, but enough to break a tie between GB18030 and Big5.
        score *= 0.9 + 0.1 * common / hanzi
    return max(score, 0.0)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _finish(text: str, encoding: str, replaced: int = 0) -> Decoded:
    if "\x00" in text:
        text = text.replace("\x00", "")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ContentError("no text: the file holds only white space")
    # Decoded text that is still full of control characters is binary in disguise.
    sample = text[:_SAMPLE_BYTES]
    controls = sum(sample.count(c) for c in "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x7f")
    if controls * 50 > len(sample):
        raise ContentError("binary content: too many control characters for a text file")
    return Decoded(text, encoding, replaced)


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' if NULs sit on one byte parity only, as ASCII in UTF-16 does."""
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2 or 1
    # Parity is the evidence; the strict decode and the plausibility score confirm it.
    if odd >= max(2, half * 0.001) and even <= odd * 0.25:
        return "utf-16-le"
    if even >= max(2, half * 0.001) and odd <= even * 0.25:
        return "utf-16-be"
    return None


def _try_utf16(data: bytes, sample: bytes) -> Decoded | None:
    """BOM-less UTF-16: the byte parity of the NULs says which end first; with weak parity
    evidence (CJK-heavy text has few ASCII characters) both orders are tried, and a strict
    decode that scores as real text is required either way."""
    guess = _utf16_without_bom(sample)
    tries = [(guess, _PLAUSIBLE)] if guess else []
    if len(data) % 2 == 0:
        tries += [(c, 0.85) for c in ("utf-16-le", "utf-16-be") if c != guess]
    for codec, bar in tries:
        body = data[: len(data) - (len(data) % 2)]
        text = _strict(body, codec)
        if text is None:
            if codec != guess:
                continue
            text = body.decode(codec, "replace")
            bad = text.count("\ufffd")
            if bad * 100 > max(len(text), 1) or _score(text) < bar:
                continue
            return _finish(text, codec, bad)
        if _score(text) >= bar:
            try:
                return _finish(text, codec)
            except ContentError:
                continue
    return None


def _try_label(data: bytes, label: str | None) -> Decoded | None:
    codec = normalise_label(label)
    if codec is None:
        return None
    if codec.startswith(("utf-16", "utf-32")) and len(data) % 2:
        return None
    text = _strict(data, codec)
    if text is None or _score(text) < _PLAUSIBLE:
        return None
    if codec not in _CJK_CAPABLE and not data.isascii() and _reads_as_chinese(data):
        # windows-1252 / iso-8859-1 labels on Chinese pages (misconfigured servers) decode
        # "cleanly" into Latin-1 mojibake; detection does better.
        return None
    return Decoded(text, codec)


_CJK_CAPABLE = frozenset(
    "utf-8 utf-16 utf-16-le utf-16-be utf-32 utf-32-le utf-32-be gb18030 big5hkscs hz "
    "euc_jp shift_jis cp932 euc_kr cp949 iso2022_jp iso2022_kr utf-7".split()
)


def _reads_as_chinese(data: bytes) -> bool:
    """True if the bytes decode strictly as UTF-8, GB18030 or Big5 into plausible hanzi text."""
    sample = data[: 4 * _SAMPLE_BYTES]
    for codec in ("utf-8", "gb18030", "big5hkscs"):
        for cut in range(4):  # the sample may end inside a character
            text = _strict(sample[: len(sample) - cut], codec)
            if text is not None:
                break
        else:
            continue
        hanzi = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        if hanzi >= 8 and _score(text) >= _PLAUSIBLE:
            return True
    return False


def _meta_label(data: bytes, scan: int) -> str | None:
    head = data[:scan]
    m = _META_CHARSET.search(head) or _XML_DECL.search(head)
    if not m:
        return None
    return m.group(1).decode("ascii", "replace")


def _decode_mixed(data: bytes) -> Decoded | None:
    """UTF-8 lines mixed with GB18030 or Big5 lines (concatenated scrapes): decode line by line."""
    lines = data.split(b"\n")
    if len(lines) < 2:
        return None
    utf8_lines = 0
    legacy: list[bytes] = []
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            legacy.append(line)
    if not utf8_lines or not legacy:
        return None
    joined = b"\n".join(legacy)
    best: tuple[float, str] | None = None
    for codec in ("gb18030", "big5hkscs"):
        text = _strict(joined, codec)
        if text is not None:
            s = _score(text)
            if s >= _PLAUSIBLE and (best is None or s > best[0]):
                best = (s, codec)
    if best is None:
        return None
    codec = best[1]
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode(codec, "replace"))
    return Decoded("\n".join(out), f"utf-8+{codec}")


def decode(
    data: bytes, kind: DocumentKind = "text", declared: str | None = None, *, meta_scan: int = 8192
) -> Decoded:
    """Decode one article file. Raises ContentError for empty, binary or undecodable input."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("decode() takes bytes")
    data = bytes(data)
    if not data:
        raise ContentError("empty file")

    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            text = _strict(body, codec)
            if text is not None:
                return _finish(text, codec)
            text = body.decode(codec, "replace")
            bad = text.count("\ufffd")
            if bad * 100 <= max(len(text), 1):
                return _finish(text, codec, bad)
            raise ContentError(f"undecodable: starts with a {codec} byte-order mark but is not {codec}")

    sample = data[:_SAMPLE_BYTES]
    nuls = sample.count(0)
    if nuls:
        found = _try_utf16(data, sample)
        if found is not None:
            return found
        if nuls * 100 > len(sample):
            raise ContentError("binary content: NUL bytes")
        data = data.replace(b"\x00", b"")
        sample = data[:_SAMPLE_BYTES]
        if not data:
            raise ContentError("binary content: only NUL bytes")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls * 50 > len(sample):
        raise ContentError("binary content: control bytes")

    for label in (declared, _meta_label(data, meta_scan) if kind == "html" else None):
        found = _try_label(data, label)
        if found is not None:
            return _finish(found.text, found.encoding)

    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_until = exc.start
    # Valid UTF-8 text before the first bad byte hints at a file mixing UTF-8 and GBK/Big5 lines.
    prefix = data[max(0, utf8_until - 4096) : utf8_until].decode("utf-8", "ignore")
    mixed_first = sum(len(run) for run in _NON_ASCII.findall(prefix)) >= 2
    if mixed_first:
        mixed = _decode_mixed(data)
        if mixed is not None:
            return _finish(mixed.text, mixed.encoding)

    best: tuple[float, str, str] | None = None
    for codec in ("gb18030", "big5hkscs"):
        text = _strict(data, codec)
        if text is not None:
            s = _score(text)
            if s >= _PLAUSIBLE and (best is None or s > best[0]):
                best = (s, codec, text)
    if best is not None:
        return _finish(best[2], best[1])

    if not mixed_first:
        mixed = _decode_mixed(data)
        if mixed is not None:
            return _finish(mixed.text, mixed.encoding)

    # Last resort: the tolerant decoding with the fewest bad characters, if they are few. Judge
    # a sample first so that 50 MB of garbage is refused without decoding it three times.
    def tolerant(chunk: bytes) -> tuple[float, int, str, str, int]:
        candidates = []
        for codec in ("utf-8", "gb18030", "big5hkscs"):
            text = chunk.decode(codec, "replace")
            bad = text.count("\ufffd")
            candidates.append((_score(text), -bad, codec, text, bad))
        return max(candidates)

    def acceptable(chunk: bytes, score: float, bad: int) -> bool:
        non_ascii = len(chunk) - len(chunk.translate(None, bytes(range(128))))
        return score >= _PLAUSIBLE and bad * 20 <= max(non_ascii, 1)

    score, _, codec, text, bad = tolerant(data[:_SAMPLE_BYTES])
    if acceptable(data[:_SAMPLE_BYTES], score, bad):
        score, _, codec, text, bad = tolerant(data)
        if acceptable(data, score, bad):
            return _finish(text, codec, bad)

    # Not Chinese at all (Japanese, Korean, a European page without a label): ask
    # charset-normalizer about a sample, and accept only a strict, clean decoding of it all.
    other = _detect_other(data)
    if other is not None:
        return other
    raise ContentError("undecodable: not UTF-8, GB18030, Big5 or UTF-16 text")


_WESTERN = frozenset(("cp1252", "windows_1252", "latin_1", "iso8859_1", "iso8859_15"))


def _detect_other(data: bytes) -> Decoded | None:
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(data[:_SAMPLE_BYTES]))
    except Exception:  # noqa: BLE001 - a best-effort fallback must not break the ContentError contract
        return None
    if not matches:
        return None
    best = matches[0]
    if best.chaos > 0.2:
        return None
    names = [best.encoding]
    # Among nearly-as-good guesses prefer the common Western code page: short French text reads
    # "better" as Baltic cp1257 to charset-normalizer, which turns è into č.
    for m in matches:
        if m.chaos <= best.chaos + 0.15 and any(
            c.replace("-", "_").lower() in _WESTERN for c in [m.encoding, *m.could_be_from_charset]
        ):
            names.insert(0, "cp1252")
            break
    codec = normalise_label(names[0])
    if codec is None:
        return None
    text = _strict(data, codec)
    if text is None or _score(text) < _PLAUSIBLE:
        return None
    try:
        return _finish(text, codec)
    except ContentError:
        return None


def sniff_binary(data: bytes) -> str | None:
    """A cheap look at the first 64 KB: a reason string if this is clearly not a text file.

    Used by the bundle reader to skip binary members early; ``decode`` makes the final call.
    """
    sample = data[:_SAMPLE_BYTES]
    if not sample or sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    nuls = sample.count(0)
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if nuls * 100 <= len(sample) and controls * 50 <= len(sample):
        return None
    try:
        if _try_utf16(sample[: len(sample) - len(sample) % 2], sample) is not None:
            return None
    except ContentError:
        pass
    return "binary content (NUL or control bytes)"
