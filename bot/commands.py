"""What each CLI command does, on top of the composition root."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import timedelta
from pathlib import Path
from typing import TextIO

from bot import ruletools
from bot.app import SchemaError, StartupError, build_app, check_schema, load_rules
from bot.chart import ChartRenderer
from bot.db import Database, sqlite_path
from bot.feedlist import FeedEntry, FeedListError, read_feed_list, render_opml
from bot.lock import WorkerLock, WorkerLockError
from bot.migrate import current_revision, head_revision, upgrade
from bot.models import Feed, utcnow
from bot.scan import scan_lines
from bot.service import run_forever, run_once
from bot.settings import Settings
from bot.store import feeds as feed_store
from bot.store import outbox
from bot.store.status import StoredStatus
from bot.textreply import render_text
from handlers.status import status_command
from rules.gazetteer import load_gazetteer
from rules.model import parse_timestamp

__all__ = [
    "EXIT_LOCKED",
    "EXIT_USAGE",
    "CliError",
    "db",
    "feeds",
    "health",
    "run",
    "scan",
    "status",
]

EXIT_USAGE = 2
log = logging.getLogger(__name__)

EXIT_LOCKED = 3


class CliError(Exception):
    """A problem to report in one line, with the exit code to use."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


async def run(settings: Settings, *, once: bool, force: bool) -> int:
    """``riskbot run [--once [--force]]``."""
    lock: WorkerLock | None = None
    path = sqlite_path(settings.database_url)
    if path is not None:
        lock = WorkerLock(path)
        try:
            lock.acquire()
        except WorkerLockError as exc:
            raise CliError(str(exc), EXIT_LOCKED) from None
    try:
        async with build_app(settings) as app:
            if lock is not None:  # the only worker: leases of a crashed run can go at once
                async with app.db.session() as session:
                    freed = await outbox.release_leases_of_others(session, app.owner)
                if freed:
                    log.info("took back %d delivery(ies) left by a previous run", freed)
            if once:
                await run_once(app, force=force)
            else:
                await run_forever(app)
    except SchemaError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    except StartupError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    except FeedListError as exc:
        raise CliError(f"RISKBOT_FEEDS: {exc}", EXIT_USAGE) from None
    finally:
        if lock is not None:
            lock.release()
    return 0


def scan(settings: Settings, file: str, out: TextIO) -> int:
    """``riskbot scan [FILE|-]``: the scan contract."""
    engine = load_rules(settings).engine
    if file == "-":
        for line in scan_lines(engine, sys.stdin):
            out.write(line + "\n")
        return 0
    path = Path(file)
    if not path.is_file():
        raise CliError(f"{file}: no such file", EXIT_USAGE)
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in scan_lines(engine, handle):
            out.write(line + "\n")
    return 0


def rules(
    settings: Settings,
    action: str,
    subject: str,
    out: TextIO,
    *,
    title: str = "",
    published: str = "",
) -> int:
    """``riskbot rules list|check|explain``."""
    loaded = load_rules(settings)
    if action == "list":
        return ruletools.list_rules(loaded, out)
    if action == "check":
        return ruletools.check_rules(loaded, out)
    when = parse_timestamp(published) if published else None
    if published and when is None:
        raise CliError(
            f"--published {published!r} is not a date (use e.g. 2026-01-05 or 2026-01-05T10:00Z)",
            EXIT_USAGE,
        )
    return ruletools.explain(loaded, subject, out, title=title, published=when)


def evaluate(settings: Settings, file: Path, out: TextIO, *, quiet: bool, as_json: bool) -> int:
    """``riskbot eval FILE``."""
    if not file.is_file():
        raise CliError(f"{file}: no such file", EXIT_USAGE)
    return ruletools.run_eval(load_rules(settings), file, out, details=not quiet, as_json=as_json)


async def _database(settings: Settings) -> Database:
    db = Database(settings.database_url)
    try:
        await check_schema(db)
    except SchemaError as exc:
        await db.dispose()
        raise CliError(str(exc), EXIT_USAGE) from None
    return db


def _feed_line(feed: Feed) -> str:
    state = "on " if feed.enabled else "off"
    ok = f"{feed.last_success_at:%Y-%m-%d %H:%M}" if feed.last_success_at else "never"
    problem = feed.disabled_reason or feed.last_error or ""
    errors = f"errors={feed.error_count}" if feed.error_count else ""
    return "  ".join(
        part for part in (f"{feed.id:>4}", state, f"ok {ok}", errors, feed.url, problem) if part
    )


async def feeds(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    """``riskbot feeds list|add|remove|import|export``."""
    db = await _database(settings)
    try:
        async with db.session() as session:
            match args.feeds_command:
                case "list":
                    for feed in await feed_store.list_feeds(session):
                        out.write(_feed_line(feed) + "\n")
                case "add":
                    entry = _checked_url(args.url, args.title)
                    added = await feed_store.add_feeds(
                        session, [(entry.url, entry.title, None)], utcnow()
                    )
                    out.write(("added " if added else "already there: ") + entry.url + "\n")
                case "remove":
                    if not await feed_store.remove_feed(session, args.url):
                        raise CliError(f"no feed with the URL {args.url}")
                    out.write(f"removed {args.url}\n")
                case "import":
                    try:
                        entries = read_feed_list(args.file)
                    except FeedListError as exc:
                        raise CliError(str(exc), EXIT_USAGE) from None
                    added = await feed_store.add_feeds(
                        session, [(e.url, e.title, e.category) for e in entries], utcnow()
                    )
                    out.write(f"imported {added} new feed(s) of {len(entries)}\n")
                case "export":
                    stored = await feed_store.list_feeds(session)
                    out.write(
                        render_opml([FeedEntry(f.url, f.title, f.category) for f in stored]) + "\n"
                    )
    finally:
        await db.dispose()
    return 0


def _checked_url(url: str, title: str | None) -> FeedEntry:
    if not url.startswith(("http://", "https://")) or len(url) > 2048 or " " in url:
        raise CliError(f"{url!r} is not an http(s) URL", EXIT_USAGE)
    return FeedEntry(url, title)


async def db(settings: Settings, action: str, out: TextIO) -> int:
    """``riskbot db upgrade|current``."""
    if action == "upgrade":
        await upgrade(settings.database_url)
        out.write(f"database at revision {head_revision(settings.database_url)}\n")
    else:
        have = await current_revision(settings.database_url)
        out.write(f"{have or 'empty (never migrated)'}\n")
    return 0


async def status(settings: Settings, place: str, out: TextIO, *, chart: str | None = None) -> int:
    """``riskbot status [COUNTRY|REGION] [--chart FILE]``: the same answer as the chat command."""
    db_ = await _database(settings)
    try:
        reply = await status_command(
            place, reader=StoredStatus(db_), places=load_gazetteer(), now=utcnow()
        )
    finally:
        await db_.dispose()
    out.write(render_text(reply) + "\n")
    if chart is not None:
        if reply.chart is None:
            raise CliError("--chart needs one country (a region or the board has no chart)")
        image = await ChartRenderer().png(reply.chart)
        await asyncio.to_thread(Path(chart).write_bytes, image)
        out.write(f"chart written to {chart}\n")
    return 0 if reply.ok else 1


async def health(settings: Settings, out: TextIO) -> int:
    """``riskbot health``: the database answers and some feed was checked recently."""
    db_ = await _database(settings)
    try:
        async with db_.session() as session:
            stored = await feed_store.list_feeds(session)
    finally:
        await db_.dispose()
    checked = [f.last_checked_at for f in stored if f.last_checked_at is not None]
    limit = timedelta(seconds=3 * settings.poll_interval + 60)
    if stored and (not checked or utcnow() - max(checked) > limit):
        out.write("unhealthy: no feed has been checked recently\n")
        return 1
    out.write(f"ok: {len(stored)} feed(s)\n")
    return 0
