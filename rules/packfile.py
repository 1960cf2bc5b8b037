"""YAML for rule packs: safe loading that keeps line numbers and refuses traps.

Mappings and lists come back as ``dict``/``list`` subclasses that remember the line of every key
and item, so validation can name the line of a mistake. Duplicate keys and anchors/aliases are
refused (aliases could expand exponentially), and only true/false are booleans: ``NO`` stays
Norway and ``no`` stays a word.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["LineDict", "LineList", "YamlAliasError", "line_of", "parse_yaml"]


class YamlAliasError(Exception):
    """The document uses an anchor/alias, which packs may not."""

    def __init__(self, line: int | None) -> None:
        super().__init__("YAML anchors/aliases are not allowed")
        self.line = line


class LineDict(dict[Any, Any]):
    line: int = 0
    key_lines: dict[Any, int]


class LineList(list[Any]):
    line: int = 0
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps line numbers, rejects duplicate keys, and reads only true/false as
    booleans (so ``NO`` stays Norway and ``no`` stays a word)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool):
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain text", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def parse_yaml(text: str) -> Any:
    """Parse one YAML document; aliases are refused (no exponential expansion)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            raise YamlAliasError(mark.line + 1 if mark else None)
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader subclass


def line_of(container: Any, key: Any, default: int | None) -> int | None:
    """Line of ``key`` (a mapping key or list index) in ``container``, else ``default``."""
    if isinstance(container, LineDict):
        return container.key_lines.get(key, container.line)
    if isinstance(container, LineList) and isinstance(key, int) and key < len(container):
        return container.item_lines[key]
    return default
