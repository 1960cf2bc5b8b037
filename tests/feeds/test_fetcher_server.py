"""Fetcher against a real HTTP server on 127.0.0.1 (tests/support/feedserver.py)."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from bot.feedparse import parse_feed
from bot.fetcher import USER_AGENT, FeedRequest, Fetcher, build_client
from tests.support.feedserver import FeedServer, gzip_bomb, render_rss

RSS = render_rss("Server feed", "https://news.example/", seed=1, items=3)


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    async with FeedServer() as srv:
        yield srv


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with build_client(user_agent=USER_AGENT, timeout=5.0) as http:
        yield http


async def test_conditional_get_200_then_304(server: FeedServer, client: httpx.AsyncClient) -> None:
    url = server.add("/feed.xml", RSS, etag='"abc"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    fetcher = Fetcher(client)
    first = await fetcher.fetch(FeedRequest(url))
    assert first.outcome == "ok"
    assert first.body == RSS
    assert first.etag == '"abc"'
    assert len(parse_feed(first.body, url=url, content_type=first.content_type).items) == 3

    second = await fetcher.fetch(FeedRequest(url, first.etag, first.last_modified))
    assert second.outcome == "not_modified"
    assert second.status == 304
    assert server.hits["/feed.xml"] == 2
    sent = server.requests[-1].headers
    assert sent["If-None-Match"] == '"abc"'
    assert sent["User-Agent"] == USER_AGENT

    server.routes["/feed.xml"].etag = '"def"'  # the feed changed
    third = await fetcher.fetch(FeedRequest(url, second.etag, None))
    assert (third.outcome, third.etag) == ("ok", '"def"')


async def test_gone(server: FeedServer, client: httpx.AsyncClient) -> None:
    url = server.add("/old.xml", "gone", status=410)
    result = await Fetcher(client).fetch(FeedRequest(url))
    assert (result.outcome, result.status, result.transient) == ("gone", 410, False)


async def test_server_error_and_retry_after(server: FeedServer, client: httpx.AsyncClient) -> None:
    fetcher = Fetcher(client)
    failed = await fetcher.fetch(FeedRequest(server.add("/boom.xml", "x", status=500)))
    assert failed.error == "the server answered 500 Internal Server Error"
    assert failed.transient
    limited_url = server.add(
        "/busy.xml",
        "slow down",
        status=429,
        headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"},
    )
    limited = await fetcher.fetch(FeedRequest(limited_url))
    assert limited.retry_after == 0.0  # a date in the past: retry now
    seconds = await fetcher.fetch(
        FeedRequest(server.add("/busy2.xml", "x", status=503, headers={"Retry-After": "30"}))
    )
    assert seconds.retry_after == 30.0


async def test_permanent_redirect_updates_url(
    server: FeedServer, client: httpx.AsyncClient
) -> None:
    target = server.add("/new.xml", RSS)
    old = server.redirect("/old.xml", "/new.xml", status=301)
    result = await Fetcher(client).fetch(FeedRequest(old))
    assert result.outcome == "ok"
    assert result.final_url == target
    assert result.moved_permanently


async def test_temporary_redirect_keeps_url(server: FeedServer, client: httpx.AsyncClient) -> None:
    target = server.add("/today.xml", RSS)
    start = server.redirect("/feed.xml", "/today.xml", status=302)
    result = await Fetcher(client).fetch(FeedRequest(start))
    assert result.outcome == "ok"
    assert result.final_url == target
    assert not result.moved_permanently


async def test_redirect_loop(server: FeedServer, client: httpx.AsyncClient) -> None:
    a = server.redirect("/a.xml", "/b.xml", status=301)
    b = server.redirect("/b.xml", "/a.xml", status=301)
    result = await Fetcher(client).fetch(FeedRequest(a))
    assert result.outcome == "error"
    assert result.error == f"the redirects go round in a loop ({a} → {b} → {a})"
    assert server.hits["/a.xml"] == 1


async def test_gzip_body(server: FeedServer, client: httpx.AsyncClient) -> None:
    url = server.add("/zipped.xml", RSS, gzip=True)
    result = await Fetcher(client).fetch(FeedRequest(url))
    assert result.outcome == "ok"
    assert result.body == RSS
    assert server.requests[-1].headers["Accept-Encoding"] == "gzip, deflate"


async def test_oversized_bodies_are_capped(server: FeedServer, client: httpx.AsyncClient) -> None:
    fetcher = Fetcher(client, max_bytes=1_000_000)
    declared = await fetcher.fetch(FeedRequest(server.add_stream("/big.xml", 1_000_000_000)))
    assert declared.error == "the body is larger than the 1 MB limit"
    started = time.monotonic()
    chunked = await fetcher.fetch(
        FeedRequest(server.add_stream("/big-chunked.xml", 1_000_000_000, send_length=False))
    )
    assert chunked.error == "the body is larger than the 1 MB limit"
    assert time.monotonic() - started < 2  # stopped early, did not read a gigabyte


async def test_gzip_bomb_is_capped(server: FeedServer, client: httpx.AsyncClient) -> None:
    bomb = gzip_bomb(60_000_000)
    assert len(bomb) < 100_000
    url = server.add("/bomb.xml", bomb, headers={"Content-Encoding": "gzip"})
    result = await Fetcher(client, max_bytes=5_000_000).fetch(FeedRequest(url))
    assert result.outcome == "error"
    assert result.error == "the body is larger than the 5 MB limit"


async def test_slow_server_times_out_without_blocking_others(server: FeedServer) -> None:
    slow = server.add("/slow.xml", RSS, delay=3.0)
    fast = server.add("/fast.xml", RSS)
    async with build_client(user_agent=USER_AGENT, timeout=0.5) as http:
        fetcher = Fetcher(http)
        started = time.monotonic()
        slow_task = asyncio.create_task(fetcher.fetch(FeedRequest(slow)))
        fast_result = await fetcher.fetch(FeedRequest(fast))
        fast_elapsed = time.monotonic() - started
        slow_result = await slow_task
    assert fast_result.outcome == "ok"
    assert fast_elapsed < 0.4
    assert slow_result.outcome == "error"
    assert slow_result.error == "timed out after 0.5 s while reading"
    assert slow_result.transient
    assert slow_result.elapsed < 1.5


async def test_trickling_server_hits_the_deadline(server: FeedServer) -> None:
    url = server.add("/trickle.xml", RSS, chunk_size=10, chunk_delay=0.05)
    async with build_client(user_agent=USER_AGENT, timeout=1.0) as http:
        result = await Fetcher(http, deadline=0.3).fetch(FeedRequest(url))
    assert result.error == "gave up after 0.3 s in total (the server is too slow)"


async def test_connection_refused(client: httpx.AsyncClient) -> None:
    with socket.socket() as sock:  # find a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = await Fetcher(client).fetch(FeedRequest(f"http://127.0.0.1:{port}/feed.xml"))
    assert result.outcome == "error"
    assert result.error == "could not connect: connection refused"
    assert result.transient


async def test_per_host_bound_is_honoured(server: FeedServer, client: httpx.AsyncClient) -> None:
    urls = [server.add(f"/p{n}.xml", RSS, delay=0.05) for n in range(8)]
    fetcher = Fetcher(client, per_host=2, max_concurrency=20)
    results = await asyncio.gather(*(fetcher.fetch(FeedRequest(url)) for url in urls))
    assert all(result.outcome == "ok" for result in results)
    assert server.max_in_flight == 2


async def test_global_bound_is_honoured_across_hosts(server: FeedServer) -> None:
    # 127.0.0.1 and localhost are different hosts to the fetcher but the same server.
    urls = [server.add(f"/g{n}.xml", RSS, delay=0.05) for n in range(6)]
    urls += [url.replace("127.0.0.1", "localhost") for url in urls]
    async with build_client(user_agent=USER_AGENT, timeout=5.0) as http:
        fetcher = Fetcher(http, per_host=5, max_concurrency=3)
        results = await asyncio.gather(*(fetcher.fetch(FeedRequest(url)) for url in urls))
    assert all(result.outcome == "ok" for result in results), [r.error for r in results]
    assert server.max_in_flight == 3


async def test_many_generated_feeds(server: FeedServer, client: httpx.AsyncClient) -> None:
    urls = server.add_generated(200, items=3)
    fetcher = Fetcher(client, max_concurrency=20, per_host=20)
    results = await asyncio.gather(*(fetcher.fetch(FeedRequest(url)) for url in urls))
    parsed = [parse_feed(r.body, url=r.final_url, content_type=r.content_type) for r in results]
    assert all(feed.ok and len(feed.items) == 3 for feed in parsed)
    identities = {item.identity for feed in parsed for item in feed.items}
    assert len(identities) == 600
    again = await fetcher.fetch(FeedRequest(urls[0], results[0].etag))
    assert again.outcome == "not_modified"


def test_server_runs_in_a_thread_for_subprocess_tests() -> None:
    srv = FeedServer()
    base = srv.start_in_thread()
    try:
        srv.add("/t.xml", RSS, etag='"t"')
        with httpx.Client() as http:
            assert http.get(base + "/t.xml").content == RSS
            assert http.get(base + "/t.xml", headers={"If-None-Match": '"t"'}).status_code == 304
        assert srv.hits["/t.xml"] == 2
    finally:
        srv.stop()
