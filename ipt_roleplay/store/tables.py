"""Plain-text tables of progress, for `ipt-roleplay history` (screen-reader friendly:
no box drawing, one row per line)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ipt_roleplay.store.progress import Progress

_OUTCOMES = {"resolved": "Resolved", "partial": "Partly resolved", "unresolved": "Unresolved"}
TITLE_WIDTH = 32


def progress_text(data: Progress) -> str:
    if data.empty:
        return (
            "No practice sessions yet.\n"
            "When you play a scenario, it is kept here, on this computer only.\n"
        )
    finished = sum(s.finished for s in data.sessions)
    lines = [
        f"Your practice so far: {_n(len(data.sessions), 'session')} "
        f"({finished} finished) over {_n(len(data.scenarios), 'scenario')}.",
        "",
        "Sessions",
    ]
    moods = any(s.mood_before is not None or s.mood_after is not None for s in data.sessions)
    lines += _table(
        ("#", "When", "Scenario", "Outcome", "Replies", "Helpful") + (("Mood before", "Mood after") if moods else ()),
        [
            (str(s.id), _when(s.started_at), _fit(s.title), outcome_text(s.outcome, s.finished),
             str(s.replies), str(s.helpful))
            + ((_mood(s.mood_before), _mood(s.mood_after)) if moods else ())
            for s in data.sessions
        ],
        right={0, 4, 5, 6, 7},
    )
    lines += ["", "Best outcome per scenario"]
    lines += _table(
        ("Scenario", "Sessions", "Best outcome"),
        [(_fit(b.title), str(b.sessions), outcome_text(b.best_outcome, True)) for b in data.scenarios],
        right={1},
    )
    if data.patterns:
        lines += ["", "Patterns in your replies (by how each reply landed)"]
        lines += _table(
            ("Pattern", "Kind", "Times", "Helpful", "Mixed", "Unhelpful"),
            [
                (p.label, pattern_kind(p.helpful_pattern), str(p.uses), str(p.in_helpful),
                 str(p.in_mixed), str(p.in_unhelpful))
                for p in data.patterns
            ],
            right={2, 3, 4, 5},
        )
    lines += [
        "",
        "To share a session with your therapist: ipt-roleplay export ID --format html -o report.html",
        "",
    ]
    return "\n".join(lines)


def _table(headers: Sequence[str], rows: list[Sequence[str]], right: set[int]) -> list[str]:
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows)]

    def fmt(row: Sequence[str]) -> str:
        cells = [
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths))
        ]
        return "  " + "  ".join(cells).rstrip()

    return [fmt(headers)] + [fmt(r) for r in rows]


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _fit(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= TITLE_WIDTH else title[: TITLE_WIDTH - 1] + "…"


def _when(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return f"{moment:%Y-%m-%d %H:%M}"


def outcome_text(outcome: str | None, finished: bool) -> str:
    """How an outcome reads in a table (also on the programme's web pages)."""
    if outcome:
        return _OUTCOMES.get(outcome, outcome)
    return "Not finished" if not finished else "-"


def _mood(score: int | None) -> str:
    return "-" if score is None else f"{score}/10"


def pattern_kind(helpful: bool | None) -> str:
    return {True: "skill", False: "to watch"}.get(helpful, "")
