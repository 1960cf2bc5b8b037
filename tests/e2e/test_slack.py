"""Slack end to end: slack-bolt's AsyncApp and the real slack_sdk client against a fake Web API.

Signed slash commands work (also as ``/risk <command>``), unsigned or stale ones get 401; only
admins subscribe a channel; a hostile feed item reaches the channel once, escaped, as Block
Kit; the Acknowledge button updates the alert; Socket Mode answers the same commands.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from sqlmodel import select

from bot.app import App, build_app
from bot.db import Database
from bot.models import Delivery
from bot.service import run_forever
from tests.e2e.test_telegram import EMPTY_RSS, HOSTILE_RSS, OUTLETS, other_outlet, wait_listening
from tests.support.fake_slack import (
    FakeSlack,
    interaction_body,
    signed_headers,
    slash_command_body,
)
from tests.support.feedserver import FeedServer
from tests.support.riskbot import settings_for, write_feed_list

BOT_TOKEN = "xoxb-test-token-for-the-fake-only"
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
ADMIN, MEMBER = "UADMIN", "UMEMBER"
CHANNEL = "C0DESK"


@asynccontextmanager
async def running(app: App) -> AsyncIterator[None]:
    stop = asyncio.Event()
    task = asyncio.create_task(run_forever(app, stop))
    try:
        yield
    finally:
        stop.set()
        await asyncio.wait_for(task, 20)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def flat(blocks: list[Any] | None) -> str:
    return json.dumps(blocks or [], ensure_ascii=False)


async def test_signed_commands_subscription_alert_and_ack(db: Database, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/slack/events"
    async with FakeSlack(bot_token=BOT_TOKEN) as sl, FeedServer() as feeds:
        sl.set_admins([ADMIN])
        feed = feeds.add("/steppe.rss", EMPTY_RSS)
        others = [
            feeds.add(f"/o{n}.rss", other_outlet(o, story=False)) for n, o in enumerate(OUTLETS)
        ]
        settings = settings_for(
            db.url,
            write_feed_list(tmp_path, [feed, *others]),
            slack_bot_token=BOT_TOKEN,
            slack_signing_secret=SECRET,
            slack_api_url=sl.base_url,
            slack_http_listen="127.0.0.1",
            slack_http_port=port,
            console_alerts=False,
            poll_interval=2,
        )
        async with build_app(settings) as app, running(app), httpx.AsyncClient() as client:

            async def command(name: str, text: str, user: str, sink: str) -> httpx.Response:
                body = slash_command_body(name, text, user, CHANNEL, sl.response_url(sink))
                started = time.monotonic()
                response = await client.post(
                    url, content=body, headers=signed_headers(body, SECRET)
                )
                assert time.monotonic() - started < 3.0  # Slack's ack deadline
                return response

            await wait_listening(port)  # the HTTP endpoint starts with the service task

            body = slash_command_body("/status", "kazakhstan", ADMIN, CHANNEL, sl.response_url("x"))
            unsigned = await client.post(
                url, content=body, headers={"content-type": "application/x-www-form-urlencoded"}
            )
            stale = await client.post(
                url, content=body, headers=signed_headers(body, SECRET, int(time.time()) - 600)
            )
            forged = await client.post(url, content=body, headers=signed_headers(body, "wrong"))
            assert (unsigned.status_code, stale.status_code, forged.status_code) == (401, 401, 401)
            assert sl.responses("x") == []

            refused = await command("/subscribe", "kazakhstan", MEMBER, "member")
            assert refused.status_code == 200
            await sl.wait_for(lambda: sl.responses("member"), timeout=5)
            answer = sl.responses("member")[0]
            assert answer["response_type"] == "ephemeral"
            assert "Only the chat's admins" in answer["text"]

            ok = await command("/risk", "subscribe kazakhstan", ADMIN, "admin")
            assert ok.status_code == 200
            await sl.wait_for(lambda: sl.responses("admin"), timeout=5)
            assert sl.responses("admin")[0]["text"].startswith("Subscribed: Kazakhstan (KZ)")
            assert sl.responses("admin")[0]["response_type"] == "in_channel"

            feeds.add("/steppe.rss", HOSTILE_RSS)
            await sl.wait_for(lambda: sl.messages(CHANNEL), timeout=20)
            alert = sl.messages(CHANNEL)[0]
            blocks = flat(alert.blocks)
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in blocks
            assert "<script>" not in blocks and "<b>" not in blocks
            assert '<http://127.0.0.1/story?a=1&b=\\"2\\"|' in blocks
            assert "Steppe &amp; Co &lt;wire&gt;" in blocks
            assert alert.text is not None and "shoot_to_kill" in alert.text
            actions = [b for b in alert.blocks or [] if b["type"] == "actions"]
            value = actions[0]["elements"][0]["value"]

            for n, outlet in enumerate(OUTLETS):
                feeds.add(f"/o{n}.rss", other_outlet(outlet, story=True))
            await sl.wait_for(
                lambda: any(m.thread_ts == alert.ts for m in sl.messages(CHANNEL)), timeout=20
            )
            follow = next(m for m in sl.messages(CHANNEL) if m.thread_ts == alert.ts)
            assert (follow.text or "").startswith("↳ Confirmed by 3 sources (#")

            await command("/status", "kazakhstan", MEMBER, "status")
            await sl.wait_for(lambda: sl.responses("status"), timeout=5)
            status = sl.responses("status")[0]
            assert status["text"].startswith("Kazakhstan (KZ): ")
            assert "shoot_to_kill" in flat(status["blocks"])
            await sl.wait_for(lambda: sl.files(CHANNEL), timeout=10)  # the 30-day chart
            chart = sl.files(CHANNEL)[0]
            assert chart.data[:8] == b"\x89PNG\r\n\x1a\n" and chart.title.startswith("Kazakhstan")

            click = interaction_body(
                "ack",
                value,
                MEMBER,
                CHANNEL,
                alert.ts,
                sl.response_url("click"),
                message_text=alert.text or "",
            )
            pressed = await client.post(url, content=click, headers=signed_headers(click, SECRET))
            assert pressed.status_code == 200
            await sl.wait_for(lambda: sl.updates(CHANNEL), timeout=5)
            update = sl.updates(CHANNEL)[0]
            assert update.ts == alert.ts
            assert not [b for b in update.blocks or [] if b["type"] == "actions"]
            assert "acknowledged by" in flat(update.blocks)

            await asyncio.sleep(3)  # more polls and ticks: no alert is posted twice
            posted = [m.text or "" for m in sl.messages(CHANNEL)]
            numbers = [t.rsplit("#", 1)[-1] for t in posted]
            assert len(numbers) == len(set(numbers)), posted
            async with app.db.session() as session:
                sent = (await session.exec(select(Delivery).where(Delivery.status == "sent"))).all()
            assert len(posted) == len(sent), posted


async def test_socket_mode_answers_commands(db: Database, tmp_path: Path) -> None:
    async with FakeSlack(bot_token=BOT_TOKEN, app_token="xapp-1-test") as sl, FeedServer() as feeds:
        feed = feeds.add("/steppe.rss", EMPTY_RSS)
        settings = settings_for(
            db.url,
            write_feed_list(tmp_path, [feed]),
            slack_bot_token=BOT_TOKEN,
            slack_app_token="xapp-1-test",
            slack_api_url=sl.base_url,
            console_alerts=False,
        )
        async with build_app(settings) as app, running(app):
            await sl.wait_socket_connected(timeout=10)
            ack = await sl.push_socket_command("/risk", "triggers", user_id=MEMBER, channel_id="D1")
            assert "envelope_id" in ack
            await sl.wait_for(lambda: sl.responses(f"risk-{MEMBER}"), timeout=5)
            reply = sl.responses(f"risk-{MEMBER}")[0]
            assert reply["text"].startswith("riskbot detects 17 triggers")
            # A direct message manages its own subscriptions.
            await sl.push_socket_command(
                "/subscribe", "sahel coup", user_id=MEMBER, channel_id="D1"
            )
            await sl.wait_for(lambda: sl.responses(f"subscribe-{MEMBER}"), timeout=5)
            assert sl.responses(f"subscribe-{MEMBER}")[0]["text"].startswith("Subscribed: sahel")
