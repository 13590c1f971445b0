"""At an ending: how it went, the debrief, and every reply with its feedback."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.engine.session import Session, Turn
from ipt_roleplay.engine.summary import Summary, summarise
from ipt_roleplay.tui import text
from ipt_roleplay.tui.screens import StyledOnMount
from ipt_roleplay.tui.widgets.both_times import both_times
from ipt_roleplay.tui.widgets.feedback import FeedbackPanel


def ratings_line(summary: Summary) -> Content:
    parts: list[str | Content] = [Content.styled("Ratings: ", "bold")]
    counts = [
        Content.assemble(f"{summary.ratings.get(r, 0)} ", text.rating(r))
        for r in ("helpful", "mixed", "unhelpful")
    ]
    parts.append(Content(" · ").join(counts))
    return Content.assemble(*parts)


def patterns_line(summary: Summary) -> Content | None:
    if not summary.top_patterns:
        return None
    names = []
    for pattern_id, count in summary.top_patterns:
        label = taxonomy.BY_ID[pattern_id].label if pattern_id in taxonomy.BY_ID else pattern_id
        names.append(f"{label} ×{count}")
    return text.labelled("Patterns in your replies", ", ".join(names))


def turning_point_line(summary: Summary) -> Content | None:
    point = summary.turning_point
    if point is None:
        return None
    return Content.assemble(
        ("Turning point: ", "bold"), f"reply {point.turn_number + 1}, “", point.reply, "”. ", point.why
    )


def goals_block(summary: Summary) -> Content | None:
    if not summary.goals:
        return None
    lines = [Content.styled("Goals", "bold")]
    for check in summary.goals:
        if check.practised is None:
            mark = ("· ", "not tracked automatically")
        elif check.practised:
            mark = ("✓ ", "practised")
        else:
            mark = ("○ ", "not yet")
        lines.append(Content.assemble(mark[0], check.goal, (f" ({mark[1]})", "$foreground-muted")))
    return Content("\n").join(lines)


def turn_prompt(number: int, turn: Turn) -> Content:
    """One line per reply (the panel below shows the highlighted one in full)."""
    return Content.assemble(
        (f"{number}. ", "bold"), text.rating(turn.feedback.rating, width=13), turn.reply
    )


class SummaryScreen(StyledOnMount, Screen):
    BINDINGS = [
        Binding("p", "play_again", "Play again", id="summary-play-again",
                tooltip="Start this conversation again from the beginning."),
        Binding("t", "try_another", "Retry here", id="summary-try-another",
                tooltip="Go back to the highlighted reply and choose differently (Enter works too)."),
        Binding("l", "look_back", "Look back", id="summary-look-back",
                tooltip="Go over one exchange slowly: what you meant, felt and hoped; then rehearse it."),
        Binding("e", "save_report", "Save report", id="summary-save-report",
                tooltip="Save a report of this practice (HTML and Markdown) to share with your therapist."),
        # Left out of the footer to keep it on one line at 80 columns; the heading says it.
        Binding("tab", "app.focus_next", "Next part", id="summary-next-part", show=False,
                tooltip="Move between the debrief, your replies and their feedback."),
        Binding("escape", "leave", "List", id="summary-leave",
                tooltip="Back to the scenario list."),
    ]
    # The debrief is what to read first; Tab moves on to the replies.
    AUTO_FOCUS = "#report"

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.summary = summarise(session)

    def compose(self) -> ComposeResult:
        summary = self.summary
        yield Static(
            Content.assemble(("How it went · ", "bold"), self.session.scenario.title),
            id="title-bar",
            classes="title",
        )
        with VerticalScroll(id="report"):
            yield Static(Content.assemble(("Outcome: ", "bold"), text.outcome(summary.outcome)))
            # A rehearsal: the moment it rehearsed comes first, since that is what it was for.
            yield from both_times(self.app, self.session)
            if summary.debrief:
                yield Static(text.literal(summary.debrief), classes="section")
            yield Static(ratings_line(summary))
            for block in (patterns_line(summary), turning_point_line(summary), goals_block(summary)):
                if block is not None:
                    yield Static(block)
        yield Static(
            "Your replies · Tab for the feedback on each, Enter to try one again",
            classes="heading",
            markup=False,
        )
        yield OptionList(
            *(Option(turn_prompt(n, t), id=f"turn-{n - 1}") for n, t in enumerate(self.session.history, 1)),
            id="turns",
            markup=False,
        )
        yield FeedbackPanel(id="feedback")
        yield Footer()

    def on_descendant_focus(self) -> None:
        # The debrief gets the room while it is being read; the feedback panel appears
        # once the person moves on to their replies.
        self.set_class(self.focused is not None and self.focused.id in ("turns", "feedback"), "reviewing")

    @on(OptionList.OptionHighlighted, "#turns")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = event.option_index
        self.query_one(FeedbackPanel).show_turn(self.session.history[index], number=index + 1)

    def on_mount(self) -> None:
        if not self.session.history:
            self.query_one(FeedbackPanel).show_message("No replies were given.")
        self.app.ask_mood_after(self.session)  # type: ignore[attr-defined]

    @on(OptionList.OptionSelected, "#turns")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._go_back_to(event.option_index)

    def action_try_another(self) -> None:
        highlighted = self.query_one("#turns", OptionList).highlighted
        if highlighted is not None:
            self._go_back_to(highlighted)

    def _go_back_to(self, turn_index: int) -> None:
        self.session.rewind(turn_index)
        self.app.play(self.session)  # type: ignore[attr-defined]

    def action_play_again(self) -> None:
        # A new practice run, recorded on its own; this one stays as it ended.
        app = self.app
        app.start(self.session.scenario, app.practice.path)  # type: ignore[attr-defined]

    def action_save_report(self) -> None:
        app = self.app
        practice = app.practice  # type: ignore[attr-defined]
        app.save_report(practice.session_id if practice.session is self.session else None)  # type: ignore[attr-defined]

    def action_look_back(self) -> None:
        practice = self.app.practice  # type: ignore[attr-defined]
        self.app.look_back(practice.session_id if practice.session is self.session else None)  # type: ignore[attr-defined]

    def action_leave(self) -> None:
        self.app.back_to_picker()  # type: ignore[attr-defined]
