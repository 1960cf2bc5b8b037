"""The compiled engine (mypyc, ``rules.native``) and the plain-Python one: same results, and the
guard that chooses between them notices sources changed since the build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rules import native

ROOT = Path(__file__).resolve().parents[2]
COMPILED = native.MODE.startswith("compiled")

# Scans the golden cases and generated articles, printing the engine's mode and every signal.
_SCAN = """
import json, sys
from datetime import datetime
from pathlib import Path
from benchmarks.engine import corpus, news_corpus
from rules import Article, load_engine, native
engine = load_engine().engine
articles = news_corpus(400) + corpus(200)
for line in Path("tests/rules/golden/engine_scan.jsonl").read_text(encoding="utf-8").splitlines():
    case = json.loads(line)
    published = datetime.fromisoformat(case["published"]) if case["published"] else None
    articles.append(Article(case["id"], case["title"], case["text"], published))
found = [
    [a.id, s.trigger, s.country, s.severity.label, s.modality.value, s.evidence, s.rule,
     list(s.matched)]
    for a in articles for s in engine.scan(a)
]
json.dump({"mode": native.MODE, "signals": found}, sys.stdout)
"""


def _scan(pure: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "RISKBOT_PURE_PYTHON"}
    if pure:
        env["RISKBOT_PURE_PYTHON"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _SCAN],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.skipif(not COMPILED, reason=f"the engine is not compiled here: {native.MODE}")
def test_compiled_and_plain_python_engines_agree() -> None:
    compiled = _scan(pure=False)
    plain = _scan(pure=True)
    assert compiled["mode"] == "compiled (mypyc)"
    assert plain["mode"] == "pure Python (RISKBOT_PURE_PYTHON=1)"
    assert isinstance(compiled["signals"], list) and len(compiled["signals"]) > 1000
    assert compiled["signals"] == plain["signals"]


def test_mode_is_what_runs() -> None:
    engine_file = sys.modules["rules.engine"].__file__ or ""
    if COMPILED:
        assert not engine_file.endswith(".py")
    else:
        assert native.MODE.startswith("pure Python (")
        assert engine_file.endswith("engine.py")


def test_digest_follows_the_compiled_sources(tmp_path: Path) -> None:
    folder = ROOT / "rules"
    for name in native.COMPILED:
        shutil.copy(folder / f"{name}.py", tmp_path / f"{name}.py")
    before = native.sources_digest(tmp_path)
    assert before == native.sources_digest(folder)
    (tmp_path / "packs.py").write_text("# not compiled: no effect\n", encoding="utf-8")
    assert native.sources_digest(tmp_path) == before
    source = tmp_path / f"{native.COMPILED[0]}.py"
    source.write_text(source.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert native.sources_digest(tmp_path) != before


def test_every_compiled_module_exists() -> None:
    assert len(set(native.COMPILED)) == len(native.COMPILED)
    for name in native.COMPILED:
        assert (ROOT / "rules" / f"{name}.py").exists(), name
