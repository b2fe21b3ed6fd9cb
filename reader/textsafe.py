"""Make untrusted article text inert before it reaches a terminal.

Article text comes from hostile web pages. Escape sequences (CSI, OSC, DCS, ...), other C0 and
C1 control characters and bidirectional overrides could move the cursor, retitle the window,
write to the clipboard or reorder what the user sees. They are removed; newlines and tabs stay.
"""

from __future__ import annotations

import re

# A whole escape sequence first (so its parameters do not survive as visible junk), then any
# remaining control character. ESC [ ... final byte; ESC ] ... BEL or ST; ESC P/X/^/_ ... ST;
# two-byte ESC sequences; C1 equivalents (0x9b CSI, 0x9d OSC, ...).
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?                      # CSI
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)?  # OSC, DCS, SOS, PM, APC
  | \x1b[ -/]*[0-~]?                                       # other ESC sequences
    """,
    re.VERBOSE,
)
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 except \t \n, DEL, C1
    "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]"  # bidi marks, embeddings, overrides, isolates
)


def terminal_safe(text: str) -> str:
    """Return ``text`` with escape sequences, control characters and bidi controls removed."""
    if not text:
        return text
    text = text.replace("\r\n", "\n")
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def clean_label(text: str, what: str, max_chars: int) -> str:
    """A name the user gives (a tag, a saved search): NFC, whitespace runs made single, trimmed.

    ``UsageError`` naming ``what`` when it is empty, longer than ``max_chars`` or holds control,
    format or unassigned characters (escapes and bidi overrides have no place in a name).
    """
    import unicodedata

    from reader.errors import UsageError

    label = " ".join(unicodedata.normalize("NFC", str(text)).split())
    if not label:
        raise UsageError(f"a {what} needs a name")
    if len(label) > max_chars:
        raise UsageError(f"a {what} has at most {max_chars} characters: {label[:20]!r}…")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in label):
        raise UsageError(f"a {what} cannot hold control or invisible characters: {label!r}")
    return label
