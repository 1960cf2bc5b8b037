"""What went wrong in a fetch, in words a person understands.

`FetchProblemError` carries a problem already phrased for a person; `describe_error` phrases the
timeouts, network, TLS and protocol errors that httpx raises; `status_phrase` names an HTTP status.
"""

from __future__ import annotations

import socket
import ssl
from http import HTTPStatus
from urllib.parse import urlsplit

import httpx

__all__ = ["FetchProblemError", "describe_error", "describe_network_error", "status_phrase"]


class FetchProblemError(Exception):
    """A problem found while fetching, already phrased for a person; caught inside `fetch`."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def describe_error(exc: Exception, url: str, timeout: httpx.Timeout) -> str:
    """Phrase an error raised while fetching ``url`` with a client using ``timeout``."""
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
    return describe_network_error(exc, host)


def describe_network_error(exc: BaseException, host: str | None) -> str:
    """Phrase a network, TLS or protocol error, looking through its chain of causes."""
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


def status_phrase(response: httpx.Response) -> str:
    """The reason phrase of the response's status (the standard one when there is one)."""
    try:
        return HTTPStatus(response.status_code).phrase
    except ValueError:
        return response.reason_phrase or "(no reason given)"
