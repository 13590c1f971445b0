"""Opening the history database safely: private files, WAL, and a way out of corruption.

A database that cannot be read is never deleted: it is renamed aside with a timestamp
(someone may want to recover it), and a fresh one is started so that practice can go on.
A PostgreSQL store (``open_database`` given a ``postgresql://`` URL) is the server's to
look after: it is connected to and migrated, never moved or recreated.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ipt_roleplay.store import paths, schema
from ipt_roleplay.store.backends import DATABASE_ENV, Database, SqliteDatabase, StoreError, is_database_url

# How long a write waits for another app instance to finish its own, in milliseconds.
BUSY_TIMEOUT_MS = 5000
# SQLite's primary result codes for "this is not a readable database".
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class Opened:
    conn: Database
    # Set when the old database was unreadable and has been moved to this path.
    moved_aside: Path | None = None


def default_target() -> Path | str:
    """Where the store is when no one says: IPT_ROLEPLAY_DATABASE_URL when set, else this
    computer's own file."""
    return os.environ.get(DATABASE_ENV) or paths.db_path()


def open_database(target: Path | str) -> Opened:
    """Open the store at ``target`` (a SQLite file path, created if needed, or a
    ``postgresql://`` URL), migrated to the current schema."""
    if is_database_url(target):
        return Opened(_open_postgres(str(target)))
    path = Path(target)
    try:
        paths.ensure_private_dir(path.parent)
    except OSError as error:
        raise StoreError(
            f"Cannot use {path.parent} for your practice history ({error.strerror or error}). "
            f"Set {paths.HOME_ENV} to a folder you can write to."
        ) from None
    try:
        return Opened(_open(path))
    except sqlite3.DatabaseError as error:
        if not is_corruption(error):
            raise StoreError(_unusable_message(path, error)) from None
    except OSError as error:
        raise StoreError(_unusable_message(path, error)) from None
    aside = move_aside(path)
    try:
        return Opened(_open(path), aside)
    except sqlite3.DatabaseError as error:
        raise StoreError(_unusable_message(path, error)) from None


def is_corruption(error: sqlite3.DatabaseError) -> bool:
    """True for damage; False for trouble that passes, such as another instance's lock."""
    if isinstance(error, _Unreadable):
        return True
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


class _Unreadable(sqlite3.DatabaseError):
    """quick_check found damage that SQLite itself did not raise for."""


def _open_postgres(url: str) -> Database:
    from ipt_roleplay.store import postgres

    db = postgres.connect(url)
    try:
        schema.migrate(db)
    except schema.NewerSchemaError as error:
        db.close()
        raise StoreError(_newer_message(db.where, error)) from None
    except db.write_errors as error:
        db.close()
        raise StoreError(_unusable_message(db.where, error)) from None
    except BaseException:
        db.close()
        raise
    return db


def _open(path: Path) -> SqliteDatabase:
    _create_private(path)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db = SqliteDatabase(conn, str(path))
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _enable_wal(conn)
        # NORMAL, with WAL: a committed turn survives the app being killed (even kill -9)
        # and the file is never corrupted; only a power cut in the same second could lose
        # the last reply. FULL would wait for the disk on every reply, and that wait
        # (up to 12 ms seen here) landed on the frame the person is waiting for.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Forgotten sessions are overwritten with zeros, not just unlinked from the tree.
        conn.execute("PRAGMA secure_delete = ON")
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise _Unreadable(check)
        schema.migrate(db)
    except schema.NewerSchemaError as error:
        conn.close()
        raise StoreError(_newer_message(path, error)) from None
    except BaseException:
        conn.close()
        raise
    for suffix in SIDE_FILES:
        paths.make_private(Path(f"{path}{suffix}"))
    return db


def _newer_message(where: object, error: schema.NewerSchemaError) -> str:
    return (
        f"Your practice history at {where} was written by a newer version of "
        f"ipt-roleplay (schema {error.found}; this version knows up to "
        f"{schema.CURRENT_VERSION}). Please update ipt-roleplay to open it."
    )


def _enable_wal(conn: sqlite3.Connection) -> None:
    # WAL is a property of the file, so this is a no-op after the first time. But two
    # instances converting a new file at once can get "database is locked" without
    # SQLite's busy handler being called, so we wait and retry ourselves.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as error:
            busy = getattr(error, "sqlite_errorcode", 0) & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _create_private(path: Path) -> None:
    # Create the file ourselves so that it is 0600 before SQLite writes a byte to it;
    # SQLite then gives its -wal and -shm files the same mode as the database.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, paths.PRIVATE_FILE_MODE)
    try:
        os.fchmod(fd, paths.PRIVATE_FILE_MODE)
    finally:
        os.close(fd)


def move_aside(path: Path) -> Path:
    """Rename an unreadable database (and its side files) to ``<name>.unreadable-<time>``."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    aside = path.with_name(f"{path.name}.unreadable-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.unreadable-{stamp}-{n}")
    os.replace(path, aside)
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{aside}{suffix}"))
    return aside


def _unusable_message(path: object, error: BaseException) -> str:
    return (
        f"Could not open your practice history at {path} ({error}). "
        "If another copy of ipt-roleplay is busy with it, try again in a moment."
    )
