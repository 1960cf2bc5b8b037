"""Scoring the engine against labelled articles (the taxonomy's evaluation format).

A predicted (trigger, country) pair in ``gold`` is a hit, a ``gold`` pair not predicted is a
miss, a predicted pair in neither ``gold`` nor ``also`` is a false alarm. Only alerting signals
count as predictions. Precision, recall and F1 per trigger and micro-averaged over all pairs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rules.engine import Engine
from rules.model import Article, Signal, article_from_record
from rules.taxonomy import TRIGGERS

__all__ = ["Counts", "EvalReport", "LabelledItem", "Mistake", "evaluate", "parse_labelled"]

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class LabelledItem:
    """One labelled article: pairs that must be found, and pairs that may be."""

    article: Article
    gold: frozenset[Pair]
    also: frozenset[Pair] = frozenset()


@dataclass(slots=True)
class Counts:
    """Hits, misses and false alarms, with the scores they give."""

    hits: int = 0
    misses: int = 0
    false_alarms: int = 0

    @property
    def precision(self) -> float:
        """hits / (hits + false alarms); 1.0 when nothing was predicted."""
        predicted = self.hits + self.false_alarms
        return self.hits / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        """hits / (hits + misses); 1.0 when nothing was expected."""
        expected = self.hits + self.misses
        return self.hits / expected if expected else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Mistake:
    """A miss or a false alarm, with what the engine said (for a false alarm)."""

    item_id: str
    pair: Pair
    title: str
    evidence: str = ""
    rule: str = ""


@dataclass(slots=True)
class EvalReport:
    """Scores per trigger and overall, and every mistake."""

    items: int = 0
    per_trigger: dict[str, Counts] = field(default_factory=dict)
    micro: Counts = field(default_factory=Counts)
    misses: list[Mistake] = field(default_factory=list)
    false_alarms: list[Mistake] = field(default_factory=list)

    def counts(self, trigger: str) -> Counts:
        """The counts of one trigger (created empty on first use)."""
        return self.per_trigger.setdefault(trigger, Counts())


def _pairs(value: Any, key: str) -> frozenset[Pair]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        raise ValueError(f"{key!r} must be a list of [trigger, country] pairs")
    pairs = set()
    for entry in value:
        if (
            not isinstance(entry, list | tuple)
            or len(entry) != 2
            or not all(isinstance(x, str) for x in entry)
        ):
            raise ValueError(
                f"{key!r} has an entry that is not a [trigger, country] pair: {entry!r}"
            )
        trigger, country = entry
        if trigger not in TRIGGERS:
            raise ValueError(f"{key!r} names an unknown trigger {trigger!r}")
        pairs.add((trigger, country.upper()))
    return frozenset(pairs)


def parse_labelled(line: str, number: int) -> LabelledItem:
    """One line of a labelled file; ``ValueError`` says what is wrong with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object")
    article = article_from_record(record, str(record.get("id") or f"line {number}"))
    return LabelledItem(
        article, _pairs(record.get("gold"), "gold"), _pairs(record.get("also"), "also")
    )


def _best(signals: list[Signal]) -> dict[Pair, Signal]:
    return {(s.trigger, s.country): s for s in signals if s.alerts}


def evaluate(engine: Engine, items: Iterable[LabelledItem]) -> EvalReport:
    """Scan every item and score the alerting pairs against its labels."""
    report = EvalReport()
    for item in items:
        report.items += 1
        predicted = _best(engine.scan(item.article))
        title = item.article.title or item.article.text[:80]
        for pair in sorted(item.gold):
            counts = report.counts(pair[0])
            if pair in predicted:
                counts.hits += 1
                report.micro.hits += 1
            else:
                counts.misses += 1
                report.micro.misses += 1
                report.misses.append(Mistake(item.article.id, pair, title))
        for pair, signal in sorted(predicted.items()):
            if pair in item.gold or pair in item.also:
                continue
            report.counts(pair[0]).false_alarms += 1
            report.micro.false_alarms += 1
            report.false_alarms.append(
                Mistake(item.article.id, pair, title, signal.evidence, signal.rule)
            )
    return report
