"""Every route through a scenario, with its meters and ``when`` conditions applied.

The search runs over moments (see ``scenario.moments``): a state together with the
meter values at that point, each explored once. From that graph we read which states
and replies can ever be reached, where a person can get stuck, which loops can be gone
round, and how many routes lead to each ending.

Counting routes: when no loop can be repeated (the usual case), the routes are counted
exactly by adding up counts along the graph, however many there are. When a loop
returns to the very same moment, the routes are endless; then they are listed one by
one, without repeating a moment, up to a limit, and the count is "at least N".

Example routes are reply numbers as shown to the person (1-based, among the replies
offered at that moment), so ``play --plain --choose`` can follow them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ipt_roleplay.scenario import conditions
from ipt_roleplay.scenario.model import Scenario
from ipt_roleplay.scenario.moments import (
    DEFAULT_MAX_MOMENTS,
    Graph,
    Rules,
    explore,
    is_cycle,
    linked_states,
    live_moments,
    meter_ranges,
    strongly_connected,
    trapped_states,
    used_replies,
)

DEFAULT_MAX_PATHS = 10_000
DEFAULT_MAX_DEPTH = 1_000
# Listing routes one by one can wander a long time in a tangle of loops; this caps the
# steps taken, so a walk always finishes in about a second.
_ENUMERATION_STEPS = 2_000_000

# --- the report ----------------------------------------------------------------------


@dataclass
class EndingRoutes:
    state_id: str
    outcome: str
    paths: int = 0
    example: list[int] | None = None  # reply numbers as shown, on a shortest route
    shortest: int | None = None
    longest: int | None = None
    reason: str = ""  # why no route reaches it


@dataclass
class Route:
    ending: str
    choose: list[int]

    @property
    def length(self) -> int:
        return len(self.choose)


@dataclass
class Unreached:
    state_id: str
    reason: str


@dataclass
class NeverOffered:
    state_id: str
    choice_index: int
    reply: str
    when: str
    reason: str


@dataclass
class StuckPoint:
    state_id: str
    meters: dict[str, int]
    route: list[int]
    reason: str


@dataclass
class Loop:
    states: list[str]
    endless: bool  # the very same moment comes round again, so it can be repeated forever
    exit: bool  # an ending can still be reached from the loop


@dataclass
class WalkReport:
    scenario: Scenario
    mode: str  # "every route" or "random"
    complete: bool  # every moment was explored
    moments: int
    endings: list[EndingRoutes]
    total_paths: int
    exact: bool  # False: "at least total_paths"
    cut_reason: str
    shortest: Route | None
    longest: Route | None
    longest_exact: bool
    unreached_states: list[Unreached]
    never_offered: list[NeverOffered]
    stuck: list[StuckPoint]
    loops: list[Loop]
    traps: list[Unreached] = field(default_factory=list)  # reached, but no ending beyond
    seconds: float = 0.0
    walks: int = 0  # random mode: how many walks were taken
    seed: int | None = None
    walks_cut: int = 0  # random walks stopped at the depth bound
    meter_ranges: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)


def walk(
    scenario: Scenario,
    *,
    max_paths: int = DEFAULT_MAX_PATHS,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_moments: int = DEFAULT_MAX_MOMENTS,
) -> WalkReport:
    """Explore every route (see the module notes for how routes are counted)."""
    began = time.perf_counter()
    graph = explore(scenario, max_moments=max_moments)
    live = live_moments(graph)
    endings = {
        name: EndingRoutes(name, state.ending.outcome) for name, state in scenario.endings().items()
    }
    ending_moments = [i for i, (state, _) in enumerate(graph.moments) if state in endings]
    for i in ending_moments:  # breadth first, so the first found is on a shortest route
        found = endings[graph.moments[i][0]]
        if found.example is None:
            found.example = graph.route_to(i)

    live_edges = _live_edges(graph, live)
    components = strongly_connected(
        (i for i in range(len(graph.moments)) if live[i]), live_edges
    )
    repeatable = any(is_cycle(c, live_edges) for c in components)
    if repeatable:
        counted = _enumerate(graph, live, max_paths=max_paths, max_depth=max_depth)
    else:
        counted = _count(graph, live, components)
    paths, shortest_len, longest_len, longest_route, exact, cut_reason = counted
    for name, found in endings.items():
        found.paths = paths.get(name, 0)
        found.shortest = shortest_len.get(name)
        found.longest = longest_len.get(name)
        if found.example is not None:
            # Breadth first, the example is a shortest route, whatever the listing found.
            found.shortest = len(found.example)
            if not found.paths:
                # The listing stopped before it came here, but the example (which never
                # repeats a moment) is a route: "at least 1" is true, and 0 would not be.
                found.paths = 1
                found.longest = len(found.example)
    if not graph.complete:
        exact = False
        cut_reason = (
            f"the meters can combine in more ways than the {max_moments:,} moments explored"
        )

    shortest = min(
        (Route(e.state_id, e.example) for e in endings.values() if e.example is not None),
        key=lambda r: r.length,
        default=None,
    )
    longest = None
    if longest_route is not None:
        longest = Route(graph.moments[longest_route[0]][0], longest_route[1])

    report = WalkReport(
        scenario=scenario,
        mode="every route",
        complete=graph.complete,
        moments=len(graph.moments),
        endings=list(endings.values()),
        total_paths=sum(e.paths for e in endings.values()),
        exact=exact,
        cut_reason=cut_reason,
        shortest=shortest,
        longest=longest,
        longest_exact=not repeatable and graph.complete,
        unreached_states=[],
        never_offered=[],
        stuck=_stuck_points(graph),
        loops=_loops(graph, live),
        meter_ranges=meter_ranges(graph),
    )
    _explain_unreached(report, graph)
    hedge = "" if graph.complete else " in the part explored"
    report.traps = [
        Unreached(state, "once here, no route leads to an ending" + hedge)
        for state in trapped_states(graph, live)
    ]
    report.seconds = time.perf_counter() - began
    return report


def _live_edges(graph: Graph, live: list[bool]) -> Callable[[int], list[int]]:
    def edges(i: int) -> list[int]:
        return [s.target for s in graph.steps[i] if live[s.target]]

    return edges


def _count(graph: Graph, live: list[bool], components: list[list[int]]):
    """Exact counts when no moment can come round again. Tarjan lists components in
    reverse topological order, so reversing gives an order where every moment comes
    after all moments leading to it."""
    order = [c[0] for c in reversed(components)]
    ways = [0] * len(graph.moments)
    low = [0] * len(graph.moments)
    high = [-1] * len(graph.moments)
    back: list[tuple[int, int] | None] = [None] * len(graph.moments)
    if live[0]:
        ways[0], high[0] = 1, 0
    for i in order:
        if not ways[i]:
            continue
        for step in graph.steps[i]:
            t = step.target
            if not live[t]:
                continue
            if not ways[t]:
                low[t] = low[i] + 1
            else:
                low[t] = min(low[t], low[i] + 1)
            if high[i] + 1 > high[t]:
                high[t], back[t] = high[i] + 1, (i, step.number)
            ways[t] += ways[i]
    paths: dict[str, int] = {}
    shortest: dict[str, int] = {}
    longest: dict[str, int] = {}
    best: tuple[int, int] | None = None
    for i, (state, _) in enumerate(graph.moments):
        if not ways[i] or not graph.rules.is_ending(state):
            continue
        paths[state] = paths.get(state, 0) + ways[i]
        shortest[state] = min(shortest.get(state, low[i]), low[i])
        longest[state] = max(longest.get(state, high[i]), high[i])
        if best is None or high[i] > best[1]:
            best = (i, high[i])
    longest_route = None
    if best is not None:
        numbers, i = [], best[0]
        while (link := back[i]) is not None:
            i, number = link
            numbers.append(number)
        longest_route = (best[0], numbers[::-1])
    return paths, shortest, longest, longest_route, True, ""


def _enumerate(graph: Graph, live: list[bool], *, max_paths: int, max_depth: int):
    """List routes one by one, never repeating a moment within a route, up to the bounds."""
    paths: dict[str, int] = {}
    shortest: dict[str, int] = {}
    longest: dict[str, int] = {}
    longest_route: tuple[int, list[int]] | None = None
    found = 0
    budget = _ENUMERATION_STEPS
    cut_reason = ""
    on_route = [False] * len(graph.moments)
    numbers: list[int] = []
    stack = [(0, iter(graph.steps[0]))] if live[0] else []
    if stack:
        on_route[0] = True
    while stack:
        i, steps = stack[-1]
        step = next(steps, None)
        if step is None:
            stack.pop()
            on_route[i] = False
            if numbers:
                numbers.pop()
            continue
        t = step.target
        if on_route[t] or not live[t]:
            continue
        budget -= 1
        if budget <= 0:
            cut_reason = "listing every route took too long"
            break
        state = graph.moments[t][0]
        if graph.rules.is_ending(state):
            depth = len(numbers) + 1
            paths[state] = paths.get(state, 0) + 1
            shortest[state] = min(shortest.get(state, depth), depth)
            longest[state] = max(longest.get(state, depth), depth)
            if longest_route is None or depth > len(longest_route[1]):
                longest_route = (t, [*numbers, step.number])
            found += 1
            if found >= max_paths:
                cut_reason = f"the listing stopped at {max_paths:,} routes (--max-paths)"
                break
            continue
        if len(numbers) + 1 >= max_depth:
            cut_reason = cut_reason or f"routes longer than {max_depth:,} replies were not followed (--max-depth)"
            continue
        numbers.append(step.number)
        on_route[t] = True
        stack.append((t, iter(graph.steps[t])))
    if not cut_reason:
        cut_reason = "loops can be gone round again and again, so there is no end to the routes"
    return paths, shortest, longest, longest_route, False, cut_reason


def _stuck_points(graph: Graph, limit: int = 20) -> list[StuckPoint]:
    """Moments, not endings, where no reply is offered: the person cannot go on."""
    found: list[StuckPoint] = []
    seen_states: set[str] = set()
    for i, (state, values) in enumerate(graph.moments):
        if graph.steps[i] or graph.rules.is_ending(state) or state in seen_states:
            continue
        seen_states.add(state)
        choices = graph.scenario.states[state].choices
        if not choices:
            reason = "this state has no replies and is not an ending"
        else:
            reason = "none of its replies' conditions hold with these meter values"
        found.append(
            StuckPoint(state, graph.rules.meters_dict(values), graph.route_to(i), reason)
        )
        if len(found) >= limit:
            break
    return found


def _loops(graph: Graph, live: list[bool]) -> list[Loop]:
    """Loops between states that a person can actually go round."""
    used: dict[str, set[str]] = {}
    for i, (state, _) in enumerate(graph.moments):
        for step in graph.steps[i]:
            used.setdefault(state, set()).add(graph.moments[step.target][0])
    names = list(graph.scenario.states)
    number = {name: n for n, name in enumerate(names)}

    def state_edges(n: int) -> list[int]:
        return [number[t] for t in used.get(names[n], ())]

    all_edges = lambda i: [s.target for s in graph.steps[i]]  # noqa: E731
    endless_states: set[str] = set()
    for component in strongly_connected(range(len(graph.moments)), all_edges):
        if is_cycle(component, all_edges):
            endless_states.update(graph.moments[i][0] for i in component)
    live_states = {graph.moments[i][0] for i, ok in enumerate(live) if ok}
    loops = []
    for component in strongly_connected(range(len(names)), state_edges):
        if not is_cycle(component, state_edges):
            continue
        members = sorted((names[n] for n in component), key=number.__getitem__)
        loops.append(
            Loop(
                members,
                endless=any(m in endless_states for m in members),
                exit=any(m in live_states for m in members),
            )
        )
    return sorted(loops, key=lambda loop: number[loop.states[0]])


def _explain_unreached(report: WalkReport, graph: Graph) -> None:
    scenario = graph.scenario
    reached = {state for state, _ in graph.moments}
    linked = linked_states(scenario)
    used = used_replies(graph)
    hedge = "" if graph.complete else " in the part explored"
    for name, state in scenario.states.items():
        if name not in reached or state.ending is not None:
            continue
        for i, choice in enumerate(state.choices):
            if (name, i) in used or not choice.when:
                continue
            when = ", ".join(str(c) for c in conditions.parse_all(choice.when))
            report.never_offered.append(
                NeverOffered(name, i, choice.reply, when, _why_never(scenario, report, name, choice.when) + hedge)
            )
    for name in scenario.states:
        if name in reached:
            continue
        if name not in linked:
            reason = "no reply leads here from the start"
        else:
            ways_in = [
                f"{n.state_id} reply {n.choice_index + 1} (when {n.when})"
                for n in report.never_offered
                if scenario.states[n.state_id].choices[n.choice_index].goto == name
            ]
            if len(ways_in) == 1:
                reason = f"the only way in, {ways_in[0]}, is never offered" + hedge
            elif ways_in:
                reason = f"the ways in, {'; '.join(ways_in)}, are never offered" + hedge
            else:
                reason = "only states that no path reaches lead here" + hedge
        report.unreached_states.append(Unreached(name, reason))
    by_state = {u.state_id: u.reason for u in report.unreached_states}
    for ending in report.endings:
        if ending.paths == 0 and ending.example is None:
            ending.reason = by_state.get(ending.state_id, "no route reaches it")


def _why_never(scenario: Scenario, report: WalkReport, state_id: str, when: dict) -> str:
    impossible, narrow = [], []
    ranges = report.meter_ranges.get(state_id, {})
    for c in conditions.parse_all(when):
        meter = scenario.meters[c.meter]
        if not any(c.holds({c.meter: v}) for v in range(meter.min, meter.max + 1)):
            impossible.append(f"{c} can never hold: {c.meter} stays between {meter.min} and {meter.max}")
            continue
        lo, hi = ranges.get(c.meter, (meter.min, meter.max))
        if not any(c.holds({c.meter: v}) for v in range(lo, hi + 1)):
            span = f"is always {lo}" if lo == hi else f"is only ever {lo} to {hi}"
            narrow.append(f"{c.meter} {span} when the conversation gets here")
    if impossible:
        return "; ".join(impossible)
    if narrow:
        return "; ".join(narrow)
    return "its conditions never all hold at once when the conversation gets here"


# --- random walks --------------------------------------------------------------------


def random_walks(
    scenario: Scenario, count: int, *, seed: int = 0, max_depth: int = DEFAULT_MAX_DEPTH
) -> WalkReport:
    """``count`` walks picking uniformly among the replies offered; a sample, not proof."""
    began = time.perf_counter()
    rules = Rules(scenario)
    rng = random.Random(seed)
    endings = {
        name: EndingRoutes(name, state.ending.outcome) for name, state in scenario.endings().items()
    }
    visited: set[str] = set()
    stuck: dict[str, StuckPoint] = {}
    shortest: Route | None = None
    longest: Route | None = None
    cut = 0
    for _ in range(count):
        moment = rules.start()
        numbers: list[int] = []
        visited.add(moment[0])
        while not rules.is_ending(moment[0]):
            offered = rules.offered(moment)
            if not offered:
                if moment[0] not in stuck:
                    reason = (
                        "this state has no replies and is not an ending"
                        if not scenario.states[moment[0]].choices
                        else "none of its replies' conditions hold with these meter values"
                    )
                    stuck[moment[0]] = StuckPoint(moment[0], rules.meters_dict(moment[1]), numbers, reason)
                break
            if len(numbers) >= max_depth:
                cut += 1
                break
            number = rng.randrange(len(offered))
            numbers.append(number + 1)
            moment = offered[number][1]
            visited.add(moment[0])
        else:
            found = endings[moment[0]]
            found.paths += 1
            length = len(numbers)
            found.shortest = length if found.shortest is None else min(found.shortest, length)
            if found.longest is None or length > found.longest:
                found.longest = length
            if found.example is None or length < len(found.example):
                found.example = numbers
            route = Route(moment[0], numbers)
            if shortest is None or length < shortest.length:
                shortest = route
            if longest is None or length > longest.length:
                longest = route
    unreached = [
        Unreached(name, "no random walk came here (a sample, not proof)")
        for name in scenario.states
        if name not in visited
    ]
    for ending in endings.values():
        if ending.paths == 0:
            ending.reason = "no random walk ended here (a sample, not proof)"
    return WalkReport(
        scenario=scenario,
        mode="random",
        complete=False,
        moments=0,
        endings=list(endings.values()),
        total_paths=sum(e.paths for e in endings.values()),
        exact=False,
        cut_reason="",
        shortest=shortest,
        longest=longest,
        longest_exact=False,
        unreached_states=unreached,
        never_offered=[],
        stuck=list(stuck.values()),
        loops=[],
        seconds=time.perf_counter() - began,
        walks=count,
        seed=seed,
        walks_cut=cut,
    )


# --- as data -------------------------------------------------------------------------


def as_dict(report: WalkReport) -> dict:
    """The report as JSON-ready data. Example routes are lists of 1-based reply numbers
    as shown at each step, for ``ipt-roleplay play FILE --plain --choose 2,1,3``."""

    def route(r: Route | None) -> dict | None:
        return None if r is None else {"ending": r.ending, "replies": r.length, "choose": r.choose}

    return {
        "scenario": report.scenario.id,
        "mode": "random" if report.mode == "random" else "all",
        "complete": report.complete,
        "exact": report.exact,
        "cut_reason": report.cut_reason or None,
        "moments": report.moments,
        "walks": report.walks if report.mode == "random" else None,
        "seed": report.seed,
        "walks_cut": report.walks_cut if report.mode == "random" else None,
        "seconds": round(report.seconds, 4),
        "paths": report.total_paths,
        "endings": [
            {
                "state": e.state_id,
                "outcome": e.outcome,
                "paths": e.paths,
                "example": e.example,
                "shortest": e.shortest,
                "longest": e.longest,
                "why_unreached": e.reason or None,
            }
            for e in report.endings
        ],
        "shortest": route(report.shortest),
        "longest": route(report.longest),
        "longest_exact": report.longest_exact,
        "unreached_states": [{"state": u.state_id, "why": u.reason} for u in report.unreached_states],
        "never_offered": [
            {
                "state": n.state_id,
                "reply_number": n.choice_index + 1,  # its place in the state's `choices`, from 1
                "reply": n.reply,
                "when": n.when,
                "why": n.reason,
            }
            for n in report.never_offered
        ],
        "stuck": [
            {"state": s.state_id, "meters": s.meters, "choose": s.route, "why": s.reason}
            for s in report.stuck
        ],
        "traps": [{"state": t.state_id, "why": t.reason} for t in report.traps],
        "loops": [{"states": loop.states, "endless": loop.endless, "exit": loop.exit} for loop in report.loops],
    }
