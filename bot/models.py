"""Stored state: feeds, items, signals, alerts, destinations, subscriptions and the outbox.

Every datetime is timezone-aware and stored as UTC. Severities are stored as their integer rank
(``rules.model.Severity``) so "at least medium" is a plain comparison.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

import bot.db  # noqa: F401  (sets the naming convention before the tables are declared)

__all__ = [
    "Alert",
    "CountryFeed",
    "CountryState",
    "Delivery",
    "DeliveryPurpose",
    "DeliveryStatus",
    "Destination",
    "Event",
    "EventSource",
    "Feed",
    "Item",
    "Mute",
    "Notice",
    "ScorePoint",
    "SignalRow",
    "Subscription",
    "utcnow",
]


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class Feed(SQLModel, table=True):
    """A polled source with its HTTP cache validators, schedule and health."""

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=2048, unique=True)
    title: str | None = Field(default=None, max_length=512)
    category: str | None = Field(default=None, max_length=128)
    origin: str = Field(default="cli", max_length=16)  # default list, RISKBOT_FEEDS, or CLI
    enabled: bool = True
    disabled_reason: str | None = Field(default=None, max_length=512)
    etag: str | None = Field(default=None, max_length=512)
    last_modified: str | None = Field(default=None, max_length=128)
    content_hash: str | None = Field(default=None, max_length=64)
    next_check_at: datetime = Field(default_factory=utcnow, index=True)
    last_checked_at: datetime | None = None
    last_success_at: datetime | None = None
    last_status: int | None = None
    error_count: int = 0
    last_error: str | None = Field(default=None, max_length=1024)
    items_total: int = 0
    lease_until: datetime | None = None
    leased_by: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(default_factory=utcnow)


class Item(SQLModel, table=True):
    """One article. ``identity`` is GUID, else canonical link, else content hash; the same
    canonical link from two feeds is one item."""

    id: int | None = Field(default=None, primary_key=True)
    feed_id: int = Field(foreign_key="feed.id", index=True, ondelete="CASCADE")
    identity: str = Field(max_length=80, unique=True)
    canonical_link: str | None = Field(default=None, max_length=2048, unique=True)
    guid: str | None = Field(default=None, max_length=2048)
    link: str | None = Field(default=None, max_length=2048)
    title: str = Field(default="", sa_column=Column(Text, nullable=False))
    summary: str = Field(default="", sa_column=Column(Text, nullable=False))
    published_at: datetime | None = None
    fetched_at: datetime = Field(default_factory=utcnow, index=True)


class SignalRow(SQLModel, table=True):
    """A trigger found in an item for one country, whatever its modality."""

    __tablename__ = "signal"
    __table_args__ = (UniqueConstraint("item_id", "trigger", "country"),)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="item.id", index=True, ondelete="CASCADE")
    trigger: str = Field(max_length=64)
    country: str = Field(max_length=2)
    severity: int
    modality: str = Field(max_length=16)
    rule: str = Field(max_length=128)
    evidence: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class Alert(SQLModel, table=True):
    """One alert per (trigger, country, story); delivered to every matching destination."""

    __table_args__ = (
        UniqueConstraint("trigger", "country", "story_key"),
        Index("ix_alert_country_created_at", "country", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    trigger: str = Field(max_length=64)
    country: str = Field(max_length=2)
    story_key: str = Field(max_length=80)
    severity: int
    modality: str = Field(max_length=16)
    rule: str = Field(max_length=128)
    item_id: int = Field(foreign_key="item.id", index=True, ondelete="CASCADE")
    title: str = Field(default="", sa_column=Column(Text, nullable=False))
    link: str | None = Field(default=None, max_length=2048)
    source: str | None = Field(default=None, max_length=512)
    evidence: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    acked_at: datetime | None = None
    acked_by: str | None = Field(default=None, max_length=128)
    # A later article about the same story: delivered as a reply in the first alert's thread.
    parent_id: int | None = Field(
        default=None, foreign_key="alert.id", index=True, ondelete="CASCADE"
    )
    escalated_at: datetime | None = None
    event_id: int | None = Field(
        default=None, foreign_key="event.id", index=True, ondelete="CASCADE"
    )


class Event(SQLModel, table=True):
    """One happening (trigger × country) told by one or more reports from one or more sources.

    Unconfirmed with one source, confirmed with three; its severity rises once confirmed.
    ``words`` are the content words of its reports, for matching the next report."""

    __table_args__ = (
        Index("ix_event_last_at", "last_at"),
        Index("ix_event_country_last_at", "country", "last_at"),
        Index("ix_event_trigger_country_last_at", "trigger", "country", "last_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    trigger: str = Field(max_length=64)
    country: str = Field(max_length=2)
    title: str = Field(default="", sa_column=Column(Text, nullable=False))
    link: str | None = Field(default=None, max_length=2048)
    base_severity: int
    severity: int
    modality: str = Field(max_length=16)
    sources: int = 1
    reports: int = 1
    confirmed: bool = False
    value: float = 0.0  # its weight in the country score as of its last update
    words: str = Field(default="", sa_column=Column(Text, nullable=False))
    first_at: datetime
    last_at: datetime
    root_alert_id: int | None = None


class EventSource(SQLModel, table=True):
    """An independent source that reported an event (counted once however often it repeats)."""

    __tablename__ = "event_source"
    __table_args__ = (UniqueConstraint("event_id", "source"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    source: str = Field(max_length=256)
    first_at: datetime


class CountryState(SQLModel, table=True):
    """A country's risk, kept current as events arrive: the score as of ``score_at`` (it decays
    from there), its level, and when the last event came."""

    __tablename__ = "country_state"

    country: str = Field(primary_key=True, max_length=2)
    score: float = 0.0
    score_at: datetime
    level: int = 0
    last_event_at: datetime | None = None
    updated_at: datetime


class ScorePoint(SQLModel, table=True):
    """The score after the last update within an hour (``at`` is that update's moment): the
    chart and the trends read these; one row per country and hour keeps them few."""

    __tablename__ = "score_point"
    __table_args__ = (
        UniqueConstraint("country", "hour"),
        Index("ix_score_point_country_at", "country", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    country: str = Field(max_length=2)
    hour: datetime
    at: datetime
    score: float


class CountryFeed(SQLModel, table=True):
    """Which feeds report on a country, so ``/status`` can say how fresh its coverage is."""

    __tablename__ = "country_feed"

    country: str = Field(primary_key=True, max_length=2)
    feed_id: int = Field(primary_key=True, foreign_key="feed.id", ondelete="CASCADE")
    last_seen_at: datetime


class Destination(SQLModel, table=True):
    """Where alerts go: a Telegram chat, a Slack channel, or the console."""

    __table_args__ = (UniqueConstraint("platform", "address"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    address: str = Field(max_length=128)
    # private (a person), group (a group chat or channel with members) or broadcast (console,
    # Telegram channel): decides pacing and who may change subscriptions.
    kind: str = Field(default="private", max_length=16)
    title: str | None = Field(default=None, max_length=256)
    active: bool = True
    deactivated_reason: str | None = Field(default=None, max_length=512)
    next_send_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Subscription(SQLModel, table=True):
    """A destination watches a country (or ``*``) for a trigger (or ``*``) at a minimum severity."""

    __table_args__ = (UniqueConstraint("destination_id", "country", "trigger"),)

    id: int | None = Field(default=None, primary_key=True)
    destination_id: int = Field(foreign_key="destination.id", index=True, ondelete="CASCADE")
    country: str = Field(max_length=2)
    trigger: str = Field(max_length=64)
    min_severity: int = 0
    created_by: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(default_factory=utcnow)
    # A daily digest of the events below ``min_severity``, at this minute of the day (UTC).
    digest_at: int | None = None
    last_digest_at: datetime | None = None
    # Tell the chat when the country's level changes.
    level_changes: bool = False


class Mute(SQLModel, table=True):
    """A destination silences a country, a trigger or everything (``all``) until a moment."""

    __table_args__ = (UniqueConstraint("destination_id", "scope", "value"),)

    id: int | None = Field(default=None, primary_key=True)
    destination_id: int = Field(foreign_key="destination.id", index=True, ondelete="CASCADE")
    scope: str = Field(max_length=16)  # country, trigger or all
    value: str = Field(max_length=64)  # ISO code, trigger id, or * for all
    until: datetime
    created_by: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(default_factory=utcnow)


class Notice(SQLModel, table=True):
    """A message that is not an alert (a daily digest, a level change), queued for one
    destination and sent by the same kind of leasing worker as the outbox."""

    __table_args__ = (
        UniqueConstraint("destination_id", "key"),
        Index("ix_notice_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    destination_id: int = Field(foreign_key="destination.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=16)  # digest or level
    key: str = Field(max_length=128)  # makes a notice once per destination (kind, day, …)
    headline: str = Field(sa_column=Column(Text, nullable=False))
    lines: str = Field(default="", sa_column=Column(Text, nullable=False))  # JSON [[text, link]]
    status: str = Field(default="pending", max_length=16)
    attempts: int = 0
    # A long notice goes out in several messages: how many are out, so a retry resumes after
    # them, and the platform reference of the first one.
    parts_sent: int = 0
    message_ref: str | None = Field(default=None, max_length=128)
    next_attempt_at: datetime = Field(default_factory=utcnow)
    lease_until: datetime | None = None
    leased_by: str | None = Field(default=None, max_length=128)
    last_error: str | None = Field(default=None, max_length=1024)
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None


class DeliveryStatus:
    """Outbox states: ``pending`` rows are claimed with a lease; the others are final
    (``suppressed``: muted when its turn came)."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    SUPPRESSED = "suppressed"


class DeliveryPurpose:
    """Why a row is in the outbox: a subscription matched, or nobody acknowledged in time."""

    ALERT = "alert"
    ESCALATION = "escalation"


class Delivery(SQLModel, table=True):
    """The outbox: one row per alert and destination, so nothing is lost or sent twice."""

    __table_args__ = (
        UniqueConstraint("alert_id", "destination_id", "purpose"),
        Index("ix_delivery_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(foreign_key="alert.id", index=True, ondelete="CASCADE")
    destination_id: int = Field(foreign_key="destination.id", index=True, ondelete="CASCADE")
    purpose: str = Field(default=DeliveryPurpose.ALERT, max_length=16)
    status: str = Field(default=DeliveryStatus.PENDING, max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow)
    lease_until: datetime | None = None
    leased_by: str | None = Field(default=None, max_length=128)
    last_error: str | None = Field(default=None, max_length=1024)
    message_ref: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
