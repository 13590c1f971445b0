"""The shape of a scenario file, derived once from the msgspec model.

The YAML reader walks the file against these small specs instead of asking msgspec's
type info about every node, so the model stays the single definition of the format and
the walk stays cheap. `where(path)` turns a path such as ("states", "arrival",
"choices", 0) into the words a therapist reads in a message: "reply 1 of state 'arrival'".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import msgspec

from ipt_roleplay.scenario.findings import show
from ipt_roleplay.scenario.model import Scenario


@dataclass(slots=True, eq=False)
class TextSpec:
    nullable: bool = False
    nonempty: bool = False
    pattern: re.Pattern[str] | None = None


@dataclass(slots=True, eq=False)
class IntSpec:
    nullable: bool = False


@dataclass(slots=True, eq=False)
class BoolSpec:
    nullable: bool = False


@dataclass(slots=True, eq=False)
class EnumSpec:
    values: tuple[str, ...]
    nullable: bool = False


@dataclass(slots=True, eq=False)
class ConditionSpec:
    """A meter condition: a comparison written as text, or a bare number."""

    nullable: bool = False


@dataclass(slots=True, eq=False)
class ListSpec:
    item: Any
    nullable: bool = False


@dataclass(slots=True, eq=False)
class DictSpec:
    key: TextSpec
    value: Any
    nullable: bool = False


@dataclass(slots=True, eq=False)
class FieldSpec:
    name: str
    spec: Any
    required: bool
    description: str


@dataclass(slots=True, eq=False)
class StructSpec:
    name: str
    description: str
    fields: dict[str, FieldSpec] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    nullable: bool = False


Spec = TextSpec | IntSpec | BoolSpec | EnumSpec | ConditionSpec | ListSpec | DictSpec | StructSpec


def _description(t: Any) -> str:
    if isinstance(t, msgspec.inspect.Metadata) and t.extra_json_schema:
        return str(t.extra_json_schema.get("description", ""))
    return ""


def _unwrap(t: Any) -> Any:
    while isinstance(t, msgspec.inspect.Metadata):
        t = t.type
    return t


def _build(t: Any, structs: dict[type, StructSpec], nullable: bool = False) -> Spec:
    t = _unwrap(t)
    mi = msgspec.inspect
    if isinstance(t, mi.UnionType):
        others = [_unwrap(x) for x in t.types if not isinstance(_unwrap(x), mi.NoneType)]
        is_nullable = len(others) < len(t.types)
        kinds = {type(x) for x in others}
        if kinds == {mi.StrType, mi.IntType}:
            return ConditionSpec(nullable=is_nullable)
        if len(others) == 1:
            return _build(others[0], structs, nullable=is_nullable)
        raise TypeError(f"the loader does not know how to read the union {t!r}")
    if isinstance(t, mi.StrType):
        pattern = re.compile(t.pattern) if t.pattern else None
        return TextSpec(nullable, nonempty=bool(t.min_length), pattern=pattern)
    if isinstance(t, mi.BoolType):
        return BoolSpec(nullable)
    if isinstance(t, mi.IntType):
        return IntSpec(nullable)
    if isinstance(t, mi.LiteralType):
        return EnumSpec(tuple(str(v) for v in t.values), nullable)
    if isinstance(t, mi.ListType):
        return ListSpec(_build(t.item_type, structs), nullable)
    if isinstance(t, mi.DictType):
        key = _build(t.key_type, structs)
        if not isinstance(key, TextSpec):
            raise TypeError(f"the loader only reads text keys, not {t.key_type!r}")
        return DictSpec(key, _build(t.value_type, structs), nullable)
    if isinstance(t, mi.StructType):
        spec = _struct(t, structs)
        if nullable:
            # The same struct can be optional in one place and required in another.
            return StructSpec(spec.name, spec.description, spec.fields, spec.required, nullable=True)
        return spec
    raise TypeError(f"the loader does not know how to read {t!r}")


def _struct(t: Any, structs: dict[type, StructSpec]) -> StructSpec:
    if t.cls in structs:
        return structs[t.cls]
    doc = (t.cls.__doc__ or "").strip()
    spec = StructSpec(t.cls.__name__, doc)
    structs[t.cls] = spec  # before the fields, so a struct could refer to itself
    for f in t.fields:
        spec.fields[f.encode_name] = FieldSpec(
            f.encode_name, _build(f.type, structs), f.required, _description(f.type)
        )
    spec.required = tuple(f.encode_name for f in t.fields if f.required)
    return spec


SCENARIO: StructSpec = _struct(msgspec.inspect.type_info(Scenario), {})


def describe_value(description: str) -> str:
    """A field's description as a phrase for the middle of a sentence."""
    text = description.strip().rstrip(".")
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():  # an acronym such as "IPT" keeps its capitals
        return text
    return text[:1].lower() + text[1:]


def where(path: tuple[str | int, ...]) -> str:
    """Plain words for the place a path points to, for messages."""
    if not path:
        return "the scenario"
    head = path[0]
    if len(path) >= 2 and head in ("characters", "meters") and isinstance(path[1], str):
        return f"{'character' if head == 'characters' else 'meter'} '{show(path[1])}'"
    if head != "states" or len(path) < 2 or not isinstance(path[1], str):
        return f"`{show(head)}`" if len(path) == 1 else f"`{format_path(path)}`"
    state = f"state '{show(path[1])}'"
    rest = path[2:]
    if not rest:
        return state
    if rest[0] == "ending":
        return f"the ending of {state}"
    if len(rest) >= 2 and isinstance(rest[1], int) and rest[0] in ("choices", "variants"):
        noun = "reply" if rest[0] == "choices" else "variant"
        place = f"{noun} {rest[1] + 1} of {state}"
        if len(rest) >= 3 and rest[2] == "feedback":
            return f"the feedback on {place}"
        return place
    return f"`{rest[0]}` of {state}"


def format_path(path: tuple[str | int, ...]) -> str:
    """A path written the way it would look in the file: states.arrival.choices[0]."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{show(part)}" if out else show(part))
    return out
