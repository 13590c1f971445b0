"""Checks on a loaded scenario as a conversation: names resolve, every state can be
reached and can reach an ending, replies carry feedback. Each rule is a small function
marked with its id in `scenario.rules` (where its severity and description are); it
yields (path, message) pairs and `run` turns them into findings.

All rules together cost O(states + replies).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.scenario import conditions, rules
from ipt_roleplay.scenario.findings import Finding, show
from ipt_roleplay.scenario.model import Scenario

Path = tuple[str | int, ...]
SourceMap = dict[Path, tuple[int, int]]
Found = Iterator[tuple[Path, str]]


@dataclass(frozen=True, slots=True)
class Rule:
    info: rules.RuleInfo
    check: Callable[[Context], Found]


RULES: list[Rule] = []


def rule(rule_id: str) -> Callable[[Callable[[Context], Found]], Callable[[Context], Found]]:
    """Run ``check`` for the catalogue's rule ``rule_id`` (in the order they are defined)."""

    def register(check: Callable[[Context], Found]) -> Callable[[Context], Found]:
        RULES.append(Rule(rules.get(rule_id), check))
        return check

    return register


def position(source_map: SourceMap, path: Path) -> tuple[int, int]:
    """Where a path is written; the nearest enclosing place if it is not in the map."""
    while path:
        found = source_map.get(path)
        if found is not None:
            return found
        path = path[:-1]
    return (1, 1)


def _guess(name: str, options: object) -> str:
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)  # type: ignore[call-overload]
    return f"; did you mean `{close[0]}`?" if close else ""


class Context:
    """The scenario and the graph facts several rules share, computed once."""

    def __init__(self, scenario: Scenario) -> None:
        self.s = scenario
        self.states = scenario.states

    @cached_property
    def reachable(self) -> set[str]:
        states = self.states
        if self.s.start not in states:
            return set()
        seen = {self.s.start}
        todo = [self.s.start]
        while todo:
            state = states[todo.pop()]
            if state.ending is not None:
                continue
            for choice in state.choices:
                if choice.goto in states and choice.goto not in seen:
                    seen.add(choice.goto)
                    todo.append(choice.goto)
        return seen

    @cached_property
    def can_finish(self) -> set[str]:
        """States from which some ending (or a reported dead end or bad goto) is reachable.

        Dead ends and unknown targets count as ways out here because they have their own
        findings; counting them as traps too would report one mistake twice.
        """
        states = self.states
        back: dict[str, list[str]] = {}
        exits = []
        for name, state in states.items():
            if state.ending is not None or not state.choices:
                exits.append(name)
                continue
            for choice in state.choices:
                if choice.goto in states:
                    back.setdefault(choice.goto, []).append(name)
                else:
                    exits.append(name)
        seen = set(exits)
        todo = list(exits)
        while todo:
            for previous in back.get(todo.pop(), ()):
                if previous not in seen:
                    seen.add(previous)
                    todo.append(previous)
        return seen

    def choices(self) -> Iterator[tuple[Path, str, int, object]]:
        for name, state in self.states.items():
            for index, choice in enumerate(state.choices):
                yield ("states", name, "choices", index), name, index, choice

    def conditions(self) -> Iterator[tuple[Path, dict[str, str | int]]]:
        """Every `when` mapping, on replies and on variants."""
        for name, state in self.states.items():
            for index, variant in enumerate(state.variants):
                yield ("states", name, "variants", index, "when"), variant.when
            for index, choice in enumerate(state.choices):
                if choice.when:
                    yield ("states", name, "choices", index, "when"), choice.when


# --- names resolve -------------------------------------------------------------------


@rule("unknown-start")
def unknown_start(ctx: Context) -> Found:
    if ctx.s.start not in ctx.states:
        yield ("start",), f"`start` names the state '{show(ctx.s.start)}', which does not exist{_guess(ctx.s.start, ctx.states)}"


@rule("unknown-target")
def unknown_target(ctx: Context) -> Found:
    states = ctx.states
    for path, _, _, choice in ctx.choices():
        goto = choice.goto  # type: ignore[attr-defined]
        if goto not in states:
            yield path + ("goto",), f"`goto: {show(goto)}` names a state that does not exist{_guess(goto, states)}"


@rule("unknown-speaker")
def unknown_speaker(ctx: Context) -> Found:
    characters = ctx.s.characters
    for name, state in ctx.states.items():
        if state.speaker not in characters:
            yield ("states", name, "speaker"), (
                f"the speaker '{show(state.speaker)}' is not one of the characters "
                f"({', '.join(characters)}){_guess(state.speaker, characters)}"
            )


@rule("unknown-meter")
def unknown_meter(ctx: Context) -> Found:
    meters = ctx.s.meters
    known = f"the meters are: {', '.join(meters)}" if meters else "this scenario has no `meters`"
    for path, _, _, choice in ctx.choices():
        for meter in choice.effects:  # type: ignore[attr-defined]
            if meter not in meters:
                yield path + ("effects", meter), f"`effects` names the meter '{show(meter)}', which does not exist{_guess(meter, meters)}; {known}"
    for path, when in ctx.conditions():
        for meter in when:
            if meter not in meters:
                yield path + (meter,), f"`when` names the meter '{show(meter)}', which does not exist{_guess(meter, meters)}; {known}"


@rule("bad-condition")
def bad_condition(ctx: Context) -> Found:
    for path, when in ctx.conditions():
        for meter, condition in when.items():
            try:
                conditions.parse(meter, condition)
            except conditions.ConditionError as error:
                yield path + (meter,), f"the condition on '{show(meter)}' does not read: {show(str(error), 120)}"


@rule("condition-never-holds")
def condition_never_holds(ctx: Context) -> Found:
    meters = ctx.s.meters
    for path, when in ctx.conditions():
        for meter, condition in when.items():
            if meter not in meters or meters[meter].min >= meters[meter].max:
                continue  # an unknown meter or a broken range has its own finding
            try:
                comparison = conditions.parse(meter, condition)
            except conditions.ConditionError:
                continue
            low, high = meters[meter].min, meters[meter].max
            if not _can_hold(comparison.op, comparison.value, low, high):
                yield path + (meter,), (
                    f"'{show(meter)} {comparison.op} {comparison.value}' can never be true, because "
                    f"'{show(meter)}' stays between {low} and {high}"
                )


def _can_hold(op: str, value: int, low: int, high: int) -> bool:
    return {
        "<=": low <= value,
        "<": low < value,
        ">=": high >= value,
        ">": high > value,
        "==": low <= value <= high,
        "!=": not (low == high == value),
    }[op]


@rule("meter-range")
def meter_range(ctx: Context) -> Found:
    for name, meter in ctx.s.meters.items():
        if meter.min >= meter.max:
            yield ("meters", name), f"meter '{show(name)}' has min {meter.min} and max {meter.max}; min must be below max"
        elif not meter.min <= meter.start <= meter.max:
            yield ("meters", name, "start"), (
                f"meter '{show(name)}' starts at {meter.start}, outside its range {meter.min} to {meter.max}"
            )


@rule("unused-meter")
def unused_meter(ctx: Context) -> Found:
    used: set[str] = set()
    for _, _, _, choice in ctx.choices():
        used.update(choice.effects)  # type: ignore[attr-defined]
    for _, when in ctx.conditions():
        used.update(when)
    for name in ctx.s.meters:
        if name not in used:
            yield ("meters", name), f"no reply changes meter '{show(name)}' and no condition reads it"


# --- the conversation graph ------------------------------------------------------------


@rule("no-ending")
def no_ending(ctx: Context) -> Found:
    if ctx.states and not any(state.ending is not None for state in ctx.states.values()):
        yield ("states",), "no state has an `ending`, so the conversation can never finish; add `ending:` to at least one state"


@rule("unreachable-state")
def unreachable_state(ctx: Context) -> Found:
    if ctx.s.start not in ctx.states:
        return
    reachable = ctx.reachable
    for name in ctx.states:
        if name not in reachable:
            yield ("states", name), f"state '{show(name)}' can never be reached: no reply leads to it from '{show(ctx.s.start)}'"


@rule("dead-end")
def dead_end(ctx: Context) -> Found:
    for name, state in ctx.states.items():
        if state.ending is None and not state.choices:
            yield ("states", name), (
                f"state '{show(name)}' has no `choices` and no `ending`, so the conversation gets stuck "
                "there; add replies, or an `ending:` if the conversation should finish"
            )


@rule("ending-with-choices")
def ending_with_choices(ctx: Context) -> Found:
    # A warning, not an error: the file still plays exactly as the ending says, and
    # refusing to load it would stop someone practising over an authoring slip.
    for name, state in ctx.states.items():
        if state.ending is not None and state.choices:
            replies = "reply is" if len(state.choices) == 1 else f"{len(state.choices)} replies are"
            yield ("states", name, "choices"), (
                f"state '{show(name)}' is an ending, so its {replies} never offered; "
                "remove them, or remove `ending:` if the conversation should go on"
            )


@rule("trap")
def trap(ctx: Context) -> Found:
    if ctx.s.start not in ctx.states or not any(s.ending is not None for s in ctx.states.values()):
        return
    can_finish = ctx.can_finish
    trapped = [name for name in ctx.states if name in ctx.reachable and name not in can_finish]
    for group in _groups(ctx, trapped):
        names = ", ".join(f"'{show(n)}'" for n in group[:8])
        more = f" and {len(group) - 8} more" if len(group) > 8 else ""
        yield ("states", group[0]), (
            f"once the conversation reaches {names}{more}, no reply leads to an ending: these states only "
            "lead to each other; give one of them a reply that moves towards an ending"
        )


def _groups(ctx: Context, trapped: list[str]) -> list[list[str]]:
    """Trapped states split into groups joined by replies, each in file order."""
    inside = set(trapped)
    order = {name: i for i, name in enumerate(trapped)}
    links: dict[str, set[str]] = {name: set() for name in trapped}
    for name in trapped:
        for choice in ctx.states[name].choices:
            if choice.goto in inside:
                links[name].add(choice.goto)
                links[choice.goto].add(name)
    groups, done = [], set()
    for name in trapped:
        if name in done:
            continue
        group, todo = [], [name]
        done.add(name)
        while todo:
            current = todo.pop()
            group.append(current)
            for other in links[current]:
                if other not in done:
                    done.add(other)
                    todo.append(other)
        groups.append(sorted(group, key=order.__getitem__))
    return groups


# --- people and stages -------------------------------------------------------------------


@rule("silent-character")
def silent_character(ctx: Context) -> Found:
    speakers = {state.speaker for state in ctx.states.values()}
    for name in ctx.s.characters:
        if name not in speakers:
            yield ("characters", name), f"character '{show(name)}' never speaks; remove them or make them the speaker of a state"


@rule("stage-outside-dispute")
def stage_outside_dispute(ctx: Context) -> Found:
    if ctx.s.problem_area == "role_dispute":
        return
    for name, state in ctx.states.items():
        if state.stage is not None:
            yield ("states", name, "stage"), (
                f"`stage` describes role disputes, but this scenario's problem area is {ctx.s.problem_area}"
            )


@rule("empty-variant")
def empty_variant(ctx: Context) -> Found:
    for name, state in ctx.states.items():
        for index, variant in enumerate(state.variants):
            if variant.says is None and variant.cue is None:
                yield ("states", name, "variants", index), "this variant has neither `says` nor `cue`, so it changes nothing"


# --- feedback ----------------------------------------------------------------------------


@rule("missing-debrief")
def missing_debrief(ctx: Context) -> Found:
    for name, state in ctx.states.items():
        if state.ending is not None and not state.ending.debrief.strip():
            yield ("states", name, "ending"), (
                f"the ending of state '{show(name)}' has no `debrief`: say what turned the conversation "
                "and what to practise next"
            )


@rule("missing-feedback")
def missing_feedback(ctx: Context) -> Found:
    for path, state, index, choice in ctx.choices():
        if choice.feedback is None and ctx.states[state].ending is None:  # type: ignore[attr-defined]
            yield path, f"reply {index + 1} of state '{show(state)}' has no `feedback` (a rating, patterns and a note)"


@rule("missing-note")
def missing_note(ctx: Context) -> Found:
    for path, _, _, choice in ctx.choices():
        feedback = choice.feedback  # type: ignore[attr-defined]
        if feedback is not None and not feedback.note.strip():
            yield path + ("feedback",), "this feedback has no `note`: say why the reply lands the way it does"


@rule("no-patterns")
def no_patterns(ctx: Context) -> Found:
    for path, _, _, choice in ctx.choices():
        feedback = choice.feedback  # type: ignore[attr-defined]
        if feedback is not None and not feedback.patterns:
            yield path + ("feedback",), "this feedback names no `patterns`; add the ids that fit from docs/communication-patterns.md"


@rule("unknown-pattern")
def unknown_pattern(ctx: Context) -> Found:
    ids = taxonomy.IDS
    for path, _, _, choice in ctx.choices():
        feedback = choice.feedback  # type: ignore[attr-defined]
        if feedback is None:
            continue
        for index, pattern in enumerate(feedback.patterns):
            if pattern not in ids:
                guess = _guess(pattern, sorted(ids)) or "; the ids are listed in docs/communication-patterns.md"
                yield path + ("feedback", "patterns", index), f"`{show(pattern)}` is not a known pattern id{guess}"


@rule("wrong-side-pattern")
def wrong_side_pattern(ctx: Context) -> Found:
    role = ctx.s.learner_role
    for path, _, _, choice in ctx.choices():
        feedback = choice.feedback  # type: ignore[attr-defined]
        if feedback is None:
            continue
        for index, pattern_id in enumerate(feedback.patterns):
            pattern = taxonomy.BY_ID.get(pattern_id)
            if pattern is not None and pattern.side.value != role:
                yield path + ("feedback", "patterns", index), (
                    f"`{pattern_id}` describes {pattern.side.value} replies, but in this scenario the person "
                    f"practising plays the {role}"
                )


def run(scenario: Scenario, file: str, source_map: SourceMap) -> list[Finding]:
    """Every rule's findings for a scenario, positioned with the source map."""
    ctx = Context(scenario)
    findings = []
    for registered in RULES:
        info = registered.info
        for path, message in registered.check(ctx):
            line, col = position(source_map, path)
            findings.append(Finding(file, line, col, info.severity, message, info.id))
    return findings
