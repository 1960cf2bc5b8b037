"""The schema of one rule in a pack: its keys, their values and limits, validated into a ``Rule``.

``parse_rule`` turns a rule mapping read by ``rules.packfile`` into a ``Rule``, or raises an
``InvalidRuleError`` naming the line and the reason (``rules.packs`` collects it as a
``PackProblem``). There is no pattern syntax beyond ``{a,b}`` alternatives, and phrases, groups
and windows are bounded, so nothing in a pack can make matching slow.
"""

from __future__ import annotations

import re
from typing import Any

from rules.gazetteer import Gazetteer
from rules.model import Modality, Severity
from rules.packfile import line_of
from rules.rule import DEFAULT_ATTRIBUTION, Attribution, Example, Rule
from rules.taxonomy import TRIGGERS
from rules.text import expand_phrase, normalise

__all__ = ["InvalidRuleError", "parse_rule"]

MAX_GROUPS = 5
MAX_PHRASES_PER_GROUP = 1000  # a bounded automaton: matching stays one linear pass
MAX_PHRASE_CHARS = 80
MAX_PHRASE_WORDS = 8
MAX_WINDOW = 40
MAX_EXAMPLES = 60

_RULE_ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_\-]+)+$")
_RULE_KEYS = frozenset(
    {
        "id",
        "trigger",
        "description",
        "severity",
        "all",
        "any",
        "window",
        "near",
        "near_window",
        "exclude",
        "countries",
        "attribution",
        "between_countries",
        "abroad",
        "examples",
    }
)
_EXAMPLE_KEYS = frozenset({"text", "title", "countries", "modality"})


class InvalidRuleError(Exception):
    """A validation failure at a line; ``rules.packs`` collects it into a ``PackProblem``."""

    def __init__(self, line: int | None, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def parse_rule(
    raw: Any, line: int | None, pack_trigger: str | None, source: str, gz: Gazetteer
) -> Rule:
    """Validate one rule mapping of pack ``source`` (``pack_trigger``: the pack-wide trigger)."""
    if not isinstance(raw, dict):
        raise InvalidRuleError(line, "a rule must be a mapping")
    line = getattr(raw, "line", line)
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        key = sorted(map(str, unknown))[0]
        raise InvalidRuleError(line_of(raw, key, line), f"unknown key {key!r} in rule")
    for required in ("id", "description"):
        if required not in raw:
            raise InvalidRuleError(line, f"rule is missing required field {required!r}")
    rule_id = raw["id"]
    if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
        raise InvalidRuleError(
            line_of(raw, "id", line), f"id {rule_id!r} must look like 'trigger_name.rule_name'"
        )
    trigger = raw.get("trigger", pack_trigger)
    if trigger is None:
        raise InvalidRuleError(line, f"rule {rule_id}: missing required field 'trigger'")
    if trigger not in TRIGGERS:
        hint = ", ".join(sorted(TRIGGERS))
        raise InvalidRuleError(
            line_of(raw, "trigger", line), f"rule {rule_id}: unknown trigger {trigger!r} ({hint})"
        )
    description = raw["description"]
    if not isinstance(description, str) or not description.strip():
        raise InvalidRuleError(
            line_of(raw, "description", line), f"rule {rule_id}: empty description"
        )
    severity = TRIGGERS[trigger].default_severity
    if "severity" in raw:
        try:
            severity = Severity.parse(str(raw["severity"]))
        except ValueError as exc:
            raise InvalidRuleError(
                line_of(raw, "severity", line), f"rule {rule_id}: {exc}"
            ) from None
    groups = _groups(raw, line, rule_id)
    window = _int_in(raw.get("window", 8), line_of(raw, "window", line), "window", 1, MAX_WINDOW)
    near, near_window, exclude = _context(raw, line, rule_id)
    countries = None
    if "countries" in raw:
        countries = _countries(raw["countries"], line_of(raw, "countries", line), "countries", gz)
    attribution = DEFAULT_ATTRIBUTION.get(trigger, Attribution.LOCATION)
    if "attribution" in raw:
        try:
            attribution = Attribution(str(raw["attribution"]))
        except ValueError:
            raise InvalidRuleError(
                line_of(raw, "attribution", line),
                f"rule {rule_id}: attribution must be actor, location or target",
            ) from None
    between = _flag(raw, "between_countries", line, rule_id)
    abroad = _flag(raw, "abroad", line, rule_id)
    fire: tuple[Example, ...] = ()
    quiet: tuple[Example, ...] = ()
    if "examples" in raw:
        fire, quiet = _examples(raw["examples"], line_of(raw, "examples", line), gz)
    return Rule(
        id=rule_id,
        trigger=trigger,
        description=description.strip(),
        severity=severity,
        groups=groups,
        window=window,
        near=near,
        near_window=near_window,
        exclude=exclude,
        countries=countries,
        attribution=attribution,
        between_countries=between,
        abroad=abroad,
        fire=fire,
        quiet=quiet,
        source=source,
        line=line,
    )


def _flag(raw: dict[Any, Any], key: str, line: int | None, rule_id: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise InvalidRuleError(
            line_of(raw, key, line), f"rule {rule_id}: {key} must be true or false"
        )
    return value


def _context(
    raw: dict[Any, Any], line: int | None, rule_id: str
) -> tuple[tuple[str, ...], int | None, tuple[str, ...]]:
    """A rule's ``near`` phrases, ``near_window`` and ``exclude`` phrases."""
    near: tuple[str, ...] = ()
    near_window = None
    if "near" in raw:
        near = _phrases(raw["near"], line_of(raw, "near", line), f"rule {rule_id}: near")
    if "near_window" in raw:
        near_window = _int_in(
            raw["near_window"], line_of(raw, "near_window", line), "near_window", 1, MAX_WINDOW
        )
    exclude: tuple[str, ...] = ()
    if "exclude" in raw:
        exclude = _phrases(
            raw["exclude"], line_of(raw, "exclude", line), f"rule {rule_id}: exclude"
        )
    return near, near_window, exclude


def _groups(raw: dict[Any, Any], line: int | None, rule_id: str) -> tuple[tuple[str, ...], ...]:
    groups: list[tuple[str, ...]] = []
    if "all" in raw:
        value = raw["all"]
        all_line = line_of(raw, "all", line)
        if not isinstance(value, list) or not value:
            raise InvalidRuleError(
                all_line, f"rule {rule_id}: 'all' must be a list of phrase lists"
            )
        for index, group in enumerate(value):
            groups.append(_phrases(group, line_of(value, index, all_line), f"rule {rule_id}: all"))
    if "any" in raw:
        groups.append(_phrases(raw["any"], line_of(raw, "any", line), f"rule {rule_id}: any"))
    if not groups:
        raise InvalidRuleError(line, f"rule {rule_id}: missing required field 'all' (or 'any')")
    if len(groups) > MAX_GROUPS:
        raise InvalidRuleError(line, f"rule {rule_id}: at most {MAX_GROUPS} phrase groups")
    return tuple(groups)


def _phrases(value: Any, line: int | None, what: str) -> tuple[str, ...]:
    """Validate a phrase list (or one phrase) and return its expanded, normalised forms."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise InvalidRuleError(line, f"{what}: expected a phrase or a non-empty list of phrases")
    forms: list[str] = []
    for index, item in enumerate(items):
        item_line = line_of(items, index, line)
        if not isinstance(item, str):
            raise InvalidRuleError(item_line, f"{what}: phrase {item!r} is not text (quote it)")
        if len(item) > 4 * MAX_PHRASE_CHARS:
            raise InvalidRuleError(item_line, f"{what}: phrase {item[:20]!r}... is too long")
        try:
            expanded = expand_phrase(item)
        except ValueError as exc:
            raise InvalidRuleError(item_line, f"{what}: phrase {item!r}: {exc}") from None
        for form in expanded:
            norm = normalise(form)
            if len(norm) > MAX_PHRASE_CHARS:
                raise InvalidRuleError(
                    item_line, f"{what}: phrase longer than {MAX_PHRASE_CHARS} characters"
                )
            if not any(ch.isalnum() for ch in norm):
                raise InvalidRuleError(
                    item_line, f"{what}: phrase {item!r} has no letters or digits"
                )
            if norm.count(" ") >= MAX_PHRASE_WORDS:
                raise InvalidRuleError(item_line, f"{what}: phrase {item!r} has too many words")
            if norm not in forms:
                forms.append(norm)
    if len(forms) > MAX_PHRASES_PER_GROUP:
        raise InvalidRuleError(line, f"{what}: more than {MAX_PHRASES_PER_GROUP} phrases")
    return tuple(forms)


def _int_in(value: Any, line: int | None, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidRuleError(line, f"{what}: expected a whole number from {low} to {high}")
    return value


def _countries(value: Any, line: int | None, what: str, gazetteer: Gazetteer) -> frozenset[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise InvalidRuleError(line, f"{what}: expected a list of countries or regions")
    codes: set[str] = set()
    for index, item in enumerate(items):
        item_line = line_of(items, index, line)
        resolved = gazetteer.resolve(item) if isinstance(item, str) else frozenset()
        if not resolved:
            hint = gazetteer.suggest(str(item)) if isinstance(item, str) else []
            extra = f" (did you mean {', '.join(hint)}?)" if hint else ""
            raise InvalidRuleError(item_line, f"{what}: unknown country or region {item!r}{extra}")
        codes |= resolved
    return frozenset(codes)


def _examples(
    value: Any, line: int | None, gazetteer: Gazetteer
) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if not isinstance(value, dict):
        raise InvalidRuleError(line, "examples: expected a mapping with 'fire' and/or 'quiet'")
    unknown = set(value) - {"fire", "quiet"}
    if unknown:
        key = sorted(map(str, unknown))[0]
        raise InvalidRuleError(line_of(value, key, line), f"examples: unknown key {key!r}")
    result: dict[str, list[Example]] = {"fire": [], "quiet": []}
    for kind in ("fire", "quiet"):
        items = value.get(kind, [])
        kind_line = line_of(value, kind, line)
        if not isinstance(items, list) or len(items) > MAX_EXAMPLES:
            raise InvalidRuleError(
                kind_line, f"examples.{kind}: expected a list (at most {MAX_EXAMPLES})"
            )
        for index, item in enumerate(items):
            item_line = line_of(items, index, kind_line)
            result[kind].append(_example(item, item_line, kind, gazetteer))
    return tuple(result["fire"]), tuple(result["quiet"])


def _example(item: Any, line: int | None, kind: str, gazetteer: Gazetteer) -> Example:
    what = f"examples.{kind}"
    if isinstance(item, str):
        item = {"text": item}
    if not isinstance(item, dict):
        raise InvalidRuleError(line, f"{what}: expected text or a mapping with 'text'")
    unknown = set(item) - _EXAMPLE_KEYS
    if unknown:
        raise InvalidRuleError(line, f"{what}: unknown key {sorted(map(str, unknown))[0]!r}")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InvalidRuleError(line, f"{what}: 'text' must be non-empty text")
    title = item.get("title", "")
    if not isinstance(title, str):
        raise InvalidRuleError(line, f"{what}: 'title' must be text")
    countries: frozenset[str] = frozenset()
    if "countries" in item:
        countries = _countries(item["countries"], line, f"{what}.countries", gazetteer)
    elif kind == "fire":
        raise InvalidRuleError(line, f"{what}: a firing example needs 'countries'")
    modality = None
    if "modality" in item:
        try:
            modality = Modality(str(item["modality"]))
        except ValueError:
            names = ", ".join(m.value for m in Modality)
            raise InvalidRuleError(
                line, f"{what}: unknown modality (expected one of: {names})"
            ) from None
    return Example(text, countries, title, modality, line)
