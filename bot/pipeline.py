"""New items → rule engine → stored signals → alerts → queued deliveries, in one transaction."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db import Database
from bot.feedparse import ParsedItem
from bot.models import utcnow
from bot.store.articles import (
    AlertDraft,
    NewItem,
    fan_out,
    followup_counts,
    insert_alerts,
    insert_items,
    insert_signals,
    known_items,
    story_roots,
)
from rules import Engine
from rules.model import Article, Signal
from rules.stories import SIMILAR_WINDOW, StoryRoot, find_root, story_words

__all__ = ["MAX_FOLLOWUPS_SENT", "IngestReport", "Pipeline"]

MAX_FOLLOWUPS_SENT = 5


@dataclass(slots=True)
class IngestReport:
    """Counts of what one batch of items produced."""

    items: int = 0
    signals: int = 0
    alerts: int = 0
    deliveries: int = 0

    def add(self, other: IngestReport) -> None:
        """Accumulate another report into this one."""
        self.items += other.items
        self.signals += other.signals
        self.alerts += other.alerts
        self.deliveries += other.deliveries


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

    def __init__(self, db: Database, engine: Engine, *, clock: Callable[[], datetime] = utcnow):
        self._db = db
        self._engine = engine
        self._clock = clock

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
        now = self._clock()
        async with self._db.session() as session:
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
            raised, to_send = await _raise_alerts(session, drafts, now)
            report.items = len(stored)
            report.signals = len(signal_rows)
            report.alerts = raised
            report.deliveries = await fan_out(session, to_send, now)
        return report


async def _raise_alerts(
    session: AsyncSession, drafts: Sequence[AlertDraft], now: datetime
) -> tuple[int, list[int]]:
    """Store the alerts, each either starting a story or following one up; returns how many
    were stored and which of them to deliver (follow-ups beyond a few per story are kept for
    ``/why`` but not sent, so forty outlets make one alert and a short thread)."""
    pairs = {(d.trigger, d.country) for d in drafts}
    roots = await story_roots(session, pairs, now - SIMILAR_WINDOW)
    counts = await followup_counts(session, [r.id for r in roots])
    # Decide every draft's story first; a draft starting a story gets a provisional negative id
    # that the drafts after it can follow, replaced by the real id once stored.
    parent_of: list[int | None] = []
    for index, draft in enumerate(drafts):
        words = story_words(draft.title, draft.evidence)
        root = find_root(draft.trigger, draft.country, words, now, roots)
        parent_of.append(root.id if root else None)
        if root is None:
            roots.append(StoryRoot(-1 - index, draft.trigger, draft.country, now, words))
    new_roots = [d for d, parent in zip(drafts, parent_of, strict=True) if parent is None]
    stored = await insert_alerts(session, new_roots, now)
    real_id = {}
    for index, parent in enumerate(parent_of):
        if parent is None:
            real_id[-1 - index] = stored.get(_key(drafts[index]))
    followups: list[AlertDraft] = []
    for draft, parent in zip(drafts, parent_of, strict=True):
        if parent is None:
            continue
        target = real_id.get(parent) if parent < 0 else parent
        if target is not None:  # its root was stored first by another replica: skip the thread
            followups.append(replace(draft, parent_id=target))
    stored_followups = await insert_alerts(session, followups, now)
    to_send = [i for i in stored.values()]
    for draft in followups:
        alert_id = stored_followups.get(_key(draft))
        if alert_id is None or draft.parent_id is None:
            continue
        counts[draft.parent_id] = counts.get(draft.parent_id, 0) + 1
        if counts[draft.parent_id] <= MAX_FOLLOWUPS_SENT:
            to_send.append(alert_id)
    return len(stored) + len(stored_followups), sorted(to_send)


def _key(draft: AlertDraft) -> tuple[str, str, str]:
    return draft.trigger, draft.country, draft.story_key


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
    )
