"""A scenario drawn as a graph: Mermaid (renders on GitHub, no Graphviz needed) or DOT.

States are nodes and replies are edges. Endings get a shape and a border per outcome,
and their outcome in words, so nothing is told by colour alone; replies carry a mark
for their rating (✓ helpful, ~ mixed, ✗ unhelpful) and a line style. States no route
reaches and traps (no ending beyond them) are labelled as such.

Scenario text is untrusted. Node ids are generated (``n0``, ``n1``...), never taken
from the file, and every piece of scenario text passes through an escaper that turns
anything with a meaning in the output syntax into an entity, so no label can end a
string, open a shape, start a comment, or be read as HTML, Markdown or maths.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ipt_roleplay.scenario import conditions, moments
from ipt_roleplay.scenario.model import Choice, Scenario, State

REPLY_CHARS = 30
LINE_CHARS = 40
MARKS = {"helpful": "✓", "mixed": "~", "unhelpful": "✗"}


@dataclass
class Marks:
    """What to highlight: state id to the reason, and replies that are never offered."""

    unreachable: dict[str, str] = field(default_factory=dict)
    traps: dict[str, str] = field(default_factory=dict)
    never_offered: set[tuple[str, int]] = field(default_factory=set)


def find_marks(scenario: Scenario, *, max_moments: int = moments.DEFAULT_MAX_MOMENTS) -> Marks:
    """Highlights with meters and conditions applied; if the meters combine in too many
    ways to explore, falls back to the links alone (conditions ignored)."""
    graph = moments.explore(scenario, max_moments=max_moments)
    if graph.complete:
        live = moments.live_moments(graph)
        reached = {state for state, _ in graph.moments}
        linked = moments.linked_states(scenario)
        unreachable = {
            name: "no reply leads here"
            if name not in linked
            else "conditions on the way never hold"
            for name in scenario.states
            if name not in reached
        }
        used = moments.used_replies(graph)
        never = {
            (name, i)
            for name in reached
            for i, choice in enumerate(scenario.states[name].choices)
            if (name, i) not in used and scenario.states[name].ending is None
        }
        traps = dict.fromkeys(moments.trapped_states(graph, live), "no ending can be reached from here")
        return Marks(unreachable, traps, never)
    linked = moments.linked_states(scenario)
    good = moments.states_reaching_an_ending(scenario)
    return Marks(
        {name: "no reply leads here" for name in scenario.states if name not in linked},
        {
            name: "no ending can be reached from here"
            for name in scenario.states
            if name in linked and name not in good
        },
    )


# --- text ------------------------------------------------------------------------------


def clean(text: str) -> str:
    """One line of printable text: whitespace runs (newlines too) become one space, and
    control characters and lone surrogates (which cannot even be written out) go."""
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cs":
            kept.append("\ufffd")
        elif category in ("Cc", "Zl", "Zp"):
            kept.append(" ")
        else:
            kept.append(ch)
    return " ".join("".join(kept).split())


def shorten(text: str, limit: int) -> str:
    text = clean(text)
    if len(text) <= limit:
        return text
    return text[:limit].rstrip() + "…"


# Characters left as they are in Mermaid labels; everything else becomes an entity code.
_MERMAID_PLAIN = frozenset(" ,.'!?-/+=@_")


def mermaid_text(text: str) -> str:
    """Text for inside a double-quoted Mermaid label. Mermaid reads ``#123;`` as a
    character code, so anything but letters, digits and quiet punctuation is written
    that way: quotes, brackets, ``#``, ``;``, ``%``, ``<``, ``&``, backticks, ``*``,
    ``$`` and the rest can then never mean anything but themselves. ``:`` is written
    as a code too: Mermaid rewrites any line where "style" or "classDef" comes before
    a ``:`` and a ``#`` (it drops the last ``;``), and scenario text could spell that.
    (``_`` stays: it means something only in backtick "markdown strings", never used.)"""
    return "".join(
        ch if (ch.isalnum() and ch.isprintable()) or ch in _MERMAID_PLAIN else f"#{ord(ch)};"
        for ch in clean(text)
    )


def dot_text(text: str) -> str:
    """Text for inside a double-quoted DOT string (backslashes too: DOT gives ``\\N``,
    ``\\G``, ``\\l`` meanings of its own)."""
    return clean(text).replace("\\", "\\\\").replace('"', '\\"')


# --- what the labels say ---------------------------------------------------------------


def _node_lines(state_id: str, state: State, scenario: Scenario, marks: Marks) -> list[str]:
    lines = []
    if state_id == scenario.start:
        lines.append("▶ START")
    if state_id in marks.unreachable:
        lines.append(f"⚠ UNREACHABLE: {marks.unreachable[state_id]}")
    if state_id in marks.traps:
        lines.append(f"⚠ TRAP: {marks.traps[state_id]}")
    if state.ending is not None:
        lines.append(f"END: {state.ending.outcome}")
    lines.append(shorten(state_id, LINE_CHARS))
    lines.append(shorten(state.says, LINE_CHARS))
    return lines


def _edge_lines(state_id: str, index: int, choice: Choice, scenario: Scenario, marks: Marks) -> list[str]:
    rating = choice.feedback.rating if choice.feedback else None
    mark = MARKS.get(rating, "·") if rating else "·"
    lines = [f"{mark} {shorten(choice.reply, REPLY_CHARS)}"]
    if choice.when:
        lines.append("when " + ", ".join(str(c) for c in _comparisons(choice)))
    if choice.effects:
        lines.append(", ".join(f"{name} {delta:+d}" for name, delta in choice.effects.items()))
    if (state_id, index) in marks.never_offered:
        lines.append("⚠ never offered")
    return lines


def _comparisons(choice: Choice) -> tuple[conditions.Comparison, ...]:
    try:
        return conditions.parse_all(choice.when)
    except conditions.ConditionError:  # a file the loader would reject; draw it anyway
        return ()


def _ids(scenario: Scenario) -> dict[str, str]:
    return {state_id: f"n{i}" for i, state_id in enumerate(scenario.states)}


def _edges(scenario: Scenario):
    ids = _ids(scenario)
    for state_id, state in scenario.states.items():
        if state.ending is not None:
            continue
        for i, choice in enumerate(state.choices):
            if choice.goto in ids:
                yield state_id, i, choice, ids[state_id], ids[choice.goto]


# --- Mermaid -----------------------------------------------------------------------------

_MERMAID_SHAPES = {  # (open, close) around the quoted label
    None: ("[", "]"),
    "resolved": ("([", "])"),  # stadium
    "partial": ("{{", "}}"),  # hexagon
    "unresolved": ("[[", "]]"),  # box with doubled sides
}
_MERMAID_ARROWS = {"helpful": "==>", "mixed": "-->", "unhelpful": "-.->", None: "-->"}
_MERMAID_CLASSES = {
    "resolved": "stroke-width:4px",
    "partial": "stroke-width:2px,stroke-dasharray:8 4",
    "unresolved": "stroke-width:2px,stroke-dasharray:2 3",
    "unreachable": "fill:#eeeeee,color:#555555,stroke-dasharray:4 4",
    "trap": "stroke:#b00020,stroke-width:4px",
}
_MERMAID_EDGE_COLOURS = {"helpful": "#1b7f3b", "unhelpful": "#b00020"}


def mermaid(scenario: Scenario, marks: Marks | None = None) -> str:
    marks = marks or Marks()
    ids = _ids(scenario)
    out = ["flowchart TD"]
    classes: dict[str, list[str]] = {name: [] for name in _MERMAID_CLASSES}
    for state_id, state in scenario.states.items():
        outcome = state.ending.outcome if state.ending else None
        opening, closing = _MERMAID_SHAPES[outcome]
        label = "<br>".join(mermaid_text(line) for line in _node_lines(state_id, state, scenario, marks))
        out.append(f'    {ids[state_id]}{opening}"{label}"{closing}')
        if outcome:
            classes[outcome].append(ids[state_id])
        if state_id in marks.unreachable:
            classes["unreachable"].append(ids[state_id])
        if state_id in marks.traps:
            classes["trap"].append(ids[state_id])
    coloured: dict[str, list[int]] = {name: [] for name in _MERMAID_EDGE_COLOURS}
    for number, (state_id, i, choice, source, target) in enumerate(_edges(scenario)):
        rating = choice.feedback.rating if choice.feedback else None
        label = "<br>".join(mermaid_text(line) for line in _edge_lines(state_id, i, choice, scenario, marks))
        out.append(f'    {source} {_MERMAID_ARROWS[rating]}|"{label}"| {target}')
        if rating in coloured:
            coloured[rating].append(number)
    for name, style in _MERMAID_CLASSES.items():
        out.append(f"    classDef {name} {style}")
    for name, members in classes.items():
        if members:
            out.append(f"    class {','.join(members)} {name}")
    for rating, numbers in coloured.items():
        if numbers:
            out.append(
                f"    linkStyle {','.join(map(str, numbers))} stroke:{_MERMAID_EDGE_COLOURS[rating]}"
            )
    return "\n".join(out) + "\n"


# --- DOT ---------------------------------------------------------------------------------

_DOT_SHAPES = {  # (shape attributes, border style)
    None: ("shape=box", "rounded"),
    "resolved": ("shape=box, peripheries=2", "rounded,bold"),
    "partial": ("shape=hexagon", "dashed,bold"),
    "unresolved": ("shape=octagon", "dotted,bold"),
}
_DOT_EDGES = {
    "helpful": 'style=bold, color="#1b7f3b"',
    "mixed": "style=solid",
    "unhelpful": 'style=dashed, color="#b00020"',
    None: "style=solid",
}


def dot(scenario: Scenario, marks: Marks | None = None) -> str:
    marks = marks or Marks()
    ids = _ids(scenario)
    out = [
        "digraph scenario {",
        '    graph [rankdir=TB, fontname="Helvetica"];',
        '    node [fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
    ]
    for state_id, state in scenario.states.items():
        outcome = state.ending.outcome if state.ending else None
        label = "\\n".join(dot_text(line) for line in _node_lines(state_id, state, scenario, marks))
        shape, style = _DOT_SHAPES[outcome]
        attributes = [f'label="{label}"', shape]
        if state_id in marks.unreachable:
            # Filled grey: the outcome keeps its shape, and the label says why.
            attributes.append(f'style="{style},filled", fillcolor="#eeeeee", fontcolor="#555555"')
        else:
            attributes.append(f'style="{style}"')
        if state_id in marks.traps:
            attributes.append('color="#b00020", penwidth=4')
        out.append(f"    {ids[state_id]} [{', '.join(attributes)}];")
    for state_id, i, choice, source, target in _edges(scenario):
        rating = choice.feedback.rating if choice.feedback else None
        label = "\\n".join(dot_text(line) for line in _edge_lines(state_id, i, choice, scenario, marks))
        out.append(f'    {source} -> {target} [label="{label}", {_DOT_EDGES[rating]}];')
    out.append("}")
    return "\n".join(out) + "\n"


FORMATS = {"mermaid": mermaid, "dot": dot}
