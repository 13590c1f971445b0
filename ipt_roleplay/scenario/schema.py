"""The JSON Schema of scenario files, for editor completion and hover help.

Generated from the msgspec model (`msgspec.json.schema`), then shaped for editors:
draft-07 with `definitions` (what yaml-language-server and most validators read best),
the Scenario inlined at the root, the taxonomy's pattern ids as an enum on
`feedback.patterns`, the condition syntax as a pattern, and a description on every
property. schema/scenario.schema.json is this output, committed; a test keeps the two equal.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.scenario import conditions
from ipt_roleplay.scenario.model import Scenario

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMA_ID = "urn:ipt-roleplay:schema:scenario:1"


def build() -> dict[str, Any]:
    raw = msgspec.json.schema(Scenario)
    definitions = _rename_refs(raw["$defs"])
    root = definitions.pop("Scenario")
    for definition in definitions.values():
        _describe_properties(definition, definitions)
    _describe_properties(root, definitions)
    _add_pattern_ids(definitions["Feedback"])
    _add_condition_syntax(definitions)
    schema: dict[str, Any] = {
        "$schema": DRAFT_07,
        "$id": SCHEMA_ID,
        "title": "ipt-roleplay scenario",
        "description": (
            f"{root.pop('description', '')} A scenario file for ipt-roleplay; "
            "see docs/scenario-format.md for every key with an example."
        ),
    }
    root.pop("title", None)
    schema.update(root)
    schema["definitions"] = definitions
    return _lift_refs(schema)


def render() -> str:
    """The schema as the text committed at schema/scenario.schema.json."""
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


def _rename_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: (value.replace("#/$defs/", "#/definitions/") if key == "$ref" else _rename_refs(value))
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rename_refs(item) for item in node]
    return node


def _referenced(prop: dict[str, Any]) -> str | None:
    """The definition a property points at, directly, through a list, or as an option."""
    for candidate in (prop, prop.get("items", {}), *prop.get("anyOf", ())):
        ref = candidate.get("$ref") if isinstance(candidate, dict) else None
        if ref:
            return str(ref).rsplit("/", 1)[-1]
    return None


def _describe_properties(definition: dict[str, Any], definitions: dict[str, Any]) -> None:
    """Give properties that only point at a struct (feedback:, ending:) that struct's
    description, so an editor's hover always says something."""
    for prop in definition.get("properties", {}).values():
        if "description" in prop:
            continue
        name = _referenced(prop)
        if name and "description" in definitions.get(name, {}):
            about = definitions[name]["description"]
            if prop.get("type") == "array":
                about = "A list; each item is " + about[:1].lower() + about[1:]
            prop["description"] = about


def _add_pattern_ids(feedback: dict[str, Any]) -> None:
    items = feedback["properties"]["patterns"]["items"]
    items["enum"] = [pattern.id for pattern in taxonomy.PATTERNS]


def _add_condition_syntax(definitions: dict[str, Any]) -> None:
    pattern = conditions._CONDITION.pattern  # the parser's own syntax, not a copy of it
    for name in ("Choice", "Variant"):
        when = definitions[name]["properties"]["when"]
        for option in when["additionalProperties"]["anyOf"]:
            if option.get("type") == "string":
                option["pattern"] = pattern


def _lift_refs(node: Any) -> Any:
    """Draft-07 ignores keywords beside a `$ref`; move the `$ref` into `allOf` instead."""
    if isinstance(node, dict):
        node = {key: _lift_refs(value) for key, value in node.items()}
        if "$ref" in node and len(node) > 1:
            node["allOf"] = [{"$ref": node.pop("$ref")}]
        return node
    if isinstance(node, list):
        return [_lift_refs(item) for item in node]
    return node
