"""Who asks, from which chat, and what: the input of every command, whatever the platform."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

__all__ = ["Caller", "ChatKind", "ChatRef", "CommandRequest"]


class ChatKind(StrEnum):
    """A person's own chat, a shared chat with members, or a one-way broadcast channel."""

    PRIVATE = "private"
    GROUP = "group"
    BROADCAST = "broadcast"


@dataclass(frozen=True, slots=True)
class ChatRef:
    """A chat on a platform: ``address`` is the platform's id (Telegram chat id, Slack channel)."""

    platform: str
    address: str
    kind: ChatKind
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Caller:
    """The person who sent the command: the platform's user id and a display name."""

    user_id: str
    name: str


@dataclass(frozen=True, slots=True)
class CommandRequest:
    """One command: its name without the slash, the rest of the text, the chat and the time."""

    command: str
    args: str
    chat: ChatRef
    caller: Caller
    now: datetime
