"""Value types of the rule domain: articles in, signals out, severities and modalities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum

__all__ = ["ALERTING_MODALITIES", "Article", "Modality", "Severity", "Signal"]


class Severity(IntEnum):
    """Ordered severity scale of the taxonomy: info < low < medium < high < critical."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        """The lower-case name used in files, the database and chat (``"high"``)."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Read a severity from its name; raises ``ValueError`` naming the valid ones."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            names = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r}; expected one of: {names}") from None

    def lowered(self) -> Severity:
        """One step lower (threatened events), never below info."""
        return Severity(max(self.value - 1, Severity.INFO.value))

    def raised(self) -> Severity:
        """One step higher, never above critical."""
        return Severity(min(self.value + 1, Severity.CRITICAL.value))


class Modality(StrEnum):
    """How a text presents an event (taxonomy: Modality)."""

    REPORTED = "reported"
    ANNOUNCED = "announced"
    THREATENED = "threatened"
    DENIED = "denied"
    HYPOTHETICAL = "hypothetical"
    HISTORICAL = "historical"
    NEGATED = "negated"


ALERTING_MODALITIES = frozenset({Modality.REPORTED, Modality.ANNOUNCED, Modality.THREATENED})


@dataclass(frozen=True, slots=True)
class Article:
    """One news item as the engine sees it. ``published`` is timezone-aware or ``None``."""

    id: str
    title: str = ""
    text: str = ""
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class Signal:
    """One (trigger, country) found in an article, with how it was said and why we think so."""

    trigger: str
    country: str
    severity: Severity
    modality: Modality
    evidence: str
    rule: str
    matched: tuple[str, ...] = ()

    @property
    def alerts(self) -> bool:
        """Whether this signal's modality raises an alert (reported, announced, threatened)."""
        return self.modality in ALERTING_MODALITIES
