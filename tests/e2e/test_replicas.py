"""Several replicas on one PostgreSQL: every feed fetched once per interval, every alert
delivered once. And on SQLite, a second worker says so and exits; Ctrl-C stops cleanly."""

from __future__ import annotations

import asyncio
import itertools
import re
import signal
import subprocess
import time
from collections import defaultdict
from pathlib import Path

import pytest
from sqlmodel import col, func, select

from bot.db import Database
from bot.models import Alert, Delivery, Event, Feed
from tests.support.feedserver import FeedServer
from tests.support.riskbot import cli_env, riskbot_command, write_feed_list

FEEDS = 200
INTERVAL = 6.0
RUN_FOR = 16.0
# Alerts and follow-ups (later reports of a story go into its thread) as the console prints them.
ALERT_ID = re.compile(r"^\[(?:ALERT|FOLLOW-UP) #(\d+)", re.M)
# 40 stories, five outlets each: the same story from several feeds is one alert and follow-ups.
NEIGHBOURS = [
    "Ukraine",
    "Kazakhstan",
    "Finland",
    "Estonia",
    "Latvia",
    "Lithuania",
    "Belarus",
    "Poland",
    "Norway",
    "Mongolia",
    "China",
    "Azerbaijan",
    "Armenia",
    "Moldova",
    "Romania",
    "Turkey",
    "Iran",
    "Afghanistan",
    "Pakistan",
    "India",
    "Nepal",
    "Bhutan",
    "Myanmar",
    "Thailand",
    "Laos",
    "Cambodia",
    "Vietnam",
    "Malaysia",
    "Indonesia",
    "Kenya",
    "Uganda",
    "Rwanda",
    "Burundi",
    "Tanzania",
    "Zambia",
    "Angola",
    "Namibia",
    "Botswana",
    "Zimbabwe",
    "Mozambique",
]


def story(n: int) -> bytes:
    place = NEIGHBOURS[n % len(NEIGHBOURS)]
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire {n}</title><link>http://127.0.0.1/w{n}</link>
<description>replica test feed {n}</description>
<item><title>Army masses troops near the border with {place}, report {n} says</title>
<link>http://127.0.0.1/w{n}/story</link><guid>w{n}-story</guid>
<description>The army has massed tanks and artillery near the border with {place}, officials
said in report number {n}.</description></item>
</channel></rss>""".encode()


class Replica:
    """A `riskbot run` process whose output goes to files (a pipe nobody reads would fill)."""

    def __init__(self, env: dict[str, str], folder: Path, name: str) -> None:
        self.out_path, self.err_path = folder / f"{name}.out", folder / f"{name}.err"
        with self.out_path.open("w") as out, self.err_path.open("w") as err:
            self.proc = subprocess.Popen(
                riskbot_command("run"), env=env, stdout=out, stderr=err, text=True
            )

    def stop(self) -> tuple[int, str, str]:
        self.proc.send_signal(signal.SIGINT)
        code = self.proc.wait(timeout=60)
        return code, self.out_path.read_text(), self.err_path.read_text()


WORKER = re.compile(r"riskbot running as (\S+):")


async def lease_holders(db: Database) -> set[str]:
    """The workers holding feed leases right now."""
    async with db.session() as s:
        rows = (await s.exec(select(Feed.leased_by).where(col(Feed.leased_by).is_not(None)))).all()
    return {row for row in rows if row}


async def pending(db: Database) -> int:
    async with db.session() as s:
        return int(
            (
                await s.exec(
                    select(func.count()).select_from(Delivery).where(Delivery.status == "pending")
                )
            ).one()
        )


@pytest.mark.pg_only
async def test_two_replicas_share_feeds_and_deliveries(db: Database, tmp_path: Path) -> None:
    server = FeedServer()
    base = server.start_in_thread()
    try:
        urls = [server.add(f"/w{n}.rss", story(n)) for n in range(FEEDS)]
        env = cli_env(
            db.url, write_feed_list(tmp_path, urls), RISKBOT_POLL_INTERVAL=str(int(INTERVAL))
        )
        first = time.monotonic()
        procs = [Replica(env, tmp_path, "a"), Replica(env, tmp_path, "b")]
        # Which workers hold feed leases while they poll (sampled; a lease lasts a fetch).
        holders: set[str] = set()
        while time.monotonic() - first < RUN_FOR:
            holders |= await lease_holders(db)
            await asyncio.sleep(0.05)
        # Let the outbox drain (the replicas keep polling meanwhile), then stop both.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and await pending(db):
            await asyncio.sleep(0.5)
        results = [p.stop() for p in procs]
    finally:
        server.stop()
    assert base.startswith("http://127.0.0.1:")
    for code, _out, err in results:
        assert code == 0, err[-2000:]

    times: dict[str, list[float]] = defaultdict(list)
    for request in server.requests:
        times[request.path].append(request.at)
    assert len(times) == FEEDS, "every feed was fetched"
    for path, seen in times.items():
        seen.sort()
        gaps = [b - a for a, b in itertools.pairwise(seen)]
        # Never twice within one interval (the poller jitters the interval by ±5%).
        assert all(g >= INTERVAL * 0.9 for g in gaps), (path, gaps)
        assert len(seen) <= (time.monotonic() - first) / (INTERVAL * 0.9) + 1, (path, len(seen))

    printed = [int(i) for _code, out, _err in results for i in ALERT_ID.findall(out)]
    async with db.session() as s:
        alerts = int((await s.exec(select(func.count()).select_from(Alert))).one())
        sent = int(
            (
                await s.exec(
                    select(func.count()).select_from(Delivery).where(Delivery.status == "sent")
                )
            ).one()
        )
    assert alerts >= FEEDS  # at least troop_massing for the neighbour from every feed
    # Every delivery printed once: per story its alert and the follow-up that confirmed it (the
    # other reports are kept for /why).
    assert len(printed) == len(set(printed)) == sent == len(NEIGHBOURS) * 2, [
        e[-3000:] for _c, _o, e in results
    ]
    # Two replicas filing five outlets' reports at once still make one event per story.
    async with db.session() as s:
        events = (await s.exec(select(Event))).all()
    assert sorted(e.sources for e in events) == [5] * len(NEIGHBOURS)
    # Both replicas did part of the work: each held feeds while polling them (which of them sends
    # the alerts is a race: a delivery batch may take them all).
    workers = [WORKER.search(err) for _c, _o, err in results]
    assert all(workers), [err[-500:] for _c, _o, err in results]
    names = {w.group(1) for w in workers if w}
    assert len(names) == 2
    assert names <= holders or all(ALERT_ID.search(out) for _c, out, _e in results), holders


async def test_second_sqlite_worker_exits_and_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    server = FeedServer()
    base = server.start_in_thread()
    server.add("/slow.rss", story(1), delay=40.0)  # still being fetched when Ctrl-C arrives
    db_url = f"sqlite+aiosqlite:///{tmp_path / 'solo.db'}"
    feeds = write_feed_list(tmp_path, ["http://127.0.0.1:9/unreachable.rss", base + "/slow.rss"])
    env = cli_env(db_url, feeds, RISKBOT_FETCH_TIMEOUT="60")
    upgrade = subprocess.run(
        riskbot_command("db", "upgrade"), env=env, capture_output=True, text=True, check=False
    )
    assert upgrade.returncode == 0, upgrade.stderr
    first = Replica(env, tmp_path, "first")
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not server.hits["/slow.rss"]:
            await asyncio.sleep(0.1)
        assert server.hits["/slow.rss"] == 1, "the slow feed is being fetched"
        second = await asyncio.to_thread(
            subprocess.run,
            riskbot_command("run"),
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert second.returncode == 3
        assert "already running" in second.stderr and "PostgreSQL" in second.stderr
        assert first.proc.poll() is None, "the first worker keeps running"
        stopping = time.monotonic()
    finally:
        code, _out, err = first.stop()
        server.stop()
    assert code == 0, err
    assert time.monotonic() - stopping < 30, "stopped within the grace period"
    assert "unreachable.rss" in err and "connect" in err.lower()
    assert "stopped" in err and "Traceback" not in err and "ERROR" not in err
