"""End to end: a local feed reports the seed story; alerts come out once, and only once."""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path

from bot.app import build_app
from bot.db import Database
from bot.service import run_once
from tests.support.feedserver import FeedServer
from tests.support.riskbot import STORIES, cli_env, run_cli, settings_for, write_feed_list

EXPECTED = {
    ("troop_massing", "RU"),
    ("troop_massing", "UA"),
    ("shoot_to_kill", "KZ"),
    ("withdrawal", "KZ"),
}
ALERT_LINE = re.compile(r"^\[ALERT #\d+\] [A-Z]+ (\w+) · .* \(([A-Z]{2})\) · \w+$", re.M)


def alerts_in(text: str) -> set[tuple[str, str]]:
    return set(ALERT_LINE.findall(text))


async def test_seed_story_alerts_once_in_process(db: Database, tmp_path: Path) -> None:
    async with FeedServer() as server:
        seed = server.add("/steppe.rss", (STORIES / "seed_story.rss").read_bytes())
        quiet = server.add("/arts.rss", (STORIES / "quiet_story.rss").read_bytes())
        settings = settings_for(db.url, write_feed_list(tmp_path, [seed, quiet]))
        out = io.StringIO()
        async with build_app(settings, stdout=out) as app:
            poll, sent = await run_once(app)
            first = out.getvalue()
            assert poll.polled == 2 and poll.failed == 0
            assert alerts_in(first) >= EXPECTED, first
            # The look-alike stories raise nothing: every alert is about the seed story's places.
            assert {c for _, c in alerts_in(first)} <= {"KZ", "RU", "UA", "US"}
            assert sent.sent == poll.ingest.alerts == len(alerts_in(first))

            again, sent_again = await run_once(app, force=True)
            assert again.polled == 2
            assert again.ingest.items == again.ingest.alerts == 0
            assert sent_again.sent == 0
            assert out.getvalue() == first
        assert server.hits["/steppe.rss"] == 2


async def test_seed_story_through_the_cli(db: Database, tmp_path: Path) -> None:
    """`riskbot run --once` against the local feed prints the alerts; a second run nothing."""
    server = FeedServer()
    base = server.start_in_thread()
    try:
        server.add("/seed.rss", (STORIES / "seed_story.rss").read_bytes())
        env = cli_env(db.url, write_feed_list(tmp_path, [base + "/seed.rss"]))
        first = await asyncio.to_thread(run_cli, "run", "--once", env=env)
        assert first.returncode == 0, first.stderr
        assert alerts_in(first.stdout) >= EXPECTED, first.stdout + first.stderr
        second = await asyncio.to_thread(run_cli, "run", "--once", "--force", env=env)
        assert second.returncode == 0, second.stderr
        assert alerts_in(second.stdout) == set(), second.stdout
        assert "0 new item(s)" in second.stderr
        assert server.hits["/seed.rss"] == 2
    finally:
        server.stop()
