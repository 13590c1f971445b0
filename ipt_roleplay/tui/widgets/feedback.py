"""What the last reply did to the conversation: rating, patterns with their words, note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ipt_roleplay.engine.feedback import note_from_patterns
from ipt_roleplay.tui import text
from ipt_roleplay.tui.prepared import Prepared

if TYPE_CHECKING:
    from ipt_roleplay.engine.feedback import TurnFeedback
    from ipt_roleplay.engine.session import Turn


def feedback_parts(turn: Turn, number: int | None = None) -> list[Content]:
    """The panel's lines for one turn: rating, (the exchange), patterns, note, try instead.

    With ``number``, the exchange itself is repeated, for screens that list turns
    without showing them in full; empty Content stands for a part that is absent.
    """
    exchange = Content()
    if number is not None:
        exchange = Content.assemble(text.spoken(turn.line.speaker, turn.line.says), "\n", text.spoken("You", turn.reply))
        if turn.heard_as is not None:
            exchange = Content.assemble(exchange, "\n", text.heard_as(turn.line.speaker, turn.heard_as))
    return _turn_parts(turn.feedback, number, exchange)


def _turn_parts(fb: TurnFeedback, number: int | None, exchange: Content | None = None) -> list[Content]:
    caption = f"Reply {number}" if number is not None else "Feedback on your reply"
    heading = Content.assemble(text.rating(fb.rating), ("  " + caption, "$foreground-muted"))
    return [heading, exchange or Content(), *verdict_parts(fb)]


def verdict_parts(fb, *, brief: bool = False) -> list[Content]:
    """Patterns, note and try instead of any feedback: the engine's live TurnFeedback or
    the store's FeedbackRecord (read by attribute). ``brief`` names the patterns without
    their definitions (for looking back, where the room goes to the person's answers)."""
    patterns = Content("\n").join(text.pattern_line(p.id, p.evidence, define=not brief) for p in fb.patterns)
    # A note made from the patterns' definitions (when the author wrote none) would only
    # repeat the lines above it.
    repeats = bool(fb.patterns) and fb.note == note_from_patterns([p.id for p in fb.patterns])
    note = text.literal(fb.note) if fb.note and not repeats else Content()
    try_instead = text.labelled("Try instead", fb.try_instead) if fb.try_instead else Content()
    return [patterns, note, try_instead]


def rated_parts(fb) -> list[Content]:
    """A rating and what it rests on, without the empty parts (for the look back)."""
    if fb is None:
        return [Content.styled("No feedback was recorded for this reply.", "$foreground-muted")]
    return [part for part in (text.rating(fb.rating), *verdict_parts(fb, brief=True)) if part]


class FeedbackPanel(VerticalScroll):
    """Updated in place after every reply; focusable so a long note can be scrolled.
    The parts are one text in one widget: the play screen draws sooner with fewer."""

    # A plain message (rather than feedback) is muted. The colour comes from this
    # component class as a style on the message itself: a CSS class changed on the text
    # would have Textual restyle it, a good part of the first reply's frame.
    COMPONENT_CLASSES = {"feedback--message"}

    _message: str | None = None  # the plain message shown, if it is one
    # Feedback made ready while the person reads (see prepare), by the TurnFeedback's id.
    _ready: dict[int, tuple[TurnFeedback, Prepared]] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="feedback-text")

    def show_turn(self, turn: Turn, number: int | None = None) -> None:
        self._message = None
        ready = self._ready.get(id(turn.feedback)) if number is None else None
        shown: Prepared | Content
        if ready is not None and ready[0] is turn.feedback:
            shown = ready[1]
        else:
            shown = Content("\n").join(part for part in feedback_parts(turn, number) if part)
        self.query_one("#feedback-text", Static).update(shown)
        self.scroll_home(animate=False)

    def prepare(self, feedback: list[TurnFeedback]) -> None:
        """Make ready the text of each of these feedbacks (as show_turn shows it without
        a number): measured and drawn at the text's width now, while the person reads,
        so that showing one is only a lookup (Textual would wrap it twice on the way)."""
        text = self.query_one("#feedback-text", Static)
        width = text.content_region.width
        ready = {}
        for fb in feedback:
            prepared = Prepared(Content("\n").join(part for part in _turn_parts(fb, None) if part))
            prepared.prepare(text, width)
            ready[id(fb)] = (fb, prepared)
        self._ready = ready

    def show_message(self, message: str) -> None:
        self._message = message
        muted = self.get_visual_style("feedback--message")
        self.query_one("#feedback-text", Static).update(Content.styled(message, muted))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self._message is not None:  # the muted colour follows a change of theme
            self.show_message(self._message)
