"""Mood before and after each conversation, over time: two Unicode sparklines with the
numbers beside them (a screen reader reads the numbers; the lines only help the eye)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.content import Content

LEVELS = "▁▂▃▄▅▆▇█"
SESSIONS = 12  # the most recent, so the chart fits 80 columns with its numbers
GAP = "·"  # a session without that answer


def spark(scores: Sequence[int | None]) -> str:
    return "".join(GAP if s is None else LEVELS[round(s * (len(LEVELS) - 1) / 10)] for s in scores)


def numbers(scores: Sequence[int | None]) -> str:
    return " ".join("–" if s is None else str(s) for s in scores)


def average_change(points: Sequence[Any]) -> str | None:
    pairs = [(p.mood_before, p.mood_after) for p in points if p.mood_before is not None and p.mood_after is not None]
    if not pairs:
        return None
    change = sum(after - before for before, after in pairs) / len(pairs)
    n = len(pairs)
    over = f"over {n} conversation{'s' if n != 1 else ''} with both answers"
    if abs(change) < 0.05:
        return f"On average, no change from before to after ({over})."
    return f"On average, {abs(change):.1f} {'higher' if change > 0 else 'lower'} after than before ({over})."


def mood_chart(points: Sequence[Any]) -> Content | None:
    """``points`` are store.progress.SessionPoint, oldest first; the chart shows those with
    a mood answered. None when there are none."""
    recent = [p for p in points if p.mood_before is not None or p.mood_after is not None][-SESSIONS:]
    if not recent:
        return None
    before = [p.mood_before for p in recent]
    after = [p.mood_after for p in recent]
    lines = [
        Content.assemble(
            ("Mood before and after", "bold"),
            (f", last {len(recent)} conversation{'s' if len(recent) != 1 else ''}, oldest to newest (0 to 10)",
             "$foreground-muted"),
        ),
        Content.assemble("  Before ", (spark(before), "$primary"), f"  {numbers(before)}"),
        Content.assemble("  After  ", (spark(after), "$success"), f"  {numbers(after)}"),
    ]
    summary = average_change(recent)
    if summary:
        lines.append(Content.styled(summary, "$foreground-muted"))
    return Content("\n").join(lines)

