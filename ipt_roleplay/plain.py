"""Line mode: the conversation as plain text, for pipes, scripts and screen readers.

Everything is written as plain sentences in reading order, so a screen reader reads it
naturally; styling (bold headings) is added only on a terminal and never with NO_COLOR.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from ipt_roleplay.care import CRISIS_NOTE
from ipt_roleplay.engine.session import Session, Turn, clean_typed
from ipt_roleplay.engine.summary import Summary, summarise
from ipt_roleplay.scenario.model import Scenario

RATING_WORDS = {"helpful": "Helpful", "mixed": "Mixed", "unhelpful": "Unhelpful"}


@dataclass
class PlainOptions:
    feedback: str = "each"  # "each" or "end"
    choose: list[int] = field(default_factory=list)  # 1-based numbers to play first
    resume: bool | None = None  # True: resume without asking; False: start afresh; None: ask
    record: bool = True  # keep the session in the history store
    mood: bool = True  # ask how the person feels before and after (kept with the session)


class _Style:
    def __init__(self, out: TextIO) -> None:
        self.on = out.isatty() and not os.environ.get("NO_COLOR")

    def heading(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if self.on else text


class PlainPlayer:
    def __init__(
        self,
        session: Session,
        lines: Iterator[str],
        out: TextIO = sys.stdout,
        options: PlainOptions | None = None,
        on_change: Callable[..., None] | None = None,
    ) -> None:
        self.session = session
        self.on_change = on_change or (lambda session, **_: None)
        self.lines = lines
        self.out = out
        self.options = options or PlainOptions()
        self.style = _Style(out)
        self._scripted = list(self.options.choose)
        # Called once the scenario has been introduced, before the first line (the mood
        # question goes there).
        self.before_first: Callable[[], None] | None = None

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    # --- the run ----------------------------------------------------------------

    def run(self) -> int:
        """Play to an ending. Returns the exit code: 0 at an ending or at end of input,
        2 when a scripted choice number does not exist."""
        self.introduce(self.session.scenario)
        if self.session.history:
            self.recap()
        if self.before_first is not None:
            self.before_first()
        while not self.session.is_over:
            self.show_moment()
            answer = self.next_answer()
            if answer is None:
                self.say()
                self.say("The input ended before the conversation did. Nothing you chose is lost.")
                return 0
            if answer == -1:
                return 2
            if isinstance(answer, str):
                turn = self.session.say(answer)
                speaker = turn.line.speaker
                self.say(f'{speaker} hears this as: "{turn.heard_as}"')
            else:
                turn = self.session.choose(answer)
            self.on_change(self.session)
            if self.options.feedback == "each":
                self.show_feedback(turn)
        self.show_moment()
        summary = summarise(self.session)
        self.on_change(self.session, summary=summary)
        self.show_ending(summary)
        return 0

    def recap(self) -> None:
        """The conversation so far, after resuming."""
        self.say()
        self.say(self.style.heading(f"So far ({len(self.session.history)} replies)"))
        for turn in self.session.history:
            self.say(f"{turn.line.speaker}: {turn.line.says}")
            self.say(f"You: {turn.reply}")

    def introduce(self, scenario: Scenario) -> None:
        self.say(self.style.heading(scenario.title))
        self.say(scenario.summary)
        if scenario.goals:
            self.say("Goals: " + "; ".join(scenario.goals) + ".")
        if scenario.content_notes:
            self.say("Content note: " + "; ".join(scenario.content_notes) + ".")
        people = ", ".join(
            f"{c.name} ({c.description})" if c.description else c.name
            for c in scenario.characters.values()
        )
        self.say(f"You play the {scenario.learner_role}. With you: {people}.")
        self.say(CRISIS_NOTE)

    def show_moment(self) -> None:
        line = self.session.line()
        self.say()
        if line.cue:
            # A cue the author already set off, as "[...]" or "(...)", is shown as written.
            self.say(line.cue if line.cue[:1] in "[(*" else f"({line.cue})")
        self.say(f"{line.speaker}: {line.says}")
        if self.session.scenario.meters:
            self.say(self._meters_text())
        for number, option in enumerate(self.session.options(), start=1):
            self.say(f"  {number}. {option.reply}")

    def next_answer(self) -> int | str | None:
        """The 0-based option chosen, or the typed reply; None at end of input, -1 for a
        scripted choice that does not exist."""
        count = len(self.session.options())
        if self._scripted:
            number = self._scripted.pop(0)
            if not 1 <= number <= count:
                print(
                    f"ipt-roleplay: --choose gave {number}, but there are {count} replies here.",
                    file=sys.stderr,
                )
                return -1
            self.say(f"> {number}")
            return number - 1
        free = self.session.scenario.free_text
        prompt = f"Your reply (1-{count}, or type your own): " if free else f"Your reply (1-{count}): "
        while True:
            self.out.write(prompt)
            self.out.flush()
            text = next(self.lines, None)
            if text is None:
                return None
            text = clean_typed(text)
            if text.isdigit():
                if 1 <= int(text) <= count:
                    return int(text) - 1
                self.say(f"There are {count} replies here; please pick a number from 1 to {count}.")
            elif text and free:
                return text
            elif free:
                self.say("Type a reply, or pick one by its number.")
            else:
                self.say(f"Please type a number from 1 to {count}.")

    def show_feedback(self, turn: Turn) -> None:
        feedback = turn.feedback
        self.say(f"Feedback: {RATING_WORDS[feedback.rating]}.")
        if feedback.patterns:
            shown = [
                f'{p.label} ("{p.evidence}")' if p.evidence else p.label for p in feedback.patterns
            ]
            self.say("Patterns: " + "; ".join(shown) + ".")
        self.say(feedback.note)
        if feedback.try_instead:
            self.say(f"Try instead: {feedback.try_instead}")
        for name, delta in turn.meter_changes().items():
            meter = self.session.scenario.meters[name]
            self.say(f"{meter.label}: {turn.meters_before[name]} -> {turn.meters_after[name]}.")

    def show_ending(self, summary: Summary) -> None:
        self.say()
        self.say(self.style.heading(f"The end: {summary.outcome}."))
        self.say(summary.debrief)
        if self.options.feedback == "end":
            self.say()
            self.say(self.style.heading("Feedback on each reply"))
            for number, turn in enumerate(self.session.history, start=1):
                self.say()
                self.say(f"{number}. You said: {turn.reply}")
                if turn.heard_as:
                    self.say(f'   Heard as: "{turn.heard_as}"')
                self.show_feedback(turn)
        self.say()
        self.say(self.style.heading("Summary"))
        r = summary.ratings
        self.say(
            f"{summary.turns} replies: {r['helpful']} helpful, {r['mixed']} mixed, "
            f"{r['unhelpful']} unhelpful."
        )
        if summary.top_patterns:
            from ipt_roleplay.analysis import taxonomy

            used = ", ".join(f"{taxonomy.get(pid).label} ({n})" for pid, n in summary.top_patterns)
            self.say(f"Patterns used most: {used}.")
        if summary.turning_point:
            tp = summary.turning_point
            self.say(f'Turning point, reply {tp.turn_number + 1}: "{tp.reply}" {tp.why}')
        for goal in summary.goals:
            status = {True: "practised", False: "not yet practised", None: "not tracked"}[
                goal.practised
            ]
            self.say(f"Goal: {goal.goal}: {status}.")

    def _meters_text(self) -> str:
        parts = []
        for name, value in self.session.meters.items():
            meter = self.session.scenario.meters[name]
            parts.append(f"{meter.label} {value} of {meter.max}")
        return "Meters: " + ", ".join(parts) + "."


def play(
    scenario: Scenario,
    path: str,
    options: PlainOptions,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
) -> int:
    session = Session(scenario)
    lines = iter(stdin)
    recorder = None
    if options.record:
        recorder = _recorder(session, path, options, lines, stdin.isatty(), out)
    on_change = recorder.sync if recorder is not None else None
    player = PlainPlayer(session, lines, out, options, on_change)
    from ipt_roleplay.plain_mood import run_with_moods

    return run_with_moods(player, recorder)


def _recorder(session: Session, path: str, options: PlainOptions, lines, interactive: bool, out: TextIO):
    """Open the history, offer to resume an unfinished session of this scenario, and
    return the recorder that keeps every turn. Practice goes on even if the store fails."""
    from ipt_roleplay.errors import UserError
    from ipt_roleplay.store.history import History
    from ipt_roleplay.store.recorder import Recorder

    def say(text: str) -> None:
        print(text, file=out, flush=True)

    try:
        history = History.open()
        if history.notice():
            say(history.notice())
        unfinished = [
            r for r in history.unfinished_sessions() if r.scenario_id == session.scenario.id
        ]
        if unfinished:
            record = max(unfinished, key=lambda r: r.started_at)
            if _wants_resume(record, options, lines, interactive, say):
                return _resume(history, record, session, path, say)
        return Recorder.start(history, session, scenario_path=path, feedback_mode=options.feedback)
    except UserError as error:
        say(f"Your history could not be opened, so this session will not be saved: {error}")
        return None


def _wants_resume(record, options: PlainOptions, lines, interactive: bool, say) -> bool:
    if options.resume is not None:
        return options.resume
    when = record.started_at.replace("T", " ")[:16]
    if not interactive or options.choose:
        say(
            f"You have an unfinished session of this scenario from {when} "
            f"({record.turn_count} replies). Add --resume to carry on with it."
        )
        return False
    print(
        f"You have an unfinished session of this scenario from {when} "
        f"({record.turn_count} replies). Carry on where you left off? [Y/n] ",
        end="",
        flush=True,
    )
    answer = (next(lines, "n") or "").strip().lower()
    return answer in ("", "y", "yes")


def _resume(history, record, session: Session, path: str, say):
    from ipt_roleplay.store.recorder import Recorder
    from ipt_roleplay.store.resume import plan_replay, replay_into, resume_data

    data = resume_data(history, record.id)
    plan = plan_replay(session.scenario, data.steps)
    done = replay_into(session, plan)
    if data.file_changed() or done < plan.total:
        say(
            f"The scenario file has changed since that session; {done} of {plan.total} "
            "replies still apply and have been replayed."
        )
    history.update_scenario_file(record.id, path)
    recorder = Recorder.attach(history, record.id, session)
    recorder.sync(session)
    return recorder
