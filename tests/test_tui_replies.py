"""The play screen's replies, made ready ahead (widgets/replies.py): the rows each reply
would bring are built and drawn while the person reads, and showing them looks and
behaves exactly as rows built and drawn on the spot."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList
from tui_helpers import (  # noqa: F401 - private_home is an autouse fixture
    LIBRARY,
    MARKUP,
    drawn,
    make_app,
    private_home,
    run_async,
    settle,
)

from ipt_roleplay.tui.screens.play import PlayScreen
from ipt_roleplay.tui.screens.summary import SummaryScreen
from ipt_roleplay.tui.widgets.replies import RepliesList

# Keys and mouse moves through a conversation: picking by number, moving the highlight,
# going back, restarting, hovering over a row, down to the ending's row.
STEPS = {
    "late-dinner": ["2", "down", "hover", "end", "home", "u", "1", "ctrl+r", "hover", "1", "up", "1", "1"],
    "markup": ["hover", "down", "1", "u", "end", "1"],
}


async def ready(pilot, app) -> RepliesList:
    """The list, once the screen has made ready the rows its replies would bring (the
    first time, only once the analyzer has been built in its thread)."""
    replies = app.screen.query_one("#replies", RepliesList)
    for _ in range(500):
        await pilot.pause()
        if getattr(replies, "asked", False):
            break
    for _ in range(3):  # after a reply: its frame, then the next rows made ready
        await pilot.pause()
    return replies


@pytest.fixture(autouse=True)
def noted(monkeypatch):
    """RepliesList.prepare notes that it was asked (so tests know when to go on)."""
    prepare = RepliesList.prepare

    def noting(self, upcoming):
        self.asked = True
        prepare(self, upcoming)

    monkeypatch.setattr(RepliesList, "prepare", noting)


async def walk(path, size, *, prepared: bool, monkeypatch) -> list:
    if not prepared:  # every row built and drawn as it is shown, as before
        monkeypatch.setattr(RepliesList, "prepare", lambda self, upcoming: setattr(self, "asked", True))
    app = make_app(open_file=path)
    frames = []
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the intro's Start
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        for step in STEPS[path.stem]:
            await ready(pilot, app)
            if step == "hover":
                await pilot.hover("#replies", offset=(4, 2))
            else:
                await pilot.press(step)
            await ready(pilot, app)
            frames.append(drawn(app))
        assert app.screen.session.is_over
    return frames


@pytest.mark.parametrize(
    ("path", "size"),
    [
        (LIBRARY / "late-dinner.yaml", (80, 24)),
        (LIBRARY / "late-dinner.yaml", (50, 14)),  # replies wrapped, and scrolled in a short list
        (MARKUP / "markup.yaml", (100, 30)),  # text that looks like markup, shown as written
    ],
    ids=["late-dinner-80x24", "late-dinner-50x14", "markup-100x30"],
)
@run_async
async def test_rows_made_ready_look_exactly_as_rows_drawn_on_the_spot(path, size, monkeypatch):
    ahead = await walk(path, size, prepared=True, monkeypatch=monkeypatch)
    afresh = await walk(path, size, prepared=False, monkeypatch=monkeypatch)
    assert len(ahead) == len(afresh) == len(STEPS[path.stem])
    for step, (before, after) in enumerate(zip(afresh, ahead)):
        assert after == before, f"the screen differs after {STEPS[path.stem][: step + 1]}"


@run_async
async def test_a_reply_shows_rows_drawn_ahead_and_they_still_work(monkeypatch):
    drawn_on_the_spot = []
    draw = OptionList._get_option_render

    def counted(self, option, style):
        if isinstance(self, RepliesList):
            drawn_on_the_spot.append(str(option.prompt))
        return draw(self, option, style)

    monkeypatch.setattr(OptionList, "_get_option_render", counted)
    app = make_app(open_file=LIBRARY / "late-dinner.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        replies = await ready(pilot, app)
        session = app.screen.session
        drawn_on_the_spot.clear()
        await pilot.press("1")  # "Why do you always make such a fuss?": two replies next
        await ready(pilot, app)
        assert not drawn_on_the_spot, drawn_on_the_spot
        shown = [str(option.prompt) for option in replies.options]
        assert shown == [f"{n}. {o.reply}" for n, o in enumerate(session.options(), start=1)]
        assert len(shown) == 2 and replies.highlighted == 0 and replies.scroll_y == 0
        # The rows made ready are an OptionList's: the arrows, Enter and a click work.
        await pilot.press("down")
        assert replies.highlighted == 1
        await pilot.press("up")
        assert replies.highlighted == 0
        turns = len(session.history)
        drawn_on_the_spot.clear()
        await pilot.press("enter")
        await ready(pilot, app)
        assert len(session.history) == turns + 1 and len(replies.options) == 1
        assert not drawn_on_the_spot, drawn_on_the_spot
        await pilot.click("#replies", offset=(4, 1))  # the first row, under the list's rule
        await ready(pilot, app)
        assert len(session.history) == turns + 2 and session.is_over
        assert [option.id for option in replies.options] == ["see-summary"]
        assert not drawn_on_the_spot, drawn_on_the_spot
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


def test_without_the_private_drawing_parts_rows_are_still_made_ready(monkeypatch):
    from ipt_roleplay.tui.widgets import replies

    monkeypatch.setattr(replies, "DRAWS_AHEAD", False)
    rows = replies.RepliesList()
    rows.prepare([(False, ("One.", "Two."))])  # unmounted: nothing is drawn, nothing fails
    assert rows._drawn_ahead == {} and len(next(iter(rows._ready.values()))) == 2
