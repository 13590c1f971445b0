"""Scenario files as a list shows them: an `Entry` per file (its scenario, or the
problems that stop it loading), labels, route lengths, and filters.

A file that fails is still an entry with its first error, so an author sees why their
scenario is missing instead of wondering. Which folders are read, and the cache of
checked files, are `ipt_roleplay.catalog`'s: this layer knows files and text only.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from msgspec import Struct, field

from ipt_roleplay.scenario.findings import CheckResult
from ipt_roleplay.scenario.model import Scenario

SUFFIXES = (".yaml", ".yml")

Origin = Literal["bundled", "yours", "folder"]

PROBLEM_AREA_LABELS: dict[str, str] = {
    "grief": "Grief",
    "role_dispute": "Role dispute",
    "role_transition": "Role transition",
    "interpersonal_deficits": "Interpersonal deficits",
}
ROLE_LABELS: dict[str, str] = {"client": "the client", "therapist": "the therapist"}
ORIGIN_LABELS: dict[str, str] = {"bundled": "bundled", "yours": "your folder", "folder": "folder"}


class Problem(Struct, frozen=True):
    """One line saying what is wrong with a file, as ``file:line:col: message``."""

    name: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.name}:{self.line}:{self.col}: {self.message}"


class Entry(Struct, frozen=True):
    """One scenario file as the picker lists it."""

    path: Path | None  # None when the file lives inside an installed package
    name: str  # the file name shown in errors
    origin: Origin
    scenario: Scenario | None
    problems: tuple[Problem, ...] = ()
    shortest: int | None = None  # replies on the shortest route to an ending
    typical: int | None = None  # median replies over random plays (see typical_route)
    key: str = field(default="")  # unique within one listing

    @property
    def ok(self) -> bool:
        return self.scenario is not None

    @property
    def first_error(self) -> str | None:
        return str(self.problems[0]) if self.problems else None

    @property
    def title(self) -> str:
        return self.scenario.title if self.scenario is not None else self.name


def shortest_route(scenario: Scenario) -> int | None:
    """How many replies the shortest route from the start to any ending takes.

    Meter conditions are ignored: they can only remove routes, so this is a true
    lower bound on the length of a conversation. None when no ending is reachable.
    """
    seen = {scenario.start: 0}
    queue = deque([scenario.start])
    while queue:
        state_id = queue.popleft()
        state = scenario.states.get(state_id)
        if state is None:
            continue
        if state.ending is not None:
            return seen[state_id]
        for choice in state.choices:
            if choice.goto not in seen:
                seen[choice.goto] = seen[state_id] + 1
                queue.append(choice.goto)
    return None


def typical_route(scenario: Scenario, plays: int = 101, cap: int = 300, seed: int = 7) -> int | None:
    """The median number of replies over ``plays`` random plays-through that reach an
    ending, each reply picked at random. Meter conditions are ignored, so this is an
    estimate, and it is labelled as one. Seeded, so the list reads the same every time.
    """
    import random

    rng = random.Random(seed)
    lengths = []
    for _ in range(plays):
        state_id, steps = scenario.start, 0
        while steps <= cap:
            state = scenario.states.get(state_id)
            if state is None or not state.choices:
                break
            state_id = rng.choice(state.choices).goto
            steps += 1
        state = scenario.states.get(state_id)
        if state is not None and state.ending is not None:
            lengths.append(steps)
    if not lengths:
        return None
    lengths.sort()
    return lengths[len(lengths) // 2]


def _replies(n: int) -> str:
    return f"{n} {'reply' if n == 1 else 'replies'}"


def length_label(entry: Entry) -> str:
    """An honest, labelled length: a typical play-through, and the shortest route."""
    if entry.scenario is None:
        return ""
    if entry.shortest is None:
        return "no ending can be reached"
    if entry.typical is None or entry.typical == entry.shortest:
        return _replies(entry.shortest)
    return f"about {_replies(entry.typical)} (shortest {entry.shortest})"


def scenario_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
    except OSError:
        return []


def entry_from(path: Path | None, name: str, origin: Origin, result: CheckResult) -> Entry:
    problems = tuple(Problem(name, f.line, f.col, f.message) for f in result.errors)
    scenario = result.scenario if not problems else None
    if scenario is None and not problems:
        problems = (Problem(name, 1, 1, "this file could not be read as a scenario"),)
    shortest = typical = None
    if scenario is not None:
        shortest, typical = shortest_route(scenario), typical_route(scenario)
    return Entry(path, name, origin, scenario, problems, shortest, typical, key=f"{origin}:{name}")


def filter_entries(
    entries: Sequence[Entry], *, problem_area: str | None = None, role: str | None = None
) -> list[Entry]:
    """Entries matching the filters. Broken files are always kept: hiding them would
    hide the one thing their author needs to see."""
    return [
        e
        for e in entries
        if e.scenario is None
        or (
            (problem_area is None or e.scenario.problem_area == problem_area)
            and (role is None or e.scenario.learner_role == role)
        )
    ]
