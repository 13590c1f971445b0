"""The play screen's first frame already shows the replies focused (styled focused from
the start, rather than restyled once focused), and a blurred app focuses nothing."""

from __future__ import annotations

from test_tui_first_styles import styles_of
from textual import events
from tui_helpers import LIBRARY, make_app, private_home, run_async, settle  # noqa: F401

from ipt_roleplay.tui.screens.play import PlayScreen
from ipt_roleplay.tui.widgets.replies import RepliesList

OPEN = LIBRARY / "late-dinner.yaml"


@run_async
async def test_the_first_frame_is_styled_as_the_settled_screen():
    app = make_app(open_file=OPEN)
    first: list[dict] = []
    display = app._display

    def watched(screen, renderable) -> None:
        if renderable is not None and isinstance(screen, PlayScreen) and not first:
            first.append(styles_of(screen))  # as this frame was drawn
        display(screen, renderable)

    app._display = watched
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        replies = screen.query_one("#replies", RepliesList)
        assert screen.focused is replies and replies.has_focus
        # All but the typing field's stand-in, which the field replaces after this frame.
        def kept(styles: dict) -> dict:
            return {key: value for key, value in styles.items() if "typed" not in key}

        assert first and kept(first[0]) == kept(styles_of(screen))
        assert "focus" in first[0][next(key for key in first[0] if key.endswith("#replies"))][2]


@run_async
async def test_a_blurred_app_shows_the_replies_unfocused_until_it_is_focused():
    app = make_app(open_file=OPEN)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.post_message(events.AppBlur())
        await pilot.pause()
        assert not app.app_focus
        app.screen.action_start()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        replies = screen.query_one("#replies", RepliesList)
        assert screen.focused is None and not replies.has_focus
        app.post_message(events.AppFocus())
        await pilot.pause()
        await pilot.pause()
        assert screen.focused is replies and replies.has_focus
