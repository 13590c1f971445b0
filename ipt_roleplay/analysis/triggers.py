"""The literal text every match of a regular expression must start with.

The analyzer has some 400 cues. Searching the reply once per pattern cost most of its
time, though a typical reply can match only two or three patterns. So each cue is read
(with the standard library's own regular-expression parser) for the words its matches
can start with: ``\\byou (?:never|always)`` starts with "you never" or "you always",
``[*(]\\s*sighs`` with "*" or "(". One pass over the reply finds every place where such a
word starts, and only the patterns with a cue starting there are tried, only there.

The reading is conservative: where it cannot tell (a cue opening with ``\\s*`` or
``[^.]``), it says ``None`` and the analyzer searches that pattern the ordinary way.
"""

from __future__ import annotations

from typing import Any

try:  # Python 3.11+: the parser behind ``re.compile``
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - a Python without it searches every cue
    sre = sre_parse = None  # type: ignore[assignment]

__all__ = ["SPACES", "START_ONLY", "prefixes", "required"]

# Prefix sets larger than this, or prefixes longer, are cut short: a shorter prefix is
# still one every match starts with, just a less selective one.
_MAX_PREFIXES = 64
_MAX_LENGTH = 14
# A character class of at most this many plain characters is spelled out.
_MAX_CLASS = 12

# Every character ``\s`` matches in a str pattern (what ``str.isspace`` is true for), as
# ``prefixes(..., spaces=True)`` spells it out.
SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"

# What ``prefixes`` returns for a cue that can only match at the very start of the reply.
START_ONLY: frozenset[str] = frozenset()

_Set = frozenset[tuple[str, bool]]  # (prefix, whether it is the whole match so far)


def prefixes(regex: str, *, spaces: bool = False) -> frozenset[str] | None:
    """Strings one of which every non-empty match of ``regex`` starts with; ``START_ONLY``
    when it can only match at the start of the text; ``None`` when no useful set exists.

    A ``\\s`` ends a prefix, unless ``spaces``: then each of the characters it matches
    (``SPACES``) is spelled out, so ``\\bi\\s*(?:'m|am)`` starts with "i'", "ia", "i " or
    "i" and another space rather than just "i". That is many more prefixes, and they may
    be cut shorter elsewhere in the cue to stay within the limit."""
    if sre_parse is None:  # pragma: no cover
        return None
    try:
        parsed = sre_parse.parse(regex)
        if parsed.state.flags & (sre.SRE_FLAG_IGNORECASE | sre.SRE_FLAG_MULTILINE | sre.SRE_FLAG_VERBOSE):
            return None
        items = list(parsed)
        if _starts_at_beginning(items):
            return START_ONLY
        found = _sequence(items, spaces)
    except Exception:  # noqa: BLE001 - an unreadable shape only costs speed, never findings
        return None
    if found is None or any(not prefix for prefix, _ in found):
        return None
    return frozenset(prefix for prefix, _ in found)


def required(regex: str) -> frozenset[str] | None:
    """Strings one of which every match of ``regex`` contains somewhere, such as " ever"
    for ``\\b(?:\\w+n't|would) ever\\b``; ``None`` when there is no such set."""
    if sre_parse is None:  # pragma: no cover
        return None
    try:
        found = _required_sequence(list(sre_parse.parse(regex)))
    except Exception:  # noqa: BLE001 - as in prefixes
        return None
    return found if found and all(found) else None


def _required_sequence(items: list[Any]) -> frozenset[str] | None:
    choices: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: the literals either side of it are still adjacent
        if run:
            choices.append(frozenset({run}))
            run = ""
        found = _required_item(op, av)
        if found:
            choices.append(found)
    if run:
        choices.append(frozenset({run}))
    # The most selective: the set whose shortest string is longest.
    return max(choices, key=lambda strings: (min(map(len, strings)), -len(strings)), default=None)


def _required_item(op: Any, av: Any) -> frozenset[str] | None:
    if op is sre.SUBPATTERN:
        return _required_sequence(list(av[3]))
    if op is sre.ATOMIC_GROUP:
        return _required_sequence(list(av))
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _required_sequence(list(branch))
            if not found:
                return None
            union |= found
        return frozenset(union)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
        return _required_sequence(list(av[2]))
    return None


def _starts_at_beginning(items: list[Any]) -> bool:
    for op, av in items:
        if op is sre.AT:
            if av in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING):
                return True
            continue
        return False
    return False


def _sequence(items: list[Any], spaces: bool) -> _Set | None:
    found: _Set = frozenset({("", True)})
    for op, av in _literal_runs(items):
        if not any(whole for _, whole in found):
            break
        step = frozenset({(av, True)}) if op is _RUN else _item(op, av, spaces)
        grown = set()
        for prefix, whole in found:
            if not whole or step is None:
                grown.add((prefix, False))
                continue
            for more, more_whole in step:
                joined = prefix + more
                if len(joined) > _MAX_LENGTH:
                    grown.add((joined[:_MAX_LENGTH], False))
                else:
                    grown.add((joined, more_whole))
        if any(not prefix and not whole for prefix, whole in grown):
            return None
        found = _shrink(frozenset(grown))
    return found


_RUN = object()  # a run of literal characters, taken as one step


def _literal_runs(items: list[Any]) -> list[tuple[Any, Any]]:
    """``items`` with each run of literal characters joined into one ``(_RUN, text)``."""
    joined: list[tuple[Any, Any]] = []
    for op, av in items:
        if op is sre.LITERAL:
            if joined and joined[-1][0] is _RUN:
                joined[-1] = (_RUN, joined[-1][1] + chr(av))
            else:
                joined.append((_RUN, chr(av)))
        else:
            joined.append((op, av))
    return joined


def _shrink(found: _Set) -> _Set:
    """``found`` cut to shorter prefixes until there are at most ``_MAX_PREFIXES``."""
    length = max((len(prefix) for prefix, _ in found), default=0)
    while len(found) > _MAX_PREFIXES and length > 1:
        length -= 1
        found = frozenset(
            (prefix[:length], whole and len(prefix) <= length) for prefix, whole in found
        )
    return found


def _item(op: Any, av: Any, spaces: bool) -> _Set | None:
    if op is sre.LITERAL:
        return frozenset({(chr(av), True)})
    if op is sre.IN and spaces and av == [(sre.CATEGORY, sre.CATEGORY_SPACE)]:
        return frozenset((ch, True) for ch in SPACES)
    if op is sre.IN:
        chars = _class(av)
        return None if chars is None else frozenset((ch, True) for ch in chars)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        # Zero width: it narrows where a match may be, never what it starts with.
        return frozenset({("", True)})
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, pattern = av
        if add_flags & (sre.SRE_FLAG_IGNORECASE | sre.SRE_FLAG_VERBOSE):
            return None
        return _sequence(list(pattern), spaces)
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av), spaces)
    if op is sre.BRANCH:
        union: set[tuple[str, bool]] = set()
        for branch in av[1]:
            found = _sequence(list(branch), spaces)
            if found is None:
                return None
            union |= found
        return _shrink(frozenset(union))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, high, pattern = av
        found = _sequence(list(pattern), spaces)
        if found is None:
            return None
        if high != 1:
            found = frozenset((prefix, False) for prefix, _ in found)
        return found | {("", True)} if low == 0 else found
    return None


def _class(members: list[Any]) -> list[str] | None:
    chars = []
    for op, av in members:
        if op is sre.LITERAL:
            chars.append(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.extend(chr(code) for code in range(av[0], av[1] + 1))
        else:
            return None
    return chars if len(chars) <= _MAX_CLASS else None
