"""The library screen's reading layout: the focus view and the measure (a mixin of LibraryScreen).

The focus view (``z``) hides the list and shows the article alone, centred; ``n``/``p`` still
step through the list's articles. The measure is how many Han characters a line holds at most
(two cells each; 38 by default, 20 to 60 with ``-`` and ``+``), in the focus view and the split
view alike, so a wide terminal never stretches lines past it. Both are settings, remembered.
"""

from __future__ import annotations

from reader.tui import data

DEFAULT_MEASURE = 38
MIN_MEASURE, MAX_MEASURE = 20, 60
MEASURE_STEP = 2


def clamp_measure(value) -> int:
    try:
        chars = int(value)
    except (TypeError, ValueError):
        return DEFAULT_MEASURE
    return max(MIN_MEASURE, min(MAX_MEASURE, chars))


class ReadingLayout:
    """Needs ``article_list``, ``article_view``, ``app.settings`` and ``app.save_setting``."""

    measure = DEFAULT_MEASURE

    @property
    def focus_view(self) -> bool:
        return self.has_class("-focus")

    def restore_layout(self) -> None:
        settings = self.app.settings
        self.measure = clamp_measure(settings.get(data.MEASURE, DEFAULT_MEASURE))
        focus = bool(settings.get(data.FOCUS, False))
        self.set_class(focus, "-focus")
        self.article_view.set_measure(self.measure, centred=focus)
        if self.focus_view:
            self.article_view.focus()

    def action_focus_view(self) -> None:
        focus = not self.focus_view
        self.set_class(focus, "-focus")
        self.article_view.set_measure(self.measure, centred=focus)
        self.app.settings[data.FOCUS] = focus
        self.app.save_setting(data.FOCUS, focus)
        if focus:
            self.article_view.focus()
        else:
            self.article_list.focus()

    def action_wider(self) -> None:
        self._set_measure(self.measure + MEASURE_STEP)

    def action_narrower(self) -> None:
        self._set_measure(self.measure - MEASURE_STEP)

    def _set_measure(self, chars: int) -> None:
        chars = clamp_measure(chars)
        self.app.clear_notifications()  # a held key must not stack a toast per press
        if chars == self.measure:
            self.notify(f"Lines are already at the {'widest' if chars == MAX_MEASURE else 'narrowest'} ({chars} characters).")
            return
        self.measure = chars
        self.article_view.set_measure(chars)
        self.app.settings[data.MEASURE] = chars
        self.app.save_setting(data.MEASURE, chars)
        self.notify(f"Lines of at most {chars} characters.", timeout=1.5)
