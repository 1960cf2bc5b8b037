"""The long-running service: APScheduler ticks poll due feeds and drain the outbox."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.app import App, Gateway
from bot.delivery import DeliveryReport
from bot.models import utcnow
from bot.poller import PollReport

__all__ = ["run_forever", "run_once"]

log = logging.getLogger(__name__)

DELIVERY_TICK = 1.0
ESCALATION_TICK = 30.0
NOTICE_TICK = 30.0
SHUTDOWN_GRACE = 10.0


def _summary(poll: PollReport, sent: DeliveryReport) -> str:
    i = poll.ingest
    return (
        f"polled {poll.polled} feed(s): {poll.not_modified} unchanged, {poll.failed} failed, "
        f"{poll.disabled} disabled; {i.items} new item(s), {i.signals} signal(s), "
        f"{i.alerts} alert(s); delivered {sent.sent}, retrying {sent.retried}, "
        f"failed {sent.failed}"
    )


async def run_once(app: App, *, force: bool = False) -> tuple[PollReport, DeliveryReport]:
    """Poll every due feed once, process, deliver what is due, and return the counts."""
    poll = await app.poller.poll_due(force=force)
    await app.escalate()
    sent = await app.dispatcher.drain()
    await app.notices.tick()
    log.info("%s", _summary(poll, sent))
    return poll, sent


class _Jobs:
    """Runs each tick as a tracked task so shutdown can wait for work in flight."""

    def __init__(self) -> None:
        self.running: set[asyncio.Task[None]] = set()

    def wrap(
        self, name: str, work: Callable[[], Awaitable[object]]
    ) -> Callable[[], Awaitable[None]]:
        async def job() -> None:
            task = asyncio.current_task()
            assert task is not None
            self.running.add(task)
            try:
                await work()
            except asyncio.CancelledError:
                log.info("%s tick cancelled by shutdown", name)
            except Exception:  # a failed tick is logged; the next tick tries again
                log.exception("%s tick failed", name)
            finally:
                self.running.discard(task)

        return job


async def _start_gateways(gateways: list[Gateway], started: list[Gateway]) -> None:
    for gateway in gateways:
        try:
            await gateway.start()
        except Exception:  # the others, feeds and delivery keep running
            log.exception(
                "%s could not start; its commands are not answered", type(gateway).__name__
            )
            continue
        started.append(gateway)


async def run_forever(app: App, stop: asyncio.Event | None = None) -> None:
    """Tick until SIGINT/SIGTERM (or ``stop``), then finish work in flight and return."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    poll_tick = min(max(app.settings.poll_interval / 10, 1.0), 10.0)
    jobs = _Jobs()
    scheduler = AsyncIOScheduler(timezone="UTC")
    common = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}
    scheduler.add_job(
        jobs.wrap("poll", app.poller.poll_due),
        "interval",
        seconds=poll_tick,
        next_run_time=utcnow(),
        jitter=poll_tick / 5,
        id="poll",
        **common,
    )
    scheduler.add_job(
        jobs.wrap("deliver", app.dispatcher.drain),
        "interval",
        seconds=DELIVERY_TICK,
        next_run_time=utcnow() + timedelta(seconds=DELIVERY_TICK),
        id="deliver",
        **common,
    )
    scheduler.add_job(
        jobs.wrap("notices", app.notices.tick),
        "interval",
        seconds=NOTICE_TICK,
        id="notices",
        **common,
    )
    if app.escalation_destination is not None:
        scheduler.add_job(
            jobs.wrap("escalate", app.escalate),
            "interval",
            seconds=ESCALATION_TICK,
            id="escalate",
            **common,
        )
    scheduler.start()
    started: list[Gateway] = []
    # Chat platforms connect in the background: feeds are polled and alerts queued even while
    # a platform is unreachable (its SDK keeps retrying; the outbox keeps the alerts).
    connecting = asyncio.create_task(_start_gateways(app.gateways, started))
    log.info(
        "riskbot running as %s: polling every %ss (checks due feeds every %.0fs); Ctrl-C stops",
        app.owner,
        app.settings.poll_interval,
        poll_tick,
    )
    try:
        await stop.wait()
    finally:
        log.info("stopping: finishing work in flight (up to %.0f s)", SHUTDOWN_GRACE)
        # Pause first: shutting APScheduler down would cancel running jobs at once.
        scheduler.pause()
        if jobs.running:
            _done, pending = await asyncio.wait(set(jobs.running), timeout=SHUTDOWN_GRACE)
            for task in pending:
                task.cancel()
            if pending:
                log.warning(
                    "cancelled %d job(s) still running after the grace period", len(pending)
                )
                await asyncio.gather(*pending, return_exceptions=True)
        scheduler.shutdown(wait=False)
        if not connecting.done():
            connecting.cancel()
        await asyncio.gather(connecting, return_exceptions=True)
        for gateway in reversed(started):
            try:
                await gateway.stop()
            except Exception:  # stopping the others matters more than this one's error
                log.exception("stopping %s failed", type(gateway).__name__)
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        log.info("stopped")
