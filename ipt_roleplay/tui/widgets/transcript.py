"""The conversation so far, grown one entry at a time so a reply never redraws it all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from ipt_roleplay.tui import text

if TYPE_CHECKING:
    from ipt_roleplay.engine.session import Line, Turn


def line_content(line: Line) -> Content:
    if line.cue:
        return Content.assemble(text.cue(line.cue), "\n", text.spoken(line.speaker, line.says))
    return text.spoken(line.speaker, line.says)


class LineEntry(Static):
    """What the other person says, with the cue as narration above it."""

    def __init__(self, line: Line, current: bool = False) -> None:
        super().__init__(line_content(line), classes="line current" if current else "line")


class ReplyEntry(Horizontal):
    """What the person said, with its rating beside it (hidden when feedback waits)."""

    def __init__(self, turn: Turn) -> None:
        super().__init__(classes="reply")
        self.turn = turn

    def compose(self) -> ComposeResult:
        yield Static(text.spoken("You", self.turn.reply), classes="reply-text")
        yield Static(text.rating(self.turn.feedback.rating), classes="rating")


class Transcript(VerticalScroll):
    def __init__(self, history: list[Turn], current: Line, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = (list(history), current)

    def compose(self) -> ComposeResult:
        history, current = self._initial
        for turn in history:
            yield LineEntry(turn.line)
            yield ReplyEntry(turn)
        yield LineEntry(current, current=True)

    def on_mount(self) -> None:
        self.scroll_end(animate=False, immediate=True)

    def add_turn(self, turn: Turn, next_line: Line) -> None:
        """Append the reply just given and the line that answers it."""
        for entry in self.query_children(".current"):
            entry.remove_class("current")
        self.mount_all([ReplyEntry(turn), LineEntry(next_line, current=True)])
        self.scroll_end(animate=False)

    def drop_last_turn(self) -> None:
        """Remove the last reply and the line that answered it; the line before is current again."""
        children: list[Widget] = list(self.children)
        if len(children) < 3:
            return
        for child in children[-2:]:
            child.remove()
        children[-3].add_class("current")
        self.scroll_end(animate=False)
