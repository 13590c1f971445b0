"""Looking back in line mode, end to end: play a bundled scenario with the mood
questions, `review last --plain` with answers on stdin, rehearse from an exchange,
export the report; and a review killed part-way keeps every answer already given."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from test_plain_resume import env, run, wait_for

MARITAL = Path(__file__).parent.parent / "scenarios" / "marital-dispute.yaml"
# The sigh, "You shouldn't need telling", the bins, "Wait. I don't want that.", a pause.
ROUTE = "1,4,3,4,1"


def sessions(home: Path) -> list[dict]:
    result = run(home, "history", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["sessions"]


def stored(home: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(home / "history.sqlite3")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_play_review_rehearse_and_export(tmp_path):
    played = run(tmp_path, "play", str(MARITAL), "--plain", "--choose", ROUTE, stdin="4 tense\n7, relieved\n")
    assert played.returncode == 0, played.stderr
    assert "How are you feeling right now?" in played.stdout
    assert "Noted: 4/10 (tense)." in played.stdout and "Noted: 7/10 (relieved)." in played.stdout
    # Before the first line, after the scenario is introduced; after the ending.
    out = played.stdout
    assert out.index("You play the client.") < out.index("How are you feeling right now?") < out.index("Alex: Are they down?")
    assert out.index("The end: partial.") < out.index("And now, after the conversation")

    answers = "\n".join([
        "2",                              # the exchange: "You shouldn't need telling"
        "That I am worn out",             # what did you want Alex to understand?
        "",                               # what did you feel? (skipped)
        "Badly, like blame",              # how did it land?
        "That Alex would offer to help",  # what did you hope would happen?
        "I'm worn out, and I need help with the evenings",  # what else could you have said?
        "",                               # no second try
        "r",                              # rehearse from here
        "3",                              # this time: "Fair. I'm not fine..."
    ]) + "\n"
    reviewed = run(tmp_path, "review", "last", "--plain", stdin=answers)
    assert reviewed.returncode == 0, reviewed.stderr
    out = reviewed.stdout
    assert "2: It moved the conversation most" not in out  # the suggestions name the right replies
    assert "1: The first reply that did not help." in out
    assert "4: It moved the conversation most (Tension -3, better" in out
    assert "What did you want Alex to understand?" in out and "What did you hope would happen?" in out
    assert "What Alex said next: Right. So I'm useless." in out
    assert "How your reply landed: Unhelpful" in out
    assert "The replies you did not choose:" in out and "(Helpful)" in out
    assert "Feedback on that: Helpful: I-statement" in out
    # The new attempt starts at that moment: one reply replayed, then exchange 2's line.
    rehearsal = out[out.index("Rehearsing from reply 2"):]
    assert "So far (1 replies)" in rehearsal
    first_line = rehearsal.index("Alex: What's that about?")
    assert "Alex: Are they down?" not in rehearsal[rehearsal.index("You: [Sigh"):first_line]
    assert "Before: You shouldn't need telling. It's right in front of you. (Unhelpful)" in out
    assert "This time: Fair. I'm not fine." in out

    first, second = sessions(tmp_path)
    assert second["replies"] == 2  # the replayed reply and the new one
    assert stored(tmp_path, "SELECT session_id, from_session_id, from_turn FROM rehearsals") == [
        (second["id"], first["id"], 1)
    ]
    assert stored(tmp_path, "SELECT reply FROM turns WHERE session_id = 2 ORDER BY turn_number") == [
        ("[Sigh, and start clearing the plates, loudly]",),
        ("Fair. I'm not fine. I'm worn out with the evenings, and I've been hinting instead of saying it. Can we talk?",),
    ]

    report = run(tmp_path, "export", str(first["id"]), "--format", "md")
    assert report.returncode == 0, report.stderr
    section = report.stdout[report.stdout.index("## Looking back"):]
    assert "- **Mood before:** 4/10 (tense)" in section
    assert "- **Mood after:** 7/10 (relieved)" in section
    assert "- **Mood change:** up 3" in section
    assert "- **What did you want Alex to understand?** That I am worn out" in section
    assert "- **How do you think it landed?** Badly, like blame" in section
    assert "What did you feel" not in section  # skipped, so not in the report
    assert "- **What else could you have said?** I'm worn out, and I need help with the evenings" in section
    assert "Reply 2 was rehearsed again in session 2." in section
    last = run(tmp_path, "export", "last", "--format", "md")
    assert "This attempt rehearses reply 2 of session 1." in last.stdout

    forgot = run(tmp_path, "forget", str(first["id"]), "--yes")
    assert forgot.returncode == 0, forgot.stderr
    assert stored(tmp_path, "SELECT count(*) FROM lookback_answers") == [(0,)]
    assert stored(tmp_path, "SELECT count(*) FROM moods") == [(0,)]


def test_no_mood_asks_nothing(tmp_path):
    played = run(tmp_path, "play", str(MARITAL), "--plain", "--no-mood", "--choose", ROUTE, stdin="4\n")
    assert "How are you feeling" not in played.stdout
    assert stored(tmp_path, "SELECT count(*) FROM moods") == [(0,)]


def test_a_mood_that_cannot_be_read_is_asked_again(tmp_path):
    played = run(tmp_path, "play", str(MARITAL), "--plain", "--choose", ROUTE, stdin="twelve\n12\n5 ok\n\n")
    assert "Give one number from 0 (very low) to 10" in played.stdout
    assert "12 is outside 0 to 10" in played.stdout
    assert stored(tmp_path, "SELECT moment, score, word FROM moods") == [("before", 5, "ok")]


def test_review_killed_part_way_keeps_every_answer_given(tmp_path):
    assert run(tmp_path, "play", str(MARITAL), "--plain", "--no-mood", "--choose", ROUTE).returncode == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "ipt_roleplay", "review", "last", "--plain"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(tmp_path),
    )
    seen: list[str] = []
    try:
        wait_for(proc, "Which exchange", seen)
        proc.stdin.write(b"4\n")
        proc.stdin.flush()
        wait_for(proc, "What did you want Alex to understand?", seen)
        proc.stdin.write(b"That I don't want us to end\n")
        proc.stdin.flush()
        wait_for(proc, "What did you feel as you said it?", seen)
        proc.stdin.write(b"Scared, then calmer\n")
        proc.stdin.flush()
        wait_for(proc, "How do you think it landed?", seen)  # asked, and never answered
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert stored(tmp_path, "SELECT turn_number, prompt_id, answer FROM lookback_answers ORDER BY position") == [
        (3, "understand", "That I don't want us to end"),
        (3, "felt", "Scared, then calmer"),
    ]
    # Looking back again shows the earlier answers, and Enter keeps them.
    again = run(tmp_path, "review", "last", "--plain", stdin="4\n\n\n\n\n\n\n")
    assert "(Before, you answered: Scared, then calmer. Enter keeps it.)" in again.stdout
    assert len(stored(tmp_path, "SELECT * FROM lookback_answers")) == 2


def test_review_problems_are_explained(tmp_path):
    nothing = run(tmp_path, "review", "last", "--plain")
    assert nothing.returncode == 2 and "nothing to look back on" in nothing.stderr
    assert run(tmp_path, "play", str(MARITAL), "--plain", "--no-mood", "--choose", ROUTE).returncode == 0
    unknown = run(tmp_path, "review", "9", "--plain")
    assert unknown.returncode == 2 and "There is no practice session 9" in unknown.stderr
    bad = run(tmp_path, "review", "last", "--plain", stdin="9\nx\n\n")
    assert bad.returncode == 0 and "Please type a number from 1 to 5" in bad.stdout
    for result in (nothing, unknown, bad):
        assert "Traceback" not in result.stderr


def test_history_shows_mood_before_and_after(tmp_path):
    assert run(tmp_path, "play", str(MARITAL), "--plain", "--no-mood", "--choose", ROUTE).returncode == 0
    plain = run(tmp_path, "history")
    assert "Mood before" not in plain.stdout  # no mood given, no columns for it
    run(tmp_path, "play", str(MARITAL), "--plain", "--choose", ROUTE, stdin="3 low\n6\n")
    listed = run(tmp_path, "history")
    table = listed.stdout.split("Sessions\n", 1)[1].split("\n\n", 1)[0].splitlines()
    header, first, second = table
    assert header.split()[-4:] == ["Mood", "before", "Mood", "after"]
    assert first.split()[-2:] == ["-", "-"]
    assert second.split()[-2:] == ["3/10", "6/10"]
    [_, newest] = sessions(tmp_path)
    assert (newest["mood_before"], newest["mood_after"]) == (3, 6)


def test_review_says_an_unreadable_history_was_kept_aside(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "history.sqlite3").write_bytes(b"not a database")
    for args in (("review",), ("review", "--plain")):
        result = run(tmp_path, *args)
        assert result.returncode == 2 and "nothing to look back on" in result.stderr
        told = result.stderr + result.stdout
        assert "Your practice history could not be read, so it was kept at" in told, args
        (tmp_path / "history.sqlite3").unlink()
        (tmp_path / "history.sqlite3").write_bytes(b"not a database")
