"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 13:56:41.824977
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate renders sqlmodel.sql.sqltypes.AutoString)
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('destination',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=256), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('deactivated_reason', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
    sa.Column('next_send_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_destination')),
    sa.UniqueConstraint('platform', 'address', name=op.f('uq_destination_platform_address'))
    )
    op.create_table('feed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('origin', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('disabled_reason', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
    sa.Column('etag', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
    sa.Column('last_modified', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('next_check_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_checked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('last_success_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('last_status', sa.Integer(), nullable=True),
    sa.Column('error_count', sa.Integer(), nullable=False),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=1024), nullable=True),
    sa.Column('items_total', sa.Integer(), nullable=False),
    sa.Column('lease_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('leased_by', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feed')),
    sa.UniqueConstraint('url', name=op.f('uq_feed_url'))
    )
    with op.batch_alter_table('feed', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feed_next_check_at'), ['next_check_at'], unique=False)

    op.create_table('item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feed_id', sa.Integer(), nullable=False),
    sa.Column('identity', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('canonical_link', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=True),
    sa.Column('guid', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=True),
    sa.Column('link', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('published_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('fetched_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['feed_id'], ['feed.id'], name=op.f('fk_item_feed_id_feed'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item')),
    sa.UniqueConstraint('canonical_link', name=op.f('uq_item_canonical_link')),
    sa.UniqueConstraint('identity', name=op.f('uq_item_identity'))
    )
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_feed_id'), ['feed_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_fetched_at'), ['fetched_at'], unique=False)

    op.create_table('subscription',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('destination_id', sa.Integer(), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('trigger', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('min_severity', sa.Integer(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['destination_id'], ['destination.id'], name=op.f('fk_subscription_destination_id_destination'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscription')),
    sa.UniqueConstraint('destination_id', 'country', 'trigger', name=op.f('uq_subscription_destination_id_country_trigger'))
    )
    with op.batch_alter_table('subscription', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subscription_destination_id'), ['destination_id'], unique=False)

    op.create_table('alert',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trigger', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('story_key', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('severity', sa.Integer(), nullable=False),
    sa.Column('modality', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('rule', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('link', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('acked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('acked_by', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['item.id'], name=op.f('fk_alert_item_id_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert')),
    sa.UniqueConstraint('trigger', 'country', 'story_key', name=op.f('uq_alert_trigger_country_story_key'))
    )
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.create_index('ix_alert_country_created_at', ['country', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_item_id'), ['item_id'], unique=False)

    op.create_table('signal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('trigger', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('severity', sa.Integer(), nullable=False),
    sa.Column('modality', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('rule', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['item.id'], name=op.f('fk_signal_item_id_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signal')),
    sa.UniqueConstraint('item_id', 'trigger', 'country', name=op.f('uq_signal_item_id_trigger_country'))
    )
    with op.batch_alter_table('signal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signal_item_id'), ['item_id'], unique=False)

    op.create_table('delivery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alert_id', sa.Integer(), nullable=False),
    sa.Column('destination_id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('lease_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('leased_by', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=1024), nullable=True),
    sa.Column('message_ref', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['alert_id'], ['alert.id'], name=op.f('fk_delivery_alert_id_alert'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['destination_id'], ['destination.id'], name=op.f('fk_delivery_destination_id_destination'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery')),
    sa.UniqueConstraint('alert_id', 'destination_id', name=op.f('uq_delivery_alert_id_destination_id'))
    )
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_alert_id'), ['alert_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_delivery_destination_id'), ['destination_id'], unique=False)
        batch_op.create_index('ix_delivery_status_next_attempt_at', ['status', 'next_attempt_at'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.drop_index('ix_delivery_status_next_attempt_at')
        batch_op.drop_index(batch_op.f('ix_delivery_destination_id'))
        batch_op.drop_index(batch_op.f('ix_delivery_alert_id'))

    op.drop_table('delivery')
    with op.batch_alter_table('signal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signal_item_id'))

    op.drop_table('signal')
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_item_id'))
        batch_op.drop_index('ix_alert_country_created_at')

    op.drop_table('alert')
    with op.batch_alter_table('subscription', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscription_destination_id'))

    op.drop_table('subscription')
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_fetched_at'))
        batch_op.drop_index(batch_op.f('ix_item_feed_id'))

    op.drop_table('item')
    with op.batch_alter_table('feed', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feed_next_check_at'))

    op.drop_table('feed')
    op.drop_table('destination')

