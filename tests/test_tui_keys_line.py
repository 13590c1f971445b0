"""The play screen's keys, drawn by one widget: the keys Footer would show, kept up to
date as they change, each with its hover, tooltip and click."""

from __future__ import annotations

from tui_helpers import (  # noqa: F401 - private_home is an autouse fixture
    LIBRARY,
    make_app,
    private_home,
    run_async,
    screen_text,
    settle,
)

from ipt_roleplay.tui.screens.help import HelpScreen
from ipt_roleplay.tui.screens.play import PlayScreen
from ipt_roleplay.tui.widgets.keys_line import KeysLine

PLAYING = " t Type a reply  u Back one reply  f Feedback  esc List  ? Help"


def keys_line(app) -> str:
    return screen_text(app).splitlines()[-1]


async def open_play(pilot, app) -> None:
    await settle(pilot)
    await pilot.press("enter")  # the intro's Start
    await pilot.pause()
    assert isinstance(app.screen, PlayScreen)
    await pilot.pause()


@run_async
async def test_keys_follow_what_the_screen_offers():
    app = make_app(open_file=LIBRARY / "late-dinner.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_play(pilot, app)
        line = keys_line(app)
        assert line.startswith(PLAYING) and line.rstrip().endswith("▏^p palette")
        assert len(app.screen.query(KeysLine)) == 1 and not app.screen.query("FooterKey")
        await pilot.press("t")  # typing: the field's own keys
        await pilot.pause()
        await pilot.pause()
        line = keys_line(app)
        assert line.startswith(" ⏎ Send  esc Pick instead ") and "Type a reply" not in line
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert keys_line(app).startswith(PLAYING)
        await pilot.press("1", "1", "1")  # to an ending: nothing left to type a reply to
        await pilot.pause()
        await pilot.pause()
        assert app.screen.session.is_over
        assert keys_line(app).startswith(" u Back one reply  f Feedback  esc List  ? Help")
        await pilot.press("u")  # back again: typing is offered again
        await pilot.pause()
        await pilot.pause()
        assert keys_line(app).startswith(PLAYING)


@run_async
async def test_each_key_is_hovered_explained_and_clicked_on_its_own():
    app = make_app(open_file=LIBRARY / "late-dinner.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_play(pilot, app)
        keys = app.screen.query_one(KeysLine)
        line = keys_line(app)
        at = line.index("Feedback")
        await pilot.hover(KeysLine, offset=(at, 0))
        await pilot.pause()
        assert keys.tooltip == "Show or hide the feedback panel."
        hovered = app.screen._compositor.render_strips()[-1]
        styles = {seg.text: seg.style for seg in hovered}
        assert styles["Feedback "].bgcolor != styles["Type a reply "].bgcolor  # only the key under the mouse
        assert styles[" f "].bgcolor == styles["Feedback "].bgcolor
        await pilot.hover(KeysLine, offset=(line.index("Back one reply"), 0))
        await pilot.pause()
        assert keys.tooltip == "Undo your last reply and choose again."
        await pilot.click(KeysLine, offset=(at, 0))  # as pressing f
        await pilot.pause()
        assert not app.screen.show_feedback
        await pilot.click(KeysLine, offset=(line.index("Help"), 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
