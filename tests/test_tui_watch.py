"""`play FILE --watch` in the app: each save reloads the scenario and replays the replies
so far; a save with an error is shown (literally) while the last good version runs on.

The tests save the file and then await the preview's poll directly (what its 0.5 s
timer calls), so they never sleep waiting for the timer.
"""

from __future__ import annotations

import re
from pathlib import Path

from tui_helpers import private_home, run_async, screen_text  # noqa: F401

from ipt_roleplay import cli
from ipt_roleplay.tui.app import RoleplayApp
from ipt_roleplay.tui.live import INTERVAL
from ipt_roleplay.tui.screens.help import HelpScreen
from ipt_roleplay.tui.screens.intro import IntroScreen
from ipt_roleplay.tui.screens.play import PlayScreen
from ipt_roleplay.tui.screens.summary import SummaryScreen
from ipt_roleplay.tui.widgets.transcript import Transcript

SISTER = (Path(__file__).parent / "scenarios" / "authoring" / "sister.yaml").read_text()
EDITED = SISTER.replace("I didn't know it was that bad.", "I had no idea it was that bad.")
BROKEN = SISTER.replace("goto: considering", "goto: '[@click=app.quit]x'", 1)  # line 48


def watching(path: Path) -> RoleplayApp:
    return RoleplayApp(open_file=path, include_bundled=False, watch=True, mood=False)


async def save(pilot, path: Path, text: str) -> None:
    path.write_text(text)
    await pilot.app.live.poll()
    await pilot.pause()
    await pilot.pause()


def status(app) -> str:
    return str(app.screen.query_one("#live-status").render())


def said(app) -> str:
    return app.screen.query_one(Transcript).plain_text


async def play_two_replies(pilot, app) -> None:
    await pilot.pause()
    assert isinstance(app.screen, IntroScreen)
    await pilot.press("enter", "1", "1")  # start; then the two helpful replies
    await pilot.pause()
    assert app.screen.session.state_id == "considering"


@run_async
async def test_save_edit_break_fix_and_remove_a_state(tmp_path):
    path = tmp_path / "sister.yaml"
    path.write_text(SISTER)
    app = watching(path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.live is not None and app.live.timer is not None and INTERVAL == 0.5
        await play_two_replies(pilot, app)
        assert status(app) == "Live preview: save sister.yaml to reload it here, keeping your place."

        # A line of text changes: the same place, the new words.
        await save(pilot, path, EDITED)
        session = app.screen.session
        assert isinstance(app.screen, PlayScreen) and session.state_id == "considering"
        assert len(session.history) == 2 and session.meters == {"trust": 7}
        assert "Jo: I had no idea it was that bad. What kind of help?" in said(app)
        assert "✓ Reloaded at " in status(app) and "replayed your 2 replies." in status(app)
        shown = app.screen.query_one(Transcript)  # opened part-way: the newest line in view
        assert shown.max_scroll_y > 0 and shown.scroll_offset.y == shown.max_scroll_y

        # A mistake: shown as file:line:col: message, literally; the conversation stays.
        screen = app.screen
        await save(pilot, path, BROKEN)
        assert app.screen is screen and screen.session is session
        message = status(app)
        assert "⚠ Not reloaded (still playing the last version that works):" in message
        assert f"{path}:48:15: error: `[@click=app.quit]x` cannot be used as a name" in message
        assert app.screen.query_one("#live-status").has_class("live-problem")
        assert app.is_running
        await pilot.press("1")  # the last good version still plays
        await pilot.pause()
        assert session.state_id == "agreed"
        await pilot.press("u")
        await pilot.pause()

        # Fixed: reloaded, the message gone.
        await save(pilot, path, EDITED.replace("What kind of help?", "What would help?"))
        assert "Not reloaded" not in screen_text(app)
        assert "✓ Reloaded at " in status(app)
        assert not app.screen.query_one("#live-status").has_class("live-problem")
        assert "Jo: I had no idea it was that bad. What would help?" in said(app)
        assert app.screen.session.state_id == "considering"

        # The state the path went through is gone: replayed as far as it still goes.
        await save(pilot, path, SISTER.replace("listening", "hearing"))
        session = app.screen.session
        assert len(session.history) == 1 and session.state_id == "hearing"
        message = status(app)
        assert "⚠ Reloaded at " in message
        assert "replayed 1 of your 2 replies, then stopped: state 'listening' is no longer in the file." in message


@run_async
async def test_a_save_that_changes_nothing_keeps_the_screen(tmp_path):
    path = tmp_path / "sister.yaml"
    path.write_text(SISTER)
    app = watching(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await play_two_replies(pilot, app)
        screen = app.screen
        await save(pilot, path, SISTER)
        assert app.screen is screen
        assert "save sister.yaml" in status(app)


@run_async
async def test_many_errors_are_counted_and_the_app_tells_how_to_list_them(tmp_path):
    path = tmp_path / "sister.yaml"
    path.write_text(SISTER)
    app = watching(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await play_two_replies(pilot, app)
        await save(pilot, path, re.sub(r"goto: \w+", "goto: nowhere", SISTER))  # ten of them
        message = status(app)
        assert message.count(": error: ") == 3
        assert f"…and 7 more (`ipt-roleplay validate {path}` lists them all)." in message


@run_async
async def test_a_reload_waits_for_an_open_dialog(tmp_path):
    path = tmp_path / "sister.yaml"
    path.write_text(SISTER)
    app = watching(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await play_two_replies(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        await save(pilot, path, EDITED)
        assert isinstance(app.screen, HelpScreen)  # not closed under the person
        await pilot.press("escape")
        await pilot.pause()
        await app.live.poll()
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert "Jo: I had no idea it was that bad." in said(app)


@run_async
async def test_the_intro_and_the_summary_follow_the_file(tmp_path):
    path = tmp_path / "sister.yaml"
    path.write_text(SISTER)
    app = watching(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await save(pilot, path, SISTER.replace("title: Asking my sister for help", "title: Asking Jo"))
        assert isinstance(app.screen, IntroScreen) and "Asking Jo" in screen_text(app)
        await pilot.press("enter", "1", "1", "1")  # to the resolved ending
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await save(pilot, path, SISTER.replace("built enough trust", "built trust"))
        assert isinstance(app.screen, SummaryScreen)
        assert "built trust for Jo to say yes" in screen_text(app)


def test_watch_is_for_the_app_not_line_mode(tmp_path, capsys):
    path = tmp_path / "sister.yaml"
    path.write_text(SISTER)
    assert cli.main(["play", str(path), "--plain", "--watch"]) == 2
    assert "--watch works in the app, not with --plain" in capsys.readouterr().err
