"""Feed rows: the list, claiming due feeds, and recording each poll's outcome (health)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import Feed
from bot.store.claims import claim_rows, lease_free
from bot.store.dialect import insert_ignoring_conflicts

__all__ = [
    "FeedHealth",
    "add_feeds",
    "apply_feed_list",
    "claim_due_feeds",
    "count_feeds",
    "get_feed",
    "list_feeds",
    "make_all_due",
    "move_feed",
    "record_failure",
    "record_gone",
    "record_success",
    "release_lease",
    "remove_feed",
    "renew_lease",
]


@dataclass(frozen=True, slots=True)
class FeedHealth:
    """What to write back after one poll of one feed."""

    checked_at: datetime
    next_check_at: datetime
    status: int | None
    error: str | None = None


async def list_feeds(session: AsyncSession) -> list[Feed]:
    """Every feed, in the order they were added."""
    return list((await session.exec(select(Feed).order_by(col(Feed.id)))).all())


async def count_feeds(session: AsyncSession) -> int:
    """How many feeds are stored, enabled or not."""
    return int((await session.exec(select(func.count()).select_from(Feed))).one())


async def get_feed(session: AsyncSession, feed_id: int) -> Feed | None:
    """One feed by id."""
    return await session.get(Feed, feed_id)


async def add_feeds(
    session: AsyncSession,
    entries: Sequence[tuple[str, str | None, str | None]],
    now: datetime,
    origin: str = "cli",
) -> int:
    """Add ``(url, title, category)`` entries not stored yet; returns how many were new.

    Safe when several replicas start at once: a URL another one inserted first is skipped.
    """
    added = 0
    for url, title, category in dict.fromkeys(entries):
        stmt = (
            insert_ignoring_conflicts(session, Feed)
            .values(
                url=url,
                title=title[:512] if title else None,
                category=category[:128] if category else None,
                origin=origin,
                enabled=True,
                next_check_at=now,
                error_count=0,
                items_total=0,
                created_at=now,
            )
            .returning(Feed.id)
        )
        if (await session.exec(stmt)).first() is not None:
            added += 1
    return added


NOT_LISTED = "not in the configured feed list (RISKBOT_FEEDS) any more"


async def apply_feed_list(session: AsyncSession, urls: Collection[str], now: datetime) -> int:
    """Make the configured list authoritative for listed feeds: feeds that came from a list
    (the default one or RISKBOT_FEEDS) and are no longer in it are disabled, and ones disabled
    that way come back when listed again. Feeds added by hand are left alone. Returns how many
    were disabled."""
    wanted = set(urls)
    listed = (
        await session.exec(select(Feed).where(col(Feed.origin).in_(["default", "config"])))
    ).all()
    disabled = 0
    for feed in listed:
        if feed.url not in wanted and feed.enabled:
            feed.enabled, feed.disabled_reason = False, NOT_LISTED
            disabled += 1
        elif feed.url in wanted and not feed.enabled and feed.disabled_reason == NOT_LISTED:
            feed.enabled, feed.disabled_reason, feed.next_check_at = True, None, now
        session.add(feed)
    await session.flush()
    return disabled


async def remove_feed(session: AsyncSession, url: str) -> bool:
    """Delete a feed (and, by cascade, its items); ``False`` when no such feed exists."""
    feed = (await session.exec(select(Feed).where(Feed.url == url))).first()
    if feed is None:
        return False
    await session.delete(feed)
    return True


async def claim_due_feeds(
    session: AsyncSession,
    *,
    due_before: datetime,
    now: datetime,
    limit: int,
    owner: str,
    lease: timedelta,
    exclude: Collection[int] = (),
) -> list[Feed]:
    """Lease enabled feeds due by ``due_before`` that no other worker holds, except ``exclude``
    (those this round polled already)."""
    where = [
        col(Feed.enabled).is_(True),
        col(Feed.next_check_at) <= due_before,
        lease_free(Feed, now),
    ]
    if exclude:
        where.append(col(Feed.id).not_in(list(exclude)))
    return await claim_rows(
        session,
        Feed,
        where=where,
        order_by=[col(Feed.next_check_at), col(Feed.id)],
        limit=limit,
        owner=owner,
        lease_until=now + lease,
        sort_key=lambda f: (f.next_check_at, f.id),
    )


def _held(feed_id: int, owner: str) -> list[ColumnElement[bool]]:
    """The row is this feed and this worker still holds its lease."""
    return [col(Feed.id) == feed_id, col(Feed.leased_by) == owner]


async def renew_lease(
    session: AsyncSession, feed_id: int, owner: str, now: datetime, lease: timedelta
) -> bool:
    """Extend this worker's lease on a feed; False when another worker holds it now."""
    result = await session.exec(
        update(Feed).where(*_held(feed_id, owner)).values(lease_until=now + lease)
    )
    return bool(result.rowcount)


async def release_lease(session: AsyncSession, feed_id: int, owner: str) -> None:
    """Give a claimed feed back untouched (shutdown before it was polled)."""
    await session.exec(
        update(Feed).where(*_held(feed_id, owner)).values(lease_until=None, leased_by=None)
    )


async def record_success(
    session: AsyncSession,
    feed_id: int,
    owner: str,
    health: FeedHealth,
    *,
    etag: str | None,
    last_modified: str | None,
    content_hash: str | None,
    title: str | None,
    new_items: int,
    warning: str | None,
) -> bool:
    """A poll worked (200 or 304): clear the error count, keep validators, schedule the next.
    False when the lease was lost (another worker owns the feed's schedule now)."""
    values: dict[str, object] = {
        "last_checked_at": health.checked_at,
        "last_success_at": health.checked_at,
        "next_check_at": health.next_check_at,
        "last_status": health.status,
        "error_count": 0,
        "last_error": warning,
        "lease_until": None,
        "leased_by": None,
        "items_total": Feed.items_total + new_items,
    }
    if etag is not None:
        values["etag"] = etag
    if last_modified is not None:
        values["last_modified"] = last_modified
    if content_hash is not None:
        values["content_hash"] = content_hash
    if title:
        values["title"] = func.coalesce(Feed.title, title[:512])
    result = await session.exec(update(Feed).where(*_held(feed_id, owner)).values(**values))
    return bool(result.rowcount)


async def record_failure(
    session: AsyncSession, feed_id: int, owner: str, health: FeedHealth
) -> bool:
    """A poll failed: count it, say why in words, and back off (False: lease lost)."""
    result = await session.exec(
        update(Feed)
        .where(*_held(feed_id, owner))
        .values(
            last_checked_at=health.checked_at,
            next_check_at=health.next_check_at,
            last_status=health.status,
            error_count=Feed.error_count + 1,
            last_error=(health.error or "unknown error")[:1024],
            lease_until=None,
            leased_by=None,
        )
    )
    return bool(result.rowcount)


async def record_gone(session: AsyncSession, feed_id: int, owner: str, health: FeedHealth) -> None:
    """The server said 410 Gone: disable the feed and keep the reason."""
    reason = health.error or "the server says the feed is gone for good (410)"
    await session.exec(
        update(Feed)
        .where(*_held(feed_id, owner))
        .values(
            enabled=False,
            disabled_reason=reason[:512],
            last_error=reason[:1024],
            last_checked_at=health.checked_at,
            last_status=health.status,
            lease_until=None,
            leased_by=None,
        )
    )


async def make_all_due(session: AsyncSession, now: datetime) -> None:
    """Make every enabled feed due now (``run --once --force``)."""
    await session.exec(update(Feed).where(col(Feed.enabled)).values(next_check_at=now))


async def move_feed(session: AsyncSession, feed_id: int, new_url: str) -> bool:
    """Follow a permanent redirect; ``False`` if another feed already has that URL."""
    try:
        async with session.begin_nested():
            await session.exec(
                update(Feed).where(col(Feed.id) == feed_id).values(url=new_url[:2048])
            )
    except IntegrityError:
        return False
    return True
