"""parse_feed on the project's own fixtures: items recovered, problems told in words."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.feedparse import ParsedFeed, html_to_text, parse_feed

NOW = datetime(2024, 6, 1, tzinfo=UTC)


def parse(folder: Path, name: str, content_type: str | None = None, url: str = "") -> ParsedFeed:
    return parse_feed(
        (folder / name).read_bytes(),
        url=url or f"https://feeds.example/{name}",
        content_type=content_type,
        now=NOW,
    )


def test_rss20_items_are_plain_text_with_utc_dates(feed_fixtures: Path) -> None:
    feed = parse(feed_fixtures, "good_rss20.xml", "application/rss+xml; charset=utf-8")
    assert feed.ok
    assert feed.kind == "rss20"
    assert feed.problem is None
    assert feed.title == "Steppe Wire - Regional desk"
    assert feed.site_url == "https://steppe-wire.example/"
    assert [item.guid for item in feed.items] == [
        "steppe-wire-10234",
        "steppe-wire-10235",
        "steppe-wire-10236",
    ]
    first = feed.items[0]
    assert first.summary == (
        "Several hundred people gathered on the main square on Tuesday morning, demanding a "
        "rollback of the new fuel price. Police closed two streets & asked drivers to avoid the "
        "centre."
    )
    assert "alert" not in first.summary  # the script was dropped, not turned into text
    assert first.published == datetime(2024, 1, 2, 3, 15, tzinfo=UTC)
    assert first.published is not None
    assert first.published.utcoffset() is not None
    assert first.author == "Aigerim Sample"
    assert first.canonical_link == "https://steppe-wire.example/news/2024/01/fuel-protest"
    assert first.identity.startswith("guid:")


def test_atom_resolves_relative_links_and_strips_html(feed_fixtures: Path) -> None:
    feed = parse(feed_fixtures, "good_atom.xml", "application/atom+xml")
    assert (feed.ok, feed.kind, feed.problem) == (True, "atom10", None)
    first, second = feed.items
    assert first.title == "Ceasefire talks resume in Geneva"
    assert first.link == "https://caucasus-brief.example/2024/03/ceasefire-talks"
    assert first.published == datetime(2024, 3, 5, 6, 30, tzinfo=UTC)
    assert first.author == "Nino Example"
    assert second.summary == "Organisers expect thousands in the capital."
    assert second.identity.startswith("link:")  # its id is a URL


def test_json_feed_is_parsed_by_hand(feed_fixtures: Path) -> None:
    feed = parse(feed_fixtures, "good_jsonfeed.json", "application/feed+json")
    assert (feed.ok, feed.kind, feed.problem) == (True, "jsonfeed", None)
    assert feed.title == "Sahel Monitor"
    assert feed.site_url == "https://sahel-monitor.example/"
    first, second, third = feed.items
    assert first.link == "https://feeds.example/reports/curfew-extended"
    assert first.summary == "The governor extended the night-time curfew & banned gatherings."
    assert first.published == datetime(2024, 5, 10, 17, 0, tzinfo=UTC)
    assert first.author == "Desk Editor"
    assert second.summary == "Trucks carrying food and medicine arrived on Friday."
    assert third.guid == "503"
    assert third.link is None
    assert third.published is None  # "not a date"


def test_json_feed_is_sniffed_without_content_type(feed_fixtures: Path) -> None:
    feed = parse(feed_fixtures, "good_jsonfeed.json", None)
    assert feed.kind == "jsonfeed"
    assert len(feed.items) == 3


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            b'{"version": 1, "items": []}',
            "not a feed: the server returned JSON that is not a JSON Feed",
        ),
        (
            b'{"version": "https://jsonfeed.org/version/1", "items": [',
            "not a feed: the JSON is malformed at line 1",
        ),
        (b"[1, 2, 3]", "not a feed: the server returned JSON that is not a JSON Feed"),
    ],
)
def test_json_that_is_not_a_feed(body: bytes, problem: str) -> None:
    feed = parse_feed(body, url="https://feeds.example/x.json", content_type="application/json")
    assert not feed.ok
    assert feed.problem is not None
    assert feed.problem.startswith(problem)


def test_duplicate_guids_and_links_are_collapsed(feed_fixtures: Path) -> None:
    feed = parse(feed_fixtures, "rss_duplicate_guids.xml")
    assert [item.title for item in feed.items] == [
        "Talks on the energy deal stall",
        "Minister resigns after leaked recordings",
        "Flood warning issued for the river valley",
    ]
    assert len({item.identity for item in feed.items}) == 3


def test_recoverable_malformed_xml_keeps_items_and_says_where(feed_fixtures: Path) -> None:
    feed = parse(feed_fixtures, "malformed_recoverable.xml")
    assert feed.ok
    assert [item.title for item in feed.items][:2] == [
        "Oil tanker seized near the strait",
        "Shipping insurers raise premiums",
    ]
    assert feed.problem is not None
    assert feed.problem.startswith("the XML is malformed at line 16 (mismatched tag); ")
    assert f"{len(feed.items)} items were recovered" in feed.problem


@pytest.mark.parametrize(
    ("name", "content_type", "problem"),
    [
        ("empty.xml", None, "empty body: the server sent no content"),
        (
            "html_page.html",
            "text/html; charset=utf-8",
            "not a feed: the server returned an HTML page (page title: 'Please enable cookies')",
        ),
        (
            "malformed_unrecoverable.xml",
            "application/xml",
            "not a feed: the XML is malformed at line 2 (not well-formed (invalid token))",
        ),
        (
            "subscriptions.opml",
            "text/x-opml",
            "not a feed: this is an OPML subscription list, not a feed",
        ),
    ],
)
def test_not_a_feed_is_explained(
    feed_fixtures: Path, name: str, content_type: str | None, problem: str
) -> None:
    feed = parse(feed_fixtures, name, content_type)
    assert not feed.ok
    assert feed.kind == ""
    assert feed.items == []
    assert feed.problem == problem


def test_html_page_is_recognised_even_when_labelled_as_xml(feed_fixtures: Path) -> None:
    feed = parse(feed_fixtures, "html_page.html", "application/rss+xml")
    assert not feed.ok
    assert feed.problem is not None
    assert "HTML page" in feed.problem


def test_feed_without_items_is_ok_but_says_so(feed_fixtures: Path) -> None:
    feed = parse(feed_fixtures, "zero_items.xml")
    assert feed.ok
    assert feed.items == []
    assert feed.problem == "the feed has no items"


def test_cp1251_with_charset_only_in_http_header(feed_fixtures: Path) -> None:
    feed = parse(
        feed_fixtures,
        "cp1251_charset_in_header_only.xml",
        "application/rss+xml; charset=windows-1251",
    )
    assert feed.problem is None
    assert feed.title == "Новости региона"
    assert feed.items[0].title == "Новости Казахстана: протест в Жанаозене"


def test_cp1251_declared_as_utf8_is_read_as_cp1251(feed_fixtures: Path) -> None:
    feed = parse(feed_fixtures, "cp1251_declared_utf8.xml", "application/rss+xml")
    assert feed.items[1].title == "Правительство ушло в отставку"
    assert feed.problem == "the feed declares utf-8 but its text is not; read it as windows-1251"


def test_latin1_without_declaration_is_readable(feed_fixtures: Path) -> None:
    feed = parse(feed_fixtures, "latin1_no_declaration.xml", "text/xml")
    assert feed.ok
    assert feed.items[0].title == "Governo anuncia medidas após protestos em São Paulo"
    assert feed.problem is not None
    assert "does not say how its text is encoded" in feed.problem


def test_bare_ampersands_are_repaired_not_mangled(feed_fixtures: Path) -> None:
    feed = parse(feed_fixtures, "bare_ampersands.xml")
    assert feed.ok
    assert feed.title == "Markets & Politics Weekly"
    assert feed.items[0].title == "Q&A: what the new sanctions mean for AT&T-style carriers"
    assert feed.items[0].link == "https://mp-weekly.example/story?id=7&section=world"
    assert feed.items[0].summary == "Trade & finance ministers met on Monday."
    assert feed.problem == "the feed has unescaped '&' characters (repaired)"


def test_bare_ampersand_inside_cdata_is_left_alone() -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>A & B</title>'
        b"<item><title><![CDATA[Tom & Jerry]]></title><link>https://x.example/1</link></item>"
        b"</channel></rss>"
    )
    feed = parse_feed(body, url="https://x.example/rss")
    assert feed.items[0].title == "Tom & Jerry"
    assert feed.title == "A & B"


def test_relative_links_resolve_against_the_feed_url(feed_fixtures: Path) -> None:
    feed = parse(feed_fixtures, "relative_links.xml", url="https://gazette.example/feeds/main.xml")
    assert [item.link for item in feed.items] == [
        "https://gazette.example/world/story-1",
        "https://gazette.example/feeds/story-2.html",
    ]
    assert feed.site_url == "https://gazette.example/"


def test_gzip_body_without_content_encoding_is_unpacked(feed_fixtures: Path) -> None:
    body = gzip.compress((feed_fixtures / "good_rss20.xml").read_bytes())
    feed = parse_feed(body, url="https://feeds.example/rss")
    assert len(feed.items) == 3
    assert feed.problem == "the body was gzip-compressed without the server saying so"


def test_absurd_dates_become_none() -> None:
    items = "".join(
        f"<item><title>t{n}</title><link>https://x.example/{n}</link><pubDate>{date}</pubDate></item>"
        for n, date in enumerate(
            ["Thu, 01 Jan 1970 00:00:00 GMT", "Mon, 01 Jan 2035 00:00:00 GMT", "yesterday-ish"]
        )
    )
    body = f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()
    feed = parse_feed(body, url="https://x.example/rss", now=NOW)
    assert [item.published for item in feed.items] == [None, None, None]


def test_items_with_nothing_to_read_are_dropped() -> None:
    body = (
        b'<rss version="2.0"><channel><title>t</title>'
        b'<item><guid isPermaLink="false">only-a-guid</guid></item>'
        b"<item><title>Real</title></item></channel></rss>"
    )
    feed = parse_feed(body, url="https://x.example/rss")
    assert [item.title for item in feed.items] == ["Real"]


def test_summary_is_capped() -> None:
    text = "word " * 10_000
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "items": [{"id": "1", "title": "Long", "content_text": text}],
        }
    ).encode()
    feed = parse_feed(body, url="https://x.example/feed.json")
    assert len(feed.items[0].summary) == 20_000


def test_html_to_text() -> None:
    assert html_to_text("<p>One</p><p>two&nbsp;&amp; three</p><style>p{}</style>") == (
        "One two & three"
    )
    assert html_to_text("a<br>b") == "a b"
    assert html_to_text("AT&T <b>bold") == "AT&T bold"


@pytest.mark.parametrize(
    "body",
    [
        b"\x00\x01\x02\xff" * 100,
        b"<",
        b"<?xml",
        b"\xef\xbb\xbf",
        b"{",
        b"\x1f\x8b\x08garbage",
        b"<rss version='2.0'><channel><item><title>" + b"<b>" * 5000,
        "<rss><channel><title>\ud800</title></channel></rss>".encode("utf-8", "surrogatepass"),
        b'{"version": "https://jsonfeed.org/version/1", "items": [{"id": {"x": 1}, "url": 5}]}',
    ],
)
def test_never_raises(body: bytes) -> None:
    feed = parse_feed(body, url="https://x.example/rss", content_type="application/xml")
    assert isinstance(feed, ParsedFeed)
    assert feed.ok or feed.problem


def test_rss10_rdf(feed_fixtures: Path) -> None:
    feed = parse(feed_fixtures, "rss10_rdf.xml", "application/rdf+xml")
    assert (feed.ok, feed.kind, feed.problem) == (True, "rss10", None)
    (item,) = feed.items
    assert item.title == "Port workers strike for a second day"
    assert item.published == datetime(2024, 4, 2, 6, 0, tzinfo=UTC)
    assert item.identity.startswith("link:")


def test_scope_keeps_plain_guid_identities_across_redirects(feed_fixtures: Path) -> None:
    body = (feed_fixtures / "good_rss20.xml").read_bytes()
    before = parse_feed(body, url="https://old.example/rss", scope="feed-7")
    after = parse_feed(body, url="https://new.example/feed.xml", scope="feed-7")
    unscoped = parse_feed(body, url="https://new.example/feed.xml")
    assert [i.identity for i in before.items] == [i.identity for i in after.items]
    assert [i.identity for i in after.items] != [i.identity for i in unscoped.items]
