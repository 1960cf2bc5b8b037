"""Feed documents turned into plain items: RSS, Atom and RDF via feedparser, JSON Feed by hand.

`parse_feed` never raises and never touches the network. It decides which reader a body needs
(`bot.xmlfeed` or `bot.jsonfeed`); the values it returns live in `bot.feeditems` and the text
clean-up in `bot.plaintext`, and are re-exported here for callers.
Anything odd about the document is reported in `ParsedFeed.problem` in words a person can act on.
It is synchronous and CPU-bound (10-200 ms); async callers run it in `asyncio.to_thread`.
"""

from __future__ import annotations

import logging
import zlib
from datetime import UTC, datetime

from bot.feeditems import ParsedFeed, ParsedItem, not_a_feed
from bot.jsonfeed import parse_json_feed
from bot.plaintext import html_to_text
from bot.xmlfeed import parse_xml_feed

__all__ = ["ParsedFeed", "ParsedItem", "html_to_text", "parse_feed"]

logger = logging.getLogger(__name__)

_GUNZIP_LIMIT = 20_000_000
_JSON_TYPES = ("application/feed+json", "application/json")


def parse_feed(
    body: bytes,
    *,
    url: str,
    content_type: str | None = None,
    now: datetime | None = None,
    scope: str | None = None,
) -> ParsedFeed:
    """Parse a feed body fetched from `url`; never raises.

    `url` (where the body came from) resolves relative links. `scope` names the feed for item
    identities built from plain GUIDs; pass something stable such as the feed's database id, so
    that a redirect does not renew every identity. It defaults to `url`. `now` (aware) bounds
    plausible publication dates; it defaults to the current time.
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    try:
        return _parse(body, url=url, scope=scope or url, content_type=content_type, now=moment)
    except Exception as exc:  # a parser bug must cost one feed, not the poller
        logger.exception("parsing the feed from %s failed", url)
        return not_a_feed(f"the feed could not be parsed (internal error: {type(exc).__name__})")


def _parse(
    body: bytes, *, url: str, scope: str, content_type: str | None, now: datetime
) -> ParsedFeed:
    notes: list[str] = []
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body)
        notes.append("the body was gzip-compressed without the server saying so")
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        return not_a_feed("empty body: the server sent no content")
    media_type = (content_type or "").split(";")[0].strip().lower()
    if stripped[:1] in (b"{", b"[") or media_type in _JSON_TYPES:
        return parse_json_feed(stripped, url=url, scope=scope, now=now, notes=notes)
    if b"<opml" in stripped[:2048].lower():
        return not_a_feed("not a feed: this is an OPML subscription list, not a feed")
    return parse_xml_feed(
        body, url=url, scope=scope, content_type=content_type, now=now, notes=notes
    )


def _gunzip(body: bytes) -> bytes:
    decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        data = decompressor.decompress(body, _GUNZIP_LIMIT)
    except zlib.error:
        return body
    return data
