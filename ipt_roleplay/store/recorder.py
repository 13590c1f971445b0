"""Keeps one live engine Session recorded in the History; what the faces call.

    recorder = Recorder.start(history, session, scenario_path=path, feedback_mode="each")
    session.choose(0); recorder.sync(session)      # after every choose/say/rewind/replay
    ...
    recorder.sync(session, summary=summarise(session))   # at the end, with the summary

``sync`` is idempotent and cheap, so a face may call it after anything that changes the
session. The Session is read by attribute; the store never imports the engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from ipt_roleplay.store.history import History
from ipt_roleplay.store.records import EndingRecord, line_parts


class Recorder:
    def __init__(self, history: History, session_id: int, scenario: Any, *, finished: bool = False):
        self.history = history
        self.session_id = session_id
        self.scenario = scenario
        self._finished = finished

    @classmethod
    def start(
        cls,
        history: History,
        session: Any,
        *,
        scenario_path: str | Path | None = None,
        feedback_mode: str = "each",
    ) -> Recorder:
        """Record a new session; any turns already in ``session.history`` are stored too."""
        session_id = history.start_session(
            session.scenario, scenario_path=scenario_path, feedback_mode=feedback_mode
        )
        recorder = cls(history, session_id, session.scenario)
        if session.history or session.is_over:
            recorder.sync(session)
        return recorder

    @classmethod
    def attach(cls, history: History, session_id: int, session: Any) -> Recorder:
        """Continue recording a stored session (after resuming it into ``session``)."""
        record = history.session(session_id)
        return cls(history, session_id, session.scenario, finished=record.finished)

    def sync(self, session: Any, *, summary: Any = None) -> None:
        """Store the session as it is now: new turns, rewound turns removed, the ending."""
        self.history.sync_turns(self.session_id, session.history, self.scenario)
        if session.is_over:
            self.history.finish(self.session_id, ending_record(session), summary=_plain(summary))
            self._finished = True
        elif self._finished:
            self.history.reopen(self.session_id)
            self._finished = False


def ending_record(session: Any) -> EndingRecord:
    speaker, says, cue = line_parts(session.line())
    ending = session.ending
    return EndingRecord(
        state_id=session.state_id,
        outcome=ending.outcome,
        debrief=ending.debrief,
        speaker=speaker,
        says=says,
        cue=cue,
    )


def _plain(summary: Any) -> dict[str, Any] | None:
    """engine.summary's Summary as JSON-ready data; the store keeps it for the report."""
    if summary is None:
        return None
    # enc_hook=str: a field of a type we do not know is kept as its text, not lost.
    data = msgspec.to_builtins(summary, str_keys=True, enc_hook=str)
    return data if isinstance(data, dict) else {"value": data}
