"""A look back at one stored session: what both faces (line mode and the app) use.

    review = Review.open(history, session_id)
    review.exchanges, review.suggestions          # pick one
    for prompt in review.prompts: review.answer(n, prompt, text)    # saved at once
    review.next_line(n), review.feedback(n), review.alternatives(n)
    review.try_instead(n, text) -> TurnFeedback   # "what else could you have said?", saved
    started = review.rehearse(n)                  # a new linked attempt, recorded
    compare(history, session_id)                  # a rehearsal's moment, both times

Textual-free: it joins the store (answers, links) and the engine (prompts, turning
points, replay). The scenario file is needed only for the replies not chosen and for
rehearsing; without it the look back still works, and ``problem`` says why those are off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ipt_roleplay.engine import lookback as engine_lookback
from ipt_roleplay.engine.feedback import TurnFeedback
from ipt_roleplay.engine.lookback import ALTERNATIVE, Alternative, Prompt, Suggestion
from ipt_roleplay.engine.session import Session
from ipt_roleplay.scenario.model import Scenario
from ipt_roleplay.store import lookback as store_lookback
from ipt_roleplay.store.history import History
from ipt_roleplay.store.records import FeedbackRecord, SessionRecord, TurnRecord


@dataclass(frozen=True, slots=True)
class Exchange:
    number: int  # 0-based
    speaker: str
    line: str
    cue: str | None
    reply: str
    typed: bool
    feedback: FeedbackRecord | None

    @property
    def rating(self) -> str | None:
        return self.feedback.rating if self.feedback else None


@dataclass(frozen=True, slots=True)
class Started:
    """A rehearsal begun from an exchange, already recorded and linked."""

    session: Session
    recorder: object  # store.recorder.Recorder
    path: Path | None
    replayed: int
    wanted: int
    why: str | None  # why it could not be fast-forwarded all the way, or None


class Review:
    def __init__(
        self,
        history: History,
        record: SessionRecord,
        turns: list[TurnRecord],
        scenario: Scenario | None,
        scenario_path: Path | None,
        problem: str | None,
    ) -> None:
        self.history = history
        self.record = record
        self.turns = turns
        self.scenario = scenario
        self.scenario_path = scenario_path
        self.problem = problem  # why the scenario is not at hand, or None
        self.role = record.learner_role
        self.prompts: tuple[Prompt, ...] = engine_lookback.prompts_for(self.role)
        self.exchanges = [
            Exchange(t.number, t.speaker, t.line, t.cue, t.reply, t.typed is not None, t.feedback)
            for t in turns
        ]
        meters = scenario.meters if scenario is not None else None
        self.suggestions: list[Suggestion] = engine_lookback.suggest(turns, meters)

    @classmethod
    def open(cls, history: History, session_id: int, folders: Sequence[Path] = (), bundled: bool = True) -> Review:
        record = history.session(session_id)
        turns = history.turns(session_id)
        scenario, path, problem = find_scenario(record, folders, bundled)
        return cls(history, record, turns, scenario, path, problem)

    @property
    def session_id(self) -> int:
        return self.record.id

    @property
    def other(self) -> str:
        """The other person's name, for the prompts."""
        names = [t.speaker for t in self.turns if t.speaker]
        if names:
            return names[0]
        characters = list(self.record.scenario.characters.values())
        return characters[0] if characters else "them"

    def ask(self, prompt: Prompt) -> str:
        return prompt.ask(self.other)

    # --- answers ------------------------------------------------------------------------

    def answers(self, number: int) -> dict[str, str]:
        """What has been answered for exchange ``number``, by prompt id."""
        return {
            a.prompt_id: a.answer
            for a in store_lookback.answers(self.history, self.session_id)
            if a.turn_number == number
        }

    def answer(self, number: int, prompt: Prompt, text: str) -> None:
        """Keep an answer now (an empty one clears an earlier answer)."""
        self._check(number)
        store_lookback.save_answer(
            self.history, self.session_id, number, prompt.id, self.ask(prompt), text,
            position=self._position(prompt),
        )

    def try_instead(self, number: int, text: str) -> TurnFeedback | None:
        """Feedback on what the person could have said instead, kept with it. None for
        an empty answer (which clears an earlier one)."""
        self._check(number)
        from ipt_roleplay.engine.session import clean_typed

        text = clean_typed(text)
        feedback = None
        if text:
            feedback = engine_lookback.feedback_for(text, self.role, self.scenario, self.turns[number].state_id)
        store_lookback.save_answer(
            self.history, self.session_id, number, ALTERNATIVE.id, self.ask(ALTERNATIVE), text,
            feedback, position=self._position(ALTERNATIVE),
        )
        return feedback

    def _position(self, prompt: Prompt) -> int:
        order = [p.id for p in self.prompts]
        return order.index(prompt.id) if prompt.id in order else len(order)

    # --- what happened ------------------------------------------------------------------

    def next_line(self, number: int) -> tuple[str, str, str | None] | None:
        """(speaker, says, cue) of what the other person said after the reply, if known."""
        self._check(number)
        if number + 1 < len(self.turns):
            t = self.turns[number + 1]
            return t.speaker, t.line, t.cue
        ending = self.record.ending
        if ending is not None:
            return ending.speaker, ending.says, ending.cue
        return None

    def alternatives(self, number: int) -> list[Alternative]:
        self._check(number)
        if self.scenario is None:
            return []
        return engine_lookback.alternatives(self.scenario, self.turns, number)

    def suggestion(self, number: int) -> Suggestion | None:
        return next((s for s in self.suggestions if s.turn_number == number), None)

    # --- rehearsing ---------------------------------------------------------------------

    @property
    def can_rehearse(self) -> bool:
        return self.scenario is not None

    def rehearse(self, number: int, feedback_mode: str | None = None, *, record: bool = True) -> Started:
        """Start a new attempt fast-forwarded to just before exchange ``number``,
        recorded and linked to this session (unless ``record`` is False)."""
        self._check(number)
        if self.scenario is None:
            raise ValueError(self.problem or "the scenario is not available")
        rehearsal = engine_lookback.rehearse_from(self.scenario, self.turns, number)
        recorder = None
        if record:
            from ipt_roleplay.store.recorder import Recorder

            recorder = Recorder.start(
                self.history, rehearsal.session, scenario_path=self.scenario_path,
                feedback_mode=feedback_mode or self.record.feedback_mode,
            )
            store_lookback.link_rehearsal(self.history, recorder.session_id, self.session_id, number)
        return Started(
            rehearsal.session, recorder, self.scenario_path, rehearsal.replayed, rehearsal.wanted, rehearsal.why
        )

    def _check(self, number: int) -> None:
        if not 0 <= number < len(self.turns):
            raise ValueError(f"there is no exchange {number + 1} in this session")


def find_scenario(
    record: SessionRecord, folders: Sequence[Path] = (), bundled: bool = True
) -> tuple[Scenario | None, Path | None, str | None]:
    """The scenario a session was played from (see ``practice.offer.locate_scenario``),
    its file, and why it is not at hand (or None)."""
    from ipt_roleplay.practice.offer import locate_scenario

    stored = Path(record.scenario_path) if record.scenario_path else None
    found = locate_scenario(stored, record.scenario_id, folders, bundled, same_id=True)
    if found.broken is not None:
        return None, stored, f"its scenario file has a problem now ({found.broken})"
    if found.scenario is None:
        return None, stored, "the scenario file it was played from is no longer there"
    return found.scenario, found.path, None


# --- a rehearsal, next to the moment it came from ---------------------------------------


@dataclass(frozen=True, slots=True)
class Moment:
    """One exchange, both times: in the session it came from and in the rehearsal."""

    turn_number: int
    from_session_id: int
    speaker: str
    line: str
    before: TurnRecord  # the reply the first time
    now: TurnRecord | None  # the reply this time (None until it is given)


def compare(history: History, session_id: int) -> Moment | None:
    """For a rehearsal: the moment it rehearses, as it went then and as it went now."""
    link = store_lookback.rehearsal_of(history, session_id)
    if link is None:
        return None
    earlier = history.turns(link.from_session_id)
    if link.from_turn >= len(earlier):
        return None
    before = earlier[link.from_turn]
    turns = history.turns(session_id)
    now = turns[link.from_turn] if link.from_turn < len(turns) else None
    return Moment(link.from_turn, link.from_session_id, before.speaker, before.line, before, now)


def resolve_session(history: History, wanted: int | str) -> int:
    """A session number, or "last" for the most recent one with any reply."""
    from ipt_roleplay.errors import UserError

    if wanted != "last":
        return int(wanted)
    for record in reversed(history.sessions()):
        if record.turn_count:
            return record.id
    raise UserError("There are no practice sessions with replies yet, so there is nothing to look back on.")
