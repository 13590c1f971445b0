"""The published JSON Schema agrees with the loader: bundled files pass, broken ones fail."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "schema" / "scenario.schema.json").read_text())
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


def test_schema_is_valid_draft_07():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_scenario_matches_the_schema(path):
    jsonschema.Draft7Validator(SCHEMA).validate(yaml.safe_load(path.read_text()))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(problem_area="marriage"),
        lambda d: d.update(colour="blue"),
        lambda d: d["states"][d["start"]].update(sayz="x"),
        lambda d: d["states"][d["start"]]["choices"][0]["feedback"].update(patterns=["blamin"]),
        lambda d: d.pop("title"),
    ],
    ids=["enum", "unknown-top-key", "unknown-state-key", "unknown-pattern", "missing-title"],
)
def test_broken_scenario_fails_the_schema(change):
    data = yaml.safe_load((ROOT / "tests" / "scenarios" / "chores.yaml").read_text())
    jsonschema.Draft7Validator(SCHEMA).validate(data)
    change(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(SCHEMA).validate(data)
