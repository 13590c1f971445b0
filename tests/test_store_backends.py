"""One store, two backends: the same migrations on both, owners kept apart, and a
PostgreSQL store chosen the way a person chooses it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import load_store_scenario, play

from ipt_roleplay.cli import main
from ipt_roleplay.store import postgres, schema
from ipt_roleplay.store.backends import DATABASE_ENV
from ipt_roleplay.store.database import StoreError
from ipt_roleplay.store.history import SHARE_DEFAULT_SETTING, History, SessionNotFound

TESTS = Path(__file__).parent


def test_every_migration_builds_the_same_tables_on_both_backends(store_target):
    with History.open(store_target) as history:
        assert schema.version(history._conn) == schema.CURRENT_VERSION
        columns = _columns(history)
    assert columns["sessions"] >= {"id", "owner", "shared", "feedback_mode", "learner_role"}
    assert columns["turns"] >= {"session_id", "turn_number", "feedback_json"}
    assert columns["accounts"] == {"name", "role", "password_hash", "created_at"}


def _columns(history: History) -> dict[str, set[str]]:
    out = {}
    for table in ("sessions", "turns", "accounts", "programme_settings"):
        cursor = history._conn.execute(f"SELECT * FROM {table} WHERE 1 = 0")
        out[table] = {d[0] for d in cursor.description}
    return out


def test_every_migration_translates_for_postgresql():
    for script in schema.MIGRATIONS:
        for statement in schema._statements(script):
            translated = postgres.translate_ddl(statement)
            assert "AUTOINCREMENT" not in translated and "WITHOUT ROWID" not in translated


def test_sqlite_only_sql_in_a_migration_is_refused():
    with pytest.raises(ValueError, match="not portable"):
        postgres.translate_ddl("PRAGMA foreign_keys = ON")


def test_placeholders_and_percent_signs_translate():
    assert postgres.translate("SELECT ? WHERE x LIKE '5%'") == "SELECT %s WHERE x LIKE '5%%'"


def test_reopening_does_not_migrate_again_and_keeps_rows(store_target):
    with History.open(store_target) as history:
        sid = play(history)
    with History.open(store_target) as history:
        assert [s.id for s in history.sessions()] == [sid]
        assert schema.migrate(history._conn) == schema.CURRENT_VERSION


def test_a_newer_postgresql_schema_is_left_alone(pg_url):
    with History.open(pg_url) as history:
        history._conn.set_schema_version(schema.CURRENT_VERSION + 1)
    with pytest.raises(StoreError, match="newer version of ipt-roleplay"):
        History.open(pg_url)


_MIGRATE = """
from ipt_roleplay.store.history import History
History.open({url!r}).close()
"""


def test_instances_starting_together_on_a_new_database_migrate_once(pg_url):
    procs = [
        subprocess.Popen([sys.executable, "-c", _MIGRATE.format(url=pg_url)], stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    with History.open(pg_url) as history:
        assert schema.version(history._conn) == schema.CURRENT_VERSION
        rows = history._conn.execute("SELECT version FROM ipt_roleplay_schema").fetchall()
        assert [r[0] for r in rows] == [schema.CURRENT_VERSION]


def test_owners_never_see_each_others_rows(store_target):
    with History.open(store_target, owner="ana") as ana, History.open(store_target, owner="ben") as ben:
        mine = play(ana, (0,))
        theirs = play(ben, (1,))
        assert [s.id for s in ana.sessions()] == [mine]
        assert [s.id for s in ben.sessions()] == [theirs]
        assert ana.turns(theirs) == [] and ana.latest_session_id() == mine
        assert [r[0] for r in ana.rating_counts()] == [mine]
        ana_patterns = ana.pattern_counts()
        assert ana_patterns and ana_patterns != ben.pattern_counts()
        for attempt in (
            lambda: ana.session(theirs),
            lambda: ana.forget(theirs),
            lambda: ana.rewind(theirs, 0),
            lambda: ana.set_shared(theirs, True),
            lambda: ana.sync_turns(theirs, []),
        ):
            with pytest.raises(SessionNotFound):
                attempt()
        assert ana.forget_all() == 1
        assert [s.id for s in ben.sessions()] == [theirs] and len(ben.turns(theirs)) == 1
    # The one person's own store (owner '') is a third, separate owner.
    with History.open(store_target) as own:
        assert own.sessions() == []


def test_sessions_start_shared_only_when_the_programme_says_so(store_target):
    with History.open(store_target, owner="ana") as ana:
        first = ana.start_session(load_store_scenario())
        ana._conn.execute(
            "INSERT INTO programme_settings (name, value) VALUES (?, '1')", (SHARE_DEFAULT_SETTING,)
        )
        second = ana.start_session(load_store_scenario())
        assert [ana.session(first).shared, ana.session(second).shared] == [False, True]
        ana.set_shared(second, False)
        assert ana.session(second).shared is False
    with History.open(store_target) as own:  # never shared: there is no programme
        assert own.session(own.start_session(load_store_scenario())).shared is False


def test_the_environment_chooses_postgresql(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("IPT_ROLEPLAY_HOME", str(tmp_path / "home"))
    monkeypatch.setenv(DATABASE_ENV, pg_url)
    with History.open() as history:
        assert history.path is None and history._conn.dialect == "postgresql"
        play(history)
    assert not (tmp_path / "home" / "history.sqlite3").exists()


def test_the_database_option_chooses_postgresql(pg_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("IPT_ROLEPLAY_HOME", str(tmp_path / "home"))
    monkeypatch.setenv(DATABASE_ENV, "")  # recorded, so that teardown restores it
    monkeypatch.delenv(DATABASE_ENV)
    with History.open(pg_url) as history:
        play(history)
    assert main(["history", "--database", pg_url]) == 0
    assert "1 session" in capsys.readouterr().out
    assert main(["--database", pg_url, "history"]) == 0
    assert "1 session" in capsys.readouterr().out


def test_an_unreachable_server_is_explained_without_the_password(tmp_path):
    url = f"postgresql://ipt:s3cret-pw@/nowhere?host={tmp_path}&connect_timeout=2"
    with pytest.raises(StoreError) as caught:
        History.open(url)
    message = str(caught.value)
    assert "Could not connect to the practice database" in message
    assert "s3cret-pw" not in message and "ipt:***@" in message


def test_a_bad_database_option_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("IPT_ROLEPLAY_HOME", str(tmp_path / "home"))
    assert main(["history", "--database", "mysql://x"]) == 2
    assert "postgresql://" in capsys.readouterr().err
    assert main(["history", "--database", "history.sqlite3"]) == 2
    err = capsys.readouterr().err
    assert "not a file name" in err and "history.sqlite3://" not in err


def test_the_database_option_works_after_a_commands_own_action(pg_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("IPT_ROLEPLAY_HOME", str(tmp_path / "home"))
    monkeypatch.setenv(DATABASE_ENV, "")
    monkeypatch.delenv(DATABASE_ENV)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("a long enough password\n"))
    assert main(["users", "add", "ana", "--role", "trainee", "--password-stdin", "--database", pg_url]) == 0
    assert main(["users", "list", "--database", pg_url]) == 0
    assert "ana" in capsys.readouterr().out
    assert not (tmp_path / "home" / "history.sqlite3").exists()


def test_looking_back_and_moods_stay_with_their_owner(store_target):
    from ipt_roleplay.store import lookback

    with History.open(store_target, owner="ana") as ana, History.open(store_target, owner="ben") as ben:
        mine, theirs = play(ana, (0,)), play(ben, (1,))
        lookback.save_answer(ana, mine, 0, "meant", "What did you want them to understand?", "That I was tired.")
        lookback.save_mood(ana, mine, "before", lookback.Mood(score=4, word="tense"))
        rehearsal = play(ana, (0,))
        lookback.link_rehearsal(ana, rehearsal, mine, 0)
        lookback.set_mood_questions(ana, False)
        # Ben reads none of it, and cannot write to Ana's sessions.
        assert lookback.answers(ben, mine) == [] and lookback.moods(ben, mine) == {}
        assert lookback.mood_points(ben) == []
        assert lookback.rehearsal_of(ben, rehearsal) is None and lookback.rehearsals_from(ben, mine) == []
        assert lookback.mood_questions_on(ben) and not lookback.mood_questions_on(ana)
        for attempt in (
            lambda: lookback.save_answer(ben, mine, 0, "meant", "Q?", "not mine"),
            lambda: lookback.save_mood(ben, mine, "after", lookback.Mood(score=9)),
            lambda: lookback.link_rehearsal(ben, theirs, mine, 0),
        ):
            with pytest.raises(SessionNotFound):
                attempt()
        # Ana reads all of hers.
        assert [a.answer for a in lookback.answers(ana, mine)] == ["That I was tired."]
        assert lookback.moods(ana, mine)["before"].score == 4
        assert [p.session_id for p in lookback.mood_points(ana)] == [mine]
        assert lookback.rehearsal_of(ana, rehearsal).from_session_id == mine
