"""Line mode end to end: `ipt-roleplay play FILE --plain`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CHORES = Path(__file__).parent / "scenarios" / "chores.yaml"


def play(*args: str, stdin: str = "", home: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        # --no-mood: these replies come on stdin, where the mood questions would read them.
        [sys.executable, "-m", "ipt_roleplay", "play", str(CHORES), "--plain", "--no-mood", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={"IPT_ROLEPLAY_HOME": str(home), "PATH": "/usr/bin:/bin"},
    )


def test_scripted_path_reaches_ending_with_feedback_and_summary(tmp_path):
    result = play("--choose", "2,1", home=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "The chores argument [test]" in out  # brackets shown as written
    assert "Sam: You're home late. Again." in out
    assert "(Sam doesn't look up from the phone.)" in out
    assert "  2. I'm sorry I'm late. I felt awful sitting in traffic." in out
    assert "Feedback: Helpful." in out
    assert "Owns their part" in out
    assert "Tension: 5 -> 3." in out
    assert "The end: resolved." in out
    assert "2 replies: 2 helpful, 0 mixed, 0 unhelpful." in out
    assert "Goal: Make one specific request: practised." in out
    assert "crisis" in out
    assert "\x1b[" not in out  # no colour codes in a pipe
    assert "Traceback" not in result.stderr


def test_reads_numbers_from_input_and_reasks_bad_ones(tmp_path):
    result = play(stdin="7\n\n   \n1\n2\n", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("please pick a number from 1 to 3.") == 1
    assert result.stdout.count("Type a reply, or pick one by its number.") == 2
    assert "The end: unresolved." in result.stdout  # "Why do you always" then "I'm leaving"


def test_end_of_input_exits_cleanly(tmp_path):
    result = play(stdin="1\n", home=tmp_path)
    assert result.returncode == 0
    assert "The input ended before the conversation did." in result.stdout
    assert "Traceback" not in result.stderr


def test_bad_scripted_choice_is_a_usage_error(tmp_path):
    result = play("--choose", "9", home=tmp_path)
    assert result.returncode == 2
    assert "--choose gave 9, but there are 3 replies here." in result.stderr


def test_feedback_at_end_mode_holds_feedback_until_the_ending(tmp_path):
    result = play("--choose", "1,1,1", "--feedback", "end", home=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("Feedback on each reply") < out.index("Feedback: Unhelpful.")
    assert out.index("The end: resolved.") < out.index("Feedback: Unhelpful.")


def test_broken_file_is_reported_not_a_traceback(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: [unclosed\n")
    result = subprocess.run(
        [sys.executable, "-m", "ipt_roleplay", "play", str(broken), "--plain"],
        capture_output=True, text=True, timeout=60,
        env={"IPT_ROLEPLAY_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert f"{broken}:" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_is_a_usage_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "ipt_roleplay", "play", str(tmp_path / "nope.yaml"), "--plain"],
        capture_output=True, text=True, timeout=60,
        env={"IPT_ROLEPLAY_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode in (1, 2)
    assert "nope.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_typed_reply_is_analysed_and_routed(tmp_path):
    typed = "I'm sorry I'm late, I felt awful stuck in traffic"
    result = play(stdin=f"{typed}\n", home=tmp_path)
    out = result.stdout
    assert "or type your own" in out
    assert 'Sam hears this as: "I\'m sorry I\'m late. I felt awful sitting in traffic."' in out
    assert "Sam: I just feel like I'm the only one who notices the dishes." in out


def test_scenario_without_free_text_asks_for_a_number(tmp_path):
    strict = tmp_path / "strict.yaml"
    strict.write_text(CHORES.read_text() + "free_text: false\n")
    result = subprocess.run(
        [sys.executable, "-m", "ipt_roleplay", "play", str(strict), "--plain", "--no-mood"],
        input="sorry\n2\n", capture_output=True, text=True, timeout=60,
        env={"IPT_ROLEPLAY_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert "or type your own" not in result.stdout
    assert "Please type a number from 1 to 3." in result.stdout
    assert "Sam: I just feel like I'm the only one who notices the dishes." in result.stdout
