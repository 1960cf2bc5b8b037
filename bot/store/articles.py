"""Items, their signals and the alerts they raise: the write side of the pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import literal, or_
from sqlalchemy import select as sa_select
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.sqltypes import UTCDateTime

from bot.models import Alert, Delivery, Destination, Item, SignalRow, Subscription
from bot.store.dialect import insert_ignoring_conflicts

__all__ = ["AlertDraft", "NewItem", "fan_out", "insert_alert", "insert_item", "known_items"]


@dataclass(frozen=True, slots=True)
class NewItem:
    """An item as it is about to be stored."""

    identity: str
    canonical_link: str | None
    guid: str | None
    link: str | None
    title: str
    summary: str
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class AlertDraft:
    """An alert about to be raised for one (trigger, country, story)."""

    trigger: str
    country: str
    story_key: str
    severity: int
    modality: str
    rule: str
    item_id: int
    title: str
    link: str | None
    source: str | None
    evidence: str


async def known_items(session: AsyncSession, items: Sequence[NewItem]) -> set[str]:
    """Identities of ``items`` already stored, by identity or by canonical link."""
    if not items:
        return set()
    identities = [i.identity for i in items]
    links = [i.canonical_link for i in items if i.canonical_link]
    rows = await session.exec(
        select(Item.identity, Item.canonical_link).where(
            or_(col(Item.identity).in_(identities), col(Item.canonical_link).in_(links))
        )
    )
    seen_ids: set[str] = set()
    seen_links: set[str] = set()
    for identity, link in rows.all():
        seen_ids.add(identity)
        if link:
            seen_links.add(link)
    return {
        i.identity
        for i in items
        if i.identity in seen_ids or (i.canonical_link and i.canonical_link in seen_links)
    }


async def insert_item(
    session: AsyncSession, feed_id: int, item: NewItem, now: datetime
) -> int | None:
    """Store ``item``; ``None`` when another worker or feed stored the same story first."""
    stmt = (
        insert_ignoring_conflicts(session, Item)
        .values(
            feed_id=feed_id,
            identity=item.identity,
            canonical_link=item.canonical_link,
            guid=item.guid[:2048] if item.guid else None,
            link=item.link[:2048] if item.link else None,
            title=item.title,
            summary=item.summary,
            published_at=item.published_at,
            fetched_at=now,
        )
        .returning(Item.id)
    )
    found: int | None = (await session.exec(stmt)).scalar_one_or_none()
    return found


async def insert_signals(session: AsyncSession, rows: Iterable[SignalRow]) -> None:
    """Store every signal of an item, whatever its modality."""
    session.add_all(list(rows))
    await session.flush()


async def insert_alert(session: AsyncSession, draft: AlertDraft, now: datetime) -> int | None:
    """Raise an alert; ``None`` when this (trigger, country, story) already has one."""
    stmt = (
        insert_ignoring_conflicts(session, Alert)
        .values(
            trigger=draft.trigger,
            country=draft.country,
            story_key=draft.story_key,
            severity=draft.severity,
            modality=draft.modality,
            rule=draft.rule,
            item_id=draft.item_id,
            title=draft.title,
            link=draft.link,
            source=draft.source,
            evidence=draft.evidence,
            created_at=now,
        )
        .returning(Alert.id)
    )
    found: int | None = (await session.exec(stmt)).scalar_one_or_none()
    return found


async def fan_out(
    session: AsyncSession,
    *,
    alert_id: int,
    trigger: str,
    country: str,
    severity: int,
    now: datetime,
) -> int:
    """Queue one delivery per active destination whose subscriptions match the alert."""
    matching = (
        sa_select(
            literal(alert_id).label("alert_id"),
            col(Subscription.destination_id),
            literal("pending").label("status"),
            literal(0).label("attempts"),
            literal(now, UTCDateTime()).label("next_attempt_at"),
            literal(now, UTCDateTime()).label("created_at"),
        )
        .join(Destination, col(Destination.id) == col(Subscription.destination_id))
        .where(
            col(Destination.active).is_(True),
            col(Subscription.country).in_([country, "*"]),
            col(Subscription.trigger).in_([trigger, "*"]),
            col(Subscription.min_severity) <= severity,
        )
        .distinct()
    )
    stmt = (
        insert_ignoring_conflicts(session, Delivery)
        .from_select(
            ["alert_id", "destination_id", "status", "attempts", "next_attempt_at", "created_at"],
            matching,
        )
        .returning(Delivery.id)
    )
    return len((await session.exec(stmt)).all())
