"""The tone coach's phrase lexicon: what can turn allies into adversaries, as data.

One list of entries per language ("en", "es"). Each entry names a surface pattern, its
category, why it can land badly and a collaborative way to say it instead. The
explanation and the suggestion are written in the entry's own language (the Spanish
list carries Spanish text, in the usted register): they describe the user's text, so
they follow the text's language, not the interface's. Only the category labels are
interface strings (gettext).

Patterns are written as readable regular expressions and compiled by `_compile`:

* a space matches any run of whitespace, line breaks included;
* an apostrophe matches the straight and the typographic ones (’ ‘ ` ´);
* in Spanish, vowels match with or without an accent ("está"/"esta", "sólo"/"solo")
  and "ñ" matches "n" (tone.py composes decomposed accents before matching);
* the whole pattern is case-insensitive and must start and end on a word edge.

Lookbehinds are copied as written (they must stay fixed-width), so they spell out
whitespace as `\\s` and accents by hand. Character classes are copied as written too.

Choices made to keep false positives down (the coach must stay worth listening to):

* "always" is only flagged with a complaint after it ("you always forget"), never in
  praise ("you always make him feel welcome"); "never" is flagged after a person or
  the school ("you never answer"), except in praise and idioms ("never fails to",
  "never gives up", "never mind", "you never know"). "he/she never" is left alone:
  the child is usually the subject, often in praise.
* "as always"/"como siempre" is sarcasm only next to a complaint ("late again, as
  usual"); "Thanks, as always, for your help" is warm.
* A lawyer, an advocate, a complaint or due process are rights. Announcing them as
  what you will do ("I'm going to call a lawyer") or as a condition ("… or I will
  call a lawyer") is flagged, and the explanation says it is a right; telling what
  happened ("we talked with a lawyer about our rights") is not. An advocate is only
  flagged inside a condition ("or I'll bring in an advocate").
* "you need to" after "if", "when", "do", "I know/understand that" is not a demand
  ("if you need to reach me…"); "you must see her drawing" is enthusiasm.
* "must-have", "a must", "Sorry to bother you", "I know you're busy, but…",
  "Sí, claro", "Con todo respeto" are not flagged: usually sincere. "Obviously" is
  condescending about the reader, not about oneself ("Obviously we're thrilled").
"""

from __future__ import annotations

import functools
import re
import re._constants as sre
import re._parser as sre_parse
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    DEMAND = "demand", _("Demand")
    ABSOLUTE = "absolute", _("Absolute")
    BLAME = "blame", _("Blame")
    THREAT = "threat", _("Threat")
    SARCASM = "sarcasm", _("Sarcasm")
    DISMISSIVE = "dismissive", _("Dismissive")
    ALL_CAPS = "all_caps", _("Shouting (capitals)")
    EXCLAMATIONS = "exclamations", _("Exclamation marks")


# Found by code (tone.py) rather than by a phrase: emphasis that amplifies a tense message.
AMPLIFIERS = frozenset({Category.ALL_CAPS.value, Category.EXCLAMATIONS.value})

LANGUAGES = ("en", "es")


@dataclass(frozen=True, slots=True)
class Anchors:
    """Where a pattern can match: its possible first words, then second words.

    Words are lower-case without Spanish accents (`fold_word`); a stem matches any word
    starting with it. No first word or stem: the pattern is tried everywhere. Second
    words None: any word may follow.
    """

    first_words: frozenset[str] = frozenset()
    first_stems: frozenset[str] = frozenset()
    second_words: frozenset[str] | None = None
    second_stems: frozenset[str] = frozenset()

    def allows_second(self, word: str | None) -> bool:
        if self.second_words is None:
            return True
        if word is None:
            return False
        return word in self.second_words or word.startswith(tuple(self.second_stems))


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity
class Entry:
    id: str
    category: str
    pattern: re.Pattern[str]
    explanation: str
    suggestion: str
    # Where a match can start (see `anchors`): the analyser only tries the pattern at a
    # word of the text that can begin it, followed by a word that can come second, which
    # is what keeps 10,000 characters well under 50 ms.
    anchors: Anchors = field(default_factory=Anchors)


APOSTROPHE = "['’‘`´]"
_ES_FOLD = {
    **dict.fromkeys("aá", "[aá]"),
    **dict.fromkeys("eé", "[eé]"),
    **dict.fromkeys("ií", "[ií]"),
    **dict.fromkeys("oó", "[oó]"),
    **dict.fromkeys("uúü", "[uúü]"),
    "ñ": "[nñ]",
}


def _expand(source: str, fold: bool) -> str:
    """Spaces, apostrophes and (Spanish) accents made tolerant; classes and lookbehinds kept."""
    out: list[str] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            out.append(source[i : i + 2])
            i += 2
        elif c == "[":
            j = i + 1
            if j < n and source[j] == "^":
                j += 1
            if j < n and source[j] == "]":
                j += 1
            while j < n and source[j] != "]":
                j += 2 if source[j] == "\\" else 1
            out.append(source[i : j + 1])
            i = j + 1
        elif source.startswith(("(?<=", "(?<!"), i):
            depth, j = 0, i
            while j < n:
                if source[j] == "\\":
                    j += 2
                    continue
                if source[j] == "(":
                    depth += 1
                elif source[j] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            out.append(source[i : j + 1])
            i = j + 1
        elif source.startswith("(?", i):
            out.append(source[i : i + 3])
            i += 3
        elif c == " ":
            out.append(r"\s+")
            i += 1
        elif c == "'":
            out.append(APOSTROPHE)
            i += 1
        elif fold and c.lower() in _ES_FOLD:
            out.append(_ES_FOLD[c.lower()])
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _compile(source: str, language: str) -> re.Pattern[str]:
    body = _expand(source, fold=language == "es")
    return re.compile(r"(?<!\w)(?:" + body + r")(?!\w)", re.IGNORECASE)


Row = tuple[str, str, str, str, str]  # id, category, pattern, explanation, suggestion

D, A, B, T, S, X = (
    Category.DEMAND.value,
    Category.ABSOLUTE.value,
    Category.BLAME.value,
    Category.THREAT.value,
    Category.SARCASM.value,
    Category.DISMISSIVE.value,
)

_SUBJECT_EN = (
    r"(?:(?:you|they)(?:'ve|'ll|'d)?|you all|you guys|y'all|you people"
    r"|the (?:school|district|team|teacher|teachers|staff|office|aide|aides|case manager"
    r"|principal|therapist)|your (?:staff|teachers|office|team)|nobody|no one|no-one|none of you)"
)
_FUTURE_EN = r"(?:'ll|'m going to|'re going to| will| am going to| are going to| shall)"

EN: list[Row] = [
    # ── demands ──────────────────────────────────────────────────────────────────────
    (
        "demand.you_must",
        D,
        r"(?<!\bif\s)(?<!\bwhen\s)(?<!\bwhenever\s)(?<!\bknow\s)(?<!\bunderstand\s)"
        r"(?<!\brealize\s)(?<!\bthat\s)(?<!\bdo\s)(?<!\bdid\s)(?<!\bcase\s)(?<!\bwhat\s)"
        r"(?:you(?: all| guys)? (?:must|have to|need to|had better|better)|you'd better)"
        r"(?! (?:see|hear|try|meet|watch|check out|come see|know|believe)\b)",
        "“You must” or “you need to” reads as an order, and orders tend to be defended "
        "against rather than acted on.",
        "Make it a request or a shared plan: “Could we try …?” or “Would it be possible to …?”",
    ),
    (
        "demand.i_demand",
        D,
        r"(?:I|we) (?:demand|insist)|I(?:'m| am) (?:demanding|insisting)"
        r"|we(?:'re| are) (?:demanding|insisting)",
        "Demanding puts the other person on the defensive before they have heard your reasons.",
        "Say what you need and why: “What would really help is … Could we make that happen?”",
    ),
    (
        "demand.i_expect",
        D,
        r"I (?:fully |really )?expect (?:you(?: all)?|the (?:school|team|district|staff"
        r"|teacher|teachers)) to|I (?:fully )?expect (?:this|that|it) to be (?:done|fixed"
        r"|handled|resolved|corrected|implemented|followed|taken care of)"
        r"|I(?:'ll| will) be expecting (?:you|a response|an answer|a reply)",
        "“I expect you to …” makes you the judge of their work rather than a partner in it.",
        "“It would mean a lot to us if … Is that something we can plan for?”",
    ),
    (
        "demand.immediately",
        D,
        r"(?:fix|send|provide|give|implement|change|correct|respond|reply|call|answer|do"
        r"|sort|resolve|address|handle|return|schedule|done|fixed|resolved|changed"
        r"|corrected|handled|addressed) (?:\S+ ){0,5}?(?:immediately|right now|at once"
        r"|without delay|this instant)|effective immediately",
        "“Immediately” and “right now” add pressure without explaining why it is urgent.",
        "Give the reason and a time frame: “This is urgent for us because … Could we "
        "sort it out by …?”",
    ),
    (
        "demand.want_done",
        D,
        r"I want (?:this |it |that |them |these |the \w+ )?(?:done|fixed|changed|resolved"
        r"|corrected|handled|sorted|taken care of|addressed)"
        r"|I want (?:an answer|answers|a response|a reply|an explanation)",
        "“I want this fixed” states the outcome but leaves no room to find the way there together.",
        "“Could we talk about how to fix this? I'd like us to find a solution by …”",
    ),
    (
        "demand.non_negotiable",
        D,
        r"no (?:more )?excuses|non-negotiable|not negotiable|this is not a request"
        r"|this isn't a request|not up for (?:discussion|debate)|end of (?:discussion|story)",
        "Closing the discussion in advance makes agreement harder, even when you are right.",
        "“This matters a great deal to us. Could we look at how to make it work?”",
    ),
    (
        "demand.obligation",
        D,
        r"you(?: all)?(?:'re| are) (?:legally )?(?:required|obligated|obliged|bound) to"
        r"|it(?:'s| is) your (?:legal )?(?:duty|obligation|responsibility) to"
        r"|you have (?:a |the )?(?:legal )?(?:duty|obligation) to",
        "Leading with obligations turns the conversation to rules instead of to the child.",
        "“My understanding is that the IEP includes … Could we check together how it is "
        "being provided?”",
    ),
    (
        "demand.do_your_job",
        D,
        r"do your (?:job|jobs)|do what you(?:'re| are) paid (?:to do|for)",
        "“Do your job” questions the person's professionalism, which rarely gets you the "
        "help you need.",
        "“Could you help me understand who is responsible for … and how we can make sure "
        "it happens?”",
    ),
    # ── absolutes ────────────────────────────────────────────────────────────────────
    (
        "absolute.subject_never",
        A,
        _SUBJECT_EN + r"(?: (?:really|just|simply|still|honestly|literally|basically"
        r"|seriously|have|has|had|did|do|does|will|would|could|can|even|actually))? never"
        r"(?! (?:know|mind|fails?|gives? up|complains?|disappoints?|ceases? to"
        r"|misses? a beat|stops? (?:smiling|trying|caring|amazing)|believe|guess)\b)",
        "“You never …” turns some times into all times; people defend themselves against "
        "the exaggeration instead of hearing the concern.",
        "Be specific: “I've noticed a few times that … Could we try …?”",
    ),
    (
        "absolute.you_always",
        A,
        r"(?:you|you all|you guys|y'all|they|the (?:school|district|team|staff|office|teacher"
        r"|teachers))(?: (?:are|were|just|really|still|seem to))? always (?:forget|ignore"
        r"|miss|lose|lost|blame|cancel|interrupt|dismiss|brush|push back|refuse|complain"
        r"|make excuses|have an excuse|come up with|side with|get (?:it|this|that|things)"
        r" wrong|say (?:that|the same|no)|tell me (?:the same|no|that)|wait until|late"
        r"|too busy|busy|an excuse)\w*"
        r"|always (?:late|an excuse|some excuse|the same (?:story|excuse|thing|answer))",
        "“You always …” sums a person up by their worst moments.",
        "“I've noticed that … has happened a few times lately. Could we figure out what "
        "gets in the way?”",
    ),
    (
        "absolute.i_never",
        A,
        r"(?:I|we)(?: have| had|'ve|'d)? never (?:got|gotten|received|heard back"
        r"|heard anything|heard from|was told|were told|was informed|were informed"
        r"|was notified|were notified|was given|were given|saw (?:the|any|a|that)"
        r"|got a (?:reply|response|call|copy))",
        "“I never got …” can read as an accusation that it was never sent.",
        "“I don't think I've received … yet. Could you check, or send it again?”",
    ),
    (
        "absolute.every_time",
        A,
        r"every single time|each and every time|every time (?:I|we) (?:ask|call|email"
        r"|write|bring (?:it|this) up|try|reach out|raise)|not (?:a single|one single)"
        r" (?:time|word|call|email|reply|response|update|phone call)"
        r"|not one (?:reply|response|call|email|update)",
        "“Every single time” generalises; one counter-example is enough to derail the "
        "conversation.",
        "Name the occasions: “On Monday and on Thursday, … Could we look at why?”",
    ),
    (
        "absolute.nobody",
        A,
        r"(?:nobody|no one|no-one)(?: (?:ever|even|has|had|ever even))? (?:told|tells"
        r"|informed|informs|called|calls|answered|answers|responded|responds|replied"
        r"|replies|listens|listened|bothered|bothers|cares|cared|followed up|got back"
        r"|gets back|reads|read)(?! (?:more|as much|better)\b)"
        r"|nothing ever (?:gets|changes|happens|works)",
        "“Nobody ever …” sweeps the whole team into the complaint, including the people who tried.",
        "“I haven't heard back about … yet. Who would be the best person to follow up with?”",
    ),
    # ── blame ────────────────────────────────────────────────────────────────────────
    (
        "blame.failed",
        B,
        r"(?:you|you all|you guys|you've|they|they've|the (?:school|district|team|staff"
        r"|teacher|teachers|case manager)|your (?:staff|team|school|teachers))"
        r"(?: have| has| had)?(?: (?:completely|totally|clearly|again|once again"
        r"|repeatedly|utterly))? fail(?:ed|s)? (?:to|him|her|them|my|our|us|me)\b",
        "“You failed to …” is a verdict; it invites self-defence rather than problem-solving.",
        "“I noticed that … didn't happen yet; can we look at it together?”",
    ),
    (
        "blame.fault",
        B,
        r"(?:(?:it's|it is|this is|that's|that is|it was|this was) )?(?:all |entirely "
        r"|completely )?(?<!\bnot\s)(?<!n't\s)(?<!n’t\s)(?<!\bnever\s)your fault"
        r"|the (?:school's|district's|teacher's|team's) fault"
        r"|you(?:'re| are) (?:the ones |the one )?to blame"
        r"|I blame (?:you|the school|the teacher|the district|your)",
        "Assigning fault looks backwards; the team needs to look forwards.",
        "“Something went wrong with … How can we make sure it doesn't happen again?”",
    ),
    (
        "blame.didnt_bother",
        B,
        r"(?<!\bif\s)you(?: all| guys)? (?:didn't|did not|don't|do not|couldn't|could not"
        r"|can't|cannot|won't|will not) (?:even )?(?:bother|care|listen|read|follow"
        r"|look at|respond|reply|answer|return|take (?:it|this|us|me|him|her) seriously)\w*",
        "Saying someone didn't care or didn't bother guesses at their motives, and "
        "guesses about motives land badly.",
        "“I didn't get an answer about … Is there a better way to reach you?”",
    ),
    (
        "blame.ignored",
        B,
        r"(?<!\bif\s)you(?: all| guys)?(?:'ve| have)?(?: (?:completely|totally|just"
        r"|simply|clearly|again|repeatedly|continually|conveniently))? (?:ignored|ignore"
        r"|keep ignoring|keep forgetting|keep missing|keep losing|keep refusing|refuse to"
        r"|refused to|dropped the ball|messed up|screwed up|blew it"
        r"|lost (?:his|her|my|our|the) \w+|forgot (?:to|again|his|her|about))",
        "“You ignored …” assumes intent; it may have been missed, lost or misunderstood.",
        "“I'm not sure my message about … reached you. Could we go over it?”",
    ),
    (
        "blame.your_job",
        B,
        r"(?<!\bknow\s)(?<!\bthat\s)(?:it's|it is|that's|that is|this is|isn't that"
        r"|isn't it) (?:literally |simply |quite literally )?your job"
        r"|(?:not|aren't|are not|isn't|is not|not even) doing (?:your|their|his|her)"
        r" (?:job|jobs)",
        "“That's your job” makes it their failure rather than a shared goal.",
        "“Could you help me understand who handles … so we can make sure it gets done?”",
    ),
    (
        "blame.labels",
        B,
        r"irresponsible|negligent|negligence|incompetent|incompetence|unprofessional"
        r"|clueless|useless",
        "Labels like “incompetent” describe the person, not what happened, and are hard "
        "to come back from.",
        "Describe the event: “On …, … happened. I'm worried because … Could we talk about it?”",
    ),
    (
        "blame.verdicts",
        B,
        r"unacceptable|inexcusable|outrageous|appalling|disgraceful|a disgrace|disgusting"
        r"|pathetic|ridiculous|absurd|shameful|shame on you"
        r"|(?:this|that|it)(?:'s| is| was) a joke",
        "Words like “unacceptable” or “ridiculous” pass judgement; the reader hears the "
        "anger before the facts.",
        "Say how it affects the child: “I'm worried because … Could we find a way to …?”",
    ),
    # ── threats ──────────────────────────────────────────────────────────────────────
    (
        "threat.lawyer",
        T,
        r"(?:I|we)(?:'ll|'m going to|'re going to| will| am going to| are going to"
        r"| will have to| may have to| might have to| may need to| need to| have to"
        r"| plan to| intend to| shall)? (?:call|contact|get|hire|involve|bring in|consult"
        r"|speak to|speak with|talk to|talk with|retain|get in touch with|be calling"
        r"|be contacting|be consulting|be speaking to|be talking to)"
        r" (?:a |an |my |our |the )?(?:lawyer|lawyers|attorney|attorneys|legal counsel"
        r"|legal team)"
        r"|(?:my|our) (?:lawyer|attorney)(?:'ll| will| is going to) (?:be in touch"
        r"|contact you|call you|hear about this|be hearing about this|get involved)"
        r"|(?:you|the school|the district)(?:'ll| will) (?:be )?hear(?:ing)? from"
        r" (?:my|our) (?:lawyer|attorney)",
        "You have every right to legal advice. Announced as a warning, it tends to end "
        "the conversation; shared as information, it can keep it open.",
        "“I'd like to understand our options together; could we set up a time to talk?”",
    ),
    (
        "threat.sue",
        T,
        r"(?:I|we)(?:'ll|'m going to|'re going to| will| am going to| are going to| could"
        r"| can| may| might)? sue|sue (?:you|the school|the district|them|everyone)"
        r"|suing (?:you|the school|the district)"
        r"|take (?:you|this|the school|the district|them|it)(?: all)? to court"
        r"|see you in court|legal action|legal steps|legal proceedings"
        r"|(?:file|filing|request|requesting) (?:for )?(?:a )?due process"
        r"(?: hearing| complaint)?",
        "Legal steps are your right; used as a threat in a message, they push everyone "
        "into defensive positions.",
        "“I want to make sure we are following the IEP. Could we meet to go through it together?”",
    ),
    (
        "threat.complaint",
        T,
        r"(?:I|we)(?:'ll|'m going to|'re going to| will| am going to| are going to"
        r"| plan to| intend to)? (?:file|make|lodge|submit|be filing|be making)"
        r" (?:a |an )?(?:formal |official |state |OCR |written )?(?:complaint|complaints"
        r"|grievance)"
        r"|report (?:you|the school|the teacher|your staff|the district) to"
        r"|go (?:over|above) (?:your|her|his|their) (?:head|heads)"
        r"|(?:I|we)" + _FUTURE_EN + r" (?:call|contact|tell|email|write to|go to)"
        r" (?:the )?(?:superintendent|school board|board|media|press|news|newspaper"
        r"|state|OCR|department of education)",
        "A formal complaint or going above someone's head are real options; announced "
        "as a threat, they usually harden positions.",
        "“I'm concerned about … and I'd like to resolve it with you first. Could we talk "
        "this week?”",
    ),
    (
        "threat.warning",
        T,
        r"or else(?=\s*[.!?…]|\s*$)|(?:your|my) (?:last|final) (?:warning|chance)"
        r"|(?:last|final) warning|consider this (?:a|your|my) (?:warning|notice"
        r"|final notice|final warning)|you(?:'ve| have) been warned"
        r"|you(?:'ll| will) regret|you(?:'re| are) going to regret"
        r"|(?:this|it) (?:is not|isn't) over|I(?:'ll| will) have your job"
        r"|get you fired|have you fired|hold you (?:personally )?(?:responsible"
        r"|accountable|liable)|there will be consequences"
        r"|you(?:'ll| will) (?:be sorry|pay for this)",
        "Warnings and ultimatums make people feel cornered, which makes cooperation less likely.",
        "“This is really important to us. What can we agree on as a next step?”",
    ),
    (
        "threat.escalate",
        T,
        r"or (?:I|we)" + _FUTURE_EN + r"(?: (?:have to|be forced to|need to))?"
        r" (?:escalate|take (?:this|it|the matter|things) (?:further|higher|elsewhere)"
        r"|go (?:over|above) (?:your|her|his|their) head|pull (?:him|her|them|my \w+) out"
        r"|remove (?:him|her|them|my \w+)|sue|involve (?:a|an|my|our|the) (?:lawyer"
        r"|attorney|advocate|superintendent|district|board|state)"
        r"|bring in (?:a |an |my |our |the )?(?:lawyer|attorney|advocate))"
        r"|(?:I|we)" + _FUTURE_EN + r" (?:have to )?(?:escalate (?:this|it|the matter)"
        r"|take (?:this|it|the matter) (?:further|higher|elsewhere))",
        "“… or I will …” makes the request depend on a threat.",
        "Keep the request, drop the threat: “Could we … by …? If that isn't possible, "
        "let's talk about next steps.”",
    ),
    # ── sarcasm ──────────────────────────────────────────────────────────────────────
    (
        "sarcasm.thanks_for_nothing",
        S,
        r"thank(?:s| you)(?: (?:a lot|so much|very much))? for (?:nothing|ignoring"
        r"|forgetting|wasting|losing|ruining)|thank(?:s| you) for finally"
        r"|thanks a lot(?=\s*(?:\.\.\.|…))",
        "Ironic thanks reads as contempt, and contempt is hard to repair.",
        "Say plainly what was missing: “I was hoping for … Could we try again?”",
    ),
    (
        "sarcasm.yeah_right",
        S,
        r"yeah,? right|sure you (?:did|do|are|will|were)|big surprise"
        r"|what a (?:surprise|shock|shocker)|surprise,? surprise|shocker|shocking,? I know"
        r"|colo(?:u)?r me surprised",
        "Sarcasm loses its tone in writing; the reader hears mockery.",
        "“I'm finding that hard to understand because … Could you help me see it?”",
    ),
    (
        "sarcasm.obviously",
        S,
        r"obviously(?! (?:I|I'm|I've|we|we're|we've|we'll)\b)"
        r"|clearly (?:you|nobody|no one|no-one|someone|somebody|they|the school|your)"
        r"|evidently (?:you|nobody|no one)|apparently (?:nobody|no one|no-one)"
        r"|I guess (?:nobody|no one) (?:reads|read|bothered|cares)",
        "“Obviously” and “clearly you …” suggest the reader should already know, which "
        "can sound condescending.",
        "Leave the word out, or: “I may not have explained this well: …”",
    ),
    (
        "sarcasm.as_usual",
        S,
        r"(?:late|nothing|nobody|no one|no response|no reply|no answer|no call|no update"
        r"|ignored|forgot\w*|cancel\w*)[^.!?\n]{0,40}as (?:usual|always)"
        r"|as (?:usual|always),? (?:nobody|no one|no-one|nothing|no response|no reply"
        r"|no answer|no call|no update|late|again)"
        r"|(?:the )?same old (?:story|excuse|excuses|thing)|here we go again",
        "“As usual” turns one incident into a pattern and adds an eye-roll.",
        "“This has happened a few times now. Could we look at what gets in the way?”",
    ),
    (
        "sarcasm.busy",
        S,
        r"I(?:'m| am) sure you(?:'re| are)(?: all)? (?:very |really |so |extremely "
        r"|terribly |incredibly )?busy|must be nice(?=\s*[.!…]|\s*$)"
        r"|if (?:it's|it is|that's|that is) not too much to ask",
        "In a complaint, “I'm sure you're busy” is usually read as a dig.",
        "“I know there's a lot on your plate. Could we find a time that works for …?”",
    ),
    (
        "sarcasm.per_my_last",
        S,
        r"per my (?:last|previous|earlier|prior) (?:email|e-mail|message|note|letter"
        r"|voicemail|call)|as (?:I|we)(?: have|'ve)? already (?:said|stated|mentioned"
        r"|explained|told you|written|asked|requested|noted)"
        r"|as (?:I|we)(?: have|'ve) (?:said|stated|mentioned|explained|told you|written"
        r"|asked|requested) (?:before|many times|multiple times|several times|repeatedly"
        r"|countless times|over and over)|as I said (?:before|many times|repeatedly"
        r"|multiple times)|how many (?:more )?times (?:do|must|will|have|should) I"
        r"|for the (?:umpteenth|hundredth|thousandth|millionth|nth) time"
        r"|(?:asking|writing|telling|reminding|requesting|emailing|calling|saying)"
        r"[^.!?\n]{0,30} for the (?:third|fourth|fifth|sixth|tenth|\d+(?:rd|th)) time",
        "Pointing back to what you already said signals irritation; the reader may "
        "answer the irritation instead of the request.",
        "“Just following up on my message of … about … Could you let me know …?”",
    ),
    (
        "sarcasm.great_job",
        S,
        r"(?:great|nice|good|fantastic|wonderful|excellent|amazing|brilliant|stellar|super)"
        r" (?:job|work)(?:,? (?:again|team|guys|everyone|folks))?,? (?:on |with )?"
        r"(?:losing|forgetting|ignoring|missing|ruining|skipping|dropping|misplacing"
        r"|breaking)|(?:congratulations|congrats|kudos|bravo) (?:on|for) (?:losing"
        r"|forgetting|ignoring|missing|ruining|skipping)",
        "Ironic praise (“great job losing …”) stings more than plain feedback.",
        "“… went missing again. Could we work out a way to keep track of it?”",
    ),
    (
        "sarcasm.how_hard",
        S,
        r"how (?:hard|difficult) can it (?:be|possibly be)|how hard is it,? really"
        r"|is it (?:really )?(?:that|so) (?:hard|difficult) to"
        r"|(?:it's|it is) not (?:that hard|rocket science|brain surgery)"
        r"|it shouldn't be (?:that|this|so) hard",
        "“How hard can it be?” implies the other person is lazy or not capable.",
        "“I'd like to understand what makes this difficult. Is there something I can do to help?”",
    ),
    (
        "sarcasm.so_called",
        S,
        r"so-called|so called|heaven forbid|god forbid"
        r"|not that anyone (?:cares|listens|reads|will read|bothers|bothered|noticed)"
        r"|(?:for|about|on) actually (?:reading|responding|replying|doing|following"
        r"|listening|showing up|calling)|if you (?:even|ever) (?:read|bother|care)",
        "“So-called” and similar asides mock the thing they name, and the people behind it.",
        "Name the concern instead: “I'm not sure … is working for her, because …”",
    ),
    # ── dismissive ───────────────────────────────────────────────────────────────────
    (
        "dismissive.calm_down",
        X,
        r"(?:please |just |you need to |you have to |you should |you must |you'd better "
        r"|try to )calm down|calm down,? please|calm yourself"
        r"|(?:you(?:'re| are)|you are being|you're being|stop being|don't be)"
        r" (?:a bit |a little |too |so |really |overly |being )?(?:emotional|dramatic"
        r"|hysterical|unreasonable|difficult|aggressive|paranoid|hostile)"
        r"|you(?:'re| are) (?:just )?(?:overreacting|making (?:a big deal|too much)"
        r" (?:out )?of)",
        "Telling someone to calm down, or that they are overreacting, dismisses what "
        "they feel and usually escalates.",
        "“I can see this really matters to you. Could you tell me more about what worries you?”",
    ),
    (
        "dismissive.not_my_problem",
        X,
        r"(?:(?:that's|that is|it's|it is|this is) )?not my (?:problem|job|responsibility"
        r"|department|issue|concern)|I (?:don't|do not) care (?:anymore|what you|about"
        r" your|how you|what the|who)|I (?:couldn't|could not|could) care less"
        r"|whatever you (?:say|want)(?=\s*[.!…]|\s*$)|whatever(?=\s*[.!…](?:\s|$))",
        "“Not my problem” or “I don't care” closes the door on the team.",
        "“That isn't something I handle, but let me find out who does.”",
    ),
    (
        "dismissive.you_people",
        X,
        r"you people|with all (?:due )?respect|no offen[cs]e,? but"
        r"|I hate to break it to you",
        "“You people” and “with all due respect” signal the opposite of respect.",
        "Speak to the person by name and say what you see differently: “I see it "
        "differently, because …”",
    ),
    (
        "dismissive.you_dont_understand",
        X,
        r"(?<!\bif\s)(?<!\bknow\s)you (?:don't|do not|wouldn't|would not|can't|cannot"
        r"|could not|couldn't) (?:possibly )?understand(?! (?:how much|what (?:this|it) means)\b)"
        r"|you(?:'re| are) not (?:the|an|a) (?:expert|professional|teacher|doctor"
        r"|specialist|therapist)|I(?:'m| am) the (?:professional|expert|teacher) here"
        r"|(?:leave it|leave this|let us handle it) to the (?:professionals|experts)"
        r"|(?:we|I) know (?:what's|what is) best for (?:him|her|them|your (?:son"
        r"|daughter|child))",
        "Saying someone doesn't understand, or isn't the expert, dismisses what they "
        "know about the child.",
        "“Let me explain what I'm seeing, and I'd like to hear what you see.”",
    ),
    (
        "dismissive.minimising",
        X,
        r"(?:he|she|they|he's|she's|they're|he is|she is|they are|is|was|being|just)"
        r" (?:just |simply |being |so |really )?(?:lazy|manipulative|spoiled"
        r"|attention[- ]seeking|seeking attention|trying to get attention"
        r"|looking for attention)"
        r"|(?:just|simply|only) needs? to try harder"
        r"|(?:he|she|they) (?:could|can|would) (?:do it|do this|do better|behave) if"
        r" (?:he|she|they) (?:wanted|tried|wanted to|really tried|cared|just tried)"
        r"|boys will be boys|kids will be kids",
        "Calling a child lazy, or saying they just need to try harder, can dismiss a "
        "real need behind the behaviour.",
        "Describe what you see and ask: “I've noticed … What do you think might help?”",
    ),
    (
        "dismissive.nothing_we_can_do",
        X,
        r"it is what it is|that's just (?:the way it is|how (?:it is|he is|she is"
        r"|they are|things are|it works))|that is just (?:the way it is|how it is)"
        r"|there(?:'s| is) nothing (?:more |else )?(?:we|I) can do"
        r"|that's not how (?:it|this|things) works?|we(?:'ve| have) always done it this way"
        r"|that's (?:just )?(?:the|our) policy",
        "“There's nothing we can do” or “it is what it is” ends the problem-solving "
        "before it starts.",
        "“I'm not sure yet what we can do; could we think through the options together?”",
    ),
]

ES: list[Row] = [
    # ── exigencias ───────────────────────────────────────────────────────────────────
    (
        "demand.usted_debe",
        D,
        r"(?<!\bsi\s)(?<!\bsí\s)(?<!\bque\s)(?<!\bcuando\s)(?<!\bcaso\s)"
        r"(?:(?:usted|ustedes|vos|vosotros)(?: (?:ya|también|realmente|simplemente|solo"
        r"|de verdad))? (?:debe|deben|debería|deberían|debéis|tiene que|tienen que"
        r"|tenéis que|necesita|necesitan)|tú (?:debes|deberías|tienes que|necesitas)"
        r"|(?:debe|deben|tiene que|tienen que) (?:usted|ustedes))"
        r"(?! (?:ver|venir a ver|conocer|probar|escuchar|estar|de estar|sentirse|haber)\b)",
        "“Usted debe” o “tienen que” suena a orden, y las órdenes suelen provocar "
        "defensa más que acción.",
        "Conviértalo en una petición o un plan común: “¿Podríamos intentar …?” o "
        "“¿Sería posible …?”",
    ),
    (
        "demand.exijo",
        D,
        r"(?:(?:le|les|lo|se lo|se la|se los) )?(?:exijo|exigimos|estoy exigiendo"
        r"|estamos exigiendo|demando|insisto en que|insistimos en que|le ordeno|les ordeno)",
        "Exigir pone a la otra persona a la defensiva antes de que escuche sus razones.",
        "Diga lo que necesita y por qué: “Lo que de verdad ayudaría es … ¿Podemos lograrlo?”",
    ),
    (
        "demand.inmediato",
        D,
        r"(?:quiero|necesito|exijo|requiero|espero)[^.!?¡¿\n]{0,50}(?:de inmediato"
        r"|inmediatamente|ahora mismo|ya mismo|sin demora|sin más demora|en este instante"
        r"|de una vez)"
        r"|(?:envíe|envíen|manden|mande|arreglen|arregle|resuelvan|resuelva|cumplan|cumpla"
        r"|llamen|llame|respondan|responda|contesten|conteste|hagan|haga|corrijan|corrija"
        r"|den|denle)\b[^.!?¡¿\n]{0,40}(?:de inmediato|inmediatamente|ahora mismo|ya mismo"
        r"|sin demora|en este instante|de una vez)",
        "“De inmediato” o “ahora mismo” añaden presión sin explicar por qué es urgente.",
        "Explique el motivo y proponga un plazo: “Esto es urgente para nosotros porque … "
        "¿Podríamos resolverlo antes del …?”",
    ),
    (
        "demand.quiero_resuelto",
        D,
        r"(?:quiero|exijo|necesito) (?:esto|eso|el problema|la situación|este asunto)"
        r"(?: (?:ya|hoy))? (?:resuelto|resuelta|arreglado|arreglada|solucionado"
        r"|solucionada|corregido|corregida)"
        r"|(?:quiero|exijo) (?:una |unas )?(?:respuesta|respuestas|explicación"
        r"|explicaciones|soluciones)(?: (?:ya|ahora|hoy|inmediatamente|de inmediato))?"
        r"|lo quiero (?:ya|ahora|para hoy)",
        "“Quiero esto resuelto” fija el resultado pero no deja espacio para buscar juntos "
        "el camino.",
        "“¿Podríamos hablar de cómo resolverlo? Me gustaría que encontráramos una "
        "solución antes del …”",
    ),
    (
        "demand.sin_excusas",
        D,
        r"sin (?:más )?excusas|no (?:es|está) negociable|no hay (?:nada que )?(?:discutir"
        r"|discusión)|esto no es una (?:petición|pregunta|solicitud)|más (?:le|les) vale"
        r"|(?:hagan|haga) su trabajo|y punto(?=\s*[.!…]|\s*$)",
        "Cerrar la conversación de antemano hace más difícil llegar a un acuerdo, aunque "
        "usted tenga razón.",
        "“Esto es muy importante para nosotros. ¿Podemos ver juntos cómo hacerlo posible?”",
    ),
    (
        "demand.obligacion",
        D,
        r"(?:es|será) (?:su|vuestra) (?:obligación|responsabilidad|deber)(?: legal)?"
        r"|(?:tiene|tienen) la obligación(?: legal)? de"
        r"|(?:está|están) (?:legalmente )?obligad[oa]s? a|la ley (?:los|las|le|les) obliga",
        "Empezar por las obligaciones lleva la conversación a las reglas en lugar de al niño.",
        "“Tengo entendido que el IEP incluye … ¿Podríamos revisar juntos cómo se está aplicando?”",
    ),
    # ── absolutos ────────────────────────────────────────────────────────────────────
    (
        "absolute.sujeto_nunca",
        A,
        r"(?:usted|ustedes|ellos|ellas|la escuela|el colegio|la maestra|el maestro"
        r"|los maestros|las maestras|la profesora|el profesor|los profesores|el distrito"
        r"|el equipo|la dirección|el personal|nadie)(?: (?:ya|también|simplemente"
        r"|realmente|de verdad|todavía))? (?:nunca|jamás)"
        r"(?! (?:se (?:rinde|rinden|cansa|cansan|queja|quejan)|deja de|dejan de|falla"
        r"|fallan|decepciona|decepcionan)\b)",
        "“Ustedes nunca …” convierte algunas veces en todas; la otra persona se defiende "
        "de la exageración en lugar de escuchar la preocupación.",
        "Sea concreto: “He notado algunas veces que … ¿Podríamos intentar …?”",
    ),
    (
        "absolute.nunca_verbo",
        A,
        r"(?:nunca|jamás) (?:me |nos |le |les |lo |la |los |las |se )?(?:responde"
        r"|responden|respondió|respondieron|contesta|contestan|contestó|contestaron"
        r"|escucha|escuchan|escuchó|escucharon|llama|llaman|llamó|llamaron|avisa|avisan"
        r"|avisó|avisaron|informa|informan|informó|informaron|cumple|cumplen|cumplió"
        r"|cumplieron|hace caso|hacen caso|hicieron caso|devuelve|devuelven|devolvieron"
        r"|envía|envían|enviaron|manda|mandan|mandaron|explica|explican|explicaron"
        r"|toman en cuenta|toma en cuenta|hacen nada|hace nada|hicieron nada|hicieron"
        r"|llegó|llegaron|recibí|recibimos|aplican|aplicaron)\b(?! tarde\b)",
        "“Nunca me responden” generaliza; basta un contraejemplo para desviar la conversación.",
        "“Todavía no he recibido respuesta sobre … ¿Podría confirmarme si le llegó mi mensaje?”",
    ),
    (
        "absolute.siempre_negativo",
        A,
        r"siempre (?:se |me |nos |le |les |lo |la )?(?:olvid|ignor|pierd|cancel|culp"
        r"|interrump|quej)\w*|siempre (?:llega|llegan|llegó|llegaron) tarde"
        r"|siempre (?:pone|ponen|tiene|tienen|hay|encuentran|encuentra) (?:una |alguna "
        r"|otra )?excusas?|siempre (?:es|dicen|dice|responden|responde|contestan"
        r"|contesta) lo mismo|siempre (?:con )?lo mismo"
        r"|siempre (?:está|están) (?:demasiado |muy |tan )?ocupad[oa]s?",
        "“Siempre se olvidan” resume a una persona por sus peores momentos.",
        "“He notado que … ha pasado varias veces últimamente. ¿Podríamos ver juntos qué "
        "lo está impidiendo?”",
    ),
    (
        "absolute.cada_vez",
        A,
        r"cada vez que (?:pido|pregunto|escribo|llamo|pedimos|preguntamos|escribimos"
        r"|llamamos|intento|intentamos|lo menciono|lo mencionamos|digo algo|decimos algo"
        r"|reclamo|me quejo)|todas y cada una de las veces"
        r"|ni (?:un solo|una sola|un|una) (?:correo|mensaje|aviso|informe|reporte"
        r"|llamado|llamada|respuesta|email)|nunca jamás|nadie nunca|nunca nadie|nunca nada",
        "“Cada vez que pido algo …” generaliza; un solo contraejemplo basta para que la "
        "conversación se desvíe.",
        "Nombre las ocasiones: “El lunes y el jueves … ¿Podríamos ver por qué pasó?”",
    ),
    (
        "absolute.nadie",
        A,
        r"nadie (?:nunca |jamás |siquiera |ni siquiera )?(?:me |nos |le |les )?(?:avisó"
        r"|avisa|avisaron|dijo|dice|informó|informa|respondió|responde|contestó|contesta"
        r"|llamó|llama|escucha|escuchó|hace caso|hizo caso|se molestó|se molesta"
        r"|se preocupa|se preocupó|explicó|explica|se comunicó|se comunica|lee|leyó"
        r"|leyeron)"
        r"(?! (?:más|tanto|mejor)\b)",
        "“Nadie me avisó” mete a todo el equipo en la queja, incluidas las personas que "
        "sí lo intentaron.",
        "“Todavía no tengo información sobre … ¿Quién sería la mejor persona para darle "
        "seguimiento?”",
    ),
    # ── culpa ────────────────────────────────────────────────────────────────────────
    (
        "blame.ustedes_no",
        B,
        r"(?<!\bsi\s)(?:usted|ustedes|la escuela|el colegio|el distrito|el equipo"
        r"|los maestros|la maestra|el maestro|la profesora|el profesor)(?: (?:simplemente"
        r"|ya|todavía|otra vez))? no (?:hicieron|hizo|han hecho|ha hecho|siguieron|siguió"
        r"|han seguido|respetaron|respetó|respetan|respeta|aplicaron|aplicó|aplican"
        r"|implementaron|implementó|dieron|dio|han dado|ha dado|enviaron|envió|mandaron"
        r"|mandó|avisaron|avisó|leyeron|leyó|leen|lee|escuchan|escucha|escucharon"
        r"|se molestaron|se molestó|se tomaron la molestia|se tomó la molestia"
        r"|prestan atención|presta atención|cumplieron|cumplió|cumplen|cumple"
        r"|han cumplido|ha cumplido)\b",
        "“Ustedes no hicieron …” es un veredicto; invita a defenderse en lugar de buscar "
        "soluciones.",
        "“Noté que … todavía no se ha hecho; ¿podemos revisarlo juntos?”",
    ),
    (
        "blame.no_cumplieron",
        B,
        r"no (?:cumplieron|han cumplido|están cumpliendo|está cumpliendo|respetaron"
        r"|han respetado|están respetando|aplicaron|han aplicado|implementaron"
        r"|han implementado|están implementando|siguieron el (?:IEP|PEI|plan))"
        r"|incumplieron|incumplió|han incumplido|ha incumplido|incumpliendo|incumplimiento",
        "“No cumplieron” acusa antes de saber qué pasó; puede que haya una razón que "
        "usted todavía no conoce.",
        "“Noté que … no se ha dado todavía; ¿podemos revisarlo juntos?”",
    ),
    (
        "blame.fallaron",
        B,
        r"(?:usted|ustedes|la escuela|el colegio|el distrito|el sistema|el equipo"
        r"|los maestros)(?: (?:le|les|nos|me|lo|la))? (?:falló|fallaron|ha fallado"
        r"|han fallado|fallan|falla)\b|(?:le|les|nos|me) (?:fallaron|han fallado)\b",
        "“La escuela le falló” es un juicio sobre las personas; suele cerrar la conversación.",
        "“Me preocupa que … no haya funcionado para mi hijo. ¿Podemos ver juntos qué cambiar?”",
    ),
    (
        "blame.culpa",
        B,
        r"(?<!\bno\s)(?:es|fue|será) (?:todo )?(?:su|vuestra) culpa"
        r"|(?<!\bno\s)(?:es|fue) (?:toda )?culpa (?:de ustedes|de usted|suya|de la escuela"
        r"|de la maestra|del maestro|del distrito|del equipo)|por (?:su|vuestra) culpa"
        r"|por culpa (?:de ustedes|de usted|suya|de la escuela|de la maestra|del maestro"
        r"|del distrito)|(?:ustedes|usted) (?:tienen|tiene) la culpa"
        r"|(?:los|las|la|lo|le|les) culpo",
        "Buscar culpables mira hacia atrás; el equipo necesita mirar hacia adelante.",
        "“Algo salió mal con … ¿Cómo podemos asegurarnos de que no vuelva a pasar?”",
    ),
    (
        "blame.no_les_importa",
        B,
        r"(?:a (?:ustedes|usted|la escuela|nadie) )?no (?:le|les) importa (?:nada"
        r"|mi hijo|mi hija|nuestro hijo|nuestra hija|el niño|la niña|los niños"
        r"|lo que (?:le )?pase)|a (?:ustedes|usted|la escuela) no (?:le|les) importa"
        r"|no (?:le|les) importa en absoluto",
        "Decir que a alguien no le importa adivina sus motivos, y eso suele doler.",
        "“No he recibido respuesta sobre … ¿Hay una mejor manera de comunicarme con usted?”",
    ),
    (
        "blame.ignoraron",
        B,
        r"(?:ignoraron|han ignorado|ignoran|ignoró|ha ignorado) (?:mis|mi|nuestros"
        r"|nuestras|nuestro|nuestra|lo que|el IEP|el PEI|el plan|las adaptaciones"
        r"|las acomodaciones|los acuerdos|sus necesidades|completamente|por completo"
        r"|totalmente)|(?:ustedes|usted|la escuela|el distrito|el equipo) se (?:negaron"
        r"|niegan|niega|negó|han negado|ha negado) a"
        r"|se (?:les|le) olvidó (?:otra vez|de nuevo)|(?:otra vez|de nuevo) se (?:les|le)"
        r" olvidó|(?:perdieron|han perdido) (?:otra vez |de nuevo )?(?:su|sus|mi|mis|la"
        r"|las|el|los) (?:carpeta|mochila|papeles|documentos|formulario|formularios|tarea"
        r"|informe|reporte)",
        "“Ignoraron mis correos” supone intención; quizá no llegó, se perdió o se entendió mal.",
        "“No sé si mi mensaje sobre … le llegó. ¿Podríamos revisarlo?”",
    ),
    (
        "blame.su_trabajo",
        B,
        r"(?<!\bque\s)(?:es|era) (?:su|vuestro) trabajo|no (?:hace|hacen|está haciendo"
        r"|están haciendo|hicieron|hizo) (?:bien )?su trabajo"
        r"|(?:se les paga|les pagan|le pagan) para (?:eso|esto)",
        "“Es su trabajo” lo convierte en una falta de la otra persona en lugar de una meta común.",
        "“¿Me ayuda a entender quién se encarga de … para asegurarnos de que se haga?”",
    ),
    (
        "blame.etiquetas",
        B,
        r"irresponsables?|negligentes?|negligencia|incompetentes?|incompetencia"
        r"|poco profesional(?:es)?|falta de profesionalismo|inútil(?:es)?",
        "Etiquetas como “incompetente” describen a la persona, no lo que pasó, y cuesta "
        "mucho volver atrás.",
        "Describa el hecho: “El … pasó … Me preocupa porque … ¿Podemos hablarlo?”",
    ),
    (
        "blame.veredictos",
        B,
        r"inaceptable|inadmisible|intolerable|indignante|vergonzos[oa]|una vergüenza"
        r"|qué vergüenza|(?:esto |eso )?es (?:un chiste|una broma|una burla)|una burla"
        r"|una falta de respeto|ridícul[oa]|absurd[oa]|(?:esto |eso )?es el colmo",
        "Palabras como “inaceptable” o “una vergüenza” dictan sentencia; se oye el enojo "
        "antes que los hechos.",
        "Diga cómo afecta al niño: “Me preocupa porque … ¿Podríamos encontrar la manera de …?”",
    ),
    # ── amenazas ─────────────────────────────────────────────────────────────────────
    (
        "threat.abogado",
        T,
        r"(?:voy|vamos) a (?:tener que )?(?:llamar|contactar|contratar|buscar|consultar"
        r"|hablar con|acudir a|recurrir a|poner|involucrar) (?:a )?(?:(?:un|una|mi|nuestro"
        r"|nuestra|el|la) )?abogad[oa]s?"
        r"|(?:tendré|tendremos) que (?:llamar|contactar|contratar|buscar|consultar"
        r"|hablar con|acudir a|recurrir a) (?:a )?(?:(?:un|una|mi|nuestro|nuestra) )?"
        r"abogad[oa]s?"
        r"|(?:llamaré|contactaré|contrataré|buscaré|consultaré|hablaré con|acudiré a"
        r"|recurriré a|llamaremos|contactaremos|contrataremos|buscaremos|consultaremos"
        r"|hablaremos con|acudiremos a|recurriremos a) (?:a )?(?:(?:un|una|mi|nuestro"
        r"|nuestra) )?abogad[oa]s?"
        r"|(?:mi|nuestro|nuestra) abogad[oa] (?:se (?:pondrá|va a poner) en contacto"
        r"|(?:les|le|los|la) (?:llamará|va a llamar|escribirá|contactará|va a contactar)"
        r"|se enterará|se va a enterar|sabrá de esto)"
        r"|(?:tendrán|tendrá|van a tener|va a tener) noticias de (?:mi|nuestro|nuestra)"
        r" abogad[oa]",
        "Usted tiene todo el derecho a buscar asesoría legal. Anunciada como advertencia, "
        "suele cerrar la conversación; compartida como información, puede mantenerla "
        "abierta.",
        "“Me gustaría entender juntos nuestras opciones; ¿podríamos acordar un momento "
        "para hablar?”",
    ),
    (
        "threat.demandar",
        T,
        r"(?:(?:los|las|la|lo|le|les) )?(?:voy a demandar|vamos a demandar|demandaré"
        r"|demandaremos)|(?:voy|vamos) a (?:demandarlos|demandarlas|demandarla|demandarlo"
        r"|demandarles|demandar a)|(?:acción|acciones) legal(?:es)?|medidas legales"
        r"|(?:por la )?vía legal|(?:nos vemos|los veré|las veré|nos veremos|los veremos)"
        r" en (?:la corte|los tribunales|el juzgado|un juicio)|(?:llevar|llevaré|llevaremos"
        r"|voy a llevar|vamos a llevar) (?:esto |el caso |este caso |este asunto )?(?:a|ante)"
        r" (?:la corte|los tribunales|un juez|el juzgado|juicio)|(?:presentar|presentaré"
        r"|presentaremos|voy a presentar|vamos a presentar|solicitar|solicitaré"
        r"|voy a solicitar|vamos a solicitar|pedir|pediré|voy a pedir) (?:una )?"
        r"(?:audiencia de )?(?:debido proceso|due process)",
        "Las vías legales son un derecho suyo; usadas como amenaza en un mensaje, ponen "
        "a todos a la defensiva.",
        "“Quiero asegurarme de que estamos cumpliendo el IEP. ¿Podríamos reunirnos para "
        "revisarlo juntos?”",
    ),
    (
        "threat.queja",
        T,
        r"(?:voy|vamos) a (?:poner|presentar|hacer|levantar|meter|interponer) (?:una )?"
        r"(?:queja|denuncia|reclamación|reclamo)(?: formal)?"
        r"|(?:pondré|presentaré|haré|levantaré|interpondré|pondremos|presentaremos|haremos"
        r"|levantaremos) (?:una )?(?:queja|denuncia|reclamación|reclamo)"
        r"|(?:voy|vamos) a denunciar(?:los|las|la|lo)?|(?:(?:los|las|la|lo) )?denunciaré"
        r"|(?:(?:voy|vamos) a (?:ir|acudir|hablar|quejarme|quejarnos|escribir|recurrir)"
        r"|hablaré|iré|acudiré|me quejaré|escribiré|recurriré|hablaremos|iremos|acudiremos"
        r"|nos quejaremos|escribiremos)(?: directamente)? (?:a|con|al|ante)"
        r" (?:el |la |los |las )?(?:superintendente|superintendencia|distrito|junta escolar"
        r"|junta|consejo escolar|mesa directiva|secretaría|ministerio|medios|prensa"
        r"|periódico|noticias|televisión|estado)"
        r"|(?:pasar )?por encima de (?:usted|ustedes|su cabeza)",
        "Una queja formal o acudir a instancias superiores son opciones reales; "
        "anunciadas como amenaza, suelen endurecer las posiciones.",
        "“Me preocupa … y me gustaría resolverlo primero con usted. ¿Podríamos hablar "
        "esta semana?”",
    ),
    (
        "threat.advertencia",
        T,
        r"(?:o|si no|de lo contrario)[, ]+(?:ya verán|ya verá|se van a arrepentir"
        r"|se va a arrepentir|atenerse a las consecuencias|habrá consecuencias)"
        r"|se (?:van|va) a arrepentir|se arrepentirán|se arrepentirá"
        r"|(?:es|será|esta es) (?:su|la) última (?:oportunidad|advertencia)"
        r"|última advertencia|considére(?:lo|nlo|se|nse) (?:advertid[oa]s?|avisad[oa]s?)"
        r"|quedan? advertid[oa]s?|(?:esto|eso) no se (?:va a|puede) quedar así"
        r"|esto no se queda así|esto no (?:ha terminado|termina aquí|se acaba aquí)"
        r"|(?:les|le) (?:va a costar|costará) caro"
        r"|(?:haré|voy a hacer) que (?:lo|la|los|las|le|les) (?:despidan|corran|echen)"
        r"|habrá consecuencias|(?:los|la|lo|las|le|les) (?:haré|haremos) responsables?",
        "Las advertencias y los ultimátums hacen que la gente se sienta acorralada, y eso "
        "hace menos probable la cooperación.",
        "“Esto es muy importante para nosotros. ¿En qué podemos ponernos de acuerdo "
        "como siguiente paso?”",
    ),
    (
        "threat.condicional",
        T,
        r"(?:o|si no|de lo contrario)[, ]+(?:(?:voy|vamos) a |tendré que |tendremos que "
        r"|me veré obligad[oa] a |nos veremos obligad[oa]s a )?(?:escalar|escalaré"
        r"|llevar esto más (?:lejos|arriba)|llevaré esto más (?:lejos|arriba)"
        r"|sacar a (?:mi|nuestro|nuestra) (?:hijo|hija|niño|niña)"
        r"|sacaré a (?:mi|nuestro|nuestra) (?:hijo|hija|niño|niña)|demandar|demandaré"
        r"|denunciar|denunciaré|(?:llamar|llamaré|hablar con|hablaré con) (?:a )?(?:un|una"
        r"|mi|nuestro|nuestra|el|la) (?:abogad[oa]|superintendente|prensa|director"
        r"|directora|junta|distrito)|(?:ir|iré) a (?:la|los|el) (?:junta|distrito|medios"
        r"|prensa|corte))",
        "“… o llamaré a …” hace que la petición dependa de una amenaza.",
        "Mantenga la petición y deje la amenaza: “¿Podríamos … antes del …? Si no es "
        "posible, hablemos de los siguientes pasos.”",
    ),
    # ── sarcasmo ─────────────────────────────────────────────────────────────────────
    (
        "sarcasm.gracias_por_nada",
        S,
        r"(?:muchas )?gracias por nada|gracias por (?:ignorar|ignorarme|ignorarnos|olvidar"
        r"|olvidarse|olvidarlo|perder|arruinar)\w*|gracias por (?:responder|contestar"
        r"|escribir|llamar),? (?:por fin|finalmente)|gracias por finalmente"
        r"|se dignaron|se dignó|dignarse|se (?:han|ha) dignado",
        "Un agradecimiento irónico se lee como desprecio, y el desprecio es difícil de reparar.",
        "Diga con claridad qué faltó: “Esperaba … ¿Podríamos intentarlo de nuevo?”",
    ),
    (
        "sarcasm.como_siempre",
        S,
        r"(?:tarde|nada|nadie|sin respuesta|sin contestar|ninguna respuesta|olvid\w+"
        r"|ignor\w+|cancel\w+)[^.!?¡¿\n]{0,40}como (?:siempre|de costumbre|es costumbre"
        r"|era de esperar|era de esperarse)"
        r"|como (?:siempre|de costumbre|era de esperar|era de esperarse),? (?:nadie|nada"
        r"|sin respuesta|ninguna respuesta|tarde|otra vez|de nuevo)"
        r"|la (?:misma historia|historia de siempre)|otra vez lo mismo"
        r"|ya (?:ni|no) me sorprende|(?:vaya|menuda) novedad",
        "“Como siempre” convierte un hecho en un patrón y suena a reproche.",
        "“Esto ha pasado varias veces. ¿Podríamos ver juntos qué lo está impidiendo?”",
    ),
    (
        "sarcasm.obviamente",
        S,
        r"obviamente(?! (?:estamos|estoy|nosotros|yo|nos|me)\b)"
        r"|evidentemente (?:usted|ustedes|nadie|no)"
        r"|claramente (?:usted|ustedes|nadie|no)|está claro que (?:usted|ustedes|nadie|no)"
        r"|por lo visto (?:nadie|no)|al parecer nadie"
        r"|supongo que nadie (?:lee|leyó|se molestó)",
        "“Obviamente” o “está claro que usted …” dan a entender que la otra persona "
        "debería saberlo ya; puede sonar condescendiente.",
        "Quite la palabra, o diga: “Quizá no me expliqué bien: …”",
    ),
    (
        "sarcasm.sorpresa",
        S,
        r"(?:qué|vaya|menuda) sorpresa(?! (?:tan|más|muy|linda|bonita|hermosa"
        r"|agradable)\b)|ajá,? (?:claro|seguro)|ya,? claro(?=\s*[.!…]|\s*$)|claro,? claro",
        "El sarcasmo pierde el tono por escrito; quien lo lee oye burla.",
        "“Me cuesta entenderlo porque … ¿Me ayuda a verlo?”",
    ),
    (
        "sarcasm.ocupados",
        S,
        r"(?:estoy|estamos) (?:segur[oa]s? )?de que (?:está|están) (?:muy |tan "
        r"|sumamente )?ocupad[oa]s?|seguro que (?:está|están) (?:muy |tan )?ocupad[oa]s?"
        r"|(?:me imagino|supongo) que (?:está|están) (?:muy |tan |demasiado )?ocupad[oa]s?"
        r" para|qué (?:bonito|lindo|fácil|cómodo) debe ser|si no es mucho pedir"
        r"|ojalá (?:alguien|algún día|alguna vez) (?:lea|conteste|responda|me haga caso)",
        "En una queja, “seguro que están muy ocupados” suele leerse como una indirecta.",
        "“Sé que tiene mucho trabajo. ¿Podríamos encontrar un momento que le convenga para …?”",
    ),
    (
        "sarcasm.como_ya_dije",
        S,
        r"según mi (?:último|anterior|pasado|previo) (?:correo|mensaje|email|e-mail|nota)"
        r"|como ya (?:le |les |se lo |se los )?(?:dije|he dicho|había dicho|mencioné"
        r"|he mencionado|expliqué|he explicado|escribí|he escrito|indiqué|he indicado"
        r"|comenté|he comentado|pedí|he pedido)|por (?:enésima|milésima|centésima) vez"
        r"|(?:escribo|pregunto|pido|digo|repito|solicito|llamo|recuerdo|escribiendo"
        r"|preguntando|pidiendo|repitiendo)[^.!?¡¿\n]{0,30} por (?:tercera|cuarta|quinta"
        r"|sexta|décima) vez|cuántas veces (?:más )?(?:tengo|tendré|hay|habrá) que",
        "Recordar lo que ya dijo transmite fastidio; quizá le respondan al fastidio y no "
        "a la petición.",
        "“Le escribo para dar seguimiento a mi mensaje del … sobre … ¿Me podría confirmar …?”",
    ),
    (
        "sarcasm.buen_trabajo",
        S,
        r"(?:buen|gran|excelente|magnífico|estupendo|fantástico|bonito|lindo) trabajo,?"
        r" (?:(?:el de|la de|de) )?(?:perder|perdiendo|olvidar|olvidando|ignorar|ignorando"
        r"|extraviar|extraviando|saltarse|saltándose)"
        r"|(?:felicidades|felicitaciones|enhorabuena|bravo) por (?:perder|olvidar|ignorar"
        r"|extraviar|saltarse)\w*",
        "El elogio irónico (“buen trabajo perdiendo …”) duele más que un comentario directo.",
        "“… se volvió a perder. ¿Podríamos buscar juntos una manera de no perderlo de vista?”",
    ),
    (
        "sarcasm.supuesto",
        S,
        r"(?<!\bpor\s)(?:el|la|los|las|su|sus) supuest[oa]s? (?:apoyo|apoyos|ayuda"
        r"|adaptaciones|acomodaciones|servicios|plan|maestr[oa]|especialista|terapia"
        r"|terapias|equipo|progreso|reunión|comunicación|inclusión|seguimiento)"
        r"|a ver si (?:esta vez|por fin|algún día|alguna vez|ahora sí|de una vez)"
        r"|ni que fuera (?:tan )?difícil|no es (?:ciencia|física) (?:espacial|nuclear"
        r"|cuántica)|es tan difícil (?:contestar|responder|llamar|avisar|leer|cumplir)",
        "“Los supuestos apoyos” o “a ver si por fin …” se burlan de lo que nombran y de "
        "las personas detrás.",
        "Nombre la preocupación: “No sé si … le está funcionando, porque …”",
    ),
    # ── desdén ───────────────────────────────────────────────────────────────────────
    (
        "dismissive.calmese",
        X,
        r"cálmese|cálmate|cálmense|tranquilícese|tranquilízate|tranquilícense"
        r"|(?:debe|tiene que|necesita|debería) (?:calmarse|tranquilizarse)"
        r"|(?:está|estás|están) exagerando|(?:está|estás|están) siendo (?:muy |demasiado "
        r"|un poco |algo )?(?:emocional|emocionales|dramátic[oa]s?|exagerad[oa]s?|difícil"
        r"|difíciles|agresiv[oa]s?|irracional|irracionales|paranoic[oa]s?"
        r"|conflictiv[oa]s?)|no (?:exagere|exageres|exageren|sea tan dramátic[oa]"
        r"|sea exagerad[oa]|se ponga así)",
        "Pedirle a alguien que se calme, o decirle que exagera, descarta lo que siente y "
        "suele empeorar las cosas.",
        "“Veo que esto es muy importante para usted. ¿Me cuenta un poco más de lo que le "
        "preocupa?”",
    ),
    (
        "dismissive.no_es_mi_problema",
        X,
        r"no es (?:mi|nuestro) (?:problema|trabajo|asunto|responsabilidad|departamento)"
        r"|eso no (?:me|nos) (?:corresponde|incumbe)|(?:me da igual|no me importa) lo que"
        r" (?:diga|digan|piense|piensen|opine|opinen|quiera|quieran)"
        r"|(?:a mí )?me da igual(?=\s*[.!…](?:\s|$))|la gente como (?:usted|ustedes)"
        r"|ustedes los (?:padres|maestros|de la escuela)|con (?:todo )?el debido respeto",
        "“No es mi problema” o “me da igual” le cierran la puerta al equipo.",
        "“Eso no me corresponde a mí, pero déjeme averiguar quién puede ayudarle.”",
    ),
    (
        "dismissive.no_entienden",
        X,
        r"(?<!\bsi\s)(?<!\bque\s)(?:ustedes|usted) no (?:entiende|entienden|comprende"
        r"|comprenden|podría entender|podrían entender)(?! (?:el|la|algo|alguna)\b)"
        r"|usted no es (?:el|la|un|una) (?:experto|experta|profesional|maestro|maestra"
        r"|especialista|médico|médica|doctor|doctora|terapeuta)"
        r"|(?:el|la) (?:experto|experta|profesional|especialista) (?:aquí )?soy yo"
        r"|(?:yo|nosotros) (?:sé|sabemos) (?:lo que es|qué es) mejor para (?:él|ella"
        r"|su hijo|su hija|el niño|la niña)|(?:déjelo|déjenlo|déjenoslo) (?:a|en manos de)"
        r" (?:los|las) (?:profesionales|expertos|expertas)"
        r"|déjenos (?:a nosotros|a los profesionales|a los expertos)",
        "Decirle a alguien que no entiende, o que no es el experto, descarta lo que sabe del niño.",
        "“Déjeme explicarle lo que estoy viendo, y me gustaría escuchar lo que ve usted.”",
    ),
    (
        "dismissive.minimizar",
        X,
        r"(?:es|está siendo|son|están siendo|solo es|es solo|es un|es una)"
        r" (?:muy |un poco |simplemente |solo )?(?:flojo|floja|flojos|perezos[oa]s?|vago"
        r"|vaga|vagos|malcriad[oa]s?|manipulador|manipuladora|manipuladores"
        r"|caprichos[oa]s?|berrinchud[oa]s?)"
        r"|(?:solo|nada más|lo único que) (?:quiere|busca|quieren|buscan|hace es buscar)"
        r" (?:llamar la atención|atención)|(?:solo|nada más|simplemente) (?:tiene|tienen"
        r"|necesita|necesitan) que esforzarse más|(?:solo|simplemente) necesita"
        r" esforzarse más|(?:podría|puede) (?:hacerlo|hacerlo mejor|portarse bien) si"
        r" quisiera|lo (?:haría|podría hacer) si quisiera|es lo que hay"
        r"|así son las cosas|no (?:hay|podemos hacer) nada más que (?:podamos )?hacer"
        r"|no podemos hacer nada más|no hay nada más que hacer|siempre lo hemos hecho así"
        r"|así se ha hecho siempre|son cosas de niños",
        "Decir que un niño es flojo, o que solo tiene que esforzarse más, puede pasar por "
        "alto una necesidad real detrás de la conducta.",
        "Describa lo que observa y pregunte: “He notado que … ¿Qué cree usted que podría ayudar?”",
    ),
]


AMPLIFIER_TEXT: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        Category.ALL_CAPS.value: (
            "Words in capitals read as shouting in writing.",
            "Use normal case; if something matters most, say so: “The most important thing "
            "for us is …”",
        ),
        Category.EXCLAMATIONS.value: (
            "Several exclamation marks in a tense message read as a raised voice.",
            "One exclamation mark, or a full stop, keeps the attention on your words.",
        ),
    },
    "es": {
        Category.ALL_CAPS.value: (
            "Las palabras en mayúsculas se leen como gritos por escrito.",
            "Use minúsculas; si algo es lo más importante, dígalo: “Lo más importante para "
            "nosotros es …”",
        ),
        Category.EXCLAMATIONS.value: (
            "Varios signos de exclamación en un mensaje tenso se leen como una voz alzada.",
            "Un solo signo de exclamación, o un punto, mantiene la atención en sus palabras.",
        ),
    },
}

# Capitalised words that are names, not shouting (compared after removing accents).
_ACRONYM_LIST = """
    IEP IEPS IEE IFSP PEI PIE FAPE LRE IDEA ADA OCR PWN ESY BIP FBA SLP OT PT ABA BCBA RBT
    PBIS MTSS RTI SST SPED ESE ELL ESL ELD ELA STEM GPA SAT ACT ADHD ADD ASD ODD OCD PTSD
    SLD EBD OHI TBI DHH AAC ASL CSE CPSE PPT ARD FERPA HIPAA SEL USA NYC COVID PDF DOE
    TDAH TEA TGD USAER CAM SEP EEUU EE UU CDMX NEE DIF OK AM PM ID TV PE IT
    """
ACRONYMS = frozenset(_ACRONYM_LIST.split())

# Spanish has no sentiment score (see tone.py), so warmth comes from a few plain markers;
# a marker of upset keeps a Spanish sentence or text from being called warm.
WARM_ES_SOURCE = (
    r"gracias|agradec\w*|felicidades|felicitaciones|enhorabuena|excelente|genial"
    r"|estupend\w*|maravill\w*|orgullos\w*|encant\w*|feliz|felices|content[oa]s?|alegr\w*"
    r"|increíble|bravo|qué bien|qué bueno|fantástic\w*|hermos\w*|precios\w*|amable"
    r"|buenísim\w*|logr\w*"
)
TENSE_ES_SOURCE = (
    r"frustrad\w*|frustración|decepcion\w*|molest\w*|hart[oa]s?|enojad\w*|enfadad\w*"
    r"|indignad\w*|furios\w*|preocupad\w*|preocupación|triste\w*|desesperad\w*"
    r"|cansad[oa]s? de"
)

ROWS: dict[str, list[Row]] = {"en": EN, "es": ES}

_FOLD_WORD = str.maketrans("áéíóúüñ", "aeiouun")


def fold_word(word: str) -> str:
    """How words are compared with `first_words`: lower-case, Spanish accents removed."""
    return word.lower().translate(_FOLD_WORD)


@functools.cache
def entries(language: str) -> tuple[Entry, ...]:
    """The compiled lexicon for "en" or "es" (anything else: English).

    Compiled on first use and kept for the life of the process: compiling every pattern
    takes some tens of milliseconds, which Django's start-up should not pay.
    """
    language = language if language in ROWS else "en"
    built = []
    for rid, category, source, explanation, suggestion in ROWS[language]:
        pattern = _compile(source, language)
        built.append(
            Entry(
                id=f"{language}.{rid}",
                category=category,
                pattern=pattern,
                explanation=explanation,
                suggestion=suggestion,
                anchors=anchors(pattern),
            )
        )
    return tuple(built)


@functools.cache
def spanish_markers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(warm, tense) word patterns for Spanish, compiled on first use."""
    return _compile(WARM_ES_SOURCE, "es"), _compile(TENSE_ES_SOURCE, "es")


# ── where a pattern can match ─────────────────────────────────────────────────────────
# Read from the parsed pattern: every way a match can begin, up to its second word. A
# state is (first word, first is a stem, stage, second word, kind of second word);
# stages: 0 in the first word, 1 between the words, 2 in the second word, 3 done.

_IN_FIRST, _BETWEEN, _IN_SECOND, _DONE = 0, 1, 2, 3
_ANY, _WORD, _STEM = 0, 1, 2
_State = tuple[str, bool, int, str, int]
_NON_WORD_CATEGORIES = {
    sre.CATEGORY_SPACE,
    sre.CATEGORY_NOT_WORD,
    sre.CATEGORY_UNI_SPACE,
    sre.CATEGORY_UNI_NOT_WORD,
}


class _Unanchored(Exception):
    """The pattern can start with something other than a word: try it everywhere."""


def anchors(pattern: re.Pattern[str]) -> Anchors:
    """The first words (and what can follow them) a match of `pattern` starts with."""
    try:
        parsed = list(sre_parse.parse(pattern.pattern, pattern.flags))
        states = {_finish(st) for st in _walk(parsed, {("", False, _IN_FIRST, "", _ANY)})}
    except Exception:  # _Unanchored, or a construct the walk does not know: try everywhere
        return Anchors()
    if any(not first for first, *_rest in states):
        return Anchors()
    return Anchors(
        first_words=frozenset(f for f, stem, *_r in states if not stem),
        first_stems=frozenset(f for f, stem, *_r in states if stem),
        second_words=None
        if any(kind == _ANY for *_r, kind in states)
        else frozenset(second for *_r, second, kind in states if kind == _WORD),
        second_stems=frozenset(second for *_r, second, kind in states if kind == _STEM),
    )


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _walk(items: list[tuple[Any, Any]], states: set[_State]) -> set[_State]:
    for op, av in items:
        open_states = {st for st in states if st[2] != _DONE}
        if not open_states:
            break
        states = (states - open_states) | _step(op, av, open_states)
    return states


def _step(op: Any, av: Any, states: set[_State]) -> set[_State]:
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return states  # zero-width
    if op is sre.LITERAL:
        return {_char(st, chr(av)) for st in states}
    if op is sre.IN:
        if all(o is sre.LITERAL for o, _v in av):
            return {_char(st, chr(v)) for st in states for _o, v in av}
        categories = {v for o, v in av if o is sre.CATEGORY}
        if len(categories) == len(av) and categories <= _NON_WORD_CATEGORIES:
            return {_char(st, " ") for st in states}
        return {_unknown(st) for st in states}
    if op is sre.BRANCH:
        return set().union(*(_walk(list(alt), states) for alt in av[1]))
    if op is sre.SUBPATTERN:
        return _walk(list(av[-1]), states)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, sub = av
        once = _walk(list(sub), states)
        result = once if low >= 1 else states | once
        if high != 1 and _walk(list(sub), once) != once:
            result = {_unknown(st) for st in result}  # more rounds could go further
        return result
    return {_unknown(st) for st in states}


def _char(state: _State, c: str) -> _State:
    first, stem, stage, second, kind = state
    if stage == _DONE:
        return state
    if _is_word_char(c):
        c = fold_word(c)  # "[aá]" is one way to go on, not two
        if stage == _IN_FIRST:
            return (first + c, stem, _IN_FIRST, second, kind)
        return (first, stem, _IN_SECOND, second + c, kind)
    if stage == _IN_FIRST:
        if not first:
            raise _Unanchored
        return (first, stem, _BETWEEN, "", kind)
    if stage == _BETWEEN:
        return state
    return (first, stem, _DONE, second, _WORD)


def _unknown(state: _State) -> _State:
    """Unsure how the text goes on here: what is known becomes a stem (a safe superset)."""
    first, stem, stage, second, kind = state
    if stage == _DONE:
        return state
    if stage == _IN_FIRST:
        if not first:
            raise _Unanchored
        return (first, True, _DONE, "", _ANY)
    if stage == _BETWEEN:
        return (first, stem, _DONE, "", _ANY)
    return (first, stem, _DONE, second, _STEM)


def _finish(state: _State) -> _State:
    """The pattern ends here."""
    first, stem, stage, second, kind = state
    if stage == _DONE:
        return state
    if stage == _IN_SECOND:
        return (first, stem, _DONE, second, _WORD)
    if not first:
        raise _Unanchored
    return (first, stem, _DONE, "", _ANY)
