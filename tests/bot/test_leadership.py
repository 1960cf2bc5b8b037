"""One long-poller per Telegram token: the role goes to one replica at a time."""

from __future__ import annotations

import pytest

from bot.db import Database
from bot.leadership import Leadership


@pytest.mark.pg_only
async def test_one_replica_holds_the_role_until_it_lets_go(db: Database) -> None:
    other_process = Database(db.url)
    try:
        first = Leadership(db, "telegram-long-polling")
        second = Leadership(other_process, "telegram-long-polling")
        unrelated = Leadership(other_process, "something-else")
        assert await first.try_acquire()
        assert await first.try_acquire()  # holding it is idempotent
        assert not await second.try_acquire()
        assert await unrelated.try_acquire()
        await first.release()
        assert await second.try_acquire()
        await second.release()
        await unrelated.release()
    finally:
        await other_process.dispose()


@pytest.mark.pg_only
async def test_a_dead_holder_loses_the_role(db: Database) -> None:
    dying = Database(db.url)
    holder = Leadership(dying, "telegram-long-polling")
    try:
        assert await holder.try_acquire()
        taker = Leadership(db, "telegram-long-polling")
        assert not await taker.try_acquire()
        # The holder's connection drops, as when its process is killed.
        await holder._conn.invalidate()  # type: ignore[union-attr]
        assert await taker.try_acquire()
        await taker.release()
    finally:
        await dying.dispose()


async def test_the_only_sqlite_worker_always_leads(tmp_path: object, db: Database) -> None:
    if db.is_postgres:
        pytest.skip("SQLite only")
    assert await Leadership(db, "telegram-long-polling").try_acquire()
