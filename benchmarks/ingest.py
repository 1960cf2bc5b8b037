"""Pipeline ingest: items/s through engine + storage, against the engine alone (the baseline).

The ratio says what storing items, signals, alerts and deliveries costs on top of matching.
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.db import Database
from bot.feedparse import ParsedItem
from bot.migrate import upgrade
from bot.models import Feed
from bot.pipeline import Pipeline
from bot.store import outbox
from rules import load_engine
from rules.model import Article

ITEMS = 3000
BATCH = 50  # items per feed poll

PLACES = ["Kazakhstan", "Ukraine", "Mali", "Georgia", "Armenia", "Sudan", "Niger", "Peru"]
EVENTS = [
    "{p}'s president ordered security forces to shoot to kill protesters",
    "Russia has massed troops and tanks near the border with {p}",
    "Foreign peacekeepers began withdrawing from {p} on Monday",
    "Thousands protested in the capital of {p} as police fired tear gas",
    "The central bank of {p} left interest rates unchanged",
    "{p} beat their rivals 2-1 in a friendly match",
]
FILLER = (
    "Officials said the situation remained fluid and that more information would follow. "
    "Analysts cautioned that the figures could not be independently verified. "
)


def corpus(n: int, seed: int = 7) -> list[ParsedItem]:
    rng = random.Random(seed)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    items = []
    for i in range(n):
        place = rng.choice(PLACES)
        headline = rng.choice(EVENTS).format(p=place)
        body = " ".join([headline + ".", FILLER * rng.randint(3, 8)])
        items.append(
            ParsedItem(
                identity=f"bench:{i}",
                guid=f"bench-{i}",
                link=f"https://bench.example/{i}",
                canonical_link=f"https://bench.example/{i}",
                title=headline,
                summary=body,
                published=now,
                author=None,
            )
        )
    return items


async def main() -> None:
    items = corpus(ITEMS)
    engine = load_engine().engine
    megabytes = sum(len(i.title) + len(i.summary) for i in items) / 1e6

    started = time.perf_counter()
    for item in items:
        engine.scan(Article(item.identity, item.title, item.summary, item.published))
    scan_only = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        await upgrade(url)
        db = Database(url)
        async with db.session() as session:
            console = await outbox.ensure_destination(session, "console", "stdout")
            assert console.id is not None
            await outbox.ensure_subscription(session, console.id)
            feed = Feed(url="https://bench.example/feed")
            session.add(feed)
            await session.flush()
            assert feed.id is not None
            feed_id = feed.id
        pipeline = Pipeline(db, engine)
        started = time.perf_counter()
        alerts = 0
        for start in range(0, len(items), BATCH):
            report = await pipeline.ingest(feed_id, "bench", items[start : start + BATCH])
            alerts += report.alerts
        full = time.perf_counter() - started
        await db.dispose()

    print(f"corpus: {ITEMS} items, {megabytes:.1f} MB, batches of {BATCH} (one feed poll each)")
    print(f"baseline  engine scan only      : {ITEMS / scan_only:9.0f} items/s")
    print(f"measured  scan + store (SQLite) : {ITEMS / full:9.0f} items/s, {alerts} alerts")
    print(f"ratio     full / baseline       : {scan_only / full:9.2f}")
