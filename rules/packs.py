"""Rule packs: load shipped and user YAML packs and build the engine.

A pack is a YAML file with an optional pack-wide ``trigger`` and a list of ``rules``, each
validated by ``rules.ruleschema``. Every mistake becomes a ``PackProblem`` naming the file, the
line and the reason. A user pack with any problem is skipped whole and the others keep working; a
user rule with the id of a shipped rule replaces it; ids listed in ``disabled`` are dropped.
"""

from __future__ import annotations

import pathlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import yaml

from rules.engine import Engine
from rules.gazetteer import Gazetteer, load_gazetteer
from rules.packfile import YamlAliasError, line_of, parse_yaml
from rules.rule import Rule
from rules.ruleschema import InvalidRuleError, parse_rule
from rules.taxonomy import TRIGGERS

__all__ = ["SHIPPED_DIR", "LoadedEngine", "PackProblem", "load_engine", "load_pack"]

SHIPPED_DIR = pathlib.Path(__file__).parent / "packs"
MAX_FILE_BYTES = 512 * 1024
MAX_RULES_PER_FILE = 500

_PACK_KEYS = frozenset({"trigger", "description", "rules"})


@dataclass(frozen=True)
class PackProblem:
    """One mistake in a rule pack: where it is and what is wrong."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line if self.line is not None else '?'}: {self.reason}"


@dataclass(frozen=True)
class LoadedEngine:
    """The engine built from all good packs, the problems found, and how many rules it runs."""

    engine: Engine
    problems: list[PackProblem]
    rule_count: int


def load_pack(
    path: pathlib.Path, name: str, gazetteer: Gazetteer
) -> tuple[list[Rule], list[PackProblem]]:
    """Read and validate one pack file. ``name`` is how problems refer to the file."""
    problems: list[PackProblem] = []
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [PackProblem(name, None, f"cannot read file: {exc.strerror or exc}")]
    if len(data) > MAX_FILE_BYTES:
        return [], [PackProblem(name, None, f"file larger than {MAX_FILE_BYTES} bytes")]
    try:
        raw = parse_yaml(data.decode("utf-8"))
    except UnicodeDecodeError:
        return [], [PackProblem(name, None, "file is not UTF-8 text")]
    except YamlAliasError as exc:
        return [], [PackProblem(name, exc.line, str(exc))]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = str(getattr(exc, "problem", None) or exc).strip()
        return [], [PackProblem(name, mark.line + 1 if mark else None, f"invalid YAML: {reason}")]
    if not isinstance(raw, dict):
        return [], [PackProblem(name, 1, "a pack must be a mapping with a 'rules' list")]
    unknown = set(raw) - _PACK_KEYS
    for key in sorted(map(str, unknown)):
        problems.append(PackProblem(name, line_of(raw, key, 1), f"unknown key {key!r} in pack"))
    pack_trigger = raw.get("trigger")
    if pack_trigger is not None and pack_trigger not in TRIGGERS:
        problems.append(
            PackProblem(name, line_of(raw, "trigger", 1), f"unknown trigger {pack_trigger!r}")
        )
        pack_trigger = None
    items = raw.get("rules")
    if not isinstance(items, list) or not items:
        problems.append(
            PackProblem(name, line_of(raw, "rules", 1), "'rules' must be a non-empty list")
        )
        return [], problems
    if len(items) > MAX_RULES_PER_FILE:
        line = getattr(items, "line", None)
        problems.append(PackProblem(name, line, f"more than {MAX_RULES_PER_FILE} rules"))
        return [], problems
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        item_line = line_of(items, index, None)
        try:
            rule = parse_rule(item, item_line, pack_trigger, name, gazetteer)
        except InvalidRuleError as exc:
            problems.append(PackProblem(name, exc.line, exc.reason))
            continue
        if rule.id in seen:
            problems.append(PackProblem(name, rule.line, f"duplicate rule id {rule.id!r}"))
            continue
        seen.add(rule.id)
        rules.append(rule)
    return rules, problems


def _pack_files(folder: pathlib.Path) -> list[pathlib.Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_engine(
    user_dirs: Sequence[pathlib.Path] = (),
    disabled: Collection[str] = (),
    *,
    undated_year: int | None = None,
    passing_mentions: bool = False,
) -> LoadedEngine:
    """Build the engine from the shipped packs plus user pack folders (``undated_year`` and
    ``passing_mentions``: see ``Engine``).

    Shipped rules with problems are left out (and reported). A user pack file with any problem is
    skipped whole. User rules replace shipped rules with the same id; ``disabled`` ids are dropped.
    """
    gazetteer = load_gazetteer()
    problems: list[PackProblem] = []
    rules: dict[str, Rule] = {}
    for path in _pack_files(SHIPPED_DIR):
        pack_rules, pack_problems = load_pack(path, f"rules/packs/{path.name}", gazetteer)
        problems.extend(pack_problems)
        for rule in pack_rules:
            if rule.id in rules:
                problems.append(
                    PackProblem(rule.source, rule.line, f"duplicate rule id {rule.id!r}")
                )
                continue
            rules[rule.id] = rule
    for folder in user_dirs:
        if not folder.is_dir():
            problems.append(PackProblem(str(folder), None, "rule folder not found"))
            continue
        for path in _pack_files(folder):
            pack_rules, pack_problems = load_pack(path, str(path), gazetteer)
            if pack_problems:
                problems.extend(pack_problems)
                problems.append(
                    PackProblem(str(path), None, "pack skipped because of the problems above")
                )
                continue
            for rule in pack_rules:
                rules[rule.id] = rule
    for rule_id in disabled:
        if rules.pop(rule_id, None) is None:
            problems.append(PackProblem("disabled", None, f"no rule with id {rule_id!r}"))
    final = list(rules.values())
    engine = Engine(final, gazetteer, undated_year=undated_year, passing_mentions=passing_mentions)
    return LoadedEngine(engine, problems, len(final))
