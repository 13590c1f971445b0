"""Typed replies: routing to the closest authored reply, and awkward input."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from ipt_roleplay.engine import routing
from ipt_roleplay.engine.session import Session, TypedReplyError, clean_typed
from ipt_roleplay.scenario.loader import load_scenario

CHORES = Path(__file__).parent / "scenarios" / "chores.yaml"


@pytest.fixture
def session():
    return Session(load_scenario(CHORES))


def test_typed_reply_goes_on_along_the_closest_authored_reply(session):
    turn = session.say("Why do you ALWAYS do this to me")
    assert turn.typed == "Why do you ALWAYS do this to me"
    assert turn.reply == turn.typed
    assert turn.heard_as == "Why do you always do this?"
    assert session.state_id == "escalation"
    assert turn.feedback.source == "analyzer"


def test_feedback_is_on_the_words_typed_with_evidence(session):
    turn = session.say("You never help, it's always me")
    ids = turn.feedback.pattern_ids
    assert "absolute" in ids
    absolute = next(p for p in turn.feedback.patterns if p.id == "absolute")
    start, end = absolute.span
    assert turn.typed[start:end] == absolute.evidence
    assert turn.feedback.rating == "unhelpful"
    assert turn.feedback.try_instead == "I'm sorry I'm late. I felt awful sitting in traffic."


def test_typed_reply_can_be_taken_back(session):
    session.say("Whatever")
    session.rewind(0)
    assert session.state_id == "arrival" and session.history == []


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\x00\x07\x1b"])
def test_empty_input_asks_again(session, text):
    with pytest.raises(TypedReplyError, match="type a reply"):
        session.say(text)
    assert session.history == []


def test_very_long_paste_is_handled(session):
    text = "I feel hurt when plans change. " * 330  # about 10,000 characters
    turn = session.say(text)
    assert len(turn.typed) > 9000
    assert session.state_id in {"talk", "escalation"}


@pytest.mark.parametrize(
    "text", ["Je suis désolé, j'étais coincé", "对不起，我迟到了", "مرحبا", "🙂🙂🙂", "[b]hi[/b]"]
)
def test_other_scripts_and_markup_are_plain_text(session, text):
    turn = session.say(text)
    assert turn.typed == text
    assert turn.heard_as in [c.reply for c in load_scenario(CHORES).states["arrival"].choices]


def test_control_characters_are_removed():
    assert clean_typed("hi\x00 there\x1b[31m\n  you") == "hi there[31m you"


def test_free_text_off_refuses_typed_replies():
    scenario = msgspec.structs.replace(load_scenario(CHORES), free_text=False)
    with pytest.raises(TypedReplyError, match="pick one of the replies"):
        Session(scenario).say("hello")


def test_ranking_is_deterministic_and_best_first(session):
    options = [(o.index, o.choice) for o in session.options()]
    first = routing.rank([], "", options, "client")
    assert first == routing.rank([], "", options, "client")
    assert [m.score for m in first] == sorted((m.score for m in first), reverse=True)
