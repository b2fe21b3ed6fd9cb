"""Every user action, defined once: the bindings, the footer, the help screen and the command
palette are all generated from this table."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Command:
    action: str  # action name on the library screen (``action_<name>``)
    keys: str  # comma-separated Textual key names
    title: str  # short label: footer and palette
    help: str  # one sentence: help screen and palette
    group: str
    footer: bool = False
    key_display: str | None = None
    priority: bool = False
    palette: bool = True

    @property
    def display_keys(self) -> str:
        if self.key_display:
            return self.key_display
        return " ".join(_pretty(k) for k in self.keys.split(","))


_PRETTY = {
    "down": "↓", "up": "↑", "pagedown": "PgDn", "pageup": "PgUp", "enter": "Enter", "tab": "Tab",
    "escape": "Esc", "question_mark": "?", "slash": "/", "home": "Home", "end": "End",
    "shift+tab": "Shift+Tab", "number_sign": "#", "greater_than_sign": ">", "less_than_sign": "<",
    "plus": "+", "minus": "-", "right": "→", "left": "←", "right_square_bracket": "]", "left_square_bracket": "[", "right_parenthesis": ")", "left_parenthesis": "(",
}


def _pretty(key: str) -> str:
    return _PRETTY.get(key, key.replace("ctrl+", "Ctrl+"))


COMMANDS: list[Command] = [
    # Moving around
    Command("cursor_down", "down,j", "Down", "Next row in the list, or scroll the article down.", "Move"),
    Command("cursor_up", "up,k", "Up", "Previous row in the list, or scroll the article up.", "Move"),
    Command("first", "g,home", "Top", "Go to the first article, or the top of the article.", "Move"),
    Command("last", "G,end", "Bottom", "Go to the last article, or the end of the article.", "Move", key_display="G End"),
    Command("half_page_down", "ctrl+d", "Half page down", "Move half a page down.", "Move"),
    Command("half_page_up", "ctrl+u", "Half page up", "Move half a page up.", "Move"),
    Command("page_down", "pagedown", "Page down", "Move a page down.", "Move"),
    Command("page_up", "pageup", "Page up", "Move a page up.", "Move"),
    Command("open", "enter", "Open", "Open the selected article in the reader pane.", "Move"),
    Command("switch_pane", "tab,shift+tab", "Pane", "Move between the article list and the reader pane.", "Move", priority=True, key_display="Tab"),
    Command("next_item", "n", "Next", "Open the next article (or the next find match while finding).", "Move"),
    Command("previous_item", "p", "Previous", "Open the previous article.", "Move"),
    Command("previous_match", "N", "Previous match", "Go to the previous find match.", "Move"),
    # Reading
    Command("search", "slash", "Search", "Search the whole library as you type.", "Read", footer=True),
    Command("find", "f", "Find", "Find text in the open article; n and N step through matches.", "Read", footer=True),
    Command("toggle_script", "t", "Script", "Switch the script: Original → 繁 Traditional → 简 Simplified.", "Read", footer=True),
    Command("toggle_standard", "T", "Taiwan/Hong Kong", "Use the Taiwan or the Hong Kong standard for Traditional.", "Read"),
    Command("focus_view", "z", "Focus", "Hide the list: the article alone, centred (n and p still move).", "Read"),
    Command("wider", "plus", "Wider lines", "Let lines hold two more characters (up to 60).", "Read"),
    Command("narrower", "minus", "Narrower lines", "Let lines hold two fewer characters (down to 20).", "Read"),
    Command("words", "w", "Words", "Word cursor: readings and dictionary; ← → step, Enter searches.", "Read"),
    Command("word_next", "right", "Next word", "With the word cursor: the next word.", "Read", palette=False,
            priority=True),
    Command("word_previous", "left", "Previous word", "With the word cursor: the previous word.", "Read", palette=False, priority=True),
    Command("reading_style", "y", "Pinyin/zhuyin", "Readings in pinyin with tone marks, or in zhuyin (注音).", "Read"),
    Command("title_reading", "Y", "Title reading", "Show the title's pinyin (or zhuyin) under it.", "Read"),
    Command("toggle_photos", "i", "Photos on/off", "Show the article's photos, or only their captions (remembered).", "Read"),
    Command("photo", "I", "Photo, large", "Open the photo in view on its own screen; n and p step through the photos.", "Read"),
    Command("share", "s", "Share", "Show a QR code of the open article to scan with a phone.", "Read", footer=True),
    Command("stop_serving", "S", "Stop serving", "Stop serving the library to phones (started by l on the share screen).", "Read"),
    Command("toggle_read", "m", "Read/unread", "Mark the selected article read or unread.", "Read", footer=True),
    Command("toggle_bookmark", "b", "Bookmark", "Bookmark the selected article, or remove the bookmark.", "Read", footer=True),
    # Keeping: tags, highlights, notes
    Command("edit_tags", "number_sign", "Tags", "Add or remove tags on the selected article (Tab completes).", "Keep"),
    Command("select", "v", "Select", "Select a passage: the find match, else the first sentence in view.", "Keep"),
    Command("select_char_more", "greater_than_sign", "Select +char", "Extend the selection by a character.", "Keep"),
    Command("select_char_less", "less_than_sign", "Select −char", "Shorten the selection by a character.", "Keep"),
    Command("select_phrase_more", "right_square_bracket", "Select +phrase", "Extend the selection to the next phrase (，、；：).", "Keep"),
    Command("select_phrase_less", "left_square_bracket", "Select −phrase", "Shorten the selection by a phrase.", "Keep"),
    Command("select_sentence_more", "right_parenthesis", "Select +sentence", "Extend the selection to the next sentence (。！？).", "Keep"),
    Command("select_sentence_less", "left_parenthesis", "Select −sentence", "Shorten the selection by a sentence.", "Keep"),
    Command("highlight", "h", "Highlight", "Highlight the selection (or the find match), with an optional note.", "Keep", footer=True),
    Command("article_note", "a", "Note", "Write a note on the whole article.", "Keep"),
    Command("highlights", "H", "Highlights", "List every highlight and note; Enter opens the passage.", "Keep"),
    # Filtering
    Command("filter_unread", "u", "Unread only", "Show only unread articles (press again for all).", "Filter"),
    Command("filter_bookmarked", "B", "Bookmarked only", "Show only bookmarked articles (press again for all).", "Filter"),
    Command("choose_filter", "o", "Show…", "Show a saved search, a tag, one bundle or one source only.", "Filter"),
    Command("clear_filters", "x", "Clear filters", "Show every article again.", "Filter"),
    Command("reload", "r", "Reload", "Reload the list (after importing from a shell).", "Filter"),
    # App
    Command("help", "question_mark", "Help", "Show every key.", "App", footer=True, key_display="?"),
    Command("quit", "q", "Quit", "Leave reader (your place is remembered).", "App", footer=True),
]

BY_ACTION = {command.action: command for command in COMMANDS}


def bindings() -> list[Binding]:
    out = []
    for command in COMMANDS:
        out.append(
            Binding(
                command.keys,
                command.action,
                command.title,
                show=command.footer,
                key_display=command.key_display,
                priority=command.priority,
                id=command.action,
            )
        )
    return out
