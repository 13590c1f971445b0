"""Behaviour of analysis.analyzer: which patterns, which spans, and robustness."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --- one example per pattern, with the words that should be the evidence ---------

PER_PATTERN = [
    ("client", "indirect_nonverbal", "*bangs the pan down on the hob*", "*bangs the pan down on the hob*"),
    ("client", "indirect_verbal", "Funny how my coffee cup is the only one that gets washed.", "Funny how"),
    ("client", "assumed_communicated", "You should have known I wanted to come.", "You should have known"),
    ("client", "assumed_understood", "I know you think I'm useless with money.", "I know you think"),
    ("client", "closing_off", "Whatever. I'm going to bed.", "Whatever"),
    ("client", "blaming", "The whole evening was ruined and it's your fault.", "your fault"),
    ("client", "absolute", "You're constantly on that phone.", "constantly"),
    ("client", "contempt", "Oh brilliant, you burnt it again.", "Oh brilliant"),
    ("client", "defensive", "It's not my fault the train was cancelled.", "It's not my fault"),
    ("client", "ultimatum", "Either the dog goes or I do.", "Either the dog goes or I do"),
    ("client", "i_statement", "I felt so small when you laughed.", "I felt so small"),
    ("client", "direct_request", "Could you call your mum back tonight?", "Could you call your mum back tonight?"),
    ("client", "checks_understanding", "Do you mean the whole weekend?", "Do you mean"),
    ("client", "validation", "That makes sense, the commute is brutal.", "That makes sense"),
    ("client", "owns_part", "I'm sorry I forgot to ring.", "I'm sorry"),
    ("client", "open_question", "How are you feeling about the move?", "How are you feeling about the move?"),
    ("client", "repair", "That came out wrong, let me try again.", "That came out wrong"),
    ("therapist", "exploratory_question", "Tell me more about Sunday.", "Tell me more"),
    ("therapist", "interpersonal_inventory", "Who are the people you rely on?", "Who are"),
    ("therapist", "encourage_affect", "It sounds like you're still really angry.", "It sounds like you're still really angry"),
    ("therapist", "clarification", "Let me check I've understood you.", "Let me check I've"),
    ("therapist", "communication_analysis", "What exactly did you say to him?", "What exactly did you say"),
    ("therapist", "decision_analysis", "What are your options here?", "What are your options"),
    ("therapist", "role_play", "Shall we rehearse it together?", "rehearse"),
    ("therapist", "link_mood_event", "How has your mood been since the argument?", "your mood"),
    ("therapist", "psychoeducation", "Depression is an illness, not a weakness.", "Depression is"),
    ("therapist", "closed_question", "Is he helping at all?", "Is he helping at all?"),
    ("therapist", "premature_advice", "You need to tell her how you feel.", "You need to"),
    ("therapist", "off_model", "Perhaps this goes back to your childhood.", "goes back to"),
    ("therapist", "judgmental", "Honestly, that seems like an overreaction.", "overreaction"),
]


def test_every_pattern_of_the_taxonomy_has_an_example_here() -> None:
    assert {pattern_id for _, pattern_id, _, _ in PER_PATTERN} == taxonomy.IDS


@pytest.mark.parametrize(("role", "pattern_id", "text", "expected"), PER_PATTERN)
def test_each_pattern_is_found_with_its_evidence(role: str, pattern_id: str, text: str, expected: str) -> None:
    hit = next((h for h in analyze(text, role) if h.id == pattern_id), None)
    assert hit is not None, f"{pattern_id} not found in {text!r}: {ids(text, role)}"
    assert hit.evidence == expected
    assert hit.start == text.index(expected)


# --- negation ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm not blaming you.",
        "It's not your fault.",
        "It isn't your fault, honestly.",
        "I'm not saying you're lazy.",
        "I would never call you selfish.",
    ],
)
def test_negated_blame_is_not_blaming(text: str) -> None:
    assert "blaming" not in ids(text)


def test_you_never_is_absolute_and_blaming() -> None:
    assert {"absolute", "blaming"} <= set(ids("You never ask about my day."))
    assert evidence("You never ask about my day.", "blaming") == "You never"


def test_i_never_meant_to_is_neither_blaming_nor_absolute() -> None:
    found = ids("I never meant to upset you.")
    assert "blaming" not in found and "absolute" not in found
    assert "owns_part" in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I don't feel heard.", "I don't feel heard"),
        ("I didn't feel supported on Friday.", "I didn't feel supported"),
        ("I'm not angry, I'm worried.", "I'm not angry"),
    ],
)
def test_negated_feelings_are_still_i_statements(text: str, expected: str) -> None:
    assert evidence(text, "i_statement") == expected


def test_not_always_is_not_an_absolute() -> None:
    assert "absolute" not in ids("You don't always have to be the one who cooks.")
    assert "absolute" not in ids("It's not everything, it's just Tuesdays.")


def test_a_negated_apology_is_not_owning_a_part() -> None:
    assert "owns_part" not in ids("I'm not sorry.")
    assert "owns_part" not in ids("It's not my fault.")
    assert "defensive" in ids("It's not my fault.")


def test_a_negation_in_an_earlier_sentence_does_not_reach_over() -> None:
    assert "blaming" in ids("Not now. You're so selfish.")


# --- questions -----------------------------------------------------------------


def test_can_you_question_is_a_request_not_an_accusation() -> None:
    found = ids("Can you pick the kids up on Thursday?")
    assert "direct_request" in found and "blaming" not in found


def test_why_do_you_always_is_blaming_and_absolute_not_a_request_or_open_question() -> None:
    found = ids("Why do you always leave your shoes in the hall?")
    assert {"blaming", "absolute"} <= set(found)
    assert "direct_request" not in found and "open_question" not in found


def test_hostile_what_question_is_not_an_open_question() -> None:
    assert "open_question" not in ids("What is wrong with you?")
    assert "contempt" in ids("What are you, five?")


def test_therapist_yes_no_question_is_closed_and_open_one_is_exploratory() -> None:
    assert ids("Did that upset you?", "therapist") == ["closed_question"]
    found = ids("What was that like for you?", "therapist")
    assert "exploratory_question" in found and "closed_question" not in found


def test_can_you_tell_me_more_is_not_a_closed_question() -> None:
    found = ids("Can you tell me more about that?", "therapist")
    assert "exploratory_question" in found and "closed_question" not in found


def test_mind_reading_turned_into_a_question_is_checking_not_assuming() -> None:
    assert "assumed_understood" in ids("You'd rather be at work.")
    found = ids("Are you saying you'd rather be at work?")
    assert "assumed_understood" not in found and "checks_understanding" in found


# --- non-verbal actions ------------------------------------------------------------


@pytest.mark.parametrize("text", ["*sighs*", "(walks out)", "[long silence]", "*rolls eyes*", "(slams the door)"])
def test_written_actions_are_indirect_nonverbal(text: str) -> None:
    assert evidence(text, "indirect_nonverbal") == text


@pytest.mark.parametrize("text", ["I *really* need you to listen.", "We could go on Friday (if that works)."])
def test_emphasis_and_asides_are_not_actions(text: str) -> None:
    assert "indirect_nonverbal" not in ids(text)


# --- mixed replies -------------------------------------------------------------------


def test_a_mixed_reply_reports_each_pattern_at_its_own_words() -> None:
    text = "I'm sorry I shouted, but you never help. Could you do bath time tonight?"
    hits = {h.id: h for h in analyze(text)}
    assert {"owns_part", "blaming", "absolute", "direct_request"} <= set(hits)
    assert hits["owns_part"].evidence == "I'm sorry"
    assert hits["blaming"].evidence == "you never"
    assert hits["absolute"].evidence == "never"
    assert hits["direct_request"].evidence == "Could you do bath time tonight?"
    assert hits["owns_part"].start < hits["blaming"].start < hits["direct_request"].start


def test_a_plain_factual_reply_has_no_patterns() -> None:
    assert analyze("The parcel came at ten and I put it in the shed.") == []


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


# --- properties over arbitrary text ---------------------------------------------------

# Words the rules care about, so generated text reaches deep into the cues rather than
# only testing that gibberish finds nothing.
_WORDS = st.sampled_from(
    "you I never always not n't sorry feel hurt could can why what how so fault "
    "whatever * ( ) [ ] ? . , ! ' \u2019 \n either or if leave mood tell me more "
    "İ ß 我 \x00 \x1b".split(" ")
)
_TEXT = st.one_of(st.text(max_size=300), st.lists(_WORDS, max_size=60).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, role=st.sampled_from(["client", "therapist"]))
def test_any_text_gives_well_formed_hits(text: str, role: str) -> None:
    hits = analyze(text, role)
    side = set(taxonomy.CLIENT_IDS if role == "client" else taxonomy.THERAPIST_IDS)
    assert len({h.id for h in hits}) == len(hits)
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    for hit in hits:
        assert hit.id in side
        assert 0 <= hit.start < hit.end <= len(text)
        assert text[hit.start : hit.end] == hit.evidence
        assert hit.reason and "\n" not in hit.reason
    assert analyze(text, role) == hits
