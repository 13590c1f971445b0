"""The starter scenario that ``ipt-roleplay new`` writes: short, valid, commented.

It is a working conversation, not a form to fill in: it plays as it is, passes
``validate --strict`` with no findings, and uses a meter, a ``when`` condition and a
variant, so an author sees each part of the format doing its job. The comments teach
the format in a line each and point to docs/scenario-format.md for the rest.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass

from ipt_roleplay.scenario.model import ID_PATTERN

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.'?!()-]*$")


def quote(text: str) -> str:
    """A YAML scalar for ``text``: plain when nothing in it means anything to YAML,
    single-quoted when that is enough, otherwise double-quoted (a JSON string is a
    valid YAML double-quoted scalar)."""
    if _PLAIN.match(text) and not text.endswith(" ") and text.lower() not in _YAML11_WORDS:
        return text
    if "'" not in text and text.isprintable():
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)


_YAML11_WORDS = {"yes", "no", "on", "off", "true", "false", "y", "n", "null", "none"}


def scenario_id(name: str) -> str:
    """An id made from a file name: "Asking for help.yaml" -> "asking-for-help"."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug:
        return "my-scenario"
    if not slug[0].isalpha():
        slug = f"scenario-{slug}"
    assert re.match(ID_PATTERN, slug)
    return slug


def title_from(name: str) -> str:
    words = " ".join(re.sub(r"[-_]+", " ", name).split())
    return words[:1].upper() + words[1:] if words else "My new scenario"


@dataclass(frozen=True)
class _Reply:
    text: str
    patterns: str
    note: str


@dataclass(frozen=True)
class _Area:
    summary: str
    goals: tuple[str, str]
    character: tuple[str, str, str]  # id, name, description
    cue: str
    opening: str
    good: _Reply
    poor: _Reply
    request: _Reply


_CLIENT = {
    "grief": _Area(
        "It is two months since your mother died, and Sam, a close friend, keeps changing "
        "the subject. You want to tell Sam what would help.",
        ("Name how you are really feeling", "Ask for one specific kind of support"),
        ("sam", "Sam", "A close friend."),
        "Sam stirs their coffee.",
        "You seem quieter lately. Everything okay?",
        _Reply("Not really. I miss Mum, and I'd like to be able to talk about her.", "i_statement",
               "Naming the feeling and the wish lets Sam know what you need."),
        _Reply("You'd know if you ever asked about her.", "blaming, indirect_verbal",
               "A hint wrapped in blame; Sam hears the criticism, not the wish."),
        _Reply("Could you ask me about her sometimes, and let me talk?", "direct_request",
               "A clear, specific request is one Sam can say yes to."),
    ),
    "role_dispute": _Area(
        "You and Alex keep arguing about the housework. Tonight you want to ask for a "
        "fairer split without it turning into a row.",
        ("Name your feeling", "Make one specific request"),
        ("alex", "Alex", "Your partner."),
        "Alex doesn't look up from the phone.",
        "Are we really doing this again?",
        _Reply("I'm tired, and I feel alone with the housework. Can we talk about it?", "i_statement, open_question",
               "Speaking from your own experience invites Alex in rather than putting them on trial."),
        _Reply("You never do anything around here.", "blaming, absolute",
               '"Never" is easy to argue with, so the row moves to the exceptions.'),
        _Reply("Could you do the dishes on weekdays, and I'll do them at weekends?", "direct_request",
               "A specific, fair request gives Alex something to agree to."),
    ),
    "role_transition": _Area(
        "You went back to work after your baby was born, and the old hours no longer fit. "
        "You want to ask your manager, Jordan, for predictable hours.",
        ("Name how the change feels", "Make one specific request"),
        ("jordan", "Jordan", "Your manager."),
        "Jordan glances at the clock.",
        "You wanted a word?",
        _Reply("Yes. Coming back has been harder than I expected, and I'd like to make it work.", "i_statement",
               "Naming the change and your wish to make it work sets up a shared problem."),
        _Reply("Everyone here expects me to be the same as before.", "absolute, assumed_understood",
               "Stating what everyone thinks as fact invites Jordan to defend them."),
        _Reply("Could I finish at four on Tuesdays and Thursdays for the next three months?", "direct_request",
               "Specific days and a time limit make the request easy to weigh."),
    ),
    "interpersonal_deficits": _Area(
        "You eat lunch alone most days. Today you want to ask Robin, a colleague, whether "
        "you can join their group.",
        ("Name what you would like", "Make one specific request"),
        ("robin", "Robin", "A colleague you would like to know better."),
        "Robin looks up from their screen.",
        "Oh, hi. Did you need something?",
        _Reply("Hi. I've been a bit on my own at lunch, and I wondered about joining you.", "i_statement",
               "Saying what you would like, simply, makes it easy for Robin to respond warmly."),
        _Reply("You probably don't want me around anyway.", "assumed_understood",
               "Deciding what Robin thinks before asking leaves Robin to argue you out of it."),
        _Reply("Could I join you all for lunch tomorrow?", "direct_request",
               "A small, specific request is easy to say yes to."),
    ),
}

_THERAPIST = {
    "grief": _Area(
        "Maya's father died four months ago. In this session you explore the loss with her.",
        ("Explore without giving advice too soon", "Invite feelings about the loss"),
        ("maya", "Maya", "Your client, in her third session."),
        "Maya twists a tissue in her hands.",
        "I don't really know why I'm here. Everyone says I should be over it by now.",
        _Reply("Four months is not long. What has it been like since your father died?",
               "exploratory_question, encourage_affect",
               "An open question that makes room for the feeling keeps Maya talking."),
        _Reply("It might help to keep busy and get back to your routine.", "premature_advice",
               "Advice before exploring can sound like agreeing she should be over it."),
        _Reply("Would you tell me about him, and about the last time you saw him?", "exploratory_question, encourage_affect",
               "Reconstructing the relationship is at the heart of IPT grief work."),
    ),
    "role_dispute": _Area(
        "Maya and her husband argue about almost everything. In this session you look "
        "closely at last night's argument.",
        ("Explore without giving advice too soon", "Analyse one exchange in detail"),
        ("maya", "Maya", "Your client, in her fourth session."),
        "Maya sits down heavily.",
        "My husband and I argue about everything. Last night was awful.",
        _Reply("That sounds painful. Can you walk me through what was said last night?",
               "exploratory_question, communication_analysis",
               "Asking for the exchange step by step begins a communication analysis."),
        _Reply("It sounds like he isn't treating you fairly.", "judgmental",
               "Taking sides this early closes down the exploration of her part and his."),
        _Reply("When he said that, what did you take it to mean, and what did you say next?",
               "communication_analysis, clarification",
               "Separating what was said, meant and felt is the core of communication analysis."),
    ),
    "role_transition": _Area(
        "Maya retired last year and feels lost. In this session you explore the change "
        "and what could come next.",
        ("Invite feelings about the change", "Help weigh the options"),
        ("maya", "Maya", "Your client, recently retired."),
        "Maya smooths her skirt.",
        "Since I retired I just don't know what to do with myself.",
        _Reply("Retiring is a big change. What has been hardest to let go of?",
               "exploratory_question, encourage_affect",
               "Exploring what was lost with the old role comes before planning the new one."),
        _Reply("Lots of people love retirement; you just need a hobby.", "premature_advice, judgmental",
               "Advice that minimises the loss can leave her feeling unheard."),
        _Reply("What options can you see for the weeks ahead, and what would each give you?", "decision_analysis",
               "Generating and weighing options together is IPT decision analysis."),
    ),
    "interpersonal_deficits": _Area(
        "Maya has few close relationships. In this session you take stock of the people "
        "in her life.",
        ("Take an interpersonal inventory", "Rehearse one small step"),
        ("maya", "Maya", "Your client, who lives alone."),
        "Maya looks at the floor.",
        "I don't really have anyone to talk to. I'm fine on my own, mostly.",
        _Reply("Who are the people in your life, even ones you see rarely?", "interpersonal_inventory",
               "The interpersonal inventory maps the relationships you can work with."),
        _Reply("You should try joining a club.", "premature_advice",
               "Advice before understanding her relationships skips the work that makes it useful."),
        _Reply("Shall we practise how you might get in touch with your cousin? I'll play her.", "role_play",
               "A role play rehearses the step before she takes it for real."),
    ),
}


@dataclass(frozen=True)
class _Role:
    meter: str
    label: str
    good: str
    better: int
    worse: int
    open_when: str  # the condition under which the best reply is offered
    strained_when: str  # the condition under which the strained line is said
    strained_cue: str
    strained: str
    listening: str
    closing: _Reply
    mixed: _Reply
    closing_again: _Reply
    agreed: str
    agreed_debrief: str
    partway: str
    partway_debrief: str
    closed: str
    closed_debrief: str


_ROLES = {
    "client": _Role(
        "tension", "Tension", "low", -2, 2, "<= 5", ">= 7",
        "{name} folds their arms.", "Fine. What is it now?", "Okay. What would help?",
        _Reply("Forget it. It doesn't matter.", "closing_off",
               "Shutting the conversation down leaves {name} guessing, and you still carrying it."),
        _Reply("I don't know. Things just need to change.", "assumed_communicated",
               "Honest, but {name} is left to guess what would actually help."),
        _Reply("Never mind.", "closing_off", "Closing the door just as {name} opened it."),
        "Okay. I can do that.",
        "Naming how you felt, then asking for one specific thing, gave {name} something to say yes to.",
        "I'm not sure what you want me to do.",
        "You stayed in the conversation. Next time, turn the feeling into one specific request.",
        "Okay.",
        "The conversation closed before the need was said. Practise one feeling and one request.",
    ),
    "therapist": _Role(
        "openness", "Openness", "high", 2, -2, ">= 5", "<= 3",
        "{name} looks at the clock.", "I don't see how talking helps.", "I suppose. It's hard to talk about.",
        _Reply("Have you tried not dwelling on it?", "premature_advice, judgmental",
               "Advice that sounds like criticism, before anything is explored, closes {name} down."),
        _Reply("Did that make you feel sad?", "closed_question",
               "A yes-or-no question gets a short answer; an open one invites the story."),
        _Reply("Let's talk about your childhood instead.", "off_model",
               "Moving away from the present relationships leaves the IPT focus behind."),
        "Yes. I think I can do that.",
        "Exploring before advising, then one focused IPT technique, kept {name} talking.",
        "Yes, I suppose.",
        "Closed questions get short answers. Try an open question that invites the whole story.",
        "I'm not sure this is for me.",
        "Advice or a change of topic before exploring can feel like not being heard.",
    ),
}

PROBLEM_AREAS = tuple(_CLIENT)
ROLES = tuple(_ROLES)

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
#
# A starter scenario from `ipt-roleplay new`. It already plays, and it passes
# `ipt-roleplay validate --strict`. Rewrite the words for your conversation, then:
#   ipt-roleplay validate {file}   every problem, with its line number
#   ipt-roleplay graph {file}      the conversation as a picture (Mermaid)
#   ipt-roleplay walk {file}       every route: which endings can be reached, and how
#   ipt-roleplay play {file}       try it (--plain plays it as text)
# Every key is described in docs/scenario-format.md; docs/authoring.md shows the loop.
{schema_hint}
# A short unique name (letters, digits, - and _), then the title shown in the list.
id: {id}
title: {title}
# The IPT problem area: grief | role_dispute | role_transition | interpersonal_deficits
problem_area: {area}
# Whom the person practising plays: client | therapist (trainee mode)
learner_role: {role}
summary: >-              # shown in the scenario list and before the start
  {summary}
goals:                   # what to practise; the summary at the end checks them
  - {goal1}
  - {goal2}
characters:              # the other people, by id; a state's `speaker` is one of these ids
  {cid}:
    name: {cname}
    description: {cdesc}
meters:                  # optional numbers that replies move, shown as bars
  {meter}: {{label: {mlabel}, start: 5, min: 0, max: 10, good: {good}}}
start: opening           # the first state
states:
  opening:               # a state: the other person speaks, then the person replies
    speaker: {cid}
    # `cue` is optional: what they do, shown before the line.
    cue: {cue}
    says: {opening}
    choices:             # the replies offered, in this order
      - reply: {good_reply}
        goto: talking    # the state this reply leads to
        effects: {{{meter}: {better}}}   # optional: added to the meter (kept within min..max)
        feedback:        # shown after the reply is picked
          rating: helpful  # helpful | mixed | unhelpful
          # Pattern ids from docs/communication-patterns.md (your editor lists them).
          patterns: [{good_patterns}]
          note: {good_note}
      - reply: {poor_reply}
        goto: talking
        effects: {{{meter}: {worse}}}
        feedback:
          rating: unhelpful
          patterns: [{poor_patterns}]
          note: {poor_note}
          # `try_instead` is optional: a reply that would do better here.
          try_instead: {good_reply}
      - reply: {closing_reply}
        goto: closed
        feedback:
          rating: unhelpful
          patterns: [{closing_patterns}]
          note: {closing_note}
  talking:
    speaker: {cid}
    says: {listening}
    variants:            # optional: another line while the meters say so (the first that holds)
      - when: {{{meter}: "{strained_when}"}}
        cue: {strained_cue}
        says: {strained}
    choices:
      - reply: {request_reply}
        goto: agreed
        when: {{{meter}: "{open_when}"}}   # optional: offered only while this holds
        feedback:
          rating: helpful
          patterns: [{request_patterns}]
          note: {request_note}
      - reply: {mixed_reply}
        goto: partway
        feedback:
          rating: mixed
          patterns: [{mixed_patterns}]
          note: {mixed_note}
      - reply: {again_reply}
        goto: closed
        feedback:
          rating: unhelpful
          patterns: [{again_patterns}]
          note: {again_note}
  agreed:
    speaker: {cid}
    says: {agreed}
    ending:              # an ending has no replies; the debrief is shown at the end
      outcome: resolved  # resolved | partial | unresolved
      debrief: {agreed_debrief}
  partway:
    speaker: {cid}
    says: {partway}
    ending:
      outcome: partial
      debrief: {partway_debrief}
  closed:
    speaker: {cid}
    says: {closed}
    ending:
      outcome: unresolved
      debrief: {closed_debrief}
"""


def starter_text(
    *, problem_area: str, role: str, title: str, scenario_id: str, schema: str, file: str, schema_hint: str = ""
) -> str:
    """The text of a starter scenario. ``schema`` is what the first line points at."""
    area = (_CLIENT if role == "client" else _THERAPIST)[problem_area]
    shape = _ROLES[role]
    cid, cname, cdesc = area.character

    def text(value: str) -> str:
        return quote(value.format(name=cname))

    fields = {
        "schema": schema,
        "schema_hint": schema_hint,
        "file": file,
        "id": scenario_id,
        "title": quote(title),
        "area": problem_area,
        "role": role,
        "summary": textwrap.fill(area.summary, width=86, subsequent_indent="  "),
        "goal1": quote(area.goals[0]),
        "goal2": quote(area.goals[1]),
        "cid": cid,
        "cname": quote(cname),
        "cdesc": quote(cdesc),
        "meter": shape.meter,
        "mlabel": shape.label,
        "good": shape.good,
        "better": f"{shape.better:+d}".lstrip("+"),
        "worse": f"{shape.worse:+d}".lstrip("+"),
        "open_when": shape.open_when,
        "strained_when": shape.strained_when,
        "strained_cue": text(shape.strained_cue),
        "strained": text(shape.strained),
        "listening": text(shape.listening),
        "cue": text(area.cue),
        "opening": text(area.opening),
        "agreed": text(shape.agreed),
        "agreed_debrief": text(shape.agreed_debrief),
        "partway": text(shape.partway),
        "partway_debrief": text(shape.partway_debrief),
        "closed": text(shape.closed),
        "closed_debrief": text(shape.closed_debrief),
    }
    for key, reply in {
        "good": area.good,
        "poor": area.poor,
        "request": area.request,
        "closing": shape.closing,
        "mixed": shape.mixed,
        "again": shape.closing_again,
    }.items():
        fields[f"{key}_reply"] = text(reply.text)
        fields[f"{key}_patterns"] = reply.patterns
        fields[f"{key}_note"] = text(reply.note)
    return _TEMPLATE.format(**fields)
