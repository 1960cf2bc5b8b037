"""Digests and level-change notices through the real Telegram and Slack clients: escaped, split
to the platforms' limits, sent once. A notice in several parts that fails part way (rate limit,
server error, lost connection, a crashed worker) is resumed after the last part sent: the chat
ends with every part exactly once, in order."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from bot.console import ConsoleSink
from bot.db import Database
from bot.models import Notice, utcnow
from bot.notices import NoticeReport, Notices, notice_reply
from bot.settings import Settings
from bot.slack.gateway import build_client
from bot.slack.render import render_block_parts
from bot.slack.sender import SlackSink
from bot.store import outbox
from bot.telegram.gateway import build_application
from bot.telegram.render import render_html
from bot.telegram.sender import TelegramSink
from bot.textreply import render_text
from tests.support.fake_slack import FakeSlack, block_errors
from tests.support.fake_telegram import FakeTelegram, html_to_plain

TOKEN = "123456:TEST-token-for-the-fake-api-only"
SLACK = "xoxb-test-token-for-the-fake-only"
HOSTILE = "Riot <b>police</b> & <script>x</script> in Almaty"
CHAT, CHANNEL = 4242, "C0DESK"
# Enough long lines for three messages on each platform (asserted below).
TELEGRAM_LINES, SLACK_LINES = 40, 100
# Each fault strikes the second part: chat API error, rate limit, lost connection.
FAULTS = ["500", ("429", 1), "drop"]


class Clock:
    """The worker's clock, moved on by the test (past back-offs and leases)."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def digest_lines(lines: int) -> list[list[str]]:
    return [
        [f"{n} · unrest · {HOSTILE} " + "x" * 120, "https://e.org/?a=1&b=2"] for n in range(lines)
    ]


async def queue(db: Database, platform: str, address: str, lines: int) -> Notice:
    async with db.session() as s:
        dest = await outbox.ensure_destination(s, platform, address)
        notice = Notice(
            destination_id=dest.id,  # type: ignore[arg-type]
            kind="digest",
            key="digest:480:2026-03-01",
            headline=f"Daily digest: {lines} event(s) below your alert threshold, last 24 h",
            lines=json.dumps(digest_lines(lines)),
        )
        s.add(notice)
    return notice


async def stored(db: Database) -> Notice:
    async with db.session() as s:
        return (await s.exec(select(Notice))).one()


@asynccontextmanager
async def sinks(tg: FakeTelegram, sl: FakeSlack) -> AsyncIterator[Mapping[str, object]]:
    """The real Telegram and Slack senders, pointed at the fakes."""
    telegram = build_application(Settings(telegram_token=TOKEN, telegram_api_url=tg.base_url))
    await telegram.initialize()
    slack = build_client(
        Settings(slack_bot_token=SLACK, slack_app_token="xapp-1", slack_api_url=sl.base_url)
    )
    try:
        yield {
            "telegram": TelegramSink(telegram.bot, lambda c: c),
            "slack": SlackSink(slack, lambda c: c),
        }
    finally:
        await telegram.shutdown()


async def test_digest_reaches_telegram_and_slack(db: Database) -> None:
    async with FakeTelegram(TOKEN) as tg, FakeSlack(bot_token=SLACK) as sl:
        await queue(db, "telegram", str(CHAT), lines=60)
        await queue(db, "slack", CHANNEL, lines=60)
        async with sinks(tg, sl) as chat_sinks:
            notices = Notices(db, chat_sinks, {}, owner="w", clock=utcnow)
            report = await notices.tick()
            again = await notices.tick()
    assert (report.sent, report.failed, again.sent) == (2, 0, 0)
    messages = tg.messages(CHAT)
    assert len(messages) >= 2  # 60 long lines do not fit one Telegram message
    assert all(len(m.body) <= 4096 for m in messages)
    assert messages[0].plain.startswith("Daily digest: 60 event(s)")
    assert sum(m.plain.count("<script>x</script>") for m in messages) == 60
    posts = sl.messages(CHANNEL)
    assert len(posts) >= 2  # nor one Slack message: split, nothing cut
    assert all(block_errors(post.blocks) is None for post in posts)
    blocks = json.dumps([post.blocks for post in posts])
    assert "&lt;script&gt;" in blocks and "<script>" not in blocks
    assert blocks.count("&lt;script&gt;x&lt;/script&gt;") == 60 and "cut to fit" not in blocks


async def fail_then_retry(
    db: Database, tg: FakeTelegram, sl: FakeSlack
) -> tuple[NoticeReport, Notice, NoticeReport, NoticeReport]:
    """A tick whose part 2 fails, the notice as stored then, and two ticks past the back-off."""
    clock = Clock()
    async with sinks(tg, sl) as chat_sinks:
        notices = Notices(db, chat_sinks, {}, owner="w", clock=clock)
        first = await notices.tick()
        after_failure = await stored(db)
        clock.advance(timedelta(hours=1))  # past the back-off
        second = await notices.tick()
        third = await notices.tick()
    return first, after_failure, second, third


@pytest.mark.parametrize("fault", FAULTS, ids=["500", "429", "drop"])
async def test_telegram_notice_resumes_after_the_parts_sent(
    db: Database, fault: str | tuple[str, int]
) -> None:
    async with FakeTelegram(TOKEN) as tg, FakeSlack(bot_token=SLACK) as sl:
        tg.enforce_limits()  # the parts keep to one message a second per chat
        notice = await queue(db, "telegram", str(CHAT), lines=TELEGRAM_LINES)
        parts = render_html(notice_reply(notice))
        assert len(parts) == 3
        tg.script(CHAT, ["ok", fault])
        first, after_failure, second, third = await fail_then_retry(db, tg, sl)
    messages = tg.messages(CHAT)
    assert [m.body for m in messages] == parts  # 1, then 2 and 3 on the retry: none twice
    assert (first.sent, second.sent, third.sent) == (0, 1, 0)
    assert (after_failure.status, after_failure.parts_sent) == ("pending", 1)
    assert tg.count_429 == 0
    done = await stored(db)
    assert (done.status, done.parts_sent) == ("sent", 3)
    assert done.message_ref == after_failure.message_ref == f"{CHAT}:{messages[0].message_id}"


@pytest.mark.parametrize("fault", FAULTS, ids=["500", "429", "drop"])
async def test_slack_notice_resumes_after_the_parts_sent(
    db: Database, fault: str | tuple[str, int]
) -> None:
    async with FakeTelegram(TOKEN) as tg, FakeSlack(bot_token=SLACK) as sl:
        sl.enforce_limits(per_channel_interval=1.0)
        notice = await queue(db, "slack", CHANNEL, lines=SLACK_LINES)
        parts = render_block_parts(notice_reply(notice))
        assert len(parts) == 3
        sl.script(CHANNEL, ["ok", fault])
        first, after_failure, second, third = await fail_then_retry(db, tg, sl)
    posts = sl.messages(CHANNEL)
    assert [(p.text, p.blocks) for p in posts] == [(text, blocks) for text, blocks in parts]
    assert (first.sent, second.sent, third.sent) == (0, 1, 0)
    assert (after_failure.status, after_failure.parts_sent) == ("pending", 1)
    assert sl.count_429 == 0
    done = await stored(db)
    assert (done.status, done.parts_sent) == ("sent", 3)
    assert done.message_ref == after_failure.message_ref == f"{CHANNEL}:{posts[0].ts}"


async def test_a_worker_that_dies_mid_notice_is_resumed_by_another(db: Database) -> None:
    async with FakeTelegram(TOKEN) as tg, FakeSlack(bot_token=SLACK) as sl:
        notice = await queue(db, "telegram", str(CHAT), lines=TELEGRAM_LINES)
        parts = render_html(notice_reply(notice))
        clock = Clock()
        async with sinks(tg, sl) as chat_sinks:
            doomed = asyncio.create_task(Notices(db, chat_sinks, {}, owner="a", clock=clock).tick())
            # Part 1 is out and recorded; the worker waits its turn for part 2: kill it there.
            for _ in range(100):
                if (await stored(db)).parts_sent == 1:
                    break
                await asyncio.sleep(0.02)
            doomed.cancel()
            with pytest.raises(asyncio.CancelledError):
                await doomed
            other = Notices(db, chat_sinks, {}, owner="b", clock=clock)
            assert (await other.tick()).sent == 0  # the dead worker's lease still holds
            clock.advance(timedelta(minutes=5))  # the lease runs out
            assert (await other.tick()).sent == 1
    assert [html_to_plain(m.body) for m in tg.messages(CHAT)] == [html_to_plain(p) for p in parts]
    done = await stored(db)
    assert (done.status, done.parts_sent, done.leased_by) == ("sent", 3, None)


async def test_console_notice_is_printed_once(db: Database) -> None:
    out = io.StringIO()
    notice = await queue(db, "console", "stdout", lines=60)
    notices = Notices(db, {"console": ConsoleSink(lambda c: c, out)}, {}, owner="w")
    assert (await notices.tick()).sent == 1
    assert out.getvalue() == "[NOTICE] " + render_text(notice_reply(notice)) + "\n\n"
    assert (await stored(db)).parts_sent == 1


async def test_console_notice_printed_before_a_crash_is_not_printed_again(db: Database) -> None:
    await queue(db, "console", "stdout", lines=3)
    async with db.session() as s:  # printed and recorded, then the worker died before the end
        notice = (await s.exec(select(Notice))).one()
        notice.parts_sent = 1
        s.add(notice)
    out = io.StringIO()
    notices = Notices(db, {"console": ConsoleSink(lambda c: c, out)}, {}, owner="w")
    assert (await notices.tick()).sent == 1
    assert out.getvalue() == ""
    assert (await stored(db)).status == "sent"
