"""The fake Telegram and Slack servers, driven by the real python-telegram-bot and slack_sdk."""

from __future__ import annotations

import asyncio
import html
import json
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    ChatMigrated,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes
from telegram.request import HTTPXRequest

from tests.support.fake_slack import (
    FakeSlack,
    block_errors,
    interaction_body,
    signed_headers,
    slash_command_body,
)
from tests.support.fake_telegram import FakeTelegram, HtmlParseError, html_to_plain

TOKEN = "123456:TEST"
SECRET = "signing-secret"


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """RetryAfter.retry_after as a timedelta (the int form is deprecated since PTB 22.2)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=TOKEN) as fake:
        yield fake


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=tg.base_url, base_file_url=tg.base_file_url) as client:
        yield client


@pytest.fixture
async def sl() -> AsyncIterator[FakeSlack]:
    async with FakeSlack(bot_token="xoxb-test") as fake:
        yield fake


@pytest.fixture
def slack(sl: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token=sl.bot_token, base_url=sl.base_url)


# ================================================================================================
# Telegram
# ================================================================================================


async def test_send_message_with_html_markup_and_reply_is_recorded(
    tg: FakeTelegram, bot: Bot
) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Mute", callback_data="mute:kz")]])
    first = await bot.send_message(42, "<b>Alert</b> in <i>Kazakhstan</i>", parse_mode="HTML")
    reply = await bot.send_message(
        42, "details", reply_to_message_id=first.message_id, reply_markup=keyboard
    )

    assert first.text == "Alert in Kazakhstan" and first.from_user.username == bot.username
    assert reply.message_id == first.message_id + 1
    sent = tg.messages(42)
    assert [m.plain for m in sent] == ["Alert in Kazakhstan", "details"]
    assert sent[0].text == "<b>Alert</b> in <i>Kazakhstan</i>" and sent[0].parse_mode == "HTML"
    assert sent[1].reply_to_message_id == first.message_id
    assert sent[1].reply_markup == {
        "inline_keyboard": [[{"text": "Mute", "callback_data": "mute:kz"}]]
    }
    # PTB 22 turns reply_to_message_id into reply_parameters JSON
    assert json.loads(sent[1].params["reply_parameters"]) == {"message_id": first.message_id}
    assert "reply_to_message_id" not in sent[1].params
    with pytest.raises(BadRequest, match="(?i)message to be replied not found"):
        await bot.send_message(42, "x", reply_to_message_id=999)


async def test_hostile_feed_text_escaped_arrives_as_literal_text(
    tg: FakeTelegram, bot: Bot
) -> None:
    hostile = "<script>alert('x')</script> & Côte <d'Ivoire> &nbsp;"
    await bot.send_message(7, f"<b>{html.escape(hostile)}</b>", parse_mode="HTML")
    assert tg.messages(7)[0].plain == hostile


async def test_unescaped_markup_is_refused_and_not_delivered(tg: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="(?i)can't parse entities: unsupported start tag"):
        await bot.send_message(7, "<script>alert(1)</script>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)can't parse entities"):
        await bot.send_message(7, "AT&T", parse_mode="HTML")
    await bot.send_message(7, "<script> is fine without a parse mode")
    assert [m.plain for m in tg.messages(7)] == ["<script> is fine without a parse mode"]
    assert tg.calls[-2].status == 400


@pytest.mark.parametrize(
    ("markup", "plain"),
    [
        ("<b>bold <i>both</i></b> &lt;tag&gt; &amp; &quot;q&quot;", 'bold both <tag> & "q"'),
        ("<a href='https://e.com/?a=1&amp;b=2'>link</a> &#65;&#x42;", "link AB"),
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st"),
        ('<pre><code class="language-python">x = 1 > 0</code></pre>', "x = 1 > 0"),
        (
            "<blockquote expandable>quote</blockquote> <tg-emoji emoji-id='5'>👍</tg-emoji>",
            "quote 👍",
        ),
        ("<B>upper case tags</B></>", None),
        ("  padded  ", "padded"),
    ],
)
def test_html_parser_accepts_telegram_html(markup: str, plain: str | None) -> None:
    if plain is None:
        with pytest.raises(HtmlParseError, match="Unexpected end tag"):
            html_to_plain(markup)
    else:
        assert html_to_plain(markup).strip() == plain


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'expected "</i>", found "</b>"'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("é<br>", 'Unsupported start tag "br" at byte offset 2'),
        ("<span>x</span>", 'must have class "tg-spoiler"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<a href='x", "Unclosed start tag"),
        ("fish & chips", 'bare "&" at byte offset 5'),
        ("&nbsp;", 'bare "&"'),
        ("&#0;", 'bare "&"'),
    ],
)
def test_html_parser_refuses_what_telegram_refuses(markup: str, message: str) -> None:
    with pytest.raises(HtmlParseError, match="can't parse entities") as caught:
        html_to_plain(markup)
    assert message in str(caught.value)


def test_bare_ampersand_can_be_kept_as_telegram_does() -> None:
    assert html_to_plain("AT&T &nbsp;", strict_ampersand=False) == "AT&T &nbsp;"


async def test_text_and_caption_limits(tg: FakeTelegram, bot: Bot) -> None:
    long_markup = "<b>" + "&amp;" * 4096 + "</b>"  # 4096 characters once parsed
    await bot.send_message(1, long_markup, parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await bot.send_message(1, "x" * 4097)
    with pytest.raises(BadRequest, match="(?i)message text is empty"):
        await bot.send_message(1, "   ")
    with pytest.raises(BadRequest, match="(?i)caption is too long"):
        await bot.send_photo(1, b"\x89PNG", caption="c" * 1025)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await bot.send_message(1, "buttons", reply_markup=keyboard)
    assert [len(m.plain) for m in tg.messages(1)] == [4096]


async def test_persistent_chat_failures(tg: FakeTelegram, bot: Bot) -> None:
    tg.fail_chat(1, "blocked")
    tg.fail_chat(-2, "kicked")
    tg.fail_chat(3, "not_found")
    tg.fail_chat(-4, ("migrate", -1004))
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_message(1, "x")
    with pytest.raises(Forbidden, match="kicked from the group chat"):
        await bot.send_message(-2, "x")
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.send_message(3, "x")
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(-4, "x")
    assert migrated.value.new_chat_id == -1004
    assert tg.messages() == []
    tg.fail_chat(1, None)
    await bot.send_message(1, "unblocked")
    assert len(tg.messages(1)) == 1


async def test_scripted_faults_are_one_shot_and_deliver_nothing(tg: FakeTelegram, bot: Bot) -> None:
    tg.script(5, [("429", 3), "500", "drop", "ok", "blocked"])
    with pytest.raises(RetryAfter) as limited:
        await bot.send_message(5, "a")
    assert limited.value.retry_after == timedelta(seconds=3)
    with pytest.raises(NetworkError) as server_error:
        await bot.send_message(5, "b")
    assert not isinstance(server_error.value, BadRequest)
    with pytest.raises(NetworkError):
        await bot.send_message(5, "c")
    await bot.send_message(5, "d")  # "ok": a gap in the script
    with pytest.raises(Forbidden):
        await bot.send_message(5, "e")
    await bot.send_message(5, "f")
    assert [m.plain for m in tg.messages(5)] == ["d", "f"]
    assert [c.status for c in tg.calls_to("sendMessage")] == [429, 500, 0, 200, 403, 200]
    assert tg.faults_injected == {"429": 1, "500": 1, "drop": 1, "blocked": 1}


async def test_lost_response_and_timeout(tg: FakeTelegram) -> None:
    request = HTTPXRequest(read_timeout=0.3)
    async with Bot(TOKEN, base_url=tg.base_url, request=request) as quick:
        tg.script(9, ["drop_after_delivery", ("timeout", 5)])
        with pytest.raises(NetworkError):
            await quick.send_message(9, "delivered, but the answer was lost")
        started = time.monotonic()
        with pytest.raises(TimedOut):
            await quick.send_message(9, "stalls")
        assert time.monotonic() - started < 2
    assert [m.plain for m in tg.messages(9)] == ["delivered, but the answer was lost"]


async def test_per_chat_flood_limit(tg: FakeTelegram, bot: Bot) -> None:
    tg.enforce_limits(per_chat_interval=1.0)
    await bot.send_message(1, "first")
    with pytest.raises(RetryAfter) as limited:
        await bot.send_message(1, "too soon")
    assert limited.value.retry_after == timedelta(seconds=1)
    await bot.send_message(2, "another chat is fine")
    assert [m.plain for m in tg.messages(1)] == ["first"] and tg.count_429 == 1


async def test_overall_flood_limit_refuses_the_31st_message(tg: FakeTelegram, bot: Bot) -> None:
    tg.enforce_limits()
    outcomes = []
    for chat in range(1, 32):
        try:
            await bot.send_message(chat, "burst")
            outcomes.append("sent")
        except RetryAfter:
            outcomes.append("429")
    assert outcomes == ["sent"] * 30 + ["429"]
    assert tg.count_429 == 1 and len(tg.messages()) == 30


async def test_group_flood_limit(tg: FakeTelegram, bot: Bot) -> None:
    tg.enforce_limits(per_chat_interval=None, overall_per_second=None, group_per_minute=20)
    for n in range(20):
        await bot.send_message(-100123, f"group {n}")
    with pytest.raises(RetryAfter) as limited:
        await bot.send_message(-100123, "the 21st")
    assert timedelta(seconds=55) <= limited.value.retry_after <= timedelta(seconds=60)
    await bot.send_message(42, "private chats are not limited per minute")
    assert len(tg.messages(-100123)) == 20


async def _random_run(seed: int) -> tuple[list[str], int]:
    async with FakeTelegram(token=TOKEN) as fake:
        fake.random_faults(seed, p429=0.2, p500=0.15, pdrop=0.1, retry_after=2)
        async with Bot(TOKEN, base_url=fake.base_url) as client:
            outcomes = []
            for chat in range(1, 41):
                try:
                    await client.send_message(chat, "x")
                    outcomes.append("sent")
                except RetryAfter:
                    outcomes.append("429")
                except NetworkError:
                    outcomes.append("error")
        delivered = {m.chat_id for m in fake.messages()}
        expected = {chat for chat, outcome in enumerate(outcomes, 1) if outcome == "sent"}
        assert delivered == expected  # exactly the successful sends were delivered
        return outcomes, len(delivered)


async def test_random_faults_are_reproducible() -> None:
    first, delivered = await _random_run(seed=11)
    second, _ = await _random_run(seed=11)
    assert first == second
    assert {"sent", "429", "error"} <= set(first) and 10 < delivered < 40


async def test_get_updates_long_poll_and_command_entity(tg: FakeTelegram, bot: Bot) -> None:
    pushed = tg.push_message(42, 42, "/status@riskbot_test_bot kazakhstan", username="alice")
    updates = await bot.get_updates(timeout=1)
    assert [u.update_id for u in updates] == [pushed["update_id"]]
    message = updates[0].message
    assert message.text == "/status@riskbot_test_bot kazakhstan"
    assert message.parse_entities(["bot_command"]) == {
        message.entities[0]: "/status@riskbot_test_bot"
    }
    assert Update.de_json(pushed, bot).message.from_user.username == "alice"

    async def push_later() -> None:
        await asyncio.sleep(0.2)
        tg.push_message(-100200, 7, "/help", chat_type="supergroup")

    started = time.monotonic()
    pusher = asyncio.create_task(push_later())
    updates = await bot.get_updates(offset=pushed["update_id"] + 1, timeout=5)
    await pusher
    assert 0.15 < time.monotonic() - started < 2  # answered as soon as the update was queued
    assert updates[0].message.chat.type == "supergroup" and updates[0].message.text == "/help"
    assert [u["update_id"] for u in tg.pending_updates()] == [updates[0].update_id]
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()
    assert tg.pending_updates() == []


async def test_polling_application_runs_a_command_handler(tg: FakeTelegram) -> None:
    async def status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        place = html.escape(" ".join(context.args or []))
        await update.message.reply_html(f"<b>Status</b> for {place}", do_quote=True)

    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(tg.base_url)
        .base_file_url(tg.base_file_url)
        .job_queue(None)
        .build()
    )
    app.add_handler(CommandHandler("status", status))
    async with app:
        await app.start()
        await app.updater.start_polling()
        pushed = tg.push_message(-100300, 7, "/status@riskbot_test_bot kazakhstan")
        await tg.wait_for(lambda: len(tg.messages(-100300)) == 1, timeout=5)
        await app.updater.stop()
        await app.stop()
    [reply] = tg.messages(-100300)
    assert reply.plain == "Status for kazakhstan"
    assert reply.reply_to_message_id == pushed["message"]["message_id"]
    assert [c.method for c in tg.calls[:2]] == ["getMe", "deleteWebhook"]


async def test_chat_members_and_admins(tg: FakeTelegram, bot: Bot) -> None:
    tg.set_admins(-100400, [10, 11])
    assert (await bot.get_chat_member(-100400, 10)).status == "creator"
    assert (await bot.get_chat_member(-100400, 11)).status == "administrator"
    assert (await bot.get_chat_member(-100400, 12)).status == "member"
    assert (await bot.get_chat_member(55, 55)).status == "member"  # the user of a private chat
    admins = await bot.get_chat_administrators(-100400)
    assert [a.user.id for a in admins] == [10, 11]
    chat = await bot.get_chat(-100400)
    assert chat.type == "supergroup"


async def test_photo_and_document_uploads(tg: FakeTelegram, bot: Bot) -> None:
    photo = await bot.send_photo(3, b"\x89PNG fake image", caption="<i>map</i>", parse_mode="HTML")
    await bot.send_document(3, b"a,b\n1,2\n", filename="alerts.csv", caption="export")
    [sent_photo, sent_doc] = tg.messages(3)
    assert sent_photo.method == "sendPhoto" and sent_photo.plain == "map"
    assert sent_photo.file is not None and sent_photo.file.size == len(b"\x89PNG fake image")
    assert sent_doc.file is not None and sent_doc.file.filename == "alerts.csv"
    assert sent_doc.file.size == 8 and sent_doc.caption == "export"
    downloaded = await (await bot.get_file(photo.photo[-1].file_id)).download_as_bytearray()
    assert bytes(downloaded) == b"\x89PNG fake image"


async def test_edits_callbacks_and_deletes(tg: FakeTelegram, bot: Bot) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ack", callback_data="ack:1")]])
    message = await bot.send_message(8, "alert", reply_markup=keyboard)
    edited = await bot.edit_message_text(
        "<s>alert</s> acknowledged", 8, message.message_id, parse_mode="HTML"
    )
    assert edited.text == "alert acknowledged"
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_text("alert acknowledged", 8, message.message_id)
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("x", 8, 999)
    await bot.edit_message_reply_markup(8, message.message_id, reply_markup=keyboard)
    assert [e.method for e in tg.edits(8)] == ["editMessageText", "editMessageReplyMarkup"]

    update = tg.push_callback(8, 8, message.message_id, "ack:1")
    [received] = await bot.get_updates()
    assert received.callback_query.data == "ack:1"
    assert received.callback_query.message.message_id == message.message_id
    assert await bot.answer_callback_query(update["callback_query"]["id"], text="done")
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await bot.answer_callback_query(update["callback_query"]["id"])

    assert await bot.delete_message(8, message.message_id)
    assert tg.messages(8)[0].deleted
    with pytest.raises(BadRequest, match="(?i)message to delete not found"):
        await bot.delete_message(8, message.message_id)


async def test_unknown_method_wrong_token_and_webhook_conflict(tg: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("noSuchMethod")
    assert tg.calls[-1].status == 404
    stranger = Bot("999:WRONG", base_url=tg.base_url)
    with pytest.raises(InvalidToken):
        await stranger.initialize()  # getMe
    await stranger.shutdown()
    assert tg.calls[-1].status == 401
    assert await bot.set_webhook("https://example.invalid/hook", secret_token="s3cret")
    assert (await bot.get_webhook_info()).url == "https://example.invalid/hook"
    with pytest.raises(Exception, match="(?i)conflict|webhook is active"):
        await bot.get_updates()
    assert await bot.set_my_commands([("status", "Status of a country")])
    assert [c.command for c in await bot.get_my_commands()] == ["status"]


async def test_threaded_fake_for_other_processes() -> None:
    tg = FakeTelegram(token=TOKEN).start_in_thread()
    try:
        async with Bot(TOKEN, base_url=tg.base_url) as client:
            waiting = asyncio.create_task(client.get_updates(timeout=5))
            await asyncio.sleep(0.1)
            await asyncio.to_thread(tg.push_message, 5, 5, "/start")  # from a third thread
            [update] = await asyncio.wait_for(waiting, 3)
            assert update.message.text == "/start"
            await client.send_message(5, "welcome")
        await asyncio.to_thread(tg.wait_for_sync, lambda: len(tg.messages(5)) == 1, 2.0)
        assert tg.calls[-1].method == "sendMessage" and tg.calls[-1].status == 200
    finally:
        tg.stop()


# ================================================================================================
# Slack
# ================================================================================================


async def test_post_message_with_blocks_and_thread_is_recorded(
    sl: FakeSlack, slack: AsyncWebClient
) -> None:
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Alert: Kazakhstan"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "*Protests* in Almaty"}},
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Mute"},
                    "action_id": "mute",
                    "value": "kz",
                }
            ],
        },
    ]
    first = await slack.chat_postMessage(channel="C1", text="Alert", blocks=blocks)
    second = await slack.chat_postMessage(
        channel="C1", text="more", thread_ts=first["ts"], unfurl_links=False
    )
    assert float(second["ts"]) > float(first["ts"]) and first["channel"] == "C1"
    [top, threaded] = sl.messages("C1")
    assert top.blocks == blocks and top.text == "Alert" and top.ts == first["ts"]
    assert threaded.thread_ts == first["ts"] and threaded.params["unfurl_links"] is False
    # form-encoded bodies work too (blocks as a JSON string)
    await slack.api_call(
        "chat.postMessage", data={"channel": "C2", "blocks": json.dumps(blocks[:1])}
    )
    assert sl.messages("C2")[0].blocks == blocks[:1]
    assert sl.calls[0].method == "chat.postMessage" and sl.calls[0].channel == "C1"

    updated = await slack.chat_update(channel="C1", ts=first["ts"], text="Alert (resolved)")
    assert updated["ts"] == first["ts"]
    assert [u.text for u in sl.updates("C1")] == ["Alert (resolved)"]
    link = await slack.chat_getPermalink(channel="C1", message_ts=first["ts"])
    assert link["permalink"].endswith(first["ts"].replace(".", ""))
    await slack.chat_postEphemeral(channel="C1", user="U9", text="only you")
    assert sl.ephemerals("C1")[0].user == "U9"


async def test_channel_failures(sl: FakeSlack, slack: AsyncWebClient) -> None:
    for channel, kind in [
        ("C1", "channel_not_found"),
        ("C2", "not_in_channel"),
        ("C3", "is_archived"),
        ("C4", "account_inactive"),
    ]:
        sl.fail_channel(channel, kind)
        with pytest.raises(SlackApiError) as failed:
            await slack.chat_postMessage(channel=channel, text="x")
        assert failed.value.response["error"] == kind
        assert failed.value.response.status_code == 200
    info = await slack.conversations_info(channel="C3")
    assert info["channel"]["is_archived"] is True
    assert (await slack.conversations_info(channel="C2"))["channel"]["is_member"] is False
    assert sl.messages() == []


async def test_rate_limits_scripted_and_enforced(sl: FakeSlack, slack: AsyncWebClient) -> None:
    sl.script("C1", [("429", 7), "500"])
    with pytest.raises(SlackApiError) as limited:
        await slack.chat_postMessage(channel="C1", text="x")
    assert limited.value.response.status_code == 429
    assert limited.value.response.headers["Retry-After"] == "7"
    assert limited.value.response["error"] == "ratelimited"
    with pytest.raises(SlackApiError) as server_error:
        await slack.chat_postMessage(channel="C1", text="x")
    assert server_error.value.response.status_code == 500
    assert sl.messages() == []

    sl.enforce_limits(per_channel_interval=1.0)
    await slack.chat_postMessage(channel="C1", text="first")
    with pytest.raises(SlackApiError) as too_soon:
        await slack.chat_postMessage(channel="C1", text="too soon")
    assert too_soon.value.response.status_code == 429
    await slack.chat_postMessage(channel="C2", text="other channel")
    assert sl.count_429 == 1 and [m.text for m in sl.messages("C1")] == ["first"]


async def test_dropped_connections_and_slack_sdk_retry(
    sl: FakeSlack, slack: AsyncWebClient
) -> None:
    # slack_sdk retries a dropped connection once by default: a plain drop heals ...
    sl.script("C1", ["drop"])
    await slack.chat_postMessage(channel="C1", text="once")
    assert [m.text for m in sl.messages("C1")] == ["once"]
    # ... but a response lost after delivery becomes a duplicate post
    sl.script("C1", ["drop_after_delivery"])
    await slack.chat_postMessage(channel="C1", text="twice")
    assert [m.text for m in sl.messages("C1")] == ["once", "twice", "twice"]
    assert [c.status for c in sl.calls_to("chat.postMessage")] == [0, 200, 0, 200]


@pytest.mark.parametrize(
    ("blocks", "error"),
    [
        ([{"type": "divider"}] * 51, "invalid_blocks"),
        ([{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}], "invalid_blocks"),
        ([{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}], "invalid_blocks"),
        (
            [{"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11}],
            "invalid_blocks",
        ),
        (
            [
                {
                    "type": "actions",
                    "elements": [
                        {"type": "button", "text": {"type": "plain_text", "text": "b" * 76}}
                    ],
                }
            ],
            "invalid_blocks",
        ),
        (
            [
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "text": {"type": "plain_text", "text": "ok"},
                            "value": "v" * 2001,
                        }
                    ],
                }
            ],
            "invalid_blocks",
        ),
        (
            [{"type": "section", "text": {"type": "mrkdwn", "text": "y" * 2900}}] * 5,
            "msg_blocks_too_long",
        ),
        ([{"type": "no_such_block"}], "invalid_blocks"),
    ],
)
async def test_block_kit_limits(
    sl: FakeSlack, slack: AsyncWebClient, blocks: list[dict[str, Any]], error: str
) -> None:
    with pytest.raises(SlackApiError) as refused:
        await slack.chat_postMessage(channel="C1", text="fallback", blocks=blocks)
    assert refused.value.response["error"] == error
    assert sl.messages() == []


async def test_block_kit_error_details_and_no_text(sl: FakeSlack, slack: AsyncWebClient) -> None:
    problem = block_errors([{"type": "section", "text": {"type": "mrkdwn", "text": ""}}])
    assert problem is not None and "[json-pointer:/blocks/0/text/text]" in problem[1][0]
    with pytest.raises(SlackApiError) as empty, pytest.warns(UserWarning, match="text"):
        await slack.chat_postMessage(channel="C1")
    assert empty.value.response["error"] == "no_text"


async def test_files_upload_v2_end_to_end(sl: FakeSlack, slack: AsyncWebClient) -> None:
    data = b"country,alerts\nKZ,3\n"
    result = await slack.files_upload_v2(
        channel="C1", content=data, filename="alerts.csv", title="Alerts", initial_comment="Daily"
    )
    assert result["file"]["id"].startswith("F")
    [shared] = sl.files("C1")
    assert (shared.filename, shared.title, shared.size, shared.data) == (
        "alerts.csv",
        "Alerts",
        len(data),
        data,
    )
    assert shared.initial_comment == "Daily"
    methods = [c.method for c in sl.calls]
    assert methods == ["files.getUploadURLExternal", "upload", "files.completeUploadExternal"]


async def test_auth_and_users(sl: FakeSlack) -> None:
    wrong = AsyncWebClient(token="xoxb-wrong", base_url=sl.base_url)
    with pytest.raises(SlackApiError) as denied:
        await wrong.auth_test()
    assert denied.value.response["error"] == "invalid_auth"
    client = AsyncWebClient(token=sl.bot_token, base_url=sl.base_url)
    assert (await client.auth_test())["user_id"] == "UBOT"
    with pytest.raises(SlackApiError) as wrong_kind:
        await client.apps_connections_open(app_token=sl.bot_token)
    assert wrong_kind.value.response["error"] == "not_allowed_token_type"
    sl.set_admins(["U1"], owners=["U0"])
    user = (await client.users_info(user="U1"))["user"]
    owner = (await client.users_info(user="U0"))["user"]
    plain = (await client.users_info(user="U2"))["user"]
    assert (user["is_admin"], user["is_owner"]) == (True, False)
    assert (owner["is_admin"], owner["is_owner"]) == (True, True)
    assert (plain["is_admin"], plain["is_owner"]) == (False, False)


def test_signed_headers_verify_with_slack_sdk() -> None:
    body = slash_command_body("/risk", "status kazakhstan", "U1", "C1", "http://127.0.0.1/resp/1")
    headers = signed_headers(body, SECRET)
    verifier = SignatureVerifier(SECRET)
    assert verifier.is_valid_request(body, headers)
    assert not verifier.is_valid_request(body + "&x=1", headers)
    stale = signed_headers(body, SECRET, timestamp=int(time.time()) - 600)
    assert not verifier.is_valid_request(body, stale)


async def test_response_url_sink(sl: FakeSlack) -> None:
    webhook = AsyncWebhookClient(sl.response_url("cmd-1"))
    response = await webhook.send(text="done", response_type="ephemeral")
    assert response.status_code == 200
    assert sl.responses("cmd-1") == [{"text": "done", "response_type": "ephemeral"}]
    assert sl.responses("other") == []


async def test_bolt_over_http_with_signed_command_and_button(sl: FakeSlack) -> None:
    client = AsyncWebClient(token=sl.bot_token, base_url=sl.base_url)
    app = AsyncApp(signing_secret=SECRET, client=client)

    @app.command("/risk")
    async def risk(ack: AsyncAck, respond: AsyncRespond, command: dict[str, Any]) -> None:
        await ack(f"Looking up {command['text']}…")
        await respond(f"status for {command['text']}: 0 alerts")

    @app.action("mute")
    async def mute(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        await respond(f"muted {body['actions'][0]['value']}")

    body = slash_command_body("/risk", "kazakhstan", "U1", "C1", sl.response_url("cmd"))
    answer = await app.async_dispatch(
        AsyncBoltRequest(body=body, headers=signed_headers(body, SECRET))
    )
    assert answer.status == 200 and "Looking up kazakhstan" in answer.body
    bad = await app.async_dispatch(AsyncBoltRequest(body=body, headers=signed_headers(body, "x")))
    assert bad.status == 401

    click = interaction_body("mute", "kz", "U1", "C1", "1700000001.000100", sl.response_url("btn"))
    clicked = await app.async_dispatch(
        AsyncBoltRequest(body=click, headers=signed_headers(click, SECRET))
    )
    assert clicked.status == 200
    await sl.wait_for(lambda: sl.responses("cmd") and sl.responses("btn"), timeout=3)
    assert sl.responses("cmd")[0]["text"] == "status for kazakhstan: 0 alerts"
    assert sl.responses("btn")[0]["text"] == "muted kz"


async def _socket_app(sl: FakeSlack) -> tuple[AsyncApp, AsyncSocketModeHandler]:
    client = AsyncWebClient(token=sl.bot_token, base_url=sl.base_url)
    app = AsyncApp(client=client)

    @app.command("/risk")
    async def risk(ack: AsyncAck, respond: AsyncRespond, command: dict[str, Any]) -> None:
        await ack(f"Looking up {command['text']}")
        await respond("done")

    @app.action("mute")
    async def mute(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        await respond(f"muted {body['actions'][0]['value']}")

    handler = AsyncSocketModeHandler(app, sl.app_token)
    await handler.connect_async()
    return app, handler


async def test_socket_mode_command_ack_and_respond(sl: FakeSlack) -> None:
    _, handler = await _socket_app(sl)
    try:
        await sl.wait_socket_connected()
        ack = await sl.push_socket_command("/risk", "status kazakhstan", "U1", "C1")
        assert ack["payload"] == {"text": "Looking up status kazakhstan"}
        await sl.wait_for(lambda: bool(sl.responses("risk-U1")), timeout=3)
        assert sl.responses("risk-U1") == [{"text": "done"}]
        assert sl.calls_to("apps.connections.open")[0].status == 200
        clicked = await sl.push_socket_action("mute", "kz", "U1", "C1", "1700000001.000100")
        assert "envelope_id" in clicked
        await sl.wait_for(lambda: sl.responses("mute-U1"), timeout=3)
        assert sl.responses("mute-U1") == [{"text": "muted kz"}]
    finally:
        await handler.close_async()


async def test_threaded_slack_fake_with_socket_mode() -> None:
    sl = FakeSlack().start_in_thread()
    try:
        _, handler = await _socket_app(sl)
        try:
            await sl.wait_socket_connected()
            ack = await asyncio.to_thread(sl.push_socket_command_sync, "/risk", "kz", "U2")
            assert ack["payload"]["text"] == "Looking up kz"
            await asyncio.to_thread(sl.wait_for_sync, lambda: bool(sl.responses("risk-U2")), 3.0)
        finally:
            await handler.close_async()
    finally:
        sl.stop()
