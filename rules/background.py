"""Background in a story: what an article tells as context rather than as its news.

Two article-level judgements, made after each sentence's own modality:

- ``drop_background``: in a long story, a sighting first made deep in the body, of a country
  the headline does not name (for a core trigger: nor the lead), is the story's context ("The two
  neighbours fought a war in 2020 ...", "Britain imposed sanctions last year ...").
- ``looks_back`` / ``as_history``: a story whose headline looks back ("Twenty years on,
  survivors of Andijan ...", "Prague marks the anniversary of ...", "Osh remembers ...") tells
  the past it looks back on; a body sentence of it that does not say it happens now (a weekday,
  "today", "this week": ``rules.modality.told_as_now``) is history.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rules.model import ALERTING_MODALITIES, Modality

if TYPE_CHECKING:
    from rules.articlescan import ArticleScan
    from rules.evidence import Best, Outcome

__all__ = [
    "BACKGROUND_KEPT",
    "BACKGROUND_OFFSET",
    "as_history",
    "drop_background",
    "looks_back",
]

# A sighting first made this many characters into the body, of a country the headline does not
# name, is background. Measured on the team's corpus: such sightings were false alarms two times
# in three. The core triggers are kept when the lead names their country (without it, 8 false
# alarms to 1 hit in the corpus).
BACKGROUND_OFFSET = 600
BACKGROUND_KEPT = frozenset({"troop_massing", "shoot_to_kill", "withdrawal"})
LEAD = 2  # the body's first sentences: a story's lead

_NUMBER = (
    r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|(?:a |one )?hundred)"
    r"(?: (?:one|two|three|four|five|six|seven|eight|nine))?"
)
# Headlines (normalised: lower case, hyphens as spaces) that look back on an event.
_LOOKING_BACK = re.compile(
    rf"\b(?:{_NUMBER} (?:years?|decades?) (?:on|after|since|later)\b"
    r"|anniversar(?:y|ies)\b(?! protest| rall| march| demonstration)"
    r"|remembers?\b|remembering\b|commemorat\w+"
    r"|marks? \S+ years\b|history of\b|^(?:book )?review\b)"
)


def looks_back(titles: list[str]) -> bool:
    """Whether the (normalised) headline sentences look back on a past event."""
    return any(_LOOKING_BACK.search(title) for title in titles)


def as_history(outcomes: list[Outcome]) -> list[Outcome]:
    """``outcomes`` with every alerting one recast as history (severity unchanged)."""
    return [
        (rule, Modality.HISTORICAL, severity, codes, matched)
        if modality in ALERTING_MODALITIES
        else (rule, modality, severity, codes, matched)
        for rule, modality, severity, codes, matched in outcomes
    ]


def drop_background(best: dict[tuple[str, str], Best], scan: ArticleScan) -> None:
    """Remove from ``best`` the sightings that are only background (see ``BACKGROUND_OFFSET``):
    first made deep in the body, of a country the headline does not name, when it names one
    (and, for the core triggers, that the lead does not name either)."""
    if not scan.titles:
        return
    headline = scan.title_codes()
    if not headline:
        return
    deep = scan.titles
    offset = 0
    texts = scan.texts
    while deep < len(texts) and offset < BACKGROUND_OFFSET:
        offset += len(texts[deep]) + 1
        deep += 1
    if deep >= len(texts):
        return
    lead: set[str] | None = None
    for key in [k for k, v in best.items() if v[0][2] >= deep]:
        if key[1] in headline:
            continue
        if key[0] in BACKGROUND_KEPT:
            # A core trigger is kept unless the lead does not name its country either ("Analysts
            # said the exit leaves France with bases only in Djibouti and Gabon, where ...").
            if lead is None:
                lead = scan.codes(range(scan.titles, min(len(texts), scan.titles + LEAD)))
            if key[1] in lead:
                continue
        del best[key]
