"""The Telegram side of the service: commands and button presses in, replies out.

python-telegram-bot's ``Application`` is started by hand inside our event loop (``initialize``,
``start``, then polling or a webhook) and stopped in reverse. Long polling is the default; a
webhook with a secret token (``RISKBOT_TELEGRAM_WEBHOOK_URL``) lets several replicas share the
bot behind a load balancer, because only one process may long-poll a token.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable

from telegram import BotCommand, LinkPreviewOptions, ReplyParameters, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.chart import ChartRenderer
from bot.leadership import Leadership
from bot.models import utcnow
from bot.settings import Settings
from bot.telegram.render import CALLBACK_SEPARATOR, render_html
from bot.telegram.sender import keyboard
from bot.telegram.updates import ANONYMOUS_ADMIN_ID, caller_of, chat_ref, command_request
from handlers.alerts import ACK_ACTION
from handlers.reply import Reply
from handlers.request import Caller, ChatKind, ChatRef, CommandRequest
from handlers.router import COMMANDS, CommandRouter

__all__ = ["TelegramAuthorizer", "TelegramGateway", "build_application"]

log = logging.getLogger(__name__)

LEADERSHIP_RETRY = 15.0
ADMIN_STATUSES = frozenset({"creator", "administrator"})
UPDATES = ["message", "callback_query"]


def build_application(settings: Settings) -> Application:  # type: ignore[type-arg]
    """The PTB application pointed at ``RISKBOT_TELEGRAM_API_URL``; no job queue (we schedule)."""
    assert settings.telegram_token is not None
    # Opt in to PTB's future time type (timedelta for retry_after), which also silences the
    # deprecation warning PTB 22 raises for every 429 otherwise.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    base = settings.telegram_api_url.rstrip("/")
    file_base = base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file"
    return (
        ApplicationBuilder()
        .token(settings.telegram_token.get_secret_value())
        .base_url(base)
        .base_file_url(file_base)
        .job_queue(None)
        .connection_pool_size(64)
        .pool_timeout(30.0)
        .connect_timeout(10.0)
        .read_timeout(20.0)
        .write_timeout(20.0)
        .get_updates_read_timeout(40.0)
        .build()
    )


class TelegramAuthorizer:
    """Private chats manage themselves; in groups, chat admins (or the configured user ids)."""

    def __init__(self, app: Application, allowed: frozenset[str] = frozenset()) -> None:  # type: ignore[type-arg]
        self._app = app
        self._allowed = allowed

    async def may_manage(self, chat: ChatRef, caller: Caller) -> bool:
        """Ask Telegram whether the caller administers the chat."""
        if chat.platform != "telegram":
            return False
        if chat.kind == ChatKind.PRIVATE:
            return chat.address == caller.user_id
        if caller.user_id in self._allowed:
            return True
        if caller.user_id == str(ANONYMOUS_ADMIN_ID):
            return True  # only admins can post anonymously
        if not caller.user_id.lstrip("-").isdigit():
            return False
        try:
            member = await self._app.bot.get_chat_member(int(chat.address), int(caller.user_id))
        except TelegramError as exc:
            log.warning("could not check admin rights in chat %s: %s", chat.address, exc)
            return False
        return member.status in ADMIN_STATUSES


class TelegramGateway:
    """Receives commands and button presses and answers them through the router."""

    def __init__(
        self,
        app: Application,  # type: ignore[type-arg]
        router: CommandRouter,
        settings: Settings,
        *,
        leadership: Leadership | None = None,
        charts: ChartRenderer | None = None,
        clock: Callable[[], object] = utcnow,
    ) -> None:
        self._app = app
        self._charts = charts or ChartRenderer()
        self._leadership = leadership
        self._polling: asyncio.Task[None] | None = None
        self._router = router
        self._settings = settings
        self._clock = clock
        app.add_handler(MessageHandler(filters.COMMAND, self._on_command))
        app.add_handler(CallbackQueryHandler(self._on_button))
        app.add_error_handler(self._on_error)

    async def start(self) -> None:
        """Start receiving updates (the bot itself was initialised by the composition root)."""
        await self._app.start()
        await self._app.bot.set_my_commands(
            [BotCommand(spec.name, spec.summary) for spec in COMMANDS.values()]
        )
        updater = self._app.updater
        assert updater is not None
        url = self._settings.telegram_webhook_url
        if url:
            secret = self._settings.telegram_webhook_secret
            assert secret is not None
            await updater.start_webhook(
                listen=self._settings.telegram_webhook_listen,
                port=self._settings.telegram_webhook_port,
                url_path=self._settings.telegram_webhook_path.strip("/"),
                webhook_url=url,
                secret_token=secret.get_secret_value(),
                allowed_updates=UPDATES,
            )
            log.info(
                "telegram: webhook on %s:%s",
                self._settings.telegram_webhook_listen,
                self._settings.telegram_webhook_port,
            )
        else:
            self._polling = asyncio.create_task(self._poll_when_leading())

    async def _poll_when_leading(self) -> None:
        """Long-poll once this replica leads: Telegram allows one getUpdates consumer per token
        ("Conflict: terminated by other getUpdates request")."""
        updater = self._app.updater
        assert updater is not None
        while True:
            try:
                leading = self._leadership is None or await self._leadership.try_acquire()
            except Exception:  # the database is briefly away: try again later
                log.exception("telegram: could not ask who polls")
                leading = False
            if leading:
                await updater.start_polling(
                    allowed_updates=UPDATES, error_callback=self._poll_error
                )
                log.info("telegram: long polling started")
                return
            log.info(
                "telegram: another replica polls for updates; this one sends alerts and waits "
                "(set RISKBOT_TELEGRAM_WEBHOOK_URL to let every replica take updates)"
            )
            await asyncio.sleep(LEADERSHIP_RETRY)

    async def stop(self) -> None:
        """Stop receiving, then stop the application (the bot is shut down by its owner)."""
        if self._polling is not None:
            self._polling.cancel()
            await asyncio.gather(self._polling, return_exceptions=True)
            self._polling = None
        updater = self._app.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self._app.running:
            await self._app.stop()
        if self._leadership is not None:
            await self._leadership.release()

    def _poll_error(self, exc: TelegramError) -> None:
        log.warning("telegram: getUpdates failed (will retry): %s", exc)

    async def _answer(self, request: CommandRequest, reply: Reply) -> None:
        chat_id = int(request.chat.address)
        for index, text in enumerate(render_html(reply)):
            await self._app.bot.send_message(
                chat_id,
                text,
                parse_mode="HTML",
                reply_markup=keyboard(reply.buttons) if index == 0 else None,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        if reply.chart is not None:
            image = await self._charts.png(reply.chart)
            await self._app.bot.send_photo(chat_id, photo=image, caption=reply.chart.title[:1024])

    async def _on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or update.effective_chat is None:
            return
        request = command_request(message, self._app.bot.username, self._clock())  # type: ignore[arg-type]
        if request is None:
            return
        if message.sender_chat is not None and message.sender_chat.id == message.chat.id:
            request = CommandRequest(  # an anonymous admin speaking as the group
                request.command,
                request.args,
                request.chat,
                Caller(str(ANONYMOUS_ADMIN_ID), message.chat.title or "group admin"),
                request.now,
            )
        reply = await self._router.handle(request)
        await self._answer(request, reply)

    async def _on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None or query.message is None:
            return
        action, _, value = (query.data or "").partition(CALLBACK_SEPARATOR)
        if action != ACK_ACTION:
            await query.answer("This button is no longer supported.")
            return
        request = CommandRequest(
            "ack",
            value,
            chat_ref(query.message.chat),
            caller_of(query.from_user),
            self._clock(),  # type: ignore[arg-type]
        )
        reply = await self._router.handle(request)
        await query.answer(reply.headline[:200])
        if reply.ok:
            try:
                await query.edit_message_reply_markup(reply_markup=None)
            except TelegramError as exc:  # the message may be too old to edit: not a failure
                log.info("could not remove the button of alert %s: %s", value, exc)
            await self._app.bot.send_message(
                query.message.chat.id,
                render_html(reply)[0],
                parse_mode="HTML",
                reply_parameters=ReplyParameters(
                    query.message.message_id, allow_sending_without_reply=True
                ),
            )

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("telegram: handling an update failed", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            try:
                await self._app.bot.send_message(
                    update.effective_chat.id,
                    "Sorry, that went wrong on our side; it has been logged. Please try again.",
                )
            except TelegramError:
                log.warning("telegram: could not tell the chat about the error")
