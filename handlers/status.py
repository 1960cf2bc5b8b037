"""``/status [country|region]``: level and trend first, then recent events and a chart.

Everything comes from stored state that is kept current as events arrive (the reader port);
nothing is recomputed from history here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from handlers.reply import Chart, Line, Reply, Section
from rules.model import Modality, Severity
from rules.scoring import Level, Trend

__all__ = [
    "USAGE",
    "CountryView",
    "EventLine",
    "Places",
    "StatusReader",
    "status_command",
]

LOOKBACK = timedelta(days=7)
CHART_SPAN = timedelta(days=30)
MAX_EVENTS = 10
BOARD_SIZE = 10
USAGE = "Usage: /status <country|region>, e.g. /status kazakhstan or /status central asia"


@dataclass(frozen=True, slots=True)
class CountryView:
    """A country's state now: score, level, trends, open events and feed coverage."""

    code: str
    score: float
    level: Level
    day: Trend
    week: Trend
    last_event_at: datetime | None
    open_events: int
    feeds: int
    feeds_checked_at: datetime | None
    feeds_failing: int


@dataclass(frozen=True, slots=True)
class EventLine:
    """An event as ``/status`` lists it."""

    id: int
    alert_id: int | None
    trigger: str
    country: str
    severity: Severity
    modality: Modality
    sources: int
    confirmed: bool
    title: str
    link: str | None
    source: str | None
    first_at: datetime
    last_at: datetime


class StatusReader(Protocol):
    """Read port over the stored country state and events."""

    async def country(self, code: str, now: datetime) -> CountryView: ...

    async def board(
        self, countries: frozenset[str] | None, now: datetime, limit: int
    ) -> Sequence[CountryView]: ...

    async def events(
        self, countries: frozenset[str] | None, since: datetime, limit: int
    ) -> Sequence[EventLine]: ...

    async def history(
        self, code: str, since: datetime, now: datetime
    ) -> Sequence[tuple[datetime, float]]: ...

    async def markers(
        self, code: str, since: datetime, limit: int
    ) -> Sequence[tuple[datetime, str, Severity]]: ...


class Places(Protocol):
    """What the commands need of the gazetteer."""

    def resolve(self, term: str) -> frozenset[str]: ...

    def name(self, code: str) -> str: ...

    def suggest(self, term: str, n: int = 3) -> list[str]: ...

    @property
    def regions(self) -> dict[str, frozenset[str]]: ...


def _ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "never"
    minutes = max(0, int((now - moment).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min ago"
    if minutes < 48 * 60:
        return f"{minutes // 60} h ago"
    return f"{minutes // 1440} days ago"


def _event_line(event: EventLine, places: Places, with_country: bool) -> Line:
    sources = (
        f"confirmed, {event.sources} sources"
        if event.confirmed
        else f"{event.sources} source{'s' if event.sources != 1 else ''}"
    )
    where = f" · {places.name(event.country)}" if with_country else ""
    modality = f" ({event.modality.value})" if event.modality != Modality.REPORTED else ""
    origin = f" — {event.source}" if event.source else ""
    text = (
        f"{event.first_at:%d %b %H:%M} · {event.trigger}{modality} · {event.severity.label}"
        f"{where} · {sources} — {event.title}{origin}"
    )
    return Line(text=text, link=event.link)


def _headline(view: CountryView, places: Places) -> str:
    return (
        f"{places.name(view.code)} ({view.code}): {view.level.label.upper()} · "
        f"score {view.score:.1f} · 24h {view.day.arrow} · 7d {view.week.arrow}"
    )


async def _country_reply(code: str, reader: StatusReader, places: Places, now: datetime) -> Reply:
    view = await reader.country(code, now)
    events = await reader.events(frozenset({code}), now - LOOKBACK, MAX_EVENTS)
    history = await reader.history(code, now - CHART_SPAN, now)
    markers = await reader.markers(code, now - CHART_SPAN, 200)
    coverage = (
        f"{view.open_events} open event(s); last event {_ago(view.last_event_at, now)}; "
        f"{view.feeds} feed(s) cover it, last checked {_ago(view.feeds_checked_at, now)}"
        + (f", {view.feeds_failing} failing" if view.feeds_failing else "")
        + "."
    )
    chart = Chart(
        title=f"{places.name(code)} — risk score, last 30 days",
        points=tuple(history),
        markers=tuple(markers),
        start=now - CHART_SPAN,
        end=now,
    )
    if not events:
        return Reply(
            headline=_headline(view, places),
            notes=("No alerting events in the last 7 days.", coverage),
            chart=chart,
        )
    lines = tuple(_event_line(e, places, with_country=False) for e in events)
    return Reply(
        headline=_headline(view, places),
        sections=(Section("Recent events", lines),),
        notes=(coverage,),
        chart=chart,
    )


async def _board_reply(
    title: str,
    countries: frozenset[str] | None,
    reader: StatusReader,
    places: Places,
    now: datetime,
) -> Reply:
    ranked = [v for v in await reader.board(countries, now, BOARD_SIZE) if v.score > 0.05]
    if not ranked:
        return Reply(headline=title, notes=("No country has recent alerting events.",))
    lines = tuple(
        Line(
            f"{v.level.label.upper():<8} {v.score:5.1f} {v.day.arrow} {places.name(v.code)} "
            f"({v.code}) · {v.open_events} open event(s)"
        )
        for v in ranked
    )
    recent = await reader.events(countries, now - timedelta(hours=24), 5)
    sections = [Section("Highest risk", lines)]
    if recent:
        sections.append(
            Section("Latest", tuple(_event_line(e, places, with_country=True) for e in recent))
        )
    return Reply(headline=title, sections=tuple(sections))


async def status_command(
    argument: str, *, reader: StatusReader, places: Places, now: datetime
) -> Reply:
    """Answer ``/status``: one country in detail, or a board for a region or everywhere."""
    term = " ".join(argument.split())
    if not term:
        return await _board_reply("Risk board: all countries", None, reader, places, now)
    if len(term) > 100:
        return Reply.error("That is too long to be a country or region name.", USAGE)
    codes = places.resolve(term)
    if not codes:
        hints = places.suggest(term)
        hint = f"Did you mean: {', '.join(hints)}?" if hints else USAGE
        return Reply.error(f"I don't know a country or region called “{term}”.", hint)
    if len(codes) == 1:
        return await _country_reply(next(iter(codes)), reader, places, now)
    return await _board_reply(f"Risk board: {term}", codes, reader, places, now)
