"""The practice history: sessions and their turns, in a local SQLite file or in PostgreSQL.

Every write is its own short transaction, so each turn is on disk the moment it is made
and a crash (even ``kill -9``) loses nothing already recorded. Two app instances can
share the database: WAL lets readers and a writer work at once, and writers queue for
up to ``BUSY_TIMEOUT_MS`` instead of failing (PostgreSQL does the same by itself).

A History belongs to one owner: an account name in a training programme, or '' for the
one person whose own computer it is. Every query it makes is limited to that owner's
sessions, so one person's history can never show another's.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ipt_roleplay.store.backends import (
    DIALECTS,
    JSON_PATTERN_ID,
    JSON_PATTERNS,
    Database,
    is_database_url,
    json_text,
)
from ipt_roleplay.store.database import StoreError, default_target, open_database
from ipt_roleplay.store.paths import USER_ENV
from ipt_roleplay.store.records import (
    EndingRecord,
    FeedbackRecord,
    ScenarioSnapshot,
    SessionRecord,
    TurnRecord,
    decode,
    encode,
    feedback_from,
    line_parts,
)

FEEDBACK_MODES = ("each", "end")
# A programme setting (programme_settings): "1" when new sessions start shared.
SHARE_DEFAULT_SETTING = "share_by_default"

_SESSION_COLUMNS = """
    s.id, s.scenario_id, s.scenario_title, s.scenario_path, s.scenario_hash,
    s.scenario_json, s.started_at, s.ended_at, s.outcome, s.ending_json, s.summary_json,
    s.feedback_mode, s.learner_role, s.shared,
    (SELECT count(*) FROM turns t WHERE t.session_id = s.id)
"""
_TURN_COLUMNS = """
    turn_number, state_id, speaker, cue, line, reply, choice_index, choice_reply, typed,
    feedback_json, meters_json, recorded_at
"""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def file_hash(path: str | Path) -> str | None:
    """sha256 of a file's bytes, or None when it cannot be read (moved, deleted)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


class SessionNotFound(StoreError):
    def __init__(self, session_id: int) -> None:
        super().__init__(
            f"There is no practice session {session_id}. "
            "`ipt-roleplay history` lists the sessions you have."
        )
        self.session_id = session_id


class History:
    """The store. Open with ``History.open()``; close it, or use it as a context manager."""

    def __init__(
        self,
        conn: Database,
        path: Path | None,
        moved_aside: Path | None = None,
        *,
        owner: str = "",
        shared_only: bool = False,
    ):
        self._conn = conn
        # The SQLite file, or None for a PostgreSQL store; ``where`` names either.
        self.path = path
        self.where = conn.where
        self.owner = owner
        # A supervisor's view of someone's practice: only the sessions they shared, in
        # every query, and nothing may be written.
        self.shared_only = shared_only
        self._mine = "s.owner = ?" + (" AND s.shared = 1" if shared_only else "")
        # Set when the database could not be read and was moved here; faces tell the person.
        self.moved_aside = moved_aside
        self._lock = threading.RLock()

    @classmethod
    def open(cls, target: str | Path | None = None, *, owner: str | None = None) -> History:
        """Open the store at ``target``: a SQLite file, or a ``postgresql://`` URL. Without
        one, ``IPT_ROLEPLAY_DATABASE_URL`` when set, else this computer's own file. The
        owner is ``IPT_ROLEPLAY_USER`` when not given (set for a programme's tabs)."""
        if target is None:
            target = default_target()
        if owner is None:
            owner = os.environ.get(USER_ENV, "")
        opened = open_database(target)
        path = None if is_database_url(target) else Path(target)
        return cls(opened.conn, path, opened.moved_aside, owner=owner)

    def notice(self) -> str | None:
        """A sentence for the person when something happened to their history on opening."""
        if self.moved_aside is None:
            return None
        return (
            f"Your practice history could not be read, so it was kept at {self.moved_aside} "
            "and a fresh history was started. Nothing was deleted."
        )

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Database]:
        if self.shared_only:
            raise PermissionError("a view of shared sessions cannot change them")
        with self._lock:
            try:
                with self._conn.transaction():
                    yield self._conn
            except self._conn.write_errors as error:
                # Disk full, read-only, another instance holding the lock too long, or
                # the database server gone.
                raise StoreError(
                    f"Could not save to your practice history at {self.where} ({error}). "
                    "What was saved before is safe."
                ) from None

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    # --- recording ----------------------------------------------------------------

    def start_session(
        self,
        scenario: Any,
        *,
        scenario_path: str | Path | None = None,
        feedback_mode: str = "each",
        started_at: str | None = None,
    ) -> int:
        """Record the start of a session of ``scenario`` (a scenario.model.Scenario)."""
        if feedback_mode not in FEEDBACK_MODES:
            raise ValueError(f"feedback_mode must be one of {FEEDBACK_MODES}, not {feedback_mode!r}")
        snapshot = ScenarioSnapshot(
            summary=scenario.summary,
            goals=tuple(scenario.goals),
            problem_area=scenario.problem_area,
            characters={cid: c.name for cid, c in scenario.characters.items()},
        )
        path = str(Path(scenario_path).resolve()) if scenario_path is not None else None
        with self._write() as conn:
            shared = self.owner != "" and read_setting(conn, SHARE_DEFAULT_SETTING) == "1"
            row = conn.execute(
                "INSERT INTO sessions (scenario_id, scenario_title, scenario_path, scenario_hash,"
                " scenario_json, started_at, feedback_mode, learner_role, owner, shared)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    scenario.id,
                    scenario.title,
                    path,
                    file_hash(path) if path else None,
                    encode(snapshot),
                    started_at or now(),
                    feedback_mode,
                    scenario.learner_role,
                    self.owner,
                    int(shared),
                ),
            ).fetchone()
            return int(row[0])

    def sync_turns(self, session_id: int, turns: Sequence[Any], scenario: Any = None) -> int:
        """Make the stored turns equal ``turns`` (the engine's ``session.history``).

        Only the turns from the first difference on are rewritten, so calling this after
        every choose/say/rewind/replay costs one small write. A rewind therefore deletes
        the turns it went back over. Returns how many turns were written.
        """
        records = [turn_record(i, t, scenario) for i, t in enumerate(turns)]
        with self._write() as conn:
            # One query both finds the session (among this owner's) and reads its turns:
            # each query is a round trip to a PostgreSQL server, on every reply.
            rows = conn.execute(
                "SELECT t.state_id, t.reply, t.choice_index, t.typed FROM sessions s"
                " LEFT JOIN turns t ON t.session_id = s.id"
                f" WHERE s.id = ? AND {self._mine} ORDER BY t.turn_number",
                (session_id, self.owner),
            ).fetchall()
            if not rows:
                raise SessionNotFound(session_id)
            stored = [row for row in rows if row[0] is not None]  # state_id is NOT NULL
            first = 0
            for old, new in zip(stored, records):
                if tuple(old) != (new.state_id, new.reply, new.choice_index, new.typed):
                    break
                first += 1
            conn.execute(
                "DELETE FROM turns WHERE session_id = ? AND turn_number >= ?", (session_id, first)
            )
            conn.executemany(
                f"INSERT INTO turns (session_id, {_TURN_COLUMNS}) VALUES (?, {', '.join('?' * 12)})",
                [(session_id, *_turn_row(r)) for r in records[first:]],
            )
            return len(records) - first

    def record_turn(self, session_id: int, turn: TurnRecord) -> None:
        """Store one turn, replacing it and any later turns (they were rewound over)."""
        with self._write() as conn:
            self._require(conn, session_id)
            conn.execute(
                "DELETE FROM turns WHERE session_id = ? AND turn_number >= ?",
                (session_id, turn.number),
            )
            conn.execute(
                f"INSERT INTO turns (session_id, {_TURN_COLUMNS}) VALUES (?, {', '.join('?' * 12)})",
                (session_id, *_turn_row(turn)),
            )

    def rewind(self, session_id: int, keep: int) -> None:
        """Keep the first ``keep`` turns, as ``Session.rewind(keep)`` does. Going back
        over any turn leaves the conversation before its ending, so an ended session
        is reopened."""
        with self._write() as conn:
            self._require(conn, session_id)
            deleted = conn.execute(
                "DELETE FROM turns WHERE session_id = ? AND turn_number >= ?", (session_id, keep)
            ).rowcount
            if deleted:
                _reopen(conn, session_id)

    def finish(
        self,
        session_id: int,
        ending: EndingRecord,
        *,
        summary: dict[str, Any] | None = None,
        ended_at: str | None = None,
    ) -> None:
        """Record how the session ended. Calling it again updates the ending and summary."""
        with self._write() as conn:
            self._require(conn, session_id)
            conn.execute(
                "UPDATE sessions SET ended_at = coalesce(ended_at, ?), outcome = ?,"
                " ending_json = ?, summary_json = coalesce(?, summary_json) WHERE id = ?",
                (
                    ended_at or now(),
                    ending.outcome,
                    encode(ending),
                    encode(summary) if summary is not None else None,
                    session_id,
                ),
            )

    def reopen(self, session_id: int) -> None:
        """Mark a session as not ended (the person went back from its ending)."""
        with self._write() as conn:
            self._require(conn, session_id)
            _reopen(conn, session_id)

    def update_scenario_file(self, session_id: int, scenario_path: str | Path) -> None:
        """After resuming against a changed file: remember the file as it is now."""
        path = str(Path(scenario_path).resolve())
        with self._write() as conn:
            self._require(conn, session_id)
            conn.execute(
                "UPDATE sessions SET scenario_path = ?, scenario_hash = ? WHERE id = ?",
                (path, file_hash(path), session_id),
            )

    def set_shared(self, session_id: int, shared: bool) -> None:
        """The owner's choice: may supervisors see this session?"""
        with self._write() as conn:
            self._require(conn, session_id)
            conn.execute("UPDATE sessions SET shared = ? WHERE id = ?", (int(shared), session_id))

    # --- reading ------------------------------------------------------------------
    # Every query names the owner (and, for a supervisor, shared sessions only) through
    # ``self._mine`` with ``self.owner`` as its parameter.

    def session(self, session_id: int) -> SessionRecord:
        rows = self._read(
            f"SELECT {_SESSION_COLUMNS} FROM sessions s WHERE s.id = ? AND {self._mine}",
            (session_id, self.owner),
        )
        if not rows:
            raise SessionNotFound(session_id)
        return _session_record(rows[0])

    def sessions(self) -> list[SessionRecord]:
        """Every session, oldest first."""
        rows = self._read(
            f"SELECT {_SESSION_COLUMNS} FROM sessions s WHERE {self._mine} ORDER BY s.started_at, s.id",
            (self.owner,),
        )
        return [_session_record(r) for r in rows]

    def unfinished_sessions(self) -> list[SessionRecord]:
        """Sessions that never reached an ending, newest first (the ones to offer to resume)."""
        rows = self._read(
            f"SELECT {_SESSION_COLUMNS} FROM sessions s WHERE s.ended_at IS NULL AND {self._mine}"
            " ORDER BY s.started_at DESC, s.id DESC",
            (self.owner,),
        )
        return [_session_record(r) for r in rows]

    def latest_session_id(self) -> int | None:
        rows = self._read(
            f"SELECT s.id FROM sessions s WHERE {self._mine} ORDER BY s.started_at DESC, s.id DESC LIMIT 1",
            (self.owner,),
        )
        return rows[0][0] if rows else None

    def turns(self, session_id: int) -> list[TurnRecord]:
        rows = self._read(
            f"SELECT {_TURN_COLUMNS} FROM turns WHERE session_id ="
            f" (SELECT s.id FROM sessions s WHERE s.id = ? AND {self._mine}) ORDER BY turn_number",
            (session_id, self.owner),
        )
        return [_turn_record(r) for r in rows]

    def pattern_counts(self) -> list[tuple[str, str, int]]:
        """(pattern id, rating of the reply it appeared in, count) over every stored turn."""
        sql = _PATTERN_COUNTS[self._conn.dialect].format(mine=self._mine)
        return [tuple(r) for r in self._read(sql, (self.owner,))]

    def rating_counts(self) -> list[tuple[int, str | None, int]]:
        """(session id, rating, count of replies with that rating) over every stored turn."""
        sql = _RATING_COUNTS[self._conn.dialect].format(mine=self._mine)
        return [tuple(r) for r in self._read(sql, (self.owner,))]

    # --- forgetting ---------------------------------------------------------------

    def forget(self, session_id: int) -> None:
        with self._write() as conn:
            self._require(conn, session_id)
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        self._scrub()

    def forget_all(self) -> int:
        with self._write() as conn:
            count = forget_owner(conn, self.owner)
        self._scrub()
        return count

    def _scrub(self) -> None:
        with self._lock:
            self._conn.scrub()

    def _require(self, conn: Database, session_id: int) -> None:
        found = conn.execute(
            f"SELECT 1 FROM sessions s WHERE s.id = ? AND {self._mine}", (session_id, self.owner)
        ).fetchone()
        if found is None:
            raise SessionNotFound(session_id)


def forget_owner(conn: Database, owner: str) -> int:
    """Delete every session of ``owner``, inside the caller's transaction; returns how
    many there were. The caller scrubs afterwards (``Database.scrub``)."""
    mine = "SELECT id FROM sessions WHERE owner = ?"
    count = conn.execute(f"SELECT count(*) FROM ({mine}) m", (owner,)).fetchone()[0]
    conn.execute(f"DELETE FROM turns WHERE session_id IN ({mine})", (owner,))
    conn.execute("DELETE FROM sessions WHERE owner = ?", (owner,))
    return count


def read_setting(conn: Database, name: str) -> str | None:
    """A programme setting (see programme/accounts.py), or None when never set."""
    row = conn.execute("SELECT value FROM programme_settings WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


_PATTERN_COUNTS = {
    dialect: (
        f"SELECT {JSON_PATTERN_ID[dialect]}, {json_text(dialect, 't.feedback_json', 'rating')},"
        f" count(*) FROM turns t JOIN sessions s ON s.id = t.session_id,"
        f" {JSON_PATTERNS[dialect].format(column='t.feedback_json')}"
        " WHERE t.feedback_json != 'null' AND {mine} GROUP BY 1, 2 ORDER BY 1, 2"
    )
    for dialect in DIALECTS
}
_RATING_COUNTS = {
    dialect: (
        f"SELECT t.session_id, {json_text(dialect, 't.feedback_json', 'rating')}, count(*)"
        " FROM turns t JOIN sessions s ON s.id = t.session_id"
        " WHERE {mine} GROUP BY 1, 2 ORDER BY 1, 2"
    )
    for dialect in DIALECTS
}


def _reopen(conn: Database, session_id: int) -> None:
    conn.execute(
        "UPDATE sessions SET ended_at = NULL, outcome = NULL, ending_json = NULL,"
        " summary_json = NULL WHERE id = ?",
        (session_id,),
    )


def turn_record(number: int, turn: Any, scenario: Any = None, recorded_at: str | None = None) -> TurnRecord:
    """A TurnRecord from the engine's Turn (read by attribute, so the store never imports
    the engine). ``scenario`` lets us remember which authored reply the index meant."""
    speaker, says, cue = line_parts(turn.line)
    index = getattr(turn, "choice_index", None)
    typed = getattr(turn, "typed", None)
    return TurnRecord(
        number=number,
        state_id=turn.state_id,
        speaker=speaker,
        cue=cue,
        line=says,
        reply=turn.reply,
        choice_index=index,
        choice_reply=_authored_reply(scenario, turn.state_id, index) or (None if typed else turn.reply),
        typed=typed,
        feedback=feedback_from(getattr(turn, "feedback", None)),
        meters=dict(getattr(turn, "meters_after", None) or {}),
        recorded_at=recorded_at or now(),
    )


def _authored_reply(scenario: Any, state_id: str, index: int | None) -> str | None:
    if scenario is None or index is None:
        return None
    state = scenario.states.get(state_id)
    if state is None or not 0 <= index < len(state.choices):
        return None
    return state.choices[index].reply


def _turn_row(t: TurnRecord) -> tuple:
    return (
        t.number, t.state_id, t.speaker, t.cue, t.line, t.reply, t.choice_index, t.choice_reply,
        t.typed, encode(t.feedback), encode(t.meters), t.recorded_at,
    )


def _turn_record(row: tuple) -> TurnRecord:
    (number, state_id, speaker, cue, line, reply, index, choice_reply, typed,
     feedback, meters, recorded_at) = row
    return TurnRecord(
        number=number, state_id=state_id, speaker=speaker, cue=cue, line=line, reply=reply,
        choice_index=index, choice_reply=choice_reply, typed=typed,
        feedback=decode(feedback, FeedbackRecord | None), meters=decode(meters, dict[str, int]),
        recorded_at=recorded_at,
    )


def _session_record(row: tuple) -> SessionRecord:
    (sid, scenario_id, title, path, digest, scenario_json, started, ended, outcome,
     ending_json, summary_json, mode, role, shared, turn_count) = row
    return SessionRecord(
        id=sid, scenario_id=scenario_id, scenario_title=title, scenario_path=path,
        scenario_hash=digest, scenario=decode(scenario_json, ScenarioSnapshot),
        started_at=started, ended_at=ended, outcome=outcome,
        ending=decode(ending_json, EndingRecord), feedback_mode=mode, learner_role=role,
        turn_count=turn_count, summary=decode(summary_json, dict), shared=bool(shared),
    )
