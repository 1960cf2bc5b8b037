"""Read side for ``/status``: alerting events of some countries since a moment."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import col, select

from bot.db import Database
from bot.models import Alert
from handlers.status import EventView
from rules.model import Modality, Severity

__all__ = ["StoredStatus"]


class StoredStatus:
    """Implements ``handlers.status.StatusReader`` on the alert table."""

    def __init__(self, db: Database, limit: int = 5000) -> None:
        self._db = db
        self._limit = limit

    async def events_since(
        self, countries: frozenset[str] | None, since: datetime
    ) -> Sequence[EventView]:
        """Alerts at or after ``since``, newest first, for ``countries`` (all when None)."""
        query = select(Alert).where(col(Alert.created_at) >= since)
        if countries is not None:
            query = query.where(col(Alert.country).in_(sorted(countries)))
        query = query.order_by(col(Alert.created_at).desc()).limit(self._limit)
        async with self._db.session() as session:
            rows = (await session.exec(query)).all()
        return [
            EventView(
                alert_id=a.id or 0,
                trigger=a.trigger,
                country=a.country,
                severity=Severity(a.severity),
                modality=Modality(a.modality),
                title=a.title,
                link=a.link,
                source=a.source,
                at=a.created_at,
            )
            for a in rows
        ]
