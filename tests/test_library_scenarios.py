"""Structural checks for four bundled scenarios: the two trainee sessions (communication
analysis of a marital dispute; a first session after a bereavement) and two client
rehearsals (becoming a parent; renewing a friendship).

Besides counts and annotations, a walk over every reachable (state, meter values) pair,
with effects, clamping and `when` conditions applied as the engine applies them, checks
that no meter value can strand the person without a reply or a way to an ending.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.scenario import conditions
from ipt_roleplay.scenario.loader import check_file
from ipt_roleplay.scenario.model import Scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"

# file stem -> (problem area, learner role, minimum number of states)
EXPECTED = {
    "trainee-communication-analysis": ("role_dispute", "therapist", 12),
    "trainee-initial-grief": ("grief", "therapist", 12),
    "becoming-a-parent": ("role_transition", "client", 10),
    "renewing-a-friendship": ("interpersonal_deficits", "client", 10),
}
PATHS = [SCENARIOS / f"{stem}.yaml" for stem in EXPECTED]


@pytest.fixture(scope="module", params=PATHS, ids=lambda p: p.stem)
def scenario(request) -> Scenario:
    result = check_file(request.param)
    assert result.scenario is not None, [str(f) for f in result.findings]
    return result.scenario


def _playable(scn: Scenario):
    return [s for s in scn.states.values() if s.ending is None]


# --- the file itself ---------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_passes_the_strict_checker_with_no_findings(path: Path) -> None:
    result = check_file(path)
    assert result.scenario is not None
    assert [str(f) for f in result.findings] == []


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_schema_comment_and_no_anchors_aliases_or_tags(path: Path) -> None:
    import yaml

    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/scenario.schema.json\n")
    for token in yaml.scan(text):
        assert not isinstance(token, (yaml.AnchorToken, yaml.AliasToken, yaml.TagToken)), token


def test_identity_and_size(scenario: Scenario) -> None:
    area, role, min_states = EXPECTED[scenario.id]
    assert (scenario.problem_area, scenario.learner_role) == (area, role)
    assert len(scenario.states) >= min_states
    outcomes = {s.ending.outcome for s in scenario.endings().values()}
    assert len(scenario.endings()) >= 3
    assert outcomes == {"resolved", "partial", "unresolved"}
    assert scenario.goals and scenario.meters


def test_text_fits_an_80_column_screen(scenario: Scenario) -> None:
    for state_id, state in scenario.states.items():
        assert len(state.says) <= 300, state_id
        assert state.cue is None or len(state.cue) <= 300, state_id
        for variant in state.variants:
            assert variant.says is None or len(variant.says) <= 300, state_id
        assert len(state.choices) <= 9, state_id
        for choice in state.choices:
            assert len(choice.reply) <= 200, (state_id, choice.reply)


# --- feedback ------------------------------------------------------------------------------


def test_every_reply_is_annotated_from_the_learners_side(scenario: Scenario) -> None:
    side = taxonomy.Side(scenario.learner_role)
    allowed = {p.id for p in taxonomy.for_side(side)}
    for state_id, state in scenario.states.items():
        for choice in state.choices:
            fb = choice.feedback
            where = f"{state_id}: {choice.reply}"
            assert fb is not None, where
            assert fb.patterns and set(fb.patterns) <= allowed, where
            assert len(set(fb.patterns)) == len(fb.patterns), where
            assert len(fb.note) >= 40, where
            if fb.rating == "helpful":
                assert any(taxonomy.get(p).helpful for p in fb.patterns), where
            else:
                assert fb.try_instead, where
            if fb.rating == "unhelpful":
                assert any(not taxonomy.get(p).helpful for p in fb.patterns), where


def test_notes_speak_to_the_reply_not_the_person(scenario: Scenario) -> None:
    judging = re.compile(r"(?<!of )\byou(?:'re| are| were|'ve been| seem| sound)\b", re.IGNORECASE)
    for state in scenario.states.values():
        for choice in state.choices:
            assert not judging.search(choice.feedback.note), choice.feedback.note


def test_ratings_are_mixed_and_the_best_reply_moves_around(scenario: Scenario) -> None:
    playable = _playable(scenario)
    varied = [s for s in playable if len({c.feedback.rating for c in s.choices}) >= 2]
    assert len(varied) == len(playable)
    first_helpful = {
        next(i for i, c in enumerate(s.choices) if c.feedback.rating == "helpful")
        for s in playable
        if any(c.feedback.rating == "helpful" for c in s.choices)
    }
    assert len(first_helpful) >= 3


def test_every_ending_has_a_short_debrief(scenario: Scenario) -> None:
    for state_id, state in scenario.endings().items():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", state.ending.debrief.strip()) if s]
        assert 2 <= len(sentences) <= 4, (state_id, len(sentences))


def test_grief_carries_content_notes() -> None:
    grief = check_file(SCENARIOS / "trainee-initial-grief.yaml").scenario
    notes = " ".join(grief.content_notes).lower()
    assert "grief" in notes and "death" in notes
    # It asks about thoughts of death, so the note says so before the start.
    assert "wake" in notes
    for path in PATHS:
        scn = check_file(path).scenario
        if scn.problem_area == "grief":
            assert scn.content_notes, path.stem


def test_trainee_scenarios_practise_their_techniques() -> None:
    def used(stem: str) -> set[str]:
        scn = check_file(SCENARIOS / f"{stem}.yaml").scenario
        return {p for s in scn.states.values() for c in s.choices for p in c.feedback.patterns}

    analysis = used("trainee-communication-analysis")
    assert {
        "exploratory_question", "clarification", "communication_analysis", "encourage_affect",
        "decision_analysis", "role_play", "link_mood_event",
        "closed_question", "premature_advice", "off_model", "judgmental",
    } <= analysis
    grief = used("trainee-initial-grief")
    assert {
        "interpersonal_inventory", "link_mood_event", "psychoeducation", "encourage_affect",
        "exploratory_question", "closed_question", "premature_advice", "off_model", "judgmental",
    } <= grief


def test_the_role_dispute_marks_its_stages() -> None:
    scn = check_file(SCENARIOS / "trainee-communication-analysis.yaml").scenario
    stages = {s.stage for s in scn.states.values()} - {None}
    assert {"renegotiation", "impasse"} <= stages
    for path in PATHS:
        other = check_file(path).scenario
        if other.problem_area != "role_dispute":
            assert all(s.stage is None for s in other.states.values()), path.stem


from scenario_space import Walk  # noqa: E402


@pytest.fixture(scope="module")
def walks() -> dict[str, Walk]:
    return {}


def _walk(walks: dict[str, Walk], scn: Scenario) -> Walk:
    if scn.id not in walks:
        walks[scn.id] = Walk(scn)
    return walks[scn.id]


def test_no_meter_value_strands_the_person(scenario: Scenario, walks) -> None:
    walk = _walk(walks, scenario)
    assert {s for s, _ in walk.parent} == set(scenario.states)
    offered = {(s, i) for (s, _), out in walk.edges.items() for i, _ in out}
    every = {(s, i) for s, st in scenario.states.items() for i in range(len(st.choices))}
    assert every == offered, sorted(every - offered)
    for config, out in walk.edges.items():
        if scenario.states[config[0]].ending is None:
            assert out, f"no reply offered at {config}"
    stuck = set(walk.parent) - walk.can_finish()
    assert not stuck, sorted(stuck)[:5]


def test_meters_matter(scenario: Scenario, walks) -> None:
    """Every meter is moved by replies and read by a condition; every condition is
    true on some reachable visit and false on another."""
    for name in scenario.meters:
        assert any(name in c.effects for s in scenario.states.values() for c in s.choices), name
        read = any(name in c.when for s in scenario.states.values() for c in s.choices) or any(
            name in v.when for s in scenario.states.values() for v in s.variants
        )
        assert read, name
    walk = _walk(walks, scenario)
    seen: dict[tuple[str, str, int], set[bool]] = {}
    for state_id, values in walk.parent:
        meters = dict(zip(walk.names, values))
        state = scenario.states[state_id]
        whens = [("choice", i, c.when) for i, c in enumerate(state.choices)]
        whens += [("variant", i, v.when) for i, v in enumerate(state.variants)]
        for kind, i, when in whens:
            if when:
                holds = conditions.all_hold(conditions.parse_all(when), meters)
                seen.setdefault((state_id, kind, i), set()).add(holds)
    assert seen
    dead = [key for key, values in seen.items() if values != {True, False}]
    assert not dead, dead


@pytest.mark.parametrize("outcome", ["resolved", "partial", "unresolved"])
def test_the_engine_reaches_each_outcome(scenario: Scenario, walks, outcome: str) -> None:
    from ipt_roleplay.engine.session import Session

    walk = _walk(walks, scenario)
    targets = [
        c for c in walk.parent
        if (ending := scenario.states[c[0]].ending) is not None and ending.outcome == outcome
    ]
    assert targets
    path = min((walk.path_to(c) for c in targets), key=len)
    session = Session(scenario)
    assert session.replay(path) == len(path)
    assert session.is_over and session.ending.outcome == outcome
