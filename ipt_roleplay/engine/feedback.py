"""Feedback for one reply: the author's annotation first, the analyzer filling the gaps.

The author knows the scenario; the analyzer only knows words. So the analyzer never
overrides what the author wrote: it adds evidence spans to the patterns the author
named, and supplies patterns, a rating and a note only where the author gave none.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from msgspec import Struct

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.scenario.model import Choice, Feedback, Rating

Source = Literal["author", "analyzer"]


class PatternShown(Struct, frozen=True):
    """One pattern as shown to the person, with the words that show it when known."""

    id: str
    evidence: str | None = None
    span: tuple[int, int] | None = None
    reason: str | None = None
    source: Source = "author"

    @property
    def label(self) -> str:
        return taxonomy.get(self.id).label

    @property
    def helpful(self) -> bool:
        return taxonomy.get(self.id).helpful


class TurnFeedback(Struct, frozen=True):
    rating: Rating
    patterns: tuple[PatternShown, ...]
    note: str
    try_instead: str | None
    source: Source

    @property
    def pattern_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.patterns)


def rating_from_patterns(pattern_ids: Sequence[str]) -> Rating:
    """Helpful when only helpful patterns show, unhelpful when only unhelpful ones do."""
    helpful = sum(taxonomy.get(i).helpful for i in pattern_ids)
    unhelpful = len(pattern_ids) - helpful
    if helpful and not unhelpful:
        return "helpful"
    if unhelpful and not helpful:
        return "unhelpful"
    return "mixed"


def note_from_patterns(pattern_ids: Sequence[str]) -> str:
    """A plain note built from the taxonomy when the author wrote none."""
    if not pattern_ids:
        return "No clear communication pattern stands out in this reply."
    parts = [f"{taxonomy.get(i).label}: {taxonomy.get(i).definition}" for i in pattern_ids]
    return " ".join(parts)


def best_alternative(choices: Sequence[Choice], exclude: int | None = None) -> str | None:
    """The reply text of the most helpful authored choice, for a "try instead"."""
    order = {"helpful": 0, "mixed": 1, "unhelpful": 2}
    ranked = sorted(
        (order[c.feedback.rating] if c.feedback else 3, i)
        for i, c in enumerate(choices)
        if i != exclude
    )
    if not ranked or ranked[0][0] > 1:
        return None
    return choices[ranked[0][1]].reply


def for_choice(
    choice: Choice, role: str, siblings: Sequence[Choice], index: int
) -> TurnFeedback:
    """Feedback for an authored reply the person picked."""
    from ipt_roleplay.analysis.analyzer import analyze

    hits = {hit.id: hit for hit in analyze(choice.reply, role)}
    authored: Feedback | None = choice.feedback
    if authored is not None and authored.patterns:
        shown = tuple(_from_author(pid, hits.get(pid)) for pid in authored.patterns)
    else:
        shown = tuple(_from_hit(hit) for hit in hits.values())
    ids = [p.id for p in shown]
    if authored is None:
        rating = rating_from_patterns(ids)
        return TurnFeedback(
            rating, shown, note_from_patterns(ids), _try_instead(rating, siblings, index), "analyzer"
        )
    try_instead = authored.try_instead
    if try_instead is None and authored.rating != "helpful":
        try_instead = best_alternative(siblings, exclude=index)
    return TurnFeedback(
        authored.rating, shown, authored.note or note_from_patterns(ids), try_instead, "author"
    )


def for_typed(text: str, role: str, choices: Sequence[Choice]) -> TurnFeedback:
    """Feedback for a reply the person typed in their own words."""
    from ipt_roleplay.analysis.analyzer import analyze

    shown = tuple(_from_hit(hit) for hit in analyze(text, role))
    ids = [p.id for p in shown]
    rating = rating_from_patterns(ids)
    return TurnFeedback(
        rating, shown, note_from_patterns(ids), _try_instead(rating, choices, None), "analyzer"
    )


def _try_instead(rating: Rating, choices: Sequence[Choice], exclude: int | None) -> str | None:
    return None if rating == "helpful" else best_alternative(choices, exclude)


def _from_author(pattern_id: str, hit) -> PatternShown:
    if hit is None:
        return PatternShown(pattern_id)
    return PatternShown(pattern_id, hit.evidence, (hit.start, hit.end), hit.reason, "author")


def _from_hit(hit) -> PatternShown:
    return PatternShown(hit.id, hit.evidence, (hit.start, hit.end), hit.reason, "analyzer")
