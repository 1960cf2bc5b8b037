"""Fetcher against httpx.MockTransport: status mapping, redirects, limits and errors in words."""

from __future__ import annotations

import asyncio
import gzip
import socket
import zlib
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from bot.fetcher import (
    USER_AGENT,
    FeedRequest,
    Fetcher,
    FetchResult,
    build_client,
    format_user_agent,
)

Handler = Callable[[httpx.Request], httpx.Response]
FEED = b'<rss version="2.0"><channel><title>t</title></channel></rss>'


async def fetch(handler: Handler, req: FeedRequest | str, **options: int) -> FetchResult:
    request = FeedRequest(req) if isinstance(req, str) else req
    async with build_client(
        user_agent=USER_AGENT, transport=httpx.MockTransport(handler)
    ) as client:
        return await Fetcher(client, **options).fetch(request)


def test_user_agent_names_the_bot_and_version() -> None:
    assert format_user_agent("1.2.3") == "riskbot/1.2.3 (+https://github.com/riskbot/riskbot)"
    assert USER_AGENT.startswith("riskbot/")


async def test_ok_sends_feed_headers_and_returns_validators() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            content=FEED,
            headers={"Content-Type": "application/rss+xml", "ETag": '"v1"', "Last-Modified": "Mon"},
        )

    result = await fetch(handler, "https://news.example/rss")
    assert result.outcome == "ok"
    assert (result.status, result.body, result.content_type) == (200, FEED, "application/rss+xml")
    assert (result.etag, result.last_modified) == ('"v1"', "Mon")
    assert result.final_url == "https://news.example/rss"
    assert not result.moved_permanently
    assert result.error is None
    assert not result.transient
    headers = seen[0].headers
    assert headers["User-Agent"] == USER_AGENT
    assert "application/rss+xml" in headers["Accept"]
    assert "If-None-Match" not in headers


async def test_conditional_get_304_is_not_modified() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["If-None-Match"] == '"v1"'
        assert request.headers["If-Modified-Since"] == "Mon, 01 Jan 2024 00:00:00 GMT"
        return httpx.Response(304)

    req = FeedRequest("https://news.example/rss", '"v1"', "Mon, 01 Jan 2024 00:00:00 GMT")
    result = await fetch(handler, req)
    assert result.outcome == "not_modified"
    assert result.body == b""
    assert result.etag == '"v1"'  # kept from the request when the 304 omits it
    assert result.last_modified == "Mon, 01 Jan 2024 00:00:00 GMT"


@pytest.mark.parametrize(
    ("status", "outcome", "error", "transient"),
    [
        (410, "gone", None, False),
        (404, "error", "the server answered 404 Not Found", False),
        (403, "error", "the server answered 403 Forbidden", False),
        (500, "error", "the server answered 500 Internal Server Error", True),
        (503, "error", "the server answered 503 Service Unavailable", True),
        (429, "error", "the server answered 429 Too Many Requests", True),
        (599, "error", "the server answered 599 (no reason given)", True),
    ],
)
async def test_status_mapping(
    status: int, outcome: str, error: str | None, transient: bool
) -> None:
    result = await fetch(
        lambda _: httpx.Response(status, content=b"oops"), "https://news.example/rss"
    )
    assert (result.outcome, result.status, result.error, result.transient) == (
        outcome,
        status,
        error,
        transient,
    )
    assert result.body == b""


async def test_retry_after_in_seconds_and_as_http_date() -> None:
    def seconds(_: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"Retry-After": "120"})

    assert (await fetch(seconds, "https://news.example/rss")).retry_after == 120.0

    when = datetime.now(UTC) + timedelta(minutes=10)

    def date(_: httpx.Request) -> httpx.Response:
        return httpx.Response(503, headers={"Retry-After": format_datetime(when, usegmt=True)})

    retry_after = (await fetch(date, "https://news.example/rss")).retry_after
    assert retry_after is not None
    assert 590 <= retry_after <= 600

    def garbage(_: httpx.Request) -> httpx.Response:
        return httpx.Response(503, headers={"Retry-After": "soon"})

    assert (await fetch(garbage, "https://news.example/rss")).retry_after is None


def redirector(chain: dict[str, tuple[int, str]]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        hop = chain.get(str(request.url))
        if hop is None:
            return httpx.Response(200, content=FEED)
        return httpx.Response(hop[0], headers={"Location": hop[1]})

    return handler


async def test_permanent_redirects_set_moved_permanently() -> None:
    chain = {
        "http://news.example/rss": (301, "https://news.example/rss"),
        "https://news.example/rss": (308, "/feeds/world.xml"),
    }
    result = await fetch(redirector(chain), "http://news.example/rss")
    assert result.outcome == "ok"
    assert result.final_url == "https://news.example/feeds/world.xml"
    assert result.moved_permanently


async def test_one_temporary_hop_means_not_moved() -> None:
    chain = {
        "https://a.example/rss": (301, "https://b.example/rss"),
        "https://b.example/rss": (302, "https://c.example/rss"),
    }
    result = await fetch(redirector(chain), "https://a.example/rss")
    assert result.outcome == "ok"
    assert result.final_url == "https://c.example/rss"
    assert not result.moved_permanently


async def test_redirect_loop_is_named() -> None:
    chain = {
        "https://a.example/rss": (301, "https://b.example/rss"),
        "https://b.example/rss": (302, "https://a.example/rss"),
    }
    result = await fetch(redirector(chain), "https://a.example/rss")
    assert result.outcome == "error"
    assert result.error == (
        "the redirects go round in a loop "
        "(https://a.example/rss → https://b.example/rss → https://a.example/rss)"
    )
    assert not result.transient


async def test_too_many_redirects() -> None:
    chain = {f"https://a.example/{n}": (302, f"https://a.example/{n + 1}") for n in range(10)}
    result = await fetch(redirector(chain), "https://a.example/0", max_redirects=3)
    assert result.outcome == "error"
    assert result.error == "too many redirects (more than 3; a loop?)"


async def test_redirect_to_another_scheme_is_refused() -> None:
    chain = {"https://a.example/rss": (302, "ftp://a.example/rss")}
    result = await fetch(redirector(chain), "https://a.example/rss")
    assert (
        result.error == "cannot fetch 'ftp://a.example/rss': only http and https URLs are supported"
    )


async def test_gzip_and_deflate_bodies_are_decoded() -> None:
    for encoding, packed in [
        ("gzip", gzip.compress(FEED)),
        ("deflate", zlib.compress(FEED)),
        ("deflate", zlib.compress(FEED)[2:-4]),  # raw deflate, as some servers send it
    ]:
        result = await fetch(
            lambda _, e=encoding, p=packed: httpx.Response(
                200, stream=httpx.ByteStream(p), headers={"Content-Encoding": e}
            ),
            "https://news.example/rss",
        )
        assert (result.outcome, result.body) == ("ok", FEED), encoding


async def test_oversized_body_is_refused_by_content_length_and_while_streaming() -> None:
    result = await fetch(
        lambda _: httpx.Response(200, content=b"x" * 2_000),
        "https://news.example/rss",
        max_bytes=1_000,
    )
    assert result.outcome == "error"
    assert result.error == "the body is larger than the 1 KB limit"
    assert result.body == b""
    assert not result.transient

    chunks_sent = 0

    class Endless(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            nonlocal chunks_sent
            while True:
                chunks_sent += 1
                yield b"x" * 1024

    result = await fetch(
        lambda _: httpx.Response(200, stream=Endless()),
        "https://news.example/rss",
        max_bytes=10_000,
    )
    assert result.error == "the body is larger than the 10 KB limit"
    assert chunks_sent <= 11


async def test_gzip_bomb_is_stopped_at_the_decompressed_limit() -> None:
    bomb = gzip.compress(bytes(50_000_000))  # 50 MB of zeros in about 50 KB
    result = await fetch(
        lambda _: httpx.Response(
            200, stream=httpx.ByteStream(bomb), headers={"Content-Encoding": "gzip"}
        ),
        "https://news.example/rss",
        max_bytes=1_000_000,
    )
    assert len(bomb) < 100_000
    assert result.outcome == "error"
    assert result.error == "the body is larger than the 1 MB limit"


async def test_corrupt_and_unsupported_compression_are_explained() -> None:
    corrupt = await fetch(
        lambda _: httpx.Response(
            200, stream=httpx.ByteStream(b"not gzip at all"), headers={"Content-Encoding": "gzip"}
        ),
        "https://news.example/rss",
    )
    assert corrupt.error is not None
    assert corrupt.error.startswith("the compressed body is corrupt")
    brotli = await fetch(
        lambda _: httpx.Response(
            200, stream=httpx.ByteStream(b"..."), headers={"Content-Encoding": "br"}
        ),
        "https://news.example/rss",
    )
    assert brotli.error == "the server compressed the body with 'br', which is not supported"


def raiser(exc: Exception) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


def chained(outer: type[httpx.TransportError], inner: BaseException) -> httpx.TransportError:
    try:
        raise outer("boom") from inner
    except httpx.TransportError as exc:
        return exc


@pytest.mark.parametrize(
    ("exc", "error"),
    [
        (httpx.ReadTimeout("slow"), "timed out after 20 s while reading"),
        (httpx.ConnectTimeout("slow"), "timed out after 10 s while connecting"),
        (httpx.PoolTimeout("busy"), "timed out after 20 s waiting for a free connection"),
        (
            chained(httpx.ConnectError, socket.gaierror(-2, "Name or service not known")),
            "DNS lookup failed for news.example",
        ),
        (
            chained(httpx.ConnectError, ConnectionRefusedError(111, "Connection refused")),
            "could not connect: connection refused",
        ),
        (httpx.RemoteProtocolError("bad chunk"), "the server broke the HTTP protocol (bad chunk)"),
    ],
)
async def test_network_errors_in_words(exc: Exception, error: str) -> None:
    result = await fetch(raiser(exc), "https://news.example/rss")
    assert result.outcome == "error"
    assert result.status is None
    assert result.error == error
    assert result.transient


@pytest.mark.parametrize(
    ("url", "error"),
    [
        (
            "news.example/rss",
            "cannot fetch 'news.example/rss': only http and https URLs are supported",
        ),
        ("https://[::1/rss", "the feed URL is not valid"),
        ("https://exa\x00mple.com/", "the feed URL is not valid"),
    ],
)
async def test_invalid_url_does_not_raise(url: str, error: str) -> None:
    result = await fetch(lambda _: httpx.Response(200), url)
    assert result.outcome == "error"
    assert result.error is not None
    assert result.error.startswith(error)


async def test_cancellation_propagates() -> None:
    started = asyncio.Event()

    async def hang(request: httpx.Request) -> httpx.Response:
        started.set()
        await asyncio.sleep(30)
        return httpx.Response(200)

    async with build_client(user_agent=USER_AGENT, transport=httpx.MockTransport(hang)) as client:
        task = asyncio.create_task(Fetcher(client).fetch(FeedRequest("https://news.example/rss")))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


async def test_deadline_bounds_the_whole_fetch() -> None:
    async def hang(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(30)
        return httpx.Response(200)

    async with build_client(user_agent=USER_AGENT, transport=httpx.MockTransport(hang)) as client:
        result = await Fetcher(client, deadline=0.05).fetch(FeedRequest("https://news.example/rss"))
    assert result.error == "gave up after 0.05 s in total (the server is too slow)"
    assert result.transient
