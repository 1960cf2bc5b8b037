"""Dialect-specific statement builders (``INSERT … ON CONFLICT DO NOTHING``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

__all__ = ["insert_ignoring_conflicts"]


def insert_ignoring_conflicts(session: AsyncSession, model: Any) -> Any:
    """An INSERT for ``model`` that skips rows breaking any unique constraint."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        return postgresql.insert(model).on_conflict_do_nothing()
    return sqlite.insert(model).on_conflict_do_nothing()
