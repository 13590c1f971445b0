"""Picking up an unfinished session: what was said, and how much of it still applies.

    for record in history.unfinished_sessions(): ...          # offer these
    data = resume_data(history, record.id)
    scenario = load_scenario(data.scenario_path)               # the face loads it
    plan = plan_replay(scenario, data.steps)
    if data.file_changed():      # say so: "The scenario has changed; plan.clean of
        ...                      # plan.total replies still apply."
    session = Session(scenario); replay_into(session, plan)
    recorder = Recorder.attach(history, record.id, session); recorder.sync(session)

``sync`` then drops the stored turns that no longer applied, so history matches the session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ipt_roleplay.scenario import conditions
from ipt_roleplay.store.history import History, file_hash
from ipt_roleplay.store.records import SessionRecord


@dataclass(frozen=True, slots=True)
class ReplayStep:
    """One stored reply: where it was given and what it was."""

    state_id: str
    choice_index: int | None
    # The authored reply text; matched against the scenario as it is now.
    choice_reply: str | None
    typed: str | None


@dataclass(frozen=True, slots=True)
class ResumeData:
    session: SessionRecord
    scenario_path: str | None
    scenario_hash: str | None
    steps: tuple[ReplayStep, ...]

    @property
    def choice_indices(self) -> list[int]:
        """The stored indices, for ``session.replay(...)`` when the file is unchanged."""
        return [s.choice_index for s in self.steps if s.choice_index is not None]

    def file_changed(self) -> bool:
        """True when the scenario file differs from (or is missing since) the recording."""
        if self.scenario_path is None:
            return True
        return file_hash(self.scenario_path) != self.scenario_hash


@dataclass(frozen=True, slots=True)
class ReplayPlan:
    # Authored indices in the scenario as it is now, for the steps that still apply.
    choice_indices: tuple[int, ...]
    # The steps that still apply, with their indices updated.
    steps: tuple[ReplayStep, ...]
    total: int

    @property
    def clean(self) -> int:
        return len(self.steps)

    @property
    def complete(self) -> bool:
        return self.clean == self.total


def resume_data(history: History, session_id: int) -> ResumeData:
    record = history.session(session_id)
    steps = tuple(
        ReplayStep(t.state_id, t.choice_index, t.choice_reply, t.typed)
        for t in history.turns(session_id)
    )
    return ResumeData(record, record.scenario_path, record.scenario_hash, steps)


def plan_replay(scenario: Any, steps: Sequence[ReplayStep]) -> ReplayPlan:
    """How many stored replies still apply to ``scenario``, walking it from the start.

    A step applies when the conversation is at the same state id and that state offers
    a reply with the same text (its index may have moved) whose conditions hold with
    the meters as they would be. The walk stops at the first step that does not apply.
    """
    state_id = scenario.start
    meters = {name: m.start for name, m in scenario.meters.items()}
    kept: list[ReplayStep] = []
    for step in steps:
        state = scenario.states.get(state_id)
        if step.state_id != state_id or state is None or state.ending is not None:
            break
        index = _find_choice(state.choices, step, meters)
        if index is None:
            break
        choice = state.choices[index]
        for name, delta in choice.effects.items():
            meter = scenario.meters[name]
            meters[name] = max(meter.min, min(meter.max, meters[name] + delta))
        kept.append(ReplayStep(step.state_id, index, choice.reply, step.typed))
        state_id = choice.goto
    return ReplayPlan(tuple(s.choice_index for s in kept), tuple(kept), len(steps))


def _find_choice(choices: Sequence[Any], step: ReplayStep, meters: dict[str, int]) -> int | None:
    def available(i: int) -> bool:
        return conditions.all_hold(conditions.parse_all(choices[i].when), meters)

    if step.choice_reply is None:
        return None
    # The stored index first: when two replies share a text, keep the one that was picked.
    candidates = [step.choice_index] if step.choice_index is not None else []
    candidates += [i for i in range(len(choices)) if i != step.choice_index]
    for i in candidates:
        if 0 <= i < len(choices) and choices[i].reply == step.choice_reply and available(i):
            return i
    return None


def replay_into(session: Any, plan: ReplayPlan) -> int:
    """Fast-forward ``session`` through the plan; returns how many replies were replayed.

    A reply the person typed is typed again (``session.say``) so their own words are kept;
    picked replies are picked again by their authored index.
    """
    done = 0
    for step in plan.steps:
        if session.is_over or session.state_id != step.state_id:
            break
        if step.typed is not None and hasattr(session, "say"):
            turn = session.say(step.typed)
            if turn.choice_index != step.choice_index:
                # The words now lead somewhere else in the changed scenario: stop before it.
                session.rewind(len(session.history) - 1)
                break
        else:
            numbers = [n for n, o in enumerate(session.options()) if o.index == step.choice_index]
            if not numbers:
                break
            session.choose(numbers[0])
        done += 1
    return done
