"""Rule matches within one sentence: its rule phrases filed per group, and the valid matches.

A sentence whose marks hold every group of some rule has its settled hits filed per (rule, group)
and per ``near`` rule (``file_phrases``); ``valid_matches`` then finds every valid match of a rule
there: one phrase per group, all within the rule's word window, tightest (then leftmost) first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import Final

from rules.keys import Key, PhraseKeys, RuleBits
from rules.matcher import Span
from rules.rule import Rule

__all__ = ["MAX_HITS_PER_GROUP", "Phrase", "SentencePhrases", "file_phrases", "valid_matches"]

MAX_HITS_PER_GROUP: Final = 12
# Triggers whose match may not take phrases from both sides of a headline's " as " ("Ethiopia
# masses troops near Eritrea as Asmara calls up reservists" is no Ethiopian call-up). Measured: the
# others' matches legitimately span it ("Kenya to withdraw police from Haiti as new units arrive")
# or gain nothing from the split.
PARTED_TRIGGERS: Final = frozenset({"armed_conflict", "mobilization"})
_AS: Final = re.compile(
    r"(?<!such)(?<!well)(?<!same)(?<!just) as (?!(?:well|many|much|part|long|soon|far|of)\b)"
)

Phrase = tuple[int, int, int, str]
"""A rule phrase found in a sentence: word index, start, end (in the sentence), phrase."""


class SentencePhrases:
    """One anchored sentence's rule phrases: per (rule, group), per near rule, exclusions."""

    __slots__ = ("asides", "excluded", "exclusions", "groups", "items", "near")

    def __init__(self) -> None:
        self.groups: dict[tuple[int, int], list[Phrase]] = {}
        self.near: dict[int, list[Phrase]] = {}
        self.excluded: set[int] = set()
        # Where a headline's semicolons stand: they part separate items ("Niger orders Italian
        # mission out; dozens of Malian soldiers killed"), and a match takes its phrases from one
        # item. (In body text a semicolon is prose.)
        self.items: list[int] = []
        # In such a headline, where each rule's exclusions stand: one excludes only the matches
        # of its own item ("France completes withdrawal from Niger; Russian troops arrive").
        self.exclusions: dict[int, list[int]] = {}
        # Where a headline's " as " parts two events ("Uganda flies in more troops as Upper Nile
        # fighting spreads"): a fighting match takes its phrases from one of them.
        self.asides: list[int] = []


def file_phrases(
    spans: list[Span[Key]],
    text: str,
    offset: int,
    *,
    info: list[PhraseKeys],
    bits: RuleBits,
    phrase_of: Callable[[int], str],
    headline: bool = False,
) -> SentencePhrases:
    """The rule phrases of a sentence, filed per rule group (capped per group).

    ``spans`` are the sentence's settled hits, at ``offset`` in the text searched; ``text`` is the
    normalised sentence and ``info`` each phrase's sorted keys; ``headline`` for a title.
    """
    bucket = SentencePhrases()
    if headline and ";" in text:
        bucket.items = [index for index, char in enumerate(text) if char == ";"]
    if headline and " as " in text:
        bucket.asides = [m.start() for m in _AS.finditer(text)]
    groups = bucket.groups
    near = bucket.near
    for start, stop, phrase_index, keys in spans:
        found = info[phrase_index] if keys is None else PhraseKeys(keys, bits)
        if found.groups or found.near:
            local = start - offset
            phrase: Phrase = (
                text.count(" ", 0, local),
                local,
                stop - offset,
                phrase_of(phrase_index),
            )
            for key in found.groups:
                hits = groups.get(key)
                if hits is None:
                    groups[key] = [phrase]
                elif len(hits) < MAX_HITS_PER_GROUP:
                    hits.append(phrase)
            for rule_index in found.near:
                hits = near.get(rule_index)
                if hits is None:
                    near[rule_index] = [phrase]
                elif len(hits) < MAX_HITS_PER_GROUP:
                    hits.append(phrase)
        if found.excluded:
            bucket.excluded.update(found.excluded)
            if bucket.items:
                for rule_index in found.excluded:
                    bucket.exclusions.setdefault(rule_index, []).append(start - offset)
    return bucket


def excluded_in_item(bucket: SentencePhrases, rule_index: int, picked: list[Phrase]) -> bool:
    """Whether one of the rule's exclusions stands in the headline item of the match."""
    item = bisect_right(bucket.items, picked[0][1])
    return any(
        bisect_right(bucket.items, position) == item
        for position in bucket.exclusions.get(rule_index, ())
    )


def valid_matches(bucket: SentencePhrases, rule_index: int, rule: Rule) -> list[list[Phrase]]:
    """Every valid match of the rule in the sentence: one hit per group, all within the rule's
    window (each tightest such set), with a ``near`` phrase when the rule needs one. Tightest
    (then leftmost) first; empty when the rule does not fire."""
    if len(rule.groups) == 1:  # one hit: its span is 0 words, within any window
        first = bucket.groups.get((rule_index, 0))
        if not first:
            return []
        singles = [[hit] for hit in first]
        if rule.near:
            return [p for p in singles if _near_ok(bucket, rule_index, rule, p)]
        return singles
    events: list[tuple[int, int, Phrase]] = []
    for group_index in range(len(rule.groups)):
        found = bucket.groups.get((rule_index, group_index))
        if not found:
            return []
        events.extend((p[0], group_index, p) for p in found)
    events.sort(key=_event_order)
    needed = len(rule.groups)
    counts: dict[int, int] = {}
    windows: list[tuple[int, int, int]] = []
    left = 0
    for right, (word, group_index, _) in enumerate(events):
        counts[group_index] = counts.get(group_index, 0) + 1
        shortest: tuple[int, int, int] | None = None
        while len(counts) == needed:
            span = word - events[left][0]
            if span <= rule.window:
                shortest = (span, left, right)
            left_group = events[left][1]
            counts[left_group] -= 1
            if counts[left_group] == 0:
                del counts[left_group]
            left += 1
        if shortest is not None:
            windows.append(shortest)
    windows.sort(key=_window_order)
    picks: list[list[Phrase]] = []
    seen: set[tuple[Phrase, ...]] = set()
    for _, low, high in windows:
        chosen: dict[int, Phrase] = {}
        for _, group_index, phrase in events[low : high + 1]:
            chosen.setdefault(group_index, phrase)
        picked = [chosen[g] for g in range(needed)]
        key = tuple(picked)
        if key in seen:
            continue
        seen.add(key)
        if rule.near and not _near_ok(bucket, rule_index, rule, picked):
            continue
        if bucket.items and _across_items(bucket.items, picked):
            continue
        if (
            bucket.asides
            and rule.trigger in PARTED_TRIGGERS
            and _across_items(bucket.asides, picked)
        ):
            continue
        picks.append(picked)
    return picks


def _across_items(semicolons: list[int], picked: list[Phrase]) -> bool:
    """Whether the phrases of a match stand on both sides of a semicolon."""
    low = min([p[1] for p in picked])
    high = max([p[2] for p in picked])
    return any(low < position < high for position in semicolons)


def _window_order(window: tuple[int, int, int]) -> tuple[int, int]:
    return window[0], window[1]


def _event_order(event: tuple[int, int, Phrase]) -> tuple[int, int]:
    return event[0], event[1]


def _near_ok(bucket: SentencePhrases, rule_index: int, rule: Rule, picked: list[Phrase]) -> bool:
    found = bucket.near.get(rule_index)
    if not found:
        return False
    if rule.near_window is None:
        return True
    low = min(p[0] for p in picked) - rule.near_window
    high = max(p[0] for p in picked) + rule.near_window
    return any(low <= p[0] <= high for p in found)
