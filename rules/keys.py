"""What each automaton phrase means to the engine: its keys, sorted, and rule groups as bits.

Every phrase in the engine's one automaton carries keys: a rule group's phrase, a rule's ``near``
phrase or exclusion, a country alias, or a look-alike guard. ``PhraseKeys`` sorts a phrase's keys
once; ``RuleBits`` numbers each (rule, group) as one bit, so the groups present in a sentence are
one integer and the rules that may fire there are found with a few bit operations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from rules.matcher import fold_mark
from rules.rule import Rule

__all__ = ["Key", "PhraseKeys", "RuleBits", "layer_of"]

# Matcher keys: ("g", rule, group), ("n", rule, 0), ("x", rule, 0), ("c", code, 0), ("guard", "", 0)
Key = tuple[str, int | str, int]


class PhraseKeys:
    """A hit's keys sorted by what they mean to the engine (precomputed per phrase).

    ``bits`` has the bit of each (rule, group) the hit belongs to (``RuleBits``), ``excluding``
    bit ``r`` for each rule ``r`` the hit is an exclusion of.
    """

    __slots__ = ("bits", "countries", "excluded", "excluding", "groups", "near")

    def __init__(self, keys: Sequence[Key], bits: RuleBits) -> None:
        self.groups = tuple(
            (ref, group) for kind, ref, group in keys if kind == "g" and isinstance(ref, int)
        )
        self.near = tuple(ref for kind, ref, _ in keys if kind == "n" and isinstance(ref, int))
        self.excluded = tuple(ref for kind, ref, _ in keys if kind == "x" and isinstance(ref, int))
        self.countries = tuple(str(ref) for kind, ref, _ in keys if kind == "c")
        self.bits = 0
        for rule_index, group in self.groups:
            self.bits |= 1 << (bits.first[rule_index] + group)
        self.excluding = 0
        for rule_index in self.excluded:
            self.excluding |= 1 << rule_index


class RuleBits:
    """Each (rule, group) numbered as one bit, so a sentence's groups are one integer.

    A rule can fire in a sentence only when all its groups' bits are there and it is not
    excluded; that is checked before any phrase is filed.
    """

    __slots__ = (
        "anchors",
        "excluded_base",
        "exclusion",
        "first",
        "hints",
        "needed",
        "rule_at",
        "sure",
    )

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.first: list[int] = []
        self.needed: list[int] = []
        # The rule whose first group is bit ``b`` (``rule_at[b]``; -1 for other bits).
        self.rule_at: list[int] = []
        self.anchors = 0
        bit = 0
        for rule_index, rule in enumerate(rules):
            self.first.append(bit)
            self.needed.append(((1 << len(rule.groups)) - 1) << bit)
            self.rule_at.append(rule_index)
            self.rule_at.extend([-1] * (len(rule.groups) - 1))
            self.anchors |= 1 << bit
            bit += len(rule.groups)
        # Above the group bits, one bit per rule for its exclusions (``mark``).
        self.excluded_base = bit
        self.sure = ((1 << len(rules)) - 1) << bit
        self.exclusion = [1 << (bit + rule_index) for rule_index in range(len(rules))]
        # Each rule's groups folded as marks are (``rules.matcher.fold_mark``): ``may_fire``.
        self.hints = [fold_mark(needed) for needed in self.needed]

    def mark(self, key: Key) -> int:
        """The bit of a rule group's phrase, or of a rule's exclusion (0 for every other key).

        Group bits say a group *may* be in a sentence (its occurrence may lose the
        leftmost-longest choice to a longer phrase of the same rule). Exclusion bits (``sure``)
        are certain: a rule's exclusions are a layer of their own, where some occurrence always
        wins, so an exclusion occurrence anywhere in a sentence means the rule is excluded there.
        """
        kind, ref, group = key
        if not isinstance(ref, int):
            return 0
        if kind == "g":
            return 1 << (self.first[ref] + group)
        if kind == "x":
            return 1 << (self.excluded_base + ref)
        return 0

    def promising(self, marks: int) -> bool:
        """Whether a sentence whose occurrences carry ``marks`` may fire some rule: every group
        of the rule may be there and none of its exclusions surely is. (``candidates`` with
        ``marks >> excluded_base``, stopping at the first: most sentences are tested here.)"""
        anchors = marks & self.anchors
        if not anchors:
            return False
        excluding = marks >> self.excluded_base
        while anchors:
            lowest = anchors & -anchors
            anchors ^= lowest
            rule_index = self.rule_at[lowest.bit_length() - 1]
            needed = self.needed[rule_index]
            if marks & needed == needed and not excluding >> rule_index & 1:
                return True
        return False

    def fires(self, marks: int, rules: list[tuple[int, ...]]) -> bool:
        """``promising(marks)``, given in ``rules`` (perhaps more than once) every rule whose first
        group's bit is in ``marks``: only those rules are looked at, with no loop over the bits."""
        needed = self.needed
        exclusion = self.exclusion
        for anchored in rules:
            for rule_index in anchored:
                wanted = needed[rule_index]
                if marks & wanted == wanted and not marks & exclusion[rule_index]:
                    return True
        return False

    def may_fire(self, hint: int, rules: list[tuple[int, ...]]) -> bool:
        """Whether some of ``rules`` may have all its groups in marks whose folds make up
        ``hint`` (``rules.matcher.fold_mark``): when not, ``fires`` is false too. Small integers
        only, so most sentences are told apart from those that may fire without big-integer
        work."""
        hints = self.hints
        for anchored in rules:
            for rule_index in anchored:
                wanted = hints[rule_index]
                if hint & wanted == wanted:
                    return True
        return False

    def candidates(self, present: int, excluding: int) -> list[int]:
        """Rules (ascending) with every group in ``present`` and not in ``excluding``."""
        found: list[int] = []
        anchors = present & self.anchors
        while anchors:
            lowest = anchors & -anchors
            anchors ^= lowest
            rule_index = self.rule_at[lowest.bit_length() - 1]
            needed = self.needed[rule_index]
            if present & needed == needed and not excluding >> rule_index & 1:
                found.append(rule_index)
        return found


_KINDS: Final = {"g": 0, "n": 1, "x": 2}


def layer_of(key: Key) -> int:
    """Leftmost-longest runs per layer: each rule's phrases, near phrases and exclusions are one
    layer each, and countries with their guards another, so one rule never shadows another."""
    kind, ref, _ = key
    if isinstance(ref, int):
        return 1 + 3 * ref + _KINDS[kind]
    return 0
