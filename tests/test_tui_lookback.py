"""Looking back in the app, driven with Pilot: mood before and after, the look back from
the summary and from Your practice, answers saved as typed, rehearse from here, both
attempts side by side, and `ipt-roleplay review` opening the look back."""

from __future__ import annotations

import asyncio
import sqlite3

from practice_helpers import record, sessions, utc, wait_for  # noqa: F401
from tui_helpers import LIBRARY, make_app, pretend_served, private_home, run_async, screen_text, settle  # noqa: F401

from ipt_roleplay.tui.screens.lookback import ExchangeScreen, LookBackScreen
from ipt_roleplay.tui.screens.mood import MoodScreen
from ipt_roleplay.tui.screens.play import PlayScreen
from ipt_roleplay.tui.screens.progress import ProgressScreen
from ipt_roleplay.tui.screens.resume import ResumeScreen
from ipt_roleplay.tui.screens.summary import SummaryScreen


def rows(home, sql: str) -> list[tuple]:
    conn = sqlite3.connect(home / "history.sqlite3")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)


async def to_mood_question(pilot, app) -> None:
    await settle(pilot)
    await pilot.press("enter", "enter")  # the late dinner; Start
    await pilot.pause()
    assert isinstance(app.screen, MoodScreen)


async def to_summary_with_moods(pilot, app) -> None:
    await to_mood_question(pilot, app)
    await type_text(pilot, "4 tense")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PlayScreen)
    await pilot.press("1", "1", "1", "enter")
    await wait_for(pilot, lambda: isinstance(app.screen, MoodScreen), "the mood question after")
    await type_text(pilot, "7 lighter")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, SummaryScreen)


@run_async
async def test_mood_before_and_after_are_kept(private_home):
    app = make_app(LIBRARY, mood=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_summary_with_moods(pilot, app)
    assert rows(private_home, "SELECT moment, score, word FROM moods ORDER BY moment DESC") == [
        ("before", 4, "tense"), ("after", 7, "lighter"),
    ]


@run_async
async def test_a_mood_that_cannot_be_read_is_explained_and_escape_skips(private_home):
    app = make_app(LIBRARY, mood=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_mood_question(pilot, app)
        await type_text(pilot, "12")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MoodScreen)
        assert "12 is outside 0 to 10" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("1")
        await pilot.pause()
    assert rows(private_home, "SELECT count(*) FROM moods") == [(0,)]


@run_async
async def test_in_a_browser_the_mood_question_cursor_stays_still(private_home, monkeypatch):
    # Served, every blink is a frame drawn and sent; at the terminal it blinks as usual.
    from textual.widgets import Input

    for served, blinks in ((False, True), (True, False)):
        pretend_served(monkeypatch, served)
        app = make_app(LIBRARY, mood=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await to_mood_question(pilot, app)
            field = app.screen.query_one(Input)
            assert field.has_focus
            assert field.cursor_blink is blinks


@run_async
async def test_stop_asking_turns_the_mood_questions_off_for_next_time(private_home):
    app = make_app(LIBRARY, mood=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_mood_question(pilot, app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("escape")  # no reply yet: straight back to the list
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)  # not asked again
    assert rows(private_home, "SELECT name, value FROM settings") == [("mood_questions", "off")]


@run_async
async def test_look_back_from_the_summary_saves_as_typed_and_rehearses(private_home):
    app = make_app(LIBRARY, mood=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_summary_with_moods(pilot, app)
        first = app.practice.session_id
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LookBackScreen)
        text = screen_text(app)
        assert "★ 1. ✗ Unhelpful" in text and "The first reply that did not help." in text
        await pilot.press("enter")  # the first exchange
        await pilot.pause()
        assert isinstance(app.screen, ExchangeScreen)
        assert "What did you want Sam to understand?" in screen_text(app)
        await type_text(pilot, "that I [mind]")
        # Saved as it is typed, without Enter.
        await wait_for(pilot, lambda: rows(private_home, "SELECT answer FROM lookback_answers") == [("that I [mind]",)],
                       "the answer to be saved as typed")
        await pilot.press("enter")
        assert "What did you feel as you said it?" in screen_text(app)
        await pilot.press("enter")  # skipped
        await type_text(pilot, "badly")
        await pilot.press("enter", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "What Sam said next: A fuss?" in text
        assert "What else could you have said?" in text
        await type_text(pilot, "I felt hurt")
        await pilot.press("enter")
        await pilot.pause()
        assert "✓ Helpful" in screen_text(app) and "I-statement" in screen_text(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        second = app.practice.session_id
        assert second != first and app.screen.session.history == []
        await pilot.press("2", "1")  # this time: "I'm sorry I'm late..."
        await wait_for(pilot, lambda: app.screen.session.is_over, "the ending")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "That moment, both times" in text
    answers = rows(private_home, "SELECT prompt_id, answer FROM lookback_answers ORDER BY position")
    assert answers == [("understand", "that I [mind]"), ("landed", "badly"), ("alternative", "I felt hurt")]
    assert rows(private_home, "SELECT session_id, from_session_id, from_turn FROM rehearsals") == [(second, first, 0)]


@run_async
async def test_both_attempts_are_side_by_side_in_the_summary(private_home):
    first = record([1, 1, 1])
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: True)
        app.look_back(first)
        await pilot.pause()
        await pilot.press("down")  # reply 2
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert [t.reply for t in app.screen.session.history] == ["Why do you always make such a fuss?"]
        await pilot.press("2")  # a different reply at that moment
        await wait_for(pilot, lambda: app.screen.session.is_over or len(app.screen.session.history) == 2)
        while not app.screen.session.is_over:
            await pilot.press("1")
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        both = app.screen.query_one("#both-times")
        then, now = (str(s.render()) for s in both.query("Static"))
        assert "The first time" in then and "You're right, that's not fair of me. I'm sorry." in then
        assert "This time" in now and "You're right" not in now


@run_async
async def test_your_practice_looks_back_on_any_session_and_shows_the_mood_chart(private_home, utc):  # noqa: F811
    from ipt_roleplay.store import lookback
    from ipt_roleplay.store.history import History

    ids = [record([1, 1, 1], started_at=f"2025-03-0{d}T19:00:00+00:00") for d in (3, 5, 7)]
    with History.open() as history:
        for sid, (before, after) in zip(ids, [(3, 5), (4, 4), (5, 8)]):
            lookback.save_mood(history, sid, "before", lookback.Mood(score=before))
            lookback.save_mood(history, sid, "after", lookback.Mood(score=after))
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        chart = str(app.screen.query_one("#mood-chart").render())
        assert "Before ▃▄▅  3 4 5" in chart and "After  ▅▄▇  5 4 8" in chart
        assert "On average, 1.7 higher after than before" in chart
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LookBackScreen)
        assert app.screen.review.session_id == ids[-1]  # the newest, highlighted first


@run_async
async def test_review_opens_the_look_back_and_a_missing_scenario_turns_rehearsing_off(private_home, tmp_path):
    copy = tmp_path / "gone.yaml"
    copy.write_text((LIBRARY / "late-dinner.yaml").read_text().replace("id: late-dinner", "id: gone-dinner"))
    sid = record([1, 1, 1], path=copy)
    copy.unlink()
    app = make_app(LIBRARY, review=sid)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LookBackScreen), "the look back")
        assert "rehearsing, are not available" in screen_text(app)
        assert not app.screen.check_action("rehearse", ())
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "x")
        await pilot.press("escape")  # leaving saves what was typed
        await pilot.pause()
        assert isinstance(app.screen, LookBackScreen)
    assert rows(private_home, "SELECT answer FROM lookback_answers") == [("x",)]
    assert not any(isinstance(s, ResumeScreen) for s in app.screen_stack)
    await asyncio.sleep(0)
    assert len(sessions()) == 1
