"""Where ipt-roleplay keeps things on this machine, and nowhere else.

Everything lives under one data directory: the platform's user data dir, or the folder
named by ``IPT_ROLEPLAY_HOME`` (for tests, and for carrying the app on a USB stick).
The directory is private (0700) because practice transcripts are personal.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "ipt-roleplay"
HOME_ENV = "IPT_ROLEPLAY_HOME"
# Set by `serve --programme` for each tab's app: whose practice it is.
USER_ENV = "IPT_ROLEPLAY_USER"
DB_NAME = "history.sqlite3"

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def data_dir() -> Path:
    """The data directory, not created; see ``ensure_data_dir``."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def db_path() -> Path:
    return data_dir() / DB_NAME


def exports_dir() -> Path:
    # In a programme, each person's saved reports are kept apart from everyone else's.
    user = os.environ.get(USER_ENV)
    return data_dir() / "exports" / user if user else data_dir() / "exports"


def scenarios_dir() -> Path:
    """Scenario files the person adds themselves (the picker lists them too)."""
    return data_dir() / "scenarios"


def cache_dir() -> Path:
    """Throwaway data such as parsed scenarios; safe to delete at any time."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it 0700 whatever the umask says."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    os.chmod(path, PRIVATE_DIR_MODE)
    return path


def ensure_data_dir() -> Path:
    return ensure_private_dir(data_dir())


def make_private(path: Path) -> None:
    """Make an existing file 0600; a file that is not there is left alone."""
    try:
        os.chmod(path, PRIVATE_FILE_MODE)
    except FileNotFoundError:
        pass


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that only this user can read it, from the first byte."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    try:
        # O_CREAT's mode only applies to new files; an existing file keeps its old mode.
        os.fchmod(fd, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            fd = -1
            handle.write(text)
    finally:
        if fd != -1:
            os.close(fd)


def write_cache(path: Path, blob: bytes) -> None:
    """Write a cache entry whole or not at all (readers never see half a file), readable
    only by this user. A cache that cannot be written only costs speed next time."""
    try:
        path.parent.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        os.replace(temporary, path)
    except OSError:
        pass
