"""notice parts sent: a long notice resumes after the parts already sent

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 01:10:30.893617
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate renders sqlmodel.sql.sqltypes.AutoString)
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parts_sent', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('message_ref', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True))

    # The default was only for the rows already there (none of their parts is recorded as
    # sent); the application always sets it.
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.alter_column('parts_sent', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_column('message_ref')
        batch_op.drop_column('parts_sent')
