"""Roles of country mentions: how each country named in a sentence relates to what is said.

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
- ``modifier`` and ``transit``: a country qualifying something else ("a Russian-brokered deal") or
  only on the way ("through Jordan"); they take no part.
- ``faced``: the country across a border ("its border with China", "the Afghan frontier"): an
  actor trigger's faced side, but not where a located event happens while another country is named.
- ``people``: a demonym qualifying outsiders or targets ("Afghan border crossers", "Syrian
  migrants"), or where such people come from ("trying to cross from Afghanistan"); they are not
  where the event happens nor who carries it out.
- ``dateline``: the place a wire story was filed from ("DUBAI (Reuters) - Iran ..."): where the
  event happens only if the sentence names no other country.
- ``plain``: anything else.

``rules.attribution`` decides from the roles which countries an event belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from rules.cues import CueSet
from rules.text import normalise

__all__ = [
    "FACED_BEFORE",
    "FACED_LIST",
    "STRIKES",
    "Mention",
    "Role",
    "SentenceRoles",
    "dateline_end",
]


class Role(StrEnum):
    """How a country mention relates to what is said in its sentence."""

    PLAIN = "plain"
    COMMENTER = "commenter"
    OFFICIAL = "official"
    ADDRESSEE = "addressee"
    FORCES = "forces"
    MODIFIER = "modifier"
    TRANSIT = "transit"
    FACED = "faced"
    PEOPLE = "people"
    DATELINE = "dateline"


@dataclass(frozen=True)  # no slots=True: compiled with mypyc (rules.native)
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
    r"|appeal(?:s|ed)|pressed|hop(?:e|es|ed)|feared|called (?:it|them|this|that|the|these|those)"
    # an onlooker: "the United States is monitoring a build-up", "Warsaw is watching closely"
    r"|(?:is|are|was|were) (?:closely )?(?:monitoring|watching|following|tracking)"
    r"|monitor(?:s|ed)|(?:closely )?watch(?:es|ed)"
    r"|(?:has|have|had) (?:said|called(?! (?:up|off|in|out)\b)|urged|warned|criticised|criticized"
    r"|condemned)"
    # "Islamabad did not confirm the strikes"
    r"|(?:did not|has not|have not|would not|declined to|refused to) (?:confirm|comment)"
    r"|urging|(?:sent|sends|wrote) (?:a )?letters?"
    # "Germany and Italy issued similar advice"; "France told its citizens to leave" (the country
    # evacuating its own people is not where the evacuation happens)
    r"|issued (?:similar |travel |the same )?(?:advice|advisories|warnings?)"
    r"|(?:told|tells|urged|urges|ordered|orders|advised|advises|asked|asks) (?:all )?(?:its|their)"
    r" (?:citizens|nationals|diplomats|embassy staff|staff)"
    # a country sanctioning others is not where their deeds happen ("Britain imposed sanctions
    # on ... police officers, accusing them of overseeing a crackdown")
    r"|(?:imposed|imposes|impose|announced|announces|slapped|levied) (?:new |fresh |further"
    r" |more |targeted )?(?:sanctions|asset freezes|travel bans)"
    r"|sanction(?:s|ed)? (?!on\b|against\b)"
)
# "The United States and the European Union condemned ...": an organisation joining a country's
# statement leaves the country a commenter (a second country may be an actor: "Russia and Ukraine
# said ..." is left alone).
_JOINED_BY_BODY = (
    r"(?: and (?:the )?(?:european union|eu|united nations|un|african union|au|nato|ecowas"
    r"|g7|g20|osce|arab league|world bank|imf))?"
)
_ON_DAY = r"(?: on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))?"
_COMMENTER_AFTER = re.compile(
    r"(?:'s?)?"
    + _JOINED_BY_BODY
    + _ON_DAY
    + r"(?: (?!(?:and|or|to|of|in|on|been|was|were|is|are|be|being|as|after|while"
    r"|when|but|that|which|who|the)\b)[\w.]+){0,4}?"
    + _ON_DAY  # "Japan's foreign minister on Thursday called on Israel to ..."
    + r" (?:"
    + _SPEECH
    + r")\b"
    r"(?! (?:that )?(?:it|they|its|their|we|our|itself|he|she|his|her)\b)"
)
# A titled speaker with a long name: "Brazilian President Luiz Inacio Lula da Silva on Tuesday
# called on the United States to ...".
_TITLED_SPEAKER_AFTER = re.compile(
    r"(?:'s)? (?:president|prime minister|foreign minister|defen[cs]e minister|minister|leader"
    r"|king|chancellor|premier)(?: [\w.]+){1,6}?" + _ON_DAY + r" (?:" + _SPEECH + r")\b"
)
# "Belgium and France urged Rwanda to ...": a country sharing a stance verb with another is a
# commenter too (only for verbs nobody uses of their own deeds; "Russia and Ukraine said ..." is
# left alone).
_STANCE = (
    r"urg(?:e|es|ed)|call(?:s|ed)? (?:on|upon|for)|condemn(?:s|ed)?|welcom(?:e|es|ed)"
    r"|critici[sz](?:e|es|ed)|denounc(?:e|es|ed)|prais(?:e|es|ed)"
)
_JOINT_STANCE_AFTER = re.compile(r" and (?:the )?(?:[\w.]+ ){1,3}?(?:" + _STANCE + r"|demanded)\b")
_SPEECH_AFTER = re.compile(r" (?:" + _SPEECH + r")\b")
# "Iran, which backs armed factions in Iraq, called the protests a plot": a relative clause between
# a country and its stance verb (not "said": "Tokayev, who sacked his cabinet, said ..." keeps
# the sacking his).
_RELATIVE_ASIDE = re.compile(r", (?:which|who) [^,]{1,80}?,")
_STANCE_AFTER = re.compile(
    r" (?:" + _STANCE + r"|accus(?:e|es|ed)|blam(?:e|es|ed)"
    r"|called (?:it|them|this|that|the|these|those))\b"
)
_COMMENTER_BEFORE = re.compile(
    r"(?:\baccording to|, said|, says|\bquoted by|\bworried|alarmed|angered|concerned|unsettled"
    r"|rattled|(?:criticism|condemnation|protests?|concern|warnings?) (?:from|by)"
    # witnesses of a signing: "signed in the presence of Qatari mediators and US officials"
    r"|in the presence of(?: [\w'-]+){0,3}? and|in the presence of|witnessed by)(?: the)? $"
)
# A country's means of striking elsewhere ("Pakistani air strikes", "an Israeli drone").
STRIKES = (
    r"(?:air|drone|missile|rocket) ?strikes?|airstrikes?|strikes|shelling|bombardment|raids?"
    r"|attacks?|offensive|aircraft|planes|helicopters|bombers|gunships"
)
_FORCES_AFTER = re.compile(
    r"(?:'s)?(?: (?:led|backed|allied|trained|armed|coalition|special|regular|elite|armored"
    r"|armoured|airborne|naval|military|security|army|border|nuclear|combat|peacekeeping"
    r"|ballistic|cruise|hypersonic|guided|glide))*"
    r" (?:troops?|forces?|soldiers?|army|armies|military|tanks?|jets?|warplanes?|warships?"
    r"|navy|peacekeepers?|peacekeeping|units?|paratroopers?|contingents?|servicemen|artillery"
    r"|drones?|missiles?|battalions?|brigades?|divisions?|battlegroups?|personnel|mercenaries"
    r"|fighters?|gunboats?|submarines?|guards|marines|gendarmes|coast ?guards?|maritime militia"
    r"|(?:military )?(?:trainers"
    r"|instructors|advisers|advisors)"
    # their strikes: "Pakistani air strikes kill dozens in Afghanistan" happen elsewhere
    r"|" + STRIKES + r")\b"
)
# "the commandant of Bishkek said ...": an official named by the place they serve speaks of it.
_OWN_OFFICIAL_BEFORE = re.compile(
    r"\b(?:commandant|governor|mayor|police chief|army chief|chief of staff|interior minister"
    r"|interior ministry|defen[cs]e ministry|military commander|commander|authorities"
    r"|government|junta|police|army|military) (?:of|in) (?:the )?$"
)
_OFFICIAL_AFTER = re.compile(
    r"(?:'s)?(?: (?:interior|defence|defense|home|state|national|federal|military|security))?"
    r" (?:police|army|military|security forces|ministry|authorities|government|junta|regime"
    r"|president|prime minister|leader|king|emir|minister|ministers|commanders?"
    r"|media|television|tv|news agency|officials|governors?|police chiefs?|army chiefs?"
    r"|inspector general)\b"
)
_ADDRESSEE_BEFORE = re.compile(
    r"\b(?:call(?:s|ed|ing)? (?:on|upon)|urg(?:e|es|ed|ing)|press(?:es|ed|ing)|appeal(?:s|ed)? to"
    r"|ask(?:s|ed|ing)|told|tells|demand(?:s|ed)? that|warn(?:s|ed|ing))(?: the)? $"
)
# "a Russian-led alliance", "a Russian-brokered ceasefire", "American-made vehicles": the country
# qualifies something else and takes no part in the event (forces were matched before this).
_MODIFIER_AFTER = re.compile(
    r"(?: and [\w.]+)? (?:led|backed|brokered|made|built|supplied|funded|sponsored|style|born"
    r"|based|owned|linked|mediated|drafted|designed|registered|flagged|aligned|leaning|speaking|inspired"
    r"|chaired|hosted|run|monitored"
    # "Kyiv rejects US proposal to withdraw": whose proposal, not who acts
    r"|(?:(?:ceasefire|truce|peace|security|new|latest|revised|joint) )?"
    r"(?:proposals?|peace plan|initiative)"
    # "waving Serbian and Republika Srpska flags": a flag is no place
    r"|flags?"
    # "satellite images published by a US think tank show ...": who studies, not who acts
    r"|think ?tanks?|research (?:group|firm)s?|satellite (?:imagery )?(?:firm|company)"
    r"|(?:analytics|intelligence|imaging|imagery|data|consultancy|risk) (?:firm|company|group)s?"
    r"|satellite imagery"
    r")\b"
)
# "the gap over German debt widened": a market's paper is no party (but "sanctions on Russian
# government debt" are on Russia).
_PAPER_AFTER = re.compile(
    r" (?:government )?(?:debt|bonds?|bunds?|gilts|yields?|equities|stocks|currency)\b"
    r"(?! (?:said|says|told|warned))"
)
_SANCTIONED_BEFORE = re.compile(
    r"\b(?:sanctions?|sanctioned|sanctioning|bans?|banned|embargo(?:es)?|restrictions?)"
    r"(?: (?:on|against))?(?: the)? $"
)
# "China's consulate in Mandalay urged ...": a country's mission abroad speaks for it.
_MISSION_AFTER = re.compile(
    r"(?:'s)? (?:embass(?:y|ies)|consulates?(?: general)?|diplomatic mission)\b"
)
# "set fire to the embassies of Rwanda, France and the United States": whose missions, not where.
_MISSION_OF_BEFORE = re.compile(
    r"\b(?:embass(?:y|ies)|consulates?|diplomatic missions?) of"
    r"(?: (?:the )?[\w'.-]+(?: [\w'.-]+){0,2}?(?:,| and|, and))* (?:the )?$"
)
# ... except a country leading or backing a military action, which is its own ("a Saudi-led
# strike", "the Russian-backed offensive"): that counts as its forces.
_LED_ACTION_AFTER = re.compile(
    r"(?: and [\w.]+)? (?:led|backed) (?:\w+ )?(?:coalition|strikes?|air ?strikes?|offensive"
    r"|operations?|campaign|bombing|bombardment|raids?|invasion|attacks?|assault|blockade|incursion)\b"
)
_MODIFIER_BEFORE = ("pro ", "anti ")  # "a pro-Russian rally" (hyphens are spaces here)
# "a bill that mirrors Russian legislation": a country only compared with takes no part.
_COMPARED_BEFORE = re.compile(
    r"\b(?:mirror(?:s|ed|ing)?|modell?ed on|similar to|akin to|inspired by|copied from"
    r"|cop(?:y|ies|ied|ying)"
    r"|reminiscent of|compar(?:ed|ing|able) (?:to|with))(?: the| a)? $"
)
_COMPARED_ENDINGS = ("mirror ", "mirrors ", "mirrored ", "mirroring ", "on ", "to ", "by ",
                     "from ", "of ", "with ", "the ", "a ", "copy ", "copies ", "copied ",
                     "copying ")  # fmt: skip
# "agree ceasefire in Istanbul talks": a venue named before its talks.
_VENUE_AFTER = re.compile(r" (?:talks|summit|meeting|negotiations|conference)\b")
_FORCES_BASED = re.compile(
    r"\b(?:troops|forces|soldiers|units|contingents?|personnel|marines|garrison|mission)"
    r"(?: [\w'-]+){0,3} (?:based|headquartered) in $"
)
# "The United States and France, which oversee the truce"; "Washington had mediated overnight"
_MEDIATOR_AFTER = re.compile(
    r"(?: and (?:the )?[\w.]+)?,? which (?:oversee|oversees|monitor|monitors|sit on|sits on"
    r"|chair|chairs|guarantee|guarantees|co chair|co chairs|mediated|brokered)\b"
    # (a bare "mediated" or "brokered" after a country is a modifier, told before this)
    r"|(?: had| has) (?:mediated|brokered)\b"
    # "Qatar brokers truce", "Washington had helped broker the truce"
    r"|(?: had| has)? (?:brokers|mediates|helped (?:to )?(?:broker|mediate))\b"
)
_HOST_AFTER = re.compile(
    r" (?:hosts|hosted|hosting|will host|to host|offered to host|offers to host)\b"
    r"(?: [\w'-]+){0,3} (?:talks|summit|meeting"
    r"|negotiations|conference)\b|(?: again)? as (?:a |the )?(?:venue|host)\b"
)
# "under the Washington accord", "the Doha agreement": an agreement named by where it was made.
_NAMED_ACCORD_AFTER = re.compile(r" (?:accords?|agreement|deal|declaration|protocol|format)\b")
# "to leave Israel through Jordan and Egypt": both are only on the way.
_TRANSIT_BEFORE = re.compile(
    r"\b(?:through|via|by way of) (?:(?:[\w']+ ){1,3}(?:and|or) |(?:[\w']+ )*[\w']+, )?$"
    # "agreed a ceasefire at talks in Malaysia": the venue of talks takes no part either.
    r"|\b(?:talks|summit|meeting|negotiations|conference|ceremony)(?: [\w']+){0,6}"
    r" (?:in|hosted by)(?: the)? $"
    # "Russia and Ukraine agreed in Istanbul to ...", "the two leaders met in Astana": where
    # parties agree or meet
    r"|\b(?:agree(?:s|d|ing)?|met|meet(?:s|ing)?) in (?:the )?$"
    # "truce agreed in Doha": nor where a truce was agreed (not "a truce in Gaza", its place)
    r"|\b(?:truce|ceasefire|cease fire|peace deal|peace agreement)s?(?: was| were| is| has been)?"
    r" (?:agreed|reached|struck|brokered|negotiated) in $"
    # "Congo and Rwanda sign a peace agreement in Washington": nor the place of a signing.
    r"|\b(?:sign(?:s|ed|ing)?|initial(?:s|led|ed|ling)?)(?: [\w']+){1,6} (?:in|at)(?: the)? $"
    # "the ceasefire brokered by Washington and Paris": nor its mediators.
    r"|\b(?:(?:brokered|mediated|hosted|facilitated|guaranteed|promoted)"
    # a plan's author (not "a law drafted by Georgia's ruling party", which is its own)
    r"|(?:plan|proposal|resolution|ceasefire|truce|framework|roadmap|initiative)s?"
    r",? (?:[\w'-]+ ){0,2}?(?:put forward|drafted|drawn up|tabled|authored)) by"
    r" (?:the )?(?:(?:the )?[\w'.]+(?: [\w'.]+){0,2}(?:,| and|, and) ){0,4}(?:the )?$"
    # "blocked the EN4 highway to South Africa": where a road leads is not where it is blocked.
    # "ambushed convoys on the roads from Senegal and Cote d'Ivoire": nor where it comes from.
    r"|\b(?:highways?|motorways?|roads?|routes?|railways?|rail lines?|pipelines?|flights?"
    r") (?:to|into|from)(?: the)? (?:[\w']+(?: [\w']+)?(?:,| and) )?$"
    r"|\bcrossings? from(?: the)? (?:[\w']+(?: [\w']+)?(?:,| and) )?$"
    # "over an investment deal with Russia": a partner in business is no party
    r"|\b(?:investment|trade|gas|energy|loan|economic|business|arms|oil)"
    r" (?:deal|agreement|pact|contract)s?"
    r" with(?: the)? $"
    # "mediators from Egypt and Qatar said"; "accused of spying for or collaborating with Israel"
    r"|\bmediators? from(?: the)? (?:[\w'.]+(?: [\w'.]+)?(?:,| and) )?$"
    r"|\b(?:spying|spied|collaborat\w*) (?:for|with)(?: or [\w-]+ (?:for|with))?(?: the)? $"
    # "in solidarity with Palestinians": whom an act supports
    r"|\bin solidarity with (?:the )?(?:[\w']+ ){0,2}$"
    # "from people who crossed into Turkey and Iraq": where people fled to
    r"|\b(?:people|refugees|civilians|residents|families|migrants|villagers)"
    r" (?:[\w']+ ){0,3}?(?:crossed|fled|escaped|flee|fleeing|crossing) (?:in)?to(?: the)?"
    r" (?:[\w']+(?: [\w']+)?(?:,| and) )?$"
    # "began evacuating students from Tehran by land to Armenia": where evacuees are taken
    r"|\b(?:evacuat(?:e|ed|es|ing)|airlifted|ferried) (?:(?:[\w']+ ){0,6}?)(?:in)?to(?: the)? $"
    # "aircraft registered in Algeria": where something is registered
    r"|\b(?:registered|flagged|licensed) in $"
    # "said a former judge now living in Islamabad": where a speaker lives
    r"|\b(?:(?:now|currently) living|who (?:now )?lives|in exile) in $"
    # "agreed to meet again in Istanbul": where talks go on next
    r"|\b(?:meet|reconvene|convene)(?: again| next| later)?(?: [\w']+){0,3} in $"
    # "a base that supported operations in Afghanistan": the place it served, not where it is.
    r"|\b(?:support(?:s|ed|ing)?|back(?:s|ed|ing)?|for) (?:[\w']+ ){0,2}?operations"
    r" (?:in|over) (?:neighbou?ring )?$"
)
# "drills designed to simulate a Chinese attack": whose attack a drill plays out takes no part.
_SIMULATED_BEFORE = re.compile(
    r"\b(?:simulat(?:e|es|ed|ing)|rehears(?:e|es|ed|ing)"
    r"|practis(?:e|es|ed|ing)|practic(?:e|es|ed|ing)|mock) (?:an? |the )?(?:possible |hypothetical"
    r" |potential |full scale |large scale |surprise )?$"
)
# "Washington's criticism of the crackdown": a country's stance named as a noun is a comment.
_STANCE_NOUN_AFTER = re.compile(
    r"(?:'s?)? (?:[\w']+ )?(?:criticism|condemnation|concerns?|objections?|complaints?"
    r"|warnings?|rebukes?|censure) (?:of|over|about|at|against)\b"
    # "negotiated over several years with Omani mediation": a mediator takes no part
    r"|(?: and [\w']+)?(?:'s?)? (?:mediation|mediators?)\b"
)
# "officially to protect against Ukrainian drone attacks": what a measure guards against.
_GUARDED_AGAINST_BEFORE = re.compile(
    r"\b(?:protect|guard|defend|shield)(?:s|ed|ing)? against(?: the)? $"
)
# "chanting slogans against Israel": whom a protest is against, not where it is (but "protests
# against Kenya's finance bill" are in Kenya).
_PROTESTED_BEFORE = re.compile(
    r"\b(?:slogans|protests?|protesting|demonstrations?|demonstrating|rall(?:y|ies|ied)"
    r"|march(?:ed|es)?|chant(?:s|ed|ing)?) against(?: the)? $"
)
_PROTESTED_OWN_AFTER = re.compile(
    r"(?:'s?| government| president| parliament| law| regime| rulers| leaders| authorities"
    r"| junta| police)\b"
)
# ... unless it acts in the story too: "pulled its diplomats from Kyiv as its troops massed at
# the border", "cut its embassy staff and deployed more warships to the Gulf".
_ACTS_TOO = re.compile(
    r"\b(?:its|their) (?:own )?(?:troops|forces|soldiers|army|military|warships|jets|navy)\b"
    r"|\band (?:[\w-]+ ){0,2}?(?:struck|strikes|deployed|deploys|launched|launches|sent|sends"
    r"|massed|masses|moved|moves|fired|fires|bombed|bombs|shelled|shells|attacked|attacks)\b"
)
# "Italy evacuates embassy staff from Tripoli as clashes kill dozens", "Kenya, Uganda begin
# evacuating citizens from Sudan": a country taking its people out of a crisis abroad is no party
# to that crisis (where they are taken from is).
_EVACUATOR_AFTER = re.compile(
    # (the subject may be a list: "Kenya, Uganda begin evacuating", "Britain and Norway ordered")
    r"(?:(?:,| and) (?:the )?[\w'.]+(?: [\w'.]+)?)*(?:"
    r" (?:(?:has|have|had|is|are|was|were|began|begins?|starts?|started) )?"
    r"(?:evacuat(?:es|ed|ing|e)|airlift(?:s|ed|ing)?|fl(?:y|ies|ew) out|pull(?:s|ed)?(?: out)?"
    r"|withdr(?:aw|aws|ew|awing))"
    r" (?:(?:its|their|some|all|most|the|remaining|non essential|non emergency|embassy) ){0,3}"
    r"(?:diplomats|diplomatic staff|embassy|embassy staff|nationals|expatriates"
    # (not "evacuates citizens from northern towns": its own people at home)
    r"|(?:its|their) citizens|citizens from (?!(?:the |its |their )?(?:north|south|east|west"
    r"|border|towns?|villages?|front|areas?|districts?|cities|city|homes?|region)))\b"
    # "India, China fly nationals out of Tripoli"
    r"| fl(?:y|ies|ew) (?:its |their )?(?:nationals|citizens|diplomats|embassy staff) out\b"
    # "Germany cuts Tehran embassy staff": fewer staff, the same step
    r"| (?:cut(?:s|ting)?|reduc(?:e|es|ed|ing))"
    r" (?:its |their |the )?(?:[\w'-]+ )?(?:embassy staff|diplomatic staff|diplomats)\b"
    # (not "ordered French diplomats to leave": an expulsion, where the host takes part)
    r"|(?: has| have)?(?: on [\w]+)? ordered"
    r" (?:(?:its|their|all|most|some|non essential|non emergency|government|embassy) ){0,3}"
    r"(?:staff|personnel|employees|diplomats|families|nationals|citizens)"
    r" (?:[\w'-]+ ){0,4}?to leave\b)"
)
# "tens of thousands marched through Belgrade": a crowd moving through a place is there.
_THROUGH_THERE = re.compile(
    r"\b(?:march(?:es|ed|ing)?|parad(?:e|es|ed|ing)|(?:swe(?:ep|eps|pt)|spread(?:s|ing)?)"
    r"|rampag(?:e|es|ed|ing)|riot(?:s|ed|ing)?|surg(?:e|es|ed|ing)) through(?: the)? $"
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
FACED_BEFORE = re.compile(
    r"\b(?:(?:borders?|frontiers?)"
    r"(?: (?:posts?|crossings?|checkpoints?|areas?|regions?|zones?)){0,2}"
    r"|bordering|boundary|boundaries|crossings?|opposite"
    r"|line of (?:control|actual control|contact))"
    r" (?:with |between )?(?:the )?$"
    # "moves divisions to Ladakh after a fresh standoff with China"
    r"|\b(?:stand ?offs?|face ?offs?) with (?:the )?$"
)
FACED_LIST = re.compile(r"^(?:,|,? and|,? or)(?: the)? $")
# "clashes between ethnic Kyrgyz and Uzbeks": ethnic groups, not the countries.
_ETHNIC_BEFORE = re.compile(r"\bethnic (?:[\w]+,? (?:and |or )?)?$")
# "border crossers from Afghanistan" is plain; "Afghan border crossers" qualifies the people.
_PEOPLE_AFTER = re.compile(
    r"(?: (?:border|illegal|undocumented|irregular|would be))?"
    # "urged Chinese companies and citizens to leave"
    r"(?: (?:companies|firms|businesses|workers|students|diplomats) (?:and|or))?"
    # "Egyptian and Qatari mediators said": each of a pair of demonyms
    r"(?:,? (?:and|or) [\w]+)?"
    r" (?:crossers?|migrants?|refugees?"
    r"|asylum seekers?|smugglers?|nationals|citizens|fishermen|pilgrims|tourists|poachers"
    r"|infiltrators|intruders|expatriates|expats|observers|monitors|mediators|inspectors)\b"
)
# "Syrians trying to cross the border": a plural demonym naming people on the move.
_CROSSING_AFTER = re.compile(r" (?:trying|attempting) to (?:cross|enter|flee)\b")
# "anyone trying to cross from Afghanistan", "refugees fleeing from Syria": where people come from.
_ORIGIN_BEFORE = re.compile(
    r"\b(?:cross(?:es|ed|ing)?|com(?:e|es|ing)|flee(?:s|ing)?|fled|sneak(?:s|ed|ing)?"
    r"|infiltrat(?:e|es|ed|ing))(?: the (?:[\w'-]+ )?(?:border|frontier|river|strait|lake))?"
    r"(?: illegally| in| over)?"
    r" (?:from|out of)(?: the)? $"
)
# "dubai (reuters) iran ...", "seoul, jan 9 (yonhap) ...": a wire dateline opening the sentence.
# Any agency or outlet in the brackets ("lima (buenos aires times) ...", "imphal (the hindu) ...").
_DATELINE_AFTER = re.compile(r"(?:,? [\w.]+(?: \d{1,2})?)? \((?:[\w.'&]+ ?){1,4}\)")
# The rest of an outlet's name up to the closing bracket: "times) ...".
_OUTLET_REST = re.compile(r"(?:[\w.'&]+ ?){0,3}\)")
# A first city of a two-city dateline: "kyiv/".
_DATELINE_PAIR = re.compile(r"[\w.' ]{2,25}/")
# The city before a dateline's country: "putrajaya, ".
_DATELINE_CITY = re.compile(r"[\w.' ]{2,30}, ")
# A country named inside such brackets names an outlet, not a place: "lima (buenos aires times)".
_DATELINE_OUTLET = re.compile(r"[\w.' ]{2,30}?(?:,? [\w.]+(?: \d{1,2})?)? \((?:[\w.'&]+ )*$")
# "SEOUL - Thousands of ...", "CARACAS - President ...": a city opening the sentence and followed
# by a word that starts a new sentence (the dash is gone once normalised) is a dateline.
_DATELINE_OPENER = re.compile(
    # (a demonym before the subject: "BRASILIA - Brazilian President Lula ...")
    r" (?:[a-z]+(?:an|ian|ese|ish|i) (?=president|prime minister))?"
    r"(?:the|a|an|thousands|hundreds|dozens|tens|several|some|about|members|president"
    r"|prime minister|veterans|trainloads|blue helmets|west|east|north|south|western|eastern"
    r"|northern|southern|central|regional|protesters|demonstrators|rebels|gunmen|militants"
    r"|opposition|masked|unidentified|suspected|african|european|arab|asian|latin|\d+)\b"
)
# "KSA moves heavy armour to Yemen border - US official": a headline's source, named last (the dash
# is gone once normalised), only tells who says so.
_SOURCE_AT_END = re.compile(
    r"(?: [\w']+)?? (?:officials?|commanders?|general|sources?|diplomats?|envoy|intelligence"
    r"|media|television|tv|reports?|ministry|spokes(?:man|woman|person)|military|army|navy"
    r"|embassy|agency)[ \"')]*"
)
# ... unless the words before make it part of the sentence ("handing security to the Lebanese
# army").
_NOT_BEFORE_SOURCE = ("the ", "a ", "an ", "to ", "of ", "in ", "at ", "on ", "by ", "for ",
                      "from ", "with ", "and ", "near ", "into ", "toward ", "towards ",
                      "against ", "across ", "along ", "over ", "under ")  # fmt: skip
_FACED_AFTER = re.compile(r" (?:border|borders|frontier|frontiers|boundary)\b")
_SELF_REFERENCE = re.compile(r"\b(?:his|her|its|their|our|my)\b")


# Cue literals (see ``rules.cues``): every match of the regexes named beside a group contains one
# of its literals, so a sentence without any needs no search for them (one pass finds them all).
_ROLE_CUES = CueSet(
    [
        # _COMMENTER_AFTER
        ("say", "said", "call", "urg", "welcom", "condemn", "critici", "questioned", "accus",
         "prais", "told", "tells", "express", "voiced", "denounc", "noted", "stated", "demanded",
         "ask", "insist", "claimed", "alleged", "believ", "warn", "reported", "estimat", "appeal",
         "pressed", "hop", "feared", "monitor", "watch", "following", "tracking", "confirm",
         "comment", "sanction", "letter", "issued", "citizens", "nationals", "diplomats", "staff",
         "asset freezes",
         "travel bans"),
        # _TRANSIT_BEFORE
        ("through", "via", "by way of", "talks", "summit", "meeting", "negotiations", "conference",
         "ceremony", "sign", "initial", "brokered", "mediated", "hosted", "facilitated",
         "guaranteed", "promoted", "put forward", "drafted", "drawn up", "tabled", "authored",
         "highway", "motorway", "road", "route", "rail", "pipeline", "flight", "crossing",
         "deal", "agreement", "pact", "contract", "mediator", "spying", "spied", "collaborat",
         "solidarity", "crossed", "fled", "escaped", "flee", "evacuat", "airlifted", "ferried",
         "living", "lives", "in exile", "meet", "convene", "operations", "truce", "ceasefire",
         "cease fire", "peace deal", "peace agreement", "registered", "flagged", "licensed",
         "agree", "met", "simulat", "rehears", "practis", "practic", "mock"),
        # _EVACUATOR_AFTER
        ("diplomat", "embassy", "nationals", "expatriates", "citizens", "ordered"),
        # _MISSION_AFTER, _MISSION_OF_BEFORE
        ("embass", "consulate", "diplomatic mission"),
        # _ETHNIC_BEFORE
        ("ethnic",),
        # _LED_ACTION_AFTER
        (" led ", " backed "),
        # _HOST_AFTER
        ("host", "venue"),
        # _MEDIATOR_AFTER
        ("which", "mediat", "broker"),
        # _STANCE_NOUN_AFTER
        ("criticism", "condemnation", "concern", "objection", "complaint", "warning", "rebuke",
         "censure", "mediat"),
    ]
)  # fmt: skip
_SPEECH_CUE: Final = 1 << 0
_TRANSIT_CUE: Final = 1 << 1
_EVACUATOR_CUE: Final = 1 << 2
_MISSION_CUE: Final = 1 << 3
_ETHNIC_CUE: Final = 1 << 4
_LED_CUE: Final = 1 << 5
_HOST_CUE: Final = 1 << 6
_MEDIATOR_CUE: Final = 1 << 7
_STANCE_NOUN_CUE: Final = 1 << 8


def _endings(words: tuple[str, ...]) -> tuple[str, ...]:
    """What text just before a mention ends with when ``words`` (then maybe "the") precede it."""
    return tuple(f"{word} " for word in words) + tuple(f"{word} the " for word in words)


# Every match of _COMMENTER_BEFORE / _ADDRESSEE_BEFORE ends right before the mention with one of
# these (they end in "$"), so a sentence that does not end so there needs no search.
_COMMENTER_BEFORE_ENDINGS = _endings(
    ("according to", ", said", ", says", "worried", "alarmed", "angered", "concerned",
     "unsettled", "rattled", "from", "by", "and", "of")
)  # fmt: skip
_ADDRESSEE_BEFORE_ENDINGS = _endings(
    ("on", "urge", "urges", "urged", "urging", "press", "presses", "pressed", "pressing", "to",
     "ask", "asks", "asked", "asking", "told", "tells", "that", "warn", "warns", "warned",
     "warning")
)  # fmt: skip

# Likewise for the origin of people ("... from (the) ") and a faced border ("border with ").
_ORIGIN_ENDINGS = _endings(("from", "of"))
_FACED_ENDINGS = _endings(
    ("border", "borders", "bordering", "frontier", "frontiers", "boundary", "boundaries",
     "crossing", "crossings", "with", "between", "opposite", "post", "posts", "checkpoint",
     "checkpoints", "area", "areas", "region", "regions", "zone", "zones")
)  # fmt: skip


class SentenceRoles:
    """Roles of country mentions in one normalised sentence; cues are found once per sentence."""

    def __init__(self, sentence: str) -> None:
        self._text = sentence
        self._cues = cues = _ROLE_CUES.present(sentence)
        self._speech = cues & _SPEECH_CUE != 0
        self._against = " against " in sentence  # (protests and guards against a country)

    def role(self, start: int, end: int) -> Role:
        """Role of the mention at ``start``..``end`` of the sentence."""
        sentence = self._text
        cues = self._cues
        after = sentence[end : end + 80]
        if start == 0 and (_DATELINE_AFTER.match(after) or _DATELINE_OPENER.match(after)):
            return Role.DATELINE
        if (
            0 < start < 34
            and sentence.endswith(", ", 0, start)
            and _DATELINE_CITY.fullmatch(sentence, 0, start)
            and (_DATELINE_AFTER.match(after) or _DATELINE_OPENER.match(after))
        ):
            return Role.DATELINE  # "putrajaya, malaysia, july 28 (wire) thailand and ..."
        if (
            0 < start < 30
            and sentence[start - 1] == "/"
            and _DATELINE_PAIR.fullmatch(sentence, 0, start)
        ):
            return Role.DATELINE  # "kyiv/warsaw ukraine's border guard service said ..."
        if (
            start < 50
            and sentence[start - 1 : start] in ("(", " ")
            and sentence.find(" (", 0, start) >= 0  # (in every _DATELINE_OUTLET match)
            and _DATELINE_OUTLET.fullmatch(sentence, 0, start)
            and _OUTLET_REST.match(sentence[end : end + 40].lstrip())
        ):
            return Role.DATELINE
        if (
            start
            and len(after) < 40
            and _SOURCE_AT_END.fullmatch(after)
            and not sentence.endswith(_NOT_BEFORE_SOURCE, 0, start)
        ):
            return Role.COMMENTER
        if self._against and (
            (
                _PROTESTED_BEFORE.search(sentence, max(0, start - 40), start)
                and not _PROTESTED_OWN_AFTER.match(after)
            )  # "chanting slogans against Israel" (in Amman)
            or _GUARDED_AGAINST_BEFORE.search(sentence, max(0, start - 30), start)
        ):
            return Role.TRANSIT
        if (
            cues & _EVACUATOR_CUE
            and _EVACUATOR_AFTER.match(sentence, end, end + 120)
            and not _ACTS_TOO.search(sentence, end)
        ):
            return Role.TRANSIT
        if cues & _TRANSIT_CUE and _SIMULATED_BEFORE.search(sentence, max(0, start - 40), start):
            return Role.TRANSIT
        if _FORCES_AFTER.match(after) or (cues & _LED_CUE and _LED_ACTION_AFTER.match(after)):
            return Role.FORCES
        if (
            _PEOPLE_AFTER.match(after)
            or (cues & _ETHNIC_CUE and _ETHNIC_BEFORE.search(sentence, max(0, start - 30), start))
            or (sentence[end - 1 : end] == "s" and _CROSSING_AFTER.match(after))
            or (
                sentence.endswith(_ORIGIN_ENDINGS, 0, start)
                and _ORIGIN_BEFORE.search(sentence, max(0, start - 40), start)
            )
        ):
            return Role.PEOPLE
        if (
            _MODIFIER_AFTER.match(after)
            or (
                _PAPER_AFTER.match(after)
                and not _SANCTIONED_BEFORE.search(sentence, max(0, start - 40), start)
            )
            or (
                cues & _MISSION_CUE
                and (
                    _MISSION_AFTER.match(after)
                    or _MISSION_OF_BEFORE.search(sentence, max(0, start - 120), start)
                )
            )
            or sentence.endswith(_MODIFIER_BEFORE, 0, start)
            or (
                sentence.endswith(_COMPARED_ENDINGS, 0, start)
                and _COMPARED_BEFORE.search(sentence, max(0, start - 30), start)
            )
        ):
            return Role.MODIFIER
        if (
            cues & _TRANSIT_CUE
            and _TRANSIT_BEFORE.search(sentence, max(0, start - 60), start)
            and not (_THROUGH_THERE.search(sentence, max(0, start - 30), start))
        ) or (
            sentence.endswith((" in ", " at ", " as ", " the "), 0, start)
            and _VENUE_AFTER.match(after)
        ):
            return Role.TRANSIT
        if (cues & _HOST_CUE and _HOST_AFTER.match(after)) or (
            cues & _MEDIATOR_CUE and _MEDIATOR_AFTER.match(after)
        ):
            return Role.TRANSIT  # "Ghana hosts Sahel security talks", "offer Istanbul as a venue"
        if (
            sentence.endswith((" under ", " under the ", " the ", " a "), 0, start)
            and _NAMED_ACCORD_AFTER.match(after)
        ) or (
            sentence.endswith((" based in ", " headquartered in "), 0, start)
            and _FORCES_BASED.search(sentence, max(0, start - 40), start) is None
        ):
            return Role.TRANSIT  # "outlets based in Latvia" (not "troops based in Chad")
        if cues & _STANCE_NOUN_CUE and _STANCE_NOUN_AFTER.match(after):
            return Role.COMMENTER
        if self._speech and _JOINT_STANCE_AFTER.match(after):
            return Role.COMMENTER
        if self._speech and after.startswith(", "):
            aside = _RELATIVE_ASIDE.match(sentence, end)
            if aside is not None and _STANCE_AFTER.match(sentence, aside.end()):
                return Role.COMMENTER
        if self._speech and after.startswith(("'s ", " ")):
            # "Malaysia's prime minister, who hosted the talks, said ...": an official speaking
            official = _OFFICIAL_AFTER.match(after)
            if official is not None:
                aside = _RELATIVE_ASIDE.match(sentence, end + official.end())
                if aside is not None and _SPEECH_AFTER.match(sentence, aside.end()):
                    return Role.OFFICIAL
        if self._speech and (_COMMENTER_AFTER.match(after) or _TITLED_SPEAKER_AFTER.match(after)):
            if (
                _OFFICIAL_AFTER.match(after)
                or _OWN_OFFICIAL_BEFORE.search(sentence, max(0, start - 40), start)
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
        if _FACED_AFTER.match(after) or (
            sentence.endswith(_FACED_ENDINGS, 0, start)
            and FACED_BEFORE.search(sentence, max(0, start - 30), start)
        ):
            return Role.FACED
        return Role.PLAIN


# A wire dateline in the original text: a city in capitals (or two, "KAMPALA/BUNIA"), maybe its
# country and a date, maybe the outlet in brackets, then a dash: "DUBAI — ", "ERBIL, Iraq
# (Reuters) - ", "ISLAMABAD/NEW DELHI — ". Normalised, the dash and the capitals are gone.
_CAPS = r"[A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+)*"
_CAPS_DATELINE = re.compile(
    rf"{_CAPS}(?:/{_CAPS})*(?:, [A-Z][\w .'\u2019]{{1,30}}?)?"
    # the date: "Nov 23", ", Oct. 22, 2025", ", 14 March 2026"
    r"(?:,? (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})(?:,? \d{4})?)?"
    r" ?(?:\([^()]{1,40}\) ?)?[\u2014\u2013-] "
)


def dateline_end(original: str) -> int:
    """How many characters of the normalised sentence a wire dateline opening the ``original``
    sentence takes (0 without one)."""
    found = _CAPS_DATELINE.match(original)
    if found is None:
        return 0
    return len(normalise(found.group()))
