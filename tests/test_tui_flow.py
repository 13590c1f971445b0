"""The app driven by keys alone: pick, play to an ending, summary, play again, go back."""

from __future__ import annotations

from tui_helpers import (  # noqa: F401 - private_home is an autouse fixture
    BROKEN,
    LIBRARY,
    make_app,
    open_late_dinner,
    private_home,
    run_async,
    screen_text,
    select_entry,
    settle,
)

from ipt_roleplay.tui.screens.intro import IntroScreen
from ipt_roleplay.tui.screens.picker import PickerScreen, ProblemsScreen
from ipt_roleplay.tui.screens.play import LeaveScreen, PlayScreen
from ipt_roleplay.tui.screens.summary import SummaryScreen


@run_async
async def test_pick_play_to_an_ending_then_summary_then_play_again():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_late_dinner(pilot, app)
        assert "This is a practice aid, not therapy." in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        text = screen_text(app)
        assert "Sam: You're home late. Again." in text
        assert "1. Why do you always make such a fuss?" in text
        assert "Tension" in text and "5 (0–10, lower is better)" in text

        await pilot.press("1")  # the blaming reply
        await pilot.pause()
        text = screen_text(app)
        assert "✗ Unhelpful" in text
        assert "Blaming" in text and "Always / never" in text
        assert "Try instead: I'm sorry I'm late. I should have texted." in text
        assert "7 (0–10" in text  # tension went up by two

        await pilot.press("down", "up", "enter")  # arrows and Enter work as well as numbers
        await pilot.pause()
        assert app.screen.session.state_id == "talking"
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.session.is_over
        assert "See how it went" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, SummaryScreen)
        text = screen_text(app)
        assert "Outcome: ✓ Resolved" in text
        assert "Owning your part and making one specific offer turned the evening." in text
        assert "1. ✗ Unhelpful  Why do you always make such a fuss?" in text
        assert "3. ✓ Helpful    Could I text you by five" in text

        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.session.history == []
        assert app.screen.session.state_id == "arrival"


@run_async
async def test_going_back_one_reply_restores_line_meters_and_replies():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_late_dinner(pilot, app)
        await pilot.press("enter", "1")
        await pilot.pause()
        assert app.screen.session.state_id == "escalation"
        await pilot.press("u")
        await pilot.pause()
        session = app.screen.session
        assert session.state_id == "arrival" and session.history == []
        text = screen_text(app)
        assert "A fuss?" not in text
        assert "You: Why do you always" not in text
        assert "5 (0–10" in text
        assert "Went back one reply" in text
        await pilot.press("2", "ctrl+z")  # ctrl+z goes back too
        await pilot.pause()
        assert app.screen.session.state_id == "arrival"
        await pilot.press("u")  # nothing to undo: a gentle note, no error
        await pilot.pause()
        assert app.screen.session.state_id == "arrival"


@run_async
async def test_summary_goes_back_to_any_turn():
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_late_dinner(pilot, app)
        await pilot.press("enter", "1", "1", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        turns = app.screen.query_one("#turns")
        turns.focus()
        await pilot.press("down", "enter")  # back to reply 2 ("A fuss? ...")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.session.state_id == "escalation"
        assert len(app.screen.session.history) == 1
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.session.ending.outcome == "partial"


@run_async
async def test_feedback_only_at_the_end():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_late_dinner(pilot, app)
        await pilot.press("f")  # choose "only at the end" before starting
        await pilot.pause()
        assert "◉ Only at the end" in screen_text(app)
        await pilot.press("enter", "1")
        await pilot.pause()
        text = screen_text(app)
        assert "You: Why do you always make such a fuss?" in text
        assert "Unhelpful" not in text and "Blaming" not in text and "Try instead" not in text
        await pilot.press("1", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("tab")
        await pilot.pause()
        text = screen_text(app)
        assert "✗ Unhelpful" in text and "Blaming" in text  # all of it, now
        assert "Try instead: I'm sorry I'm late. I should have texted." in text


@run_async
async def test_a_broken_file_is_listed_with_its_first_error():
    app = make_app(LIBRARY, BROKEN)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "The late dinner" in text
        assert "⚠ Could not load:" in text
        assert "broken.yaml:15:15:" in text  # file:line:col of the first error
        app.screen.query_one("#scenarios").highlighted = select_entry(app, "broken.yaml")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


@run_async
async def test_filters_by_problem_area_and_role():
    app = make_app(LIBRARY, BROKEN)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")  # grief
        await pilot.pause()
        text = screen_text(app)
        assert "The late dinner" not in text
        assert "Could not load" in text  # broken files are never filtered away
        await pilot.press("a")  # role dispute
        await pilot.pause()
        assert "The late dinner" in screen_text(app)
        await pilot.press("r", "r")  # you play the therapist
        await pilot.pause()
        assert "The late dinner" not in screen_text(app)


@run_async
async def test_help_lists_every_key_and_crisis_help():
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_late_dinner(pilot, app)
        await pilot.press("enter", "question_mark")
        await pilot.pause()
        text = screen_text(app)
        for words in ("1 … 9", "Back one reply", "u / Ctrl+Z", "Feedback", "Restart", "Help", "Quit",
                      "988", "Samaritans 116 123"):
            assert words in text, words
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


def test_every_binding_has_an_id_and_a_description():
    from ipt_roleplay.tui.app import RoleplayApp
    from ipt_roleplay.tui.screens.help import HelpScreen

    for owner in (
        RoleplayApp, PickerScreen, ProblemsScreen, IntroScreen, PlayScreen, LeaveScreen, SummaryScreen, HelpScreen
    ):
        for binding in owner.BINDINGS:
            assert binding.id and binding.description, (owner.__name__, binding)


@run_async
async def test_open_file_goes_straight_to_the_intro():
    app = make_app(open_file=LIBRARY / "late-dinner.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IntroScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


@run_async
async def test_the_intro_keys_work_by_key_and_by_click():
    app = make_app(open_file=LIBRARY / "late-dinner.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        page = screen_text(app)
        assert "◉ After each reply" in page
        # The content notes come before what they are about, the summary included.
        assert page.index("Content notes") < page.index("raised voices") < page.index("Sam has been waiting")
        await pilot.press("f")
        await pilot.pause()
        assert "◉ Only at the end" in screen_text(app) and app.feedback_mode == "end"
        # The key line is the last line of the page; each key's words are clickable.
        row = next(i for i, line in enumerate(screen_text(app).splitlines()) if "⏎ Start" in line)
        line = screen_text(app).splitlines()[row]
        await pilot.click(offset=(line.index("Feedback timing"), row))
        await pilot.pause()
        assert app.feedback_mode == "each" and "◉ After each reply" in screen_text(app)
        await pilot.click(offset=(line.index("Start"), row))
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.show_feedback  # the mode chosen on the intro


@run_async
async def test_feedback_panel_toggles_with_f():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_late_dinner(pilot, app)
        await pilot.press("enter", "1")
        await pilot.pause()
        assert "Blaming" in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        text = screen_text(app)
        assert "Blaming" not in text and "Unhelpful" not in text
        assert "You: Why do you always make such a fuss?" in text
        await pilot.press("f")
        await pilot.pause()
        assert "✗ Unhelpful" in screen_text(app)


@run_async
async def test_command_palette_offers_play_commands():
    app = make_app(LIBRARY)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_late_dinner(pilot, app)
        await pilot.press("enter", "1", "1")
        await pilot.pause()
        assert len(app.screen.session.history) == 2
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"restart this")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.session.history == []

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"calm light")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "ipt-calm-light"

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"switch scenario")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


@run_async
async def test_leaving_part_way_asks_first():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_late_dinner(pilot, app)
        await pilot.press("enter", "1", "escape")
        await pilot.pause()
        assert isinstance(app.screen, LeaveScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and len(app.screen.session.history) == 1
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


@run_async
async def test_no_color_keeps_every_rating_readable(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(LIBRARY)
    assert app.no_color  # Textual draws in monochrome
    async with app.run_test(size=(80, 24)) as pilot:
        await open_late_dinner(pilot, app)
        await pilot.press("enter", "1")
        await pilot.pause()
        # The rating is carried by a symbol and a word, not by colour alone.
        assert "✗ Unhelpful" in screen_text(app)


@run_async
async def test_closing_as_the_play_screen_is_first_drawn_is_quiet():
    # Work left for after the play screen's first frame (the typing field) must not
    # fail when the app closes in that same moment.
    app = make_app(open_file=LIBRARY / "late-dinner.yaml")
    display = app._display

    def close_once_playing(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None and isinstance(screen, PlayScreen):
            app.exit()

    app._display = close_once_playing
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the intro's Start
        await pilot.pause()
    assert app._exception is None
    assert app.return_code == 0
