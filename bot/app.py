"""The composition root: builds and wires every part from the settings, and closes them."""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol, TextIO

import httpx
from aiohttp import ClientError
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from telegram.error import TelegramError

from bot import __version__
from bot.chart import ChartRenderer
from bot.console import CONSOLE_ADDRESS, ConsoleSink
from bot.db import Database
from bot.delivery import Dispatcher
from bot.feedlist import default_feed_list_path, read_feed_list
from bot.fetcher import Fetcher, build_client
from bot.leadership import Leadership
from bot.migrate import current_revision, head_revision
from bot.models import utcnow
from bot.notices import Notices
from bot.pacing import Pacer
from bot.pipeline import Pipeline
from bot.poller import Poller
from bot.sending import Sink
from bot.settings import Settings
from bot.slack.gateway import SlackAuthorizer, SlackGateway
from bot.slack.gateway import build_client as build_slack_client
from bot.slack.sender import SlackSink
from bot.store import feeds as feed_store
from bot.store import outbox
from bot.store.alertbook import StoredAlerts
from bot.store.chats import StoredChats
from bot.store.escalations import escalate_unacknowledged
from bot.store.status import StoredStatus
from bot.telegram.gateway import TelegramAuthorizer, TelegramGateway, build_application
from bot.telegram.sender import TelegramSink
from handlers.ports import Authorizer
from handlers.request import Caller, ChatRef
from handlers.router import CommandRouter, Services
from rules import LoadedEngine, load_engine
from rules.gazetteer import Gazetteer, load_gazetteer
from rules.model import Severity

__all__ = ["App", "Gateway", "SchemaError", "StartupError", "build_app", "load_rules", "worker_id"]

log = logging.getLogger(__name__)


class SchemaError(Exception):
    """The database is not migrated to the code's schema."""


def worker_id() -> str:
    """A name for this process in leases: host, pid and a random tag."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(3)}"


def load_rules(settings: Settings) -> LoadedEngine:
    """The shipped rule packs plus the user's folder; problems are logged, never fatal. An
    article without a date is read as written this year ("in 2014" is then the past)."""
    user_dirs = [settings.rules_dir] if settings.rules_dir else []
    loaded = load_engine(
        user_dirs,
        disabled=settings.disabled_rules,
        undated_year=datetime.now(UTC).year,
        passing_mentions=settings.alert_passing_mentions,
    )
    for problem in loaded.problems:
        log.error("rule pack problem (skipped): %s", problem)
    return loaded


@dataclass(slots=True)
class App:
    """Every long-lived part of the service, wired."""

    settings: Settings
    db: Database
    rules: LoadedEngine
    places: Gazetteer
    client: httpx.AsyncClient
    poller: Poller
    dispatcher: Dispatcher
    owner: str
    router: CommandRouter
    notices: Notices
    gateways: list[Gateway] = field(default_factory=list)
    escalation_destination: int | None = None

    async def escalate(self) -> list[int]:
        """Queue unacknowledged alerts for the escalation chat (when one is configured)."""
        if self.escalation_destination is None:
            return []
        async with self.db.session() as session:
            return await escalate_unacknowledged(
                session,
                destination_id=self.escalation_destination,
                min_severity=int(Severity.parse(self.settings.escalation_severity)),
                after=timedelta(minutes=self.settings.escalation_minutes),
                now=utcnow(),
            )


class Gateway(Protocol):
    """A chat platform's receiving side, started with the long-running service only."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class PlatformAuthorizer:
    """Asks the chat's own platform who may manage it."""

    def __init__(self, by_platform: dict[str, Authorizer]) -> None:
        self._by_platform = by_platform

    async def may_manage(self, chat: ChatRef, caller: Caller) -> bool:
        """The platform's answer; chats of unknown platforms are managed by nobody."""
        authorizer = self._by_platform.get(chat.platform)
        return await authorizer.may_manage(chat, caller) if authorizer else False


class StartupError(Exception):
    """A chat platform refused to start (wrong token, unreachable API)."""


async def check_schema(db: Database) -> None:
    """Refuse to run on a database that is not at the code's migration head."""
    have, want = await current_revision(db.url), head_revision(db.url)
    if have != want:
        state = "has never been migrated" if have is None else f"is at revision {have}"
        raise SchemaError(
            f"the database {state}, the code needs {want}: run `riskbot db upgrade` first"
        )


async def sync_feeds(db: Database, settings: Settings) -> int:
    """Bring the database's feeds in line with the configuration; returns how many were added.

    With ``RISKBOT_FEEDS`` the file replaces the default list: its feeds are added, and feeds
    that came from a list but are no longer in it are disabled (feeds added with ``riskbot
    feeds add`` stay). Without it the default list is loaded into an empty database only, so
    ``riskbot feeds remove`` sticks.
    """
    now = utcnow()
    async with db.session() as session:
        if settings.feeds is None:
            if await feed_store.count_feeds(session) > 0:
                return 0
            entries = read_feed_list(default_feed_list_path())
            rows = [(e.url, e.title, e.category) for e in entries]
            return await feed_store.add_feeds(session, rows, now, origin="default")
        entries = read_feed_list(settings.feeds)
        rows = [(e.url, e.title, e.category) for e in entries]
        added = await feed_store.add_feeds(session, rows, now, origin="config")
        disabled = await feed_store.apply_feed_list(session, [e.url for e in entries], now)
        if disabled:
            log.info("%d feed(s) not in %s any more were disabled", disabled, settings.feeds)
        return added


async def prepare_destinations(db: Database, settings: Settings) -> None:
    """The console destination follows the settings: on (watching everything) or off."""
    async with db.session() as session:
        console = await outbox.ensure_destination(session, "console", CONSOLE_ADDRESS)
        assert console.id is not None
        await outbox.set_destination_active(
            session, console.id, settings.console_enabled, "console alerts are switched off"
        )
        if settings.console_enabled:
            await outbox.ensure_subscription(session, console.id, created_by="settings")


@asynccontextmanager
async def build_app(
    settings: Settings,
    *,
    stdout: TextIO | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> AsyncIterator[App]:
    """Build the service's parts; everything opened here is closed on exit."""
    async with AsyncExitStack() as stack:
        db = Database(settings.database_url)
        stack.push_async_callback(db.dispose)
        await check_schema(db)
        places = load_gazetteer()
        names = {code: places.name(code) for code in places.countries}
        rules = load_rules(settings)
        client = build_client(
            user_agent=f"riskbot/{__version__} (+https://github.com/riskbot/riskbot)",
            timeout=settings.fetch_timeout,
            transport=transport,
        )
        stack.push_async_callback(client.aclose)
        # A whole fetch may take a few read timeouts; a feed's lease must outlive it.
        deadline = min(settings.fetch_timeout * 4, 300.0)
        fetcher = Fetcher(
            client,
            max_bytes=settings.max_feed_bytes,
            max_concurrency=settings.fetch_concurrency,
            per_host=settings.per_host_concurrency,
            deadline=deadline,
        )
        owner = worker_id()
        lease = timedelta(seconds=max(settings.lease_seconds, deadline + 60))
        poller = Poller(
            db,
            fetcher,
            Pipeline(db, rules.engine, names=names),
            owner=owner,
            interval=settings.poll_interval,
            max_backoff=settings.max_backoff,
            lease=lease,
            slots=settings.fetch_concurrency,
        )
        sinks: dict[str, Sink] = {"console": ConsoleSink(places.name, stdout)}
        pacers: dict[str, Pacer] = {}
        authorizers: dict[str, Authorizer] = {}
        chats = StoredChats(db)
        router = CommandRouter(
            Services(
                places=places,
                status=StoredStatus(db),
                book=chats,
                alerts=StoredAlerts(db),
                authorizer=PlatformAuthorizer(authorizers),
            )
        )
        gateways: list[Gateway] = []
        charts = ChartRenderer()
        if settings.telegram_token is not None:
            telegram = build_application(settings)
            try:
                await telegram.initialize()  # getMe: a wrong token fails here, in one line
            except TelegramError as exc:
                raise StartupError(
                    f"Telegram: {exc.message} (check RISKBOT_TELEGRAM_TOKEN)"
                ) from None
            stack.push_async_callback(telegram.shutdown)
            sinks["telegram"] = TelegramSink(telegram.bot, places.name)
            pacers["telegram"] = Pacer(settings.telegram_rate)
            authorizers["telegram"] = TelegramAuthorizer(
                telegram, frozenset(settings.telegram_admins)
            )
            poller_role = Leadership(db, "telegram-long-polling")
            gateways.append(
                TelegramGateway(telegram, router, settings, leadership=poller_role, charts=charts)
            )
        if settings.slack_bot_token is not None:
            slack = build_slack_client(settings)
            await check_slack(slack, settings)
            sinks["slack"] = SlackSink(slack, places.name)
            pacers["slack"] = Pacer(settings.slack_rate)
            authorizers["slack"] = SlackAuthorizer(slack, frozenset(settings.slack_admins))
            gateways.append(SlackGateway(settings, slack, router, charts=charts))
        dispatcher = Dispatcher(
            db,
            sinks,
            owner=owner,
            lease=timedelta(seconds=settings.delivery_lease_seconds),
            pacers=pacers,
            escalation_minutes=settings.escalation_minutes,
        )
        notices = Notices(db, sinks, names, owner=owner, pacers=pacers)
        await sync_feeds(db, settings)
        await prepare_destinations(db, settings)
        escalation = await prepare_escalation(db, settings)
        yield App(
            settings,
            db,
            rules,
            places,
            client,
            poller,
            dispatcher,
            owner,
            router,
            notices,
            gateways,
            escalation,
        )


async def check_slack(client: AsyncWebClient, settings: Settings) -> None:
    """A wrong Slack token fails the start in one line; an unreachable Slack only warns."""
    try:
        await client.auth_test()
        if settings.slack_app_token is not None:
            await client.apps_connections_open(
                app_token=settings.slack_app_token.get_secret_value()
            )
    except SlackApiError as exc:
        error = exc.response.get("error")
        which = (
            "RISKBOT_SLACK_APP_TOKEN" if "connections" in str(exc) else "RISKBOT_SLACK_BOT_TOKEN"
        )
        raise StartupError(f"Slack: {error} (check {which})") from None
    except (ClientError, OSError, TimeoutError) as exc:
        log.warning("Slack is unreachable for now (%s); will keep trying", type(exc).__name__)


async def prepare_escalation(db: Database, settings: Settings) -> int | None:
    """The escalation chat's destination id, if one is configured."""
    if settings.escalation_chat is None:
        return None
    platform, _, address = settings.escalation_chat.partition(":")
    async with db.session() as session:
        destination = await outbox.ensure_destination(session, platform, address, kind="group")
        return destination.id
