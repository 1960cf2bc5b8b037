"""Country attribution: which of the countries named in a sentence an event belongs to.

Mentions come with roles (``rules.roles``). The event goes to the allowed mentions in the match's
clause, plus the antecedent of a pronoun ("though it is massing troops" → the previous country).
Failing that, a relative clause's antecedent ("the ruling family, which faces protests"), or the
allowed mentions of the whole sentence; failing that, the article's focus country (see
``rules.evidence``).

Some refinements need to know the trigger (the engine passes them): a speaker that neighbours the
actor and speaks of an unnamed border or front ("Armenia says Azerbaijani forces are massing on its
border") is the faced country; a country across a border takes part only in triggers that face
someone (massing, conflict, de-escalation); and for a departure (withdrawal), a country the forces
go *to* ("withdrawn into Belarus", "redeployed to Guam") is not where the withdrawal happens.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from rules.roles import FACED_BEFORE, FACED_LIST, STRIKES, Mention, Role, SentenceRoles
from rules.rule import Attribution

__all__ = ["Mention", "Role", "SentenceRoles", "attribute"]

# A border, frontier or front the speaker may be on: "on its border", "along the border", "near
# the DMZ", "the southern front".
_BORDER_CUE = re.compile(
    r"\b(?:borders?|frontiers?|boundary|line of (?:control|contact|actual control)|durand line"
    r"|dmz|demilitari[sz]ed zone|front|front ?lines?|ceasefire line|demarcation line|crossings?"
    r"|(?:its|our) (?:territory|soil|waters|coast))\b"
)
_OWN_BORDER = re.compile(
    r"\b(?:its|our) (?:[\w-]+ )?(?:borders?|frontiers?|villages?|positions?|territory|soil|side"
    r"|posts?|towns?)\b"
)
_SHARED_BEFORE = re.compile(
    r"\b(?:their|common|shared|mutual|joint)"
    r"(?: (?:disputed|contested|long|porous|common|shared))? $"
)
# "into Belarus", "to Guam": where departing forces go (unless they were sent or based there).
_DESTINATION_BEFORE = re.compile(r"\b(?:into|to|towards|toward|for)(?: the)? $")
_POSTED = re.compile(
    r"\b(?:deploy\w*|sent|send\w*|dispatch\w*|station\w*|based|posted|serv\w*|assigned"
    r"|hand(?:s|ed|ing)? (?:\w+ ){0,4}?over|handover)\b"
)
# "an Israeli air strike": forces acting abroad, not at home.
_STRIKES_AFTER = re.compile(r"(?:'s)? (?:" + STRIKES + r"|jets|warplanes|drones|missiles)\b")
_RELATIVE = re.compile(r"[, ]*(?:which|who|where|whose)\b")
_WHERE = re.compile(r"[, ]*where\b")
# "to call up 60,000 reservists ahead of the Gaza City offensive": where a call-up is for.
_CAMPAIGN_BEFORE = re.compile(
    r"\b(?:ahead of|for|to fight in|to serve in|in the war in|against|after)(?: the| an?)?"
    r"(?: planned| expected| new| major| looming| coming)? $"
    # "calls up 60,000 reservists ahead of push into Gaza City"
    r"|\bahead of (?:an? |the |its |a new )?(?:[\w'-]+ ){0,2}"
    r"(?:into|in|on|against|to (?:take|capture|seize|retake|storm|attack)) $"
)
# What a call-up answers, wherever it is told: "in response to Russia's war in Ukraine";
# "Vilnius has brought back compulsory military service, citing Russia's actions in Ukraine,
# with the first conscripts due to report".
_CALL_UP_CAUSE = re.compile(
    r"\b(?:in response to|because of|citing|amid fears over|in the face of) (?:[\w'-]+ ){0,4}$"
)
# "after Israel's security cabinet approved ...": the country's own organ deciding the call-up
_OWN_ORGAN_AFTER = re.compile(
    r"(?:'s)? (?:security cabinet|cabinet|government|parliament|president|prime minister"
    r"|security council|defen[cs]e ministry)\b"
)
_FURTHER_TARGET = re.compile(r"\band (?:also )?(?:on|against|targeting) (?:[\w'-]+ ){0,3}$")
# What sanctions are for, after their target: "over", "for", "in response to".
_GROUNDS = re.compile(
    r"\b(?:over|for|in response to|in retaliation for|because of|as punishment for|after"
    r"|accus(?:ing|ed|es|e) (?:[\w'-]+ ){0,2}?of)\b"
)
_PRONOUN = re.compile(r"\b(?:it|its|they|their|itself)\b")


_NEVER = (Role.COMMENTER, Role.OFFICIAL, Role.MODIFIER, Role.TRANSIT, Role.PEOPLE)


def _allowed(mention: Mention, policy: Attribution, faces: bool = True) -> bool:
    if mention.role in _NEVER:
        return False
    if mention.role is Role.FACED:
        return faces and policy is Attribution.ACTOR
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
    borders: Callable[[str, str], bool] | None = None,
    departure: bool = False,
    arrival: bool = False,
    call_up: bool = False,
    faces: bool = True,
    capitals: frozenset[str] = frozenset(),
    headline: bool = False,
    uncued_speakers: bool = False,
) -> list[str]:
    """ISO codes the event at ``match`` belongs to, in order of first mention; may be empty.

    ``clause``, ``match`` and ``scope`` are character ranges of the normalised ``sentence``.
    For an actor policy, the countries faced across a border named after the match within
    ``scope`` ("... which borders Lithuania and Poland") count too. With ``clause_only``, only
    those of the match's clause (and pronoun and border) are given, no fallback to the sentence.
    With ``borders`` (whether two countries are neighbours), a speaker neighbouring the actor is
    the faced country when the scope names a border or front but no country across it. With
    ``departure``, countries the forces go to are left out; with ``arrival``, forces leaving as
    others arrive; with ``call_up``, countries a call-up
    is for ("ahead of the Gaza offensive"). Without ``faces`` (an actor trigger
    that faces nobody: a withdrawal, a mobilisation), a country across a border is not the actor.
    ``capitals`` (normalised names) tell a capital opening the sentence before another country
    as a dateline ("VIENNA - Russia ..."). In a ``headline``, items parted by semicolons are
    separate stories.
    """
    mentions = _for_the_trigger(
        sentence, mentions, match, policy, departure=departure, arrival=arrival, call_up=call_up
    )
    faces = faces and policy is Attribution.ACTOR
    mentions = _place_datelines(sentence, mentions, policy, faces, capitals)
    mentions = _without_bystanders(sentence, mentions, policy, capitals)
    if not faces:
        mentions = _listed_as_plain(mentions)
    clause_start, clause_end = clause
    in_clause = [
        m for m in mentions if clause_start <= m.start < clause_end and _allowed(m, policy, faces)
    ]
    if not in_clause and not faces:
        # Only a country across a border in the clause ("the crossing with Syria was shut"): it
        # is nearer to the event than any country in another clause; not when the clause names
        # whose forces act ("North Korean guards ordered to shoot anyone near the China border").
        in_clause = [
            m for m in mentions if clause_start <= m.start < clause_end and m.role is Role.FACED
        ]
        if in_clause and any(_at_home(sentence, m) for m in mentions):
            in_clause = []
    if policy is Attribution.TARGET:
        in_clause = _targets(sentence, in_clause, match, clause_end) or in_clause
    if departure and in_clause and all(m.role is Role.FORCES for m in in_clause):
        # "Chad ends defence pact with France, French troops to leave": the forces' owner alone
        # does not say where they leave; a place named elsewhere in the sentence does.
        in_clause += _places_left(sentence, mentions, in_clause, match)
    codes = _codes(in_clause)
    if headline and faces and in_clause and all(m.role is Role.FACED for m in in_clause):
        # (with nobody in the clause, the whole headline is read below)
        codes = _shared_subject(sentence, mentions, clause_start, match) + codes
    pronoun = _PRONOUN.search(sentence, clause_start, match[0])
    if pronoun is not None:
        earlier = [m for m in mentions if m.end <= clause_start and m.role is not Role.COMMENTER]
        for m in _antecedents(sentence, earlier, plural=pronoun.group() in ("they", "their")):
            if m.code not in codes:
                codes.append(m.code)
    if faces and scope is not None:
        faced = _faced(sentence, mentions, match[1], scope[1])
        for code in faced:
            if code not in codes:
                codes.append(code)
        if borders is not None and codes and not faced:
            _add_faced_speakers(sentence, mentions, scope, codes, borders, uncued=uncued_speakers)
    if codes or clause_only:
        return codes
    speaker = (
        _speaking_place(sentence, mentions, match)
        if headline and policy is Attribution.LOCATION
        else []
    )
    if speaker:
        return speaker
    if headline and ";" in sentence:
        mentions, forces_only = _headline_item(sentence, mentions, match, policy, faces)
        if forces_only:
            return _codes(mentions)  # "dozens of Malian soldiers killed"
    if _RELATIVE.match(sentence, clause_start):
        # "... into Bahrain at the request of the ruling family, which faces protests": the
        # relative clause is about the country named last before it.
        before = [m for m in mentions if m.end <= clause_start and _allowed(m, policy, faces)]
        if before and before[-1].role is Role.FACED and _WHERE.match(sentence, clause_start):
            # "... to the region along the border with Venezuela, where fighting ...": the
            # place is on this side of the border, not the country across it.
            return []
        if before:
            return [before[-1].code]
    codes = _codes(_in_sentence(sentence, mentions, match, policy, faces, call_up=call_up))
    if codes:
        if policy is Attribution.ACTOR and borders is not None and scope is not None:
            _add_faced_speakers(sentence, mentions, scope, codes, borders, uncued=uncued_speakers)
        return codes
    # A country's own authorities acting at home, before a country named only across a border
    # ("Niger's military authorities imposed a curfew ... near the border with Mali").
    own = _codes([m for m in mentions if _at_home(sentence, m)])
    if len(own) == 1:
        return own
    # A country only named across a border, when no other place is named ("the Chinese frontier"),
    # for forces that act there; an event in a place ("a curfew covering the border crossing area
    # with India") is on this side: the article's own country, worked out by the caller.
    codes = _codes([m for m in mentions if m.role is Role.FACED])
    if codes and policy is not Attribution.LOCATION:
        return codes
    # A country's own police, army or ministry acting or speaking at home, when the sentence
    # names no other country ("Myanmar's military cut mobile data").
    own = _codes([m for m in mentions if m.role is Role.ADDRESSEE or _at_home(sentence, m)])
    return own if len(own) == 1 else []


def _places_left(
    sentence: str, mentions: list[Mention], in_clause: list[Mention], match: tuple[int, int]
) -> list[Mention]:
    """Places named outside a departure's clause, which may be where its forces leave; not past
    a later semicolon: "... as Burundian troops pull back; US sanctions Rwandan minister" is
    another item (an earlier item may name the place: "Gaza ceasefire takes effect; hostages
    freed as Israeli troops pull back")."""
    high = sentence.find(";", match[1])
    high = len(sentence) if high < 0 else high
    return [m for m in mentions if m.role is Role.PLAIN and m not in in_clause and m.start < high]


def _shared_subject(
    sentence: str, mentions: list[Mention], clause_start: int, match: tuple[int, int]
) -> list[str]:
    """The headline's opening country, when the match opens a clause after a comma (a second
    verb with no subject of its own: "Israel calls up reservists, masses armour on Lebanon
    border"): both verbs are its."""
    if not sentence.startswith(", ", clause_start) or match[0] != clause_start + 2:
        return []
    first = mentions[0] if mentions else None
    if first is None or first.start != 0 or first.role not in (Role.PLAIN, Role.FORCES):
        return []
    return [first.code]


# "fighting alongside Russian forces against Ukrainian troops": the enemy is no host.
_AGAINST_BEFORE = re.compile(r"\b(?:against|fighting|battling|clashing with|engaging)(?: the)? $")
# "sanctions on 25 Belarusian officials it accuses of ...": officials who are the target.
_TARGETED_BEFORE = re.compile(
    r"\b(?:on|against|targeting|sanction(?:s|ed|ing)?)(?: (?:[\w,'-]+|\d[\d,]*)){0,3} $"
)


def _for_the_trigger(
    sentence: str,
    mentions: list[Mention],
    match: tuple[int, int],
    policy: Attribution,
    *,
    departure: bool,
    arrival: bool,
    call_up: bool,
) -> list[Mention]:
    """``mentions`` as the trigger reads them: a departure's destinations, an arrival's leavers
    and enemies, a call-up's causes left out; a target rule's officials as targets."""
    if departure:
        mentions = _without_destinations(sentence, mentions, match)
    if arrival:
        # "Haiti: new force's troops land as Kenyan police start leaving": not the leavers.
        mentions = _without_others(sentence, mentions, match, _LEAVING)
        mentions = [
            m
            for m in mentions
            if m.start < match[0]
            or not _AGAINST_BEFORE.search(sentence, max(0, m.start - 12), m.start)
        ]
    if call_up:
        mentions = _without_causes(sentence, mentions, match)
    if policy is Attribution.TARGET:
        mentions = [
            Mention(m.start, m.end, m.code, Role.PLAIN)
            if m.role is Role.OFFICIAL
            and m.start >= match[0]
            and _TARGETED_BEFORE.search(sentence, max(0, m.start - 40), m.start)
            else m
            for m in mentions
        ]
    return mentions


def _in_sentence(
    sentence: str,
    mentions: list[Mention],
    match: tuple[int, int],
    policy: Attribution,
    faces: bool,
    *,
    call_up: bool,
) -> list[Mention]:
    """The sentence's mentions that may carry the event when its clause names none. Who calls
    up is named before the call-up, what it answers after ("Vilnius has brought back
    conscription, citing Russia's actions in Ukraine")."""
    allowed = [m for m in mentions if _allowed(m, policy, faces)]
    if call_up and any(m.start < match[0] for m in allowed):
        return [m for m in allowed if m.start < match[0]]
    if policy is Attribution.TARGET:
        # nor the grounds of sanctions told in another clause ("sanctions on James Kabarebe,
        # Rwanda's state minister, accusing him of backing the rebels in eastern Congo")
        return _targets(sentence, allowed, match, len(sentence)) or allowed
    return allowed


def _without_causes(
    sentence: str, mentions: list[Mention], match: tuple[int, int]
) -> list[Mention]:
    """A call-up's mentions without the campaign it is for ("ahead of the Gaza offensive", told
    after it) and what it answers ("citing Russia's actions", told anywhere); a country's own
    organ deciding it stays ("after Israel's security cabinet approved")."""

    def cause(m: Mention) -> bool:
        before = max(0, m.start - 60)
        campaign = m.start >= match[0] and _CAMPAIGN_BEFORE.search(sentence, before, m.start)
        return bool(campaign or _CALL_UP_CAUSE.search(sentence, before, m.start))

    return [m for m in mentions if not (cause(m) and not _OWN_ORGAN_AFTER.match(sentence, m.end))]


_PLACE_PREPOSITION = re.compile(
    r"\b(?:in|from|at|of|to|into|across|between|fled|left|leaving|quit|via|through|with|by|for"
    r"|against|on)(?: the)? $"
)


def _antecedents(sentence: str, earlier: list[Mention], *, plural: bool) -> list[Mention]:
    """What a pronoun stands for: the country named last before it, or for "they"/"their" the
    last pair named together ("Thai and Cambodian leaders agreed ..., Malaysia's prime minister
    said, after five days of fighting along their disputed border")."""
    if not earlier:
        return []
    if plural:
        for first, second in zip(earlier[-2::-1], earlier[:0:-1], strict=True):
            if sentence[first.end : second.start] in (" and ", " or ", ", ", " and the "):
                if _PLACE_PREPOSITION.search(sentence, max(0, first.start - 12), first.start):
                    # a pair where something is, not one that acts: "outlets based in Latvia
                    # and Germany ... said they had been told"
                    return [] if second is earlier[-1] else [earlier[-1]]
                return [first, second]
    return [earlier[-1]]


def _speaking_place(sentence: str, mentions: list[Mention], match: tuple[int, int]) -> list[str]:
    """The country opening a headline as its speaker, for an event told right after it with no
    other country between: "Burkina Faso says coup attempt foiled; Malian troops sent", "Malabo
    says coup plot foiled, seals borders with Gabon" (the event is the speaker's own)."""
    first = mentions[0] if mentions else None
    if first is None or first.start != 0 or first.role is not Role.COMMENTER:
        return []
    if any(first.end <= m.start < match[0] for m in mentions):
        return []
    if not _SAYS_AFTER.match(sentence, first.end):
        return []
    return [first.code]


_SAYS_AFTER: Final = re.compile(r" (?:says|said|claims|reports|announces)\b")


def _headline_item(
    sentence: str,
    mentions: list[Mention],
    match: tuple[int, int],
    policy: Attribution,
    faces: bool,
) -> tuple[list[Mention], bool]:
    """The mentions of the headline item holding ``match``, and whether they name forces only.

    "Sahel round-up: Niger orders Italian mission out; dozens of Malian soldiers killed": a
    headline's items parted by semicolons are separate stories. An item keeps to the countries it
    names, or else to those of the nearest item before it ("Iran: protesters shot ...; internet
    blocked, hundreds arrested; US adds sanctions"); an item that names countries only as
    commenters or modifiers is no item of its own. Without any, all ``mentions``.
    """
    high = sentence.find(";", match[1])
    high = len(sentence) if high < 0 else high
    low = sentence.rfind(";", 0, match[0]) + 1
    while True:
        own_item = [m for m in mentions if low <= m.start < high]
        if any(m.role is Role.OFFICIAL or m.role not in _NEVER for m in own_item):
            forces_only = all(m.role is Role.FORCES for m in own_item) and not any(
                _allowed(m, policy, faces) for m in own_item
            )
            return own_item, forces_only
        if low == 0:
            return mentions, False
        high = low - 1
        low = sentence.rfind(";", 0, high) + 1


def _add_faced_speakers(
    sentence: str,
    mentions: list[Mention],
    scope: tuple[int, int],
    codes: list[str],
    borders: Callable[[str, str], bool],
    *,
    uncued: bool = False,
) -> None:
    """Add to ``codes`` each speaker that neighbours one of them, when the scope names a border
    or front ("Seoul says Pyongyang stations guns near the DMZ"); with several actors, only a
    border or front that is not theirs alone."""
    cues = list(_BORDER_CUE.finditer(sentence, scope[0], scope[1]))
    own_side = _OWN_BORDER.search(sentence, scope[0], scope[1]) is not None  # ("its posts")
    if len(codes) > 1:
        if not cues:
            return
        if not own_side and all(
            _SHARED_BEFORE.search(sentence, max(0, m.start() - 24), m.start()) is not None
            for m in cues
        ):
            return  # (only "their common border" of two actors: theirs, nobody else's)
        if (
            not own_side
            and sum(1 for m in mentions if m.code in codes and m.role is Role.PLAIN) > 1
        ):
            # both sides are named as countries ("Thailand and Cambodia ... border clashes,
            # Malaysia's premier said"; not "Poland says Russian and Belarusian troops are
            # massing near the border", nor "Lithuania says Russian units moved into Belarus
            # near its border")
            return
    opener_only = False
    if len(codes) == 1 and not cues and not own_side:
        if not uncued:
            return  # ("Thailand says Myanmar's military bombed Myawaddy": a commenter, no party)
        # a build-up faces a neighbour who opens the sentence reporting it ("Taiwan reports
        # concentration of Chinese warships"; not "..., Japan's Joint Staff said")
        opener_only = True
    actors = list(codes)
    for mention in mentions:
        if (
            mention.role in (Role.COMMENTER, Role.OFFICIAL)
            and mention.code not in codes
            and (not opener_only or mention.start < scope[0] + 30)
            and any(borders(mention.code, actor) for actor in actors)
        ):
            codes.append(mention.code)


# Things a demonym names the owner or origin of, not a place ("Indian airlines").
_OWNED_AFTER: Final = re.compile(
    r" (?:traffic|airlines?|carriers?|flights|trucks|lorries|drivers|travell?ers|tourists|drills"
    r"|exercises|manoeuvres|maneuvers|war games|aircraft|planes|vessels|ships|citizens|nationals"
    r"|goods|imports|exports|products|investors|companies|firms|passport holders|gas|oil|grain"
    r"|supplies|energy)\b"
)
# "Pakistan, Afghanistan agree truce in Doha": a capital named after the truce is where it was
# agreed (a region or a country, "a truce in Gaza", is where it holds).
_TRUCE_VENUE_BEFORE: Final = re.compile(
    r"\b(?:truce|ceasefire|cease fire|peace deal|peace agreement|peace accord)s? in $"
)


def _without_bystanders(
    sentence: str, mentions: list[Mention], policy: Attribution, capitals: frozenset[str]
) -> list[Mention]:
    """``mentions`` less a truce's venue and, for an event's location, countries named only as
    the owners of things ("closed its airspace to all Indian airlines", "during Russian
    drills"): whose vehicles, people or goods they are is not where the event takes place."""
    if capitals and " in " in sentence:
        mentions = [m for m in mentions if not _a_venue(sentence, m, capitals)]
    if policy is Attribution.LOCATION:
        mentions = [m for m in mentions if _OWNED_AFTER.match(sentence, m.end) is None]
    return mentions


def _a_venue(sentence: str, mention: Mention, capitals: frozenset[str]) -> bool:
    return (
        sentence[mention.start : mention.end] in capitals
        and _TRUCE_VENUE_BEFORE.search(sentence, max(0, mention.start - 40), mention.start)
        is not None
    )


def _place_datelines(
    sentence: str,
    mentions: list[Mention],
    policy: Attribution,
    faces: bool,
    capitals: frozenset[str],
) -> list[Mention]:
    """A wire dateline is dropped when the sentence names another country the event may belong
    to ("DUBAI (Reuters) - Iran restricted ..."), and is a plain place otherwise. A city and its
    own country opening the sentence ("PUTRAJAYA, Malaysia - Thailand and Cambodia agreed ...")
    are a dateline too."""
    if len(mentions) > 1 and mentions[0].start == 0:
        first, second = mentions[0], mentions[1]
        if first.code == second.code and second.start == first.end + 2:
            mentions = [
                Mention(m.start, m.end, m.code, Role.DATELINE) if m in (first, second) else m
                for m in mentions
            ]
        elif (
            first.role is Role.PLAIN
            and first.code != second.code
            and second.start == first.end + 1
            and sentence[first.start : first.end] in capitals
        ):
            # "VIENNA - Russia has gathered ...": a capital right before another country.
            mentions = [Mention(first.start, first.end, first.code, Role.DATELINE), *mentions[1:]]
    if not any(m.role is Role.DATELINE for m in mentions):
        return mentions
    # An outlet named in the dateline's brackets ("LIMA (Buenos Aires Times) - ...") is no place.
    mentions = [m for m in mentions if m.role is not Role.DATELINE or m.start == 0]
    # Another country's forces acting are enough to tell the dateline is only where the story was
    # filed ("DUBAI (Reuters) - Iranian forces fired on ..."), and so is another country that
    # speaks ("LIBREVILLE - Soldiers in Sao Tome and Principe said they had taken power").
    others = any(
        m.role is not Role.DATELINE
        and (m.role in (Role.FORCES, Role.OFFICIAL, Role.COMMENTER) or _allowed(m, policy, faces))
        for m in mentions
    )
    return [
        m if m.role is not Role.DATELINE else Mention(m.start, m.end, m.code, Role.PLAIN)
        for m in mentions
        if not (others and m.role is Role.DATELINE)
    ]


def _at_home(sentence: str, mention: Mention) -> bool:
    """Whether the mention names a country's own authorities or forces, not its strikes."""
    if mention.role is Role.OFFICIAL:
        return True
    return mention.role is Role.FORCES and not _STRIKES_AFTER.match(sentence, mention.end)


def _listed_as_plain(mentions: list[Mention]) -> list[Mention]:
    """A faced country right after another country is one side of a named border ("the
    Kyrgyz-Tajik border"), so it is plain."""
    found = list(mentions)
    for index in range(1, len(found)):
        mention = found[index]
        if mention.role is Role.FACED and mention.start - found[index - 1].end <= 1:
            found[index] = Mention(mention.start, mention.end, mention.code, Role.PLAIN)
    return found


# Forces arriving, named after a departure ("... as first Guatemalan and Jamaican troops of the
# new force land"): within a few words after the country.
_ARRIVING = re.compile(
    r"(?: [\w'-]+){0,8}? (?:arriv(?:e|es|ed|ing)|land(?:s|ed|ing)?|deploy(?:s|ed|ing)?"
    r"|tak(?:e|es|ing) over|took over|mov(?:e|es|ed|ing) in)\b"
)


# Forces leaving, named after an arrival ("... land as Kenyan police start leaving").
_LEAVING = re.compile(
    r"(?: [\w'-]+){0,6}? (?:(?:start|started|starts|begin|began|begins) )?(?:leav(?:e|es|ing)"
    r"|left|depart(?:s|ed|ing)?|withdraw(?:s|n|ing|al)?|withdrew|pull(?:s|ed|ing)? (?:out|back)"
    r"|draw(?:s|ing)? down|drew down|hand(?:s|ed|ing)? over|head(?:s|ed|ing)? home"
    r"|go(?:es|ing)? home|went home)\b"
    # "Niger orders Italian troops out as Russian instructors arrive": the demonym right before
    # the troops ordered out (not Niger, which orders them; not troops that "fanned out")
    r"| (?:troops|forces|soldiers|contingents?|personnel|instructors|mercenaries) out"
    r"(?= as | while | after |$)"
)
# A later clause about other forces, whose pressure a withdrawal answers ("as Russian
# assaults intensify", "after weeks of Russian assaults", "amid Russian shelling").
_PRESSING = re.compile(r" (?:as|after|amid|while|under) ")


# The other side's arms named after a withdrawal ("as Russian assaults intensify").
_ARMS_AFTER = re.compile(
    r" (?:assaults?|attacks?|offensives?|shelling|strikes|air strikes|airstrikes|bombardment"
    r"|advances?|pressure|fire|drones?)\b"
)


def _without_others(
    sentence: str, mentions: list[Mention], match: tuple[int, int], verb: re.Pattern[str]
) -> list[Mention]:
    """``mentions`` less those parted from the match by " as " and followed by ``verb``
    (forces arriving as others leave, or leaving as others arrive; "Israeli troops pull back as
    the first stabilisation force soldiers arrive"), unless no other country would be left ("UN
    peacekeepers withdraw as Malian troops take over": Mali is the place)."""
    kept = [m for m in mentions if not _other_side(sentence, m, match, verb)]
    if len(kept) < len(mentions) and not any(
        m.role not in _NEVER and m.role is not Role.DATELINE for m in kept
    ):
        return mentions
    return kept


_PARTING = re.compile(r" (?:as|while) ")
# The second of two countries naming a border ("the Armenia-Iran frontier"; hyphens are spaces).
_PAIRED_BORDER_AFTER = re.compile(
    r" (?:border|frontier|boundary|checkpoint|crossing|line)s?(?: (?:posts?|crossings?|areas?))?\b"
)
_FORCES_NOUN = re.compile(
    r"\b(?:troops|soldiers|forces|force|police|contingents?|units|peacekeepers|battalions?)\b"
)


def _targets(
    sentence: str, mentions: list[Mention], match: tuple[int, int], clause_end: int
) -> list[Mention]:
    """The countries named after a target rule's match, less those in the grounds after the
    first ("sanctions against Russia over its war in Ukraine")."""
    after = [m for m in mentions if m.start >= match[0]]
    if after:
        grounds = _GROUNDS.search(sentence, after[0].end, clause_end)
        if grounds is not None:
            # (A further target after the grounds is one: "... over its nuclear programme and
            # on Chinese refineries")
            after = [
                m
                for m in after
                if m.start < grounds.start()
                or _FURTHER_TARGET.search(sentence, grounds.end(), m.start)
            ]
    return after


def _other_side(
    sentence: str, mention: Mention, match: tuple[int, int], verb: re.Pattern[str]
) -> bool:
    """Whether ``mention`` is followed by ``verb`` on its own side of an " as " (or " while ")
    that parts two events: after the match, or before the next " as "."""
    if (
        mention.start > match[0]
        and _PARTING.search(sentence, match[0], mention.start) is not None
        and verb.match(sentence, mention.end)
    ):
        return True
    parting = _PARTING.search(sentence, mention.end)
    if parting is None:
        return False
    found = verb.match(sentence, mention.end, parting.start())
    # (A country that itself "takes over" is the host: "Senegal takes over the last French
    # bases as Paris ends its presence".)
    return found is not None and not (
        "tak" in found.group() and _FORCES_NOUN.search(found.group()) is None
    )


def _without_destinations(
    sentence: str, mentions: list[Mention], match: tuple[int, int]
) -> list[Mention]:
    """``mentions`` less the countries departing forces go to, named after the match ("pulled
    back into Belarus"), unless the forces were sent or based there ("troops deployed to Mali"),
    and less those whose forces arrive as others leave."""
    # "Ethiopian troops pull out as Egyptian soldiers arrive": not the newcomers.
    mentions = _without_others(sentence, mentions, match, _ARRIVING)
    kept: list[Mention] = []
    for index, mention in enumerate(mentions):
        if (
            index
            and mention.start - mentions[index - 1].end == 1
            and mentions[index - 1].code != mention.code
            and _PAIRED_BORDER_AFTER.match(sentence, mention.end)
        ):
            continue  # "guards to leave the Armenia-Iran frontier": they leave Armenia
        if (
            mention.start > match[1]
            and (mention.role is Role.FORCES or _ARMS_AFTER.match(sentence, mention.end))
            and _PRESSING.search(sentence, match[1], mention.start)
            and any(m.start < match[1] and m.code != mention.code for m in mentions)
        ):
            continue  # "... withdraws from the outskirts as Russian assaults intensify"
        if (
            mention.role is Role.PLAIN
            and mention.start >= match[0]
            and _DESTINATION_BEFORE.search(sentence, max(0, mention.start - 12), mention.start)
            and not _POSTED.search(sentence, max(0, match[0] - 40), mention.start)
        ):
            continue
        kept.append(mention)
    return kept


def _faced(sentence: str, mentions: list[Mention], start: int, end: int) -> list[str]:
    """Countries named right after a border word ("border with X", "borders X and Y") or before
    one ("the Ukrainian border") between characters ``start`` and ``end`` of the sentence."""
    codes: list[str] = []
    previous: Mention | None = None
    for mention in mentions:
        if mention.start < start or mention.end > end:
            previous = None
            continue
        listed = previous is not None and FACED_LIST.match(sentence[previous.end : mention.start])
        # A faced mention ("30 km from the Ukrainian border") is across a border by itself.
        if mention.role is Role.FACED or (
            mention.role is Role.PLAIN
            and (
                listed
                or FACED_BEFORE.search(sentence, max(start, mention.start - 30), mention.start)
            )
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
