"""The one table of communication patterns.

Every other part of ipt-roleplay (the scenario loader, the analyzer, the app, the
docs) reads pattern ids, labels and definitions from here and nowhere else.

The first five client patterns are the communication problems that the IPT manuals'
communication analysis names (Weissman, Markowitz & Klerman, *Comprehensive Guide to
Interpersonal Psychotherapy*, 2000; *The Guide to Interpersonal Psychotherapy*, 2018).
The therapist patterns are the IPT techniques, then the moves that leave the model.
"""

from __future__ import annotations

from enum import Enum

from msgspec import Struct


class Side(str, Enum):
    CLIENT = "client"
    THERAPIST = "therapist"


class Polarity(str, Enum):
    HELPFUL = "helpful"
    UNHELPFUL = "unhelpful"


class Pattern(Struct, frozen=True):
    id: str
    label: str
    side: Side
    polarity: Polarity
    definition: str
    grounding: str
    examples: tuple[str, str]
    try_instead: str

    @property
    def helpful(self) -> bool:
        return self.polarity is Polarity.HELPFUL


_C, _T = Side.CLIENT, Side.THERAPIST
_H, _U = Polarity.HELPFUL, Polarity.UNHELPFUL

_IPT_PROBLEM = "One of the five communication problems named in IPT communication analysis."
_IPT_SKILL = "A skill IPT rehearses in role play and communication analysis."

PATTERNS: tuple[Pattern, ...] = (
    # --- Client replies: the five communication problems of IPT -----------------
    Pattern(
        "indirect_nonverbal", "Indirect, non-verbal", _C, _U,
        "Acting a feeling out instead of saying it: sighing, slamming, walking off, sulking.",
        _IPT_PROBLEM + " The other person has to guess what the action means, and often guesses wrong.",
        ("*sighs loudly and starts stacking the plates*", "*walks out of the room without a word*"),
        "Put the feeling into words, even briefly: \"I'm frustrated and I need a minute.\"",
    ),
    Pattern(
        "indirect_verbal", "Indirect, verbal", _C, _U,
        "Hinting, sarcastic hints, or complaining to the air instead of asking.",
        _IPT_PROBLEM + " A hint leaves the request unsaid, so it is easy to miss or to resent.",
        ("Must be nice to have so much free time.", "Funny how the bins never take themselves out."),
        "Say plainly what you would like: \"Could you take the bins out tonight?\"",
    ),
    Pattern(
        "assumed_communicated", "Assuming you've said it", _C, _U,
        "Expecting the other person to know a need or feeling that was never actually said.",
        _IPT_PROBLEM + " People cannot meet needs they have not been told about.",
        ("You should have known I needed help.", "It's obvious how I feel about it."),
        "Say the need out loud, as if for the first time: \"I need help on Thursdays.\"",
    ),
    Pattern(
        "assumed_understood", "Assuming you understand", _C, _U,
        "Mind-reading: stating the other person's motives or feelings as fact.",
        _IPT_PROBLEM + " Guessing someone's meaning instead of asking invites them to defend themselves.",
        ("You just don't care about this family.", "I know you think I'm overreacting."),
        "Check instead of assuming: \"It seems like this matters less to you. Is that right?\"",
    ),
    Pattern(
        "closing_off", "Closing off", _C, _U,
        "Silence or shutting the conversation down: \"whatever\", \"forget it\".",
        _IPT_PROBLEM + " Closing off ends the chance to be understood and leaves the dispute at impasse.",
        ("Whatever. Forget I said anything.", "I don't want to talk about it."),
        "If you need a break, say so and name a time to come back: \"Can we pick this up after dinner?\"",
    ),
    # --- Client replies: other unhelpful patterns --------------------------------
    Pattern(
        "blaming", "Blaming", _C, _U,
        "Criticism of the person rather than the problem; accusing you-statements.",
        "Blame puts the other person on the defensive; IPT helps clients move from blame to requests.",
        ("You're so selfish.", "This is all your fault."),
        "Describe the problem and how it affects you: \"When the dishes pile up, I feel on my own with it.\"",
    ),
    Pattern(
        "absolute", "Always / never", _C, _U,
        "Sweeping generalisations: always, never, everything, nothing.",
        "Absolutes are easy to disprove, so the conversation turns into an argument about the exception.",
        ("You never listen to me.", "I always have to do everything."),
        "Name the specific time: \"Last night, when I asked about the weekend...\"",
    ),
    Pattern(
        "contempt", "Contempt", _C, _U,
        "Sarcasm, mockery, eye-rolling or insults.",
        "From research on couples' conflict rather than the IPT manuals: contempt signals disrespect "
        "and makes repair much harder than plain disagreement does.",
        ("Oh, well done, you found the washing machine.", "What are you, twelve?"),
        "Say the frustration directly and respectfully: \"I'm really frustrated about this.\"",
    ),
    Pattern(
        "defensive", "Defensive", _C, _U,
        "Counter-attack, excuses, or denying any part in the problem.",
        "Defending keeps the focus on who is right instead of on what each person needs.",
        ("Well, you don't exactly help either.", "It's not my fault, I had no choice."),
        "Look for the part that is fair: \"You're right that I've been late a lot.\"",
    ),
    Pattern(
        "ultimatum", "Ultimatum", _C, _U,
        "Threats, or demands with consequences attached.",
        "Ultimatums push a dispute towards dissolution rather than renegotiation.",
        ("Either you change or I'm leaving.", "Do it tonight or don't bother coming home."),
        "Say how serious it is without the threat: \"This matters a lot to me. Can we agree on something?\"",
    ),
    # --- Client replies: helpful patterns ----------------------------------------
    Pattern(
        "i_statement", "I-statement", _C, _H,
        "Speaks from your own experience and names a feeling.",
        _IPT_SKILL + " Expressing affect directly is a core aim of IPT.",
        ("I feel worn out when I do bedtime alone every night.", "I was hurt when the plans changed."),
        "Keep the focus on your experience: \"I feel... when...\"",
    ),
    Pattern(
        "direct_request", "Direct request", _C, _H,
        "A clear, specific, doable request.",
        _IPT_SKILL + " Turning a complaint into a request is how role disputes get renegotiated.",
        ("Could you do bath time on Tuesdays and Thursdays?", "Would you text me if you'll be late?"),
        "Make it specific: who, what, when.",
    ),
    Pattern(
        "checks_understanding", "Checks understanding", _C, _H,
        "Paraphrases or asks a clarifying question about the other person's meaning.",
        _IPT_SKILL + " It replaces the assumption that you already understand.",
        ("So you're saying you feel I don't notice what you do?", "Do you mean this week, or in general?"),
        "Reflect back what you heard and ask if you got it right.",
    ),
    Pattern(
        "validation", "Validation", _C, _H,
        "Acknowledges the other person's feeling or point of view as understandable.",
        _IPT_SKILL + " Feeling understood lowers defensiveness on both sides.",
        ("I can see why you'd be fed up.", "That makes sense, you've had a long week too."),
        "Name what makes sense in their view before giving yours.",
    ),
    Pattern(
        "owns_part", "Owns their part", _C, _H,
        "Acknowledges your own contribution, or apologises.",
        _IPT_SKILL + " Owning a part invites the other person to do the same.",
        ("I know I snapped at you earlier, I'm sorry.", "I haven't been great at telling you what I need."),
        "A short, specific acknowledgement works best.",
    ),
    Pattern(
        "open_question", "Open question", _C, _H,
        "Invites the other person to say more.",
        _IPT_SKILL + " Open questions gather what the other person expects, which disputes hinge on.",
        ("How has this week been for you?", "What would make evenings easier for you?"),
        "Ask with what, how or tell me.",
    ),
    Pattern(
        "repair", "Repair", _C, _H,
        "De-escalation: pausing, restarting, softening, humour that includes both of you.",
        _IPT_SKILL + " Repair attempts keep a dispute in renegotiation instead of impasse.",
        ("Can we start again? That came out wrong.", "Let's take five minutes and come back to it."),
        "Name the moment and offer a restart.",
    ),
    # --- Therapist replies: IPT techniques -----------------------------------------
    Pattern(
        "exploratory_question", "Exploratory question", _T, _H,
        "Open, non-directive exploration, or a direct question that draws out material.",
        "IPT technique: exploratory techniques (non-directive and direct elicitation).",
        ("Tell me more about what happened on Sunday.", "What was that like for you?"),
        "Start with what, how or tell me about, and follow the client's lead.",
    ),
    Pattern(
        "interpersonal_inventory", "Interpersonal inventory", _T, _H,
        "Asks about the important people in the client's life and what those relationships are like.",
        "IPT technique of the initial phase: the interpersonal inventory.",
        ("Who are the people you feel closest to right now?", "What is your relationship with your sister like these days?"),
        "Ask who matters, what is satisfying and unsatisfying, and what they would like to change.",
    ),
    Pattern(
        "encourage_affect", "Encouraging affect", _T, _H,
        "Invites, accepts or names the client's feelings.",
        "IPT technique: encouragement of affect, including acceptance of painful feelings.",
        ("It sounds like you're still very angry about that.", "It's all right to feel this sad."),
        "Name the feeling you notice and make room for it.",
    ),
    Pattern(
        "clarification", "Clarification", _T, _H,
        "Reflects back, restates, or gently points out a contradiction.",
        "IPT technique: clarification, which helps the client hear what they are actually saying.",
        ("So you said it was fine, but you sound hurt as you tell me.", "Let me check I've got this right..."),
        "Restate what you heard and notice what doesn't fit.",
    ),
    Pattern(
        "communication_analysis", "Communication analysis", _T, _H,
        "Asks for a detailed account of one interaction: what was said, meant and felt.",
        "IPT technique: communication analysis, which finds where a message was misread or never sent.",
        ("What exactly did you say to him, and what did he say back?", "When she said that, what did you feel?"),
        "Slow down on one exchange: words, meaning, feeling, what happened next.",
    ),
    Pattern(
        "decision_analysis", "Decision analysis", _T, _H,
        "Helps the client generate options and weigh them.",
        "IPT technique: decision analysis, used in the middle phase to turn understanding into action.",
        ("What are the different ways you could handle this?", "What might happen if you asked for a phased return?"),
        "Invite several options before judging any of them.",
    ),
    Pattern(
        "role_play", "Role play", _T, _H,
        "Proposes or conducts a rehearsal of a conversation.",
        "IPT technique: role play, a rehearsal of new ways of speaking before trying them for real.",
        ("Shall we practise what you might say to her? I'll be your manager.", "Try saying it to me as if I were Sam."),
        "Offer to play the other person and let the client try the words.",
    ),
    Pattern(
        "link_mood_event", "Linking mood and events", _T, _H,
        "Links the client's mood to interpersonal events.",
        "IPT's central move: connecting symptoms to what is happening in relationships.",
        ("I notice your mood dropped the week of the argument.", "How were you feeling after that call with your dad?"),
        "Ask how mood changed around the interpersonal event.",
    ),
    Pattern(
        "psychoeducation", "Psychoeducation", _T, _H,
        "Explains depression as an illness, the sick role, or the IPT frame.",
        "IPT technique of the initial phase: naming depression and giving the sick role.",
        ("Depression is a real illness, and it's not your fault.", "While you recover, it's okay to do less for a while."),
        "Give information briefly and tie it to the client's situation.",
    ),
    # --- Therapist replies: off-model moves ----------------------------------------
    Pattern(
        "closed_question", "Closed question", _T, _U,
        "A yes/no question that narrows the conversation too early.",
        "Not wrong in itself, but in IPT exploration it cuts the client's account short.",
        ("Did that upset you?", "Is everything okay at home?"),
        "Turn it into an open question: \"How did that leave you feeling?\"",
    ),
    Pattern(
        "premature_advice", "Premature advice", _T, _U,
        "Tells the client what to do before exploring the situation.",
        "IPT uses direct advice sparingly and after exploring; decision analysis lets the client find "
        "and weigh options first.",
        ("You should just tell him to do his share.", "Why don't you go back full-time and see?"),
        "Explore options together first: \"What could you do?\"",
    ),
    Pattern(
        "off_model", "Off-model interpretation", _T, _U,
        "Childhood or transference interpretation, or CBT-style disputing of thoughts.",
        "IPT works with current relationships and feelings: it does not interpret childhood or the "
        "relationship with the therapist, or dispute thoughts as CBT does.",
        ("Maybe this goes back to how your father treated you.", "What's the evidence for that thought?"),
        "Bring it back to the current relationship: \"How did that play out with Sam this week?\"",
    ),
    Pattern(
        "judgmental", "Judgmental", _T, _U,
        "Criticises, minimises, or takes sides.",
        "The IPT therapist is the client's ally, but passes no verdicts on the client or the people in "
        "their life; criticism or minimising harms the alliance IPT relies on.",
        ("That's a bit of an overreaction, isn't it?", "Your husband sounds like a nightmare."),
        "Stay curious and warm: \"Help me understand what made it so hard.\"",
    ),
)

BY_ID: dict[str, Pattern] = {p.id: p for p in PATTERNS}
IDS: frozenset[str] = frozenset(BY_ID)
CLIENT_IDS: tuple[str, ...] = tuple(p.id for p in PATTERNS if p.side is Side.CLIENT)
THERAPIST_IDS: tuple[str, ...] = tuple(p.id for p in PATTERNS if p.side is Side.THERAPIST)
# The five communication problems of IPT communication analysis, in manual order.
IPT_COMMUNICATION_PROBLEMS: tuple[str, ...] = CLIENT_IDS[:5]


def get(pattern_id: str) -> Pattern:
    """The pattern with this id; KeyError for an unknown id."""
    return BY_ID[pattern_id]


def for_side(side: Side | str) -> tuple[Pattern, ...]:
    side = Side(side)
    return tuple(p for p in PATTERNS if p.side is side)
