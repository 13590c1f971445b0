"""Every rule a scenario file can break: its id, how serious it is, and one line saying
what it means. This is the one table of rules, as `analysis.taxonomy` is for patterns:
the loader, the YAML reader and the checks look their rules up here by id, `validate
--list-rules` prints it, and docs/scenario-format.md's table of checks must equal it,
row for row (a test compares them). It imports nothing, so anything may read it.
"""

from __future__ import annotations

from typing import Literal

from msgspec import Struct

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"

# Valid files nest 7 deep at most (states > state > choices > choice > feedback >
# patterns > item); anything far deeper is a mistake or an attack.
MAX_DEPTH = 32


class RuleInfo(Struct, frozen=True):
    id: str
    severity: Severity
    description: str


# In the order the docs table lists them: the order a file is read in.
CATALOGUE: tuple[RuleInfo, ...] = (
    # Reading the file (scenario.loader).
    RuleInfo("unreadable-file", ERROR, "The file could not be opened (missing, a folder, or no permission)."),
    RuleInfo("file-too-large", ERROR, "The file is larger than the limit (5 MiB unless set otherwise)."),
    RuleInfo("not-utf8", ERROR, "The file is not UTF-8 text; the message says where the first bad byte is."),
    # The YAML and its shape (scenario.yaml_reader, against scenario.shape).
    RuleInfo("empty-file", ERROR, "The file has no content."),
    RuleInfo("yaml-syntax", ERROR, "The file is not valid YAML (the message says where the parser stopped)."),
    RuleInfo("not-a-mapping", ERROR, "The top of the file must be `key: value` lines, not a list or a single value."),
    RuleInfo("multiple-documents", ERROR, "The file holds more than one YAML document (a second `---`)."),
    RuleInfo("nesting-too-deep", ERROR, f"Lists or mappings nested more than {MAX_DEPTH} levels deep."),
    RuleInfo("tag-not-allowed", ERROR, "A YAML tag such as `!!python/object` (only `!!str` is allowed); nothing is ever run."),
    RuleInfo("alias-not-allowed", ERROR, "A YAML alias (`*name`); write the value out in full."),
    RuleInfo("duplicate-key", ERROR, "The same key twice in one mapping (YAML would silently keep the last)."),
    RuleInfo("unknown-key", ERROR, "A key the format does not have (often a typo); lists the valid keys."),
    RuleInfo("missing-key", ERROR, "A required key is missing."),
    RuleInfo("wrong-type", ERROR, "A value of the wrong kind, such as a list where text is expected."),
    RuleInfo("unknown-value", ERROR, "A value outside the allowed set, such as `outcome: solved`."),
    RuleInfo("bad-name", ERROR, "A name (id, state, character, meter, goto) with characters other than letters, digits, - and _."),
    RuleInfo("empty-value", ERROR, "A key that needs text or a value is empty."),
    RuleInfo("yaml11-boolean", ERROR, "`no`, `yes`, `on`, `off` where text is expected: YAML 1.1 reads them as true/false."),
    RuleInfo("yaml11-number", ERROR, "A number in an unusual YAML 1.1 form (leading 0, hex, base 60) where a whole number is expected."),
    # Building the scenario from what was read (scenario.loader).
    RuleInfo("invalid-value", ERROR, "A value the model refuses that the other rules did not catch."),
    RuleInfo("loader-bug", ERROR, "Something unexpected went wrong while reading; please report it with the file."),
    # The scenario as a conversation (scenario.checks).
    RuleInfo("unknown-start", ERROR, "`start` names a state that does not exist."),
    RuleInfo("unknown-target", ERROR, "A reply's `goto` names a state that does not exist."),
    RuleInfo("unknown-speaker", ERROR, "A state's `speaker` is not one of the `characters`."),
    RuleInfo("unknown-meter", ERROR, "`effects` or `when` names a meter that is not in `meters`."),
    RuleInfo("bad-condition", ERROR, 'A `when` condition is not a comparison such as "<= 7".'),
    RuleInfo("condition-never-holds", WARNING, "A `when` condition can never be true within the meter's min..max."),
    RuleInfo("meter-range", ERROR, "A meter's `min` is not below its `max`, or its `start` is outside them."),
    RuleInfo("unused-meter", WARNING, "A meter that no reply changes and no condition reads."),
    RuleInfo("no-ending", ERROR, "No state has an `ending`, so the conversation can never finish."),
    RuleInfo("unreachable-state", WARNING, "No path of replies from `start` leads to this state."),
    RuleInfo("dead-end", ERROR, "A state that is not an ending has no replies, so the conversation gets stuck."),
    RuleInfo("ending-with-choices", WARNING, "An ending state also has replies; the conversation ends there, so they are never offered."),
    RuleInfo("trap", ERROR, "A group of reachable states that loop among themselves with no way to an ending."),
    RuleInfo("silent-character", WARNING, "A character who never speaks in any state."),
    RuleInfo("stage-outside-dispute", WARNING, "A state has a dispute `stage` but the problem area is not role_dispute."),
    RuleInfo("empty-variant", WARNING, "A variant with neither `says` nor `cue`, so it changes nothing."),
    RuleInfo("missing-debrief", WARNING, "An ending without a `debrief`."),
    RuleInfo("missing-feedback", WARNING, "A reply without `feedback` (the app then falls back to its own analysis)."),
    RuleInfo("missing-note", WARNING, "Feedback without a `note` explaining why the reply lands as it does."),
    RuleInfo("no-patterns", WARNING, "Feedback that names no communication patterns."),
    RuleInfo("unknown-pattern", ERROR, "A pattern id that is not in the taxonomy."),
    RuleInfo("wrong-side-pattern", WARNING, "A therapist pattern in a scenario where the learner plays the client, or the reverse."),
)

BY_ID: dict[str, RuleInfo] = {info.id: info for info in CATALOGUE}
if len(BY_ID) != len(CATALOGUE):
    raise ValueError("a rule id is in the catalogue twice")


def get(rule_id: str) -> RuleInfo:
    """The rule with this id; a KeyError names an id the catalogue does not have."""
    try:
        return BY_ID[rule_id]
    except KeyError:
        raise KeyError(f"rule {rule_id!r} is not in scenario.rules.CATALOGUE") from None


def all_rules() -> dict[str, RuleInfo]:
    """The full catalogue by id, in table order."""
    return dict(BY_ID)
