"""Telegram end to end: the real python-telegram-bot client against a fake Bot API on 127.0.0.1.

A private chat subscribes, a hostile feed item arrives, the alert is delivered once with every
piece of feed text escaped; /status answers; a group member who is not an admin cannot
subscribe the group; the Acknowledge button works; a webhook call with a wrong secret gets 403.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

from bot.app import App, build_app
from bot.db import Database
from bot.service import run_forever
from tests.support.fake_telegram import FakeTelegram
from tests.support.feedserver import FeedServer
from tests.support.riskbot import settings_for, write_feed_list

OUTLETS = ("Northern Wire", "Caspian Daily")

TOKEN = "123456:TEST-token-for-the-fake-api-only"
ANN = 4242  # a person, in a private chat with the bot
DESK = -1001500  # a supergroup
ADMIN, MEMBER = 501, 502
HOSTILE_TITLE = "Kazakh president orders troops to <b>shoot</b> to kill & <script>alert(1)</script>"
HOSTILE_RSS = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Steppe &amp; Co &lt;wire&gt;</title>
<link>http://127.0.0.1/</link>
<item><title>{HOSTILE_TITLE.replace("&", "&amp;").replace("<", "&lt;")}</title>
<link>http://127.0.0.1/story?a=1&amp;b="2"</link>
<guid>hostile-1</guid>
<description>President Tokayev said he had ordered security forces to shoot to kill
without warning in Almaty &amp; other cities, where &lt;i&gt;rioters&lt;/i&gt; stormed
the mayor's office.</description></item>
</channel></rss>"""
FOLLOW_UP_ITEM = """<item><title>Tokayev confirms shoot-to-kill order as unrest spreads</title>
<link>http://127.0.0.1/{outlet}/tokayev-order</link><guid>{outlet}-1</guid>
<description>Kazakhstan's president confirmed he had authorised troops to open fire without
warning on what he called terrorists.</description></item>"""


def other_outlet(name: str, *, story: bool) -> str:
    """Another outlet's feed, empty or with its own report of the story."""
    item = FOLLOW_UP_ITEM.format(outlet=name) if story else ""
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>'
        f"{item}</channel></rss>"
    )


EMPTY_RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel>'
    "<title>Steppe &amp; Co &lt;wire&gt;</title></channel></rss>"
)


@asynccontextmanager
async def running(app: App) -> AsyncIterator[None]:
    stop = asyncio.Event()
    task = asyncio.create_task(run_forever(app, stop))
    try:
        yield
    finally:
        stop.set()
        await asyncio.wait_for(task, 20)


def texts(tg: FakeTelegram, chat: int) -> list[str]:
    return [m.plain for m in tg.messages(chat) if m.method == "sendMessage"]


async def test_subscribe_alert_escaping_status_and_ack(db: Database, tmp_path: Path) -> None:
    async with FakeTelegram(TOKEN) as tg, FeedServer() as feeds:
        feed = feeds.add("/steppe.rss", EMPTY_RSS)
        others = [
            feeds.add(f"/o{n}.rss", other_outlet(o, story=False)) for n, o in enumerate(OUTLETS)
        ]
        settings = settings_for(
            db.url,
            write_feed_list(tmp_path, [feed, *others]),
            telegram_token=TOKEN,
            telegram_api_url=tg.base_url,
            console_alerts=False,
            poll_interval=2,
        )
        async with build_app(settings) as app, running(app):
            await tg.wait_for(lambda: bool(tg.commands), timeout=10)
            assert [c["command"] for c in next(iter(tg.commands.values()))][:2] == [
                "status",
                "subscribe",
            ]
            tg.push_message(ANN, ANN, "/subscribe kazakhstan", username="ann")
            await tg.wait_for(lambda: len(tg.messages(ANN)) >= 1, timeout=10)
            assert texts(tg, ANN)[0].startswith("Subscribed: Kazakhstan (KZ) · every trigger")

            feeds.add("/steppe.rss", HOSTILE_RSS)  # the story breaks
            await tg.wait_for(lambda: len(tg.messages(ANN)) >= 2, timeout=20)
            alert = tg.messages(ANN)[1]
            assert alert.parse_mode == "HTML"
            # The fake parses HTML like Telegram: hostile text arrives as literal characters.
            assert "<b>shoot</b> to kill & <script>alert(1)</script>" in alert.plain
            assert "&lt;script&gt;" in alert.body and "<script>" not in alert.body
            assert 'href="http://127.0.0.1/story?a=1&amp;b=&quot;2&quot;"' in alert.body
            assert "Steppe & Co <wire>" in alert.plain
            assert "shoot_to_kill" in alert.plain and "Kazakhstan (KZ)" in alert.plain
            button = alert.reply_markup["inline_keyboard"][0][0]  # type: ignore[index]
            assert button["text"] == "Acknowledge" and button["callback_data"].startswith("ack:")

            # Two more outlets confirm the story: a reply in the first alert's thread.
            for n, outlet in enumerate(OUTLETS):
                feeds.add(f"/o{n}.rss", other_outlet(outlet, story=True))
            await tg.wait_for(lambda: any(t.startswith("↳ Confirmed") for t in texts(tg, ANN)), 20)
            follow = next(m for m in tg.messages(ANN) if m.plain.startswith("↳ Confirmed"))
            assert follow.reply_to_message_id == alert.message_id
            assert "shoot_to_kill" in follow.plain

            tg.push_message(ANN, ANN, "/status kazakhstan", username="ann")
            await tg.wait_for(lambda: any("Kazakhstan (KZ): " in t for t in texts(tg, ANN)), 10)
            status = next(t for t in texts(tg, ANN) if t.startswith("Kazakhstan (KZ): "))
            assert "shoot_to_kill" in status and "confirmed, 3 sources" in status
            await tg.wait_for(lambda: any(m.method == "sendPhoto" for m in tg.messages(ANN)), 10)
            photo = next(m for m in tg.messages(ANN) if m.method == "sendPhoto")
            assert photo.file is not None and photo.file.data[:8] == b"\x89PNG\r\n\x1a\n"
            assert photo.plain == "Kazakhstan — risk score, last 30 days"

            tg.push_callback(ANN, ANN, alert.message_id, button["callback_data"], username="ann")
            await tg.wait_for(lambda: any("acknowledged by @ann" in t for t in texts(tg, ANN)), 10)
            assert any(
                e.message_id == alert.message_id and not e.reply_markup for e in tg.edits(ANN)
            )

            await asyncio.sleep(3)  # more polls and delivery ticks: nothing is sent twice
            alerts = [t.split("\n", 1)[0] for t in texts(tg, ANN) if "“" in t]
            numbers = [line.rsplit("#", 1)[-1] for line in alerts]
            assert len(numbers) == len(set(numbers)), alerts
            firsts = [line for line in alerts if not line.startswith("↳")]
            assert sum("shoot_to_kill" in line for line in firsts) == 1, alerts


async def test_only_group_admins_subscribe_the_group(db: Database, tmp_path: Path) -> None:
    async with FakeTelegram(TOKEN) as tg, FeedServer() as feeds:
        feed = feeds.add("/steppe.rss", EMPTY_RSS)
        tg.set_admins(DESK, [ADMIN])
        settings = settings_for(
            db.url,
            write_feed_list(tmp_path, [feed]),
            telegram_token=TOKEN,
            telegram_api_url=tg.base_url,
            console_alerts=False,
        )
        async with build_app(settings) as app, running(app):
            tg.push_message(DESK, MEMBER, "/subscribe kazakhstan", username="mallory")
            await tg.wait_for(lambda: len(texts(tg, DESK)) >= 1, timeout=10)
            assert "Only the chat's admins" in texts(tg, DESK)[0]
            tg.push_message(DESK, MEMBER, "/status@riskbot_test_bot kazakhstan", username="mallory")
            tg.push_message(
                DESK, ADMIN, "/subscribe@riskbot_test_bot kazakhstan unrest", username="boss"
            )
            tg.push_message(DESK, ADMIN, "/subscribe@some_other_bot kazakhstan")  # not for us
            await tg.wait_for(lambda: len(texts(tg, DESK)) >= 3, timeout=10)
            await asyncio.sleep(0.5)
            replies = texts(tg, DESK)
            assert len(replies) == 3, replies
            assert replies[1].startswith("Kazakhstan (KZ): ")
            assert replies[2].startswith("Subscribed: Kazakhstan (KZ) · unrest")
            tg.push_message(DESK, MEMBER, "/frobnicate now")
            tg.push_message(DESK, MEMBER, "/mute")
            await tg.wait_for(lambda: len(texts(tg, DESK)) >= 5, timeout=10)
            assert "I don't know the command “frobnicate”" in texts(tg, DESK)[3]
            assert "Only the chat's admins" in texts(tg, DESK)[4]


async def test_webhook_refuses_a_wrong_secret(db: Database, tmp_path: Path) -> None:
    async with FakeTelegram(TOKEN) as tg, FeedServer() as feeds:
        feed = feeds.add("/steppe.rss", EMPTY_RSS)
        port = _free_port()
        settings = settings_for(
            db.url,
            write_feed_list(tmp_path, [feed]),
            telegram_token=TOKEN,
            telegram_api_url=tg.base_url,
            telegram_webhook_url="https://riskbot.invalid/telegram",
            telegram_webhook_secret="s3cret-Token_1",
            telegram_webhook_listen="127.0.0.1",
            telegram_webhook_port=port,
            console_alerts=False,
        )
        update: dict[str, Any] = tg.push_message(ANN, ANN, "/help", username="ann")
        url = f"http://127.0.0.1:{port}/telegram"
        async with build_app(settings) as app, running(app):
            await tg.wait_for(lambda: tg.webhook is not None, timeout=10)
            await wait_listening(port)
            assert tg.webhook is not None and tg.webhook.get("secret_token") == "s3cret-Token_1"
            async with httpx.AsyncClient() as client:
                wrong = await client.post(
                    url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}
                )
                missing = await client.post(url, json=update)
                right = await client.post(
                    url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"}
                )
            assert (wrong.status_code, missing.status_code, right.status_code) == (403, 403, 200)
            await tg.wait_for(lambda: len(tg.messages(ANN)) >= 1, timeout=10)
            assert texts(tg, ANN)[0].startswith("riskbot watches the news")
            assert len(tg.messages(ANN)) == 1


async def wait_listening(port: int, timeout: float = 10.0) -> None:
    """Until something accepts connections on 127.0.0.1:port."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(0.05)
        else:
            writer.close()
            await writer.wait_closed()
            return


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
