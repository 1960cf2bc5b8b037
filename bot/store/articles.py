"""Items, their signals and the alerts they raise: the write side of the pipeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, insert, literal, or_
from sqlalchemy import select as sa_select
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.sqltypes import UTCDateTime

from bot.models import Alert, Delivery, Destination, Item, SignalRow, Subscription
from bot.store.dialect import insert_ignoring_conflicts

__all__ = [
    "AlertDraft",
    "NewItem",
    "fan_out",
    "insert_alerts",
    "insert_items",
    "insert_signals",
    "known_items",
]


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
    parent_id: int | None = None
    event_id: int | None = None
    lead: str = ""  # the article's opening text, for matching it to an event (not stored)


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


CHUNK = 200  # rows per multi-row INSERT, well under every driver's parameter limit


async def _insert_new(
    session: AsyncSession, model: Any, rows: Sequence[Mapping[str, object]], *returning: Any
) -> list[Any]:
    """Insert ``rows`` in chunks, skipping unique conflicts; the ``returning`` columns of the
    rows actually inserted."""
    inserted: list[Any] = []
    for start in range(0, len(rows), CHUNK):
        stmt = (
            insert_ignoring_conflicts(session, model)
            .values(list(rows[start : start + CHUNK]))
            .returning(*returning)
        )
        inserted.extend((await session.exec(stmt)).all())
    return inserted


async def insert_items(
    session: AsyncSession, feed_id: int, items: Sequence[NewItem], now: datetime
) -> dict[str, int]:
    """Store ``items``; returns identity → id for those stored now (the rest were stored
    first by another feed or replica)."""
    stored: dict[str, int] = {}
    rows = [
        {
            "feed_id": feed_id,
            "identity": i.identity,
            "canonical_link": i.canonical_link,
            "guid": i.guid[:2048] if i.guid else None,
            "link": i.link[:2048] if i.link else None,
            "title": i.title,
            "summary": i.summary,
            "published_at": i.published_at,
            "fetched_at": now,
        }
        for i in items
    ]
    for item_id, identity in await _insert_new(session, Item, rows, Item.id, Item.identity):
        stored[identity] = item_id
    return stored


async def insert_signals(session: AsyncSession, rows: Sequence[dict[str, object]]) -> None:
    """Store signals of any modality (``SignalRow`` columns as dicts)."""
    for start in range(0, len(rows), CHUNK):
        await session.exec(insert(SignalRow).values(list(rows[start : start + CHUNK])))


async def insert_alerts(
    session: AsyncSession, drafts: Sequence[AlertDraft], now: datetime
) -> dict[tuple[str, str, str], int]:
    """Raise alerts; a (trigger, country, story) that already has one is skipped. Returns the
    ids of the alerts raised now, by (trigger, country, story key)."""
    rows = [
        {
            "trigger": d.trigger,
            "country": d.country,
            "story_key": d.story_key,
            "severity": d.severity,
            "modality": d.modality,
            "rule": d.rule,
            "item_id": d.item_id,
            "title": d.title,
            "link": d.link,
            "source": d.source,
            "evidence": d.evidence,
            "parent_id": d.parent_id,
            "event_id": d.event_id,
            "created_at": now,
        }
        for d in drafts
    ]
    inserted = await _insert_new(
        session, Alert, rows, Alert.id, Alert.trigger, Alert.country, Alert.story_key
    )
    return {(row[1], row[2], row[3]): int(row[0]) for row in inserted}


async def fan_out(session: AsyncSession, alert_ids: Sequence[int], now: datetime) -> int:
    """Queue one delivery per alert and active destination whose subscriptions match it."""
    if not alert_ids:
        return 0
    matches = and_(
        or_(col(Subscription.country) == col(Alert.country), col(Subscription.country) == "*"),
        or_(col(Subscription.trigger) == col(Alert.trigger), col(Subscription.trigger) == "*"),
        col(Subscription.min_severity) <= col(Alert.severity),
    )
    matching = (
        sa_select(
            col(Alert.id),
            col(Subscription.destination_id),
            literal("pending"),
            literal(0),
            literal(now, UTCDateTime()),
            literal(now, UTCDateTime()),
        )
        .select_from(Alert)
        .join(Subscription, matches)
        .join(Destination, col(Destination.id) == col(Subscription.destination_id))
        .where(col(Alert.id).in_(list(alert_ids)), col(Destination.active).is_(True))
        .distinct()
        .order_by(col(Alert.id))  # a story's first alert is queued (and sent) before its follow-ups
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
