"""One entry point for every chat command: find it, check who may run it, run it.

The platform adapters turn their update into a :class:`CommandRequest`, call
:meth:`CommandRouter.handle` and render the :class:`Reply`; nothing here knows the platform.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from handlers import alerts, mutes, subscriptions
from handlers.catalog import help_reply, triggers_reply
from handlers.ports import AlertBook, Authorizer, SubscriptionBook
from handlers.reply import Reply
from handlers.request import CommandRequest
from handlers.status import USAGE as STATUS_USAGE
from handlers.status import Places, StatusReader, status_command
from rules.taxonomy import TRIGGERS

__all__ = ["COMMANDS", "CommandRouter", "CommandSpec", "Services"]

log = logging.getLogger(__name__)

Handler = Callable[[CommandRequest, "Services"], Awaitable[Reply]]


@dataclass(frozen=True, slots=True)
class Services:
    """The ports the commands use."""

    places: Places
    status: StatusReader
    book: SubscriptionBook
    alerts: AlertBook
    authorizer: Authorizer


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A command: what it does (for menus), its usage line, and whether it changes the chat."""

    name: str
    summary: str
    usage: str
    run: Handler
    manages: bool = False


async def _status(r: CommandRequest, s: Services) -> Reply:
    return await status_command(r.args, reader=s.status, places=s.places, now=r.now)


async def _subscribe(r: CommandRequest, s: Services) -> Reply:
    return await subscriptions.subscribe(r, book=s.book, places=s.places, triggers=TRIGGERS)


async def _unsubscribe(r: CommandRequest, s: Services) -> Reply:
    return await subscriptions.unsubscribe(r, book=s.book, places=s.places, triggers=TRIGGERS)


async def _subscriptions(r: CommandRequest, s: Services) -> Reply:
    return await subscriptions.list_subscriptions(r, book=s.book, places=s.places)


async def _mute(r: CommandRequest, s: Services) -> Reply:
    return await mutes.mute(r, book=s.book, places=s.places, triggers=TRIGGERS)


async def _unmute(r: CommandRequest, s: Services) -> Reply:
    return await mutes.unmute(r, book=s.book, places=s.places, triggers=TRIGGERS)


async def _ack(r: CommandRequest, s: Services) -> Reply:
    return await alerts.ack(r, alerts=s.alerts)


async def _why(r: CommandRequest, s: Services) -> Reply:
    return await alerts.why(r, alerts=s.alerts, country_name=s.places.name)


async def _triggers(r: CommandRequest, s: Services) -> Reply:
    return triggers_reply()


async def _help(r: CommandRequest, s: Services) -> Reply:
    return help_reply(tuple(spec.usage.removeprefix("Usage: ") for spec in COMMANDS.values()))


COMMANDS: dict[str, CommandSpec] = {
    spec.name: spec
    for spec in (
        CommandSpec("status", "Risk level, trend and events", STATUS_USAGE, _status),
        CommandSpec(
            "subscribe", "Get alerts for places", subscriptions.SUBSCRIBE_USAGE, _subscribe, True
        ),
        CommandSpec(
            "unsubscribe", "Stop alerts", subscriptions.UNSUBSCRIBE_USAGE, _unsubscribe, True
        ),
        CommandSpec(
            "subscriptions",
            "What this chat watches",
            subscriptions.SUBSCRIPTIONS_USAGE,
            _subscriptions,
        ),
        CommandSpec("mute", "Silence alerts for a while", mutes.MUTE_USAGE, _mute, True),
        CommandSpec("unmute", "Lift a mute", mutes.UNMUTE_USAGE, _unmute, True),
        CommandSpec("ack", "Acknowledge an alert", alerts.ACK_USAGE, _ack),
        CommandSpec("why", "Evidence and sources of an alert", alerts.WHY_USAGE, _why),
        CommandSpec("triggers", "What riskbot detects", "Usage: /triggers", _triggers),
        CommandSpec("help", "How to use riskbot", "Usage: /help", _help),
    )
}
UMBRELLA = "risk"


class CommandRouter:
    """Runs commands against the services; never raises for anything a user can type."""

    def __init__(self, services: Services) -> None:
        self._services = services

    async def handle(self, request: CommandRequest) -> Reply:
        """The reply to one command (``/risk <command> …`` runs ``<command>``)."""
        name = request.command.lower().lstrip("/")
        args = request.args
        if name == UMBRELLA:
            first, _, args = args.strip().partition(" ")
            name = first.lower().lstrip("/") or "help"
        spec = COMMANDS.get(name)
        if spec is None:
            close = difflib.get_close_matches(name, list(COMMANDS), n=1, cutoff=0.6)
            hint = f"Did you mean /{close[0]}?" if close else "Try /help."
            return Reply.error(f"I don't know the command “{name[:40]}”.", hint)
        call = CommandRequest(name, args, request.chat, request.caller, request.now)
        if spec.manages and not await self._services.authorizer.may_manage(
            request.chat, request.caller
        ):
            return Reply.error(
                "Only the chat's admins can change its subscriptions and mutes.",
                "Anyone may ask /status, /why and /subscriptions.",
            )
        return await spec.run(call, self._services)
