"""What the last reply did to the conversation: rating, patterns with their words, note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style as RichStyle
from textual.content import Content
from textual.visual import Visual

from ipt_roleplay.engine.feedback import note_from_patterns
from ipt_roleplay.tui import text
from ipt_roleplay.tui.prepared import Prepared
from ipt_roleplay.tui.widgets.scrolling_text import ScrollingText, lines_key

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


class FeedbackPanel(ScrollingText):
    """Updated in place after every reply; focusable so a long note can be scrolled.

    One widget that draws its own lines (see ScrollingText), rather than a scrolling
    container holding a text: the same look, but one widget fewer to lay out and draw
    on every reply, and the text drawn ahead (see prepare) is shown as it is."""

    # A plain message (rather than feedback) is muted. The colour comes from this
    # component class as a style on the message itself: a CSS class changed on the
    # panel would have Textual restyle it, a good part of the first reply's frame.
    COMPONENT_CLASSES = {"feedback--message"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._message: str | None = None  # the plain message shown, if it is one
        # Feedback made ready while the person reads (see prepare), by the TurnFeedback's id.
        self._ready: dict[int, tuple[TurnFeedback, Prepared]] = {}

    # --- what it shows -----------------------------------------------------------------

    def show_turn(self, turn: Turn, number: int | None = None) -> None:
        self._message = None
        ready = self._ready.get(id(turn.feedback)) if number is None else None
        if ready is not None and ready[0] is turn.feedback:
            self.update(ready[1])
        else:
            self.update(Prepared(Content("\n").join(part for part in feedback_parts(turn, number) if part)))

    def prepare(self, feedback: list[TurnFeedback]) -> None:
        """Make ready the text of each of these feedbacks (as show_turn shows it without
        a number): measured and drawn at the panel's width now, while the person reads,
        so that showing one is only a lookup."""
        width = self.content_region.width
        style = self.visual_style
        ready = {}
        drawn = {}
        for fb in feedback:
            prepared = Prepared(Content("\n").join(part for part in _turn_parts(fb, None) if part))
            if width > 0:
                prepared.get_height(self.styles, width)  # kept by the Content, for the layout
                drawn[lines_key(prepared, width, style, None)] = Visual.to_strips(self, prepared, width, None, style)
            ready[id(fb)] = (fb, prepared)
        self._ready = ready
        self._drawn_ahead = drawn
        if drawn and width == self.scrollable_content_region.width:  # no scroll bar now
            self._blank = RichStyle(bgcolor=self.rich_style.bgcolor)
            lines = [line for strips in drawn.values() for line in strips]
            self._styled.finish_ahead(self, lines, self._row_extra())

    def show_message(self, message: str) -> None:
        self._message = message
        muted = self.get_visual_style("feedback--message")
        self.update(Prepared(Content.styled(message, muted)))

    def forget_drawings(self) -> None:
        super().forget_drawings()
        self._ready = {}  # drawn in the theme before (made ready again after the next reply)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self._message is not None:  # the muted colour follows a change of theme
            self.show_message(self._message)
