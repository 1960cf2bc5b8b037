"""One replica at a time for work only one process may do (long-polling a Telegram token).

On PostgreSQL the holder keeps a session-level advisory lock on a connection of its own; if the
process dies, the server drops the connection and the lock with it, and another replica takes
over at its next try. On SQLite there is only one worker (the worker lock), so it always leads.
"""

from __future__ import annotations

import logging
import zlib

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.db import Database

__all__ = ["Leadership"]

log = logging.getLogger(__name__)


class Leadership:
    """A named role held by at most one process."""

    def __init__(self, db: Database, role: str) -> None:
        self._db = db
        self._role = role
        self._key = zlib.crc32(f"riskbot:{role}".encode()) - 2**31  # a signed 32-bit key
        self._conn: AsyncConnection | None = None

    @property
    def held(self) -> bool:
        """Whether this process holds the role."""
        return self._conn is not None or not self._db.is_postgres

    async def try_acquire(self) -> bool:
        """Take the role if nobody holds it; True when this process holds it now."""
        if self.held:
            return True
        conn = await self._db.engine.connect()
        try:
            got = bool(
                (
                    await conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self._key})
                ).scalar_one()
            )
        except Exception:
            await conn.close()
            raise
        # A session lock outlives the transaction: end it, so the connection is not left
        # "idle in transaction" (which a server timeout would kill, and the lock with it).
        await conn.commit()
        if not got:
            await conn.close()
            return False
        self._conn = conn
        log.info("this replica now holds the %s role", self._role)
        return True

    async def release(self) -> None:
        """Give the role up (closing the connection drops the lock in any case)."""
        if self._conn is None:
            return
        conn, self._conn = self._conn, None
        try:
            await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self._key})
            await conn.commit()
        except Exception:
            # A pooled connection would keep the lock: drop the connection itself instead.
            await conn.invalidate()
            raise
        finally:
            await conn.close()
