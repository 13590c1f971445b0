"""A walk over (state, meter values) for the scenario tests: every pair reachable from
the start, the edges between them, and routes back to the start. Written apart from
`scenario.moments` on purpose, so the two check each other."""

from __future__ import annotations

from collections import deque

from ipt_roleplay.scenario import conditions
from ipt_roleplay.scenario.model import Scenario

Config = tuple[str, tuple[int, ...]]


class Walk:
    """Every (state, meters) pair reachable from the start, and the edges between them."""

    def __init__(self, scn: Scenario) -> None:
        self.scn = scn
        self.names = list(scn.meters)
        start: Config = (scn.start, tuple(m.start for m in scn.meters.values()))
        self.start = start
        # config -> list of (authored choice index, next config)
        self.edges: dict[Config, list[tuple[int, Config]]] = {}
        self.parent: dict[Config, tuple[Config, int] | None] = {start: None}
        queue = deque([start])
        while queue:
            config = queue.popleft()
            self.edges[config] = out = []
            for index, nxt in self._moves(config):
                out.append((index, nxt))
                if nxt not in self.parent:
                    self.parent[nxt] = (config, index)
                    queue.append(nxt)

    def _moves(self, config: Config):
        state_id, values = config
        state = self.scn.states[state_id]
        if state.ending is not None:
            return
        meters = dict(zip(self.names, values))
        for index, choice in enumerate(state.choices):
            if not conditions.all_hold(conditions.parse_all(choice.when), meters):
                continue
            after = dict(meters)
            for name, delta in choice.effects.items():
                m = self.scn.meters[name]
                after[name] = max(m.min, min(m.max, after[name] + delta))
            yield index, (choice.goto, tuple(after[n] for n in self.names))

    def path_to(self, config: Config) -> list[int]:
        path: list[int] = []
        while (step := self.parent[config]) is not None:
            config, index = step
            path.append(index)
        return path[::-1]

    def endings(self, outcome: str) -> list[Config]:
        return [
            c
            for c in self.parent
            if (ending := self.scn.states[c[0]].ending) is not None and ending.outcome == outcome
        ]

    def can_finish(self) -> set[Config]:
        """Configs from which some ending can still be reached."""
        done = {c for c in self.parent if self.scn.states[c[0]].ending is not None}
        changed = True
        while changed:
            changed = False
            for config, out in self.edges.items():
                if config not in done and any(nxt in done for _, nxt in out):
                    done.add(config)
                    changed = True
        return done
