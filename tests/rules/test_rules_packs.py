"""Rule pack loading: validation with file, line and reason; user packs; override and disable."""

from __future__ import annotations

import pathlib
import textwrap

import pytest

from rules import Article, PackProblem, load_engine
from rules.gazetteer import load_gazetteer
from rules.packs import load_pack

GOOD = """\
trigger: unrest
rules:
  - id: unrest.user_sit_in
    description: Pot-banging protests (a form the shipped packs do not know).
    any: ["{bang,banged,banging} pots and pans"]
    examples:
      fire:
        - {text: "Residents banged pots and pans in Almaty.", countries: [KZ]}
      quiet: ["The cat sat in the sun in Paris."]
"""


def write(folder: pathlib.Path, name: str, text: str) -> pathlib.Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(tmp_path: pathlib.Path, text: str) -> list[PackProblem]:
    path = write(tmp_path, "pack.yaml", text)
    _, problems = load_pack(path, "pack.yaml", load_gazetteer())
    return problems


def test_good_pack_loads(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "pack.yaml", GOOD)
    rules, problems = load_pack(path, "pack.yaml", load_gazetteer())
    assert problems == []
    assert [r.id for r in rules] == ["unrest.user_sit_in"]
    assert rules[0].groups == (
        ("bang pots and pans", "banged pots and pans", "banging pots and pans"),
    )


def test_broken_yaml_reports_line(tmp_path: pathlib.Path) -> None:
    problems = problems_of(tmp_path, "rules:\n  - id: a.b\n    all: [[x, y]\n  - id: c\n")
    assert len(problems) == 1
    assert problems[0].file == "pack.yaml"
    assert problems[0].line is not None
    assert "invalid YAML" in problems[0].reason


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (
            "rules:\n  - id: a.b\n    trigger: riots\n    description: d\n    any: [x]\n",
            3,
            "unknown trigger 'riots'",
        ),
        ("rules:\n  - id: unrest.x\n    trigger: unrest\n    any: [x]\n", 2, "'description'"),
        ("rules:\n  - id: unrest.x\n    trigger: unrest\n    description: d\n", 2, "'all'"),
        (
            "trigger: unrest\nrules:\n  - id: unrest.x\n    description: d\n    any: [x]\n"
            "    windo: 3\n",
            6,
            "unknown key 'windo'",
        ),
        (
            "trigger: unrest\nrules:\n  - id: unrest.x\n    description: d\n    any: [x]\n"
            "    window: 500\n",
            6,
            "window",
        ),
        (
            "trigger: unrest\nrules:\n  - id: unrest.x\n    description: d\n    any: [x]\n"
            "    severity: extreme\n",
            6,
            "unknown severity",
        ),
        (
            "trigger: unrest\nrules:\n  - id: unrest.x\n    description: d\n    any: [x]\n"
            "    countries: [Kazahkstan]\n",
            6,
            "did you mean Kazakhstan",
        ),
        (
            "trigger: unrest\nrules:\n  - id: unrest.x\n    description: d\n    any:\n"
            "      - ok\n      - 12\n",
            7,
            "not text",
        ),
        (
            "trigger: unrest\nrules:\n  - id: unrest.x\n    description: d\n    any: [x]\n"
            "    examples:\n      fire:\n        - {text: hi}\n",
            8,
            "needs 'countries'",
        ),
        ("trigger: unrest\nrules:\n  - id: Bad Id\n    description: d\n    any: [x]\n", 3, "id"),
        (
            "trigger: unrest\nrules:\n  - id: unrest.x\n    description: d\n    description: e\n"
            "    any: [x]\n",
            5,
            "duplicate key",
        ),
        ("a: &x [1]\nb: *x\n", 2, "aliases are not allowed"),
        (
            "trigger: unrest\nrules:\n  - id: unrest.x\n    description: d\n    any: [x]\n"
            "    between_countries: maybe\n",
            6,
            "between_countries must be true or false",
        ),
        (
            "trigger: unrest\nrules:\n  - id: unrest.x\n    description: d\n    any: [x]\n"
            "    abroad: 1\n",
            6,
            "abroad must be true or false",
        ),
    ],
)
def test_validation_problems(tmp_path: pathlib.Path, text: str, line: int, reason: str) -> None:
    problems = problems_of(tmp_path, text)
    assert problems, "expected a problem"
    assert problems[0].line == line, str(problems[0])
    assert reason in problems[0].reason
    assert str(problems[0]).startswith(f"pack.yaml:{line}: ")


def test_norway_stays_a_country_code(tmp_path: pathlib.Path) -> None:
    text = GOOD.replace("countries: [KZ]", "countries: [NO]").replace("Almaty", "Oslo")
    path = write(tmp_path, "pack.yaml", text)
    rules, problems = load_pack(path, "pack.yaml", load_gazetteer())
    assert problems == []
    assert rules[0].fire[0].countries == frozenset({"NO"})


def test_user_pack_adds_rules(tmp_path: pathlib.Path) -> None:
    write(tmp_path, "mine.yaml", GOOD)
    loaded = load_engine([tmp_path])
    base = load_engine()
    assert loaded.problems == []
    assert loaded.rule_count == base.rule_count + 1
    signals = loaded.engine.scan(Article("a", "", "Residents banged pots and pans in Almaty."))
    assert ("unrest", "KZ", "unrest.user_sit_in") in {
        (s.trigger, s.country, s.rule) for s in signals
    }


def test_broken_user_pack_is_skipped_and_others_keep_working(tmp_path: pathlib.Path) -> None:
    write(tmp_path, "a_good.yaml", GOOD)
    write(
        tmp_path,
        "b_bad.yaml",
        "rules:\n  - id: unrest.y\n    trigger: nope\n    description: d\n    any: [z]\n",
    )
    loaded = load_engine([tmp_path])
    assert any(p.file.endswith("b_bad.yaml") and p.line == 3 for p in loaded.problems)
    assert loaded.rule_count == load_engine().rule_count + 1
    assert "unrest.y" not in {r.id for r in loaded.engine.rules}


def test_user_rule_overrides_shipped_rule_by_id(tmp_path: pathlib.Path) -> None:
    override = GOOD.replace("unrest.user_sit_in", "unrest.protests")
    write(tmp_path, "override.yaml", override)
    loaded = load_engine([tmp_path])
    assert loaded.problems == []
    assert loaded.rule_count == load_engine().rule_count
    found = loaded.engine.scan(Article("a", "", "Protesters marched in Almaty."))
    assert not [s for s in found if s.rule == "unrest.protests"]


def test_disabled_rules_are_dropped() -> None:
    loaded = load_engine(disabled=["shoot_to_kill.order", "no.such_rule"])
    assert "shoot_to_kill.order" not in {r.id for r in loaded.engine.rules}
    assert loaded.rule_count == load_engine().rule_count - 1
    assert [p.reason for p in loaded.problems] == ["no rule with id 'no.such_rule'"]
    found = loaded.engine.scan(Article("a", "", "Tokayev issued shoot-to-kill orders."))
    assert not [s for s in found if s.trigger == "shoot_to_kill"]


def test_missing_user_folder_is_a_problem(tmp_path: pathlib.Path) -> None:
    loaded = load_engine([tmp_path / "absent"])
    assert [p.reason for p in loaded.problems] == ["rule folder not found"]
    assert loaded.rule_count == load_engine().rule_count
