"""`ipt-roleplay history`, `export` and `forget` as a person uses them."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest
from store_helpers import load_store_scenario
from store_helpers import play as record

from ipt_roleplay.cli import main
from ipt_roleplay.store import paths
from ipt_roleplay.store.backends import DATABASE_ENV
from ipt_roleplay.store.history import History


@pytest.fixture
def home(store_env):
    return store_env


@pytest.fixture
def sqlite_home(monkeypatch, tmp_path):
    home = tmp_path / "home"
    monkeypatch.setenv(paths.HOME_ENV, str(home))
    monkeypatch.setenv(DATABASE_ENV, "")  # recorded, so that teardown restores it
    monkeypatch.delenv(DATABASE_ENV)
    return home


def play(picks) -> int:
    with History.open() as history:
        return record(history, picks)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_history_with_nothing_yet_is_friendly(home, capsys):
    code, out, _ = run(capsys, "history")
    assert code == 0 and out.startswith("No practice sessions yet.")


def test_history_table(home, capsys):
    play([1, 0])
    play([0])
    code, out, _ = run(capsys, "history")
    assert code == 0
    assert "Your practice so far: 2 sessions (1 finished) over 1 scenario." in out
    assert "Asking for the weekend" in out and "Resolved" in out and "Not finished" in out
    assert "Direct request" in out and "skill" in out and "to watch" in out
    assert "ipt-roleplay export ID --format html -o report.html" in out


def test_history_json_is_for_tools(home, capsys):
    first = play([1, 0])
    code, out, _ = run(capsys, "history", "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"sessions", "patterns", "scenarios"}
    assert data["sessions"][0]["id"] == first and data["sessions"][0]["outcome"] == "resolved"
    assert data["scenarios"][0]["best_outcome"] == "resolved"
    assert {p["id"] for p in data["patterns"]} >= {"direct_request"}


def test_export_markdown_to_stdout(home, capsys):
    session_id = play([1, 0])
    code, out, _ = run(capsys, "export", str(session_id))
    assert code == 0 and out.startswith("# Practice report: Asking for the weekend")
    assert run(capsys, "export", "last")[1] == out


def test_export_html_to_a_private_file(home, capsys, tmp_path):
    session_id = play([1, 0])
    target = tmp_path / "report.html"
    code, out, err = run(capsys, "export", str(session_id), "--format", "html", "-o", str(target))
    assert code == 0 and out == "" and "Saved the report to" in err
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_problems_are_explained(home, capsys, tmp_path):
    code, _, err = run(capsys, "export", "last")
    assert code == 2 and "no practice sessions yet" in err
    play([0])
    code, _, err = run(capsys, "export", "99")
    assert code == 2 and "There is no practice session 99" in err
    code, _, err = run(capsys, "export", "1", "-o", str(tmp_path))
    assert code == 2 and "is a folder" in err
    code, _, err = run(capsys, "export", "1", "-o", str(tmp_path / "missing" / "r.md"))
    assert code == 2 and "cannot write" in err


def test_forget_one_with_yes(home, capsys):
    keep, gone = play([0]), play([1])
    code, out, _ = run(capsys, "forget", str(gone), "--yes")
    assert code == 0 and f"Forgot session {gone}" in out
    with History.open() as history:
        assert [s.id for s in history.sessions()] == [keep]


def test_forget_all_also_removes_saved_reports_and_unreadable_copies(sqlite_home, capsys):
    home = sqlite_home
    play([0])
    paths.ensure_private_dir(paths.exports_dir())
    (paths.exports_dir() / "report.html").write_text("old report")
    aside = home / f"{paths.DB_NAME}.unreadable-20260101T000000Z"
    aside.write_text("old damaged history")
    code, out, _ = run(capsys, "forget", "--all", "--yes")
    assert code == 0 and "Forgot all 1 practice session and 2 saved files" in out
    assert not aside.exists() and list(paths.exports_dir().iterdir()) == []
    with History.open() as history:
        assert history.sessions() == []


def test_forget_asks_on_a_terminal(home, capsys, monkeypatch):
    session_id = play([0])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    code, out, _ = run(capsys, "forget", str(session_id))
    assert code == 1 and "Nothing was deleted." in out
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    code, out, _ = run(capsys, "forget", "--all")
    assert code == 0
    with History.open() as history:
        assert history.sessions() == []


def test_forget_needs_a_target(home, capsys):
    code, _, err = run(capsys, "forget")
    assert code == 2 and "Say which session to forget" in err
    code, _, err = run(capsys, "forget", "1", "--all")
    assert code == 2 and "Say which session to forget" in err


def test_forget_without_a_terminal_refuses_without_yes(home):
    play([0])
    result = subprocess.run(
        [sys.executable, "-m", "ipt_roleplay", "forget", "--all"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, env=os.environ.copy(), timeout=60,
    )
    assert result.returncode == 2
    assert "Not deleting anything" in result.stderr and "--yes" in result.stderr
    assert "Traceback" not in result.stderr
    with History.open() as history:
        assert len(history.sessions()) == 1


def test_an_unreadable_history_is_explained_and_kept(sqlite_home, capsys):
    home = sqlite_home
    paths.ensure_data_dir()
    paths.db_path().write_bytes(b"not a database at all" * 100)
    code, out, err = run(capsys, "history")
    assert code == 0 and "could not be read" in err and out.startswith("No practice sessions yet.")
    assert len(list(home.glob(f"{paths.DB_NAME}.unreadable-*"))) == 1
    assert load_store_scenario()  # the fixture still loads; nothing else was touched
