"""Evidence for signals: what fired in a sentence, the best sighting per (trigger, country).

Each sentence's rule outcomes are ranked (alerting first, then title first, then earliest) and the
best per (trigger, country) kept (``keep_best``); a sentence that names no country borrows one
from the sentence before or the title (``fallback``). ``assemble_signals`` builds a ``Signal``
only for each final best.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from rules.attribution import Role
from rules.matches import Phrase
from rules.model import ALERTING_MODALITIES, Modality, Severity, Signal
from rules.rule import Attribution, Rule

if TYPE_CHECKING:
    from rules.articlescan import ArticleScan

__all__ = [
    "Best",
    "Found",
    "Outcome",
    "assemble_signals",
    "fallback",
    "keep_best",
]

_ANAPHOR: Final = re.compile(
    r"\b(?:the country|the nation|there|the government|the authorities|authorities|the capital"
    r"|the president|the regime|the junta)\b"
    # "Its army ...", "After weeks of protests, its junta ...", not "fish from its ponds"
    # (whose ponds: anything named before)
    r"|^\W*(?:[^,]{0,60}, )?its\b"
)

Found = tuple[Modality, list[str], list[Phrase], tuple[int, int], tuple[int, int], tuple[int, int]]
"""One valid match of a rule in a sentence: modality, its clause's countries, its phrases, and
its clause, span and scope (character ranges)."""

Outcome = tuple[Rule, Modality, Severity, list[str], tuple[str, ...]]
"""A rule that fired in a sentence: the rule, modality, severity, countries, matched phrases."""

Best = tuple[tuple[int, int, int], Outcome, str]
"""The best sighting so far of a (trigger, country): its rank (alerting first, then title first,
then earliest; the last is the sentence index), what fired, and the country."""


def keep_best(
    best: dict[tuple[str, str], Best],
    outcomes: list[Outcome],
    index: int,
    text: str,
    scan: ArticleScan,
) -> None:
    """Keep in ``best`` each outcome of sentence ``index`` that outranks what is there."""
    for outcome in outcomes:
        rule, modality, _, found, _ = outcome
        codes = found or fallback(index, text, scan, rule.attribution)
        if rule.countries is not None:
            codes = [c for c in codes if c in rule.countries]
        alerting = modality in ALERTING_MODALITIES
        if alerting and not codes and index < scan.titles:
            scan.headline_triggers.add(rule.trigger)  # told, but not where: "Soldiers seize power"
        rank = (0 if alerting else 1, 0 if index < scan.titles else 1, index)
        for code in codes:
            key = (rule.trigger, code)
            if alerting:
                seen = scan.sighted.setdefault(key, [])
                if not seen or seen[-1] != index:
                    seen.append(index)
            current = best.get(key)
            if current is None or rank < current[0]:
                best[key] = (rank, outcome, code)


def assemble_signals(best: dict[tuple[str, str], Best], texts: list[str]) -> list[Signal]:
    """One ``Signal`` per best sighting, best ranked first; evidence is the sentence's text."""
    return [
        Signal(rule.trigger, code, severity, modality, texts[rank[2]], rule.id, matched)
        for rank, (rule, modality, severity, _, matched), code in sorted(best.values(), key=_rank)
    ]


def fallback(index: int, text: str, scan: ArticleScan, policy: Attribution) -> list[str]:
    """Countries for a sentence that names none: the previous sentence's single country when the
    sentence points back ("the country", "there"), else the article's focus (``focus``)."""
    if _ANAPHOR.search(text) and index > 0:
        previous = {
            m.code
            for m in scan.mentions(index - 1)
            if m.role in (Role.PLAIN, Role.FACED, Role.FORCES, Role.ADDRESSEE)
            and (policy is Attribution.ACTOR or m.role in (Role.PLAIN, Role.FACED))
        }
        if len(previous) == 1:
            return list(previous)
    if index > 0 or not scan.titles:
        focus = scan.focus()
        if focus is not None:
            return [focus]
    return []


def _rank(candidate: Best) -> tuple[int, int, int]:
    return candidate[0]
