"""The intro's text: one widget that scrolls (ScrollingText), focused once the page is
drawn, so the keys and the mouse scroll it as they scrolled the container it replaced."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static
from tui_helpers import LIBRARY, make_app, private_home, run_async, settle  # noqa: F401

from ipt_roleplay.tui.screens.intro import IntroScreen, about, closing
from ipt_roleplay.tui.widgets.scrolling_text import ScrollingText

OPEN = LIBRARY / "late-dinner.yaml"


@run_async
async def test_the_intro_text_is_focused_after_its_first_frame_and_scrolls_by_key():
    app = make_app(open_file=OPEN)
    async with app.run_test(size=(80, 14)) as pilot:  # too short for the whole text
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IntroScreen)
        body = screen.query_one("#intro-body", ScrollingText)
        assert screen.focused is body
        assert body.plain_text == str(about(screen.scenario))
        assert body.max_scroll_y > 0 and body.scroll_y == 0
        await pilot.press("down")
        await pilot.pause()
        assert body.scroll_y == 1
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        # The last line of the text is in view, exactly as written.
        last = str(about(screen.scenario)).splitlines()[-1].strip()
        assert last in "\n".join(strip.text for strip in body._lines[-body.scrollable_content_region.height :])
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("enter")  # Enter still starts, with the text focused
        await pilot.pause()
        assert type(app.screen).__name__ == "PlayScreen"


class ContainerIntro(IntroScreen):
    """The intro as it was: its text a Static inside a scrolling container, focused
    as the page is built."""

    AUTO_FOCUS = "#intro-body"

    def compose(self):
        yield Static(self.scenario.title, id="title-bar", classes="title", markup=False)
        with VerticalScroll(id="intro-body"):
            yield Static(about(self.scenario))
        yield Static(closing(self.app.feedback_mode), id="intro-close")

    def _focus_body(self) -> None:
        pass


def cells(app) -> list[list[tuple[str, object]]]:
    """The screen as drawn, cell by cell: each character and its style (pieces of no
    width, which draw nothing, left out)."""
    rows = []
    for strip in app.screen._compositor.render_strips():
        row = []
        for segment in strip:
            row += [(char, segment.style) for char in segment.text]
        rows.append(row)
    return rows


@run_async
async def test_the_intro_text_draws_as_a_static_in_a_scrolling_container_did():
    """Line for line the same as the two widgets it replaced: with and without a scroll
    bar, narrowed, and scrolled to its end."""
    for size in ((100, 30), (80, 14), (60, 12)):
        app = make_app(open_file=OPEN)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            new = [cells(app)]
            await pilot.press("end")
            await pilot.pause()
            new.append(cells(app))
            await app.push_screen(ContainerIntro(app.screen.scenario))
            await pilot.pause()
            old = [cells(app)]
            await pilot.press("end")
            await pilot.pause()
            old.append(cells(app))
            assert old == new, size


async def redrawn_in(theme) -> None:
    """After a change to ``theme`` (a theme's name, or a new Theme), the intro's text
    looks different, and as the old container-and-Static intro draws it in that theme."""
    app = make_app(open_file=OPEN)
    async with app.run_test(size=(80, 14)) as pilot:
        await settle(pilot)
        before = cells(app)
        if not isinstance(theme, str):
            app.register_theme(theme)
            theme = theme.name
        app.theme = theme
        await pilot.pause()
        await pilot.pause()
        new = cells(app)
        assert new != before
        await app.push_screen(ContainerIntro(app.screen.scenario))
        await pilot.pause()
        assert cells(app) == new


@run_async
async def test_after_a_change_of_theme_the_text_draws_in_the_new_colours():
    await redrawn_in("ipt-calm-light")


@run_async
async def test_a_theme_changing_only_the_headings_colour_redraws_them():
    """The text's own colours ($primary for headings) can change while the widget's
    style does not: the lines are drawn afresh all the same."""
    from dataclasses import replace

    from ipt_roleplay.tui.theme import CALM_DARK

    await redrawn_in(replace(CALM_DARK, name="ipt-calm-other-primary", primary="#ff0000"))
