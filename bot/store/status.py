"""Read side for ``/status``: country state, events and score history, by indexed lookups only
(the state is kept current by ``bot.store.events`` as reports arrive)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import case, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db import Database
from bot.models import Alert, CountryFeed, CountryState, Event, Feed, ScorePoint
from handlers.status import CountryView, EventLine
from rules.model import Modality, Severity
from rules.scoring import decayed, level_for, trend_between
from rules.stories import SIMILAR_WINDOW

__all__ = ["StoredStatus"]


async def _score_at(session: AsyncSession, code: str, moment: datetime) -> float:
    """The score as it stood at ``moment``: the last update before it, decayed to it."""
    row = (
        await session.exec(
            select(ScorePoint.at, ScorePoint.score)
            .where(ScorePoint.country == code, col(ScorePoint.at) <= moment)
            .order_by(col(ScorePoint.at).desc())
            .limit(1)
        )
    ).first()
    return 0.0 if row is None else decayed(row[1], row[0], moment)


class StoredStatus:
    """Implements ``handlers.status.StatusReader`` on the database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def _view(
        self, session: AsyncSession, state: CountryState, now: datetime, *, full: bool = True
    ) -> CountryView:
        code = state.country
        value = decayed(state.score, state.score_at, now)
        day = trend_between(value, await _score_at(session, code, now - timedelta(hours=24)))
        if not full:  # a board line: score, level and the day's direction are enough
            return CountryView(
                code, value, level_for(value), day, day, state.last_event_at, 0, 0, None, 0
            )
        week = trend_between(value, await _score_at(session, code, now - timedelta(days=7)))
        open_events = (
            await session.exec(
                select(func.count())
                .select_from(Event)
                .where(Event.country == code, col(Event.last_at) >= now - SIMILAR_WINDOW)
            )
        ).one()
        coverage = (
            await session.exec(
                select(
                    func.count(),
                    func.max(Feed.last_checked_at),
                    func.sum(case((col(Feed.error_count) > 0, 1), else_=0)),
                )
                .select_from(CountryFeed)
                .join(Feed, col(Feed.id) == col(CountryFeed.feed_id))
                .where(CountryFeed.country == code)
            )
        ).one()
        return CountryView(
            code=code,
            score=value,
            level=level_for(value),
            day=day,
            week=week,
            last_event_at=state.last_event_at,
            open_events=int(open_events),
            feeds=int(coverage[0] or 0),
            feeds_checked_at=coverage[1],
            feeds_failing=int(coverage[2] or 0),
        )

    async def country(self, code: str, now: datetime) -> CountryView:
        """The country's state now (a quiet country has a zero state)."""
        async with self._db.session() as session:
            state = await session.get(CountryState, code) or CountryState(
                country=code, score=0.0, score_at=now, updated_at=now
            )
            return await self._view(session, state, now)

    async def board(
        self, countries: frozenset[str] | None, now: datetime, limit: int
    ) -> Sequence[CountryView]:
        """The highest scores now, among ``countries`` (all when None)."""
        query = select(
            CountryState.country,
            CountryState.score,
            CountryState.score_at,
            CountryState.last_event_at,
        )
        if countries is not None:
            query = query.where(col(CountryState.country).in_(sorted(countries)))
        async with self._db.session() as session:
            rows = (await session.exec(query)).all()
            top = sorted(rows, key=lambda r: decayed(r[1], r[2], now), reverse=True)[:limit]
            codes = [row[0] for row in top]
            open_rows = await session.exec(
                select(Event.country, func.count())
                .where(col(Event.country).in_(codes), col(Event.last_at) >= now - SIMILAR_WINDOW)
                .group_by(col(Event.country))
            )
            open_events = {code: int(n) for code, n in open_rows.all()}
            views = []
            for code, value, at, last in top:
                state = CountryState(
                    country=code, score=value, score_at=at, last_event_at=last, updated_at=at
                )
                view = await self._view(session, state, now, full=False)
                views.append(replace(view, open_events=open_events.get(code, 0)))
        return views

    async def events(
        self, countries: frozenset[str] | None, since: datetime, limit: int
    ) -> Sequence[EventLine]:
        """Events with a report since ``since``, newest first."""
        query = (
            select(Event, Alert.source)
            .join(Alert, col(Alert.id) == col(Event.root_alert_id), isouter=True)
            .where(col(Event.last_at) >= since)
        )
        if countries is not None:
            query = query.where(col(Event.country).in_(sorted(countries)))
        query = query.order_by(col(Event.last_at).desc()).limit(limit)
        async with self._db.session() as session:
            rows = (await session.exec(query)).all()
        return [
            EventLine(
                id=e.id or 0,
                alert_id=e.root_alert_id,
                trigger=e.trigger,
                country=e.country,
                severity=Severity(e.severity),
                modality=Modality(e.modality),
                sources=e.sources,
                confirmed=e.confirmed,
                title=e.title,
                link=e.link,
                source=source,
                first_at=e.first_at,
                last_at=e.last_at,
            )
            for e, source in rows
        ]

    async def markers(
        self, code: str, since: datetime, limit: int
    ) -> Sequence[tuple[datetime, str, Severity]]:
        """When each recent event began, its trigger and severity (for the chart)."""
        async with self._db.session() as session:
            rows = await session.exec(
                select(Event.first_at, Event.trigger, Event.severity)
                .where(Event.country == code, col(Event.last_at) >= since)
                .order_by(col(Event.last_at).desc())
                .limit(limit)
            )
            return [(at, trigger, Severity(severity)) for at, trigger, severity in rows.all()]

    async def history(
        self, code: str, since: datetime, now: datetime
    ) -> Sequence[tuple[datetime, float]]:
        """The score after each update since ``since``, with the one before it (oldest first)."""
        async with self._db.session() as session:
            before = (
                await session.exec(
                    select(ScorePoint.at, ScorePoint.score)
                    .where(ScorePoint.country == code, col(ScorePoint.at) < since)
                    .order_by(col(ScorePoint.at).desc())
                    .limit(1)
                )
            ).all()
            rows = (
                await session.exec(
                    select(ScorePoint.at, ScorePoint.score)
                    .where(
                        ScorePoint.country == code,
                        col(ScorePoint.at) >= since,
                        col(ScorePoint.at) <= now,
                    )
                    .order_by(col(ScorePoint.at))
                    .limit(5000)
                )
            ).all()
        return [(at, value) for at, value in [*before, *rows]]
