"""The ``scan`` contract: JSON Lines articles in, one JSON line of alerting signals out each."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from rules import Engine
from rules.model import Article, Signal

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


def _published(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _text(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    return value if isinstance(value, str) else ""


def _scan_one(engine: Engine, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"not valid JSON: {exc.msg} at column {exc.colno}"}
    if not isinstance(record, dict):
        return {"id": None, "error": f"expected a JSON object, got {type(record).__name__}"}
    raw_id = record.get("id")
    article_id = raw_id if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else None
    article = Article(
        id=str(article_id) if article_id is not None else "",
        title=_text(record, "title"),
        text=_text(record, "text"),
        published=_published(record.get("published")),
    )
    signals = [signal_json(s) for s in engine.scan(article) if s.alerts]
    return {"id": article_id, "signals": signals}


def scan_lines(engine: Engine, lines: Iterable[str]) -> Iterator[str]:
    """One output line per input line, in order; a bad line gets an error and the scan goes on."""
    for line in lines:
        yield json.dumps(_scan_one(engine, line.rstrip("\r\n")), ensure_ascii=False)
