"""Feed fetching over HTTP: conditional GET, redirects, size limits and concurrency bounds.

`Fetcher.fetch` turns every network, HTTP and size problem into a `FetchResult` whose `error`
says what happened in words a person understands (`bot.fetchproblems`); only cancellation
propagates. Redirects are followed by hand so that hops can be counted, loops named, and a chain
made only of permanent redirects (301/308) reported, letting the poller update the stored feed
URL. Bodies are read as a stream and decompressed under a size cap (`bot.fetchbody`). The client
it uses is built by `build_client` (`bot.feedclient`), re-exported here.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import email.utils
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from bot.feedclient import FEED_ACCEPT, USER_AGENT, build_client, format_user_agent
from bot.fetchbody import read_body
from bot.fetchproblems import FetchProblemError, describe_error, status_phrase

__all__ = [
    "FEED_ACCEPT",
    "USER_AGENT",
    "FeedRequest",
    "FetchResult",
    "Fetcher",
    "build_client",
    "format_user_agent",
]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_TRANSIENT_STATUSES = frozenset({408, 425, 429})

Outcome = Literal["ok", "not_modified", "gone", "error", "skipped"]


@dataclass(frozen=True, slots=True)
class FeedRequest:
    """What to fetch, with the validators remembered from the last successful fetch."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome of one fetch; `error` is set, in plain words, exactly when outcome is "error"."""

    outcome: Outcome
    status: int | None
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    final_url: str
    moved_permanently: bool
    retry_after: float | None
    error: str | None
    elapsed: float

    @property
    def transient(self) -> bool:
        """True when retrying later with back-off may help (timeouts, 5xx, 429, network errors)."""
        if self.outcome != "error":
            return False
        if self.status is None:
            return True
        return self.status >= 500 or self.status in _TRANSIENT_STATUSES


@dataclass(slots=True)
class _Hops:
    url: str
    seen: list[str] = field(default_factory=list)
    permanent: bool = True


class Fetcher:
    """Fetches feeds with a bound on concurrent requests overall and per host."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        max_bytes: int = 5_000_000,
        max_concurrency: int = 20,
        per_host: int = 2,
        max_redirects: int = 5,
        deadline: float = 120.0,
    ) -> None:
        """`deadline` bounds a whole fetch, so a server dribbling bytes cannot hold a slot."""
        self._client = client
        self._max_bytes = max_bytes
        self._max_redirects = max_redirects
        self._deadline = deadline
        self._per_host = per_host
        self._slots = asyncio.Semaphore(max_concurrency)
        self._host_slots: dict[str, asyncio.Semaphore] = {}

    async def fetch(
        self, req: FeedRequest, *, on_start: Callable[[], Awaitable[bool]] | None = None
    ) -> FetchResult:
        """Fetch one feed; never raises except for cancellation.

        ``on_start`` runs once the slots are held, just before the request goes out; when it
        returns False (the caller lost its claim on the feed meanwhile) nothing is fetched and
        the outcome is ``"skipped"``.
        """
        started = time.monotonic()
        hops = _Hops(url=req.url)
        # Per-host slot first, so a task waiting on a busy host does not hold a global slot.
        async with self._host_slot(req.url), self._slots:
            if on_start is not None and not await on_start():
                skipped = self._failure(
                    "skipped: the claim on this feed ran out", None, hops, started
                )
                return dataclasses.replace(skipped, outcome="skipped")
            try:
                async with asyncio.timeout(self._deadline):
                    return await self._follow(req, hops, started)
            except FetchProblemError as exc:
                return self._failure(exc.message, exc.status, hops, started)
            except TimeoutError:
                message = f"gave up after {self._deadline:g} s in total (the server is too slow)"
                return self._failure(message, None, hops, started)
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError) as exc:
                message = describe_error(exc, hops.url, self._client.timeout)
                return self._failure(message, None, hops, started)

    @contextlib.asynccontextmanager
    async def _host_slot(self, url: str) -> AsyncIterator[None]:
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            host = ""
        semaphore = self._host_slots.get(host)
        if semaphore is None:
            semaphore = self._host_slots[host] = asyncio.Semaphore(self._per_host)
        async with semaphore:
            yield

    async def _follow(self, req: FeedRequest, hops: _Hops, started: float) -> FetchResult:
        headers = {}
        if req.etag:
            headers["If-None-Match"] = req.etag
        if req.last_modified:
            headers["If-Modified-Since"] = req.last_modified
        while True:
            try:
                scheme = urlsplit(hops.url).scheme.lower()
            except ValueError as exc:
                raise FetchProblemError(f"the feed URL is not valid: {exc}") from exc
            if scheme not in ("http", "https"):
                raise FetchProblemError(
                    f"cannot fetch {hops.url!r}: only http and https URLs are supported"
                )
            request = self._client.build_request("GET", hops.url, headers=headers)
            response = await self._client.send(request, stream=True)
            try:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    self._record_hop(hops, response)
                    continue
                return await self._finish(req, response, hops, started)
            finally:
                await response.aclose()

    def _record_hop(self, hops: _Hops, response: httpx.Response) -> None:
        location = response.headers["location"].strip()
        try:
            target = urljoin(hops.url, location)
        except ValueError as exc:
            raise FetchProblemError(
                f"the server redirected to an invalid URL ({location!r})",
                status=response.status_code,
            ) from exc
        hops.seen.append(hops.url)
        hops.permanent = hops.permanent and response.status_code in _PERMANENT
        if target in hops.seen:
            chain = " → ".join([*hops.seen[hops.seen.index(target) :], target])
            raise FetchProblemError(
                f"the redirects go round in a loop ({chain})", status=response.status_code
            )
        if len(hops.seen) > self._max_redirects:
            raise FetchProblemError(
                f"too many redirects (more than {self._max_redirects}; a loop?)",
                status=response.status_code,
            )
        hops.url = target

    async def _finish(
        self, req: FeedRequest, response: httpx.Response, hops: _Hops, started: float
    ) -> FetchResult:
        status = response.status_code
        outcome: Outcome
        error = None
        body = b""
        if status == 304:
            outcome = "not_modified"
        elif status == 410:
            outcome = "gone"
        elif 200 <= status < 300:
            outcome = "ok"
            body = await read_body(response, self._max_bytes)
        else:
            outcome = "error"
            error = f"the server answered {status} {status_phrase(response)}"
        return FetchResult(
            outcome=outcome,
            status=status,
            body=body,
            content_type=response.headers.get("content-type"),
            etag=response.headers.get("etag") or (req.etag if status == 304 else None),
            last_modified=response.headers.get("last-modified")
            or (req.last_modified if status == 304 else None),
            final_url=hops.url,
            moved_permanently=bool(hops.seen) and hops.permanent,
            retry_after=_retry_after(response.headers.get("retry-after")),
            error=error,
            elapsed=time.monotonic() - started,
        )

    def _failure(
        self, message: str, status: int | None, hops: _Hops, started: float
    ) -> FetchResult:
        return FetchResult(
            outcome="error",
            status=status,
            body=b"",
            content_type=None,
            etag=None,
            last_modified=None,
            final_url=hops.url,
            moved_permanently=bool(hops.seen) and hops.permanent,
            retry_after=None,
            error=message,
            elapsed=time.monotonic() - started,
        )


def _retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Return Retry-After in seconds (delta-seconds or HTTP-date); None if absent or invalid."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())
