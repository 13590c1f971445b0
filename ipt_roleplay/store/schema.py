"""The history database's schema, as numbered migrations, for both backends.

The database holds the number of migrations applied (SQLite: ``PRAGMA user_version``;
PostgreSQL: a one-row table). Migrations only ever append: a released step is never
edited, because people's databases were built by it (tests/data/store_schema_v1.sql is a
frozen copy of the first one, and a test checks that upgrading it keeps every row).

Migrations are written once, in portable SQL (SQLite's spelling of an identity column
and ``WITHOUT ROWID`` are the only exceptions; store/postgres.py translates those and
refuses anything else SQLite-only). ``;`` may not appear inside a string literal.
"""

from __future__ import annotations

from typing import Any

# Version 1: sessions and their turns, with enough copied from the scenario (title,
# goals, lines, feedback, ending) that a report never needs the scenario file again.
_V1 = """
CREATE TABLE sessions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id    TEXT NOT NULL,
    scenario_title TEXT NOT NULL,
    scenario_path  TEXT,
    scenario_hash  TEXT,
    scenario_json  TEXT NOT NULL DEFAULT '{}',
    started_at     TEXT NOT NULL,
    ended_at       TEXT,
    outcome        TEXT CHECK (outcome IN ('resolved', 'partial', 'unresolved')),
    ending_json    TEXT,
    summary_json   TEXT
);
CREATE INDEX sessions_by_start ON sessions (started_at);
CREATE TABLE turns (
    session_id    INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    turn_number   INTEGER NOT NULL CHECK (turn_number >= 0),
    state_id      TEXT NOT NULL,
    speaker       TEXT NOT NULL,
    cue           TEXT,
    line          TEXT NOT NULL,
    reply         TEXT NOT NULL,
    choice_index  INTEGER,
    choice_reply  TEXT,
    typed         TEXT,
    feedback_json TEXT NOT NULL,
    meters_json   TEXT NOT NULL DEFAULT '{}',
    recorded_at   TEXT NOT NULL,
    PRIMARY KEY (session_id, turn_number)
) WITHOUT ROWID;
"""

# Version 2: how feedback was shown (after each reply, or only at the end) and whom the
# person played. Sessions from version 1 were all played as the default: feedback after
# each reply, as the client.
_V2 = """
ALTER TABLE sessions ADD COLUMN feedback_mode TEXT NOT NULL DEFAULT 'each'
    CHECK (feedback_mode IN ('each', 'end'));
ALTER TABLE sessions ADD COLUMN learner_role TEXT NOT NULL DEFAULT 'client'
    CHECK (learner_role IN ('client', 'therapist'));
"""

# Version 3: looking back (issue 15). What the person answered about one exchange, with
# the prompt as it was asked (a report never needs today's wording); how they felt
# before and after a conversation; which earlier exchange a rehearsal came from; and
# each person's settings (by owner, as sessions are from version 4). Written in the
# subset PostgreSQL also runs: plain tables, explicit primary keys, no ALTER of existing
# tables. Everything about a session goes with it when it is forgotten (ON DELETE
# CASCADE), and every read reaches these rows through the owner's sessions.
_V3 = """
CREATE TABLE lookback_answers (
    session_id    INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    turn_number   INTEGER NOT NULL CHECK (turn_number >= 0),
    prompt_id     TEXT NOT NULL,
    position      INTEGER NOT NULL DEFAULT 0,
    prompt        TEXT NOT NULL,
    answer        TEXT NOT NULL,
    feedback_json TEXT,
    answered_at   TEXT NOT NULL,
    PRIMARY KEY (session_id, turn_number, prompt_id)
);
CREATE TABLE moods (
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    moment      TEXT NOT NULL CHECK (moment IN ('before', 'after')),
    score       INTEGER NOT NULL CHECK (score >= 0 AND score <= 10),
    word        TEXT,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (session_id, moment)
);
CREATE TABLE rehearsals (
    session_id      INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    from_session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    from_turn       INTEGER NOT NULL CHECK (from_turn >= 0),
    PRIMARY KEY (session_id)
);
CREATE INDEX rehearsals_by_origin ON rehearsals (from_session_id);
CREATE TABLE settings (
    owner TEXT NOT NULL DEFAULT '',
    name  TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (owner, name)
);
"""

# Version 4: a training programme (serve --programme). Each session belongs to an
# account, or to '' (the one person using this computer's own store). ``shared`` is the
# owner's choice to let supervisors see the session; 0 or 1, as both engines read it.
# Accounts keep a scrypt hash, never a password. ``programme_settings`` holds what the
# supervisor decides for everyone, such as whether new sessions start shared.
_V4 = """
ALTER TABLE sessions ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1));
CREATE INDEX sessions_by_owner ON sessions (owner, started_at);
CREATE TABLE accounts (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('trainee', 'supervisor', 'client')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE TABLE programme_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4)
CURRENT_VERSION = len(MIGRATIONS)


class NewerSchemaError(Exception):
    """The database was written by a newer ipt-roleplay than this one."""

    def __init__(self, found: int) -> None:
        super().__init__(found)
        self.found = found


def version(db: Any) -> int:
    return db.schema_version()


def migrate(db: Any) -> int:
    """Bring the database (a store.backends.Database) up to ``CURRENT_VERSION``; returns
    the version it started at.

    The version is read again under the backend's migration lock, so that two instances
    starting at once do not both migrate; the whole upgrade is one transaction.
    """
    if db.schema_version() == CURRENT_VERSION:
        return CURRENT_VERSION
    with db.migration_lock():
        start = db.schema_version()
        if start > CURRENT_VERSION:
            raise NewerSchemaError(start)
        for step in range(start, CURRENT_VERSION):
            for statement in _statements(MIGRATIONS[step]):
                db.execute(db.ddl(statement))
        db.set_schema_version(CURRENT_VERSION)
    return start


def _statements(script: str) -> list[str]:
    # executescript() would COMMIT our transaction first; split on the statement ends
    # instead (the migrations contain no ';' inside strings).
    return [s.strip() for s in script.split(";") if s.strip()]
