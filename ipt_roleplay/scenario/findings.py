"""What the loader and the checks report: one `Finding` per problem, each naming its rule
(the rules themselves are the table in `scenario.rules`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct, field

from ipt_roleplay.scenario.rules import ERROR, WARNING, Severity

if TYPE_CHECKING:
    from ipt_roleplay.scenario.model import Scenario

__all__ = ["ERROR", "WARNING", "CheckResult", "Finding", "Severity", "SourceMap", "show"]


class Finding(Struct, frozen=True):
    """One problem in a scenario file. Lines and columns are 1-based."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.rule}]"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


SourceMap = dict[tuple[str | int, ...], tuple[int, int]]


class CheckResult(Struct):
    """What checking a file found: the scenario (None when it could not be read at all),
    every finding, and where each value stands in the file."""

    scenario: Scenario | None
    findings: list[Finding] = field(default_factory=list)
    source_map: SourceMap = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not self.errors


def show(text: object, limit: int = 60) -> str:
    """Scenario text made safe to quote in a message: one line, no control characters
    (a key such as "\\e[2J" must not reach the terminal as an escape), and short."""
    text = str(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
