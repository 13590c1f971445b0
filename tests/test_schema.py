"""The JSON Schema: generated from the model, committed, and shaped for editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from ipt_roleplay import cli
from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.scenario import model
from ipt_roleplay.scenario.schema import build, render

COMMITTED = Path(__file__).parent.parent / "schema" / "scenario.schema.json"


def walk(node: Any, path: str = "#") -> list[tuple[str, Any]]:
    found = [(path, node)]
    if isinstance(node, dict):
        for key, value in node.items():
            found += walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += walk(value, f"{path}/{index}")
    return found


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return build()


def test_committed_schema_is_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == render(), (
        "schema/scenario.schema.json is out of date: run `ipt-roleplay schema -o schema/scenario.schema.json`"
    )


def test_schema_command_prints_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["schema"]) == 0
    assert capsys.readouterr().out == render()
    target = tmp_path / "s.json"
    assert cli.main(["schema", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == render()


def test_draft_07_with_definitions(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"] and schema["title"]
    assert "definitions" in schema
    text = json.dumps(schema)
    assert "$defs" not in text
    refs = [node["$ref"] for _, node in walk(schema) if isinstance(node, dict) and "$ref" in node]
    assert refs and all(ref.removeprefix("#/definitions/") in schema["definitions"] for ref in refs)


def test_no_keyword_sits_beside_a_ref(schema: dict[str, Any]) -> None:
    # draft-07 ignores siblings of $ref, so a description there would never show.
    for path, node in walk(schema):
        if isinstance(node, dict) and "$ref" in node:
            assert list(node) == ["$ref"], path


def test_every_object_refuses_unknown_keys(schema: dict[str, Any]) -> None:
    objects = [(p, n) for p, n in walk(schema) if isinstance(n, dict) and "properties" in n]
    assert len(objects) == 8  # the scenario and its seven structs
    for path, node in objects:
        assert node["additionalProperties"] is False, path


def test_every_property_is_described_and_every_model_field_is_there(schema: dict[str, Any]) -> None:
    structs = {"Scenario": schema, **schema["definitions"]}
    for cls in (model.Scenario, model.Character, model.Meter, model.State, model.Choice, model.Feedback, model.Ending, model.Variant):
        properties = structs[cls.__name__]["properties"]
        fields = [f.encode_name for f in msgspec.inspect.type_info(cls).fields]
        assert sorted(properties) == sorted(fields), cls.__name__
        for name, prop in properties.items():
            assert prop.get("description"), f"{cls.__name__}.{name} has no description"


def test_enums_for_ratings_outcomes_and_pattern_ids(schema: dict[str, Any]) -> None:
    feedback = schema["definitions"]["Feedback"]["properties"]
    assert feedback["rating"]["enum"] == ["helpful", "mixed", "unhelpful"]
    assert feedback["patterns"]["items"]["enum"] == [p.id for p in taxonomy.PATTERNS]
    outcome = schema["definitions"]["Ending"]["properties"]["outcome"]
    assert sorted(outcome["enum"]) == ["partial", "resolved", "unresolved"]


def test_conditions_carry_the_parser_syntax(schema: dict[str, Any]) -> None:
    import re

    when = schema["definitions"]["Choice"]["properties"]["when"]["additionalProperties"]["anyOf"]
    pattern = re.compile(next(o["pattern"] for o in when if o.get("type") == "string"))
    assert pattern.match("<= 7") and pattern.match(" != -2 ")
    assert not pattern.match("about 7")
