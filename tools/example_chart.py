"""Draw the example ``/status`` chart shown in the README (``docs/status-kazakhstan.png``).

The timeline is the January 2022 unrest in Kazakhstan as the seed report tells it, with the
dates of the main events; the score is computed the way the service computes it (event weight
by severity, modality and corroboration, decaying with a 48-hour half-life).

    python -m tools.example_chart docs/status-kazakhstan.png
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.chart import render_png
from handlers.reply import Chart
from rules.model import Modality, Severity
from rules.scoring import decayed, event_value

# (day and hour in January 2022, trigger, severity once corroborated, sources)
TIMELINE = (
    (2, 10, "unrest", Severity.MEDIUM, 2),
    (4, 18, "unrest", Severity.HIGH, 6),
    (5, 2, "emergency_rule", Severity.HIGH, 5),
    (5, 9, "government_crisis", Severity.HIGH, 4),
    (5, 15, "comms_blackout", Severity.CRITICAL, 4),
    (6, 8, "foreign_intervention", Severity.CRITICAL, 5),
    (6, 20, "mass_casualties", Severity.CRITICAL, 3),
    (7, 6, "shoot_to_kill", Severity.CRITICAL, 7),
    (8, 12, "crackdown", Severity.HIGH, 3),
    (11, 9, "withdrawal", Severity.MEDIUM, 5),
    (19, 12, "withdrawal", Severity.MEDIUM, 3),
)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/status-kazakhstan.png")
    points: list[tuple[datetime, float]] = []
    markers = []
    score, since = 0.0, datetime(2022, 1, 1, tzinfo=UTC)
    for day, hour, trigger, severity, sources in TIMELINE:
        at = datetime(2022, 1, day, hour, tzinfo=UTC)
        value = event_value(trigger, severity, Modality.REPORTED, sources >= 3)
        score, since = max(0.0, decayed(score, since, at) + value), at
        points.append((at, score))
        markers.append((at, trigger, severity))
    end = datetime(2022, 1, 25, tzinfo=UTC)
    chart = Chart(
        title="Kazakhstan — risk score, last 30 days",
        points=tuple(points),
        markers=tuple(markers),
        start=end - timedelta(days=30),
        end=end,
    )
    out.write_bytes(render_png(chart))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
