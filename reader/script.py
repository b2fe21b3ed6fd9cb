"""Chinese scripts: detection, display conversion and search normalisation (OpenCC).

Converters are built lazily and once: construction costs 3-68 ms by configuration, while
converting 1,500 characters costs well under a millisecond.

Display conversion is phrase-level OpenCC without vocabulary substitution (``s2tw``/``s2hk``,
``tw2s``/``hk2s``): the reader sees the author's words in the other script, not a rewritten text.
Text already in the target script is returned unchanged: applying s2t to Traditional text
"repairs" about 0.8% of characters (群→羣) that were right.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

Script = Literal["traditional", "simplified", "mixed", "unknown"]
DisplayScript = Literal["original", "traditional", "simplified"]
TraditionalStandard = Literal["tw", "hk"]

_NOT_CJK = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(f"{config}.json")


def convert(text: str, config: str) -> str:
    """Convert ``text`` with an OpenCC configuration such as ``"tw2s"``."""
    if not text:
        return text
    return _converter(config).convert(text)


_CLEAR_MAJORITY = 10

_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))  # as _NOT_CJK


@lru_cache(maxsize=None)
def _changed_by(config: str) -> frozenset[str]:
    """The Han characters that ``config`` converts on their own: one script's marks.

    Built once per process (0.15 s for both directions, paid only by imports) by converting
    every Han code point, one per line so that no phrase can match; detection then costs a set
    lookup per character instead of two OpenCC conversions per article (0.6 ms of an import's
    ~3 ms per article).
    """
    han = [chr(code) for first, last in _HAN_RANGES for code in range(first, last + 1)]
    converted = convert("\n".join(han), config).split("\n")
    if len(converted) != len(han):  # a dictionary entry spanning a line break: not in OpenCC's data
        raise RuntimeError(f"OpenCC {config} changed the line count of the Han table")
    return frozenset(ch for ch, out in zip(han, converted) if ch != out)


def detect_script(text: str, sample: int = 1_000) -> Script:
    """Classify text as traditional, simplified or mixed Chinese ("unknown": no evidence).

    Evidence is the number of Han characters that each direction of conversion changes, taken
    character by character (phrase context moves a page across the 10x line in about 1 page of
    800: a tie-break, not a different answer). Only characters whose form differs between the
    scripts count, so a text of common shared characters (中文, 人民) has no evidence either way.
    The first ``sample`` Han characters decide: a story does not change script halfway, and
    import time must not grow with length.
    """
    chars = _NOT_CJK.sub("", text[: sample * 3])[:sample]
    if not chars:
        return "unknown"
    traditional_marks = sum(map(_changed_by("t2s").__contains__, chars))
    simplified_marks = sum(map(_changed_by("s2t").__contains__, chars))
    # s2t also changes a few genuinely Traditional characters (群→羣, 台→臺), and converted
    # pages keep a few converter slips (建成后): the seed page, Traditional throughout, shows one
    # "simplified" mark per 16 traditional ones. A page with a Simplified title or passage
    # (one per 6) is mixed, and display conversion must reach its Simplified parts.
    if traditional_marks == 0 and simplified_marks == 0:
        return "unknown"
    if traditional_marks >= _CLEAR_MAJORITY * simplified_marks:
        return "traditional"
    if simplified_marks >= _CLEAR_MAJORITY * traditional_marks:
        return "simplified"
    return "mixed"


def to_display(
    text: str,
    target: DisplayScript,
    source_script: Script,
    standard: TraditionalStandard = "tw",
) -> str:
    """Text as the user asked to read it; ``original`` and already-matching text are untouched."""
    if target == "original" or not text:
        return text
    if target == source_script:
        return text
    if target == "traditional":
        return convert(text, "s2hk" if standard == "hk" else "s2tw")
    return convert(text, "hk2s" if standard == "hk" else "tw2s")


def ui_label(
    traditional: str, display: DisplayScript, article_script: Script, standard: TraditionalStandard = "tw"
) -> str:
    """One of reader's own labels (written in Traditional: 作者, 責任編輯, 掃一掃分享) in the script
    the article is being read in; reading the original, Simplified articles get Simplified labels."""
    target = display
    if target == "original":
        target = "simplified" if article_script == "simplified" else "traditional"
    return to_display(traditional, target, "traditional", standard)


_FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


def _half_width(match: re.Match) -> str:
    return "".join(chr(ord(ch) - 0xFEE0) for ch in match.group())


def _fold_width_and_case(text: str) -> str:
    """Full-width letters and digits to half-width, then lower case; one character in, one out.

    Full-width punctuation and the ideographic space are left alone: they separate tokens in
    either width, and skipping them keeps this a C-speed scan on Chinese text.
    """
    folded = _FULL_WIDTH_ALNUM.sub(_half_width, text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    # a few characters lower-case to two (İ -> i̇): keep those as they are, so offsets still map
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in folded)


def normalise_for_search(text: str) -> str:
    """The form in which text is indexed and queries are matched.

    Simplified (Taiwan and Hong Kong variants folded: tw2s turns 著 into 着 where t2s keeps it),
    half-width, lower case. The result has the same length as the input in practice, so match
    offsets map back onto the original text for snippets; callers must check, not assume.
    """
    return _fold_width_and_case(convert(convert(text, "hk2s"), "tw2s"))


_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def dedupe_key_text(text: str) -> str:
    """Text reduced to what makes two copies of a story the same story.

    Script, width, case, whitespace and punctuation (「」 versus “”) do not count.
    """
    return _NOT_WORD.sub("", normalise_for_search(unicodedata.normalize("NFC", text)))
