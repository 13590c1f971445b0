"""How Your practice looks, at 100x30 and 80x24, with sessions at fixed times (in UTC).

Update after a deliberate change with
`pytest tests/test_tui_practice_snapshots.py --snapshot-update`, and look at the SVGs.
"""

from __future__ import annotations

import pytest
from practice_helpers import record, utc, wait_for  # noqa: F401
from tui_helpers import LIBRARY, make_app, private_home, settle  # noqa: F401

from ipt_roleplay.tui.screens.progress import ProgressScreen
from ipt_roleplay.tui.screens.resume import ResumeScreen

SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((80, 24), id="80x24")]


@pytest.fixture
def practised(utc):  # noqa: F811
    record([1, 1, 1], started_at="2025-03-03T19:05:00+00:00")  # resolved
    record([1, 2], started_at="2025-03-05T20:15:00+00:00")  # partly resolved
    record([2, 1], started_at="2025-03-09T18:30:00+00:00")  # resolved, all helpful
    record([3], started_at="2025-03-10T08:00:00+00:00")  # not resolved
    record([2], started_at="2025-03-12T21:40:00+00:00", finish=False)  # left part-way


async def open_your_practice(pilot) -> None:
    app = pilot.app
    await settle(pilot)
    await wait_for(pilot, lambda: isinstance(app.screen, ResumeScreen), "the offer to carry on")
    await pilot.press("n")
    app.clear_notifications()
    await pilot.press("h")
    await pilot.pause()
    assert isinstance(app.screen, ProgressScreen)


@pytest.mark.parametrize("size", SIZES)
def test_your_practice(snap_compare, practised, size):
    assert snap_compare(make_app(LIBRARY), terminal_size=size, run_before=open_your_practice)


@pytest.mark.parametrize("size", SIZES)
def test_your_practice_empty(snap_compare, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()

    assert snap_compare(make_app(LIBRARY), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_offer_to_carry_on(snap_compare, practised, size):
    async def run_before(pilot):
        await settle(pilot)
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ResumeScreen), "the offer")

    assert snap_compare(make_app(LIBRARY), terminal_size=size, run_before=run_before)
