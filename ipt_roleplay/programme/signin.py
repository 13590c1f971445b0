"""Signed-in browser sessions and the limit on sign-in attempts (no web framework here).

A sign-in gives the browser a random token in a cookie (HttpOnly, SameSite=Strict,
expiring); the server keeps token -> (account, expiry, CSRF token) in memory only, so a
restart signs everyone out, and nothing that could sign someone in is ever written down.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

COOKIE = "ipt_session"
PRE_COOKIE = "ipt_signin"  # the CSRF token of the sign-in form, before there is a session
DEFAULT_HOURS = 8.0


@dataclass(frozen=True, slots=True)
class SignedIn:
    name: str
    role: str
    expires: float
    csrf: str


class SignIns:
    """Tokens of the signed-in browsers."""

    def __init__(self, lifetime_seconds: float = DEFAULT_HOURS * 3600,
                 clock: Callable[[], float] = time.time) -> None:
        self.lifetime = lifetime_seconds
        self.clock = clock
        self._by_token: dict[str, SignedIn] = {}
        self._lock = threading.Lock()

    def create(self, name: str, role: str) -> tuple[str, SignedIn]:
        token = secrets.token_urlsafe(32)
        signed = SignedIn(name, role, self.clock() + self.lifetime, secrets.token_urlsafe(32))
        with self._lock:
            self._drop_expired()
            self._by_token[token] = signed
        return token, signed

    def get(self, token: str | None) -> SignedIn | None:
        if not token:
            return None
        with self._lock:
            signed = self._by_token.get(token)
            if signed is not None and signed.expires <= self.clock():
                del self._by_token[token]
                return None
            return signed

    def end(self, token: str | None) -> None:
        with self._lock:
            self._by_token.pop(token or "", None)

    def end_all_for(self, name: str) -> None:
        with self._lock:
            for token in [t for t, s in self._by_token.items() if s.name == name]:
                del self._by_token[token]

    def _drop_expired(self) -> None:
        now = self.clock()
        for token in [t for t, s in self._by_token.items() if s.expires <= now]:
            del self._by_token[token]


def same_token(given: str | None, expected: str | None) -> bool:
    return bool(given) and bool(expected) and hmac.compare_digest(str(given), str(expected))


class RateLimit:
    """At most ``attempts`` failed sign-ins per key (an address, or a name) in ``window``
    seconds; further attempts are refused without checking the password."""

    def __init__(self, attempts: int = 5, window: float = 300.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.attempts = attempts
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, *keys: str) -> float:
        """Seconds until an attempt for ``keys`` may be made; 0 when it may be made now."""
        now = self.clock()
        wait = 0.0
        with self._lock:
            for key in keys:
                failures = self._recent(key, now)
                if len(failures) >= self.attempts:
                    wait = max(wait, failures[0] + self.window - now)
        return wait

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self._lock:
            for key in list(self._failures):  # forget failures older than the window
                self._recent(key, now)
            for key in keys:
                self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def _recent(self, key: str, now: float) -> deque[float]:
        # A key with no recent failure is dropped, so the names and addresses tried over
        # days do not pile up in memory.
        failures = self._failures.get(key, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            self._failures.pop(key, None)
        return failures
