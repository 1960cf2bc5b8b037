"""Chats as stored state: subscriptions, mutes, acknowledgements, follow-up threads and
escalation, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db import Database
from bot.delivery import Dispatcher
from bot.models import Delivery, DeliveryPurpose, Destination, Event, Feed, Item
from bot.notices import Notices
from bot.sending import Outgoing, PartSent
from bot.store import outbox
from bot.store.alertbook import StoredAlerts
from bot.store.articles import AlertDraft, fan_out
from bot.store.chats import StoredChats
from bot.store.escalations import escalate_unacknowledged
from bot.store.events import record_reports
from bot.store.notices import queue_level_changes
from handlers.parsing import SubscriptionOptions
from handlers.reply import Reply
from handlers.request import ChatKind, ChatRef
from rules.model import Severity

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
CHAT = ChatRef("telegram", "42", ChatKind.PRIVATE, "Ann")
GROUP = ChatRef("telegram", "-100", ChatKind.GROUP, "Desk")


class Sink:
    platform = "telegram"

    def __init__(self) -> None:
        self.sent: list[tuple[str, Outgoing]] = []

    async def send(self, destination: Destination, message: Outgoing) -> str | None:
        self.sent.append((destination.address, message))
        return f"{destination.address}:{len(self.sent)}"


async def _item(db: Database) -> int:
    async with db.session() as s:
        feed = Feed(url="http://127.0.0.1/f")
        s.add(feed)
        await s.flush()
        item = Item(feed_id=feed.id, identity="i1", title="t", summary="")  # type: ignore[arg-type]
        s.add(item)
        await s.flush()
        assert item.id is not None
        return item.id


async def _raise_alerts(
    session: AsyncSession, drafts: list[AlertDraft], now: datetime, sources: list[str] | None = None
) -> tuple[int, list[int]]:
    """Store reports as the pipeline does; (alerts stored, alerts to deliver)."""
    feed_id = (await session.exec(select(Feed.id))).first()
    assert feed_id is not None
    done = await record_reports(session, drafts, sources or ["Wire"] * len(drafts), feed_id, now)
    return done.alerts, done.to_send


def _draft(
    item_id: int,
    key: str,
    *,
    trigger: str = "unrest",
    severity: int = 2,
    title: str = "Riots in Almaty",
) -> AlertDraft:
    return AlertDraft(
        trigger,
        "KZ",
        key,
        severity,
        "reported",
        "r",
        item_id,
        title,
        f"https://example.org/{key}",
        "Wire",
        "Crowds stormed the akimat.",
    )


async def test_subscriptions_upsert_list_and_remove(db: Database) -> None:
    chats = StoredChats(db)
    assert await chats.subscriptions(CHAT) == []
    await chats.subscribe(CHAT, ["KZ", "KG"], ["*"], Severity.LOW, by="@ann")
    await chats.subscribe(CHAT, ["KZ"], ["*"], Severity.HIGH, by="@ann")  # updates, no duplicate
    rows = await chats.subscriptions(CHAT)
    assert [(r.country, r.trigger, r.min_severity) for r in rows] == [
        ("KG", "*", Severity.LOW),
        ("KZ", "*", Severity.HIGH),
    ]
    assert await chats.unsubscribe(CHAT, ["KG"], None) == 1
    assert await chats.unsubscribe(GROUP, None, None) == 0  # a chat never seen
    assert [r.country for r in await chats.subscriptions(CHAT)] == ["KZ"]


async def test_subscribing_again_reactivates_a_blocked_chat(db: Database) -> None:
    chats = StoredChats(db)
    await chats.subscribe(CHAT, ["KZ"], ["*"], Severity.LOW, by="@ann")
    async with db.session() as s:
        dest = (await s.exec(select(Destination).where(Destination.address == "42"))).one()
        await outbox.deactivate_destination(s, dest.id, "Forbidden: bot was blocked")  # type: ignore[arg-type]
    await chats.subscribe(CHAT, ["KZ"], ["*"], Severity.LOW, by="@ann")
    async with db.session() as s:
        dest = (await s.exec(select(Destination).where(Destination.address == "42"))).one()
    assert dest.active and dest.deactivated_reason is None and dest.kind == "private"


async def test_mutes_expire_and_suppress_delivery(db: Database) -> None:
    chats = StoredChats(db)
    item_id = await _item(db)
    await chats.subscribe(CHAT, ["*"], ["*"], Severity.INFO, by="@ann")
    await chats.mute(CHAT, "country", "KZ", T0 + timedelta(hours=2), by="@ann")
    await chats.mute(CHAT, "country", "KZ", T0 + timedelta(hours=1), by="@ann")  # moves the end
    assert [m.until for m in await chats.mutes(CHAT, T0)] == [T0 + timedelta(hours=1)]
    assert await chats.mutes(CHAT, T0 + timedelta(hours=2)) == []
    async with db.session() as s:
        _raised, to_send = await _raise_alerts(s, [_draft(item_id, "a")], T0)
        await fan_out(s, to_send, T0)
    sink = Sink()
    report = await Dispatcher(db, {"telegram": sink}, owner="w", clock=lambda: T0).drain()
    assert report.suppressed == 1 and sink.sent == []
    async with db.session() as s:
        row = (await s.exec(select(Delivery))).one()
    assert row.status == "suppressed" and row.last_error == "muted (country KZ)"
    assert await chats.unmute(CHAT, None, None) == 1


async def test_a_report_that_confirms_its_event_threads_under_the_first(db: Database) -> None:
    chats = StoredChats(db)
    item_id = await _item(db)
    await chats.subscribe(CHAT, ["KZ"], ["*"], Severity.LOW, by="@ann")
    sink = Sink()
    now = [T0]
    dispatcher = Dispatcher(db, {"telegram": sink}, owner="w", clock=lambda: now[0])

    async def report(key: str, source: str, at: datetime, **kw: object) -> list[int]:
        now[0] = at
        async with db.session() as s:
            _n, to_send = await _raise_alerts(s, [_draft(item_id, key, **kw)], at, [source])  # type: ignore[arg-type]
            await fan_out(s, to_send, at)
        await dispatcher.drain()
        return to_send

    first = await report("a", "Wire A", T0)
    # A second source: the event grows, nobody is paged again.
    assert await report("b", "Wire B", T0 + timedelta(hours=1), title="Almaty unrest") == []
    assert await report("b2", "wire a", T0 + timedelta(hours=2)) == []  # the same source again
    # A third independent source confirms it: a follow-up in the first alert's thread.
    third = await report("c", "Wire C", T0 + timedelta(hours=3), title="Riots spread in Almaty")
    # A different trigger is an event of its own.
    other = await report("d", "Wire A", T0 + timedelta(hours=3), trigger="coup", severity=4)
    assert [m.alert.id for _a, m in sink.sent] == [first[0], third[0], other[0]]
    followup = sink.sent[1][1]
    assert followup.followup_of == first[0] and followup.reply_to == "42:1"
    assert followup.alert.confirmed and followup.alert.sources == 3
    assert followup.alert.severity == Severity.HIGH  # medium, one step up once confirmed
    assert sink.sent[2][1].reply_to is None
    async with db.session() as s:
        events = (await s.exec(select(Event).order_by(col(Event.id)))).all()
    assert [(e.trigger, e.sources, e.reports, e.confirmed) for e in events] == [
        ("unrest", 3, 4, True),
        ("coup", 1, 1, False),
    ]
    book = StoredAlerts(db)
    detail = await book.alert(first[0])
    assert detail is not None and detail.sources == 3
    assert [t for t, _l, _s in detail.followups][:1] == ["Almaty unrest"]
    # Acknowledging a follow-up acknowledges the whole story.
    outcome = await book.ack(third[0], "@ann", now[0])
    assert outcome is not None and outcome.newly_acked
    root = await book.alert(first[0])
    assert root is not None and root.acked_by == "@ann"
    again = await book.ack(first[0], "@bob", now[0])
    assert again is not None and not again.newly_acked and again.alert.acked_by == "@ann"


async def test_many_outlets_at_once_make_one_confirmed_alert(db: Database) -> None:
    item_id = await _item(db)
    async with db.session() as s:
        raised, to_send = await _raise_alerts(
            s, [_draft(item_id, f"k{n}") for n in range(12)], T0, [f"Outlet {n}" for n in range(12)]
        )
        event = (await s.exec(select(Event))).one()
    assert raised == 12 and len(to_send) == 1
    assert (event.sources, event.reports, event.confirmed, event.severity) == (12, 12, True, 3)


async def test_unacknowledged_alert_is_escalated_once(db: Database) -> None:
    item_id = await _item(db)
    await StoredChats(db).subscribe(CHAT, ["KZ"], ["*"], Severity.LOW, by="@ann")
    async with db.session() as s:
        _n, ids = await _raise_alerts(
            s,
            [
                _draft(item_id, "hi", severity=4),
                _draft(item_id, "lo", trigger="sanctions", severity=1),
            ],
            T0,
        )
        await fan_out(s, ids, T0)
        oncall = await outbox.ensure_destination(s, "telegram", "-999", kind="group")
    await Dispatcher(db, {"telegram": Sink()}, owner="w", clock=lambda: T0).drain()

    async def escalate(at: datetime) -> list[int]:
        async with db.session() as s:
            return await escalate_unacknowledged(
                s,
                destination_id=oncall.id,
                min_severity=3,
                after=timedelta(minutes=15),
                now=at,  # type: ignore[arg-type]
            )

    assert await escalate(T0 + timedelta(minutes=10)) == []  # not yet
    assert await escalate(T0 + timedelta(minutes=16)) == [ids[0]]  # the critical one only
    assert await escalate(T0 + timedelta(minutes=30)) == []  # once
    sink = Sink()
    await Dispatcher(
        db,
        {"telegram": sink},
        owner="w",
        clock=lambda: T0 + timedelta(minutes=16),
        escalation_minutes=15,
    ).drain()
    assert [(a, m.escalated_after_minutes) for a, m in sink.sent] == [("-999", 15)]
    async with db.session() as s:
        rows = (
            await s.exec(select(Delivery).where(Delivery.purpose == DeliveryPurpose.ESCALATION))
        ).all()
    assert len(rows) == 1 and rows[0].status == "sent"


async def test_acknowledged_alert_is_not_escalated(db: Database) -> None:
    item_id = await _item(db)
    await StoredChats(db).subscribe(CHAT, ["KZ"], ["*"], Severity.LOW, by="@ann")
    async with db.session() as s:
        _n, ids = await _raise_alerts(s, [_draft(item_id, "hi", severity=4)], T0)
        await fan_out(s, ids, T0)
        oncall = await outbox.ensure_destination(s, "telegram", "-999", kind="group")
    await Dispatcher(db, {"telegram": Sink()}, owner="w", clock=lambda: T0).drain()
    await StoredAlerts(db).ack(ids[0], "@ann", T0 + timedelta(minutes=5))
    async with db.session() as s:
        assert (
            await escalate_unacknowledged(
                s,
                destination_id=oncall.id,
                min_severity=3,
                after=timedelta(minutes=15),  # type: ignore[arg-type]
                now=T0 + timedelta(hours=1),
            )
            == []
        )


async def test_moved_chat_is_followed(db: Database) -> None:
    async with db.session() as s:
        dest = await outbox.ensure_destination(s, "telegram", "-100", kind="group")
        await outbox.move_destination(s, dest.id, "-1001234")  # type: ignore[arg-type]
    async with db.session() as s:
        rows = (await s.exec(select(Destination))).all()
    assert [(d.address, d.active) for d in rows] == [("-1001234", True)]


async def test_digest_of_events_below_the_threshold_once_a_day(db: Database) -> None:
    item_id = await _item(db)
    chats = StoredChats(db, clock=lambda: T0)  # 08:00: the first digest is today at 09:00
    await chats.subscribe(
        CHAT,
        ["KZ"],
        ["*"],
        Severity.HIGH,
        by="@ann",
        options=SubscriptionOptions(digest_at=9 * 60),
    )
    rows = await chats.subscriptions(CHAT)
    assert [(r.digest_at, r.level_changes) for r in rows] == [(540, False)]
    async with db.session() as s:
        # Below the threshold (medium < high): not alerted, but in the digest.
        _n, to_send = await _raise_alerts(s, [_draft(item_id, "quiet")], T0)
        await fan_out(s, to_send, T0)
    sink = NoticeSink()
    names = {"KZ": "Kazakhstan"}
    at = [T0 + timedelta(hours=1)]  # 09:00 UTC on the day
    notices = Notices(db, {"telegram": sink}, names, owner="w", clock=lambda: at[0])
    early = Notices(db, {"telegram": sink}, names, owner="w", clock=lambda: T0)
    assert (await early.tick()).sent == 0  # not before the chosen minute
    assert (await notices.tick()).sent == 1
    [(address, reply)] = sink.sent
    assert address == "42" and reply.headline.startswith("Daily digest: 1 event(s) below")
    assert "unrest · Kazakhstan" in reply.sections[0].lines[0].text
    at[0] = T0 + timedelta(hours=5)
    assert (await notices.tick()).sent == 0  # once a day
    at[0] = T0 + timedelta(days=1, hours=1)
    assert (await notices.tick()).queued == 0  # nothing new below the threshold: no message


async def test_level_changes_are_told_to_those_who_asked(db: Database) -> None:
    item_id = await _item(db)
    chats = StoredChats(db)
    await chats.subscribe(
        CHAT,
        ["KZ"],
        ["*"],
        Severity.LOW,
        by="@ann",
        options=SubscriptionOptions(level_changes=True),
    )
    await chats.subscribe(GROUP, ["KZ"], ["*"], Severity.LOW, by="@bob")  # did not ask
    names = {"KZ": "Kazakhstan"}
    async with db.session() as s:
        done = await record_reports(
            s, [_draft(item_id, "c", trigger="coup", severity=4)], ["Wire"], 1, T0
        )
        assert [(c.before, c.after) for c in done.level_changes] == [(0, 2)]
        assert await queue_level_changes(s, done.level_changes, T0, names) == 1
    sink = NoticeSink()
    notices = Notices(db, {"telegram": sink}, names, owner="w", clock=lambda: T0)
    await notices.tick()
    assert [(a, r.headline) for a, r in sink.sent] == [
        ("42", "↑ Kazakhstan (KZ): LOW → ELEVATED · score 6.3")
    ]
    # With no new events the score decays; the level falls and the chat is told.
    later = Notices(db, {"telegram": sink}, names, owner="w", clock=lambda: T0 + timedelta(days=3))
    await later.tick()
    assert sink.sent[-1][1].headline == "↓ Kazakhstan (KZ): ELEVATED → GUARDED · score 2.2"


class NoticeSink:
    platform = "telegram"

    def __init__(self) -> None:
        self.sent: list[tuple[str, Reply]] = []

    async def send_reply(
        self,
        destination: Destination,
        reply: Reply,
        *,
        start: int = 0,
        on_sent: PartSent | None = None,
    ) -> str | None:
        if start == 0:
            self.sent.append((destination.address, reply))
            if on_sent is not None:
                await on_sent(1, None)
        return None


async def test_moving_onto_a_known_chat_brings_subscriptions_and_mutes(db: Database) -> None:
    chats = StoredChats(db)
    old = ChatRef("telegram", "-100", ChatKind.GROUP, "Desk")
    new = ChatRef("telegram", "-1001234", ChatKind.GROUP, "Desk")
    await chats.subscribe(old, ["KZ"], ["unrest"], Severity.HIGH, by="@ann")
    await chats.mute(old, "country", "KZ", T0 + timedelta(hours=2), by="@ann")
    await chats.mute(new, "all", "*", T0 + timedelta(hours=1), by="@bob")  # new already known
    async with db.session() as s:
        source = await outbox.ensure_destination(s, "telegram", "-100", kind="group")
        await outbox.move_destination(s, source.id, "-1001234")  # type: ignore[arg-type]
    assert [(r.country, r.trigger, r.min_severity) for r in await chats.subscriptions(new)] == [
        ("KZ", "unrest", Severity.HIGH)
    ]
    assert sorted(m.scope for m in await chats.mutes(new, T0)) == ["all", "country"]
    async with db.session() as s:
        gone = (await s.exec(select(Destination).where(Destination.address == "-100"))).one()
    assert not gone.active and gone.deactivated_reason == "moved to -1001234"
