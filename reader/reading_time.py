"""How long an article takes to read.

Chinese is read by characters, not words: about 400 Han characters a minute is the usual
figure for adults reading news (Latin text, by words: about 200 a minute). Kana and hangul
count as characters too. Digits and punctuation are not counted.
"""

from __future__ import annotations

import math
import re

HAN_PER_MINUTE = 400
WORDS_PER_MINUTE = 200

_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0003134f]")
_WORDS = re.compile(r"[^\W\d_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0003134f]+")


def reading_minutes(text: str) -> int:
    """Whole minutes to read ``text``, rounded up; 0 only for a text with nothing to read."""
    han = len(_CHARS.findall(text))
    words = len(_WORDS.findall(text))
    if not han and not words:
        return 0
    return max(1, math.ceil(han / HAN_PER_MINUTE + words / WORDS_PER_MINUTE))
