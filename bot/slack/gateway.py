"""The Slack side of the service: slash commands and button presses in, replies out.

Every slash command is acknowledged at once (Slack allows 3 seconds), then answered through
``respond()`` (the command's ``response_url``). The same commands work as ``/risk <command>``.
Socket Mode (``RISKBOT_SLACK_APP_TOKEN``) is the default; without an app token the app serves
signed HTTP requests on ``RISKBOT_SLACK_HTTP_PORT`` at ``/slack/events`` and rejects unsigned or
stale ones with 401.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from aiohttp import web
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chart import ChartRenderer
from bot.models import utcnow
from bot.settings import Settings
from bot.slack.render import render_blocks
from handlers.alerts import ACK_ACTION
from handlers.reply import Chart
from handlers.request import Caller, ChatKind, ChatRef, CommandRequest
from handlers.router import COMMANDS, UMBRELLA, CommandRouter

__all__ = ["EVENTS_PATH", "SlackAuthorizer", "SlackGateway", "build_client"]

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
PLATFORM = "slack"


def build_client(settings: Settings) -> AsyncWebClient:
    """The Web API client at ``RISKBOT_SLACK_API_URL``; retries are the outbox's job, not its."""
    assert settings.slack_bot_token is not None
    client = AsyncWebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url,
        timeout=20,
    )
    client.retry_handlers = []  # a blind retry after a lost response would post twice
    return client


def chat_of(body: dict[str, Any]) -> ChatRef:
    """The channel of a slash command or of a button press."""
    channel = body.get("channel_id") or (body.get("channel") or {}).get("id") or ""
    name = body.get("channel_name") or (body.get("channel") or {}).get("name")
    private = str(channel).startswith("D") or name == "directmessage"
    kind = ChatKind.PRIVATE if private else ChatKind.GROUP
    return ChatRef(PLATFORM, str(channel), kind, name)


def caller_of(body: dict[str, Any]) -> Caller:
    """The user of a slash command (flat fields) or of a button press (``user`` object)."""
    user = body.get("user")
    if isinstance(user, dict):
        return Caller(
            str(user.get("id", "")),
            str(user.get("username") or user.get("name") or user.get("id", "")),
        )
    return Caller(
        str(body.get("user_id", "")), str(body.get("user_name") or body.get("user_id", ""))
    )


class SlackAuthorizer:
    """A direct message manages itself; channels: the configured user ids, else workspace
    admins and owners (``users.info``)."""

    def __init__(self, client: AsyncWebClient, allowed: frozenset[str] = frozenset()) -> None:
        self._client = client
        self._allowed = allowed

    async def may_manage(self, chat: ChatRef, caller: Caller) -> bool:
        """Whether the caller may change this channel's subscriptions."""
        if chat.platform != PLATFORM or not caller.user_id:
            return False
        if chat.kind == ChatKind.PRIVATE:
            return True
        if self._allowed:
            return caller.user_id in self._allowed
        try:
            info = await self._client.users_info(user=caller.user_id)
        except SlackApiError as exc:
            log.warning(
                "slack: could not check %s's rights: %s", caller.user_id, exc.response.get("error")
            )
            return False
        user = info.get("user") or {}
        return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))


class SlackGateway:
    """Registers the listeners on an ``AsyncApp`` and runs its transport."""

    def __init__(
        self,
        settings: Settings,
        client: AsyncWebClient,
        router: CommandRouter,
        *,
        charts: ChartRenderer | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._settings = settings
        self._router = router
        self._charts = charts or ChartRenderer()
        self._clock = clock
        secret = (
            settings.slack_signing_secret.get_secret_value()
            if settings.slack_signing_secret
            else ""
        )
        self.app = AsyncApp(
            client=client,
            signing_secret=secret,
            request_verification_enabled=settings.slack_app_token is None,
            process_before_response=False,
            name="riskbot",
        )
        for name in (*COMMANDS, UMBRELLA):
            self.app.command(f"/{name}")(self._on_command)
        self.app.action(ACK_ACTION)(self._on_ack)
        self.app.error(self._on_error)
        self._socket: AsyncSocketModeHandler | None = None
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Connect over Socket Mode, or start the HTTP endpoint."""
        token = self._settings.slack_app_token
        if token is not None:
            self._socket = AsyncSocketModeHandler(self.app, token.get_secret_value())
            await self._socket.connect_async()  # type: ignore[no-untyped-call]
            log.info("slack: connected over Socket Mode")
            return
        self._runner = web.AppRunner(self.app.web_app(path=EVENTS_PATH), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(
            self._runner, self._settings.slack_http_listen, self._settings.slack_http_port
        )
        await site.start()
        log.info(
            "slack: serving signed requests on %s:%s%s",
            self._settings.slack_http_listen,
            self._settings.slack_http_port,
            EVENTS_PATH,
        )

    async def stop(self) -> None:
        """Disconnect and stop serving."""
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _on_command(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        command = str(body.get("command", "")).lstrip("/")
        request = CommandRequest(
            command, str(body.get("text") or ""), chat_of(body), caller_of(body), self._clock()
        )
        reply = await self._router.handle(request)
        text, blocks = render_blocks(reply)
        await respond(
            text=text,
            blocks=blocks,
            response_type="in_channel" if reply.public else "ephemeral",
            replace_original=False,
        )
        if reply.chart is not None:
            await self._upload_chart(request.chat.address, reply.chart)

    async def _upload_chart(self, channel: str, chart: Chart) -> None:
        image = await self._charts.png(chart)
        try:
            await self.app.client.files_upload_v2(
                channel=channel, file=image, filename="risk-score.png", title=chart.title
            )
        except SlackApiError as exc:  # e.g. not_in_channel: the text answer already went out
            log.warning("slack: could not upload the chart: %s", exc.response.get("error"))

    async def _on_ack(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        actions = body.get("actions") or [{}]
        value = str(actions[0].get("value", ""))
        request = CommandRequest("ack", value, chat_of(body), caller_of(body), self._clock())
        reply = await self._router.handle(request)
        text, blocks = render_blocks(reply)
        message = body.get("message") or {}
        if reply.ok and message.get("ts"):
            # The alert keeps its text; the button gives way to who acknowledged it.
            kept = [b for b in message.get("blocks", []) if b.get("type") != "actions"]
            kept.append({"type": "context", "elements": [{"type": "mrkdwn", "text": text}]})
            try:
                await self.app.client.chat_update(
                    channel=chat_of(body).address,
                    ts=message["ts"],
                    text=message.get("text") or text,
                    blocks=kept,
                )
            except SlackApiError as exc:
                log.info("slack: could not update alert %s: %s", value, exc.response.get("error"))
        await respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)

    async def _on_error(
        self, error: Exception, body: dict[str, Any], respond: AsyncRespond
    ) -> None:
        log.error("slack: handling a request failed", exc_info=error)
        try:
            await respond(
                text="Sorry, that went wrong on our side; it has been logged. Please try again.",
                response_type="ephemeral",
                replace_original=False,
            )
        except Exception:  # the response_url may be missing or expired
            log.warning("slack: could not tell the user about the error")
