"""``/status [country|region]``: level, trend and recent events, from stored state."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from handlers.reply import Line, Reply, Section
from rules.model import Modality, Severity
from rules.scoring import ScoredEvent, level_for, score, trend

__all__ = ["EventView", "Places", "StatusReader", "status_command"]

LOOKBACK = timedelta(days=7)
MAX_EVENTS = 10
BOARD_SIZE = 10
USAGE = "Usage: /status <country|region>, e.g. /status kazakhstan or /status central asia"


@dataclass(frozen=True, slots=True)
class EventView:
    """An alerting event as ``/status`` shows it."""

    alert_id: int
    trigger: str
    country: str
    severity: Severity
    modality: Modality
    title: str
    link: str | None
    source: str | None
    at: datetime


class StatusReader(Protocol):
    """Read port: alerting events of some countries (all when ``countries`` is None)."""

    async def events_since(
        self, countries: frozenset[str] | None, since: datetime
    ) -> Sequence[EventView]: ...


class Places(Protocol):
    """What ``/status`` needs of the gazetteer."""

    def resolve(self, term: str) -> frozenset[str]: ...

    def name(self, code: str) -> str: ...

    def suggest(self, term: str, n: int = 3) -> list[str]: ...

    @property
    def regions(self) -> dict[str, frozenset[str]]: ...


def _scored(events: Sequence[EventView]) -> list[ScoredEvent]:
    return [ScoredEvent(e.trigger, e.severity, e.modality, e.at) for e in events]


def _event_line(event: EventView, places: Places) -> Line:
    when = f"{event.at:%d %b %H:%M}"
    source = f" ({event.source})" if event.source else ""
    text = (
        f"{when} · {event.severity.label} · {event.trigger} · {places.name(event.country)}"
        f"{' · ' + event.modality.value if event.modality != Modality.REPORTED else ''}"
        f" — {event.title}{source}"
    )
    return Line(text=text, link=event.link)


def _country_reply(code: str, events: Sequence[EventView], places: Places, now: datetime) -> Reply:
    scored = _scored(events)
    value = score(scored, now)
    level = level_for(value)
    day = trend(scored, now, timedelta(hours=24))
    week = trend(scored, now, timedelta(days=7))
    headline = (
        f"{places.name(code)} ({code}): {level.label.upper()} · score {value:.1f} · "
        f"24h {day.arrow} · 7d {week.arrow}"
    )
    recent = sorted(events, key=lambda e: e.at, reverse=True)[:MAX_EVENTS]
    if not recent:
        return Reply(headline=headline, notes=("No alerting events in the last 7 days.",))
    lines = tuple(_event_line(e, places) for e in recent)
    more = len(events) - len(recent)
    notes = (f"…and {more} more in the last 7 days.",) if more > 0 else ()
    return Reply(headline=headline, sections=(Section("Recent events", lines),), notes=notes)


def _board_reply(title: str, events: Sequence[EventView], places: Places, now: datetime) -> Reply:
    by_country: dict[str, list[EventView]] = defaultdict(list)
    for event in events:
        by_country[event.country].append(event)
    ranked = sorted(
        ((score(_scored(evs), now), code) for code, evs in by_country.items()), reverse=True
    )[:BOARD_SIZE]
    if not ranked:
        return Reply(headline=title, notes=("No alerting events in the last 7 days.",))
    lines = tuple(
        Line(
            f"{level_for(value).label.upper():<8} {value:5.1f}  {places.name(code)} ({code}) · "
            f"{len(by_country[code])} event(s)"
        )
        for value, code in ranked
    )
    return Reply(headline=title, sections=(Section("Highest risk", lines),))


async def status_command(
    argument: str, *, reader: StatusReader, places: Places, now: datetime
) -> Reply:
    """Answer ``/status``: one country in detail, or a board for a region or everywhere."""
    term = " ".join(argument.split())
    since = now - LOOKBACK
    if not term:
        events = await reader.events_since(None, since)
        return _board_reply("Risk board: all countries", events, places, now)
    if len(term) > 100:
        return Reply.error("That is too long to be a country or region name.", USAGE)
    codes = places.resolve(term)
    if not codes:
        hints = places.suggest(term)
        hint = f"Did you mean: {', '.join(hints)}?" if hints else USAGE
        return Reply.error(f"I don't know a country or region called “{term}”.", hint)
    events = await reader.events_since(codes, since)
    if len(codes) == 1:
        return _country_reply(next(iter(codes)), events, places, now)
    return _board_reply(f"Risk board: {term}", events, places, now)
