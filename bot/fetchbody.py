"""Reading a fetched body under a size cap: streamed, and decompressed here (gzip or deflate).

Both the bytes on the wire and the decompressed size are capped, so a small compressed body
cannot expand past the limit in memory.
"""

from __future__ import annotations

import zlib

import httpx

from bot.fetchproblems import FetchProblemError

__all__ = ["read_body"]

_ENCODINGS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


async def read_body(response: httpx.Response, limit: int) -> bytes:
    """Read and decode the body of a streamed response; raise `FetchProblemError` past ``limit``."""
    too_large = FetchProblemError(
        f"the body is larger than the {_size(limit)} limit", status=response.status_code
    )
    if response.is_stream_consumed:  # already read and decoded by the transport (mocks do)
        if len(response.content) > limit:
            raise too_large
        return response.content
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    decoder = _Decoder(response.headers.get("content-encoding", ""), limit, response.status_code)
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


class _Decoder:
    """Decompresses a gzip or deflate body incrementally without exceeding a size cap."""

    def __init__(self, content_encoding: str, limit: int, status: int) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in _ENCODINGS):
            raise FetchProblemError(
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
            raise FetchProblemError(
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
            raise FetchProblemError(
                f"the compressed body is corrupt ({exc})", status=self._status
            ) from exc


def _size(limit: int) -> str:
    if limit >= 1_000_000:
        return f"{limit / 1_000_000:g} MB"
    if limit >= 1_000:
        return f"{limit / 1_000:g} KB"
    return f"{limit} bytes"
