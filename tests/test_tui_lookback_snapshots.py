"""How looking back looks at 80x24: the exchanges, one prompt, what happened with the
feedback on a typed alternative, the mood question, and the mood chart in Your practice.

Update after a deliberate change with
`pytest tests/test_tui_lookback_snapshots.py --snapshot-update`, and look at the SVGs.
"""

from __future__ import annotations

from practice_helpers import record, utc, wait_for  # noqa: F401
from tui_helpers import LIBRARY, make_app, private_home, settle  # noqa: F401

from ipt_roleplay.tui.screens.lookback import ExchangeScreen, LookBackScreen
from ipt_roleplay.tui.screens.progress import ProgressScreen

SIZE = (80, 24)


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)


def looked_back_app():
    session_id = record([1, 1, 1], started_at="2025-03-03T19:05:00+00:00")
    return make_app(LIBRARY, review=session_id)


async def open_look_back(pilot) -> None:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, LookBackScreen), "the look back")


def test_look_back_exchanges(snap_compare, utc):  # noqa: F811
    assert snap_compare(looked_back_app(), terminal_size=SIZE, run_before=open_look_back)


def test_look_back_one_prompt(snap_compare, utc):  # noqa: F811
    async def run_before(pilot):
        await open_look_back(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExchangeScreen)
        await pilot.press("enter")  # the first question skipped: on to the second
        await type_text(pilot, "cross, and [tired]")
        await pilot.pause()

    assert snap_compare(looked_back_app(), terminal_size=SIZE, run_before=run_before)


def test_look_back_what_happened_and_what_else(snap_compare, utc):  # noqa: F811
    async def run_before(pilot):
        await open_look_back(pilot)
        await pilot.press("enter", "enter", "enter", "enter", "enter")
        await type_text(pilot, "I was worried you'd be upset")
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(looked_back_app(), terminal_size=SIZE, run_before=run_before)


def test_mood_question(snap_compare):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("enter", "enter")
        await pilot.pause()
        await type_text(pilot, "6 tired")

    assert snap_compare(make_app(LIBRARY, mood=True), terminal_size=SIZE, run_before=run_before)


def test_mood_chart_in_your_practice(snap_compare, utc):  # noqa: F811
    from ipt_roleplay.store import lookback
    from ipt_roleplay.store.history import History

    moods = [(3, 5), (4, 4), (5, 8), (2, None), (6, 7)]
    ids = [record([1, 1, 1], started_at=f"2025-03-0{d}T19:00:00+00:00") for d in range(3, 3 + len(moods))]
    with History.open() as history:
        for sid, (before, after) in zip(ids, moods):
            lookback.save_mood(history, sid, "before", lookback.Mood(score=before, word="tense"))
            if after is not None:
                lookback.save_mood(history, sid, "after", lookback.Mood(score=after))

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ProgressScreen)
        pilot.app.screen.query_one("#progress-body").scroll_to_widget(pilot.app.screen.query_one("#mood-chart"),
                                                                      animate=False)
        await pilot.pause()

    assert snap_compare(make_app(LIBRARY), terminal_size=SIZE, run_before=run_before)


def test_rehearsal_summary_shows_the_moment_both_times(snap_compare, utc):  # noqa: F811
    async def run_before(pilot):
        await open_look_back(pilot)
        await pilot.press("r")  # from the first exchange, the turning point highlighted first
        await pilot.pause()
        await pilot.press("2", "1")  # this time: the apology, then the request
        await wait_for(pilot, lambda: pilot.app.screen.session.is_over, "the ending")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(looked_back_app(), terminal_size=SIZE, run_before=run_before)
