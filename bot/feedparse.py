"""Feed documents turned into plain items: RSS, Atom and RDF via feedparser, JSON Feed by hand.

`parse_feed` never raises and never touches the network: feedparser gets the body as a BytesIO
together with the HTTP content type (for the charset) and the feed URL (for relative links).
Anything odd about the document is reported in `ParsedFeed.problem` in words a person can act on.
It is synchronous and CPU-bound (10-200 ms); async callers run it in `asyncio.to_thread`.
"""

from __future__ import annotations

import io
import json
import logging
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import feedparser

from bot.identity import canonical_url, item_identity

__all__ = ["ParsedFeed", "ParsedItem", "html_to_text", "parse_feed"]

logger = logging.getLogger(__name__)

SUMMARY_LIMIT = 20_000
TITLE_LIMIT = 1_000
_GUNZIP_LIMIT = 20_000_000
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)  # before any feed format existed
_FUTURE_SLACK = timedelta(days=2)  # publishers' clocks and time zones are often a little off
_CYRILLIC_MOJIBAKE_SHARE = 0.3
_BARE_AMPERSAND = re.compile(rb"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z_][A-Za-z0-9._-]*;)")
_CDATA = re.compile(rb"(<!\[CDATA\[.*?\]\]>)", re.DOTALL)
_XML_ENCODING_DECLARATION = re.compile(rb"<\?xml[^>]*encoding\s*=", re.IGNORECASE)
_JSON_TYPES = ("application/feed+json", "application/json")
_FEED_NAMES = {
    "rss090": "RSS 0.90",
    "rss091n": "RSS 0.91",
    "rss091u": "RSS 0.91",
    "rss092": "RSS 0.92",
    "rss093": "RSS 0.93",
    "rss094": "RSS 0.94",
    "rss20": "RSS 2.0",
    "rss10": "RSS 1.0",
    "rss": "RSS",
    "atom01": "Atom 0.1",
    "atom02": "Atom 0.2",
    "atom03": "Atom 0.3",
    "atom10": "Atom 1.0",
    "atom": "Atom",
    "cdf": "CDF",
    "jsonfeed": "JSON Feed",
}


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
        return _not_a_feed(f"the feed could not be parsed (internal error: {type(exc).__name__})")


def html_to_text(markup: str, *, limit: int = SUMMARY_LIMIT) -> str:
    """Return the text of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    extractor = _TextExtractor()
    try:
        extractor.feed(markup)
        extractor.close()
    except (AssertionError, ValueError):  # HTMLParser gives up on some broken markup
        pass
    return _collapse(extractor.text(), limit)


def _parse(
    body: bytes, *, url: str, scope: str, content_type: str | None, now: datetime
) -> ParsedFeed:
    notes: list[str] = []
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body)
        notes.append("the body was gzip-compressed without the server saying so")
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        return _not_a_feed("empty body: the server sent no content")
    media_type = (content_type or "").split(";")[0].strip().lower()
    if stripped[:1] in (b"{", b"[") or media_type in _JSON_TYPES:
        return _parse_json_feed(stripped, url=url, scope=scope, now=now, notes=notes)
    if b"<opml" in stripped[:2048].lower():
        return _not_a_feed("not a feed: this is an OPML subscription list, not a feed")
    return _parse_xml_feed(
        body, url=url, scope=scope, content_type=content_type, now=now, notes=notes
    )


def _parse_xml_feed(
    body: bytes,
    *,
    url: str,
    scope: str,
    content_type: str | None,
    now: datetime,
    notes: list[str],
) -> ParsedFeed:
    parsed = _run_feedparser(body, url=url, content_type=content_type)
    declares_charset = "charset=" in (content_type or "").lower() or bool(
        _XML_ENCODING_DECLARATION.match(body.lstrip(b"\xef\xbb\xbf \t\r\n")[:200])
    )
    encoding_note = _encoding_note(parsed, declares_charset=declares_charset)
    if encoding_note is not None and _looks_like_cyrillic_mojibake(parsed):
        # feedparser falls back to windows-1252; Cyrillic text in windows-1251 then comes out as
        # "Íîâîñòè". Reading it again as windows-1251 gives the text the publisher meant.
        parsed = _run_feedparser(
            body, url=url, content_type="application/xml; charset=windows-1251"
        )
        encoding_note = f"{encoding_note.split(';')[0]}; read it as windows-1251"
    if _line_of(_bozo(parsed)) is not None and _BARE_AMPERSAND.search(body):
        # feedparser's lenient mode turns "AT&T" into "AT&T;"; escaping the bare ampersands
        # first is more faithful. Keep the repair only if it fixes the document.
        repaired = _run_feedparser(
            _escape_bare_ampersands(body), url=url, content_type=content_type
        )
        if _line_of(_bozo(repaired)) is None and repaired.get("version"):
            parsed = repaired
            notes.append("the feed has unescaped '&' characters (repaired)")
    kind = str(parsed.get("version") or "")
    entries = list(parsed.get("entries") or [])
    if not kind and not entries:
        return _not_a_feed(_describe_non_feed(parsed, body, content_type))
    items = _dedupe(
        _entry_to_item(entry, scope=scope, now=now) for entry in entries if isinstance(entry, dict)
    )
    exception = _bozo(parsed)
    line = _line_of(exception)
    if line is not None:
        notes.append(
            f"the XML is malformed at line {line} ({_sax_message(exception)}); "
            + (
                f"{_count(len(items), 'item was', 'items were')} recovered"
                if items
                else "no items could be recovered"
            )
        )
    if encoding_note is not None:
        notes.append(encoding_note)
    if not items and line is None:
        notes.append("the feed has no items")
    feed = parsed.get("feed") or {}
    return ParsedFeed(
        kind=kind or "unknown",
        title=_text_field(feed, "title", TITLE_LIMIT) or None,
        site_url=_http_url(feed.get("link")),
        items=items,
        problem="; ".join(notes) or None,
    )


def _run_feedparser(body: bytes, *, url: str, content_type: str | None) -> Any:
    # Without a content type feedparser flags the feed as bozo; application/xml without a
    # charset lets the XML declaration (or UTF-8) decide, as RFC 7303 says.
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    return feedparser.parse(
        io.BytesIO(body), response_headers=headers, sanitize_html=True, resolve_relative_uris=True
    )


def _entry_to_item(entry: dict[str, Any], *, scope: str, now: datetime) -> ParsedItem | None:
    title = _text_field(entry, "title", TITLE_LIMIT)
    summary = _text_field(entry, "summary", SUMMARY_LIMIT) if "summary_detail" in entry else ""
    contents = entry.get("content") or []
    if not summary and contents and isinstance(contents[0], Mapping):
        summary = _detail_text(contents[0], SUMMARY_LIMIT)
    link = _http_url(entry.get("link"))
    guid = _clean(entry.get("id"))
    # dict.get skips FeedParserDict's deprecated published/updated aliasing (and its warning).
    published = _struct_to_datetime(
        dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    )
    author = _collapse(str(entry.get("author") or ""), TITLE_LIMIT) or None
    return _build_item(
        scope=scope,
        guid=guid,
        link=link,
        title=title,
        summary=summary,
        published=_plausible(published, now),
        author=author,
    )


def _build_item(
    *,
    scope: str,
    guid: str | None,
    link: str | None,
    title: str,
    summary: str,
    published: datetime | None,
    author: str | None,
) -> ParsedItem | None:
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


def _parse_json_feed(
    body: bytes, *, url: str, scope: str, now: datetime, notes: list[str]
) -> ParsedFeed:
    try:
        document = json.loads(body.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as exc:
        return _not_a_feed(
            f"not a feed: the JSON is malformed at line {exc.lineno} column {exc.colno} ({exc.msg})"
        )
    version = document.get("version") if isinstance(document, dict) else None
    if not isinstance(version, str) or "jsonfeed.org/version/" not in version:
        return _not_a_feed("not a feed: the server returned JSON that is not a JSON Feed")
    raw_items = document.get("items")
    if not isinstance(raw_items, list):
        notes.append("the JSON Feed has no list of items")
        raw_items = []
    items = _dedupe(
        _json_item(raw, url=url, scope=scope, now=now) for raw in raw_items if isinstance(raw, dict)
    )
    if not items and isinstance(document.get("items"), list):
        notes.append("the feed has no items")
    home = document.get("home_page_url")
    return ParsedFeed(
        kind="jsonfeed",
        title=_collapse(str(document.get("title") or ""), TITLE_LIMIT) or None,
        site_url=_http_url(urljoin(url, home)) if isinstance(home, str) else None,
        items=items,
        problem="; ".join(notes) or None,
    )


def _json_item(raw: Mapping[str, Any], *, url: str, scope: str, now: datetime) -> ParsedItem | None:
    raw_link = raw.get("url") or raw.get("external_url")
    link = _http_url(urljoin(url, raw_link)) if isinstance(raw_link, str) else None
    identifier = raw.get("id")
    guid = _clean(str(identifier)) if isinstance(identifier, (str, int)) else None
    summary = ""
    if isinstance(raw.get("content_text"), str):
        summary = _collapse(raw["content_text"], SUMMARY_LIMIT)
    if not summary and isinstance(raw.get("content_html"), str):
        summary = html_to_text(raw["content_html"])
    if not summary and isinstance(raw.get("summary"), str):
        summary = _collapse(raw["summary"], SUMMARY_LIMIT)
    published = _iso_to_datetime(raw.get("date_published") or raw.get("date_modified"))
    return _build_item(
        scope=scope,
        guid=guid,
        link=link,
        title=_collapse(str(raw.get("title") or ""), TITLE_LIMIT),
        summary=summary,
        published=_plausible(published, now),
        author=_json_author(raw),
    )


def _json_author(raw: Mapping[str, Any]) -> str | None:
    authors = raw.get("authors")
    candidates = authors if isinstance(authors, list) else [raw.get("author")]
    names = [
        _collapse(str(a["name"]), TITLE_LIMIT)
        for a in candidates
        if isinstance(a, dict) and isinstance(a.get("name"), str)
    ]
    return ", ".join(name for name in names if name) or None


def _dedupe(items: Iterable[ParsedItem | None]) -> list[ParsedItem]:
    seen: set[str] = set()
    unique: list[ParsedItem] = []
    for item in items:
        if item is not None and item.identity not in seen:
            seen.add(item.identity)
            unique.append(item)
    return unique


def _describe_non_feed(parsed: Mapping[str, Any], body: bytes, content_type: str | None) -> str:
    head = body[:4096].lower()
    if b"<html" in head or b"<!doctype html" in head or "html" in (content_type or "").lower():
        title = _html_title(body)
        suffix = f" (page title: {title!r})" if title else ""
        return f"not a feed: the server returned an HTML page{suffix}"
    exception = _bozo(parsed)
    line = _line_of(exception)
    if line is not None:
        return f"not a feed: the XML is malformed at line {line} ({_sax_message(exception)})"
    return "not a feed: the document is neither RSS, Atom, RDF nor JSON Feed"


def _html_title(body: bytes) -> str | None:
    text = body[:65536].decode("utf-8", errors="replace")
    start = text.lower().find("<title")
    if start < 0:
        return None
    start = text.find(">", start) + 1
    end = text.lower().find("</title", start)
    if start <= 0 or end < 0:
        return None
    return html_to_text(text[start:end], limit=120) or None


def _encoding_note(parsed: Mapping[str, Any], *, declares_charset: bool) -> str | None:
    exception = _bozo(parsed)
    if type(exception).__name__ not in ("CharacterEncodingOverride", "CharacterEncodingUnknown"):
        return None
    message = str(exception)
    # "document declared as us-ascii" comes from a text/xml content type without a charset
    # (RFC 3023's default), not from the publisher; the text itself decoded fine.
    if "declared as us-ascii" in message and str(parsed.get("encoding")).lower() == "utf-8":
        return None
    used = str(parsed.get("encoding") or "a fallback encoding")
    if not declares_charset:
        return (
            f"the feed does not say how its text is encoded and it is not UTF-8; read it as {used}"
        )
    declared = message.partition("declared as ")[2].partition(",")[0] or "an encoding"
    return f"the feed declares {declared} but its text is not; read it as {used}"


def _looks_like_cyrillic_mojibake(parsed: Mapping[str, Any]) -> bool:
    if str(parsed.get("encoding") or "").lower() not in (
        "windows-1252",
        "iso-8859-1",
        "iso-8859-2",
    ):
        return False
    sample = " ".join(_sample_texts(parsed))
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 20:
        return False
    latin_high = sum(1 for ch in letters if "\u00c0" <= ch <= "\u00ff")
    # Western European text has a few accented letters; Cyrillic read as Latin-1 is mostly them.
    return latin_high / len(letters) > _CYRILLIC_MOJIBAKE_SHARE


def _sample_texts(parsed: Mapping[str, Any]) -> Iterator[str]:
    feed = parsed.get("feed") or {}
    yield str(feed.get("title") or "")
    for entry in list(parsed.get("entries") or [])[:20]:
        yield str(entry.get("title") or "")
        yield str(entry.get("summary") or "")[:500]


def _bozo(parsed: Mapping[str, Any]) -> object:
    return parsed.get("bozo_exception") if parsed.get("bozo") else None


def _escape_bare_ampersands(body: bytes) -> bytes:
    """Escape '&' that starts no entity or character reference, leaving CDATA sections alone."""
    pieces = _CDATA.split(body)
    return b"".join(
        piece if piece.startswith(b"<![CDATA[") else _BARE_AMPERSAND.sub(b"&amp;", piece)
        for piece in pieces
    )


def _line_of(exception: object) -> int | None:
    get_line = getattr(exception, "getLineNumber", None)
    if get_line is None:
        return None
    line = get_line()
    return line if isinstance(line, int) else None


def _sax_message(exception: object) -> str:
    get_message = getattr(exception, "getMessage", None)
    return str(get_message()) if get_message is not None else str(exception)


def _text_field(container: Mapping[str, Any], key: str, limit: int) -> str:
    detail = container.get(f"{key}_detail")
    if isinstance(detail, Mapping) and "value" in detail:
        return _detail_text(detail, limit)
    return html_to_text(str(container.get(key) or ""), limit=limit)  # type unknown: assume HTML


def _detail_text(detail: Mapping[str, Any], limit: int) -> str:
    value = str(detail.get("value") or "")
    if "html" in str(detail.get("type") or ""):
        return html_to_text(value, limit=limit)
    return _collapse(value, limit)  # text/plain: feedparser already decoded entities


def _struct_to_datetime(value: object) -> datetime | None:
    """Convert feedparser's UTC `time.struct_time` (or any 6+ int sequence) to an aware datetime."""
    if not isinstance(value, Sequence) or len(value) < 6:
        return None
    try:
        year, month, day, hour, minute, second = (int(part) for part in value[:6])
        return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


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


def _plausible(moment: datetime | None, now: datetime) -> datetime | None:
    if moment is None or moment < _EARLIEST or moment > now + _FUTURE_SLACK:
        return None
    return moment


def _http_url(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if canonical_url(text) is not None else None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text[:2000] or None


def _collapse(text: str, limit: int) -> str:
    return " ".join(text.split())[:limit]


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def _gunzip(body: bytes) -> bytes:
    decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        data = decompressor.decompress(body, _GUNZIP_LIMIT)
    except zlib.error:
        return body
    return data


def _not_a_feed(problem: str) -> ParsedFeed:
    return ParsedFeed(kind="", title=None, site_url=None, items=[], problem=problem)


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment, skipping scripts and styles."""

    _SKIP = frozenset({"script", "style", "template", "noscript"})
    _BREAKS = frozenset(
        {"br", "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BREAKS:
            self._parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BREAKS:
            self._parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._parts.append(data)

    def text(self) -> str:
        return "".join(self._parts)
