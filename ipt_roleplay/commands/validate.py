"""`ipt-roleplay validate FILE...`: check scenario files, one line per problem.
`ipt-roleplay validate --list-rules`: every rule a file can break (scenario.rules).

Exit status: 0 when no file has an error, 1 when one does, 2 for a usage problem (a
file that does not exist, no files at all).
"""

from __future__ import annotations

import argparse

NAME = "validate"
HELP = "Check scenario files and list every problem as file:line:col."

FORMATS = ("text", "json", "github")


def _mebibytes(value: str) -> float:
    try:
        size = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of MiB") from None
    if not size > 0:
        raise argparse.ArgumentTypeError("the size limit must be more than 0 MiB")
    return size


class _ListRules(argparse.Action):
    """Print the catalogue of rules and stop, as ``--version`` does: no files needed."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)  # type: ignore[arg-type]

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(rules_table())
        parser.exit()


def rules_table() -> str:
    """Every rule, one a line: id, severity, and what it means, in the docs' order."""
    from ipt_roleplay.scenario.rules import CATALOGUE

    width = max(len(info.id) for info in CATALOGUE)
    return "\n".join(f"{info.id:<{width}}  {info.severity:<7}  {info.description}" for info in CATALOGUE)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario files, or folders to search for .yaml files")
    parser.add_argument(
        "--list-rules",
        action=_ListRules,
        help="list every rule a file can break (id, severity, what it means) and stop",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (file:line:col lines), json, or github (workflow annotations); default text",
    )
    parser.add_argument("--strict", action="store_true", help="count warnings as errors")
    parser.add_argument(
        "--max-size",
        type=_mebibytes,
        default=None,
        metavar="MIB",
        help="refuse files larger than this many MiB (default 5)",
    )


def run(args: argparse.Namespace) -> int:
    import json

    import msgspec

    from ipt_roleplay.scenario.findings import ERROR, Finding
    from ipt_roleplay.scenario.loader import MAX_BYTES, check_file

    paths = _expand(args.files)
    max_bytes = int(args.max_size * 1024 * 1024) if args.max_size else MAX_BYTES
    findings: list[Finding] = []
    for path in paths:
        for finding in check_file(path, max_bytes=max_bytes).findings:
            if args.strict and finding.severity != ERROR:
                finding = msgspec.structs.replace(finding, severity=ERROR)
            findings.append(finding)
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = len(findings) - errors
    if args.format == "json":
        report = {
            "files_checked": len(paths),
            "errors": errors,
            "warnings": warnings,
            "findings": [msgspec.structs.asdict(f) for f in findings],
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        line = _github if args.format == "github" else str
        for finding in findings:
            print(line(finding))
        print(_tally(len(paths), errors, warnings))
    return 1 if errors else 0


def _expand(names: list[str]) -> list[str]:
    from pathlib import Path

    from ipt_roleplay.errors import UserError

    paths: list[str] = []
    missing = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                raise UserError(f"there are no scenario files (.yaml or .yml) in the folder {name}")
            paths.extend(str(p) for p in found)
        elif path.exists():
            paths.append(name)
        else:
            missing.append(name)
    if missing:
        raise UserError("no such file: " + ", ".join(missing))
    return paths


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _tally(files: int, errors: int, warnings: int) -> str:
    checked = f"{_plural(files, 'file')} checked"
    if not errors and not warnings:
        return f"{checked}: no problems found"
    return f"{checked}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(finding: object) -> str:
    """A GitHub Actions workflow command that puts the finding on the line in the diff."""
    f = finding
    return (
        f"::{f.severity} file={_escape_property(f.path)},line={f.line},col={f.col},"  # type: ignore[attr-defined]
        f"title={_escape_property(f.rule)}::{_escape_data(f.message)}"  # type: ignore[attr-defined]
    )
