"""A one-line field for a reply in the person's own words (see docs/free-text.md).

It only collects the words: the play screen sends them to the engine on Enter. Keys
typed here are text, so the number keys and `u` type themselves instead of picking or
going back; Escape returns to the written replies and keeps what was typed.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from ipt_roleplay.tui.text import TYPING_IDLE as IDLE

TYPING = "Your words, then Enter to send · Esc to pick a written reply instead"

# Control characters (other than tab and newline, which become spaces) are dropped from
# a paste: they would garble the line and mean nothing in a reply.
_PASTE = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))
_PASTE[127] = None


class ReplyInput(Input):
    BINDINGS = [
        Binding("enter", "submit", "Send", id="play-type-send",
                tooltip="Send what you typed as your reply."),
        Binding("escape", "screen.stop_typing", "Pick instead", id="play-type-stop",
                tooltip="Back to the written replies; what you typed stays in the field."),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=IDLE, compact=True, select_on_focus=False, id=id)

    def on_focus(self) -> None:
        self.placeholder = TYPING

    def on_blur(self) -> None:
        self.placeholder = IDLE

    def _on_paste(self, event: events.Paste) -> None:
        # Input keeps only the first line of a paste; a reply pasted from elsewhere often
        # has several, so keep them all, joined by spaces. (prevent_default: Input's own
        # paste handler would run after this one and insert the first line again.)
        event.stop()
        event.prevent_default()
        words = " ".join(event.text.translate(_PASTE).split())
        if not words:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(words)
        else:
            self.replace(words, *selection)
