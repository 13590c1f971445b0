"""A one-page report of a practice session, as Markdown or as one printable HTML file.

Built from the stored session alone (the scenario file may have changed or gone).
Everything that came from a scenario file or from the person is untrusted text: it is
escaped for the format it goes into, never passed through as markup.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.store import lookback
from ipt_roleplay.store.history import History
from ipt_roleplay.store.lookback import Answer, Mood, RehearsalLink
from ipt_roleplay.store.records import SessionRecord, TurnRecord

FORMATS = ("md", "html")
TOP_PATTERNS = 5
NOTES_HEADING = "Notes for my therapist"
LOOKING_BACK_HEADING = "Looking back"
_RATING_WORDS = {"helpful": "Helpful", "mixed": "Mixed", "unhelpful": "Unhelpful"}
_OUTCOME_WORDS = {"resolved": "Resolved", "partial": "Partly resolved", "unresolved": "Unresolved"}


@dataclass(frozen=True, slots=True)
class GoalLine:
    goal: str
    practised: bool | None  # None: not tracked (no summary, or no pattern matches the goal)


@dataclass(frozen=True, slots=True)
class Report:
    session: SessionRecord
    turns: list[TurnRecord]
    ratings: dict[str, int]
    top_patterns: list[tuple[str, int]]  # label, count
    goals: list[GoalLine]
    answers: tuple[Answer, ...] = ()
    moods: dict[str, Mood] | None = None
    rehearsal: RehearsalLink | None = None
    rehearsed_in: tuple[RehearsalLink, ...] = ()

    @property
    def title(self) -> str:
        return self.session.scenario_title

    @property
    def looked_back(self) -> bool:
        return bool(self.answers or self.moods or self.rehearsal or self.rehearsed_in)


def build_report(history: History, session_id: int) -> Report:
    record = history.session(session_id)
    turns = history.turns(session_id)
    ratings = Counter({r: 0 for r in _RATING_WORDS})
    ratings.update(t.feedback.rating for t in turns if t.feedback)
    used = Counter(pid for t in turns if t.feedback for pid in t.feedback.pattern_ids)
    top = [(_label(pid), n) for pid, n in used.most_common(TOP_PATTERNS)]
    return Report(
        record, turns, dict(ratings), top, _goals(record),
        answers=tuple(lookback.answers(history, session_id)),
        moods=lookback.moods(history, session_id),
        rehearsal=lookback.rehearsal_of(history, session_id),
        rehearsed_in=tuple(lookback.rehearsals_from(history, session_id)),
    )


def _goals(record: SessionRecord) -> list[GoalLine]:
    checked = {}
    for check in (record.summary or {}).get("goals", []) or []:
        if isinstance(check, dict) and "goal" in check:
            checked[check["goal"]] = check.get("practised")
    return [GoalLine(goal, checked.get(goal)) for goal in record.scenario.goals]


def _label(pattern_id: str) -> str:
    known = taxonomy.BY_ID.get(pattern_id)
    return known.label if known else pattern_id


def render(report: Report, fmt: str) -> str:
    if fmt == "md":
        return to_markdown(report)
    if fmt == "html":
        return to_html(report)
    raise ValueError(f"unknown report format {fmt!r}; use one of {FORMATS}")


# --- shared wording -----------------------------------------------------------------


def _when(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return f"{moment.day} {moment:%B %Y}, {moment:%H:%M}"


def _facts(report: Report) -> str:
    s = report.session
    role = "the therapist" if s.learner_role == "therapist" else "yourself"
    feedback = "after each reply" if s.feedback_mode == "each" else "at the end"
    return f"Practised on {_when(s.started_at)}. You played {role}; feedback came {feedback}."


def _status(report: Report) -> str:
    s = report.session
    if s.outcome:
        return _OUTCOME_WORDS.get(s.outcome, s.outcome)
    replies = len(report.turns)
    return f"Not finished (stopped after {replies} {'reply' if replies == 1 else 'replies'})"


def _counts(report: Report) -> str:
    return ", ".join(f"{report.ratings.get(r, 0)} {r}" for r in _RATING_WORDS)


def _goal_mark(goal: GoalLine) -> str:
    return {True: "practised", False: "not yet"}.get(goal.practised, "")


def _pattern_names(turn: TurnRecord) -> list[str]:
    names = []
    for p in turn.feedback.patterns if turn.feedback else ():
        name = _label(p.id)
        if p.evidence and p.evidence.strip() != turn.reply.strip():
            name += f' ("{_one_line(p.evidence)}")'
        names.append(name)
    return names


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _mood_facts(report: Report) -> list[tuple[str, str]]:
    """(label, text) for the moods: ``Mood before``, ``4/10 (tense)``."""
    moods = report.moods or {}
    facts = [(f"Mood {moment}", str(moods[moment])) for moment in lookback.MOMENTS if moment in moods]
    if "before" in moods and "after" in moods:
        change = moods["after"].score - moods["before"].score
        moved = "no change" if change == 0 else f"{'up' if change > 0 else 'down'} {abs(change)}"
        facts.append(("Mood change", moved))
    return facts


def _rehearsal_lines(report: Report) -> list[str]:
    lines = []
    if report.rehearsal is not None:
        link = report.rehearsal
        lines.append(f"This attempt rehearses reply {link.from_turn + 1} of session {link.from_session_id}.")
    for link in report.rehearsed_in:
        lines.append(f"Reply {link.from_turn + 1} was rehearsed again in session {link.session_id}.")
    return lines


def _answers_by_turn(report: Report) -> list[tuple[TurnRecord | None, int, list[Answer]]]:
    grouped: dict[int, list[Answer]] = {}
    for answer in report.answers:
        grouped.setdefault(answer.turn_number, []).append(answer)
    by_number = {t.number: t for t in report.turns}
    return [(by_number.get(n), n, grouped[n]) for n in sorted(grouped)]


def _answer_feedback(answer: Answer) -> str:
    fb = answer.feedback
    if fb is None:
        return ""
    names = [_label(p.id) for p in fb.patterns]
    text = _RATING_WORDS.get(fb.rating, fb.rating)
    return text + (": " + ", ".join(names) if names else "")


# --- Markdown -----------------------------------------------------------------------

# Characters that could make scenario text into Markdown emphasis, code, links, tables
# or HTML. Text always follows a prefix on its line, so block markers ("-", "1.") are
# harmless, and so are "(" and "!" once "[" and "]" are escaped.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")


def md(text: str) -> str:
    """Plain text made safe for Markdown: one line, every structural character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", _one_line(text))


def to_markdown(report: Report) -> str:
    s = report.session
    out = [f"# Practice report: {md(s.scenario_title)}", "", md(_facts(report))]
    if s.scenario.goals:
        out += ["", "**Goals:** " + "; ".join(md(g) for g in s.scenario.goals)]
    out += ["", "## The conversation", ""]
    for turn in report.turns:
        out += [_md_line(turn.speaker, turn.cue, turn.line), ""]
        out += [f"**You:** {md(turn.reply)}", ""]
        if turn.feedback:
            out += ["> " + _md_feedback(turn), ""]
    if s.ending:
        out += [_md_line(s.ending.speaker, s.ending.cue, s.ending.says), ""]
    out += ["## Summary", "", f"- **Outcome:** {md(_status(report))}", f"- **Replies:** {_counts(report)}"]
    if report.top_patterns:
        used = ", ".join(f"{md(label)} ({n})" for label, n in report.top_patterns)
        out.append(f"- **Patterns used most:** {used}")
    if report.goals:
        goals = "; ".join(
            md(g.goal) + (f" ({_goal_mark(g)})" if _goal_mark(g) else "") for g in report.goals
        )
        out.append(f"- **Goals practised:** {goals}")
    if s.ending and s.ending.debrief:
        out.append(f"- **Debrief:** {md(s.ending.debrief)}")
    out += _md_looking_back(report)
    out += ["", f"## {NOTES_HEADING}", "", "", ""]
    return "\n".join(out)


def _md_looking_back(report: Report) -> list[str]:
    if not report.looked_back:
        return []
    out = ["", f"## {LOOKING_BACK_HEADING}", ""]
    facts = [f"- **{label}:** {md(value)}" for label, value in _mood_facts(report)]
    facts += [f"- {md(line)}" for line in _rehearsal_lines(report)]
    if facts:
        out += [*facts, ""]
    for turn, number, answers in _answers_by_turn(report):
        reply = f": \u201c{md(turn.reply)}\u201d" if turn is not None else ""
        out += [f"### Reply {number + 1}{reply}", ""]
        for answer in answers:
            line = f"- **{md(answer.prompt)}** {md(answer.answer)}"
            if _answer_feedback(answer):
                line += f" _({md(_answer_feedback(answer))})_"
            out.append(line)
        out.append("")
    return out[:-1] if out[-1] == "" else out


def _md_line(speaker: str, cue: str | None, says: str) -> str:
    cue_text = f"_({md(cue)})_ " if cue else ""
    return f"**{md(speaker or 'Them')}:** {cue_text}{md(says)}"


def _md_feedback(turn: TurnRecord) -> str:
    fb = turn.feedback
    parts = [f"**{_RATING_WORDS.get(fb.rating, md(fb.rating))}**"]
    names = _pattern_names(turn)
    if names:
        parts[0] += ": " + md(", ".join(names))
    text = parts[0] + "."
    if fb.note:
        text += " " + md(fb.note)
    if fb.try_instead:
        text += f" _Try instead:_ \u201c{md(fb.try_instead)}\u201d"
    return text


# --- HTML ---------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
body { font: 11pt/1.45 Georgia, 'Times New Roman', serif; color: #222; max-width: 46em;
       margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.5em; margin: 0 0 .2em; }
h2 { font-size: 1.1em; margin: 1.4em 0 .5em; border-bottom: 1px solid #bbb; }
.facts, .goals { color: #444; margin: .2em 0; }
.turn { margin: 0 0 .7em; break-inside: avoid; page-break-inside: avoid; }
.line, .reply { margin: 0 0 .15em; }
.who { font-weight: bold; }
.cue { font-style: italic; color: #555; }
.feedback { margin: .2em 0 0 1.2em; padding-left: .6em; border-left: 3px solid #999;
            font-size: .92em; color: #333; }
.helpful { border-color: #2e7d32; } .mixed { border-color: #b08800; } .unhelpful { border-color: #c62828; }
.rating { font-weight: bold; }
h3 { font-size: 1em; margin: .8em 0 .3em; }
dl.answers { margin: 0 0 0 1.2em; } dl.answers dt { font-style: italic; } dl.answers dd { margin: 0 0 .3em 0; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin: 0; }
dl.summary dt { font-weight: bold; } dl.summary dd { margin: 0; }
.notes { min-height: 9em; border: 1px solid #bbb; border-radius: 4px;
         background: repeating-linear-gradient(transparent 0 1.9em, #ddd 1.9em 2em); }
@media print {
  @page { margin: 1.5cm; }
  body { font-size: 10pt; margin: 0; max-width: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .notes { break-inside: avoid; page-break-inside: avoid; }
}
"""


def e(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def to_html(report: Report) -> str:
    s = report.session
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        # Belt and braces: even a mistake here could not load anything from elsewhere.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Practice report: {e(s.scenario_title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>Practice report: {e(s.scenario_title)}</h1>",
        f'<p class="facts">{e(_facts(report))}</p>',
    ]
    if s.scenario.goals:
        parts.append(
            '<p class="goals"><strong>Goals:</strong> ' + "; ".join(e(g) for g in s.scenario.goals) + "</p>"
        )
    parts.append("<h2>The conversation</h2>")
    for turn in report.turns:
        parts.append('<div class="turn">')
        parts.append(_html_line(turn.speaker, turn.cue, turn.line))
        parts.append(f'<p class="reply"><span class="who">You:</span> {e(turn.reply)}</p>')
        if turn.feedback:
            parts.append(_html_feedback(turn))
        parts.append("</div>")
    if s.ending:
        parts.append(f'<div class="turn">{_html_line(s.ending.speaker, s.ending.cue, s.ending.says)}</div>')
    parts += ["<h2>Summary</h2>", '<dl class="summary">']
    parts.append(f"<dt>Outcome</dt><dd>{e(_status(report))}</dd>")
    parts.append(f"<dt>Replies</dt><dd>{e(_counts(report))}</dd>")
    if report.top_patterns:
        used = ", ".join(f"{e(label)} ({n})" for label, n in report.top_patterns)
        parts.append(f"<dt>Patterns used most</dt><dd>{used}</dd>")
    if report.goals:
        goals = "; ".join(
            e(g.goal) + (f" ({_goal_mark(g)})" if _goal_mark(g) else "") for g in report.goals
        )
        parts.append(f"<dt>Goals practised</dt><dd>{goals}</dd>")
    if s.ending and s.ending.debrief:
        parts.append(f"<dt>Debrief</dt><dd>{e(s.ending.debrief)}</dd>")
    parts.append("</dl>")
    parts += _html_looking_back(report)
    parts += [f"<h2>{NOTES_HEADING}</h2>", '<div class="notes"></div>', "</body>", "</html>", ""]
    return "\n".join(parts)


def _html_looking_back(report: Report) -> list[str]:
    if not report.looked_back:
        return []
    parts = [f"<h2>{LOOKING_BACK_HEADING}</h2>"]
    facts = _mood_facts(report)
    if facts:
        parts.append('<dl class="summary">')
        parts += [f"<dt>{e(label)}</dt><dd>{e(value)}</dd>" for label, value in facts]
        parts.append("</dl>")
    parts += [f'<p class="facts">{e(line)}</p>' for line in _rehearsal_lines(report)]
    for turn, number, answers in _answers_by_turn(report):
        reply = f": \u201c{e(turn.reply)}\u201d" if turn is not None else ""
        parts.append(f'<div class="turn"><h3>Reply {number + 1}{reply}</h3><dl class="answers">')
        for answer in answers:
            extra = f' <span class="cue">({e(_answer_feedback(answer))})</span>' if _answer_feedback(answer) else ""
            parts.append(f"<dt>{e(answer.prompt)}</dt><dd>{e(answer.answer)}{extra}</dd>")
        parts.append("</dl></div>")
    return parts


def _html_line(speaker: str, cue: str | None, says: str) -> str:
    cue_html = f'<span class="cue">({e(cue)})</span> ' if cue else ""
    return f'<p class="line"><span class="who">{e(speaker or "Them")}:</span> {cue_html}{e(says)}</p>'


def _html_feedback(turn: TurnRecord) -> str:
    fb = turn.feedback
    rating = fb.rating if fb.rating in _RATING_WORDS else ""
    text = f'<span class="rating">{e(_RATING_WORDS.get(fb.rating, fb.rating))}</span>'
    names = _pattern_names(turn)
    if names:
        text += ": " + e(", ".join(names))
    text += "."
    if fb.note:
        text += " " + e(fb.note)
    if fb.try_instead:
        text += f" <em>Try instead:</em> \u201c{e(fb.try_instead)}\u201d"
    return f'<p class="feedback {rating}">{text}</p>'
