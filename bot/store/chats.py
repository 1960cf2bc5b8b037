"""Chats as stored state: their destination row, subscriptions and mutes.

Implements ``handlers.ports.SubscriptionBook`` on the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db import Database
from bot.models import Destination, Mute, Subscription, utcnow
from bot.store.dialect import upsert
from bot.store.notices import digest_moment
from handlers.parsing import SubscriptionOptions
from handlers.ports import MuteView, SubscriptionView
from handlers.request import ChatRef
from rules.model import Severity

__all__ = ["StoredChats", "destination_for", "find_destination"]


async def find_destination(session: AsyncSession, chat: ChatRef) -> Destination | None:
    """The chat's destination row, if it has one."""
    found = await session.exec(
        select(Destination).where(
            Destination.platform == chat.platform, Destination.address == chat.address
        )
    )
    return found.first()


async def destination_for(session: AsyncSession, chat: ChatRef) -> Destination:
    """The chat's destination, created or switched back on (a chat that blocked the bot and
    subscribes again wants alerts again)."""
    stmt = upsert(session, Destination)
    values = {
        "platform": chat.platform,
        "address": chat.address,
        "kind": chat.kind.value,
        "title": (chat.title or "")[:256] or None,
        "active": True,
        "deactivated_reason": None,
    }
    stmt = stmt.values(**values).on_conflict_do_update(
        index_elements=["platform", "address"],
        set_={"active": True, "deactivated_reason": None, "kind": chat.kind.value},
    )
    await session.exec(stmt)
    found = await find_destination(session, chat)
    assert found is not None
    return found


class StoredChats:
    """Subscriptions and mutes per chat."""

    def __init__(self, db: Database, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._db = db
        self._clock = clock

    async def subscribe(
        self,
        chat: ChatRef,
        countries: Sequence[str],
        triggers: Sequence[str],
        min_severity: Severity | None,
        by: str,
        *,
        options: SubscriptionOptions | None = None,
    ) -> int:
        """Add every country × trigger; an existing row takes the new minimum severity, and the
        digest and level-change options when they are given."""
        options = options or SubscriptionOptions()
        now = self._clock()
        first_digest = (
            digest_moment(now, options.digest_at) if options.digest_at is not None else None
        )
        async with self._db.session() as session:
            destination = await destination_for(session, chat)
            rows = [
                {
                    "destination_id": destination.id,
                    "country": country,
                    "trigger": trigger,
                    "min_severity": int(min_severity if min_severity is not None else Severity.LOW),
                    "created_by": by[:128],
                    "digest_at": options.digest_at,
                    # A new digest starts at its next chosen moment, not at once.
                    "last_digest_at": first_digest,
                    "level_changes": bool(options.level_changes),
                }
                for country in countries
                for trigger in triggers
            ]
            for start in range(0, len(rows), 500):
                stmt = upsert(session, Subscription).values(rows[start : start + 500])
                changes = {}
                if min_severity is not None:
                    changes["min_severity"] = stmt.excluded.min_severity
                if options.digest_at is not None or options.digest_off:
                    changes["digest_at"] = stmt.excluded.digest_at
                    changes["last_digest_at"] = stmt.excluded.last_digest_at
                if options.level_changes is not None:
                    changes["level_changes"] = stmt.excluded.level_changes
                if changes:
                    stmt = stmt.on_conflict_do_update(
                        index_elements=["destination_id", "country", "trigger"], set_=changes
                    )
                else:
                    stmt = stmt.on_conflict_do_nothing()
                await session.exec(stmt)
        return len(rows)

    async def unsubscribe(
        self, chat: ChatRef, countries: Sequence[str] | None, triggers: Sequence[str] | None
    ) -> int:
        """Delete the chat's rows for those countries and triggers (None: any)."""
        async with self._db.session() as session:
            destination = await find_destination(session, chat)
            if destination is None:
                return 0
            stmt = delete(Subscription).where(col(Subscription.destination_id) == destination.id)
            if countries is not None:
                stmt = stmt.where(col(Subscription.country).in_(list(countries)))
            if triggers is not None:
                stmt = stmt.where(col(Subscription.trigger).in_(list(triggers)))
            result = await session.exec(stmt)
            return int(result.rowcount)

    async def subscriptions(self, chat: ChatRef) -> Sequence[SubscriptionView]:
        """The chat's rows, by country then trigger."""
        async with self._db.session() as session:
            destination = await find_destination(session, chat)
            if destination is None:
                return []
            rows = await session.exec(
                select(Subscription)
                .where(Subscription.destination_id == destination.id)
                .order_by(col(Subscription.country), col(Subscription.trigger))
            )
            return [
                SubscriptionView(
                    r.country, r.trigger, Severity(r.min_severity), r.digest_at, r.level_changes
                )
                for r in rows.all()
            ]

    async def mute(self, chat: ChatRef, scope: str, value: str, until: datetime, by: str) -> None:
        """Silence until ``until``; muting the same thing again moves the end."""
        async with self._db.session() as session:
            destination = await destination_for(session, chat)
            stmt = upsert(session, Mute).values(
                destination_id=destination.id,
                scope=scope,
                value=value,
                until=until,
                created_by=by[:128],
            )
            stmt = stmt.on_conflict_do_update(
                index_elements=["destination_id", "scope", "value"],
                set_={"until": until, "created_by": by[:128]},
            )
            await session.exec(stmt)

    async def unmute(self, chat: ChatRef, scope: str | None, value: str | None) -> int:
        """Lift mutes: one (scope and value given) or all of the chat's."""
        async with self._db.session() as session:
            destination = await find_destination(session, chat)
            if destination is None:
                return 0
            stmt = delete(Mute).where(col(Mute.destination_id) == destination.id)
            if scope is not None:
                stmt = stmt.where(col(Mute.scope) == scope)
            if value is not None:
                stmt = stmt.where(col(Mute.value) == value)
            result = await session.exec(stmt)
            return int(result.rowcount)

    async def mutes(self, chat: ChatRef, now: datetime) -> Sequence[MuteView]:
        """Mutes that have not ended."""
        async with self._db.session() as session:
            destination = await find_destination(session, chat)
            if destination is None:
                return []
            rows = await session.exec(
                select(Mute)
                .where(Mute.destination_id == destination.id, col(Mute.until) > now)
                .order_by(col(Mute.until))
            )
            return [MuteView(m.scope, m.value, m.until) for m in rows.all()]
