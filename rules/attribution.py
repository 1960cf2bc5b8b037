"""Country attribution: which of the countries named in a sentence an event belongs to.

Each country mention gets a role from its neighbours in the normalised sentence:

- ``commenter``: the subject of a speech or stance verb ("the United States called on ...",
  "Washington questioned ...", "according to Kyiv"), unless it talks about itself ("Russia said it
  would ..."). Commenters never get the event (taxonomy: countries that only comment, call on, urge,
  welcome or condemn).
- ``forces``: a demonym or name owning forces ("Russian troops", "Russian-led forces"). It counts
  for actor triggers (massing, withdrawal, intervention, conflict), not for where-it-happens ones.
- ``official``: a country's own police, army or ministry speaking ("Kenyan police said ...");
  treated as a commenter unless the sentence names no other country.
- ``addressee``: the one called on or urged ("called on Moscow to ..."): the would-be actor,
  so it counts for actor triggers only.
- ``plain``: anything else.

The event goes to the allowed mentions in the match's clause, plus the antecedent of a pronoun
("though it is massing troops" → the previous country). Failing that, the allowed mentions of the
whole sentence; failing that, the article's focus country (see ``rules.engine``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from rules.cues import CueSet
from rules.rule import Attribution

__all__ = ["Mention", "Role", "SentenceRoles", "attribute"]


class Role(StrEnum):
    """How a country mention relates to what is said in its sentence."""

    PLAIN = "plain"
    COMMENTER = "commenter"
    OFFICIAL = "official"
    ADDRESSEE = "addressee"
    FORCES = "forces"
    MODIFIER = "modifier"
    TRANSIT = "transit"


@dataclass(frozen=True, slots=True)
class Mention:
    """A country named at characters ``start``..``end`` of a normalised sentence."""

    start: int
    end: int
    code: str
    role: Role = Role.PLAIN


_SPEECH = (
    r"said|says|say|saying|call(?:s|ed)? (?:on|upon|for)|urg(?:e|es|ed)|welcom(?:e|es|ed)"
    r"|condemn(?:s|ed)?|critici[sz](?:e|es|ed)|questioned|accus(?:e|es|ed)"
    r"|prais(?:e|es|ed)|told|tells|express(?:es|ed)|voiced|denounc(?:e|es|ed)"
    r"|noted|stated|demanded|ask(?:s|ed)|insist(?:s|ed)"
    r"|claimed|alleged|believ(?:e|es|ed)|warn(?:s|ed)|reported|estimat(?:e|es|ed)"
    r"|appeal(?:s|ed)|pressed|hop(?:e|es|ed)|feared"
    r"|(?:has|have|had) (?:said|called|urged|warned|criticised|criticized|condemned)"
)
_COMMENTER_AFTER = re.compile(
    r"(?:'s?)?(?: (?!(?:and|or|to|of|in|on|been|was|were|is|are|be|being|as|after|while"
    r"|when|but|that|which|who|the)\b)[\w.]+){0,3}? (?:" + _SPEECH + r")\b"
    r"(?! (?:that )?(?:it|they|its|their|we|our|itself|he|she|his|her)\b)"
)
_COMMENTER_BEFORE = re.compile(
    r"(?:\baccording to|, said|, says|\bquoted by|\bworried|alarmed|angered|concerned|unsettled"
    r"|rattled|(?:criticism|condemnation|protests?|concern|warnings?) (?:from|by))(?: the)? $"
)
_FORCES_AFTER = re.compile(
    r"(?:'s)?(?: (?:led|backed|allied|trained|armed|coalition|special|regular|elite|armored"
    r"|armoured|airborne|naval|military|security|army|border|nuclear|combat|peacekeeping))*"
    r" (?:troops?|forces?|soldiers?|army|armies|military|tanks?|jets?|warplanes?|warships?"
    r"|navy|peacekeepers?|peacekeeping|units?|paratroopers?|contingents?|servicemen|artillery"
    r"|drones?|missiles?|battalions?|brigades?|divisions?|battlegroups?|personnel|mercenaries"
    r"|fighters?|gunboats?|submarines?)\b"
)
_OFFICIAL_AFTER = re.compile(
    r"(?:'s)?(?: (?:interior|defence|defense|home|state|national|federal|military|security))?"
    r" (?:police|army|military|security forces|ministry|authorities|government|junta|regime"
    r"|president|prime minister|leader|king|emir"
    r"|media|television|tv|news agency|officials)\b"
)
_ADDRESSEE_BEFORE = re.compile(
    r"\b(?:call(?:s|ed|ing)? (?:on|upon)|urg(?:e|es|ed|ing)|press(?:es|ed|ing)|appeal(?:s|ed)? to"
    r"|ask(?:s|ed|ing)|told|tells|demand(?:s|ed)? that|warn(?:s|ed|ing))(?: the)? $"
)
# "a Russian-led alliance", "a Russian-brokered ceasefire", "American-made vehicles": the country
# qualifies something else and takes no part in the event (forces were matched before this).
_MODIFIER_AFTER = re.compile(
    r" (?:led|backed|brokered|made|built|supplied|funded|sponsored|style|born|based|owned|linked"
    r"|mediated|drafted|designed|registered|flagged|aligned|leaning|speaking|inspired)\b"
)
# ... except a country leading or backing a military action, which is its own ("a Saudi-led
# strike", "the Russian-backed offensive"): that counts as its forces.
_LED_ACTION_AFTER = re.compile(
    r" (?:led|backed) (?:\w+ )?(?:coalition|strikes?|air ?strikes?|offensive|operations?|campaign"
    r"|bombing|bombardment|raids?|invasion|attacks?|assault|blockade|incursion)\b"
)
_MODIFIER_BEFORE = ("pro ", "anti ")  # "a pro-Russian rally" (hyphens are spaces here)
# "to leave Israel through Jordan and Egypt": both are only on the way.
_TRANSIT_BEFORE = re.compile(
    r"\b(?:through|via|by way of) (?:(?:[\w']+ ){1,3}(?:and|or) |(?:[\w']+ ?)*, )?$"
)
# "Kenya told soldiers to shoot protesters": a country instructing its own forces or people acts
# at home; it is no commenter.
_INSTRUCTS_OWN = re.compile(
    r"(?:'s?)?(?: \w+){0,2}? (?:told|tells|ordered|orders|instructed|instructs|authori[sz]ed"
    r"|authori[sz]es|allowed|allows|permitted|permits|gave) (?:its |the |their |his |her )?"
    r"(?:\w+ )?(?:soldiers|troops|police|policemen|officers|forces|army|military|guards"
    r"|gendarmes|security forces|citizens|nationals|residents)\b"
)
# "... along its border with Azerbaijan", "Kaliningrad, which borders Lithuania and Poland": the
# country faced across a border named after the match (actor triggers).
_FACED_BEFORE = re.compile(
    r"\b(?:borders?|bordering|frontiers?|boundary|boundaries) (?:with |between )?(?:the )?$"
)
_FACED_LIST = re.compile(r"^(?:,|,? and|,? or)(?: the)? $")
_SELF_REFERENCE = re.compile(r"\b(?:his|her|its|their|our|my)\b")
_PRONOUN = re.compile(r"\b(?:it|its|they|their|itself)\b")


# Cue literals (see ``rules.cues``): every match of _COMMENTER_AFTER contains one of them.
_SPEECH_CUES = CueSet(
    [
        ("say", "said", "call", "urg", "welcom", "condemn", "critici", "questioned", "accus",
         "prais", "told", "tells", "express", "voiced", "denounc", "noted", "stated", "demanded",
         "ask", "insist", "claimed", "alleged", "believ", "warn", "reported", "estimat", "appeal",
         "pressed", "hop", "feared")
    ]
)  # fmt: skip


def _endings(words: tuple[str, ...]) -> tuple[str, ...]:
    """What text just before a mention ends with when ``words`` (then maybe "the") precede it."""
    return tuple(f"{word} " for word in words) + tuple(f"{word} the " for word in words)


# Every match of _COMMENTER_BEFORE / _ADDRESSEE_BEFORE ends right before the mention with one of
# these (they end in "$"), so a sentence that does not end so there needs no search.
_COMMENTER_BEFORE_ENDINGS = _endings(
    ("according to", ", said", ", says", "worried", "alarmed", "angered", "concerned",
     "unsettled", "rattled", "from", "by")
)  # fmt: skip
_ADDRESSEE_BEFORE_ENDINGS = _endings(
    ("on", "urge", "urges", "urged", "urging", "press", "presses", "pressed", "pressing", "to",
     "ask", "asks", "asked", "asking", "told", "tells", "that", "warn", "warns", "warned",
     "warning")
)  # fmt: skip


class SentenceRoles:
    """Roles of country mentions in one normalised sentence; cues are found once per sentence."""

    def __init__(self, sentence: str) -> None:
        self._text = sentence
        self._speech = _SPEECH_CUES.present(sentence) != 0

    def role(self, start: int, end: int) -> Role:
        """Role of the mention at ``start``..``end`` of the sentence."""
        sentence = self._text
        after = sentence[end : end + 80]
        if _FORCES_AFTER.match(after) or _LED_ACTION_AFTER.match(after):
            return Role.FORCES
        if _MODIFIER_AFTER.match(after) or sentence.endswith(_MODIFIER_BEFORE, 0, start):
            return Role.MODIFIER
        if _TRANSIT_BEFORE.search(sentence, max(0, start - 40), start):
            return Role.TRANSIT
        if self._speech and _COMMENTER_AFTER.match(after):
            if (
                _OFFICIAL_AFTER.match(after)
                or _SELF_REFERENCE.search(sentence, end)
                or _INSTRUCTS_OWN.match(after)
            ):
                return Role.OFFICIAL
            return Role.COMMENTER
        # "$" also matches before a final newline, hence the second test.
        newline = start > 0 and sentence[start - 1] == "\n"
        if (
            newline or sentence.endswith(_COMMENTER_BEFORE_ENDINGS, 0, start)
        ) and _COMMENTER_BEFORE.search(sentence, max(0, start - 40), start):
            return Role.COMMENTER
        if (
            newline or sentence.endswith(_ADDRESSEE_BEFORE_ENDINGS, 0, start)
        ) and _ADDRESSEE_BEFORE.search(sentence, max(0, start - 30), start):
            return Role.ADDRESSEE
        return Role.PLAIN


def _allowed(mention: Mention, policy: Attribution) -> bool:
    if mention.role in (Role.COMMENTER, Role.OFFICIAL, Role.MODIFIER, Role.TRANSIT):
        return False
    if policy is Attribution.ACTOR:
        return True
    return mention.role not in (Role.FORCES, Role.ADDRESSEE)


def attribute(
    sentence: str,
    mentions: list[Mention],
    clause: tuple[int, int],
    match: tuple[int, int],
    policy: Attribution,
    *,
    scope: tuple[int, int] | None = None,
    clause_only: bool = False,
) -> list[str]:
    """ISO codes the event at ``match`` belongs to, in order of first mention; may be empty.

    ``clause``, ``match`` and ``scope`` are character ranges of the normalised ``sentence``.
    For an actor policy, the countries faced across a border named after the match within
    ``scope`` ("... which borders Lithuania and Poland") count too. With ``clause_only``, only
    those of the match's clause (and pronoun and border) are given, no fallback to the sentence.
    """
    clause_start, clause_end = clause
    in_clause = [
        m for m in mentions if clause_start <= m.start < clause_end and _allowed(m, policy)
    ]
    if policy is Attribution.TARGET:
        after = [m for m in in_clause if m.start >= match[0]]
        in_clause = after or in_clause
    codes = _codes(in_clause)
    if _PRONOUN.search(sentence, clause_start, match[0]):
        earlier = [m for m in mentions if m.end <= clause_start and m.role is not Role.COMMENTER]
        if earlier and earlier[-1].code not in codes:
            codes.append(earlier[-1].code)
    if policy is Attribution.ACTOR and scope is not None:
        for code in _faced(sentence, mentions, match[1], scope[1]):
            if code not in codes:
                codes.append(code)
    if codes or clause_only:
        return codes
    codes = _codes([m for m in mentions if _allowed(m, policy)])
    if codes:
        return codes
    # A country's own police, army or ministry acting or speaking at home, when the sentence
    # names no other country ("Myanmar's military cut mobile data").
    own = _codes([m for m in mentions if m.role in (Role.OFFICIAL, Role.FORCES, Role.ADDRESSEE)])
    return own if len(own) == 1 else []


def _faced(sentence: str, mentions: list[Mention], start: int, end: int) -> list[str]:
    """Countries named right after a border word ("border with X", "borders X and Y") between
    characters ``start`` and ``end`` of the sentence."""
    codes: list[str] = []
    previous: Mention | None = None
    for mention in mentions:
        if mention.start < start or mention.end > end:
            previous = None
            continue
        listed = previous is not None and _FACED_LIST.match(sentence[previous.end : mention.start])
        if mention.role is Role.PLAIN and (
            listed or _FACED_BEFORE.search(sentence, max(start, mention.start - 30), mention.start)
        ):
            if mention.code not in codes:
                codes.append(mention.code)
            previous = mention
        else:
            previous = None
    return codes


def _codes(mentions: list[Mention]) -> list[str]:
    codes: list[str] = []
    for mention in mentions:
        if mention.code not in codes:
            codes.append(mention.code)
    return codes
