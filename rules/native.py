"""Whether the rule engine's hot path runs compiled (mypyc) or as plain Python, decided at import.

Installing riskbot (``pip install``, ``make``) compiles the modules in ``COMPILED`` to C with
mypyc where a C compiler is present (``setup.py``); Python then loads the compiled module instead
of the source beside it. Both behave the same (``tests/rules/test_rules_native.py`` compares
their output). A compiled module built from other sources than those beside it (a source edited or
checked out since the build: ``setup.py`` records a digest of what it compiled) would run stale
code: then, and whenever ``RISKBOT_PURE_PYTHON=1`` is set,
every compiled module is bypassed and the sources are imported (all or none: compiled modules
reach into each other's classes). ``make`` rebuilds them when a source changes.

This is the only place in ``rules`` that reads files at import, and only its own sources.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

__all__ = ["COMPILED", "DIGEST_FILE", "LIBRARY", "MODE", "compiled_modules", "sources_digest"]

COMPILED = (
    "text",
    "matcher",
    "articlescan",
    "engine",
    "keys",
    "matches",
    "modality",
    "roles",
    "attribution",
    "evidence",
    "background",
    "cues",
    "tolls",
    "landmarks",
    "datelines",
)
"""The modules of ``rules`` that ``setup.py`` compiles (the per-article path of ``Engine.scan``)."""

DIGEST_FILE = "_native.sources"
"""Where ``setup.py`` records ``sources_digest()`` of the sources it compiled."""
LIBRARY = "_native__mypyc"
"""The shared library of the compiled modules (``setup.py`` builds it as ``rules._native``)."""

_FOLDER = Path(__file__).resolve().parent


def _extension(name: str) -> Path | None:
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = _FOLDER / f"{name}{suffix}"
        if path.exists():
            return path
    return None


def compiled_modules() -> dict[str, Path]:
    """The compiled module file of each ``COMPILED`` module that has one."""
    found = {name: _extension(name) for name in COMPILED}
    return {name: path for name, path in found.items() if path is not None}


def sources_digest(folder: Path = _FOLDER) -> str:
    """A digest of the ``COMPILED`` modules' sources (``setup.py`` records it at build time)."""
    digest = hashlib.sha256()
    for name in COMPILED:
        source = folder / f"{name}.py"
        digest.update(f"{name}\0".encode())
        digest.update(source.read_bytes() if source.exists() else b"\0missing")
    return digest.hexdigest()


def _stale() -> bool:
    """Whether the sources differ from those the compiled modules were built from."""
    try:
        built = (_FOLDER / DIGEST_FILE).read_text(encoding="ascii").strip()
    except OSError:
        return True
    return built != sources_digest()


class _Sources(importlib.abc.MetaPathFinder):
    """Imports the listed ``rules`` modules from their sources, past any compiled module."""

    def __init__(self, names: Sequence[str]) -> None:
        self._names = {f"rules.{name}" for name in names}

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self._names:
            return None
        return importlib.util.spec_from_file_location(
            fullname, _FOLDER / f"{fullname.rpartition('.')[2]}.py"
        )


def _decide() -> str:
    found = compiled_modules()
    library = _extension(LIBRARY)
    if not found or library is None:
        return "pure Python (not compiled: no C compiler at install, or RISKBOT_COMPILE=0)"
    reason = ""
    if os.environ.get("RISKBOT_PURE_PYTHON") == "1":
        reason = "RISKBOT_PURE_PYTHON=1"
    elif _stale():
        reason = "the sources changed since the compiled modules were built; make rebuilds them"
    elif len(found) < len(COMPILED):
        missing = sorted(set(COMPILED) - set(found))
        reason = f"compiled modules missing: {', '.join(missing)}; run make"
    if reason:
        sys.meta_path.insert(0, _Sources(COMPILED))
        return f"pure Python ({reason})"
    return "compiled (mypyc)"


# setup.py loads this file on its own (for COMPILED and sources_digest): decide as rules.native.
MODE = _decide() if __name__ == "rules.native" else "undecided"
"""How the engine runs in this process, in words (``make bench`` prints it)."""
