"""Which authored reply a typed reply is closest to, so the conversation can go on.

The score for each reply offered now mixes three signals, all deterministic and offline:

- pattern profile: overlap (Jaccard) between the patterns the analyzer finds in the
  typed text and the patterns of the authored reply (the author's, else the analyzer's);
- tone: whether the typed text leans helpful or unhelpful like the authored reply's rating;
- words: cosine similarity of content-word stems, so "split the evenings" finds the reply
  that talks about evenings.

Ties go to the reply listed first. docs/free-text.md explains this for authors.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.scenario.model import Choice

WEIGHTS = {"patterns": 0.45, "tone": 0.2, "words": 0.35}
MAX_CHARS = 2000  # beyond this a paste adds noise, not meaning; analysis keeps the full text

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STOP = frozenset(
    """a about all also am an and any are as at be been but by can could did do does doing
    don't for from get got had has have he her here him his how i i'm if in into is it it's
    its just know like me more my no not now of off oh ok okay on one or our out really so
    some than that that's the their them then there they this to too up us very was we well
    were what when which who why will with would yeah yes you you're your""".split()
)
_SUFFIXES = ("ingly", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s")
_TONE = {"helpful": 1.0, "mixed": 0.0, "unhelpful": -1.0}


@dataclass(frozen=True, slots=True)
class Match:
    index: int  # the reply's index in state.choices
    score: float
    parts: dict[str, float]


def stems(text: str) -> Counter[str]:
    words = _WORD.findall(text[:MAX_CHARS].lower())
    return Counter(_stem(w) for w in words if w not in _STOP)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[word] for word, count in a.items() if word in b)
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def tone(pattern_ids: Sequence[str]) -> float:
    """-1 (only unhelpful patterns) .. +1 (only helpful); 0 when mixed or none."""
    if not pattern_ids:
        return 0.0
    helpful = sum(taxonomy.get(p).helpful for p in pattern_ids)
    return (2 * helpful - len(pattern_ids)) / len(pattern_ids)


def reply_patterns(choice: Choice, role: str) -> frozenset[str]:
    if choice.feedback is not None and choice.feedback.patterns:
        return frozenset(choice.feedback.patterns)
    from ipt_roleplay.analysis.analyzer import analyze

    return frozenset(hit.id for hit in analyze(choice.reply, role))


def rank(
    typed_patterns: Sequence[str], text: str, choices: Sequence[tuple[int, Choice]], role: str
) -> list[Match]:
    """Score every offered reply for the typed text, best first."""
    typed_set = frozenset(typed_patterns)
    typed_tone = tone(typed_patterns)
    typed_words = stems(text)
    matches = []
    for order, (index, choice) in enumerate(choices):
        authored = reply_patterns(choice, role)
        union = typed_set | authored
        patterns = len(typed_set & authored) / len(union) if union else 0.0
        if choice.feedback is not None:
            target = _TONE[choice.feedback.rating]
        else:
            target = tone(sorted(authored))
        tone_fit = 1.0 - abs(typed_tone - target) / 2.0
        words = cosine(typed_words, stems(choice.reply))
        parts = {"patterns": patterns, "tone": tone_fit, "words": words}
        score = sum(WEIGHTS[k] * v for k, v in parts.items())
        matches.append((score, -order, Match(index, score, parts)))
    matches.sort(key=lambda m: (m[0], m[1]), reverse=True)
    return [m[2] for m in matches]
