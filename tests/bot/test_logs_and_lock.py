"""Secrets never reach a log line; SQLite allows one worker."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.lock import WorkerLock, WorkerLockError
from bot.logs import RedactingFilter

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def _record(msg: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("t", logging.INFO, __file__, 1, msg, args, None)


def test_known_secret_and_token_shapes_are_redacted() -> None:
    flt = RedactingFilter(["my-signing-secret"])
    rec = _record(
        "POST https://api.telegram.org/bot%s/sendMessage secret=%s", TOKEN, "my-signing-secret"
    )
    flt.filter(rec)
    text = rec.getMessage()
    assert TOKEN not in text and "my-signing-secret" not in text
    assert text.count("[redacted]") == 2
    rec = _record("slack said xoxb-1234-5678-abcdefgh and xapp-1-A1B2-999")
    flt.filter(rec)
    assert "xoxb-" not in rec.getMessage() and "xapp-" not in rec.getMessage()


def test_tracebacks_are_redacted() -> None:
    flt = RedactingFilter([])
    try:
        raise RuntimeError(f"failed for {TOKEN}")
    except RuntimeError:
        import sys

        rec = logging.LogRecord("t", logging.ERROR, __file__, 1, "boom", None, sys.exc_info())
    flt.filter(rec)
    assert rec.exc_text is not None and TOKEN not in rec.exc_text
    assert "RuntimeError" in rec.exc_text


def test_second_worker_on_same_sqlite_file_is_refused(tmp_path: Path) -> None:
    db_file = str(tmp_path / "riskbot.db")
    with WorkerLock(db_file):
        with pytest.raises(WorkerLockError, match="already running") as info:
            WorkerLock(db_file).acquire()
        assert "PostgreSQL" in str(info.value)
    with WorkerLock(db_file):  # released: the next worker may run
        pass
