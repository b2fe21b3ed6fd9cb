"""Readings of words: pinyin with tone marks, zhuyin (注音), or Jyutping for Cantonese.

A word is read as a whole, so polyphonic characters take the reading of the word they are in
(银行 yín háng, 行长 háng zhǎng, 长江 cháng jiāng). Mandarin readings come from:

1. CC-CEDICT, when every entry of the word gives it the same reading: CEDICT is written word by
   word and marks neutral tones (消息 xiāo xi, 朋友 péng you), which pypinyin reads with full
   tones. On the 13,800 distinct words of the shared corpus the two agree on 95.5%; nearly all
   the rest are neutral tones, and a few pypinyin slips on Traditional forms (跟著 gēn zhù).
2. pypinyin otherwise (polyphonic single characters, words with several CEDICT readings, words
   CEDICT lacks), given the word in Simplified form: pypinyin's phrase list is Simplified, and
   on Traditional text it reads 銀行 yín xíng and 長江 zhǎng jiāng.

pypinyin is not run over whole sentences: its own segmentation then crosses the dictionary's
word boundaries and gets words wrong that it reads right alone (物流行业 gives 流行 and 行业
xíng yè; 进行 jìn háng). The price is that a polyphonic character standing alone gets its most
common reading (为 wèi in 难以为继). Tones are citation tones, as in the dictionary: 一 and 不 are
not changed by tone sandhi.

Jyutping comes from ToJyutping (BSD-2-Clause), an optional extra: ``pip install
'zh-news-reader[jyutping]'``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from reader.errors import ReaderError, UsageError

Style = Literal["pinyin", "zhuyin", "jyutping"]
STYLES: tuple[Style, ...] = ("pinyin", "zhuyin", "jyutping")

PYPINYIN_ATTRIBUTION = "pypinyin, MIT, https://github.com/mozillazg/python-pinyin"
JYUTPING_ATTRIBUTION = "ToJyutping, © CanCLID, BSD-2-Clause, https://github.com/CanCLID/ToJyutping"
JYUTPING_MISSING = "Jyutping needs ToJyutping: pip install 'zh-news-reader[jyutping]'"

_SYLLABLE = re.compile(r"[a-zv]+[1-5]")


def _zhuyin(syllables: list[str]) -> str:
    """pypinyin writes the neutral-tone dot last (ㄇㄣ˙); zhuyin puts it first (˙ㄇㄣ)."""
    return " ".join("˙" + s[:-1] if s.endswith("˙") else s for s in syllables)


def check_style(style: str, option: str = "reading style") -> Style:
    """``style`` if it is one reader can give now; a ``UsageError`` that says what to do else."""
    if style not in STYLES:
        raise UsageError(f"{option}: expects one of {', '.join(STYLES)}, got {style!r}")
    if style == "jyutping" and _jyutping() is None:
        raise ReaderError(JYUTPING_MISSING)  # an extra not installed: exit 1, not a usage error
    return style


@lru_cache(maxsize=1)
def _jyutping():
    try:
        import ToJyutping
    except ModuleNotFoundError:
        return None
    return ToJyutping


def numbered_to(pinyin: str, style: Style = "pinyin") -> str:
    """CEDICT's numbered pinyin ("Chang2 jiang1", "nu:3", "xi5") in tone marks or zhuyin.

    Syllables that are no pinyin (CEDICT's "xx", Latin letters, "·") are kept as they are.
    """
    out = [_syllable(s, style == "zhuyin") for s in pinyin.split()]
    return _zhuyin(out) if style == "zhuyin" else " ".join(out)


@lru_cache(maxsize=4096)
def _syllable(syllable: str, zhuyin: bool) -> str:
    """One numbered syllable converted (cached: pypinyin's zhuyin conversion costs 40 µs, and a
    text has a few hundred distinct syllables)."""
    plain = syllable.lower().replace("u:", "v")
    if not _SYLLABLE.fullmatch(plain):
        return syllable
    from pypinyin import Style as PinyinStyle
    from pypinyin.contrib.tone_convert import to_tone
    from pypinyin.style import convert

    marked = to_tone(plain)
    if zhuyin:
        return convert(marked, PinyinStyle.BOPOMOFO, strict=True)
    if syllable[0].isupper():  # a proper noun's capital stays: Cháng jiāng
        return marked[0].upper() + marked[1:]
    return marked


def _dictionary_reading(word: str) -> str | None:
    """The one reading CEDICT gives ``word`` (numbered, lower case), if it gives only one."""
    from reader.reading import dictionary

    found = {e.pinyin.lower().replace("u:", "v") for e in dictionary.lookup(word)}
    if len(found) != 1:
        return None
    (pinyin,) = found
    syllables = pinyin.split()
    if len(syllables) != len(word) or not all(_SYLLABLE.fullmatch(s) for s in syllables):
        return None
    return pinyin


@lru_cache(maxsize=65536)
def reading(word: str, style: Style = "pinyin") -> str:
    """The reading of one word, its syllables separated by spaces ("yín háng", "ㄧㄣˊ ㄏㄤˊ",
    "ngan4 hong4"); "?" for a character that has none. Neutral tones: no mark, ˙ in zhuyin."""
    if style == "jyutping":
        module = _jyutping()
        if module is None:
            raise ReaderError(JYUTPING_MISSING)  # an extra not installed: exit 1, not a usage error
        return " ".join(j or "?" for _, j in module.get_jyutping_list(word))
    numbered = _dictionary_reading(word)
    if numbered is not None:
        return numbered_to(numbered, style)
    from pypinyin import Style as PinyinStyle
    from pypinyin import lazy_pinyin

    from reader.reading.segment import simplified_form

    target = PinyinStyle.BOPOMOFO if style == "zhuyin" else PinyinStyle.TONE
    syllables = lazy_pinyin(simplified_form(word), style=target, errors=lambda chars: ["?"] * len(chars))
    return _zhuyin(syllables) if style == "zhuyin" else " ".join(syllables)
