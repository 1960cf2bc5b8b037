"""Delivery under faults: the fake Bot API answers some sends with 429 + retry_after, 500 or a
dropped connection, and some chats are blocked, gone or migrated. Every alert reaches every live
chat exactly once; dead chats are deactivated with the reason; a migrated group is followed."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import UTC, datetime

from sqlmodel import select

from bot.db import Database
from bot.delivery import Dispatcher
from bot.models import Alert, Delivery, Destination, Feed, Item
from bot.pacing import Pacer
from bot.settings import Settings
from bot.store import outbox
from bot.store.articles import fan_out
from bot.telegram.gateway import build_application
from bot.telegram.sender import TelegramSink
from tests.support.fake_telegram import FakeTelegram

TOKEN = "123456:TEST-token-for-the-fake-api-only"
T0 = datetime.now(UTC)  # the dispatcher runs on the real clock
LIVE = list(range(1001, 1031))
BLOCKED = [2001, 2002, 2003]
GONE = [3001]
OLD_GROUP, NEW_GROUP = -4001, -1004001


async def seed(db: Database, chats: list[int], alerts: int) -> list[int]:
    return await seed_for(db, "telegram", [str(c) for c in chats], alerts)


async def seed_for(db: Database, platform: str, chats: list[str], alerts: int) -> list[int]:
    """Destinations subscribed to everything, and ``alerts`` alerts queued for all of them."""
    async with db.session() as s:
        feed = Feed(url="http://127.0.0.1/f")
        s.add(feed)
        await s.flush()
        item = Item(feed_id=feed.id, identity="x", title="t", summary="")  # type: ignore[arg-type]
        s.add(item)
        await s.flush()
        for chat in chats:
            kind = "group" if chat.startswith(("-", "C")) else "private"
            d = await outbox.ensure_destination(s, platform, chat, kind=kind)
            await outbox.ensure_subscription(s, d.id)  # type: ignore[arg-type]
        ids = []
        for n in range(alerts):
            a = Alert(
                trigger="unrest",
                country="KZ",
                story_key=f"s{n}",
                severity=2,
                modality="reported",
                rule="unrest.riot",
                item_id=item.id,  # type: ignore[arg-type]
                title=f"Story {n}: <crowds> & police",
                evidence="Crowds stormed the akimat.",
                source="Wire",
                created_at=T0,
            )
            s.add(a)
            await s.flush()
            assert a.id is not None
            ids.append(a.id)
        await fan_out(s, ids, T0)
        return ids


async def pending(db: Database) -> int:
    async with db.session() as s:
        rows = (await s.exec(select(Delivery).where(Delivery.status == "pending"))).all()
    return len(rows)


async def test_every_live_chat_gets_every_alert_exactly_once(db: Database) -> None:
    async with FakeTelegram(TOKEN) as tg:
        tg.enforce_limits()
        tg.random_faults(11, p429=0.12, p500=0.08, pdrop=0.06, retry_after=1)
        for chat in BLOCKED:
            tg.fail_chat(chat, "blocked")
        for chat in GONE:
            tg.fail_chat(chat, "not_found")
        tg.fail_chat(OLD_GROUP, ("migrate", NEW_GROUP))
        ids = await seed(db, [*LIVE, *BLOCKED, *GONE, OLD_GROUP], alerts=3)
        settings = Settings(telegram_token=TOKEN, telegram_api_url=tg.base_url)
        app = build_application(settings)
        await app.initialize()
        try:
            sink = TelegramSink(app.bot, lambda code: "Kazakhstan")
            dispatcher = Dispatcher(
                db, {"telegram": sink}, owner="w", pacers={"telegram": Pacer(29)}, retry_base=0.05
            )
            deadline = time.monotonic() + 90
            while await pending(db) and time.monotonic() < deadline:
                await dispatcher.drain()
                await asyncio.sleep(0.2)
        finally:
            await app.shutdown()
        assert await pending(db) == 0
        faults = tg.faults_injected
        assert faults.get("429", 0) > 0 and faults.get("500", 0) > 0 and faults.get("drop", 0) > 0
        for chat in [*LIVE, NEW_GROUP]:
            numbers = Counter(
                m.plain.split("\n", 1)[0].rsplit("#", 1)[-1] for m in tg.messages(chat)
            )
            assert numbers == Counter(str(i) for i in ids), (chat, numbers)
            for message in tg.messages(chat):
                assert "Story" in message.plain and "<crowds> & police" in message.plain
        assert tg.count_429 == 0  # the pacing kept within the flood limits
        async with db.session() as s:
            dests = {d.address: d for d in (await s.exec(select(Destination))).all()}
        for chat in BLOCKED:
            assert not dests[str(chat)].active
            assert "blocked by the user" in (dests[str(chat)].deactivated_reason or "")
        assert not dests[str(GONE[0])].active
        assert "chat not found" in (dests[str(GONE[0])].deactivated_reason or "").lower()
        assert dests[str(NEW_GROUP)].active and str(OLD_GROUP) not in dests
