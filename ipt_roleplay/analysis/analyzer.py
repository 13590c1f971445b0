"""Find the communication patterns of the taxonomy in one reply, with evidence spans.

Rule- and lexicon-based: deterministic, offline and fast (every regular expression is
compiled once per process, on first use). The cues live in a data file per language
(``lexicons/en.yaml``, read by ``lexicon``); the pattern ids in ``taxonomy``. The same text always gives the same hits, which is what lets typed
replies be matched to the closest authored reply.

    >>> [(h.id, h.evidence) for h in analyze("You never listen. Can you call me at six?")]
    [('blaming', 'You never'), ('absolute', 'never'), ('direct_request', 'Can you call me at six?')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from ipt_roleplay.analysis import lexicon, taxonomy
from ipt_roleplay.analysis.lexicon import Cue

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


# How far back the lexicon's negation and sentence lead are looked for before a cue.
_NEGATION_WINDOW = 40
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


@dataclass(frozen=True, slots=True)
class _Compiled:
    """One language's lexicon, compiled."""

    rules: dict[taxonomy.Side, tuple[_Rule, ...]]
    subsumes: dict[str, tuple[str, ...]]
    negated_before: re.Pattern[str]
    sentence_lead: re.Pattern[str]
    # "im" -> where the apostrophe of "i'm" goes (after 1 letter), for each contraction
    # people type without it. Only words standing alone: not "him", not "don't" itself.
    apostrophe_at: dict[str, int]
    apostrophe_free: re.Pattern[str] | None


@cache
def _compiled(language: str) -> _Compiled:
    words = lexicon.load(language)
    order = {p.id: i for i, p in enumerate(taxonomy.PATTERNS)}
    apostrophe_at = {form.replace("'", ""): form.index("'") for form in words.apostrophe_free}
    return _Compiled(
        rules={
            side: tuple(
                _compile(p.id, order[p.id], words.cues[p.id]) for p in taxonomy.for_side(side) if p.id in words.cues
            )
            for side in taxonomy.Side
        },
        subsumes=words.subsumes,
        negated_before=re.compile(words.negation),
        sentence_lead=re.compile("(?:" + words.sentence_lead + ")$"),
        apostrophe_at=apostrophe_at,
        apostrophe_free=(
            re.compile(r"(?<![\w'])" + _trie(sorted(apostrophe_at)) + r"(?![\w'])") if apostrophe_at else None
        ),
    )


def _normalise(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters lowercase to two ("İ"); keep those as they are so offsets
        # into the lowered text stay offsets into the original.
        lowered = "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)
    return lowered.translate(_PLAIN)


def _with_apostrophes(words: _Compiled, lowered: str) -> tuple[str, tuple[int, ...]]:
    """``lowered`` with the apostrophe put back into "im", "dont", "thats"..., and where
    each one went (offsets into the result, in order). Nothing to restore: ``()``."""
    if words.apostrophe_free is None:
        return lowered, ()
    pieces, inserted, last = [], [], 0
    for match in words.apostrophe_free.finditer(lowered):
        at = match.start() + words.apostrophe_at[match.group()]
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


def _is_negated(words: _Compiled, lowered: str, start: int) -> bool:
    return words.negated_before.search(lowered, max(0, start - _NEGATION_WINDOW), start) is not None


def _opens_sentence(words: _Compiled, lowered: str, start: int) -> bool:
    return words.sentence_lead.search(lowered, max(0, start - _SENTENCE_WINDOW), start) is not None


def short_evidence(evidence: str) -> str:
    """Evidence as quoted inside a reason: one line, at most a few words long."""
    shown = " ".join(evidence.split())
    if len(shown) > _EVIDENCE_IN_REASON:
        shown = shown[: _EVIDENCE_IN_REASON - 1].rstrip() + "\u2026"
    return shown


def _reason(cue: Cue, evidence: str) -> str:
    return cue.reason.format(e=short_evidence(evidence))


def _accepts(words: _Compiled, cue: Cue, lowered: str, start: int, end: int) -> bool:
    if end <= start:
        return False
    if cue.negatable and _is_negated(words, lowered, start):
        return False
    return not cue.at_sentence_start or _opens_sentence(words, lowered, start)


def _first_hit(words: _Compiled, rule: _Rule, text: str, lowered: str, inserted: tuple[int, ...]) -> Hit | None:
    position = 0
    while (match := rule.regex.search(lowered, position)) is not None:
        cue = rule.cues[match.lastindex]
        start, end = match.span()
        if not _accepts(words, cue, lowered, start, end):
            # The combined expression reports one cue per place; a rejected one (negated,
            # or not opening a sentence) may hide another cue that starts here too.
            for single, other in rule.singles:
                if other is cue:
                    continue
                again = single.match(lowered, start)
                if again is not None and _accepts(words, other, lowered, start, again.end()):
                    cue, end = other, again.end()
                    break
            else:
                position = start + 1
                continue
        start, end = _original(start, inserted), _original(end, inserted)
        evidence = text[start:end]
        return Hit(rule.pattern_id, start, end, evidence, _reason(cue, evidence))
    return None


def analyze(text: str, role: str = "client", *, language: str = lexicon.DEFAULT_LANGUAGE) -> list[Hit]:
    """The patterns of ``role``'s side found in ``text``, at most one hit per pattern id,
    in text order. ``role`` is ``"client"`` or ``"therapist"``; anything else is a
    ``ValueError``. Any text is accepted; text with nothing recognisable gives ``[]``.
    ``language`` picks the lexicon (``lexicons/<language>.yaml``); one that is missing
    or unusable is a ``lexicon.LexiconError``."""
    try:
        side = taxonomy.Side(role)
    except ValueError:
        raise ValueError(f"role must be 'client' or 'therapist', not {role!r}") from None
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if not text or text.isspace():
        return []
    # Typed "im tired" reads as "i'm tired"; offsets are mapped back to ``text``.
    words = _compiled(language)
    lowered, inserted = _with_apostrophes(words, _normalise(text))
    found = []
    for rule in words.rules[side]:
        hit = _first_hit(words, rule, text, lowered, inserted)
        if hit is not None:
            found.append((hit.start, rule.order, hit))
    found.sort(key=lambda item: (item[0], item[1]))
    hits = [hit for _, _, hit in found]
    if len(hits) > 1:
        present = {hit.id for hit in hits}
        covered = {general for specific in present & words.subsumes.keys() for general in words.subsumes[specific]}
        if covered:
            hits = [hit for hit in hits if hit.id not in covered]
    return hits
