"""Running a rule's YAML examples against an engine, so examples double as tests.

A ``fire`` example passes when the engine alerts for the rule's trigger in exactly the example's
countries (and, if given, with the example's modality); a ``quiet`` example passes when nothing
alerts for the trigger (and, if a modality is given, the trigger is still found with it).
"""

from __future__ import annotations

from dataclasses import dataclass

from rules.engine import Engine
from rules.model import Article
from rules.rule import Example, Rule

__all__ = ["ExampleFailure", "check_example", "check_examples"]


@dataclass(frozen=True)
class ExampleFailure:
    """An example that does not behave as its rule pack says."""

    rule: str
    source: str
    line: int | None
    text: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.rule}: {self.reason}: {self.text!r}"


def check_example(engine: Engine, rule: Rule, example: Example, *, fire: bool) -> str | None:
    """Why ``example`` fails for ``rule`` (``None`` when it passes)."""
    signals = [
        s
        for s in engine.scan(Article("example", example.title, example.text))
        if s.trigger == rule.trigger
    ]
    alerting = {s.country for s in signals if s.alerts}
    if fire:
        if alerting != set(example.countries):
            found = ", ".join(f"{s.country}/{s.modality}" for s in signals) or "nothing"
            return f"expected {sorted(example.countries)} to alert, found {found}"
        if example.modality is not None and not any(
            s.modality is example.modality for s in signals
        ):
            return f"expected modality {example.modality}"
        return None
    if alerting:
        return f"expected no alert, got {sorted(alerting)}"
    if example.modality is not None and not any(s.modality is example.modality for s in signals):
        found = ", ".join(f"{s.country}/{s.modality}" for s in signals) or "nothing"
        return f"expected a {example.modality} signal, found {found}"
    return None


def check_examples(engine: Engine) -> list[ExampleFailure]:
    """Every failing example of every rule the engine runs."""
    failures: list[ExampleFailure] = []
    for rule in engine.rules:
        for examples, fire in ((rule.fire, True), (rule.quiet, False)):
            for example in examples:
                reason = check_example(engine, rule, example, fire=fire)
                if reason is not None:
                    failures.append(
                        ExampleFailure(rule.id, rule.source, example.line, example.text, reason)
                    )
    return failures
