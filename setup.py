"""Build hook: the rule engine's per-article path compiled to C with mypyc when it can be.

The modules are those listed in ``rules/native.py`` (``COMPILED``), which also decides at import
whether the compiled modules are used. Without a C compiler, or with ``RISKBOT_COMPILE=0``, the
package installs as plain Python and behaves the same, only slower.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

from setuptools import setup

HERE = Path(__file__).resolve().parent
# The compiled modules' shared library: rules/_native__mypyc.*.so, inside the package (a
# top-level module would not be found through an editable install's import mapping).
GROUP = "rules._native"


def _native() -> ModuleType:
    """``rules/native.py`` loaded on its own (it needs nothing but the standard library)."""
    spec = importlib.util.spec_from_file_location("riskbot_build_native", HERE / "rules" / "native.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extensions() -> list[Any]:
    native = _native()
    digest_file = HERE / "rules" / native.DIGEST_FILE
    digest_file.unlink(missing_ok=True)
    if os.environ.get("RISKBOT_COMPILE", "1") == "0":
        return []
    if not shutil.which(os.environ.get("CC", "cc")):
        print("riskbot: no C compiler found; installing the rule engine as plain Python")
        return []
    from mypyc.build import mypycify

    digest_file.write_text(native.sources_digest() + "\n", encoding="ascii")
    sources = [f"rules/{name}.py" for name in native.COMPILED]

    # No config file: the project's mypy settings name plugins the build environment lacks.
    return list(
        mypycify(
            ["--config-file=", "--ignore-missing-imports", *sources],
            opt_level="3",
            group_name=GROUP,
        )
    )


setup(ext_modules=extensions())
