"""Generate a large, valid scenario file for load and check benchmarks.

    python benchmarks/gen_scenario.py 1000 /tmp/s1000.yaml

The file has N states in a line with forward jumps, 3 annotated replies per state, a
meter with `when` conditions and `variants` sprinkled in, and up to four endings. Every
state is reachable and every state can reach an ending, so the checker reports no
errors (and no warnings) for it.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ENDINGS = (
    ("end_resolved", "resolved"),
    ("end_partial", "partial"),
    ("end_unresolved", "unresolved"),
    ("end_walkout", "unresolved"),
)
HELPFUL = ("i_statement", "direct_request", "validation", "owns_part", "open_question", "repair")
UNHELPFUL = ("blaming", "absolute", "contempt", "defensive", "indirect_verbal", "closing_off")
RATINGS = ("helpful", "mixed", "unhelpful")


def _choice(rng: random.Random, target: str, *, conditional: bool) -> list[str]:
    rating = rng.choice(RATINGS)
    pool = UNHELPFUL if rating == "unhelpful" else HELPFUL
    patterns = ", ".join(rng.sample(pool, rng.randint(1, 2)))
    lines = [
        f"      - reply: \"I hear you, and I'd like us to find a way through this ({rng.randint(0, 9999)}).\"",
        f"        goto: {target}",
        f"        effects: {{tension: {rng.choice((-2, -1, 1, 2))}}}",
    ]
    if conditional:
        lines.append(f"        when: {{tension: \"<= {rng.randint(3, 9)}\"}}")
    lines += [
        "        feedback:",
        f"          rating: {rating}",
        f"          patterns: [{patterns}]",
        "          note: >-",
        "            This reply names a feeling and keeps the focus on the problem,",
        "            which tends to lower the temperature of the conversation.",
    ]
    if rng.random() < 0.3:
        lines.append("          try_instead: Could we sit down after dinner and plan the week together?")
    return lines


def generate(n_states: int, seed: int = 0) -> str:
    """YAML text of a valid scenario with `n_states` conversation states plus 4 endings."""
    if n_states < 1:
        raise ValueError("n_states must be at least 1")
    rng = random.Random(seed)
    names = [f"s{i}" for i in range(n_states)]
    out = [
        "# yaml-language-server: $schema=../schema/scenario.schema.json",
        f"id: generated-{n_states}",
        f"title: Generated scenario with {n_states} states",
        "problem_area: role_dispute",
        "learner_role: client",
        "summary: >-",
        "  A long generated conversation used to measure how fast scenario files",
        "  load and check.",
        "goals: [Name your feeling, Make one specific request]",
        "content_notes: [raised voices]",
        "characters:",
        "  sam: {name: Sam, description: Your partner.}",
        "meters:",
        "  tension: {label: Tension, start: 5, min: 0, max: 10, good: low}",
        "start: s0",
        "states:",
    ]
    for i, name in enumerate(names):
        nxt = names[i + 1] if i + 1 < n_states else ENDINGS[0][0]
        jump = names[rng.randint(i + 1, n_states - 1)] if i + 2 < n_states else ENDINGS[1][0]
        out += [
            f"  {name}:",
            "    speaker: sam",
            f"    cue: Sam puts the phone down for a moment ({i}).",
            f"    says: \"You're home late again, and I've been on my own with everything ({i}).\"",
        ]
        if i % 7 == 3:
            out.append("    stage: renegotiation")
        if i % 5 == 2:
            out += [
                "    variants:",
                "      - when: {tension: \">= 8\"}",
                "        says: Don't. Just don't start.",
                "        cue: Sam's jaw is tight.",
            ]
        out.append("    choices:")
        out += _choice(rng, nxt, conditional=False)
        out += _choice(rng, jump, conditional=i % 3 == 0)
        out += _choice(rng, ENDINGS[i % len(ENDINGS)][0], conditional=i % 4 == 1)
    used = "\n".join(out)
    for name, outcome in ENDINGS:
        if f"goto: {name}" not in used:  # a tiny scenario cannot reach all four
            continue
        out += [
            f"  {name}:",
            "    speaker: sam",
            "    says: Okay. Let's leave it there for tonight.",
            "    ending:",
            f"      outcome: {outcome}",
            "      debrief: >-",
            "        What turned the conversation, and what to practise next time.",
        ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: gen_scenario.py N_STATES [OUTPUT.yaml]")
    count = int(sys.argv[1])
    target = Path(sys.argv[2]) if len(sys.argv) == 3 else Path(f"generated-{count}.yaml")
    target.write_text(generate(count), encoding="utf-8")
    print(f"wrote {target} ({target.stat().st_size:,} bytes, {count} states)")
