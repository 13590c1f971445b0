"""Meter conditions such as ``tension: "<= 7"``: parsed once, never evaluated as code."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping

from msgspec import Struct

OPERATORS: dict[str, Callable[[int, int], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    ">": operator.gt,
}
_CONDITION = re.compile(r"^\s*(<=|>=|==|!=|<|>)?\s*(-?\d+)\s*$")
SYNTAX_HELP = 'write a comparison such as "<= 7", ">= 3", "< 2", "> 8", "== 5" or "!= 0"'


class ConditionError(ValueError):
    """A condition that does not parse; the message says how to write one."""


class Comparison(Struct, frozen=True):
    meter: str
    op: str
    value: int

    def holds(self, meters: Mapping[str, int]) -> bool:
        return OPERATORS[self.op](meters[self.meter], self.value)

    def __str__(self) -> str:
        return f"{self.meter} {self.op} {self.value}"


def parse(meter: str, condition: str | int) -> Comparison:
    if isinstance(condition, bool):  # bool is an int in Python; a YAML `yes` is a mistake here
        raise ConditionError(f"{condition!r} is not a comparison: {SYNTAX_HELP}")
    if isinstance(condition, int):
        return Comparison(meter, "==", condition)
    match = _CONDITION.match(condition)
    if match is None:
        raise ConditionError(f"{condition!r} is not a comparison: {SYNTAX_HELP}")
    return Comparison(meter, match.group(1) or "==", int(match.group(2)))


def parse_all(conditions: Mapping[str, str | int]) -> tuple[Comparison, ...]:
    return tuple(parse(meter, cond) for meter, cond in conditions.items())


def all_hold(comparisons: tuple[Comparison, ...], meters: Mapping[str, int]) -> bool:
    return all(c.holds(meters) for c in comparisons)
