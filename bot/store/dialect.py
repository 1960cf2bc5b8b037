"""Dialect-specific statement builders (``INSERT … ON CONFLICT``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

__all__ = ["insert_ignoring_conflicts", "upsert"]


def upsert(session: AsyncSession, model: Any) -> Any:
    """The dialect's INSERT for ``model``, which can skip or update on a unique conflict
    (``on_conflict_do_nothing`` / ``on_conflict_do_update``)."""
    dialect = session.get_bind().dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert(model)


def insert_ignoring_conflicts(session: AsyncSession, model: Any) -> Any:
    """An INSERT for ``model`` that skips rows breaking any unique constraint."""
    return upsert(session, model).on_conflict_do_nothing()
