"""Line mode keeps every turn, survives kill -9, and offers to carry on."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

CHORES = Path(__file__).parent / "scenarios" / "chores.yaml"


def env(home: Path) -> dict[str, str]:
    return {"IPT_ROLEPLAY_HOME": str(home), "PATH": "/usr/bin:/bin"}


def run(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ipt_roleplay", *args],
        input=stdin, capture_output=True, text=True, timeout=60, env=env(home),
    )


def history(home: Path) -> list[dict]:
    result = run(home, "history", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["sessions"]


def test_finished_session_is_in_history(tmp_path):
    scenario = tmp_path / "chores.yaml"
    scenario.write_text(CHORES.read_text())
    assert run(tmp_path, "play", str(scenario), "--plain", "--choose", "2,1").returncode == 0
    [session] = history(tmp_path)
    assert session["outcome"] == "resolved"


def test_no_history_keeps_nothing(tmp_path):
    assert run(tmp_path, "play", str(CHORES), "--plain", "--no-history", "--choose", "2,1").returncode == 0
    assert history(tmp_path) == []


def wait_for(proc: subprocess.Popen, text: str, seen: list[str], timeout: float = 30.0) -> None:
    """Read the child's output until ``text`` appears (select + os.read: never blocks)."""
    deadline = time.monotonic() + timeout
    fd = proc.stdout.fileno()
    while text not in "".join(seen):
        left = deadline - time.monotonic()
        assert left > 0, f"never saw {text!r} in {''.join(seen)!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 65536)
            assert chunk, f"the process ended before {text!r}: {''.join(seen)!r}"
            seen.append(chunk.decode())


def test_kill_9_mid_session_then_resume_with_every_turn(tmp_path):
    scenario = tmp_path / "chores.yaml"
    scenario.write_text(CHORES.read_text())
    proc = subprocess.Popen(
        [sys.executable, "-m", "ipt_roleplay", "play", str(scenario), "--plain", "--no-mood"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=env(tmp_path),
    )
    seen: list[str] = []
    try:
        proc.stdin.write(b"1\n")  # "Why do you always do this?" -> escalation
        proc.stdin.flush()
        wait_for(proc, "Don't you dare start", seen)
        proc.stdin.write(b"1\n")  # repair -> talk
        proc.stdin.flush()
        wait_for(proc, "the only one who notices the dishes", seen)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    [session] = history(tmp_path)
    assert session["finished"] is False and session["replies"] == 2

    resumed = run(tmp_path, "play", str(scenario), "--plain", "--resume", "--choose", "1")
    assert resumed.returncode == 0, resumed.stderr
    out = resumed.stdout
    assert "So far (2 replies)" in out
    assert "You: Why do you always do this?" in out
    assert "The end: resolved." in out
    assert "3 replies: 2 helpful, 0 mixed, 1 unhelpful." in out
    [session] = history(tmp_path)
    assert session["replies"] == 3 and session["outcome"] == "resolved"


def test_pipe_mentions_unfinished_session_and_starts_afresh(tmp_path):
    scenario = tmp_path / "chores.yaml"
    scenario.write_text(CHORES.read_text())
    run(tmp_path, "play", str(scenario), "--plain", "--no-mood", stdin="1\n")  # input ends mid-way
    again = run(tmp_path, "play", str(scenario), "--plain", "--choose", "2,1")
    assert "Add --resume to carry on with it." in again.stdout
    assert "So far" not in again.stdout
    assert len(history(tmp_path)) == 2


def test_changed_file_replays_what_still_applies(tmp_path):
    scenario = tmp_path / "chores.yaml"
    scenario.write_text(CHORES.read_text())
    run(tmp_path, "play", str(scenario), "--plain", "--no-mood", stdin="2\n")  # apology -> talk, then input ends
    scenario.write_text(CHORES.read_text().replace("Yes. Let's try that.", "Yes. Let's try it."))
    resumed = run(tmp_path, "play", str(scenario), "--plain", "--resume", "--choose", "1")
    assert "The scenario file has changed since that session; 1 of 1 replies still apply" in resumed.stdout
    assert "Sam: Yes. Let's try it." in resumed.stdout
