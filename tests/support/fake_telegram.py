"""A fake Telegram Bot API server for tests, listening on 127.0.0.1 only.

Use it on the test's event loop::

    async with FakeTelegram(token="123456:TEST") as tg:
        bot = telegram.Bot(tg.token, base_url=tg.base_url, base_file_url=tg.base_file_url)
        await bot.send_message(42, "<b>hi</b>", parse_mode="HTML")
        assert tg.messages(42)[0].plain == "hi"

or from a plain thread, for tests that run the bot in a subprocess::

    tg = FakeTelegram().start_in_thread()   # returns the same object, now serving
    ...                                      # RISKBOT_TELEGRAM_BASE_URL=tg.base_url
    tg.wait_for_sync(lambda: len(tg.messages(42)) >= 1, timeout=10)
    tg.stop()

It speaks what python-telegram-bot 22 sends (form-encoded or multipart bodies, every value a
string, JSON-encoded ``reply_markup`` and ``reply_parameters``) and answers like the Bot API:
``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code": N, "description": ...,
"parameters": {...}}`` with the same HTTP status. HTML messages are parsed as strictly as Telegram
does (stricter on a bare ``&``, which Telegram keeps literally; see `html_to_plain`).

Faults, checked in this order for a call that names a chat: a persistent `fail_chat`, then the
chat's `script` of one-shot faults, then the seeded `random_faults` plan (send methods only),
then the request's own validation (HTML, lengths, reply target), then the flood limits of
`enforce_limits`. A faulted or rejected send is never delivered, except for the
``"drop_after_delivery"`` fault, which delivers and then hangs up (a lost response).

This module also holds the pieces the fake Slack server shares: `FakePlatformServer` (lifecycle,
call log, waiting) and `FaultPlan` (scripted and random faults).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import random
import re
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self, TypeVar

from aiohttp import web

__all__ = [
    "SEND_METHODS",
    "FakePlatformServer",
    "FakeTelegram",
    "Fault",
    "FaultPlan",
    "HtmlParseError",
    "MessageEdit",
    "RecordedCall",
    "SentMessage",
    "TelegramLimits",
    "UploadedFile",
    "html_to_plain",
]

T = TypeVar("T")
ChatKey = int | str

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_UPLOAD_BYTES = 60 * 1024 * 1024
SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


# ================================================================================================
# Shared by both fakes: recorded calls, faults, the server lifecycle
# ================================================================================================


@dataclass(frozen=True)
class UploadedFile:
    """A file that arrived in a multipart request (or a fake upload URL)."""

    part: str  # the multipart field (form part) name
    filename: str | None
    content_type: str | None
    size: int
    data: bytes = field(repr=False, default=b"")


@dataclass
class RecordedCall:
    """One API request as the fake saw it, and how it was answered."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    at: float  # time.monotonic() when the request arrived
    target: int | str | None = None  # the chat id (Telegram) or channel (Slack), if any
    status: int | None = None  # HTTP status answered; 0 = connection dropped without an answer
    error: str | None = None  # Telegram description / Slack error code of a failed call
    fault: str | None = None  # the injected fault kind, if one was applied

    @property
    def chat_id(self) -> int | str | None:
        """The Telegram chat this call named (alias of `target`)."""
        return self.target

    @property
    def channel(self) -> int | str | None:
        """The Slack channel this call named (alias of `target`)."""
        return self.target


@dataclass(frozen=True)
class Fault:
    """One injected fault: a kind and an optional value (seconds, a new chat id, ...).

    Kinds every fake understands: ``"429"`` (value: retry-after seconds), ``"500"``, ``"drop"``
    (hang up without answering, nothing delivered), ``"drop_after_delivery"`` (deliver, then hang
    up), ``"timeout"`` (value: seconds to stall before a 504, default `timeout_seconds`) and
    ``"ok"`` (let this call through: a gap in a script). Each fake adds its own kinds.
    """

    kind: str
    value: Any = None

    @classmethod
    def parse(cls, spec: str | tuple[str, Any] | Fault) -> Fault:
        """Accept ``"500"``, ``("429", 3)``, ``("migrate", -100123)`` or a `Fault`."""
        if isinstance(spec, Fault):
            return spec
        if isinstance(spec, str):
            return cls(spec)
        kind, value = spec
        return cls(str(kind), value)


class FaultPlan:
    """Per-target queues of one-shot faults, plus an optional seeded random plan.

    Not thread-safe by itself: the owning server calls it under its lock.
    """

    def __init__(self, send_methods: frozenset[str]) -> None:
        self.send_methods = send_methods
        self._scripts: dict[int | str, deque[tuple[Fault, frozenset[str]]]] = {}
        self._random: random.Random | None = None
        self._weights: list[tuple[str, float]] = []
        self._retry_after = 1
        self.injected: dict[str, int] = {}

    def script(
        self,
        target: int | str,
        faults: Iterable[str | tuple[str, Any] | Fault],
        methods: Iterable[str] | None = None,
    ) -> None:
        """Queue faults for the next calls naming `target` (send methods unless `methods`)."""
        allowed = frozenset(methods) if methods is not None else self.send_methods
        queue = self._scripts.setdefault(target, deque())
        queue.extend((Fault.parse(spec), allowed) for spec in faults)

    def pending(self, target: int | str) -> list[Fault]:
        """Faults still queued for `target`."""
        return [fault for fault, _ in self._scripts.get(target, ())]

    def set_random(self, seed: int | None, weights: Mapping[str, float], retry_after: int) -> None:
        """Draw a fault for every send call with these probabilities (seed None: switch off)."""
        if seed is None:
            self._random = None
            self._weights = []
            return
        if sum(weights.values()) > 1.0:
            raise ValueError("fault probabilities add up to more than 1")
        self._random = random.Random(seed)  # a test fixture, not cryptography
        self._weights = [(kind, p) for kind, p in weights.items() if p > 0]
        self._retry_after = retry_after

    def clear(self) -> None:
        """Forget every scripted and random fault."""
        self._scripts.clear()
        self.set_random(None, {}, 1)

    def next_fault(self, target: int | str | None, method: str) -> Fault | None:
        """The fault to apply to this call, if any (consumes a scripted one)."""
        fault = None
        queue = self._scripts.get(target) if target is not None else None
        if queue and method in queue[0][1]:
            fault = queue.popleft()[0]
        elif self._random is not None and method in self.send_methods:
            draw = self._random.random()
            total = 0.0
            for kind, probability in self._weights:
                total += probability
                if draw < total:
                    value = self._retry_after if kind == "429" else None
                    fault = Fault(kind, value)
                    break
        if fault is not None and fault.kind != "ok":
            self.injected[fault.kind] = self.injected.get(fault.kind, 0) + 1
            return fault
        return None


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class FakePlatformServer:
    """Lifecycle, call log and waiting helpers shared by the fake chat platforms.

    Handlers run on the server's event loop; every piece of recorded state is guarded by one
    re-entrant lock, so the inspection methods are safe to call from another thread while the
    server runs under `start_in_thread`.
    """

    thread_name = "FakePlatformServer"
    timeout_seconds = 30.0  # how long a "timeout" fault stalls unless it says otherwise

    def __init__(self, host: str = "127.0.0.1") -> None:
        if not host.startswith("127."):
            raise ValueError("fake servers listen on the loopback interface only")
        self.host = host
        self.port = 0
        self._lock = threading.RLock()
        self._calls: list[RecordedCall] = []
        self._runner: web.AppRunner | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def _build_app(self) -> web.Application:
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def start(self) -> str:
        """Start listening on an ephemeral port of the running loop; return the root URL."""
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        self._runner = web.AppRunner(self._build_app(), shutdown_timeout=0.5, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        return self.url

    async def close(self) -> None:
        """Stop listening; stalled handlers and long polls are woken and finish at once."""
        if self._stopping is not None:
            self._stopping.set()
        self._on_stopping()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _on_stopping(self) -> None:
        """Hook: wake whatever the platform keeps waiting (long polls, sockets)."""

    def start_in_thread(self) -> Self:
        """Serve from a daemon thread with its own event loop; return this (now serving) fake."""
        ready = threading.Event()
        failure: list[BaseException] = []
        holder: list[asyncio.AbstractEventLoop] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            holder.append(loop)
            try:
                loop.run_until_complete(self.start())
            except BaseException as exc:  # reported to the caller below
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self.close())
            loop.close()

        self._thread = threading.Thread(target=run, name=self.thread_name, daemon=True)
        self._thread.start()
        if not ready.wait(10) or failure:
            raise RuntimeError(f"{self.thread_name} did not start: {failure[:1]}")
        return self

    def stop(self) -> None:
        """Stop a fake started with `start_in_thread`."""
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
            self._thread = None

    @property
    def url(self) -> str:
        """The root URL, ``http://127.0.0.1:PORT``."""
        return f"http://{self.host}:{self.port}"

    # -- the call log ------------------------------------------------------------------------

    @property
    def calls(self) -> list[RecordedCall]:
        """Every request so far, in arrival order (a copy)."""
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[RecordedCall]:
        """The requests to one API method."""
        with self._lock:
            return [call for call in self._calls if call.method == method]

    def _record_call(
        self,
        method: str,
        params: dict[str, Any],
        files: dict[str, UploadedFile],
        target: int | str | None,
    ) -> RecordedCall:
        call = RecordedCall(method, params, files, time.monotonic(), target)
        with self._lock:
            self._calls.append(call)
        return call

    def _finish_call(self, call: RecordedCall, status: int, error: str | None) -> None:
        with self._lock:
            call.status = status
            call.error = error

    # -- waiting -----------------------------------------------------------------------------

    async def wait_for(self, predicate: Callable[[], object], timeout: float = 5.0) -> None:
        """Wait until `predicate()` is truthy (polled every 10 ms); TimeoutError after `timeout`."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() >= deadline:
                raise TimeoutError(f"condition not met within {timeout} s")
            await asyncio.sleep(0.01)

    def wait_for_sync(self, predicate: Callable[[], object], timeout: float = 5.0) -> None:
        """`wait_for` for plain threads (with the fake under `start_in_thread`)."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() >= deadline:
                raise TimeoutError(f"condition not met within {timeout} s")
            time.sleep(0.01)

    # -- helpers for handlers ----------------------------------------------------------------

    def _call_soon_on_loop(self, callback: Callable[[], None]) -> None:
        """Run `callback` on the server loop: now if we are on it, else thread-safely."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        if _running_loop() is loop:
            callback()
        else:
            loop.call_soon_threadsafe(callback)

    async def _on_server_loop(self, coro: Coroutine[Any, Any, T]) -> T:
        """Await `coro` on the server loop, from that loop or from any other one."""
        loop = self._loop
        if loop is None:
            coro.close()
            raise RuntimeError("the fake server is not running")
        if _running_loop() is loop:
            return await coro
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, loop))

    def _run_sync(self, coro: Coroutine[Any, Any, T], timeout: float) -> T:
        """Run `coro` on the server loop from a plain thread (under `start_in_thread`)."""
        loop = self._loop
        if loop is None or self._thread is None:
            coro.close()
            raise RuntimeError("the *_sync helpers need a fake started with start_in_thread()")
        return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout)

    async def _pause(self, seconds: float) -> None:
        """Sleep, but wake up at once when the server stops."""
        if seconds <= 0 or self._stopping is None:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    @staticmethod
    def _hang_up(request: web.Request) -> web.Response:
        """Close the connection without an answer; the client sees a disconnect."""
        if request.transport is not None:
            request.transport.close()
        return web.Response(status=500)  # never written: the transport is gone


# ================================================================================================
# Telegram HTML, parsed the way the Bot API does
# ================================================================================================


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML; the message is the Bot API's wording."""


ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "span",
        "tg-spoiler",
        "blockquote",
        "tg-emoji",
    }
)
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]*));")
_UNQUOTED_VALUE = re.compile(r"[A-Za-z0-9.\-]+")


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode the entity at `text[pos]` (an ``&``): (character, next position), or None."""
    match = _ENTITY.match(text, pos)
    if match is None:
        return None
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        char = _NAMED_ENTITIES.get(name)
        return (char, match.end()) if char is not None else None
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


class _HtmlParser:
    """A strict parser for Telegram's HTML parse mode that keeps only the plain text."""

    def __init__(self, text: str, strict_ampersand: bool) -> None:
        self.text = text
        self.strict_ampersand = strict_ampersand
        self.pos = 0
        self.out: list[str] = []
        self.open_tags: list[str] = []

    def error(self, message: str) -> HtmlParseError:
        return HtmlParseError(f"can't parse entities: {message}")

    def offset(self, pos: int) -> int:
        return len(self.text[:pos].encode("utf-8"))

    def parse(self) -> str:
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char == "&":
                self.ampersand()
            elif char == "<":
                if text.startswith("</", self.pos):
                    self.end_tag()
                else:
                    self.start_tag()
            else:
                self.out.append(char)
                self.pos += 1
        if self.open_tags:
            name = self.open_tags[-1]
            raise self.error(f'Can\'t find end tag corresponding to start tag "{name}"')
        return "".join(self.out)

    def ampersand(self) -> None:
        decoded = _decode_entity(self.text, self.pos)
        if decoded is not None:
            self.out.append(decoded[0])
            self.pos = decoded[1]
            return
        if self.strict_ampersand:
            raise self.error(
                f'bare "&" at byte offset {self.offset(self.pos)} must be escaped as &amp;'
            )
        self.out.append("&")
        self.pos += 1

    def read_name(self, pos: int) -> int:
        text = self.text
        while pos < len(text) and not text[pos].isspace() and text[pos] != ">":
            pos += 1
        return pos

    def skip_space(self, pos: int) -> int:
        while pos < len(self.text) and self.text[pos].isspace():
            pos += 1
        return pos

    def start_tag(self) -> None:
        begin = self.pos
        end = self.read_name(begin + 1)
        if end >= len(self.text):
            raise self.error(f"Unclosed start tag at byte offset {self.offset(begin)}")
        name = self.text[begin + 1 : end].lower()
        if name not in ALLOWED_TAGS:
            raise self.error(f'Unsupported start tag "{name}" at byte offset {self.offset(begin)}')
        attributes, self.pos = self.read_attributes(end, name, begin)
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise self.error(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.offset(begin)}'
            )
        if name == "tg-emoji" and not attributes.get("emoji-id", "").isdigit():
            raise self.error("Invalid custom emoji identifier specified")
        self.open_tags.append(name)

    def read_attributes(self, pos: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
        """Read ``name="value"`` pairs up to the closing ``>``; return them and where it ends."""
        text = self.text
        attributes: dict[str, str] = {}
        unclosed = f"Unclosed start tag at byte offset {self.offset(begin)}"
        while True:
            pos = self.skip_space(pos)
            if pos >= len(text):
                raise self.error(unclosed)
            if text[pos] == ">":
                return attributes, pos + 1
            name_start = pos
            while pos < len(text) and not text[pos].isspace() and text[pos] not in "=>/\"'":
                pos += 1
            name = text[name_start:pos].lower()
            if not name:
                raise self.error(
                    f'Empty attribute name in the tag "{tag}" at byte offset {self.offset(begin)}'
                )
            pos = self.skip_space(pos)
            if pos >= len(text):
                raise self.error(unclosed)
            if text[pos] != "=":
                attributes[name] = ""
                continue
            pos = self.skip_space(pos + 1)
            if pos >= len(text):
                raise self.error(unclosed)
            value, pos = self.read_value(pos)
            if pos >= len(text):
                raise self.error(unclosed)
            attributes[name] = value

    def read_value(self, pos: int) -> tuple[str, int]:
        text = self.text
        quote = text[pos]
        if quote not in "\"'":
            match = _UNQUOTED_VALUE.match(text, pos)
            end = match.end() if match else pos
            if end < len(text) and not text[end].isspace() and text[end] != ">":
                raise self.error(f"Unexpected end of name token at byte offset {self.offset(end)}")
            return text[pos:end].lower(), end
        pos += 1
        value: list[str] = []
        while pos < len(text) and text[pos] != quote:
            decoded = _decode_entity(text, pos) if text[pos] == "&" else None
            if decoded is not None:
                value.append(decoded[0])
                pos = decoded[1]
            else:
                value.append(text[pos])
                pos += 1
        return "".join(value), pos + 1

    def end_tag(self) -> None:
        begin = self.pos
        end = self.read_name(begin + 2)
        name = self.text[begin + 2 : end].lower()
        close = self.skip_space(end)
        if close >= len(self.text) or self.text[close] != ">":
            raise self.error(f"Unclosed end tag at byte offset {self.offset(begin)}")
        if not self.open_tags:
            raise self.error(f"Unexpected end tag at byte offset {self.offset(begin)}")
        expected = self.open_tags[-1]
        if name and name != expected:
            raise self.error(
                f"Unmatched end tag at byte offset {self.offset(begin)}, "
                f'expected "</{expected}>", found "</{name}>"'
            )
        self.open_tags.pop()
        self.pos = close + 1


def html_to_plain(text: str, *, strict_ampersand: bool = True) -> str:
    """The text Telegram would show for `text` in HTML parse mode, or HtmlParseError.

    Allowed: the tags of the Bot API's HTML style, properly nested and closed, and the entities
    ``&lt; &gt; &amp; &quot;`` plus numeric ones. A bare ``<`` is an error, as in Telegram. A bare
    ``&`` is an error too when `strict_ampersand` (the default); Telegram itself keeps it as
    text, so pass False to mimic it exactly.
    """
    return _HtmlParser(text, strict_ampersand).parse()


# ================================================================================================
# The Telegram fake
# ================================================================================================


@dataclass
class SentMessage:
    """A message the bot delivered (sendMessage, sendPhoto or sendDocument)."""

    chat_id: ChatKey
    message_id: int
    method: str
    text: str | None  # as sent (sendMessage)
    caption: str | None  # as sent (sendPhoto, sendDocument)
    plain: str  # what the user sees: the text or caption with the markup parsed away
    parse_mode: str | None
    reply_to_message_id: int | None  # from reply_parameters or the legacy reply_to_message_id
    reply_markup: dict[str, Any] | None
    file: UploadedFile | None
    at: float  # time.monotonic() at delivery
    params: dict[str, str] = field(repr=False, default_factory=dict)
    deleted: bool = False

    @property
    def body(self) -> str:
        """The raw text or caption, whichever the message has."""
        return self.text if self.text is not None else (self.caption or "")


@dataclass
class MessageEdit:
    """An accepted editMessageText / editMessageReplyMarkup."""

    chat_id: ChatKey
    message_id: int
    method: str
    text: str | None
    plain: str | None
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    at: float


@dataclass
class TelegramLimits:
    """Flood limits modelled on the Bot FAQ. None switches a rule off.

    - per chat: a message less than `per_chat_interval` (minus `tolerance`) seconds after the
      previous delivered one to the same chat is refused;
    - overall: more than `overall_per_second` deliveries within any 1 s window (minus
      `tolerance`) are refused;
    - groups (negative ids and @usernames): more than `group_per_minute` deliveries to one group
      within any 60 s window (minus `tolerance`) are refused.
    """

    per_chat_interval: float | None = 1.0
    overall_per_second: int | None = 30
    group_per_minute: int | None = 20
    tolerance: float = 0.05


def _is_group(chat: ChatKey) -> bool:
    return isinstance(chat, str) or chat < 0


def _trim(timestamps: deque[float], cutoff: float) -> None:
    while timestamps and timestamps[0] <= cutoff:
        timestamps.popleft()


class _FloodGate:
    """Exact, cheap flood accounting: timestamps of delivered messages in deques."""

    def __init__(self, limits: TelegramLimits) -> None:
        self.limits = limits
        self.last: dict[ChatKey, float] = {}
        self.recent: deque[float] = deque()
        self.groups: dict[ChatKey, deque[float]] = {}

    def retry_after(self, chat: ChatKey, now: float) -> int | None:
        """Seconds to wait if a delivery now would break a limit, else None."""
        limits, waits = self.limits, []
        if limits.per_chat_interval is not None:
            last = self.last.get(chat)
            if last is not None and now - last < limits.per_chat_interval - limits.tolerance:
                waits.append(last + limits.per_chat_interval - now)
        if limits.overall_per_second is not None:
            window = 1.0 - limits.tolerance
            _trim(self.recent, now - window)
            if len(self.recent) >= limits.overall_per_second:
                waits.append(self.recent[0] + window - now)
        if limits.group_per_minute is not None and _is_group(chat):
            window = 60.0 - limits.tolerance
            sent = self.groups.get(chat)
            if sent is not None:
                _trim(sent, now - window)
                if len(sent) >= limits.group_per_minute:
                    waits.append(sent[0] + window - now)
        if not waits:
            return None
        return max(1, math.ceil(max(waits)))

    def record(self, chat: ChatKey, now: float) -> None:
        self.last[chat] = now
        if self.limits.overall_per_second is not None:
            self.recent.append(now)
        if self.limits.group_per_minute is not None and _is_group(chat):
            self.groups.setdefault(chat, deque()).append(now)


class _ApiError(Exception):
    """Answer the current request with a Bot API error."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


_CHAT_FAULTS: dict[str, tuple[int, str]] = {
    "blocked": (403, "Forbidden: bot was blocked by the user"),
    "kicked": (403, "Forbidden: bot was kicked from the group chat"),
    "deactivated": (403, "Forbidden: user is deactivated"),
    "not_found": (400, "Bad Request: chat not found"),
}
_MIGRATED = "Bad Request: group chat was upgraded to a supergroup chat"


def _chat_fault_error(fault: Fault) -> _ApiError | None:
    if fault.kind == "migrate":
        return _ApiError(400, _MIGRATED, {"migrate_to_chat_id": int(fault.value)})
    if fault.kind in _CHAT_FAULTS:
        status, description = _CHAT_FAULTS[fault.kind]
        return _ApiError(status, description)
    return None


def _chat_key(value: str) -> ChatKey:
    value = value.strip()
    if value.startswith("@") and len(value) > 1:
        return value
    try:
        return int(value)
    except ValueError:
        raise _ApiError(400, "Bad Request: chat not found") from None


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _int_param(params: Mapping[str, str], name: str, default: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(float(raw))
    except ValueError:
        raise _ApiError(400, f"Bad Request: invalid {name} specified") from None


Handler = Callable[[RecordedCall], Coroutine[Any, Any, Any]]


class FakeTelegram(FakePlatformServer):
    """A fake Telegram Bot API on 127.0.0.1 with an ephemeral port. See the module docstring."""

    thread_name = "FakeTelegram"

    def __init__(
        self,
        token: str = "123456:TEST",
        *,
        username: str = "riskbot_test_bot",
        first_name: str = "Riskbot Test",
        strict_ampersand: bool = True,
        host: str = "127.0.0.1",
    ) -> None:
        super().__init__(host)
        self.token = token
        bot_id = token.split(":", 1)[0]
        self.bot_user: dict[str, Any] = {
            "id": int(bot_id) if bot_id.isdigit() else 1,
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.strict_ampersand = strict_ampersand
        self.count_429 = 0  # sends refused by the flood limits of enforce_limits()
        self._messages: list[SentMessage] = []
        self._edits: list[MessageEdit] = []
        self._live: dict[tuple[ChatKey, int], dict[str, Any]] = {}  # current state per message
        self._next_message_id: dict[ChatKey, int] = {}
        self._chats: dict[ChatKey, dict[str, Any]] = {}
        self._users: dict[int, dict[str, Any]] = {}
        self._admins: dict[ChatKey, dict[int, str]] = {}
        self._chat_failures: dict[ChatKey, Fault] = {}
        self._faults = FaultPlan(SEND_METHODS)
        self._flood: _FloodGate | None = None
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._poll_waiters: set[asyncio.Event] = set()
        self._poll_generation = 0
        self._stopped = False
        self._open_callbacks: set[str] = set()
        self._next_callback = 1
        self._files: dict[str, UploadedFile] = {}  # file_id -> file
        self._file_paths: dict[str, str] = {}  # file_path -> file_id
        self.webhook: dict[str, str] | None = None  # the parameters of the last setWebhook
        self.commands: dict[str, list[dict[str, Any]]] = {}  # scope JSON -> commands
        self._handlers: dict[str, Handler] = {
            "getMe": self._get_me,
            "logOut": self._true,
            "close": self._true,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "sendChatAction": self._true,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
            "deleteMessage": self._delete_message,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
            "getFile": self._get_file,
        }

    # -- URLs --------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """For ``Bot(base_url=...)``: PTB appends the token."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``Bot(base_file_url=...)``."""
        return f"{self.url}/file/bot"

    def _build_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_UPLOAD_BYTES)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_route("GET", "/file/bot{token}/{path:.*}", self._handle_file)
        app.router.add_route("POST", "/file/bot{token}/{path:.*}", self._handle_file)
        return app

    # -- inspection ----------------------------------------------------------------------------

    def messages(self, chat_id: ChatKey | None = None) -> list[SentMessage]:
        """Messages delivered to `chat_id` (every chat if None), in delivery order."""
        with self._lock:
            return [m for m in self._messages if chat_id is None or m.chat_id == chat_id]

    def edits(self, chat_id: ChatKey | None = None) -> list[MessageEdit]:
        """Accepted edits in `chat_id` (every chat if None), in order."""
        with self._lock:
            return [e for e in self._edits if chat_id is None or e.chat_id == chat_id]

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates queued and not yet confirmed by a getUpdates offset."""
        with self._lock:
            return list(self._updates)

    @property
    def faults_injected(self) -> dict[str, int]:
        """How many scripted or random faults of each kind were applied."""
        with self._lock:
            return dict(self._faults.injected)

    def pending_faults(self, chat_id: ChatKey) -> list[Fault]:
        """Scripted faults not yet used for `chat_id`."""
        with self._lock:
            return self._faults.pending(chat_id)

    # -- set-up: chats, admins, faults, limits -----------------------------------------------

    def set_admins(
        self, chat_id: ChatKey, user_ids: Iterable[int], *, creator: int | None = None
    ) -> None:
        """Make `user_ids` administrators of `chat_id` and `creator` (default: the first) owner."""
        ids = list(user_ids)
        owner = creator if creator is not None else (ids[0] if ids else None)
        roles = {user: "administrator" for user in ids}
        if owner is not None:
            roles[owner] = "creator"
        with self._lock:
            self._admins[chat_id] = roles

    def fail_chat(self, chat_id: ChatKey, kind: str | tuple[str, Any] | None) -> None:
        """Make every call naming `chat_id` fail until cleared (kind None clears).

        Kinds: ``"blocked"``, ``"kicked"``, ``"deactivated"`` (403), ``"not_found"`` (400) and
        ``("migrate", new_chat_id)`` (400 with parameters.migrate_to_chat_id).
        """
        with self._lock:
            if kind is None:
                self._chat_failures.pop(chat_id, None)
                return
            fault = Fault.parse(kind)
            if _chat_fault_error(fault) is None:
                raise ValueError(f"unknown chat failure {kind!r}")
            self._chat_failures[chat_id] = fault

    def script(
        self,
        chat_id: ChatKey,
        faults: Iterable[str | tuple[str, Any] | Fault],
        *,
        methods: Iterable[str] | None = None,
    ) -> None:
        """Queue one-shot faults for the next send calls to `chat_id`.

        Each entry is ``("429", retry_after)``, ``"500"``, ``"drop"``, ``"drop_after_delivery"``,
        ``"timeout"`` / ``("timeout", seconds)``, ``"ok"`` (no fault this time), or a one-shot
        chat failure as for `fail_chat`. `methods` widens or narrows which calls consume them.
        """
        with self._lock:
            self._faults.script(chat_id, faults, methods)

    def random_faults(
        self,
        seed: int | None,
        *,
        p429: float = 0.0,
        p500: float = 0.0,
        pdrop: float = 0.0,
        pdrop_after: float = 0.0,
        retry_after: int = 1,
    ) -> None:
        """Inject faults at random into send calls, reproducibly for a seed (None: stop)."""
        weights = {"429": p429, "500": p500, "drop": pdrop, "drop_after_delivery": pdrop_after}
        with self._lock:
            self._faults.set_random(seed, weights, retry_after)

    def clear_faults(self) -> None:
        """Forget chat failures, scripts and the random plan."""
        with self._lock:
            self._chat_failures.clear()
            self._faults.clear()

    def enforce_limits(
        self,
        per_chat_interval: float | None = 1.0,
        overall_per_second: int | None = 30,
        group_per_minute: int | None = 20,
        *,
        tolerance: float = 0.05,
    ) -> None:
        """Refuse sends over Telegram's flood limits with 429 (see `TelegramLimits`)."""
        limits = TelegramLimits(per_chat_interval, overall_per_second, group_per_minute, tolerance)
        with self._lock:
            self._flood = _FloodGate(limits)

    def lift_limits(self) -> None:
        """Stop enforcing flood limits."""
        with self._lock:
            self._flood = None

    # -- updates -------------------------------------------------------------------------------

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates (an update_id is added if missing); return it."""
        update = dict(update)
        with self._lock:
            if "update_id" in update:
                self._next_update_id = max(self._next_update_id, int(update["update_id"]) + 1)
            else:
                update["update_id"] = self._next_update_id
                self._next_update_id += 1
            self._remember_update(update)
            self._updates.append(update)
        self._wake_pollers()
        return update

    def push_message(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        chat_type: str | None = None,
        username: str | None = None,
        *,
        first_name: str | None = None,
        title: str | None = None,
    ) -> dict[str, Any]:
        """Queue a Message update from `user_id` in `chat_id`; return the update.

        A leading ``/command`` (also ``/command@BotName``) gets its bot_command entity, so PTB's
        CommandHandler fires. `chat_type` defaults to private for positive ids, supergroup for
        ``-100...`` ids and group for other negative ids.
        """
        user = self._user_json(user_id, username=username, first_name=first_name)
        chat = self._chat_json(chat_id, chat_type=chat_type, user=user, title=title)
        with self._lock:
            self._chats[chat_id] = chat
            self._users[user_id] = user
            message_id = self._new_message_id(chat_id)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": user,
            "text": text,
        }
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_length(command)}
            ]
        return self.push_update({"message": message})

    def push_callback(
        self, chat_id: int, user_id: int, message_id: int, data: str, *, username: str | None = None
    ) -> dict[str, Any]:
        """Queue a callback_query update: `user_id` pressed a button carrying `data`."""
        user = self._user_json(user_id, username=username)
        with self._lock:
            self._users[user_id] = user
            query_id = f"cbq-{self._next_callback}"
            self._next_callback += 1
            live = self._live.get((chat_id, message_id), {})
            message: dict[str, Any] = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": self._chats.get(chat_id) or self._chat_json(chat_id),
                "from": self.bot_user if live.get("from_bot", True) else user,
                "text": live.get("plain") or "",
            }
            if live.get("reply_markup"):
                message["reply_markup"] = live["reply_markup"]
        query = {
            "id": query_id,
            "from": user,
            "chat_instance": f"ci-{chat_id}",
            "message": message,
            "data": data,
        }
        return self.push_update({"callback_query": query})

    def _remember_update(self, update: dict[str, Any]) -> None:
        """Note the ids in a pushed update (messages one can reply to, open callbacks)."""
        message = update.get("message") or update.get("edited_message")
        if isinstance(message, dict) and isinstance(message.get("chat"), dict):
            chat_id, message_id = message["chat"].get("id"), message.get("message_id")
            if isinstance(chat_id, int) and isinstance(message_id, int):
                self._live.setdefault(
                    (chat_id, message_id), {"from_bot": False, "plain": message.get("text")}
                )
                known = self._next_message_id.get(chat_id, 1)
                self._next_message_id[chat_id] = max(known, message_id + 1)
        query = update.get("callback_query")
        if isinstance(query, dict) and "id" in query:
            self._open_callbacks.add(str(query["id"]))

    def _wake_pollers(self) -> None:
        with self._lock:
            waiters = list(self._poll_waiters)
        if not waiters:
            return

        def wake() -> None:
            for waiter in waiters:
                waiter.set()

        self._call_soon_on_loop(wake)

    def _on_stopping(self) -> None:
        with self._lock:
            self._stopped = True
        self._wake_pollers()

    # -- request handling ----------------------------------------------------------------------

    async def _read_params(self, request: web.Request) -> tuple[dict[str, str], dict[str, Any]]:
        params: dict[str, str] = dict(request.query)
        files: dict[str, UploadedFile] = {}
        if request.method != "POST" or not request.can_read_body:
            return params, files
        if request.content_type == "application/json":
            body = await request.json()
            for key, value in (body or {}).items():
                params[key] = value if isinstance(value, str) else json.dumps(value)
            return params, files
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                data = value.file.read()
                files[key] = UploadedFile(key, value.filename, value.content_type, len(data), data)
            else:
                params[key] = str(value)
        return params, files

    async def _handle_method(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        try:
            params, files = await self._read_params(request)
        except (ValueError, UnicodeDecodeError):
            params, files = {}, {}
        target: ChatKey | None = None
        with contextlib.suppress(_ApiError):
            target = _chat_key(params["chat_id"]) if params.get("chat_id") else None
        call = self._record_call(method, params, files, target)
        return await self._dispatch(request, call)

    async def _dispatch(self, request: web.Request, call: RecordedCall) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return self._error(call, _ApiError(401, "Unauthorized"))
        handler = self._handlers.get(call.method)
        if handler is None:
            return self._error(call, _ApiError(404, "Not Found: method not found"))
        fault: Fault | None = None
        with self._lock:
            failure = self._chat_failures.get(call.target) if call.target is not None else None
            if failure is None:
                fault = self._faults.next_fault(call.target, call.method)
        chat_error = _chat_fault_error(failure) if failure is not None else None
        if chat_error is not None:
            return self._error(call, chat_error)
        if fault is not None:
            call.fault = fault.kind
            early = await self._apply_fault(request, call, fault)
            if early is not None:
                return early
        try:
            result = await handler(call)
        except _ApiError as error:
            return self._error(call, error)
        if fault is not None and fault.kind == "drop_after_delivery":
            self._finish_call(call, 0, "connection dropped after delivery")
            return self._hang_up(request)
        self._finish_call(call, 200, None)
        return web.json_response({"ok": True, "result": result})

    async def _apply_fault(
        self, request: web.Request, call: RecordedCall, fault: Fault
    ) -> web.StreamResponse | None:
        """Answer a fault that strikes before delivery; None lets the call go on."""
        kind = fault.kind
        if kind == "429":
            seconds = max(1, math.ceil(float(fault.value if fault.value is not None else 1)))
            error = _ApiError(429, f"Too Many Requests: retry after {seconds}")
            error.parameters = {"retry_after": seconds}
            return self._error(call, error)
        if kind == "500":
            return self._error(call, _ApiError(500, "Internal Server Error"))
        if kind == "drop":
            self._finish_call(call, 0, "connection dropped")
            return self._hang_up(request)
        if kind == "timeout":
            stall = float(fault.value) if fault.value is not None else self.timeout_seconds
            await self._pause(stall)
            return self._error(call, _ApiError(504, "Gateway Timeout"))
        if kind == "drop_after_delivery":
            return None
        chat_error = _chat_fault_error(fault)
        if chat_error is None:
            raise ValueError(f"unknown Telegram fault {fault!r}")
        return self._error(call, chat_error)

    def _error(self, call: RecordedCall, error: _ApiError) -> web.Response:
        self._finish_call(call, error.status, error.description)
        body: dict[str, Any] = {
            "ok": False,
            "error_code": error.status,
            "description": error.description,
        }
        if error.parameters:
            body["parameters"] = error.parameters
        return web.json_response(body, status=error.status)

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        with self._lock:
            file_id = self._file_paths.get(request.match_info["path"])
            stored = self._files.get(file_id) if file_id else None
        if stored is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        content_type = stored.content_type or "application/octet-stream"
        return web.Response(body=stored.data, content_type=content_type)

    # -- JSON objects ----------------------------------------------------------------------------

    def _user_json(
        self, user_id: int, *, username: str | None = None, first_name: str | None = None
    ) -> dict[str, Any]:
        if user_id == self.bot_user["id"]:
            return dict(self.bot_user)
        with self._lock:
            known = dict(self._users.get(user_id, {}))
        user = known or {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
        if first_name:
            user["first_name"] = first_name
        if username:
            user["username"] = username
        return user

    def _chat_json(
        self,
        chat_id: ChatKey,
        *,
        chat_type: str | None = None,
        user: dict[str, Any] | None = None,
        title: str | None = None,
    ) -> dict[str, Any]:
        with self._lock:
            known = self._chats.get(chat_id)
        if known is not None and chat_type is None and title is None:
            return dict(known)
        if isinstance(chat_id, str):
            numeric = -(1_000_000_000_000 + zlib.crc32(chat_id.encode()) % 1_000_000_000)
            return {"id": numeric, "type": "channel", "title": chat_id, "username": chat_id[1:]}
        if chat_type is None:
            if chat_id > 0:
                chat_type = "private"
            else:
                chat_type = "supergroup" if str(chat_id).startswith("-100") else "group"
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            person = user or self._user_json(chat_id)
            chat["first_name"] = person.get("first_name", f"User {chat_id}")
            if person.get("username"):
                chat["username"] = person["username"]
        else:
            chat["title"] = title or f"Test {chat_type} {chat_id}"
        return chat

    def _new_message_id(self, chat: ChatKey) -> int:
        with self._lock:
            message_id = self._next_message_id.get(chat, 1)
            self._next_message_id[chat] = message_id + 1
            return message_id

    # -- validation ----------------------------------------------------------------------------

    def _parse_text(self, text: str, parse_mode: str | None) -> str:
        """The plain text of `text` after markup parsing (stripped, as Telegram does)."""
        if (parse_mode or "").upper() == "HTML":
            try:
                return html_to_plain(text, strict_ampersand=self.strict_ampersand).strip()
            except HtmlParseError as exc:
                raise _ApiError(400, f"Bad Request: {exc}") from None
        return text.strip()

    def _message_text(self, params: Mapping[str, str]) -> str:
        text = params.get("text", "")
        if not text.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        plain = self._parse_text(text, params.get("parse_mode"))
        if not plain:
            raise _ApiError(400, "Bad Request: text must be non-empty")
        if len(plain) > MAX_TEXT_LENGTH:
            raise _ApiError(400, "Bad Request: message is too long")
        return plain

    def _caption(self, params: Mapping[str, str]) -> str:
        plain = self._parse_text(params.get("caption", ""), params.get("parse_mode"))
        if len(plain) > MAX_CAPTION_LENGTH:
            raise _ApiError(400, "Bad Request: message caption is too long")
        return plain

    @staticmethod
    def _reply_markup(params: Mapping[str, str]) -> dict[str, Any] | None:
        raw = params.get("reply_markup")
        if not raw:
            return None
        try:
            markup = json.loads(raw)
        except ValueError:
            raise _ApiError(
                400, "Bad Request: can't parse reply keyboard markup JSON object"
            ) from None
        if not isinstance(markup, dict):
            raise _ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA_BYTES:
                    raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if not button.get("text"):
                    raise _ApiError(
                        400, "Bad Request: text buttons are unallowed in the inline keyboard"
                    )
        return markup

    def _reply_to(self, chat: ChatKey, params: Mapping[str, str]) -> int | None:
        """The replied-to message id, from reply_parameters (PTB 22) or reply_to_message_id."""
        allow_missing = params.get("allow_sending_without_reply", "").lower() == "true"
        message_id: int | None = None
        if params.get("reply_parameters"):
            try:
                reply = json.loads(params["reply_parameters"])
                message_id = int(reply["message_id"])
            except (ValueError, KeyError, TypeError):
                raise _ApiError(
                    400, "Bad Request: can't parse reply parameters JSON object"
                ) from None
            allow_missing = allow_missing or bool(reply.get("allow_sending_without_reply"))
            if "chat_id" in reply:
                return message_id  # a reply into another chat: not checked
        elif params.get("reply_to_message_id"):
            message_id = _int_param(params, "reply_to_message_id", 0)
        if message_id is None:
            return None
        with self._lock:
            live = self._live.get((chat, message_id))
        if (live is None or live.get("deleted")) and not allow_missing:
            raise _ApiError(400, "Bad Request: message to be replied not found")
        return message_id

    def _require_chat(self, call: RecordedCall) -> ChatKey:
        if not call.params.get("chat_id"):
            raise _ApiError(400, "Bad Request: chat_id is empty")
        return _chat_key(call.params["chat_id"])

    # -- delivery --------------------------------------------------------------------------------

    def _deliver(
        self,
        call: RecordedCall,
        *,
        text: str | None = None,
        caption: str | None = None,
        plain: str,
        file: UploadedFile | None = None,
        media: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Check the flood limits, then record the message; return its Message JSON."""
        chat = self._require_chat(call)
        params = call.params
        markup = self._reply_markup(params)
        reply_to = self._reply_to(chat, params)
        now = time.monotonic()
        with self._lock:
            if self._flood is not None:
                retry_after = self._flood.retry_after(chat, now)
                if retry_after is not None:
                    self.count_429 += 1
                    raise _ApiError(
                        429,
                        f"Too Many Requests: retry after {retry_after}",
                        {"retry_after": retry_after},
                    )
                self._flood.record(chat, now)
            message_id = self._new_message_id(chat)
            self._messages.append(
                SentMessage(
                    chat_id=chat,
                    message_id=message_id,
                    method=call.method,
                    text=text,
                    caption=caption,
                    plain=plain,
                    parse_mode=params.get("parse_mode"),
                    reply_to_message_id=reply_to,
                    reply_markup=markup,
                    file=file,
                    at=now,
                    params=dict(params),
                )
            )
            self._live[(chat, message_id)] = {
                "from_bot": True,
                "plain": plain,
                "reply_markup": markup,
                "has_text": text is not None,
            }
        result = self._message_json(chat, message_id, plain, markup, caption=caption is not None)
        if reply_to is not None:
            result["reply_to_message"] = {
                "message_id": reply_to,
                "date": int(time.time()),
                "chat": result["chat"],
            }
        if media:
            result.update(media)
        return result

    def _message_json(
        self,
        chat: ChatKey,
        message_id: int,
        plain: str | None,
        markup: dict[str, Any] | None,
        *,
        caption: bool = False,
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat_json(chat),
            "from": dict(self.bot_user),
        }
        if plain:
            message["caption" if caption else "text"] = plain
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        return message

    def _store_file(self, upload: UploadedFile, folder: str) -> dict[str, Any]:
        if upload.size == 0:
            raise _ApiError(400, "Bad Request: file must be non-empty")
        with self._lock:
            number = len(self._files) + 1
            file_id = f"FAKE{folder[:3].upper()}{number:06d}"
            suffix = (
                (upload.filename or "").rpartition(".")[2]
                if "." in (upload.filename or "")
                else "bin"
            )
            self._files[file_id] = upload
            self._file_paths[f"{folder}/file_{number}.{suffix}"] = file_id
        return {"file_id": file_id, "file_unique_id": f"U{file_id}", "file_size": upload.size}

    def _upload(self, call: RecordedCall, name: str) -> UploadedFile | None:
        """The file sent as `name`: a multipart part, attach://<part>, or None for an id/URL."""
        value = call.params.get(name, "")
        if value.startswith("attach://"):
            upload = call.files.get(value.removeprefix("attach://"))
            if upload is None:
                raise _ApiError(
                    400, f"Bad Request: wrong file identifier/HTTP URL specified ({name})"
                )
            return upload
        if name in call.files:
            return call.files[name]
        if not value:
            raise _ApiError(400, f"Bad Request: there is no {name} in the request")
        return None

    # -- methods -------------------------------------------------------------------------------

    async def _true(self, call: RecordedCall) -> bool:
        return True

    async def _get_me(self, call: RecordedCall) -> dict[str, Any]:
        return dict(self.bot_user)

    async def _set_webhook(self, call: RecordedCall) -> bool:
        with self._lock:
            self.webhook = dict(call.params)
            if call.params.get("drop_pending_updates", "").lower() == "true":
                self._updates.clear()
        return True

    async def _delete_webhook(self, call: RecordedCall) -> bool:
        with self._lock:
            self.webhook = None
            if call.params.get("drop_pending_updates", "").lower() == "true":
                self._updates.clear()
        return True

    async def _get_webhook_info(self, call: RecordedCall) -> dict[str, Any]:
        with self._lock:
            hook = self.webhook or {}
            info: dict[str, Any] = {
                "url": hook.get("url", ""),
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }
        if hook.get("max_connections"):
            info["max_connections"] = int(hook["max_connections"])
        return info

    async def _set_my_commands(self, call: RecordedCall) -> bool:
        try:
            commands = json.loads(call.params.get("commands", ""))
        except ValueError:
            raise _ApiError(400, "Bad Request: can't parse commands JSON object") from None
        for command in commands:
            name = str(command.get("command", ""))
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise _ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        with self._lock:
            self.commands[call.params.get("scope", "")] = commands
        return True

    async def _get_my_commands(self, call: RecordedCall) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.commands.get(call.params.get("scope", ""), []))

    async def _delete_my_commands(self, call: RecordedCall) -> bool:
        with self._lock:
            self.commands.pop(call.params.get("scope", ""), None)
        return True

    async def _get_updates(self, call: RecordedCall) -> list[dict[str, Any]]:
        params = call.params
        offset = _int_param(params, "offset", 0)
        limit = min(max(_int_param(params, "limit", 100), 1), 100)
        timeout = min(max(float(params.get("timeout") or 0), 0.0), 50.0)
        loop = asyncio.get_running_loop()
        with self._lock:
            if self.webhook is not None:
                raise _ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            self._poll_generation += 1
            generation = self._poll_generation
            if offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            ready = [u for u in self._updates if u["update_id"] >= offset][:limit]
            if ready or timeout <= 0 or self._stopped:
                self._wake_older_pollers()
                return ready
            waiter = asyncio.Event()
            self._wake_older_pollers()
            self._poll_waiters.add(waiter)
        deadline = loop.time() + timeout
        try:
            while (remaining := deadline - loop.time()) > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(waiter.wait(), remaining)
                waiter.clear()
                with self._lock:
                    if generation != self._poll_generation:
                        raise _ApiError(
                            409,
                            "Conflict: terminated by other getUpdates request; make sure that "
                            "only one bot instance is running",
                        )
                    ready = [u for u in self._updates if u["update_id"] >= offset][:limit]
                    if ready or self._stopped:
                        return ready
        finally:
            with self._lock:
                self._poll_waiters.discard(waiter)
        return []

    def _wake_older_pollers(self) -> None:
        """A newer getUpdates ends the older ones (they answer 409, as Telegram does)."""
        for waiter in self._poll_waiters:
            waiter.set()

    async def _send_message(self, call: RecordedCall) -> dict[str, Any]:
        self._require_chat(call)
        plain = self._message_text(call.params)
        return self._deliver(call, text=call.params["text"], plain=plain)

    async def _send_photo(self, call: RecordedCall) -> dict[str, Any]:
        self._require_chat(call)
        upload = self._upload(call, "photo")
        plain = self._caption(call.params)
        if upload is None:
            stored = {"file_id": call.params["photo"], "file_unique_id": "Uremote", "file_size": 0}
        else:
            stored = self._store_file(upload, "photos")
        photo = {**stored, "width": 320, "height": 240}
        return self._deliver(
            call,
            caption=call.params.get("caption"),
            plain=plain,
            file=upload,
            media={"photo": [photo]},
        )

    async def _send_document(self, call: RecordedCall) -> dict[str, Any]:
        self._require_chat(call)
        upload = self._upload(call, "document")
        plain = self._caption(call.params)
        if upload is None:
            document = {"file_id": call.params["document"], "file_unique_id": "Uremote"}
        else:
            document = self._store_file(upload, "documents")
            if upload.filename:
                document["file_name"] = upload.filename
            if upload.content_type:
                document["mime_type"] = upload.content_type
        return self._deliver(
            call,
            caption=call.params.get("caption"),
            plain=plain,
            file=upload,
            media={"document": document},
        )

    def _editable(self, call: RecordedCall) -> tuple[ChatKey, int, dict[str, Any]] | None:
        """The (chat, message id, live state) an edit targets; None for inline messages."""
        if call.params.get("inline_message_id"):
            return None
        chat = self._require_chat(call)
        message_id = _int_param(call.params, "message_id", 0)
        with self._lock:
            live = self._live.get((chat, message_id))
        if live is None or live.get("deleted"):
            raise _ApiError(400, "Bad Request: message to edit not found")
        if not live.get("from_bot"):
            raise _ApiError(400, "Bad Request: message can't be edited")
        return chat, message_id, live

    def _record_edit(
        self,
        call: RecordedCall,
        target: tuple[ChatKey, int, dict[str, Any]],
        text: str | None,
        plain: str | None,
        markup: dict[str, Any] | None,
    ) -> dict[str, Any]:
        chat, message_id, live = target
        with self._lock:
            if plain is not None:
                live["plain"] = plain
            live["reply_markup"] = markup
            self._edits.append(
                MessageEdit(
                    chat_id=chat,
                    message_id=message_id,
                    method=call.method,
                    text=text,
                    plain=plain,
                    parse_mode=call.params.get("parse_mode"),
                    reply_markup=markup,
                    at=time.monotonic(),
                )
            )
        message = self._message_json(
            chat, message_id, live.get("plain"), markup, caption=not live.get("has_text", True)
        )
        message["edit_date"] = int(time.time())
        return message

    async def _edit_message_text(self, call: RecordedCall) -> dict[str, Any] | bool:
        plain = self._message_text(call.params)
        markup = self._reply_markup(call.params)
        target = self._editable(call)
        if target is None:
            return True
        live = target[2]
        if live.get("plain") == plain and live.get("reply_markup") == markup:
            raise _ApiError(400, NOT_MODIFIED)
        return self._record_edit(call, target, call.params["text"], plain, markup)

    async def _edit_message_reply_markup(self, call: RecordedCall) -> dict[str, Any] | bool:
        markup = self._reply_markup(call.params)
        target = self._editable(call)
        if target is None:
            return True
        if target[2].get("reply_markup") == markup:
            raise _ApiError(400, NOT_MODIFIED)
        return self._record_edit(call, target, None, None, markup)

    async def _answer_callback_query(self, call: RecordedCall) -> bool:
        query_id = call.params.get("callback_query_id", "")
        with self._lock:
            if query_id not in self._open_callbacks:
                raise _ApiError(
                    400,
                    "Bad Request: query is too old and response timeout expired or query ID is "
                    "invalid",
                )
            self._open_callbacks.discard(query_id)
        return True

    async def _delete_message(self, call: RecordedCall) -> bool:
        chat = self._require_chat(call)
        message_id = _int_param(call.params, "message_id", 0)
        with self._lock:
            live = self._live.get((chat, message_id))
            if live is None or live.get("deleted"):
                raise _ApiError(400, "Bad Request: message to delete not found")
            live["deleted"] = True
            for message in self._messages:
                if message.chat_id == chat and message.message_id == message_id:
                    message.deleted = True
        return True

    async def _get_chat(self, call: RecordedCall) -> dict[str, Any]:
        chat = self._chat_json(self._require_chat(call))
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _member_json(self, chat: ChatKey, user_id: int) -> dict[str, Any]:
        with self._lock:
            status = self._admins.get(chat, {}).get(user_id, "member")
        user = self._user_json(user_id)
        if status == "creator":
            return {"status": "creator", "user": user, "is_anonymous": False}
        if status == "administrator":
            rights = [
                "can_manage_chat",
                "can_delete_messages",
                "can_manage_video_chats",
                "can_restrict_members",
                "can_change_info",
                "can_invite_users",
                "can_pin_messages",
            ]
            denied = [
                "can_be_edited",
                "can_promote_members",
                "can_post_stories",
                "can_edit_stories",
                "can_delete_stories",
            ]
            member: dict[str, Any] = {"status": "administrator", "user": user}
            member.update(dict.fromkeys(rights, True))
            member.update(dict.fromkeys(denied, False))
            member["is_anonymous"] = False
            return member
        return {"status": "member", "user": user}

    async def _get_chat_member(self, call: RecordedCall) -> dict[str, Any]:
        chat = self._require_chat(call)
        user_id = _int_param(call.params, "user_id", 0)
        private = isinstance(chat, int) and chat > 0
        if private and user_id not in (chat, self.bot_user["id"]):
            raise _ApiError(400, "Bad Request: user not found")
        return self._member_json(chat, user_id)

    async def _get_chat_administrators(self, call: RecordedCall) -> list[dict[str, Any]]:
        chat = self._require_chat(call)
        if isinstance(chat, int) and chat > 0:
            raise _ApiError(400, "Bad Request: there are no administrators in the private chat")
        with self._lock:
            roles = dict(self._admins.get(chat, {}))
        ordered = sorted(roles, key=lambda user: roles[user] != "creator")
        return [self._member_json(chat, user) for user in ordered]

    async def _get_file(self, call: RecordedCall) -> dict[str, Any]:
        file_id = call.params.get("file_id", "")
        with self._lock:
            stored = self._files.get(file_id)
            path = next((p for p, f in self._file_paths.items() if f == file_id), None)
        if stored is None or path is None:
            raise _ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"U{file_id}",
            "file_size": stored.size,
            "file_path": path,
        }
