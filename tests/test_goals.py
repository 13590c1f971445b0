"""Scenario goals read from their own words, and marked practised from the replies."""

import pytest

from ipt_roleplay.engine.goals import check_goals, patterns_for_goal


@pytest.mark.parametrize(
    ("goal", "side", "do", "avoid"),
    [
        ("Name your feeling", "client", ("i_statement",), ()),
        ("Make one specific, doable request", "client", ("direct_request",), ()),
        ("Ask for what you need at work", "client", ("direct_request",), ()),
        ("Avoid blame and hints", "client", (), ("indirect_verbal", "blaming")),
        ("Stay with it without blaming", "client", (), ("blaming",)),
        ("Say how you feel, rather than what Alex is like", "client", ("i_statement",), ()),
        ("Link his low mood to the loss", "therapist", ("link_mood_event",), ()),
        ("Propose a role play to rehearse the new words", "therapist", ("role_play",), ()),
    ],
)
def test_goal_words_map_to_patterns(goal, side, do, avoid):
    found_do, found_avoid = patterns_for_goal(goal, side)
    assert set(do) <= set(found_do)
    assert set(found_avoid) == set(avoid)


def test_a_goal_to_avoid_is_practised_only_when_nothing_to_avoid_showed():
    [ok] = check_goals(["Stay with it without blaming"], "client", {"repair"}, turns=2)
    [not_ok] = check_goals(["Stay with it without blaming"], "client", {"blaming"}, turns=2)
    [nothing_yet] = check_goals(["Stay with it without blaming"], "client", set(), turns=0)
    assert (ok.practised, not_ok.practised, nothing_yet.practised) == (True, False, False)


def test_a_positive_goal_mentioning_not_still_counts_what_was_done():
    [goal] = check_goals(["Say how you feel, not what Alex is like"], "client", {"i_statement"}, 3)
    assert goal.practised is True


def test_a_goal_that_names_no_pattern_is_not_tracked():
    [goal] = check_goals(["Enjoy the weather"], "client", {"i_statement"}, turns=3)
    assert goal.practised is None
