"""The trigger taxonomy: stable ids, meaning, default severity and risk effect (the contract)."""

from __future__ import annotations

from dataclasses import dataclass

from rules.model import Severity

__all__ = ["TRIGGERS", "TriggerInfo", "is_trigger"]


@dataclass(frozen=True, slots=True)
class TriggerInfo:
    """One row of the taxonomy table. ``risk_effect`` is +1, -1 or 0."""

    id: str
    summary: str
    default_severity: Severity
    risk_effect: int


def _t(tid: str, summary: str, sev: Severity, effect: int) -> tuple[str, TriggerInfo]:
    return tid, TriggerInfo(tid, summary, sev, effect)


TRIGGERS: dict[str, TriggerInfo] = dict(
    [
        _t(
            "troop_massing",
            "Armed forces massed or moved toward a border or a neighbour",
            Severity.HIGH,
            1,
        ),
        _t(
            "shoot_to_kill",
            "Security forces ordered or authorised to use lethal force on people",
            Severity.CRITICAL,
            1,
        ),
        _t(
            "withdrawal",
            "Troops, peacekeepers or a foreign mission pulling out, or expelled",
            Severity.MEDIUM,
            0,
        ),
        _t(
            "unrest",
            "Protests, riots, storming of buildings, clashes with police",
            Severity.MEDIUM,
            1,
        ),
        _t(
            "emergency_rule",
            "State of emergency, curfew or martial law declared or extended",
            Severity.HIGH,
            1,
        ),
        _t(
            "government_crisis",
            "Cabinet dismissed or resigns, leader ousted, parliament dissolved",
            Severity.MEDIUM,
            1,
        ),
        _t(
            "foreign_intervention",
            "Foreign troops or a regional force sent into a country",
            Severity.HIGH,
            1,
        ),
        _t(
            "armed_conflict",
            "Attack, invasion, strikes, shelling, fighting between armed forces",
            Severity.HIGH,
            1,
        ),
        _t(
            "coup",
            "Military or faction seizes power or deposes the head of state",
            Severity.CRITICAL,
            1,
        ),
        _t(
            "comms_blackout",
            "Internet, mobile data or messaging cut or blocked by authorities",
            Severity.HIGH,
            1,
        ),
        _t(
            "mass_casualties",
            "Dozens or more killed in political violence, conflict or unrest",
            Severity.HIGH,
            1,
        ),
        _t(
            "mobilization",
            "Mobilisation, call-up of reservists, conscription drive",
            Severity.HIGH,
            1,
        ),
        _t("border_closure", "Borders, crossings or airspace closed", Severity.MEDIUM, 1),
        _t("evacuation", "Embassy staff evacuated, nationals told to leave", Severity.HIGH, 1),
        _t(
            "sanctions", "Sanctions imposed on a country, its officials or economy", Severity.LOW, 1
        ),
        _t("de_escalation", "Ceasefire, truce, peace deal, disengagement, talks", Severity.LOW, -1),
        _t(
            "crackdown", "Mass arrests, opposition leaders detained, media shut", Severity.MEDIUM, 1
        ),
    ]
)


def is_trigger(trigger_id: str) -> bool:
    """Whether ``trigger_id`` is one of the taxonomy's ids."""
    return trigger_id in TRIGGERS
