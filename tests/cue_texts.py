"""Shared by the analyzer's property tests: the bundled English cues, and replies built
from text generated to match them (hypothesis reads each regex itself, so the text does
not depend on the code under test)."""

from __future__ import annotations

from hypothesis import strategies as st

from ipt_roleplay.analysis import lexicon

CUES = [cue.regex for cues in lexicon.load("en").cues.values() for cue in cues]
# Between pieces: punctuation, stage-direction marks, and words that negate or lead.
GLUE = [" ", ", ", ". ", "? ", "! ", "'", " *", "(", ")", "\n", "not ", "so ", "I ", "you "]


def _generatable(regex: str) -> bool:
    try:
        st.from_regex(regex, fullmatch=True).validate()
    except Exception:  # noqa: BLE001 - a construct hypothesis cannot generate from
        return False
    return True


cue_text = st.sampled_from([regex for regex in CUES if _generatable(regex)]).flatmap(
    lambda regex: st.from_regex(regex, fullmatch=True)
)


def replies(*more: st.SearchStrategy[str], pieces: int = 8) -> st.SearchStrategy[str]:
    """Replies of up to ``pieces`` pieces: cue text, glue, or whatever ``more`` draws."""
    return st.lists(st.one_of(cue_text, st.sampled_from(GLUE), *more), max_size=pieces).map("".join)
