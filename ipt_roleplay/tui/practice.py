"""The app's side of the practice history: recording, carrying on, and saving reports.

Every conversation played in the app is recorded as it is played: ``begin`` when it
starts, ``sync`` after anything that changes it (a reply, going back, a restart, a
replay). Each call commits at once, so a turn survives even ``kill -9``.

Nothing here ever raises into a screen. If the history cannot be opened, the person is
told once, calmly, and practice goes on unrecorded. If one save fails, they are told
once and the next ``sync`` catches up (it rewrites from the first turn that differs).

The store is imported only when first used, so the app's first paint never waits for it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

if TYPE_CHECKING:
    from textual.app import App

    from ipt_roleplay.engine.session import Session
    from ipt_roleplay.scenario.model import Scenario
    from ipt_roleplay.store.history import History
    from ipt_roleplay.store.records import SessionRecord
    from ipt_roleplay.store.resume import ReplayPlan


def reason(error: BaseException) -> str:
    """An error as a sentence for the person: our own errors are already worded for them."""
    from ipt_roleplay.errors import UserError

    if isinstance(error, UserError):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}."
    return f"{type(error).__name__}: {error}."


def when(iso: str) -> str:
    """A stored UTC time as local time the way people say it: ``12 March 2025, 14:05``."""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return f"{moment.day} {moment:%B %Y}, {moment:%H:%M}"


def replies(n: int) -> str:
    return f"{n} {'reply' if n == 1 else 'replies'}"


class Offer(Struct, frozen=True):
    """An unfinished session, and what carrying on with it would do."""

    record: SessionRecord
    others: int  # further unfinished sessions, not offered now
    scenario: Scenario | None  # None: it cannot be carried on (``problem`` says why)
    path: Path | None  # the file to carry on with (where it was, or where it is now)
    plan: ReplayPlan | None
    changed: bool  # the file differs from the one it was played with
    moved_to: str | None = None  # set when the file it came from is gone but a copy was found
    problem: str | None = None

    @property
    def can_carry_on(self) -> bool:
        return self.scenario is not None and self.plan is not None


class Practice:
    """Owned by the app: the history, and the conversation being recorded now."""

    def __init__(self, app: App, *, record: bool = True) -> None:
        self.app = app
        self.recording = record  # False: nothing is recorded and nothing offered
        self._main_thread = threading.get_ident()
        self._lock = threading.Lock()
        self._history: History | None = None
        self._tried = False
        self._save_failed = False
        # The conversation being recorded: only this session's changes are synced.
        self.session: Session | None = None
        self.recorder: Any = None
        self._start_pending = False  # begun, with the first write waiting for a frame
        self.path: Path | None = None
        self.feedback_mode = "each"
        # How the person felt before this conversation, written with its first save.
        self.mood_before: Any = None

    # --- telling the person ----------------------------------------------------------

    def tell(self, message: str, *, title: str = "", warning: bool = False, timeout: float = 8) -> None:
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

    # --- the history -----------------------------------------------------------------

    def open(self) -> History | None:
        """The history, opened on first use from any thread; None when it cannot be used
        (the person has been told why, once)."""
        notice: str | None = None
        failed = False
        with self._lock:
            if not self._tried:
                self._tried = True
                try:
                    from ipt_roleplay.store.history import History

                    self._history = History.open()
                    notice = self._history.notice()
                except Exception as error:  # any failure: practice goes on unrecorded
                    failed = True
                    notice = (
                        "Your practice history could not be opened, so this time your practice "
                        f"will not be saved. Everything else works as usual. {reason(error)}"
                    )
            history = self._history
        # Told outside the lock: the app's thread may be waiting on it.
        if notice:
            self.tell(notice, title="Practice history", warning=failed, timeout=15)
        return history

    @property
    def session_id(self) -> int | None:
        """The stored id of the conversation being recorded, if it is being recorded."""
        return self.recorder.session_id if self.recorder is not None else None

    # --- recording -------------------------------------------------------------------

    def begin(self, session: Session, path: Path | str | None, feedback_mode: str) -> None:
        """Start recording a new conversation."""
        self.session, self.recorder = session, None
        self.path = Path(path) if path is not None else None
        self.feedback_mode = feedback_mode
        if self.recording:
            # Written once the play screen is drawn: opening the history and storing the
            # new session would otherwise hold up its first frame, and nothing is said yet.
            self._start_pending = True
            self.app.call_after_refresh(self._start_when_drawn)

    def _start_when_drawn(self) -> None:
        if not self._start_pending:
            return  # left, or begun again, meanwhile
        self._start_pending = False
        self._start_recorder()  # replies given meanwhile are stored with it

    def _start_recorder(self) -> None:
        history = self.open()
        if history is None or self.session is None:
            return
        from ipt_roleplay.store.recorder import Recorder

        try:
            self.recorder = Recorder.start(
                history, self.session, scenario_path=self.path, feedback_mode=self.feedback_mode
            )
            if self.mood_before is not None:
                from ipt_roleplay.store.lookback import save_mood

                save_mood(history, self.recorder.session_id, "before", self.mood_before)
                self.mood_before = None
        except Exception as error:
            self._could_not_save(error)
        else:
            self._saved()

    def sync(self, session: Session) -> None:
        """Store ``session`` as it is now; at an ending, with its summary."""
        if session is not self.session:
            return
        if self.recorder is None:
            if self._start_pending:
                return  # the first write, still to come, stores everything so far
            if self.recording and self._history is not None:  # the start failed: try again now
                self._start_recorder()
            return
        summary = None
        if session.is_over:
            from ipt_roleplay.engine.summary import summarise

            summary = summarise(session)
        try:
            self.recorder.sync(session, summary=summary)
        except Exception as error:
            self._could_not_save(error)
        else:
            self._saved()

    def follow(self, shown: Session | None, session: Session) -> None:
        """``session`` is about to replace ``shown`` on screen. When ``shown`` is the
        conversation being recorded and ``session`` is its scenario reloaded (``play
        --watch`` after a save), the same practice goes on in the same stored session."""
        if shown is None or shown is session or shown is not self.session:
            return
        if session.scenario.id != shown.scenario.id:
            return
        self.session = session
        if self.recorder is None:
            return
        self.recorder.scenario = session.scenario  # authored replies are matched in it
        try:
            if self.path is not None:  # the file as it is now, so carrying on later is clean
                self.recorder.history.update_scenario_file(self.recorder.session_id, self.path)
        except Exception as error:
            self._could_not_save(error)

    def leave(self) -> None:
        """The person is back at the list: stop recording. A conversation left before any
        reply holds no practice, so it is not kept."""
        session, recorder = self.session, self.recorder
        self.session = self.recorder = self.path = self.mood_before = None
        self._start_pending = False
        if session is None or recorder is None or session.history or session.is_over:
            return
        try:
            recorder.history.forget(recorder.session_id)
        except Exception:
            pass  # an empty record is harmless; the progress screen leaves it out

    def _could_not_save(self, error: BaseException) -> None:
        if self._save_failed:
            return  # said once; saying it after every reply would only alarm
        self._save_failed = True
        self.tell(
            f"That could not be saved to your practice history. {reason(error)} "
            "Practice goes on, and the next reply tries again.",
            title="Not saved",
            warning=True,
            timeout=15,
        )

    def _saved(self) -> None:
        if self._save_failed:
            self._save_failed = False
            self.tell("Saving works again: everything so far is in your history.")

    # --- carrying on -----------------------------------------------------------------

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
            offer = self._find_offer(scenario_id, session_id, folders, bundled)
            if offer is None:
                return
            try:
                app.call_from_thread(show, offer)
            except RuntimeError:  # the app closed meanwhile
                pass

        # A daemon thread rather than a worker, so quitting never waits for it.
        threading.Thread(target=look, name="unfinished-practice", daemon=True).start()

    def _find_offer(self, scenario_id, session_id, folders, bundled) -> Offer | None:
        history = self.open()
        if history is None:
            return None
        try:
            if session_id is not None:
                records = [history.session(session_id)]
            else:
                records = [
                    r for r in history.unfinished_sessions()
                    if r.turn_count and (scenario_id is None or r.scenario_id == scenario_id)
                ]
            if not records:
                return None
            return prepare_offer(history, records[0], len(records) - 1, folders, bundled)
        except Exception as error:
            self.tell(f"Your unfinished practice could not be read. {reason(error)}", warning=True)
            return None

    def carry_on(self, offer: Offer) -> tuple[Session, int]:
        """Replay the offer's replies into a new Session and record it from there."""
        from ipt_roleplay.engine.session import Session
        from ipt_roleplay.store.recorder import Recorder
        from ipt_roleplay.store.resume import replay_into

        assert offer.scenario is not None and offer.plan is not None
        session = Session(offer.scenario)
        done = replay_into(session, offer.plan)
        self.session, self.recorder, self.path = session, None, offer.path
        self.feedback_mode = offer.record.feedback_mode
        history = self.open()
        if history is not None:
            try:
                if offer.changed and offer.path is not None:
                    history.update_scenario_file(offer.record.id, offer.path)
                self.recorder = Recorder.attach(history, offer.record.id, session)
            except Exception as error:
                self._could_not_save(error)
            else:
                self.sync(session)  # drops the stored replies that no longer applied
        return session, done

    def adopt(self, session: Session, recorder: Any, path: Path | None, feedback_mode: str) -> None:
        """Go on recording ``session``, already stored by ``recorder`` (a rehearsal begun
        from a look back)."""
        self.session, self.recorder, self.path = session, recorder, path
        self.feedback_mode = feedback_mode
        self._start_pending = False

    def discard(self, session_id: int) -> bool:
        history = self.open()
        if history is None:
            return False
        try:
            history.forget(session_id)
        except Exception as error:
            self.tell(f"That practice could not be discarded. {reason(error)}", warning=True)
            return False
        return True

    # --- reports ---------------------------------------------------------------------

    def export(self, session_id: int) -> list[Path]:
        """Save the session's report as HTML and Markdown in the exports folder, readable
        only by this user. Returns the files written; on failure says why and returns []."""
        history = self.open()
        if history is None:
            self.tell(
                "Your practice history could not be opened, so there is no report to save.",
                warning=True,
            )
            return []
        from ipt_roleplay.store import paths
        from ipt_roleplay.store.report import build_report, render

        saved: list[Path] = []
        try:
            report = build_report(history, session_id)
            folder = paths.ensure_private_dir(paths.exports_dir())
            stem = export_stem(report.session)
            for fmt in ("html", "md"):
                target = folder / f"{stem}.{fmt}"
                paths.write_private(target, render(report, fmt))
                saved.append(target)
        except Exception as error:
            self.tell(f"The report could not be saved. {reason(error)}", title="Not saved", warning=True)
            return []
        return saved

    def progress(self) -> Any:
        """``store.progress.progress`` of the history, or None when it cannot be read."""
        history = self.open()
        if history is None:
            return None
        from ipt_roleplay.store.progress import progress

        try:
            return progress(history)
        except Exception as error:
            self.tell(f"Your practice history could not be read. {reason(error)}", warning=True)
            return None


def export_stem(record: SessionRecord) -> str:
    """``practice-3-late-dinner-2025-03-12``: the session, the scenario and the day."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", record.scenario_id).strip("-").lower()[:40] or "scenario"
    return f"practice-{record.id}-{slug}-{record.started_at[:10]}"


def prepare_offer(
    history: History, record: SessionRecord, others: int, folders: list[Path], bundled: bool
) -> Offer:
    """What carrying on with ``record`` would do: load its scenario file (or, if that is
    gone, the same scenario found elsewhere in the library) and plan the replay."""
    from ipt_roleplay.scenario.loader import check_file
    from ipt_roleplay.store.resume import plan_replay, resume_data

    data = resume_data(history, record.id)
    stored = Path(data.scenario_path) if data.scenario_path else None
    scenario = None
    path = stored
    moved_to = None
    if stored is not None and stored.is_file():
        result = check_file(stored)
        if not result.ok:
            first = result.errors[0].message if result.errors else "it cannot be read"
            return Offer(
                record, others, None, stored, None, True,
                problem=f"Its scenario file has a problem now ({first}), so it can't be carried "
                f"on until that is fixed: {stored}",
            )
        scenario = result.scenario
    else:
        # A bundled file moves when the app is reinstalled: look for the same scenario.
        from ipt_roleplay.scenario.library import discover

        for entry in discover(folders, bundled=bundled):
            if entry.scenario is not None and entry.scenario.id == record.scenario_id:
                scenario, path, moved_to = entry.scenario, entry.path, entry.name
                break
        if scenario is None:
            where = f" ({stored})" if stored is not None else ""
            return Offer(
                record, others, None, stored, None, True,
                problem=f"The scenario file it was played from is no longer there{where}, so it "
                "can't be carried on. It stays in your practice history.",
            )
    plan = plan_replay(scenario, data.steps)
    changed = moved_to is not None or data.file_changed()
    return Offer(record, others, scenario, path, plan, changed, moved_to)


class PracticeActions:
    """What the app does with the history on screen; mixed into the App, which sets
    ``self.practice``. Kept here so the app module stays about moving between screens."""

    practice: Practice

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

