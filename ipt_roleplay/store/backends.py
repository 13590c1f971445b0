"""The two places a practice store can live, behind one small interface.

``SqliteDatabase`` is the default: one private file on this computer, nothing to set up.
``PostgresDatabase`` (store/postgres.py) is for a training programme on one server, where
many people's sessions share one PostgreSQL database. ``History`` and the migrations talk
only to this interface, so both backends run the same queries and the same migrations.

SQL is written once, in SQLite's spelling with ``?`` placeholders; the PostgreSQL backend
translates the few things that differ (placeholders, the identity column, ``WITHOUT
ROWID``). The JSON functions, which the two engines spell differently, are built from
the small tables below, by the connection's ``dialect``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from ipt_roleplay.errors import UserError


class StoreError(UserError):
    """The history store cannot be used; the message says why and what to do."""


DATABASE_ENV = "IPT_ROLEPLAY_DATABASE_URL"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


DIALECTS = ("sqlite", "postgresql")

# The two engines spell JSON differently; these are the only places the store's SQL
# differs between them. The columns hold JSON as text.
_JSON_TEXT = {"sqlite": "json_extract({column}, '$.{key}')", "postgresql": "({column}::jsonb ->> '{key}')"}
#: A FROM item with one row ``p`` per element of the column's ``patterns`` array.
JSON_PATTERNS = {
    "sqlite": "json_each({column}, '$.patterns') AS p",
    "postgresql": "jsonb_path_query({column}::jsonb, 'lax $.patterns[*]') AS p (value)",
}
#: The pattern id of one ``p`` row.
JSON_PATTERN_ID = {"sqlite": "json_extract(p.value, '$.id')", "postgresql": "(p.value ->> 'id')"}


def json_text(dialect: str, column: str, key: str) -> str:
    """SQL for the text of ``key`` in the JSON object held in ``column``."""
    return _JSON_TEXT[dialect].format(column=column, key=key)


def is_database_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


class Database(Protocol):
    """What the store needs from a database connection."""

    #: "sqlite" or "postgresql": picks the dialect-specific queries.
    dialect: str
    #: Where the store is, for messages (a file path, or a URL without its password).
    where: str
    #: Errors that mean "this write could not happen now" (locked, disk full, server gone).
    write_errors: tuple[type[BaseException], ...]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...
    def transaction(self) -> Any: ...
    def migration_lock(self) -> Any: ...
    def schema_version(self) -> int: ...
    def set_schema_version(self, version: int) -> None: ...
    def ddl(self, statement: str) -> str: ...
    def scrub(self) -> None: ...
    def close(self) -> None: ...


class SqliteDatabase:
    """A SQLite connection in autocommit mode; transactions are explicit."""

    dialect = "sqlite"
    write_errors = (sqlite3.OperationalError,)

    def __init__(self, conn: sqlite3.Connection, where: str) -> None:
        self.conn = conn
        self.where = where

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[SqliteDatabase]:
        # IMMEDIATE takes the write lock up front, so two instances queue on busy_timeout
        # instead of one failing when it tries to upgrade a read to a write.
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # The write lock that BEGIN IMMEDIATE takes already keeps a second instance out.
    migration_lock = transaction

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def set_schema_version(self, version: int) -> None:
        self.conn.execute(f"PRAGMA user_version = {int(version)}")

    def ddl(self, statement: str) -> str:
        return statement

    def scrub(self) -> None:
        # secure_delete zeroes the freed pages, but the old pages are still in the WAL
        # until a checkpoint copies the zeroed ones back; TRUNCATE empties the WAL file.
        # Another instance reading at this moment can keep the checkpoint from finishing;
        # then the WAL is emptied on that instance's next checkpoint instead.
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()

    def close(self) -> None:
        self.conn.close()
