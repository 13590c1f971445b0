"""The catalogue of rules (scenario.rules) is the one table: every rule in it is
reported by exactly one reader, and `validate --list-rules` prints it as it is.
(docs/scenario-format.md's table is compared with it in test_scenario_format_doc.py.)"""

from __future__ import annotations

import subprocess
import sys

import pytest

from ipt_roleplay import cli
from ipt_roleplay.scenario import checks, loader, rules, yaml_reader


def reported_by() -> dict[str, list[str]]:
    """Which module reports each rule id: the readers' R_ constants, and the checks."""
    found: dict[str, list[str]] = {}
    for module in (loader, yaml_reader):
        for name, value in vars(module).items():
            if name.startswith("R_") and isinstance(value, rules.RuleInfo):
                found.setdefault(value.id, []).append(module.__name__)
    for registered in checks.RULES:
        found.setdefault(registered.info.id, []).append(checks.__name__)
    return found


def test_every_rule_in_the_catalogue_is_reported_by_exactly_one_module():
    found = reported_by()
    assert set(found) == set(rules.BY_ID)
    assert {rule: where for rule, where in found.items() if len(where) != 1} == {}


def test_the_readers_use_the_catalogues_own_entries():
    assert yaml_reader.R_DEEP is rules.get("nesting-too-deep")
    assert str(yaml_reader.MAX_DEPTH) in yaml_reader.R_DEEP.description
    assert [r.info for r in checks.RULES] == [i for i in rules.CATALOGUE if i.id in {r.info.id for r in checks.RULES}]


def test_an_unknown_rule_id_is_named():
    with pytest.raises(KeyError, match="no-such-rule"):
        rules.get("no-such-rule")


def test_list_rules_prints_the_catalogue(capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["validate", "--list-rules"])
    assert stopped.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    printed = [tuple(line.split(None, 2)) for line in lines]
    assert printed == [(i.id, i.severity, i.description) for i in rules.CATALOGUE]


def test_list_rules_in_a_real_process_needs_no_file():
    done = subprocess.run(
        [sys.executable, "-m", "ipt_roleplay", "validate", "--list-rules"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.splitlines()[0].split(None, 2) == ["unreadable-file", "error", rules.CATALOGUE[0].description]
