"""Sends alerts to Telegram chats and says, for every failure, what the worker should do."""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.models import Destination
from bot.sending import (
    DestinationMovedError,
    Outgoing,
    PartSent,
    PermanentSendError,
    RejectedMessageError,
    TransientSendError,
    send_parts,
)
from bot.telegram.render import MAX_MESSAGE, callback_data, render_html
from handlers.alerts import alert_card
from handlers.reply import Button, Reply

__all__ = ["TelegramSink", "keyboard", "retry_after_seconds", "translated_errors"]

PART_GAP = 1.05
GONE = ("chat not found", "user not found", "peer_id_invalid", "have no rights to send")


def keyboard(buttons: tuple[Button, ...]) -> InlineKeyboardMarkup | None:
    """One row of inline buttons, or None."""
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=callback_data(b)) for b in buttons]]
    )


def retry_after_seconds(exc: RetryAfter) -> float:
    """The wait Telegram asked for, in seconds, whichever type this PTB version gives."""
    with warnings.catch_warnings():  # the int form is deprecated since v22.2
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


@asynccontextmanager
async def translated_errors() -> AsyncIterator[None]:
    """Telegram's errors as the worker's: retry later, stop sending there, follow, or drop."""
    try:
        yield
    except RetryAfter as exc:
        raise TransientSendError(
            f"Telegram rate limit: retry after {retry_after_seconds(exc):.0f} s",
            retry_after=retry_after_seconds(exc),
        ) from exc
    except ChatMigrated as exc:
        raise DestinationMovedError(
            f"the group became a supergroup with id {exc.new_chat_id}", str(exc.new_chat_id)
        ) from exc
    except Forbidden as exc:
        raise PermanentSendError(f"Telegram refused: {exc.message}") from exc
    except InvalidToken as exc:
        raise TransientSendError(f"Telegram rejected the bot token: {exc.message}") from exc
    except BadRequest as exc:  # before NetworkError: BadRequest is a subclass of it
        if any(marker in exc.message.lower() for marker in GONE):
            raise PermanentSendError(f"Telegram: {exc.message}") from exc
        raise RejectedMessageError(f"Telegram refused the message: {exc.message}") from exc
    except NetworkError as exc:
        raise TransientSendError(f"Telegram unreachable: {exc.message}") from exc
    except TelegramError as exc:
        raise TransientSendError(f"Telegram error: {exc.message}") from exc


class TelegramSink:
    """A :class:`bot.sending.Sink` for Telegram: HTML, one Acknowledge button, threads by reply."""

    platform = "telegram"

    def __init__(self, bot: Bot, country_name: Callable[[str], str]) -> None:
        self._bot = bot
        self._country_name = country_name

    async def send(self, destination: Destination, message: Outgoing) -> str | None:
        """Send the alert; returns ``"<chat id>:<message id>"``."""
        card = alert_card(
            message.alert,
            self._country_name,
            followup_of=message.followup_of,
            escalated_after_minutes=message.escalated_after_minutes,
        )
        text = render_html(card)[0][:MAX_MESSAGE]
        reply_to = None
        if message.reply_to:
            chat, _, msg_id = message.reply_to.rpartition(":")
            if chat == destination.address and msg_id.isdigit():
                reply_to = ReplyParameters(int(msg_id), allow_sending_without_reply=True)
        async with translated_errors():
            sent = await self._bot.send_message(
                chat_id=destination.address,
                text=text,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(card.buttons),
                reply_parameters=reply_to,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        return f"{sent.chat_id}:{sent.message_id}"

    async def send_reply(
        self,
        destination: Destination,
        reply: Reply,
        *,
        start: int = 0,
        on_sent: PartSent | None = None,
    ) -> str | None:
        """Send a notice (digest, level change), split to Telegram's size limit, from part
        ``start`` on; ``on_sent`` hears of each part. Returns the first ``"<chat>:<message>"``."""

        async def send(text: str) -> str:
            async with translated_errors():
                sent = await self._bot.send_message(
                    chat_id=destination.address,
                    text=text,
                    parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                )
            return f"{sent.chat_id}:{sent.message_id}"

        # One message a second per chat between the parts.
        return await send_parts(
            render_html(reply), send, start=start, on_sent=on_sent, gap=PART_GAP
        )
