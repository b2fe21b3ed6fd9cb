"""The YAML front matter of a Markdown clip: where it ends. A leaf shared by the clip's reader
(``bundle/markdown.py``, which reads its fields as hints) and its extractor
(``extract/markdown.py``, which reads the body), so that neither stage imports the other."""

from __future__ import annotations

import re

# "---" alone on the first line, YAML, then "---" or "..." alone on a line (Jekyll, Obsidian, Hugo)
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
FRONT_MATTER_MAX = 64 * 1024  # characters: a front matter is a few lines; a longer block is body text


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(the YAML of the front matter, or None; the Markdown body)."""
    found = _FRONT_MATTER.match(text[: FRONT_MATTER_MAX + 16])
    if found is None:
        return None, text
    return found.group(1) or "", text[found.end():]
