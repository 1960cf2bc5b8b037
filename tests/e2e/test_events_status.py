"""Issue 5's story: the seed article's events told by three outlets in different words become one
event per (trigger, country) with three sources; /status kazakhstan answers from the stored
state: level high or above, the events with their sources, and a chart."""

from __future__ import annotations

import io
from pathlib import Path

from sqlmodel import col, select

from bot.app import build_app
from bot.chart import render_png
from bot.db import Database
from bot.models import CountryState, Event, ScorePoint
from bot.service import run_once
from bot.store.status import StoredStatus
from handlers.status import status_command
from rules.scoring import Level
from tests.support.feedserver import FeedServer
from tests.support.riskbot import STORIES, settings_for, write_feed_list

OUTLETS = ("seed_story.rss", "seed_story_caspian.rss", "seed_story_eurasia.rss")
CONFIRMED = {
    ("shoot_to_kill", "KZ"),
    ("unrest", "KZ"),
    ("mass_casualties", "KZ"),
    ("withdrawal", "KZ"),
    ("troop_massing", "RU"),
    ("troop_massing", "UA"),
}


async def test_three_outlets_make_one_confirmed_event_each(db: Database, tmp_path: Path) -> None:
    async with FeedServer() as server:
        urls = [server.add(f"/{name}", (STORIES / name).read_bytes()) for name in OUTLETS]
        settings = settings_for(db.url, write_feed_list(tmp_path, urls))
        out = io.StringIO()
        async with build_app(settings, stdout=out) as app:
            poll, _sent = await run_once(app)
            assert poll.polled == 3 and poll.failed == 0
            async with app.db.session() as session:
                events = (await session.exec(select(Event).order_by(col(Event.id)))).all()
                state = await session.get(CountryState, "KZ")
                points = (await session.exec(select(ScorePoint))).all()
            by_pair: dict[tuple[str, str], list[Event]] = {}
            for event in events:
                by_pair.setdefault((event.trigger, event.country), []).append(event)
            for pair in CONFIRMED:
                [event] = by_pair[pair]  # one event per (trigger, country)
                assert event.sources == 3 and event.confirmed, (pair, event)
            shoot = by_pair[("shoot_to_kill", "KZ")][0]
            assert shoot.severity == 4  # critical stays critical
            unrest = by_pair[("unrest", "KZ")][0]
            assert (unrest.base_severity, unrest.severity) == (
                2,
                3,
            )  # medium, raised once confirmed
            assert state is not None and state.level >= Level.HIGH
            assert points  # the chart has data

            # One alert per event; the confirmations are follow-ups in the thread.
            printed = out.getvalue()
            assert printed.count("[ALERT #") == len(events)

            reply = await status_command(
                "kazakhstan", reader=StoredStatus(app.db), places=app.places, now=state.updated_at
            )
    assert reply.ok and reply.headline.startswith("Kazakhstan (KZ): ")
    assert reply.headline.split(": ")[1].split(" ")[0] in ("HIGH", "CRITICAL")
    lines = [line.text for section in reply.sections for line in section.lines]
    for trigger in ("shoot_to_kill", "withdrawal", "unrest", "mass_casualties"):
        assert any(f" · {trigger}" in t and "confirmed, 3 sources" in t for t in lines), trigger
    assert all(line.link for s in reply.sections for line in s.lines)
    assert any("feed(s) cover it" in note for note in reply.notes)
    assert reply.chart is not None and reply.chart.markers
    png = render_png(reply.chart)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
