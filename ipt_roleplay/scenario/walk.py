"""Every route through a scenario, with its meters and ``when`` conditions applied.

A "moment" is a state together with the meter values at that point: two visits to the
same state with different tension offer different replies, so the search runs over
moments, each explored once. From that graph of moments we read which states and
replies can ever be reached, where a person can get stuck, which loops can be gone
round, and how many routes lead to each ending.

Counting routes: when no loop can be repeated (the usual case), the routes are counted
exactly by adding up counts along the graph, however many there are. When a loop
returns to the very same moment, the routes are endless; then they are listed one by
one, without repeating a moment, up to a limit, and the count is "at least N".

The rules mirror ``engine.session.Session`` (conditions read the meters before a reply,
effects are added after it and held within min..max); the tests replay the example
routes through a real Session to keep the two in step.
"""

from __future__ import annotations

import operator
import random
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ipt_roleplay.scenario import conditions
from ipt_roleplay.scenario.model import Scenario

DEFAULT_MAX_PATHS = 10_000
DEFAULT_MAX_DEPTH = 1_000
DEFAULT_MAX_MOMENTS = 200_000
# Listing routes one by one can wander a long time in a tangle of loops; this caps the
# steps taken, so a walk always finishes in about a second.
_ENUMERATION_STEPS = 2_000_000

_OPS: dict[str, Callable[[int, int], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    ">": operator.gt,
}

Moment = tuple[str, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class Step:
    """One reply taken from a moment: its number as shown (1-based), its index in
    ``state.choices``, and the moment it leads to (an index into ``Graph.moments``)."""

    number: int
    choice_index: int
    target: int


@dataclass(frozen=True, slots=True)
class _Reply:
    index: int
    tests: tuple[tuple[int, Callable[[int, int], bool], int], ...]  # (meter position, op, value)
    goto: str
    effects: tuple[int, ...]


class Rules:
    """The scenario's replies, conditions and effects in a form quick to apply."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.meter_names = tuple(scenario.meters)
        position = {name: i for i, name in enumerate(self.meter_names)}
        self.lows = tuple(m.min for m in scenario.meters.values())
        self.highs = tuple(m.max for m in scenario.meters.values())
        self.replies: dict[str, tuple[_Reply, ...]] = {}
        for state_id, state in scenario.states.items():
            built = []
            for i, choice in enumerate(state.choices):
                tests = tuple(
                    (position[c.meter], _OPS[c.op], c.value)
                    for c in conditions.parse_all(choice.when)
                )
                effects = tuple(choice.effects.get(name, 0) for name in self.meter_names)
                built.append(_Reply(i, tests, choice.goto, effects))
            self.replies[state_id] = () if state.ending is not None else tuple(built)

    def start(self) -> Moment:
        return self.scenario.start, tuple(m.start for m in self.scenario.meters.values())

    def offered(self, moment: Moment) -> list[tuple[_Reply, Moment]]:
        """The replies offered at this moment, in the order the person sees them."""
        state_id, values = moment
        out = []
        for reply in self.replies[state_id]:
            if all(op(values[pos], value) for pos, op, value in reply.tests):
                after = tuple(
                    max(lo, min(hi, v + d))
                    for v, d, lo, hi in zip(values, reply.effects, self.lows, self.highs)
                )
                out.append((reply, (reply.goto, after)))
        return out

    def is_ending(self, state_id: str) -> bool:
        return self.scenario.states[state_id].ending is not None

    def meters_dict(self, values: tuple[int, ...]) -> dict[str, int]:
        return dict(zip(self.meter_names, values))


@dataclass
class Graph:
    """Every moment reachable from the start, found breadth first."""

    rules: Rules
    moments: list[Moment]
    steps: list[list[Step]]
    parent: list[tuple[int, int] | None]  # (previous moment, reply number) on a shortest route
    complete: bool  # False when the search stopped at max_moments

    @property
    def scenario(self) -> Scenario:
        return self.rules.scenario

    def route_to(self, moment: int) -> list[int]:
        """Reply numbers (1-based, as shown) along a shortest route to this moment."""
        numbers = []
        while (link := self.parent[moment]) is not None:
            moment, number = link
            numbers.append(number)
        return numbers[::-1]


def explore(scenario: Scenario, *, max_moments: int = DEFAULT_MAX_MOMENTS) -> Graph:
    rules = Rules(scenario)
    start = rules.start()
    index = {start: 0}
    moments: list[Moment] = [start]
    steps: list[list[Step]] = []
    parent: list[tuple[int, int] | None] = [None]
    complete = True
    i = 0
    while i < len(moments):
        out = []
        for number, (reply, target) in enumerate(rules.offered(moments[i]), start=1):
            t = index.get(target)
            if t is None:
                if len(moments) >= max_moments:
                    complete = False
                    continue
                t = index[target] = len(moments)
                moments.append(target)
                parent.append((i, number))
            out.append(Step(number, reply.index, t))
        steps.append(out)
        i += 1
    return Graph(rules, moments, steps, parent, complete)


# --- what can be reached -----------------------------------------------------------


def linked_states(scenario: Scenario) -> set[str]:
    """States some chain of replies leads to from the start, ignoring conditions."""
    seen = {scenario.start}
    queue = deque(seen)
    while queue:
        state = scenario.states[queue.popleft()]
        if state.ending is not None:
            continue
        for choice in state.choices:
            if choice.goto not in seen:
                seen.add(choice.goto)
                queue.append(choice.goto)
    return seen


def states_reaching_an_ending(scenario: Scenario) -> set[str]:
    """States from which some chain of replies reaches an ending, ignoring conditions."""
    incoming: dict[str, set[str]] = {name: set() for name in scenario.states}
    for name, state in scenario.states.items():
        if state.ending is None:
            for choice in state.choices:
                incoming[choice.goto].add(name)
    good = set(scenario.endings())
    queue = deque(good)
    while queue:
        for source in incoming[queue.popleft()]:
            if source not in good:
                good.add(source)
                queue.append(source)
    return good


def live_moments(graph: Graph) -> list[bool]:
    """For each moment, whether some route from it reaches an ending."""
    incoming: list[list[int]] = [[] for _ in graph.moments]
    for source, out in enumerate(graph.steps):
        for step in out:
            incoming[step.target].append(source)
    live = [graph.rules.is_ending(state) for state, _ in graph.moments]
    queue = deque(i for i, ok in enumerate(live) if ok)
    while queue:
        for source in incoming[queue.popleft()]:
            if not live[source]:
                live[source] = True
                queue.append(source)
    return live


def _strongly_connected(nodes: Iterable[int], edges: Callable[[int], Iterable[int]]) -> list[list[int]]:
    """Tarjan's algorithm without recursion (a 1,000-state chain would overflow the stack)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    found: list[list[int]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(edges(root)))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges(child))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
    return found


def _is_cycle(component: list[int], edges: Callable[[int], Iterable[int]]) -> bool:
    return len(component) > 1 or component[0] in edges(component[0])


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
    components = _strongly_connected(
        (i for i in range(len(graph.moments)) if live[i]), live_edges
    )
    repeatable = any(_is_cycle(c, live_edges) for c in components)
    if repeatable:
        counted = _enumerate(graph, live, max_paths=max_paths, max_depth=max_depth)
    else:
        counted = _count(graph, live, components)
    paths, shortest_len, longest_len, longest_route, exact, cut_reason = counted
    for name, found in endings.items():
        found.paths = paths.get(name, 0)
        found.shortest = shortest_len.get(name)
        found.longest = longest_len.get(name)
        if found.example is not None and not found.paths:
            # The listing stopped before it came here, but the shortest route (which
            # never repeats a moment) is one: "at least 1" is true, and 0 would not be.
            found.paths = 1
            found.shortest = found.longest = len(found.example)
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
        meter_ranges=_meter_ranges(graph),
    )
    _explain_unreached(report, graph)
    report.traps = traps(graph, live)
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
    for component in _strongly_connected(range(len(graph.moments)), all_edges):
        if _is_cycle(component, all_edges):
            endless_states.update(graph.moments[i][0] for i in component)
    live_states = {graph.moments[i][0] for i, ok in enumerate(live) if ok}
    loops = []
    for component in _strongly_connected(range(len(names)), state_edges):
        if not _is_cycle(component, state_edges):
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


def traps(graph: Graph, live: list[bool]) -> list[Unreached]:
    """States the conversation can reach but never leave for an ending."""
    reached: dict[str, bool] = {}
    for i, (state, _) in enumerate(graph.moments):
        reached[state] = reached.get(state, False) or live[i]
    hedge = "" if graph.complete else " in the part explored"
    return [
        Unreached(state, "once here, no route leads to an ending" + hedge)
        for state in graph.scenario.states
        if reached.get(state) is False
    ]


def _meter_ranges(graph: Graph) -> dict[str, dict[str, tuple[int, int]]]:
    """For each state reached, the lowest and highest value each meter has there."""
    ranges: dict[str, list[list[int]]] = {}
    for state, values in graph.moments:
        known = ranges.get(state)
        if known is None:
            ranges[state] = [[v, v] for v in values]
        else:
            for pair, v in zip(known, values):
                pair[0] = min(pair[0], v)
                pair[1] = max(pair[1], v)
    names = graph.rules.meter_names
    return {
        state: {name: (lo, hi) for name, (lo, hi) in zip(names, pairs)}
        for state, pairs in ranges.items()
    }


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


def used_replies(graph: Graph) -> set[tuple[str, int]]:
    """(state id, choice index) of every reply offered at some reachable moment."""
    return {
        (graph.moments[i][0], step.choice_index)
        for i in range(len(graph.moments))
        for step in graph.steps[i]
    }


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
