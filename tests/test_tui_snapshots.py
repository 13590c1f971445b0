"""How the app looks: picker, intro, play with feedback, and summary at 100x30 and 80x24.

Fixture scenarios only (the bundled ones keep changing). Paths are relative so the
broken file's error line reads the same on every machine. Update after a deliberate
change with `pytest tests/test_tui_snapshots.py --snapshot-update`, and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import FIXTURES, make_app, private_home, settle  # noqa: F401

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((80, 24), id="80x24")]


@pytest.fixture
def app(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    return make_app(Path("library"), Path("broken"))


async def open_late_dinner(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter", "enter")  # the first entry is the late dinner; then Start
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_picker(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_intro(snap_compare, app, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("enter")  # the first entry is the late dinner
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_play_with_feedback(snap_compare, app, size):
    async def run_before(pilot):
        await open_late_dinner(pilot)
        await pilot.press("1")  # an unhelpful reply: rating, patterns, note, try instead
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare, app, size):
    async def run_before(pilot):
        await open_late_dinner(pilot)
        await pilot.press("1", "1", "1", "enter", "tab")  # tab: on to the replies and their feedback
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
