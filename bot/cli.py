"""The ``riskbot`` command line: run the service, scan text, manage feeds, migrate, ask status."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot import __version__, commands
from bot.commands import EXIT_USAGE, CliError
from bot.logs import configure_logging
from bot.settings import Settings, SettingsError, load_settings

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="riskbot",
        description="Regional-risk alerting: poll news feeds, detect triggers, alert chats.",
        epilog="Settings come from RISKBOT_* environment variables (see README).",
    )
    parser.add_argument("--version", action="version", version=f"riskbot {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = sub.add_parser("run", help="run the service (poll, detect, alert) until Ctrl-C")
    run.add_argument("--once", action="store_true", help="poll due feeds once, deliver, exit")
    run.add_argument(
        "--force", action="store_true", help="with --once: treat every enabled feed as due"
    )

    scan = sub.add_parser("scan", help="scan JSON Lines articles and print their signals")
    scan.add_argument("file", nargs="?", default="-", help="JSON Lines file, or - for stdin")

    feeds = sub.add_parser("feeds", help="list, add, remove, import or export feeds")
    fsub = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    fsub.add_parser("list", help="feeds with their health")
    add = fsub.add_parser("add", help="add a feed URL")
    add.add_argument("url")
    add.add_argument("--title")
    remove = fsub.add_parser("remove", help="remove a feed URL and its items")
    remove.add_argument("url")
    imp = fsub.add_parser("import", help="add the feeds of an OPML or text file")
    imp.add_argument("file", type=Path)
    fsub.add_parser("export", help="print the feeds as OPML")

    db = sub.add_parser("db", help="database migrations")
    dsub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    dsub.add_parser("upgrade", help="migrate the database to the current schema")
    dsub.add_parser("current", help="print the database's schema revision")

    status = sub.add_parser("status", help="a country's or region's risk, as the chat answers")
    status.add_argument("place", nargs="*", help="country or region (none: the risk board)")
    status.add_argument(
        "--chart", metavar="FILE.png", help="also write the 30-day chart of a country here"
    )

    sub.add_parser("health", help="exit 0 when the database answers and feeds are being polled")

    rules = sub.add_parser("rules", help="list, check or explain the detection rules")
    rsub = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    rsub.add_parser("list", help="every rule with its trigger, severity and source")
    rsub.add_parser("check", help="validate every rule pack and run every rule's examples")
    explain = rsub.add_parser("explain", help="show each signal in a text, and why")
    explain.add_argument("subject", help="the text itself, or a file holding it")
    explain.add_argument("--title", default="", help="the article's headline (counts as evidence)")
    explain.add_argument(
        "--published", default="", metavar="DATE", help="publication date (ISO 8601)"
    )

    evaluate = sub.add_parser("eval", help="score the engine on a labelled JSON Lines file")
    evaluate.add_argument("file", type=Path)
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--quiet", action="store_true", help="scores only, no mistakes")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``riskbot`` console script."""
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"riskbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    configure_logging(settings.log_level, _secrets(settings))
    try:
        return asyncio.run(_dispatch(args, settings, sys.stdout))
    except CliError as exc:
        print(f"riskbot: {exc}", file=sys.stderr)
        return exc.code
    except BrokenPipeError:  # the reader went away (`riskbot rules list | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (ConnectionError, SQLAlchemyError) as exc:
        where = make_url(settings.database_url).render_as_string(hide_password=True)
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
        print(f"riskbot: cannot use the database {where}: {reason}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"riskbot: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _secrets(settings: Settings) -> list[str]:
    values = (
        settings.telegram_token,
        settings.slack_bot_token,
        settings.slack_app_token,
        settings.slack_signing_secret,
    )
    return [v.get_secret_value() for v in values if v is not None]


async def _dispatch(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    match args.command:
        case "run":
            return await commands.run(settings, once=args.once, force=args.force)
        case "scan":
            return commands.scan(settings, args.file, out)
        case "feeds":
            return await commands.feeds(settings, args, out)
        case "db":
            return await commands.db(settings, args.db_command, out)
        case "status":
            return await commands.status(settings, " ".join(args.place), out, chart=args.chart)
        case "health":
            return await commands.health(settings, out)
        case "rules":
            return commands.rules(
                settings,
                args.rules_command,
                getattr(args, "subject", ""),
                out,
                title=getattr(args, "title", ""),
                published=getattr(args, "published", ""),
            )
        case "eval":
            return commands.evaluate(settings, args.file, out, quiet=args.quiet, as_json=args.json)
    raise CliError(f"unknown command {args.command}", EXIT_USAGE)


if __name__ == "__main__":
    sys.exit(main())
