"""``/subscribe``, ``/unsubscribe`` and ``/subscriptions``: what a chat is alerted about."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence

from handlers.parsing import ALL, Targets, describe_triggers, parse_targets
from handlers.ports import MuteView, SubscriptionBook, SubscriptionView
from handlers.reply import Line, Reply, Section
from handlers.request import CommandRequest
from handlers.status import Places
from rules.model import Severity

__all__ = [
    "SUBSCRIBE_USAGE",
    "SUBSCRIPTIONS_USAGE",
    "UNSUBSCRIBE_USAGE",
    "Names",
    "list_subscriptions",
    "mute_label",
    "subscribe",
    "unsubscribe",
]

SUBSCRIBE_USAGE = (
    "Usage: /subscribe <country|region|all>[, …] [trigger …] [min=severity] [digest=HH:MM] "
    "[levels=on], e.g. /subscribe kazakhstan or /subscribe central asia unrest coup min=high"
)
UNSUBSCRIBE_USAGE = (
    "Usage: /unsubscribe <country|region|all> [trigger …], e.g. /unsubscribe kazakhstan unrest"
)
SUBSCRIPTIONS_USAGE = "Usage: /subscriptions"
MAX_ROWS = 2000


class Names:
    """Country names for display; ``*`` reads as "all countries"."""

    def __init__(self, name_of: Places) -> None:
        self._name_of = name_of

    def __call__(self, code: str) -> str:
        return "all countries" if code == ALL else f"{self._name_of.name(code)} ({code})"


async def subscribe(
    request: CommandRequest,
    *,
    book: SubscriptionBook,
    places: Places,
    triggers: Collection[str],
) -> Reply:
    """Subscribe the chat; a repeated subscription updates its minimum severity."""
    parsed = parse_targets(request.args, places, triggers, SUBSCRIBE_USAGE)
    if isinstance(parsed, Reply):
        return parsed
    if len(parsed.countries) * len(parsed.triggers) > MAX_ROWS:
        return Reply.error(
            "That is too many combinations at once; subscribe to “all” with a few triggers "
            "instead, or fewer countries.",
            SUBSCRIBE_USAGE,
        )
    await book.subscribe(
        request.chat,
        parsed.countries,
        parsed.triggers,
        parsed.min_severity,
        by=f"{request.caller.name} ({request.caller.user_id})",
        options=parsed.options,
    )
    label = Names(places)(parsed.countries[0]) if len(parsed.countries) == 1 else parsed.place_label
    extras = []
    if parsed.options.digest_at is not None:
        extras.append(f"daily digest of the rest at {_clock(parsed.options.digest_at)} UTC")
    if parsed.options.digest_off:
        extras.append("no daily digest")
    if parsed.options.level_changes is not None:
        extras.append("level changes " + ("on" if parsed.options.level_changes else "off"))
    return Reply(
        headline=(
            f"Subscribed: {label} · {describe_triggers(parsed.triggers)} · "
            + await _threshold(request, book, parsed)
            + "".join(f" · {e}" for e in extras)
            + "."
        ),
        notes=_covering(parsed),
    )


async def _threshold(request: CommandRequest, book: SubscriptionBook, parsed: Targets) -> str:
    """The minimum severity now in force for what was just subscribed."""
    if parsed.min_severity is not None:
        return f"severity {parsed.min_severity.label} or above"
    wanted = set(parsed.countries), set(parsed.triggers)
    kept = {
        row.min_severity
        for row in await book.subscriptions(request.chat)
        if row.country in wanted[0] and row.trigger in wanted[1]
    }
    if len(kept) == 1:
        return f"severity {kept.pop().label} or above"
    return "each at the severity it had"


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _covering(parsed: Targets) -> tuple[str, ...]:
    if parsed.countries == (ALL,) or len(parsed.countries) < 2:
        return ()
    return (f"That covers {len(parsed.countries)} countries: {', '.join(parsed.countries)}.",)


async def unsubscribe(
    request: CommandRequest,
    *,
    book: SubscriptionBook,
    places: Places,
    triggers: Collection[str],
) -> Reply:
    """Remove subscriptions; ``/unsubscribe all`` removes every one of this chat."""
    parsed = parse_targets(request.args, places, triggers, UNSUBSCRIBE_USAGE)
    if isinstance(parsed, Reply):
        return parsed
    countries = None if parsed.countries == (ALL,) else parsed.countries
    chosen = None if parsed.triggers == (ALL,) else parsed.triggers
    removed = await book.unsubscribe(request.chat, countries, chosen)
    if not removed:
        return Reply(
            headline=f"Nothing to remove: this chat has no subscription for {parsed.place_label}"
            f" · {describe_triggers(parsed.triggers)}.",
            notes=("/subscriptions lists what this chat watches.",),
            ok=False,
            public=False,
        )
    return Reply(
        headline=f"Unsubscribed: {parsed.place_label} · {describe_triggers(parsed.triggers)}"
        f" ({removed} subscription(s) removed)."
    )


def mute_label(mute: MuteView, names: Names) -> str:
    """ "everything", a country's name, or a trigger id."""
    if mute.scope == "all":
        return "everything"
    return names(mute.value) if mute.scope == "country" else mute.value


def _group(rows: Sequence[SubscriptionView], names: Names) -> list[Line]:
    by_scope: dict[tuple[str, Severity, int, bool], list[str]] = defaultdict(list)
    for row in rows:
        key = (
            row.trigger,
            row.min_severity,
            -1 if row.digest_at is None else row.digest_at,
            row.level_changes,
        )
        by_scope[key].append(row.country)
    lines = []
    for (trigger, severity, digest, levels), countries in sorted(by_scope.items()):
        what = "every trigger" if trigger == ALL else trigger
        where = ", ".join(names(c) for c in sorted(countries))
        extra = f" · digest {_clock(digest)} UTC" if digest >= 0 else ""
        extra += " · level changes" if levels else ""
        lines.append(Line(f"{where} · {what} · {severity.label}+{extra}"))
    return lines


async def list_subscriptions(
    request: CommandRequest, *, book: SubscriptionBook, places: Places
) -> Reply:
    """What this chat is subscribed to, and what it has muted."""
    if request.args.strip():
        return Reply.error("/subscriptions takes no arguments.", SUBSCRIPTIONS_USAGE)
    rows = await book.subscriptions(request.chat)
    mutes = await book.mutes(request.chat, request.now)
    names = Names(places)
    sections = []
    if rows:
        sections.append(Section("Subscriptions", tuple(_group(rows, names))))
    if mutes:
        sections.append(
            Section(
                "Muted",
                tuple(
                    Line(f"{mute_label(m, names)} until {m.until:%d %b %H:%M} UTC") for m in mutes
                ),
            )
        )
    if not rows:
        return Reply(
            headline="This chat has no subscriptions.",
            sections=tuple(sections),
            notes=("Try /subscribe kazakhstan, or /subscribe all coup min=high.",),
        )
    return Reply(
        headline=f"This chat watches {len(rows)} combination(s).", sections=tuple(sections)
    )
