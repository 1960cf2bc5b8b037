"""Digests and level-change notices through the real Telegram and Slack clients: escaped, split
to the platforms' limits, sent once."""

from __future__ import annotations

import json

from bot.db import Database
from bot.models import Notice, utcnow
from bot.notices import Notices
from bot.settings import Settings
from bot.slack.gateway import build_client
from bot.slack.sender import SlackSink
from bot.store import outbox
from bot.telegram.gateway import build_application
from bot.telegram.sender import TelegramSink
from tests.support.fake_slack import FakeSlack, block_errors
from tests.support.fake_telegram import FakeTelegram

TOKEN = "123456:TEST-token-for-the-fake-api-only"
SLACK = "xoxb-test-token-for-the-fake-only"
HOSTILE = "Riot <b>police</b> & <script>x</script> in Almaty"


async def queue(db: Database, platform: str, address: str, lines: int) -> None:
    async with db.session() as s:
        dest = await outbox.ensure_destination(s, platform, address)
        s.add(
            Notice(
                destination_id=dest.id,  # type: ignore[arg-type]
                kind="digest",
                key="digest:480:2026-03-01",
                headline=f"Daily digest: {lines} event(s) below your alert threshold, last 24 h",
                lines=json.dumps(
                    [
                        [f"{n} · unrest · {HOSTILE} " + "x" * 120, "https://e.org/?a=1&b=2"]
                        for n in range(lines)
                    ]
                ),
            )
        )


async def test_digest_reaches_telegram_and_slack(db: Database) -> None:
    async with FakeTelegram(TOKEN) as tg, FakeSlack(bot_token=SLACK) as sl:
        await queue(db, "telegram", "4242", lines=60)
        await queue(db, "slack", "C0DESK", lines=60)
        telegram = build_application(Settings(telegram_token=TOKEN, telegram_api_url=tg.base_url))
        await telegram.initialize()
        try:
            sinks = {
                "telegram": TelegramSink(telegram.bot, lambda c: c),
                "slack": SlackSink(
                    build_client(
                        Settings(
                            slack_bot_token=SLACK,
                            slack_app_token="xapp-1",
                            slack_api_url=sl.base_url,
                        )
                    ),
                    lambda c: c,
                ),
            }
            notices = Notices(db, sinks, {}, owner="w", clock=utcnow)
            report = await notices.tick()
            again = await notices.tick()
        finally:
            await telegram.shutdown()
    assert (report.sent, report.failed, again.sent) == (2, 0, 0)
    messages = tg.messages(4242)
    assert len(messages) >= 2  # 60 long lines do not fit one Telegram message
    assert all(len(m.body) <= 4096 for m in messages)
    assert messages[0].plain.startswith("Daily digest: 60 event(s)")
    assert sum(m.plain.count("<script>x</script>") for m in messages) == 60
    [post] = sl.messages("C0DESK")
    assert block_errors(post.blocks) is None
    assert "&lt;script&gt;" in json.dumps(post.blocks) and "<script>" not in json.dumps(post.blocks)
