"""``/mute`` and ``/unmute``: silence a country, a trigger or everything for a while."""

from __future__ import annotations

from collections.abc import Collection

from handlers.parsing import ALL, ALL_WORDS, MAX_MUTE, parse_duration, resolve_places
from handlers.ports import SubscriptionBook
from handlers.reply import Reply
from handlers.request import CommandRequest
from handlers.status import Places
from handlers.subscriptions import Names

__all__ = ["MUTE_USAGE", "UNMUTE_USAGE", "mute", "unmute"]

MUTE_USAGE = (
    "Usage: /mute <country|region|trigger|all> <duration>, e.g. /mute kazakhstan 2h, "
    "/mute unrest 30m or /mute all 1d"
)
UNMUTE_USAGE = "Usage: /unmute <country|region|trigger|all>, e.g. /unmute kazakhstan"


def _scopes(
    target: str, places: Places, triggers: Collection[str], usage: str
) -> list[tuple[str, str]] | Reply:
    word = target.strip().lower().replace("-", "_")
    if word in ALL_WORDS:
        return [("all", ALL)]
    if word in triggers:
        return [("trigger", word)]
    resolved = resolve_places(target, places, usage)
    if isinstance(resolved, Reply):
        return resolved
    codes, _label = resolved
    return [("country", code) for code in codes]


async def mute(
    request: CommandRequest,
    *,
    book: SubscriptionBook,
    places: Places,
    triggers: Collection[str],
) -> Reply:
    """Silence alerts in this chat until the duration has passed (replacing an older mute)."""
    words = request.args.split()
    if not words:
        return Reply.error("Say what to mute and for how long.", MUTE_USAGE)
    if len(words) == 1:
        if parse_duration(words[0]) is not None:
            return Reply.error(
                "Say what to mute: a country, a region, a trigger or all.", MUTE_USAGE
            )
        return Reply.error(f"For how long should “{words[0]}” be muted?", MUTE_USAGE)
    duration = parse_duration(words[-1])
    if duration is None:
        return Reply.error(f"“{words[-1]}” is not a duration (try 30m, 2h, 1d or 1w).", MUTE_USAGE)
    if duration > MAX_MUTE:
        return Reply.error("A mute lasts at most 90 days; /unsubscribe stops alerts for good.")
    scopes = _scopes(" ".join(words[:-1]), places, triggers, MUTE_USAGE)
    if isinstance(scopes, Reply):
        return scopes
    until = request.now + duration
    by = f"{request.caller.name} ({request.caller.user_id})"
    for scope, value in scopes:
        await book.mute(request.chat, scope, value, until, by)
    names = Names(places)
    what = ", ".join(
        "everything" if s == "all" else names(v) if s == "country" else v for s, v in scopes
    )
    return Reply(
        headline=f"Muted {what} until {until:%d %b %H:%M} UTC.",
        notes=("Alerts due meanwhile are not sent here. /unmute lifts it early.",),
    )


async def unmute(
    request: CommandRequest,
    *,
    book: SubscriptionBook,
    places: Places,
    triggers: Collection[str],
) -> Reply:
    """Lift a mute early; ``/unmute all`` (or no argument) lifts every mute of the chat."""
    target = request.args.strip()
    if not target or target.lower() in ALL_WORDS:
        lifted = await book.unmute(request.chat, None, None)
    else:
        scopes = _scopes(target, places, triggers, UNMUTE_USAGE)
        if isinstance(scopes, Reply):
            return scopes
        lifted = 0
        for scope, value in scopes:
            lifted += await book.unmute(request.chat, scope, value)
    if not lifted:
        return Reply(
            headline="Nothing was muted here" + (f" for “{target}”." if target else "."),
            ok=False,
            public=False,
        )
    return Reply(headline=f"Unmuted ({lifted} mute(s) lifted).")
