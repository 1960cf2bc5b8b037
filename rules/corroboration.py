"""How sure we are of an event, and how bad it is, from the number of independent sources.

An event with one source is unconfirmed; with three or more independent sources it is
confirmed, and its severity rises one step. Pure functions.
"""

from __future__ import annotations

from rules.model import Modality, Severity

__all__ = [
    "CONFIRMED_AT",
    "MODALITY_RANK",
    "best_modality",
    "corroborated_severity",
    "is_confirmed",
    "source_key",
]

CONFIRMED_AT = 3
# Which modality an event keeps when its reports differ: a report beats an announcement beats
# a threat.
MODALITY_RANK = {Modality.REPORTED: 3, Modality.ANNOUNCED: 2, Modality.THREATENED: 1}


def is_confirmed(sources: int) -> bool:
    """Three or more independent sources."""
    return sources >= CONFIRMED_AT


def corroborated_severity(base: Severity, sources: int) -> Severity:
    """The event's severity: its strongest report's, one step higher once confirmed."""
    return base.raised() if is_confirmed(sources) else base


def best_modality(a: Modality, b: Modality) -> Modality:
    """The more certain of two modalities."""
    return a if MODALITY_RANK.get(a, 0) >= MODALITY_RANK.get(b, 0) else b


def source_key(source: str | None) -> str:
    """A source's identity for counting independent ones: its name, case- and space-folded."""
    return " ".join((source or "unknown").casefold().split())[:256]
