"""Chats as stored state: subscriptions, mutes, acknowledgements, follow-up threads and
escalation, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from bot.db import Database
from bot.delivery import Dispatcher
from bot.models import Alert, Delivery, DeliveryPurpose, Destination, Feed, Item
from bot.pipeline import _raise_alerts
from bot.sending import Outgoing
from bot.store import outbox
from bot.store.alertbook import StoredAlerts
from bot.store.articles import AlertDraft, fan_out
from bot.store.chats import StoredChats
from bot.store.escalations import escalate_unacknowledged
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


async def test_later_report_of_a_story_threads_under_the_first(db: Database) -> None:
    chats = StoredChats(db)
    item_id = await _item(db)
    await chats.subscribe(CHAT, ["KZ"], ["*"], Severity.LOW, by="@ann")
    sink = Sink()
    now = [T0]
    dispatcher = Dispatcher(db, {"telegram": sink}, owner="w", clock=lambda: now[0])
    async with db.session() as s:
        _n, first = await _raise_alerts(s, [_draft(item_id, "a")], T0)
        await fan_out(s, first, T0)
    await dispatcher.drain()
    later = now[0] = T0 + timedelta(hours=3)
    async with db.session() as s:
        # Same trigger and country within 12 hours: the same story, whatever the wording.
        _n, second = await _raise_alerts(s, [_draft(item_id, "b", title="Almaty unrest")], later)
        # A different trigger is a story of its own.
        _n, third = await _raise_alerts(
            s, [_draft(item_id, "c", trigger="coup", severity=4)], later
        )
        await fan_out(s, second + third, later)
    await dispatcher.drain()
    assert [m.alert.id for _a, m in sink.sent] == [first[0], second[0], third[0]]
    followup = sink.sent[1][1]
    assert followup.followup_of == first[0] and followup.reply_to == "42:1"
    assert sink.sent[2][1].reply_to is None
    book = StoredAlerts(db)
    detail = await book.alert(first[0])
    assert detail is not None and [t for t, _l, _s in detail.followups] == ["Almaty unrest"]
    # Acknowledging a follow-up acknowledges the whole story.
    outcome = await book.ack(second[0], "@ann", later)
    assert outcome is not None and outcome.newly_acked
    root = await book.alert(first[0])
    assert root is not None and root.acked_by == "@ann"
    again = await book.ack(first[0], "@bob", later)
    assert again is not None and not again.newly_acked and again.alert.acked_by == "@ann"


async def test_many_outlets_make_one_alert_and_a_short_thread(db: Database) -> None:
    item_id = await _item(db)
    await StoredChats(db).subscribe(CHAT, ["KZ"], ["*"], Severity.LOW, by="@ann")
    async with db.session() as s:
        raised, to_send = await _raise_alerts(s, [_draft(item_id, f"k{n}") for n in range(12)], T0)
    assert raised == 12 and len(to_send) == 1 + 5  # the story and five follow-ups


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
    assert isinstance(rows[0].id, int)
    _ = Alert  # the model import keeps the table registered for this module's fixtures
