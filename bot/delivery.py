"""The delivery worker: claim due outbox rows, send through the platform's sink, record.

Stages as in Alertmanager: the outbox (one unique row per alert, destination and purpose) is
the persisted dedupe log; a claim with a lease makes each row one worker's; mutes are applied
when a row's turn comes; sending is paced per chat and per platform; the sink says whether a
failure is worth retrying; the result is written back. A crash between send and record re-sends
at most the message that was in flight, after the lease runs out.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.db import Database
from bot.models import Alert, Delivery, DeliveryPurpose, Destination, Event, utcnow
from bot.pacing import Pacer, chat_interval
from bot.sending import (
    DestinationMovedError,
    Outgoing,
    PermanentSendError,
    RejectedMessageError,
    Sink,
    TransientSendError,
)
from bot.store import outbox
from bot.store.alertbook import alert_detail

__all__ = ["DeliveryReport", "Dispatcher"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class DeliveryReport:
    """What one drain did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    suppressed: int = 0


@dataclass(slots=True)
class _Batch:
    """One claim with what sending it needs, loaded in a few queries."""

    alerts: dict[int, Alert]
    destinations: dict[int, Destination]
    mutes: dict[int, list[tuple[str, str]]]
    threads: dict[tuple[int, int], str]
    events: dict[int, Event] = field(default_factory=dict)
    done: set[int] = field(default_factory=set)


class Dispatcher:
    """Drains the outbox through the sinks, concurrently across destinations, in order within."""

    def __init__(
        self,
        db: Database,
        sinks: Mapping[str, Sink],
        *,
        owner: str,
        lease: timedelta = timedelta(minutes=2),
        batch_size: int = 100,
        give_up_after: timedelta = timedelta(hours=24),
        pacers: Mapping[str, Pacer] | None = None,
        escalation_minutes: int = 15,
        retry_base: float = 5.0,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._sinks = dict(sinks)
        self._owner = owner
        self._lease = lease
        self._batch = batch_size
        self._give_up_after = give_up_after
        self._pacers = dict(pacers or {})
        self._escalation_minutes = escalation_minutes
        self._retry_base = retry_base
        self._clock = clock
        self._last_sent: dict[int, float] = {}

    async def drain(self, *, until_empty: bool = True) -> DeliveryReport:
        """Send what is due; with ``until_empty`` keep claiming until nothing is left now."""
        report = DeliveryReport()
        while True:
            now = self._clock()
            async with self._db.session() as session:
                claimed = await outbox.claim_deliveries(
                    session, now=now, limit=self._batch, owner=self._owner, lease=self._lease
                )
                if not claimed:
                    return report
                batch = _Batch(
                    alerts=await outbox.load_alerts(session, [d.alert_id for d in claimed]),
                    destinations=await outbox.load_destinations(
                        session, [d.destination_id for d in claimed]
                    ),
                    mutes=await outbox.active_mutes(
                        session, {d.destination_id for d in claimed}, now
                    ),
                    threads={},
                )
                parents = {a.parent_id for a in batch.alerts.values() if a.parent_id is not None}
                batch.threads = await outbox.thread_refs(session, parents, set(batch.destinations))
                batch.events = await outbox.load_events(
                    session, {a.event_id for a in batch.alerts.values() if a.event_id}
                )
            by_destination: dict[int, list[Delivery]] = defaultdict(list)
            for delivery in claimed:
                by_destination[delivery.destination_id].append(delivery)
            try:
                async with asyncio.TaskGroup() as group:
                    for dest_id, rows in by_destination.items():
                        group.create_task(
                            self._send_all(batch.destinations[dest_id], rows, batch, report)
                        )
            except asyncio.CancelledError:
                # Shutting down: hand back what was not attempted, so another worker can send
                # it now rather than when the lease runs out.
                untouched = [d.id for d in claimed if d.id is not None and d.id not in batch.done]
                await asyncio.shield(self._release(untouched))
                raise
            if not until_empty:
                return report

    async def _release(self, ids: list[int]) -> None:
        if not ids:
            return
        async with self._db.session() as session:
            for delivery_id in ids:
                await outbox.release_lease(session, delivery_id, self._owner)

    async def _send_all(
        self, destination: Destination, rows: list[Delivery], batch: _Batch, report: DeliveryReport
    ) -> None:
        for index, delivery in enumerate(rows):
            assert delivery.id is not None
            # Counted as touched before sending: if we are cancelled mid-send, the message
            # may be out, so its lease is left to expire rather than handed straight back.
            batch.done.add(delivery.id)
            alert = batch.alerts[delivery.alert_id]
            if (reason := _muted(alert, batch.mutes.get(destination.id or 0, []))) is not None:
                async with self._db.session() as session:
                    await outbox.mark_suppressed(session, delivery.id, self._owner, reason)
                report.suppressed += 1
                continue
            rest = [r.id for r in rows[index + 1 :] if r.id is not None]
            if rest and index % 10 == 0:  # a chat paced at 1-3 s a message outlasts one lease
                async with self._db.session() as session:
                    await outbox.extend_leases(
                        session, rest, self._owner, self._clock() + self._lease
                    )
            if not await self._send_one(destination, delivery, alert, batch, report):
                # The destination is gone or throttled: give the rest back for later.
                batch.done.update(rest)
                await self._release(rest)
                return

    def _outgoing(
        self, destination: Destination, delivery: Delivery, alert: Alert, batch: _Batch
    ) -> Outgoing:
        assert delivery.id is not None
        detail = alert_detail(alert, event=batch.events.get(alert.event_id or 0))
        if delivery.purpose == DeliveryPurpose.ESCALATION:
            return Outgoing(
                delivery.id,
                detail,
                escalated_after_minutes=self._escalation_minutes,
            )
        reply_to = None
        if alert.parent_id is not None:
            reply_to = batch.threads.get((alert.parent_id, destination.id or 0))
        return Outgoing(delivery.id, detail, reply_to=reply_to, followup_of=alert.parent_id)

    async def _pace(self, destination: Destination) -> None:
        loop = asyncio.get_running_loop()
        gap = chat_interval(destination.platform, destination.kind)
        last = self._last_sent.get(destination.id or 0)
        if last is not None and (wait := last + gap - loop.time()) > 0:
            await asyncio.sleep(wait)
        pacer = self._pacers.get(destination.platform)
        if pacer is not None:
            await pacer.wait()

    async def _send_one(
        self,
        destination: Destination,
        delivery: Delivery,
        alert: Alert,
        batch: _Batch,
        report: DeliveryReport,
    ) -> bool:
        """Send one row; True when the destination can take the next one right away."""
        assert delivery.id is not None
        assert destination.id is not None
        sink = self._sinks.get(destination.platform)
        if sink is None:
            await self._retry_later(
                destination,
                delivery,
                f"no sender for {destination.platform} is configured in this process",
                300.0,
                report,
            )
            return False
        await self._pace(destination)
        async with self._db.session() as session:
            # Re-check the claim right before sending: if our lease ran out and another worker
            # took the row, sending it here would be a duplicate.
            held = await outbox.renew_lease(
                session, delivery.id, self._owner, self._clock(), self._lease
            )
        if not held:
            log.warning("delivery %s skipped: another worker holds it now", delivery.id)
            return True
        message = self._outgoing(destination, delivery, alert, batch)
        try:
            ref = await sink.send(destination, message)
        except PermanentSendError as exc:
            log.warning("destination %s deactivated: %s", destination.id, exc)
            async with self._db.session() as session:
                await outbox.mark_failed(session, delivery.id, self._owner, str(exc))
                await outbox.deactivate_destination(session, destination.id, str(exc))
            report.failed += 1
            return False
        except RejectedMessageError as exc:
            log.warning("delivery %s refused by %s: %s", delivery.id, destination.platform, exc)
            async with self._db.session() as session:
                await outbox.mark_failed(session, delivery.id, self._owner, str(exc))
            report.failed += 1
            return True
        except DestinationMovedError as exc:
            log.info("destination %s moved to %s", destination.id, exc.new_address)
            async with self._db.session() as session:
                await outbox.move_destination(session, destination.id, exc.new_address)
                await outbox.mark_retry(session, delivery.id, self._owner, self._clock(), str(exc))
            report.retried += 1
            return False
        except TransientSendError as exc:
            await self._retry_later(destination, delivery, str(exc), exc.retry_after, report)
            return False
        except Exception as exc:  # a sink bug must not leave the row stuck: retry it later
            log.exception("sending delivery %s failed unexpectedly", delivery.id)
            await self._retry_later(
                destination, delivery, f"internal error: {type(exc).__name__}: {exc}", None, report
            )
            return False
        finally:
            self._last_sent[destination.id] = asyncio.get_running_loop().time()
        async with self._db.session() as session:
            recorded = await outbox.mark_sent(session, delivery.id, self._owner, self._clock(), ref)
        if not recorded:
            log.warning(
                "delivery %s was sent but its lease had passed to another worker", delivery.id
            )
        if ref is not None and alert.parent_id is None:
            batch.threads[(delivery.alert_id, destination.id)] = ref
        report.sent += 1
        return True

    async def _retry_later(
        self,
        destination: Destination,
        delivery: Delivery,
        error: str,
        retry_after: float | None,
        report: DeliveryReport,
    ) -> None:
        assert delivery.id is not None
        assert destination.id is not None
        now = self._clock()
        async with self._db.session() as session:
            if now - delivery.created_at > self._give_up_after:
                await outbox.mark_failed(
                    session,
                    delivery.id,
                    self._owner,
                    f"gave up after {delivery.attempts + 1} tries: {error}",
                )
                report.failed += 1
                return
            backoff = min(self._retry_base * 2 ** min(delivery.attempts, 10), 3600.0)
            delay = max(retry_after or 0.0, backoff * random.uniform(0.8, 1.2))  # noqa: S311
            until = now + timedelta(seconds=delay)
            await outbox.mark_retry(session, delivery.id, self._owner, until, error)
            # Pause the whole destination, so later rows neither overtake this one nor hammer
            # a chat that is rate-limited or down.
            await outbox.pause_destination(session, destination.id, until)
        report.retried += 1


def _muted(alert: Alert, mutes: list[tuple[str, str]]) -> str | None:
    """Why the alert is muted in this destination, or None."""
    for scope, value in mutes:
        if (
            scope == "all"
            or (scope == "country" and value == alert.country)
            or (scope == "trigger" and value == alert.trigger)
        ):
            return f"muted ({scope} {value})"
    return None
