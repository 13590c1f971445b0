"""A valid scenario for the loader, checks and validate tests, and a way to break it.

Line numbers matter to the tests: `line_of(text, needle)` finds them instead of
hard-coding them, so the scenario can grow without the tests drifting.
"""

from __future__ import annotations

VALID = """\
id: chores-dispute
title: The chores argument
problem_area: role_dispute
learner_role: client
summary: >-
  Sam and you keep arguing about the housework.
goals: [Name your feeling, Make one specific request]
content_notes: [raised voices]
characters:
  sam: {name: Sam, description: Your partner.}
meters:
  tension: {label: Tension, start: 5, min: 0, max: 10, good: low}
start: arrival
states:
  arrival:
    speaker: sam
    cue: Sam doesn't look up from the phone.
    says: You're home late. Again.
    stage: renegotiation
    variants:
      - when: {tension: ">= 8"}
        says: Don't even start.
    choices:
      - reply: Why do you always do this?
        goto: escalation
        effects: {tension: 2}
        when: {tension: "<= 7"}
        feedback:
          rating: unhelpful
          patterns: [blaming, absolute]
          note: An accusation with "always" invites a defence, not a change.
          try_instead: I was worried when you didn't text. Can we talk?
      - reply: I'm sorry I'm late. I'd like us to talk about the evenings.
        goto: resolved_end
        effects: {tension: -2}
        feedback:
          rating: helpful
          patterns: [owns_part, direct_request]
          note: Owning the lateness and naming the topic opens the conversation.
  escalation:
    speaker: sam
    says: Me? You're the one who's never here!
    choices:
      - reply: Whatever.
        goto: stalled_end
        feedback:
          rating: unhelpful
          patterns: [closing_off]
          note: Shutting the conversation down leaves the dispute where it was.
      - reply: Can we start again? That came out wrong.
        goto: resolved_end
        effects: {tension: -1}
        feedback:
          rating: helpful
          patterns: [repair]
          note: A restart takes the heat out without giving up the topic.
  resolved_end:
    speaker: sam
    says: Okay. Let's try that.
    ending:
      outcome: resolved
      debrief: The turn came when the complaint became a request.
  stalled_end:
    speaker: sam
    says: Fine.
    ending:
      outcome: unresolved
      debrief: Closing off left the request unsaid; practise naming one need.
"""


def mutate(old: str, new: str, text: str = VALID, count: int = 1) -> str:
    """`text` with `old` replaced; fails loudly if `old` is not there, so a case that
    silently stops breaking anything cannot pass."""
    assert text.count(old) >= count, f"{old!r} not found in the scenario"
    return text.replace(old, new, count)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle`."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found")
