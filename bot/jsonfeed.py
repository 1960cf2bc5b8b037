"""JSON Feed (jsonfeed.org, versions 1 and 1.1) read by hand into a `ParsedFeed`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from bot.feeditems import (
    SUMMARY_LIMIT,
    TITLE_LIMIT,
    ParsedFeed,
    ParsedItem,
    build_item,
    clean,
    dedupe,
    http_url,
    not_a_feed,
    plausible,
)
from bot.plaintext import collapse, html_to_text

__all__ = ["parse_json_feed"]


def parse_json_feed(
    body: bytes, *, url: str, scope: str, now: datetime, notes: list[str]
) -> ParsedFeed:
    """Parse a JSON body; anything found wrong is added to `notes` and reported as the problem."""
    try:
        document = json.loads(body.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as exc:
        return not_a_feed(
            f"not a feed: the JSON is malformed at line {exc.lineno} column {exc.colno} ({exc.msg})"
        )
    version = document.get("version") if isinstance(document, dict) else None
    if not isinstance(version, str) or "jsonfeed.org/version/" not in version:
        return not_a_feed("not a feed: the server returned JSON that is not a JSON Feed")
    raw_items = document.get("items")
    if not isinstance(raw_items, list):
        notes.append("the JSON Feed has no list of items")
        raw_items = []
    items = dedupe(
        _json_item(raw, url=url, scope=scope, now=now) for raw in raw_items if isinstance(raw, dict)
    )
    if not items and isinstance(document.get("items"), list):
        notes.append("the feed has no items")
    home = document.get("home_page_url")
    return ParsedFeed(
        kind="jsonfeed",
        title=collapse(str(document.get("title") or ""), TITLE_LIMIT) or None,
        site_url=http_url(urljoin(url, home)) if isinstance(home, str) else None,
        items=items,
        problem="; ".join(notes) or None,
    )


def _json_item(raw: Mapping[str, Any], *, url: str, scope: str, now: datetime) -> ParsedItem | None:
    raw_link = raw.get("url") or raw.get("external_url")
    link = http_url(urljoin(url, raw_link)) if isinstance(raw_link, str) else None
    identifier = raw.get("id")
    guid = clean(str(identifier)) if isinstance(identifier, (str, int)) else None
    summary = ""
    if isinstance(raw.get("content_text"), str):
        summary = collapse(raw["content_text"], SUMMARY_LIMIT)
    if not summary and isinstance(raw.get("content_html"), str):
        summary = html_to_text(raw["content_html"])
    if not summary and isinstance(raw.get("summary"), str):
        summary = collapse(raw["summary"], SUMMARY_LIMIT)
    published = _iso_to_datetime(raw.get("date_published") or raw.get("date_modified"))
    return build_item(
        scope=scope,
        guid=guid,
        link=link,
        title=collapse(str(raw.get("title") or ""), TITLE_LIMIT),
        summary=summary,
        published=plausible(published, now),
        author=_json_author(raw),
    )


def _json_author(raw: Mapping[str, Any]) -> str | None:
    authors = raw.get("authors")
    candidates = authors if isinstance(authors, list) else [raw.get("author")]
    names = [
        collapse(str(a["name"]), TITLE_LIMIT)
        for a in candidates
        if isinstance(a, dict) and isinstance(a.get("name"), str)
    ]
    return ", ".join(name for name in names if name) or None


def _iso_to_datetime(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
