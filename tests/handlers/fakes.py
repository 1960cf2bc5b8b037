"""In-memory implementations of the command ports, for tests of the platform-neutral layer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from handlers.parsing import SubscriptionOptions
from handlers.ports import AckOutcome, AlertDetail, MuteView, SubscriptionView
from handlers.request import Caller, ChatKind, ChatRef, CommandRequest
from handlers.router import CommandRouter, Services
from handlers.status import CountryView, EventLine
from rules.gazetteer import load_gazetteer
from rules.model import Modality, Severity
from rules.scoring import Trend, level_for

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
PLACES = load_gazetteer()
PRIVATE = ChatRef("test", "42", ChatKind.PRIVATE, "Ann")
GROUP = ChatRef("test", "-100", ChatKind.GROUP, "Desk")
ANN = Caller("42", "@ann")
BOB = Caller("7", "@bob")


@dataclass
class MemoryBook:
    subs: dict[tuple[str, str, str], Severity] = field(default_factory=dict)
    muted: dict[tuple[str, str, str], datetime] = field(default_factory=dict)

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
        for c in countries:
            for t in triggers:
                self.subs[(chat.address, c, t)] = (
                    min_severity
                    if min_severity is not None
                    else self.subs.get((chat.address, c, t), Severity.LOW)
                )
        return len(countries) * len(triggers)

    async def unsubscribe(
        self, chat: ChatRef, countries: Sequence[str] | None, triggers: Sequence[str] | None
    ) -> int:
        gone = [
            k
            for k in self.subs
            if k[0] == chat.address
            and (countries is None or k[1] in countries)
            and (triggers is None or k[2] in triggers)
        ]
        for k in gone:
            del self.subs[k]
        return len(gone)

    async def subscriptions(self, chat: ChatRef) -> Sequence[SubscriptionView]:
        return [
            SubscriptionView(c, t, s) for (a, c, t), s in self.subs.items() if a == chat.address
        ]

    async def mute(self, chat: ChatRef, scope: str, value: str, until: datetime, by: str) -> None:
        self.muted[(chat.address, scope, value)] = until

    async def unmute(self, chat: ChatRef, scope: str | None, value: str | None) -> int:
        gone = [
            k
            for k in self.muted
            if k[0] == chat.address
            and (scope is None or k[1] == scope)
            and (value is None or k[2] == value)
        ]
        for k in gone:
            del self.muted[k]
        return len(gone)

    async def mutes(self, chat: ChatRef, now: datetime) -> Sequence[MuteView]:
        return [
            MuteView(s, v, u)
            for (a, s, v), u in self.muted.items()
            if a == chat.address and u > now
        ]


ALERT = AlertDetail(
    id=1,
    trigger="shoot_to_kill",
    country="KZ",
    severity=Severity.CRITICAL,
    modality=Modality.REPORTED,
    rule="shoot_to_kill.order",
    title="President orders troops to fire without warning",
    evidence="The president said he had ordered troops to fire without warning.",
    link="https://example.org/a?x=1&y=<2>",
    source="Wire <b>",
    created_at=NOW,
    acked_at=None,
    acked_by=None,
)


@dataclass
class MemoryAlerts:
    alerts: dict[int, AlertDetail] = field(default_factory=lambda: {1: ALERT})

    async def alert(self, alert_id: int) -> AlertDetail | None:
        return self.alerts.get(alert_id)

    async def ack(self, alert_id: int, by: str, now: datetime) -> AckOutcome | None:
        alert = self.alerts.get(alert_id)
        if alert is None:
            return None
        if alert.acked_at is not None:
            return AckOutcome(alert, newly_acked=False)
        self.alerts[alert_id] = replace(alert, acked_at=now, acked_by=by)
        return AckOutcome(self.alerts[alert_id], newly_acked=True)


class MemoryStatus:
    """Kazakhstan has one critical event; every other country is quiet."""

    def _view(self, code: str) -> CountryView:
        score = 11.7 if code == "KZ" else 0.0
        return CountryView(
            code,
            score,
            level_for(score),
            Trend.RISING,
            Trend.RISING,
            NOW if code == "KZ" else None,
            int(code == "KZ"),
            3,
            NOW,
            0,
        )

    async def country(self, code: str, now: datetime) -> CountryView:
        return self._view(code)

    async def board(
        self, countries: frozenset[str] | None, now: datetime, limit: int
    ) -> Sequence[CountryView]:
        return [self._view("KZ")] if countries is None or "KZ" in countries else []

    async def events(
        self, countries: frozenset[str] | None, since: datetime, limit: int
    ) -> Sequence[EventLine]:
        event = EventLine(
            1,
            1,
            "shoot_to_kill",
            "KZ",
            Severity.CRITICAL,
            Modality.REPORTED,
            3,
            True,
            ALERT.title,
            ALERT.link,
            ALERT.source,
            NOW,
            NOW,
        )
        return [event] if countries is None or "KZ" in countries else []

    async def history(
        self, code: str, since: datetime, now: datetime
    ) -> Sequence[tuple[datetime, float]]:
        return [(NOW, 11.7)] if code == "KZ" else []

    async def markers(
        self, code: str, since: datetime, limit: int
    ) -> Sequence[tuple[datetime, str, Severity]]:
        return [(NOW, "shoot_to_kill", Severity.CRITICAL)] if code == "KZ" else []


class Admins:
    def __init__(self, admins: set[str]) -> None:
        self.admins = admins

    async def may_manage(self, chat: ChatRef, caller: Caller) -> bool:
        if chat.kind == ChatKind.PRIVATE:
            return chat.address == caller.user_id
        return caller.user_id in self.admins


def make_router(admins: set[str] | None = None) -> tuple[CommandRouter, MemoryBook, MemoryAlerts]:
    book, alerts = MemoryBook(), MemoryAlerts()
    services = Services(PLACES, MemoryStatus(), book, alerts, Admins(admins or {"42"}))
    return CommandRouter(services), book, alerts


def request(text: str, chat: ChatRef = PRIVATE, caller: Caller = ANN) -> CommandRequest:
    name, _, args = text.lstrip("/").partition(" ")
    return CommandRequest(name, args, chat, caller, NOW)
