"""What the app does for looking back and for mood; mixed into the App (which sets
``practice``, ``ask_mood`` and ``feedback_mode``), so the app module stays about moving
between screens. The logic itself is Textual-free, in ``ipt_roleplay.review``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ipt_roleplay.practice.words import reason

if TYPE_CHECKING:
    from ipt_roleplay.engine.session import Session
    from ipt_roleplay.review import Review
    from ipt_roleplay.store.lookback import Mood
    from ipt_roleplay.practice.recording import Practice


class LookBackActions:
    practice: Practice
    ask_mood: bool

    # --- mood --------------------------------------------------------------------------

    def mood_wanted(self) -> bool:
        """Asked unless --no-mood, the setting, or a run that keeps no history."""
        if not self.ask_mood or not self.practice.recording:
            return False
        history = self.practice.open()
        if history is None:
            return False
        from ipt_roleplay.store.lookback import mood_questions_on

        try:
            return mood_questions_on(history)
        except Exception:
            return False

    def ask_mood_before(self, then: Callable[[Mood | None], None]) -> None:
        """Ask how the person feels, then call ``then`` with the answer (None: skipped)."""
        if not self.mood_wanted():
            then(None)
            return
        from ipt_roleplay.tui.screens.mood import MoodScreen

        app: Any = self
        app.push_screen(MoodScreen("before"), then)

    def ask_mood_after(self, session: Session) -> None:
        """At an ending: the same question again, once per recorded conversation."""
        practice = self.practice
        if practice.session is not session or practice.session_id is None or not self.mood_wanted():
            return
        from ipt_roleplay.store.lookback import moods, rehearsal_of

        session_id = practice.session_id
        history = practice.open()
        try:
            # A rehearsal is part of the look back it came from, which the mood was asked around.
            if history is None or "after" in moods(history, session_id) or rehearsal_of(history, session_id):
                return
        except Exception:
            return
        from ipt_roleplay.tui.screens.mood import MoodScreen

        def answered(mood: Mood | None) -> None:
            if mood is not None:
                self.save_mood(session_id, "after", mood)

        app: Any = self
        app.push_screen(MoodScreen("after"), answered)

    def save_mood(self, session_id: int, moment: str, mood: Mood) -> None:
        from ipt_roleplay.store.lookback import save_mood

        history = self.practice.open()
        if history is None:
            return
        try:
            save_mood(history, session_id, moment, mood)
        except Exception as error:
            self.practice.tell(f"That could not be saved. {reason(error)}", warning=True)

    def set_mood_questions(self, on: bool) -> None:
        """The setting (kept with the history) that turns the mood questions on or off."""
        from ipt_roleplay.store.lookback import set_mood_questions

        history = self.practice.open()
        if history is None:
            return
        try:
            set_mood_questions(history, on)
        except Exception as error:
            self.practice.tell(f"That setting could not be saved. {reason(error)}", warning=True)
            return
        app: Any = self
        app.notify(
            "The mood questions are on." if on
            else "The mood questions are off. Turn them on again from the command palette (Ctrl+P).",
            timeout=5, markup=False,
        )

    def action_mood_on(self) -> None:
        """Ask how you feel before and after each conversation."""
        self.set_mood_questions(True)

    def action_mood_off(self) -> None:
        """Stop asking how you feel before and after each conversation."""
        self.set_mood_questions(False)

    # --- looking back ----------------------------------------------------------------

    def open_review(self, session_id: int) -> Review | None:
        history = self.practice.open()
        if history is None:
            self.practice.tell("Your practice history could not be opened, so there is nothing to look back on.",
                               warning=True)
            return None
        from ipt_roleplay.review import Review

        app: Any = self
        try:
            return Review.open(history, session_id, list(getattr(app, "scenario_dirs", [])),
                               bool(getattr(app, "include_bundled", True)))
        except Exception as error:
            self.practice.tell(f"That session could not be opened. {reason(error)}", warning=True)
            return None

    def look_back(self, session_id: int | None) -> None:
        """Open the look back on a stored session."""
        app: Any = self
        if session_id is None:
            app.notify("This conversation is not in your practice history, so there is nothing to look back on.",
                       severity="warning", timeout=6, markup=False)
            return
        review = self.open_review(session_id)
        if review is None:
            return
        if not review.exchanges:
            app.notify("That session has no replies to look back on.", timeout=4, markup=False)
            return
        from ipt_roleplay.tui.screens.lookback import LookBackScreen

        app.push_screen(LookBackScreen(review))

    def rehearse(self, review: Review, number: int) -> None:
        """A new attempt, fast-forwarded to just before exchange ``number``, linked to the
        session it came from, on the play screen."""
        app: Any = self
        practice = self.practice
        try:
            started = review.rehearse(number, record=practice.recording)
        except Exception as error:
            practice.tell(f"Rehearsing could not start. {reason(error)}", warning=True)
            return
        app.feedback_mode = review.record.feedback_mode
        if started.recorder is not None:
            practice.adopt(started.session, started.recorder, started.path, app.feedback_mode)
        else:
            practice.begin(started.session, started.path, app.feedback_mode)
        while len(app.screen_stack) > 2 and not app.on_list():
            app.pop_screen()  # the look-back screens: the rehearsal replaces them
        app.play(started.session)
        if started.why:
            app.notify(
                f"Only {started.replayed} of {started.wanted} replies could be replayed: {started.why}.",
                severity="warning", timeout=8, markup=False,
            )
        else:
            app.notify(f"Rehearsing from reply {number + 1}. This time, try it differently.",
                       timeout=5, markup=False)
