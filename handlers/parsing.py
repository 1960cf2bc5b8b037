"""Reading command arguments: places, trigger ids, severities, durations and alert numbers.

Every parser returns either a value or a :class:`~handlers.reply.Reply` refusal that says in
plain words what was wrong and what would work.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from handlers.reply import Reply
from rules.model import Severity

__all__ = [
    "ALL",
    "MAX_MUTE",
    "PlaceNames",
    "SubscriptionOptions",
    "Targets",
    "describe_triggers",
    "parse_alert_id",
    "parse_clock",
    "parse_duration",
    "parse_targets",
    "resolve_places",
]

ALL = "*"
ALL_WORDS = frozenset({"all", "*", "everything", "everywhere", "any"})
MAX_MUTE = timedelta(days=90)
MAX_ARGS = 400

_UNITS = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "w": 604800,
    "week": 604800,
    "weeks": 604800,
}
_PART = re.compile(r"([0-9]{1,6})\s*([a-z]+)")


class PlaceNames(Protocol):
    """What argument parsing needs of the gazetteer."""

    def resolve(self, term: str) -> frozenset[str]: ...

    def suggest(self, term: str, n: int = 3) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class SubscriptionOptions:
    """``digest=HH:MM|off`` and ``levels=on|off``; None: not given (leave as it is)."""

    digest_at: int | None = None  # minute of the day, UTC
    digest_off: bool = False
    level_changes: bool | None = None


@dataclass(frozen=True, slots=True)
class Targets:
    """What ``/subscribe`` and ``/unsubscribe`` were given: countries (or ``*``), trigger ids
    (or ``*``), a minimum severity if one was named, and the words the user used for places."""

    countries: tuple[str, ...]
    triggers: tuple[str, ...]
    min_severity: Severity | None
    place_label: str
    options: SubscriptionOptions = field(default_factory=SubscriptionOptions)


def parse_clock(text: str) -> int | None:
    """``08:00`` or ``8`` → minute of the day; None if it is not a time."""
    hours, _, minutes = text.partition(":")
    if not (hours.isascii() and hours.isdigit()) or (
        minutes and not (minutes.isascii() and minutes.isdigit())
    ):
        return None
    h, m = int(hours), int(minutes or 0)
    return h * 60 + m if 0 <= h < 24 and 0 <= m < 60 else None


def parse_duration(text: str) -> timedelta | None:
    """``30m``, ``2h``, ``1d``, ``1w``, ``1h30m``, ``90 minutes``; None if it is none of those."""
    compact = text.strip().lower()
    if not compact:
        return None
    total = 0
    pos = 0
    for match in _PART.finditer(compact):
        if compact[pos : match.start()].strip():
            return None
        unit = _UNITS.get(match.group(2))
        if unit is None:
            return None
        total += int(match.group(1)) * unit
        pos = match.end()
    if pos == 0 or compact[pos:].strip() or total <= 0:
        return None
    return timedelta(seconds=total)


def parse_alert_id(text: str) -> int | None:
    """``42`` or ``#42`` → 42."""
    word = text.strip().removeprefix("#")
    if not (word.isascii() and word.isdigit()) or len(word) > 12:
        return None
    return int(word)


def _trigger_id(word: str, triggers: Collection[str]) -> str | None:
    candidate = word.strip(" ,").lower().replace("-", "_")
    return candidate if candidate in triggers else None


def _close_trigger(word: str, triggers: Collection[str]) -> list[str]:
    candidate = word.strip(" ,").lower().replace("-", "_")
    return difflib.get_close_matches(candidate, list(triggers), n=3, cutoff=0.6)


def resolve_places(
    text: str, places: PlaceNames, usage: str
) -> tuple[tuple[str, ...], str] | Reply:
    """Comma-separated countries or regions (or ``all``) → ISO codes (or ``*``) and a label."""
    terms = [" ".join(t.split()) for t in text.split(",") if t.strip()]
    if not terms:
        return Reply.error("Name a country, a region or “all”.", usage)
    codes: set[str] = set()
    for term in terms:
        if term.lower() in ALL_WORDS:
            return (ALL,), "all countries"
        found = places.resolve(term)
        if not found:
            hints = places.suggest(term)
            hint = f"Did you mean: {', '.join(hints)}?" if hints else usage
            return Reply.error(f"I don't know a country or region called “{term}”.", hint)
        codes |= found
    return tuple(sorted(codes)), ", ".join(terms)


def _options(given: dict[str, str], usage: str) -> SubscriptionOptions | Reply:
    digest_at, digest_off, levels = None, False, None
    if "digest" in given:
        value = given["digest"]
        digest_off = value in {"off", "no", "none"}
        digest_at = None if digest_off else parse_clock(value)
        if digest_at is None and not digest_off:
            return Reply.error(f"“digest={value}”: the digest time is HH:MM in UTC, or off.", usage)
    if "level" in given:
        if given["level"] not in {"on", "off", "yes", "no"}:
            return Reply.error(f"“levels={given['level']}”: say levels=on or levels=off.", usage)
        levels = given["level"] in {"on", "yes"}
    return SubscriptionOptions(digest_at, digest_off, levels)


def parse_targets(
    text: str,
    places: PlaceNames,
    triggers: Collection[str],
    usage: str,
    *,
    place_required: bool = True,
) -> Targets | Reply:
    """Read ``<country|region|all>[, …] [trigger …] [min=severity]``."""
    if len(text) > MAX_ARGS:
        return Reply.error("That is too long to be a list of places and triggers.", usage)
    words = text.replace(",", " , ").split()
    severity: Severity | None = None
    rest: list[str] = []
    options: dict[str, str] = {}
    for word in words:
        key, sep, value = word.partition("=")
        key = key.lower()
        if sep and key in {"min", "severity", "min_severity"}:
            try:
                severity = Severity.parse(value)
            except ValueError as exc:
                return Reply.error(f"“{word}”: {exc}.", usage)
        elif sep and key in {"digest", "levels", "level"}:
            options[key.rstrip("s")] = value.lower()
        elif sep:
            return Reply.error(
                f"I don't understand “{word}”: the options are min=severity, digest=HH:MM "
                "and levels=on.",
                usage,
            )
        else:
            rest.append(word)
    chosen_options = _options(options, usage)
    if isinstance(chosen_options, Reply):
        return chosen_options
    chosen: list[str] = []
    while rest and rest[-1] != "," and (tid := _trigger_id(rest[-1], triggers)) is not None:
        chosen.insert(0, tid)
        rest.pop()
    for word in rest:  # a trigger id in the middle of the places, or a misspelt one
        if "_" in word and _trigger_id(word, triggers) is None:
            close = _close_trigger(word, triggers)
            hint = f"Did you mean: {', '.join(close)}?" if close else "See /triggers for the list."
            return Reply.error(f"“{word}” is not a trigger.", hint)
    place_text = " ".join(rest).replace(" , ", ", ").strip(" ,")
    if not place_text:
        if place_required:
            return Reply.error("Name a country, a region or “all” first.", usage)
        countries: tuple[str, ...] = (ALL,)
        label = "all countries"
    else:
        resolved = resolve_places(place_text, places, usage)
        if isinstance(resolved, Reply):
            last = rest[-1] if rest else ""
            close = _close_trigger(last, triggers) if len(rest) > 1 else []
            if close:
                return Reply.error(
                    f"“{last}” is not a trigger.", f"Did you mean: {', '.join(close)}?", usage
                )
            return resolved
        countries, label = resolved
    return Targets(
        countries=countries,
        triggers=tuple(dict.fromkeys(chosen)) or (ALL,),
        min_severity=severity,
        place_label=label,
        options=chosen_options,
    )


def describe_triggers(triggers: Sequence[str]) -> str:
    """``every trigger`` or the ids joined."""
    return "every trigger" if tuple(triggers) == (ALL,) else ", ".join(triggers)
