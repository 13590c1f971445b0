"""Find the communication patterns of the taxonomy in one reply, with evidence spans.

Rule- and lexicon-based: deterministic, offline and fast (every regular expression is
compiled once, at import). The cues live in ``lexicon``; the pattern ids in
``taxonomy``. The same text always gives the same hits, which is what lets typed
replies be matched to the closest authored reply.

    >>> [(h.id, h.evidence) for h in analyze("You never listen. Can you call me at six?")]
    [('blaming', 'You never'), ('absolute', 'never'), ('direct_request', 'Can you call me at six?')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.analysis.lexicon import CUES, Cue

__all__ = ["Hit", "analyze", "short_evidence"]


@dataclass(frozen=True, slots=True)
class Hit:
    """One pattern found in a reply. ``evidence == text[start:end]``."""

    id: str
    start: int
    end: int
    evidence: str
    reason: str


@dataclass(frozen=True, slots=True)
class _Rule:
    """All cues of one pattern id, combined into one alternation."""

    pattern_id: str
    order: int
    regex: re.Pattern[str]
    # group name -> the cue that group came from
    cues: dict[str, Cue]


# "not", "n't", "never" or "hardly" up to two words before a cue, in the same clause:
# "it's not your fault", "I'm not saying you're lazy", "I'd never call you selfish".
_NEGATED_BEFORE = re.compile(r"(?:\bnot|n't|\bnever|\bhardly)[^\w.!?\n]+(?:[\w']+[^\w.!?\n]+){0,2}$")
_NEGATION_WINDOW = 40

# Typographic quotes and no-break spaces become their plain forms, so the cues need to
# spell each word only once. Every replacement is one character for one character,
# which keeps offsets into the normalised text valid for the original.
_PLAIN = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\uff07": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)

_EVIDENCE_IN_REASON = 48


def _compile(pattern_id: str, order: int, cues: tuple[Cue, ...]) -> _Rule:
    parts = []
    by_group = {}
    for number, cue in enumerate(cues):
        group = f"c{number}"
        by_group[group] = cue
        parts.append(f"{cue.before}(?P<{group}>{cue.regex})")
    return _Rule(pattern_id, order, re.compile("|".join(parts)), by_group)


def _build() -> dict[taxonomy.Side, tuple[_Rule, ...]]:
    unknown = set(CUES) - taxonomy.IDS
    if unknown:
        raise RuntimeError(f"lexicon names pattern ids the taxonomy does not have: {sorted(unknown)}")
    order = {p.id: i for i, p in enumerate(taxonomy.PATTERNS)}
    return {
        side: tuple(
            _compile(p.id, order[p.id], CUES[p.id]) for p in taxonomy.for_side(side) if p.id in CUES
        )
        for side in taxonomy.Side
    }


_RULES = _build()


def _normalise(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters lowercase to two ("İ"); keep those as they are so offsets
        # into the lowered text stay offsets into the original.
        lowered = "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)
    return lowered.translate(_PLAIN)


def _is_negated(lowered: str, start: int) -> bool:
    return _NEGATED_BEFORE.search(lowered, max(0, start - _NEGATION_WINDOW), start) is not None


def short_evidence(evidence: str) -> str:
    """Evidence as quoted inside a reason: one line, at most a few words long."""
    shown = " ".join(evidence.split())
    if len(shown) > _EVIDENCE_IN_REASON:
        shown = shown[: _EVIDENCE_IN_REASON - 1].rstrip() + "\u2026"
    return shown


def _reason(cue: Cue, evidence: str) -> str:
    return cue.reason.format(e=short_evidence(evidence))


def _first_hit(rule: _Rule, text: str, lowered: str) -> Hit | None:
    for match in rule.regex.finditer(lowered):
        group = match.lastgroup
        if group is None:  # pragma: no cover - every alternative is a named group
            continue
        cue = rule.cues[group]
        start, end = match.span(group)
        if end <= start:
            continue
        if cue.negatable and _is_negated(lowered, start):
            continue
        evidence = text[start:end]
        return Hit(rule.pattern_id, start, end, evidence, _reason(cue, evidence))
    return None


def analyze(text: str, role: str = "client") -> list[Hit]:
    """The patterns of ``role``'s side found in ``text``, at most one hit per pattern id,
    in text order. ``role`` is ``"client"`` or ``"therapist"``; anything else is a
    ``ValueError``. Any text is accepted; text with nothing recognisable gives ``[]``."""
    try:
        side = taxonomy.Side(role)
    except ValueError:
        raise ValueError(f"role must be 'client' or 'therapist', not {role!r}") from None
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if not text or text.isspace():
        return []
    lowered = _normalise(text)
    found = []
    for rule in _RULES[side]:
        hit = _first_hit(rule, text, lowered)
        if hit is not None:
            found.append((hit.start, rule.order, hit))
    found.sort(key=lambda item: (item[0], item[1]))
    return [hit for _, _, hit in found]
