"""The practice history in the app: every turn recorded as it is played, carrying on
with unfinished practice, Your practice, saving reports, and calm notices when the
history cannot be used. Every test has its own IPT_ROLEPLAY_HOME (tui_helpers)."""

from __future__ import annotations

import os
import shutil
import stat

from practice_helpers import LATE_DINNER, notices, record, sessions, stored_turns, utc, wait_for  # noqa: F401
from tui_helpers import (  # noqa: F401 - private_home is an autouse fixture
    LIBRARY,
    make_app,
    pretend_served,
    private_home,
    run_async,
    screen_text,
    settle,
    start_late_dinner,
)

from ipt_roleplay.tui.screens.intro import IntroScreen
from ipt_roleplay.tui.screens.picker import PickerScreen
from ipt_roleplay.tui.screens.play import PlayScreen
from ipt_roleplay.tui.screens.progress import EMPTY, ProgressScreen
from ipt_roleplay.tui.screens.resume import ConfirmScreen, ResumeScreen, SavedScreen
from ipt_roleplay.tui.screens.summary import SummaryScreen


# --- recording ----------------------------------------------------------------------


@run_async
async def test_each_reply_is_committed_as_it_is_played():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_late_dinner(pilot, app)
        session_id = app.practice.session_id
        assert session_id is not None
        assert stored_turns(session_id) == []
        await pilot.press("1")
        await pilot.pause()
        # Read through a connection of its own: only committed turns are visible there.
        assert stored_turns(session_id) == ["Why do you always make such a fuss?"]
        await pilot.press("1")
        await pilot.pause()
        assert stored_turns(session_id) == [
            "Why do you always make such a fuss?",
            "You're right, that's not fair of me. I'm sorry.",
        ]
        (record,) = sessions()
        assert record.scenario_path == str(LATE_DINNER.resolve())
        assert record.scenario_hash and not record.finished
        assert record.feedback_mode == "each"


FIRST_REPLY = ["Why do you always make such a fuss?"]


async def _reply_with_no_frame_yet(pilot, app) -> int:
    """Give the first reply with no frame drawn after it; the session's stored id."""
    await start_late_dinner(pilot, app)
    session_id = app.practice.session_id
    app.screen.action_choose(1)
    assert stored_turns(session_id) == []  # not yet: a reply is written after its frame
    return session_id


@run_async
async def test_served_a_reply_is_committed_before_its_frame(monkeypatch):
    # Before anything is built for it, even: the transcript finds it stored already.
    from ipt_roleplay.tui.widgets.transcript import Transcript

    pretend_served(monkeypatch)
    stored_when_shown = []
    add_turn = Transcript.add_turn

    def watched_add_turn(transcript, *args, **kwargs):
        stored_when_shown.append(stored_turns(session_id))
        return add_turn(transcript, *args, **kwargs)

    monkeypatch.setattr(Transcript, "add_turn", watched_add_turn)
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_late_dinner(pilot, app)
        session_id = app.practice.session_id
        app.screen.action_choose(1)
        assert stored_when_shown == [FIRST_REPLY]


@run_async
async def test_a_reply_is_kept_when_the_app_closes_before_its_frame():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        session_id = await _reply_with_no_frame_yet(pilot, app)
        app.exit()
    assert stored_turns(session_id) == FIRST_REPLY


@run_async
async def test_a_reply_is_kept_when_leaving_before_its_frame():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        session_id = await _reply_with_no_frame_yet(pilot, app)
        app.screen.action_leave()
        assert stored_turns(session_id) == FIRST_REPLY
        await pilot.press("y")
        await pilot.pause()
        assert stored_turns(session_id) == FIRST_REPLY


@run_async
async def test_a_reply_given_before_the_first_write_is_kept():
    # The new session is written once the play screen is drawn; a reply that came first
    # (a fast key press) goes into the history with it.
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_late_dinner(pilot, app)
        session = app.screen.session
        app.start(session.scenario, LATE_DINNER)
        fresh = app.practice.session
        assert fresh is not session and app.practice.session_id is None  # not written yet
        fresh.choose(0)
        app.practice.sync(fresh)
        assert app.practice.session_id is None
        await pilot.pause()
        assert stored_turns(app.practice.session_id) == ["Why do you always make such a fuss?"]
        assert len(sessions()) == 2


@run_async
async def test_going_back_and_restarting_are_recorded():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_late_dinner(pilot, app)
        session_id = app.practice.session_id
        await pilot.press("1", "1")
        await pilot.pause()
        assert len(stored_turns(session_id)) == 2
        await pilot.press("u")
        await pilot.pause()
        assert stored_turns(session_id) == ["Why do you always make such a fuss?"]
        await pilot.press("2")  # a different reply in its place
        await pilot.pause()
        assert stored_turns(session_id)[-1] == "Well, you could have eaten without me."
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert stored_turns(session_id) == []
        assert [s.id for s in sessions()] == [session_id]  # the same session throughout


@run_async
async def test_the_ending_is_kept_and_play_again_is_a_new_session():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_late_dinner(pilot, app)
        first = app.practice.session_id
        await pilot.press("1", "1", "1")
        await pilot.pause()
        (done,) = sessions()
        assert done.finished and done.outcome == "resolved"
        assert done.summary and done.summary["outcome"] == "resolved"  # kept for the report
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.screen.session.history == []
        second = app.practice.session_id
        assert second is not None and second != first
        await pilot.press("3")  # "Whatever." ends it at once
        await pilot.pause()
        old, new = sessions()
        assert (old.id, old.outcome, old.turn_count) == (first, "resolved", 3)  # untouched
        assert (new.id, new.outcome, new.turn_count) == (second, "unresolved", 1)


@run_async
async def test_going_back_from_the_summary_reopens_the_session():
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_late_dinner(pilot, app)
        session_id = app.practice.session_id
        await pilot.press("1", "1", "1", "enter")
        await pilot.pause()
        app.screen.query_one("#turns").focus()
        await pilot.press("down", "enter")  # back to reply 2
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        (reopened,) = sessions()
        assert reopened.id == session_id and not reopened.finished
        assert stored_turns(session_id) == ["Why do you always make such a fuss?"]


@run_async
async def test_a_conversation_left_before_any_reply_is_not_kept():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_late_dinner(pilot, app)
        assert len(sessions()) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert sessions() == []


# --- carrying on --------------------------------------------------------------------


async def wait_for_offer(pilot, app) -> None:
    await settle(pilot)
    await wait_for(pilot, lambda: isinstance(app.screen, ResumeScreen), "the offer to carry on")


def offer_text(app) -> str:
    """The offer's words, unwrapped."""
    return str(app.screen.query_one("#resume-text").content)


@run_async
async def test_unfinished_practice_is_offered_and_carried_on():
    session_id = record([1], finish=False)  # the blaming reply, then the app was closed
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_offer(pilot, app)
        text = screen_text(app)
        assert "You have an unfinished practice: The late dinner, 1 reply, started" in text
        assert "changed" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        session = app.screen.session
        assert len(session.history) == 1 and session.state_id == "escalation"
        text = screen_text(app)
        assert "You: Why do you always make such a fuss?" in text
        assert "Sam: A fuss? I waited an hour with dinner going cold." in text  # the next line
        assert "1. You're right, that's not fair of me. I'm sorry." in text
        assert any("Carrying on where you left off, after 1 reply." in n for n in notices(app))
        assert app.practice.session_id == session_id
        await pilot.press("1")  # recorded in the same session
        await pilot.pause()
        assert len(stored_turns(session_id)) == 2
        assert [s.id for s in sessions()] == [session_id]
        await pilot.press("escape", "y")  # leaving part-way goes back to the list
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


@run_async
async def test_a_changed_file_says_how_many_replies_still_apply(tmp_path):
    path = tmp_path / "late-dinner.yaml"
    shutil.copy(LATE_DINNER, path)
    session_id = record([1, 1], path=path, finish=False)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "You're right, that's not fair of me. I'm sorry.", "Fair enough. I'm sorry."
        ),
        encoding="utf-8",
    )
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_offer(pilot, app)
        text = offer_text(app)
        assert "The late dinner, 2 replies" in text
        assert "The scenario file has changed since then: 1 of 2 replies still apply." in text
        assert "the other reply is dropped" in text
        await pilot.press("enter")
        await pilot.pause()
        session = app.screen.session
        assert len(session.history) == 1 and session.state_id == "escalation"
        assert "1. Fair enough. I'm sorry." in screen_text(app)
        # The history now matches the conversation, and knows the file as it is now.
        assert stored_turns(session_id) == ["Why do you always make such a fuss?"]
        from ipt_roleplay.store.history import file_hash

        assert sessions()[0].scenario_hash == file_hash(path)


@run_async
async def test_a_missing_file_is_explained_and_cannot_be_carried_on(tmp_path):
    path = tmp_path / "gone.yaml"
    shutil.copy(LATE_DINNER, path)
    record([1], path=path, finish=False)
    path.unlink()
    app = make_app(tmp_path)  # the same scenario is nowhere else to be found
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_offer(pilot, app)
        text = offer_text(app)
        assert "is no longer there" in text and "It stays in your practice history." in text
        assert "Carry on" not in screen_text(app)  # neither the title nor the key offers it
        await pilot.press("enter")  # does nothing here
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert any("It's kept." in n for n in notices(app))
        assert len(sessions()) == 1


@run_async
async def test_a_moved_bundled_file_is_found_by_its_scenario(tmp_path):
    path = tmp_path / "old-place.yaml"
    shutil.copy(LATE_DINNER, path)
    record([1], path=path, finish=False)
    path.unlink()  # as when a reinstall moves the bundled files
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_offer(pilot, app)
        text = offer_text(app)
        assert "The file it was played from is gone, so carrying on uses" in text
        assert "all 1 reply still apply" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.session.state_id == "escalation"
        assert sessions()[0].scenario_path == str(LATE_DINNER.resolve())


@run_async
async def test_discarding_asks_first():
    record([1], finish=False)
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_offer(pilot, app)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "deleted from your history for good" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert len(sessions()) == 1
        assert isinstance(app.screen, PickerScreen)
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_offer(pilot, app)
        await pilot.press("d", "y")
        await pilot.pause()
        assert sessions() == []
        assert isinstance(app.screen, PickerScreen)


@run_async
async def test_opened_on_a_file_only_its_own_unfinished_practice_is_offered(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(
        LATE_DINNER.read_text(encoding="utf-8").replace("id: late-dinner", "id: other-dinner"),
        encoding="utf-8",
    )
    record([1], path=other, finish=False)
    app = make_app(open_file=LATE_DINNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, IntroScreen)  # nothing offered over it
    record([1], finish=False)
    app = make_app(open_file=LATE_DINNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ResumeScreen), "the offer")
        assert "The late dinner, 1 reply" in screen_text(app)


# --- your practice ------------------------------------------------------------------


@run_async
async def test_your_practice_when_there_is_none_yet():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        text = screen_text(app)
        assert EMPTY in text
        assert "Save report" not in text and "Carry on" not in text  # nothing to act on
        await pilot.press("e")  # quietly nothing
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


@run_async
async def test_your_practice_lists_sessions_patterns_and_best_outcomes(utc):
    record([1, 1, 1], started_at="2025-03-10T09:30:00+00:00")  # resolved
    record([1, 2], started_at="2025-03-12T18:45:00+00:00")  # partly resolved
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        lines = screen_text(app).splitlines()
        text = "\n".join(lines)
        assert "2 sessions, 2 finished" in text
        newest = next(line for line in lines if "12 Mar 2025 18:45" in line)
        assert "The late dinner" in newest and "~ Partly resolved" in newest and "2 replies" in newest
        oldest = next(line for line in lines if "10 Mar 2025 09:30" in line)
        assert "✓ Resolved" in oldest and "3 replies" in oldest
        assert text.index("12 Mar 2025") < text.index("10 Mar 2025")  # newest first
        # The highlighted (newest) session's replies, in words.
        assert "Replies: 0 ✓ Helpful · 1 ~ Mixed · 1 ✗ Unhelpful" in text
        # Patterns: a bar and the numbers. Blaming came in two unhelpful replies.
        blaming = next(line for line in lines if "Blaming" in line)
        assert "2×: ✓ 0  ~ 0  ✗ 2" in blaming and "░" in blaming
        owns = next(line for line in lines if "Owns their part" in line)
        assert "1×: ✓ 1  ~ 0  ✗ 0" in owns and "█" in owns
        assert "Helpful replies per session, oldest to newest:" in text and "67% 0%" in text
        best = next(line for line in lines[lines.index(next(x for x in lines if "Best outcome" in x)):] if "The late dinner" in line)
        assert "✓ Resolved" in best and "2 sessions" in best


@run_async
async def test_your_practice_from_the_command_palette():
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"your practice")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)


@run_async
async def test_carry_on_from_your_practice():
    record([1, 1, 1])  # finished
    session_id = record([1], finish=False)
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_offer(pilot, app)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("down", "c")  # the finished one: nothing to carry on with
        await pilot.pause()
        assert any("reached its ending" in n for n in notices(app))
        await pilot.press("up", "c")
        await wait_for(pilot, lambda: isinstance(app.screen, ResumeScreen), "the offer")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.practice.session_id == session_id
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


# --- saving a report ----------------------------------------------------------------


def assert_private_report(files, *words: str) -> None:
    assert [f.suffix for f in files] == [".html", ".md"]
    for path in files:
        assert path.parent == path.parent.parent / "exports"
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        body = path.read_text(encoding="utf-8")
        for word in words:
            assert word in body, (path.name, word)


@run_async
async def test_save_report_from_the_summary(private_home):
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_late_dinner(pilot, app)
        await pilot.press("1", "1", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Save report" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SavedScreen)
        files = sorted((private_home / "exports").iterdir(), key=lambda p: p.suffix != ".html")
        assert_private_report(files, "The late dinner", "Why do you always make such a fuss?", "Could I text you by five")
        said = str(app.screen.query_one("#saved-text").content)
        for path in files:
            assert f"\n{path}" in said  # the full path on a line of its own, to find it again
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


@run_async
async def test_save_report_from_your_practice(private_home):
    record([1, 1, 1], started_at="2025-03-10T09:30:00+00:00")
    second = record([1, 2], started_at="2025-03-12T18:45:00+00:00")
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h", "e")  # the highlighted session is the newest
        await pilot.pause()
        assert isinstance(app.screen, SavedScreen)
        files = sorted((private_home / "exports").iterdir(), key=lambda p: p.suffix != ".html")
        assert [f.name for f in files] == [
            f"practice-{second}-late-dinner-2025-03-12.html", f"practice-{second}-late-dinner-2025-03-12.md",
        ]
        assert_private_report(files, "Well, you could have eaten without me.")


@run_async
async def test_a_report_that_cannot_be_written_is_a_calm_notice(private_home):
    record([1, 1, 1])
    private_home.mkdir(parents=True, exist_ok=True)
    (private_home / "exports").write_text("not a folder")
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h", "e")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)  # still here, nothing broke
        assert any(n.startswith("The report could not be saved.") for n in notices(app))


# --- when the history cannot be used -------------------------------------------------


@run_async
async def test_a_history_that_cannot_be_opened_is_one_calm_notice(tmp_path, monkeypatch):
    home = tmp_path / "a-file"
    home.write_text("IPT_ROLEPLAY_HOME points at a file, not a folder")
    monkeypatch.setenv("IPT_ROLEPLAY_HOME", str(home))
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_late_dinner(pilot, app)
        await pilot.press("1", "1", "u", "1", "1")
        await pilot.pause()
        assert app.screen.session.is_over  # practice went on
        said = [n for n in notices(app) if "could not be opened" in n]
        assert len(said) == 1, notices(app)
        assert "this time your practice will not be saved" in said[0]
        assert app.practice.session_id is None
        await pilot.press("enter", "e")  # no report to save: said plainly
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert any("not in your practice history" in n for n in notices(app))
        await pilot.press("escape", "h")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert "could not be opened" in " ".join(screen_text(app).split())


@run_async
async def test_a_failed_save_mid_play_is_said_once_and_caught_up(monkeypatch):
    from ipt_roleplay.store.database import StoreError
    from ipt_roleplay.store.history import History

    real = History.sync_turns
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_late_dinner(pilot, app)
        session_id = app.practice.session_id

        def full_disk(*args, **kwargs):
            raise StoreError("Could not save to your practice history (database or disk is full).")

        monkeypatch.setattr(History, "sync_turns", full_disk)
        await pilot.press("1", "1")
        await pilot.pause()
        assert len(app.screen.session.history) == 2  # practice went on
        said = [n for n in notices(app) if "could not be saved" in n]
        assert len(said) == 1 and "the next reply tries again" in said[0]
        monkeypatch.setattr(History, "sync_turns", real)
        await pilot.press("1")
        await pilot.pause()
        assert len(stored_turns(session_id)) == 3  # every turn, caught up at once
        assert any("Saving works again" in n for n in notices(app))


@run_async
async def test_a_reloaded_scenario_goes_on_in_the_same_stored_session():
    """`play --watch` puts a new Session of the reloaded file on screen: the practice
    goes on in the same stored session rather than stopping being recorded."""
    from ipt_roleplay.engine.session import Session
    from ipt_roleplay.scenario.loader import load_scenario

    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_late_dinner(pilot, app)
        session_id = app.practice.session_id
        await pilot.press("1")
        await pilot.pause()
        reloaded = Session(load_scenario(LATE_DINNER))
        reloaded.choose(0)
        app.play(reloaded)
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert app.practice.session is reloaded
        assert len(stored_turns(session_id)) == 2
        assert [s.id for s in sessions()] == [session_id]


def test_every_binding_here_has_an_id_and_a_description():
    for owner in (ProgressScreen, ResumeScreen, ConfirmScreen, SavedScreen, SummaryScreen, PickerScreen):
        for binding in owner.BINDINGS:
            assert binding.id and binding.description and binding.tooltip, (owner.__name__, binding)


@run_async
async def test_scenario_text_in_stored_practice_is_shown_literally():
    from tui_helpers import MARKUP

    markup = MARKUP / "markup.yaml"
    record([1], path=markup)  # finished
    record([1], path=markup, finish=False)  # the app closed before the ending was kept
    app = make_app(MARKUP)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for_offer(pilot, app)
        assert "[b]not bold[/b] title" in screen_text(app)
        await pilot.press("n", "h")
        await pilot.pause()
        text = screen_text(app)
        assert text.count("[b]not bold[/b] title") >= 3  # two sessions and the best outcome


@run_async
async def test_no_history_records_nothing_and_offers_nothing():
    """`ipt-roleplay play FILE --no-history` in the app."""
    from ipt_roleplay.tui.app import RoleplayApp

    record([1], finish=False)
    app = RoleplayApp(open_file=LATE_DINNER, include_bundled=False, record=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        assert isinstance(app.screen, IntroScreen)  # nothing offered over it
        await pilot.press("enter", "1", "1", "1")
        await pilot.pause()
        assert app.screen.session.is_over
        assert len(sessions()) == 1  # only the one from before


@run_async
async def test_leaving_part_way_says_the_replies_are_kept():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_late_dinner(pilot, app)
        await pilot.press("1", "escape")
        await pilot.pause()
        assert "Your replies so far are kept" in " ".join(screen_text(app).replace("│", " ").split())
        await pilot.press("y")
        await pilot.pause()
        assert len(stored_turns(sessions()[0].id)) == 1
