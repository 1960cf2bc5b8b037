"""Notices as stored state: daily digests and level changes, queued once per destination.

The ``key`` column makes each notice once (a digest per destination, time and day; a level
change per destination, country and moment), so replicas can queue the same notice freely.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import CountryState, Destination, Event, Notice, Subscription
from bot.store.claims import claim_rows, lease_free
from bot.store.dialect import insert_ignoring_conflicts
from bot.store.events import LevelChange
from rules.scoring import Level, decayed, level_for

__all__ = [
    "claim_notices",
    "digest_moment",
    "mark_notice",
    "queue_digests",
    "queue_level_changes",
    "record_parts",
    "refresh_levels",
]

DIGEST_SPAN = timedelta(hours=24)
MAX_DIGEST_LINES = 40


def digest_moment(now: datetime, minute_of_day: int) -> datetime:
    """Today's digest moment, or yesterday's when today's has not come yet."""
    today = now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(
        minutes=minute_of_day
    )
    return today if today <= now else today - timedelta(days=1)


def _matches(rows: Sequence[Subscription], event: Event) -> bool:
    """Below the threshold of a subscription that covers the event's country and trigger."""
    return any(
        (row.country in ("*", event.country))
        and (row.trigger in ("*", event.trigger))
        and event.severity < row.min_severity
        for row in rows
    )


async def queue_digests(session: AsyncSession, now: datetime, name: dict[str, str]) -> int:
    """Queue each due digest: the events of the last 24 hours below the subscriptions'
    threshold, one notice per destination and digest time. Returns how many were queued."""
    due = await session.exec(
        select(Subscription)
        .join(Destination, col(Destination.id) == col(Subscription.destination_id))
        .where(col(Subscription.digest_at).is_not(None), col(Destination.active).is_(True))
    )
    groups: dict[tuple[int, int], list[Subscription]] = defaultdict(list)
    for row in due.all():
        assert row.digest_at is not None
        moment = digest_moment(now, row.digest_at)
        if row.last_digest_at is None or row.last_digest_at < moment:
            groups[(row.destination_id, row.digest_at)].append(row)
    queued = 0
    for (destination_id, minute), rows in groups.items():
        moment = digest_moment(now, minute)
        # Claim this digest for this process; another replica that got here first wins.
        claimed = await session.exec(
            update(Subscription)
            .where(
                col(Subscription.id).in_([r.id for r in rows]),
                or_(
                    col(Subscription.last_digest_at).is_(None),
                    col(Subscription.last_digest_at) < moment,
                ),
            )
            .values(last_digest_at=moment)
        )
        if not claimed.rowcount:
            continue
        countries = {r.country for r in rows}
        query = select(Event).where(col(Event.last_at) >= moment - DIGEST_SPAN)
        if "*" not in countries:
            query = query.where(col(Event.country).in_(sorted(countries)))
        events = [
            e
            for e in (await session.exec(query.order_by(col(Event.last_at)))).all()
            if _matches(rows, e)
        ]
        if not events:
            continue  # nothing below the threshold: no message
        lines = [
            [
                f"{e.first_at:%d %b %H:%M} · {e.trigger} · {name.get(e.country, e.country)} · "
                f"{e.sources} source(s) — {e.title[:200]}",
                e.link,
            ]
            for e in events[-MAX_DIGEST_LINES:]
        ]
        more = len(events) - len(lines)
        headline = f"Daily digest: {len(events)} event(s) below your alert threshold, last 24 h"
        if more:
            lines.insert(0, [f"(the latest {len(lines)}; {more} earlier ones not listed)", None])
        await _queue_notice(
            session,
            destination_id,
            "digest",
            f"digest:{minute}:{moment:%Y-%m-%d}",
            headline,
            lines,
            now,
        )
        queued += 1
    return queued


async def queue_level_changes(
    session: AsyncSession, changes: Sequence[LevelChange], now: datetime, name: dict[str, str]
) -> int:
    """Tell every destination that asked about a country that its level moved."""
    queued = 0
    for change in changes:
        rows = await session.exec(
            select(Subscription.destination_id)
            .join(Destination, col(Destination.id) == col(Subscription.destination_id))
            .where(
                col(Subscription.level_changes).is_(True),
                col(Subscription.country).in_([change.country, "*"]),
                col(Destination.active).is_(True),
            )
            .distinct()
        )
        before, after = Level(change.before).label.upper(), Level(change.after).label.upper()
        place = name.get(change.country, change.country)
        arrow = "↑" if change.after > change.before else "↓"
        for destination_id in rows.all():
            await _queue_notice(
                session,
                destination_id,
                "level",
                f"level:{change.country}:{change.after}:{change.since.isoformat()}",
                f"{arrow} {place} ({change.country}): {before} → {after}"
                f" · score {change.score:.1f}",
                [[f"/status {place} for the events", None]],
                now,
            )
            queued += 1
    return queued


async def _queue_notice(  # noqa: PLR0917  (one notice row's fields)
    session: AsyncSession,
    destination_id: int,
    kind: str,
    key: str,
    headline: str,
    lines: list[list[str | None]],
    now: datetime,
) -> None:
    """A pending notice for one destination, unless one with this key is already queued."""
    await session.exec(
        insert_ignoring_conflicts(session, Notice).values(
            destination_id=destination_id,
            kind=kind,
            key=key,
            headline=headline,
            lines=json.dumps(lines),
            status="pending",
            attempts=0,
            parts_sent=0,
            next_attempt_at=now,
            created_at=now,
        )
    )


async def refresh_levels(session: AsyncSession, now: datetime) -> list[LevelChange]:
    """Levels that fell as scores decayed with no new events: store and return the changes.

    Rows are locked in country order (as the ingest locks them) and skipped when another
    transaction holds them, so replicas neither deadlock nor report one change twice."""
    rows = await session.exec(
        select(CountryState)
        .where(col(CountryState.level) > 0)
        .order_by(col(CountryState.country))
        .with_for_update(skip_locked=True)
    )
    changes: list[LevelChange] = []
    for state in rows.all():
        value = decayed(state.score, state.score_at, now)
        level = int(level_for(value))
        before, since = state.level, state.score_at
        if level == before:
            continue
        updated = await session.exec(
            update(CountryState)
            .where(
                col(CountryState.country) == state.country,
                col(CountryState.level) == before,
                col(CountryState.score_at) == since,
            )
            .values(level=level)
        )
        if updated.rowcount:
            changes.append(LevelChange(state.country, before, level, value, since))
    return changes


async def claim_notices(
    session: AsyncSession, *, now: datetime, limit: int, owner: str, lease: timedelta
) -> list[Notice]:
    """Lease pending notices that are due, to active destinations."""
    active = select(Destination.id).where(
        col(Destination.active).is_(True),
        or_(col(Destination.next_send_at).is_(None), col(Destination.next_send_at) <= now),
    )
    return await claim_rows(
        session,
        Notice,
        where=[
            col(Notice.status) == "pending",
            col(Notice.next_attempt_at) <= now,
            col(Notice.destination_id).in_(active),
            lease_free(Notice, now),
        ],
        order_by=[col(Notice.next_attempt_at), col(Notice.id)],
        limit=limit,
        owner=owner,
        lease_until=now + lease,
        sort_key=lambda n: n.id,
    )


async def mark_notice(
    session: AsyncSession,
    notice_id: int,
    owner: str,
    *,
    status: str,
    now: datetime,
    error: str | None = None,
    retry_at: datetime | None = None,
) -> None:
    """Record a send: ``sent``, ``failed``, or ``pending`` again at ``retry_at``."""
    values: dict[str, object] = {
        "status": status,
        "attempts": Notice.attempts + 1,
        "last_error": error[:1024] if error else None,
        "lease_until": None,
        "leased_by": None,
    }
    if status == "sent":
        values["sent_at"] = now
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    await session.exec(
        update(Notice)
        .where(col(Notice.id) == notice_id, col(Notice.leased_by) == owner)
        .values(**values)
    )


async def record_parts(
    session: AsyncSession,
    notice_id: int,
    owner: str,
    *,
    parts_sent: int,
    ref: str | None,
    lease_until: datetime,
) -> bool:
    """Record that ``parts_sent`` parts of a notice are out (the first one's reference is kept)
    and renew the lease; False when ``owner`` no longer holds the notice."""
    updated = await session.exec(
        update(Notice)
        .where(col(Notice.id) == notice_id, col(Notice.leased_by) == owner)
        .values(
            parts_sent=parts_sent,
            message_ref=func.coalesce(col(Notice.message_ref), ref),
            lease_until=lease_until,
        )
    )
    return bool(updated.rowcount)
