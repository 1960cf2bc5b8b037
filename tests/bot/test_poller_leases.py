"""Feed leases: a claim is renewed when the fetch really starts; a lost claim writes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from bot.db import Database
from bot.fetcher import FeedRequest, Fetcher, build_client
from bot.models import Feed
from bot.store import feeds as feed_store

T0 = datetime(2026, 2, 1, tzinfo=UTC)


async def test_fetch_is_skipped_when_the_claim_was_lost() -> None:
    hits: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hits.append(str(request.url))
        return httpx.Response(200, text="<rss/>")

    async def lost() -> bool:
        return False

    async with build_client(user_agent="t", transport=httpx.MockTransport(handler)) as client:
        result = await Fetcher(client).fetch(
            FeedRequest("https://feeds.example/a.rss"), on_start=lost
        )
    assert result.outcome == "skipped"
    assert hits == []


async def test_results_are_written_only_by_the_lease_holder(db: Database) -> None:
    async with db.session() as s:
        s.add(Feed(url="https://feeds.example/a.rss", next_check_at=T0))
    async with db.session() as s:
        (a,) = await feed_store.claim_due_feeds(
            s, due_before=T0, now=T0, limit=5, owner="a", lease=timedelta(minutes=2)
        )
    later = T0 + timedelta(minutes=3)
    async with db.session() as s:
        (b,) = await feed_store.claim_due_feeds(
            s, due_before=later, now=later, limit=5, owner="b", lease=timedelta(minutes=2)
        )
    assert a.id == b.id
    health = feed_store.FeedHealth(
        checked_at=later, next_check_at=later + timedelta(minutes=5), status=500, error="boom"
    )
    async with db.session() as s:
        assert not await feed_store.renew_lease(s, a.id, "a", later, timedelta(minutes=2))
        assert not await feed_store.record_failure(s, a.id, "a", health)
        assert await feed_store.record_failure(s, b.id, "b", health)
        row = await feed_store.get_feed(s, b.id)
    assert row is not None and row.error_count == 1 and row.leased_by is None
