"""`riskbot eval` and `riskbot rules list|check|explain`."""

from __future__ import annotations

import io
import json
from pathlib import Path

from bot.app import load_rules
from bot.ruletools import check_rules, explain, list_rules, run_eval
from bot.settings import Settings
from rules.evaluation import evaluate, parse_labelled

LOADED = load_rules(Settings())


def test_scores_hits_misses_and_false_alarms(tmp_path: Path) -> None:
    items = [
        # hit: government_crisis KZ; miss: coup ML (not in the text)
        {
            "id": "a",
            "title": "Kazakh president sacks cabinet",
            "text": "",
            "gold": [["government_crisis", "KZ"], ["coup", "ML"]],
            "also": [],
        },
        # a pair outside gold and also is a false alarm
        {
            "id": "b",
            "title": "Russia masses troops near the Ukrainian border",
            "text": "",
            "gold": [],
            "also": [["troop_massing", "UA"]],
        },
        # an acceptable pair is neither a hit nor a false alarm
        {
            "id": "c",
            "title": "Russia masses troops near the Ukrainian border",
            "text": "",
            "gold": [["troop_massing", "RU"]],
            "also": [["troop_massing", "UA"]],
        },
    ]
    report = evaluate(
        LOADED.engine, [parse_labelled(json.dumps(i), n) for n, i in enumerate(items)]
    )
    assert (report.micro.hits, report.micro.misses, report.micro.false_alarms) == (2, 1, 1)
    assert report.micro.precision == 2 / 3 and report.micro.recall == 2 / 3
    tm = report.per_trigger["troop_massing"]
    assert (tm.hits, tm.misses, tm.false_alarms) == (1, 0, 1)
    assert [(m.item_id, m.pair) for m in report.misses] == [("a", ("coup", "ML"))]
    assert [(m.item_id, m.pair) for m in report.false_alarms] == [("b", ("troop_massing", "RU"))]

    path = tmp_path / "eval.jsonl"
    path.write_text(
        "\n".join([*(json.dumps(i) for i in items), "{broken", '{"gold": [["nope", "KZ"]]}'])
    )
    out = io.StringIO()
    assert run_eval(LOADED, path, out, details=True, as_json=False) == 0
    text = out.getvalue()
    assert "micro                  0.667  0.667  0.667     2      1      1" in text
    assert "a: coup ML" in text and "b: troop_massing RU" in text
    assert "eval.jsonl:4: not valid JSON" in text and "unknown trigger 'nope'" in text
    out = io.StringIO()
    run_eval(LOADED, path, out, details=False, as_json=True)
    scores = json.loads(out.getvalue().splitlines()[0])
    assert scores["micro"]["hits"] == 2 and scores["items"] == 3


def test_rules_check_list_and_explain(tmp_path: Path) -> None:
    out = io.StringIO()
    assert check_rules(LOADED, out) == 0
    assert "0 pack problem(s), 0 failing example(s)" in out.getvalue()
    out = io.StringIO()
    list_rules(LOADED, out)
    assert "troop_massing.massing_near_border" in out.getvalue()
    out = io.StringIO()
    explain(LOADED, "The ministry denied any build-up of troops near the Ukrainian border.", out)
    assert "does not alert (denied)" in out.getvalue()


def test_broken_user_pack_is_reported_and_the_rest_works(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("trigger: coup\nrules:\n  - id: coup.mine\n    any: [\n")
    loaded = load_rules(Settings(rules_dir=tmp_path))
    out = io.StringIO()
    assert check_rules(loaded, out) == 1
    assert "mine.yaml:" in out.getvalue()
    out = io.StringIO()
    explain(loaded, "Russia has massed troops near the Ukrainian border.", out)
    assert "troop_massing · RU" in out.getvalue()


def test_explain_takes_a_long_text_that_is_no_file_name() -> None:
    text = "Russia has massed troops near the Ukrainian border. " + "Nothing else happened. " * 30
    out = io.StringIO()
    assert explain(LOADED, text, out) == 0
    assert "troop_massing · RU" in out.getvalue()
