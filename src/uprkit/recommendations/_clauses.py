"""The parts of a recommendation the action rules look at, found by patterns and word lists.

Its frame ("Recommended that", a numbering), an opening clause, the means it names ("by adopting"),
a passive verb, the main verb and the object that makes it general or specific, and whether other
States, donors or UN bodies are the ones asked to act; and the reading that starts at the main
verb. Used by :mod:`._classify`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from uprkit.recommendations import _lexicon as lex
from uprkit.recommendations._reading import clean, split_words, verb_of

_FRAME = re.compile(
    r"""^[\s"'“”‘’«»()\[\]*•·\-–—.:;,]*
    (?:(?:\(?[a-z0-9]{1,3}[.)]\s+))?                      # a numbering like "a)" or "1."
    (?:(?:it\s+is\s+|was\s+|is\s+)?(?:strongly\s+)?
       (?:recommend(?:s|ed)?|suggest(?:s|ed)?|urge(?:s|d)?|requested|proposed)\s*(?:that\s+)?
     |that\s+|to\s+(?=[a-z]))?""",
    re.X,
)
_FRAME_WORDS = frozenset(
    """recommend recommends recommended suggest suggests suggested urge urges urged requested
    proposed that to it was is strongly""".split()
)
# "In line with its obligations, ratify ..." — an opening clause before the main verb
_OPENING_CLAUSE = re.compile(
    r"""^(?:in|with|while|as|given|noting|note|bearing|taking|recognizing|recognising|following|
    through|by|on|at|within|for|after|based|considering|acknowledging|welcoming|pursuant|
    according|building|mindful|where|when|if|once|since|before|during|despite|upon|under|having|
    guided|consistent|regarding|concerning|further\s+to|together|along|without|beyond|aware|
    notwithstanding|inspired|encouraged|recalling|stressing|commending|appreciating)\b
    [^,;]{0,240}[,;]\s*""",
    re.X,
)
# "continue its efforts ... by adopting a law" names new means: read the means instead
_MEANS = re.compile(r"\bby (?:\w+ )?(\w+ing)\b")
# "take measures ... by adopting a law", "through the ratification of": the means named for a
# general action, as a verb in -ing or as a noun for a verb ("ratification" for "ratify")
_GENERAL_MEANS = re.compile(r"\b(by|through|via)\s+(?:\w+ly\s+)?(\w+ing)\b")
_GENERAL_MEANS_NOUN = re.compile(
    r"\b(by|through|via)\s+(?:the\s+|its\s+|a\s+)?(?:\w+\s+)?("
    + "|".join(sorted(lex.NOMINAL_VERBS, key=len, reverse=True))
    + r")\s+of\s+"
)
_CLAUSE_END = re.compile(r"[,;]\s*")
# a that-clause with its own subject: "That the law be amended", "Recommended that X be ..."
_THAT_SUBJECT = re.compile(r"^\W*(?:(?:it\s+is\s+|was\s+)?recommend(?:s|ed)?\s+)?that\s+(?!to\b)")
# the passive verb of such a clause, before any comma: "be reformed", "are investigated"
_SUBJECT_PASSIVE = re.compile(
    r"^[^,;]*?\b(?:should|must|shall|will)?\s*(?:be|is|are)\s+(?:(?:\w+ly|further|also)\s+)?"
    r"([a-z-]+(?:ed|en|wn|ne|un|id|lt|ht))\b"
)
# "in law", "by law", "in its legislation", "legally": recognition written into the law
_LEGAL_RECOGNITION = re.compile(
    r"\b(?:in law|by law|legally|in (?:its |the )?(?:national |domestic )?legislation)\b"
)
_MODAL_TAIL = re.compile(r"\s*\b(?:should|must|shall|will|would)?\s*$")
_UNKNOWN_PASSIVE = re.compile(r"\b(?:be|is|are)\s+(?:(?:\w+ly|further|also)\s+)?([a-z]{3,}ed)\b")
_PASSIVE = re.compile(
    r"\b(?:should|must|shall|be|to|will)\s+(?:(?:\w+ly|further|also|not)\s+)?([a-z-]+)"
)


def _main_verb_position(tokens: list[str]) -> int | None:
    """Index of the main verb: skip adverbs ("fully", "further") and subjects up to ~8 words."""
    for index, token in enumerate(tokens[:10]):
        if token in lex.LEADING_ADVERBS or token in ("should", "must", "shall", "to", "be"):
            continue
        if token == "including":  # nearly always "including X", not the verb "include"
            continue
        if verb_of(token) is not None:
            return index
    return None


# words that open the object of an imperative verb: "Outlaw the ...", "Penalise all ..."
_OBJECT_OPENERS = frozenset(
    "the a an its their all any every this these those such his her and".split()
)
# a noun-like word ("document", "commission") first and followed by one of these is a verb
_DETERMINERS = _OBJECT_OPENERS - {"and"}
_NOT_VERBS = frozenset(
    """the a an its their all any every this these those such his her that it there we they
    i you he she our no not more most other thank thanks women men children people state states
    government have let and or in on at by for from with within without while whilst prior due
    given having following through under upon after before during despite regarding concerning
    as if when where since once both either full further greater""".split()
)
# finite verbs that follow a subject in a statement: the word before them is not a verb
_SUBJECT_VERBS = frozenset(
    """welcomes commends congratulates appreciates thanks notes acknowledges recognizes
    recognises expresses praises salutes encourages urges calls recommends wishes hopes
    takes remains has had did does welcomed commended noted""".split()
)
_MODALS = frozenset("should must shall will would could may can be is are was were".split())
_NOUN_ENDINGS = (
    *("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ive", "ous", "ful", "al", "ent"),
    *("ant", "ic", "ary", "ory", "ible", "able"),
)


def _unknown_verb_position(tokens: list[str]) -> int | None:
    """Where a verb the word lists do not know opens the recommendation, or None.

    A recommendation is an imperative: a word the lists do not know, in first place (after
    adverbs), is read as its verb when it is followed by the start of an object ("Outlaw the
    ...", "Penalise all ...") or when no "should", "be"... follows that would make it a subject
    ("NGOs should be consulted") or a verb ("Germany welcomes ..."), so a verb nobody wrote down
    is still read as an action. Not a
    word that reads as a noun or adjective ("-tion", "-ity", "-ive"; unless it comes first and
    a determiner follows: "Document all cases", "Commission a study"), a plural, a preposition,
    or a word before "to <known verb>" ("Plan to ratify" is read from "ratify").
    """
    for index, token in enumerate(tokens[:4]):
        if token in lex.LEADING_ADVERBS or token.endswith("ly") or token in ("should", "must"):
            continue
        if token in ("and", "shall", "to") and index:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        later = tokens[index + 1 : index + 7]
        known_after_to = any(
            w == "to" and i + 1 < len(later) and verb_of(later[i + 1]) for i, w in enumerate(later)
        )
        if (
            verb_of(token) is None
            and token not in _NOT_VERBS
            and token not in _FRAME_WORDS
            and token.isalpha()
            and len(token) > 2
            and (not token.endswith(_NOUN_ENDINGS) or (index == 0 and following in _DETERMINERS))
            and (not token.endswith("s") or token.endswith(("ss", "us")))
            and not known_after_to
            and (verb_of(following) is None or following in _OBJECT_OPENERS)
            and following not in _SUBJECT_VERBS  # "Germany welcomes", "Kenya has"
            and (following in _OBJECT_OPENERS or not _MODALS & set(tokens[index + 1 : 8]))
        ):
            return index
        return None
    return None


# "Bolster the role of the Ombudsman": after a verb no list knows, an aspect of an existing
# body or law is what it acts upon, not the body or law (a general action)
_ASPECTS = frozenset(
    """role functioning work effectiveness efficiency independence obligations obligation
    provisions spirit principles application quality""".split()
)


def _object_decision(
    tokens: list[str], start: int, unknown_verb: bool = False
) -> tuple[int, str] | None:
    """The object word after a flexible verb that makes it specific (5) or general (4).

    A specific word anywhere in the object wins ("adopt policy and legislative measures").
    """
    general = None
    window = tokens[start : start + 9]
    for index, token in enumerate(window):
        if token in lex.OBJECT_BOUNDARIES:
            break
        if index < 4 and token in lex.CONSIDERING_NOUNS and general is None:
            return 3, token
        if token in lex.POSSIBILITY_NOUNS and window[index + 1 : index + 2] == ["of"]:
            if window[index + 2 : index + 3] and window[index + 2].endswith("ing"):
                return 3, token
        if token == "action" and window[index + 1 : index + 2] in (["plan"], ["plans"]):
            return 5, "action plan"
        if (
            token in _ASPECTS
            and window[index + 1 : index + 2] in (["of"], ["under"])
            and general is None
            and unknown_verb
        ):
            return 4, token
        if token in lex.SPECIFIC_OBJECTS:
            return 5, token
        if general is None and token in lex.GENERAL_OBJECTS:
            general = token
    return (4, general) if general else None


def _given_thing(tokens: list[str], start: int) -> int | None:
    """Where "what is given" starts in "provide <receiver> with <thing>", or None."""
    for index in range(start, min(start + 12, len(tokens))):
        token = tokens[index]
        if token == "with":
            return index + 1
        if token in lex.OBJECT_BOUNDARIES or token.endswith(("ing", "ed")):
            return None  # "people living with HIV", "those charged with crimes"
    return None


def _addressed_to_others(lowered: str) -> str | None:
    head = lowered[:160]
    for phrase in lex.OTHER_ADDRESSEES:
        if phrase in head:
            return phrase
    return None


# "Donor States should ...", "The OHCHR must ...", "All States are urged to ...": the subject
_ASKED_SUBJECT = re.compile(
    r"^\W*(?:that\s+)?(?:we\s+recommend\s+that\s+)?(?P<who>"
    + lex.OTHER_STATES_OR_DONORS
    + "|"
    + lex.UN_SYSTEM
    + r")(?:[^.;:]{0,80}?)\s+(?P<asked>should|must|shall|(?:is|are)\s+(?:urged|"
    r"encouraged|invited|called\s+(?:up)?on|requested|asked))\b",
    re.VERBOSE,
)
# "Urge all States to ...", "Call on donors to ...": the one urged
_ASKED_OBJECT = re.compile(
    r"^\W*(?:to\s+)?(?P<asked>urges?|call(?:s)?\s+(?:up)?on|invites?|encourages?|appeals?\s+to|"
    r"requests?|asks?|exhorts?)\s+(?P<who>"
    + lex.OTHER_STATES_OR_DONORS
    + r")(?:[^.;:]{0,60}?)\s+to\s+\w",
    re.VERBOSE,
)


def _asked_of_others(lowered: str) -> tuple[str, str] | None:
    """(the asking words, the others) when other States, donors or UN bodies are the ones asked
    to act, not the State under Review; else None."""
    head = lowered[:200]
    if head.startswith(("the united states", "united states")):
        return None  # a State that may well be the one under review
    for pattern in (_ASKED_SUBJECT, _ASKED_OBJECT):
        found = pattern.match(head)
        if found:
            who = " ".join(found.group("who").split())
            return " ".join(found.group("asked").split()), who.removeprefix("the ")
    return None


@dataclass(frozen=True)
class _Reading:
    """Where the main verb is: the text from the recommendation's start, its words, the verb."""

    body: str
    tokens: list[str]
    position: int

    @property
    def verb_token(self) -> str:
        return self.tokens[self.position]

    @property
    def verb(self) -> str | None:
        """The verb, or for a verb no list knows made of "re" and a known one ("reopen",
        "reassess"), that verb; else None."""
        token = self.verb_token
        known = verb_of(token)
        if known is None and token.startswith("re") and len(token) > 5:
            return verb_of(token[2:].removeprefix("-"))
        return known

    @property
    def rest(self) -> list[str]:
        return self.tokens[self.position + 1 :]


def _find_main_verb(lowered: str, words: list[str] | None) -> _Reading | str:
    """The reading of a recommendation, or the words it starts with when no verb was found."""
    first = lowered.split(" ", 1)[0]
    if first.isalpha() and first not in _FRAME_WORDS:
        body = lowered  # the usual case: the text starts with its verb
    else:
        body = _FRAME.sub("", lowered, count=1)
    if _OPENING_CLAUSE.match(body):
        # the clause may hold commas of its own ("Economic, Social and Cultural Rights, revoke")
        for comma in _CLAUSE_END.finditer(body[:300]):
            tail = body[comma.end() :]
            if tail.startswith("to "):  # "Taking into account X, to take measures ..."
                tail = tail[3:]
            if len(tail) > 10 and _main_verb_position(split_words(tail[:80])) == 0:
                body = tail
                break
    # the main verb and its object come early: 400 characters are enough
    tokens = words if words is not None and body is lowered else split_words(body[:400])
    position = _main_verb_position(tokens)
    if (
        position
        and body is not lowered
        and _THAT_SUBJECT.match(lowered)
        and not _addressed_to_others(lowered)
    ):
        # "That the Police Act be reformed": in a that-clause with a subject, the passive
        # "be reformed" is the action asked for, not a noun-like word in the subject ("act")
        passive = _SUBJECT_PASSIVE.search(body[:240])
        if passive and verb_of(passive.group(1)):
            body = body[passive.start(1) :]
            return _Reading(body, split_words(body[:400]), 0)
    unknown = None if _THAT_SUBJECT.match(lowered) else _unknown_verb_position(tokens)
    if unknown is not None and (position is None or position > unknown):
        # "Disarm and dismantle ...": an unknown verb joined to a known one reads as that one
        joined = tokens[unknown + 1 : unknown + 3]
        if len(joined) == 2 and joined[0] == "and" and verb_of(joined[1]):
            return _Reading(body, tokens, unknown + 2)
        return _Reading(body, tokens, unknown)
    if position is not None:
        return _Reading(body, tokens, position)
    for match in _PASSIVE.finditer(body):  # "Recommended that all allegations be investigated"
        if verb_of(match.group(1)):
            body = body[match.start(1) :]
            return _Reading(body, split_words(body[:400]), 0)
    # "That laws on press offences be liberalized": a passive participle no list knows
    found = _UNKNOWN_PASSIVE.search(body[:300])
    if found:  # read actively: "be overhauled" acts on the subject, "the penal code"
        subject = _MODAL_TAIL.sub("", body[: found.start()]).removeprefix("that ")
        body = f"{found.group(1)} {subject} {body[found.end() :]}"
        return _Reading(body, split_words(body[:400]), 0)
    return " ".join(tokens[:4])


_CASED_TOKEN = re.compile(r"[a-zà-ÿ]+(?:['’-][a-zà-ÿ]+)*")
_OBJECT_END = re.compile(r"[,;:()]|\.\s|\s(?:" + "|".join(sorted(lex.OBJECT_BOUNDARIES)) + r")\s")
# a name ("the Supreme Court", "OP-CAT", "Luis Posada Carriles") or a number ("article 14",
# "90 days", "by 2026") in the object: something anyone can check was done
_NAMED = re.compile(r"\b[A-Z][A-Za-z'-]*[a-z](?:\s+(?:of\s+(?:the\s+)?)?[A-Z][A-Za-z'-]*[A-Za-z])+")
_NUMBER = re.compile(r"\b\d+\s+(?:days|weeks|months|years|per\s?cent)\b|\b(?:19|20)\d\d\b")

# a body the State works with, not a thing it makes: "Heed the call of the High Commissioner"
_PARTNER = re.compile(r"(?:" + lex.UN_SYSTEM + r"|" + lex.OTHER_STATES_OR_DONORS + r")", re.X)


def _named_object(text: str, reading: _Reading, start: int) -> str | None:
    """The name or number in the object that starts at token ``start``, in the text's own case."""
    cased = " ".join(text.replace("’", "'").split())
    offset = len(cased) - len(reading.body)
    words = list(_CASED_TOKEN.finditer(reading.body[:400]))
    if offset < 0 or len(cased) != len(clean(text)) or start >= len(words):
        return None
    tail = cased[offset + words[start].start() :][:120]
    end = _OBJECT_END.search(tail)
    head = tail[: end.start() if end else None]
    found = _NAMED.search(head) or _NUMBER.search(head)
    if found is None or _PARTNER.match(found.group(0).lower()):
        return None
    return found.group(0)
