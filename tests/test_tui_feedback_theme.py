"""The feedback panel keeps its drawings (and those made ready for the next reply); a
theme that changes only the text's own colours has them drawn afresh."""

from __future__ import annotations

from dataclasses import replace

from tui_helpers import LIBRARY, make_app, private_home, run_async, settle  # noqa: F401

from ipt_roleplay.tui.theme import CALM_DARK
from ipt_roleplay.tui.widgets.feedback import FeedbackPanel

OPEN = LIBRARY / "late-dinner.yaml"


def colours(panel: FeedbackPanel) -> set[str]:
    return {
        segment.style.color.name
        for strip in panel._lines
        for segment in strip
        if segment.style is not None and segment.style.color is not None
    }


@run_async
async def test_a_theme_changing_only_the_ratings_colour_redraws_the_feedback():
    app = make_app(open_file=OPEN)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("1")  # an unhelpful reply: its rating in the theme's error colour
        await pilot.pause()
        panel = app.screen.query_one(FeedbackPanel)
        before = colours(panel)
        app.register_theme(replace(CALM_DARK, name="ipt-calm-red-error", error="#ff0000"))
        app.theme = "ipt-calm-red-error"
        await pilot.pause()
        await pilot.pause()
        after = colours(panel)
        stale = before - after  # the rating's colour in the theme before
        assert stale and any(c in ("#ff0000", "#fe0000") for c in after)
        await pilot.press("1")  # the next reply's feedback, made ready before the change
        await pilot.pause()
        await pilot.pause()
        assert not colours(panel) & stale
