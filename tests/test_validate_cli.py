"""`ipt-roleplay validate`: a table of broken files, each with its exit code, the line in
the message and no traceback; the output formats; usage errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
from authoring_cases import VALID, line_of, mutate

from ipt_roleplay import cli

LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.+) \[(?P<rule>[a-z0-9-]+)\]$")
TALLY = re.compile(r"^\d+ files? checked: ")

BILLION_LAUGHS = "lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]\n" for i in range(1, 10)
)
LOOP = (
    mutate("goto: resolved_end", "goto: loop_a")
    + "  loop_a:\n    speaker: sam\n    says: A.\n    choices:\n"
    "      - {reply: To b., goto: loop_b, feedback: {rating: mixed, patterns: [repair], note: n}}\n"
    "  loop_b:\n    speaker: sam\n    says: B.\n    choices:\n"
    "      - {reply: To a., goto: loop_a, feedback: {rating: mixed, patterns: [repair], note: n}}\n"
)


class Bad(NamedTuple):
    name: str
    content: str | bytes
    rule: str
    line: int
    code: int = 1


TABLE = [
    Bad("duplicate-key", t := mutate("    says: Fine.\n", "    says: Fine.\n    says: Again.\n"), "duplicate-key", line_of(t, "says: Again.")),
    Bad("unknown-key", t := mutate("    says: Fine.", "    sayz: Fine."), "unknown-key", line_of(t, "sayz")),
    Bad("missing-key", t := mutate("    says: Fine.\n", ""), "missing-key", line_of(t, "stalled_end:")),
    Bad("wrong-type", t := mutate("says: Fine.", "says: {a: b}"), "wrong-type", line_of(t, "says: {a: b}")),
    Bad("enum", t := mutate("rating: helpful", "rating: good"), "unknown-value", line_of(t, "rating: good")),
    Bad("goto-no", t := mutate("goto: stalled_end", "goto: no"), "yaml11-boolean", line_of(t, "goto: no")),
    Bad("key-on", t := mutate("  sam: {name: Sam", "  on: {name: Sam"), "yaml11-boolean", line_of(t, "on: {name")),
    Bad("tag", t := mutate("title: The chores argument", "title: !!python/object/apply:os.system [\"touch {marker}\"]"), "tag-not-allowed", 2),
    Bad("alias-bomb", BILLION_LAUGHS, "alias-not-allowed", 2),
    Bad("not-utf8", VALID.encode().replace(b"Fine.", b"F\xffine."), "not-utf8", line_of(VALID, "Fine.")),
    Bad("deep-nesting", "states: " + "[" * 100_000, "nesting-too-deep", 1),
    Bad("empty", "", "empty-file", 1),
    Bad("root-list", "- id: x\n- title: y\n", "not-a-mapping", 1),
    Bad("syntax", t := mutate("says: Fine.", "says: Fine: really."), "yaml-syntax", line_of(t, "Fine: really")),
    Bad("missing-target", t := mutate("goto: resolved_end", "goto: resolvd_end"), "unknown-target", line_of(t, "resolvd_end")),
    Bad("unreachable", t := VALID + "  detour:\n    speaker: sam\n    says: Hm.\n    ending: {outcome: partial, debrief: D.}\n", "unreachable-state", line_of(t, "detour:"), 0),
    Bad("dead-end", t := mutate("goto: resolved_end", "goto: detour") + "  detour:\n    speaker: sam\n    says: Hm.\n", "dead-end", line_of(t, "  detour:")),
    Bad("loop", LOOP, "trap", line_of(LOOP, "  loop_a:")),
    Bad("unknown-pattern", t := mutate("patterns: [repair]", "patterns: [repare]"), "unknown-pattern", line_of(t, "repare")),
]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / f"{name}.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content.replace("{marker}", str(tmp_path / "ran")), encoding="utf-8")
    return path


@pytest.mark.parametrize("bad", TABLE, ids=[b.name for b in TABLE])
def test_broken_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: Bad) -> None:
    path = write(tmp_path, bad.name, bad.content)
    code = cli.main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert code == bad.code, out
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert TALLY.match(lines[-1])
    findings = [LINE.match(line) for line in lines[:-1]]
    assert all(findings), lines
    ours = [m for m in findings if m["rule"] == bad.rule]
    assert ours, out
    assert int(ours[0]["line"]) == bad.line, out
    assert ours[0]["path"] == str(path)
    assert not (tmp_path / "ran").exists()


def test_valid_file_exits_zero_with_a_tally(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "ok", VALID)
    assert cli.main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == "1 file checked: no problems found\n"


def test_tally_counts_files_errors_and_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, "bad", mutate("goto: resolved_end", "goto: resolved"))
    warn = write(tmp_path, "warn", mutate("description: Your partner.}", "description: Your partner.}\n  alex: {name: Alex}"))
    assert cli.main(["validate", str(bad), str(warn)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "2 files checked: 1 error, 1 warning"


def test_strict_turns_warnings_into_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "warn", mutate("description: Your partner.}", "description: Your partner.}\n  alex: {name: Alex}"))
    assert cli.main(["validate", str(path)]) == 0
    assert ": warning: " in capsys.readouterr().out
    assert cli.main(["validate", "--strict", str(path)]) == 1
    out = capsys.readouterr().out
    assert ": error: " in out and "[silent-character]" in out


def test_folder_is_searched_for_yaml_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "a", VALID)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b", "")
    (tmp_path / "notes.txt").write_text("not a scenario")
    assert cli.main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "b.yaml:1:1: error:" in out
    assert out.splitlines()[-1] == "2 files checked: 1 error, 0 warnings"


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad", mutate("goto: stalled_end", "goto: no"))
    assert cli.main(["validate", "--format", "json", str(path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["files_checked"] == 1 and report["errors"] == 1 and report["warnings"] == 0
    (finding,) = report["findings"]
    assert finding["rule"] == "yaml11-boolean"
    assert finding["line"] == line_of(mutate("goto: stalled_end", "goto: no"), "goto: no")
    assert set(finding) == {"path", "line", "col", "severity", "message", "rule"}


def test_github_format_escapes_properties_and_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a,b:c", mutate("goto: stalled_end", "goto: no"))
    assert cli.main(["validate", "--format", "github", str(path)]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    line = line_of(mutate("goto: stalled_end", "goto: no"), "goto: no")
    escaped = str(path).replace(":", "%3A").replace(",", "%2C")
    assert first.startswith(f"::error file={escaped},line={line},col=15,title=yaml11-boolean::`no` here is read")


def test_missing_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(tmp_path / "absent.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_no_files_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["validate"])
    assert stopped.value.code == 2


def test_max_size_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "ok", VALID)
    assert cli.main(["validate", "--max-size", "0.001", str(path)]) == 1
    assert "[file-too-large]" in capsys.readouterr().out


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ipt_roleplay", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("name", ["tag", "deep-nesting", "alias-bomb", "not-utf8"])
def test_broken_file_in_a_real_process(tmp_path: Path, name: str) -> None:
    bad = next(b for b in TABLE if b.name == name)
    path = write(tmp_path, name, bad.content)
    done = run_cli("validate", str(path))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert f"{path}:{bad.line}:" in done.stdout and f"[{bad.rule}]" in done.stdout
    assert not (tmp_path / "ran").exists()


def test_usage_errors_in_a_real_process(tmp_path: Path) -> None:
    missing = run_cli("validate", str(tmp_path / "absent.yaml"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    nothing = run_cli("validate")
    assert nothing.returncode == 2 and "Traceback" not in nothing.stderr
