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
    """Sends at most ``rate`` per second: each caller waits its turn, and turns are spaced by
    the time they actually happened, so a stalled event loop never lets a burst through."""

    def __init__(self, rate: float) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self._interval = 1.0 / rate
        self._last: float | None = None
        self._lock = asyncio.Lock()

    @property
    def interval(self) -> float:
        """Seconds between two slots."""
        return self._interval

    async def wait(self) -> None:
        """Return at this caller's turn."""
        loop = asyncio.get_running_loop()
        async with self._lock:
            if self._last is not None:
                delay = self._last + self._interval - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
            self._last = loop.time()


def chat_interval(platform: str, kind: str) -> float:
    """The least time between two messages to one chat of this platform and kind."""
    if platform == "telegram":
        return 3.0 if kind in ("group", "broadcast") else 1.0  # 20/min per group
    if platform == "slack":
        return 1.0
    return 0.0
