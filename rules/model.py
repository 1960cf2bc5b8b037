"""Value types of the rule domain: articles in, signals out, severities and modalities."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from typing import Any

__all__ = [
    "ALERTING_MODALITIES",
    "Article",
    "Modality",
    "Severity",
    "Signal",
    "article_from_record",
    "parse_timestamp",
]


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


def parse_timestamp(value: Any) -> datetime | None:
    """An ISO 8601 time ("2022-01-05T10:00:00Z") as an aware datetime; None if absent or bad.
    A time without a zone is taken as UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def article_from_record(record: Mapping[str, Any], article_id: str) -> Article:
    """An article from a JSON record of the scan and evaluation formats; fields of the wrong
    type count as missing."""
    title, text = (v if isinstance(v := record.get(k), str) else "" for k in ("title", "text"))
    return Article(article_id, title, text, parse_timestamp(record.get("published")))
