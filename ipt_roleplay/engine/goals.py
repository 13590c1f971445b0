"""Which patterns a scenario goal is about, read from the goal's own words.

Goals are free text written by therapists ("Name your feeling", "Make one specific
request", "Stay with it without blaming"). A goal is matched to the taxonomy patterns
whose label and definition share the most word stems with it. A goal phrased as
something to avoid ("without", "avoid", "don't") is practised when the patterns it
names did not appear; any other goal is practised when one of them did.
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
_AVOID = re.compile(r"\b(avoid|without|don't|do not|not|never|instead of|less|stop)\b")


def _stems(text: str) -> frozenset[str]:
    return frozenset(w[:4] for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2)


@lru_cache(maxsize=2)
def _pattern_stems(side: str) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((p.id, _stems(f"{p.label} {p.definition}")) for p in taxonomy.for_side(side))


@dataclass(frozen=True, slots=True)
class GoalCheck:
    goal: str
    patterns: tuple[str, ...]
    avoid: bool
    practised: bool | None  # None: the goal's words match no pattern, so it is not tracked


def patterns_for_goal(goal: str, side: str) -> tuple[str, ...]:
    words = _stems(goal)
    scored = [(len(words & stems), pid) for pid, stems in _pattern_stems(side)]
    best = max((score for score, _ in scored), default=0)
    return tuple(pid for score, pid in scored if best and score == best)


def check_goals(goals: Iterable[str], side: str, used: set[str], turns: int) -> list[GoalCheck]:
    checks = []
    for goal in goals:
        patterns = patterns_for_goal(goal, side)
        avoid = bool(_AVOID.search(goal.lower()))
        if not patterns:
            practised = None
        elif avoid:
            practised = turns > 0 and not used.intersection(patterns)
        else:
            practised = bool(used.intersection(patterns))
        checks.append(GoalCheck(goal, patterns, avoid, practised))
    return checks
