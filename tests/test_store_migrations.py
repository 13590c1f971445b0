"""Schema versions and migrations, unreadable files, and two instances at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from store_helpers import DATA, load_store_scenario

from ipt_roleplay.store import schema
from ipt_roleplay.store.database import StoreError
from ipt_roleplay.store.history import History

V1_FIXTURE = DATA / "store_schema_v1.sql"


def _fixture_db(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(V1_FIXTURE.read_text(encoding="utf-8"))
    conn.close()
    return path


def _schema_of(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()


def _normalise(rows):
    return [(t, n, " ".join((sql or "").split())) for t, n, sql in rows]


def test_first_migration_still_builds_the_frozen_v1_schema(tmp_path):
    frozen = sqlite3.connect(_fixture_db(tmp_path / "fixture.db"))
    built = sqlite3.connect(tmp_path / "built.db", isolation_level=None)
    for statement in schema._statements(schema.MIGRATIONS[0]):
        built.execute(statement)
    assert _normalise(_schema_of(built)) == _normalise(_schema_of(frozen))


def test_v1_database_upgrades_with_every_row_intact(tmp_path):
    path = _fixture_db(tmp_path / "history.sqlite3")
    with History.open(path) as history:
        assert schema.version(history._conn) == schema.CURRENT_VERSION == 4
        sessions = history.sessions()
        assert [s.id for s in sessions] == [1, 2]
        first, second = sessions
        assert first.outcome == "resolved" and first.ending.says == "Deal."
        assert first.scenario.goals == ("Name your feeling", "Make one specific request")
        # Version 1 had no such columns; its sessions were all played the default way.
        assert (first.feedback_mode, first.learner_role) == ("each", "client")
        assert [t.reply for t in history.turns(1)] == [
            "I'm worn out lately, and I'd love a morning to myself.",
            "Could I have Saturday mornings until ten?",
        ]
        [typed] = history.turns(2)
        assert typed.typed == "you never help" and typed.feedback.source == "analyzer"
        assert typed.feedback.patterns[0].span == (4, 9)
        assert [s.id for s in history.unfinished_sessions()] == [2]
        # And the upgraded database takes new sessions with the new columns.
        new = history.start_session(load_store_scenario(), feedback_mode="end")
        assert history.session(new).feedback_mode == "end"
        assert new == 3


def test_migration_is_not_repeated_on_the_next_open(tmp_path):
    path = _fixture_db(tmp_path / "history.sqlite3")
    History.open(path).close()
    with History.open(path) as history:
        assert len(history.sessions()) == 2


def test_a_newer_schema_is_left_alone_with_a_clear_message(tmp_path):
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer version of ipt-roleplay"):
        History.open(path)
    assert path.exists() and list(tmp_path.glob("*.unreadable-*")) == []


@pytest.mark.parametrize(
    "content",
    [b"This is a shopping list, not a database.\n" * 50, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["not-sqlite", "damaged-header"],
)
def test_unreadable_file_is_moved_aside_and_a_fresh_store_opens(tmp_path, content):
    path = tmp_path / "history.sqlite3"
    path.write_bytes(content)
    with History.open(path) as history:
        assert history.sessions() == []
        history.start_session(load_store_scenario())
        assert history.moved_aside is not None
        assert history.moved_aside.name.startswith("history.sqlite3.unreadable-")
        assert history.moved_aside.read_bytes() == content  # kept, never deleted
        assert "could not be read" in history.notice() and "Nothing was deleted" in history.notice()
    with History.open(path) as again:
        assert again.moved_aside is None and len(again.sessions()) == 1


def test_damaged_pages_are_caught_and_moved_aside(tmp_path):
    path = tmp_path / "history.sqlite3"
    with History.open(path) as history:
        scenario = load_store_scenario()
        for _ in range(200):
            history.start_session(scenario)
    size = path.stat().st_size
    with open(path, "r+b") as handle:  # scribble over the middle, keep the header
        handle.seek(size // 2)
        handle.write(b"\x13" * 8192)
    with History.open(path) as history:
        assert history.moved_aside is not None
        assert history.sessions() == []


def test_busy_database_is_not_mistaken_for_corruption(tmp_path):
    path = tmp_path / "history.sqlite3"
    History.open(path).close()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("PRAGMA journal_mode = DELETE")  # leave WAL so opening needs the lock
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        import ipt_roleplay.store.database as database

        old, database.BUSY_TIMEOUT_MS = database.BUSY_TIMEOUT_MS, 50
        try:
            with pytest.raises(StoreError, match="try again in a moment"):
                History.open(path)
        finally:
            database.BUSY_TIMEOUT_MS = old
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert list(tmp_path.glob("*.unreadable-*")) == []


_WRITER = """
import sys
sys.path.insert(0, {tests!r})
from store_helpers import load_store_scenario
from ipt_roleplay.store.history import History
from ipt_roleplay.store.records import FeedbackRecord, TurnRecord

scenario = load_store_scenario()
with History.open({db!r}) as history:
    for n in range({sessions}):
        sid = history.start_session(scenario)
        for t in range(3):
            history.record_turn(sid, TurnRecord(
                number=t, state_id="opening", speaker="Alex", cue=None, line="Hi",
                reply=f"{tag} {{n}} {{t}}", choice_index=0, choice_reply=None, typed=None,
                feedback=FeedbackRecord(rating="helpful"), meters={{}}, recorded_at="now"))
"""


def test_two_processes_writing_at_once_lose_nothing(store_target):
    db = store_target
    tests = str(Path(__file__).parent)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER.format(tests=tests, db=str(db), sessions=40, tag=tag)],
            stderr=subprocess.PIPE,
        )
        for tag in ("left", "right")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    with History.open(db) as history:
        assert len(history.sessions()) == 80
        assert all(s.turn_count == 3 for s in history.sessions())
        if history.path is not None:
            assert history._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_threads_sharing_one_store(store_target):
    scenario = load_store_scenario()
    errors: list[BaseException] = []
    with History.open(store_target) as history:

        def work():
            try:
                for _ in range(25):
                    history.start_session(scenario)
                    history.sessions()
            except BaseException as error:  # noqa: BLE001 - reported by the assert below
                errors.append(error)

        threads = [threading.Thread(target=work) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == [] and len(history.sessions()) == 50


def test_a_data_folder_that_cannot_be_made_is_explained(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="Cannot use .* IPT_ROLEPLAY_HOME"):
        History.open(blocker / "history.sqlite3")


def test_a_write_that_cannot_happen_is_explained_and_nothing_half_written(tmp_path):
    path = tmp_path / "history.sqlite3"
    with History.open(path) as history:
        kept = history.start_session(load_store_scenario())
        blocker = sqlite3.connect(path, isolation_level=None, timeout=0)
        blocker.execute("BEGIN IMMEDIATE")  # another instance that never lets go
        history._conn.execute("PRAGMA busy_timeout = 50")
        try:
            with pytest.raises(StoreError, match="Could not save .* What was saved before is safe"):
                history.start_session(load_store_scenario())
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert [s.id for s in history.sessions()] == [kept]
