"""Accounts for a training programme: a name, a role, and a scrypt hash of the password.

Passwords are never stored, printed or logged; only ``scrypt$n$r$p$salt$hash`` is kept.
Checking a password costs the same whether or not the name exists (an unknown name is
checked against a stand-in hash), so neither the answer nor its timing tells anyone
which names have accounts.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ipt_roleplay.errors import UserError
from ipt_roleplay.store.database import default_target, open_database

ROLES = ("trainee", "supervisor", "client")
# scrypt at n=2**15, r=8: about 32 MiB and 50-100 ms per check; slow for guessing,
# still quick enough for one person signing in.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_MAXMEM = 64 * 1024 * 1024
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,39}")


@dataclass(frozen=True, slots=True)
class Account:
    name: str
    role: str
    created_at: str


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def check_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@lru_cache(maxsize=4)
def _stand_in_hash(n: int) -> str:
    # Checked against when the name is unknown, so that takes as long as a wrong password
    # (at the cost new accounts get: keyed by it, so a change of cost changes both).
    return hash_password(secrets.token_urlsafe(16))


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise UserError(
            f"{name!r} cannot be an account name: use 1 to 40 lower-case letters, digits, "
            "'.', '_' or '-', starting with a letter or digit (for example ana.silva)."
        )
    return name


def check_new_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"The password is too short: use at least {MIN_PASSWORD} characters.")
    if len(password) > MAX_PASSWORD:
        raise UserError(f"The password is too long: use at most {MAX_PASSWORD} characters.")
    return password


class Accounts:
    """The accounts table of a store. ``Accounts.open()`` uses the same store as the app."""

    def __init__(self, db: Any) -> None:
        self.db = db

    @classmethod
    def open(cls, target: Any = None) -> Accounts:
        """The accounts of the store at ``target``; by default the one History.open() uses."""
        return cls(open_database(default_target() if target is None else target).conn)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Accounts:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, name: str, role: str, password: str) -> Account:
        from ipt_roleplay.store.history import now

        check_name(name)
        if role not in ROLES:
            raise UserError(f"--role must be one of {', '.join(ROLES)}, not {role!r}")
        check_new_password(password)
        stored = hash_password(password)
        created = now()
        with self.db.transaction():
            if self._row(name) is not None:
                raise UserError(f"There is already an account called {name}.")
            self.db.execute(
                "INSERT INTO accounts (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                (name, role, stored, created),
            )
        return Account(name, role, created)

    def remove(self, name: str, *, forget_practice: bool = False) -> int:
        """Delete the account (and, if asked, every session it recorded); returns how many
        sessions were forgotten."""
        from ipt_roleplay.store.history import forget_owner

        with self.db.transaction():
            if self._row(name) is None:
                raise UserError(f"There is no account called {name}. `ipt-roleplay users list` lists them.")
            forgotten = forget_owner(self.db, name) if forget_practice else 0
            self.db.execute("DELETE FROM accounts WHERE name = ?", (name,))
        if forget_practice:
            self.db.scrub()
        return forgotten

    def list(self) -> list[Account]:
        rows = self.db.execute("SELECT name, role, created_at FROM accounts ORDER BY name").fetchall()
        return [Account(*row) for row in rows]

    def get(self, name: str) -> Account | None:
        row = self.db.execute(
            "SELECT name, role, created_at FROM accounts WHERE name = ?", (name,)
        ).fetchone()
        return Account(*row) if row else None

    def authenticate(
        self, name: str, password: str, *, lock: AbstractContextManager[Any] | None = None
    ) -> Account | None:
        """The account when the password is right; None otherwise, in the same time.
        ``lock`` is held for the database read only, not for the slow hash."""
        with lock or nullcontext():
            row = self._row(name) if _NAME.fullmatch(name or "") else None
        stored = row[2] if row else _stand_in_hash(SCRYPT_N)
        ok = check_password(password[:MAX_PASSWORD], stored)
        if row is None or not ok:
            return None
        return Account(row[0], row[1], row[3])

    def _row(self, name: str) -> tuple | None:
        return self.db.execute(
            "SELECT name, role, password_hash, created_at FROM accounts WHERE name = ?", (name,)
        ).fetchone()

    # Programme settings the supervisor decides.

    def setting(self, name: str) -> str | None:
        from ipt_roleplay.store.history import read_setting

        return read_setting(self.db, name)

    def set_setting(self, name: str, value: str) -> None:
        with self.db.transaction():
            self.db.execute("DELETE FROM programme_settings WHERE name = ?", (name,))
            self.db.execute("INSERT INTO programme_settings (name, value) VALUES (?, ?)", (name, value))
