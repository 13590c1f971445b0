"""Word lists and phrase rules behind the communication analyzer.

Each pattern id of the taxonomy has a tuple of cues. A cue is a regular expression over
the reply *after* lowercasing and straightening of quotes (see ``analyzer``), so every
source here is lowercase and uses the plain apostrophe. What a cue's ``regex`` consumes
is the evidence shown to the person. Start every cue with ``\b`` and a literal word
where you can: those cues share one fast word-start check (see ``analyzer._compile``).

This module holds data only. The pattern ids come from ``taxonomy``; a test checks that
every key here is a taxonomy id.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cue:
    regex: str
    # Shown after the evidence: "'always' generalises". {e} is the evidence text.
    reason: str
    # A cue that means the opposite after "not", "n't" or "never" ("it's not your
    # fault", "I'm not blaming you") is vetoed when one of those comes just before it.
    negatable: bool = False
    # Only counts at the start of a sentence or clause, give or take a leading "so,",
    # "okay," or "honestly" (see SENTENCE_LEAD).
    at_sentence_start: bool = False


# --- shared pieces ------------------------------------------------------------------

# Contractions people often type without the apostrophe ("im", "dont", "thats"). The
# analyzer reads "im" as "i'm", so the cues spell each word only once. Left out on
# purpose, because without the apostrophe they are words of their own: i'll (ill),
# we'll (well), we're (were), we'd (wed), he'll (hell), she'll (shell), she'd (shed).
# "its" and "lets" are read as "it's" and "let's": in a spoken reply they nearly
# always are, and no cue needs the possessive or the verb.
APOSTROPHE_FREE = (
    "i'm", "i've", "i'd", "you're", "you've", "you'd", "you'll", "they're", "they've",
    "they'd", "they'll", "we've", "he's", "she's", "he'd", "it's", "it'll", "it'd",
    "that's", "that'll", "what's", "how's", "where's", "who's", "there's", "here's",
    "let's", "don't", "doesn't", "didn't", "can't", "won't", "isn't", "aren't", "wasn't",
    "weren't", "haven't", "hasn't", "hadn't", "wouldn't", "couldn't", "shouldn't",
    "mustn't", "needn't", "would've", "could've", "should've", "might've", "must've",
)

# A specific technique found in a reply stands for the general one it is a form of, so
# the general one is not reported as well: a communication analysis asks open questions
# about one exchange by its nature ("Can we look at what happened?").
SUBSUMES = {"communication_analysis": ("exploratory_question",)}

# What may stand between the start of a sentence or clause and a cue that must open it:
# the analyzer checks that the text before such a cue ends with this.
SENTENCE_LEAD = (
    r"(?:^|[.!?\n*)\]:;,\"])\s*"
    r"(?:(?:so|and|but|ok|okay|well|look|listen|honestly|wait|hey|oh|right|yeah|yes|"
    r"no|sorry|um|uh|hmm|alright|then|now|also|just|actually|i mean|i guess)\b[,.]?\s+){0,2}"
)
# The rest of this sentence ends in a question mark.
QUESTION = r"(?=[^.!?\n]{0,200}\?)"
# The rest of this sentence does not end in a question mark.
NOT_QUESTION = r"(?![^.!?\n]{0,200}\?)"
# A run of the sentence up to and including its question mark, for question evidence.
TO_QMARK = r"[^.!?\n]{0,200}\?"
# People often type a question without its mark ("hows work going", "did he say
# sorry"). Where the word order already asks ("did he", "can you", "how's"), a sentence
# that runs to the end of the reply (or of its line) with no mark at all counts too.
# Not for questions in statement order ("so you feel left out?"), which need the mark.
TO_END = r"[^.!?\n]{0,200}?(?=[ \t]*(?:\n|$))"
ASKED = r"(?:" + TO_QMARK + r"|" + TO_END + r")"
ASKING = r"(?=" + ASKED + r")"

SUBJ = r"(?:you|he|she|they|it|that|this|there|we|i|your|his|her|their|things|everything|anything|anyone|someone)"
AUX = r"(?:do|does|did|is|are|was|were|have|has|had|can|could|would|will|should|shall|am|isn't|aren't|didn't|don't|doesn't|wasn't|weren't|haven't|hasn't|won't|wouldn't|can't|couldn't)"

INTENS = r"(?:(?:really|so|very|quite|a bit|a little|kind of|kinda|pretty|just|totally|completely|a lot more|more|getting|still|honestly|actually|rather|incredibly|super|too|feeling)\s+){0,3}"

FEELING = (
    r"(?:overlooked|neglected|pushed aside|disrespected|used|betrayed|trapped|smothered|isolated|bad|hurt|sad|sadder|angry|upset|frustrated|worried|anxious|scared|afraid|frightened|"
    r"terrified|lonely|alone|left out|ignored|invisible|unappreciated|overwhelmed|exhausted|"
    r"tired|worn out|worn down|drained|stressed|stressed out|embarrassed|ashamed|guilty|"
    r"disappointed|let down|jealous|annoyed|irritated|furious|livid|hopeless|helpless|low|"
    r"down|depressed|confused|nervous|on edge|taken for granted|unheard|unsupported|"
    r"unimportant|unwanted|unloved|resentful|humiliated|rejected|abandoned|happy|relieved|"
    r"grateful|glad|excited|proud|hopeful|torn|stuck|fed up|gutted|devastated|heartbroken|"
    r"miserable|panicky|panicked|uneasy|uncomfortable|unsafe|pressured|judged|criticised|"
    r"criticized|attacked|small|insecure|useless|worthless|a failure|a burden|like a failure|"
    r"like a burden|like an afterthought|like an outsider|like a spare part|like a maid|"
    r"like a servant|like a stranger|like a child|sidelined|dismissed|shut out|on my own|"
    r"cross|wound up|on tenterhooks|scared stiff|sick with worry|shaky|raw|bruised|"
    r"crushed|panicking|dread|dreading|afraid|anxious|awful|terrible|rubbish|horrible|"
    r"heard|listened to|seen|valued|respected|supported|appreciated|understood|loved|"
    r"cared for|safe|close to you|wanted|included|sorry for myself|running on empty|knackered|shattered|wiped out|in a bad way|in a bad place|in a dark place|"
    r"all over the place|struggling|desperate|at the end of my tether|at breaking point|running low|running on fumes|"
    r"not coping|not (?:okay|ok|alright|all right)|a (?:mess|wreck)|numb)"
)
# "You should've realised I was upset": a feeling reported inside a complaint about the
# other person is not the speaker owning it; nor is one in a "when"/"if" clause ("it's
# quicker when I'm tired"), which explains rather than says how you feel.
NOT_EMBEDDED = r"(?<!realised )(?<!realized )(?<!noticed )(?<!known )(?<!tell )(?<!see )(?<!know why )(?<!why )(?<!how )(?<!when )(?<!if )"
# Naming feelings of one's own: "I feel", "I'm", "I was getting", "I've been feeling".
I_FEEL = (
    r"\b" + NOT_EMBEDDED + r"i\s*(?:'m|am|was|feel|felt|get|got|'ve been|have been|had been|'d been|"
    r"'m getting|was getting|'ve been feeling|have been feeling|'m feeling|am feeling|"
    r"was feeling|keep feeling|end up feeling|ended up feeling|start to feel|started to feel|"
    r"start feeling|started feeling|just feel|still feel|often feel|sometimes feel|"
    r"'m not|am not|wasn't|was not|don't feel|do not feel|didn't feel|did not feel|never feel|'m not feeling|"
    r"can't help feeling|'d feel|would feel|felt really|feel really)"
)

PERSON_INSULT = (
    r"(?:selfish|lazy|useless|hopeless|pathetic|inconsiderate|thoughtless|rude|childish|"
    r"immature|unreasonable|ridiculous|impossible|irresponsible|careless|mean|cruel|"
    r"a liar|lying|controlling|spoilt|spoiled|stupid|an idiot|a joke|a nightmare|"
    r"unbelievable|so dramatic|dramatic|paranoid|crazy|insane|heartless|cold|a child|"
    r"a baby|a coward|two-faced|a hypocrite|hypocritical|toxic|clueless|useless)"
)

THREAT = (
    r"(?:leave|leaving|move out|moving out|moved out|go back to my|going back to my|"
    r"done|out of here|finished|through|divorce|file for|pack|packing|kick you out|"
    r"kicking you out|throw you out|stop paying|stop talking to you|"
    r"stop speaking to you|stop helping|tell (?:everyone|your|the)|take the kids|"
    r"taking the kids|walk out|won't be here|won't be around|cancel|cancelling|"
    r"break up|breaking up|end this|ending this|call (?:it|this) off|calling it off|"
    r"report you|never speak to you|be gone|find someone else|stay at my)"
)


# "*just walks away*", "(quietly leaves)": a word or two of manner before the acted verb.
ACTING_ADVERBS = r"(?:(?:just|then|still|only|[a-z]+ly)\s+){0,2}"


# What a yes/no question is not: a tag question ("..., don't you think?"), which leads
# rather than asks; a permission or proposal ("can I ask", "would you like"); a check
# ("does that fit?"); a request to say more; a proposal to rehearse.
NOT_CLOSED_BEFORE = (
    r"(?!\w+n't \w+(?: think| say| agree)?\?)(?!(?:can|could|may) (?:we|i)\b|would you like\b|"
    r"do you (?:think|reckon)\?|(?:does|is) (?:that|this) (?:fit|close|sound right|ring true|right)\?)"
)
NOT_CLOSED_AFTER = (
    r"(?! (?:tell me|say (?:a (?:bit|little) )?more|share|talk me|describe|walk me|take me|help me)\b)"
    r"(?!(?:[^.!?\n]{0,60})\b(?:practi[cs]e|rehears|role[- ]?play|thought (?:about|of) (?:just |maybe )?\w+ing|considered|tried)\b)"
)


# What a therapist may suggest without advising the client what to do in their life:
# the work of the therapy itself ("I'd suggest we meet weekly", "twelve sessions").
THERAPY_WORK = r"(?: (?:that )?(?:we|us)\b| (?:\w+ ){0,2}(?:sessions?|meetings?|weeks of)\b)"


WHAT_OPENS = (
    r"(?:happened|was happening|was going on|went through your mind|was going through your (?:mind|head)|"
    r"comes to mind|brings you|stands out|do you make of)"
)


def c(regex: str, reason: str, *, negatable: bool = False, at_sentence_start: bool = False) -> Cue:
    return Cue(regex, reason, negatable, at_sentence_start)


CUES: dict[str, tuple[Cue, ...]] = {
    # --- client: the five communication problems ----------------------------------
    "indirect_nonverbal": (
        c(r"[*(\[]\s*(?:(?:long|deep|heavy|loud|big|exasperated|awkward|stony|audible)\s+)?(?:sigh|silence|pause|groan|shrug|huff|eye[- ]?roll|glare|stare|tut|scoff|roll (?:your|my|his|her|their) eyes)(?:s|ed)?\b[^*()\[\]\n]{0,100}?[*)\]]",
          "'{e}' acts the feeling out instead of putting it into words"),
        # A reply that is only a stage direction ("[Walk out of the room]") acts instead of saying.
        c(r"^\s*[*(\[][^*()\[\]\n]{1,150}[*)\]][.!]?\s*$", "'{e}' acts instead of putting anything into words"),
        c(r"\*\s*" + ACTING_ADVERBS + r"(?!(?:is|was|has|this|thanks|yes|always|perhaps|unless|less|its|his|hers|yours|ours)\b)"
          r"(?:[a-z]+s|silence|pause|long pause|no reply|no answer|no response|says nothing|"
          r"said nothing|nothing)\b[^*\n]{0,100}\*",
          "'{e}' acts the feeling out instead of putting it into words"),
        c(r"[(\[]\s*" + ACTING_ADVERBS + r"(?!(?:is|was|has|this|thanks|yes|always|perhaps|unless|less|its|his|hers|yours|ours|as|obviously|seriously)\b)"
          r"(?:[a-z]+s|silence|pause|long pause|no reply|no answer|no response|says nothing|"
          r"said nothing)\b[^()\[\]\n]{0,100}[)\]]",
          "'{e}' acts the feeling out instead of putting it into words"),
    ),
    "indirect_verbal": (
        c(r"\b(?:it )?(?:would(?:'ve| have)? been|it'd have been) (?:nice|lovely|good|great) (?:to|if)\b", "'{e}' hints instead of asking"),
        c(r"\bmust be (?:nice|lovely|great|wonderful|fun)\b", "'{e}' hints at a complaint instead of saying it"),
        c(r"\bfunny(?:,)? how\b", "'{e}' hints at a complaint instead of saying it"),
        c(r"\b(?:some|certain) (?:people|of us)\b", "'{e}' points at someone without saying it to them"),
        c(r"\b(?:i )?guess i'll\b", "'{e}' leaves the request unsaid"),
        c(r"\b(?:nobody|no one|no-one) (?:ever )?(?:asks|thinks|notices|helps|cares|offers|bothers|listens|checks)\b", "'{e}' complains to the air instead of asking"),
        c(r"\boh wait,? (?:it|you|he|she|they|i) (?:hasn't|haven't|didn't|don't|doesn't|won't|isn't|aren't|wasn't|can't)\b", "'{e}' hints at a complaint instead of saying it"),
        c(r"\b(?:don't worry|no worries|it's fine|that's fine|fine),? i'll (?:just )?(?:do|sort|get|make|pick|take|clean|cook|tidy|wash|pay|go)\b", "'{e}' hints at a complaint instead of saying it"),
        c(r"\bmust be (?:nice|lovely|great|wonderful|fun|exhausting|tiring|hard work|so hard|relaxing)\b", "'{e}' hints at a complaint instead of saying it", at_sentence_start=True),
        c(r"\bi'll (?:just )?(?:do|sort|clean|wash|tidy) (?:it|them|that|the \w+)(?: myself(?:[,.]| then| again| as usual| like always|$)|,? (?:like always|as usual|again|like i always do)\b)", "'{e}' leaves the request unsaid"),
        c(r"\b(?:let's|we'll) see (?:if|whether|how long)\b[^.!?\n]{0,30}\b(?:lasts?|happens?|sticks?|actually|really|this time)\b", "'{e}' voices doubt instead of asking"),
        c(r"\bdon't mind me\b", "'{e}' hints at hurt instead of naming it"),
        # "Nice of you to show up", not the thanks in "that's really nice of you to say".
        c(r"\bnice of you to\b(?! (?:say|ask|offer|check|think|come|help|remember me)\b)", "'{e}' hints at a complaint instead of saying it", at_sentence_start=True),
        c(r"\b(?:it would|it'd) be (?:nice|lovely|good) if\b", "'{e}' hints instead of asking"),
        c(r"\b(?:i wonder|wonder) who\b", "'{e}' hints instead of asking"),
        c(r"\bi'm sure you(?:'re| are) (?:very )?busy\b", "'{e}' hints at a complaint instead of saying it"),
        c(r"\b(?:no|oh), (?:it's |that's )?fine\b[^.!?\n]{0,40}\bi'll\b", "'{e}' says it's fine while hinting it isn't"),
        c(r"\bnot that (?:anyone|anybody|you) (?:cares|care|noticed|notices|asked)\b", "'{e}' hints at hurt instead of naming it"),
        c(r"\b(?:guess|apparently) (?:i'm|i am) (?:the only one|invisible)\b", "'{e}' hints at hurt instead of naming it"),
        c(r"\bthe (?:dishes|bins|laundry|washing|floor|kids|dog) (?:don't|won't|never) \w+ themselves\b", "'{e}' complains to the air instead of asking"),
        c(r"\bwouldn't want to (?:put you out|trouble you|bother you)\b", "'{e}' hints at a complaint instead of saying it"),
    ),
    "assumed_communicated": (
        c(r"\b(?:surely|obviously|clearly) you (?:could|can|must|would|should) (?:have )?(?:tell|told|see|seen|know|known|notice|noticed|guess|guessed)\b",
          "'{e}' expects the other person to guess"),
        c(r"\byou (?:should|should've|ought to) (?:have |'ve )?(?:known|know|realised|realized|noticed|guessed)\b",
          "'{e}' expects a need to be known without saying it"),
        c(r"\b(?:it's|it is|isn't it|it was|wasn't it|surely it's|that's|that is|that was) (?:so |pretty |perfectly |completely )?obvious\b",
          "'{e}' expects the feeling to be known without saying it"),
        c(r"\bi shouldn't (?:have|need) to (?:tell|ask|say|explain|remind|point out)\b",
          "'{e}' expects a need to be known without saying it"),
        c(r"\bif you (?:really |actually |even |ever )?(?:cared|loved me|paid attention|were listening|listened|noticed)[^.!?\n]{0,30}you(?:'d| would)\b",
          "'{e}' expects the other person to guess"),
        c(r"\byou know (?:how (?:much|important)|exactly|what i need|what i want|how i feel|i needed|i need|i wanted|what's (?:going on|wrong)|what you did|why i(?:'m| am))\b",
          "'{e}' assumes the need was already said"),
        c(r"\bhow could you not (?:know|see|notice|tell)\b", "'{e}' expects the other person to guess"),
        c(r"\byou must have (?:known|noticed|seen)\b", "'{e}' assumes the need was already said"),
        c(r"\bi (?:shouldn't|should not) have to\b", "'{e}' expects a need to be known without saying it"),
        c(r"\byou (?:shouldn't|should not) (?:need|have) (?:telling|to be told|to ask)\b|\bwithout (?:me |my )?(?:having to|needing to|being) (?:ask|tell|told|asked|say|remind|reminded)\b",
          "'{e}' expects a need to be known without saying it"),
    ),
    "assumed_understood": (
        c(r"\byou (?:just|only|simply|obviously) (?:want|wanted|like|need|needed)\b(?! me to\b)" + NOT_QUESTION, "'{e}' assumes the other person's motive"),
        c(r"\byou (?:just |obviously |clearly |simply |really )?(?:don't|do not|never|didn't) (?:even )?(?:care|love me|want me|want to (?:see|know|hear|listen)|respect|value|appreciate|like)\b" + NOT_QUESTION,
          "'{e}' states the other person's feelings as fact", negatable=True),
        c(r"\bi know (?:you(?:'re| are)? (?:just |only )?(?:think|thinking|want|wanting|hate|trying to|going to|planning)|what you(?:'re| are) (?:thinking|really))",
          "'{e}' reads the other person's mind"),
        c(r"\byou (?:only|just) (?:did|said|came|called|agreed|asked|helped|apologised|apologized)\b[^.!?\n]{0,40}\b(?:because|so that|to)\b",
          "'{e}' assumes the other person's motive"),
        c(r"\byou(?:'re| are) (?:just |only )?(?:saying that|doing (?:this|that|it) (?:on purpose|to)|trying to (?:make me|get|punish|hurt|wind)|enjoying this|loving this)",
          "'{e}' assumes the other person's motive"),
        c(r"\byou(?:'d| would) (?:much )?rather\b" + NOT_QUESTION, "'{e}' states the other person's wishes as fact"),
        c(r"\byou(?:'re| are)? (?:only|just) (?:\w+ ){0,4}?because\b" + NOT_QUESTION, "'{e}' assumes the other person's motive"),
        c(r"\byou (?:obviously|clearly) (?:think|want|don't|do not|prefer|care|feel)\b", "'{e}' states the other person's view as fact"),
        c(r"\byou think (?:i'm|i am|i'm just|i don't|i do|i can't|i'm not)\b", "'{e}' states the other person's view as fact", negatable=True),
        c(r"\byou (?:want|wanted) me to (?:fail|feel bad|feel guilty|suffer|look stupid|give up)\b", "'{e}' assumes the other person's motive"),
        c(r"\byou (?:don't|do not) (?:think|believe) i\b", "'{e}' states the other person's view as fact"),
        c(r"\byou(?:'re| are|'d| would)? probably (?:think|busy|rather|prefer|don't|won't|sick|fed up|not)\b", "'{e}' guesses the other person's view instead of asking"),
        c(r"\byou (?:wouldn't|won't|would never|'d never|will never) (?:get|understand)\b", "'{e}' decides what the other person can understand"),
        c(r"\bi (?:suppose|guess|bet|expect) you(?:'d|'ll| would| will)? (?:need|want|think|rather|prefer)\b|\bi (?:figured|thought|assumed|reckoned) you(?:'d| would) (?:be (?:better off|glad|relieved|happier)|rather|prefer|not (?:want|care|mind))\b",
          "'{e}' assumes the other person's wishes"),
        c(r"\bif that's what you(?:'re)? (?:mean|meant|think|thinking|getting at)\b|\band you know it\b", "'{e}' reads a motive into what was said"),
        c(r"\byou(?:'ll| will) (?:probably |just )?(?:have forgotten|forget|change your mind|back out|give up)\b|\byou(?:'d| would) (?:only|just|probably|never) (?:have )?(?:said|say|told|tell|laughed|laugh)\b",
          "'{e}' predicts what the other person will do"),
        c(r"\bhere we go(?: again)?\b", "'{e}' expects the worst before hearing it", at_sentence_start=True),
        c(r"\byou(?:'re| are) (?:glad|happy|relieved) (?:i|that i)\b", "'{e}' states the other person's feelings as fact"),
        c(r"\b(?:he|she|they) (?:obviously|clearly) (?:doesn't|don't|think|thinks|wants|want)\b", "'{e}' states someone's view as fact"),
    ),
    "closing_off": (
        c(r"\bi(?:'ve| have) said (?:all|everything) i(?:'m| am) (?:going to|gonna) say\b|\b(?:that's|that is) all i(?:'m| am) (?:saying|going to say)\b|\bi(?:'m| am) not saying (?:anything |another word )?(?:any ?more|else)\b",
          "'{e}' closes the conversation"),
        c(r"[*(\[][^*()\[\]\n]{0,60}?\b(?:headphones|earphones|earbuds|says nothing|said nothing|say nothing|without (?:a word|answering|replying|saying anything|telling anyone)|silent|silence|doesn't answer|does not answer|doesn't reply|no answer|ignores|turns away|turns (?:his|her|their) back|stops talking|keeps? (?:your|his|her|their|my) eyes on|walks? (?:out|off|away)|(?:leaves|goes|heads|storms) (?:the room|upstairs|up to bed|to bed|out|off)|leaves)\b[^*()\[\]\n]{0,60}[*)\]]",
          "'{e}' shuts the conversation down without a word"),
        c(r"\bwhatever\b(?! (?:works|helps|is|makes|feels|happens|it takes|we|you need|you'd like|you want to (?:say|talk|tell))\b)", "'{e}' shuts the conversation down"),
        c(r"\bforget (?:it|i said anything|i asked|i mentioned it|about it)\b", "'{e}' shuts the conversation down", negatable=True),
        c(r"\bnever ?mind\b", "'{e}' shuts the conversation down"),
        c(r"\bi (?:don't|do not) want to (?:talk|discuss|get into|go into|hear)\b(?! (?:about )?(?:it|this|that)? ?(?:right now|now)?,? (?:but|can|could))",
          "'{e}' closes the topic"),
        c(r"\bi(?:'m| am) (?:not (?:discussing|talking about|doing) (?:this|it|that)|done (?:talking|with this|here|discussing)|done\.|done$)",
          "'{e}' closes the conversation"),
        c(r"\b(?:just )?(?:leave|drop) it\b(?! (?:for (?:now|tonight|today|the (?:moment|night))|till|until)\b)", "'{e}' shuts the conversation down", negatable=True),
        c(r"\b(?:it |that )?doesn't matter\b", "'{e}' closes the topic", negatable=True),
        c(r"\bi(?:'d| would) rather not (?:talk|discuss|say)\b", "'{e}' closes the topic"),
        c(r"\b(?:there's|there is|what's|what is) (?:no |the )?point\b", "'{e}' gives up on the conversation"),
        c(r"\bi (?:have|'ve got) nothing (?:more |else )?to say\b", "'{e}' closes the conversation"),
        c(r"\bdo what(?:ever)? you (?:want|like)\b", "'{e}' gives up on the conversation"),
        c(r"\b(?:leave me alone|go away|end of (?:story|discussion|conversation))\b", "'{e}' shuts the conversation down"),
        c(r"\bi can't be bothered\b", "'{e}' gives up on the conversation"),
        # Leaving or refusing the conversation with no time to come back to it.
        c(r"\b(?:i (?:can't|cannot|won't) (?:do|talk about|have) (?:this|it|that)(?: conversation)? (?:now|right now|tonight|today|here)|i(?:'m| am) (?:going (?:up|to bed|upstairs|out)|off to bed|off out|heading (?:up|off|out|to bed)))\b"
          r"(?![^.!?\n]{0,60}\b(?:tomorrow|later|in the morning|after|when|tonight\?|can we|could we|let's|but)\b)",
          "'{e}' leaves the conversation without a time to come back"),
        c(r"\bfine\.(?:\s|$)", "'{e}' closes the topic without agreeing", at_sentence_start=True),
        c(r"\bnothing(?:'s| is)? wrong\b", "'{e}' closes the topic", at_sentence_start=True),
        c(r"\bi(?:'m| am) fine\.?$", "'{e}' closes the topic", at_sentence_start=True),
        c(r"\bi (?:honestly |really |just |genuinely )?don't care any ?more\b", "'{e}' gives up on the conversation"),
        # "I'm fine", "it's fine", "I'll be okay": the subject brushed aside (not "fine with that").
        c(r"\b(?<!said )(?:i'm|i am|i'll|i will)(?: (?:be|probably|really|honestly|totally|completely|absolutely|perfectly|just|definitely))* (?:fine|okay|ok|alright|all right)\b(?! (?:with|by|for|to|if|as long|now that)\b)(?![^.!?\n]{0,40}\bi'll\b)"
          r"|\b(?<!said )(?:it's|it is|everything's|everything is)(?: (?:totally|really|honestly|all|completely|absolutely|perfectly|just))* (?:fine|sorted)\b(?! (?:with|by|for|to|if|as long)\b)(?![^.!?\n]{0,40}\bi'll\b)",
          "'{e}' brushes the subject aside", negatable=True),
        c(r"\b(?:all|totally) (?:\w+ )?(?:fine|sorted)\b", "'{e}' brushes the subject aside", at_sentence_start=True),
        # A reply of nothing but "yeah", "right", "okay, thanks": nothing offered to go on with.
        c(r"^\s*(?:(?:yeah|yep|yup|right|cool|ok|okay|sure|fine|thanks|course|of course|will do|anyway|ha|so|well|mm|mhm|same old|uh huh|no worries)[.!,]*\s*)+$",
          "'{e}' gives the other person nothing to go on"),
        c(r"^\s*i (?:don't|do not) know[.!]+(?=[^?]{0,40}$)", "'{e}' answers without answering"),
        c(r"\bit's (?:complicated|a long story)\b|\banyway[!.]|\b(?:i'd |i )?(?:better|best) (?:go|get going|get back)\b|\bback to (?:it|work)\b",
          "'{e}' moves the conversation away", at_sentence_start=True),
        c(r"\bi (?:don't|do not) want (?:to be (?:any )?(?:trouble|a (?:bother|burden|nuisance))|(?:any )?special treatment|(?:a |any )?fuss)\b|\byou (?:don't|do not) (?:need|have) to (?:look after|worry about|check on) me\b|\bdon't (?:you )?worry about me\b",
          "'{e}' turns the offer of help away"),
    ),
    # --- client: other unhelpful patterns ------------------------------------------
    "blaming": (
        c(r"\byou (?:only|just) (?:care|think|worry) about\b", "'{e}' accuses the person rather than naming the problem", negatable=True),
        c(r"\badmit it\b", "'{e}' presses an accusation", at_sentence_start=True),
        c(r"\bif you were (?:ever|actually|even|really) (?:here|home|around|there)\b", "'{e}' accuses the person rather than naming the problem"),
        c(r"\byou can't just\b|\b(?:just )?think next time\b|\byou said (?:that|the same|this|so) (?:last time|before|last week|every time)\b", "'{e}' tells the other person off", negatable=True),
        c(r"\bpull (?:your|his|her|their) weight\b", "'{e}' accuses the person rather than naming the problem", negatable=True),
        c(r"\bother (?:people's|people|dads|mums|husbands|wives|partners|parents|men|women)\b[^.!?\n]{0,30}\b(?:manage|can|do|bother|help|seem)\b", "'{e}' compares the other person unfavourably"),
        c(r"\b(?:it|everything)(?:'s| is)? (?:always |just )?(?:ends? up )?(?:being )?(?:all )?about you\b|\b(?:that's|that is|it's|it is) (?:just )?(?:an|a pathetic|a lame|a poor|a convenient) excuse\b",
          "'{e}' accuses the person rather than naming the problem"),
        c(r"\byou could(?:'ve| have) (?:at least )?(?:come|called|rung|asked|told|helped|said|texted|checked|done|offered)\b", "'{e}' points at what the other person didn't do"),
        c(r"\bstop being (?:so |such a )?" + PERSON_INSULT + r"\b", "'{e}' criticises the person, not the problem"),
        c(r"\bif you (?:actually|ever|even|really) (?:listened|paid attention|bothered|cared|helped|thought|did|tried)\b", "'{e}' accuses the person rather than naming the problem"),
        c(r"\bif you(?:'d| had) (?:just |only |actually |bothered to )?(?:told|said|asked|listened|helped|called|rung|texted|checked|mentioned)\b", "'{e}' puts the blame on the other person"),
        c(r"\byou(?:'ve| have)? (?:forgot|forgotten|lied|broke|broken|missed|left|ignored|done it|did it)\b[^!?\n]{0,60}\bagain\b", "'{e}' accuses the person rather than naming the problem"),
        c(r"\bit's that you\b", "'{e}' puts the blame on the other person"),
        c(r"\b(?:all |entirely |completely )?your (?:fault|doing|problem)\b",
          "'{e}' puts the blame on the other person", negatable=True),
        c(r"\byou (?:never|always|constantly|keep|don't even|can't even|won't even|didn't even|couldn't even|never even)\b(?! (?:want|care|love|like|respect|think)\b)",
          "'{e}' accuses the person rather than naming the problem", negatable=True),
        c(r"\byou(?:'re| are| were|'ve been| have been) (?:being |acting |acting like |so |such |such a |just |really |completely |totally |incredibly |always |being so )*"
          + PERSON_INSULT + r"\b", "'{e}' criticises the person, not the problem", negatable=True),
        c(r"\byou (?:made|make) me\b", "'{e}' holds the other person responsible", negatable=True),
        c(r"\b(?:because|thanks) (?:of|to) you\b", "'{e}' puts the blame on the other person", negatable=True),
        c(r"\byou (?:ruined|wrecked|spoiled|spoilt|messed up|screwed up|destroyed|embarrassed me|humiliated me|let me down|abandoned me)\b",
          "'{e}' accuses the person rather than naming the problem", negatable=True),
        c(r"\bwhy (?:can't|won't|don't|didn't|couldn't|wouldn't) you\b", "'{e}' is an accusing question"),
        c(r"\bwhy do you (?:always|never|keep|have to|even|bother)\b", "'{e}' is an accusing question"),
        c(r"\bhow could you\b", "'{e}' is an accusing question"),
        c(r"\bwhat(?:'s| is) wrong with you\b", "'{e}' criticises the person, not the problem"),
        c(r"\byou(?:'re| are) the (?:one who|one that|problem|reason)\b", "'{e}' puts the blame on the other person", negatable=True),
        c(r"\b(?:down|thanks) to you\b", "'{e}' puts the blame on the other person", negatable=True),
        c(r"\bblame you\b", "'{e}' puts the blame on the other person", negatable=True),
        c(r"\byou (?:don't|do not|never) (?:listen|help|try|think|bother|pull your weight|lift a finger)\b",
          "'{e}' accuses the person rather than naming the problem", negatable=True),
        c(r"\ball you (?:ever )?(?:do|care about|think about)\b", "'{e}' accuses the person rather than naming the problem"),
        # "One more lie from you", "another excuse from him": a fault pinned on the person.
        c(r"\b(?:one more|another|yet another|any more|no more|enough|more|the same old) (?:\w+ )?(?:lie|excuse|broken promise|empty promise|promise|mess|insult|dig|snide remark|remark|lecture|nonsense|rubbish|drama|sulking|moaning|whinging|shouting|attitude|criticism)s? from (?:you|him|her|them)\b",
          "'{e}' pins the fault on the person"),
    ),
    "absolute": (
        c(r"\b(?:always|constantly|all the time|every (?:single )?time|every single|(?<!tell me )(?<!that's )(?<!that is )(?<!is that )(?<!from )(?<!top of )everything|every(?:one|body)(?=(?:'s|'ve|'d|'ll| else| \w+(?:s|ed)| can| will| would| must| should| always| just| never)\b))\b(?!(?:'s| is) (?:ok|okay|fine|alright|all right)\b)",
          "'{e}' generalises", negatable=True),
        # Not an emphatic "Never her." (no verb: nothing is generalised), nor the condition in
        # "if nothing changes".
        c(r"\b(?:never(?! ?mind| meant| intended| said| wanted to (?:hurt|upset)| (?:her|him|them|you|me|that|this|again)[.!])|(?<!say )(?<!says )(?<!said )(?<!if )nothing(?:'s| is)? (?!wrong|to do with|else)|no ?one|nobody|not once|not one|not ever|whole (?:life|time)|nothing but)\b",
          "'{e}' generalises"),
        # "I'm the worst", "you're the best": a person summed up by a superlative.
        c(r"\b(?:i'm|i am|you're|you are|he's|he is|she's|she is|they're|they are) (?:literally |just |honestly |officially )?the (?:worst|best|most \w+)\b(?! (?:at|part|bit|thing|of|for|in|when|about)\b)",
          "'{e}' sums the person up in one sweep"),
        # "you'd ever", "don't ever": evidence starts at the word holding the contraction.
        c(r"\b(?:\w+n't|\w+'d|\w+'ll|would|will|do|does|did) ever\b", "'{e}' generalises"),
    ),
    "contempt": (
        c(r"\b(?:it's|that's|you're) (?:just |honestly |actually )?(?:unbelievable|unreal|a joke|laughable)\b", "'{e}' mocks rather than disagrees"),
        c(r"\b(?:such a|what a|like a) (?:child|baby|joke|loser|idiot|drama queen|martyr|princess|toddler)\b", "'{e}' mocks rather than disagrees"),
        c(r"\boh wait\b", "'{e}' is sarcastic"),
        c(r"\b(?:great|good|nice|brilliant|lovely) (?:job|work|one|going),? really\b|\btop (?:parenting|work|job|effort)\b", "'{e}' is sarcastic"),
        c(r"\bmust be (?:nice|lovely|great|wonderful|fun|exhausting|tiring|hard work|so hard|relaxing)\b", "'{e}' is sarcastic", at_sentence_start=True),
        c(r"\b(?:idiot|moron|(?<!i'm )(?<!i am )(?<!i feel )(?<!i felt )(?<!i was )(?<!it's )(?<!it was )(?:stupid|pathetic|ridiculous)|a joke|clown|loser|grow up|get a grip|real mature|so mature|give me a break|spare me|yeah,? right|boo hoo|cry me a river|poor you|poor thing|big surprise|what a surprise|shock horror|whatever you say|if you say so|oh please|how original|as if)\b",
          "'{e}' mocks rather than disagrees", negatable=True),
        c(r"\boh,? (?:great|brilliant|perfect|wonderful|fantastic|lovely|well done|bravo|congratulations|nice one|good for you|sure|how nice|how lovely|marvellous)\b",
          "'{e}' is sarcastic"),
        c(r"\b(?:wow|wow,? (?:just )?wow)\b[,.!]", "'{e}' is sarcastic", at_sentence_start=True),
        c(r"\bwhat are you,? (?:\w+ )?(?:twelve|five|ten|a child|a baby|two|six)\b", "'{e}' mocks rather than disagrees"),
        c(r"\b(?:rolls? (?:his |her |my |their |your )?eyes|eye ?roll|scoffs|snorts|smirks|slow clap)\b", "'{e}' signals contempt"),
        c(r"\bacting like (?:a |an )?(?:child|baby|toddler|two-year-old|martyr)\b", "'{e}' mocks rather than disagrees"),
        c(r"\bwho (?:do you think you are|died and made you)\b", "'{e}' mocks rather than disagrees"),
        c(r"\bwell done(?:,)? (?:you|for)\b(?=[^.!?\n]{0,60}(?:finally|actually|managed|found|remembered))", "'{e}' is sarcastic"),
        c(r"\bhow hard (?:is|can) it (?:be|to)\b", "'{e}' belittles the other person"),
        c(r"\b(?:get|give|want|deserve) (?:you )?a (?:medal|gold star|round of applause|trophy)\b|\bhow (?:generous|big of you|noble|very kind)\b", "'{e}' is sarcastic"),
        # A prize for the least thing: "shall I bake you a cake for doing the bins".
        c(r"\b(?:bake|make|get|buy|throw|give|award|hand|organise) (?:you|him|her|them) (?:a|an) (?:cake|medal|trophy|party|parade|certificate|gold star|round of applause|prize|badge|knighthood|award)\b(?= for (?:\w+ing|once|that|remembering)\b)",
          "'{e}' mocks rather than disagrees"),
        # An echo question answered brightly: "Do I? Lovely.", "Am I? Good to know."
        c(r"\b(?:do|am|did|was|have|is|does|would|should) (?:i|it|you|we)\?\s*(?:oh,? )?(?:lovely|great|good to know|nice|brilliant|charming|noted|cheers|thanks|wonderful|fantastic|perfect|cool|marvellous)\b",
          "'{e}' is sarcastic", at_sentence_start=True),
    ),
    "defensive": (
        c(r"\bi(?:'ve| have) (?:got )?(?:a lot|so much|enough|loads|too much) (?:on my plate|going on|on at the moment|to deal with)\b", "'{e}' excuses rather than listens"),
        c(r"\b(?:it's |it is |that's |that is |it wasn't |it isn't )?not my fault\b", "'{e}' denies any part in it"),
        c(r"\bi (?:had no|(?:really )?(?:didn't|did not) have (?:a|any|much)) (?:choice|option|other option)\b", "'{e}' excuses rather than listens"),
        c(r"\btoo,? you know\b|\bi work (?:all day|hard|long hours|full[- ]time)\b", "'{e}' counter-attacks"),
        c(r"\bit (?:wasn't|was not|isn't|is not) me (?:who|that)\b", "'{e}' denies any part in it"),
        c(r"\b(?:why|how come) (?:i'm|am i|i am|i should|should i) (?:getting|taking|get|take|be getting) (?:the )?blame\b|\bi (?:always |just |still )?(?:get|take) the blame\b", "'{e}' pushes the blame back"),
        c(r"\b(?:that's|that is) rich\b|\bcoming from you\b", "'{e}' counter-attacks"),
        c(r"\bi was (?:going to|gonna|about to|planning to|getting round to)\b|\b(?:didn't|haven't) got (?:round|around) to\b|\bdidn't get (?:round|around) to\b", "'{e}' excuses rather than listens"),
        c(r"\bdon't blame me\b", "'{e}' pushes the blame back"),
        # Not the friendly "What about you? How've you been?"
        c(r"\bwhat about (?:you|when you|your)\b(?!(?:,? though)?\?)", "'{e}' counter-attacks"),
        c(r"\bat least i\b", "'{e}' compares instead of listening"),
        c(r"\byou (?:don't|do not|didn't|aren't) exactly\b", "'{e}' counter-attacks"),
        c(r"\b(?:you're|you are|look who's|look who is) (?:one to talk|talking)\b", "'{e}' counter-attacks"),
        c(r"\b(?:that's|that is|it's|it is) (?:just |simply )?(?:not|so not) (?:true|fair|what happened|how it was)\b", "'{e}' denies rather than listens"),
        c(r"\bi(?: was|'m| am) (?:only|just) (?:trying|saying|asking|doing|being)\b", "'{e}' defends rather than listens"),
        c(r"\bso now you know\b|\bnow you know how it feels\b|\bi work too\b|\b(?:isn't|is not) the same (?:as|thing)\b", "'{e}' counter-attacks"),
        c(r"\byou know how it is\b|\b(?:life|things|work) (?:got|gets|has been|'s been) (?:busy|in the way|on top of me|hectic)\b", "'{e}' excuses rather than listens"),
        c(r"\byou don't believe me\b", "'{e}' bristles rather than listens"),
        c(r"\bi (?:didn't|did not) do anything\b", "'{e}' denies any part in it"),
        c(r"\bhow (?:was|am|were) i (?:supposed|meant) to know\b", "'{e}' defends rather than listens"),
        c(r"\bit's not like i\b", "'{e}' defends rather than listens"),
        c(r"\bi do (?:everything|all|so much|loads|plenty|my share|more than)\b", "'{e}' counter-attacks"),
        c(r"\byou(?:'re| are) no better\b|\byou do it too\b|\byou (?:do|did) (?:the )?same\b", "'{e}' counter-attacks"),
        c(r"\bi (?:can't|cannot|couldn't|could not) help it\b", "'{e}' excuses rather than listens"),
        c(r"\b(?:so (?:it's|this is)|(?:how|why)(?:'s| is) (?:that|this|it)) my (?:fault|problem)(?: now)?\b", "'{e}' pushes the blame back"),
        c(r"\bi(?:'ve| have) been (?:really |so )?busy\b", "'{e}' excuses rather than listens"),
        c(r"\bi(?:'m| am) doing my best\b", "'{e}' defends rather than listens"),
        c(r"\bwell,? (?:if )?you\b", "'{e}' counter-attacks", at_sentence_start=True),
        c(r"\bexcuse me\?", "'{e}' bristles rather than listens"),
        c(r"\bi never said\b", "'{e}' denies rather than listens"),
        c(r"\bno (?:i|i'm|i am|i didn't|i don't)\b(?=[^.!?\n]{0,30}[!])", "'{e}' denies rather than listens", at_sentence_start=True),
    ),
    "ultimatum": (
        c(r"\b(?:keep (?:this|that|it) up|do (?:that|this|it) again|try that again|carry on like this|(?:say|do) that one more time) and\b", "'{e}' makes a threat"),
        c(r"\bdon't expect me to (?:be here|be there|stay|wait|come|forgive|care|help|put up)\b", "'{e}' makes a threat"),
        c(r"\bone more (?:\w+ ){0,4}?and (?:i'm|i am|we're|we are|i'll|it's|that's|you're)\b", "'{e}' makes a threat"),
        c(r"\beither\b[^.!?\n]{1,80}\bor\b(?:[^.!?\n]{0,40})", "'{e}' attaches a threat to the request"),
        c(r"\bor (?:else|i'll|i will|i'm|i am|we're|we are|you can|you'll|don't bother|we're done|it's over|this (?:\w+ )?is over|that's it)\b", "'{e}' attaches a consequence to a demand"),
        c(r"\bif (?:you|this|that|it|he|she|nothing|things)\b[^.!?\n]{0,80}\b(?:i'll|i will|i'm|i am|we're|we are|then i)\s+(?:just |really |definitely |seriously )?"
          + THREAT, "'{e}' makes a threat"),
        # "If you're late one more time, that's it."
        c(r"\bif (?:you|this|that|it|he|she|nothing|things)\b[^.!?\n]{0,80}\b(?:that's it|it's over|we're (?:done|finished|through)|one more time)\b", "'{e}' makes a threat"),
        # "for the last time", "last chance"; not "you said that last time" (the previous one).
        c(r"\b(?:last|final|one more) (?:chance|warning)\b|\b(?:this is the|that's the|that is the|for the) (?:last|final) time\b|\blast time i(?:'m| am) (?:asking|telling|saying)\b", "'{e}' makes a threat"),
        c(r"\bdon't bother (?:coming (?:home|back)|calling|coming)\b", "'{e}' makes a threat"),
        c(r"\b(?:i'm|i am|i'll|i will) (?:be )?(?:leaving|leave you|moving out|walking out|filing for divorce|calling my lawyer|out of here)\b(?=[^.!?\n]{0,60}(?:\bif\b|\bunless\b|\bor\b))",
          "'{e}' makes a threat"),
        c(r"\bunless you\b[^.!?\n]{0,60}\b(?:i'll|i will|i'm|i am|we're)\b", "'{e}' attaches a consequence to a demand"),
        # "That's it, I'm leaving"; not "No, that's it. Thanks." (nothing more to add).
        c(r"\b(?:that's|this is) it\b[.!,]?\s*(?:i'm|i am|we're|we are|i'll|i will|i've had enough|get out)\b", "'{e}' ends things with a threat"),
        c(r"\byou(?:'ve| have) got until\b", "'{e}' sets a deadline with a threat"),
    ),
    # --- client: helpful patterns ---------------------------------------------------
    "i_statement": (
        c(I_FEEL + r"\s+" + INTENS + r"(?:like )?" + FEELING + r"\b(?! of you\b)", "'{e}' names your own feeling"),
        c(r"\b(?:it|that|this) (?:really |still |just )?(?:(?:hurts|hurt|upsets|upset|scares|scared|worries|worried|frightens|frightened|stings|stung) me|hurt|stung|stings|hurts)\b(?! you\b)",
          "'{e}' names your own feeling"),
        c(r"\b(?:it|that|this) (?:makes|made|leaves|left) me (?:feel\b|" + INTENS + FEELING + r"\b)", "'{e}' names your own feeling"),
        c(r"\bthe one who (?:feels|gets|ends up feeling|is left feeling) " + INTENS + FEELING + r"\b", "'{e}' names your own feeling"),
        c(r"\bmy (?:feelings were|feelings are) hurt\b", "'{e}' names your own feeling"),
        c(r"\bi (?:don't|do not|didn't) feel (?:like )?(?:you(?:'re| are| were) (?:listening|hearing)|(?:you|anyone) (?:listens|hears|cares|notices))\b",
          "'{e}' says how it feels from your side"),
        c(r"\bi(?:'m| am) (?:so |really |very )?(?:scared|afraid|worried|frightened) (?:that|of|about)\b", "'{e}' names your own feeling"),
        # "You're tired, I am too": the feeling just named, claimed as your own.
        c(r"\b(?:i am|i'm|i was) (?:too|as well)\b(?=\s*(?:[.!,;]|$))|\bso am i\b|\b(?:me too|me as well|same here)\b(?=\s*(?:[.!,;]|$))", "'{e}' shares the feeling as your own"),
        c(r"\bi (?:really |still |just |do )?miss\b(?! the (?:bus|train|point|deadline|call)\b)|\bi(?:'ve| have) (?:really |so )?missed (?:you|this|us|hearing|seeing|having|being|talking|our|my|the way|how)\b",
          "'{e}' names your own feeling"),
        c(r"\b(?:part of me|i) (?:still |just |often |sometimes |don't |do not |didn't )?(?:feels?|felt) (?:like i\b|like that\b|that way\b|the same\b)", "'{e}' says how it feels from your side"),
        c(r"\b(?:it|that|this)(?:'s| has)? (?:really |just |still |did |does )?(?:catch|catches|caught|floor|floors|floored|got to) me\b", "'{e}' names your own feeling"),
        c(r"\b(?:takes|took) a (?:weight|load) off\b|\b(?:that's|what) a relief\b|\bharder than i (?:thought|expected|imagined)\b|\b(?:that's|that is|it's) the (?:hard|hardest|worst) (?:bit|part)\b",
          "'{e}' names your own feeling"),
        c(r"\b(?:it|this|everything|that|it all) (?:still |just |really |all )?feels? (?:so |really |very |a bit )?(?:strange|weird|odd|wrong|unreal|empty|heavy|like fog|foggy|too much|impossible|overwhelming)\b|\b(?:makes|made) (?:today|it|things|this|everything|life) feel\b",
          "'{e}' names your own feeling"),
        c(r"\bi(?:'m| am) finding (?:\w+ ){1,5}?(?:really |so |very |quite |a bit )?(?:hard|difficult|tough|a lot|exhausting|overwhelming|too much)\b|\bwe(?:'re| are) both (?:feeling|missing|struggling|hurting|grieving|scared|worried|exhausted)\b",
          "'{e}' names your own feeling"),
        c(r"\bi (?:can't|cannot) (?:do|take|cope with) (?:any ?more|this any ?more)\b|\bi(?:'m| am) not (?:sure i'm |really |quite )?ready\b", "'{e}' names your limit"),
    ),
    "direct_request": (
        c(r"\b(?<!how )(?<!why )(?<!what )(?<!where )(?<!when )(?:can|could|would|will) you (?:please |maybe |possibly |just |also )?"
          r"(?!believe|imagine|blame|ever|not\b|even|be any|stop being|honestly|seriously|really|tell me why|be so|at least try|try harder|do more\b)(?:[a-z]+)\b"
          + ASKED, "'{e}' asks for something specific"),
        c(r"\b(?:would you mind|do you think you could|is there any (?:way|chance) you could|would it be (?:ok|okay|possible|all right|alright) (?:if|for you to|to))\b",
          "'{e}' asks for something specific"),
        # Not a vague wish: "I'd like you to just do more", "I need you to pull your weight".
        c(r"\bi(?:'d| would) (?:really )?(?:like|love|prefer|appreciate it if) (?:you|us|it if you|it if we|if you|if we|for you|for us|people|everyone|the team|them|him|her)\b"
          r"(?! to (?:just )?(?:do more|pull your weight|try harder|help more|care more|be (?:more|better)\b))",
          "'{e}' asks for something specific", negatable=True),
        c(r"\bi (?:just |really )?(?:need|want) (?:you|us) to (?!know\b|understand\b|stop being|feel\b|see\b|admit|(?:just )?(?:do more|pull your weight|try harder|help more|care more|be (?:more|better))\b)\b", "'{e}' asks for something specific", negatable=True),
        c(r"\b(?<!how )(?<!what )(?<!why )(?:can|could|may) i (?!(?:just |please |also )?(?:ask\b|start\b|try\b|say\b|go back\b|help\b|be\b|make\b|get you\b|do anything\b|have a (?:do-over|do over|redo|restart|second go)\b))(?:just |please |also )?[a-z]+\b" + ASKING, "'{e}' asks for something specific"),
        c(r"\bplease\b(?<=, please)", "'{e}' asks for something specific"),
        c(r"\bi(?:'m| am) asking (?:you|if you) (?:to|could)\b", "'{e}' asks for something specific"),
        c(r"\bplease (?!don't be|stop being)(?:[a-z]+)\b", "'{e}' asks for something specific", at_sentence_start=True),
        c(r"\b(?<!how )(?<!what )(?<!why )(?<!where )(?:can|could|shall) we (?!(?:both |just |all |also |each |maybe )?(?:start|begin|take (?:a|five|ten|two|some)\b|pause|back up|slow|stop|calm|try (?:that |this |it )?again|not\b|go back|leave it|come back|pick (?:this|it) up))(?:both |just |all |also |each |maybe )?[a-z]+\b"
          + ASKING, "'{e}' asks for something specific"),
        c(r"\b(?:maybe|perhaps) we could\b" + QUESTION, "'{e}' proposes something specific"),
        c(r"\blet's (?:agree|split|take turns|plan|swap|share|make a plan|set|decide|write|put)\b", "'{e}' proposes something specific"),
        c(r"\bit(?: would|'d) (?:really )?help (?:me )?(?:a lot )?if you\b", "'{e}' asks for something specific"),
        c(r"\bwhat i(?:'d| would)? (?:like|love|really like|need|really need|want) is\b", "'{e}' asks for something specific"),
    ),
    "checks_understanding": (
        c(r"\b(?:i'm not sure|i don't know if|not sure) i (?:follow|understand|get (?:it|you|what))\b|\bi don't (?:quite )?follow\b", "'{e}' says you want to understand"),
        c(r"\b(?:so )?(?:you(?:'re| are)|are you) saying\b", "'{e}' checks what the other person meant", negatable=True),
        c(r"\b(?:do|did) you mean\b", "'{e}' checks what the other person meant"),
        c(r"\bwhat (?:do|did) you mean\b(?! by that\?!)", "'{e}' asks what the other person meant"),
        c(r"\bis (?:that|this) (?:right|what you mean|what you meant|what you're saying|it|fair|how you see it|how it feels|how you feel)\?", "'{e}' checks what the other person meant"),
        c(r"\b(?:have|did) i (?:got|get|understood|understand) (?:that|this|you|it) right\b", "'{e}' checks what the other person meant"),
        c(r"\bam i (?:right|understanding|getting this right|hearing you right)\b", "'{e}' checks what the other person meant"),
        c(r"\bif i(?:'ve| have)? (?:understand|understood|get|got|heard) (?:you|that|this|it)\b", "'{e}' checks what the other person meant"),
        c(r"\blet me (?:check|make sure|see if) i\b", "'{e}' checks what the other person meant"),
        c(r"\b(?:so )?what (?:i'm hearing|i hear) (?:is|you say)\b", "'{e}' reflects back what was said"),
        c(r"\b(?:it )?sounds like you(?:'re| are| feel| felt| want| need| think|'ve| have)\b(?=[^.!?\n]{0,120}\?)", "'{e}' checks what the other person meant"),
        c(r"\bso you (?:feel|felt|think|thought|want|wanted|need|needed|mean|'d like|would like|were|are|'re|didn't|don't)\b" + QUESTION, "'{e}' reflects back what was said"),
        c(r"\bso (?:it's|it is|it was|is it|the problem is|for you)\b" + TO_QMARK, "'{e}' checks what the other person meant"),
        c(r"\b(?:is it|are you (?:upset|angry|annoyed|worried|hurt)) (?:that|because|about)\b(?=[^.!?\n]{0,120}\?)", "'{e}' checks what the other person meant"),
        c(r"\bdo you feel (?:like|that) i\b", "'{e}' checks how it looks from their side"),
        c(r"\bcorrect me if\b", "'{e}' checks what the other person meant"),
        c(r"\byou mean\b(?=[^.!?\n]{0,100}\?)", "'{e}' checks what the other person meant"),
    ),
    "validation": (
        c(r"\b(?:it's |that's )?(?:no surprise|not surprising|unsurprising)\b", "'{e}' accepts the other person's feeling"),
        c(r"\bi (?:can|could) (?:totally |really |completely |definitely |kind of )?(?:see|understand|tell|imagine|hear) (?:why|how|that|this|it|you)\b",
          "'{e}' acknowledges the other person's view", negatable=True),
        c(r"\b(?<!did )(?<!do )(?<!have )i (?:totally |really |completely |do )?(?:understand|get) (?:why|that|how|it|where you're coming from)\b(?! (?:wrong|right)\b)", "'{e}' acknowledges the other person's view", negatable=True),
        c(r"\b(?:that|it|this) (?:totally |completely |really )?makes (?:total |complete |a lot of )?sense\b", "'{e}' acknowledges the other person's view", negatable=True),
        c(r"\byou(?:'re| are) (?:right|not wrong)\b(?!\?)", "'{e}' acknowledges the other person's view", negatable=True),
        c(r"\byou(?:'ve| have) (?:got )?a (?:fair )?point\b", "'{e}' acknowledges the other person's view", negatable=True),
        c(r"\bfair (?:enough|point)\b|\b(?:that's|that is|that sounds) (?:fair|a fair point)\b|\bthat sounds right\b", "'{e}' acknowledges the other person's view", negatable=True),
        c(r"\b(?:that|it)(?: sounds| must be| must have been| must feel| would be|'s been| has been) (?:really |so |pretty |incredibly |very )?(?:hard|awful|tough|difficult|rough|stressful|frustrating|horrible|lonely|painful|scary|upsetting|a lot|like a lot|draining|maddening)\b",
          "'{e}' acknowledges how it is for the other person"),
        c(r"\bof course you(?:'re| are| feel| felt| were| want| wanted| need)\b", "'{e}' accepts the other person's feeling"),
        c(r"\b(?:it's|it is|that's) (?:totally |completely |really )?(?:understandable|fair enough|reasonable)\b", "'{e}' acknowledges the other person's view", negatable=True),
        c(r"\bi(?:'d| would)(?: probably| definitely| totally)? (?:be|feel|have been|have felt) (?:\w+ ){0,2}?(?:too|as well|the same)\b", "'{e}' accepts the other person's feeling"),
        c(r"\bi hear (?:you|that|what you're saying)\b", "'{e}' acknowledges the other person's view"),
        c(r"\bi know (?!you think|you just|you only|you don't|you won't|you never)[^.!?\n]{0,30}?\b(?:hard|difficult|tough|a lot|stressful|exhausting|rough|busy|overwhelming|tiring|draining|a long|heavy)\b",
          "'{e}' acknowledges how it is for the other person"),
        c(r"\bi know you(?:'re| are|'ve been| have been) (?:really |so )?(?:tired|busy|stressed|worried|exhausted|under pressure|doing your best|trying)\b",
          "'{e}' acknowledges how it is for the other person"),
        c(r"\byou(?:'ve| have) (?:had|been having) a (?:long|hard|tough|rough|busy|horrible|awful|difficult|stressful|lot)\b", "'{e}' acknowledges how it is for the other person"),
        c(r"\b(?:thank you|thanks) (?:so much )?for (?:not )?(?!nothing\b|ruining\b|wrecking\b|spoiling\b|ignoring\b|forgetting\b|embarrassing\b|letting me down\b)\w+ing\b|\b(?:(?:it's|that's|that is|it is) (?:really |so |very )?|(?:really|so|very) )(?:kind|nice|sweet|thoughtful|good) of you\b|\bit means a lot\b|\bit helps (?:knowing|to know)\b",
          "'{e}' welcomes what the other person did"),
        c(r"\byou (?:couldn't|could not|wouldn't|would not) (?:have )?(?:known|know)\b|\byou weren't to know\b", "'{e}' lets the other person off the hook"),
        c(r"\b(?:it )?sounds like (?:you|she|he|they|we both)\b(?!(?:'re| are|'ve| have)? (?:don't|do not|didn't|never|only|just|can't|won't|always|think|want)\b)" + NOT_QUESTION, "'{e}' reflects how it is for the other person"),
        c(r"\byou do (?:a lot|so much|loads|plenty)\b", "'{e}' acknowledges what the other person does"),
        c(r"\bi appreciate (?:you|that|how|what you|everything you)\b", "'{e}' acknowledges the other person", negatable=True),
    ),
    "owns_part": (
        c(r"\bi owe you an? (?:apology|explanation)\b", "'{e}' apologises"),
        c(r"\b(?:embarrassed|ashamed|sorry|not proud) (?:about|of) (?:how|what) i\b", "'{e}' owns a part in it"),
        c(r"\bi (?:don't|do not|didn't) (?:always )?(?:get (?:it|everything|things) right|handle (?:it|things|this) well)\b", "'{e}' owns a part in it"),
        c(r"\bi was (?:short|sharp|rude|harsh|snappy|mean|unfair|horrible|grumpy|unkind|nasty) (?:with|to) you\b", "'{e}' owns a part in it"),
        c(r"\b(?:i'm|i am) (?:so |really |very |truly )?sorry\b(?! (?:you feel|if you|but you|that you feel)\b)", "'{e}' apologises", negatable=True),
        c(r"\bsorry\b(?! (?:you feel|if you|but you|that you feel|,? what|\?)\b)(?!\?)", "'{e}' apologises", negatable=True, at_sentence_start=True),
        c(r"\bi apologi[sz]e\b", "'{e}' apologises", negatable=True),
        c(r"\b(?:(?:it's|it is|that's|that is|this is|it was) )?(?:partly |mostly |all |completely |totally )?(?<!is that )(?<!is it )(?<!is this )(?<!was that )(?<!was it )my (?:fault|bad|mistake)\b", "'{e}' owns a part in it", negatable=True),
        c(r"\b(?:that's|that is|this is) on me\b", "'{e}' owns a part in it", negatable=True),
        c(r"\bi (?:was|got it) wrong\b", "'{e}' owns a part in it", negatable=True),
        c(r"\bi (?:shouldn't|should not|should|should've)(?: have)? (?!you\b|need to\b|have to\b|to\b|be (?:the one|expected)\b)[a-z]+\b(?! you to\b)",
          "'{e}' owns a part in it"),
        c(r"\bi (?:could've|could have) (?:handled|done|said|dealt with|managed) (?:\w+ ){0,2}?(?:better|differently|more kindly)\b",
          "'{e}' owns a part in it"),
        c(r"\bi know i(?:'ve| have)? (?:snapped|shouted|yelled|was|been|haven't|have not|did|forgot|said|messed|made|hurt|let|left|should|could|can be|get|got|overreacted)\b",
          "'{e}' owns a part in it"),
        c(r"\bi (?:realise|realize|admit|see now|recognise|recognize|accept) (?:that )?(?:i|my)\b", "'{e}' owns a part in it"),
        c(r"\bi (?:haven't|have not) been (?:great|good|fair|very good|the best|pulling my weight|there|helping|listening|easy|clear)\b", "'{e}' owns a part in it"),
        c(r"\bi (?:overreacted|messed up|screwed up|let you down|dropped the ball|forgot|snapped|lost my temper|went too far|was unfair|was harsh)\b",
          "'{e}' owns a part in it", negatable=True),
        c(r"\bi never meant to\b|\bi didn't mean to\b", "'{e}' owns the effect of what you did"),
        c(r"\bi take (?:full )?responsibility\b|\bpart of (?:this|it|that) is (?:on )?me\b|\bi (?:played|had) a part\b", "'{e}' owns a part in it"),
        c(r"\bi(?:'ve| have) been (?:short|snappy|grumpy|difficult|absent|unfair|moody|hard to|hinting|sulking|avoiding|taking over|hovering|keeping score|distant)\b", "'{e}' owns a part in it"),
        c(r"\bi (?:haven't|have not|hadn't) (?:actually |really |ever )?(?:said it|said so|said that|told you|asked you|asked for|mentioned it|explained)\b|\bi (?:don't|do not) always (?:see|notice|listen|think|realise|realize|say)\b",
          "'{e}' owns a part in it"),
        c(r"\bi(?:'d|'ve| had| have)? (?:been meaning to|kept (?:not|putting (?:it|this) off))\b|\b(?:than|what) i(?:'ve| have)? let on\b", "'{e}' owns a part in it"),
        c(r"\b(?:fair|true|right)[,.;:]? i (?:do|did|can be|have been|'ve been) (?!not\b|everything\b|all\b|so much\b|my share\b)\w+", "'{e}' concedes your part"),
    ),
    "open_question": (
        c(r"\b(?:what|how|which|in what way)\b(?!,)(?! (?:are you,|is wrong|is your problem|the hell|on earth|dare|could you|do you mean|did you mean|many times|hard|come you never|is it with you|did you expect|was i supposed|am i supposed|the heck)\b)(?!'s (?:wrong|your problem|the point|the matter with you)\b)"
          + TO_QMARK, "'{e}' invites the other person to say more", at_sentence_start=True),
        # "hows work going", "what are you up to this weekend": asking by word order alone.
        c(r"\b(?:how|what)(?:'s| is| are| was| were| have| has| did| do| does| would| will| can| could)\b"
          r"(?! (?:wrong|done|your problem|the point|the matter|the use|i (?:supposed|meant)|that (?:fair|my fault|my problem)|you (?:think you're|playing at|on about))\b)"
          + TO_END, "'{e}' invites the other person to say more", at_sentence_start=True),
        c(r"\btell me (?:more|about|what|how|a bit)\b", "'{e}' invites the other person to say more"),
        c(r"\b(?:can|could|may) i ask (?:how|what|about)\b" + QUESTION, "'{e}' invites the other person to say more"),
        c(r"\bhelp me (?:understand|see)\b", "'{e}' invites the other person to say more"),
        c(r"\bi(?:'d| would) (?:love|like) to (?:hear|know|understand) (?:more|what|how|about)\b", "'{e}' invites the other person to say more"),
        c(r"\bwhat(?:'s| has) (?:it|that|this|the week|work|today) been like\b", "'{e}' invites the other person to say more"),
    ),
    "repair": (
        c(r"\blet's not (?:fight|argue|row|fall out|shout)\b", "'{e}' de-escalates"),
        c(r"\b(?:do-over|do over|redo|rewind)\b|\b(?:that's|that is|that was|that wasn't|wasn't|isn't) (?:not )?what i meant\b", "'{e}' offers a restart"),
        c(r"\b(?:can|could|shall|may) (?:we|i) (?:just )?(?:start|begin|try|say) (?:(?:that|this|it) )?(?:again|over|differently)\b|\b(?:can|could|shall|may) (?:we|i) (?:just )?go back a (?:step|bit|second|moment|minute)\b", "'{e}' offers a restart"),
        c(r"\blet me (?:try|start|say) (?:that |it |this )?(?:again|differently|over|another way)\b|\blet me rephrase\b", "'{e}' offers a restart"),
        c(r"\b(?:that|it) came out (?:\w+ ){0,2}?(?:wrong|badly|the wrong way|harsh|harsher|sharp|sharper|huge|mean|meaner|worse|rude)\b", "'{e}' softens what was said"),
        c(r"\bi didn't mean (?:it|that) (?:like that|the way it|to sound|how it)\b", "'{e}' softens what was said"),
        c(r"\b(?:let's|let us|can we|could we|shall we) (?:both |all |just )?(?:take|have) (?:a|five|ten|two|a few|some|a couple of) ?(?:break|breather|breath|deep breath|minute|minutes|moment|pause|second|step back|time out)\b",
          "'{e}' pauses before things escalate"),
        c(r"\b(?:let's|let us|can we|could we|shall we) (?:both |just |all )?(?:slow down|calm down|pause|stop for a (?:second|minute|moment)|step back|back up|come back to (?:this|it)|pick (?:this|it) up|talk (?:about (?:this|it) )?(?:later|tomorrow|tonight|in the morning|when)|leave (?:it|this|that) (?:for (?:now|tonight|today|the (?:moment|night))|till|until))\b",
          "'{e}' pauses before things escalate"),
        c(r"\bi (?:don't|do not) want (?:to (?:fight|argue|row)|us to (?:fight|argue))\b", "'{e}' de-escalates"),
        c(r"\bwe(?:'re| are) on the same (?:side|team)\b", "'{e}' de-escalates"),
        c(r"\b(?:we can|we'll|we will|let's) (?:work|figure|sort) (?:this|it|things) out\b", "'{e}' de-escalates"),
        c(r"\bi (?:just )?want (?:us )?to (?:work|figure|sort) (?:this|it|things|something) out\b", "'{e}' de-escalates"),
        c(r"\bcan we (?:just )?(?:take a (?:step|breath)|reset|hit pause|rewind)\b", "'{e}' offers a restart"),
        c(r"\bi love you\b", "'{e}' reassures in the middle of the disagreement"),
    ),
    # --- therapist: IPT techniques --------------------------------------------------
    "exploratory_question": (
        c(r"\bi(?:'d| would) (?:like|love) to (?:hear|know|understand) (?:more|about|what|how)\b|\bhear more\b", "'{e}' opens room for the client's account"),
        c(r"\b(?:can|could|would) you (?:tell|say|share|talk)(?: me| a bit| a little)* (?:more|about|a bit|a little|what|how)\b", "'{e}' opens room for the client's account"),
        c(r"\btell me (?:more|about|a bit|a little|what|how)\b", "'{e}' opens room for the client's account"),
        c(r"\bsay (?:a bit |a little )?more\b", "'{e}' opens room for the client's account"),
        c(r"\bwhat(?: was| is| has|'s) (?:that|it|this)(?: \w+)? (?:been )?like\b|\bwhat (?:was|is) (?:he|she|[a-z]+) like\b" + ASKING, "'{e}' opens room for the client's account"),
        c(r"\bwhat made (?:you|[a-z]+)\b|\bin what way\b|\bwhat(?:'s| is| has been) different\b|\bwhat would you like (?:to|from|for)\b|\bwhat used to\b|\bwhat (?:does|did) (?:\w+ ){1,4}?mean (?:to|in|for)\b|\bwhat would (?:he|she|they|[a-z]+) make of\b|\bwhen did (?:the|it|this|that|things|you|your)\b(?=[^.!?\n]{0,80}\?)|\bhow (?:have|has) (?:things|it|you|life|work|(?:your|the) \w+) been\b(?! feeling)|\bcan i ask (?:a bit |a little )?more\b",
          "'{e}' opens room for the client's account"),
        # Not a topic in a list ("talking about her and what happened"), unless asked.
        c(r"\b(?<!and )what " + WHAT_OPENS + r"\b|\bwhat " + WHAT_OPENS + r"\b" + ASKING,
          "'{e}' opens room for the client's account"),
        c(r"\bhow(?:'s| did| does| has| have| was| were| is| are) (?:[\w']+ ){1,5}?(?:go|going|gone|been going|went|turn out|turned out|unfold|end up|ended up)\b" + ASKING,
          "'{e}' opens room for the client's account"),
        c(r"\bi(?:'m| am) (?:curious|wondering) (?:about|what|how)\b", "'{e}' opens room for the client's account"),
        c(r"\bhelp me understand\b", "'{e}' opens room for the client's account"),
        c(r"\bgo on\b", "'{e}' opens room for the client's account", at_sentence_start=True),
    ),
    "interpersonal_inventory": (
        c(r"\b(?:anyone|anybody|someone|somebody) (?:you can|you could|to|who you can|you'd) (?:talk|turn|call|rely|lean|confide|go)\b", "'{e}' asks about the people in the client's life"),
        c(r"\bwho (?:are|is|do you|else|in your life|would you|could you|have you|has been|are the)\b", "'{e}' asks about the people in the client's life"),
        c(r"\b(?:your|the) (?:relationship|relationships|friendship|friendships) with\b", "'{e}' asks about an important relationship"),
        c(r"\b(?:important |close |main )?people in your life\b", "'{e}' asks about the people in the client's life"),
        c(r"\b(?:close|closest|nearest) to\b", "'{e}' asks about the people in the client's life"),
        c(r"\bhow (?:do|did) you (?:and your|get on with|get along with)\b|\bget (?:on|along) with (?:your|him|her|them)\b", "'{e}' asks about an important relationship"),
        c(r"\b(?:your|a) (?:support|supports|support network|social life|friends|family)\b(?=[^.!?\n]{0,80}\?)", "'{e}' asks about the people in the client's life"),
        c(r"\bwhat(?: is|'s| was) (?:it|he|she|things) like (?:with|at home with|when (?:she|he|they))\b", "'{e}' asks about an important relationship"),
        c(r"\bsomeone you (?:trust|can talk to|could call)\b", "'{e}' asks about the people in the client's life"),
    ),
    "encourage_affect": (
        # "Feeling angry with someone you loved is very common": the feeling, accepted.
        c(r"\b(?:feeling|to feel|being) " + INTENS + FEELING + r"\b[^.!?\n]{0,60}\b(?:is|can be|are) (?:very |really |so |completely |perfectly |quite |entirely )?(?:common|normal|natural|understandable|okay|ok|all right|human)\b",
          "'{e}' accepts the feeling as natural"),
        c(r"\b(?:that|it) must (?:have been|be|feel|have felt) (?:so |really |very |incredibly )?(?:frightening|scary|painful|hard|awful|lonely|upsetting|sad|distressing|terrifying|overwhelming|hurtful|difficult|heartbreaking)\b",
          "'{e}' names the feeling you hear"),
        c(r"\byour (?:voice|face|eyes) (?:changed|dropped|shook|went|filled|softened|tightened|welled)\b|\b(?:welling up|tearful|tears)\b", "'{e}' notices the feeling in the room"),
        c(r"\b(?:(?:it )?(?:sounds|seems|looks) (?:like )?(?:you(?:'re| are| were| feel| felt|'ve been| have been) )?|you (?:sound|seem|look)(?:ed)? )" + INTENS
          + FEELING + r"\b", "'{e}' names the feeling you hear"),
        c(r"\b(?:sounds|seems) (?:like )?(?:a |it was |that was |that's |it's )?(?:really |very |so |incredibly )?(?:painful|hard|sad|upsetting|frightening|distressing|heartbreaking|lonely|devastating)\b",
          "'{e}' names the feeling you hear"),
        c(r"\b(?:it's|it is|that's|that is) (?:all right|alright|okay|ok|natural|understandable|normal|completely understandable) (?:to|that you) (?:feel|be|cry|still|say (?:it|that|so))\b", "'{e}' makes room for the feeling"),
        c(r"\bi(?:'m| am) so sorry\b|\b(?:a lot|so much|hard \w+|heavy) to carry\b|\b(?:hard|difficult|tough|painful) (?:word|thing) to hear\b|\bno right (?:speed|way|time)\b|\bi(?:'m| am) glad you (?:told|said|shared)\b|\b(?:that|it|this) sounds (?:really |so )?exhausting\b",
          "'{e}' accepts the painful feeling"),
        c(r"\blike for you\?", "'{e}' invites the client's feelings"),
        c(r"\bhow you(?:'re| are| were|'ve been| have been) feeling\b(?! (?:since|after|in the (?:days|weeks)|around|when|these)\b)|\bhow it(?:'s| has) been for you\b|\b(?:make|made|makes) you (?:feel |so )?(?:cross|angry|sad|upset|furious|hurt|anxious|frustrated|guilty|low)\b|\bi can hear how (?:\w+ ){0,2}?(?:it felt|that felt|you felt)\b",
          "'{e}' invites the client's feelings"),
        c(r"\bwhat (?:are|were|did) you (?:feeling|feel)\b|\bhow (?:are|were) you feeling\b(?! (?:since|after|in the (?:days|weeks)|around|when)\b)|\bwhat(?:'s| is| was) the feeling\b", "'{e}' invites the client's feelings"),
        c(r"\bhow (?:did|does|do|would) (?:that|it|this|you) (?:feel|make you feel|leave you feeling)\b", "'{e}' invites the client's feelings"),
        c(r"\b(?:what|any) feelings?\b", "'{e}' invites the client's feelings"),
        c(r"\b(?:take your time|there's no rush)\b", "'{e}' makes room for the feeling"),
        c(r"\bi (?:can )?(?:notice|see|hear) (?:some |the |your )?(?:tears|sadness|anger|hurt|pain|emotion|how much)\b", "'{e}' names the feeling you hear"),
    ),
    "clarification": (
        c(r"\bso (?:you|what you're|it was|it's|he|she|they|on one|if|part of you)\b(?!(?: and| both)\b)(?=[^.!?\n]{6,})", "'{e}' restates what the client said", at_sentence_start=True),
        # "So bowls was part of your life together", "So the missing piece is the why".
        c(r"\bso (?:the |your |his |her |their |this |that )?(?!(?:what|how|why|when|where|who|which|much|many|far|long|there|i|we|let's)\b)[a-z]+(?: [a-z]+)? (?:is|was|are|were|has been|had been)\b" + NOT_QUESTION + r"(?=[^.!?\n]{6,})",
          "'{e}' restates what the client said", at_sentence_start=True),
        c(r"\blet me (?:check|see if|make sure) (?:i(?:'ve| have)?|that i)\b", "'{e}' checks your understanding"),
        c(r"\bif i(?:'ve| have)? (?:got|understood|understand|heard) (?:this|that|you)\b", "'{e}' checks your understanding"),
        c(r"\b(?:earlier|a moment ago|before|last week) you (?:said|mentioned|told me)\b", "'{e}' points back to what the client said"),
        c(r"\byou (?:said|say|told me|mentioned)\b[^.!?\n]{0,80}\b(?:but|yet|and yet|although)\b", "'{e}' gently points out something that doesn't fit"),
        c(r"\bwhat i(?:'m| am) hearing\b|\bi(?:'m| am) hearing that\b", "'{e}' restates what the client said"),
        c(r"\bcorrect me if\b|\bam i right (?:that|in thinking)\b|\b(?:does|is) (?:that|this) (?:fit|close|sound right|ring true|right)\?", "'{e}' checks your understanding"),
        c(r"\bi(?:'m| am) struck (?:that|by)\b|\byou started to (?:say|tell)\b|\bi can hear that\b|\bit sounds like (?:you|losing|your)\b|\byou (?:wanted|meant|hoped)\b[^.!?\n]{0,60}\b(?:and|but) what\b", "'{e}' reflects back what the client said"),
        c(r"\bi notice(?:d)? (?:that )?you (?:said|say|called|described|smiled|laughed)\b", "'{e}' gently points out something that doesn't fit"),
    ),
    "communication_analysis": (
        c(r"\bwhat (?:was it|did) you (?:want|wanted|hope|hoped|mean|meant)(?: (?:him|her|them))? to (?:understand|hear|know|get|take)\b|\bwhen you said (?:that|it|this)\b",
          "'{e}' asks what was meant in one exchange"),
        c(r"\bwhat (?:exactly |actually )?did (?:you|he|she|they) (?:actually |exactly |really )?(?:say|tell|reply|answer|do|mean)\b(?!(?:[^.!?\n]{0,30})\b(?:feel|mood)\b)", "'{e}' asks for the detail of one exchange"),
        c(r"\bwhat did you (?:say|do) (?:back|next|then|after that)\b", "'{e}' asks for the detail of one exchange"),
        c(r"\bwhen (?:he|she|they|you|your \w+) (?:said|says|told you|told|asked|shouted|did|walked off|walked out|left|hung up)\b[^.!?\n]{0,80}\b(?:what|how)\b", "'{e}' slows down on one exchange"),
        c(r"\b(?:walk|talk) me through\b", "'{e}' asks for the detail of one exchange"),
        c(r"\b(?:word for word|exact words|blow by blow)\b", "'{e}' asks for the detail of one exchange"),
        c(r"\bwhat were you (?:hoping|trying|wanting) to (?:say|get across|tell|communicate)\b", "'{e}' asks what was meant"),
        c(r"\bhow do you think (?:he|she|they|it|(?:that|the|this|your|his|her|their) (?:\w+ )?\w+|[a-z]+) (?:heard|took|understood|received|read|looked|came across|landed|sounded)\b|\bhow might (?:he|she|they) have (?:read|heard|taken|understood)\b|\bwhat (?:he|she|they|[a-z]+) (?:heard|saw) was\b",
          "'{e}' asks how the message landed"),
        c(r"\bwhat were you hoping [a-z]+ (?:would|might) (?:understand|hear|know|get|take)\b", "'{e}' asks what was meant"),
        c(r"\bwhere were you (?:when|and)\b|\bwhere were you,|\bwhat was happening (?:just )?before\b|\bstep by step\b|\bfrom the (?:start|beginning)\b|\bgo through (?:it|that|this|what happened)\b|\btake me through\b|\bslow (?:\w+ )?(?:right )?down\b|\blook closely at\b|\blook at what (?:happened|was said)\b",
          "'{e}' slows down on one exchange"),
        c(r"\bwhat (?:happened|did (?:he|she|they) say) next\b", "'{e}' asks for the detail of one exchange"),
        c(r"\bwhat did you want (?:him|her|them) to (?:hear|know|understand)\b", "'{e}' asks what was meant"),
        c(r"\bhow did (?:you|he|she|they) (?:respond|react|reply|answer|put it|say it)\b", "'{e}' asks for the detail of one exchange"),
        c(r"\bwhat (?:was|were) (?:said|the words)\b", "'{e}' asks for the detail of one exchange"),
    ),
    "decision_analysis": (
        c(r"\bwhich (?:of (?:those|these|them|the|your) )?(?:options?|choices?|paths?|ideas|ways|routes)\b|\b(?:feels?|seems?) (?:the )?most (?:doable|realistic|possible|right|manageable)\b",
          "'{e}' helps weigh the options"),
        c(r"\b(?:what|which) (?:are|were|might be|could be) (?:your|the|some) (?:options|choices|alternatives|possibilities)\b|\bwhat (?:options|choices|alternatives)\b",
          "'{e}' helps the client lay out options"),
        c(r"\b(?:different|other|some|the) (?:of the )?ways (?:you could|of|to|you might)\b|\bways (?:you could|you might)\b|\b(?:different|other) ways\b|\blet's think (?:about|it through|through)\b|\bwhat you (?:could|might) (?:say|do|try)\b|\beach of (?:those|these|them)\b", "'{e}' helps the client lay out options"),
        c(r"\bwhat (?:could|might|else could|else might|would) you (?:do|try)\b|\bwhat would you (?:gain|lose|be giving up|give up|miss|be risking)\b|\bif you went ahead\b", "'{e}' helps the client lay out options"),
        c(r"\bwhat (?:might|would|could|do you think would|do you think might) happen if\b", "'{e}' helps weigh an option"),
        c(r"\b(?:pros and cons|upsides and downsides|advantages and disadvantages|weigh (?:up|them|it|those)|for and against)\b", "'{e}' helps weigh the options"),
        c(r"\bhow (?:might|could|would) you (?:handle|approach|respond|go about|tackle)\b", "'{e}' helps the client lay out options"),
        c(r"\bwhat would (?:it|that) (?:look like|mean|cost you) (?:if|to)\b", "'{e}' helps weigh an option"),
        c(r"\bwhat (?:are|were) you (?:weighing|considering|thinking of doing)\b", "'{e}' helps weigh the options"),
    ),
    "role_play": (
        c(r"\b(?:practise|practice|practising|practicing|rehearse|rehearsing|rehearsal|role-?play|role play|act it out|run through it)\b", "'{e}' proposes a rehearsal"),
        c(r"\bi(?:'ll| will| can| could) (?:be|play|pretend to be) (?:your|him|her|them|the|sam|\w+ for)\b", "'{e}' offers to play the other person"),
        c(r"\b(?:pretend|imagine) (?:i'm|i am|that i'm|that i am)\b|\bas if i (?:were|was)\b", "'{e}' sets up a rehearsal"),
        c(r"\btry saying\b|\bsay it to me\b|\btry (?:it|that) again\b|\bas [a-z]+, i(?: might| would|'d)? say\b|\b(?:feel|like) to say (?:it|that|those words)\b", "'{e}' sets up a rehearsal"),
    ),
    "link_mood_event": (
        c(r"\b(?:got|get|gets|getting|grew|became|felt|feel|feels) (?:much |a lot |so |even |a bit |a little )?(?:darker|worse|lower|heavier|bleaker|better|brighter|lighter)\b[^.!?\n]{0,40}\b(?:after|since|when|around|on the (?:days|weeks)|the (?:days|weeks))\b",
          "'{e}' connects mood with what happened"),
        c(r"\b(?:your|my|the) (?:low |bad |dark |black )?mood\b", "'{e}' connects mood with what happened"),
        c(r"\b(?:since|after|around|when) (?:the|that|your|you|he|she|they)\b[^.!?\n]{0,60}\b(?:have you been|you've been|were you|did you) (?:feeling|felt)\b", "'{e}' connects mood with what happened"),
        c(r"\bsince (?:she|he|they|your \w+) (?:died|passed|left)\b|\bsince the (?:funeral|death|loss|break-?up|birth|move|row|argument)\b", "'{e}' ties how things have been to what happened"),
        c(r"\bhow (?:have|were|did) you (?:been )?(?:feeling|felt|feel) (?:since|after|around|when|in the days)\b", "'{e}' connects mood with what happened"),
        c(r"\b(?:depression|low mood|feeling low|feeling down|the low|the grey|the sadness|the darkness) (?:got|get|gets|getting|grew|came back|started|lifted|eased|began)\b|\b(?:start|started|began|begin) to (?:go|get|feel|turn) (?:grey|dark|darker|low|heavy|worse|bleak)\b", "'{e}' connects mood with what happened"),
        c(r"\b(?:started|began) (?:to feel|feeling) (?:low|down|depressed|worse)\b", "'{e}' connects mood with what happened"),
        c(r"\b(?:connection|link) between (?:how you(?:'re| are)? feel|your)\b", "'{e}' connects mood with what happened"),
        c(r"\bfelt (?:lower|worse|better|down|low) (?:since|after|when)\b", "'{e}' connects mood with what happened"),
    ),
    "psychoeducation": (
        c(r"\b(?:depression|grief|low mood) (?:is|can|often|usually|makes|tends|affects|isn't|is not|takes|lies|drains|saps|steals|comes)\b", "'{e}' explains depression"),
        c(r"\b(?:a|an) (?:real |medical |common |treatable |genuine )*(?:illness|condition)\b", "'{e}' frames depression as an illness"),
        c(r"\b(?:it's|it is|that's|this is|that is) not (?:your|a) (?:fault|weakness|character flaw|failing)\b", "'{e}' takes blame off the client"),
        c(r"\bsick role\b|\btreatable\b|\bcan be treated\b|\bsounds? like depression\b", "'{e}' frames depression as an illness"),
        c(r"\b(?:it|depression|this|the low|the grey) (?:usually|often|tends to|will) (?:lift|lifts|ease|eases|improve|improves|get better|gets better)\b", "'{e}' explains the course of depression"),
        c(r"\bexplain how (?:this|it|this therapy|the therapy|the treatment) works\b|\b(?:a|the) (?:treatment|therapy) (?:of|that|which|for)\b|\b(?:twelve|12|sixteen|16) (?:weekly )?(?:sessions|weeks)\b", "'{e}' explains the IPT frame"),
        c(r"\bno right (?:speed|way|time) (?:for|to)\b|\bis (?:very |really |so |completely |perfectly )?(?:common|normal)\b", "'{e}' normalises the experience"),
        c(r"\b(?:symptom|symptoms|sign|signs) of (?:the )?(?:depression|illness|grief)\b", "'{e}' explains depression"),
        c(r"\b(?:it's|it is) (?:very |really |so )?(?:common|normal) (?:for|to|after|when)\b", "'{e}' normalises the experience"),
        c(r"\b(?:while|as) you(?:'re| are)? (?:recover|recovering|getting better|get better|unwell|ill|not well|depressed|poorly)\b|\b(?:it's|it is) (?:okay|ok|all right|alright|fine) to (?:do less|take (?:things|it) (?:a (?:little|bit) )?(?:easier|easy|slower)|rest)\b", "'{e}' explains the recovery frame"),
        c(r"\b(?:in (?:ipt|this therapy|this treatment|our work|these sessions)|we(?:'ll| will) (?:focus|be focusing|work) on)\b", "'{e}' explains the IPT frame"),
        c(r"\b(?:many|lots of|a lot of|most) people (?:with|who|going through|find|feel|experience|notice)\b|\b(?:that's|that is|it's|which is) (?:very |really |completely |perfectly )?(?:normal|common)\b", "'{e}' normalises the experience"),
    ),
    "closed_question": (
        # Not a tag question ("..., don't you think?"), which leads rather than asks.
        # Typed without the mark ("did he apologise at all"), a pronoun or "your ..." must
        # follow the verb, so "have a think about it" stays advice, not a question.
        c(r"\b" + NOT_CLOSED_BEFORE + AUX + r" (?:(?:" + SUBJ + r"|[a-z]+)\b" + NOT_CLOSED_AFTER + TO_QMARK
          + r"|(?:you|he|she|they|it|that|this|there|we|things|everything|anyone|someone|(?:your|his|her|their) \w+)\b"
          + NOT_CLOSED_AFTER + TO_END + r")", "'{e}' invites a yes or no", at_sentence_start=True),
        c(r"\bany (?:thoughts|ideas|questions|plans)\?", "'{e}' invites a yes or no", at_sentence_start=True),
        c(r"\bhow (?:long ago|old|many (?:times|years|weeks|months|days))\b" + TO_QMARK, "'{e}' asks for a fact", at_sentence_start=True),
    ),
    # --- therapist: off-model moves -------------------------------------------------
    "premature_advice": (
        c(r"\btry (?:telling|asking|saying|talking|going|leaving|being|to (?:tell|ask|talk|get|be))\b(?![^.!?\n]{0,30}\b(?:to me|with me|here|on me)\b)",
          "'{e}' tells the client what to do before exploring", at_sentence_start=True),
        c(r"\byou (?:two |both |guys |all )?(?:really |just |honestly |definitely |probably )?(?:should|shouldn't|need to|have to|must|ought to|'ve got to|have got to|'d better|had better|could just|might just want to)\b(?! (?:feel|be feeling|be so)\b)",
          "'{e}' tells the client what to do before exploring", negatable=True),
        c(r"\bwhy (?:don't you|not)(?: just)?\b", "'{e}' steers to a solution before exploring"),
        c(r"\b(?:have you (?:tried|thought about|considered)|did you try) (?:just )?(?:\w+ing)\b", "'{e}' steers to a solution before exploring"),
        c(r"\bif i were you\b|\bmy advice\b|\bi(?:'d| would) (?:suggest|recommend|advise)\b(?!" + THERAPY_WORK + r")|\bi (?:suggest|recommend|advise)\b(?!" + THERAPY_WORK + r")", "'{e}' gives advice before exploring"),
        c(r"\bthe best thing (?:to do|would be|you can do)\b|\bwhat you need to do\b", "'{e}' gives advice before exploring"),
        c(r"\b(?:just|simply) (?:tell|ask|leave|say|call|go|stop|ignore|move)\b", "'{e}' tells the client what to do before exploring", at_sentence_start=True),
        c(r"\bi think you (?:should|need|ought|have to|must)\b", "'{e}' tells the client what to do before exploring"),
        c(r"\bit (?:might|may|could|would|will) (?:really )?help (?:to|if you)\b(?![^.!?\n]{0,40}\b(?:practi[cs]e|rehears|role[- ]?play|go through|look at|slow down|talk (?:about|it through|me)|think (?:about|through)|hear|explore|understand|tell me)\b)",
          "'{e}' steers to a solution before exploring"),
        c(r"\bit might be (?:worth|time|best|good)\b|\b(?:maybe|perhaps) you could\b|\b(?:maybe|perhaps) (?:just )?try\b|\bnext time,? (?:just )?(?:tell|say|ask|try|leave)\b|\bi(?:'d| would) (?:just )?(?:tell (?:him|her|them)|drop|leave)\b|\bthe sooner the better\b|\byou(?:'d| would)(?: have|'ve)? be(?:en)? better off\b",
          "'{e}' steers to a solution before exploring"),
        c(r"\b(?:sounds|seems) (?:like )?(?:the )?(?:most practical|most sensible|best (?:option|idea|plan))\b", "'{e}' gives your view of the answer before exploring"),
    ),
    "off_model": (
        c(r"\bremind(?:s|ed)? you of (?:your|when you were|how you) ?(?:father|mother|dad|mum|mom|parents|childhood|brother|sister|past|were|felt)?\b|\b(?:feel|felt|feeling) (?:that way |like that )?with me\b",
          "'{e}' turns to the past or to the therapy relationship"),
        c(r"\bthinking (?:errors?|traps?|styles?|patterns?)\b|\bunhelpful (?:thinking|thoughts?)\b", "'{e}' disputes thoughts rather than exploring relationships"),
        c(r"\b(?:brought up|raised) to\b|\bwhere (?:do you think )?(?:you|did you) (?:learn|learned|learnt|picked up)\b|\bwhere (?:does|did) (?:that|this|it|'[^'\n]{1,60}') come from\b|\bold (?:belief|pattern|wound)s?\b",
          "'{e}' looks for the origin in the past rather than in current relationships"),
        c(r"\bis a (?:strong|big|loaded) word\b", "'{e}' disputes the client's words rather than exploring"),
        c(r"\b(?:childhood|growing up|when you were (?:a child|little|young|small|a kid|a boy|a girl)|as a child|early years)\b", "'{e}' turns to the past rather than current relationships"),
        c(r"\b(?:goes|dates|traces) back to\b|\b(?:early|earliest) (?:relationships?|life|experiences|years|attachment)\b|\bupbringing\b", "'{e}' turns to the past rather than current relationships"),
        c(r"\byour (?:father|mother|parents|dad|mum|mom) (?:treated|raised|brought|used to)\b", "'{e}' turns to the past rather than current relationships"),
        c(r"\bremind(?:s|ed)? you of me\b|\bi remind you\b|\bhere with me\b", "'{e}' interprets transference"),
        c(r"\b(?:transference|unconscious|unconsciously|subconscious|defen[cs]e mechanism|projecting|projection|repressed|repressing)\b", "'{e}' interprets instead of exploring"),
        c(r"\bevidence (?:for|against|that)\b|\bthought records?\b|\bautomatic thoughts?\b", "'{e}' disputes thoughts rather than exploring relationships"),
        c(r"\b(?:cognitive )?distortions?\b|\bcatastrophi[sz]\w*\b|\birrational\b|\bblack[- ]and[- ]white thinking\b|\ball[- ]or[- ]nothing thinking\b",
          "'{e}' disputes thoughts rather than exploring relationships"),
        c(r"\b(?:challenge|dispute|question|test|examine|reframe) (?:that|the|this|those|these|your) (?:thought|belief)s?\b", "'{e}' disputes thoughts rather than exploring relationships"),
        c(r"\b(?:is|are) (?:that|this|it|those|these) (?:thought|belief)s? (?:really )?(?:true|rational|realistic|accurate|helpful)\b", "'{e}' disputes thoughts rather than exploring relationships"),
    ),
    "judgmental": (
        c(r"\bi(?:'d| would)(?: have|'ve)? (?:left|dumped|divorced|walked out on|kicked (?:him|her|them) out|told (?:him|her|them) where to go)\b|\bif it (?:were|was) me\b",
          "'{e}' takes sides"),
        c(r"\b(?:not|\w+n't) (?:sound |seem )?(?:like )?(?:such |that )?(?:a |that )?(?:big|huge|major|serious) (?:problem|deal|issue)\b", "'{e}' minimises the client's experience"),
        c(r"\boverreact\w*\b|\bover the top\b|\bmaking a (?:big deal|mountain|fuss)\b", "'{e}' minimises the client's reaction", negatable=True),
        c(r"\b(?:sounds|is|seems|was) (?:like )?(?:a |an )?(?:real |total |complete |absolute |bit of a )?(?:nightmare|jerk|idiot|monster|bully|narcissist|piece of work|waste of space|loser)\b",
          "'{e}' takes sides"),
        c(r"\b(?:sounds|sound|seems|seem|is|was|being|are) (?:so |incredibly |really |pretty |very |quite |a bit |rather |just |awfully )?(?:selfish|awful|terrible|toxic|lazy|horrible|manipulative|controlling|unreasonable|ridiculous|silly|childish|dramatic|petty|oversensitive|too sensitive|unfair of you|wrong of you|out of order)\b",
          "'{e}' judges rather than explores", negatable=True),
        c(r"\b(?:that's|it's|that is|it is|that wasn't|it wasn't) (?:not |hardly )?(?:that bad|a big deal|such a big deal|the end of the world)\b", "'{e}' minimises the client's experience"),
        c(r"\bcould(?:'ve| have)? been (?:a lot |much )?worse\b|\bat least\b", "'{e}' minimises the client's experience"),
        c(r"\byou (?:really |just )?(?:shouldn't|mustn't|must not) (?:feel|be so|let|get so|put up)\b|\bdon't be (?:so )?(?:silly|dramatic|hard on|daft)\b", "'{e}' criticises the client's reaction"),
        c(r"\b(?:isn't it|aren't you|don't you think|wouldn't you say)\?", "'{e}' leads the client to agree"),
        c(r"\bget over (?:it|him|her|this)\b|\b(?<!let's )(?<!let us )move on\b|\beveryone goes through\b|\bworse off\b", "'{e}' minimises the client's experience"),
        c(r"\byou should be (?:grateful|thankful|glad)\b", "'{e}' criticises the client's reaction"),
        # A verdict on what someone did: "that's out of order", "it was unacceptable".
        c(r"\b(?:that|it|this|what (?:he|she|they) did)(?:'s| is| was) (?:just |really |so |totally |completely |well |bang |absolutely )?(?:out of order|out of line|not on|unacceptable|outrageous|disgraceful|appalling|a disgrace|so wrong|bang out of order|shameful|pathetic)\b",
          "'{e}' passes a verdict rather than explores", negatable=True),
        c(r"\bwhy would you (?:do|say|think) (?:that|something like that)\b|\bwhy didn't you\b|\byou(?:'d| would)(?: have|'ve) been better off\b", "'{e}' criticises the client's choice"),
        c(r"\b(?:his|her|their) (?:family|mum|mother|dad|father|parents|boss|friends?|sister|brother|partner|husband|wife) (?:sounds|seems|is|are) (?:so |really |pretty |very )?(?:exhausting|awful|difficult|impossible|terrible|a nightmare|hard work|toxic|selfish)\b|\b(?:that's|that is|it's|it was) (?:really |so |very )?unfair (?:on|to) you\b|\byou deserve better\b|\b(?:he's|she's|they've|he has|she has) got a point\b|\b(?:they|he|she) (?:were|was) (?:only|just) (?:being|trying)\b|\b(?:he|she|they) can't read your mind\b",
          "'{e}' takes sides"),
        c(r"\bi(?:'m| am) sure (?:you|she|he|they|it)\b|\byou(?:'ll| will) (?:soon )?(?:move through|get over|get past|be fine|feel better)\b|\bdon't say that\b", "'{e}' reassures instead of exploring"),
        c(r"\bfor (?:\w+'s|your \w+'s) sake\b", "'{e}' puts pressure on the client"),
    ),
}
