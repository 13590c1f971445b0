"""Looking back on a stored session: answers to the look-back prompts, mood before and
after, which exchange a rehearsal came from, and the person's settings.

Each answer is its own short transaction, written the moment it is given, so a process
killed part-way through a look back loses none of the answers already given. The SQL
keeps to what SQLite and PostgreSQL share (``INSERT ... ON CONFLICT ... DO UPDATE``).
"""

from __future__ import annotations

import re
from typing import Any

import msgspec

from ipt_roleplay.store.history import History, now
from ipt_roleplay.store.records import FeedbackRecord, decode, encode, feedback_from

MOMENTS = ("before", "after")
MOOD_MIN, MOOD_MAX = 0, 10
MOOD_WORD_MAX = 40
ANSWER_MAX = 2000
# The setting that turns the mood questions off (value "off"); on when absent.
MOOD_SETTING = "mood_questions"


class Answer(msgspec.Struct, frozen=True, kw_only=True):
    turn_number: int
    prompt_id: str
    prompt: str  # as it was asked
    position: int = 0  # where the prompt comes in the look back, to show answers in order
    answer: str
    # For "what else could you have said?": the analyzer's feedback on the words typed.
    feedback: FeedbackRecord | None = None
    answered_at: str = ""


class Mood(msgspec.Struct, frozen=True, kw_only=True):
    score: int
    word: str | None = None

    def __str__(self) -> str:
        return f"{self.score}/10" + (f" ({self.word})" if self.word else "")


class MoodPoint(msgspec.Struct, frozen=True, kw_only=True):
    """One session's moods, for the chart over time."""

    session_id: int
    started_at: str
    title: str
    before: Mood | None = None
    after: Mood | None = None


class RehearsalLink(msgspec.Struct, frozen=True, kw_only=True):
    session_id: int  # the new attempt
    from_session_id: int
    from_turn: int  # 0-based: the exchange it was rehearsed from


class MoodError(ValueError):
    """A mood answer that cannot be read; the message says how to give one."""


def parse_mood(text: str) -> Mood | None:
    """``"6"``, ``"6 tired"``, ``"6, a bit tired"`` or ``"tired 6"``: a number from 0 to 10
    and, if given, a word or two. None for an empty answer (skipped)."""
    text = " ".join(text.split())
    if not text:
        return None
    text = re.sub(r"\s*(?:/|out of)\s*10\b", " ", text)  # "6/10", "6 out of 10"
    numbers = re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])", text)
    if len(numbers) != 1:
        raise MoodError("Give one number from 0 (very low) to 10 (very good), and a word if you like.")
    try:
        score = int(numbers[0])
    except ValueError:
        raise MoodError("Use a whole number from 0 to 10.") from None
    if not MOOD_MIN <= score <= MOOD_MAX:
        raise MoodError(f"{score} is outside 0 to 10. Give a number from 0 (very low) to 10 (very good).")
    word = re.sub(r"(?<![\w.])-?\d+(?![\w.])", " ", text, count=1)
    word = " ".join(word.replace(",", " ").split()).strip(" -:;.")
    return Mood(score=score, word=word[:MOOD_WORD_MAX] or None)


# --- answers ------------------------------------------------------------------------


def save_answer(
    history: History,
    session_id: int,
    turn_number: int,
    prompt_id: str,
    prompt: str,
    answer: str,
    feedback: Any = None,
    position: int = 0,
) -> None:
    """Keep one answer (replacing an earlier one to the same prompt). An empty answer
    removes the earlier one: the person cleared it."""
    answer = answer.strip()[:ANSWER_MAX]
    with history._write() as conn:
        history._require(conn, session_id)
        if not answer:
            conn.execute(
                "DELETE FROM lookback_answers WHERE session_id = ? AND turn_number = ? AND prompt_id = ?",
                (session_id, turn_number, prompt_id),
            )
            return
        record = feedback_from(feedback) if feedback is not None else None
        conn.execute(
            "INSERT INTO lookback_answers (session_id, turn_number, prompt_id, position, prompt,"
            " answer, feedback_json, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (session_id, turn_number, prompt_id) DO UPDATE SET"
            " position = excluded.position, prompt = excluded.prompt, answer = excluded.answer,"
            " feedback_json = excluded.feedback_json, answered_at = excluded.answered_at",
            (session_id, turn_number, prompt_id, position, prompt, answer,
             encode(record) if record is not None else None, now()),
        )


def answers(history: History, session_id: int) -> list[Answer]:
    """Every answer kept for a session, by exchange and in the order they were given."""
    rows = history._read(
        "SELECT a.turn_number, a.prompt_id, a.position, a.prompt, a.answer, a.feedback_json,"
        " a.answered_at FROM lookback_answers a JOIN sessions s ON s.id = a.session_id"
        f" WHERE a.session_id = ? AND {history._mine} ORDER BY a.turn_number, a.position, a.prompt_id",
        (session_id, history.owner),
    )
    return [
        Answer(turn_number=t, prompt_id=pid, position=pos, prompt=p, answer=a,
               feedback=decode(f, FeedbackRecord), answered_at=at)
        for t, pid, pos, p, a, f, at in rows
    ]


# --- mood ---------------------------------------------------------------------------


def save_mood(history: History, session_id: int, moment: str, mood: Mood) -> None:
    if moment not in MOMENTS:
        raise ValueError(f"moment must be one of {MOMENTS}, not {moment!r}")
    if not MOOD_MIN <= mood.score <= MOOD_MAX:
        raise ValueError(f"a mood score is from {MOOD_MIN} to {MOOD_MAX}, not {mood.score}")
    with history._write() as conn:
        history._require(conn, session_id)
        conn.execute(
            "INSERT INTO moods (session_id, moment, score, word, recorded_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (session_id, moment) DO UPDATE SET score = excluded.score,"
            " word = excluded.word, recorded_at = excluded.recorded_at",
            (session_id, moment, mood.score, mood.word, now()),
        )


def moods(history: History, session_id: int) -> dict[str, Mood]:
    rows = history._read(
        "SELECT m.moment, m.score, m.word FROM moods m JOIN sessions s ON s.id = m.session_id"
        f" WHERE m.session_id = ? AND {history._mine}",
        (session_id, history.owner),
    )
    return {moment: Mood(score=score, word=word) for moment, score, word in rows}


def mood_points(history: History) -> list[MoodPoint]:
    """Sessions with a mood recorded, oldest first."""
    rows = history._read(
        "SELECT s.id, s.started_at, s.scenario_title, m.moment, m.score, m.word"
        f" FROM moods m JOIN sessions s ON s.id = m.session_id WHERE {history._mine}"
        " ORDER BY s.started_at, s.id",
        (history.owner,),
    )
    points: dict[int, dict[str, Any]] = {}
    for sid, started, title, moment, score, word in rows:
        point = points.setdefault(sid, {"session_id": sid, "started_at": started, "title": title})
        point[moment] = Mood(score=score, word=word)
    return [MoodPoint(**p) for p in points.values()]


# --- rehearsals ---------------------------------------------------------------------


def link_rehearsal(history: History, session_id: int, from_session_id: int, from_turn: int) -> None:
    """Remember that ``session_id`` rehearses exchange ``from_turn`` of ``from_session_id``."""
    with history._write() as conn:
        history._require(conn, session_id)
        history._require(conn, from_session_id)
        conn.execute(
            "INSERT INTO rehearsals (session_id, from_session_id, from_turn) VALUES (?, ?, ?)"
            " ON CONFLICT (session_id) DO UPDATE SET from_session_id = excluded.from_session_id,"
            " from_turn = excluded.from_turn",
            (session_id, from_session_id, from_turn),
        )


def rehearsal_of(history: History, session_id: int) -> RehearsalLink | None:
    # Both ends must be readable: a supervisor shown a shared rehearsal is not told the
    # number of an earlier session its owner did not share.
    mine = f"SELECT s.id FROM sessions s WHERE {history._mine}"
    rows = history._read(
        "SELECT r.from_session_id, r.from_turn FROM rehearsals r"
        f" WHERE r.session_id = ? AND r.session_id IN ({mine}) AND r.from_session_id IN ({mine})",
        (session_id, history.owner, history.owner),
    )
    if not rows:
        return None
    return RehearsalLink(session_id=session_id, from_session_id=rows[0][0], from_turn=rows[0][1])


def rehearsals_from(history: History, session_id: int) -> list[RehearsalLink]:
    rows = history._read(
        "SELECT r.session_id, r.from_turn FROM rehearsals r JOIN sessions s ON s.id = r.session_id"
        f" WHERE r.from_session_id = ? AND {history._mine} ORDER BY r.session_id",
        (session_id, history.owner),
    )
    return [RehearsalLink(session_id=s, from_session_id=session_id, from_turn=t) for s, t in rows]


# --- settings -----------------------------------------------------------------------


def setting(history: History, name: str, default: str | None = None) -> str | None:
    rows = history._read("SELECT value FROM settings WHERE owner = ? AND name = ?", (history.owner, name))
    return rows[0][0] if rows else default


def set_setting(history: History, name: str, value: str) -> None:
    with history._write() as conn:
        conn.execute(
            "INSERT INTO settings (owner, name, value) VALUES (?, ?, ?)"
            " ON CONFLICT (owner, name) DO UPDATE SET value = excluded.value",
            (history.owner, name, value),
        )


def mood_questions_on(history: History) -> bool:
    return setting(history, MOOD_SETTING, "on") != "off"


def set_mood_questions(history: History, on: bool) -> None:
    set_setting(history, MOOD_SETTING, "on" if on else "off")
