"""A fake Slack (Web API, file uploads, Socket Mode, response_url) for tests, on 127.0.0.1 only.

Use it on the test's event loop::

    async with FakeSlack(bot_token="xoxb-test") as sl:
        client = AsyncWebClient(token=sl.bot_token, base_url=sl.base_url)
        await client.chat_postMessage(channel="C1", text="hi", blocks=[...])
        assert sl.messages("C1")[0].text == "hi"

or `FakeSlack().start_in_thread()` (the same object, now serving from a daemon thread) with
`stop()`, for tests that run the bot in a subprocess.

Routes:

- ``POST /api/{method}``: the Web API. Bodies may be JSON (slack_sdk sends chat.postMessage so)
  or form-encoded, plus query parameters (slack_sdk sends ``params=`` there); the token comes
  from ``Authorization: Bearer ...`` or a ``token`` parameter. Answers are HTTP 200
  ``{"ok": true, ...}`` or ``{"ok": false, "error": "..."}``, except rate limits: HTTP 429,
  ``Retry-After`` and ``{"ok": false, "error": "ratelimited"}``.
- ``POST /upload/{file_id}``: the upload URL handed out by files.getUploadURLExternal.
- ``GET /socket``: the Socket Mode WebSocket that apps.connections.open points to. It greets
  with ``{"type": "hello"}``; tests push envelopes with `push_socket_command` and friends and get
  back the app's acknowledgement.
- ``POST /resp/{id}``: a response_url sink; `response_url(id)` and `responses(id)`.

Fault order for a call that names a channel: a persistent `fail_channel`, then the channel's
`script`, then `random_faults` (send methods only), then validation (Block Kit limits, no_text),
then the per-channel rate limit of `enforce_limits`. Faulted calls deliver nothing, except
``"drop_after_delivery"``. Beware: slack_sdk retries a dropped connection once by default
(its connection-error retry handler), so a ``"drop_after_delivery"`` turns into a duplicate post.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import itertools
import json
import math
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from aiohttp import WSMsgType, web

from tests.support.fake_telegram import (
    MAX_UPLOAD_BYTES,
    FakePlatformServer,
    Fault,
    FaultPlan,
    RecordedCall,
    UploadedFile,
)

__all__ = [
    "SEND_METHODS",
    "FakeSlack",
    "SlackFile",
    "SlackMessage",
    "SlackUpdate",
    "block_errors",
    "interaction_body",
    "interaction_payload",
    "signed_headers",
    "slash_command_body",
    "slash_command_payload",
]

SEND_METHODS = frozenset({"chat.postMessage", "chat.postEphemeral", "files.completeUploadExternal"})
CHANNEL_FAILURES = frozenset(
    {"channel_not_found", "not_in_channel", "is_archived", "account_inactive"}
)
MAX_BLOCKS = 50
MAX_BLOCKS_JSON = 12_000
MAX_TEXT = 40_000
TS_BASE = 1_700_000_000


# ================================================================================================
# Request helpers for tests: signatures and the bodies Slack sends
# ================================================================================================


def signed_headers(body: str, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """Headers Slack would send with `body`: its v0 signature, timestamp and content type."""
    ts = int(time.time()) if timestamp is None else timestamp
    base = f"v0:{ts}:{body}".encode()
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    content_type = (
        "application/json" if body.lstrip().startswith("{") else "application/x-www-form-urlencoded"
    )
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": f"v0={digest}",
    }


def slash_command_payload(
    command: str,
    text: str,
    user_id: str,
    channel_id: str,
    response_url: str,
    team_id: str = "T1",
    channel_name: str = "general",
    *,
    user_name: str | None = None,
    team_domain: str = "fake",
    api_app_id: str = "A1",
    trigger_id: str | None = None,
) -> dict[str, str]:
    """The fields of a slash command invocation, as Slack sends them (all strings)."""
    return {
        "token": "verification-token",
        "team_id": team_id,
        "team_domain": team_domain,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_name or user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": api_app_id,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id or f"{int(time.time())}.{uuid.uuid4().int % 10**9}.fake",
    }


def slash_command_body(
    command: str,
    text: str,
    user_id: str,
    channel_id: str,
    response_url: str,
    team_id: str = "T1",
    channel_name: str = "general",
    **extra: Any,
) -> str:
    """The form-encoded body Slack POSTs for a slash command (see `slash_command_payload`)."""
    fields = slash_command_payload(
        command, text, user_id, channel_id, response_url, team_id, channel_name, **extra
    )
    return urlencode(fields)


def interaction_payload(
    action_id: str,
    value: str,
    user_id: str,
    channel_id: str,
    message_ts: str,
    response_url: str,
    team_id: str = "T1",
    *,
    block_id: str = "actions",
    button_text: str = "Button",
    message_text: str = "",
    api_app_id: str = "A1",
) -> dict[str, Any]:
    """A block_actions payload: `user_id` clicked a button in the message at `message_ts`."""
    return {
        "type": "block_actions",
        "user": {
            "id": user_id,
            "username": user_id.lower(),
            "name": user_id.lower(),
            "team_id": team_id,
        },
        "api_app_id": api_app_id,
        "token": "verification-token",
        "container": {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel_id,
            "is_ephemeral": False,
        },
        "trigger_id": f"{int(time.time())}.{uuid.uuid4().int % 10**9}.fake",
        "team": {"id": team_id, "domain": "fake"},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel_id, "name": "general"},
        "message": {"type": "message", "ts": message_ts, "text": message_text, "user": "UBOT"},
        "state": {"values": {}},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": block_id,
                "text": {"type": "plain_text", "text": button_text},
                "value": value,
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }


def interaction_body(
    action_id: str,
    value: str,
    user_id: str,
    channel_id: str,
    message_ts: str,
    response_url: str,
    team_id: str = "T1",
    **extra: Any,
) -> str:
    """The form body (``payload=<JSON>``) Slack POSTs for a button click."""
    payload = interaction_payload(
        action_id, value, user_id, channel_id, message_ts, response_url, team_id, **extra
    )
    return urlencode({"payload": json.dumps(payload)})


# ================================================================================================
# Block Kit checks, close to what chat.postMessage enforces
# ================================================================================================


class _BlockChecker:
    """Collects Slack-style complaints (``... [json-pointer:/blocks/0/text/text]``)."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def complain(self, pointer: str, message: str) -> None:
        self.errors.append(f"{message} [json-pointer:{pointer}]")

    def length(self, value: Any, pointer: str, maximum: int, minimum: int = 0) -> None:
        if not isinstance(value, str):
            self.complain(pointer, "must be a string")
        elif len(value) > maximum:
            self.complain(pointer, f"must be less than {maximum + 1} characters")
        elif len(value) < minimum:
            self.complain(pointer, f"must be more than {minimum - 1} characters")

    def text(self, obj: Any, pointer: str, maximum: int, *, plain_only: bool = False) -> None:
        if not isinstance(obj, dict):
            self.complain(pointer, "must provide an object")
            return
        allowed = ("plain_text",) if plain_only else ("plain_text", "mrkdwn")
        if obj.get("type") not in allowed:
            self.complain(f"{pointer}/type", f"must be one of {', '.join(allowed)}")
        self.length(obj.get("text"), f"{pointer}/text", maximum, minimum=1)

    def element(self, element: Any, pointer: str) -> None:
        if not isinstance(element, dict) or not isinstance(element.get("type"), str):
            self.complain(pointer, "must provide an object with a type")
            return
        if "action_id" in element:
            self.length(element["action_id"], f"{pointer}/action_id", 255)
        if element["type"] == "button":
            self.text(element.get("text"), f"{pointer}/text", 75, plain_only=True)
            if "value" in element:
                self.length(element["value"], f"{pointer}/value", 2000)
            if "url" in element:
                self.length(element["url"], f"{pointer}/url", 3000)

    def block(self, block: Any, pointer: str) -> None:
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            self.complain(pointer, "must provide an object with a type")
            return
        kind = block["type"]
        if "block_id" in block:
            self.length(block["block_id"], f"{pointer}/block_id", 255)
        if kind == "section":
            if "text" not in block and "fields" not in block:
                self.complain(pointer, "must provide text or fields")
            if "text" in block:
                self.text(block["text"], f"{pointer}/text", 3000)
            fields = block.get("fields", [])
            if len(fields) > 10:
                self.complain(f"{pointer}/fields", "must provide no more than 10 items")
            for n, item in enumerate(fields):
                self.text(item, f"{pointer}/fields/{n}", 2000)
            if "accessory" in block:
                self.element(block["accessory"], f"{pointer}/accessory")
        elif kind == "header":
            self.text(block.get("text"), f"{pointer}/text", 150, plain_only=True)
        elif kind in ("context", "actions"):
            elements = block.get("elements")
            most = 10 if kind == "context" else 25
            if not isinstance(elements, list) or not 1 <= len(elements) <= most:
                self.complain(f"{pointer}/elements", f"must provide between 1 and {most} items")
                return
            for n, element in enumerate(elements):
                if kind == "actions":
                    self.element(element, f"{pointer}/elements/{n}")
                elif isinstance(element, dict) and element.get("type") != "image":
                    self.text(element, f"{pointer}/elements/{n}", 3000)
        elif kind == "image":
            if "image_url" not in block and "slack_file" not in block:
                self.complain(pointer, "must provide image_url or slack_file")
            self.length(block.get("alt_text"), f"{pointer}/alt_text", 2000, minimum=1)
        elif kind == "markdown":
            self.length(block.get("text"), f"{pointer}/text", 12_000, minimum=1)
        elif kind not in ("divider", "rich_text", "input", "file", "video", "table", "call"):
            self.complain(f"{pointer}/type", f"unsupported block type {kind!r}")


def block_errors(blocks: Any) -> tuple[str, list[str]] | None:
    """(error code, details) if chat.postMessage would refuse `blocks`, else None."""
    if not isinstance(blocks, list):
        return "invalid_blocks_format", ["must provide an array [json-pointer:/blocks]"]
    if len(blocks) > MAX_BLOCKS:
        return "invalid_blocks", [f"no more than {MAX_BLOCKS} items allowed [json-pointer:/blocks]"]
    checker = _BlockChecker()
    for n, block in enumerate(blocks):
        checker.block(block, f"/blocks/{n}")
    if checker.errors:
        return "invalid_blocks", checker.errors
    if len(json.dumps(blocks, ensure_ascii=False)) > MAX_BLOCKS_JSON:
        return "msg_blocks_too_long", []
    return None


# ================================================================================================
# The fake
# ================================================================================================


@dataclass
class SlackMessage:
    """A message the app posted (chat.postMessage) or an ephemeral one (chat.postEphemeral)."""

    channel: str
    ts: str
    text: str | None
    blocks: list[Any] | None
    thread_ts: str | None
    at: float  # time.monotonic() at delivery
    user: str | None = None  # the recipient of an ephemeral message
    params: dict[str, Any] = field(repr=False, default_factory=dict)


@dataclass
class SlackUpdate:
    """An accepted chat.update."""

    channel: str
    ts: str
    text: str | None
    blocks: list[Any] | None
    at: float


@dataclass
class SlackFile:
    """A file shared by files.completeUploadExternal (uploaded through the fake upload URL)."""

    channel: str | None
    file_id: str
    filename: str
    title: str | None
    size: int
    data: bytes = field(repr=False)
    initial_comment: str | None = None
    thread_ts: str | None = None
    at: float = 0.0


def _envelope(kind: str, payload: dict[str, Any], accepts_response_payload: bool) -> dict[str, Any]:
    """A Socket Mode envelope as Slack wraps events, commands and interactions."""
    return {
        "envelope_id": str(uuid.uuid4()),
        "type": kind,
        "accepts_response_payload": accepts_response_payload,
        "retry_attempt": 0,
        "retry_reason": "",
        "payload": payload,
    }


class _SlackError(Exception):
    """Answer the current request with ``{"ok": false, "error": ...}``."""

    def __init__(self, error: str, *, status: int = 200, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.status = status
        self.extra = extra
        self.headers: dict[str, str] = {}


class FakeSlack(FakePlatformServer):
    """A fake Slack on 127.0.0.1 with an ephemeral port. See the module docstring."""

    thread_name = "FakeSlack"

    def __init__(
        self,
        bot_token: str = "xoxb-test",
        *,
        app_token: str = "xapp-test",
        team_id: str = "T1",
        bot_user_id: str = "UBOT",
        bot_id: str = "B1",
        host: str = "127.0.0.1",
    ) -> None:
        super().__init__(host)
        self.bot_token = bot_token
        self.app_token = app_token
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.count_429 = 0  # posts refused by the per-channel limit of enforce_limits()
        self._messages: list[SlackMessage] = []
        self._ephemeral: list[SlackMessage] = []
        self._updates: list[SlackUpdate] = []
        self._files: list[SlackFile] = []
        self._uploads: dict[str, dict[str, Any]] = {}  # file_id -> upload state
        self._channels: dict[str, dict[str, Any]] = {}
        self._admins: set[str] = set()
        self._owners: set[str] = set()
        self._channel_failures: dict[str, str] = {}
        self._faults = FaultPlan(SEND_METHODS)
        self._limit_interval: float | None = None
        self._limit_tolerance = 0.05
        self._last_post: dict[str, float] = {}
        self._ts_counter = itertools.count(1)
        self._responses: dict[str, list[Any]] = {}
        self._sockets: list[web.WebSocketResponse] = []
        self._socket_messages: list[dict[str, Any]] = []
        self._ack_waiters: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._handlers = {
            "api.test": self._api_test,
            "auth.test": self._auth_test,
            "chat.postMessage": self._post_message,
            "chat.update": self._update,
            "chat.postEphemeral": self._post_ephemeral,
            "chat.getPermalink": self._get_permalink,
            "conversations.info": self._conversations_info,
            "users.info": self._users_info,
            "files.getUploadURLExternal": self._get_upload_url,
            "files.completeUploadExternal": self._complete_upload,
            "apps.connections.open": self._connections_open,
        }

    # -- URLs ------------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """For ``AsyncWebClient(base_url=...)``."""
        return f"{self.url}/api/"

    def response_url(self, sink_id: str) -> str:
        """A response_url whose posts are kept under `sink_id`."""
        return f"{self.url}/resp/{sink_id}"

    def _build_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_UPLOAD_BYTES)
        app.router.add_route("*", "/api/{method}", self._handle_method)
        app.router.add_post("/upload/{file_id}", self._handle_upload)
        app.router.add_get("/socket", self._handle_socket)
        app.router.add_post("/resp/{sink}", self._handle_response_url)
        return app

    # -- inspection ------------------------------------------------------------------------------

    def messages(self, channel: str | None = None) -> list[SlackMessage]:
        """Messages posted to `channel` (every channel if None), in order."""
        with self._lock:
            return [m for m in self._messages if channel is None or m.channel == channel]

    def ephemerals(self, channel: str | None = None) -> list[SlackMessage]:
        """Ephemeral messages posted in `channel` (every channel if None)."""
        with self._lock:
            return [m for m in self._ephemeral if channel is None or m.channel == channel]

    def updates(self, channel: str | None = None) -> list[SlackUpdate]:
        """Accepted chat.update calls for `channel` (every channel if None)."""
        with self._lock:
            return [u for u in self._updates if channel is None or u.channel == channel]

    def files(self, channel: str | None = None) -> list[SlackFile]:
        """Files shared to `channel` (every file if None)."""
        with self._lock:
            return [f for f in self._files if channel is None or f.channel == channel]

    def responses(self, sink_id: str) -> list[Any]:
        """Bodies posted to `response_url(sink_id)` (JSON decoded), in order."""
        with self._lock:
            return list(self._responses.get(sink_id, []))

    @property
    def socket_messages(self) -> list[dict[str, Any]]:
        """Every message the app sent over Socket Mode (acks with their payloads)."""
        with self._lock:
            return list(self._socket_messages)

    @property
    def socket_connections(self) -> int:
        """How many Socket Mode connections are open."""
        with self._lock:
            return len(self._sockets)

    @property
    def faults_injected(self) -> dict[str, int]:
        """How many scripted or random faults of each kind were applied."""
        with self._lock:
            return dict(self._faults.injected)

    # -- set-up ------------------------------------------------------------------------------------

    def add_channel(
        self,
        channel: str,
        name: str | None = None,
        *,
        is_private: bool = False,
        is_im: bool = False,
    ) -> None:
        """Describe a channel for conversations.info (unknown channels get defaults)."""
        with self._lock:
            self._channels[channel] = {
                "name": name or channel.lower(),
                "is_private": is_private,
                "is_im": is_im,
            }

    def set_admins(self, user_ids: Iterable[str], *, owners: Iterable[str] = ()) -> None:
        """users.info reports `user_ids` as workspace admins and `owners` as owners (and admins)."""
        with self._lock:
            self._owners = set(owners)
            self._admins = set(user_ids) | self._owners

    def fail_channel(self, channel: str, kind: str | None) -> None:
        """Make calls naming `channel` fail with `kind` until cleared (None clears).

        Kinds: ``channel_not_found``, ``not_in_channel``, ``is_archived``, ``account_inactive``.
        conversations.info still answers for an archived channel or one the bot is not in, with
        ``is_archived`` / ``is_member`` set accordingly, as Slack does.
        """
        with self._lock:
            if kind is None:
                self._channel_failures.pop(channel, None)
                return
            if kind not in CHANNEL_FAILURES:
                raise ValueError(f"unknown channel failure {kind!r}")
            self._channel_failures[channel] = kind

    def script(
        self,
        channel: str,
        faults: Iterable[str | tuple[str, Any] | Fault],
        *,
        methods: Iterable[str] | None = None,
    ) -> None:
        """Queue one-shot faults for the next send calls naming `channel`.

        Entries: ``("429", retry_after)``, ``"500"``, ``"drop"``, ``"drop_after_delivery"``,
        ``"timeout"`` / ``("timeout", seconds)``, ``"ok"`` (no fault this time), or any other
        string, answered as that Slack error code (``"channel_not_found"``, ``"fatal_error"``...).
        """
        with self._lock:
            self._faults.script(channel, faults, methods)

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
        """Forget channel failures, scripts and the random plan."""
        with self._lock:
            self._channel_failures.clear()
            self._faults.clear()

    def enforce_limits(self, per_channel_interval: float = 1.0, *, tolerance: float = 0.05) -> None:
        """Refuse a chat.postMessage sooner than `per_channel_interval` s after the last one."""
        with self._lock:
            self._limit_interval = per_channel_interval
            self._limit_tolerance = tolerance

    def lift_limits(self) -> None:
        """Stop enforcing the per-channel limit."""
        with self._lock:
            self._limit_interval = None

    # -- Socket Mode -------------------------------------------------------------------------------

    async def push_socket_envelope(
        self,
        envelope_type: str,
        payload: dict[str, Any],
        *,
        accepts_response_payload: bool = True,
        timeout: float = 3.0,
    ) -> dict[str, Any]:
        """Send an envelope to the connected app; return its acknowledgement (within `timeout`)."""
        envelope = _envelope(envelope_type, payload, accepts_response_payload)
        return await self._on_server_loop(self._push_envelope(envelope, timeout))

    async def push_socket_command(
        self,
        command: str,
        text: str,
        user_id: str = "U1",
        channel_id: str = "C1",
        *,
        response_url: str | None = None,
        timeout: float = 3.0,
        **extra: Any,
    ) -> dict[str, Any]:
        """Invoke a slash command over Socket Mode; return the ack (its ``payload`` if any).

        The response_url defaults to a sink of this fake named after the command and user
        (``responses(f"{command.strip('/')}-{user_id}")``).
        """
        url = response_url or self.response_url(f"{command.strip('/')}-{user_id}")
        payload = slash_command_payload(
            command, text, user_id, channel_id, url, self.team_id, **extra
        )
        return await self.push_socket_envelope("slash_commands", payload, timeout=timeout)

    async def push_socket_action(
        self,
        action_id: str,
        value: str,
        user_id: str = "U1",
        channel_id: str = "C1",
        message_ts: str = "",
        *,
        response_url: str | None = None,
        timeout: float = 3.0,
        **extra: Any,
    ) -> dict[str, Any]:
        """Click a button over Socket Mode (an ``interactive`` block_actions envelope)."""
        url = response_url or self.response_url(f"{action_id}-{user_id}")
        payload = interaction_payload(
            action_id, value, user_id, channel_id, message_ts, url, self.team_id, **extra
        )
        return await self.push_socket_envelope("interactive", payload, timeout=timeout)

    def push_socket_command_sync(
        self, command: str, text: str, user_id: str = "U1", channel_id: str = "C1", **extra: Any
    ) -> dict[str, Any]:
        """`push_socket_command` from a plain thread (the fake under `start_in_thread`)."""
        timeout = float(extra.pop("timeout", 3.0))
        url = extra.pop("response_url", None) or self.response_url(
            f"{command.strip('/')}-{user_id}"
        )
        payload = slash_command_payload(
            command, text, user_id, channel_id, url, self.team_id, **extra
        )
        envelope = _envelope("slash_commands", payload, accepts_response_payload=True)
        return self._run_sync(self._push_envelope(envelope, timeout), timeout + 1)

    async def wait_socket_connected(self, timeout: float = 5.0) -> None:
        """Wait until an app holds a Socket Mode connection."""
        await self.wait_for(lambda: self.socket_connections > 0, timeout)

    async def _push_envelope(self, envelope: dict[str, Any], timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                socket = self._sockets[-1] if self._sockets else None
            if socket is not None:
                break
            if time.monotonic() >= deadline:
                raise TimeoutError("no Socket Mode connection to push to")
            await asyncio.sleep(0.01)
        ack: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._ack_waiters[envelope["envelope_id"]] = ack
        try:
            await socket.send_json(envelope)
            return await asyncio.wait_for(ack, max(deadline - time.monotonic(), 0.01))
        finally:
            self._ack_waiters.pop(envelope["envelope_id"], None)

    async def _handle_socket(self, request: web.Request) -> web.StreamResponse:
        socket = web.WebSocketResponse(autoping=True)
        await socket.prepare(request)
        with self._lock:
            self._sockets.append(socket)
        await socket.send_json(
            {
                "type": "hello",
                "num_connections": len(self._sockets),
                "debug_info": {"host": "fake-slack", "approximate_connection_time": 18060},
                "connection_info": {"app_id": "A1"},
            }
        )
        try:
            async for message in socket:
                if message.type != WSMsgType.TEXT:
                    continue
                with contextlib.suppress(ValueError):
                    self._socket_received(json.loads(message.data))
        finally:
            with self._lock:
                if socket in self._sockets:
                    self._sockets.remove(socket)
        return socket

    def _socket_received(self, data: Any) -> None:
        if not isinstance(data, dict):
            return
        with self._lock:
            self._socket_messages.append(data)
        waiter = self._ack_waiters.get(str(data.get("envelope_id")))
        if waiter is not None and not waiter.done():
            waiter.set_result(data)

    async def close(self) -> None:
        """Close Socket Mode connections, then stop listening."""
        with self._lock:
            sockets = list(self._sockets)
        for socket in sockets:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(socket.close(code=1001, message=b"server stopping"), 1.0)
        await super().close()

    # -- request handling ------------------------------------------------------------------------

    async def _read_params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.method != "POST" or not request.can_read_body:
            return params
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
            return params
        form = await request.post()
        for key, value in form.items():
            if not isinstance(value, web.FileField):
                params[key] = str(value)
        return params

    async def _handle_method(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        try:
            params = await self._read_params(request)
        except ValueError:
            params = {}
        channel = params.get("channel") or params.get("channel_id")
        call = self._record_call(method, params, {}, str(channel) if channel else None)
        return await self._dispatch(request, call)

    def _token(self, request: web.Request, params: Mapping[str, Any]) -> str | None:
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            return header[7:].strip()
        token = params.get("token")
        return str(token) if token else None

    async def _dispatch(self, request: web.Request, call: RecordedCall) -> web.StreamResponse:
        handler = self._handlers.get(call.method)
        if handler is None:
            return self._error(call, _SlackError("unknown_method", status=404))
        token = self._token(request, call.params)
        wanted = self.app_token if call.method == "apps.connections.open" else self.bot_token
        if call.method != "api.test":
            if token is None:
                return self._error(call, _SlackError("not_authed"))
            if token != wanted:
                wrong_kind = token in (self.app_token, self.bot_token)
                error = "not_allowed_token_type" if wrong_kind else "invalid_auth"
                return self._error(call, _SlackError(error))
        channel = str(call.target) if call.target is not None else None
        fault: Fault | None = None
        with self._lock:
            failure = self._channel_failures.get(channel) if channel else None
            if failure is None:
                fault = self._faults.next_fault(channel, call.method)
        if failure is not None and call.method != "conversations.info":
            return self._error(call, _SlackError(failure))
        if fault is not None:
            call.fault = fault.kind
            early = await self._apply_fault(request, call, fault)
            if early is not None:
                return early
        try:
            result = await handler(call)
        except _SlackError as error:
            return self._error(call, error)
        if fault is not None and fault.kind == "drop_after_delivery":
            self._finish_call(call, 0, "connection dropped after delivery")
            return self._hang_up(request)
        self._finish_call(call, 200, None)
        return web.json_response({"ok": True, **result})

    async def _apply_fault(
        self, request: web.Request, call: RecordedCall, fault: Fault
    ) -> web.StreamResponse | None:
        """Answer a fault that strikes before delivery; None lets the call go on."""
        kind = fault.kind
        if kind == "429":
            seconds = max(1, math.ceil(float(fault.value if fault.value is not None else 1)))
            return self._error(call, self._ratelimited(seconds))
        if kind == "500":
            return self._error(call, _SlackError("internal_error", status=500))
        if kind == "drop":
            self._finish_call(call, 0, "connection dropped")
            return self._hang_up(request)
        if kind == "timeout":
            stall = float(fault.value) if fault.value is not None else self.timeout_seconds
            await self._pause(stall)
            return self._error(call, _SlackError("request_timeout", status=504))
        if kind == "drop_after_delivery":
            return None
        return self._error(call, _SlackError(kind))

    @staticmethod
    def _ratelimited(seconds: int) -> _SlackError:
        error = _SlackError("ratelimited", status=429)
        error.headers["Retry-After"] = str(seconds)
        return error

    def _error(self, call: RecordedCall, error: _SlackError) -> web.Response:
        self._finish_call(call, error.status, error.error)
        body = {"ok": False, "error": error.error, **error.extra}
        return web.json_response(body, status=error.status, headers=error.headers)

    async def _handle_upload(self, request: web.Request) -> web.StreamResponse:
        file_id = request.match_info["file_id"]
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            part = next((v for v in form.values() if isinstance(v, web.FileField)), None)
            data = part.file.read() if part is not None else b""
        else:
            data = await request.read()
        call = self._record_call(
            "upload",
            {"file_id": file_id},
            {"file": UploadedFile("file", None, None, len(data), data)},
            None,
        )
        with self._lock:
            upload = self._uploads.get(file_id)
            if upload is not None:
                upload["data"] = data
        if upload is None:
            self._finish_call(call, 404, "unknown upload")
            return web.Response(status=404, text="unknown upload")
        self._finish_call(call, 200, None)
        return web.Response(text=f"OK - {len(data)}")

    async def _handle_response_url(self, request: web.Request) -> web.StreamResponse:
        raw = await request.text()
        try:
            body: Any = json.loads(raw)
        except ValueError:
            body = raw
        with self._lock:
            self._responses.setdefault(request.match_info["sink"], []).append(body)
        return web.Response(text="ok")

    # -- helpers for methods -------------------------------------------------------------------

    def _next_ts(self) -> str:
        n = next(self._ts_counter)
        return f"{TS_BASE + n}.{(n * 100) % 1_000_000:06d}"

    @staticmethod
    def _content(params: Mapping[str, Any]) -> tuple[str | None, list[Any] | None]:
        """The message text and parsed blocks, or the Slack error for bad ones."""
        text = params.get("text")
        text = str(text) if text is not None else None
        blocks = params.get("blocks")
        if isinstance(blocks, str):
            try:
                blocks = json.loads(blocks) if blocks.strip() else None
            except ValueError:
                raise _SlackError("invalid_blocks_format") from None
        if blocks is not None:
            problem = block_errors(blocks)
            if problem is not None:
                code, details = problem
                extra: dict[str, Any] = {"errors": details} if details else {}
                if details:
                    extra["response_metadata"] = {"messages": [f"[ERROR] {d}" for d in details]}
                raise _SlackError(code, **extra)
        if not text and not blocks and not params.get("attachments"):
            raise _SlackError("no_text")
        if text is not None and len(text) > MAX_TEXT:
            raise _SlackError("msg_too_long")
        return text, blocks

    def _require_channel(self, call: RecordedCall) -> str:
        if call.target is None:
            raise _SlackError("channel_not_found")
        return str(call.target)

    def _message_json(self, ts: str, text: str | None, blocks: list[Any] | None) -> dict[str, Any]:
        message: dict[str, Any] = {
            "type": "message",
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "ts": ts,
            "text": text or "",
            "team": self.team_id,
        }
        if blocks:
            message["blocks"] = blocks
        return message

    # -- methods -----------------------------------------------------------------------------------

    async def _api_test(self, call: RecordedCall) -> dict[str, Any]:
        return {"args": {k: v for k, v in call.params.items() if k != "token"}}

    async def _auth_test(self, call: RecordedCall) -> dict[str, Any]:
        return {
            "url": "https://fake.slack.com/",
            "team": "Fake Team",
            "user": "riskbot",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    async def _post_message(self, call: RecordedCall) -> dict[str, Any]:
        channel = self._require_channel(call)
        text, blocks = self._content(call.params)
        thread_ts = call.params.get("thread_ts")
        now = time.monotonic()
        with self._lock:
            if self._limit_interval is not None:
                last = self._last_post.get(channel)
                if last is not None and now - last < self._limit_interval - self._limit_tolerance:
                    self.count_429 += 1
                    wait = max(1, math.ceil(last + self._limit_interval - now))
                    raise self._ratelimited(wait)
            self._last_post[channel] = now
            ts = self._next_ts()
            self._messages.append(
                SlackMessage(
                    channel=channel,
                    ts=ts,
                    text=text,
                    blocks=blocks,
                    thread_ts=str(thread_ts) if thread_ts else None,
                    at=now,
                    params=dict(call.params),
                )
            )
        message = self._message_json(ts, text, blocks)
        if thread_ts:
            message["thread_ts"] = str(thread_ts)
        return {"channel": channel, "ts": ts, "message": message}

    async def _update(self, call: RecordedCall) -> dict[str, Any]:
        channel = self._require_channel(call)
        ts = str(call.params.get("ts") or "")
        text, blocks = self._content(call.params)
        with self._lock:
            if not any(m.channel == channel and m.ts == ts for m in self._messages):
                raise _SlackError("message_not_found")
            self._updates.append(SlackUpdate(channel, ts, text, blocks, time.monotonic()))
        return {
            "channel": channel,
            "ts": ts,
            "text": text or "",
            "message": self._message_json(ts, text, blocks),
        }

    async def _post_ephemeral(self, call: RecordedCall) -> dict[str, Any]:
        channel = self._require_channel(call)
        user = call.params.get("user")
        if not user:
            raise _SlackError("user_not_found")
        text, blocks = self._content(call.params)
        with self._lock:
            ts = self._next_ts()
            self._ephemeral.append(
                SlackMessage(
                    channel=channel,
                    ts=ts,
                    text=text,
                    blocks=blocks,
                    thread_ts=call.params.get("thread_ts"),
                    at=time.monotonic(),
                    user=str(user),
                    params=dict(call.params),
                )
            )
        return {"message_ts": ts}

    async def _get_permalink(self, call: RecordedCall) -> dict[str, Any]:
        channel = self._require_channel(call)
        ts = str(call.params.get("message_ts") or "")
        with self._lock:
            if not any(m.channel == channel and m.ts == ts for m in self._messages):
                raise _SlackError("message_not_found")
        return {
            "channel": channel,
            "permalink": f"https://fake.slack.com/archives/{channel}/p{ts.replace('.', '')}",
        }

    async def _conversations_info(self, call: RecordedCall) -> dict[str, Any]:
        channel = self._require_channel(call)
        with self._lock:
            failure = self._channel_failures.get(channel)
            known = dict(self._channels.get(channel, {}))
        if failure in ("channel_not_found", "account_inactive"):
            raise _SlackError(failure)
        is_im = bool(known.get("is_im", channel.startswith("D")))
        info = {
            "id": channel,
            "name": known.get("name", channel.lower()),
            "is_channel": not is_im and not known.get("is_private", False),
            "is_group": False,
            "is_im": is_im,
            "is_private": bool(known.get("is_private", False)),
            "is_archived": failure == "is_archived",
            "is_member": failure != "not_in_channel",
            "created": TS_BASE,
        }
        return {"channel": info}

    async def _users_info(self, call: RecordedCall) -> dict[str, Any]:
        user_id = str(call.params.get("user") or "")
        if not user_id:
            raise _SlackError("user_not_found")
        with self._lock:
            is_owner = user_id in self._owners
            is_admin = user_id in self._admins
        return {
            "user": {
                "id": user_id,
                "team_id": self.team_id,
                "name": user_id.lower(),
                "real_name": f"User {user_id}",
                "deleted": False,
                "is_admin": is_admin,
                "is_owner": is_owner,
                "is_primary_owner": False,
                "is_bot": user_id == self.bot_user_id,
                "tz": "UTC",
                "profile": {"display_name": user_id.lower(), "real_name": f"User {user_id}"},
            }
        }

    async def _get_upload_url(self, call: RecordedCall) -> dict[str, Any]:
        filename = call.params.get("filename")
        length = call.params.get("length")
        if not filename or length is None or not str(length).isdigit():
            raise _SlackError("invalid_arguments")
        with self._lock:
            file_id = f"F{len(self._uploads) + 1:08d}"
            self._uploads[file_id] = {
                "filename": str(filename),
                "length": int(length),
                "data": None,
            }
        return {"upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    async def _complete_upload(self, call: RecordedCall) -> dict[str, Any]:
        raw = call.params.get("files")
        try:
            entries = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            raise _SlackError("invalid_arguments") from None
        if not isinstance(entries, list) or not entries:
            raise _SlackError("invalid_arguments")
        channel = call.params.get("channel_id")
        shared: list[dict[str, Any]] = []
        with self._lock:
            for entry in entries:
                upload = self._uploads.get(str(entry.get("id")))
                if upload is None or upload["data"] is None:
                    raise _SlackError("file_not_found")
            for entry in entries:
                file_id = str(entry["id"])
                upload = self._uploads[file_id]
                record = SlackFile(
                    channel=str(channel) if channel else None,
                    file_id=file_id,
                    filename=upload["filename"],
                    title=entry.get("title"),
                    size=len(upload["data"]),
                    data=upload["data"],
                    initial_comment=call.params.get("initial_comment"),
                    thread_ts=call.params.get("thread_ts"),
                    at=time.monotonic(),
                )
                self._files.append(record)
                shared.append(
                    {
                        "id": file_id,
                        "name": record.filename,
                        "title": record.title or record.filename,
                        "size": record.size,
                        "user": self.bot_user_id,
                        "channels": [record.channel] if record.channel else [],
                    }
                )
        return {"files": shared}

    async def _connections_open(self, call: RecordedCall) -> dict[str, Any]:
        return {"url": f"ws://{self.host}:{self.port}/socket?ticket={uuid.uuid4().hex}"}
