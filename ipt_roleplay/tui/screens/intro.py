"""Before the start: what the conversation is, who is in it, and how feedback will come."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ipt_roleplay.scenario.library import PROBLEM_AREA_LABELS, ROLE_LABELS
from ipt_roleplay.scenario.model import Scenario
from ipt_roleplay.tui import text
from ipt_roleplay.tui.screens import StyledOnMount
from ipt_roleplay.tui.widgets.scrolling_text import ScrollingText

MODES = {
    "each": "After each reply",
    "end": "Only at the end (more realistic)",
}


def mode_choice(mode: str) -> Content:
    parts: list[str | tuple[str, str]] = [("Feedback: ", "bold")]
    for key, label in MODES.items():
        chosen = key == mode
        parts += [("◉ " if chosen else "○ "), (label, "bold" if chosen else "$foreground-muted"), "   "]
    return Content.assemble(*parts)


# The keys, drawn as one line of links rather than a Footer: a Footer is a widget per
# key, and this page is on the way to every conversation.
# Styles here are Content styles: "$foreground-muted", because "$text-muted" ("auto 60%")
# only resolves in CSS and comes out white in Content.
KEYS = Content.from_markup(
    "[@click=screen.start][b]⏎[/] Start[/]   "
    "[@click=screen.toggle_mode][b]f[/] Feedback timing[/]   "
    "[@click=screen.back][b]esc[/] Back to the list[/]   "
    "[@click=app.help][b]?[/] Help[/]   "
    "[@click=app.command_palette][b]^p[/] Palette[/]"
)


def heading(title: str) -> Content:
    return Content.styled(title, "bold $primary")


def lines(items) -> Content:
    return Content("\n").join(items)


def about(s: Scenario) -> Content:
    """Everything on the page above the crisis note, as one piece of text (one widget
    draws faster than a dozen)."""
    role = ROLE_LABELS.get(s.learner_role, s.learner_role)
    area = PROBLEM_AREA_LABELS.get(s.problem_area, s.problem_area)
    blocks = [Content.styled(f"{area} · you play {role}", "$foreground-muted")]
    # Content notes come before anything the notes are about, the summary included.
    if s.content_notes:
        blocks.append(lines([heading("Content notes"), *(Content.assemble("• ", n) for n in s.content_notes)]))
    blocks.append(text.literal(s.summary))
    if s.goals:
        blocks.append(lines([heading("What to practise"), *(Content.assemble("• ", g) for g in s.goals)]))
    blocks.append(lines([
        heading("Who is in the conversation"),
        *(
            Content.assemble((c.name, "bold"), *((" — ", c.description) if c.description else ()))
            for c in s.characters.values()
        ),
    ]))
    if s.meters:
        blocks.append(lines([
            heading("Measures shown while you play"),
            *(text.meter(m.label, m.start, m.min, m.max, m.good) for m in s.meters.values()),
        ]))
    return Content("\n\n").join(blocks)


def closing(mode: str) -> Content:
    """The crisis note, the feedback choice and the keys, under the scrolling part."""
    return lines([Content.styled(text.CRISIS_NOTE, "$foreground-muted"), mode_choice(mode), KEYS])


class IntroScreen(StyledOnMount, Screen):
    BINDINGS = [
        Binding("enter", "start", "Start", id="intro-start",
                tooltip="Begin the conversation."),
        Binding("f", "toggle_mode", "Feedback timing", id="intro-feedback",
                tooltip="Feedback after each reply, or only at the end."),
        Binding("escape", "back", "Back to the list", id="intro-back",
                tooltip="Choose another scenario."),
    ]
    # The text is focused (so the arrow keys scroll it) once the page is drawn, not on the
    # way to it: focusing it first costs the first frame a restyle and a second repaint,
    # and shows nothing (the text has no focused look).
    AUTO_FOCUS = ""

    def __init__(self, scenario: Scenario, path: Path | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.path = path  # the scenario's file, kept with the practice history

    def compose(self) -> ComposeResult:
        yield Static(text.literal(self.scenario.title), id="title-bar", classes="title")
        # One widget that scrolls its text, drawn as a Static in a scrolling container
        # would be (see ScrollingText): this page is on the way to every conversation.
        yield ScrollingText(about(self.scenario), id="intro-body")
        yield Static(closing(self.app.feedback_mode), id="intro-close")  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        # Warm up what playing needs once the person has settled on reading this page;
        # starting at once would compete with drawing it (and the play screen warms
        # up too, for anyone who starts straight away).
        self.set_timer(0.4, self.app.prewarm)  # type: ignore[attr-defined]
        self.call_after_refresh(self._focus_body)

    def _focus_body(self) -> None:
        if self.is_attached and self.focused is None:
            for body in self.query("#intro-body"):  # none once the page is closing
                body.focus(scroll_visible=False)

    def action_toggle_mode(self) -> None:
        app = self.app
        app.feedback_mode = "end" if app.feedback_mode == "each" else "each"  # type: ignore[attr-defined]
        self.query_one("#intro-close", Static).update(closing(app.feedback_mode))  # type: ignore[attr-defined]

    def action_start(self) -> None:
        self.app.start(self.scenario, self.path)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.back_to_picker()  # type: ignore[attr-defined]
