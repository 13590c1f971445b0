"""How stored practice is said to the person: counts of replies, times, and errors."""

from __future__ import annotations

from datetime import datetime


def reason(error: BaseException) -> str:
    """An error as a sentence for the person: our own errors are already worded for them."""
    from ipt_roleplay.errors import UserError

    if isinstance(error, UserError):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}."
    return f"{type(error).__name__}: {error}."


def when(iso: str) -> str:
    """A stored UTC time as local time the way people say it: ``12 March 2025, 14:05``."""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return f"{moment.day} {moment:%B %Y}, {moment:%H:%M}"


def short_when(iso: str) -> str:
    """``12 Mar 2025 14:05`` in local time: the same width on every row."""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso[:17]
    return f"{moment.day:>2} {moment:%b %Y %H:%M}"


def replies(n: int) -> str:
    return f"{n} {'reply' if n == 1 else 'replies'}"
