"""The contract between the delivery worker and the platform senders (console, Telegram, Slack).

A sender takes one :class:`Outgoing` message for one destination and either returns the
platform's reference of the sent message (so follow-ups can thread under it) or raises one of
the errors below, which say what the worker should do next.

A notice (:class:`ReplySink`) may take several messages. The sender starts at the part the
worker says (the parts before it went out on an earlier try) and tells the worker after each
part, so a failure on part N is retried from part N: nothing is lost and nothing sent twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar, runtime_checkable

from bot.models import Destination
from handlers.ports import AlertDetail
from handlers.reply import Reply

__all__ = [
    "DestinationMovedError",
    "Outgoing",
    "PartSent",
    "PermanentSendError",
    "RejectedMessageError",
    "ReplySink",
    "SendError",
    "Sink",
    "TransientSendError",
    "send_parts",
]

PartT = TypeVar("PartT")

PartSent = Callable[[int, str | None], Awaitable[None]]
"""Told after each part of a reply is sent: how many parts are out now, and that part's
platform reference (None where the platform has none)."""


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to send: an alert, a follow-up in its story's thread, or an escalation."""

    delivery_id: int
    alert: AlertDetail
    reply_to: str | None = None  # the platform reference of the story's first message here
    followup_of: int | None = None
    escalated_after_minutes: int | None = None


class SendError(Exception):
    """A sink could not deliver; subclasses say whether trying again can help."""


class TransientSendError(SendError):
    """Try again later (rate limit, server error, network); ``retry_after`` in seconds if told."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentSendError(SendError):
    """The destination cannot receive (blocked, removed, not found): stop sending there."""


class RejectedMessageError(SendError):
    """The platform refused this one message (malformed, too long): do not retry it, but keep
    sending others to the destination."""


class DestinationMovedError(SendError):
    """The chat has a new address (a Telegram group became a supergroup): follow it."""

    def __init__(self, message: str, new_address: str) -> None:
        super().__init__(message)
        self.new_address = new_address


class Sink(Protocol):
    """A platform's sender."""

    platform: str

    async def send(self, destination: Destination, message: Outgoing) -> str | None:
        """Send; return the platform's message reference, if it has one."""
        ...


@runtime_checkable
class ReplySink(Protocol):
    """A platform's sender of notices (a :class:`Reply`, in as many parts as the platform needs)."""

    platform: str

    async def send_reply(
        self,
        destination: Destination,
        reply: Reply,
        *,
        start: int = 0,
        on_sent: PartSent | None = None,
    ) -> str | None:
        """Send the parts from ``start`` on, telling ``on_sent`` after each; return the
        reference of the first part sent by this call, if any."""
        ...


async def send_parts(
    parts: Sequence[PartT],
    send: Callable[[PartT], Awaitable[str | None]],
    *,
    start: int = 0,
    on_sent: PartSent | None = None,
    gap: float = 0.0,
) -> str | None:
    """Send ``parts[start:]`` in order, ``gap`` seconds apart, and tell ``on_sent`` after each
    one; returns the first reference sent here. An error stops at the failed part, so the
    caller's record says where a retry resumes."""
    first: str | None = None
    for number, part in enumerate(parts[start:], start + 1):
        if gap and number > start + 1:
            await asyncio.sleep(gap)  # the platform's pace within one chat
        ref = await send(part)
        first = first or ref
        if on_sent is not None:
            await on_sent(number, ref)
    return first
