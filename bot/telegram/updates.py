"""Telegram updates as platform-neutral requests: which chat, who, which command."""

from __future__ import annotations

from datetime import datetime

from telegram import Chat, Message, User

from handlers.request import Caller, ChatKind, ChatRef, CommandRequest

__all__ = ["ANONYMOUS_ADMIN_ID", "caller_of", "chat_ref", "command_request", "parse_command"]

# Telegram's "GroupAnonymousBot": a message from it was posted by an anonymous admin.
ANONYMOUS_ADMIN_ID = 1087968824
PLATFORM = "telegram"


def chat_ref(chat: Chat) -> ChatRef:
    """The chat as the commands see it."""
    if chat.type == Chat.PRIVATE:
        kind = ChatKind.PRIVATE
    elif chat.type == Chat.CHANNEL:
        kind = ChatKind.BROADCAST
    else:
        kind = ChatKind.GROUP
    title = chat.title or chat.full_name or chat.username
    return ChatRef(PLATFORM, str(chat.id), kind, title)


def caller_of(user: User | None) -> Caller:
    """The sender; ``@username`` when there is one, else the first name."""
    if user is None:
        return Caller(user_id="", name="unknown")
    name = f"@{user.username}" if user.username else user.full_name
    return Caller(user_id=str(user.id), name=name)


def parse_command(text: str, bot_username: str | None) -> tuple[str, str] | None:
    """``/status@MyBot kazakhstan`` → ("status", "kazakhstan"); None when the text is not a
    command or is addressed to another bot."""
    if not text.startswith("/"):
        return None
    head, _, rest = text[1:].partition(" ")
    head, _, rest2 = head.partition("\n") if "\n" in head else (head, "", "")
    name, _, target = head.partition("@")
    if target and bot_username and target.lower() != bot_username.lower():
        return None
    args = " ".join(part for part in (rest2, rest) if part)
    return name.lower(), " ".join(args.split())


def command_request(
    message: Message, bot_username: str | None, now: datetime
) -> CommandRequest | None:
    """The command in ``message``, or None when there is none for us."""
    parsed = parse_command(message.text or "", bot_username)
    if parsed is None:
        return None
    name, args = parsed
    return CommandRequest(name, args, chat_ref(message.chat), caller_of(message.from_user), now)
