"""parse_feed on real and malformed feeds written by others (read only, skipped when absent)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from bot.feedparse import parse_feed

SHARED_FEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "feeds"
MANIFEST = SHARED_FEEDS / "MANIFEST.json"


def manifest() -> list[dict[str, Any]]:
    if not MANIFEST.is_file():
        return []
    records: list[dict[str, Any]] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return records


pytestmark = pytest.mark.skipif(not MANIFEST.is_file(), reason="shared feed data not present")


@pytest.mark.parametrize("record", manifest(), ids=lambda record: record["file"])
def test_shared_feed(record: dict[str, Any]) -> None:
    body = (SHARED_FEEDS / record["file"]).read_bytes()
    if record.get("gzip"):
        body = gzip.decompress(body)  # what the fetcher hands over after Content-Encoding
    reference = record["feedparser"]
    feed = parse_feed(body, url=f"https://shared.example/{record['file']}")

    if reference["version"] is None:
        assert not feed.ok
        assert feed.problem is not None
        assert feed.problem.startswith(("not a feed", "empty body"))
        return
    assert feed.ok, feed.problem
    if reference["bozo"] and "SAXParseException" in str(reference["bozo_exception"]):
        # Either repaired (bare ampersands) or recovered; both are said in words.
        assert feed.problem is not None
        assert "malformed" in feed.problem or "unescaped '&'" in feed.problem
    first_title = reference["first_entry_title"]
    if first_title:
        # Every entry a reader could read is kept (minus duplicates within the feed).
        assert feed.items, feed.problem
        assert feed.items[0].title == " ".join(first_title.split())
        assert len(feed.items) <= reference["entries"]
        assert len(feed.items) >= reference["entries"] // 2
    if reference["feed_title"]:
        assert feed.title == " ".join(reference["feed_title"].split())
    for item in feed.items:
        assert item.published is None or item.published.tzinfo is not None
        assert item.title or item.summary or item.link


def test_gzipped_file_also_parses_as_sent_without_content_encoding() -> None:
    records = [record for record in manifest() if record.get("gzip")]
    if not records:
        pytest.skip("no gzipped feed in the shared data")
    feed = parse_feed((SHARED_FEEDS / records[0]["file"]).read_bytes(), url="https://x.example/")
    assert len(feed.items) == records[0]["feedparser"]["entries"]
