"""Dialogs about stored practice: carry on with an unfinished session, confirm a discard,
and where a saved report went."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ipt_roleplay.practice.offer import Offer
from ipt_roleplay.practice.words import replies, when

CARRY_ON, NOT_NOW, DISCARD = "carry-on", "not-now", "discard"


def offer_text(offer: Offer) -> Content:
    """What the person needs to decide: which practice, how far it got, and what changed."""
    record = offer.record
    lines = [
        Content.assemble(
            "You have an unfinished practice: ", (record.scenario_title, "bold"),
            f", {replies(record.turn_count)}, started {when(record.started_at)}.",
        )
    ]
    plan = offer.plan
    if offer.problem:
        lines.append(Content(offer.problem))
    elif plan is not None and offer.changed:
        if offer.moved_to:
            lead = f"The file it was played from is gone, so carrying on uses {offer.moved_to}"
        else:
            lead = "The scenario file has changed since then"
        if plan.complete:
            lines.append(Content(f"{lead}; all {replies(plan.total)} still apply."))
        elif plan.clean == 0:
            lines.append(
                Content(
                    f"{lead}, and none of the {replies(plan.total)} still apply: carrying on "
                    "starts the conversation again from the beginning."
                )
            )
        else:
            dropped = plan.total - plan.clean
            rest = "the other reply is" if dropped == 1 else f"the other {dropped} are"
            lines.append(
                Content(
                    f"{lead}: {plan.clean} of {replies(plan.total)} still apply. Carrying on replays "
                    f"those and goes on from there; {rest} dropped."
                )
            )
    if offer.others:
        more = "another one" if offer.others == 1 else f"{offer.others} others"
        lines.append(Content(f"You have {more} unfinished too; see Your practice (h in the list)."))
    return Content("\n\n").join(lines)


class ResumeScreen(ModalScreen[str]):
    """Offered when the app starts (or from Your practice): carry on, not now, or discard."""

    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("enter", "choose('carry-on')", "Carry on", id="resume-carry-on",
                tooltip="Pick up the conversation where you left it."),
        Binding("c", "choose('carry-on')", "Carry on", id="resume-carry-on-c", show=False,
                tooltip="Pick up the conversation where you left it."),
        Binding("n", "choose('not-now')", "Not now", id="resume-not-now",
                tooltip="Keep it for later; it stays in your practice history."),
        Binding("escape", "choose('not-now')", "Not now", id="resume-not-now-escape", show=False,
                tooltip="Keep it for later; it stays in your practice history."),
        Binding("d", "choose('discard')", "Discard", id="resume-discard",
                tooltip="Delete this unfinished practice (you are asked first)."),
    ]

    def __init__(self, offer: Offer) -> None:
        super().__init__()
        self.offer = offer

    def compose(self) -> ComposeResult:
        title = "Carry on where you left off?" if self.offer.can_carry_on else "An unfinished practice"
        with Vertical(classes="dialog-body", id="resume-dialog"):
            yield Static(title, classes="dialog-title", markup=False)
            yield Static(offer_text(self.offer), id="resume-text")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters and parameters[0] == CARRY_ON:
            return self.offer.can_carry_on  # hidden from the footer when it cannot be done
        return True

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class ConfirmScreen(ModalScreen[bool]):
    """A plain yes-or-no before something that cannot be undone."""

    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("y", "dismiss(True)", "Yes", id="confirm-yes", tooltip="Go ahead."),
        Binding("n", "dismiss(False)", "No", id="confirm-no", tooltip="Keep things as they are."),
        Binding("escape", "dismiss(False)", "No", id="confirm-no-escape", show=False,
                tooltip="Keep things as they are."),
    ]

    def __init__(self, title: str, body: str | Content) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-body"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.body if isinstance(self.body, Content) else Content(self.body))
        yield Footer()


class SavedScreen(ModalScreen[None]):
    """Where a saved report is: the full path, to find it, open it, or attach it."""

    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("enter", "dismiss", "Close", id="saved-close", tooltip="Back to where you were."),
        Binding("escape", "dismiss", "Close", id="saved-close-escape", show=False,
                tooltip="Back to where you were."),
    ]

    def __init__(self, files: list[Path]) -> None:
        super().__init__()
        self.files = files

    def compose(self) -> ComposeResult:
        kinds = {".html": "To print or share (opens in a web browser)", ".md": "As plain text (Markdown)"}
        lines = [Content("Only you can read these files. Share them when you choose to.")]
        for path in self.files:
            lines.append(
                Content.assemble((kinds.get(path.suffix, "Saved") + ":", "bold"), "\n", str(path))
            )
        with Vertical(classes="dialog-body", id="saved-dialog"):
            yield Static("Report saved", classes="dialog-title", markup=False)
            yield Static(Content("\n\n").join(lines), id="saved-text")
        yield Footer()
