"""Multi-phrase matcher: one Aho-Corasick automaton, Unicode word boundaries, leftmost-longest.

All phrases the engine cares about (rule phrases, exclusions, country aliases, look-alike guards)
go into one automaton, so an article is scanned once. The recipe follows the platform notes §6:
collect *overlapping* matches, keep those bounded by non-word characters on both sides, then pick
greedily leftmost-longest. Taking only the longest match per position instead would let a longer
pattern that ends inside a word ("sudden flood" in "sudden floods") hide a valid shorter one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from rules.text import is_word_char, normalise

__all__ = ["Hit", "PhraseMatcher"]

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Hit(Generic[K]):
    """One accepted match: character span in the searched text, the phrase and its keys."""

    start: int
    end: int
    phrase: str
    keys: tuple[K, ...]


class PhraseMatcher(Generic[K]):
    """Find normalised phrases in normalised text; each phrase maps to one or more keys.

    Keys may be sorted into *layers* (``layer_of``): leftmost-longest selection runs separately
    per layer, so a country alias never hides a rule phrase, nor a rule phrase an exclusion.
    """

    def __init__(
        self, phrases: Iterable[tuple[str, K]], layer_of: Callable[[K], int] | None = None
    ) -> None:
        keys_by_phrase: dict[str, list[K]] = {}
        for phrase, key in phrases:
            norm = normalise(phrase)
            if not norm:
                continue
            bucket = keys_by_phrase.setdefault(norm, [])
            if key not in bucket:
                bucket.append(key)
        self._layered: list[tuple[tuple[int, tuple[K, ...]], ...]] = []
        self._all_keys: list[tuple[K, ...]] = []
        self._phrases: list[str] = []
        self._automaton = ahocorasick.Automaton()
        for norm, keys in keys_by_phrase.items():
            self._automaton.add_word(norm, (len(self._phrases), len(norm)))
            by_layer: dict[int, list[K]] = {}
            for key in keys:
                by_layer.setdefault(layer_of(key) if layer_of else 0, []).append(key)
            self._layered.append(
                tuple((layer, tuple(ks)) for layer, ks in sorted(by_layer.items()))
            )
            self._all_keys.append(tuple(k for _, ks in sorted(by_layer.items()) for k in ks))
            self._phrases.append(norm)

        self._empty = not keys_by_phrase
        if not self._empty:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._phrases)

    @property
    def phrases(self) -> tuple[str, ...]:
        """Every distinct normalised phrase in the automaton (for benchmarks and tools)."""
        return tuple(self._phrases)

    def find(self, text: str) -> list[Hit[K]]:
        """Return non-overlapping, word-bounded, leftmost-longest hits in ``text``.

        ``text`` must already be normalised (see ``rules.text.normalise``).
        """
        if self._empty or not text:
            return []
        size = len(text)
        candidates: list[tuple[int, int, int]] = []
        for end, (index, length) in self._automaton.iter(text):
            start = end - length + 1
            stop = end + 1
            if start > 0 and is_word_char(text[start - 1]):
                continue
            if stop < size and is_word_char(text[stop]):
                continue
            candidates.append((start, -stop, index))
        if not candidates:
            return []
        candidates.sort()
        hits: list[Hit[K]] = []
        positions: dict[int, int] = {}
        for start, neg_stop, index in candidates:
            layered = self._layered[index]
            accepted: list[K] = []
            everything = True
            for layer, keys in layered:
                if start >= positions.get(layer, -1):
                    accepted.extend(keys)
                    positions[layer] = -neg_stop
                else:
                    everything = False
            if everything:
                hits.append(Hit(start, -neg_stop, self._phrases[index], self._all_keys[index]))
            elif accepted:
                hits.append(Hit(start, -neg_stop, self._phrases[index], tuple(accepted)))
        return hits
