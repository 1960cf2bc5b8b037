"""The configured feed list: defaults into an empty database; RISKBOT_FEEDS replaces them."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from bot.app import sync_feeds
from bot.db import Database
from bot.feedlist import default_feed_list_path, read_feed_list
from bot.models import Feed, utcnow
from bot.settings import Settings
from bot.store import feeds as feed_store


async def stored(db: Database) -> dict[str, Feed]:
    async with db.session() as s:
        return {f.url: f for f in (await s.exec(select(Feed))).all()}


async def test_default_list_then_replaced_by_riskbot_feeds(db: Database, tmp_path: Path) -> None:
    defaults = read_feed_list(default_feed_list_path())
    assert await sync_feeds(db, Settings(database_url=db.url)) == len(defaults) >= 20
    # Loaded into an empty database only: a removed default stays removed.
    async with db.session() as s:
        assert await feed_store.remove_feed(s, defaults[0].url)
    assert await sync_feeds(db, Settings(database_url=db.url)) == 0
    assert defaults[0].url not in await stored(db)

    async with db.session() as s:
        await feed_store.add_feeds(s, [("https://mine.example/rss", None, None)], utcnow())
    listed = tmp_path / "feeds.txt"
    listed.write_text(f"https://a.example/rss\n{defaults[1].url}\n")
    assert await sync_feeds(db, Settings(database_url=db.url, feeds=listed)) == 1
    feeds = await stored(db)
    assert feeds["https://a.example/rss"].enabled
    assert feeds[defaults[1].url].enabled  # still listed
    assert not feeds[defaults[2].url].enabled  # a default no longer listed
    assert "RISKBOT_FEEDS" in (feeds[defaults[2].url].disabled_reason or "")
    assert feeds["https://mine.example/rss"].enabled  # added by hand: left alone

    listed.write_text(f"https://a.example/rss\n{defaults[2].url}\n")
    await sync_feeds(db, Settings(database_url=db.url, feeds=listed))
    feeds = await stored(db)
    assert feeds[defaults[2].url].enabled and feeds[defaults[2].url].disabled_reason is None
    assert not feeds[defaults[1].url].enabled
