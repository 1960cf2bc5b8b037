"""Pipeline and store: item identity across feeds, signals vs alerts, fan-out to subscriptions."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import func, select

from bot.db import Database
from bot.feedparse import ParsedItem
from bot.models import Alert, Delivery, Feed, Item, SignalRow
from bot.pipeline import Pipeline
from bot.store import outbox
from rules.model import Article, Modality, Severity, Signal

NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


class KeywordEngine:
    """A stand-in engine: 'massing' → troop_massing RU (reported); 'denied' → denied."""

    def scan(self, article: Article) -> list[Signal]:
        text = f"{article.title} {article.text}".lower()
        found = []
        if "massing" in text:
            modality = Modality.DENIED if "denied" in text else Modality.REPORTED
            found.append(
                Signal("troop_massing", "RU", Severity.HIGH, modality, article.title, "t.r")
            )
        if "curfew" in text:
            found.append(
                Signal("emergency_rule", "KZ", Severity.HIGH, Modality.REPORTED, "c", "c.r")
            )
        return found


def item(identity: str, title: str, link: str | None = None) -> ParsedItem:
    return ParsedItem(
        identity=identity,
        guid=identity,
        link=link,
        canonical_link=link,
        title=title,
        summary="",
        published=NOW,
        author=None,
    )


async def feed(db: Database, url: str) -> int:
    async with db.session() as s:
        row = Feed(url=url)
        s.add(row)
        await s.flush()
        assert row.id is not None
        return row.id


async def count(db: Database, model: type) -> int:
    async with db.session() as s:
        return int((await s.exec(select(func.count()).select_from(model))).one())


async def test_same_canonical_link_from_two_feeds_is_one_item(db: Database) -> None:
    pipeline = Pipeline(db, KeywordEngine(), clock=lambda: NOW)  # type: ignore[arg-type]
    a, b = await feed(db, "http://127.0.0.1/a"), await feed(db, "http://127.0.0.1/b")
    link = "https://news.example/2026/troops"
    first = await pipeline.ingest(a, "A", [item("guid:a1", "Troops massing", link)])
    second = await pipeline.ingest(b, "B", [item("guid:b7", "Troops massing again", link)])
    assert (first.items, second.items) == (1, 0)
    assert await count(db, Item) == 1
    assert await count(db, Alert) == 1


async def test_reingesting_creates_nothing(db: Database) -> None:
    pipeline = Pipeline(db, KeywordEngine(), clock=lambda: NOW)  # type: ignore[arg-type]
    f = await feed(db, "http://127.0.0.1/a")
    items = [item("i1", "Troops massing"), item("i2", "Curfew declared"), item("i1", "dup")]
    report = await pipeline.ingest(f, "A", items)
    assert (report.items, report.signals, report.alerts) == (2, 2, 2)
    again = await pipeline.ingest(f, "A", items)
    assert (again.items, again.signals, again.alerts) == (0, 0, 0)


async def test_non_alerting_signals_are_stored_but_do_not_alert(db: Database) -> None:
    pipeline = Pipeline(db, KeywordEngine(), clock=lambda: NOW)  # type: ignore[arg-type]
    f = await feed(db, "http://127.0.0.1/a")
    report = await pipeline.ingest(f, "A", [item("d1", "Ministry denied troops massing")])
    assert (report.signals, report.alerts) == (1, 0)
    async with db.session() as s:
        row = (await s.exec(select(SignalRow))).one()
    assert row.modality == "denied" and row.trigger == "troop_massing"


async def test_fan_out_follows_subscriptions(db: Database) -> None:
    async with db.session() as s:
        everything = await outbox.ensure_destination(s, "telegram", "1")
        russia = await outbox.ensure_destination(s, "telegram", "2")
        critical_only = await outbox.ensure_destination(s, "slack", "C3")
        gone = await outbox.ensure_destination(s, "slack", "C4")
        assert None not in (everything.id, russia.id, critical_only.id, gone.id)
        await outbox.ensure_subscription(s, everything.id)  # type: ignore[arg-type]
        # Two matching rows for one destination still give one delivery.
        await outbox.ensure_subscription(s, russia.id, country="RU")  # type: ignore[arg-type]
        await outbox.ensure_subscription(  # type: ignore[arg-type]
            s, russia.id, country="RU", trigger="troop_massing"
        )
        await outbox.ensure_subscription(  # type: ignore[arg-type]
            s, critical_only.id, min_severity=int(Severity.CRITICAL)
        )
        await outbox.ensure_subscription(s, gone.id)  # type: ignore[arg-type]
        await outbox.deactivate_destination(s, gone.id, "bot was removed")  # type: ignore[arg-type]
    pipeline = Pipeline(db, KeywordEngine(), clock=lambda: NOW)  # type: ignore[arg-type]
    f = await feed(db, "http://127.0.0.1/a")
    report = await pipeline.ingest(f, "A", [item("m1", "Troops massing"), item("c1", "Curfew")])
    assert report.alerts == 2
    # troop_massing RU → everything + russia; emergency_rule KZ → everything only.
    assert report.deliveries == 3
    async with db.session() as s:
        pairs = sorted(
            (d.destination_id, d.alert_id) for d in (await s.exec(select(Delivery))).all()
        )
    assert {d for d, _ in pairs} == {everything.id, russia.id}
