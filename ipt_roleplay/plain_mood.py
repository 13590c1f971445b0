"""The mood questions in line mode: how are you feeling, before a conversation and after
its ending (`play --plain` asks them unless `--no-mood`; `review --plain` reads and
writes with the same `LineIO`). Every answer is saved the moment its line is read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from ipt_roleplay.errors import UserError
from ipt_roleplay.store import lookback

if TYPE_CHECKING:
    from ipt_roleplay.plain import PlainOptions, PlainPlayer
    from ipt_roleplay.store.history import History

MOOD_QUESTION = "How are you feeling right now?"
MOOD_HOW = "0 (very low) to 10 (very good), and a word if you like; Enter skips"
MOOD_AFTER = "And now, after the conversation: how are you feeling?"


class LineIO:
    """Questions out, answers in: a line at a time."""

    def __init__(self, lines: Iterator[str], out: TextIO) -> None:
        self.lines = lines
        self.out = out

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def ask(self, question: str) -> str | None:
        """One line of answer (surrounding space removed); None at end of input."""
        self.out.write(question)
        self.out.flush()
        line = next(self.lines, None)
        return None if line is None else " ".join(line.split())


# --- mood ---------------------------------------------------------------------------


def ask_mood(io: LineIO, history: History, session_id: int, moment: str) -> lookback.Mood | None:
    """Ask how the person feels, save the answer at once; None when skipped."""
    question = MOOD_QUESTION if moment == "before" else MOOD_AFTER
    io.say()
    io.say(f"{question} ({MOOD_HOW}.)")
    while True:
        text = io.ask("Mood: ")
        if not text:
            if text is None:
                io.say()
            return None
        try:
            mood = lookback.parse_mood(text)
        except lookback.MoodError as error:
            io.say(str(error))
            continue
        if mood is None:
            return None
        lookback.save_mood(history, session_id, moment, mood)
        io.say(f"Noted: {mood}.")
        return mood


def mood_wanted(options: PlainOptions, recorder) -> bool:
    if not options.mood or recorder is None:
        return False
    try:
        return lookback.mood_questions_on(recorder.history)
    except Exception:  # an unreadable setting never stops practice
        return False


def run_with_moods(player: PlainPlayer, recorder) -> int:
    """Play in line mode with the mood question before the first line (unless this
    session already has that answer, as when carrying on) and after the ending."""
    if not mood_wanted(player.options, recorder):
        return player.run()
    io = LineIO(player.lines, player.out)
    history, session_id = recorder.history, recorder.session_id

    def ask(moment: str) -> None:
        try:
            if moment not in lookback.moods(history, session_id):
                ask_mood(io, history, session_id, moment)
        except UserError as error:
            io.say(f"That could not be saved: {error}")

    player.before_first = lambda: ask("before")
    code = player.run()
    if player.session.is_over:
        ask("after")
    return code
