"""Sends alerts to Slack channels and says, for every failure, what the worker should do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiohttp import ClientError
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.models import Destination
from bot.sending import (
    Outgoing,
    PartSent,
    PermanentSendError,
    RejectedMessageError,
    TransientSendError,
    send_parts,
)
from bot.slack.render import render_block_parts, render_blocks
from handlers.alerts import alert_card
from handlers.reply import Reply

__all__ = ["SlackSink", "classify"]

PART_GAP = 1.05

GONE = frozenset({"channel_not_found", "is_archived", "not_in_channel", "restricted_action"})
# About the token, not the channel: every channel would fail alike, so wait and retry (and say
# so loudly) rather than switch every channel off after a botched token rotation.
TOKEN = frozenset(
    {
        "invalid_auth",
        "token_revoked",
        "account_inactive",
        "team_access_not_granted",
        "not_authed",
        "token_expired",
    }
)
REFUSED = frozenset(
    {"invalid_blocks", "msg_too_long", "msg_blocks_too_long", "no_text", "invalid_arguments"}
)
HINTS = {
    "not_in_channel": " (invite the bot to the channel, then /subscribe again)",
    "channel_not_found": " (the channel was deleted, or the bot cannot see it)",
    "is_archived": " (the channel is archived)",
}


def classify(exc: SlackApiError) -> Exception:
    """The worker's error for a Web API error."""
    status = exc.response.status_code
    error = str(exc.response.get("error", "unknown_error"))
    if status == 429 or error == "ratelimited":
        header = exc.response.headers.get("Retry-After") or exc.response.headers.get("retry-after")
        try:
            wait = float(header) if header is not None else 30.0
        except (TypeError, ValueError):
            wait = 30.0
        return TransientSendError(f"Slack rate limit: retry after {wait:.0f} s", retry_after=wait)
    if error in TOKEN:
        return TransientSendError(
            f"Slack rejected the bot token ({error}): check RISKBOT_SLACK_BOT_TOKEN",
            retry_after=300.0,
        )
    if error in GONE:
        return PermanentSendError(f"Slack: {error}{HINTS.get(error, '')}")
    if error in REFUSED:
        return RejectedMessageError(f"Slack refused the message: {error}")
    return TransientSendError(f"Slack error {status}: {error}")


class SlackSink:
    """A :class:`bot.sending.Sink` for Slack: Block Kit, an Acknowledge button, threads."""

    platform = "slack"

    def __init__(self, client: AsyncWebClient, country_name: Callable[[str], str]) -> None:
        self._client = client
        self._country_name = country_name

    async def send(self, destination: Destination, message: Outgoing) -> str | None:
        """Post the alert; returns ``"<channel>:<ts>"``."""
        card = alert_card(
            message.alert,
            self._country_name,
            followup_of=message.followup_of,
            escalated_after_minutes=message.escalated_after_minutes,
        )
        thread_ts = None
        if message.reply_to:
            channel, _, ts = message.reply_to.rpartition(":")
            thread_ts = ts if channel == destination.address and ts else None
        return await self._post(destination, *render_blocks(card), thread_ts)

    async def send_reply(
        self,
        destination: Destination,
        reply: Reply,
        *,
        start: int = 0,
        on_sent: PartSent | None = None,
    ) -> str | None:
        """Post a notice (digest, level change), split to Slack's limits, from part ``start``
        on; ``on_sent`` hears of each part. Returns the first ``"<channel>:<ts>"``."""

        async def post(part: tuple[str, list[dict[str, Any]]]) -> str:
            return await self._post(destination, *part, None)

        # About one message a second per channel between the parts.
        return await send_parts(
            render_block_parts(reply), post, start=start, on_sent=on_sent, gap=PART_GAP
        )

    async def _post(
        self,
        destination: Destination,
        text: str,
        blocks: list[dict[str, Any]],
        thread_ts: str | None,
    ) -> str:
        """``chat.postMessage`` with the worker's errors; returns ``"<channel>:<ts>"``."""
        try:
            response = await self._client.chat_postMessage(
                channel=destination.address,
                text=text,
                blocks=blocks,
                thread_ts=thread_ts,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            raise classify(exc) from exc
        except (ClientError, TimeoutError, OSError) as exc:
            raise TransientSendError(f"Slack unreachable: {type(exc).__name__}: {exc}") from exc
        channel = str(response.get("channel") or destination.address)
        return f"{channel}:{response.get('ts')}"
