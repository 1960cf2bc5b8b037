"""Every example in the shipped rule packs runs as a test: the packs' examples are the spec."""

from __future__ import annotations

import pytest

from rules import LoadedEngine, load_engine
from rules.examples import check_example
from rules.rule import Example, Rule

_LOADED = load_engine()


def _cases() -> list[tuple[Rule, Example, bool]]:
    cases = []
    for rule in _LOADED.engine.rules:
        cases.extend((rule, example, True) for example in rule.fire)
        cases.extend((rule, example, False) for example in rule.quiet)
    return cases


def _case_id(case: tuple[Rule, Example, bool]) -> str:
    rule, example, fire = case
    return f"{rule.id}:{'fire' if fire else 'quiet'}:{example.line}"


@pytest.fixture(scope="module")
def loaded() -> LoadedEngine:
    return _LOADED


def test_shipped_packs_have_no_problems(loaded: LoadedEngine) -> None:
    assert [str(p) for p in loaded.problems] == []
    assert loaded.rule_count == len(loaded.engine.rules) > 0


def test_every_rule_has_fire_and_quiet_examples(loaded: LoadedEngine) -> None:
    lacking = [r.id for r in loaded.engine.rules if not r.fire or not r.quiet]
    assert lacking == []


@pytest.mark.parametrize("case", _cases(), ids=_case_id)
def test_pack_example(case: tuple[Rule, Example, bool]) -> None:
    rule, example, fire = case
    reason = check_example(_LOADED.engine, rule, example, fire=fire)
    assert reason is None, f"{rule.source}:{example.line}: {reason}"
