"""The core of live preview (``play --watch``): notice a saved file, and pick up the
conversation where it was on the new version of the scenario.

    watcher = FileWatcher(path)
    ...
    if watcher.changed():                      # or: await watcher.wait()
        scenario = load_scenario(path)         # keep the old one if this fails
        session, replayed, why = fast_forward(scenario, session.history)

No extra dependency and no threads: the file is polled. Size and modification time
are cheap to read, so they are checked first; the content hash then decides, so a
save that changes nothing (or a ``touch``) does not restart the conversation. Some
file systems keep modification times coarsely (a second or two), so for a file
modified in the last two seconds the hash is checked even when size and time match.

``fast_forward`` builds an ``engine.session.Session``; it imports the engine inside the
function so that the scenario package keeps loading without it.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ipt_roleplay.scenario.model import Scenario

if TYPE_CHECKING:
    from ipt_roleplay.engine.session import Session, Turn

_RECENT_NS = 2_000_000_000

_Signature = tuple[int, int] | None  # (mtime in ns, size), None while the file is missing


class FileWatcher:
    """Polls one file. ``changed()`` is True once per change of its content."""

    def __init__(self, path: str | os.PathLike[str], *, interval: float = 0.4) -> None:
        self.path = Path(path)
        self.interval = interval
        self._signature = self._stat()
        self._digest = self._hash()

    def _stat(self) -> _Signature:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    def _hash(self) -> str | None:
        try:
            return hashlib.blake2b(self.path.read_bytes(), digest_size=16).hexdigest()
        except OSError:
            return None

    def changed(self) -> bool:
        signature = self._stat()
        if signature is None:
            # Many editors save by writing a new file and renaming it over the old one;
            # for a moment the file is missing. Wait for it to come back.
            return False
        recent = time.time_ns() - signature[0] < _RECENT_NS
        if signature == self._signature and not recent:
            return False
        self._signature = signature
        digest = self._hash()
        if digest is None or digest == self._digest:
            return False
        self._digest = digest
        return True

    async def wait(self) -> None:
        """Return when the content has changed (for an asyncio task or a Textual worker)."""
        while not self.changed():
            await asyncio.sleep(self.interval)


def fast_forward(scenario: Scenario, history: Sequence[Turn]) -> tuple[Session, int, str | None]:
    """A new Session on ``scenario``, replaying the replies of ``history`` (from a
    session on an earlier version of the file) for as long as they still apply.

    Each turn must happen at the same state id. A picked reply is found by its text
    (so reordering replies keeps the route), else by its old position (so an edited
    wording keeps it too); a typed reply is typed again. Returns the session, how many
    replies were replayed, and why replaying stopped early, or None if all were.
    """
    from ipt_roleplay.engine.session import Session

    session = Session(scenario)
    for done, turn in enumerate(history):
        if session.is_over:
            return session, done, "the conversation now ends before this point"
        if session.state_id != turn.state_id:
            if turn.state_id not in scenario.states:
                return session, done, f"state '{turn.state_id}' is no longer in the file"
            return session, done, (
                f"the conversation now goes to '{session.state_id}' instead of '{turn.state_id}'"
            )
        if turn.typed is not None and _say(session, turn.typed):
            continue
        number = _option_number(session, turn)
        if number is None:
            return session, done, (
                f"the reply \"{_short(turn.reply)}\" is no longer offered at '{turn.state_id}'"
            )
        session.choose(number)
    return session, len(history), None


def _option_number(session: Session, turn: Turn) -> int | None:
    options = session.options()
    if turn.typed is None:
        for number, option in enumerate(options):
            if option.reply == turn.reply:
                return number
    for number, option in enumerate(options):
        if option.index == turn.choice_index:
            return number
    return None


def _say(session: Session, text: str) -> bool:
    from ipt_roleplay.engine.session import TypedReplyError

    try:
        session.say(text)
    except TypedReplyError:  # e.g. the author has since turned typing off
        return False
    return True


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
