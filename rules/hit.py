"""What ``PhraseMatcher.find`` returns: one accepted match.

A module of its own because the matcher is compiled with mypyc (see ``rules.native``), which
does not compile generic dataclasses; this one stays plain Python.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["Hit"]

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Hit(Generic[K]):
    """One accepted match: character span in the searched text, the phrase and its keys."""

    start: int
    end: int
    phrase: str
    keys: tuple[K, ...]
