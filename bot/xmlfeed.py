"""RSS, Atom and RDF read with feedparser into a `ParsedFeed`, repairing what can be repaired.

feedparser gets the body as a BytesIO together with the HTTP content type (for the charset) and
the feed URL (for relative links). Two common faults are repaired before giving up: Cyrillic text
mis-decoded as windows-1252, and bare '&' characters that break the XML.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import feedparser

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

__all__ = ["parse_xml_feed"]

_CYRILLIC_MOJIBAKE_SHARE = 0.3
_BARE_AMPERSAND = re.compile(rb"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z_][A-Za-z0-9._-]*;)")
_CDATA = re.compile(rb"(<!\[CDATA\[.*?\]\]>)", re.DOTALL)
_XML_ENCODING_DECLARATION = re.compile(rb"<\?xml[^>]*encoding\s*=", re.IGNORECASE)


def parse_xml_feed(
    body: bytes,
    *,
    url: str,
    scope: str,
    content_type: str | None,
    now: datetime,
    notes: list[str],
) -> ParsedFeed:
    """Parse an XML body; anything found wrong is added to `notes` and reported as the problem."""
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
        return not_a_feed(_describe_non_feed(parsed, body, content_type))
    items = dedupe(
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
        site_url=http_url(feed.get("link")),
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
    link = http_url(entry.get("link"))
    guid = clean(entry.get("id"))
    # dict.get skips FeedParserDict's deprecated published/updated aliasing (and its warning).
    published = _struct_to_datetime(
        dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    )
    author = collapse(str(entry.get("author") or ""), TITLE_LIMIT) or None
    return build_item(
        scope=scope,
        guid=guid,
        link=link,
        title=title,
        summary=summary,
        published=plausible(published, now),
        author=author,
    )


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
    return collapse(value, limit)  # text/plain: feedparser already decoded entities


def _struct_to_datetime(value: object) -> datetime | None:
    """Convert feedparser's UTC `time.struct_time` (or any 6+ int sequence) to an aware datetime."""
    if not isinstance(value, Sequence) or len(value) < 6:
        return None
    try:
        year, month, day, hour, minute, second = (int(part) for part in value[:6])
        return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"
