"""Shared by the store tests: a small scenario and a real engine Session to drive."""

from __future__ import annotations

import sys
import types
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


def analyzer_stub() -> types.ModuleType | None:
    """A stand-in analyzer (finds nothing) while the real one has not landed; None once it has.

    Every reply in the store scenario has authored feedback, so the analyzer only adds
    evidence spans; the store tests do not depend on what it finds.
    """
    try:
        import ipt_roleplay.analysis.analyzer  # noqa: F401
    except ModuleNotFoundError:
        stub = types.ModuleType("ipt_roleplay.analysis.analyzer")
        stub.analyze = lambda text, role="client": []
        return stub
    return None


def install_analyzer_stub() -> None:
    """For scripts run in a subprocess: make the engine importable whatever has landed."""
    stub = analyzer_stub()
    if stub is not None:
        sys.modules[stub.__name__] = stub


def new_session(scenario: Scenario | None = None):
    from ipt_roleplay.engine.session import Session

    return Session(scenario or load_store_scenario())
