"""Shared by the store tests: a small scenario and a real engine Session to drive."""

from __future__ import annotations

from pathlib import Path

import msgspec
import yaml

from ipt_roleplay.scenario.model import Scenario

DATA = Path(__file__).parent / "data"
SCENARIO_PATH = DATA / "store_scenario.yaml"


def load_store_scenario(path: Path = SCENARIO_PATH) -> Scenario:
    # msgspec.convert builds the model directly, so these tests do not depend on the
    # loader's error reporting; the fixture file is well formed.
    return msgspec.convert(yaml.safe_load(Path(path).read_text(encoding="utf-8")), Scenario)


def new_session(scenario: Scenario | None = None):
    from ipt_roleplay.engine.session import Session

    return Session(scenario or load_store_scenario())


def play(history, picks=(0,)) -> int:
    """Record a session in ``history`` in which the person picks ``picks`` in turn."""
    from ipt_roleplay.store.recorder import Recorder

    session = new_session()
    recorder = Recorder.start(history, session)
    for pick in picks:
        session.choose(pick)
        recorder.sync(session)
    return recorder.session_id
