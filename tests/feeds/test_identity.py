"""Canonical URLs, item identities and content hashes."""

from __future__ import annotations

import pytest

from bot.identity import canonical_url, content_hash, item_identity

FEED = "https://news.example/rss"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://News.Example:80/World/?b=2&a=1#top", "https://news.example/World?a=1&b=2"),
        ("https://news.example:443/", "https://news.example/"),
        ("https://news.example", "https://news.example/"),
        ("http://news.example:8080/x", "https://news.example:8080/x"),
        (
            "https://news.example/a?utm_source=rss&utm_medium=feed&fbclid=1&gclid=2&id=7",
            "https://news.example/a?id=7",
        ),
        ("https://news.example/a?mc_cid=1&mc_eid=2&ocid=3&cmpid=4", "https://news.example/a"),
        ("https://news.example/a/./b/../c/", "https://news.example/a/c"),
        ("https://news.example/%7euser/%2f", "https://news.example/~user/%2F"),
        ("https://bücher.example/straße", "https://xn--bcher-kva.example/stra%C3%9Fe"),
        ("https://news.example/a b", "https://news.example/a%20b"),
        ("  https://news.example/wrapped\n/link  ", "https://news.example/wrapped/link"),
        ("https://user:secret@news.example/p", "https://news.example/p"),
        ("https://news.example./p", "https://news.example/p"),
        ("https://news.example/?feed=rss2", "https://news.example/?feed=rss2"),
    ],
)
def test_canonical_url_normalises(raw: str, expected: str) -> None:
    assert canonical_url(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "   ",
        "ftp://news.example/file",
        "javascript:alert(1)",
        "mailto:desk@news.example",
        "/relative/path",
        "https://",
        "https://news.example:99999/",
        "https://bad host.example/",
        "https://a..example/",
        "not a url at all",
        "https://news.example/\x00",
    ],
)
def test_canonical_url_rejects_garbage(raw: str | None) -> None:
    assert canonical_url(raw) is None


def test_canonical_url_is_idempotent() -> None:
    once = canonical_url("HTTP://Bücher.Example/a/b/?z=1&utm_campaign=x&a=%7e")
    assert once is not None
    assert canonical_url(once) == once


def test_plain_guid_is_scoped_to_its_feed() -> None:
    one = item_identity(FEED, "item-17", None, "Title", "Text")
    again = item_identity(FEED, "  item-17 ", "https://news.example/other", "Changed", "")
    other_feed = item_identity("https://other.example/rss", "item-17", None, "Title", "Text")
    assert one == again
    assert one != other_feed
    assert one.startswith("guid:")
    assert len(one.split(":", 1)[1]) == 32


def test_url_guid_matches_the_same_link_in_another_feed() -> None:
    in_feed_a = item_identity(FEED, "http://News.example/story/1?utm_source=a", None, "A", "")
    in_feed_b = item_identity(
        "https://agg.example/rss", None, "https://news.example/story/1/", "B", ""
    )
    assert in_feed_a == in_feed_b
    assert in_feed_a.startswith("link:")


def test_link_identity_ignores_tracking_and_fragment() -> None:
    a = item_identity(FEED, None, "https://news.example/s?utm_medium=rss#comments", "T", "S")
    b = item_identity(FEED, None, "https://news.example/s", "Other title", "")
    assert a == b


def test_hash_identity_normalises_text() -> None:
    a = item_identity(FEED, None, None, "Troops  massed\nnear the border", "Reports say")
    b = item_identity(FEED, "", "not-a-url", "troops massed near the BORDER", " reports   say ")
    c = item_identity(FEED, None, None, "Troops withdrawn", "Reports say")
    assert a == b
    assert a != c
    assert a.startswith("hash:")


def test_content_hash_is_stable_and_distinguishes_bodies() -> None:
    assert content_hash(b"abc") == content_hash(b"abc")
    assert content_hash(b"abc") != content_hash(b"abd")
    assert len(content_hash(b"")) == 64
