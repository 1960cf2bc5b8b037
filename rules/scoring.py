"""Country risk score from recent events: severity × modality × effect, decaying with age.

Pure functions: callers pass ``now``. The score is the sum of each event's weight, halved every
``half_life``; its level is one of five bands; the trend compares it with the score a day ago.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum

from rules.model import Modality, Severity
from rules.taxonomy import TRIGGERS

__all__ = [
    "BANDS",
    "CORROBORATION_WEIGHT",
    "DEFAULT_HALF_LIFE",
    "Level",
    "ScoredEvent",
    "Trend",
    "decayed",
    "event_value",
    "level_for",
    "score",
    "series",
    "trend",
    "trend_between",
]

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
# One source counts fully only when others confirm it.
CORROBORATION_WEIGHT = {False: 0.7, True: 1.3}


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
BANDS = ((Level.CRITICAL, 25.0), (Level.HIGH, 12.0), (Level.ELEVATED, 5.0), (Level.GUARDED, 1.5))


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


def event_value(trigger: str, severity: Severity, modality: Modality, confirmed: bool) -> float:
    """An event's weight when new: severity × modality × corroboration × the trigger's risk
    effect (+1 raises risk, −1 lowers it, 0 neither)."""
    effect = TRIGGERS[trigger].risk_effect if trigger in TRIGGERS else 0
    return (
        SEVERITY_WEIGHT[severity]
        * MODALITY_WEIGHT.get(modality, 0.0)
        * CORROBORATION_WEIGHT[confirmed]
        * effect
    )


def decayed(
    value: float, since: datetime, now: datetime, half_life: timedelta = DEFAULT_HALF_LIFE
) -> float:
    """A score kept at ``since``, as it stands at ``now`` (halved every ``half_life``)."""
    if now <= since:
        return value
    return float(value * 0.5 ** ((now - since) / half_life))


def series(
    points: Sequence[tuple[datetime, float]],
    start: datetime,
    end: datetime,
    step: timedelta,
    half_life: timedelta = DEFAULT_HALF_LIFE,
) -> list[tuple[datetime, float]]:
    """The score from ``start`` to ``end`` every ``step``, from the values stored after each
    update (``points``, oldest first): between updates the score only decays."""
    out: list[tuple[datetime, float]] = []
    index = -1
    moment = start
    while moment <= end:
        while index + 1 < len(points) and points[index + 1][0] <= moment:
            index += 1
        value = 0.0 if index < 0 else decayed(points[index][1], points[index][0], moment, half_life)
        out.append((moment, max(0.0, value)))
        moment += step
    return out


def trend_between(current: float, before: float, tolerance: float = 0.15) -> Trend:
    """Rising or falling when the score moved more than ``tolerance`` (relative)."""
    if abs(current - before) <= tolerance * max(before, 1.0):
        return Trend.STEADY
    return Trend.RISING if current > before else Trend.FALLING


def score(
    events: Iterable[ScoredEvent], now: datetime, half_life: timedelta = DEFAULT_HALF_LIFE
) -> float:
    """The country's score at ``now``, never below zero."""
    return max(0.0, sum(event_weight(e, now, half_life) for e in events))


def level_for(value: float) -> Level:
    """The band a score falls in."""
    for level, floor in BANDS:
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
    return trend_between(current, before, tolerance)
