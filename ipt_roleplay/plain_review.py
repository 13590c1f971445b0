"""Line mode for looking back: `ipt-roleplay review --plain` (the mood questions that
`play --plain` asks are in ``plain_mood``).

The same plain sentences as ``plain.py``, one question per line, read from stdin, so a
screen reader reads it naturally and a script (or a test) can answer it. Every answer
is saved the moment its line is read.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from ipt_roleplay.engine.lookback import ALTERNATIVE
from ipt_roleplay.plain import RATING_WORDS, PlainOptions, PlainPlayer
from ipt_roleplay.plain_mood import LineIO
from ipt_roleplay.review import Review, compare
from ipt_roleplay.store.history import History
from ipt_roleplay.store.records import FeedbackRecord, feedback_from

REHEARSE_KEYS = ("r", "rehearse", "rehearse from here")


# --- looking back -------------------------------------------------------------------


def feedback_text(fb: FeedbackRecord | None) -> str:
    if fb is None:
        return "No feedback was recorded for it."
    from ipt_roleplay.analysis import taxonomy

    names = []
    for p in fb.patterns:
        label = taxonomy.BY_ID[p.id].label if p.id in taxonomy.BY_ID else p.id
        names.append(f'{label} ("{p.evidence}")' if p.evidence else label)
    text = RATING_WORDS.get(fb.rating, fb.rating) + (": " + "; ".join(names) if names else "") + "."
    if fb.note:
        text += " " + fb.note
    if fb.try_instead:
        text += f" Try instead: {fb.try_instead}"
    return text


class PlainReview:
    def __init__(self, review: Review, lines: Iterator[str], out: TextIO = sys.stdout) -> None:
        self.review = review
        self.io = LineIO(lines, out)

    def run(self) -> int:
        review, say = self.review, self.io.say
        record = review.record
        say(f"Looking back: {record.scenario_title} (session {record.id}).")
        if not review.exchanges:
            say("This session has no replies to look back on.")
            return 0
        say(
            "Pick one exchange and go over it slowly: what you meant, what you felt, how it "
            "landed. Every answer is saved as you give it, and Enter skips a question."
        )
        if review.problem:
            say(f"The replies you did not choose, and rehearsing, are not available: {review.problem}.")
        number = self.pick()
        while number is not None:
            self.look_at(number)
            number, rehearse = self.what_next(number)
            if rehearse:
                return self.rehearse(number)
        say("Your answers are kept with this session; `ipt-roleplay export` includes them.")
        return 0

    def list_exchanges(self) -> None:
        say = self.io.say
        say()
        say("The exchanges:")
        for ex in self.review.exchanges:
            rating = RATING_WORDS.get(ex.rating or "", "Not rated")
            say(f"  {ex.number + 1}. {ex.speaker}: {ex.line}")
            say(f"     You: {ex.reply} ({rating})")
        if self.review.suggestions:
            say("Worth a look:")
            for s in self.review.suggestions:
                say(f"  {s.turn_number + 1}: {s.why}")

    def pick(self) -> int | None:
        self.list_exchanges()
        count = len(self.review.exchanges)
        while True:
            text = self.io.ask(f"Which exchange would you like to look back on? (1-{count}, Enter to finish): ")
            if not text:
                return None
            if text.isdigit() and 1 <= int(text) <= count:
                return int(text) - 1
            self.io.say(f"Please type a number from 1 to {count}, or press Enter to finish.")

    def look_at(self, number: int) -> None:
        review, say = self.review, self.io.say
        ex = review.exchanges[number]
        say()
        say(f"Reply {number + 1} of {len(review.exchanges)}.")
        suggestion = review.suggestion(number)
        if suggestion:
            say(suggestion.why)
        if ex.cue:
            say(ex.cue if ex.cue[:1] in "[(*" else f"({ex.cue})")
        say(f"{ex.speaker}: {ex.line}")
        say(f"You: {ex.reply}")
        say()
        say("Answer in your own words, or press Enter to skip a question.")
        earlier = review.answers(number)
        for prompt in review.prompts:
            question = review.ask(prompt)
            if prompt.id in earlier:
                say(f"(Before, you answered: {earlier[prompt.id]}. Enter keeps it.)")
            answer = self.io.ask(question + " ")
            if answer is None:
                return
            if answer:
                review.answer(number, prompt, answer)
        self.show_what_happened(number)
        self.ask_alternative(number)

    def show_what_happened(self, number: int) -> None:
        review, say = self.review, self.io.say
        ex = review.exchanges[number]
        say()
        after = review.next_line(number)
        if after is not None:
            speaker, says, _ = after
            say(f"What {speaker} said next: {says}")
        say(f"How your reply landed: {feedback_text(ex.feedback)}")
        others = review.alternatives(number)
        if others:
            say("The replies you did not choose:")
            for alt in others:
                say(f"  - {alt.reply} ({RATING_WORDS.get(alt.rating, alt.rating)})")

    def ask_alternative(self, number: int) -> None:
        """"What else could you have said?", with feedback on each try; the last is kept."""
        review, say = self.review, self.io.say
        earlier = review.answers(number).get(ALTERNATIVE.id)
        if earlier:
            say(f"(Before, you answered: {earlier}. Enter keeps it.)")
        question = review.ask(ALTERNATIVE) + " "
        while text := self.io.ask(question):
            feedback = review.try_instead(number, text)
            if feedback is not None:
                say(f"Feedback on that: {feedback_text(feedback_from(feedback))}")
            question = "Try another way of saying it? (type it, or Enter to go on): "

    def what_next(self, number: int) -> tuple[int | None, bool]:
        """(the exchange to look at next or rehearse, whether to rehearse)."""
        count = len(self.review.exchanges)
        can = self.review.can_rehearse
        choices = "r to rehearse from here, " if can else ""
        while True:
            text = self.io.ask(
                f"What next? ({choices}a number from 1 to {count} for another exchange, Enter to finish): "
            )
            if not text:
                return None, False
            if text.lower() in REHEARSE_KEYS and can:
                return number, True
            if text.isdigit() and 1 <= int(text) <= count:
                return int(text) - 1, False
            self.io.say("Please answer with " + ("r, " if can else "") + f"a number from 1 to {count}, or Enter.")

    def rehearse(self, number: int) -> int:
        review, say = self.review, self.io.say
        started = review.rehearse(number)
        say()
        say(
            f"Rehearsing from reply {number + 1}: a new attempt, replayed up to just before that "
            "moment. This time, try it differently."
        )
        if started.why:
            say(f"Only {started.replayed} of {started.wanted} replies could be replayed: {started.why}.")
        options = PlainOptions(feedback=review.record.feedback_mode, mood=False)
        player = PlainPlayer(started.session, self.io.lines, self.io.out, options, started.recorder.sync)
        code = player.run()
        self.show_both(started.recorder.session_id)
        return code

    def show_both(self, session_id: int) -> None:
        moment = compare(self.review.history, session_id)
        if moment is None or moment.now is None:
            return
        say = self.io.say
        say()
        say(f"That moment, both times ({moment.speaker}: {moment.line})")
        for label, turn in (("Before", moment.before), ("This time", moment.now)):
            rating = RATING_WORDS.get(turn.feedback.rating, "") if turn.feedback else ""
            say(f"  {label}: {turn.reply}" + (f" ({rating})" if rating else ""))


def review(
    session: int | str, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout, folders: Sequence[str] = ()
) -> int:
    """`ipt-roleplay review SESSION --plain`."""
    from pathlib import Path

    from ipt_roleplay.review import resolve_session

    with History.open() as history:
        if history.notice():
            print(history.notice(), file=out)
        number = resolve_session(history, session)
        found = Review.open(history, number, [Path(f) for f in folders])
        return PlainReview(found, iter(stdin), out).run()
