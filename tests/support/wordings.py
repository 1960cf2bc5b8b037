"""The engine as the wording tables see it: what alerts in a dated headline and body."""

from __future__ import annotations

from datetime import UTC, datetime

from rules import Article, load_engine

ENGINE = load_engine(undated_year=2026).engine
MARCH_2026 = datetime(2026, 3, 10, tzinfo=UTC)


def alerting(title: str, text: str = "") -> set[tuple[str, str]]:
    """The (trigger, country) pairs that alert in an article of 10 March 2026."""
    signals = ENGINE.scan(Article("t", title, text, MARCH_2026))
    return {(s.trigger, s.country) for s in signals if s.alerts}
