"""Picking a conversation up on a new version of its scenario (for ``play --watch``).

    session, replayed, why = fast_forward(new_scenario, old_session.history)

Lives in the engine because it builds a ``Session``; noticing the saved file is
``scenario.watch.FileWatcher``'s job.
"""

from __future__ import annotations

from collections.abc import Sequence

from ipt_roleplay.engine.session import Session, Turn, TypedReplyError
from ipt_roleplay.scenario.model import Scenario


def fast_forward(scenario: Scenario, history: Sequence[Turn]) -> tuple[Session, int, str | None]:
    """A new Session on ``scenario``, replaying the replies of ``history`` (from a
    session on an earlier version of the file) for as long as they still apply.

    Each turn must happen at the same state id. A picked reply is found by its text
    (so reordering replies keeps the route), else by its old position (so an edited
    wording keeps it too); a typed reply is typed again. Returns the session, how many
    replies were replayed, and why replaying stopped early, or None if all were.
    """
    session = Session(scenario)
    for done, turn in enumerate(history):
        if session.is_over:
            return session, done, "the conversation now ends before this point"
        if session.state_id != turn.state_id:
            if turn.state_id not in scenario.states:
                return session, done, f"state '{turn.state_id}' is no longer in the file"
            return session, done, (
                f"the conversation now goes to '{session.state_id}' instead of '{turn.state_id}'"
            )
        if turn.typed is not None and _say(session, turn.typed):
            continue
        number = _option_number(session, turn)
        if number is None:
            return session, done, (
                f"the reply \"{_short(turn.reply)}\" is no longer offered at '{turn.state_id}'"
            )
        session.choose(number)
    return session, len(history), None


def _option_number(session: Session, turn: Turn) -> int | None:
    options = session.options()
    if turn.typed is None:
        for number, option in enumerate(options):
            if option.reply == turn.reply:
                return number
    for number, option in enumerate(options):
        if option.index == turn.choice_index:
            return number
    return None


def _say(session: Session, text: str) -> bool:
    try:
        session.say(text)
    except TypedReplyError:  # e.g. the author has since turned typing off
        return False
    return True


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
