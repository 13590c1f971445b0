"""`ipt-roleplay new`: a starter file that validates strictly, plays, and never overwrites."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from ipt_roleplay.cli import main
from ipt_roleplay.commands import new as new_command
from ipt_roleplay.engine.session import Session
from ipt_roleplay.engine.summary import summarise
from ipt_roleplay.scenario import walk
from ipt_roleplay.scenario.loader import check_file, load_scenario
from ipt_roleplay.scenario.schema import SCHEMA_ID

ROOT = Path(__file__).parent.parent
AREAS = ("grief", "role_dispute", "role_transition", "interpersonal_deficits")
ROLES = ("client", "therapist")


def make(path: Path, *extra: str, area: str = "role_dispute", role: str = "client") -> int:
    return main(["new", str(path), "--problem-area", area, "--role", role, *extra])


@pytest.mark.parametrize(("area", "role"), list(itertools.product(AREAS, ROLES)))
def test_every_starter_passes_strict_validation_and_reaches_every_ending(tmp_path, capsys, area, role):
    path = tmp_path / "my-scenario.yaml"
    assert make(path, area=area, role=role) == 0
    assert main(["validate", "--strict", str(path)]) == 0, capsys.readouterr().out
    assert check_file(path).findings == []
    scenario = load_scenario(path)
    assert (scenario.problem_area, scenario.learner_role) == (area, role)
    report = walk.walk(scenario)
    assert report.exact and not report.unreached_states and not report.never_offered
    assert {e.outcome: e.paths > 0 for e in report.endings} == {
        "resolved": True, "partial": True, "unresolved": True
    }
    # The resolved ending is the teaching example of a `when`: one route, the helpful one.
    [resolved] = [e for e in report.endings if e.outcome == "resolved"]
    assert resolved.paths == 1 and resolved.example == [1, 1]
    # ...and that route practises every goal the starter sets.
    session = Session(scenario)
    session.choose(0), session.choose(0)
    assert [g.practised for g in summarise(session).goals] == [True, True]


def test_first_line_points_editors_at_a_schema_that_exists(tmp_path):
    path = tmp_path / "talk.yaml"
    assert make(path) == 0
    first = path.read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = first.split("$schema=", 1)[1]
    assert (path.parent / target).resolve() == (ROOT / "schema" / "scenario.schema.json").resolve()


def test_inside_the_repository_the_schema_path_is_short(tmp_path):
    folder = ROOT / "tests" / "scenarios" / "authoring"
    assert new_command.schema_reference(folder / "x.yaml") == ("../../../schema/scenario.schema.json", "")


def test_a_schema_saved_beside_the_file_is_preferred(tmp_path):
    (tmp_path / "scenario.schema.json").write_text("{}")
    assert new_command.schema_reference(tmp_path / "x.yaml") == ("scenario.schema.json", "")


def test_without_a_schema_file_the_id_is_used_with_a_hint(tmp_path, monkeypatch):
    monkeypatch.setattr(new_command, "REPO_SCHEMA", tmp_path / "absent.json")
    path = tmp_path / "talk.yaml"
    assert make(path) == 0
    text = path.read_text()
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_ID}"
    assert "ipt-roleplay schema --output scenario.schema.json" in text
    assert check_file(path).findings == []


def test_never_overwrites_without_force(tmp_path, capsys):
    path = tmp_path / "mine.yaml"
    path.write_text("my precious draft\n")
    assert make(path) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "my precious draft\n"
    assert make(path, "--force") == 0
    assert load_scenario(path).id == "mine"


def test_title_and_id_survive_awkward_input(tmp_path):
    path = tmp_path / "2nd talk: with Mum #1.yaml"
    title = 'Mum: "the #1 talk" [draft] {yes}\nno'
    assert make(path, "--title", title) == 0
    scenario = load_scenario(path)
    assert scenario.title == 'Mum: "the #1 talk" [draft] {yes} no'
    assert scenario.id == "scenario-2nd-talk-with-mum-1"
    assert check_file(path).findings == []


def test_default_title_comes_from_the_file_name(tmp_path):
    assert make(tmp_path / "asking_for-help.yaml") == 0
    assert load_scenario(tmp_path / "asking_for-help.yaml").title == "Asking for help"


@pytest.mark.parametrize(
    ("name", "message"),
    [("notes.txt", "end in .yaml"), ("missing/x.yaml", "does not exist")],
)
def test_problems_the_person_can_fix(tmp_path, capsys, name, message):
    assert make(tmp_path / name) == 2
    assert message in capsys.readouterr().err


def test_the_starter_plays_with_play_plain_choose(tmp_path):
    path = tmp_path / "starter.yaml"
    assert make(path, area="grief", role="therapist") == 0
    result = subprocess.run(
        [sys.executable, "-m", "ipt_roleplay", "play", str(path), "--plain", "--choose", "1,1", "--no-history"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"IPT_ROLEPLAY_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "The end: resolved." in result.stdout


def test_command_choices_match_the_starters():
    from ipt_roleplay.scenario import starter

    assert new_command.PROBLEM_AREAS == starter.PROBLEM_AREAS and new_command.ROLES == starter.ROLES
