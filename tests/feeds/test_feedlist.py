"""Feed lists: OPML and plain text in, OPML out, errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.feedlist import (
    FeedEntry,
    FeedListError,
    default_feed_list_path,
    parse_opml,
    read_feed_list,
    render_opml,
)
from bot.identity import canonical_url


def test_opml_with_nested_categories(feed_fixtures: Path) -> None:
    entries = read_feed_list(feed_fixtures / "subscriptions.opml")
    assert entries == [
        FeedEntry("https://top.example/rss", "Top level feed", None),
        FeedEntry(
            "https://balkan-daily.example/feed?lang=en&x=1",
            "Balkan Daily & Friends",
            "Europe / Balkans",
        ),
        FeedEntry("https://kyiv-desk.example/rss/", "Kyiv desk", "Europe"),
    ]


def test_plain_text_list(feed_fixtures: Path) -> None:
    entries = read_feed_list(feed_fixtures / "feeds.txt")
    assert [entry.url for entry in entries] == [
        "https://one.example/rss",
        "https://two.example/atom.xml",
        "HTTPS://Three.example/feed.json",
    ]


def test_text_list_rejects_non_http_url_with_line(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("# comment\nhttps://ok.example/rss\n\nftp://files.example/feed\n")
    with pytest.raises(FeedListError) as caught:
        read_feed_list(path)
    assert str(caught.value) == (
        f"{path}, line 4: 'ftp://files.example/feed' is not an http(s) URL"
    )


def test_text_list_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_bytes(b"https://ok.example/rss\nhttps://\xff.example/\n")
    with pytest.raises(FeedListError, match=r"line 2: the file is not valid UTF-8"):
        read_feed_list(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FeedListError, match=r"cannot read the feed list"):
        read_feed_list(tmp_path / "nope.opml")


def test_malformed_opml_names_file_and_line(feed_fixtures: Path) -> None:
    path = feed_fixtures / "malformed.opml"
    with pytest.raises(FeedListError) as caught:
        read_feed_list(path)
    assert str(caught.value) == f"{path}, line 7: the OPML is malformed (mismatched tag)"


def test_doctype_is_rejected_before_any_expansion(feed_fixtures: Path) -> None:
    path = feed_fixtures / "doctype.opml"
    with pytest.raises(FeedListError) as caught:
        read_feed_list(path)
    assert str(caught.value).startswith(f"{path}, line 2: the OPML contains a DOCTYPE declaration")


def test_doctype_in_utf16_is_rejected_too() -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE x [<!ENTITY a "b">]><opml/>'
    with pytest.raises(FeedListError, match="DOCTYPE"):
        parse_opml(text.encode("utf-16"), source="list.opml")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "list.opml, line 1: the OPML is malformed (no element found)"),
        (
            b'<rss version="2.0"><channel/></rss>',
            "list.opml, line 1: the root element is <rss>, not <opml>: this is not OPML",
        ),
        (
            b'<opml version="2.0"><body>\n<outline xmlUrl="file:///etc/passwd"/></body></opml>',
            "list.opml, line 2: xmlUrl 'file:///etc/passwd' is not an http(s) URL",
        ),
    ],
)
def test_bad_opml(data: bytes, message: str) -> None:
    with pytest.raises(FeedListError) as caught:
        parse_opml(data, source="list.opml")
    assert str(caught.value) == message


def test_render_round_trips() -> None:
    entries = [
        FeedEntry("https://a.example/rss?x=1&y=2", 'Quotes " and <tags> & more', "World"),
        FeedEntry("https://b.example/feed", None, "World / Central Asia"),
        FeedEntry("https://c.example/atom.xml", "Multi\nline\ttitle", None),
        FeedEntry("https://d.example/rss", "Кыргызстан — новости", "Регион"),
    ]
    document = render_opml(entries, title="Desk & co")
    assert document.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert "<title>Desk &amp; co</title>" in document
    parsed = parse_opml(document.encode("utf-8"), source="rendered")
    assert sorted(parsed, key=lambda e: e.url) == sorted(entries, key=lambda e: e.url)


def test_render_drops_characters_xml_cannot_hold() -> None:
    document = render_opml([FeedEntry("https://a.example/rss", "bell\x07 here")])
    assert parse_opml(document.encode(), source="x")[0].title == "bell here"


def test_default_list_is_usable() -> None:
    path = default_feed_list_path()
    assert path.is_file()
    entries = read_feed_list(path)
    assert len(entries) >= 20
    assert all(entry.url.startswith(("https://", "http://")) for entry in entries)
    assert all(entry.title and entry.category for entry in entries)
    assert len({canonical_url(entry.url) for entry in entries}) == len(entries)
    categories = {entry.category for entry in entries}
    assert {"World", "Central Asia", "Caucasus", "Middle East", "Africa"} <= categories
