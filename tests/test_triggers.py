"""analysis.triggers: the literal text a cue's matches must start with (or contain).

The analyzer tries a pattern only where one of these prefixes starts, so a prefix set
that missed a real match would lose a finding. Beyond the examples, a property test
checks every cue of the bundled lexicon against generated replies: wherever a cue
matches, one of its prefixes starts there.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

from cue_texts import CUES, replies
from ipt_roleplay.analysis.triggers import SPACES, START_ONLY, prefixes, required


@pytest.mark.parametrize(
    ("regex", "expected"),
    [
        (r"\byou (?:never|always)\b", {"you never", "you always"}),
        (r"\b(?:so )?sorry\b", {"so sorry", "sorry"}),
        (r"[*(]\s*sighs", {"*", "("}),
        (r"(?<!not )\bsorry\b", {"sorry"}),  # a look-behind narrows where, not what
        (r"\bi\s*(?:'m|am)\b", {"i"}),  # \s* could be any space: the prefix stops there
        (r"\bdon't(?= you)", {"don't"}),
        (r"\bla{2,3}\b", {"la"}),
        (r"\babcdefghijklmnopqrstuvwxyz", {"abcdefghijklmn"}),  # at most 14 characters
    ],
)
def test_prefixes_of_a_cue(regex: str, expected: set[str]) -> None:
    assert prefixes(regex) == expected


@pytest.mark.parametrize("regex", [r"\s*sorry", r"\b\w+n't ever\b", r"(?:sorry)?", r"[^.]{1,40}\?", r"(?i)sorry"])
def test_no_prefixes_where_a_match_could_start_with_anything(regex: str) -> None:
    assert prefixes(regex) is None


def test_a_cue_anchored_at_the_start_is_start_only() -> None:
    assert prefixes(r"^\s*(?:yeah|ok)[.!]*$") is START_ONLY


def test_many_alternatives_are_cut_to_shorter_prefixes() -> None:
    words = [f"w{a}{b}x" for a in "abcdefghij" for b in "abcdefghij"]  # 100 alternatives
    found = prefixes(r"\b(?:" + "|".join(words) + r")\b")
    assert found is not None and 1 <= len(found) <= 64
    assert all(any(word.startswith(prefix) for prefix in found) for word in words)


@pytest.mark.parametrize(
    ("regex", "expected"),
    [
        (r"\b(?:\w+n't|\w+'d|would) ever\b", {" ever"}),
        (r"\b(?:not|\w+n't) (?:a )?big (?:problem|deal|issue)\b", {"big "}),
        (r"\b(?:\w+n't|never) (?:problem|deal)\b", {"problem", "deal"}),
        (r"\w+", None),
    ],
)
def test_required_text(regex: str, expected: set[str] | None) -> None:
    assert required(regex) == expected


# Each cue's prefixes, without and with spaces spelled out (``spaces``).
_READ = {
    spaces: [(re.compile(regex), found) for regex in CUES if (found := prefixes(regex, spaces=spaces))]
    for spaces in (False, True)
}
_reply = replies()


def test_almost_every_bundled_cue_has_prefixes() -> None:
    assert len(_READ[False]) >= 0.95 * len(CUES)


@pytest.mark.parametrize("spaces", [False, True])
@settings(max_examples=25, deadline=None)
@given(reply=_reply)
def test_wherever_a_bundled_cue_matches_one_of_its_prefixes_starts(spaces: bool, reply: str) -> None:
    for compiled, found in _READ[spaces]:
        for at in range(len(reply)):
            match = compiled.match(reply, at)
            if match is not None and match.end() > at:
                assert any(reply.startswith(prefix, at) for prefix in found), (compiled.pattern, reply, at)


@settings(max_examples=15, deadline=None)
@given(_reply)
def test_start_only_cues_match_nowhere_else(reply: str) -> None:
    for regex in CUES:
        if prefixes(regex) is START_ONLY:
            compiled = re.compile(regex)
            assert all(compiled.match(reply, at) is None for at in range(1, len(reply)))


def test_spaces_lists_every_character_backslash_s_matches() -> None:
    every = "".join(map(chr, range(0x110000)))
    assert SPACES == "".join(re.findall(r"\s", every))


@pytest.mark.parametrize(
    ("regex", "expected"),
    [
        (r"\bi\s*(?:'m|am)\b", {"i'm", "iam"} | {"i" + space for space in SPACES}),
        (r"[*(]\s*sighs", {"*sighs", "(sighs"} | {mark + space for mark in "*(" for space in SPACES}),
        (r"\bla{2,3}\b", {"la"}),  # no \s: as without spaces=True
    ],
)
def test_spelling_out_spaces_lets_a_prefix_run_on(regex: str, expected: set[str]) -> None:
    assert prefixes(regex, spaces=True) == expected
