"""Find the communication patterns of the taxonomy in one reply, with evidence spans.

Rule- and lexicon-based: deterministic, offline and fast (every regular expression is
compiled once per process, on first use). The cues live in a data file per language
(``lexicons/en.yaml``, read by ``lexicon``); the pattern ids in ``taxonomy``. The same
text always gives the same hits, which is what lets typed replies be matched to the
closest authored reply. How a reply is read in one pass: ``_Side`` and ``triggers``.

    >>> [(h.id, h.evidence) for h in analyze("You never listen. Can you call me at six?")]
    [('blaming', 'You never'), ('absolute', 'never'), ('direct_request', 'Can you call me at six?')]
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from ipt_roleplay.analysis import lexicon, taxonomy, triggers
from ipt_roleplay.analysis.lexicon import Cue

__all__ = ["Hit", "analyze", "short_evidence", "warm_up"]


@dataclass(frozen=True, slots=True)
class Hit:
    """One pattern found in a reply. ``evidence == text[start:end]``."""

    id: str
    start: int
    end: int
    evidence: str
    reason: str


@dataclass(frozen=True, slots=True, eq=False)
class _Rule:
    """All cues of one pattern id, combined into one regular expression."""

    pattern_id: str
    order: int
    regex: re.Pattern[str] | _OnFirstUse
    # The empty group that closes each alternative, by number -> the cue it closes
    # (None -> the one cue of a rule without groups).
    cues: dict[int | None, Cue]
    # Each cue on its own, to look for another cue at a place where one was rejected:
    # the source of each, and (compiled the first time one is needed, which is rare)
    # the expressions themselves.
    single_sources: tuple[tuple[str, Cue], ...]
    singles: list[tuple[re.Pattern[str], Cue]]
    # Group -> the text either side of the evidence in the reason, for each cue that
    # holds wherever it matches (neither negatable nor bound to a sentence start): the
    # hit is then built straight away (see ``_find``).
    plain: dict[int | None, tuple[str, str]]


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

_SIDES = {side.value: side for side in taxonomy.Side}
# Where each pattern id stands in the taxonomy: hits at the same place keep that order.
_ORDER = {pattern.id: i for i, pattern in enumerate(taxonomy.PATTERNS)}


@cache  # a cue is split once, though many rules cut down from its rule hold it
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


class _OnFirstUse:
    """A regular expression compiled the first time it is matched. ``match`` is the
    compiled pattern's own method from then on: no Python step is added per call."""

    __slots__ = ("source", "match")

    def __init__(self, source: str) -> None:
        self.source = source
        self.match = self._compile_and_match

    def _compile_and_match(self, text: str, position: int) -> re.Match[str] | None:
        self.compile()
        return self.match(text, position)

    def compile(self) -> None:
        # Two threads may both get here; each assigns the same compiled method.
        self.match = re.compile(self.source).match


def _compile(pattern_id: str, order: int, cues: tuple[Cue, ...], *, cut_down: bool = False) -> _Rule:
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
    # - a rule of one cue (most cut-down rules) has no groups at all: there is nothing
    #   to tell apart, and a pattern with groups costs more on every try (``lastindex``
    #   is then None, which is where ``cues`` and ``plain`` hold the cue).
    # A rule cut down to some of its cues (``_Side``) has had them checked whole, and is
    # only ever matched at a place, so it is compiled on first use: there are hundreds of
    # them, and a reply needs two or three.
    for cue in () if cut_down else cues:
        if re.compile(cue.regex).groups:
            raise ValueError(f"cue for {pattern_id} has a capturing group: {cue.regex}")
    word_start = [cue for cue in cues if cue.regex.startswith(r"\b")]
    anywhere = [cue for cue in cues if not cue.regex.startswith(r"\b")]
    pieces = [(piece, cue) for cue in word_start for piece in _word_start_alternatives(cue.regex)]
    # Groups are numbered by where their "(" stands in the source: word-start first.
    by_group: dict[int | None, Cue] = {
        number: cue
        for number, cue in enumerate([cue for _, cue in pieces] + anywhere, start=1)
    }
    mark = "()"
    if len(cues) == 1:
        by_group, mark = {None: cues[0]}, ""
    parts = []
    if pieces:
        parts.append("(?<!\\w)(?:" + "|".join(f"(?:{piece[2:]}){mark}" for piece, _ in pieces) + ")")
    parts.extend(f"(?:{cue.regex}){mark}" for cue in anywhere)
    if cut_down:
        regex = _OnFirstUse("|".join(parts))
    elif (regex := re.compile("|".join(parts))).groups != (groups := len(by_group) if mark else 0):  # pragma: no cover
        raise AssertionError(f"{pattern_id}: expected {groups} groups, got {regex.groups}")  # guards the numbering
    single_sources = tuple(
        (("(?<!\\w)" if cue.regex.startswith(r"\b") else "") + cue.regex, cue) for cue in word_start + anywhere
    )
    # Only cut-down rules are tried at places, where hits without checks are built at once.
    plain = {
        number: parts
        for number, cue in by_group.items()
        if not (cue.negatable or cue.at_sentence_start) and (parts := _reason_parts(cue.reason))
    } if cut_down else {}
    return _Rule(pattern_id, order, regex, by_group, single_sources, [], plain)


@dataclass(frozen=True, slots=True)
class _Side:
    """The rules of one side (client or therapist), and where in a reply to try each.

    Every place a match of a rule can start is a place where one of its cues' literal
    prefixes starts (``triggers.prefixes``). One pass over the reply finds those places
    (``automaton``, read by ``_find``): the longest prefix at each place is kept, and
    since every other prefix found there is a prefix of that one, the tables map it to
    the rules of all of them (at a word start: of every cue; elsewhere: of the cues that
    need no word start).
    A rule is then tried only at its own places, in text order, so its first accepted
    match is the one a search from the start would give.

    What the tables hold for a rule is the rule cut down to the cues that can start
    with that prefix (one or two of its dozens, usually), each cut-down rule compiled
    once and shared by every prefix that needs it. The cues left out cannot match there,
    so the first cue that does is the one the whole rule would report, and trying a
    rule at a place costs a few alternatives instead of all of them.
    """

    rules: tuple[_Rule, ...]

    # Every prefix of a cue -> (its length - 1, its rules from ``word_rules``, from
    # ``anywhere_rules`` (None unless it is the prefix of a cue that needs no word start,
    # such as "[*(]\s*sighs"), whether it is also a contraction typed without its
    # apostrophe), as an Aho-Corasick automaton: one pass in C finds every prefix at
    # every place in the reply, where a regular expression of them all, tried at each
    # word start, took a third of the analysis. None: no such cues.
    automaton: Any
    word_rules: dict[str, tuple[_Rule, ...]]
    anywhere_rules: dict[str, tuple[_Rule, ...]]
    # Rules with a cue that can only match at the start of the reply ("^\s*..."), tried
    # there when one of those cues matches (``start_cues``).
    at_start: tuple[_Rule, ...]
    start_cues: re.Pattern[str] | None
    # Rules with a cue whose first words cannot be read: searched from the start
    # whenever the text holds one of the strings every match of that cue contains
    # (None: always). Looked for with ``in``: quicker than one expression of them all.
    searched: tuple[tuple[_Rule, tuple[str, ...] | None], ...]
    # The lexicon's ``subsumes``, for this side's pattern ids only (often none).
    subsumes: dict[str, tuple[str, ...]]


def _cue_prefixes(regex: str) -> frozenset[str] | None:
    """The prefixes of a cue (``triggers.prefixes``), run on past a ``\\s`` where one is
    a letter or two long, if that keeps every one at least as long: \\bi\\s*(?:'m|am|...)
    then starts with "i'", "ia" or "i " instead of "i", which is inside many words and
    begins "it", "is" and "if". Over the labelled corpus that took off over a quarter of
    the automaton's reports and one try in ten (of that cue, at such a place, in vain)."""
    plain = triggers.prefixes(regex)
    if not plain or min(map(len, plain)) > 2:  # None, START_ONLY, or selective already
        return plain
    spelled = triggers.prefixes(regex, spaces=True)
    if spelled and all(prefix.startswith(tuple(plain)) for prefix in spelled):
        return spelled
    return plain


def _side(
    rules: tuple[_Rule, ...], apostrophe_free: tuple[str, ...], subsumes: dict[str, tuple[str, ...]]
) -> _Side:
    word_start: dict[str, set[_Rule]] = {}
    anywhere: dict[str, set[_Rule]] = {}
    # The prefixes of each cue that has them, to cut rules down (see ``_Side``).
    cue_prefixes: dict[int, tuple[bool, frozenset[str]]] = {}
    at_start, start_cues, searched = [], [], []
    for rule in rules:
        unread = []
        for cue in {id(cue): cue for cue in rule.cues.values()}.values():
            found = _cue_prefixes(cue.regex)
            if found is None:
                unread.append(cue)
            elif found is triggers.START_ONLY:
                at_start.append(rule)
                start_cues.append(f"(?:{cue.regex})")
            else:
                at_word_start = cue.regex.startswith(r"\b")
                cue_prefixes[id(cue)] = (at_word_start, found)
                for prefix in found:
                    (word_start if at_word_start else anywhere).setdefault(prefix, set()).add(rule)
        if unread:
            gates = [triggers.required(cue.regex) for cue in unread]
            gate = None if any(g is None for g in gates) else tuple(sorted(frozenset().union(*gates)))
            searched.append((rule, gate))
    always = {rule for rule, gate in searched if gate is None}
    # At a word start, "anywhere" cues may start too.
    both = {prefix: word_start.get(prefix, set()) | anywhere.get(prefix, set()) for prefix in word_start | anywhere}
    shared: dict[tuple[str, tuple[int, ...]], _Rule] = {}

    def cut(rule: _Rule, place: str, word_starts_too: bool) -> _Rule:
        """``rule`` with only the cues that can match where ``place`` starts the text."""
        heads = {place[:k] for k in range(1, len(place) + 1)}
        keep = tuple(
            cue
            for cue in {id(cue): cue for cue in rule.cues.values()}.values()
            if (read := cue_prefixes.get(id(cue))) is not None
            and (word_starts_too or not read[0])
            and not heads.isdisjoint(read[1])
        )
        if not keep:  # pragma: no cover - a rule is only listed under a prefix of its cues
            raise AssertionError(f"{rule.pattern_id}: no cue starts with {place!r}")
        key = (rule.pattern_id, tuple(id(cue) for cue in keep))
        if key not in shared:
            shared[key] = _compile(rule.pattern_id, rule.order, keep, cut_down=True)
        return shared[key]

    def table(prefixes: dict[str, set[_Rule]], word_starts_too: bool) -> dict[str, tuple[_Rule, ...]]:
        # A place reports its longest prefix; the shorter ones found there are its
        # prefixes, so a prefix's rules include those of its longest shorter prefix.
        closed: dict[str, frozenset[_Rule]] = {}
        for prefix in sorted(prefixes, key=len):
            shorter = _longest_shorter(prefix, prefixes)
            closed[prefix] = frozenset(prefixes[prefix] - always).union(closed.get(shorter, ()))
        in_order: dict[tuple[_Rule, ...], tuple[_Rule, ...]] = {}
        tables = {}
        for prefix, found in closed.items():
            cut_rules = tuple(cut(rule, prefix, word_starts_too) for rule in sorted(found, key=lambda rule: rule.order))
            tables[prefix] = in_order.setdefault(cut_rules, cut_rules)
        return tables

    word_rules = table(both, word_starts_too=True)
    anywhere_rules = table(anywhere, word_starts_too=False)
    return _Side(
        rules=rules,
        automaton=_automaton(word_rules, anywhere_rules, apostrophe_free),
        word_rules=word_rules,
        anywhere_rules=anywhere_rules,
        at_start=tuple(sorted(set(at_start) - always, key=lambda rule: rule.order)),
        start_cues=re.compile("|".join(start_cues)) if start_cues else None,
        searched=tuple(searched),
        subsumes={pid: general for pid, general in subsumes.items() if pid in {rule.pattern_id for rule in rules}},
    )


def _longest_shorter(prefix: str, table: dict[str, Any]) -> str | None:
    """The longest of ``prefix``'s own prefixes that ``table`` holds, if any."""
    return next((prefix[:k] for k in range(len(prefix) - 1, 0, -1) if prefix[:k] in table), None)


def _automaton(
    word_rules: dict[str, tuple[_Rule, ...]],
    anywhere_rules: dict[str, tuple[_Rule, ...]],
    apostrophe_free: tuple[str, ...],
) -> Any:
    if not word_rules and not apostrophe_free:
        return None
    automaton = ahocorasick.Automaton()
    for prefix, rules in word_rules.items():  # every prefix (anywhere ones too)
        automaton.add_word(prefix, (len(prefix) - 1, rules, anywhere_rules.get(prefix), prefix in apostrophe_free))
    for form in apostrophe_free:
        if form not in word_rules:
            # Read as a prefix, "dont" is the longest prefix of the cues it starts with.
            shorter = _longest_shorter(form, word_rules)
            automaton.add_word(form, (len(form) - 1, word_rules.get(shorter, ()), None, True))
    automaton.make_automaton()
    return automaton


@dataclass(frozen=True, slots=True)
class _Compiled:
    """One language's lexicon, compiled (each side the first time it is asked for)."""

    words: lexicon.Lexicon
    sides: dict[taxonomy.Side, _Side]
    subsumes: dict[str, tuple[str, ...]]
    negated_before: re.Pattern[str]
    sentence_lead: re.Pattern[str]
    # "im" -> where the apostrophe of "i'm" goes (after 1 letter), for each contraction
    # people type without it. Only words standing alone: not "him", not "don't" itself.
    apostrophe_at: dict[str, int]
    # Over " " + the text: "[^\w'](?=(im|dont|...)(?![\w']))". Only used on a reply
    # where ``_Side.automaton`` has found one of those words.
    apostrophe_free: re.Pattern[str] | None

    def side(self, side: taxonomy.Side) -> _Side:
        compiled = self.sides.get(side)
        if compiled is None:
            cues = self.words.cues
            rules = tuple(_compile(p.id, _ORDER[p.id], cues[p.id]) for p in taxonomy.for_side(side) if p.id in cues)
            compiled = self.sides[side] = _side(rules, tuple(self.apostrophe_at), self.subsumes)
        return compiled


@cache
def _compiled(language: str) -> _Compiled:
    words = lexicon.load(language)
    apostrophe_at = {form.replace("'", ""): form.index("'") for form in words.apostrophe_free}
    return _Compiled(
        words=words,
        sides={},
        subsumes=words.subsumes,
        negated_before=re.compile(words.negation),
        sentence_lead=re.compile("(?:" + words.sentence_lead + ")$"),
        apostrophe_at=apostrophe_at,
        apostrophe_free=(
            re.compile(r"[^\w'](?=(" + _trie(sorted(apostrophe_at)) + r")(?![\w']))") if apostrophe_at else None
        ),
    )


def _normalise(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters lowercase to two ("İ"); keep those as they are so offsets
        # into the lowered text stay offsets into the original.
        lowered = "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)
    if lowered.isascii() and "`" not in lowered:
        return lowered  # nothing to straighten; translate() would look up every character
    return lowered.translate(_PLAIN)


def _with_apostrophes(words: _Compiled, lowered: str) -> tuple[str, tuple[int, ...]]:
    """``lowered`` with the apostrophe put back into "im", "dont", "thats"..., and where
    each one went (offsets into the result, in order). Nothing to restore: ``()``."""
    forms = words.apostrophe_free
    if forms is None:
        return lowered, ()
    spaced = " " + lowered  # the search needs a character before each word; see _Compiled
    pieces, inserted, last = [], [], 0
    for match in forms.finditer(spaced):
        at = match.start(1) - 1 + words.apostrophe_at[match[1]]
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
    if (
        len(evidence) <= _EVIDENCE_IN_REASON
        and evidence.isprintable()  # False for every whitespace character but " "
        and "  " not in evidence
        and evidence[:1] != " "
        and evidence[-1:] != " "
    ):
        return evidence  # already one line of single spaces: the common case, quicker
    shown = " ".join(evidence.split())
    if len(shown) > _EVIDENCE_IN_REASON:
        shown = shown[: _EVIDENCE_IN_REASON - 1].rstrip() + "\u2026"
    return shown


def _reason(template: str, evidence: str) -> str:
    """``template.format(e=short_evidence(evidence))``, by joining where it can."""
    parts = _reason_parts(template)
    if parts is False:
        return template.format(e=short_evidence(evidence))
    return parts[0] + short_evidence(evidence) + parts[1]


# Cached: joining three strings is several times quicker than str.format with a keyword,
# and the templates are bounded by the lexicon's reasons (not a cache of results).
@cache
def _reason_parts(template: str) -> tuple[str, str] | bool:
    """The text either side of the one "{e}" of a reason ("'", "' generalises"), or
    False when it has anything else to fill in (then ``format`` does it)."""
    fields = list(string.Formatter().parse(template))
    filled = [(field, spec, conversion) for _, field, spec, conversion in fields if field is not None]
    if filled != [("e", "", None)]:
        return False
    return fields[0][0], "".join(literal for literal, *_ in fields[1:])


# Hits are built by setting their slots directly: a frozen dataclass's __init__ sets each
# field through object.__setattr__, which took half of the time of building a hit.
_new_hit = object.__new__
_set_id, _set_start, _set_end, _set_evidence, _set_reason = (
    getattr(Hit, field).__set__ for field in ("id", "start", "end", "evidence", "reason")
)


def _make_hit(pattern_id: str, start: int, end: int, evidence: str, reason: str) -> Hit:
    hit = _new_hit(Hit)
    _set_id(hit, pattern_id)
    _set_start(hit, start)
    _set_end(hit, end)
    _set_evidence(hit, evidence)
    _set_reason(hit, reason)
    return hit


def _accepts(words: _Compiled, cue: Cue, lowered: str, start: int, end: int) -> bool:
    if end <= start:
        return False
    if cue.negatable and _is_negated(words, lowered, start):
        return False
    return not cue.at_sentence_start or _opens_sentence(words, lowered, start)


def _hit(
    words: _Compiled, rule: _Rule, match: re.Match[str], text: str, lowered: str, inserted: tuple[int, ...]
) -> Hit | None:
    """The hit ``match`` of ``rule`` stands for, or None when no cue holds there."""
    cue = rule.cues[match.lastindex]
    start, end = match.span()
    if not _accepts(words, cue, lowered, start, end):
        # The combined expression reports one cue per place; a rejected one (negated,
        # or not opening a sentence) may hide another cue that starts here too.
        if not rule.singles:  # one assignment: two threads at once build the same list
            rule.singles[:] = [(re.compile(source), other) for source, other in rule.single_sources]
        for single, other in rule.singles:
            if other is cue:
                continue
            again = single.match(lowered, start)
            if again is not None and _accepts(words, other, lowered, start, again.end()):
                cue, end = other, again.end()
                break
        else:
            return None
    if inserted:
        start, end = _original(start, inserted), _original(end, inserted)
    evidence = text[start:end]
    return _make_hit(rule.pattern_id, start, end, evidence, _reason(cue.reason, evidence))


def _first_hit(words: _Compiled, rule: _Rule, text: str, lowered: str, inserted: tuple[int, ...]) -> Hit | None:
    position = 0
    while (match := rule.regex.search(lowered, position)) is not None:
        hit = _hit(words, rule, match, text, lowered, inserted)
        if hit is not None:
            return hit
        position = match.start() + 1
    return None


def _stands_alone(lowered: str, start: int, end: int) -> bool:
    """Whether ``lowered[start:end + 1]`` is a whole word with no apostrophe either side,
    as ``_Compiled.apostrophe_free`` finds the words it restores."""
    if start and lowered[start - 1] == "'":
        return False
    after = lowered[end + 1 : end + 2]  # "" at the end of the reply
    return not (after.isalnum() or after in ("_", "'"))


def _find(
    words: _Compiled, side: _Side, text: str, lowered: str, inserted: tuple[int, ...], restored: bool = True
) -> list[Hit] | None:
    """The first hit of each rule of ``side`` in ``lowered``, in text order (and, at one
    place, in taxonomy order). None when ``restored`` is False and a word lacks its
    apostrophe ("im"): then the apostrophes go back in before the reply is read."""
    # Where a word starts with a prefix of a cue -> the rules to try there. The automaton
    # reports the prefixes found at one place shortest first, and the rules of the
    # longest include those of all the others: the last one stays.
    places: dict[int, tuple[_Rule, ...]] = {}
    if side.automaton is not None:
        for end, (back, rules, anywhere_rules, apostrophe_free) in side.automaton.iter(lowered):
            start = end - back
            if start and ((before := lowered[start - 1]).isalnum() or before == "_"):  # \w, as in re
                if anywhere_rules is not None:
                    places[start] = anywhere_rules
                continue
            if apostrophe_free and not restored and _stands_alone(lowered, start, end):
                return None
            places[start] = rules
    # rule order -> its hit; None once a rule is settled without one (searched whole).
    found: dict[int, Hit | None] = {}
    for rule, needles in side.searched:
        if needles is not None:
            for needle in needles:  # (a loop: quicker than any() for one to three)
                if needle in lowered:
                    break
            else:
                continue
        found[rule.order] = _first_hit(words, rule, text, lowered, inserted)
    if side.start_cues is not None and side.start_cues.match(lowered) is not None:
        _try(words, side.at_start, 0, found, text, lowered, inserted)
    # Hits found so far may stand anywhere; those of the places come in text order.
    out_of_order = bool(found)
    # (The loop of _try, with hits that need no checks built here.)
    for at in sorted(places) if len(places) > 1 else places:
        for rule in places[at]:
            if rule.order in found or (match := rule.regex.match(lowered, at)) is None:
                continue
            end = match.end()
            reason = rule.plain.get(match.lastindex)
            if reason is not None and end > at and not inserted:
                # Most hits: a cue that needs no check, offsets that need no mapping.
                evidence = text[at:end]
                found[rule.order] = _make_hit(
                    rule.pattern_id, at, end, evidence, reason[0] + short_evidence(evidence) + reason[1]
                )
            elif (hit := _hit(words, rule, match, text, lowered, inserted)) is not None:
                found[rule.order] = hit
    hits = list(filter(None, found.values()))  # (a Hit is never false; None is)
    if out_of_order and len(hits) > 1:
        hits.sort(key=_text_order)
    return hits


def _try(
    words: _Compiled,
    rules: tuple[_Rule, ...],
    at: int,
    found: dict[int, Hit | None],
    text: str,
    lowered: str,
    inserted: tuple[int, ...],
) -> None:
    """Try ``rules`` at ``at``, each not settled yet; record the hits."""
    for rule in rules:
        if rule.order in found or (match := rule.regex.match(lowered, at)) is None:
            continue
        if (hit := _hit(words, rule, match, text, lowered, inserted)) is not None:
            found[rule.order] = hit


def _text_order(hit: Hit) -> tuple[int, int]:
    return hit.start, _ORDER[hit.id]


def analyze(text: str, role: str = "client", *, language: str = lexicon.DEFAULT_LANGUAGE) -> list[Hit]:
    """The patterns of ``role``'s side found in ``text``, at most one hit per pattern id,
    in text order. ``role`` is ``"client"`` or ``"therapist"``; anything else is a
    ``ValueError``. Any text is accepted; text with nothing recognisable gives ``[]``.
    ``language`` picks the lexicon (``lexicons/<language>.yaml``); one that is missing
    or unusable is a ``lexicon.LexiconError``."""
    side = _SIDES.get(role) if isinstance(role, str) else None
    if side is None:
        raise ValueError(f"role must be 'client' or 'therapist', not {role!r}")
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if not text or text.isspace():
        return []
    # Typed "im tired" reads as "i'm tired"; offsets are mapped back to ``text``.
    words = _compiled(language)
    compiled_side = words.sides.get(side) or words.side(side)
    lowered = _normalise(text)
    hits = _find(words, compiled_side, text, lowered, (), False)
    if hits is None:
        lowered, inserted = _with_apostrophes(words, lowered)
        hits = _find(words, compiled_side, text, lowered, inserted)
    subsumes = compiled_side.subsumes
    if subsumes and len(hits) > 1:
        covered = {general for hit in hits for general in subsumes.get(hit.id, ())}
        if covered:
            hits = [hit for hit in hits if hit.id not in covered]
    return hits


def warm_up(language: str = lexicon.DEFAULT_LANGUAGE, *, every_rule: bool = True) -> None:
    """Read ``language``'s lexicon and compile both sides now, so that no reply waits
    for a compile. ``every_rule=False`` leaves the cut-down rules (a few hundred; about
    0.3 s of CPU) to be compiled as replies need them, a millisecond or two each: for a
    server where many people's apps start at once."""
    compiled = _compiled(language)
    for side in taxonomy.Side:
        tables = compiled.side(side)
        if not every_rule:
            continue
        cut_down = {
            id(rule): rule.regex
            for table in (tables.word_rules, tables.anywhere_rules)
            for rules in table.values()
            for rule in rules
        }
        for regex in cut_down.values():
            regex.compile()
