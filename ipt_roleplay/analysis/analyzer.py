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
from bisect import bisect_left
from dataclasses import dataclass

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.analysis.lexicon import APOSTROPHE_FREE, CUES, SENTENCE_LEAD, SUBSUMES, Cue

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
    """All cues of one pattern id, combined into one regular expression."""

    pattern_id: str
    order: int
    regex: re.Pattern[str]
    # The empty group that closes each alternative, by number -> the cue it closes.
    cues: dict[int, Cue]
    # Each cue on its own, to look for another cue at a place where one was rejected.
    singles: tuple[tuple[re.Pattern[str], Cue], ...]


# "not", "n't", "never", "hardly", "none of" or "no way" up to two words before a cue, in
# the same clause: "it's not your fault", "I'm not saying you're lazy", "I'd never call you
# selfish", "none of this is your fault". A comma ends the clause: in "that wasn't fair,
# sorry" the apology is not negated.
_NEGATED_BEFORE = re.compile(
    r"(?:\bnot|n't|\bnever|\bhardly|\bnone of|\bno way)[^\w.!?\n,;]+(?:[\w']+[^\w.!?\n,;]+){0,2}$"
)
_NEGATION_WINDOW = 40
_SENTENCE_LEAD = re.compile(SENTENCE_LEAD + "$")
_SENTENCE_WINDOW = 60

# Typographic quotes and no-break spaces become their plain forms, so the cues need to
# spell each word only once. Every replacement is one character for one character,
# which keeps offsets into the normalised text valid for the original.
_PLAIN = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u2032": "'",
        "\uff07": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)

# "im" -> where the apostrophe of "i'm" goes (after 1 letter), for each contraction
# people type without it. Only words standing alone: not "him", not "don't" itself.
_APOSTROPHE_AT = {form.replace("'", ""): form.index("'") for form in APOSTROPHE_FREE}


def _trie(words: list[str]) -> str:
    """One regular expression for a set of literal words, as a tree of shared prefixes
    ("do(?:n't|esn't)"): the engine tests each letter once instead of once per word."""
    if words == [""]:
        return ""
    branches: dict[str, list[str]] = {}
    for word in words:
        branches.setdefault(word[:1], []).append(word[1:])
    optional = "" in branches
    alternatives = [re.escape(first) + _trie(sorted(rest)) for first, rest in sorted(branches.items()) if first]
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{body})?" if optional else body


_APOSTROPHE_FREE = re.compile(r"(?<![\w'])" + _trie(sorted(_APOSTROPHE_AT)) + r"(?![\w'])")

_EVIDENCE_IN_REASON = 48


def _word_start_alternatives(regex: str) -> list[str]:
    """``regex`` split at its top-level "|" when every alternative starts with \\b (so
    each can join the shared word-start group); otherwise ``[regex]`` unchanged."""
    pieces, depth, start, i = [], 0, 0, 0
    in_class = False
    while i < len(regex):
        ch = regex[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if regex.startswith("]", i + 1) or regex.startswith("^]", i + 1):
                i += 1 + (regex[i + 1] == "^")
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            pieces.append(regex[start:i])
            start = i + 1
        i += 1
    pieces.append(regex[start:])
    if len(pieces) > 1 and all(piece.startswith(r"\b") for piece in pieces):
        return pieces
    return [regex]


def _compile(pattern_id: str, order: int, cues: tuple[Cue, ...]) -> _Rule:
    # Speed matters (every typed reply is analysed, and routing compares many), so the
    # cues are joined in the shape Python's regex engine is quick with:
    # - cues that start with \b share one leading "no word character before" check,
    #   so most positions in the text are rejected by a single test;
    # - inside that group most alternatives start with a literal, which lets the
    #   engine skip a non-matching alternative without entering it;
    # - an empty group closes each alternative, so ``lastindex`` says which cue matched
    #   without wrapping the alternative in a group (a wrapper would defeat that skip).
    # - a cue written as "\bthis|\bthat" is split into its alternatives, each closed by
    #   its own empty group, so each of them starts with a literal too.
    for cue in cues:
        if re.compile(cue.regex).groups:
            raise ValueError(f"cue for {pattern_id} has a capturing group: {cue.regex}")
    word_start = [cue for cue in cues if cue.regex.startswith(r"\b")]
    anywhere = [cue for cue in cues if not cue.regex.startswith(r"\b")]
    pieces = [(piece, cue) for cue in word_start for piece in _word_start_alternatives(cue.regex)]
    # Groups are numbered by where their "(" stands in the source: word-start first.
    by_group = {
        number: cue
        for number, cue in enumerate([cue for _, cue in pieces] + anywhere, start=1)
    }
    parts = []
    if pieces:
        parts.append("(?<!\\w)(?:" + "|".join(f"(?:{piece[2:]})()" for piece, _ in pieces) + ")")
    parts.extend(f"(?:{cue.regex})()" for cue in anywhere)
    regex = re.compile("|".join(parts))
    if regex.groups != len(by_group):  # pragma: no cover - guards the numbering above
        raise AssertionError(f"{pattern_id}: expected {len(by_group)} groups, got {regex.groups}")
    singles = tuple(
        (re.compile(("(?<!\\w)" if cue.regex.startswith(r"\b") else "") + cue.regex), cue)
        for cue in word_start + anywhere
    )
    return _Rule(pattern_id, order, regex, by_group, singles)


def _build() -> dict[taxonomy.Side, tuple[_Rule, ...]]:
    unknown = (set(CUES) | set(SUBSUMES) | {i for ids in SUBSUMES.values() for i in ids}) - taxonomy.IDS
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
_SUBSUMING = frozenset(SUBSUMES)


def _normalise(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters lowercase to two ("İ"); keep those as they are so offsets
        # into the lowered text stay offsets into the original.
        lowered = "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)
    return lowered.translate(_PLAIN)


def _with_apostrophes(lowered: str) -> tuple[str, tuple[int, ...]]:
    """``lowered`` with the apostrophe put back into "im", "dont", "thats"..., and where
    each one went (offsets into the result, in order). Nothing to restore: ``()``."""
    pieces, inserted, last = [], [], 0
    for match in _APOSTROPHE_FREE.finditer(lowered):
        at = match.start() + _APOSTROPHE_AT[match.group()]
        pieces.append(lowered[last:at])
        inserted.append(at + len(inserted))
        last = at
    if not inserted:
        return lowered, ()
    pieces.append(lowered[last:])
    return "'".join(pieces), tuple(inserted)


def _original(offset: int, inserted: tuple[int, ...]) -> int:
    """An offset into the text with apostrophes put back, as an offset into the text."""
    return offset - bisect_left(inserted, offset) if inserted else offset


def _is_negated(lowered: str, start: int) -> bool:
    return _NEGATED_BEFORE.search(lowered, max(0, start - _NEGATION_WINDOW), start) is not None


def _opens_sentence(lowered: str, start: int) -> bool:
    return _SENTENCE_LEAD.search(lowered, max(0, start - _SENTENCE_WINDOW), start) is not None


def short_evidence(evidence: str) -> str:
    """Evidence as quoted inside a reason: one line, at most a few words long."""
    shown = " ".join(evidence.split())
    if len(shown) > _EVIDENCE_IN_REASON:
        shown = shown[: _EVIDENCE_IN_REASON - 1].rstrip() + "\u2026"
    return shown


def _reason(cue: Cue, evidence: str) -> str:
    return cue.reason.format(e=short_evidence(evidence))


def _accepts(cue: Cue, lowered: str, start: int, end: int) -> bool:
    if end <= start:
        return False
    if cue.negatable and _is_negated(lowered, start):
        return False
    return not cue.at_sentence_start or _opens_sentence(lowered, start)


def _first_hit(rule: _Rule, text: str, lowered: str, inserted: tuple[int, ...]) -> Hit | None:
    position = 0
    while (match := rule.regex.search(lowered, position)) is not None:
        cue = rule.cues[match.lastindex]
        start, end = match.span()
        if not _accepts(cue, lowered, start, end):
            # The combined expression reports one cue per place; a rejected one (negated,
            # or not opening a sentence) may hide another cue that starts here too.
            for single, other in rule.singles:
                if other is cue:
                    continue
                again = single.match(lowered, start)
                if again is not None and _accepts(other, lowered, start, again.end()):
                    cue, end = other, again.end()
                    break
            else:
                position = start + 1
                continue
        start, end = _original(start, inserted), _original(end, inserted)
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
    # Typed "im tired" reads as "i'm tired"; offsets are mapped back to ``text``.
    lowered, inserted = _with_apostrophes(_normalise(text))
    found = []
    for rule in _RULES[side]:
        hit = _first_hit(rule, text, lowered, inserted)
        if hit is not None:
            found.append((hit.start, rule.order, hit))
    found.sort(key=lambda item: (item[0], item[1]))
    hits = [hit for _, _, hit in found]
    if len(hits) > 1:
        present = {hit.id for hit in hits}
        covered = {general for specific in present & _SUBSUMING for general in SUBSUMES[specific]}
        if covered:
            hits = [hit for hit in hits if hit.id not in covered]
    return hits
