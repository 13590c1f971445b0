"""The summary at an ending: how the replies landed, what turned the conversation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ipt_roleplay.engine.goals import GoalCheck, check_goals
from ipt_roleplay.engine.session import Session, Turn
from ipt_roleplay.scenario.model import Meter


@dataclass(frozen=True, slots=True)
class TurningPoint:
    turn_number: int  # 0-based index into the history
    reply: str
    why: str


@dataclass(frozen=True, slots=True)
class Summary:
    outcome: str | None
    debrief: str
    ratings: dict[str, int]  # helpful / mixed / unhelpful -> count
    top_patterns: list[tuple[str, int]]  # pattern id, times used; most used first
    turning_point: TurningPoint | None
    goals: list[GoalCheck]
    turns: int


def summarise(session: Session) -> Summary:
    history = session.history
    ending = session.ending
    ratings = Counter({"helpful": 0, "mixed": 0, "unhelpful": 0})
    ratings.update(t.feedback.rating for t in history)
    used = Counter(pid for t in history for pid in t.feedback.pattern_ids)
    goals = check_goals(session.scenario.goals, session.role, set(used), len(history))
    return Summary(
        outcome=ending.outcome if ending else None,
        debrief=ending.debrief if ending else "",
        ratings=dict(ratings),
        top_patterns=used.most_common(5),
        turning_point=turning_point(history, session.scenario.meters),
        goals=goals,
        turns=len(history),
    )


def turning_point(history: Sequence[Turn], meters: dict[str, Meter]) -> TurningPoint | None:
    """The reply that moved the meters most; failing that, the first helpful reply
    after an unhelpful one."""
    best, best_key = None, (0, False)
    for number, turn in enumerate(history):
        changes = turn.meter_changes()
        size = sum(abs(d) for d in changes.values())
        better = any(_is_better(d, meters[name]) for name, d in changes.items())
        # The largest change wins; between equal changes, one for the better does.
        if size and (size, better) > best_key:
            best, best_key = number, (size, better)
    if best is not None:
        turn = history[best]
        changes = ", ".join(
            f"{meters[name].label} {_direction(delta, meters[name])}"
            for name, delta in turn.meter_changes().items()
        )
        return TurningPoint(best, turn.reply, f"This reply moved the conversation most: {changes}.")
    seen_unhelpful = False
    for number, turn in enumerate(history):
        if turn.feedback.rating == "unhelpful":
            seen_unhelpful = True
        elif seen_unhelpful and turn.feedback.rating == "helpful":
            return TurningPoint(
                number, turn.reply, "The first helpful reply after an unhelpful one."
            )
    return None


def _is_better(delta: int, meter: Meter) -> bool:
    return meter.good is not None and (delta < 0) == (meter.good == "low")


def _direction(delta: int, meter: Meter) -> str:
    moved = f"{'+' if delta > 0 else ''}{delta}"
    if meter.good is None:
        return moved
    return f"{moved} ({'better' if _is_better(delta, meter) else 'worse'})"
