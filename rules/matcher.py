"""Multi-phrase matcher: one Aho-Corasick automaton, Unicode word boundaries, leftmost-longest.

All phrases the engine cares about (rule phrases, exclusions, country aliases, look-alike guards)
go into one automaton, so an article is scanned once. The recipe follows the platform notes §6:
collect *overlapping* matches, keep those bounded by non-word characters on both sides, then pick
greedily leftmost-longest. Taking only the longest match per position instead would let a longer
pattern that ends inside a word ("sudden flood" in "sudden floods") hide a valid shorter one.

The word-boundary test runs inside the automaton rather than per match in Python. The text is
searched in its *word shape*: the same length, word characters (``isalnum()`` or ``_``) kept and
every other character turned into a space, with a space added at both ends. Each phrase goes in
once, shaped the same way, with a space before and after it, so the automaton reports exactly the
word-bounded occurrences, each once, and holds no more words than there are phrases (a small
automaton stays in the processor's caches between articles). A phrase with anything but letters
and digits inside ("martial law", "u.s.", "côte d'ivoire") is confirmed against the text itself
when it is settled, since its shape also matches other punctuation, or a line break, in the same
places.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

import ahocorasick

from rules.hit import Hit
from rules.text import normalise

__all__ = ["Hit", "PhraseMatcher", "RawHit", "Span"]

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")

Span = tuple[int, int, int, tuple[K, ...] | None]
"""A hit without objects: start, stop, phrase index, and its keys (``None``: all of them)."""

RawHit = tuple[int, tuple[int, int, int]]
"""An occurrence before the leftmost-longest choice (see ``PhraseMatcher.raw_hits``)."""

_ASCII_SHAPE = bytes(
    b if chr(b).isalnum() or chr(b) == "_" else ord(" ") for b in range(128)
) + bytes(range(128, 256))
_ASCII_BYTES = bytes(range(128))


def word_shape(text: str) -> str:
    """``text`` with every character that is not a word character made a space (same
    length)."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_SHAPE).decode("ascii")
    # Bytes of multi-byte UTF-8 sequences are all >= 0x80: the ASCII ones are shaped by a table,
    # and the distinct non-ASCII characters (what is left once the ASCII bytes are deleted) are
    # checked one by one. Those that are not word characters (lone surrogates among them) are
    # replaced first, a rare case.
    data = text.encode("utf-8", "surrogatepass")
    wide = data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    odd = [char for char in set(wide) if not char.isalnum()]
    if odd:
        for char in odd:
            text = text.replace(char, " ")
        data = text.encode("utf-8")
    return data.translate(_ASCII_SHAPE).decode("utf-8")


class PhraseMatcher(Generic[K]):
    """Find normalised phrases in normalised text; each phrase maps to one or more keys.

    Keys may be sorted into *layers* (``layer_of``): leftmost-longest selection runs separately
    per layer, so a country alias never hides a rule phrase, nor a rule phrase an exclusion.

    Keys may also carry *marks* (``mark_of``, bit masks): ``raw_hits`` reports every word-bounded
    occurrence with the union of its phrase's marks, before any leftmost-longest choice, so a
    caller can tell cheaply which parts of a text could matter and ``settle`` only those.
    Bits in ``sure`` say a key is certainly there; an occurrence still to be confirmed against
    the text (a phrase with punctuation inside) carries none of them.
    """

    def __init__(
        self,
        phrases: Iterable[tuple[str, K]],
        layer_of: Callable[[K], int] | None = None,
        mark_of: Callable[[K], int] | None = None,
        *,
        sure: int = 0,
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
        # Shaped phrases: plain ones (a single word) map to their index, the others to the
        # indexes of every phrase with that shape (to be confirmed against the text).
        plain: dict[str, int] = {}
        confirm: dict[str, list[int]] = {}
        for norm, keys in keys_by_phrase.items():
            shape = word_shape(norm)
            if shape == norm and " " not in norm:
                plain[shape] = len(self._phrases)
            else:
                confirm.setdefault(shape, []).append(len(self._phrases))
            by_layer: dict[int, list[K]] = {}
            for key in keys:
                by_layer.setdefault(layer_of(key) if layer_of else 0, []).append(key)
            self._layered.append(
                tuple((layer, tuple(ks)) for layer, ks in sorted(by_layer.items()))
            )
            self._all_keys.append(tuple(k for _, ks in sorted(by_layer.items()) for k in ks))
            self._phrases.append(norm)

        self._confirm: list[tuple[int, ...]] = [tuple(c) for c in confirm.values()]
        self._layer_masks = [sum(1 << layer for layer, _ in layered) for layered in self._layered]
        marks = [0] * len(self._phrases)
        if mark_of is not None:
            for index, phrase_keys in enumerate(self._all_keys):
                marks[index] = _union(mark_of(key) for key in phrase_keys)
        self._automaton = ahocorasick.Automaton()
        entries = [
            *((shape, index, marks[index]) for shape, index in plain.items()),
            *(
                (shape, -1 - n, _union(marks[i] for i in indexes) & ~sure)
                for n, (shape, indexes) in enumerate(confirm.items())
            ),
        ]
        for shape, index, mark in entries:
            value = (index, len(shape) + 1, mark)
            self._automaton.add_word(f" {shape} ", value)
        self._empty = not keys_by_phrase
        if not self._empty:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._phrases)

    @property
    def phrases(self) -> tuple[str, ...]:
        """Every distinct normalised phrase in the automaton (for benchmarks and tools)."""
        return tuple(self._phrases)

    def keys_of(self, index: int) -> tuple[K, ...]:
        """All keys of phrase number ``index`` (see ``find_spans``)."""
        return self._all_keys[index]

    def phrase_of(self, index: int) -> str:
        """The normalised phrase number ``index``."""
        return self._phrases[index]

    def per_value(self, of_phrase: Callable[[int], frozenset[T]]) -> list[frozenset[T]]:
        """``of_phrase`` of every phrase, indexed like the phrase field of ``raw_hits``: a
        phrase number, or a negative number for a set of phrases to confirm (their union)."""
        values = [of_phrase(index) for index in range(len(self._phrases))]
        # Negative indexes count from the end: -1 - n is confirm set n.
        values.extend(
            frozenset().union(*(values[i] for i in indexes)) for indexes in reversed(self._confirm)
        )
        return values

    def find(self, text: str) -> list[Hit[K]]:
        """Return non-overlapping, word-bounded, leftmost-longest hits in ``text``.

        ``text`` must already be normalised (see ``rules.text.normalise``).
        """
        phrases = self._phrases
        all_keys = self._all_keys
        return [
            Hit(start, stop, phrases[index], all_keys[index] if keys is None else keys)
            for start, stop, index, keys in self.find_spans(text)
        ]

    def find_spans(self, text: str) -> list[Span[K]]:
        """``find`` without objects: ``(start, stop, phrase index, keys)`` per hit, in order.

        ``keys`` is ``None`` when the hit carries all its phrase's keys (``keys_of``), which is
        the usual case; otherwise the keys of the layers where it won.
        """
        raw = self.raw_hits(text)
        return self.settle(text, raw, 0, len(raw))

    def raw_hits(self, text: str) -> list[RawHit]:
        """Every word-bounded occurrence in ``text`` (normalised), before the leftmost-longest
        choice, in order of their end: ``(end + 1, (phrase, back, mark))``.

        The occurrence is ``text[end + 1 - back : end]``; ``mark`` is the union of the phrase's
        keys' marks. A negative ``phrase`` stands for phrases with punctuation inside, still to be
        confirmed against the text (its mark covers all of them). ``settle`` turns a run of these
        into hits.
        """
        if self._empty or not text:
            return []
        return list(self._automaton.iter(f" {word_shape(text)} "))

    def settle(self, text: str, raw: list[RawHit], low: int, high: int) -> list[Span[K]]:
        """The hits (as ``find_spans``) among ``raw[low:high]``, a run of ``raw_hits(text)``
        that no occurrence outside it overlaps (a whole line, for instance)."""
        # Matches arrive word-bounded, in order of their end (so ends never decrease). Matches
        # that overlap, directly or through others, form a cluster: a match alone in its cluster
        # wins in every layer, and only clusters of two or more need the per-layer
        # leftmost-longest choice. Earlier layers' choices never reach into a later cluster.
        found: list[tuple[int, int, int]] = []
        firsts: list[int] = []  # where each cluster starts in ``found``
        crowded: list[int] = []  # the starts of clusters with two or more matches, ascending
        last_stop = 0
        phrases = self._phrases
        confirm = self._confirm
        append = found.append
        for position in range(low, high):
            end, (index, back, _) = raw[position]
            # The match is [end - back, end - 1) in ``text``: the padding and the boundary
            # characters cancel out.
            start = end - back
            if index < 0:
                piece = text[start : end - 1]
                index = next((i for i in confirm[-1 - index] if phrases[i] == piece), -1)
                if index < 0:
                    continue
            if start >= last_stop:
                firsts.append(len(found))
            else:  # joins the last cluster, and any earlier one it reaches back into
                while len(firsts) > 1 and start < found[firsts[-1] - 1][1]:
                    firsts.pop()
                head = firsts[-1]
                while crowded and crowded[-1] >= head:
                    crowded.pop()
                crowded.append(head)
            last_stop = end - 1
            append((start, last_stop, index))
        spans: list[Span[K]] = [(start, stop, index, None) for start, stop, index in found]
        if crowded:
            firsts.append(len(found))
            for head in reversed(crowded):
                after = firsts[bisect_right(firsts, head)]
                spans[head:after] = self._settle(found[head:after])
        return spans

    def _settle(self, cluster: list[tuple[int, int, int]]) -> list[Span[K]]:
        """Leftmost-longest per layer among overlapping matches: the winners, in order."""
        ordered = sorted(cluster, key=_leftmost_longest)
        masks = self._layer_masks
        seen = 0
        for _, _, index in ordered:
            if seen & masks[index]:
                break
            seen |= masks[index]
        else:  # no two matches share a layer: every one wins everywhere
            return [(start, stop, index, None) for start, stop, index in ordered]
        spans: list[Span[K]] = []
        positions: dict[int, int] = {}
        for start, stop, index in ordered:
            accepted: list[K] = []
            everything = True
            for layer, keys in self._layered[index]:
                if start >= positions.get(layer, -1):
                    accepted.extend(keys)
                    positions[layer] = stop
                else:
                    everything = False
            if everything:
                spans.append((start, stop, index, None))
            elif accepted:
                spans.append((start, stop, index, tuple(accepted)))
        return spans


def _leftmost_longest(match: tuple[int, int, int]) -> tuple[int, int, int]:
    start, stop, index = match
    return start, -stop, index


def _union(marks: Iterable[int]) -> int:
    union = 0
    for mark in marks:
        union |= mark
    return union
