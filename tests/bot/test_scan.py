"""The scan contract: one output line per input line, in order; bad lines get an error."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from bot.scan import scan_lines
from rules import load_engine
from tests.support.riskbot import riskbot_command

ENGINE = load_engine().engine
CORE = {
    ("troop_massing", "RU"),
    ("troop_massing", "UA"),
    ("shoot_to_kill", "KZ"),
    ("withdrawal", "KZ"),
}


def pairs(line: str) -> set[tuple[str, str]]:
    return {(s["trigger"], s["country"]) for s in json.loads(line)["signals"]}


def test_lines_in_order_with_errors_in_place() -> None:
    lines = [
        json.dumps({"id": "a", "title": "Kazakh president sacks cabinet", "text": ""}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": 7}),
        "",
        json.dumps({"id": "z", "title": "Fans riot after derby as Shoot to Kill tops box office"}),
    ]
    out = [json.loads(x) for x in scan_lines(ENGINE, lines)]
    assert [o["id"] for o in out] == ["a", None, None, 7, None, "z"]
    assert ("government_crisis", "KZ") in {(s["trigger"], s["country"]) for s in out[0]["signals"]}
    assert "not valid JSON" in out[1]["error"]
    assert "expected a JSON object" in out[2]["error"]
    assert out[3]["signals"] == []
    assert "error" in out[4]
    assert out[5]["signals"] == []
    signal = out[0]["signals"][0]
    assert set(signal) >= {"trigger", "country", "severity", "modality", "evidence", "rule"}
    assert signal["modality"] in {"reported", "announced", "threatened"}


def test_only_alerting_modalities_are_listed() -> None:
    line = json.dumps(
        {
            "id": "d",
            "title": "",
            "text": "The ministry denied any build-up of troops near the Ukrainian border.",
        }
    )
    (out,) = scan_lines(ENGINE, [line])
    assert json.loads(out)["signals"] == []


def test_our_seed_story_through_the_cli(tmp_path: Path) -> None:
    story = {
        "id": "own",
        "title": (
            "Tokayev orders forces to shoot to kill; Russian-led troops to pull out of Kazakhstan"
        ),
        "text": "Russia has massed tens of thousands of troops near the Ukrainian border, Western "
        "officials say. In Kazakhstan, President Tokayev said security forces may fire without "
        "warning after dozens died in riots. The CSTO force that came at his request will start "
        "withdrawing from Kazakhstan this week.",
    }
    result = subprocess.run(
        riskbot_command("scan", "-"),
        input=json.dumps(story) + "\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert pairs(result.stdout) >= CORE


def test_shared_seed_eval_file(shared_dir: Path) -> None:
    seed = shared_dir / "seed" / "article.eval.jsonl"
    if not seed.is_file():
        pytest.skip("shared seed file not present")
    result = subprocess.run(
        riskbot_command("scan", str(seed)), capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(seed.read_text().splitlines()[0])
    found = pairs(result.stdout.splitlines()[0])
    gold = {tuple(p) for p in record["gold"]}
    allowed = gold | {tuple(p) for p in record["also"]}
    assert found >= CORE
    assert gold <= found, gold - found
    assert found <= allowed, found - allowed


def test_missing_file_is_a_plain_error() -> None:
    result = subprocess.run(
        riskbot_command("scan", "/nonexistent/file.jsonl"),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "no such file" in result.stderr and "Traceback" not in result.stderr
