"""Rows finished once per line of content (tui/styled_lines.py): the transcript, the
feedback panel, the replies list and the meters keep each row as Textual's style cache finished it
(padding, background, borders, colour filters), by the line it shows, and finish the
lines drawn ahead ahead too. What is drawn must be exactly what Textual's own path
draws, whatever the size, theme, focus, scrolling or styles."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.widget import Widget
from tui_helpers import LIBRARY, drawn, make_app, private_home, run_async, settle  # noqa: F401

from ipt_roleplay.tui.screens.play import PlayScreen
from ipt_roleplay.tui.styled_lines import StyledLines
from ipt_roleplay.tui.widgets.feedback import FeedbackPanel
from ipt_roleplay.tui.widgets.meters import Meters
from ipt_roleplay.tui.widgets.replies import RepliesList
from ipt_roleplay.tui.widgets.transcript import Transcript

STYLED = (Transcript, FeedbackPanel, RepliesList, Meters)

# Through a conversation: replies, focus and scrolling in each part, the mouse over a
# reply, going back, restarting, another theme, and styles this module leaves alone
# or must follow (a border, a border title, tint, opacity, padding, hatch).
STEPS = [
    "1", "focus:#transcript", "pageup", "up", "end", "hover", "focus:#feedback", "down",
    "focus:#replies", "u", "2", "theme", "1", "ctrl+r", "styles", "1", "pageup", "1", "1",
]


def textual_way(monkeypatch) -> None:
    """Every row finished by Textual's style cache, as before this module."""
    monkeypatch.setattr(StyledLines, "render_lines", lambda self, *args: None)
    monkeypatch.setattr(StyledLines, "finish_ahead", lambda self, *args: None)


async def prepared(pilot, app) -> None:
    """Until the play screen has made the next replies ready (after each frame)."""
    for _ in range(3):
        await pilot.pause()
    await app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


async def replies_ready(pilot, app) -> None:
    """Until the feedback on every reply offered now is ready: after the frame, and only
    once the analyzer has warmed up in its thread, which on a busy machine takes a while."""
    for _ in range(500):
        await prepared(pilot, app)
        session, panel = app.screen.session, app.screen.query_one(FeedbackPanel)
        if all(id(session.feedback_on(option)) in panel._ready for option in session.options()):
            return
    raise AssertionError("the replies offered were never made ready")


async def after_one_reply(pilot, app) -> None:
    """The conversation started, and its first reply given and shown."""
    await settle(pilot)
    await pilot.press("enter")
    await prepared(pilot, app)
    await pilot.press("1")
    await prepared(pilot, app)


def unusual_styles(screen) -> None:
    transcript = screen.query_one(Transcript)
    transcript.styles.border = ("round", "red")
    transcript.styles.padding = (1, 2)
    transcript.styles.hatch = ("/", Color(0, 160, 0, 0.3))
    feedback = screen.query_one(FeedbackPanel)
    feedback.styles.tint = Color(200, 0, 0, 0.2)
    feedback.border_title = "Feedback"
    replies = screen.query_one(RepliesList)
    replies.styles.opacity = 0.7
    replies.styles.text_opacity = 0.8
    meters = screen.query_one(Meters)
    meters.styles.content_align = ("center", "top")


async def walk(size, monkeypatch, *, styled: bool) -> list:
    if not styled:
        textual_way(monkeypatch)
    app = make_app(open_file=LIBRARY / "late-dinner.yaml")
    frames = []
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the intro's Start
        await prepared(pilot, app)
        assert isinstance(app.screen, PlayScreen)
        for step in STEPS:
            if step.startswith("focus:"):
                app.screen.query_one(step[len("focus:"):]).focus()
            elif step == "hover":
                await pilot.hover("#replies", offset=(4, 2))
            elif step == "theme":
                app.theme = "ipt-calm-light"
            elif step == "styles":
                unusual_styles(app.screen)
            else:
                await pilot.press(step)
            await prepared(pilot, app)
            frames.append(drawn(app))
    return frames


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (50, 14)], ids=["100x30", "80x24", "50x14"])
@run_async
async def test_rows_kept_per_line_look_exactly_as_textual_draws_them(size, monkeypatch):
    kept = await walk(size, monkeypatch, styled=True)
    with monkeypatch.context() as patched:
        afresh = await walk(size, patched, styled=False)
    assert len(kept) == len(afresh) == len(STEPS)
    for step, (before, after) in enumerate(zip(afresh, kept)):
        assert after == before, f"the screen differs after {STEPS[: step + 1]}"


@run_async
async def test_each_widget_draws_as_textual_with_unusual_styles():
    """Row for row, each widget against Textual's own path, in plain and unusual styles."""
    app = make_app(open_file=LIBRARY / "late-dinner.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await after_one_reply(pilot, app)
        for styles in ("plain", "unusual"):
            if styles == "unusual":
                unusual_styles(app.screen)
                await prepared(pilot, app)
            for widget in app.screen.query(",".join(cls.__name__ for cls in STYLED)):
                crop = widget.region.reset_offset
                ours = widget.render_lines(crop)
                widget.refresh()  # Textual's own drawing, from scratch
                if isinstance(widget, RepliesList):
                    textual = super(RepliesList, widget).render_lines(crop)
                else:
                    textual = Widget.render_lines(widget, crop)
                assert [list(strip) for strip in ours] == [list(strip) for strip in textual], (styles, widget)


@run_async
async def test_a_reply_finishes_no_row_on_the_spot(monkeypatch):
    """What a reply shows was drawn and finished while the person read: the frame that
    shows it finishes none of the transcript's, feedback's, replies' or meters' rows itself."""
    finished: list[str] = []
    finish = StyledLines._finish

    def counted(widget, frame, y, draw):
        if counting:
            finished.append(f"{type(widget).__name__} row {y}: {draw(y).text.strip()!r}")
        return finish(widget, frame, y, draw)

    monkeypatch.setattr(StyledLines, "_finish", staticmethod(counted))
    counting = False
    app = make_app(open_file=LIBRARY / "late-dinner.yaml")
    display = app._display

    def first_frame(screen, renderable):
        nonlocal counting
        display(screen, renderable)
        if renderable is not None and isinstance(screen, PlayScreen):
            counting = False  # the reply's frame is drawn; what comes after is ahead

    app._display = first_frame
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await replies_ready(pilot, app)
        session = app.screen.session
        for _ in range(3):  # to the ending
            before = app.screen.query_one(FeedbackPanel).plain_text
            counting = True
            await pilot.press("1")
            await replies_ready(pilot, app)
            assert not finished, finished
            assert app.screen.query_one(FeedbackPanel).plain_text != before
        assert session.is_over


@run_async
async def test_under_a_textual_without_the_private_parts_textual_draws_every_row(monkeypatch):
    from ipt_roleplay.tui import styled_lines

    monkeypatch.setattr(styled_lines, "FITS", False)
    app = make_app(open_file=LIBRARY / "late-dinner.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await after_one_reply(pilot, app)
        for widget in app.screen.query(",".join(cls.__name__ for cls in STYLED)):
            assert widget._styled.render_lines(widget, widget.region.reset_offset, lambda y: None, ()) is None
            assert not widget._styled._kept and not widget._styled._ahead, widget
        assert "Why do you always make such a fuss?" in app.screen.query_one(Transcript).plain_text
