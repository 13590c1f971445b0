"""The scenario model: one typed class for every key of the scenario format.

These msgspec Structs are the single definition of the format. The loader walks YAML
nodes against them (so every error has a line and column), ``msgspec.convert`` builds
them, and ``ipt-roleplay schema`` derives the JSON Schema from them. Descriptions here
become editor tooltips through that schema, so they are written for therapists.

No ``from __future__ import annotations`` here: with the annotations as strings, msgspec
compiles and evaluates every one of them when a decoder for the model is built, which
the app does at each start to read a cached scenario (2 ms, against 0.6 ms).
"""

from typing import Annotated, Literal

import msgspec

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"

Id = Annotated[
    str,
    msgspec.Meta(
        pattern=ID_PATTERN,
        description="A name made of letters, digits, '-' and '_', starting with a letter.",
    ),
]
Text = Annotated[str, msgspec.Meta(min_length=1)]

ProblemArea = Literal["grief", "role_dispute", "role_transition", "interpersonal_deficits"]
LearnerRole = Literal["client", "therapist"]
Rating = Literal["helpful", "mixed", "unhelpful"]
Outcome = Literal["resolved", "partial", "unresolved"]
DisputeStage = Literal["renegotiation", "impasse", "dissolution"]

# A condition on one meter: "<= 7", "> 2", "== 5", "!= 0", or a bare number for "==".
Condition = Annotated[
    str | int,
    msgspec.Meta(
        description='A comparison on the meter: "<= 7", ">= 3", "< 2", "> 8", "== 5", "!= 0", or a number.',
    ),
]
Conditions = Annotated[
    dict[str, Condition],
    msgspec.Meta(description="Meter name to comparison. All must hold for the reply to be offered."),
]
Effects = Annotated[
    dict[str, int],
    msgspec.Meta(description="Meter name to the amount this reply adds (negative to lower it)."),
]


# gc=False: a scenario is a tree without cycles, so the cyclic collector need not track
# its many small objects (it made large files slower to load and to read from the cache).
class _Strict(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True, gc=False):
    pass


class Character(_Strict, kw_only=True):
    """Someone in the conversation other than the person practising."""

    name: Annotated[Text, msgspec.Meta(description="The name shown beside their lines.")]
    description: Annotated[str, msgspec.Meta(description="Who they are, shown before the start.")] = ""


class Meter(_Strict, kw_only=True):
    """A number that replies move, such as tension or trust, shown as a bar."""

    label: Annotated[Text, msgspec.Meta(description="The name shown beside the bar.")]
    start: Annotated[int, msgspec.Meta(description="The value at the start.")]
    min: Annotated[int, msgspec.Meta(description="The lowest value; changes stop here.")] = 0
    max: Annotated[int, msgspec.Meta(description="The highest value; changes stop here.")] = 10
    good: Annotated[
        Literal["low", "high"] | None,
        msgspec.Meta(description="Whether a low or a high value means the conversation is going well."),
    ] = None


class Feedback(_Strict, kw_only=True):
    """What a reply does to the conversation, in the terms of IPT communication analysis."""

    rating: Annotated[Rating, msgspec.Meta(description="How the reply tends to land.")]
    patterns: Annotated[
        list[str],
        msgspec.Meta(description="Pattern ids from docs/communication-patterns.md that the reply shows."),
    ] = []
    note: Annotated[str, msgspec.Meta(description="Why the reply lands the way it does. Speak to the reply, not the person.")] = ""
    try_instead: Annotated[
        str | None, msgspec.Meta(description="A reply that would do better here.")
    ] = None


class Choice(_Strict, kw_only=True):
    """One reply the person practising can give."""

    reply: Annotated[Text, msgspec.Meta(description="The words of the reply, shown as a choice.")]
    goto: Annotated[Id, msgspec.Meta(description="The state the conversation moves to.")]
    feedback: Feedback | None = None
    effects: Effects = {}
    when: Conditions = {}


class Variant(_Strict, kw_only=True):
    """Another way the speaker says the line, used when its conditions hold."""

    when: Conditions
    says: Annotated[str | None, msgspec.Meta(description="The line instead of the state's own.")] = None
    cue: Annotated[str | None, msgspec.Meta(description="The cue instead of the state's own.")] = None


class Ending(_Strict, kw_only=True):
    """Marks a state as an ending of the conversation."""

    outcome: Annotated[Outcome, msgspec.Meta(description="How the conversation ended.")]
    debrief: Annotated[
        str, msgspec.Meta(description="What turned the conversation, and what to practise next.")
    ] = ""


class State(_Strict, kw_only=True):
    """One moment of the conversation: the other person speaks, then the person replies."""

    speaker: Annotated[Id, msgspec.Meta(description="A key of `characters`.")]
    says: Annotated[Text, msgspec.Meta(description="What the speaker says.")]
    cue: Annotated[
        str | None, msgspec.Meta(description="Non-verbal cue or narration, shown before the line.")
    ] = None
    stage: Annotated[
        DisputeStage | None,
        msgspec.Meta(description="For role disputes: the IPT dispute stage this moment shows."),
    ] = None
    variants: Annotated[
        list[Variant],
        msgspec.Meta(description="Other versions of the line, chosen by meter values; the first that holds wins."),
    ] = []
    choices: list[Choice] = []
    ending: Ending | None = None


class Scenario(_Strict, kw_only=True):
    """A branching conversation to rehearse."""

    id: Annotated[Id, msgspec.Meta(description="A short unique name, such as chores-dispute.")]
    title: Annotated[Text, msgspec.Meta(description="The title shown in the scenario list.")]
    problem_area: Annotated[ProblemArea, msgspec.Meta(description="The IPT problem area.")]
    learner_role: Annotated[
        LearnerRole, msgspec.Meta(description="Whom the person practising plays.")
    ]
    summary: Annotated[Text, msgspec.Meta(description="One paragraph shown in the list and before the start.")]
    goals: Annotated[list[Text], msgspec.Meta(description="What to practise, shown before the start and checked in the summary.")] = []
    content_notes: Annotated[
        list[Text], msgspec.Meta(description="Topics a person may want warning of, shown before the start.")
    ] = []
    characters: Annotated[dict[Id, Character], msgspec.Meta(description="The other people, by id.")]
    meters: Annotated[dict[Id, Meter], msgspec.Meta(description="Numbers that replies move, by id.")] = {}
    start: Annotated[Id, msgspec.Meta(description="The first state.")]
    states: Annotated[dict[Id, State], msgspec.Meta(description="Every moment of the conversation, by id.")]
    free_text: Annotated[
        bool, msgspec.Meta(description="Whether the person may type their own reply instead of picking one.")
    ] = True
    author: Annotated[str, msgspec.Meta(description="Who wrote the scenario.")] = ""

    def endings(self) -> dict[str, State]:
        return {name: s for name, s in self.states.items() if s.ending is not None}

    def reply_count(self) -> int:
        return sum(len(s.choices) for s in self.states.values())
