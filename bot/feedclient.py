"""The HTTP client for feeds: riskbot's User-Agent, the Accept header, timeouts and pool limits."""

from __future__ import annotations

import importlib.metadata

import httpx

__all__ = ["FEED_ACCEPT", "USER_AGENT", "build_client", "format_user_agent"]

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)


def format_user_agent(version: str) -> str:
    """Return riskbot's User-Agent for a given version."""
    return f"riskbot/{version} (+https://github.com/riskbot/riskbot)"


def _installed_version() -> str:
    try:
        return importlib.metadata.version("riskbot")
    except importlib.metadata.PackageNotFoundError:
        return "0.0.0+unknown"


USER_AGENT = format_user_agent(_installed_version())


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
