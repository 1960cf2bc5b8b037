"""The notice worker: daily digests and level changes, queued and sent like alerts.

Queuing runs on a tick (digests due, levels that decayed); sending claims notices with a lease,
paces them with the alerts' pacers, and retries transient failures. A notice too long for one
message goes out in parts; each part sent is recorded at once, so a retry (after a failure, a
crash or a lost lease) resumes after the last part sent instead of sending the first ones again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db import Database
from bot.models import Destination, Notice, utcnow
from bot.pacing import Pacer
from bot.sending import (
    DestinationMovedError,
    PermanentSendError,
    RejectedMessageError,
    ReplySink,
    TransientSendError,
)
from bot.store import notices as store
from bot.store import outbox
from handlers.reply import Line, Reply, Section
from rules.scoring import Level

__all__ = ["NoticeReport", "Notices", "notice_reply"]

GIVE_UP_AFTER = timedelta(hours=24)

log = logging.getLogger(__name__)


class _LeaseLostError(Exception):
    """This worker's lease on a notice ran out mid-send; another worker may hold it now."""


@dataclass(slots=True)
class NoticeReport:
    """What one tick did."""

    queued: int = 0
    sent: int = 0
    failed: int = 0


def notice_reply(notice: Notice) -> Reply:
    """The notice as a reply to render on any platform."""
    try:
        rows = json.loads(notice.lines or "[]")
    except ValueError:
        rows = []
    lines = tuple(Line(str(text), link) for text, link in rows)
    return Reply(headline=notice.headline, sections=(Section("", lines),) if lines else ())


def _muted(notice: Notice, mutes: list[tuple[str, str]]) -> str | None:
    """A mute of everything silences every notice; a country's mute its level changes."""
    country = notice.key.split(":")[1] if notice.kind == "level" else None
    for scope, value in mutes:
        if scope == "all" or (scope == "country" and value == country):
            return f"muted ({scope} {value})"
    return None


class Notices:
    """Queues and sends notices; ``sinks`` send a :class:`Reply` (:class:`ReplySink`)."""

    def __init__(
        self,
        db: Database,
        sinks: Mapping[str, object],
        names: Mapping[str, str],
        *,
        owner: str,
        pacers: Mapping[str, Pacer] | None = None,
        lease: timedelta = timedelta(minutes=2),
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._sinks = dict(sinks)
        self._names = dict(names)
        self._owner = owner
        self._pacers = dict(pacers or {})
        self._lease = lease
        self._clock = clock

    async def tick(self) -> NoticeReport:
        """Queue what is due, then send what is queued."""
        report = NoticeReport()
        now = self._clock()
        async with self._db.session() as session:
            report.queued += await store.queue_digests(session, now, self._names)
            changes = await store.refresh_levels(session, now)
            report.queued += await store.queue_level_changes(session, changes, now, self._names)
        for change in changes:
            log.info(
                "%s level %s → %s as its score decayed",
                change.country,
                Level(change.before).label,
                Level(change.after).label,
            )
        await self.send(report)
        return report

    async def send(self, report: NoticeReport) -> None:
        """Send every notice due now."""
        now = self._clock()
        async with self._db.session() as session:
            claimed = await store.claim_notices(
                session, now=now, limit=100, owner=self._owner, lease=self._lease
            )
            destinations = await outbox.load_destinations(
                session, [n.destination_id for n in claimed]
            )
            mutes = await outbox.active_mutes(session, {n.destination_id for n in claimed}, now)
        for notice in claimed:
            assert notice.id is not None
            destination = destinations[notice.destination_id]
            assert destination.id is not None
            sink = self._sinks.get(destination.platform)
            if not isinstance(sink, ReplySink):
                continue  # not configured in this process: the lease runs out, another sends
            if (reason := _muted(notice, mutes.get(destination.id, []))) is not None:
                async with self._db.session() as session:
                    await store.mark_notice(
                        session, notice.id, self._owner, status="suppressed", now=now, error=reason
                    )
                continue
            pacer = self._pacers.get(destination.platform)
            if pacer is not None:
                await pacer.wait()
            status, error, retry_at = await self._send_one(destination, notice, sink, report)
            async with self._db.session() as session:
                await store.mark_notice(
                    session,
                    notice.id,
                    self._owner,
                    status=status,
                    now=self._clock(),
                    error=error,
                    retry_at=retry_at,
                )

    async def _send_one(
        self,
        destination: Destination,
        notice: Notice,
        sink: ReplySink,
        report: NoticeReport,
    ) -> tuple[str, str | None, datetime | None]:
        """Send one notice from its first unsent part; (status, error, retry at) to record."""
        assert destination.id is not None
        notice_id = notice.id
        assert notice_id is not None

        async def record(parts_sent: int, ref: str | None) -> None:
            async with self._db.session() as session:
                held = await store.record_parts(
                    session,
                    notice_id,
                    self._owner,
                    parts_sent=parts_sent,
                    ref=ref,
                    lease_until=self._clock() + self._lease,
                )
            if not held:
                raise _LeaseLostError(f"notice {notice_id}: lease lost after part {parts_sent}")

        status, error, retry_at = "sent", None, None
        try:
            await sink.send_reply(
                destination, notice_reply(notice), start=notice.parts_sent, on_sent=record
            )
            report.sent += 1
        except _LeaseLostError as exc:
            # Another worker holds the notice now and resumes from our record: stop here.
            log.warning("%s; the worker that holds it sends the rest", exc)
            status, error = "pending", str(exc)
        except PermanentSendError as exc:
            status, error = "failed", str(exc)
            report.failed += 1
            async with self._db.session() as session:
                await outbox.deactivate_destination(session, destination.id, str(exc))
        except RejectedMessageError as exc:
            status, error = "failed", str(exc)
            report.failed += 1
        except DestinationMovedError as exc:
            status, error, retry_at = "pending", str(exc), self._clock()
            async with self._db.session() as session:
                await outbox.move_destination(session, destination.id, exc.new_address)
        except TransientSendError as exc:
            wait = max(exc.retry_after or 0.0, 30.0 * 2 ** min(notice.attempts, 6))
            status, error = "pending", str(exc)
            retry_at = self._clock() + timedelta(seconds=wait)
            if notice.created_at < self._clock() - GIVE_UP_AFTER:
                status = "failed"
            async with self._db.session() as session:
                await outbox.pause_destination(
                    session, destination.id, self._clock() + timedelta(seconds=wait)
                )
        except Exception as exc:  # a sink bug must not stop the other notices
            log.exception("sending notice %s failed unexpectedly", notice.id)
            status, error = "pending", f"internal error: {type(exc).__name__}: {exc}"
            retry_at = self._clock() + timedelta(minutes=5)
        return status, error, retry_at
