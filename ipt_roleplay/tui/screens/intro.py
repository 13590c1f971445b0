"""Before the start: what the conversation is, who is in it, and how feedback will come."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ipt_roleplay.scenario.library import PROBLEM_AREA_LABELS, ROLE_LABELS
from ipt_roleplay.scenario.model import Scenario
from ipt_roleplay.tui import text

MODES = {
    "each": "After each reply",
    "end": "Only at the end (more realistic)",
}


def mode_choice(mode: str) -> Content:
    parts: list[str | tuple[str, str]] = [("Feedback: ", "bold")]
    for key, label in MODES.items():
        chosen = key == mode
        parts += [("◉ " if chosen else "○ "), (label, "bold" if chosen else "$text-muted"), "   "]
    return Content.assemble(*parts)


class IntroScreen(Screen):
    BINDINGS = [
        Binding("enter", "start", "Start", id="intro-start",
                tooltip="Begin the conversation."),
        Binding("f", "toggle_mode", "Feedback timing", id="intro-feedback",
                tooltip="Feedback after each reply, or only at the end."),
        Binding("escape", "back", "Back to the list", id="intro-back",
                tooltip="Choose another scenario."),
    ]
    AUTO_FOCUS = "#intro-body"

    def __init__(self, scenario: Scenario, path: Path | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.path = path  # the scenario's file, kept with the practice history

    def compose(self) -> ComposeResult:
        s = self.scenario
        yield Static(text.literal(s.title), id="title-bar", classes="title")
        with VerticalScroll(id="intro-body"):
            role = ROLE_LABELS.get(s.learner_role, s.learner_role)
            area = PROBLEM_AREA_LABELS.get(s.problem_area, s.problem_area)
            yield Static(f"{area} · you play {role}", classes="dim", markup=False)
            yield Static(text.literal(s.summary), classes="section")
            if s.goals:
                yield Static("What to practise", classes="heading", markup=False)
                yield Static(Content("\n").join(Content.assemble("• ", g) for g in s.goals))
            if s.content_notes:
                yield Static("Content notes", classes="heading", markup=False)
                yield Static(Content("\n").join(Content.assemble("• ", n) for n in s.content_notes))
            yield Static("Who is in the conversation", classes="heading", markup=False)
            yield Static(
                Content("\n").join(
                    Content.assemble((c.name, "bold"), *((" — ", c.description) if c.description else ()))
                    for c in s.characters.values()
                )
            )
            if s.meters:
                yield Static("Measures shown while you play", classes="heading", markup=False)
                yield Static(
                    Content("\n").join(
                        text.meter(m.label, m.start, m.min, m.max, m.good) for m in s.meters.values()
                    )
                )
        yield Static(text.CRISIS_NOTE, id="crisis", markup=False)
        yield Static(mode_choice(self.app.feedback_mode), id="mode")  # type: ignore[attr-defined]
        yield Footer()

    def on_mount(self) -> None:
        # Warm up what playing needs once the person has settled on reading this page;
        # starting at once would compete with drawing it (and the play screen warms
        # up too, for anyone who starts straight away).
        self.set_timer(0.4, self.app.prewarm)  # type: ignore[attr-defined]

    def action_toggle_mode(self) -> None:
        app = self.app
        app.feedback_mode = "end" if app.feedback_mode == "each" else "each"  # type: ignore[attr-defined]
        self.query_one("#mode", Static).update(mode_choice(app.feedback_mode))  # type: ignore[attr-defined]

    def action_start(self) -> None:
        self.app.start(self.scenario, self.path)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.back_to_picker()  # type: ignore[attr-defined]
