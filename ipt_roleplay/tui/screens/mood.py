"""How are you feeling right now? Asked before a conversation and after its ending:
a number from 0 to 10 and, if the person likes, a word. One key skips it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from ipt_roleplay.store.lookback import Mood, MoodError, parse_mood

QUESTIONS = {
    "before": "How are you feeling right now?",
    "after": "And now, after the conversation: how are you feeling?",
}
HOW = (
    "A number from 0 (very low) to 10 (very good), and a word if you like, such as "
    "\u201c6 tired\u201d. It stays with this practice, on this computer, so you can see "
    "over time how conversations and mood go together."
)


class MoodScreen(ModalScreen[Mood | None]):
    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("escape", "skip", "Skip", id="mood-skip", tooltip="Go on without answering."),
        Binding("ctrl+o", "stop_asking", "Stop asking", id="mood-stop-asking",
                tooltip="Turn the mood questions off (on again from the command palette)."),
    ]
    AUTO_FOCUS = "#mood-input"

    def __init__(self, moment: str) -> None:
        super().__init__()
        self.moment = moment

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body", id="mood-dialog"):
            yield Static(QUESTIONS[self.moment], classes="dialog-title", markup=False)
            yield Static(HOW, markup=False)
            yield Input(placeholder="0 to 10, and a word if you like", id="mood-input")
            yield Static("Enter keeps it · Esc skips", id="mood-hint", classes="dim", markup=False)
        yield Footer()

    @on(Input.Submitted, "#mood-input")
    def _answered(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            mood = parse_mood(event.value)
        except MoodError as error:
            self.query_one("#mood-hint", Static).update(Content(str(error)))
            return
        self.dismiss(mood)

    def action_skip(self) -> None:
        self.dismiss(None)

    def action_stop_asking(self) -> None:
        self.app.set_mood_questions(False)  # type: ignore[attr-defined]
        self.dismiss(None)
