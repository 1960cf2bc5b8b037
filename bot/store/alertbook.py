"""Alerts for the chat commands: details for ``/why``, and acknowledgements.

Implements ``handlers.ports.AlertBook`` on the database.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select

from bot.db import Database
from bot.models import Alert, Event
from handlers.ports import AckOutcome, AlertDetail
from rules.model import Modality, Severity

__all__ = ["StoredAlerts", "alert_detail"]

MAX_FOLLOWUPS = 20


def alert_detail(
    alert: Alert,
    followups: tuple[tuple[str, str | None, str | None], ...] = (),
    event: Event | None = None,
) -> AlertDetail:
    """The command layer's view of an alert row (with its event's corroboration, if known)."""
    assert alert.id is not None
    return AlertDetail(
        id=alert.id,
        trigger=alert.trigger,
        country=alert.country,
        severity=Severity(max(alert.severity, event.severity if event else 0)),
        modality=Modality(alert.modality),
        rule=alert.rule,
        title=alert.title,
        evidence=alert.evidence,
        link=alert.link,
        source=alert.source,
        created_at=alert.created_at,
        acked_at=alert.acked_at,
        acked_by=alert.acked_by,
        parent_id=alert.parent_id,
        followups=followups,
        sources=event.sources if event else 1,
        confirmed=event.confirmed if event else False,
    )


class StoredAlerts:
    """Reads alerts and records who acknowledged them."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def alert(self, alert_id: int) -> AlertDetail | None:
        """The alert with the other articles of its story."""
        async with self._db.session() as session:
            alert = await session.get(Alert, alert_id)
            if alert is None:
                return None
            root = alert.parent_id or alert_id
            rows = await session.exec(
                select(Alert)
                .where(col(Alert.parent_id) == root, col(Alert.id) != alert_id)
                .order_by(col(Alert.id))
                .limit(MAX_FOLLOWUPS)
            )
            more = [(a.title, a.link, a.source) for a in rows.all()]
            if alert.parent_id is not None:
                parent = await session.get(Alert, alert.parent_id)
                if parent is not None:
                    more.insert(0, (parent.title, parent.link, parent.source))
            event = await session.get(Event, alert.event_id) if alert.event_id else None
            return alert_detail(alert, tuple(more), event)

    async def ack(self, alert_id: int, by: str, now: datetime) -> AckOutcome | None:
        """Acknowledge the alert and its whole story; the first acknowledgement stays."""
        async with self._db.session() as session:
            alert = await session.get(Alert, alert_id)
            if alert is None:
                return None
            root = alert.parent_id or alert_id
            result = await session.exec(
                update(Alert)
                .where(
                    (col(Alert.id) == root) | (col(Alert.parent_id) == root),
                    col(Alert.acked_at).is_(None),
                )
                .values(acked_at=now, acked_by=by[:128])
            )
            newly = bool(result.rowcount)
            await session.refresh(alert)
            # Acked earlier by someone else: report theirs, not ours.
            return AckOutcome(alert_detail(alert), newly_acked=newly and alert.acked_by == by[:128])
