"""The core of live preview (``play --watch``): notice that a scenario file was saved.

    watcher = FileWatcher(path)
    ...
    if watcher.changed():                      # or: await watcher.wait()
        scenario = load_scenario(path)         # keep the old one if this fails
        session, replayed, why = engine.replay.fast_forward(scenario, session.history)

No extra dependency and no threads: the file is polled. Size and modification time
are cheap to read, so they are checked first; the content hash then decides, so a
save that changes nothing (or a ``touch``) does not restart the conversation. Some
file systems keep modification times coarsely (a second or two), so for a file
modified in the last two seconds the hash is checked even when size and time match.

Picking the conversation up on the new version is the engine's job
(``engine.replay.fast_forward``): the scenario layer never imports the engine.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from pathlib import Path

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
