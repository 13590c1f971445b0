"""Checks on every bundled scenario (scenarios/*.yaml), whatever it is about.

- The files pass ``ipt-roleplay validate --strict`` (the CLI, run once over all of them).
- A bounded walk over *moments* (a state together with the meter values at that point,
  with effects, clamping and ``when`` conditions applied as the engine applies them).
  Each moment is expanded once, so loops terminate; every path from the start to an
  ending is a sequence of steps in this graph, so checking every moment and every step
  checks every path: every reply met has feedback with a rating and a note, every point
  reached offers at least one reply, every ending is reached, and from every point
  reached some ending can still be reached.
- One path to each ending, the shortest, played through the real ``Session``, which must
  agree with the walk at every step (state, meters, replies offered).

The walk is written here rather than taken from ``scenario.walk``, so the two are
independent checks of each other's reading of the format.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ipt_roleplay.engine.session import Session
from ipt_roleplay.scenario import conditions
from ipt_roleplay.scenario.loader import load_scenario
from ipt_roleplay.scenario.model import Scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
PATHS = sorted(SCENARIOS.glob("*.yaml"))
# The bundled scenarios have at most a few thousand moments; this bounds a mistake.
MAX_MOMENTS = 200_000
RATINGS = {"helpful", "mixed", "unhelpful"}

Moment = tuple[str, tuple[int, ...]]  # (state id, meter values in scenario.meters order)


def test_there_are_bundled_scenarios_with_distinct_ids() -> None:
    assert len(PATHS) >= 6
    ids = [load_scenario(p).id for p in PATHS]
    assert len(set(ids)) == len(ids), ids


def test_every_bundled_scenario_passes_validate_strict() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "ipt_roleplay", "validate", "--strict", "--format", "json",
         *map(str, PATHS)],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(run.stdout)
    assert report["files_checked"] == len(PATHS)
    assert (report["errors"], report["warnings"], report["findings"]) == (0, 0, [])


# --- the walk over moments -------------------------------------------------------------


@dataclass
class Walk:
    scenario: Scenario
    names: list[str]
    start: Moment
    # moment -> [(choice index in state.choices, next moment)], for every moment reached
    steps: dict[Moment, list[tuple[int, Moment]]] = field(default_factory=dict)
    # moment -> (previous moment, choice index) on a shortest route; None for the start
    parent: dict[Moment, tuple[Moment, int] | None] = field(default_factory=dict)
    complete: bool = True

    def route_to(self, moment: Moment) -> list[tuple[Moment, int]]:
        """The (moment, choice index) steps of a shortest route from the start."""
        route = []
        while (link := self.parent[moment]) is not None:
            moment, index = link
            route.append((moment, index))
        return route[::-1]

    def can_end(self) -> set[Moment]:
        """The moments from which some ending can still be reached."""
        into: dict[Moment, list[Moment]] = {}
        for moment, out in self.steps.items():
            for _, nxt in out:
                into.setdefault(nxt, []).append(moment)
        done = {m for m in self.steps if self.scenario.states[m[0]].ending is not None}
        queue = deque(done)
        while queue:
            for before in into.get(queue.popleft(), ()):
                if before not in done:
                    done.add(before)
                    queue.append(before)
        return done


def offered(scenario: Scenario, names: list[str], moment: Moment) -> list[tuple[int, Moment]]:
    """The replies offered at a moment and where each leads, as the engine does it."""
    state_id, values = moment
    state = scenario.states[state_id]
    if state.ending is not None:
        return []
    meters = dict(zip(names, values))
    out = []
    for index, choice in enumerate(state.choices):
        if not conditions.all_hold(conditions.parse_all(choice.when), meters):
            continue
        after = dict(meters)
        for name, delta in choice.effects.items():
            meter = scenario.meters[name]
            after[name] = max(meter.min, min(meter.max, after[name] + delta))
        out.append((index, (choice.goto, tuple(after[n] for n in names))))
    return out


def walk(scenario: Scenario, max_moments: int = MAX_MOMENTS) -> Walk:
    names = list(scenario.meters)
    start: Moment = (scenario.start, tuple(m.start for m in scenario.meters.values()))
    result = Walk(scenario, names, start, parent={start: None})
    queue = deque([start])
    while queue:
        moment = queue.popleft()
        result.steps[moment] = out = offered(scenario, names, moment)
        for index, nxt in out:
            if nxt in result.parent:
                continue
            if len(result.parent) >= max_moments:
                result.complete = False
                continue
            result.parent[nxt] = (moment, index)
            queue.append(nxt)
    return result


_WALKS: dict[Path, Walk] = {}


@pytest.fixture(params=PATHS, ids=lambda p: p.stem)
def walked(request) -> Walk:
    if request.param not in _WALKS:
        _WALKS[request.param] = walk(load_scenario(request.param))
    return _WALKS[request.param]


def test_the_walk_explores_every_moment(walked: Walk) -> None:
    assert walked.complete
    assert len(walked.steps) == len(walked.parent) > 1


def test_every_reply_met_has_feedback_with_a_rating_and_a_note(walked: Walk) -> None:
    scenario = walked.scenario
    met = {(m[0], index) for m, out in walked.steps.items() for index, _ in out}
    assert met
    for state_id, index in sorted(met):
        feedback = scenario.states[state_id].choices[index].feedback
        where = f"{scenario.id}: {state_id} reply {index + 1}"
        assert feedback is not None, where
        assert feedback.rating in RATINGS, where
        assert feedback.note.strip(), where


def test_every_point_reached_offers_a_reply(walked: Walk) -> None:
    scenario = walked.scenario
    stuck = [
        m for m, out in walked.steps.items()
        if scenario.states[m[0]].ending is None and not out
    ]
    assert not stuck, f"{scenario.id}: no reply offered at {stuck[:5]}"


def test_every_ending_is_reached_and_none_is_out_of_reach(walked: Walk) -> None:
    scenario = walked.scenario
    reached = {state_id for state_id, _ in walked.steps}
    assert set(scenario.endings()) <= reached, sorted(set(scenario.endings()) - reached)
    trapped = set(walked.steps) - walked.can_end()
    assert not trapped, f"{scenario.id}: no ending can be reached from {sorted(trapped)[:5]}"


def test_one_path_to_each_ending_plays_through_the_session(walked: Walk) -> None:
    scenario = walked.scenario
    firsts: dict[str, Moment] = {}
    for moment in walked.parent:  # breadth-first order: the first is on a shortest route
        if scenario.states[moment[0]].ending is not None:
            firsts.setdefault(moment[0], moment)
    assert set(firsts) == set(scenario.endings())
    for ending_id, target in firsts.items():
        session = Session(scenario)
        for moment, index in walked.route_to(target):
            assert (session.state_id, tuple(session.meters[n] for n in walked.names)) == moment
            options = session.options()
            assert [o.index for o in options] == [i for i, _ in walked.steps[moment]]
            turn = session.choose([o.index for o in options].index(index))
            assert turn.choice_index == index
            assert turn.feedback.source == "author"
            assert turn.feedback.rating in RATINGS and turn.feedback.note.strip()
        assert session.is_over, (scenario.id, ending_id)
        assert session.state_id == ending_id
        assert tuple(session.meters[n] for n in walked.names) == target[1]
        assert session.ending.outcome == scenario.states[ending_id].ending.outcome
        assert session.options() == []


# --- the walk finds what it looks for ----------------------------------------------------

BROKEN = """
id: broken
title: Broken on purpose
problem_area: role_dispute
learner_role: client
summary: A loop the meter lets you leave only once, a dead end, and an ending off the map.
characters: {sam: {name: Sam}}
meters: {tension: {label: Tension, start: 0, min: 0, max: 2}}
start: a
states:
  a:
    speaker: sam
    says: Hello.
    choices:
      - {reply: Round again., goto: a, effects: {tension: 1}}
      - {reply: On we go., goto: b, when: {tension: "== 1"}}
  b:
    speaker: sam
    says: And then?
    choices:
      - reply: Stop here.
        goto: a
        when: {tension: "< 1"}
  lost:
    speaker: sam
    says: Nobody comes here.
    ending: {outcome: resolved}
"""


def test_the_walk_sees_loops_dead_ends_traps_and_unreached_endings() -> None:
    from ipt_roleplay.scenario.loader import check_text

    scenario = check_text(BROKEN).scenario
    assert scenario is not None
    walked = walk(scenario)
    assert walked.complete
    # The loop at "a" ends when the meter stops at its max: three moments of "a".
    assert sorted(m for m in walked.steps if m[0] == "a") == [("a", (0,)), ("a", (1,)), ("a", (2,))]
    assert ("b", (1,)) in walked.steps and walked.steps[("b", (1,))] == []
    assert "lost" not in {s for s, _ in walked.steps}
    assert walked.can_end() == set()
    assert scenario.states["a"].choices[0].feedback is None
    assert not walk(scenario, max_moments=2).complete
