"""The outbox worker: sent once, retried with back-off, dead destinations switched off, and a
crash between send and record re-sends at most the message in flight."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.db import Database
from bot.delivery import Dispatcher
from bot.models import Alert, Delivery, Destination, Feed, Item
from bot.sending import Outgoing, PermanentSendError, TransientSendError
from bot.store import outbox
from bot.store.articles import fan_out

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


class RecordingSink:
    platform = "telegram"

    def __init__(self) -> None:
        self.sent: list[tuple[str, int]] = []
        self.failures: dict[str, list[Exception]] = {}

    async def send(self, destination: Destination, message: Outgoing) -> str | None:
        queue = self.failures.get(destination.address)
        if queue:
            raise queue.pop(0)
        self.sent.append((destination.address, message.alert.id))
        return f"msg-{len(self.sent)}"


async def seed_alerts(db: Database, chats: list[str], alerts: int = 1) -> list[int]:
    async with db.session() as s:
        f = Feed(url="http://127.0.0.1/f")
        s.add(f)
        await s.flush()
        it = Item(feed_id=f.id, identity="x", title="t", summary="")  # type: ignore[arg-type]
        s.add(it)
        await s.flush()
        for chat in chats:
            d = await outbox.ensure_destination(s, "telegram", chat)
            await outbox.ensure_subscription(s, d.id)  # type: ignore[arg-type]
        ids = []
        for n in range(alerts):
            a = Alert(
                trigger="coup",
                country="ML",
                story_key=f"s{n}",
                severity=4,
                modality="reported",
                rule="r",
                item_id=it.id,
                title="Coup",
                evidence="e",
                created_at=T0,  # type: ignore[arg-type]
            )
            s.add(a)
            await s.flush()
            assert a.id is not None
            await fan_out(s, [a.id], T0)
            ids.append(a.id)
        return ids


async def statuses(db: Database) -> dict[str, int]:
    async with db.session() as s:
        rows = (await s.exec(select(Delivery))).all()
    out: dict[str, int] = {}
    for r in rows:
        out[r.status] = out.get(r.status, 0) + 1
    return out


async def test_each_delivery_sent_once(db: Database) -> None:
    await seed_alerts(db, ["1", "2", "3"], alerts=2)
    sink, clock = RecordingSink(), Clock()
    dispatcher = Dispatcher(db, {"telegram": sink}, owner="w1", clock=clock)
    report = await dispatcher.drain()
    assert report.sent == 6 and len(set(sink.sent)) == 6
    assert (await dispatcher.drain()).sent == 0
    assert await statuses(db) == {"sent": 6}


async def test_transient_failure_waits_for_retry_after(db: Database) -> None:
    await seed_alerts(db, ["1"])
    sink, clock = RecordingSink(), Clock()
    sink.failures["1"] = [TransientSendError("429 Too Many Requests", retry_after=30)]
    dispatcher = Dispatcher(db, {"telegram": sink}, owner="w1", clock=clock)
    first = await dispatcher.drain()
    assert (first.sent, first.retried) == (0, 1)
    clock.now = T0 + timedelta(seconds=20)  # before Retry-After: nothing is sent
    assert (await dispatcher.drain()).sent == 0
    clock.now = T0 + timedelta(seconds=31)
    assert (await dispatcher.drain()).sent == 1
    async with db.session() as s:
        row = (await s.exec(select(Delivery))).one()
    assert row.status == "sent" and row.attempts == 2


async def test_permanent_failure_deactivates_only_that_destination(db: Database) -> None:
    await seed_alerts(db, ["blocked", "ok"], alerts=2)
    sink, clock = RecordingSink(), Clock()
    sink.failures["blocked"] = [PermanentSendError("Forbidden: bot was blocked by the user")]
    report = await Dispatcher(db, {"telegram": sink}, owner="w1", clock=clock).drain()
    assert report.sent == 2 and report.failed == 1
    async with db.session() as s:
        dest = (await s.exec(select(Destination).where(Destination.address == "blocked"))).one()
    assert not dest.active and "blocked" in (dest.deactivated_reason or "")
    # The blocked chat's second alert is closed with the reason: nobody can receive it, and a
    # chat that comes back weeks later should not get a backlog of stale alerts.
    assert await statuses(db) == {"sent": 2, "failed": 2}
    async with db.session() as s:
        errors = {d.last_error for d in (await s.exec(select(Delivery))).all() if d.last_error}
    assert any(e.startswith("not sent: the destination was switched off") for e in errors)
    assert (await Dispatcher(db, {"telegram": sink}, owner="w2", clock=clock).drain()).sent == 0


async def test_gives_up_after_a_day_and_says_why(db: Database) -> None:
    await seed_alerts(db, ["1"])
    sink, clock = RecordingSink(), Clock()
    clock.now = T0 + timedelta(hours=25)
    sink.failures["1"] = [TransientSendError("500 Internal Server Error")]
    await Dispatcher(db, {"telegram": sink}, owner="w1", clock=clock).drain()
    async with db.session() as s:
        row = (await s.exec(select(Delivery))).one()
    assert row.status == "failed" and "gave up" in (row.last_error or "")


async def test_crash_after_claim_resends_once_after_lease(db: Database) -> None:
    await seed_alerts(db, ["1", "2"])
    clock = Clock()
    # A worker claims both rows, then dies before sending or recording anything.
    async with db.session() as s:
        claimed = await outbox.claim_deliveries(
            s, now=T0, limit=10, owner="dead", lease=timedelta(minutes=2)
        )
    assert len(claimed) == 2
    sink = RecordingSink()
    survivor = Dispatcher(db, {"telegram": sink}, owner="w2", clock=clock)
    assert (await survivor.drain()).sent == 0  # still leased to the dead worker
    clock.now = T0 + timedelta(minutes=3)
    assert (await survivor.drain()).sent == 2
    assert sorted(sink.sent) == sorted(set(sink.sent))


@pytest.mark.pg_only
async def test_two_workers_deliver_each_row_once(db: Database) -> None:
    await seed_alerts(db, [str(n) for n in range(40)], alerts=5)
    sink = RecordingSink()
    workers = [Dispatcher(db, {"telegram": sink}, owner=f"w{n}", batch_size=7) for n in range(3)]
    reports = await asyncio.gather(*(w.drain() for w in workers))
    assert sum(r.sent for r in reports) == 200
    assert len(sink.sent) == len(set(sink.sent)) == 200


class BlockingSink(RecordingSink):
    """Holds the first send until released, to let a lease run out mid-batch."""

    def __init__(self) -> None:
        super().__init__()
        self.started = asyncio.Event()
        self.release = asyncio.Event()

    async def send(self, destination: Destination, message: Outgoing) -> str | None:
        if not self.started.is_set():
            self.started.set()
            await self.release.wait()
        return await super().send(destination, message)


async def test_rows_taken_over_after_lease_expiry_are_not_sent_twice(db: Database) -> None:
    ids = await seed_alerts(db, ["1"], alerts=3)
    clock = Clock()
    slow, fast = BlockingSink(), RecordingSink()
    a = Dispatcher(db, {"telegram": slow}, owner="a", clock=clock, lease=timedelta(minutes=2))
    b = Dispatcher(db, {"telegram": fast}, owner="b", clock=clock, lease=timedelta(minutes=2))
    first = asyncio.create_task(a.drain())
    await slow.started.wait()
    clock.now = T0 + timedelta(minutes=3)  # a's lease on all three rows has run out
    await b.drain()
    slow.release.set()
    await first
    # The row a was sending when its lease ran out may go twice; the others exactly once.
    assert fast.sent == [("1", i) for i in ids]
    assert slow.sent == [("1", ids[0])]


async def test_unexpected_sink_error_is_retried_and_recorded(db: Database) -> None:
    await seed_alerts(db, ["1"])
    sink, clock = RecordingSink(), Clock()
    sink.failures["1"] = [BrokenPipeError("stdout closed")]
    report = await Dispatcher(db, {"telegram": sink}, owner="w", clock=clock).drain()
    assert report.retried == 1
    async with db.session() as s:
        row = (await s.exec(select(Delivery))).one()
    assert row.status == "pending" and row.leased_by is None
    assert "internal error: BrokenPipeError" in (row.last_error or "")


async def test_rate_limited_destination_pauses_and_keeps_order(db: Database) -> None:
    ids = await seed_alerts(db, ["1", "2"], alerts=4)
    sink, clock = RecordingSink(), Clock()
    sink.failures["1"] = [TransientSendError("429", retry_after=60)]
    dispatcher = Dispatcher(db, {"telegram": sink}, owner="w", clock=clock)
    await dispatcher.drain()
    assert [a for chat, a in sink.sent if chat == "2"] == ids  # in order
    assert [a for chat, a in sink.sent if chat == "1"] == []  # paused after the 429
    clock.now = T0 + timedelta(seconds=30)
    await dispatcher.drain()
    assert [a for chat, a in sink.sent if chat == "1"] == []
    clock.now = T0 + timedelta(seconds=61)
    await dispatcher.drain()
    assert [a for chat, a in sink.sent if chat == "1"] == ids
