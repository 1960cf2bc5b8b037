"""Feed fetching over HTTP: conditional GET, redirects, size limits and concurrency bounds.

`Fetcher.fetch` turns every network, HTTP and size problem into a `FetchResult` whose `error`
says what happened in words a person understands; only cancellation propagates. Redirects are
followed by hand so that hops can be counted, loops named, and a chain made only of permanent
redirects (301/308) reported, letting the poller update the stored feed URL. Bodies are read as a
stream and decompressed here, so both the bytes on the wire and the decompressed size are capped.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import email.utils
import importlib.metadata
import socket
import ssl
import time
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

__all__ = [
    "FEED_ACCEPT",
    "USER_AGENT",
    "FeedRequest",
    "FetchResult",
    "Fetcher",
    "build_client",
    "format_user_agent",
]

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_TRANSIENT_STATUSES = frozenset({408, 425, 429})
_ENCODINGS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}

Outcome = Literal["ok", "not_modified", "gone", "error", "skipped"]


def format_user_agent(version: str) -> str:
    """Return riskbot's User-Agent for a given version."""
    return f"riskbot/{version} (+https://github.com/riskbot/riskbot)"


def _installed_version() -> str:
    try:
        return importlib.metadata.version("riskbot")
    except importlib.metadata.PackageNotFoundError:
        return "0.0.0+unknown"


USER_AGENT = format_user_agent(_installed_version())


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


class _FetchProblemError(Exception):
    """A problem found while fetching, already phrased for a person; caught inside `fetch`."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def build_client(
    *, user_agent: str, timeout: float = 20.0, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    """Return an AsyncClient set up for feeds; the caller owns it (`async with`).

    Redirects are not followed by the client: `Fetcher` follows them itself. Compression is
    limited to gzip and deflate, which `Fetcher` decodes with a size cap.
    """
    return httpx.AsyncClient(
        headers={
            "User-Agent": user_agent,
            "Accept": FEED_ACCEPT,
            "Accept-Encoding": "gzip, deflate",
        },
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0), pool=timeout),
        follow_redirects=False,
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        transport=transport,
    )


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
            except _FetchProblemError as exc:
                return self._failure(exc.message, exc.status, hops, started)
            except TimeoutError:
                message = f"gave up after {self._deadline:g} s in total (the server is too slow)"
                return self._failure(message, None, hops, started)
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError) as exc:
                return self._failure(self._describe(exc, hops.url), None, hops, started)

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
                raise _FetchProblemError(f"the feed URL is not valid: {exc}") from exc
            if scheme not in ("http", "https"):
                raise _FetchProblemError(
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
            raise _FetchProblemError(
                f"the server redirected to an invalid URL ({location!r})",
                status=response.status_code,
            ) from exc
        hops.seen.append(hops.url)
        hops.permanent = hops.permanent and response.status_code in _PERMANENT
        if target in hops.seen:
            chain = " → ".join([*hops.seen[hops.seen.index(target) :], target])
            raise _FetchProblemError(
                f"the redirects go round in a loop ({chain})", status=response.status_code
            )
        if len(hops.seen) > self._max_redirects:
            raise _FetchProblemError(
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
            body = await self._read_body(response)
        else:
            outcome = "error"
            error = f"the server answered {status} {_reason(response)}"
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

    async def _read_body(self, response: httpx.Response) -> bytes:
        limit = self._max_bytes
        too_large = _FetchProblemError(
            f"the body is larger than the {_size(limit)} limit", status=response.status_code
        )
        if response.is_stream_consumed:  # already read and decoded by the transport (mocks do)
            if len(response.content) > limit:
                raise too_large
            return response.content
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        decoder = _Decoder(
            response.headers.get("content-encoding", ""), limit, response.status_code
        )
        chunks: list[bytes] = []
        size = 0
        async for raw in response.aiter_raw():
            data = decoder.decode(raw)
            size += len(data)
            if size > limit:
                raise too_large
            chunks.append(data)
        tail = decoder.flush()
        if size + len(tail) > limit:
            raise too_large
        chunks.append(tail)
        return b"".join(chunks)

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

    def _describe(self, exc: Exception, url: str) -> str:
        timeout = self._client.timeout
        if isinstance(exc, httpx.ConnectTimeout):
            return f"timed out after {timeout.connect or 0:g} s while connecting"
        if isinstance(exc, httpx.ReadTimeout):
            return f"timed out after {timeout.read or 0:g} s while reading"
        if isinstance(exc, httpx.WriteTimeout):
            return f"timed out after {timeout.write or 0:g} s while sending the request"
        if isinstance(exc, httpx.PoolTimeout):
            return f"timed out after {timeout.pool or 0:g} s waiting for a free connection"
        if isinstance(exc, (httpx.InvalidURL, httpx.UnsupportedProtocol)):
            return f"the feed URL is not valid: {exc}"
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        return _describe_network_error(exc, host)


class _Decoder:
    """Decompresses a gzip or deflate body incrementally without exceeding a size cap."""

    def __init__(self, content_encoding: str, limit: int, status: int) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in _ENCODINGS):
            raise _FetchProblemError(
                f"the server compressed the body with {content_encoding!r}, which is not supported",
                status=status,
            )
        self._wbits = _ENCODINGS[codings[0]] if codings else 0
        self._zlib = zlib.decompressobj(self._wbits) if codings else None
        self._limit = limit
        self._status = status
        self._started = False

    def decode(self, data: bytes) -> bytes:
        if self._zlib is None or not data:
            return data
        try:
            return self._inflate(data)
        except zlib.error as exc:
            if not self._started and self._wbits == zlib.MAX_WBITS:
                # Some servers send raw deflate without the zlib header.
                self._wbits = -zlib.MAX_WBITS
                self._zlib = zlib.decompressobj(self._wbits)
                return self.decode(data)
            raise _FetchProblemError(
                f"the compressed body is corrupt ({exc})", status=self._status
            ) from exc

    def _inflate(self, data: bytes) -> bytes:
        assert self._zlib is not None
        out: list[bytes] = []
        produced = 0
        pending = data
        while pending:
            # Never inflate more than the cap allows: a few KB of gzip can expand to gigabytes.
            piece = self._zlib.decompress(pending, self._limit + 1 - produced)
            self._started = True
            produced += len(piece)
            out.append(piece)
            if produced > self._limit:
                break
            pending = self._zlib.unconsumed_tail
            if self._zlib.eof:
                pending = self._zlib.unused_data  # a further gzip member, or trailing garbage
                if not pending:
                    break
                self._zlib = zlib.decompressobj(self._wbits)
        return b"".join(out)

    def flush(self) -> bytes:
        if self._zlib is None:
            return b""
        try:
            return self._zlib.flush()
        except zlib.error as exc:
            raise _FetchProblemError(
                f"the compressed body is corrupt ({exc})", status=self._status
            ) from exc


def _reason(response: httpx.Response) -> str:
    try:
        return HTTPStatus(response.status_code).phrase
    except ValueError:
        return response.reason_phrase or "(no reason given)"


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


def _describe_network_error(exc: BaseException, host: str | None) -> str:
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            return f"DNS lookup failed for {host}" if host else "DNS lookup failed"
        if isinstance(cause, ConnectionRefusedError):
            return "could not connect: connection refused"
        if isinstance(cause, ConnectionResetError):
            return "the connection was reset by the server"
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"the server's TLS certificate could not be verified ({cause.verify_message})"
        if isinstance(cause, ssl.SSLError):
            return f"the TLS handshake failed ({cause.reason or cause})"
    text = str(exc) or type(exc).__name__
    lowered = text.lower()
    if "name or service not known" in lowered or "nodename nor servname" in lowered:
        return f"DNS lookup failed for {host}" if host else "DNS lookup failed"
    if "connection refused" in lowered:
        return "could not connect: connection refused"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke the HTTP protocol ({text})"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect: {text}"
    return f"the request failed: {text}"


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _size(limit: int) -> str:
    if limit >= 1_000_000:
        return f"{limit / 1_000_000:g} MB"
    if limit >= 1_000:
        return f"{limit / 1_000:g} KB"
    return f"{limit} bytes"
