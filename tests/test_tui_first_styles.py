"""Pages shown for the first time keep the styles given as they were mounted (no second
styling of every widget, see `StyledOnMount`): what they show must be exactly what a full
restyle would show."""

from __future__ import annotations

from textual import events
from textual.layout import Layout
from tui_helpers import LIBRARY, make_app, private_home, run_async, screen_text, settle  # noqa: F401

from ipt_roleplay.tui.screens import StyledOnMount

OPEN = LIBRARY / "late-dinner.yaml"


def _comparable(value):
    # A layout is an object made afresh each time styles are applied.
    return type(value).__name__ if isinstance(value, Layout) else value


def styles_of(screen) -> dict[str, list]:
    """Each widget's resolved styles (its own and those its component classes give)."""
    found = {}
    for number, widget in enumerate(screen.walk_children(with_self=True)):
        rules = sorted((name, _comparable(value)) for name, value in widget._css_styles.get_rules().items())
        components = {
            name: sorted((n, _comparable(v)) for n, v in widget.get_component_styles(name).get_rules().items())
            for name in sorted(widget._get_component_classes())
        }
        found[f"{number}:{type(widget).__name__}#{widget.id}"] = [rules, components, sorted(widget.pseudo_classes)]
    return found


async def assert_as_if_restyled(pilot) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, StyledOnMount) and screen._shown_before
    shown_styles, shown_text = styles_of(screen), screen_text(pilot.app)
    screen.update_node_styles(animate=False)  # what the skipped restyle would have done
    await pilot.pause()
    assert styles_of(screen) == shown_styles
    assert screen_text(pilot.app) == shown_text


@run_async
async def test_each_page_first_shown_is_styled_as_a_restyle_would_style_it():
    app = make_app(LIBRARY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await assert_as_if_restyled(pilot)  # the list
        app.screen.query_one("#scenarios").highlighted = 0
        await pilot.press("enter")  # its first scenario's intro
        await pilot.pause()
        await assert_as_if_restyled(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "PlayScreen"
        await assert_as_if_restyled(pilot)


@run_async
async def test_opened_on_a_file_the_intro_and_play_screen_are_styled_as_a_restyle_would():
    app = make_app(open_file=OPEN, feedback="end")  # no-feedback class on the play screen
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await assert_as_if_restyled(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await assert_as_if_restyled(pilot)
        # Shown again after a dialog, a page is restyled as Textual always does.
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await assert_as_if_restyled(pilot)


@run_async
async def test_a_page_shown_again_is_restyled(monkeypatch):
    calls = []
    app = make_app(open_file=OPEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        intro = app.screen
        monkeypatch.setattr(type(intro), "update_node_styles", lambda self, animate=True: calls.append(self))
        intro.post_message(events.ScreenResume())  # as Textual sends when it shows it again
        await pilot.pause()
        assert calls == [intro]
