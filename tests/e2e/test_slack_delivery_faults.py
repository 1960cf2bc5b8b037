"""Slack delivery under faults: 429 with Retry-After, 500 and dropped connections are retried
until every live channel has every alert exactly once; channel_not_found, not_in_channel and
is_archived switch the channel off with the reason."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

from sqlmodel import select

from bot.db import Database
from bot.delivery import Dispatcher
from bot.models import Delivery, Destination
from bot.pacing import Pacer
from bot.settings import Settings
from bot.slack.gateway import build_client
from bot.slack.sender import SlackSink
from tests.e2e.test_delivery_faults import seed_for
from tests.support.fake_slack import FakeSlack

TOKEN = "xoxb-test-token-for-the-fake-only"
LIVE = [f"C{n:04d}" for n in range(12)]
GONE = {"CGONE": "channel_not_found", "COUT": "not_in_channel", "COLD": "is_archived"}


async def test_every_live_channel_gets_every_alert_exactly_once(db: Database) -> None:
    async with FakeSlack(bot_token=TOKEN) as sl:
        sl.enforce_limits(per_channel_interval=1.0)
        for channel in LIVE:
            sl.script(channel, [("429", 1), "500", "drop"][: 1 + LIVE.index(channel) % 3])
        for channel, error in GONE.items():
            sl.fail_channel(channel, error)
        ids = await seed_for(db, "slack", [*LIVE, *GONE], alerts=3)
        client = build_client(
            Settings(slack_bot_token=TOKEN, slack_app_token="xapp-1", slack_api_url=sl.base_url)
        )
        dispatcher = Dispatcher(
            db,
            {"slack": SlackSink(client, lambda code: "Kazakhstan")},
            owner="w",
            pacers={"slack": Pacer(20)},
            retry_base=0.05,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            await dispatcher.drain()
            async with db.session() as s:
                left = (await s.exec(select(Delivery).where(Delivery.status == "pending"))).all()
            if not left:
                break
            await asyncio.sleep(0.2)
        assert not left
        for channel in LIVE:
            numbers = Counter((m.text or "").rsplit("#", 1)[-1] for m in sl.messages(channel))
            assert numbers == Counter(str(i) for i in ids), (channel, numbers)
        assert sl.count_429 == 0  # only the scripted ones: pacing kept within 1/s per channel
        async with db.session() as s:
            dests = {d.address: d for d in (await s.exec(select(Destination))).all()}
        for channel, error in GONE.items():
            assert not dests[channel].active
            assert error in (dests[channel].deactivated_reason or "")
        assert "invite the bot" in (dests["COUT"].deactivated_reason or "")
