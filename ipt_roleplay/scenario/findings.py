"""What the loader and the checks report: one `Finding` per problem, and the catalogue
of rule ids that `validate` prints and docs/scenario-format.md lists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from msgspec import Struct, field

if TYPE_CHECKING:
    from ipt_roleplay.scenario.model import Scenario

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


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


class RuleInfo(Struct, frozen=True):
    id: str
    severity: Severity
    description: str


# Every rule id either module can report, in the order the docs table lists them.
CATALOGUE: dict[str, RuleInfo] = {}


def describe(rule_id: str, severity: Severity, description: str) -> RuleInfo:
    """Add a rule to the catalogue (at import time); the id must be new."""
    if rule_id in CATALOGUE:
        raise ValueError(f"rule {rule_id!r} is described twice")
    info = RuleInfo(rule_id, severity, description)
    CATALOGUE[rule_id] = info
    return info


def all_rules() -> dict[str, RuleInfo]:
    """The full catalogue: the loader's rules, then the checks'."""
    from ipt_roleplay.scenario import checks, loader  # noqa: F401 - importing registers them

    return dict(CATALOGUE)


def show(text: object, limit: int = 60) -> str:
    """Scenario text made safe to quote in a message: one line, no control characters
    (a key such as "\\e[2J" must not reach the terminal as an escape), and short."""
    text = str(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
