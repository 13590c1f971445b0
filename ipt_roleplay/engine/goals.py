"""Which patterns a scenario goal is about, read from the goal's own words.

Goals are free text written by therapists ("Name your feeling", "Make one specific
request", "Stay with it without blaming"). A goal is matched to the taxonomy patterns
whose label and definition share the most word stems with it. Words after "without",
"avoid", "rather than", "instead of", "not"... name something to avoid and are matched
to unhelpful patterns only; the words before them name something to do and are matched
to helpful patterns only. A goal is practised when a reply showed one of the patterns to
do (if it names any) and no reply showed a pattern to avoid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ipt_roleplay.analysis import taxonomy

_WORD = re.compile(r"[a-z]+")
_STOP = frozenset(
    "a an and are as at be by for from in into is it its of on one or the their them they "
    "this to your you yours with what who how when make makes making other person own".split()
)
_AVOID = re.compile(r"\b(?:avoid|without|don't|do not|not|never|instead of|rather than|less|stop)\b")


# Goal words that mean a pattern's word: "ask for what you need" is a request.
_SAME_AS = {"ask": "requ", "need": "requ", "apol": "apol", "sorr": "apol"}


def _stems(text: str) -> frozenset[str]:
    stems = (w[:4] for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2)
    return frozenset(_SAME_AS.get(s, s) for s in stems)


@lru_cache(maxsize=4)
def _pattern_stems(side: str, helpful: bool) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple(
        (p.id, _stems(f"{p.label} {p.definition}"))
        for p in taxonomy.for_side(side)
        if p.helpful == helpful
    )


@dataclass(frozen=True, slots=True)
class GoalCheck:
    goal: str
    patterns: tuple[str, ...]  # patterns to show
    avoid: tuple[str, ...]  # patterns to stay away from
    practised: bool | None  # None: the goal's words match no pattern, so it is not tracked


def _best(text: str, side: str, helpful: bool) -> tuple[str, ...]:
    words = _stems(text)
    if not words:
        return ()
    scored = [(len(words & stems), pid) for pid, stems in _pattern_stems(side, helpful)]
    best = max((score for score, _ in scored), default=0)
    return tuple(pid for score, pid in scored if best and score == best)


def patterns_for_goal(goal: str, side: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(patterns to show, patterns to avoid) for a goal written in plain words."""
    match = _AVOID.search(goal.lower())
    do_part, avoid_part = (goal[: match.start()], goal[match.end() :]) if match else (goal, "")
    return _best(do_part, side, True), _best(avoid_part, side, False)


def check_goals(goals: Iterable[str], side: str, used: set[str], turns: int) -> list[GoalCheck]:
    checks = []
    for goal in goals:
        do, avoid = patterns_for_goal(goal, side)
        if not do and not avoid:
            practised = None
        else:
            did = bool(used.intersection(do)) if do else turns > 0
            practised = did and not used.intersection(avoid)
        checks.append(GoalCheck(goal, do, avoid, practised))
    return checks
