"""Migrations are first class: upgrade head works and matches the models exactly, and a
migration keeps the rows already there."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel

import bot.models  # noqa: F401
from bot.db import Database
from bot.migrate import alembic_config, current_revision, head_revision, upgrade


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


@pytest.fixture
async def empty_url(database_url: str, tmp_path: Path) -> AsyncIterator[str]:
    """A database with no tables on the test's server: a new SQLite file or PostgreSQL database."""
    if not database_url.startswith("postgresql"):
        yield f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
        return
    parsed = make_url(database_url)
    name = f"{parsed.database}_empty"
    admin = create_async_engine(
        parsed.set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield parsed.set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


async def _downgrade(url: str, revision: str) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:

            def run(sync_conn: Connection) -> None:
                config = alembic_config(url)
                config.attributes["connection"] = sync_conn
                command.downgrade(config, revision)

            await conn.run_sync(run)
            await conn.commit()
    finally:
        await engine.dispose()


async def _notice_columns(url: str) -> dict[str, object]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            row = (await conn.execute(text("SELECT * FROM notice"))).mappings().one()
    finally:
        await engine.dispose()
    return dict(row)


async def test_0004_notices_queued_before_it_start_from_their_first_part(empty_url: str) -> None:
    await upgrade(empty_url, "0003")
    engine = create_async_engine(empty_url)
    now = datetime.now(UTC)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO destination (id, platform, address, kind, active, created_at)"
                    " VALUES (1, 'telegram', '42', 'private', true, :now)"
                ),
                {"now": now},
            )
            await conn.execute(
                text(
                    "INSERT INTO notice (destination_id, kind, key, headline, lines, status,"
                    " attempts, next_attempt_at, created_at)"
                    " VALUES (1, 'digest', 'digest:480:2026-03-01', 'Daily digest', '[]',"
                    " 'pending', 2, :now, :now)"
                ),
                {"now": now},
            )
    finally:
        await engine.dispose()
    await upgrade(empty_url, "head")
    row = await _notice_columns(empty_url)
    assert (row["status"], row["attempts"], row["parts_sent"], row["message_ref"]) == (
        "pending",
        2,
        0,
        None,
    )
    await _downgrade(empty_url, "0003")  # and back: the queued notice stays
    row = await _notice_columns(empty_url)
    assert "parts_sent" not in row and row["key"] == "digest:480:2026-03-01"
    await upgrade(empty_url, "head")
    assert await current_revision(empty_url) == head_revision(empty_url)
