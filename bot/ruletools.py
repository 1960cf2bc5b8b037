"""``riskbot rules list|check|explain`` and ``riskbot eval``: inspecting and scoring the engine."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TextIO

from rules import LoadedEngine
from rules.evaluation import Counts, EvalReport, LabelledItem, evaluate, parse_labelled
from rules.examples import check_examples
from rules.model import Article
from rules.taxonomy import TRIGGERS

__all__ = ["check_rules", "explain", "list_rules", "run_eval"]


def list_rules(loaded: LoadedEngine, out: TextIO) -> int:
    """One line per rule: id, trigger, severity, where it comes from, what it means."""
    for rule in sorted(loaded.engine.rules, key=lambda r: (r.trigger, r.id)):
        source = Path(rule.source).name if rule.source else "?"
        out.write(
            f"{rule.id:<44} {rule.trigger:<21} {rule.severity.label:<8} {source:<24} "
            f"{rule.description}\n"
        )
    out.write(f"{loaded.rule_count} rule(s) for {len(TRIGGERS)} trigger(s)\n")
    return 0


def check_rules(loaded: LoadedEngine, out: TextIO) -> int:
    """Validate every pack and run every rule's examples; 1 when anything is wrong."""
    for problem in loaded.problems:
        out.write(f"pack problem: {problem}\n")
    failures = check_examples(loaded.engine)
    for failure in failures:
        out.write(f"example fails: {failure}\n")
    examples = sum(len(r.fire) + len(r.quiet) for r in loaded.engine.rules)
    out.write(
        f"{loaded.rule_count} rule(s), {examples} example(s): {len(loaded.problems)} pack "
        f"problem(s), {len(failures)} failing example(s)\n"
    )
    return 1 if loaded.problems or failures else 0


def _file_text(subject: str) -> str:
    """The text of the file ``subject`` names, or ``subject`` itself when it names none (a long
    text is no file name: the system refuses it as one)."""
    path = Path(subject)
    try:
        return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else subject
    except OSError:
        return subject


def explain(
    loaded: LoadedEngine,
    subject: str,
    out: TextIO,
    *,
    title: str = "",
    published: datetime | None = None,
) -> int:
    """Every signal in a text (or a text file) with its rule, modality, words and sentence. A
    headline and a publication date, when given, are read as the article's (headlines count as
    evidence; the date tells a past year from this one)."""
    text = _file_text(subject)
    signals = loaded.engine.scan(Article("explain", title, text, published))
    if not signals:
        out.write("no trigger found\n")
        return 0
    for s in signals:
        verdict = "alerts" if s.alerts else f"does not alert ({s.modality.value})"
        out.write(
            f"{s.trigger} · {s.country} · {s.modality.value} · {s.severity.label} · {verdict}\n"
            f"  rule:     {s.rule}\n"
            f"  matched:  {', '.join(s.matched) or '-'}\n"
            f"  sentence: {s.evidence}\n"
        )
    return 0


def read_labelled(path: Path) -> tuple[list[LabelledItem], list[str]]:
    """The items of a labelled JSON Lines file, and a line-numbered reason for each bad line."""
    items: list[LabelledItem] = []
    problems: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                items.append(parse_labelled(line, number))
            except ValueError as exc:
                problems.append(f"{path}:{number}: {exc}")
    return items, problems


def _row(name: str, c: Counts) -> str:
    return (
        f"{name:<21} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
        f"{c.hits:5d} {c.misses:6d} {c.false_alarms:6d}"
    )


def render_report(report: EvalReport, *, details: bool) -> str:
    """The score table, then the misses and false alarms."""
    lines = [
        f"{report.items} item(s)",
        f"{'trigger':<21} {'prec':>6} {'recall':>6} {'f1':>6} {'hits':>5} {'misses':>6} "
        f"{'false':>6}",
    ]
    lines += [_row(t, report.per_trigger[t]) for t in TRIGGERS if t in report.per_trigger]
    lines.append(_row("micro", report.micro))
    if details:
        lines.append("")
        lines.append(f"misses ({len(report.misses)}):")
        lines += [f"  {m.item_id}: {m.pair[0]} {m.pair[1]} — {m.title}" for m in report.misses]
        lines.append(f"false alarms ({len(report.false_alarms)}):")
        lines += [
            f"  {m.item_id}: {m.pair[0]} {m.pair[1]} [{m.rule}] — {m.evidence}"
            for m in report.false_alarms
        ]
    return "\n".join(lines)


def report_json(report: EvalReport) -> str:
    """The scores as one JSON object (for scripts and CI)."""

    def scores(c: Counts) -> dict[str, float | int]:
        return {
            "precision": round(c.precision, 4),
            "recall": round(c.recall, 4),
            "f1": round(c.f1, 4),
            "hits": c.hits,
            "misses": c.misses,
            "false_alarms": c.false_alarms,
        }

    return json.dumps(
        {
            "items": report.items,
            "micro": scores(report.micro),
            "per_trigger": {t: scores(c) for t, c in sorted(report.per_trigger.items())},
        }
    )


def run_eval(loaded: LoadedEngine, path: Path, out: TextIO, *, details: bool, as_json: bool) -> int:
    """Score the engine on a labelled file; bad lines are reported and skipped."""
    items, problems = read_labelled(path)
    report = evaluate(loaded.engine, items)
    out.write((report_json(report) if as_json else render_report(report, details=details)) + "\n")
    for problem in problems:
        out.write(f"skipped {problem}\n")
    return 0
