"""Recording practice as it is played, carrying it on, and saving its reports.

Every conversation a face plays is recorded as it is played: ``begin`` when it starts,
``sync`` after anything that changes it (a reply, going back, a restart, a replay). Each
call commits at once, so a turn survives even ``kill -9``.

Nothing here ever raises into a face. If the history cannot be opened, the person is
told once, calmly, and practice goes on unrecorded. If one save fails, they are told
once and the next ``sync`` catches up (it rewrites from the first turn that differs).

The store is imported only when first used, so a face's first paint never waits for it.
The face says how to tell the person something (``tell``) and, if it likes, when the
first write may happen (``later``: the app waits for the play screen's first frame).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ipt_roleplay.practice.words import reason

if TYPE_CHECKING:
    from ipt_roleplay.engine.session import Session
    from ipt_roleplay.practice.offer import Offer
    from ipt_roleplay.store.history import History
    from ipt_roleplay.store.records import SessionRecord


class Tell(Protocol):
    """How a face tells the person something, from any thread."""

    def __call__(self, message: str, *, title: str = "", warning: bool = False, timeout: float = 8) -> None: ...


def _at_once(callback: Callable[[], None]) -> None:
    callback()


class Practice:
    """Owned by a face: the history, and the conversation being recorded now."""

    def __init__(
        self,
        tell: Tell,
        *,
        record: bool = True,
        later: Callable[[Callable[[], None]], None] = _at_once,
    ) -> None:
        self.tell = tell
        self.later = later
        self.recording = record  # False: nothing is recorded and nothing offered
        self._lock = threading.Lock()
        self._history: History | None = None
        self._tried = False
        self._save_failed = False
        # The conversation being recorded: only this session's changes are synced.
        self.session: Session | None = None
        self.recorder: Any = None
        self._start_pending = False  # begun, with the first write waiting for ``later``
        self.path: Path | None = None
        self.feedback_mode = "each"
        # How the person felt before this conversation, written with its first save.
        self.mood_before: Any = None

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
        # Told outside the lock: the face's thread may be waiting on it.
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
            # Written when the face says (the app: once the play screen is drawn): opening
            # the history and storing the new session would otherwise hold up its first
            # frame, and nothing is said yet.
            self._start_pending = True
            self.later(self._start_later)

    def _start_later(self) -> None:
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

    def find_offer(
        self, scenario_id: str | None, session_id: int | None, folders: list[Path], bundled: bool
    ) -> Offer | None:
        """What to offer to carry on with (see ``practice.offer.find_offer``); None when
        there is nothing, or it cannot be read (the person is told why)."""
        history = self.open()
        if history is None:
            return None
        from ipt_roleplay.practice.offer import find_offer

        try:
            return find_offer(history, scenario_id, session_id, folders, bundled)
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
