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
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Final, Generic, TypeVar

import ahocorasick

from rules.hit import Hit
from rules.text import normalise

__all__ = ["HINT_BITS", "Hit", "Occurrence", "PhraseMatcher", "RawHit", "Span", "fold_mark"]

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")

Span = tuple[int, int, int, tuple[K, ...] | None]
"""A hit without objects: start, stop, phrase index, and its keys (``None``: all of them)."""


class Occurrence:
    """What the automaton holds for one shaped phrase: the phrase (``phrase``: its index, or a
    negative number for a set of phrases with punctuation inside, still to be confirmed against
    the text), how far back from the reported end it starts (``back``), the union of its
    keys' marks (``mark``) and that folded into a small integer (``hint``, ``fold_mark``), and
    what the matcher's user attached to it (``anchored``, ``PhraseMatcher.attach``). One per
    automaton word, shared by all its occurrences (a compiled class: reading a field is one load,
    where a tuple is unboxed whole, and the fields share the memory the automaton's output has
    just touched)."""

    __slots__ = ("anchored", "back", "hint", "mark", "phrase")

    def __init__(self, phrase: int, back: int, mark: int) -> None:
        self.phrase = phrase
        self.back = back
        self.mark = mark
        self.hint = fold_mark(mark)
        self.anchored: tuple[int, ...] = ()


HINT_BITS: Final = 62
"""The bits of ``Occurrence.hint``: it stays a small integer (no allocation, once compiled)."""


def fold_mark(mark: int) -> int:
    """``mark`` folded into ``HINT_BITS`` bits: bit ``b % HINT_BITS`` for each bit ``b`` of it.
    Folding keeps unions and inclusions (the fold of a union is the union of the folds, and a mark
    holding another holds its fold), so a fold that lacks some bit of another's tells cheaply that
    the marks behind it cannot hold the other mark."""
    folded = 0
    bit = 0
    while mark:
        if mark & 1:
            folded |= 1 << bit % HINT_BITS
        mark >>= 1
        bit += 1
    return folded


RawHit = tuple[int, Occurrence]
"""An occurrence before the leftmost-longest choice (see ``PhraseMatcher.occurrences``)."""

_ASCII_SHAPE: Final = bytes(
    b if chr(b).isalnum() or chr(b) == "_" else ord(" ") for b in range(128)
) + bytes(range(128, 256))
_ASCII_BYTES: Final = bytes(range(128))


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

    Keys may also carry *marks* (``mark_of``, bit masks): ``occurrences`` reports every word-bounded
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
        # The ``sure`` marks an occurrence to confirm leaves out (``sure_marks``), per phrase, and
        # whether any phrase of a confirm set has some.
        self._sure_marks = [mark & sure for mark in marks]
        self._confirm_sure = [
            any(self._sure_marks[i] for i in indexes) for indexes in self._confirm
        ]
        self._automaton = ahocorasick.Automaton()
        entries = [
            *((shape, index, marks[index]) for shape, index in plain.items()),
            *(
                (shape, -1 - n, _union(marks[i] for i in indexes) & ~sure)
                for n, (shape, indexes) in enumerate(confirm.items())
            ),
        ]
        # (Added in the order of ``_trie_order``: the automaton then tries each node's commonest
        # next letters first.)
        entries.sort(key=_trie_order)
        self._occurrences = [
            Occurrence(index, len(shape) + 1, mark) for shape, index, mark in entries
        ]
        for (shape, _, _), occurrence in zip(entries, self._occurrences, strict=True):
            self._automaton.add_word(f" {shape} ", occurrence)
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
        """``of_phrase`` of every phrase, indexed like ``Occurrence.phrase``: a
        phrase number, or a negative number for a set of phrases to confirm (their union)."""
        values = [of_phrase(index) for index in range(len(self._phrases))]
        # Negative indexes count from the end: -1 - n is confirm set n.
        values.extend(
            frozenset().union(*(values[i] for i in indexes)) for indexes in reversed(self._confirm)
        )
        return values

    def attach(self, values: list[tuple[int, ...]]) -> None:
        """Set each automaton word's ``Occurrence.anchored`` to its value in ``values``, indexed
        like ``Occurrence.phrase`` (as ``per_value`` is)."""
        for occurrence in self._occurrences:
            occurrence.anchored = values[occurrence.phrase]

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
        ends: list[int] = []
        found: list[Occurrence] = []
        for end, occurrence in self.occurrences(text):
            ends.append(end)
            found.append(occurrence)
        return self.settle(text, ends, found, 0, len(ends))

    def occurrences(self, text: str) -> Iterator[RawHit]:
        """Every word-bounded occurrence in ``text`` (normalised), before the leftmost-longest
        choice, in order of their end, as they are found: ``(end + 1, occurrence)``.

        The occurrence is ``text[end + 1 - occurrence.back : end]``. ``settle`` turns a run of
        them into hits. (An iterator, not a list: a caller that keeps the two fields in lists of
        its own spares a tuple kept alive per occurrence, and the collector's visits to them.)
        """
        if self._empty or not text:
            return iter(())
        found: Iterator[RawHit] = self._automaton.iter(f" {word_shape(text)} ")
        return found

    def settle(
        self, text: str, ends: list[int], found: list[Occurrence], low: int, high: int
    ) -> list[Span[K]]:
        """The hits (as ``find_spans``) among the occurrences ``low`` to ``high`` of ``text``
        (``occurrences``, their ends in ``ends`` and what they are in ``found``), a run that no
        occurrence outside it overlaps (a whole line, for instance)."""
        # Matches arrive word-bounded, in order of their end (so ends never decrease). Matches
        # that overlap, directly or through others, form a cluster: a match alone in its cluster
        # wins in every layer, and only clusters of two or more need the per-layer
        # leftmost-longest choice. Earlier layers' choices never reach into a later cluster.
        spans: list[Span[K]] = []
        firsts: list[int] = []  # where each cluster starts in ``spans``
        crowded: list[int] = []  # the starts of clusters with two or more matches, ascending
        last_stop = 0
        phrases = self._phrases
        confirm = self._confirm
        for position in range(low, high):
            end = ends[position]
            occurrence = found[position]
            index = occurrence.phrase
            # The match is [end - back, end - 1) in ``text``: the padding and the boundary
            # characters cancel out.
            start = end - occurrence.back
            if index < 0:
                piece = text[start : end - 1]
                for candidate in confirm[-1 - index]:
                    if phrases[candidate] == piece:
                        index = candidate
                        break
                else:
                    continue
            if start >= last_stop:
                firsts.append(len(spans))
            else:  # joins the last cluster, and any earlier one it reaches back into
                while len(firsts) > 1 and start < spans[firsts[-1] - 1][1]:
                    firsts.pop()
                head = firsts[-1]
                while crowded and crowded[-1] >= head:
                    crowded.pop()
                crowded.append(head)
            last_stop = end - 1
            spans.append((start, last_stop, index, None))
        if crowded:
            firsts.append(len(spans))
            for head in reversed(crowded):
                after = firsts[bisect_right(firsts, head)]
                spans[head:after] = self._settle(spans[head:after])
        return spans

    def sure_marks(
        self, text: str, ends: list[int], found: list[Occurrence], low: int, high: int
    ) -> int:
        """The ``sure`` marks of the occurrences ``low`` to ``high`` of ``text`` (as ``settle``)
        that ``occurrences`` could not give: those of the phrases with punctuation inside that the
        text confirms."""
        marks = 0
        confirm_sure = self._confirm_sure
        for position in range(low, high):
            occurrence = found[position]
            index = occurrence.phrase
            if index >= 0 or not confirm_sure[-1 - index]:
                continue
            end = ends[position]
            piece = text[end - occurrence.back : end - 1]
            for candidate in self._confirm[-1 - index]:
                if self._phrases[candidate] == piece:
                    marks |= self._sure_marks[candidate]
                    break
        return marks

    def _settle(self, cluster: list[Span[K]]) -> list[Span[K]]:
        """Leftmost-longest per layer among overlapping matches (all keys): the winners, in
        order."""
        ordered = sorted(cluster, key=_leftmost_longest)
        masks = self._layer_masks
        seen = 0
        for _, _, index, _ in ordered:
            if seen & masks[index]:
                break
            seen |= masks[index]
        else:  # no two matches share a layer: every one wins everywhere
            return ordered
        spans: list[Span[K]] = []
        positions: dict[int, int] = {}
        for start, stop, index, _ in ordered:
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


# Space, then letters by their frequency in English text, then digits.
_LETTER_RANKS: Final = {
    char: rank for rank, char in enumerate(" etaoinshrdlcumwfgypbvkjxqz0123456789")
}


def _trie_order(entry: tuple[str, int, int]) -> tuple[int, ...]:
    """Shaped phrases sorted letter by letter in the order of ``_LETTER_RANKS`` (other characters
    after, by code point). pyahocorasick looks a node's next letter up in a list, in the order
    the letters were first added: sorted so, every node lists its common letters first, and the
    automaton, which takes such a step at each character of the text, spends less time in it."""
    return tuple(_LETTER_RANKS.get(char, 64 + ord(char)) for char in entry[0])


def _leftmost_longest(match: Span[K]) -> tuple[int, int, int]:
    start, stop, index, _ = match
    return start, -stop, index


def _union(marks: Iterable[int]) -> int:
    union = 0
    for mark in marks:
        union |= mark
    return union
