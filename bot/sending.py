"""The contract between the delivery worker and the platform senders (console, Telegram, Slack).

A sender takes one :class:`Outgoing` message for one destination and either returns the
platform's reference of the sent message (so follow-ups can thread under it) or raises one of
the errors below, which say what the worker should do next.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.models import Destination
from handlers.ports import AlertDetail

__all__ = [
    "DestinationMovedError",
    "Outgoing",
    "PermanentSendError",
    "RejectedMessageError",
    "SendError",
    "Sink",
    "TransientSendError",
]


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
