"""The ``/status`` chart as a PNG: the score over 30 days with the events marked.

matplotlib with the Agg backend (no display); drawing takes tens of milliseconds, so images are
cached by their data and drawn in a worker thread, off the event loop.
"""

from __future__ import annotations

import asyncio
import io
import threading
from collections import OrderedDict
from datetime import UTC, datetime, timedelta

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
from matplotlib.figure import Figure

from handlers.reply import Chart
from rules.model import Severity
from rules.scoring import BANDS, series

__all__ = ["ChartRenderer", "render_png"]

STEP = timedelta(hours=3)
COLOURS = {
    Severity.CRITICAL: "#b91c1c",
    Severity.HIGH: "#ea580c",
    Severity.MEDIUM: "#ca8a04",
    Severity.LOW: "#2563eb",
    Severity.INFO: "#6b7280",
}


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # matplotlib's date numbers count days from here


def _days(moment: datetime) -> float:
    return (moment - EPOCH).total_seconds() / 86400


def render_png(chart: Chart) -> bytes:
    """Draw the chart; returns PNG bytes (about 40 KB)."""
    line = series(list(chart.points), chart.start, chart.end, STEP)
    figure = Figure(figsize=(8, 3.2), dpi=100)
    axes = figure.add_subplot()
    xs = [_days(at) for at, _v in line]
    ys = [value for _at, value in line]
    axes.plot(xs, ys, color="#1f2933", linewidth=1.6, label="risk score")
    axes.fill_between(xs, ys, color="#1f2933", alpha=0.08)
    top = max([*ys, 6.0]) * 1.15
    for level, floor in BANDS:
        if floor < top:
            axes.axhline(floor, color="#9ca3af", linewidth=0.6, linestyle=":")
            axes.text(xs[0], floor, f" {level.label}", fontsize=7, va="bottom", color="#6b7280")
    by_severity: dict[Severity, tuple[list[float], list[float]]] = {}
    for at, _trigger, severity in chart.markers:
        if not chart.start <= at <= chart.end:
            continue
        # On the line just after the event (the first step that includes it).
        index = min(len(ys) - 1, max(0, int((at - chart.start) / STEP) + 1))
        points = by_severity.setdefault(severity, ([], []))
        points[0].append(_days(at))
        points[1].append(ys[index])
    for severity in sorted(by_severity, reverse=True):
        marker_x, marker_y = by_severity[severity]
        axes.scatter(
            marker_x, marker_y, s=28, color=COLOURS[severity], zorder=3, label=severity.label
        )
    axes.set_ylim(0, top)
    axes.set_xlim(_days(chart.start), _days(chart.end))
    axes.set_title(chart.title, fontsize=10)
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
    axes.tick_params(labelsize=8)
    axes.grid(axis="y", alpha=0.2)
    if by_severity:
        axes.legend(fontsize=7, loc="upper left", frameon=False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


class ChartRenderer:
    """Renders charts off the event loop, keeping the last few by their data."""

    def __init__(self, size: int = 64) -> None:
        self._cache: OrderedDict[int, bytes] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def _key(self, chart: Chart) -> int:
        # The end moves every second; the picture only changes with the data and the hour.
        return hash(
            (
                chart.title,
                chart.points,
                chart.markers,
                chart.end.replace(minute=0, second=0, microsecond=0),
            )
        )

    async def png(self, chart: Chart) -> bytes:
        """The chart's PNG, from the cache when the data have not changed."""
        key = self._key(chart)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        image = await asyncio.to_thread(render_png, chart)
        with self._lock:
            self._cache[key] = image
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return image
