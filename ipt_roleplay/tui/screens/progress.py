"""Your practice: every session over time, the patterns in your replies and how they
landed, and the best outcome in each scenario. Built from ``store.progress``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from ipt_roleplay.practice.words import replies, short_when
from ipt_roleplay.tui import text
from ipt_roleplay.tui.widgets.mood_chart import mood_chart

if TYPE_CHECKING:
    from ipt_roleplay.store.progress import PatternUse, Progress, ScenarioBest, SessionPoint

EMPTY = "No practice yet. Pick a conversation to start."
BAR_WIDTH = 12
# Each part of a pattern's bar has its own character as well as its colour.
BAR_PARTS = (("helpful", "█", "$success"), ("mixed", "▒", "$warning"), ("unhelpful", "░", "$error"))
TREND_LEVELS = "▁▂▃▄▅▆▇█"
TREND_SESSIONS = 12


def outcome_cell(outcome: str | None, unfinished: str = "○ Not finished") -> Content:
    """Symbol and word, 17 cells wide; colour only repeats what they say."""
    if outcome is None:
        return fit(Content.styled(unfinished, "$foreground-muted"), 17)
    return fit(text.outcome(outcome), 17)


def fit(title: str | Content, width: int) -> Content:
    """Exactly ``width`` cells: padded, or cut with an ellipsis (wide characters count twice)."""
    content = title if isinstance(title, Content) else Content(title)
    return content.truncate(width, ellipsis=True, pad=True)


def session_row(point: SessionPoint, width: int) -> Content:
    """One line per session: when, which scenario, how it ended, and how many replies."""
    title_width = max(width - 17 - 17 - 10 - 6, 12)
    return Content.assemble(
        short_when(point.started_at), "  ",
        fit(point.title, title_width), "  ",
        outcome_cell(point.outcome), "  ",
        replies(point.replies).rjust(10),
    )


def session_detail(point: SessionPoint) -> Content:
    counts = Content(" · ").join(
        Content.assemble(f"{getattr(point, r)} ", text.rating(r)) for r in ("helpful", "mixed", "unhelpful")
    )
    return Content.assemble(("Replies: ", "bold"), counts)


def pattern_bar(use: PatternUse, most: int) -> Content:
    """Length: how often the pattern showed (against the most used one); parts: how the
    replies it showed in were rated. The numbers beside it say the same in words."""
    total = max(most, 1)
    parts = []
    drawn = 0
    for rating, char, style in BAR_PARTS:
        n = getattr(use, f"in_{rating}")
        cells = round(n * BAR_WIDTH / total)
        cells = min(cells, BAR_WIDTH - drawn)
        if n and not cells and drawn < BAR_WIDTH:
            cells = 1  # a use is never invisible
        drawn += cells
        parts.append((char * cells, style))
    parts.append(" " * (BAR_WIDTH - drawn))
    return Content.assemble(*parts)


def pattern_line(use: PatternUse, most: int) -> Content:
    kind = {True: "+", False: "−"}.get(use.helpful_pattern, "·")
    return Content.assemble(
        f"{kind} ", fit(Content.styled(use.label, "bold"), 24), " ",
        pattern_bar(use, most),
        f"  {use.uses:>3}×: ✓ {use.in_helpful}  ~ {use.in_mixed}  ✗ {use.in_unhelpful}",
    )


def patterns_block(data: Progress) -> Content:
    if not data.patterns:
        return Content.styled("No patterns recorded yet.", "$foreground-muted")
    most = max(u.uses for u in data.patterns)
    legend = Content.assemble(
        ("█", "$success"), " in ✓ helpful replies   ", ("▒", "$warning"), " in ~ mixed   ",
        ("░", "$error"), " in ✗ unhelpful",
    )
    kinds = Content.styled("+ helps a conversation, − tends to hinder it. Longer bars: used more.", "$foreground-muted")
    return Content("\n").join([legend, kinds, *(pattern_line(u, most) for u in data.patterns)])


def trend_line(points: list[SessionPoint]) -> Content | None:
    """The share of helpful replies in each recent session, oldest first, as a sparkline
    with the percentages beside it."""
    recent = [p for p in points if p.replies][-TREND_SESSIONS:]
    if len(recent) < 2:
        return None
    shares = [p.helpful / p.replies for p in recent]
    spark = "".join(TREND_LEVELS[min(int(s * len(TREND_LEVELS)), len(TREND_LEVELS) - 1)] for s in shares)
    numbers = " ".join(f"{round(s * 100)}%" for s in shares)
    return Content.assemble(
        ("Helpful replies per session", "bold"), (", oldest to newest: ", "$foreground-muted"),
        (spark, "$primary"), f"  {numbers}",
    )


def best_line(best: ScenarioBest, width: int) -> Content:
    times = f"{best.sessions} {'session' if best.sessions == 1 else 'sessions'}"
    return Content.assemble(
        fit(best.title, max(width - 17 - 12 - 4, 12)), "  ",
        outcome_cell(best.best_outcome, "○ None finished"), "  ",
        (times, "$foreground-muted"),
    )


class ProgressScreen(Screen):
    BINDINGS = [
        Binding("e", "export", "Save report", id="progress-export",
                tooltip="Save the highlighted session's report (HTML and Markdown) to share."),
        Binding("c", "carry_on", "Carry on", id="progress-carry-on",
                tooltip="Pick up the highlighted session where you left it, if it is unfinished."),
        Binding("l", "look_back", "Look back", id="progress-look-back",
                tooltip="Go over one exchange of the highlighted session, and rehearse it again."),
        Binding("tab", "app.focus_next", "Next part", id="progress-next-part", show=False,
                tooltip="Move between your sessions and the patterns in them."),
        Binding("escape", "back", "List", id="progress-back",
                tooltip="Back to the scenario list."),
    ]
    AUTO_FOCUS = "#sessions"

    def __init__(self, data: Progress | None) -> None:
        super().__init__()
        self.data = data
        # Newest first; a conversation left before any reply holds no practice.
        self.points: list[SessionPoint] = (
            [p for p in reversed(data.sessions) if p.replies or p.finished] if data is not None else []
        )

    def compose(self) -> ComposeResult:
        finished = sum(p.finished for p in self.points)
        count = f"{len(self.points)} {'session' if len(self.points) == 1 else 'sessions'}, {finished} finished"
        with Horizontal(id="title-bar"):
            yield Label("Your practice", id="title")
            yield Label(count if self.points else "", id="count")
        if not self.points:
            yield from self._compose_empty()
        else:
            yield Static("Sessions, newest first", classes="heading", markup=False)
            yield OptionList(id="sessions", markup=False)
            yield Static("", id="session-detail")
            with VerticalScroll(id="progress-body"):
                oldest_first = list(reversed(self.points))
                trend = trend_line(oldest_first)
                if trend is not None:
                    yield Static(trend)
                # From the same read as everything else here (``store.progress``).
                moods = mood_chart(oldest_first)
                if moods is not None:
                    yield Static(moods, id="mood-chart")
                yield Static("Best outcome in each scenario", classes="heading", markup=False)
                yield Static("", id="best")
                yield Static("Patterns in your replies", classes="heading", markup=False)
                yield Static(patterns_block(self.data), id="patterns")  # type: ignore[arg-type]
        yield Footer()

    def _compose_empty(self) -> ComposeResult:
        with VerticalScroll(id="progress-empty-body"):
            if self.data is None:
                yield Static(
                    "Your practice history could not be opened, so there is nothing to show "
                    "here this time. Practice still works as usual.",
                    id="progress-empty",
                    markup=False,
                )
            else:
                yield Static(EMPTY, id="progress-empty", markup=False)
            yield Static(
                "Each conversation you play is kept here, on this computer only: how it "
                "ended, your replies, and the patterns in them. Press Esc for the list.",
                classes="dim section",
                markup=False,
            )

    def on_mount(self) -> None:
        self._fill()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With no sessions there is nothing to save or carry on with: keep the footer honest.
        if action in ("export", "carry_on", "look_back"):
            return bool(self.points)
        return True

    def on_resize(self) -> None:
        # Rows are laid out to the width, so lay them out again.
        self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        if not self.points:
            return
        sessions = self.query_one("#sessions", OptionList)
        width = sessions.scrollable_content_region.width or self.size.width - 4
        highlighted = sessions.highlighted
        sessions.set_options(
            Option(session_row(p, width), id=f"session-{p.id}") for p in self.points
        )
        sessions.highlighted = highlighted if highlighted is not None else 0
        best = self.query_one("#best", Static)
        body_width = self.query_one("#progress-body").scrollable_content_region.width or width
        best.update(Content("\n").join(best_line(b, body_width) for b in self.data.scenarios))  # type: ignore[union-attr]

    @property
    def highlighted(self) -> SessionPoint | None:
        if not self.points:
            return None
        index = self.query_one("#sessions", OptionList).highlighted
        return self.points[index] if index is not None else None

    @on(OptionList.OptionHighlighted, "#sessions")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#session-detail", Static).update(session_detail(self.points[event.option_index]))

    @on(OptionList.OptionSelected, "#sessions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        point = self.points[event.option_index]
        if point.finished:
            self.action_export()
        else:
            self.action_carry_on()

    def action_export(self) -> None:
        point = self.highlighted
        if point is None:
            self.notify("There is no session to save yet.", timeout=3)
            return
        self.app.save_report(point.id)  # type: ignore[attr-defined]

    def action_carry_on(self) -> None:
        point = self.highlighted
        if point is None:
            self.notify("There is no session to carry on with yet.", timeout=3)
        elif point.finished:
            self.notify("That practice reached its ending. Press e to save its report.", timeout=4)
        else:
            self.app.offer_unfinished(session_id=point.id)  # type: ignore[attr-defined]

    def action_look_back(self) -> None:
        point = self.highlighted
        if point is not None:
            self.app.look_back(point.id)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.pop_screen()
