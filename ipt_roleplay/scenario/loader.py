"""Load scenario files strictly, and say exactly where and why one does not load.

    scenario = load_scenario("chores.yaml")          # ScenarioError on any error
    result = check_file("chores.yaml")               # never raises for the file's content
    for finding in result.findings: print(finding)   # path:line:col: severity: message [rule]

Scenario files are untrusted: they are decoded as strict UTF-8, size-limited, read
through the YAML event stream without constructing any tag (see yaml_reader), checked
against the model, converted with msgspec, and then checked as a conversation graph.
"""

from __future__ import annotations

import codecs
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import msgspec

from ipt_roleplay.scenario import checks, rules
from ipt_roleplay.scenario.findings import ERROR, CheckResult, Finding, SourceMap
from ipt_roleplay.scenario.model import Scenario
from ipt_roleplay.scenario.yaml_reader import Reader

MAX_BYTES = 5 * 1024 * 1024

R_READ = rules.get("unreadable-file")
R_SIZE = rules.get("file-too-large")
R_UTF8 = rules.get("not-utf8")
R_MODEL = rules.get("invalid-value")
R_BUG = rules.get("loader-bug")


class ScenarioError(Exception):
    """A scenario file with at least one error. `.findings` holds every finding."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        first = next((f for f in findings if f.is_error), findings[0] if findings else None)
        super().__init__(str(first) if first else "the scenario could not be loaded")


def _finding(path: str, rule: Any, message: str, line: int = 1, col: int = 1) -> Finding:
    return Finding(path, line, col, rule.severity, message, rule.id)


def _too_large(path: str, size: int, max_bytes: int) -> Finding:
    return _finding(
        path,
        R_SIZE,
        f"the file is {size / 1048576:.1f} MiB, over the {max_bytes / 1048576:g} MiB limit for scenario "
        "files; split it, or raise the limit (validate --max-size) if it is really meant to be this big",
    )


def _decode(data: bytes, path: str) -> tuple[str | None, Finding | None]:
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or data.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        return None, _finding(
            path, R_UTF8, "the file is saved as UTF-16 or UTF-32; save it as UTF-8 (most editors offer this under 'Save as')"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        at = error.start
        line_start = data.rfind(b"\n", 0, at) + 1
        line = data.count(b"\n", 0, at) + 1
        col = len(data[line_start:at].decode("utf-8", errors="replace")) + 1
        return None, _finding(
            path,
            R_UTF8,
            f"the file is not UTF-8 text: the byte 0x{data[at]:02X} at line {line}, column {col} cannot be "
            "read; save the file as UTF-8 (most editors offer this under 'Save as')",
            line,
            col,
        )
    return text.removeprefix("\ufeff"), None


def check_file(path: str | Path, *, max_bytes: int | None = MAX_BYTES) -> CheckResult:
    """Read and check a scenario file. Never raises for anything in the file."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return CheckResult(None, [_finding(name, R_READ, f"the file could not be opened: {reason}")])
    if max_bytes is not None and len(data) > max_bytes:
        size = Path(path).stat().st_size if Path(path).is_file() else len(data)
        return CheckResult(None, [_too_large(name, size, max_bytes)])
    return check_bytes(data, name, max_bytes=None)


def check_bytes(data: bytes, path: str = "<bytes>", *, max_bytes: int | None = MAX_BYTES) -> CheckResult:
    if max_bytes is not None and len(data) > max_bytes:
        return CheckResult(None, [_too_large(path, len(data), max_bytes)])
    text, problem = _decode(data, path)
    if problem is not None:
        return CheckResult(None, [problem])
    return _check(text or "", path)


def check_text(text: str, path: str = "<text>", *, max_bytes: int | None = MAX_BYTES) -> CheckResult:
    """`check_file` for text already in memory."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:  # lone surrogates cannot be UTF-8
        return CheckResult(None, [_finding(path, R_UTF8, f"the text holds a character that is not valid Unicode at position {error.start}")])
    if max_bytes is not None and size > max_bytes:
        return CheckResult(None, [_too_large(path, size, max_bytes)])
    return _check(text.removeprefix("\ufeff"), path)


def load_scenario(path: str | Path, *, max_bytes: int | None = MAX_BYTES) -> Scenario:
    """The scenario in a file; ScenarioError (with every finding) if it has any error."""
    return _scenario_or_raise(check_file(path, max_bytes=max_bytes))


def load_text(text: str, path: str = "<text>", *, max_bytes: int | None = MAX_BYTES) -> Scenario:
    return _scenario_or_raise(check_text(text, path, max_bytes=max_bytes))


def _scenario_or_raise(result: CheckResult) -> Scenario:
    if result.scenario is None or result.errors:
        raise ScenarioError(result.findings)
    return result.scenario


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Reading builds hundreds of thousands of small dicts, lists and tuples, and none of
    them form cycles; the cyclic collector would rescan them all again and again (a
    10,000-state file: 3.8 s with it, 2.2 s without). Reference counting still frees
    everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check(text: str, path: str) -> CheckResult:
    try:
        with _cyclic_gc_paused():
            return _check_unguarded(text, path)
    except Exception as error:  # noqa: BLE001 - check_file must never raise; the finding says it's on us
        return CheckResult(
            None,
            [
                _finding(
                    path,
                    R_BUG,
                    f"something unexpected went wrong while reading this file ({type(error).__name__}); "
                    "this is a problem in ipt-roleplay, not in your file. Please report it with the file",
                )
            ],
        )


def _check_unguarded(text: str, path: str) -> CheckResult:
    reader = Reader(text, path)
    data = reader.read()
    findings = reader.findings
    source_map = reader.source_map
    if data is None or any(f.severity == ERROR for f in findings):
        return CheckResult(None, _in_order(findings), source_map)
    try:
        scenario = msgspec.convert(data, Scenario)
    except msgspec.ValidationError as error:
        findings.append(_model_finding(str(error), path, source_map))
        return CheckResult(None, _in_order(findings), source_map)
    findings.extend(checks.run(scenario, path, source_map))
    return CheckResult(scenario, _in_order(findings), source_map)


_AT = re.compile(r" - at `\$(.*)`$")
_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _model_finding(message: str, path: str, source_map: SourceMap) -> Finding:
    """A msgspec error such as "Expected `int` - at `$.meters.tension.max`" as a finding."""
    match = _AT.search(message)
    where: tuple[str | int, ...] = ()
    if match:
        message = message[: match.start()]
        where = tuple(key if key else int(index) for key, index in _PART.findall(match.group(1)))
    line, col = checks.position(source_map, where)
    place = ".".join(str(p) for p in where)
    return _finding(path, R_MODEL, f"{message} (at {place})" if place else message, line, col)


def _in_order(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.line, f.col))
