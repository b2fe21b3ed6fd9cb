"""How the reader draws photos: ``READER_PHOTOS`` and what the terminal answers.

``READER_PHOTOS=auto`` (the default) asks the terminal, once and before Textual starts, whether it
speaks the Kitty graphics protocol or Sixel; ``halfblock`` never asks and draws with ▀ cells;
``off`` draws no photo at all (captions only, whatever the ``i`` toggle remembers).

The question is one round trip: a Kitty graphics query followed by a device-attributes request
(DA1), which every terminal answers; Kitty answers the query before it, and a DA1 answer listing
4 means Sixel. Only then is textual-image (an optional extra, ``zh-news-reader[photos]``)
imported: its import asks the terminal again with 0.1 s timeouts, 0.35 s in all under tmux,
which a terminal without graphics should not pay at every start. The probe needs a terminal on
stdin and stdout: without one (tests, a pipe) nothing is asked. Any failure means half blocks.
"""

from __future__ import annotations

import os
import re
import select
import sys
import time

ENV = "READER_PHOTOS"
CHOICES = ("auto", "halfblock", "off")
RENDERERS = ("halfblock", "kitty", "sixel", "off")


def choice() -> str:
    value = os.environ.get(ENV, "").strip().lower()
    return value if value in CHOICES else "auto"


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed
        return False


KITTY_QUERY = "\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\"
DEVICE_ATTRIBUTES = "\x1b[c"
_DA1_ANSWER = re.compile(r"\x1b\[\?([\d;]*)c")
ANSWER_SECONDS = 0.3  # a terminal that has not answered DA1 by then is not waited for


def graphics_from_answer(answer: str) -> str | None:
    """``kitty``/``sixel``/``halfblock`` from what the terminal sent back; None while DA1's answer
    has not arrived. Sixel first, as textual-image does: terminals that answer the Kitty query
    but draw Sixel better (Konsole, WezTerm) list Sixel in DA1, Kitty does not."""
    da1 = _DA1_ANSWER.search(answer)
    if da1 is None:
        return None
    if "4" in da1.group(1).split(";"):
        return "sixel"
    return "kitty" if "\x1b_Gi=31;OK" in answer else "halfblock"


def _ask_terminal() -> str:
    import termios
    import tty

    stdin = sys.__stdin__.fileno()
    saved = termios.tcgetattr(stdin)
    answer = ""
    try:
        tty.setcbreak(stdin, termios.TCSANOW)
        sys.__stdout__.write(KITTY_QUERY + DEVICE_ATTRIBUTES)
        sys.__stdout__.flush()
        deadline = time.monotonic() + ANSWER_SECONDS
        while (left := deadline - time.monotonic()) > 0:
            if not select.select([stdin], [], [], left)[0]:
                break
            answer += os.read(stdin, 1024).decode("latin-1")
            found = graphics_from_answer(answer)
            if found is not None:
                return found
    finally:
        termios.tcsetattr(stdin, termios.TCSANOW, saved)
    return "halfblock"


def probe() -> str:
    """``kitty``, ``sixel`` or ``halfblock``: the best the terminal on stdin/stdout can show."""
    if not (_is_terminal(sys.__stdin__) and _is_terminal(sys.__stdout__)):
        return "halfblock"
    try:
        found = _ask_terminal()
        if found == "halfblock":
            return found
        from textual_image.widget import get_cell_size

        get_cell_size()  # cached for later: once Textual runs, the terminal cannot be asked
    except Exception:  # noqa: BLE001 - no termios, textual-image not installed, a closed stream
        return "halfblock"
    return found


def renderer() -> str:
    """The renderer for this run (call before the app starts): one of ``RENDERERS``."""
    wanted = choice()
    if wanted == "auto":
        return probe()
    return wanted
