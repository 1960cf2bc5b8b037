"""``/triggers`` and ``/help``; the help's examples are run by the tests."""

from __future__ import annotations

from handlers.reply import Line, Reply, Section
from rules.taxonomy import TRIGGERS

__all__ = ["HELP_EXAMPLES", "help_reply", "triggers_reply"]

# (command line, what it does): shown in /help and run, as written, by the test-suite.
HELP_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("/status kazakhstan", "level, trend and recent events of a country"),
    ("/status central asia", "a board of a region's countries by risk"),
    ("/status", "the highest-risk countries everywhere"),
    ("/subscribe kazakhstan", "every trigger in a country, severity low or above"),
    ("/subscribe central asia unrest coup min=high", "some triggers in a region, high or above"),
    ("/subscribe all shoot_to_kill", "one trigger everywhere"),
    (
        "/subscribe kazakhstan min=high digest=08:00 levels=on",
        "high and above at once, the rest in a daily digest at 08:00 UTC, and level changes",
    ),
    ("/subscriptions", "what this chat watches, and its mutes"),
    ("/unsubscribe central asia unrest", "stop some of them"),
    ("/mute kazakhstan 2h", "no alerts about a country for two hours"),
    ("/mute unrest 30m", "no alerts of a trigger for half an hour"),
    ("/unmute kazakhstan", "lift a mute early"),
    ("/ack 1", "acknowledge alert #1 (also a button on each alert)"),
    ("/why 1", "the evidence, rule and sources behind alert #1"),
    ("/triggers", "what riskbot detects"),
)


def triggers_reply() -> Reply:
    """The taxonomy, one line per trigger."""
    lines = tuple(
        Line(f"{t.id} ({t.default_severity.label}) — {t.summary}") for t in TRIGGERS.values()
    )
    return Reply(
        headline=f"riskbot detects {len(lines)} triggers",
        sections=(Section("Triggers", lines),),
        notes=(
            "Severity is the default for a plain report; threats alert one step lower, "
            "denials and speculation do not alert.",
        ),
    )


def help_reply(usages: tuple[str, ...]) -> Reply:
    """What the bot can do, with examples."""
    return Reply(
        headline="riskbot watches the news for regional risk and alerts this chat.",
        sections=(
            Section("Examples", tuple(Line(f"{cmd} — {what}") for cmd, what in HELP_EXAMPLES)),
            Section("Commands", tuple(Line(u) for u in usages)),
        ),
        notes=(
            "Severities: info, low, medium, high, critical. Durations: 30m, 2h, 1d, 1w. "
            "In groups only admins change subscriptions and mutes; anyone may ask /status. "
            "In Slack every command also works as /risk <command>, e.g. /risk status kazakhstan.",
        ),
    )
