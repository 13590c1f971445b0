"""A conversation in progress: a `transitions` Machine over the scenario's states.

Scenario states are machine states and each authored reply is one transition. The
machine never sees a string from the scenario file: states are named ``s0``, ``s1``...
and triggers ``reply_0``, ``reply_1``... (the reply's index within its state), and
conditions are Python callables, because transitions imports and calls any dotted
string it is handed as a callback name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from msgspec import Struct

from ipt_roleplay.engine.feedback import TurnFeedback, for_choice, for_typed
from ipt_roleplay.scenario import conditions
from ipt_roleplay.scenario.model import Choice, Ending, Scenario, State

if TYPE_CHECKING:
    from transitions import Machine


class Line(Struct, frozen=True):
    """What the other person says at a state, with meter-dependent variants applied."""

    speaker_id: str
    speaker: str
    says: str
    cue: str | None


class Option(Struct, frozen=True):
    """A reply offered now. ``index`` is the reply's position in ``state.choices``."""

    index: int
    choice: Choice

    @property
    def reply(self) -> str:
        return self.choice.reply


class Turn(Struct, frozen=True):
    """One exchange: the line the person answered, their reply, and what it did."""

    state_id: str
    line: Line
    choice_index: int
    typed: str | None
    reply: str
    feedback: TurnFeedback
    meters_before: Mapping[str, int]
    meters_after: Mapping[str, int]
    next_state_id: str
    heard_as: str | None = None  # for a typed reply: the authored reply it was matched to

    def meter_changes(self) -> dict[str, int]:
        return {
            name: self.meters_after[name] - before
            for name, before in self.meters_before.items()
            if self.meters_after[name] != before
        }


class TypedReplyError(ValueError):
    """A typed reply that cannot be used; the message says what to do instead."""


_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10))
_CONTROL[127] = None


def clean_typed(text: str) -> str:
    """Typed text without control characters or surrounding space, lines joined."""
    text = text.translate(_CONTROL)
    return " ".join(text.split())


class _Conversation:
    """The model object the machine drives; it carries only the machine's state."""

    state: str


class Session:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.role = scenario.learner_role
        self._ids = list(scenario.states)
        self._internal = {state_id: f"s{i}" for i, state_id in enumerate(self._ids)}
        self._external = {v: k for k, v in self._internal.items()}
        self._meters: dict[str, int] = {name: m.start for name, m in scenario.meters.items()}
        self._when = {
            state_id: [conditions.parse_all(c.when) for c in state.choices]
            for state_id, state in scenario.states.items()
        }
        self._variant_when = {
            state_id: [conditions.parse_all(v.when) for v in state.variants]
            for state_id, state in scenario.states.items()
            if state.variants
        }
        self.history: list[Turn] = []
        self._model = _Conversation()
        self._model.state = self._internal[scenario.start]
        self._machine: Machine | None = None
        self._feedback: dict[tuple[str, int], TurnFeedback] = {}  # see feedback_on

    @property
    def machine(self) -> Machine:
        """The machine, built on first use: the conversation's first screen needs only
        the start state, and is drawn sooner without building (and importing) it."""
        if self._machine is None:
            from transitions import Machine

            machine = Machine(
                model=self._model,
                states=list(self._external),
                initial=self._model.state,
                auto_transitions=False,
                ignore_invalid_triggers=False,
            )
            for state_id, state in self.scenario.states.items():
                source = self._internal[state_id]
                for i, choice in enumerate(state.choices):
                    # Only a reply with a `when` needs a condition: fewer objects per machine.
                    guard = [self._condition(state_id, i)] if choice.when else None
                    machine.add_transition(f"reply_{i}", source, self._internal[choice.goto], conditions=guard)
            self._machine = machine
        return self._machine

    def _condition(self, state_id: str, index: int):
        comparisons = self._when[state_id][index]
        return lambda: conditions.all_hold(comparisons, self._meters)

    # --- where we are -----------------------------------------------------------

    @property
    def state_id(self) -> str:
        return self._external[self._model.state]

    @property
    def state(self) -> State:
        return self.scenario.states[self.state_id]

    @property
    def meters(self) -> dict[str, int]:
        return dict(self._meters)

    @property
    def ending(self) -> Ending | None:
        return self.state.ending

    @property
    def is_over(self) -> bool:
        return self.state.ending is not None

    def line(self) -> Line:
        return self._line_at(self.state_id, self._meters)

    def line_after(self, option: Option) -> Line:
        """The line giving ``option`` (one of ``options()``) would be answered with, so a
        face can draw it while the person reads."""
        return self._line_at(option.choice.goto, self.meters_after(option))

    def _line_at(self, state_id: str, meters: Mapping[str, int]) -> Line:
        state = self.scenario.states[state_id]
        says, cue = state.says, state.cue
        for variant, when in zip(state.variants, self._variant_when.get(state_id, ())):
            if conditions.all_hold(when, meters):
                says = variant.says if variant.says is not None else says
                cue = variant.cue if variant.cue is not None else cue
                break
        character = self.scenario.characters[state.speaker]
        return Line(state.speaker, character.name, says, cue)

    def options(self) -> list[Option]:
        return self._options_at(self.state_id, self._meters)

    def options_after(self, option: Option) -> list[Option]:
        """The replies giving ``option`` (one of ``options()``) would offer next (none
        if it ends the conversation), so a face can draw them while the person reads."""
        return self._options_at(option.choice.goto, self.meters_after(option))

    def _options_at(self, state_id: str, meters: Mapping[str, int]) -> list[Option]:
        state = self.scenario.states[state_id]
        if state.ending is not None:
            return []
        when = self._when[state_id]
        return [
            Option(i, choice)
            for i, choice in enumerate(state.choices)
            if conditions.all_hold(when[i], meters)
        ]

    # --- moving -----------------------------------------------------------------

    def choose(self, option_number: int) -> Turn:
        """Give the reply at ``option_number`` in ``options()`` (counting from 0)."""
        options = self.options()
        if not 0 <= option_number < len(options):
            raise ValueError(
                f"there are {len(options)} replies here; {option_number + 1} is not one of them"
            )
        option = options[option_number]
        return self._advance(option.index, None, option.choice.reply, self.feedback_on(option))

    def feedback_on(self, option: Option) -> TurnFeedback:
        """The feedback picking ``option`` (one of ``options()``) would give. It depends
        only on the authored reply, so it is worked out once: a face can ask for it
        while the person reads, and picking the reply then costs nothing more."""
        key = (self.state_id, option.index)
        feedback = self._feedback.get(key)
        if feedback is None:
            choices = self.state.choices
            feedback = self._feedback[key] = for_choice(choices[option.index], self.role, choices, option.index)
        return feedback

    def say(self, text: str) -> Turn:
        """Give a reply in the person's own words. The conversation goes on along the
        authored reply it is closest to (see engine.routing); the feedback is on the
        words actually typed."""
        from ipt_roleplay.engine import routing

        if not self.scenario.free_text:
            raise TypedReplyError("this scenario asks you to pick one of the replies")
        text = clean_typed(text)
        if not text:
            raise TypedReplyError("type a reply, or pick one by its number")
        options = self.options()
        if not options:
            raise TypedReplyError("the conversation has ended")
        state = self.state
        feedback = for_typed(text, self.role, state.choices)
        best = routing.rank(
            feedback.pattern_ids, text, [(o.index, o.choice) for o in options], self.role
        )[0]
        return self._advance(best.index, text, text, feedback)

    def _advance(self, index: int, typed: str | None, reply: str, feedback: TurnFeedback) -> Turn:
        state_id, line, before = self.state_id, self.line(), dict(self._meters)
        self.machine  # noqa: B018 - built now if it is not yet: it puts the reply_N triggers on the model
        if not getattr(self._model, f"reply_{index}")():
            raise ValueError(f"reply {index + 1} is not available in state {state_id!r}")
        choice = self.scenario.states[state_id].choices[index]
        self._apply(choice.effects)
        turn = Turn(
            state_id,
            line,
            index,
            typed,
            reply,
            feedback,
            before,
            dict(self._meters),
            self.state_id,
            choice.reply if typed is not None else None,
        )
        self.history.append(turn)
        return turn

    def meters_after(self, option: Option) -> dict[str, int]:
        """The meters as picking ``option`` (one of ``options()``) would leave them, so
        a face can draw them while the person reads."""
        return self._applied(option.choice.effects)

    def _apply(self, effects: Mapping[str, int]) -> None:
        self._meters = self._applied(effects)

    def _applied(self, effects: Mapping[str, int]) -> dict[str, int]:
        meters = dict(self._meters)
        for name, delta in effects.items():
            meter = self.scenario.meters[name]
            meters[name] = max(meter.min, min(meter.max, meters[name] + delta))
        return meters

    def rewind(self, keep: int) -> None:
        """Go back to just before turn number ``keep`` (0 restarts), dropping later turns."""
        if not 0 <= keep <= len(self.history):
            raise ValueError(f"cannot go back to turn {keep}: there are {len(self.history)} turns")
        if keep == len(self.history):
            return
        turn = self.history[keep]
        self.machine.set_state(self._internal[turn.state_id], self._model)
        self._meters = dict(turn.meters_before)
        del self.history[keep:]

    def restart(self) -> None:
        self.rewind(0)

    def replay(self, choice_indices: Iterable[int]) -> int:
        """Fast-forward by authored choice indices; stops at the first that no longer
        applies. Returns how many were replayed."""
        done = 0
        for index in choice_indices:
            numbers = [n for n, option in enumerate(self.options()) if option.index == index]
            if not numbers:
                break
            self.choose(numbers[0])
            done += 1
        return done

    def transition_count(self) -> int:
        return sum(len(ts) for event in self.machine.events.values() for ts in event.transitions.values())
