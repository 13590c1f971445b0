"""The moments of a scenario: each state together with the meter values at that point.

Two visits to the same state with different tension can offer different replies, so
questions about what can happen ("can this ending be reached?", "is this reply ever
offered?") are answered over moments, not states. ``explore`` finds every moment
reachable from the start, each once, breadth first; the helpers here read reachability,
dead ends and loops from that graph. ``walk`` and ``graph`` build on it.

The rules mirror ``engine.session.Session``: conditions read the meters before a reply,
effects are added after it and held within min..max. Tests replay routes found here
through a real Session to keep the two in step.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ipt_roleplay.scenario import conditions
from ipt_roleplay.scenario.model import Scenario

DEFAULT_MAX_MOMENTS = 200_000


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
                    (position[c.meter], conditions.OPERATORS[c.op], c.value)
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


def strongly_connected(nodes: Iterable[int], edges: Callable[[int], Iterable[int]]) -> list[list[int]]:
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


def is_cycle(component: list[int], edges: Callable[[int], Iterable[int]]) -> bool:
    return len(component) > 1 or component[0] in edges(component[0])




def used_replies(graph: Graph) -> set[tuple[str, int]]:
    """(state id, choice index) of every reply offered at some reachable moment."""
    return {
        (graph.moments[i][0], step.choice_index)
        for i in range(len(graph.moments))
        for step in graph.steps[i]
    }



def meter_ranges(graph: Graph) -> dict[str, dict[str, tuple[int, int]]]:
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


def trapped_states(graph: Graph, live: list[bool]) -> list[str]:
    """States the conversation can reach but never leave for an ending."""
    reached: dict[str, bool] = {}
    for i, (state, _) in enumerate(graph.moments):
        reached[state] = reached.get(state, False) or live[i]
    return [state for state in graph.scenario.states if reached.get(state) is False]
