"""Bad feeds next to good ones: nothing crashes, every good item arrives, every failure is said
in words, and the server's Retry-After and 410 are honoured."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

from sqlmodel import col, select

from bot.app import build_app
from bot.db import Database
from bot.models import Feed, Item, utcnow
from bot.service import run_once
from tests.support.feedserver import FeedServer
from tests.support.riskbot import settings_for, write_feed_list

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


async def test_bad_feeds_do_not_hurt_good_ones(db: Database, tmp_path: Path) -> None:
    async with FeedServer() as srv:
        good = {
            srv.add("/good.rss", fixture("good_rss20.xml")): "rss",
            srv.add(
                "/good.atom", fixture("good_atom.xml"), content_type="application/atom+xml"
            ): "atom",
            srv.add(
                "/good.json", fixture("good_jsonfeed.json"), content_type="application/feed+json"
            ): "json",
            srv.add(
                "/gzip.rss", fixture("good_rss20.xml").replace(b"example", b"gz"), gzip=True
            ): "gzip",
            srv.add(
                "/cp1251.rss",
                fixture("cp1251_charset_in_header_only.xml"),
                content_type="application/rss+xml; charset=windows-1251",
            ): "cp1251",
            srv.add(
                "/latin1.rss",
                # Same links as the cp1251 fixture would make them one story: keep them apart.
                fixture("latin1_no_declaration.xml").replace(b"kz-news", b"kz-latin"),
                content_type="text/xml",
            ): "latin1",
        }
        bad = {
            srv.add("/broken.xml", fixture("malformed_unrecoverable.xml")): "broken",
            srv.add("/empty.xml", b""): "empty",
            srv.add("/page.html", fixture("html_page.html"), content_type="text/html"): "html",
            srv.add_stream("/huge.rss", 3_000_000): "huge",
            srv.add("/slow.rss", fixture("good_rss20.xml"), delay=6.0): "slow",
            srv.add("/500.rss", b"oops", status=500, content_type="text/plain"): "500",
            srv.add(
                "/429.rss",
                b"slow down",
                status=429,
                headers={"Retry-After": "900"},
                content_type="text/plain",
            ): "429",
            srv.redirect("/loop-a", "/loop-b", status=302): "loop",
            srv.add("/gone.rss", b"", status=410): "gone",
            "http://127.0.0.1:9/refused.rss": "refused",
        }
        srv.redirect("/loop-b", "/loop-a", status=302)
        settings = settings_for(
            db.url,
            write_feed_list(tmp_path, [*good, *bad]),
            fetch_timeout=1.5,
            max_feed_bytes=1_000_000,
            poll_interval=60,
        )
        started = utcnow()
        async with build_app(settings, stdout=io.StringIO()) as app:
            report, _ = await run_once(app)
    assert report.polled == len(good) + len(bad)

    async with db.session() as s:
        feeds = {f.url: f for f in (await s.exec(select(Feed))).all()}
        per_feed = {
            url: len((await s.exec(select(Item).where(col(Item.feed_id) == f.id))).all())
            for url, f in feeds.items()
        }
    for url, name in good.items():
        feed = feeds[url]
        assert per_feed[url] > 0, f"{name}: no items ({feed.last_error})"
        assert feed.error_count == 0 and feed.last_success_at is not None, name

    words = {
        "broken": ("xml", "feed"),
        "empty": ("empty",),
        "html": ("html",),
        "huge": ("larger", "limit"),
        "slow": ("timed out",),
        "500": ("500",),
        "429": ("429",),
        "loop": ("redirect",),
        "refused": ("connect",),
    }
    for url, name in bad.items():
        feed = feeds[url]
        assert per_feed[url] == 0, name
        if name == "gone":
            assert not feed.enabled and "410" in (feed.disabled_reason or "")
            continue
        error = (feed.last_error or "").lower()
        assert feed.error_count == 1, name
        assert any(w in error for w in words[name]), f"{name}: {feed.last_error!r}"
        assert feed.next_check_at > started, name
    # Retry-After: 900 s pushes the next check past the normal back-off of one interval.
    limited = next(f for u, f in feeds.items() if bad.get(u) == "429")
    assert limited.next_check_at >= started + timedelta(seconds=890)


async def test_unchanged_feed_is_not_reprocessed_and_errors_back_off(
    db: Database, tmp_path: Path
) -> None:
    async with FeedServer() as srv:
        url = srv.add("/etag.rss", fixture("good_rss20.xml"), etag='"v1"')
        flaky = srv.add("/flaky.rss", b"down", status=503, content_type="text/plain")
        settings = settings_for(db.url, write_feed_list(tmp_path, [url, flaky]), poll_interval=60)
        async with build_app(settings, stdout=io.StringIO()) as app:
            first, _ = await run_once(app)
            second, _ = await run_once(app, force=True)
            third, _ = await run_once(app, force=True)
        etag_requests = [r for r in srv.requests if r.path == "/etag.rss"]
    assert first.ingest.items > 0
    assert second.not_modified == 1 and second.ingest.items == 0
    assert etag_requests[1].headers.get("If-None-Match") == '"v1"'
    async with db.session() as s:
        flaky_row = (await s.exec(select(Feed).where(Feed.url == flaky))).one()
    assert flaky_row.error_count == 3 and "503" in (flaky_row.last_error or "")
    # Back-off doubles: the third failure waits about four intervals (jitter ±10%).
    wait = (flaky_row.next_check_at - (flaky_row.last_checked_at or utcnow())).total_seconds()
    assert 4 * 60 * 0.85 <= wait <= 4 * 60 * 1.15
    assert third.failed == 1
