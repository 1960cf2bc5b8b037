"""Feed rows: the list, claiming due feeds, and recording each poll's outcome (health)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import Feed
from bot.store.claims import claim_rows, lease_free
from bot.store.dialect import insert_ignoring_conflicts

__all__ = [
    "FeedHealth",
    "add_feeds",
    "claim_due_feeds",
    "count_feeds",
    "get_feed",
    "list_feeds",
    "make_all_due",
    "move_feed",
    "record_failure",
    "record_gone",
    "record_success",
    "remove_feed",
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
    session: AsyncSession, entries: Sequence[tuple[str, str | None, str | None]], now: datetime
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
) -> list[Feed]:
    """Lease enabled feeds due by ``due_before`` that no other worker holds."""
    return await claim_rows(
        session,
        Feed,
        where=[
            col(Feed.enabled).is_(True),
            col(Feed.next_check_at) <= due_before,
            lease_free(Feed, now),
        ],
        order_by=[col(Feed.next_check_at), col(Feed.id)],
        limit=limit,
        owner=owner,
        lease_until=now + lease,
    )


async def record_success(
    session: AsyncSession,
    feed_id: int,
    health: FeedHealth,
    *,
    etag: str | None,
    last_modified: str | None,
    content_hash: str | None,
    title: str | None,
    new_items: int,
    warning: str | None,
) -> None:
    """A poll worked (200 or 304): clear the error count, keep validators, schedule the next."""
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
    await session.exec(update(Feed).where(col(Feed.id) == feed_id).values(**values))


async def record_failure(session: AsyncSession, feed_id: int, health: FeedHealth) -> None:
    """A poll failed: count it, say why in words, and back off."""
    await session.exec(
        update(Feed)
        .where(col(Feed.id) == feed_id)
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


async def record_gone(session: AsyncSession, feed_id: int, health: FeedHealth) -> None:
    """The server said 410 Gone: disable the feed and keep the reason."""
    reason = health.error or "the server says the feed is gone for good (410)"
    await session.exec(
        update(Feed)
        .where(col(Feed.id) == feed_id)
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
