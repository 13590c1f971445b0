"""Which authored reply a typed reply is closest to, so the conversation can go on.

The score for each reply offered now mixes three signals, all deterministic and offline:

- pattern profile: overlap between the patterns the analyzer finds in the typed text
  and the patterns of the authored reply (the author's annotation together with what
  the analyzer finds in the reply's own words);
- tone: whether the typed text leans helpful or unhelpful like the authored reply's
  rating. It counts only when the analyzer found something in the typed text;
- words: how much the typed text and the reply talk about the same things. Words are
  lowercased, stripped of apostrophes ("dont" = "don't"), cut to a stem ("apologised" =
  "apologise"), and gathered into word families (``FAMILIES``: "knackered" = "shattered"
  = "exhausted"). A word that every offered reply shares tells the replies apart less,
  so it counts less. Letter triples of each word add a little, so a typo or another
  form of the same word still meets its match. An acted reply ("*sighs*", "[walk
  off]") shares an "acted" marker with an authored reply in brackets.

Ties go to the reply listed first. docs/free-text.md explains this for authors, with
the accuracy measured on hand-labelled replies (tests/test_routing_quality.py).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.scenario.model import Choice

WEIGHTS = {"patterns": 0.25, "tone": 0.1, "words": 0.65}
CHAR_SHARE = 0.25  # of the words signal: letter triples, for typos and other word forms
MAX_CHARS = 2000  # beyond this a paste adds noise, not meaning; analysis keeps the full text

_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018\u02bc")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ACTED = re.compile(r"^\s*[*\[(]|[*\[(][^*\])]{3,}[*\])]\s*$")
ACTED = "(acted)"
QUESTION = "(question)"
_QUESTION_START = re.compile(
    r"(?:^|[.!?]\s*)(?:how|hows|what|whats|where|wheres|when|why|who|whos|which|did|do|does|"
    r"are|is|was|were|can|could|would|will|have|has|shall)\b"
)
STOP_WEIGHT = 0.3  # a small word ("you", "too") still counts, but far less
_STOP = frozenset(
    """a about all also am an and any are as at be been but by can could did do does doing
    dont for from get got had has have he her here him his how i im id ill ive if in into
    is it its just know like me more my not now of off on one or our out really so some
    than that thats the their them then there they this to too up us very was we well were
    what whats when which who why will with would you youre your youve youd""".split()
)
_SUFFIXES = ("ingly", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s")
_TONE = {"helpful": 1.0, "mixed": 0.0, "unhelpful": -1.0}

# Word families that matter in these conversations: words people use for the same
# thing. Each line is one family, named by its first word. Kept small and general:
# a family belongs here when people would say either word for the same meaning in a
# hard conversation, not to fit one scenario's reply.
FAMILIES_TEXT = """
tired exhausted knackered shattered wiped drained worn fumes empty
sorry apologise apologize apology
talk chat conversation speak
people friends mates anyone anybody someone company
evening evenings night nights
work job office
low down depressed rubbish
share split divide fair fairer
scared frightened afraid worried nervous anxious
honest honestly truth tbh
yes yeah yep yup ya yea
okay ok alright cool
good great lovely
glad happy pleased
hard tough difficult heavy
together team both
listen hear
fix solve sort
gradual phased ease easing easier gently
morning mornings
mum mother mom
goodbye goodbyes bye
quick fast sudden
pain suffer suffering
upset cry crying tears
forget nevermind
say said says saying
go went gone going
come came coming
tell told telling
feel felt feeling
think thought thinking
""".strip()


@dataclass(frozen=True, slots=True)
class Match:
    index: int  # the reply's index in state.choices
    score: float
    parts: dict[str, float]


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _families() -> dict[str, str]:
    """Each word of a family, and its stem, mapped to the family's first word."""
    table: dict[str, str] = {}
    for line in FAMILIES_TEXT.splitlines():
        words = line.split()
        for word in words:
            table[word] = words[0]
            table[_stem(word)] = words[0]
    return table


FAMILIES: dict[str, str] = _families()


def stems(text: str) -> Counter[str]:
    """The content words of ``text``: stems, with word families joined."""
    text = text[:MAX_CHARS].lower().translate(_APOSTROPHES)
    found: Counter[str] = Counter()
    for word in _WORD.findall(text):
        family = FAMILIES.get(word)
        if family is None:
            if word in _STOP:
                found[word] += STOP_WEIGHT
                continue
            stem = _stem(word)
            family = FAMILIES.get(stem, stem)
        found[family] += 1
    if _ACTED.search(text):
        found[ACTED] += 1
    if "?" in text or _QUESTION_START.search(text):
        found[QUESTION] += 1
    return found


def _triples(words: Counter[str]) -> Counter[str]:
    grams: Counter[str] = Counter()
    for word, count in words.items():
        if word in (ACTED, QUESTION) or word in _STOP:
            continue
        padded = f"<{word}>"
        for i in range(len(padded) - 2):
            grams[padded[i : i + 3]] += count
    return grams


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[word] for word, count in a.items() if word in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _weighted(counts: Counter[str], weight: dict[str, float]) -> Counter[str]:
    return Counter({k: v * weight.get(k, 1.0) for k, v in counts.items()})


def _rarity(docs: Sequence[Counter[str]]) -> dict[str, float]:
    """Weight per feature: 1 when every offered reply has it, more when fewer do."""
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    n = len(docs)
    return {feature: 1.0 + math.log(n / count) for feature, count in df.items()}


def tone(pattern_ids: Sequence[str]) -> float:
    """-1 (only unhelpful patterns) .. +1 (only helpful); 0 when mixed or none."""
    if not pattern_ids:
        return 0.0
    helpful = sum(taxonomy.get(p).helpful for p in pattern_ids)
    return (2 * helpful - len(pattern_ids)) / len(pattern_ids)


def reply_patterns(choice: Choice, role: str) -> frozenset[str]:
    """The patterns of an authored reply: the author's, with the analyzer's on its words."""
    return _reply_patterns(choice.reply, tuple(choice.feedback.patterns) if choice.feedback else (), role)


@functools.lru_cache(maxsize=4096)
def _reply_patterns(reply: str, authored: tuple[str, ...], role: str) -> frozenset[str]:
    from ipt_roleplay.analysis.analyzer import analyze

    return frozenset(authored) | frozenset(hit.id for hit in analyze(reply, role))


@functools.lru_cache(maxsize=4096)
def _reply_words(reply: str) -> tuple[Counter[str], Counter[str]]:
    words = stems(reply)
    return words, _triples(words)


def rank(
    typed_patterns: Sequence[str], text: str, choices: Sequence[tuple[int, Choice]], role: str
) -> list[Match]:
    """Score every offered reply for the typed text, best first."""
    typed_set = frozenset(typed_patterns)
    typed_tone = tone(typed_patterns)
    typed_words = stems(text)
    typed_triples = _triples(typed_words)
    replies = [_reply_words(choice.reply) for _, choice in choices]
    word_weight = _rarity([words for words, _ in replies])
    triple_weight = _rarity([triples for _, triples in replies])
    typed_words_w = _weighted(typed_words, word_weight)
    typed_triples_w = _weighted(typed_triples, triple_weight)
    matches = []
    for order, ((index, choice), (words, triples)) in enumerate(zip(choices, replies)):
        authored = reply_patterns(choice, role)
        union = typed_set | authored
        patterns = len(typed_set & authored) / len(union) if union else 0.0
        if not typed_set:
            tone_fit = 0.0
        else:
            if choice.feedback is not None:
                target = _TONE[choice.feedback.rating]
            else:
                target = tone(sorted(authored))
            tone_fit = 1.0 - abs(typed_tone - target) / 2.0
        word_part = cosine(typed_words_w, _weighted(words, word_weight))
        triple_part = cosine(typed_triples_w, _weighted(triples, triple_weight))
        similarity = (1.0 - CHAR_SHARE) * word_part + CHAR_SHARE * triple_part
        parts = {"patterns": patterns, "tone": tone_fit, "words": similarity}
        score = sum(WEIGHTS[k] * v for k, v in parts.items())
        matches.append((score, -order, Match(index, score, parts)))
    matches.sort(key=lambda m: (m[0], m[1]), reverse=True)
    return [m[2] for m in matches]

