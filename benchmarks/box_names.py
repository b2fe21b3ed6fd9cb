"""How the HTML content box's class words cover real sites' box names.

Usage:
    python benchmarks/box_names.py

Data: benchmarks/genre/rsshub_selectors.tsv, the article-page CSS selectors that the routes of
RSSHub (github.com/DIYgod/RSSHub, MIT) use on 81 Chinese-language sites (government, university,
mainland, Taiwan and Hong Kong news), read by a helper session: the body's box, and the boxes the
route strips from inside the body. Prints, over the class and id names of each: how many the
content hints (content_box._POS) and the negative words (content_box.NEG) match.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from reader.extract.content_box import _INNER_JUNK, _POS, NEG  # noqa: E402

NAME = re.compile(r"[.#]([A-Za-z_][\w-]*)")


def names(column: int) -> set[str]:
    rows = [ln.rstrip("\n").split("\t") for ln in (HERE / "genre" / "rsshub_selectors.tsv").open(encoding="utf-8")]
    return {name for row in rows[1:] if len(row) > column for name in NAME.findall(row[column])}


def main() -> int:
    body, stripped = names(2), names(6)
    print(f"body box names: {len(body)}; content hint {sum(bool(_POS.search(n)) for n in body)}, "
          f"negative {sum(bool(NEG.search(n)) for n in body)} {sorted(n for n in body if NEG.search(n))}")
    print(f"names stripped from inside bodies: {len(stripped)}; negative {sum(bool(NEG.search(n)) for n in stripped)}, "
          f"dropped inside the article's box {sum(bool(_INNER_JUNK.search(n)) for n in stripped)}")
    print("body names without a hint:", " ".join(sorted(n for n in body if not _POS.search(n))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
