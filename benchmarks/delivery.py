"""Telegram fan-out: 1,000 subscribed chats and one alert, through the real PTB client, against a
fake Bot API that enforces 30 messages/s overall and 1/s per chat (429 beyond).

The baseline is the ideal time at the platform's limit, 1,000 / 30 s; the run prints the time
delivery took, the ratio of the two, and how many 429 answers the fake gave.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from pathlib import Path

from bot.db import Database
from bot.delivery import Dispatcher
from bot.migrate import upgrade
from bot.models import Alert, Feed, Item, utcnow
from bot.pacing import Pacer
from bot.settings import Settings
from bot.store import outbox
from bot.store.articles import fan_out
from bot.telegram.gateway import build_application
from bot.telegram.sender import TelegramSink
from tests.support.fake_telegram import FakeTelegram

CHATS = 1000
LIMIT = 30  # messages/s overall, as Telegram's Bot FAQ and the fake enforce
TOKEN = "123456:BENCH-token-for-the-fake-api-only"


async def seed(db: Database, chats: int = CHATS) -> None:
    """``chats`` private chats subscribed to everything, and one alert queued for all of them."""
    now = utcnow()
    async with db.session() as session:
        feed = Feed(url="http://127.0.0.1/bench")
        session.add(feed)
        await session.flush()
        item = Item(feed_id=feed.id, identity="bench", title="t", summary="")  # type: ignore[arg-type]
        session.add(item)
        await session.flush()
        for chat in range(1, chats + 1):
            destination = await outbox.ensure_destination(session, "telegram", str(10_000 + chat))
            assert destination.id is not None
            await outbox.ensure_subscription(session, destination.id)
        alert = Alert(
            trigger="shoot_to_kill",
            country="KZ",
            story_key="bench",
            severity=4,
            modality="reported",
            rule="shoot_to_kill.order",
            item_id=item.id,  # type: ignore[arg-type]
            title="President orders troops to fire without warning",
            evidence="The president said he had ordered troops to fire without warning.",
            source="Bench wire",
            created_at=now,
        )
        session.add(alert)
        await session.flush()
        assert alert.id is not None
        queued = await fan_out(session, [alert.id], now)
    assert queued == chats


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("RISKBOT_BENCH_DATABASE_URL") or (
            f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        )
        await upgrade(url)
        db = Database(url)
        await seed(db)
        async with FakeTelegram(TOKEN) as tg:
            tg.enforce_limits(per_chat_interval=1.0, overall_per_second=LIMIT)
            settings = Settings(telegram_token=TOKEN, telegram_api_url=tg.base_url)
            application = build_application(settings)
            await application.initialize()
            sink = TelegramSink(application.bot, lambda code: "Kazakhstan")
            dispatcher = Dispatcher(
                db,
                {"telegram": sink},
                owner="bench",
                pacers={"telegram": Pacer(settings.telegram_rate)},
                batch_size=200,
            )
            started = time.perf_counter()
            report = await dispatcher.drain()
            took = time.perf_counter() - started
            await application.shutdown()
            per_chat = Counter(m.chat_id for m in tg.messages())
        await db.dispose()
    ideal = CHATS / LIMIT
    print(
        f"fan-out: {CHATS} chats × 1 alert, fake Bot API enforcing {LIMIT}/s overall, 1/s per chat"
    )
    print(f"baseline  ideal at the limit ({CHATS}/{LIMIT}) : {ideal:7.2f} s")
    print(f"measured  delivery, pacing {settings.telegram_rate:g}/s    : {took:7.2f} s")
    print(f"ratio     measured / ideal            : {took / ideal:7.3f}  (bar: ≤ 1.15)")
    print(
        f"429 answers: {tg.count_429}; delivered {len(per_chat)} chats, "
        f"duplicates {sum(n - 1 for n in per_chat.values())}; sent {report.sent}, "
        f"retried {report.retried}, failed {report.failed}"
    )
