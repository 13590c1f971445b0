"""Behaviour of analysis.analyzer: which patterns, which spans, and robustness."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.analysis.analyzer import Hit, analyze
from ipt_roleplay.analysis.lexicon import CUES


def ids(text: str, role: str = "client") -> list[str]:
    return [hit.id for hit in analyze(text, role)]


def evidence(text: str, pattern_id: str, role: str = "client") -> str:
    matching = [hit for hit in analyze(text, role) if hit.id == pattern_id]
    assert matching, f"{pattern_id} not found in {text!r}: {ids(text, role)}"
    return matching[0].evidence


# --- the shape of the result ------------------------------------------------------


def test_hit_is_a_frozen_slotted_dataclass() -> None:
    hit = analyze("You never listen.")[0]
    assert isinstance(hit, Hit)
    assert not hasattr(hit, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.id = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "You never listen. Can you call me at six?",
        "I\u2019m sorry, I know I snapped. *sighs* Could you give me a minute?",
        "Honestly?? Whatever. It\u2019s ALL your fault and you ALWAYS do this!!",
    ],
)
def test_every_span_is_the_evidence_in_the_original_text(text: str) -> None:
    hits = analyze(text)
    assert hits
    for hit in hits:
        assert text[hit.start : hit.end] == hit.evidence
        assert hit.evidence.strip()


def test_hits_are_in_text_order_with_one_per_pattern() -> None:
    hits = analyze("You never help. You never even ask. Everything falls to me, always.")
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    assert len({h.id for h in hits}) == len(hits)
    # The first evidence is the one kept.
    assert evidence("You never help. You always forget.", "absolute") == "never"


def test_reason_quotes_the_evidence_in_a_short_sentence() -> None:
    hit = next(h for h in analyze("You always forget.") if h.id == "absolute")
    assert hit.reason == "'always' generalises"


def test_same_text_gives_the_same_hits() -> None:
    text = "I feel ignored when you're on your phone. Could you put it away at dinner?"
    assert analyze(text) == analyze(text)


def test_lexicon_only_names_taxonomy_ids() -> None:
    assert set(CUES) <= taxonomy.IDS


# --- roles ------------------------------------------------------------------------


def test_client_role_only_returns_client_patterns() -> None:
    text = "Did that upset you? You should just tell him. You never listen."
    assert set(ids(text, "client")) <= set(taxonomy.CLIENT_IDS)
    assert "absolute" in ids(text, "client")


def test_therapist_role_only_returns_therapist_patterns() -> None:
    text = "Did that upset you? You should just tell him. You never listen."
    found = ids(text, "therapist")
    assert set(found) <= set(taxonomy.THERAPIST_IDS)
    assert {"closed_question", "premature_advice"} <= set(found)


def test_unknown_role_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="client"):
        analyze("hello", role="parent")


def test_side_enum_is_accepted_as_role() -> None:
    assert ids("You always do this.", taxonomy.Side.CLIENT) == ids("You always do this.")


# --- robustness -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "\x00\x01\x02\x1b[31m\x7f",
        "我不想再谈这个了。",
        "Я не хочу об этом говорить.",
        "🙂🙃" * 50,
        "İstanbul İİİ ǅ ß",
        "?" * 500,
        "*" * 501,
        "(" * 300 + ")" * 300,
    ],
)
def test_odd_text_never_crashes_and_finds_nothing(text: str) -> None:
    assert analyze(text) == []
    assert analyze(text, "therapist") == []


def test_long_paste_is_analysed_with_correct_offsets() -> None:
    filler = "We went to the shops and then came home. " * 250
    text = filler + "It's all your fault."
    assert len(text) > 10_000
    hit = next(h for h in analyze(text) if h.id == "blaming")
    assert text[hit.start : hit.end] == hit.evidence
    assert hit.start > 9_000


def test_characters_that_lowercase_to_two_keep_offsets_right() -> None:
    text = "İİ You never call."
    hit = next(h for h in analyze(text) if h.id == "absolute")
    assert hit.evidence == "never"


def test_curly_apostrophes_match_like_straight_ones() -> None:
    assert "owns_part" in ids("I\u2019m sorry.")
    assert "i_statement" in ids("I don\u2019t feel heard.")


def test_non_string_input_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        analyze(None)  # type: ignore[arg-type]


def test_analysis_core_never_imports_textual() -> None:
    code = (
        "import sys; from ipt_roleplay.analysis.analyzer import analyze; analyze('You never'); "
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
