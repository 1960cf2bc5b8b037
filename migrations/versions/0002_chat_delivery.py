"""chat delivery: mutes, follow-ups, escalation, destination kind

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 15:44:10.077600
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate renders sqlmodel.sql.sqltypes.AutoString)
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('mute',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('destination_id', sa.Integer(), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['destination_id'], ['destination.id'], name=op.f('fk_mute_destination_id_destination'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mute')),
    sa.UniqueConstraint('destination_id', 'scope', 'value', name=op.f('uq_mute_destination_id_scope_value'))
    )
    with op.batch_alter_table('mute', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mute_destination_id'), ['destination_id'], unique=False)

    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('escalated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_alert_parent_id'), ['parent_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_alert_parent_id_alert'), 'alert', ['parent_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False, server_default='alert'))
        batch_op.drop_constraint(batch_op.f('uq_delivery_alert_id_destination_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_delivery_alert_id_destination_id_purpose'), ['alert_id', 'destination_id', 'purpose'])

    with op.batch_alter_table('destination', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False, server_default='private'))

    op.execute("UPDATE destination SET kind = 'broadcast' WHERE platform = 'console'")
    # The defaults were only for the rows already there; the application always sets them.
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.alter_column('purpose', server_default=None)
    with op.batch_alter_table('destination', schema=None) as batch_op:
        batch_op.alter_column('kind', server_default=None)



def downgrade() -> None:
    with op.batch_alter_table('destination', schema=None) as batch_op:
        batch_op.drop_column('kind')

    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_delivery_alert_id_destination_id_purpose'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_delivery_alert_id_destination_id'), ['alert_id', 'destination_id'])
        batch_op.drop_column('purpose')

    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_alert_parent_id_alert'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_alert_parent_id'))
        batch_op.drop_column('escalated_at')
        batch_op.drop_column('parent_id')

    with op.batch_alter_table('mute', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mute_destination_id'))

    op.drop_table('mute')
