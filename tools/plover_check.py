"""Trigger-level precision and recall on the PLOVER gold-standard sentences (a sanity check).

Reads ``shared/data/plover_gsr_cameo.jsonl`` beside the repository (others' data, CC BY-SA 4.0:
read here, never copied into the project) and maps PLOVER labels to our triggers as the table in
``shared/data/README.md`` says. Countries are ignored: CAMEO actor codes are not ISO codes.

    .venv/bin/python -m tools.plover_check [PATH]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from rules import load_engine
from rules.model import Article

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover_gsr_cameo.jsonl"


def _protest(label: str) -> bool:
    # PROTEST, PROTEST:riot*, PROTEST:demo-*; strikes and hunger strikes are not unrest.
    return label == "PROTEST" or label.startswith(("PROTEST:riot", "PROTEST:demo"))


def _strike(labels: list[str]) -> bool:
    return any(label.startswith("PROTEST:strike") for label in labels)


# (row name, our triggers — a hit if any is predicted, which labels belong to the row)
ROWS: list[tuple[str, frozenset[str], Callable[[str], bool]]] = [
    ("PROTEST riot/demo", frozenset({"unrest"}), _protest),
    (
        "COERCE curfew/martial-law",
        frozenset({"emergency_rule"}),
        lambda x: x in {"COERCE:curfew", "COERCE:martial-law"},
    ),
    (
        "THREATEN curfew/martial-law",
        frozenset({"emergency_rule"}),
        lambda x: x in {"THREATEN:curfew", "THREATEN:martial-law"},
    ),
    ("MOBILIZE:troops", frozenset({"troop_massing"}), lambda x: x == "MOBILIZE:troops"),
    ("RETREAT", frozenset({"withdrawal", "de_escalation"}), lambda x: x.startswith("RETREAT")),
    ("SANCTION", frozenset({"sanctions"}), lambda x: x.startswith("SANCTION")),
    ("FIGHT, ASSAULT", frozenset({"armed_conflict"}), lambda x: x.startswith(("FIGHT", "ASSAULT"))),
    (
        "COERCE arrest/detain",
        frozenset({"crackdown"}),
        lambda x: x in {"COERCE:arrest", "COERCE:detain"},
    ),
    ("COERCE:censor", frozenset({"comms_blackout"}), lambda x: x == "COERCE:censor"),
    ("AGREE", frozenset({"de_escalation"}), lambda x: x.startswith("AGREE")),
]


def main(path: Path = DEFAULT) -> int:
    if not path.is_file():
        print(f"{path} not found (it lives in the team's shared folder)", file=sys.stderr)
        return 2
    engine = load_engine().engine
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    predicted = [
        {s.trigger for s in engine.scan(Article(r["id"], "", r["text"])) if s.alerts}
        for r in records
    ]
    print(f"{len(records)} sentences")
    print(f"{'PLOVER row':<28} {'ours':<26} {'n':>3} {'recall':>7} {'precision':>9}")
    for name, ours, belongs in ROWS:
        labelled = [
            any(belongs(label) for label in r["labels"])
            and not (belongs is _protest and _strike(r["labels"]))
            for r in records
        ]
        # Precision counts a firing as right when any row mapping to the same triggers
        # labels the sentence (curfews imposed and threatened are both emergency_rule).
        kin = [b for _n, o, b in ROWS if o == ours]
        right = [
            any(b(label) for b in kin for label in r["labels"])
            and not (_protest in kin and _strike(r["labels"]))
            for r in records
        ]
        fired = [bool(ours & p) for p in predicted]
        hits = sum(1 for lab, f in zip(labelled, fired, strict=True) if lab and f)
        correct = sum(1 for ok, f in zip(right, fired, strict=True) if ok and f)
        n, n_fired = sum(labelled), sum(fired)
        recall = hits / n if n else float("nan")
        precision = correct / n_fired if n_fired else float("nan")
        print(f"{name:<28} {'/'.join(sorted(ours)):<26} {n:>3} {recall:>7.2f} {precision:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT))
