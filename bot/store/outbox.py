"""Destinations, subscriptions and the delivery outbox (claimed with leases by any replica)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import (
    Alert,
    Delivery,
    DeliveryPurpose,
    DeliveryStatus,
    Destination,
    Event,
    Mute,
    Subscription,
)
from bot.store.claims import claim_rows, lease_free
from bot.store.dialect import insert_ignoring_conflicts

__all__ = [
    "active_mutes",
    "claim_deliveries",
    "deactivate_destination",
    "ensure_destination",
    "ensure_subscription",
    "extend_leases",
    "load_alerts",
    "load_destinations",
    "load_events",
    "mark_failed",
    "mark_retry",
    "mark_sent",
    "mark_suppressed",
    "move_destination",
    "pause_destination",
    "release_lease",
    "release_leases_of_others",
    "renew_lease",
    "set_destination_active",
    "thread_refs",
]


async def ensure_destination(
    session: AsyncSession,
    platform: str,
    address: str,
    *,
    title: str | None = None,
    kind: str = "private",
) -> Destination:
    """The destination row for ``(platform, address)``, created if missing."""
    await session.exec(
        insert_ignoring_conflicts(session, Destination).values(
            platform=platform, address=address, title=title, active=True, kind=kind
        )
    )
    found = await session.exec(
        select(Destination).where(Destination.platform == platform, Destination.address == address)
    )
    return found.one()


async def set_destination_active(
    session: AsyncSession, destination_id: int, active: bool, reason: str | None = None
) -> None:
    """Switch a destination on or off, keeping the reason it was switched off."""
    await session.exec(
        update(Destination)
        .where(col(Destination.id) == destination_id)
        .values(active=active, deactivated_reason=None if active else reason)
    )


async def deactivate_destination(session: AsyncSession, destination_id: int, reason: str) -> None:
    """A permanent failure (blocked, removed, not found): stop sending there and say why; its
    queued rows are closed with the same reason (nobody can receive them)."""
    await set_destination_active(session, destination_id, False, reason[:512])
    await session.exec(
        update(Delivery)
        .where(
            col(Delivery.destination_id) == destination_id,
            col(Delivery.status) == DeliveryStatus.PENDING,
        )
        .values(
            status=DeliveryStatus.FAILED,
            last_error=f"not sent: the destination was switched off ({reason})"[:1024],
            lease_until=None,
            leased_by=None,
        )
    )


async def ensure_subscription(
    session: AsyncSession,
    destination_id: int,
    *,
    country: str = "*",
    trigger: str = "*",
    min_severity: int = 0,
    created_by: str | None = None,
) -> None:
    """Subscribe a destination (idempotent: an existing row keeps its settings)."""
    await session.exec(
        insert_ignoring_conflicts(session, Subscription).values(
            destination_id=destination_id,
            country=country,
            trigger=trigger,
            min_severity=min_severity,
            created_by=created_by,
        )
    )


async def claim_deliveries(
    session: AsyncSession, *, now: datetime, limit: int, owner: str, lease: timedelta
) -> list[Delivery]:
    """Lease pending deliveries that are due, to destinations that are active and not paused
    (a destination pauses after a rate limit or a transient failure)."""
    active = select(Destination.id).where(
        col(Destination.active).is_(True),
        or_(col(Destination.next_send_at).is_(None), col(Destination.next_send_at) <= now),
    )
    return await claim_rows(
        session,
        Delivery,
        where=[
            col(Delivery.status) == DeliveryStatus.PENDING,
            col(Delivery.next_attempt_at) <= now,
            col(Delivery.destination_id).in_(active),
            lease_free(Delivery, now),
        ],
        order_by=[col(Delivery.next_attempt_at), col(Delivery.id)],
        limit=limit,
        owner=owner,
        lease_until=now + lease,
        sort_key=lambda d: d.id,  # per destination, creation order even after a retry
    )


def _held(delivery_id: int, owner: str) -> list[ColumnElement[bool]]:
    return [col(Delivery.id) == delivery_id, col(Delivery.leased_by) == owner]


async def renew_lease(
    session: AsyncSession, delivery_id: int, owner: str, now: datetime, lease: timedelta
) -> bool:
    """Extend this worker's lease just before sending; False when another worker took the row
    (our lease ran out), in which case it must not be sent from here."""
    result = await session.exec(
        update(Delivery)
        .where(*_held(delivery_id, owner), col(Delivery.status) == DeliveryStatus.PENDING)
        .values(lease_until=now + lease)
    )
    return bool(result.rowcount)


async def extend_leases(
    session: AsyncSession, ids: Sequence[int], owner: str, until: datetime
) -> None:
    """Keep this worker's claim on rows it is still pacing towards (a chat's later rows), so
    another replica does not take them meanwhile and send to the same chat in parallel."""
    if ids:
        await session.exec(
            update(Delivery)
            .where(col(Delivery.id).in_(list(ids)), col(Delivery.leased_by) == owner)
            .values(lease_until=until)
        )


async def pause_destination(session: AsyncSession, destination_id: int, until: datetime) -> None:
    """Send nothing more to a destination before ``until`` (rate limit, outage)."""
    await session.exec(
        update(Destination).where(col(Destination.id) == destination_id).values(next_send_at=until)
    )


async def load_alerts(session: AsyncSession, ids: Sequence[int]) -> dict[int, Alert]:
    """Alerts by id."""
    rows = await session.exec(select(Alert).where(col(Alert.id).in_(list(ids))))
    return {a.id: a for a in rows.all() if a.id is not None}


async def load_events(session: AsyncSession, ids: set[int]) -> dict[int, Event]:
    """Events by id."""
    if not ids:
        return {}
    rows = await session.exec(select(Event).where(col(Event.id).in_(sorted(ids))))
    return {e.id: e for e in rows.all() if e.id is not None}


async def load_destinations(session: AsyncSession, ids: Sequence[int]) -> dict[int, Destination]:
    """Destinations by id."""
    rows = await session.exec(select(Destination).where(col(Destination.id).in_(list(ids))))
    return {d.id: d for d in rows.all() if d.id is not None}


async def mark_sent(
    session: AsyncSession, delivery_id: int, owner: str, now: datetime, message_ref: str | None
) -> bool:
    """Record a successful send; ``False`` if the lease was lost to another worker meanwhile."""
    result = await session.exec(
        update(Delivery)
        .where(*_held(delivery_id, owner))
        .values(
            status=DeliveryStatus.SENT,
            sent_at=now,
            message_ref=message_ref,
            attempts=Delivery.attempts + 1,
            lease_until=None,
            leased_by=None,
            last_error=None,
        )
    )
    return bool(result.rowcount)


async def mark_retry(
    session: AsyncSession, delivery_id: int, owner: str, next_attempt_at: datetime, error: str
) -> None:
    """A transient failure: try again later."""
    await session.exec(
        update(Delivery)
        .where(*_held(delivery_id, owner))
        .values(
            attempts=Delivery.attempts + 1,
            next_attempt_at=next_attempt_at,
            last_error=error[:1024],
            lease_until=None,
            leased_by=None,
        )
    )


async def mark_failed(session: AsyncSession, delivery_id: int, owner: str, error: str) -> None:
    """A permanent failure: keep the row and the reason, never send it."""
    await session.exec(
        update(Delivery)
        .where(*_held(delivery_id, owner))
        .values(
            status=DeliveryStatus.FAILED,
            attempts=Delivery.attempts + 1,
            last_error=error[:1024],
            lease_until=None,
            leased_by=None,
        )
    )


async def release_lease(session: AsyncSession, delivery_id: int, owner: str) -> None:
    """Give a claimed delivery back untouched (shutdown before it was sent)."""
    await session.exec(
        update(Delivery).where(*_held(delivery_id, owner)).values(lease_until=None, leased_by=None)
    )


async def mark_suppressed(session: AsyncSession, delivery_id: int, owner: str, reason: str) -> None:
    """Muted when its turn came: final, never sent, the reason kept."""
    await session.exec(
        update(Delivery)
        .where(*_held(delivery_id, owner))
        .values(
            status=DeliveryStatus.SUPPRESSED,
            last_error=reason[:1024],
            lease_until=None,
            leased_by=None,
        )
    )


async def active_mutes(
    session: AsyncSession, destination_ids: set[int], now: datetime
) -> dict[int, list[tuple[str, str]]]:
    """(scope, value) of the mutes in force, per destination."""
    if not destination_ids:
        return {}
    rows = await session.exec(
        select(Mute).where(
            col(Mute.destination_id).in_(sorted(destination_ids)), col(Mute.until) > now
        )
    )
    out: dict[int, list[tuple[str, str]]] = {}
    for mute in rows.all():
        out.setdefault(mute.destination_id, []).append((mute.scope, mute.value))
    return out


async def thread_refs(
    session: AsyncSession, alert_ids: set[int], destination_ids: set[int]
) -> dict[tuple[int, int], str]:
    """Message references of sent alerts, by (alert, destination): where follow-ups thread."""
    if not alert_ids or not destination_ids:
        return {}
    rows = await session.exec(
        select(Delivery.alert_id, Delivery.destination_id, Delivery.message_ref).where(
            col(Delivery.alert_id).in_(sorted(alert_ids)),
            col(Delivery.destination_id).in_(sorted(destination_ids)),
            col(Delivery.status) == DeliveryStatus.SENT,
            col(Delivery.purpose) == DeliveryPurpose.ALERT,
            col(Delivery.message_ref).is_not(None),
        )
    )
    return {(a, d): ref for a, d, ref in rows.all() if ref is not None}


async def move_destination(session: AsyncSession, destination_id: int, new_address: str) -> None:
    """Follow a chat to its new address; when that address is already a destination of its own,
    this one is switched off and its pending rows go there instead."""
    current = await session.get(Destination, destination_id)
    if current is None:
        return
    other = (
        await session.exec(
            select(Destination).where(
                Destination.platform == current.platform, Destination.address == new_address
            )
        )
    ).first()
    if other is None:
        current.address = new_address[:128]
        session.add(current)
        return
    pending = await session.exec(
        select(Delivery).where(
            Delivery.destination_id == destination_id, Delivery.status == DeliveryStatus.PENDING
        )
    )
    for row in pending.all():
        await session.exec(
            insert_ignoring_conflicts(session, Delivery).values(
                alert_id=row.alert_id,
                destination_id=other.id,
                purpose=row.purpose,
                status=DeliveryStatus.PENDING,
                attempts=0,
                next_attempt_at=row.next_attempt_at,
                created_at=row.created_at,
            )
        )
        row.status = DeliveryStatus.FAILED
        row.last_error = f"the chat moved to {new_address}"
        row.lease_until = None
        row.leased_by = None
        session.add(row)
    # What the chat asked for moves with it.
    assert other.id is not None
    for model in (Subscription, Mute):
        await _copy_to(session, model, destination_id, other.id)
    await session.flush()
    await deactivate_destination(session, destination_id, f"moved to {new_address}")
    await session.exec(
        update(Destination).where(col(Destination.id) == other.id).values(active=True)
    )


async def _copy_to(
    session: AsyncSession, model: type[Subscription] | type[Mute], source: int, target: int
) -> None:
    """Copy a destination's rows of ``model`` to another (rows it already has are kept)."""
    rows = (await session.exec(select(model).where(model.destination_id == source))).all()
    if rows:
        await session.exec(
            insert_ignoring_conflicts(session, model).values(
                [row.model_dump(exclude={"id"}) | {"destination_id": target} for row in rows]
            )
        )


async def release_leases_of_others(session: AsyncSession, owner: str) -> int:
    """Free every delivery lease not held by ``owner``: only safe when this process is known
    to be the only worker (the SQLite worker lock), e.g. after a crash."""
    result = await session.exec(
        update(Delivery)
        .where(
            col(Delivery.status) == DeliveryStatus.PENDING,
            col(Delivery.leased_by).is_not(None),
            col(Delivery.leased_by) != owner,
        )
        .values(lease_until=None, leased_by=None)
    )
    return int(result.rowcount)
