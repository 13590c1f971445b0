"""Looking back on one exchange, the way IPT's communication analysis does: the prompts,
the turning points worth picking, the replies not chosen, and rehearsing from a moment.

Works on recorded turns read by attribute (``state_id``, ``reply``, ``choice_index``,
``typed``, ``feedback.rating``, ``meters``), so the store's TurnRecords and the engine's
own Turns both do. The store is never imported here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ipt_roleplay.engine.feedback import TurnFeedback, for_choice, for_typed
from ipt_roleplay.engine.replay import fast_forward
from ipt_roleplay.engine.session import Session
from ipt_roleplay.scenario import conditions
from ipt_roleplay.scenario.model import Meter, Scenario


@dataclass(frozen=True, slots=True)
class Prompt:
    id: str
    text: str  # "{other}" stands for the other person's name

    def ask(self, other: str) -> str:
        return self.text.replace("{other}", other or "them")


# The one table of look-back prompts. A client looks at what they meant, felt, expected
# and hoped (the questions of IPT's communication analysis); a trainee therapist looks
# at the technique: what it was for, and what the client did with it.
PROMPTS: dict[str, tuple[Prompt, ...]] = {
    "client": (
        Prompt("understand", "What did you want {other} to understand?"),
        Prompt("felt", "What did you feel as you said it?"),
        Prompt("landed", "How do you think it landed?"),
        Prompt("hoped", "What did you hope would happen?"),
    ),
    "therapist": (
        Prompt("technique", "What was that reply meant to do: which technique, and why then?"),
        Prompt("client_did", "What did {other} do with it?"),
        Prompt("felt", "What did you notice in yourself as you said it?"),
        Prompt("hoped", "What did you hope {other} would explore next?"),
    ),
}
# Asked after the other's response, the feedback and the replies not chosen are shown.
ALTERNATIVE = Prompt("alternative", "What else could you have said?")


def prompts_for(role: str) -> tuple[Prompt, ...]:
    """The prompts for whom the person played (``client`` or ``therapist``)."""
    return PROMPTS.get(role, PROMPTS["client"])


# --- turning points -----------------------------------------------------------------

MOVED_MOST, FIRST_UNHELPFUL, BEST = "moved-most", "first-unhelpful", "best"
_RANK = {"helpful": 2, "mixed": 1, "unhelpful": 0}


@dataclass(frozen=True, slots=True)
class Suggestion:
    turn_number: int  # 0-based
    kinds: tuple[str, ...]  # MOVED_MOST, FIRST_UNHELPFUL, BEST
    why: str  # one plain sentence, every reason for this exchange together


def meter_changes(
    turns: Sequence[Any], number: int, start: Mapping[str, int] | None
) -> dict[str, int] | None:
    """How exchange ``number`` moved each meter; None when that cannot be known (the
    first exchange, without the scenario's starting values)."""
    if number == 0 and start is None:
        return None
    after = _meters(turns[number])
    before = dict(start) if number == 0 else _meters(turns[number - 1])
    moved = {name: value - before.get(name, value) for name, value in after.items()}
    return {name: delta for name, delta in moved.items() if delta}


def suggest(turns: Sequence[Any], meters: Mapping[str, Meter] | None = None) -> list[Suggestion]:
    """The exchanges worth looking back on: the reply that moved a meter most, the first
    unhelpful reply, and the best one; one entry per exchange, in conversation order."""
    start = {name: m.start for name, m in meters.items()} if meters is not None else None
    reasons: dict[int, list[tuple[str, str]]] = {}

    moved, moved_key, moved_text = None, (0, False), ""
    for number in range(len(turns)):
        changes = meter_changes(turns, number, start)
        if not changes:
            continue
        size = sum(abs(d) for d in changes.values())
        better = meters is not None and any(_better(d, meters.get(n)) for n, d in changes.items())
        if (size, better) > moved_key:
            moved, moved_key = number, (size, better)
            moved_text = ", ".join(_change_text(n, d, meters) for n, d in changes.items())
    if moved is not None:
        reasons.setdefault(moved, []).append((MOVED_MOST, f"it moved the conversation most ({moved_text})"))

    ratings = [_rating(t) for t in turns]
    first_unhelpful = next((n for n, r in enumerate(ratings) if r == "unhelpful"), None)
    if first_unhelpful is not None:
        reasons.setdefault(first_unhelpful, []).append((FIRST_UNHELPFUL, "the first reply that did not help"))

    def score(number: int) -> tuple:
        changes = meter_changes(turns, number, start) or {}
        improved = sum(abs(d) for n, d in changes.items() if meters is not None and _better(d, meters.get(n)))
        return (_RANK.get(ratings[number] or "", -1), improved, -number)

    if turns:
        best = max(range(len(turns)), key=score)
        if ratings[best] == "helpful":
            reasons.setdefault(best, []).append((BEST, "your best reply"))
    out = []
    for number in sorted(reasons):
        kinds = tuple(k for k, _ in reasons[number])
        why = "; ".join(w for _, w in reasons[number])
        out.append(Suggestion(number, kinds, why[:1].upper() + why[1:] + "."))
    return out


def _meters(turn: Any) -> dict[str, int]:
    """The meters after ``turn``: a stored TurnRecord's ``meters``, an engine Turn's
    ``meters_after``."""
    return dict(getattr(turn, "meters", None) or getattr(turn, "meters_after", {}))


def _rating(turn: Any) -> str | None:
    feedback = getattr(turn, "feedback", None)
    return getattr(feedback, "rating", None)


def _better(delta: int, meter: Meter | None) -> bool:
    return meter is not None and meter.good is not None and (delta < 0) == (meter.good == "low")


def _change_text(name: str, delta: int, meters: Mapping[str, Meter] | None) -> str:
    meter = meters.get(name) if meters is not None else None
    label = meter.label if meter is not None else name
    moved = f"{label} {'+' if delta > 0 else ''}{delta}"
    if meter is None or meter.good is None:
        return moved
    return f"{moved}, {'better' if _better(delta, meter) else 'worse'}"


# --- what else was on offer -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Alternative:
    reply: str
    feedback: TurnFeedback

    @property
    def rating(self) -> str:
        return self.feedback.rating


def meters_before(scenario: Scenario, turns: Sequence[Any], number: int) -> dict[str, int]:
    if number == 0:
        return {name: m.start for name, m in scenario.meters.items()}
    return _meters(turns[number - 1])


def alternatives(scenario: Scenario, turns: Sequence[Any], number: int) -> list[Alternative]:
    """The replies that were on offer at exchange ``number`` and not chosen, with their
    feedback (the author's, or the analyzer's where the author wrote none). A typed reply
    chose none of them, so all are shown."""
    turn = turns[number]
    state = scenario.states.get(turn.state_id)
    if state is None:
        return []
    meters = meters_before(scenario, turns, number)
    chosen = None if turn.typed is not None else turn.choice_index
    out = []
    for index, choice in enumerate(state.choices):
        if index == chosen or choice.reply == turn.reply:
            continue
        if not conditions.all_hold(conditions.parse_all(choice.when), meters):
            continue  # not offered at that moment
        out.append(Alternative(choice.reply, for_choice(choice, scenario.learner_role, state.choices, index)))
    return out


def feedback_for(text: str, role: str, scenario: Scenario | None = None, state_id: str | None = None) -> TurnFeedback:
    """The analyzer's feedback on words the person offers as what they could have said
    (with the scenario's replies for a "try instead", when the scenario is at hand)."""
    choices = ()
    if scenario is not None and state_id in scenario.states:
        choices = scenario.states[state_id].choices
    return for_typed(text, role, choices)


# --- rehearsing ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rehearsal:
    session: Session
    replayed: int  # replies replayed before the moment
    wanted: int  # replies that come before the moment
    why: str | None  # why replaying stopped short, or None

    @property
    def at_the_moment(self) -> bool:
        return self.replayed == self.wanted


def rehearse_from(scenario: Scenario, turns: Sequence[Any], number: int) -> Rehearsal:
    """A new Session fast-forwarded to just before exchange ``number``, by the engine's
    own replay (typed replies typed again, picked replies picked again)."""
    if not 0 <= number < len(turns):
        raise ValueError(f"there is no exchange {number + 1}; there are {len(turns)}")
    session, replayed, why = fast_forward(scenario, list(turns[:number]))
    return Rehearsal(session, replayed, number, why)
