"""The delivery worker: claim due outbox rows, send through the platform's sink, record.

Stages as in Alertmanager: the outbox (one unique row per alert and destination) is the persisted
dedupe log; a claim with a lease makes each row one worker's; the sink says whether a failure is
worth retrying; the result is written back. A crash between send and record re-sends at most the
message that was in flight, after the lease runs out.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.db import Database
from bot.models import Alert, Delivery, Destination, utcnow
from bot.store import outbox

__all__ = [
    "DeliveryReport",
    "Dispatcher",
    "PermanentSendError",
    "SendError",
    "Sink",
    "TransientSendError",
]

log = logging.getLogger(__name__)


class SendError(Exception):
    """A sink could not deliver; subclasses say whether trying again can help."""


class TransientSendError(SendError):
    """Try again later (rate limit, server error, network); ``retry_after`` in seconds if told."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentSendError(SendError):
    """The destination cannot receive (blocked, removed, not found): stop sending there."""


class Sink(Protocol):
    """A platform's sender. Returns the platform's message reference, if it has one."""

    platform: str

    async def send(self, destination: Destination, alert: Alert) -> str | None: ...


@dataclass(slots=True)
class DeliveryReport:
    """What one drain did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0


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
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._sinks = dict(sinks)
        self._owner = owner
        self._lease = lease
        self._batch = batch_size
        self._give_up_after = give_up_after
        self._clock = clock

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
                alerts = await outbox.load_alerts(session, [d.alert_id for d in claimed])
                dests = await outbox.load_destinations(session, [d.destination_id for d in claimed])
            by_destination: dict[int, list[Delivery]] = defaultdict(list)
            for delivery in claimed:
                by_destination[delivery.destination_id].append(delivery)
            done: set[int] = set()
            try:
                async with asyncio.TaskGroup() as group:
                    for dest_id, rows in by_destination.items():
                        group.create_task(
                            self._send_all(dests[dest_id], rows, alerts, report, done)
                        )
            except asyncio.CancelledError:
                # Shutting down: hand back what was not attempted, so another worker can send
                # it now rather than when the lease runs out.
                untouched = [d.id for d in claimed if d.id is not None and d.id not in done]
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
        self,
        destination: Destination,
        rows: list[Delivery],
        alerts: Mapping[int, Alert],
        report: DeliveryReport,
        done: set[int],
    ) -> None:
        for index, delivery in enumerate(rows):
            assert delivery.id is not None
            # Counted as touched before sending: if we are cancelled mid-send, the message
            # may be out, so its lease is left to expire rather than handed straight back.
            done.add(delivery.id)
            if not await self._send_one(destination, delivery, alerts[delivery.alert_id], report):
                # The destination is gone or throttled: give the rest back for later.
                rest = [r.id for r in rows[index + 1 :] if r.id is not None]
                done.update(rest)
                await self._release(rest)
                return

    async def _send_one(
        self, destination: Destination, delivery: Delivery, alert: Alert, report: DeliveryReport
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
        async with self._db.session() as session:
            # Re-check the claim right before sending: if our lease ran out and another worker
            # took the row, sending it here would be a duplicate.
            held = await outbox.renew_lease(
                session, delivery.id, self._owner, self._clock(), self._lease
            )
        if not held:
            log.warning("delivery %s skipped: another worker holds it now", delivery.id)
            return True
        try:
            ref = await sink.send(destination, alert)
        except PermanentSendError as exc:
            log.warning("destination %s deactivated: %s", destination.id, exc)
            async with self._db.session() as session:
                await outbox.mark_failed(session, delivery.id, self._owner, str(exc))
                await outbox.deactivate_destination(session, destination.id, str(exc))
            report.failed += 1
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
        async with self._db.session() as session:
            recorded = await outbox.mark_sent(session, delivery.id, self._owner, self._clock(), ref)
        if not recorded:
            log.warning(
                "delivery %s was sent but its lease had passed to another worker", delivery.id
            )
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
            backoff = min(5.0 * 2 ** min(delivery.attempts, 10), 3600.0)
            delay = max(retry_after or 0.0, backoff * random.uniform(0.8, 1.2))  # noqa: S311
            until = now + timedelta(seconds=delay)
            await outbox.mark_retry(session, delivery.id, self._owner, until, error)
            # Pause the whole destination, so later rows neither overtake this one nor hammer
            # a chat that is rate-limited or down.
            await outbox.pause_destination(session, destination.id, until)
        report.retried += 1
