"""A rehearsal's summary: the moment it rehearsed, side by side, as it went the first
time and as it went this time."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from ipt_roleplay.tui import text


def side(label: str, turn: Any) -> Content:
    if turn is None:
        return Content.assemble((label, "bold"), "\n", Content.styled("Not reached this time.", "$foreground-muted"))
    rating = text.rating(turn.feedback.rating) if turn.feedback else Content()
    return Content.assemble((label, "bold"), "\n", rating, "\n", turn.reply)


def both_times(app: Any, session: Any) -> ComposeResult:
    """Nothing unless ``session`` is a recorded rehearsal of an earlier moment."""
    practice = getattr(app, "practice", None)
    if practice is None or practice.session is not session or practice.session_id is None:
        return
    history = practice.open()
    if history is None:
        return
    from ipt_roleplay.review import compare

    try:
        moment = compare(history, practice.session_id)
    except Exception:  # the comparison is a bonus; the summary never fails for it
        return
    if moment is None:
        return
    yield Static(
        Content.assemble(
            ("That moment, both times", "bold"), f" (reply {moment.turn_number + 1}) · ",
            text.spoken(moment.speaker, moment.line),
        ),
        id="both-times-heading",
    )
    with Horizontal(id="both-times"):
        yield Static(side(f"The first time (session {moment.from_session_id})", moment.before), classes="then")
        yield Static(side("This time", moment.now), classes="now")
