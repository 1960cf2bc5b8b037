"""What the commands read and write, as small Protocols; ``bot`` implements them on the store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from handlers.parsing import SubscriptionOptions
from handlers.request import Caller, ChatRef
from rules.model import Modality, Severity

__all__ = [
    "AckOutcome",
    "AlertBook",
    "AlertDetail",
    "Authorizer",
    "MuteView",
    "SubscriptionBook",
    "SubscriptionView",
]


@dataclass(frozen=True, slots=True)
class SubscriptionView:
    """One subscription row: ``*`` stands for every country or every trigger."""

    country: str
    trigger: str
    min_severity: Severity
    digest_at: int | None = None  # minute of the day, UTC
    level_changes: bool = False


@dataclass(frozen=True, slots=True)
class MuteView:
    """A silence: ``scope`` is country, trigger or all; ``value`` the code or id (``*`` for all)."""

    scope: str
    value: str
    until: datetime


class SubscriptionBook(Protocol):
    """Read and change a chat's subscriptions and mutes."""

    async def subscribe(
        self,
        chat: ChatRef,
        countries: Sequence[str],
        triggers: Sequence[str],
        min_severity: Severity | None,
        by: str,
        *,
        options: SubscriptionOptions | None = None,
    ) -> int:
        """Add or update rows for every country × trigger (a new row without a minimum
        severity gets low; an existing one keeps its own); returns how many rows changed."""
        ...

    async def unsubscribe(
        self, chat: ChatRef, countries: Sequence[str] | None, triggers: Sequence[str] | None
    ) -> int:
        """Remove matching rows (None: any); returns how many were removed."""
        ...

    async def subscriptions(self, chat: ChatRef) -> Sequence[SubscriptionView]:
        """The chat's subscriptions."""
        ...

    async def mute(self, chat: ChatRef, scope: str, value: str, until: datetime, by: str) -> None:
        """Silence ``scope``/``value`` in this chat until ``until`` (replacing an older mute)."""
        ...

    async def unmute(self, chat: ChatRef, scope: str | None, value: str | None) -> int:
        """Lift mutes (None: all of them); returns how many were lifted."""
        ...

    async def mutes(self, chat: ChatRef, now: datetime) -> Sequence[MuteView]:
        """Mutes still in force."""
        ...


@dataclass(frozen=True, slots=True)
class AlertDetail:
    """An alert with what ``/why`` explains: rule, evidence, and the sources that reported it."""

    id: int
    trigger: str
    country: str
    severity: Severity
    modality: Modality
    rule: str
    title: str
    evidence: str
    link: str | None
    source: str | None
    created_at: datetime
    acked_at: datetime | None
    acked_by: str | None
    parent_id: int | None = None
    followups: tuple[tuple[str, str | None, str | None], ...] = ()  # (title, link, source)
    sources: int = 1  # independent sources of its event so far
    confirmed: bool = False  # three or more of them


@dataclass(frozen=True, slots=True)
class AckOutcome:
    """The result of an acknowledgement: who holds it and whether this request made it."""

    alert: AlertDetail
    newly_acked: bool


class AlertBook(Protocol):
    """Read alerts and record acknowledgements."""

    async def alert(self, alert_id: int) -> AlertDetail | None:
        """The alert, or None when there is no such alert."""
        ...

    async def ack(self, alert_id: int, by: str, now: datetime) -> AckOutcome | None:
        """Acknowledge (first one wins); None when there is no such alert."""
        ...


class Authorizer(Protocol):
    """Who may change a chat's subscriptions and mutes."""

    async def may_manage(self, chat: ChatRef, caller: Caller) -> bool:
        """True for the owner of a private chat and for admins of a shared one."""
        ...
