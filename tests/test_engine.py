"""The conversation engine: machine shape, conditions, effects, variants, rewind, summary."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from ipt_roleplay.engine.session import Session
from ipt_roleplay.engine.summary import summarise
from ipt_roleplay.scenario.loader import load_scenario

CHORES = Path(__file__).parent / "scenarios" / "chores.yaml"
BUNDLED = sorted((Path(__file__).parent.parent / "scenarios").glob("*.yaml"))


@pytest.fixture
def scenario():
    return load_scenario(CHORES)


def replies(session: Session) -> list[str]:
    return [o.reply for o in session.options()]


def test_one_transition_per_authored_reply(scenario):
    session = Session(scenario)
    assert session.transition_count() == scenario.reply_count() == 8


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scenarios_build_one_transition_per_reply(path):
    scenario = load_scenario(path)
    assert Session(scenario).transition_count() == scenario.reply_count()


def test_machine_never_sees_scenario_strings(scenario):
    session = Session(scenario)
    assert set(session.machine.states) == {f"s{i}" for i in range(len(scenario.states))}
    assert set(session.machine.events) == {"reply_0", "reply_1", "reply_2"}


def test_effects_apply_and_clamp(scenario):
    session = Session(scenario)
    session.choose(0)  # +3 tension: 5 -> 8
    assert session.meters == {"tension": 8}
    session.choose(1)  # "I'm leaving" (+2): clamped at the max of 10
    assert session.meters == {"tension": 10}
    assert session.is_over and session.ending.outcome == "unresolved"


def test_when_condition_hides_a_reply_until_it_holds(scenario):
    session = Session(scenario)
    session.choose(2)  # "Whatever." +1: 5 -> 6, and the walk-out reply needs >= 6
    assert "Fine, I'm leaving then." in replies(session)
    session.rewind(0)
    session.choose(1)  # -2: tension 3, talk
    session.rewind(0)
    assert session.state_id == "arrival" and session.meters == {"tension": 5}


def test_condition_false_hides_reply(scenario):
    calmer = msgspec.structs.replace(
        scenario, meters={"tension": msgspec.structs.replace(scenario.meters["tension"], start=4)}
    )
    session = Session(calmer)
    session.choose(2)  # "Whatever." +1: 4 -> 5, below the walk-out reply's ">= 6"
    assert "Fine, I'm leaving then." not in replies(session)
    assert len(session.options()) == 2
    with pytest.raises(ValueError):
        session.choose(2)


def test_variant_line_used_when_its_condition_holds(scenario):
    session = Session(scenario)
    session.choose(0)  # tension 8 -> the >= 8 variant
    line = session.line()
    assert line.says.startswith("Don't you dare start")
    assert line.cue == "Sam stands up."
    session.rewind(0)
    session.choose(2)  # tension 6 -> the state's own line
    assert session.line().says == "Don't start. I've been doing everything here."
    assert session.line().cue is None


def test_choose_out_of_range_is_a_clear_error(scenario):
    session = Session(scenario)
    with pytest.raises(ValueError, match="there are 3 replies here"):
        session.choose(3)
    assert session.history == []


def test_rewind_then_replay_gives_identical_history(scenario):
    session = Session(scenario)
    for number in (0, 0, 1):
        session.choose(number)
    first = list(session.history)
    first_meters = session.meters
    session.rewind(1)
    assert len(session.history) == 1 and session.state_id == "escalation"
    session.rewind(0)
    assert session.replay([t.choice_index for t in first]) == 3
    assert session.history == first
    assert session.meters == first_meters


def test_replay_stops_where_path_no_longer_exists(scenario):
    session = Session(scenario)
    assert session.replay([1, 5, 0]) == 1
    assert session.state_id == "talk"


def test_turn_records_line_reply_and_meters(scenario):
    session = Session(scenario)
    turn = session.choose(1)
    assert turn.state_id == "arrival" and turn.next_state_id == "talk"
    assert turn.line.speaker == "Sam" and turn.line.cue == "Sam doesn't look up from the phone."
    assert turn.reply == "I'm sorry I'm late. I felt awful sitting in traffic."
    assert turn.meters_before == {"tension": 5} and turn.meters_after == {"tension": 3}
    assert turn.meter_changes() == {"tension": -2}


def test_author_feedback_comes_first(scenario):
    turn = Session(scenario).choose(0)
    assert turn.feedback.source == "author"
    assert turn.feedback.rating == "unhelpful"
    assert turn.feedback.pattern_ids == ("blaming", "absolute")
    assert turn.feedback.try_instead == "I'm sorry I'm late. I had a rough day."


def test_missing_try_instead_falls_back_to_best_sibling(scenario):
    session = Session(scenario)
    session.choose(1)
    turn = session.choose(1)  # defensive, mixed, no try_instead authored
    assert turn.feedback.try_instead == (
        "So you feel alone with the housework? Could we split the evenings?"
    )


def test_summary_at_an_ending(scenario):
    session = Session(scenario)
    session.choose(0)  # unhelpful, +3
    session.choose(0)  # helpful repair, -3
    session.choose(0)  # helpful, checks understanding + request
    summary = summarise(session)
    assert summary.outcome == "resolved"
    assert summary.ratings == {"helpful": 2, "mixed": 0, "unhelpful": 1}
    # Equal changes of 3: the one that made things better is the turning point.
    assert summary.turning_point.turn_number == 1
    assert "better" in summary.turning_point.why
    goals = {g.goal: g.practised for g in summary.goals}
    assert goals == {
        "Name your feeling": False,
        "Make one specific request": True,
        "Stay with it without blaming": False,
    }


def test_turning_point_without_meters_is_first_helpful_after_unhelpful(scenario):
    session = Session(scenario)
    session.choose(2)  # unhelpful (+1)
    session.choose(0)  # helpful (-3)
    summary = summarise(session)
    assert summary.turning_point.turn_number == 1


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_feedback_asked_for_ahead_is_what_picking_the_reply_gives(path):
    # The play screen asks for each offered reply's feedback while the person reads;
    # picking one must give exactly the feedback it would have had without asking.
    from ipt_roleplay.engine.feedback import for_choice

    scenario = load_scenario(path)
    session = Session(scenario)
    ahead = Session(scenario)
    for _ in range(40):  # the last reply each time: it may loop back, so a bounded walk
        if session.is_over:
            break
        options = ahead.options()
        state = ahead.state
        asked = [ahead.feedback_on(option) for option in options]
        for option, feedback in zip(options, asked):
            assert feedback == for_choice(option.choice, ahead.role, state.choices, option.index)
        last = len(options) - 1
        turn = ahead.choose(last)
        assert turn.feedback is asked[last]
        assert session.choose(last) == turn  # the same turn as a session that never asked


@pytest.mark.parametrize("path", [CHORES, *BUNDLED], ids=lambda p: p.name)
def test_meters_line_and_replies_after_a_reply_are_what_giving_it_brings(path):
    # The play screen draws the meters, the next line and the next replies ahead from
    # meters_after, line_after and options_after; giving the reply must then bring
    # exactly those (meters clamped at their ends, the line's variant and the replies'
    # conditions on the new values; no replies once it has ended), at every step.
    scenario = load_scenario(path)
    session = Session(scenario)
    path_taken = 0
    while not session.is_over and path_taken < 40:
        options = session.options()
        if not options:
            break
        expected = [
            (session.meters_after(option), session.line_after(option), session.options_after(option))
            for option in options
        ]
        for number, (after, answer, offered) in enumerate(expected):
            session.choose(number)
            assert session.meters == after and session.line() == answer
            assert session.options() == offered
            session.rewind(len(session.history) - 1)
        session.choose(path_taken % len(options))
        path_taken += 1
    assert path_taken > 0
