"""The console sink: alerts printed to standard output when no chat platform is configured."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from typing import TextIO

from bot.models import Destination
from bot.sending import Outgoing, PartSent, send_parts
from bot.textreply import render_text
from handlers.ports import AlertDetail
from handlers.reply import Reply

__all__ = ["CONSOLE_ADDRESS", "ConsoleSink", "render_alert_text"]

CONSOLE_ADDRESS = "stdout"


def _clean(text: str, limit: int) -> str:
    """One line of feed text, control characters removed, cut to ``limit``."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def render_alert_text(
    alert: AlertDetail, country_name: Callable[[str], str], tag: str | None = None
) -> str:
    """A plain-text alert: headline, title, evidence and source, one item per line."""
    severity = alert.severity.label.upper()
    tag = tag or f"ALERT #{alert.id}"
    lines = [
        f"[{tag}] {severity} {alert.trigger} · {country_name(alert.country)} "
        f"({alert.country}) · {alert.modality.value}",
        f"  {_clean(alert.title, 300)}" if alert.title else "",
        f"  Evidence: “{_clean(alert.evidence, 500)}”",
        f"  Source: {_clean(alert.source or 'unknown feed', 120)}"
        + (f" — {_clean(alert.link, 500)}" if alert.link else ""),
        f"  Rule: {alert.rule} · {alert.created_at:%Y-%m-%d %H:%M} UTC",
    ]
    return "\n".join(line for line in lines if line)


class ConsoleSink:
    """Writes each alert to a text stream (standard output by default)."""

    platform = "console"

    def __init__(self, country_name: Callable[[str], str], stream: TextIO | None = None) -> None:
        self._country_name = country_name
        self._stream = stream
        self._lock = asyncio.Lock()

    async def send(self, destination: Destination, message: Outgoing) -> str | None:
        """Print the alert; the console has no message ids to thread on."""
        tag = f"ALERT #{message.alert.id}"
        if message.followup_of is not None:
            tag = f"FOLLOW-UP #{message.alert.id} of #{message.followup_of}"
        if message.escalated_after_minutes is not None:
            tag = f"ESCALATION #{message.alert.id}: unacknowledged after "
            tag += f"{message.escalated_after_minutes} min"
        await self._write(render_alert_text(message.alert, self._country_name, tag))
        return None

    async def send_reply(
        self,
        destination: Destination,
        reply: Reply,
        *,
        start: int = 0,
        on_sent: PartSent | None = None,
    ) -> str | None:
        """Print a notice (digest, level change): one part, however long."""
        text = "[NOTICE] " + render_text(reply)
        return await send_parts([text], self._write, start=start, on_sent=on_sent)

    async def _write(self, text: str) -> None:
        stream = self._stream or sys.stdout

        def write() -> None:
            stream.write(text + "\n\n")
            stream.flush()

        # A full pipe blocks the write: let it block a thread, never the event loop.
        async with self._lock:
            await asyncio.to_thread(write)
