"""docs/scenario-format.md: its complete example validates cleanly, its table of checks
is the catalogue, and it mentions every key of the model."""

from __future__ import annotations

import re
from pathlib import Path

import msgspec
import pytest
import yaml

from ipt_roleplay.scenario import model
from ipt_roleplay.scenario.loader import check_text
from ipt_roleplay.scenario.rules import all_rules

DOC = (Path(__file__).parent.parent / "docs" / "scenario-format.md").read_text(encoding="utf-8")


def complete_example() -> str:
    match = re.search(r"<!-- complete-example -->\n```yaml\n(.*?)```", DOC, re.S)
    assert match, "the complete example must follow <!-- complete-example -->"
    return match.group(1)


def test_complete_example_has_no_findings_at_all() -> None:
    result = check_text(complete_example(), "docs/scenario-format.md")
    assert result.ok
    assert result.findings == [], [str(f) for f in result.findings]


def test_complete_example_uses_every_key_of_the_model_but_stage() -> None:
    text = complete_example()
    for cls in (model.Scenario, model.Character, model.Meter, model.State, model.Choice, model.Feedback, model.Ending, model.Variant):
        for field in msgspec.inspect.type_info(cls).fields:
            if field.encode_name == "stage":
                continue
            assert re.search(rf"\b{field.encode_name}:", text), f"{cls.__name__}.{field.encode_name}"


@pytest.mark.parametrize("snippet", re.findall(r"```yaml\n(.*?)```", DOC, re.S))
def test_every_yaml_snippet_is_valid_yaml(snippet: str) -> None:
    yaml.safe_load(snippet)


def test_table_of_checks_is_the_catalogue() -> None:
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (error|warning) \| (.+) \|$", DOC, re.M)
    documented = {rule: (severity, text) for rule, severity, text in rows}
    assert len(documented) == len(rows), "a rule is listed twice"
    catalogue = {r.id: (r.severity, r.description) for r in all_rules().values()}
    assert documented == catalogue
    assert [rule for rule, _, _ in rows] == list(catalogue), "the docs list the rules in the catalogue's order"


def test_every_key_is_documented() -> None:
    for cls in (model.Scenario, model.Character, model.Meter, model.State, model.Choice, model.Feedback, model.Ending, model.Variant):
        for field in msgspec.inspect.type_info(cls).fields:
            assert f"`{field.encode_name}`" in DOC, f"{cls.__name__}.{field.encode_name} is not documented"
