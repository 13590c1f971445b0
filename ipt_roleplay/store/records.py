"""What the store keeps: plain records, independent of the engine's live objects.

A session is recorded with copies of everything a report needs (title, goals, each
line, each piece of feedback, the ending), so a report never depends on a scenario
file that may since have changed or gone.
"""

from __future__ import annotations

from typing import Any

import msgspec

Rating = str  # "helpful" | "mixed" | "unhelpful"; kept open so old rows always load
OUTCOME_RANK = {"resolved": 3, "partial": 2, "unresolved": 1}


class _Record(msgspec.Struct, frozen=True, kw_only=True):
    pass


class PatternRecord(_Record):
    id: str
    evidence: str | None = None
    span: tuple[int, int] | None = None


class FeedbackRecord(_Record):
    rating: Rating
    patterns: tuple[PatternRecord, ...] = ()
    note: str = ""
    try_instead: str | None = None
    source: str = "author"

    @property
    def pattern_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.patterns)


class ScenarioSnapshot(_Record):
    """The parts of the scenario a report shows, as they were when the session started."""

    summary: str = ""
    goals: tuple[str, ...] = ()
    problem_area: str = ""
    characters: dict[str, str] = {}


class EndingRecord(_Record):
    state_id: str
    outcome: str
    debrief: str = ""
    speaker: str = ""
    says: str = ""
    cue: str | None = None


class TurnRecord(_Record):
    number: int
    state_id: str
    speaker: str
    cue: str | None
    line: str
    reply: str
    choice_index: int | None
    # The authored reply the choice index pointed at when recorded; resume matches on it.
    choice_reply: str | None
    typed: str | None
    feedback: FeedbackRecord | None
    meters: dict[str, int]
    recorded_at: str


class SessionRecord(_Record):
    id: int
    scenario_id: str
    scenario_title: str
    scenario_path: str | None
    scenario_hash: str | None
    scenario: ScenarioSnapshot
    started_at: str
    ended_at: str | None
    outcome: str | None
    ending: EndingRecord | None
    feedback_mode: str
    learner_role: str
    turn_count: int
    # Whatever engine.summary handed over at the end, as plain data (None before then).
    summary: dict[str, Any] | None = None
    # In a training programme: the owner lets supervisors see this session.
    shared: bool = False

    @property
    def finished(self) -> bool:
        return self.ended_at is not None


def feedback_from(feedback: Any) -> FeedbackRecord | None:
    """A FeedbackRecord from the engine's TurnFeedback (read by attribute, not by type)."""
    if feedback is None:
        return None
    shown = getattr(feedback, "patterns", None)
    if shown is None:
        shown = getattr(feedback, "hits", ())
    return FeedbackRecord(
        rating=str(feedback.rating),
        patterns=tuple(_pattern_from(p) for p in shown),
        note=getattr(feedback, "note", "") or "",
        try_instead=getattr(feedback, "try_instead", None),
        source=str(getattr(feedback, "source", "author")),
    )


def _pattern_from(shown: Any) -> PatternRecord:
    if isinstance(shown, str):
        return PatternRecord(id=shown)
    span = getattr(shown, "span", None)
    if span is None and getattr(shown, "start", None) is not None:
        span = (shown.start, shown.end)
    return PatternRecord(
        id=shown.id,
        evidence=getattr(shown, "evidence", None) or None,
        span=tuple(span) if span is not None else None,
    )


def line_parts(line: Any) -> tuple[str, str, str | None]:
    """(speaker, says, cue) from the engine's Line, or from a bare string."""
    if isinstance(line, str):
        return "", line, None
    return getattr(line, "speaker", "") or "", line.says, getattr(line, "cue", None)


def encode(value: Any) -> str:
    return msgspec.json.encode(value).decode()


def decode(text: str | None, type_: type) -> Any:
    if text is None:
        return None
    return msgspec.json.decode(text, type=type_)
