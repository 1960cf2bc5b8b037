"""Country risk score from recent events: severity × modality × effect, decaying with age.

Pure functions: callers pass ``now``. The score is the sum of each event's weight, halved every
``half_life``; its level is one of five bands; the trend compares it with the score a day ago.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum

from rules.model import Modality, Severity
from rules.taxonomy import TRIGGERS

__all__ = ["Level", "ScoredEvent", "Trend", "level_for", "score", "trend"]

SEVERITY_WEIGHT = {
    Severity.INFO: 0.5,
    Severity.LOW: 1.0,
    Severity.MEDIUM: 2.5,
    Severity.HIGH: 5.0,
    Severity.CRITICAL: 9.0,
}
MODALITY_WEIGHT = {
    Modality.REPORTED: 1.0,
    Modality.ANNOUNCED: 0.8,
    Modality.THREATENED: 0.5,
}
DEFAULT_HALF_LIFE = timedelta(hours=48)


class Level(IntEnum):
    """Five bands of country risk."""

    LOW = 0
    GUARDED = 1
    ELEVATED = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        """Lower-case band name."""
        return self.name.lower()


# Lower bounds of each band, highest first.
_BANDS = ((Level.CRITICAL, 25.0), (Level.HIGH, 12.0), (Level.ELEVATED, 5.0), (Level.GUARDED, 1.5))


@dataclass(frozen=True, slots=True)
class ScoredEvent:
    """What the score needs of one event."""

    trigger: str
    severity: Severity
    modality: Modality
    at: datetime


class Trend(IntEnum):
    """Direction of the score against an earlier moment."""

    FALLING = -1
    STEADY = 0
    RISING = 1

    @property
    def arrow(self) -> str:
        """A one-character arrow for chat lines."""
        return {Trend.FALLING: "↓", Trend.STEADY: "→", Trend.RISING: "↑"}[self]


def event_weight(event: ScoredEvent, now: datetime, half_life: timedelta) -> float:
    """One event's contribution at ``now``; zero for events after ``now``."""
    if event.at > now:
        return 0.0
    effect = TRIGGERS[event.trigger].risk_effect if event.trigger in TRIGGERS else 0
    base = SEVERITY_WEIGHT[event.severity] * MODALITY_WEIGHT.get(event.modality, 0.0) * effect
    age = (now - event.at) / half_life
    return float(base * 0.5**age)


def score(
    events: Iterable[ScoredEvent], now: datetime, half_life: timedelta = DEFAULT_HALF_LIFE
) -> float:
    """The country's score at ``now``, never below zero."""
    return max(0.0, sum(event_weight(e, now, half_life) for e in events))


def level_for(value: float) -> Level:
    """The band a score falls in."""
    for level, floor in _BANDS:
        if value >= floor:
            return level
    return Level.LOW


def trend(
    events: Iterable[ScoredEvent],
    now: datetime,
    window: timedelta,
    half_life: timedelta = DEFAULT_HALF_LIFE,
    tolerance: float = 0.15,
) -> Trend:
    """Rising or falling when the score moved more than ``tolerance`` (relative) over ``window``."""
    items = list(events)
    current = score(items, now, half_life)
    before = score(items, now - window, half_life)
    if abs(current - before) <= tolerance * max(before, 1.0):
        return Trend.STEADY
    return Trend.RISING if current > before else Trend.FALLING
