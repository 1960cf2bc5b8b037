"""Cue literals: a cheap test of which cue regexes could match anywhere in a sentence.

Modality and attribution look for cue words with regular expressions that start with ``\\b``,
which the regex engine can only try at every position. Each such regex is paired with *cue
literals*: strings of which every possible match contains at least one. A ``CueSet`` finds all of
them in one Aho-Corasick pass (overlapping, no word boundaries) and reports which regexes have a
literal somewhere in the text; a regex without one cannot match in any part of the text, so it is
not run. The answers stay exactly those of the regexes.
"""

from __future__ import annotations

from collections.abc import Sequence

import ahocorasick

__all__ = ["CueSet"]


class CueSet:
    """Cue literal groups, numbered by position; ``present`` gives a bit per group found."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        self.groups = tuple(tuple(literals) for literals in groups)
        bits: dict[str, int] = {}
        for number, literals in enumerate(self.groups):
            for literal in literals:
                bits[literal] = bits.get(literal, 0) | 1 << number
        self._automaton = ahocorasick.Automaton()
        for literal, mask in bits.items():
            self._automaton.add_word(literal, mask)
        self._automaton.make_automaton()

    def present(self, text: str) -> int:
        """A bit mask: bit ``n`` is set when a literal of group ``n`` occurs in ``text``."""
        mask = 0
        for _, bits in self._automaton.iter(text):
            mask |= bits
        return mask
