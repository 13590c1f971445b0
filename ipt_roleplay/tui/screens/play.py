"""The conversation: what was said, the other person's line, the replies, and feedback.

A reply updates the screen in place (append to the transcript, refill the replies,
refresh meters and feedback) rather than recomposing, so each key press costs the same
at the fortieth reply as at the first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, Static
from textual.worker import Worker, WorkerError

from ipt_roleplay.engine.session import Session, Turn, TypedReplyError, clean_typed
from ipt_roleplay.scenario.library import ROLE_LABELS
from ipt_roleplay.tui import text
from ipt_roleplay.tui.screens import StyledOnMount
from ipt_roleplay.tui.startup import collect_between_frames
from ipt_roleplay.tui.widgets.feedback import FeedbackPanel
from ipt_roleplay.tui.widgets.keys_line import KeysLine
from ipt_roleplay.tui.widgets.meters import Meters
from ipt_roleplay.tui.widgets.replies import SUMMARY_OPTION, RepliesList
from ipt_roleplay.tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from ipt_roleplay.tui.widgets.reply_input import ReplyInput


def _choose_binding(n: int) -> Binding:
    # Priority: the app runs the reply as the key arrives, rather than after passing the
    # key down to the focused list and back up again (a millisecond of a reply). While
    # a reply is being typed, check_action declines it and the digit is typed instead.
    return Binding(
        str(n), f"choose({n})", f"Reply {n}", id=f"play-reply-{n}", show=False,
        tooltip=f"Give reply number {n}.", priority=True,
    )


class PlayScreen(StyledOnMount, Screen):
    BINDINGS = [
        *(_choose_binding(n) for n in range(1, 10)),
        Binding("t", "type_reply", "Type a reply", id="play-type",
                tooltip="Say it in your own words instead of picking one."),
        Binding("u", "go_back", "Back one reply", id="play-back",
                tooltip="Undo your last reply and choose again."),
        Binding("ctrl+z", "go_back", "Back one reply", id="play-back-ctrl-z", show=False,
                tooltip="Undo your last reply and choose again."),
        Binding("f", "toggle_feedback", "Feedback", id="play-feedback",
                tooltip="Show or hide the feedback panel."),
        Binding("ctrl+r", "restart", "Restart", id="play-restart", show=False,
                tooltip="Start this conversation again from the beginning."),
        Binding("escape", "leave", "List", id="play-leave",
                tooltip="Back to the scenario list."),
    ]
    AUTO_FOCUS = "#replies"
    # Keys that mean something else while a reply is being typed (there they are text,
    # or, like ctrl+z and ctrl+r, too easy to press by mistake in the middle of a sentence).
    NOT_WHILE_TYPING = frozenset({"choose", "go_back", "toggle_feedback", "restart", "leave", "type_reply"})

    def __init__(self, session: Session, feedback_mode: str = "each") -> None:
        super().__init__()
        self.session = session
        self._typing: ReplyInput | None = None  # the typing field, once it replaces its stand-in
        self._typing_line: Static | ReplyInput | None = None  # the stand-in, then the field
        self._could_type: bool | None = None  # as the keys shown last had it
        self._unrecorded = False  # a change waits for the frame that shows it to be recorded
        self.feedback_mode = feedback_mode
        self.show_feedback = feedback_mode == "each"
        self.set_class(not self.show_feedback, "no-feedback")

    # --- building --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        session = self.session
        scenario = session.scenario
        role = ROLE_LABELS.get(scenario.learner_role, scenario.learner_role)
        yield Static(
            Content.assemble((scenario.title, "bold"), f" · you play {role}"),
            id="title-bar",
            classes="title",
        )
        # Kept rather than queried: a query is a walk of the screen, four on every reply.
        self._meters = Meters(scenario.meters, session.meters, id="meters")
        self._transcript = Transcript(session.history, session.line(), show_ratings=self.show_feedback, id="transcript")
        self._feedback = FeedbackPanel(id="feedback")
        self._replies = self._focused_replies()
        yield self._meters
        yield self._transcript
        yield self._feedback
        yield self._replies
        yield from self.compose_free_text()
        yield from self.compose_live_status()
        yield KeysLine(id="keys")

    def _focused_replies(self) -> RepliesList:
        replies = RepliesList(id="replies")
        if self.app.app_focus:
            # AUTO_FOCUS is about to focus it, by setting has_focus as this does and then
            # telling the screen; set before its first styling, it is styled focused
            # once, rather than styled and then restyled (a tenth of this frame). A
            # blurred app (in a browser, at first) focuses nothing yet: left as it is.
            replies.set_reactive(RepliesList.has_focus, True)
        return replies

    def compose_free_text(self) -> ComposeResult:
        """A field for a reply in the person's own words, unless the scenario turns typing
        off. The first frame shows a line that reads the same, and the field replaces it
        straight after: an Input is a good part of the time this screen takes to draw."""
        if self.session.scenario.free_text:
            self._typing_line = Static(text.TYPING_IDLE, id="typed-soon", markup=False)
            yield self._typing_line

    def _field(self) -> ReplyInput | None:
        """The typing field, put in place now if it is not yet; None without typing."""
        if self._typing is None:
            # Imported when first needed: the field comes after the first frame, and this
            # module is on the way to every conversation's first frame.
            from ipt_roleplay.tui.widgets.reply_input import ReplyInput

            # Kept, not queried: the stand-in stays in the DOM until its removal is done.
            for soon in self.query("#typed-soon"):
                self._typing = ReplyInput(id="typed")
                self._typing.display = soon.display
                self.mount(self._typing, before=soon)
                self._typing_line = self._typing
                soon.remove()
        return self._typing

    def compose_live_status(self) -> ComposeResult:
        """With `play --watch`: what the last save of the scenario file did."""
        live = getattr(self.app, "live", None)
        if live is not None and live.watches(self.session.scenario):
            yield Static(live.status, id="live-status", classes="live-problem" if live.problem else "")

    def on_mount(self) -> None:
        feedback = self._feedback
        if self.session.history:
            feedback.show_turn(self.session.history[-1])
        else:
            feedback.show_message(self._first_hint())
        self._fill_replies()
        # After the first frame, so warming up never delays the screen itself.
        self.call_after_refresh(self._warm_up)

    def _warm_up(self) -> None:
        if not self.is_attached:
            return  # the app closed as this screen was first drawn: nothing to warm
        getattr(self.app, "end_start_up", lambda: None)()  # the conversation is on screen
        self._field()
        self.session.machine  # noqa: B018 - built before the first reply rather than on it
        prewarm = self.app.prewarm()  # type: ignore[attr-defined]
        if not self.app.is_web:  # served, replies are not prepared ahead (_prepare_replies)
            self._prepare_after(prewarm)

    @work(group="prepare")
    async def _prepare_after(self, prewarm: Worker) -> None:
        """Prepare the first replies once the analyzer is ready (app.prewarm builds it
        in a thread): asked for sooner, this thread would wait for it."""
        try:
            await prewarm.wait()
        except WorkerError:  # failed, or not started
            return
        self._prepare_replies()

    def _first_hint(self) -> str:
        pick = "Pick a reply: press its number, or use the arrows and Enter"
        if self.session.scenario.free_text:
            pick += "; or press t to type your own"
        if self.show_feedback:
            return pick + ". Feedback on it appears here."
        return pick + ". Feedback waits until the end."

    def _fill_replies(self) -> None:
        session = self.session
        options = session.options()
        self._replies.show(session.is_over, [o.reply for o in options])
        can_type = session.scenario.free_text and not session.is_over and bool(options)  # as _can_type
        # Kept rather than queried: a query is a walk of the screen, on every reply.
        if self._typing_line is not None:  # None when the scenario turns typing off
            self._typing_line.display = can_type
        if can_type != self._could_type:  # `t` comes or goes from the keys shown
            self._could_type = can_type
            self.refresh_bindings()

    def _can_type(self) -> bool:
        return self.session.scenario.free_text and not self.session.is_over and bool(self.session.options())

    def on_resize(self) -> None:
        # Reply prompts are wrapped by hand for their hanging indent, so re-wrap them.
        self.call_after_refresh(self._rewrap)

    def _rewrap(self) -> None:
        replies = self._replies
        highlighted = replies.highlighted
        self._fill_replies()
        if highlighted is not None and highlighted < replies.option_count:
            replies.highlighted = highlighted

    # --- replying --------------------------------------------------------------------

    def action_choose(self, number: int) -> None:
        if self.session.is_over:
            if number == 1:
                self.app.show_summary(self.session)  # type: ignore[attr-defined]
            return
        if not 1 <= number <= len(self.session.options()):
            self.notify(f"There is no reply {number} here.", timeout=2)
            return
        self.apply_turn(self.session.choose(number - 1))

    @on(OptionList.OptionSelected, "#replies")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == SUMMARY_OPTION:
            self.app.show_summary(self.session)  # type: ignore[attr-defined]
        else:
            self.action_choose(event.option_index + 1)

    # --- typing a reply ----------------------------------------------------------------

    def action_type_reply(self) -> None:
        field = self._field()
        if field is None:
            return
        field.focus()
        field.cursor_position = len(field.value)  # carry on after words kept from before

    def action_stop_typing(self) -> None:
        self.query_one("#replies", OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "type_reply" and not self._can_type():
            return False
        if action in self.NOT_WHILE_TYPING and isinstance(self.focused, Input):
            return False
        return True

    @on(Input.Submitted, "#typed")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        if not clean_typed(event.value):
            self.notify(
                "There is nothing to send yet. Type your reply, or press Esc to pick a written one.",
                timeout=4,
                markup=False,
            )
            return
        try:
            turn = self.session.say(event.value)
        except TypedReplyError as error:  # the engine's reason is already plain words
            message = str(error)
            self.notify(message[:1].upper() + message[1:] + ".", timeout=4, markup=False)
            return
        event.input.clear()
        self.apply_turn(turn)
        # Back to the list: `u` takes the reply back, and `t` types the next one.
        self.query_one("#replies", OptionList).focus()

    def apply_turn(self, turn: Turn) -> None:
        """Show a reply the engine has just taken, however it was given."""
        served = self.app.is_web
        if served:
            self._record()  # kept before anything is built for it (see _record)
        self._transcript.add_turn(turn, self.session.line())
        self._meters.show_values(self.session.meters)
        self._feedback.show_turn(turn)
        self._fill_replies()
        self._after_frame(recorded=served)

    def _after_frame(self, *, recorded: bool = False) -> None:
        """Once the frame showing a change is drawn: record it (unless it is already),
        make the next replies ready, and run the collector's due pass. Called last, after
        every refresh the change asks for: Textual runs these callbacks as soon as the
        screen has nothing to redraw, so asked for first they would run before the frame
        instead."""
        if not recorded:
            self._record()
        # One callback for all three: each is a message the screen handles before the
        # frame, so one rather than three is a little less in the way of that frame.
        self.call_after_refresh(self._between_frames)

    def _between_frames(self) -> None:
        self._record_now()  # what _record left for after the frame
        self._prepare_replies()
        collect_between_frames()

    def _prepare_replies(self) -> None:
        """While the person reads: the feedback on each reply offered now, and the entry
        it would add to the transcript, so that picking one only shows them. Not when
        served: the cores are shared by everyone, so only the reply picked is worked out."""
        if not self.is_attached or self.app.is_web:
            return
        session = self.session
        options = session.options()
        feedback = [session.feedback_on(option) for option in options]
        self._transcript.prepare_replies(
            [(o.reply, fb.rating) for o, fb in zip(options, feedback)],
            [session.line_after(option) for option in options],
        )
        self._feedback.prepare(feedback)
        self._meters.prepare(session.meters_after(option) for option in options)
        states = session.scenario.states
        self._replies.prepare(
            (states[option.choice.goto].ending is not None, [o.reply for o in session.options_after(option)])
            for option in options
        )

    def _record(self) -> None:
        """Keep the conversation as it stands now in the practice history, as soon as
        the frame showing it is drawn: one small commit (about 0.5 ms, with the summary
        at an ending), so a reply survives even a crash without the person waiting for
        the write. Changes made before that frame go in one write. Never raises."""
        if self.app.is_web:
            # Served, the frame crosses a network anyway and many people share the
            # server's cores: a change is kept at once, so its commit never waits for
            # drawing (or for other people's frames).
            self._unrecorded = True
            self._record_now()
            return
        self._unrecorded = True  # written by _between_frames, once the frame is drawn

    def _record_now(self) -> None:
        """Write what `_record` left for after the frame, if it is not written yet:
        also before leaving the screen, so nothing waits on a screen that has gone."""
        if not self._unrecorded:
            return
        self._unrecorded = False
        practice = getattr(self.app, "practice", None)
        if practice is not None:
            practice.sync(self.session)

    def on_unmount(self) -> None:
        self._record_now()

    # --- going back ------------------------------------------------------------------

    def action_go_back(self) -> None:
        session = self.session
        if not session.history:
            self.notify("This is the start of the conversation.", timeout=2)
            return
        taken_back = session.history[-1]
        session.rewind(len(session.history) - 1)
        self._transcript.drop_last_turn()
        self._meters.show_values(session.meters)
        self._feedback.show_message(self._went_back(taken_back))
        self._fill_replies()
        self._after_frame()

    def _went_back(self, turn: Turn) -> str:
        """What to say after taking ``turn`` back. A typed reply's words wait in the
        field, to be said another way."""
        field = self._field()
        if turn.typed is None or field is None or field.value:
            return "Went back one reply. Choose again."
        field.value = turn.typed
        return "Went back one reply. Your words are in the field below: press t to change them, or pick a reply."

    def action_restart(self) -> None:
        self.session.rewind(0)
        self._transcript.reset([], self.session.line())
        self._meters.show_values(self.session.meters)
        self._feedback.show_message("Started again from the beginning.")
        self._fill_replies()
        self._after_frame()

    def action_toggle_feedback(self) -> None:
        self.show_feedback = not self.show_feedback
        self.set_class(not self.show_feedback, "no-feedback")
        self._transcript.set_show_ratings(self.show_feedback)

    def action_leave(self) -> None:
        self._record_now()  # leaving ends the recording: the last reply first
        if not self.session.history or self.session.is_over:
            self.app.back_to_picker()  # type: ignore[attr-defined]
            return

        def leave(confirmed: bool | None) -> None:
            if confirmed:
                self.app.back_to_picker()  # type: ignore[attr-defined]

        practice = getattr(self.app, "practice", None)
        kept = practice is not None and practice.session is self.session and practice.session_id is not None
        self.app.push_screen(LeaveScreen(kept), leave)


class LeaveScreen(ModalScreen[bool]):
    """A calm check before leaving a conversation part-way through."""

    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("y", "dismiss(True)", "Leave", id="leave-yes", tooltip="Back to the scenario list."),
        Binding("n", "dismiss(False)", "Stay", id="leave-no", tooltip="Carry on with the conversation."),
        Binding("escape", "dismiss(False)", "Stay", id="leave-stay", show=False,
                tooltip="Carry on with the conversation."),
    ]

    def __init__(self, kept: bool = False) -> None:
        super().__init__()
        self.kept = kept  # the replies so far are in the practice history

    def compose(self) -> ComposeResult:
        # Imported here: the play screen draws its keys itself, and its module is on the
        # way to every conversation's first frame (Footer's module is a few ms to load).
        from textual.widgets import Footer

        with Vertical(classes="dialog-body"):
            yield Static("Leave this conversation?", classes="dialog-title", markup=False)
            yield Static(
                "Your replies so far are kept: next time you open ipt-roleplay, or from Your "
                "practice (h in the list), you can carry on where you left off."
                if self.kept
                else "This practice run ends here. You can start it again from the list at any time.",
                markup=False,
            )
        yield Footer()
