"""The poller: claim due feeds, fetch them concurrently, parse, hand new items on, keep health.

Modelled on miniflux: each feed keeps its next check time and error count; failures back off
exponentially (capped) and honour ``Retry-After``; 410 disables a feed; a permanent redirect
moves it. One bad feed never delays or stops the others.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.db import Database
from bot.feedparse import ParsedFeed, parse_feed
from bot.fetcher import FeedRequest, Fetcher, FetchResult
from bot.identity import content_hash
from bot.models import Feed, utcnow
from bot.pipeline import IngestReport, Pipeline
from bot.store import feeds as feed_store

__all__ = ["PollReport", "Poller", "backoff_delay"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class PollReport:
    """What one polling round did."""

    polled: int = 0
    not_modified: int = 0
    failed: int = 0
    disabled: int = 0
    ingest: IngestReport = field(default_factory=IngestReport)


def backoff_delay(
    interval: float, errors: int, retry_after: float | None, cap: float, jitter: float = 0.1
) -> float:
    """Seconds to wait after the ``errors``-th failure in a row: doubling, capped, jittered,
    and never sooner than the server's ``Retry-After``."""
    delay = min(interval * 2 ** max(errors - 1, 0), cap)
    delay *= random.uniform(1 - jitter, 1 + jitter)  # noqa: S311  (spreading load, not security)
    if retry_after is not None:
        delay = max(delay, min(retry_after, cap))
    return float(delay)


class Poller:
    """Polls due feeds, across any number of replicas sharing one database."""

    def __init__(
        self,
        db: Database,
        fetcher: Fetcher,
        pipeline: Pipeline,
        *,
        owner: str,
        interval: float,
        max_backoff: float,
        lease: timedelta,
        slots: int = 20,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._fetcher = fetcher
        self._pipeline = pipeline
        self._owner = owner
        self._interval = interval
        self._max_backoff = max_backoff
        self._lease = lease
        self._slots = slots
        self._clock = clock

    async def poll_due(self, *, force: bool = False) -> PollReport:
        """Poll every feed due now (every enabled feed with ``force``), once each.

        Feeds are claimed only as slots free up, so a slow feed holds one slot and never the
        others, and no lease is taken on a feed that is still waiting for a slot.
        """
        report = PollReport()
        if force:
            async with self._db.session() as session:
                await feed_store.make_all_due(session, self._clock())
        seen: set[int] = set()
        running: set[asyncio.Task[None]] = set()
        try:
            while True:
                free = self._slots - len(running)
                fresh: list[Feed] = []
                if free > 0:
                    now = self._clock()
                    async with self._db.session() as session:
                        claimed = await feed_store.claim_due_feeds(
                            session,
                            due_before=now,
                            now=now,
                            limit=free,
                            owner=self._owner,
                            lease=self._lease,
                            exclude=seen,
                        )
                    fresh = [f for f in claimed if f.id not in seen]
                    seen.update(f.id for f in fresh if f.id is not None)
                    for feed in fresh:
                        running.add(asyncio.create_task(self._poll_guarded(feed, report)))
                if not running:
                    return report
                if not fresh or len(running) >= self._slots:
                    _done, pending = await asyncio.wait(
                        running, return_when=asyncio.FIRST_COMPLETED
                    )
                    running = set(pending)
        finally:
            for task in running:
                task.cancel()
            if running:
                await asyncio.gather(*running, return_exceptions=True)

    async def _poll_guarded(self, feed: Feed, report: PollReport) -> None:
        assert feed.id is not None
        try:
            await self._poll_one(feed, report)
        except asyncio.CancelledError:
            # Shutting down: hand the feed back so the next worker need not wait out the lease.
            await asyncio.shield(self._release(feed.id))
            raise
        except Exception as exc:  # one feed's bug must not stop the round; it is recorded
            log.exception("polling %s failed unexpectedly", feed.url)
            await self._fail(feed, None, f"internal error: {type(exc).__name__}: {exc}", None)
            report.failed += 1

    async def _release(self, feed_id: int) -> None:
        async with self._db.session() as session:
            await feed_store.release_lease(session, feed_id, self._owner)

    async def _poll_one(self, feed: Feed, report: PollReport) -> None:
        assert feed.id is not None
        feed_id = feed.id

        async def still_ours() -> bool:
            # The fetch may have queued behind a busy host: renew the claim as it starts.
            async with self._db.session() as session:
                return await feed_store.renew_lease(
                    session, feed_id, self._owner, self._clock(), self._lease
                )

        result = await self._fetcher.fetch(
            FeedRequest(url=feed.url, etag=feed.etag, last_modified=feed.last_modified),
            on_start=still_ours,
        )
        if result.outcome == "skipped":
            log.warning("feed %s skipped: another worker claimed it meanwhile", feed.url)
            return
        report.polled += 1
        if result.moved_permanently and result.final_url != feed.url:
            async with self._db.session() as session:
                if await feed_store.move_feed(session, feed.id, result.final_url):
                    log.info("feed moved permanently: %s -> %s", feed.url, result.final_url)
        if result.outcome == "gone":
            async with self._db.session() as session:
                await feed_store.record_gone(session, feed.id, self._owner, self._health(result))
            report.disabled += 1
            log.warning("feed disabled, the server says it is gone: %s", feed.url)
            return
        if result.outcome == "error":
            await self._fail(
                feed, result.status, result.error or "fetch failed", result.retry_after
            )
            report.failed += 1
            log.warning("feed %s: %s", feed.url, result.error)
            return
        if result.outcome == "not_modified":
            await self._succeed(feed, result, None, None, IngestReport())
            report.not_modified += 1
            return
        digest = content_hash(result.body)
        if digest == feed.content_hash:  # the server ignores conditional GET; nothing changed
            await self._succeed(feed, result, digest, None, IngestReport())
            report.not_modified += 1
            return
        parsed = await asyncio.to_thread(
            parse_feed,
            result.body,
            url=result.final_url,
            content_type=result.content_type,
            scope=str(feed.id),
        )
        if not parsed.ok:
            await self._fail(feed, result.status, parsed.problem or "not a feed", None)
            report.failed += 1
            log.warning("feed %s: %s", feed.url, parsed.problem)
            return
        source = feed.title or parsed.title or feed.url
        ingested = await self._pipeline.ingest(feed.id, source, parsed.items)
        report.ingest.add(ingested)
        await self._succeed(feed, result, digest, parsed, ingested)

    def _health(self, result: FetchResult) -> feed_store.FeedHealth:
        """Health after a poll that worked: next check one interval ahead, lightly jittered."""
        now = self._clock()
        delay = self._interval * random.uniform(0.95, 1.05)  # noqa: S311
        return feed_store.FeedHealth(
            checked_at=now,
            next_check_at=now + timedelta(seconds=delay),
            status=result.status,
            error=result.error,
        )

    async def _succeed(
        self,
        feed: Feed,
        result: FetchResult,
        digest: str | None,
        parsed: ParsedFeed | None,
        ingested: IngestReport,
    ) -> None:
        assert feed.id is not None
        async with self._db.session() as session:
            recorded = await feed_store.record_success(
                session,
                feed.id,
                self._owner,
                self._health(result),
                etag=result.etag,
                last_modified=result.last_modified,
                content_hash=digest,
                title=parsed.title if parsed else None,
                new_items=ingested.items,
                warning=parsed.problem if parsed else None,
            )
        if not recorded:
            log.warning("feed %s: polled, but another worker holds it now", feed.url)

    async def _fail(
        self, feed: Feed, status: int | None, error: str, retry_after: float | None
    ) -> None:
        assert feed.id is not None
        now = self._clock()
        delay = backoff_delay(self._interval, feed.error_count + 1, retry_after, self._max_backoff)
        health = feed_store.FeedHealth(
            checked_at=now, next_check_at=now + timedelta(seconds=delay), status=status, error=error
        )
        async with self._db.session() as session:
            if not await feed_store.record_failure(session, feed.id, self._owner, health):
                log.warning("feed %s: failure not recorded, another worker holds it", feed.url)
