"""The scenario list when another screen comes first: asked to load before it is built
(the app opened on a file, a conversation started at once), it loads when shown."""

from __future__ import annotations

from tui_helpers import LIBRARY, make_app, private_home, run_async, screen_text, settle  # noqa: F401

from ipt_roleplay.tui.screens.picker import PickerScreen
from ipt_roleplay.tui.screens.play import PlayScreen

LATE_DINNER = LIBRARY / "late-dinner.yaml"


@run_async
async def test_picker_reload_before_it_is_built_waits_until_shown():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        picker = PickerScreen()
        picker.action_reload()  # not composed yet: no error, done when shown
        picker._loaded([])
        await app.push_screen(picker)
        await pilot.pause()
        for _ in range(300):
            if picker.entries:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        assert "The late dinner" in screen_text(app)


@run_async
async def test_a_conversation_started_at_once_leaves_the_list_loading_safely():
    from ipt_roleplay.catalog import check_path

    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(check_path(LATE_DINNER, "folder"))  # before the list is drawn
        app.screen.action_start()
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("1", "escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await settle(pilot)
        assert "The late dinner" in screen_text(app)
