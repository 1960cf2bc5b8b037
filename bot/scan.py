"""The ``scan`` contract: JSON Lines articles in, one JSON line of alerting signals out each."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from rules import Engine
from rules.model import Signal, article_from_record

__all__ = ["scan_lines", "signal_json"]


def signal_json(signal: Signal) -> dict[str, Any]:
    """A signal as the contract prints it (plus the phrases that matched)."""
    return {
        "trigger": signal.trigger,
        "country": signal.country,
        "severity": signal.severity.label,
        "modality": signal.modality.value,
        "evidence": signal.evidence,
        "rule": signal.rule,
        "matched": list(signal.matched),
    }


def _scan_one(engine: Engine, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"not valid JSON: {exc.msg} at column {exc.colno}"}
    if not isinstance(record, dict):
        return {"id": None, "error": f"expected a JSON object, got {type(record).__name__}"}
    raw_id = record.get("id")
    article_id = raw_id if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else None
    article = article_from_record(record, str(article_id) if article_id is not None else "")
    signals = [signal_json(s) for s in engine.scan(article) if s.alerts]
    return {"id": article_id, "signals": signals}


def scan_lines(engine: Engine, lines: Iterable[str]) -> Iterator[str]:
    """One output line per input line, in order; a bad line gets an error and the scan goes on."""
    for line in lines:
        yield json.dumps(_scan_one(engine, line.rstrip("\r\n")), ensure_ascii=False)
