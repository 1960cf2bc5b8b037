"""Migrations are first class: upgrade head works and matches the models exactly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

import bot.models  # noqa: F401
from bot.db import Database
from bot.migrate import current_revision, head_revision


async def test_database_is_at_head(db: Database) -> None:
    assert await current_revision(db.url) == head_revision(db.url)


async def test_autogenerate_finds_no_difference(db: Database) -> None:
    def diff(sync_conn: object) -> list[object]:
        context = MigrationContext.configure(
            sync_conn,  # type: ignore[arg-type]
            opts={"compare_type": True, "render_as_batch": db.dialect == "sqlite"},
        )
        return list(compare_metadata(context, SQLModel.metadata))

    async with db.engine.connect() as conn:
        differences = await conn.run_sync(diff)
    assert differences == []
