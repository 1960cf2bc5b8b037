"""New items → rule engine → stored signals → alerts → queued deliveries, in one transaction."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.db import Database
from bot.feedparse import ParsedItem
from bot.models import utcnow
from bot.store.articles import (
    AlertDraft,
    NewItem,
    fan_out,
    insert_items,
    insert_signals,
    known_items,
)
from bot.store.events import LevelChange, record_reports
from bot.store.notices import queue_level_changes
from rules import Engine
from rules.model import Article, Signal

__all__ = ["IngestReport", "Pipeline"]


@dataclass(slots=True)
class IngestReport:
    """Counts of what one batch of items produced."""

    items: int = 0
    signals: int = 0
    alerts: int = 0
    deliveries: int = 0
    events: int = 0
    level_changes: list[LevelChange] = field(default_factory=list)

    def add(self, other: IngestReport) -> None:
        """Accumulate another report into this one."""
        self.items += other.items
        self.signals += other.signals
        self.alerts += other.alerts
        self.deliveries += other.deliveries
        self.events += other.events
        self.level_changes.extend(other.level_changes)


def _new_item(item: ParsedItem) -> NewItem:
    link = item.canonical_link if item.canonical_link and len(item.canonical_link) <= 2048 else None
    return NewItem(
        identity=item.identity,
        canonical_link=link,
        guid=item.guid,
        link=item.link,
        title=item.title,
        summary=item.summary,
        published_at=item.published,
    )


class Pipeline:
    """Turns a feed's items into stored state; unchanged items create nothing."""

    def __init__(
        self,
        db: Database,
        engine: Engine,
        *,
        names: Mapping[str, str] | None = None,
        clock: Callable[[], datetime] = utcnow,
    ):
        self._db = db
        self._engine = engine
        self._names = dict(names or {})
        self._clock = clock
        # Feeds are fetched concurrently, but the stories they carry are filed one batch at a
        # time: two outlets' reports of one happening must see each other's event.
        self._filing = asyncio.Lock()

    def _scan(self, items: Sequence[NewItem]) -> list[list[Signal]]:
        return [
            self._engine.scan(
                Article(id=i.identity, title=i.title, text=i.summary, published=i.published_at)
            )
            for i in items
        ]

    async def ingest(
        self, feed_id: int, source: str | None, items: Sequence[ParsedItem]
    ) -> IngestReport:
        """Store the items not seen before with their signals, alerts and deliveries."""
        report = IngestReport()
        first: dict[str, NewItem] = {}
        for parsed in items:
            first.setdefault(parsed.identity, _new_item(parsed))
        candidates = list(first.values())
        async with self._db.session() as session:
            known = await known_items(session, candidates)
        # A fixed order: two replicas inserting the same stories never wait on each other in a
        # cycle (a deadlock on the unique indexes).
        fresh = sorted((i for i in candidates if i.identity not in known), key=lambda i: i.identity)
        if not fresh:
            return report
        # Matching is CPU work: keep it off the event loop, and outside the transaction.
        scans = await asyncio.to_thread(self._scan, fresh)
        async with self._filing, self._db.session() as session:
            now = self._clock()
            stored = await insert_items(session, feed_id, fresh, now)
            signal_rows: list[dict[str, object]] = []
            drafts: list[AlertDraft] = []
            for item, signals in zip(fresh, scans, strict=True):
                item_id = stored.get(item.identity)
                if item_id is None:  # another feed or replica stored this story meanwhile
                    continue
                signal_rows.extend(_signal_row(item_id, s, now) for s in signals)
                drafts.extend(_alert_draft(item_id, item, s, source) for s in signals if s.alerts)
            await insert_signals(session, signal_rows)
            recorded = await record_reports(session, drafts, [source] * len(drafts), feed_id, now)
            report.items = len(stored)
            report.signals = len(signal_rows)
            report.alerts = recorded.alerts
            report.events = recorded.new_events
            report.level_changes = list(recorded.level_changes)
            await queue_level_changes(session, recorded.level_changes, now, self._names)
            report.deliveries = await fan_out(session, recorded.to_send, now)
        return report


def _signal_row(item_id: int, signal: Signal, now: datetime) -> dict[str, object]:
    return {
        "item_id": item_id,
        "trigger": signal.trigger,
        "country": signal.country,
        "severity": int(signal.severity),
        "modality": str(signal.modality),
        "rule": signal.rule[:128],
        "evidence": signal.evidence,
        "created_at": now,
    }


def _alert_draft(item_id: int, item: NewItem, signal: Signal, source: str | None) -> AlertDraft:
    return AlertDraft(
        trigger=signal.trigger,
        country=signal.country,
        story_key=item.identity,
        severity=int(signal.severity),
        modality=str(signal.modality),
        rule=signal.rule[:128],
        item_id=item_id,
        title=item.title,
        link=item.link,
        source=source[:512] if source else None,
        evidence=signal.evidence,
        lead=item.summary[:600],
    )
