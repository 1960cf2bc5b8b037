"""The single-worker lock for SQLite: a second worker on the same file says so and exits."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

__all__ = ["WorkerLock", "WorkerLockError"]


class WorkerLockError(Exception):
    """Another worker already holds the database."""


class WorkerLock:
    """An advisory ``flock`` on ``<database>.lock``, released by the OS if the process dies."""

    def __init__(self, database_file: str) -> None:
        self.path = Path(f"{database_file}.lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`WorkerLockError` naming the holder."""
        if not self.path.parent.is_dir():
            raise WorkerLockError(f"the folder of the database, {self.path.parent}, does not exist")
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise WorkerLockError(
                f"another riskbot worker (pid {holder}) is already running on "
                f"{self.path.with_suffix('')}; SQLite allows one worker. "
                "Use PostgreSQL (RISKBOT_DATABASE_URL=postgresql+asyncpg://...) for several."
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        """Let go of the lock."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> WorkerLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
