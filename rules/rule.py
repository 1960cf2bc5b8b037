"""A compiled rule: phrase groups that must meet in one sentence, and what a match means.

Rules are data (YAML rule packs, see ``rules.packs``); this module holds their validated, immutable
form. Phrases are stored normalised (``rules.text.normalise``) and already expanded.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rules.model import Modality, Severity

__all__ = [
    "ARRIVAL_TRIGGERS",
    "CALL_UP_TRIGGERS",
    "DEPARTURE_TRIGGERS",
    "FACED_SPEAKER_TRIGGERS",
    "FACING_TRIGGERS",
    "UNCUED_SPEAKER_TRIGGERS",
    "Attribution",
    "Example",
    "Rule",
]


class Attribution(StrEnum):
    """Which countries named in a sentence a rule's signal goes to.

    ``actor``: the place of the event and the country whose forces act ("Russian troops").
    ``location``: only where the event happens; a force-owning adjective is not enough.
    ``target``: prefer countries named after the trigger words ("sanctions on Iran").
    """

    ACTOR = "actor"
    LOCATION = "location"
    TARGET = "target"


DEFAULT_ATTRIBUTION: dict[str, Attribution] = {
    "troop_massing": Attribution.ACTOR,
    "withdrawal": Attribution.ACTOR,
    "foreign_intervention": Attribution.ACTOR,
    "armed_conflict": Attribution.ACTOR,
    "mobilization": Attribution.ACTOR,
    "de_escalation": Attribution.ACTOR,
    "sanctions": Attribution.TARGET,
}


# Triggers whose faced country may be the speaker ("Seoul says Pyongyang massed guns near the
# DMZ"), and those whose signal leaves out where the forces go ("withdrawn into Belarus").
FACED_SPEAKER_TRIGGERS = frozenset({"troop_massing", "armed_conflict"})
# ... and those whose neighbouring speaker is faced even with no border named ("Taiwan reports
# unusual concentration of Chinese warships": a build-up faces who reports it; "Thailand says
# Myanmar's military bombed Myawaddy" is a commenter's word on a war).
UNCUED_SPEAKER_TRIGGERS = frozenset({"troop_massing"})
# Actor triggers where the country across a border takes part ("massing on the border with X").
FACING_TRIGGERS = frozenset({"troop_massing", "armed_conflict", "de_escalation"})
DEPARTURE_TRIGGERS = frozenset({"withdrawal"})
ARRIVAL_TRIGGERS = frozenset({"foreign_intervention"})
CALL_UP_TRIGGERS = frozenset({"mobilization"})


@dataclass(frozen=True, slots=True)
class Example:
    """An example sentence from a rule pack; it doubles as a test.

    For a ``fire`` example, ``countries`` are exactly the countries expected to alert for the
    rule's trigger; for a ``quiet`` one, nothing may alert for that trigger. ``modality``, if set,
    is the modality the engine must report for the trigger.
    """

    text: str
    countries: frozenset[str] = frozenset()
    title: str = ""
    modality: Modality | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One validated rule.

    ``groups``: every group must have a phrase in the sentence, all within ``window`` words.
    ``near``: if given, one of these phrases must also be in the sentence (within ``near_window``
    words of the match when that is set). ``exclude``: any of these in the sentence vetoes the rule.
    ``countries``: if given, the rule only reports these ISO codes. ``between_countries``: the
    match must stand between two named countries, one just before it and another just after
    ("Israel strikes Iran", "Russia pounds Kyiv overnight"). ``abroad``: the sentence must name a
    second country or foreign forces ("allied troops", "peacekeepers"): "Thai forces deployed
    tanks to Surin province" sends forces within their own country.
    """

    id: str
    trigger: str
    description: str
    severity: Severity
    groups: tuple[tuple[str, ...], ...]
    window: int
    near: tuple[str, ...] = ()
    near_window: int | None = None
    exclude: tuple[str, ...] = ()
    countries: frozenset[str] | None = None
    attribution: Attribution = Attribution.LOCATION
    between_countries: bool = False
    abroad: bool = False
    fire: tuple[Example, ...] = ()
    quiet: tuple[Example, ...] = ()
    source: str = ""
    line: int | None = None

    @property
    def phrase_count(self) -> int:
        """How many phrases the rule puts into the automaton."""
        return sum(len(g) for g in self.groups) + len(self.near) + len(self.exclude)
