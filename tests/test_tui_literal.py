"""Scenario text is data: on every screen it appears exactly as written, never as markup.

The fixture puts Textual markup in every text field: "[b]not bold[/b]" would lose its
brackets if parsed, and "[@click=app.quit]x[/]" would become a live quit link.
"""

from __future__ import annotations

from tui_helpers import MARKUP, make_app, private_home, run_async, screen_text, select_entry, settle  # noqa: F401

from ipt_roleplay.tui.screens.intro import IntroScreen
from ipt_roleplay.tui.screens.picker import ProblemsScreen
from ipt_roleplay.tui.screens.play import PlayScreen
from ipt_roleplay.tui.screens.summary import SummaryScreen

SIZE = (140, 50)  # wide enough that no field wraps mid-phrase


def assert_shown(app, *pieces: str) -> None:
    text = screen_text(app)
    for piece in pieces:
        assert piece in text, f"{piece!r} is not on the {type(app.screen).__name__}:\n{text}"


@run_async
async def test_scenario_text_is_literal_on_every_screen():
    app = make_app(MARKUP)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        options = app.screen.query_one("#scenarios")
        options.highlighted = select_entry(app, "markup.yaml")
        await pilot.pause()
        assert_shown(
            app,
            "[b]not bold[/b] title",
            "Content notes: Note [red]",
            "Summary [@click=app.quit]x[/] with [red] in it.",  # the detail pane
            "⚠ Could not load: ",
            "[red]broken.yaml",  # a file name that looks like markup, in its error line
        )

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IntroScreen)
        assert_shown(
            app,
            "[b]not bold[/b] title",
            "Summary [@click=app.quit]x[/] with [red] in it.",
            "• Goal [b]not bold[/b]",
            "• Note [red]",
            "[b]Alex[/b] — Description [@click=app.quit]x[/]",
            "[red]Trust",
        )

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert_shown(
            app,
            "[b]not bold[/b] title",
            "[red]Trust",
            "Cue [i]not italic[/i]",
            "[b]Alex[/b]: Line [@click=app.quit]x[/]",
            "1. Reply [b]not bold[/b]",
        )

        await pilot.press("1")
        await pilot.pause()
        assert_shown(
            app,
            "You: Reply [b]not bold[/b]",
            "Feedback note [red]",
            "Try instead: Try [@click=app.quit]x[/]",
            "[b]Alex[/b]: End line [b]not bold[/b]",
        )

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("tab")  # on to the replies, where each one's feedback shows
        await pilot.pause()
        assert_shown(
            app,
            "How it went · [b]not bold[/b] title",
            "Debrief [@click=app.quit]x[/] and [red]",
            "1. ~ Mixed      Reply [b]not bold[/b]",
            "[b]Alex[/b]: Line [@click=app.quit]x[/]",
            "Feedback note [red]",
        )
        assert app.is_running  # nothing turned into a live quit action on the way


@run_async
async def test_validation_errors_are_literal():
    app = make_app(MARKUP)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entry = next(e for e in app.screen.entries if not e.ok)
        app.screen.query_one("#scenarios").highlighted = select_entry(app, "[red]broken.yaml")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        # The dialog wraps long lines, so compare with line breaks and borders taken out.
        flat = " ".join(screen_text(app).replace("│", " ").split())
        assert entry.name in flat
        assert " ".join(str(entry.problems[0]).split()) in flat
        assert "[red]broken.yaml" in str(entry.problems[0])
