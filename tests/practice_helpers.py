"""Shared by the practice-history app tests: sessions recorded through the store's own
API, with fixed times, and ways to wait for what the app does in its threads."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from tui_helpers import LIBRARY

LATE_DINNER = LIBRARY / "late-dinner.yaml"


@pytest.fixture
def utc(monkeypatch):
    """Times on screen are local: make local time UTC so they read the same everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def record(
    picks: list[int],
    *,
    path: Path = LATE_DINNER,
    started_at: str | None = None,
    finish: bool = True,
) -> int:
    """Play ``picks`` (1-based reply numbers) in a new recorded session; its id.

    With ``finish`` and a conversation at an ending, the ending and summary are kept too
    (stamped ``started_at``, so a snapshot never shows today's date)."""
    from ipt_roleplay.engine.session import Session
    from ipt_roleplay.engine.summary import summarise
    from ipt_roleplay.scenario.loader import load_scenario
    from ipt_roleplay.store.history import History
    from ipt_roleplay.store.recorder import ending_record
    from ipt_roleplay.store.recorder import _plain as plain_summary

    scenario = load_scenario(path)
    session = Session(scenario)
    for n in picks:
        session.choose(n - 1)
    with History.open() as history:
        session_id = history.start_session(scenario, scenario_path=path, started_at=started_at)
        history.sync_turns(session_id, session.history, scenario)
        if finish and session.is_over:
            history.finish(
                session_id, ending_record(session),
                summary=plain_summary(summarise(session)), ended_at=started_at,
            )
    return session_id


def stored_turns(session_id: int) -> list[str]:
    """The replies stored for a session, read through a connection of their own (so
    only what has been committed is seen)."""
    from ipt_roleplay.store.history import History

    with History.open() as history:
        return [t.reply for t in history.turns(session_id)]


def sessions():
    from ipt_roleplay.store.history import History

    with History.open() as history:
        return history.sessions()


async def wait_for(pilot, condition, what: str = "the app", tries: int = 300) -> None:
    """Wait until ``condition()`` holds: the app's history threads report back between
    frames."""
    for _ in range(tries):
        if condition():
            await pilot.pause()
            return
        await asyncio.sleep(0.01)
        await pilot.pause()
    raise AssertionError(f"timed out waiting for {what}")


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]
