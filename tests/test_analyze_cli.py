"""`ipt-roleplay analyze`: text and JSON output, one reply or many on stdin."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from ipt_roleplay.cli import main


def run_cli(capsys, *argv: str, stdin: bytes | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(["analyze", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_mode_prints_one_line_per_pattern_with_label_evidence_and_reason(capsys) -> None:
    code, out, _ = run_cli(capsys, "It's all your fault and you never listen.")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == 'Blaming (blaming)  "all your fault"  \u2014 puts the blame on the other person'
    assert sum(line.startswith("Blaming") for line in lines) == 1  # one line per pattern
    assert any(line.startswith('Always / never (absolute)  "never"  \u2014 ') for line in lines)


def test_text_mode_says_kindly_when_nothing_was_found(capsys) -> None:
    code, out, _ = run_cli(capsys, "The parcel came at ten.")
    assert code == 0
    assert out.strip() == "No patterns stood out in this reply."


def test_therapist_role_uses_the_therapist_patterns(capsys) -> None:
    code, out, _ = run_cli(capsys, "--role", "therapist", "Did that upset you?")
    assert code == 0
    assert out.startswith('Closed question (closed_question)  "Did that upset you?"')


def test_json_mode_for_one_text(capsys) -> None:
    text = "Sorry. Could you text me when you leave?"
    code, out, _ = run_cli(capsys, "--json", text)
    assert code == 0
    record = json.loads(out)
    assert record["text"] == text
    assert [p["id"] for p in record["patterns"]] == ["owns_part", "direct_request"]
    for pattern in record["patterns"]:
        start, end = pattern["span"]
        assert text[start:end] == pattern["evidence"]


def test_stdin_json_gives_one_object_per_line_and_keeps_blank_lines_aligned(capsys, monkeypatch) -> None:
    stdin = "You never help.\n\n   \n*sighs*\r\nI feel hurt\n".encode()
    code, out, _ = run_cli(capsys, "--json", stdin=stdin, monkeypatch=monkeypatch)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["text"] for r in records] == ["You never help.", "", "   ", "*sighs*", "I feel hurt"]
    assert [[p["id"] for p in r["patterns"]] for r in records] == [
        ["blaming", "absolute"],
        [],
        [],
        ["indirect_nonverbal"],
        ["i_statement"],
    ]


def test_stdin_survives_bytes_that_are_not_utf8(capsys, monkeypatch) -> None:
    code, out, _ = run_cli(capsys, "--json", stdin=b"ok \xff\xfe then\nYou never call\n", monkeypatch=monkeypatch)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 2
    assert records[0]["patterns"] == []
    assert [p["id"] for p in records[1]["patterns"]] == ["blaming", "absolute"]


def test_stdin_text_mode_shows_each_reply_then_its_patterns(capsys, monkeypatch) -> None:
    code, out, _ = run_cli(capsys, stdin=b"hello\nI feel hurt\n", monkeypatch=monkeypatch)
    assert code == 0
    assert out.split("\n\n") == [
        "> hello\nNo patterns stood out in this reply.",
        '> I feel hurt\nI-statement (i_statement)  "I feel hurt"  \u2014 names your own feeling\n',
    ]


def test_control_characters_are_shown_not_sent_to_the_terminal(capsys, monkeypatch) -> None:
    code, out, _ = run_cli(capsys, stdin=b"\x1b[2Jyou never\n", monkeypatch=monkeypatch)
    assert code == 0
    assert "\x1b" not in out
    assert "\\x1b[2J" in out


def test_an_unknown_role_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["analyze", "--role", "parent", "hello"])
    assert exit_info.value.code == 2
    assert "--role" in capsys.readouterr().err


def test_the_installed_command_reads_stdin_end_to_end() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ipt_roleplay", "analyze", "--json", "--role", "therapist"],
        input="What was that like?\nDid he call?\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [[p["id"] for p in r["patterns"]] for r in records] == [["exploratory_question"], ["closed_question"]]
    assert result.stderr == ""
