"""On-call escalation as stored state: unacknowledged alerts queued for the escalation chat."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import exists, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import Alert, Delivery, DeliveryPurpose, DeliveryStatus
from bot.store.dialect import insert_ignoring_conflicts

__all__ = ["escalate_unacknowledged"]

HORIZON = timedelta(days=2)  # older unacknowledged alerts are history, not an on-call page


async def escalate_unacknowledged(
    session: AsyncSession,
    *,
    destination_id: int,
    min_severity: int,
    after: timedelta,
    now: datetime,
) -> list[int]:
    """Mark and queue, once, every story's first alert at or above ``min_severity`` that was
    delivered somewhere and that nobody acknowledged within ``after``. Safe with replicas: the
    ``escalated_at IS NULL`` guard lets one of them take each alert."""
    delivered = exists().where(
        col(Delivery.alert_id) == col(Alert.id),
        col(Delivery.status) == DeliveryStatus.SENT,
        col(Delivery.purpose) == DeliveryPurpose.ALERT,
    )
    due = (
        select(Alert.id)
        .where(
            col(Alert.parent_id).is_(None),
            col(Alert.acked_at).is_(None),
            col(Alert.escalated_at).is_(None),
            col(Alert.severity) >= min_severity,
            col(Alert.created_at) <= now - after,
            col(Alert.created_at) >= now - HORIZON,
            delivered,
        )
        .limit(100)
    )
    result = await session.exec(
        update(Alert)
        .where(col(Alert.id).in_(due.scalar_subquery()), col(Alert.escalated_at).is_(None))
        .values(escalated_at=now)
        .returning(col(Alert.id)),
        execution_options={"synchronize_session": False},
    )
    ids = sorted(int(row[0]) for row in result.all())
    if ids:
        await session.exec(
            insert_ignoring_conflicts(session, Delivery).values(
                [
                    {
                        "alert_id": alert_id,
                        "destination_id": destination_id,
                        "purpose": DeliveryPurpose.ESCALATION,
                        "status": DeliveryStatus.PENDING,
                        "attempts": 0,
                        "next_attempt_at": now,
                        "created_at": now,
                    }
                    for alert_id in ids
                ]
            )
        )
    return ids
