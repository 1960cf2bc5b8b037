"""Sending paced to the platforms' limits, so a fan-out meets no 429.

Telegram: about 1 message a second per chat, 20 a minute per group, 30 a second overall (Bot
FAQ, "My bot is hitting limits"). Slack: about 1 message a second per channel. A :class:`Pacer`
hands out evenly spaced send slots for a whole platform; :func:`chat_interval` is the spacing
within one chat. Both are per process: with several replicas, set the overall rate per replica.
"""

from __future__ import annotations

import asyncio

__all__ = ["Pacer", "chat_interval"]


class Pacer:
    """Evenly spaced slots at ``rate`` per second; callers wait for theirs in arrival order."""

    def __init__(self, rate: float) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self._interval = 1.0 / rate
        self._next = 0.0

    @property
    def interval(self) -> float:
        """Seconds between two slots."""
        return self._interval

    async def wait(self) -> None:
        """Return at this caller's slot."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        slot = max(now, self._next)
        self._next = slot + self._interval
        if slot > now:
            await asyncio.sleep(slot - now)


def chat_interval(platform: str, kind: str) -> float:
    """The least time between two messages to one chat of this platform and kind."""
    if platform == "telegram":
        return 3.0 if kind in ("group", "broadcast") else 1.0  # 20/min per group
    if platform == "slack":
        return 1.0
    return 0.0
