"""Logging set-up: one line per record on stderr, with every configured secret redacted."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

__all__ = ["RedactingFilter", "configure_logging"]

# Telegram bot tokens look like 123456789:AA…; Slack tokens start with xox?- or xapp-.
_TOKEN_SHAPES = re.compile(
    r"(?<!\d)\d{6,12}:[A-Za-z0-9_-]{30,}|\bx(?:ox[abprs]|app)-[A-Za-z0-9-]{8,}"
)


class RedactingFilter(logging.Filter):
    """Replaces known secrets, and anything shaped like a chat token, with ``[redacted]``."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)

    def _clean(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return _TOKEN_SHAPES.sub("[redacted]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self._clean(message)
        if record.exc_info and record.exc_info[1] is not None:
            # Format the traceback now so the secret never reaches a handler.
            record.exc_text = self._clean(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time of each record."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def configure_logging(level: str, secrets: Iterable[str] = ()) -> None:
    """Send logs to stderr (stdout carries alerts and command output)."""
    handler = _StderrHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%H:%M:%S")
    )
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Request lines of HTTP clients carry bot tokens in the URL (Telegram): keep them quiet.
    for noisy in ("httpx", "httpcore", "apscheduler", "aiosqlite", "asyncio", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
