"""Helpers to run riskbot in tests: settings for the test database, and the CLI as a process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bot.settings import Settings

STORIES = Path(__file__).resolve().parents[1] / "fixtures" / "stories"


def write_feed_list(folder: Path, urls: list[str]) -> Path:
    """A plain-text feed list of ``urls`` in ``folder``."""
    path = folder / "feeds.txt"
    path.write_text("# test feeds\n" + "\n".join(urls) + "\n")
    return path


def settings_for(database_url: str, feeds: Path, **extra: Any) -> Settings:
    """Settings for an in-process app: the test database, these feeds, console alerts."""
    values: dict[str, Any] = {
        "database_url": database_url,
        "feeds": feeds,
        "poll_interval": 300,
        "fetch_timeout": 5.0,
        "console_alerts": True,
    }
    values.update(extra)
    return Settings(**values)


def cli_env(database_url: str, feeds: Path, **extra: str) -> dict[str, str]:
    """The environment for a ``riskbot`` subprocess (no chat tokens, test database)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RISKBOT_")}
    env.update(
        RISKBOT_DATABASE_URL=database_url,
        RISKBOT_FEEDS=str(feeds),
        RISKBOT_LOG_LEVEL="INFO",
        RISKBOT_FETCH_TIMEOUT="5",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def riskbot_command(*args: str) -> list[str]:
    """The console script, run with this interpreter."""
    return [sys.executable, "-m", "bot.cli", *args]


def run_cli(
    *args: str, env: dict[str, str], timeout: float = 120, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``riskbot ARGS`` to completion."""
    return subprocess.run(
        riskbot_command(*args),
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
