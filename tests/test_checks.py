"""The conversation checks: one case per rule, each asserting the rule, its severity,
the line it points at and the words that explain it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

import pytest
from authoring_cases import VALID, line_of, mutate

from ipt_roleplay.scenario import checks
from ipt_roleplay.scenario.loader import check_text

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from gen_scenario import generate  # noqa: E402


class Case(NamedTuple):
    rule: str
    text: str
    at: str  # a piece of the line the finding must point at
    says: str  # a piece of the message
    occurrence: int = 1  # which line containing `at`


EXTRA_STATE = "  detour:\n    speaker: sam\n    says: Hm.\n"

CASES = [
    Case("unknown-start", mutate("start: arrival", "start: arival"), "start: arival", "did you mean `arrival`?"),
    Case("unknown-target", mutate("goto: resolved_end", "goto: resolved_ned"), "goto: resolved_ned", "did you mean `resolved_end`?"),
    Case("unknown-speaker", mutate("    speaker: sam\n    says: Fine.", "    speaker: sammy\n    says: Fine."), "speaker: sammy", "not one of the characters (sam)"),
    Case("unknown-meter", mutate("effects: {tension: 2}", "effects: {tenson: 2}"), "effects: {tenson", "did you mean `tension`?"),
    Case("unknown-meter", mutate('when: {tension: "<= 7"}', 'when: {trust: "<= 7"}'), "when: {trust", "'trust', which does not exist"),
    Case("unknown-meter", mutate('when: {tension: ">= 8"}', 'when: {anger: ">= 8"}'), "when: {anger", "'anger'"),
    Case("bad-condition", mutate('"<= 7"', '"about 7"'), "about 7", 'such as "<= 7"'),
    Case("condition-never-holds", mutate('"<= 7"', '">= 20"'), '">= 20"', "stays between 0 and 10"),
    Case("meter-range", mutate("start: 5, min: 0, max: 10", "start: 5, min: 10, max: 0"), "tension: {label", "min must be below max"),
    Case("meter-range", mutate("start: 5, min: 0", "start: 15, min: 0"), "start: 15", "outside its range 0 to 10"),
    Case(
        "unused-meter",
        mutate("good: low}", "good: low}\n  trust: {label: Trust, start: 5}"),
        "trust: {label",
        "no reply changes meter 'trust'",
    ),
    Case(
        "no-ending",
        mutate("    ending:\n      outcome: unresolved\n      debrief: Closing off left the request unsaid; practise naming one need.\n",
               "    choices:\n      - {reply: Again., goto: arrival, feedback: {rating: mixed, patterns: [repair], note: Round again.}}\n",
               mutate("    ending:\n      outcome: resolved\n      debrief: The turn came when the complaint became a request.\n",
                      "    choices:\n      - {reply: Again., goto: arrival, feedback: {rating: mixed, patterns: [repair], note: Round again.}}\n")),
        "states:",
        "can never finish",
    ),
    Case("unreachable-state", VALID + EXTRA_STATE + "    ending: {outcome: partial, debrief: Done.}\n", "  detour:", "can never be reached"),
    Case("dead-end", mutate("goto: resolved_end", "goto: detour") + EXTRA_STATE, "  detour:", "no `choices` and no `ending`"),
    Case(
        "ending-with-choices",
        mutate(
            "the complaint became a request.\n",
            "the complaint became a request.\n    choices:\n"
            "      - {reply: More?, goto: arrival, feedback: {rating: mixed, patterns: [repair], note: n}}\n",
        ),
        "    choices:",
        "its reply is never offered",
        3,
    ),
    Case(
        "trap",
        mutate("goto: resolved_end", "goto: loop_a")
        + "  loop_a:\n    speaker: sam\n    says: A.\n    choices:\n"
        "      - {reply: To b., goto: loop_b, feedback: {rating: mixed, patterns: [repair], note: n}}\n"
        "  loop_b:\n    speaker: sam\n    says: B.\n    choices:\n"
        "      - {reply: To a., goto: loop_a, feedback: {rating: mixed, patterns: [repair], note: n}}\n",
        "  loop_a:",
        "'loop_a', 'loop_b'",
    ),
    Case(
        "silent-character",
        mutate("description: Your partner.}", "description: Your partner.}\n  alex: {name: Alex}"),
        "alex: {name",
        "'alex' never speaks",
    ),
    Case("stage-outside-dispute", mutate("problem_area: role_dispute", "problem_area: grief"), "stage: renegotiation", "problem area is grief"),
    Case("empty-variant", mutate("        says: Don't even start.\n", "        cue: null\n"), '- when: {tension: ">= 8"}', "neither `says` nor `cue`"),
    Case("missing-debrief", mutate("      debrief: Closing off left the request unsaid; practise naming one need.\n", ""), "    ending:", "has no `debrief`", 2),
    Case(
        "missing-feedback",
        mutate(
            "        feedback:\n          rating: unhelpful\n          patterns: [closing_off]\n"
            "          note: Shutting the conversation down leaves the dispute where it was.\n",
            "",
        ),
        "reply: Whatever.",
        "reply 1 of state 'escalation' has no `feedback`",
    ),
    Case("missing-note", mutate("          note: A restart takes the heat out without giving up the topic.\n", ""), "        feedback:", "no `note`", 4),
    Case("no-patterns", mutate("patterns: [repair]", "patterns: []"), "        feedback:", "names no `patterns`", 4),
    Case("unknown-pattern", mutate("patterns: [closing_off]", "patterns: [closing_of]"), "patterns: [closing_of]", "did you mean `closing_off`?"),
    Case("wrong-side-pattern", mutate("patterns: [repair]", "patterns: [repair, role_play]"), "patterns: [repair, role_play]", "describes therapist replies"),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{i}" for i, c in enumerate(CASES)])
def test_rule(case: Case) -> None:
    result = check_text(case.text, "s.yaml")
    found = [f for f in result.findings if f.rule == case.rule]
    assert len(found) == 1, [str(f) for f in result.findings]
    finding = found[0]
    first_line = case.at.splitlines()[0]
    assert finding.line == line_of(case.text, first_line, case.occurrence), str(finding)
    assert case.says in finding.message, str(finding)
    assert finding.severity == next(r.info.severity for r in checks.RULES if r.info.id == case.rule)
    others = [f for f in result.findings if f.rule != case.rule]
    assert others == [], [str(f) for f in others]


def test_every_registered_rule_has_a_case() -> None:
    assert {r.info.id for r in checks.RULES} == {c.rule for c in CASES}


def test_rule_ids_are_unique_and_described() -> None:
    ids = [r.info.id for r in checks.RULES]
    assert len(ids) == len(set(ids))
    for registered in checks.RULES:
        assert registered.info.description.endswith(".")
        assert registered.info.severity in ("error", "warning")


def test_valid_scenario_and_bundled_scenarios_have_no_findings() -> None:
    assert check_text(VALID).findings == []


def test_therapist_scenario_flags_client_patterns() -> None:
    text = mutate("learner_role: client", "learner_role: therapist")
    wrong = [f for f in check_text(text).findings if f.rule == "wrong-side-pattern"]
    assert len(wrong) == 6  # every client pattern in the file
    assert all("describes client replies" in f.message for f in wrong)


def test_dead_end_is_not_also_reported_as_a_trap() -> None:
    text = mutate("goto: resolved_end", "goto: detour") + EXTRA_STATE
    assert [f.rule for f in check_text(text).findings] == ["dead-end"]


def test_trap_lists_the_trapped_states_only_once_per_group() -> None:
    text = CASES[[c.rule for c in CASES].index("trap")].text
    traps = [f for f in check_text(text).findings if f.rule == "trap"]
    assert len(traps) == 1
    assert "arrival" not in traps[0].message  # arrival can still reach an ending


@pytest.mark.parametrize("states", [1, 2, 30, 300])
def test_benchmark_generator_makes_valid_scenarios(states: int) -> None:
    result = check_text(generate(states, seed=states))
    assert result.ok
    assert result.findings == []
    endings = result.scenario.endings()
    assert len(result.scenario.states) - len(endings) == states
    assert len(endings) == 4 if states >= 4 else len(endings) >= 2
