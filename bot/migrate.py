"""Schema migrations: upgrade to head and tell whether a database is current."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

import migrations

__all__ = ["alembic_config", "current_revision", "head_revision", "upgrade"]

# Any constant will do; it only has to be the same for every replica that migrates.
_MIGRATION_LOCK = 0x5269736B


def alembic_config(url: str) -> Config:
    """An Alembic config for the packaged ``migrations`` folder and ``url``."""
    folder = Path(migrations.__file__).resolve().parent
    config = Config(str(folder / "alembic.ini"))
    config.set_main_option("script_location", str(folder))
    config.attributes["database_url"] = url
    config.attributes["configure_logger"] = False
    return config


def head_revision(url: str) -> str | None:
    """The newest revision the code knows."""
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


async def current_revision(url: str) -> str | None:
    """The revision the database is at, ``None`` when it was never migrated."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda c: MigrationContext.configure(c).get_current_revision()
            )
    finally:
        await engine.dispose()


async def upgrade(url: str, revision: str = "head") -> None:
    """Migrate ``url`` to ``revision``; on PostgreSQL replicas take turns via an advisory lock."""
    config = alembic_config(url)
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                await conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _MIGRATION_LOCK})
                await conn.commit()

            def run(sync_conn: Connection) -> None:
                config.attributes["connection"] = sync_conn
                command.upgrade(config, revision)

            await conn.run_sync(run)
            await conn.commit()
            if conn.dialect.name == "postgresql":
                await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _MIGRATION_LOCK})
                await conn.commit()
    finally:
        await engine.dispose()
