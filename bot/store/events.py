"""Events and country state as stored state, kept current as reports arrive.

A report (an alerting signal of one article) joins the open event of its trigger and country
that tells the same happening, or starts a new one. Each event counts its independent sources;
three confirm it and raise its severity. Every change moves the country's score (kept as a value
at a moment, decaying from there), its level, and a point on its chart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import func, tuple_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import CountryFeed, CountryState, Event, EventSource, ScorePoint
from bot.store.articles import AlertDraft, insert_alerts
from bot.store.dialect import insert_ignoring_conflicts, upsert
from rules.corroboration import best_modality, corroborated_severity, is_confirmed, source_key
from rules.model import Modality, Severity
from rules.scoring import decayed, event_value, level_for
from rules.stories import SIMILAR_WINDOW, StoryRoot, find_root, merge_words, story_words

__all__ = ["LevelChange", "Recorded", "record_reports"]

EVENTS_LOCK = 72_110_501  # advisory lock key: deciding which event a report belongs to


@dataclass(frozen=True, slots=True)
class LevelChange:
    """A country moved to another band."""

    country: str
    before: int
    after: int
    score: float
    since: datetime  # the moment of the score this change was read from


@dataclass(slots=True)
class Recorded:
    """What storing a batch of reports did."""

    alerts: int = 0
    to_send: list[int] = field(default_factory=list)
    new_events: int = 0
    upgraded_events: int = 0
    level_changes: list[LevelChange] = field(default_factory=list)


@dataclass(slots=True)
class _Working:
    """An event as this batch changes it (``row`` is None until a new one is stored)."""

    row: Event | None
    trigger: str
    country: str
    words: frozenset[str]
    reports: list[tuple[AlertDraft, str]] = field(default_factory=list)


def _split(words: str) -> frozenset[str]:
    return frozenset(words.split())


async def _open_events(
    session: AsyncSession, pairs: set[tuple[str, str]], now: datetime
) -> list[Event]:
    if not pairs:
        return []
    rows = await session.exec(
        select(Event).where(
            tuple_(col(Event.trigger), col(Event.country)).in_(sorted(pairs)),
            col(Event.last_at) >= now - SIMILAR_WINDOW,
        )
    )
    return list(rows.all())


def _group(
    drafts: Sequence[AlertDraft], sources: Sequence[str], open_events: list[Event], now: datetime
) -> list[_Working]:
    """Each draft to an event: an open one it continues, or a new one."""
    working: list[_Working] = [
        _Working(e, e.trigger, e.country, _split(e.words)) for e in open_events
    ]
    for draft, source in zip(drafts, sources, strict=True):
        words = story_words(draft.title, draft.lead, draft.evidence)
        roots = [
            StoryRoot(i, w.trigger, w.country, w.row.last_at if w.row else now, w.words)
            for i, w in enumerate(working)
        ]
        match = find_root(draft.trigger, draft.country, words, now, roots)
        if match is None:
            working.append(_Working(None, draft.trigger, draft.country, words, [(draft, source)]))
        else:
            target = working[match.id]
            target.words = merge_words(target.words, words)
            target.reports.append((draft, source))
    return [w for w in working if w.reports]


async def record_reports(
    session: AsyncSession,
    drafts: Sequence[AlertDraft],
    sources: Sequence[str | None],
    feed_id: int,
    now: datetime,
) -> Recorded:
    """Store the reports as alerts of their events; returns which alerts to deliver: the first
    report of each new event, and a report that upgraded its event (confirmed it, or raised its
    severity), which goes into the first alert's thread."""
    done = Recorded()
    if not drafts:
        return done
    keys = [source_key(s) for s in sources]
    pairs = {(d.trigger, d.country) for d in drafts}
    if session.get_bind().dialect.name == "postgresql":
        # Replicas take turns deciding events (until commit), so two outlets' reports of one
        # happening, stored at the same moment, still meet in one event.
        await session.exec(select(func.pg_advisory_xact_lock(EVENTS_LOCK)))
    events = _group(drafts, keys, await _open_events(session, pairs, now), now)
    deltas: dict[str, float] = defaultdict(float)
    for event in events:
        before_value = event.row.value if event.row else 0.0
        before = (event.row.confirmed, event.row.severity) if event.row else None
        row = await _apply(session, event, now)
        deltas[row.country] += row.value - before_value
        root_id = row.root_alert_id
        first, *later = event.reports
        if event.row is None or root_id is None:  # a new event: its first report is the alert
            # The alert carries the event's severity (raised when several outlets confirm it
            # at once), so subscriptions' thresholds see what the event is now.
            root = replace(first[0], event_id=row.id, severity=max(first[0].severity, row.severity))
            stored = await insert_alerts(session, [root], now)
            root_id = stored.get(_key(first[0]))
            row.root_alert_id = root_id
            done.alerts += len(stored)
            done.to_send.extend(stored.values())
            done.new_events += 1
        else:
            later = event.reports
        if later and root_id is not None:
            stored = await insert_alerts(
                session,
                [
                    replace(
                        d,
                        event_id=row.id,
                        parent_id=root_id,
                        severity=max(d.severity, row.severity),
                    )
                    for d, _s in later
                ],
                now,
            )
            done.alerts += len(stored)
            upgraded = before is not None and (
                (row.confirmed and not before[0]) or row.severity > before[1]
            )
            if upgraded and stored:  # the report that tipped it, into the thread
                done.to_send.append(max(stored.values()))
                done.upgraded_events += 1
        session.add(row)
    await session.flush()
    done.level_changes = await _update_countries(session, deltas, now)
    await _note_coverage(session, {d.country for d in drafts}, feed_id, now)
    done.to_send.sort()
    return done


def _key(draft: AlertDraft) -> tuple[str, str, str]:
    return draft.trigger, draft.country, draft.story_key


async def _apply(session: AsyncSession, event: _Working, now: datetime) -> Event:
    """Create or update the event row with this batch's reports and sources."""
    strongest = max(Severity(d.severity) for d, _s in event.reports)
    modality = Modality(event.reports[0][0].modality)
    for draft, _s in event.reports[1:]:
        modality = best_modality(modality, Modality(draft.modality))
    row = event.row
    if row is None:
        first = event.reports[0][0]
        row = Event(
            trigger=event.trigger,
            country=event.country,
            title=first.title[:1000],
            link=first.link,
            base_severity=int(strongest),
            severity=int(strongest),
            modality=modality.value,
            sources=0,
            reports=0,
            first_at=now,
            last_at=now,
        )
        session.add(row)
        await session.flush()
    else:
        strongest = max(strongest, Severity(row.base_severity))
        modality = best_modality(modality, Modality(row.modality))
    assert row.id is not None
    new_sources = await _add_sources(session, row.id, {s for _d, s in event.reports}, now)
    row.sources += new_sources
    row.reports += len(event.reports)
    row.base_severity = int(strongest)
    row.modality = modality.value
    row.confirmed = is_confirmed(row.sources)
    row.severity = int(corroborated_severity(strongest, row.sources))
    row.value = event_value(row.trigger, Severity(row.severity), modality, row.confirmed)
    row.words = " ".join(sorted(event.words))
    row.last_at = now
    return row


async def _add_sources(session: AsyncSession, event_id: int, keys: set[str], now: datetime) -> int:
    """Record the sources; returns how many the event did not have yet."""
    added = await session.exec(
        insert_ignoring_conflicts(session, EventSource)
        .values([{"event_id": event_id, "source": k, "first_at": now} for k in sorted(keys)])
        .returning(col(EventSource.id))
    )
    return len(added.all())


async def _update_countries(
    session: AsyncSession, deltas: dict[str, float], now: datetime
) -> list[LevelChange]:
    """Move each country's score by its events' change in weight; note a point and any level
    change. Rows are locked in a fixed order, so replicas never lose an update or deadlock."""
    if not deltas:
        return []
    codes = sorted(deltas)
    rows = await session.exec(
        select(CountryState).where(col(CountryState.country).in_(codes)).with_for_update()
    )
    states = {s.country: s for s in rows.all()}
    changes: list[LevelChange] = []
    for code in codes:
        state = states.get(code) or CountryState(country=code, score_at=now, updated_at=now)
        value = max(0.0, decayed(state.score, state.score_at, now) + deltas[code])
        level = int(level_for(value))
        if level != state.level:
            changes.append(LevelChange(code, state.level, level, value, now))
        state.score, state.score_at, state.level = value, now, level
        state.last_event_at = now
        state.updated_at = now
        session.add(state)
        hour = now.replace(minute=0, second=0, microsecond=0)
        point = upsert(session, ScorePoint).values(country=code, hour=hour, at=now, score=value)
        await session.exec(
            point.on_conflict_do_update(
                index_elements=["country", "hour"], set_={"at": now, "score": value}
            )
        )
    return changes


async def _note_coverage(
    session: AsyncSession, countries: set[str], feed_id: int, now: datetime
) -> None:
    """Remember that this feed reports on these countries (for ``/status`` freshness)."""
    if not countries:
        return
    stmt = upsert(session, CountryFeed).values(
        [{"country": c, "feed_id": feed_id, "last_seen_at": now} for c in sorted(countries)]
    )
    await session.exec(
        stmt.on_conflict_do_update(
            index_elements=["country", "feed_id"], set_={"last_seen_at": now}
        )
    )
