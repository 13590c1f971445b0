"""`play FILE --watch`: reload the scenario each time its file is saved, and pick the
conversation up where it was on the new version.

A Textual timer polls the file (``scenario.watch.FileWatcher``: size and modification
time first, the content hash only when they moved). A save that loads is played from
the start again with the replies chosen so far (``engine.replay.fast_forward``), which
stop where the route no longer exists, and the play screen says so. A save with an
error changes nothing but the message: the last good version keeps running, and the
message stays until a save loads again. Loading runs in a thread, so a big file never
holds up a key press.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ipt_roleplay.engine.replay import fast_forward
from ipt_roleplay.scenario.loader import CheckResult, check_file
from ipt_roleplay.scenario.watch import FileWatcher

if TYPE_CHECKING:
    from textual.app import App

    from ipt_roleplay.engine.session import Session, Turn
    from ipt_roleplay.scenario.model import Scenario

INTERVAL = 0.5  # seconds between looks at the file
SHOWN_PROBLEMS = 3  # errors listed in the message; the rest are counted


@dataclass
class _Reload:
    """A version that loaded, waiting to be shown (at once, or when a dialog closes)."""

    new: Scenario
    history: list[Turn] | None  # the replies it was replayed with...
    forward: tuple[Session, int, str | None] | None  # ...and the result


class LivePreview:
    def __init__(self, app: App, path: Path | str, scenario: Scenario | None, *, interval: float = INTERVAL) -> None:
        self.app = app
        self.path = Path(path)
        self.scenario = scenario  # the last version that loaded: the one being played
        # The ids this file has had: a conversation on any of them is on this file (the
        # same scenario may be loaded apart from us, to carry on unfinished practice, say).
        self._ids = {scenario.id} if scenario is not None else set()
        self.watcher = FileWatcher(self.path, interval=interval)
        self.status: Content = Content.assemble(
            ("Live preview: ", "bold"), f"save {self.path.name} to reload it here, keeping your place."
        )
        self.problem = False  # the last save could not be loaded
        self._pending: _Reload | None = None
        self._busy = False
        self.timer = app.set_interval(interval, self.poll, name="live-preview")

    def watches(self, scenario: Scenario) -> bool:
        return scenario is self.scenario or scenario.id in self._ids

    # --- looking at the file ---------------------------------------------------------

    async def poll(self) -> None:
        """One look at the file; the timer calls this, and tests may await it directly."""
        if self._busy:
            return
        self._busy = True
        try:
            if self._pending is not None:
                self._apply_when_free()
            if self.watcher.changed():
                await self._reload()
        except Exception as error:  # noqa: BLE001 - a message, never a traceback
            self._show_problem(Content(f"{self.path}: could not be reloaded ({type(error).__name__}: {error})."))
        finally:
            self._busy = False

    async def _reload(self) -> None:
        history = self._history()
        result, forward = await asyncio.to_thread(self._load, history)
        if result.scenario is None or result.errors:
            self._show_problem(self._problems(result))
            return
        pending = self._pending
        if pending is not None:  # an earlier save never made it to the screen
            history, forward = None, None
        self.scenario = result.scenario
        self._ids.add(result.scenario.id)
        self.problem = False
        self._pending = _Reload(result.scenario, history, forward)
        self._apply_when_free()

    def _load(self, history: list[Turn] | None) -> tuple[CheckResult, tuple[Session, int, str | None] | None]:
        """In a thread: read and check the file, and replay onto it if it loads."""
        result = check_file(self.path)
        if result.scenario is None or result.errors or history is None:
            return result, None
        return result, fast_forward(result.scenario, history)

    # --- what is on screen -----------------------------------------------------------

    def _history(self) -> list[Turn] | None:
        """The replies so far in the conversation on the watched scenario, if one is shown."""
        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, ModalScreen):
                continue
            session = getattr(screen, "session", None)
            if session is not None and self.watches(session.scenario):
                return list(session.history)
            return None
        return None

    def _apply_when_free(self) -> None:
        # Switching screens under a dialog (help, "leave?") would close the dialog: wait.
        if self._pending is None or isinstance(self.app.screen, ModalScreen):
            return
        reload, self._pending = self._pending, None
        from ipt_roleplay.tui.screens.intro import IntroScreen
        from ipt_roleplay.tui.screens.summary import SummaryScreen

        app = self.app
        screen = app.screen
        stamp = time.strftime("%H:%M:%S")
        session = getattr(screen, "session", None)
        if session is not None and self.watches(session.scenario):
            history, forward = reload.history, reload.forward
            if forward is None or history is None or not _same(history, session.history):
                # A reply was given while the file loaded: replay what is there now.
                history = list(session.history)
                forward = fast_forward(reload.new, history)
            new, done, why = forward
            self._say_replayed(stamp, done, len(history), why)
            if isinstance(screen, SummaryScreen) and new.is_over:
                app.show_summary(new)  # type: ignore[attr-defined]
                app.notify(self.status.plain, timeout=6, markup=False)
            else:
                app.play(new)  # type: ignore[attr-defined]
            return
        self.status = Content.assemble(("✓ Reloaded ", "bold"), f"at {stamp}.")
        if isinstance(screen, IntroScreen) and self.watches(screen.scenario):
            screen.scenario = reload.new
            screen.refresh(recompose=True)
            app.notify(f"Reloaded {self.path.name} at {stamp}.", timeout=4, markup=False)
        # Otherwise this scenario is not on screen (the list, say): nothing to redraw.

    def _say_replayed(self, stamp: str, done: int, total: int, why: str | None) -> None:
        replies = "reply" if total == 1 else "replies"
        if why is None:
            tail = f"replayed your {total} {replies}." if total else "nothing to replay yet."
            self.status = Content.assemble(("✓ Reloaded ", "bold"), f"at {stamp}: {tail}")
            return
        self.status = Content.assemble(
            ("⚠ Reloaded ", "bold"),
            f"at {stamp}: replayed {done} of your {total} {replies}, then stopped: {why}.",
        )

    def _problems(self, result: CheckResult) -> Content:
        errors = result.errors
        lines = [str(finding) for finding in errors[:SHOWN_PROBLEMS]]
        more = len(errors) - SHOWN_PROBLEMS
        if more > 0:
            lines.append(f"…and {more} more (`ipt-roleplay validate {self.path}` lists them all).")
        if not lines:
            lines.append(f"{self.path}: could not be loaded.")
        return Content.assemble(
            ("⚠ Not reloaded", "bold"),
            " (still playing the last version that works):\n",
            "\n".join(lines),
        )

    def _show_problem(self, message: Content) -> None:
        self.problem = True
        self.status = message
        shown = False
        for screen in self.app.screen_stack:
            for widget in screen.query("#live-status"):
                if isinstance(widget, Static):
                    widget.update(message)
                    widget.add_class("live-problem")
                    shown = True
        if not shown:
            self.app.notify(message.plain, severity="error", timeout=10, markup=False)


def _same(a: list[Turn], b: list[Turn]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))
