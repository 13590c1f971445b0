"""Typing a reply in the app: routing, feedback on the typed words, "heard as", going
back, awkward input shown literally, and scenarios that turn typing off."""

from __future__ import annotations

from pathlib import Path

from textual import events
from tui_helpers import LIBRARY, make_app, private_home, run_async, screen_text  # noqa: F401

from ipt_roleplay.tui.screens.help import TYPING_OFF, HelpScreen
from ipt_roleplay.tui.screens.play import PlayScreen
from ipt_roleplay.tui.screens.summary import SummaryScreen
from ipt_roleplay.tui.widgets.feedback import FeedbackPanel
from ipt_roleplay.tui.widgets.reply_input import ReplyInput
from ipt_roleplay.tui.widgets.transcript import Transcript

LATE_DINNER = LIBRARY / "late-dinner.yaml"


async def open_play(pilot, app) -> None:
    """Opened on the file: the intro, then Start."""
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PlayScreen)


async def type_reply(pilot, app, text: str, *, send: bool = True) -> None:
    """`t`, then the words as a paste (how long or unusual text arrives), then Enter."""
    await pilot.press("t")
    await pilot.pause()
    field = app.screen.query_one(ReplyInput)
    assert app.focused is field
    field.post_message(events.Paste(text))
    await pilot.pause()
    if send:
        await pilot.press("enter")
        await pilot.pause()


def transcript(app) -> str:
    return app.screen.query_one(Transcript).plain_text


def feedback(app) -> str:
    return app.screen.query_one(FeedbackPanel).plain_text


@run_async
async def test_t_works_before_the_field_replaces_its_stand_in(monkeypatch):
    # The first frame shows a line that reads like the field; the field itself comes
    # straight after. Held back here, so `t` arrives while the stand-in is still there.
    monkeypatch.setattr(PlayScreen, "_warm_up", lambda self: None)
    app = make_app(open_file=LATE_DINNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_play(pilot, app)
        play = app.screen
        assert play.query("#typed-soon") and not play.query(ReplyInput)
        assert "t: type your own reply" in screen_text(app)
        assert play._field() is play._field()  # one field, however soon it is asked for again
        await pilot.press("t")
        await pilot.pause()
        field = play.query_one(ReplyInput)
        assert app.focused is field and not play.query("#typed-soon")
        await pilot.press("escape")
        await pilot.pause()
        assert "t: type your own reply" in screen_text(app)


@run_async
async def test_the_field_replaces_its_stand_in_after_the_first_frame():
    app = make_app(open_file=LATE_DINNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_play(pilot, app)
        await pilot.pause()
        assert app.screen.query_one(ReplyInput).placeholder == "t: type your own reply"
        assert not app.screen.query("#typed-soon")


@run_async
async def test_typed_reply_goes_on_along_the_closest_reply_with_feedback_on_the_words():
    app = make_app(open_file=LATE_DINNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_play(pilot, app)
        assert "t: type your own reply" in screen_text(app)
        await type_reply(pilot, app, "Why do you ALWAYS do this to me")

        session = app.screen.session
        assert session.state_id == "escalation"  # heard as the blaming reply
        turn = session.history[-1]
        assert turn.typed == "Why do you ALWAYS do this to me"
        said = transcript(app)
        assert "You: Why do you ALWAYS do this to me" in said
        assert "Sam hears this as: “Why do you always make such a fuss?”" in said
        assert "Sam: A fuss? I waited an hour with dinner going cold." in said
        shown = feedback(app)
        assert "✗ Unhelpful" in shown
        assert "Blaming in “Why do you ALWAYS”" in shown  # evidence from the typed words
        assert "Always / never in “ALWAYS”" in shown
        assert "Try instead: I'm sorry I'm late. I should have texted." in shown
        assert "7 (0–10" in screen_text(app)  # the meters moved as for the reply it was heard as
        # Back on the list: the next number picks, and u takes the typed reply back.
        assert app.focused is app.screen.query_one("#replies")
        assert app.screen.query_one(ReplyInput).value == ""

        await pilot.press("u")
        await pilot.pause()
        assert session.history == [] and session.state_id == "arrival"
        assert "You: Why do you" not in transcript(app)
        assert "5 (0–10" in screen_text(app)
        # The words wait in the field, to be said another way.
        assert app.screen.query_one(ReplyInput).value == "Why do you ALWAYS do this to me"
        assert "Your words are in the field below" in feedback(app)
        await pilot.press("t", "space", "p", "l", "s")  # typing carries on after them
        await pilot.pause()
        assert app.screen.query_one(ReplyInput).value == "Why do you ALWAYS do this to me pls"


@run_async
async def test_number_keys_type_digits_while_typing_and_pick_from_the_list():
    app = make_app(open_file=LATE_DINNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_play(pilot, app)
        await pilot.press("t", "2", "3", "u", "f")
        await pilot.pause()
        session = app.screen.session
        field = app.screen.query_one(ReplyInput)
        assert field.value == "23uf" and session.history == []  # nothing picked, nothing undone
        assert app.screen.show_feedback  # f typed a letter; it did not hide the feedback
        footer = screen_text(app).splitlines()[-1]
        assert "Send" in footer and "Pick instead" in footer and "Back one reply" not in footer

        await pilot.press("escape")  # back to the list, the words kept
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.focused is app.screen.query_one("#replies")
        assert field.value == "23uf"
        await pilot.press("2")
        await pilot.pause()
        assert session.state_id == "talking" and session.history[-1].typed is None


@run_async
async def test_typed_markup_and_actions_are_shown_literally():
    app = make_app(open_file=LATE_DINNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_play(pilot, app)
        words = "[b]x[/b] sorry [@click=app.quit]bye[/] [red]"
        await type_reply(pilot, app, words)
        assert app.is_running and isinstance(app.screen, PlayScreen)
        assert app.screen.session.history[-1].typed == words
        assert f"You: {words}" in transcript(app)
        assert "[@click=app.quit]bye[/]" in screen_text(app)


@run_async
async def test_empty_or_blank_input_is_not_sent():
    app = make_app(open_file=LATE_DINNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_play(pilot, app)
        await pilot.press("t", "enter")
        await pilot.pause()
        session = app.screen.session
        assert session.history == []
        assert any("There is nothing to send yet" in n.message for n in app._notifications)
        assert app.focused is app.screen.query_one(ReplyInput)  # still there to type into
        app.screen.query_one(ReplyInput).post_message(events.Paste("  \t \x07 "))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert session.history == []


@run_async
async def test_a_long_paste_with_control_characters_and_other_scripts():
    app = make_app(open_file=LATE_DINNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_play(pilot, app)
        chunk = "I'm sorry I'm late.\x1b[31m\x00 Désolée, 对不起, آسف 🙏\nsecond line\r\n"
        text = (chunk * (10_000 // len(chunk) + 1))[:10_000]
        await type_reply(pilot, app, text)
        turn = app.screen.session.history[-1]
        assert turn.typed is not None and len(turn.typed) > 8_000
        assert "\x1b" not in turn.typed and "\x00" not in turn.typed and "\n" not in turn.typed
        assert "对不起, آسف 🙏 second line" in turn.typed  # lines joined, scripts kept
        assert "Sam hears this as:" in transcript(app)
        assert "\x1b" not in screen_text(app)


@run_async
async def test_typed_replies_appear_in_the_summary_with_what_they_were_heard_as():
    app = make_app(open_file=LATE_DINNER)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_play(pilot, app)
        await type_reply(pilot, app, "Why do you ALWAYS do this to me")
        await pilot.press("1", "1")
        await pilot.pause()
        assert app.screen.session.is_over
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "1. ✗ Unhelpful  Why do you ALWAYS do this to me" in screen_text(app)
        app.screen.query_one("#turns").focus()
        await pilot.pause()
        assert "Sam hears this as: “Why do you always make such a fuss?”" in feedback(app)


@run_async
async def test_no_field_when_the_scenario_turns_typing_off(tmp_path):
    path = tmp_path / "picking-only.yaml"
    path.write_text(LATE_DINNER.read_text().replace("start: arrival", "free_text: false\nstart: arrival"))
    app = make_app(open_file=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_play(pilot, app)
        assert not app.screen.query(ReplyInput)
        text = screen_text(app)
        assert "type your own" not in text and "Type a reply" not in text
        await pilot.press("t")  # nothing to type into: nothing happens
        await pilot.pause()
        assert app.screen.session.history == [] and isinstance(app.screen, PlayScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert str(app.screen.query_one("#typing-off").render()) == TYPING_OFF


@run_async
async def test_help_lists_the_typing_keys():
    app = make_app(open_file=LATE_DINNER)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_play(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Type a reply: Say it in your own words instead of picking one." in text
        rows = [" ".join(line.replace("│", " ").split()) for line in text.splitlines()]
        assert "Enter (typing) Send: Send what you typed as your reply." in rows
        assert any(row.startswith("Esc (typing) Pick instead: Back to the written replies") for row in rows)
        assert not app.screen.query("#typing-off")


def test_play_screen_after_a_typed_reply(snap_compare, monkeypatch):
    monkeypatch.chdir(LIBRARY)
    app = make_app(open_file=Path("late-dinner.yaml"))

    async def run_before(pilot):
        await open_play(pilot, app)
        await type_reply(pilot, app, "Sorry I'm so late, I know it's not fair on you [really]")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
