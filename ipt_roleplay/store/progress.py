"""Progress over time, computed from the stored turns: what ``history`` and the
progress screen show."""

from __future__ import annotations

from collections import Counter, defaultdict

import msgspec

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.store.history import History
from ipt_roleplay.store.records import OUTCOME_RANK

RATINGS = ("helpful", "mixed", "unhelpful")


class SessionPoint(msgspec.Struct, frozen=True, kw_only=True):
    """One session on the timeline."""

    id: int
    started_at: str
    scenario_id: str
    title: str
    finished: bool
    outcome: str | None
    replies: int
    helpful: int
    mixed: int
    unhelpful: int
    # How the person felt before and after (0-10), when they said.
    mood_before: int | None = None
    mood_after: int | None = None


class PatternUse(msgspec.Struct, frozen=True, kw_only=True):
    """How often a pattern showed in the person's replies, by how those replies landed."""

    id: str
    label: str
    # The pattern's own kind in the taxonomy: True for a skill, False for a problem.
    helpful_pattern: bool | None
    uses: int
    in_helpful: int
    in_mixed: int
    in_unhelpful: int


class ScenarioBest(msgspec.Struct, frozen=True, kw_only=True):
    scenario_id: str
    title: str
    sessions: int
    finished: int
    best_outcome: str | None


class Progress(msgspec.Struct, frozen=True, kw_only=True):
    sessions: list[SessionPoint]
    patterns: list[PatternUse]
    scenarios: list[ScenarioBest]

    @property
    def empty(self) -> bool:
        return not self.sessions


def progress(history: History) -> Progress:
    from ipt_roleplay.store.lookback import mood_points

    records = history.sessions()
    ratings = _ratings_by_session(history)
    moods = {p.session_id: p for p in mood_points(history)}
    sessions = [
        SessionPoint(
            id=r.id, started_at=r.started_at, scenario_id=r.scenario_id, title=r.scenario_title,
            finished=r.finished, outcome=r.outcome, replies=r.turn_count,
            **{rating: ratings[r.id][rating] for rating in RATINGS},
            **_mood_scores(moods.get(r.id)),
        )
        for r in records
    ]
    return Progress(sessions=sessions, patterns=_patterns(history), scenarios=_best(records))


def _mood_scores(point) -> dict[str, int | None]:
    if point is None:
        return {}
    return {
        "mood_before": point.before.score if point.before else None,
        "mood_after": point.after.score if point.after else None,
    }


def _ratings_by_session(history: History) -> dict[int, Counter]:
    counts: dict[int, Counter] = defaultdict(Counter)
    for session_id, rating, n in history.rating_counts():
        counts[session_id][rating] += n
    return counts


def _patterns(history: History) -> list[PatternUse]:
    by_id: dict[str, Counter] = defaultdict(Counter)
    for pattern_id, rating, n in history.pattern_counts():
        by_id[pattern_id][rating] += n
    uses = []
    for pattern_id, counts in by_id.items():
        known = taxonomy.BY_ID.get(pattern_id)
        uses.append(
            PatternUse(
                id=pattern_id,
                label=known.label if known else pattern_id,
                helpful_pattern=known.helpful if known else None,
                uses=sum(counts.values()),
                in_helpful=counts["helpful"],
                in_mixed=counts["mixed"],
                in_unhelpful=counts["unhelpful"],
            )
        )
    # Most used first; ties in taxonomy order, so skills and problems stay grouped.
    order = {p.id: i for i, p in enumerate(taxonomy.PATTERNS)}
    return sorted(uses, key=lambda u: (-u.uses, order.get(u.id, len(order)), u.id))


def _best(records) -> list[ScenarioBest]:
    grouped: dict[str, list] = defaultdict(list)
    for r in records:
        grouped[r.scenario_id].append(r)
    best = []
    for scenario_id, runs in grouped.items():
        outcomes = [r.outcome for r in runs if r.outcome in OUTCOME_RANK]
        best.append(
            ScenarioBest(
                scenario_id=scenario_id,
                title=runs[-1].scenario_title,
                sessions=len(runs),
                finished=sum(r.finished for r in runs),
                best_outcome=max(outcomes, key=OUTCOME_RANK.__getitem__) if outcomes else None,
            )
        )
    return sorted(best, key=lambda b: b.title.lower())
