"""Work claiming shared by replicas: a lease on rows, taken with ``FOR UPDATE SKIP LOCKED``.

On PostgreSQL any number of workers can claim from one table without taking the same row twice.
On SQLite the lock clause is dropped by SQLAlchemy, which is fine because only one worker runs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, or_, update
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

__all__ = ["claim_rows", "lease_free"]

RowT = TypeVar("RowT", bound=SQLModel)


def lease_free(model: Any, now: datetime) -> ColumnElement[bool]:
    """Rows nobody holds: never leased, or the lease ran out (its holder died)."""
    return or_(col(model.lease_until).is_(None), col(model.lease_until) < now)


async def claim_rows(
    session: AsyncSession,
    model: type[RowT],
    *,
    where: list[ColumnElement[bool]],
    order_by: list[Any],
    limit: int,
    owner: str,
    lease_until: datetime,
    sort_key: Callable[[RowT], Any],
) -> list[RowT]:
    """Lease up to ``limit`` rows of ``model`` matching ``where`` to ``owner`` and return them,
    sorted by ``sort_key`` (``UPDATE … RETURNING`` gives rows in no particular order)."""
    ident = model.id  # type: ignore[attr-defined]
    candidates: Select[Any] = (
        select(ident)
        .where(*where)
        .order_by(*order_by)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    stmt = (
        update(model)
        .where(col(ident).in_(candidates.scalar_subquery()))
        .values(lease_until=lease_until, leased_by=owner)
        .returning(model)
    )
    result = await session.exec(stmt, execution_options={"synchronize_session": False})
    return sorted(result.scalars().all(), key=sort_key)
