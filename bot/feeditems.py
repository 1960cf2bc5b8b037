"""The values a parsed feed yields (`ParsedFeed`, `ParsedItem`) and the rules for building them.

Both the XML and the JSON Feed readers build items here, so identities, link checks, date bounds
and de-duplication are the same whatever the format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.identity import canonical_url, item_identity

__all__ = [
    "SUMMARY_LIMIT",
    "TITLE_LIMIT",
    "ParsedFeed",
    "ParsedItem",
    "build_item",
    "clean",
    "dedupe",
    "http_url",
    "not_a_feed",
    "plausible",
]

SUMMARY_LIMIT = 20_000
TITLE_LIMIT = 1_000
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)  # before any feed format existed
_FUTURE_SLACK = timedelta(days=2)  # publishers' clocks and time zones are often a little off


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """One entry of a feed, as plain text with a stable identity."""

    identity: str
    guid: str | None
    link: str | None
    canonical_link: str | None
    title: str
    summary: str
    published: datetime | None
    author: str | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """The result of parsing one response body.

    `kind` is feedparser's version string ("rss20", "atom10", "rss10", ...) or "jsonfeed", and ""
    when the body is not a feed. `problem` explains, in plain words, anything a person may want to
    know: why it is not a feed, or what was wrong with a feed that was still read.
    """

    kind: str
    title: str | None
    site_url: str | None
    items: list[ParsedItem]
    problem: str | None

    @property
    def ok(self) -> bool:
        """True when a feed was recognised, even if the XML was broken and items were recovered."""
        return self.kind != ""


def build_item(
    *,
    scope: str,
    guid: str | None,
    link: str | None,
    title: str,
    summary: str,
    published: datetime | None,
    author: str | None,
) -> ParsedItem | None:
    """Return the item with its identity, or None when it has nothing a reader could use."""
    if not (title or summary or link):
        return None  # nothing a reader could read or open
    return ParsedItem(
        identity=item_identity(scope, guid, link, title, summary),
        guid=guid,
        link=link,
        canonical_link=canonical_url(link),
        title=title,
        summary=summary,
        published=published,
        author=author,
    )


def dedupe(items: Iterable[ParsedItem | None]) -> list[ParsedItem]:
    """Drop missing items and every repeat of an identity, keeping the first in feed order."""
    seen: set[str] = set()
    unique: list[ParsedItem] = []
    for item in items:
        if item is not None and item.identity not in seen:
            seen.add(item.identity)
            unique.append(item)
    return unique


def not_a_feed(problem: str) -> ParsedFeed:
    """Return the result for a body that is not a feed, saying why in `problem`."""
    return ParsedFeed(kind="", title=None, site_url=None, items=[], problem=problem)


def plausible(moment: datetime | None, now: datetime) -> datetime | None:
    """Return `moment` unless it is before feeds existed or too far past `now`."""
    if moment is None or moment < _EARLIEST or moment > now + _FUTURE_SLACK:
        return None
    return moment


def http_url(value: object) -> str | None:
    """Return `value` stripped when it is an http(s) URL, else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if canonical_url(text) is not None else None


def clean(value: object) -> str | None:
    """Return `value` as a stripped string of at most 2000 characters, or None when empty."""
    if value is None:
        return None
    text = str(value).strip()
    return text[:2000] or None
