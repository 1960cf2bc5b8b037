"""events, country state, digests and notices

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 16:43:24.176830
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate renders sqlmodel.sql.sqltypes.AutoString)
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('country_state',
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('score_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('last_event_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('country', name=op.f('pk_country_state'))
    )
    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trigger', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('link', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=True),
    sa.Column('base_severity', sa.Integer(), nullable=False),
    sa.Column('severity', sa.Integer(), nullable=False),
    sa.Column('modality', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('sources', sa.Integer(), nullable=False),
    sa.Column('reports', sa.Integer(), nullable=False),
    sa.Column('confirmed', sa.Boolean(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('words', sa.Text(), nullable=False),
    sa.Column('first_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('root_alert_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_country_last_at', ['country', 'last_at'], unique=False)
        batch_op.create_index('ix_event_last_at', ['last_at'], unique=False)
        batch_op.create_index('ix_event_trigger_country_last_at', ['trigger', 'country', 'last_at'], unique=False)

    op.create_table('score_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('hour', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score_point')),
    sa.UniqueConstraint('country', 'hour', name=op.f('uq_score_point_country_hour'))
    )
    with op.batch_alter_table('score_point', schema=None) as batch_op:
        batch_op.create_index('ix_score_point_country_at', ['country', 'at'], unique=False)

    op.create_table('country_feed',
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('feed_id', sa.Integer(), nullable=False),
    sa.Column('last_seen_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['feed_id'], ['feed.id'], name=op.f('fk_country_feed_feed_id_feed'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('country', 'feed_id', name=op.f('pk_country_feed'))
    )
    op.create_table('event_source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
    sa.Column('first_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_source_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_source')),
    sa.UniqueConstraint('event_id', 'source', name=op.f('uq_event_source_event_id_source'))
    )
    with op.batch_alter_table('event_source', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_source_event_id'), ['event_id'], unique=False)

    op.create_table('notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('destination_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('headline', sa.Text(), nullable=False),
    sa.Column('lines', sa.Text(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('lease_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('leased_by', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=1024), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['destination_id'], ['destination.id'], name=op.f('fk_notice_destination_id_destination'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice')),
    sa.UniqueConstraint('destination_id', 'key', name=op.f('uq_notice_destination_id_key'))
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_destination_id'), ['destination_id'], unique=False)
        batch_op.create_index('ix_notice_status_next_attempt_at', ['status', 'next_attempt_at'], unique=False)

    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_alert_event_id'), ['event_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_alert_event_id_event'), 'event', ['event_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('subscription', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest_at', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('last_digest_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('level_changes', sa.Boolean(), nullable=False, server_default=sa.false()))



def downgrade() -> None:
    with op.batch_alter_table('subscription', schema=None) as batch_op:
        batch_op.drop_column('level_changes')
        batch_op.drop_column('last_digest_at')
        batch_op.drop_column('digest_at')

    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_alert_event_id_event'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_alert_event_id'))
        batch_op.drop_column('event_id')

    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index('ix_notice_status_next_attempt_at')
        batch_op.drop_index(batch_op.f('ix_notice_destination_id'))

    op.drop_table('notice')
    with op.batch_alter_table('event_source', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_source_event_id'))

    op.drop_table('event_source')
    op.drop_table('country_feed')
    with op.batch_alter_table('score_point', schema=None) as batch_op:
        batch_op.drop_index('ix_score_point_country_at')

    op.drop_table('score_point')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_trigger_country_last_at')
        batch_op.drop_index('ix_event_last_at')
        batch_op.drop_index('ix_event_country_last_at')

    op.drop_table('event')
    op.drop_table('country_state')
