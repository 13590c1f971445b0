"""Render docs/communication-patterns.md from the taxonomy, so the two never drift.

    python -m ipt_roleplay.analysis.patterns_doc > docs/communication-patterns.md

``render()`` is deterministic (no dates, no paths from the machine), and a test checks
that the committed file equals it. Edit the wording in ``taxonomy.py``, never in the
generated file.
"""

from __future__ import annotations

import sys

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.analysis.taxonomy import Pattern, Side

COMMAND = "python -m ipt_roleplay.analysis.patterns_doc > docs/communication-patterns.md"

_INTRO = """\
Every reply in ipt-roleplay, chosen or typed, gets feedback that names the
communication patterns it shows. This page lists them all. It is generated from
`ipt_roleplay/analysis/taxonomy.py`, the one table the scenario checker, the analyzer
and the app all read, so the ids below are exactly the ones a scenario file may use in
`feedback.patterns`.

## Communication analysis in IPT

Interpersonal Psychotherapy (IPT) treats depression by working on what is happening in
the person's relationships now, around one of four problem areas: grief, a role dispute,
a role transition, or interpersonal deficits (difficulty starting and keeping
relationships). One of its techniques is *communication analysis*: the
therapist and client take one recent interaction, often an argument, and go through it
slowly. What exactly was said? What was meant? What did each person feel? What happened
next? What else could have been said? The aim is not to find who was right, but to find
where a message went astray, so the client can try saying it another way, first in role
play in the session and then for real.

The IPT manuals (Weissman, Markowitz and Klerman, *The Guide to Interpersonal
Psychotherapy*, 2018) name five communication problems that this kind of analysis tends
to find:

{problems}

The other client patterns below are common in disputes (blame, always/never, contempt,
defensiveness, ultimatums), and the helpful ones are the skills IPT rehearses instead:
saying how you feel, asking for something specific, checking you have understood,
acknowledging the other person's view, owning your part, asking open questions, and
repairing a conversation that has gone wrong.

The therapist patterns are for trainee scenarios, where the person practising plays the
therapist: the IPT techniques first, then the moves that leave the model.

Feedback always describes what a reply does, never what a person is. Everyone uses the
unhelpful patterns sometimes, especially when tired or hurt."""


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _anchor(pattern: Pattern) -> str:
    return f"#{pattern.id}"


def _side_title(side: Side) -> str:
    return "Client replies" if side is Side.CLIENT else "Therapist replies (trainee scenarios)"


def _quick_reference() -> list[str]:
    lines = ["## Quick reference", ""]
    for side in Side:
        lines += [f"### {_side_title(side)}", ""]
        lines += ["| Pattern | id | Tends to be | What it is |", "|---|---|---|---|"]
        for p in taxonomy.for_side(side):
            lines.append(
                f"| [{_cell(p.label)}]({_anchor(p)}) | `{p.id}` | {p.polarity.value} | {_cell(p.definition)} |"
            )
        lines.append("")
    return lines


def _pattern_section(p: Pattern) -> list[str]:
    first, second = p.examples
    return [
        f'<a id="{p.id}"></a>',
        "",
        f"### {p.label}",
        "",
        f"id `{p.id}` · {p.side.value} · tends to be {p.polarity.value}",
        "",
        p.definition,
        "",
        f"**IPT grounding.** {p.grounding}",
        "",
        "**Examples.**",
        "",
        f"- {first}",
        f"- {second}",
        "",
        f"**{'How to do it well' if p.helpful else 'What to try instead'}.** {p.try_instead}",
        "",
    ]


def render() -> str:
    """The whole Markdown page, ending in exactly one newline."""
    by_id = {p.id: p for p in taxonomy.PATTERNS}
    problems = "\n".join(
        f"{n}. **{by_id[pid].label}** (`{pid}`): {by_id[pid].definition}"
        for n, pid in enumerate(taxonomy.IPT_COMMUNICATION_PROBLEMS, start=1)
    )
    lines = [
        "# Communication patterns",
        "",
        f"<!-- Generated from ipt_roleplay/analysis/taxonomy.py. Do not edit by hand: run `{COMMAND}`. -->",
        "",
        _INTRO.format(problems=problems),
        "",
    ]
    lines += _quick_reference()
    for side in Side:
        lines += [f"## {_side_title(side)}", ""]
        for p in taxonomy.for_side(side):
            lines += _pattern_section(p)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def main() -> int:
    sys.stdout.write(render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
