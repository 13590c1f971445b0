"""The app's side of practice: notices on screen, looking for unfinished practice
without holding up the screen, and the screens that show the history.

What is recorded, what carrying on would do and how it is worded is the core's
(``ipt_roleplay.practice``); this module only draws it and moves between screens.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ipt_roleplay.practice.recording import Practice
from ipt_roleplay.practice.words import replies

if TYPE_CHECKING:
    from textual.app import App

    from ipt_roleplay.practice.offer import Offer


class AppPractice(Practice):
    """Owned by the app: ``Practice`` telling the person with the app's notices, and
    writing a new conversation once its play screen is drawn."""

    def __init__(self, app: App, *, record: bool = True) -> None:
        self.app = app
        self._main_thread = threading.get_ident()
        super().__init__(self._notify, record=record, later=app.call_after_refresh)

    def _notify(self, message: str, *, title: str = "", warning: bool = False, timeout: float = 8) -> None:
        """A notice on screen, from the app's thread or any other."""
        notify: Callable[[], None] = lambda: self.app.notify(  # noqa: E731
            message, title=title, severity="warning" if warning else "information",
            timeout=timeout, markup=False,
        )
        if threading.get_ident() == self._main_thread:
            notify()
            return
        try:
            self.app.call_from_thread(notify)
        except RuntimeError:  # the app has closed
            pass

    def offer_unfinished(
        self,
        scenario_id: str | None = None,
        *,
        session_id: int | None = None,
        show: Callable[[Offer], None],
    ) -> None:
        """Look for unfinished practice in a thread (the screen stays responsive) and
        hand ``show`` an Offer on the app's thread. ``scenario_id`` limits the search to
        one scenario; ``session_id`` asks about one session."""
        app = self.app
        if not self.recording:
            if session_id is not None:
                self.tell("This run keeps no history (--no-history), so carrying on is turned off.")
            return
        folders = list(getattr(app, "scenario_dirs", []))
        bundled = bool(getattr(app, "include_bundled", True))

        def look() -> None:
            offer = self.find_offer(scenario_id, session_id, folders, bundled)
            if offer is None:
                return
            try:
                app.call_from_thread(show, offer)
            except RuntimeError:  # the app closed meanwhile
                pass

        # A daemon thread rather than a worker, so quitting never waits for it.
        threading.Thread(target=look, name="unfinished-practice", daemon=True).start()


class PracticeActions:
    """What the app does with the history on screen; mixed into the App, which sets
    ``self.practice``. Kept here so the app module stays about moving between screens."""

    practice: AppPractice

    def action_show_progress(self) -> None:
        """Your practice: every session, the patterns in them, and the best outcomes."""
        from ipt_roleplay.tui.screens.progress import ProgressScreen

        app: Any = self
        if isinstance(app.screen, ProgressScreen):
            return
        app.push_screen(ProgressScreen(self.practice.progress()))

    def save_report(self, session_id: int | None) -> None:
        """Save a session's report in the exports folder and say where it went."""
        from ipt_roleplay.tui.screens.resume import SavedScreen

        app: Any = self
        if session_id is None:
            app.notify(
                "This conversation is not in your practice history, so there is no report to save.",
                severity="warning", timeout=6,
            )
            return
        files = self.practice.export(session_id)
        if files:
            app.push_screen(SavedScreen(files))

    def offer_unfinished(self, scenario_id: str | None = None, *, session_id: int | None = None) -> None:
        """Offer to carry on with unfinished practice (the newest, or ``session_id``).
        Offered at start-up only while nothing else has begun; asked for, always."""
        asked = session_id is not None

        def show(offer: Offer) -> None:
            from textual.screen import ModalScreen

            from ipt_roleplay.tui.screens.resume import ResumeScreen

            app: Any = self
            if not asked and (self.practice.session is not None or isinstance(app.screen, ModalScreen)):
                return  # the person has moved on; the offer waits for next time
            app.push_screen(ResumeScreen(offer), lambda choice: self._offer_answered(offer, choice))

        self.practice.offer_unfinished(scenario_id, session_id=session_id, show=show)

    def _offer_answered(self, offer: Offer, choice: str | None) -> None:
        from ipt_roleplay.tui.screens.resume import CARRY_ON, DISCARD, ConfirmScreen

        app: Any = self
        if choice == CARRY_ON and offer.can_carry_on:
            session, done = self.practice.carry_on(offer)
            app.feedback_mode = self.practice.feedback_mode
            app.play(session)
            app.notify(
                f"Carrying on where you left off, after {replies(done)}." if done
                else "Starting again from the beginning.",
                timeout=5,
            )
        elif choice == DISCARD:
            def confirmed(yes: bool | None) -> None:
                if yes and self.practice.discard(offer.record.id):
                    app.notify("Discarded. Your other practice is untouched.", timeout=5)
                    self._refresh_progress()

            app.push_screen(
                ConfirmScreen(
                    "Discard this unfinished practice?",
                    f"Its {replies(offer.record.turn_count)} will be deleted from your "
                    "history for good. y discards it, n keeps it.",
                ),
                confirmed,
            )
        else:
            app.notify(
                "It's kept. You can carry on with it from Your practice (h in the list).", timeout=5
            )

    def _refresh_progress(self) -> None:
        from ipt_roleplay.tui.screens.progress import ProgressScreen

        app: Any = self
        if isinstance(app.screen, ProgressScreen):
            app.switch_screen(ProgressScreen(self.practice.progress()))

