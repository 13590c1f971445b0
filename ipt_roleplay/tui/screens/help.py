"""Help: every key on the screen underneath, what the ratings mean, and where to find support."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from ipt_roleplay.tui import text
from ipt_roleplay.tui.widgets.reply_input import ReplyInput

# Keys that widgets handle themselves, so no Binding of ours describes them.
MOVING_AROUND = (
    ("↑ ↓", "Move through a list"),
    ("Enter", "Choose the highlighted item"),
    ("Tab / Shift+Tab", "Move between parts of the screen"),
    ("PgUp PgDn", "Scroll a long passage"),
    ("Ctrl+P", "Command palette: restart, go back, switch scenario, theme…"),
)


TYPING_OFF = (
    "Typing your own reply is turned off in this scenario: its author wants you to "
    "choose between the written replies, which may differ only in a small way."
)


def key_name(display: str) -> str:
    """``^z`` is terse for someone new to terminals; write ``Ctrl+Z``."""
    if display.startswith("^") and len(display) > 1:
        return "Ctrl+" + display[1:].upper()
    return {"esc": "Esc", "⏎": "Enter", "enter": "Enter"}.get(display, display)


def _keys_of(bindings: list[Binding], app) -> list[tuple[str, str]]:
    """(keys, description) pairs, with keys sharing a description listed together."""
    grouped: dict[str, list[str]] = {}
    for binding in bindings:
        if not binding.description or binding.system:
            continue
        if binding.key.isdigit():
            continue  # the number keys are described once, as 1 … 9
        explained = f"{binding.description}: {binding.tooltip}" if binding.tooltip else binding.description
        grouped.setdefault(explained, []).append(key_name(app.get_key_display(binding)))
    return [(" / ".join(keys), description) for description, keys in grouped.items()]


def _table(rows: list[tuple[str, str]]) -> ComposeResult:
    # One row per key, as two columns, so a long description wraps beside its key.
    for keys, description in rows:
        with Horizontal(classes="key-row"):
            yield Static(keys, classes="key", markup=False)
            yield Static(description, classes="key-description", markup=False)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close help", id="help-close", tooltip="Back to where you were."),
        Binding("q", "dismiss", "Close help", id="help-close-q", show=False, tooltip="Back to where you were."),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__(classes="dialog")
        self.under = under

    def compose(self) -> ComposeResult:
        from ipt_roleplay.tui.screens.play import PlayScreen

        app = self.app
        bindings = list(getattr(type(self.under), "BINDINGS", []))
        typing_off = None
        if isinstance(self.under, PlayScreen) and not self.under.session.scenario.free_text:
            bindings = [b for b in bindings if b.id != "play-type"]
            typing_off = TYPING_OFF
        screen_rows = _keys_of(bindings, app)
        if isinstance(self.under, PlayScreen):
            screen_rows.insert(0, ("1 … 9", "Give that reply"))
            if typing_off is None:
                screen_rows += [(f"{keys} (typing)", what) for keys, what in _keys_of(ReplyInput.BINDINGS, app)]
        app_rows = _keys_of(list(type(app).BINDINGS), app)
        with Vertical(classes="dialog-body", id="help-dialog"):
            with VerticalScroll(id="help-body"):
                yield Static("Keys on this screen", classes="heading", markup=False)
                yield from _table(screen_rows + app_rows)
                if typing_off is not None:
                    yield Static(typing_off, classes="section", id="typing-off", markup=False)
                yield Static("Moving around", classes="heading", markup=False)
                yield from _table(list(MOVING_AROUND))
                yield Static("Feedback", classes="heading", markup=False)
                yield Static(
                    Content("\n").join(
                        [
                            Content.assemble(text.rating("helpful"), "   the reply tends to open the conversation up"),
                            Content.assemble(text.rating("mixed"), "     part of it helps, part of it gets in the way"),
                            Content.assemble(text.rating("unhelpful"), " the reply tends to close it down or escalate"),
                            Content(
                                "Patterns marked + help a conversation, those marked − tend to hinder it. "
                                "The words in quotes are where the pattern shows in your reply. "
                                "Feedback is about the reply, never about you."
                            ),
                        ]
                    )
                )
                yield Static(
                    "You can stop at any time with Ctrl+Q; nothing you do here is graded.",
                    classes="section",
                    markup=False,
                )
            # Outside the scrolling part, so it is always in view.
            yield Static(text.CRISIS_NOTE, id="crisis", markup=False)
        yield Footer()
