"""`ipt-roleplay walk`: routes over (state, meter values), counted, explained, replayable."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipt_roleplay.cli import main
from ipt_roleplay.engine.session import Session
from ipt_roleplay.scenario import walk
from ipt_roleplay.scenario.loader import load_scenario, load_text
from ipt_roleplay.scenario.model import Scenario

HERE = Path(__file__).parent
AUTHORING = HERE / "scenarios" / "authoring"
SISTER = AUTHORING / "sister.yaml"
DRAFT = AUTHORING / "sister-draft.yaml"
LOOP = AUTHORING / "loop.yaml"
STUCK = AUTHORING / "stuck.yaml"
CHORES = HERE / "scenarios" / "chores.yaml"
ROOT = HERE.parent


def walk_json(capsys, *args: str) -> dict:
    assert main(["walk", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def follow(scenario: Scenario, numbers: list[int]) -> Session:
    """Play reply numbers (1-based, as shown) through a real Session."""
    session = Session(scenario)
    for number in numbers:
        session.choose(number - 1)
    return session


def by_state(data: dict) -> dict[str, dict]:
    return {e["state"]: e for e in data["endings"]}


# --- counting ------------------------------------------------------------------------


def test_chores_counts_every_path_exactly(capsys):
    data = walk_json(capsys, str(CHORES))
    endings = by_state(data)
    # arrival has 3 replies; the walk-out reply at escalation needs tension >= 6, which
    # holds after "Why do you always" (8) and "Whatever" (6) but the talk route skips it.
    assert {k: v["paths"] for k, v in endings.items()} == {"agreed": 3, "stuck": 3, "walked_out": 4}
    assert data["exact"] and data["complete"] and data["paths"] == 10
    assert data["shortest"]["replies"] == 2 and data["longest"]["replies"] == 3


def test_ending_behind_a_meter_condition_has_one_route(capsys):
    data = walk_json(capsys, str(SISTER))
    agreed = by_state(data)["agreed"]
    assert agreed["paths"] == 1
    assert agreed["example"] == [1, 1, 1]
    assert data["unreached_states"] == [] and data["never_offered"] == []


def test_walk_reveals_the_ending_a_condition_makes_unreachable(capsys):
    data = walk_json(capsys, str(DRAFT))
    agreed = by_state(data)["agreed"]
    assert agreed["paths"] == 0 and agreed["example"] is None
    assert "considering reply 1 (when trust >= 8)" in agreed["why_unreached"]
    assert data["unreached_states"][0]["state"] == "agreed"
    [never] = data["never_offered"]
    assert never["state"] == "considering" and never["reply_number"] == 1
    assert never["why"] == "trust is only ever 2 to 7 when the conversation gets here"


def test_text_report_says_why_in_plain_words(capsys):
    assert main(["walk", str(DRAFT)]) == 0
    out = capsys.readouterr().out
    assert "agreed (resolved): no path reaches it: the only way in, considering reply 1 (when trust >= 8), is never offered." in out
    assert "trust is only ever 2 to 7 when the conversation gets here" in out
    assert "counted exactly" in out


def test_condition_impossible_within_the_meter_range_says_so():
    text = SISTER.read_text().replace('when: {trust: ">= 6"}', 'when: {trust: "> 10"}')
    report = walk.walk(load_text(text))
    [never] = report.never_offered
    assert "trust > 10 can never hold: trust stays between 0 and 10" in never.reason


def test_examples_follow_to_their_endings_in_a_real_session(capsys):
    for path in (CHORES, SISTER, DRAFT, LOOP, STUCK):
        scenario = load_scenario(path)
        data = walk_json(capsys, str(path))
        for ending in data["endings"]:
            if ending["example"] is None:
                continue
            session = follow(scenario, ending["example"])
            assert session.is_over and session.state_id == ending["state"], path
        longest = data["longest"]
        assert follow(scenario, longest["choose"]).state_id == longest["ending"]


def test_example_path_plays_with_play_plain_choose(capsys, tmp_path):
    data = walk_json(capsys, str(SISTER))
    choose = ",".join(map(str, by_state(data)["agreed"]["example"]))
    result = subprocess.run(
        [sys.executable, "-m", "ipt_roleplay", "play", str(SISTER), "--plain", "--choose", choose, "--no-history"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"IPT_ROLEPLAY_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "The end: resolved." in result.stdout
    assert "Every other Thursday, I can do that." in result.stdout


# --- loops, dead ends, bounds ----------------------------------------------------------


def test_endless_loop_makes_the_count_a_lower_bound(capsys):
    data = walk_json(capsys, str(LOOP))
    assert not data["exact"]
    assert "no end to the routes" in data["cut_reason"]
    [loop] = data["loops"]
    assert loop == {"states": ["ask", "snap"], "endless": True, "exit": True}
    assert by_state(data)["listen"]["example"] == [2]
    assert main(["walk", str(LOOP)]) == 0
    out = capsys.readouterr().out
    assert "at least" in out and "ask and snap: can be gone round endlessly" in out


def test_max_paths_cuts_the_listing_and_says_so(capsys):
    data = walk_json(capsys, str(LOOP), "--max-paths", "2")
    assert data["paths"] >= 2 and not data["exact"]
    assert "stopped at 2 routes" in data["cut_reason"]


def test_a_loop_limited_by_a_meter_is_not_endless():
    text = LOOP.read_text().replace(
        "      - reply: Sorry, can you say that again?\n        goto: ask\n",
        "      - reply: Sorry, can you say that again?\n        goto: listen\n",
    )
    report = walk.walk(load_text(text))
    assert report.exact  # tension rises on each round, so no moment comes back
    [loop] = report.loops
    assert loop.states == ["ask", "snap"] and not loop.endless


def test_stuck_place_and_trap_found_though_the_structure_is_fine(capsys):
    data = walk_json(capsys, str(STUCK))
    [stuck] = data["stuck"]
    assert stuck["state"] == "cornered" and stuck["meters"] == {"tension": 6}
    assert follow(load_scenario(STUCK), stuck["choose"]).state_id == "cornered"
    assert [t["state"] for t in data["traps"]] == ["cornered"]


def test_moment_limit_makes_the_report_partial():
    report = walk.walk(load_scenario(CHORES), max_moments=4)
    assert not report.complete and not report.exact
    assert "more ways than the 4 moments explored" in report.cut_reason


# --- random walks --------------------------------------------------------------------


def test_random_walks_are_seeded_and_replayable(capsys):
    first = walk_json(capsys, str(SISTER), "--random", "200", "--seed", "7")
    second = walk_json(capsys, str(SISTER), "--random", "200", "--seed", "7")
    first.pop("seconds"), second.pop("seconds")
    assert first == second
    assert first["mode"] == "random" and first["walks"] == 200
    assert sum(e["paths"] for e in first["endings"]) == 200
    scenario = load_scenario(SISTER)
    for ending in first["endings"]:
        if ending["example"]:
            assert follow(scenario, ending["example"]).state_id == ending["state"]


def test_seed_without_random_is_a_usage_problem(capsys):
    assert main(["walk", str(SISTER), "--seed", "3"]) == 2
    assert "--seed goes with --random" in capsys.readouterr().err


def test_broken_file_lists_its_problems_without_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n")
    assert main(["walk", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.yaml:" in err and "Traceback" not in err


# --- agreement with the engine ---------------------------------------------------------


def brute_force(scenario: Scenario, limit: int = 5000) -> dict[str, int]:
    """Routes counted by playing a real Session, never repeating a (state, meters) moment."""
    session = Session(scenario)
    counts: dict[str, int] = {}
    seen: set[tuple] = set()

    def moment() -> tuple:
        return session.state_id, tuple(sorted(session.meters.items()))

    def visit() -> None:
        if session.is_over:
            counts[session.state_id] = counts.get(session.state_id, 0) + 1
            return
        here = moment()
        seen.add(here)
        for number in range(len(session.options())):
            session.choose(number)
            if moment() not in seen and sum(counts.values()) < limit:
                visit()
            session.rewind(len(session.history) - 1)
        seen.discard(here)

    visit()
    return counts


@st.composite
def scenarios(draw) -> Scenario:
    n = draw(st.integers(2, 5))
    names = [f"s{i}" for i in range(n)]
    ends = ["good", "bad"]
    states: dict = {}
    for name in names:
        choices = []
        for _ in range(draw(st.integers(1, 3))):
            choice: dict = {"reply": "r", "goto": draw(st.sampled_from(names + ends))}
            if draw(st.booleans()):
                choice["effects"] = {"m": draw(st.integers(-2, 2))}
            if draw(st.booleans()):
                op = draw(st.sampled_from(["<=", ">=", "==", "!=", "<", ">"]))
                choice["when"] = {"m": f"{op} {draw(st.integers(0, 4))}"}
            choices.append(choice)
        states[name] = {"speaker": "a", "says": "x", "choices": choices}
    for end in ends:
        states[end] = {"speaker": "a", "says": "x", "ending": {"outcome": "resolved"}}
    return msgspec.convert(
        {
            "id": "g", "title": "g", "problem_area": "grief", "learner_role": "client",
            "summary": "g", "characters": {"a": {"name": "A"}},
            "meters": {"m": {"label": "M", "start": 2, "min": 0, "max": 4}},
            "start": "s0", "states": states,
        },
        Scenario,
    )


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_counts_agree_with_playing_every_route_in_the_engine(scenario):
    report = walk.walk(scenario, max_paths=5000)
    counts = {e.state_id: e.paths for e in report.endings if e.paths}
    if report.total_paths < 5000:
        assert counts == brute_force(scenario)
    for ending in report.endings:
        if ending.example is not None:
            session = follow(scenario, ending.example)
            assert session.state_id == ending.state_id
            assert len(ending.example) == ending.shortest


# --- speed -----------------------------------------------------------------------------


def test_a_thousand_state_scenario_walks_in_well_under_a_second_or_two():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from gen_scenario import generate
    finally:
        sys.path.pop(0)
    scenario = load_text(generate(1000, seed=1))
    began = time.perf_counter()
    report = walk.walk(scenario)
    elapsed = time.perf_counter() - began
    assert report.complete and report.exact
    assert all(e.paths > 10**9 for e in report.endings)  # counted, not listed
    assert elapsed < 2.0, f"walk took {elapsed:.2f}s"
    assert follow(scenario, report.longest.choose).state_id == report.longest.ending


def test_an_ending_the_listing_never_came_to_still_counts_its_example(capsys):
    # With max 1 path the listing stops after the first ending it finds; the others
    # are still reachable, and "0 paths" would be false.
    data = walk_json(capsys, str(LOOP), "--max-paths", "1")
    assert all(e["paths"] >= 1 and e["example"] for e in data["endings"])
    assert data["paths"] == sum(e["paths"] for e in data["endings"])


@pytest.mark.parametrize("path", [DRAFT, SISTER], ids=lambda p: p.name)
def test_the_authoring_guide_shows_current_output(path, capsys):
    guide = (ROOT / "docs" / "authoring.md").read_text()
    assert main(["walk", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    # Everything but the timing in the first line and the file name in the last.
    for line in lines[1:-1]:
        assert line in guide.splitlines(), line


@pytest.mark.parametrize("path", sorted((ROOT / "scenarios").glob("*.yaml")), ids=lambda p: p.name)
def test_bundled_scenarios_shortest_routes_are_exact_and_replay(path, capsys):
    # Their loops make most of them list routes one by one; the shortest stays exact.
    data = walk_json(capsys, str(path))
    scenario = load_scenario(path)
    for ending in data["endings"]:
        assert follow(scenario, ending["example"]).state_id == ending["state"]
    for ending in data["endings"]:
        assert ending["shortest"] == len(ending["example"]) <= ending["longest"]
    assert data["shortest"]["replies"] == min(e["shortest"] for e in data["endings"])


def test_command_defaults_match_the_walker():
    from ipt_roleplay.commands import walk as command

    assert (command.DEFAULT_MAX_PATHS, command.DEFAULT_MAX_DEPTH) == (walk.DEFAULT_MAX_PATHS, walk.DEFAULT_MAX_DEPTH)
