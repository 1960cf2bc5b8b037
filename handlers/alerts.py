"""Alerts in chat: the message each alert becomes, ``/ack`` and ``/why``."""

from __future__ import annotations

from collections.abc import Callable

from handlers.parsing import parse_alert_id
from handlers.ports import AlertBook, AlertDetail
from handlers.reply import Button, Line, Reply, Section
from handlers.request import CommandRequest
from rules.model import Modality, Severity

__all__ = [
    "ACK_ACTION",
    "ACK_USAGE",
    "WHY_USAGE",
    "ack",
    "ack_button",
    "alert_card",
    "clip",
    "why",
]

ACK_ACTION = "ack"
ACK_USAGE = "Usage: /ack <alert number>, e.g. /ack 42 (the number is in each alert)"
WHY_USAGE = "Usage: /why <alert number>, e.g. /why 42"
MARKS = {
    Severity.CRITICAL: "🔴",
    Severity.HIGH: "🟠",
    Severity.MEDIUM: "🟡",
    Severity.LOW: "🔵",
    Severity.INFO: "⚪",
}
TITLE_LIMIT = 300
EVIDENCE_LIMIT = 700


def clip(text: str, limit: int) -> str:
    """Feed text as one tidy line: control characters dropped, cut at ``limit`` with "…"."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def ack_button(alert_id: int) -> Button:
    """The button under every alert."""
    return Button(label="Acknowledge", action=ACK_ACTION, value=str(alert_id))


def _headline(alert: AlertDetail, country: str) -> str:
    modality = "" if alert.modality == Modality.REPORTED else f" ({alert.modality.value})"
    return (
        f"{MARKS[alert.severity]} {alert.severity.label.upper()} · {alert.trigger}{modality} · "
        f"{country} · #{alert.id}"
    )


def alert_card(
    alert: AlertDetail,
    country_name: Callable[[str], str],
    *,
    followup_of: int | None = None,
    escalated_after_minutes: int | None = None,
) -> Reply:
    """The chat message for an alert, a follow-up in its story's thread, or an escalation."""
    country = f"{country_name(alert.country)} ({alert.country})"
    headline = _headline(alert, country)
    if followup_of is not None:
        what = f"Confirmed by {alert.sources} sources" if alert.confirmed else "Update"
        headline = f"↳ {what} (#{followup_of}): {headline}"
    if escalated_after_minutes is not None:
        headline = f"⏰ Not acknowledged after {escalated_after_minutes} min: {headline}"
    title = clip(alert.title, TITLE_LIMIT) or "(untitled article)"
    source = clip(alert.source or "unknown feed", 120)
    certainty = (
        f"confirmed by {alert.sources} sources"
        if alert.confirmed
        else f"unconfirmed, {alert.sources} source{'s' if alert.sources != 1 else ''}"
    )
    lines = (
        Line(title, link=alert.link),
        Line(f"“{clip(alert.evidence, EVIDENCE_LIMIT)}”"),
        Line(f"{source} · {certainty} · rule {alert.rule} · {alert.created_at:%Y-%m-%d %H:%M} UTC"),
    )
    buttons = () if alert.acked_at else (ack_button(alert.id),)
    notes = (f"Acknowledged by {alert.acked_by}.",) if alert.acked_at and alert.acked_by else ()
    return Reply(headline=headline, sections=(Section("", lines),), buttons=buttons, notes=notes)


async def ack(request: CommandRequest, *, alerts: AlertBook) -> Reply:
    """Acknowledge an alert: the first acknowledgement wins and stops its escalation."""
    alert_id = parse_alert_id(request.args)
    if alert_id is None:
        return Reply.error("Which alert? Give its number.", ACK_USAGE)
    by = request.caller.name or request.caller.user_id
    outcome = await alerts.ack(alert_id, by, request.now)
    if outcome is None:
        return Reply.error(f"There is no alert #{alert_id}.", ACK_USAGE)
    alert = outcome.alert
    if not outcome.newly_acked:
        when = f" at {alert.acked_at:%d %b %H:%M} UTC" if alert.acked_at else ""
        return Reply(
            headline=f"Alert #{alert_id} was already acknowledged by {alert.acked_by}{when}."
        )
    return Reply(
        headline=f"Alert #{alert_id} ({alert.trigger}, {alert.country}) acknowledged by {by}."
    )


async def why(
    request: CommandRequest, *, alerts: AlertBook, country_name: Callable[[str], str]
) -> Reply:
    """Explain an alert: the evidence sentence, the rule and modality, and every source."""
    alert_id = parse_alert_id(request.args)
    if alert_id is None:
        return Reply.error("Which alert? Give its number.", WHY_USAGE)
    alert = await alerts.alert(alert_id)
    if alert is None:
        return Reply.error(f"There is no alert #{alert_id}.", WHY_USAGE)
    reasons = (
        Line(f"Evidence: “{clip(alert.evidence, EVIDENCE_LIMIT)}”"),
        Line(
            f"Rule: {alert.rule} · modality {alert.modality.value} · "
            f"severity {alert.severity.label}"
        ),
    )
    sources = [
        Line(
            f"{clip(alert.title, TITLE_LIMIT)} — {clip(alert.source or 'unknown feed', 120)}",
            alert.link,
        )
    ]
    sources.extend(
        Line(f"{clip(title, TITLE_LIMIT)} — {clip(source or 'unknown feed', 120)}", link)
        for title, link, source in alert.followups
    )
    state = (
        f"Acknowledged by {alert.acked_by} at {alert.acked_at:%d %b %H:%M} UTC."
        if alert.acked_at
        else "Not acknowledged yet."
    )
    return Reply(
        headline=(
            f"Why #{alert.id}: {alert.trigger} · {country_name(alert.country)} ({alert.country})"
        ),
        sections=(Section("Reasons", reasons), Section("Sources", tuple(sources))),
        notes=(state,),
    )
