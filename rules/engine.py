"""The rule engine: one pass over an article, then cheap per-sentence logic.

``Engine.scan`` splits the article into sentences (title first), normalises them into one string,
runs a single Aho-Corasick pass over every rule phrase, exclusion, country alias and look-alike
guard, and then, only for sentences where some rule's first phrase group matched, checks the other
groups within the rule's word window, works out modality and countries, and keeps the best evidence
per (trigger, country).

Everything past the automaton pass is lazy. The pass reports every word-bounded occurrence with
a mark (the rule groups its phrase belongs to), before any leftmost-longest choice; one walk over
them gives each sentence's union of marks. An article whose marks hold no rule's every group is
done there, and only sentences whose marks hold every group of a rule still possible are settled
(leftmost-longest) and checked exactly. Country mentions (with their roles) are resolved only for
the sentences whose attribution needs them, and Signals are built only for the final best per
(trigger, country).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from sys import maxsize

from rules.attribution import Mention, Role, SentenceRoles, attribute
from rules.gazetteer import Gazetteer
from rules.matcher import PhraseMatcher, RawHit, Span
from rules.modality import SentenceModality
from rules.model import ALERTING_MODALITIES, Article, Modality, Severity, Signal
from rules.rule import Attribution, Rule
from rules.text import normalise, sentence_texts

__all__ = ["Engine"]

# Matcher keys: ("g", rule, group), ("n", rule, 0), ("x", rule, 0), ("c", code, 0), ("guard", "", 0)
Key = tuple[str, int | str, int]

_ANAPHOR = re.compile(
    r"\b(?:the country|the nation|there|the government|the authorities|authorities|the capital"
    r"|its|the president|the regime|the junta)\b"
)
_WORD = re.compile(r"\w+")
MAX_HITS_PER_GROUP = 12

_Phrase = tuple[int, int, int, str]
"""A rule phrase found in a sentence: word index, start, end (in the sentence), phrase."""


class _Keys:
    """A hit's keys sorted by what they mean to the engine (precomputed per phrase).

    ``bits`` has the bit of each (rule, group) the hit belongs to (``_RuleBits``), ``excluding``
    bit ``r`` for each rule ``r`` the hit is an exclusion of.
    """

    __slots__ = ("bits", "countries", "excluded", "excluding", "groups", "near")

    def __init__(self, keys: Sequence[Key], bits: _RuleBits) -> None:
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


class _RuleBits:
    """Each (rule, group) numbered as one bit, so a sentence's groups are one integer.

    A rule can fire in a sentence only when all its groups' bits are there and it is not
    excluded; that is checked before any phrase is filed.
    """

    __slots__ = ("anchors", "first", "needed", "rule_of_anchor")

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.first: list[int] = []
        self.needed: list[int] = []
        self.rule_of_anchor: dict[int, int] = {}
        self.anchors = 0
        bit = 0
        for rule_index, rule in enumerate(rules):
            self.first.append(bit)
            self.needed.append(((1 << len(rule.groups)) - 1) << bit)
            self.rule_of_anchor[1 << bit] = rule_index
            self.anchors |= 1 << bit
            bit += len(rule.groups)

    def mark(self, key: Key) -> int:
        """The bit of a rule group's phrase (0 for every other key)."""
        kind, ref, group = key
        return 1 << (self.first[ref] + group) if kind == "g" and isinstance(ref, int) else 0

    def candidates(self, present: int, excluding: int) -> list[int]:
        """Rules (ascending) with every group in ``present`` and not in ``excluding``."""
        found: list[int] = []
        anchors = present & self.anchors
        while anchors:
            lowest = anchors & -anchors
            anchors ^= lowest
            rule_index = self.rule_of_anchor[lowest]
            needed = self.needed[rule_index]
            if present & needed == needed and not excluding >> rule_index & 1:
                found.append(rule_index)
        return found


class _Sentence:
    """One anchored sentence's rule phrases: per (rule, group), per near rule, exclusions."""

    __slots__ = ("excluded", "groups", "near")

    def __init__(self) -> None:
        self.groups: dict[tuple[int, int], list[_Phrase]] = {}
        self.near: dict[int, list[_Phrase]] = {}
        self.excluded: set[int] = set()


class Engine:
    """Runs a fixed set of validated rules over articles. Immutable once built; thread-safe."""

    def __init__(self, rules: Sequence[Rule], gazetteer: Gazetteer) -> None:
        self._rules = tuple(rules)
        self._gazetteer = gazetteer
        phrases: list[tuple[str, Key]] = []
        for index, rule in enumerate(self._rules):
            for group_index, group in enumerate(rule.groups):
                phrases.extend((p, ("g", index, group_index)) for p in group)
            phrases.extend((p, ("n", index, 0)) for p in rule.near)
            phrases.extend((p, ("x", index, 0)) for p in rule.exclude)
        for alias, code, _kind in gazetteer.aliases():
            phrases.append((alias, ("c", code, 0)))
        phrases.extend((guard, ("guard", "", 0)) for guard in gazetteer.guards)
        self._bits = _RuleBits(self._rules)
        self._matcher: PhraseMatcher[Key] = PhraseMatcher(phrases, _layer_of, self._bits.mark)
        self._info = [
            _Keys(self._matcher.keys_of(i), self._bits) for i in range(len(self._matcher))
        ]
        # Per occurrence value (``RawHit``): the countries its phrases may name by an alias that
        # is not an ordinary word.
        ambiguous = gazetteer.ambiguous
        self._plain_codes = self._matcher.per_value(
            lambda index: frozenset(
                () if self._matcher.phrase_of(index) in ambiguous else self._info[index].countries
            )
        )

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rules this engine runs."""
        return self._rules

    @property
    def patterns(self) -> tuple[str, ...]:
        """Every distinct normalised phrase the engine's automaton matches."""
        return self._matcher.phrases

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer used for country mentions."""
        return self._gazetteer

    def scan(self, article: Article) -> list[Signal]:
        """All signals in ``article``, alerting or not, one per (trigger, country), best evidence.

        Never raises on odd input: empty, huge, binary or mixed-script text gives a (possibly
        empty) list.
        """
        texts, titles = sentence_texts(article.title or "", article.text or "")
        if not texts:
            return []
        normalised = _normalise_all(texts)
        joined = "\n".join(normalised)
        raw = self._matcher.raw_hits(joined)
        if not raw:
            return []
        starts, firsts, marked, everything = _walk(raw, normalised)
        possible = self._bits.candidates(everything, 0)
        if not possible:
            return []
        scan = _ArticleScan(
            self,
            texts=texts,
            titles=titles,
            normalised=normalised,
            starts=starts,
            joined=joined,
            raw=raw,
            firsts=firsts,
        )
        work = self._work(scan, marked, possible)
        if not work:
            return []
        year = article.published.year if article.published is not None else None
        best: dict[tuple[str, str], _Best] = {}
        for index, candidates in work:
            self._scan_sentence(scan, index, candidates, year, best)
        texts = scan.texts
        return [
            Signal(rule.trigger, code, severity, modality, texts[rank[2]], rule.id, matched)
            for rank, (rule, modality, severity, _, matched), code in sorted(
                best.values(), key=_rank
            )
        ]

    def _work(
        self, scan: _ArticleScan, marked: list[tuple[int, int]], possible: list[int]
    ) -> list[tuple[int, list[int]]]:
        """The sentences where some rule has every group and no exclusion, with those rules.

        Only sentences whose marks hold every group of a ``possible`` rule are settled.
        """
        bits = self._bits
        info = self._info
        needs = [bits.needed[rule_index] for rule_index in possible]
        work: list[tuple[int, list[int]]] = []
        for index, marks in marked:
            for needed in needs:
                if marks & needed == needed:
                    break
            else:
                continue
            present = excluding = 0
            for _, _, phrase_index, keys in scan.spans(index):
                found = info[phrase_index] if keys is None else _Keys(keys, bits)
                present |= found.bits
                excluding |= found.excluding
            candidates = bits.candidates(present, excluding)
            if candidates:
                work.append((index, candidates))
        return work

    def _file(self, scan: _ArticleScan, index: int) -> _Sentence:
        """The rule phrases of sentence ``index``, filed per rule group (capped per group)."""
        bucket = _Sentence()
        groups = bucket.groups
        near = bucket.near
        text = scan.normalised[index]
        offset = scan.starts[index]
        info = self._info
        phrase_of = self._matcher.phrase_of
        for start, stop, phrase_index, keys in scan.spans(index):
            found = info[phrase_index] if keys is None else _Keys(keys, self._bits)
            if found.groups or found.near:
                local = start - offset
                phrase: _Phrase = (
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
        return bucket

    def _mentions(self, scan: _ArticleScan, index: int) -> list[Mention]:
        """Country mentions of sentence ``index``, look-alikes dropped, roles assigned."""
        ambiguous = self._gazetteer.ambiguous
        text = scan.normalised[index]
        offset = scan.starts[index]
        info = self._info
        phrase_of = self._matcher.phrase_of
        found: list[Mention] = []
        words: set[str] | None = None
        roles: SentenceRoles | None = None
        for start, stop, phrase_index, keys in scan.spans(index):
            codes = (
                info[phrase_index].countries if keys is None else _Keys(keys, self._bits).countries
            )
            for code in codes:
                alias = phrase_of(phrase_index)
                rule = ambiguous.get(alias)
                if rule is not None and rule.code == code:
                    if words is None:
                        words = set(_WORD.findall(text))
                    if words & rule.unless:
                        continue
                    if not scan.names_plainly(code) and not self._has_context(text, words):
                        continue
                if roles is None:
                    roles = SentenceRoles(text)
                role = roles.role(start - offset, stop - offset)
                if rule is not None and role in (Role.COMMENTER, Role.OFFICIAL):
                    continue  # "Chad said ...", "Jordan told ...": a person, most likely
                found.append(Mention(start - offset, stop - offset, code, role))
        return found

    def _names_plainly(self, scan: _ArticleScan, code: str) -> bool:
        """Whether the article names ``code`` somewhere by an alias that is not also an ordinary
        word. Only sentences with an occurrence of such an alias are settled."""
        ambiguous = self._gazetteer.ambiguous
        info = self._info
        phrase_of = self._matcher.phrase_of
        plain = self._plain_codes
        firsts = scan.firsts
        checked = -1
        for position, (_, value) in enumerate(scan.raw):
            if code not in plain[value[0]]:
                continue
            index = bisect_right(firsts, position) - 1
            if index == checked:
                continue
            checked = index
            for _, _, phrase_index, keys in scan.spans(index):
                codes = (
                    info[phrase_index].countries
                    if keys is None
                    else _Keys(keys, self._bits).countries
                )
                if code in codes and phrase_of(phrase_index) not in ambiguous:
                    return True
        return False

    def _has_context(self, text: str, words: set[str]) -> bool:
        for word in self._gazetteer.context_words:
            if (" " in word and word in text) or word in words:
                return True
        return False

    def _scan_sentence(
        self,
        scan: _ArticleScan,
        index: int,
        candidates: list[int],
        year: int | None,
        best: dict[tuple[str, str], _Best],
    ) -> None:
        """Signals of rules ``candidates`` (which have all their groups) in sentence ``index``."""
        text = scan.normalised[index]
        outcomes = scan.outcomes.get(text)
        if outcomes is None:
            outcomes = scan.outcomes[text] = self._outcomes(scan, index, candidates, year)
        for outcome in outcomes:
            rule, modality, _, found, _ = outcome
            codes = found or _fallback(index, text, scan, rule.attribution)
            if rule.countries is not None:
                codes = [c for c in codes if c in rule.countries]
            rank = (
                0 if modality in ALERTING_MODALITIES else 1,
                0 if index < scan.titles else 1,
                index,
            )
            for code in codes:
                key = (rule.trigger, code)
                current = best.get(key)
                if current is None or rank < current[0]:
                    best[key] = (rank, outcome, code)

    def _outcomes(
        self, scan: _ArticleScan, index: int, candidates: list[int], year: int | None
    ) -> list[_Outcome]:
        """What each candidate rule finds in sentence ``index``: everything that depends on the
        sentence's text only (its countries before any fallback to other sentences)."""
        bucket = self._file(scan, index)
        text = scan.normalised[index]
        modality_finder: SentenceModality | None = None
        outcomes: list[_Outcome] = []
        for rule_index in candidates:
            rule = self._rules[rule_index]
            choices = _choices(bucket, rule_index, rule)
            if not choices:
                continue
            if modality_finder is None:
                modality_finder = SentenceModality(text, year)
            # Every valid match of the rule in the sentence: the first alerting one (tightest
            # first) is the evidence, and the countries are those of every match that alerts
            # alike (so a match that fails its window or ``near`` hides no later one).
            found: list[_Found] = []
            for chosen in choices:
                span = (min([p[1] for p in chosen]), max([p[2] for p in chosen]))
                modality = modality_finder.at(*span, [(p[1], p[2]) for p in chosen])
                clause = modality_finder.clause_of(span[0])
                clause = (clause[0], max(clause[1], modality_finder.clause_of(span[1] - 1)[1]))
                scope = modality_finder.scope_of(span[0])
                codes = attribute(
                    text,
                    scan.mentions(index),
                    clause,
                    span,
                    rule.attribution,
                    scope=scope,
                    clause_only=True,
                )
                found.append((modality, codes, chosen, clause, span, scope))
            alerting = [f for f in found if f[0] in ALERTING_MODALITIES]
            same = alerting or found
            modality, _, chosen, clause, span, scope = same[0]
            codes = []
            for more in same:
                codes.extend(code for code in more[1] if code not in codes)
            if not codes:  # no match's clause names a country: the evidence's sentence-wide
                codes = attribute(
                    text, scan.mentions(index), clause, span, rule.attribution, scope=scope
                )
            severity = rule.severity
            if modality is Modality.THREATENED:
                severity = severity.lowered()
            outcomes.append((rule, modality, severity, codes, tuple(p[3] for p in chosen)))
        return outcomes


_Found = tuple[
    Modality, list[str], list[_Phrase], tuple[int, int], tuple[int, int], tuple[int, int]
]
"""One valid match of a rule in a sentence: modality, its clause's countries, its phrases, and
its clause, span and scope (character ranges)."""

_Outcome = tuple[Rule, Modality, Severity, list[str], tuple[str, ...]]
"""A rule that fired in a sentence: the rule, modality, severity, countries, matched phrases."""

_Best = tuple[tuple[int, int, int], _Outcome, str]
"""The best sighting so far of a (trigger, country): its rank (alerting first, then title first,
then earliest; the last is the sentence index), what fired, and the country."""


class _ArticleScan:
    """One article being scanned: its sentences, hits, and what has been worked out so far."""

    __slots__ = (
        "_engine",
        "_focus",
        "_joined",
        "_mentions",
        "_plainly",
        "_spans",
        "firsts",
        "normalised",
        "outcomes",
        "raw",
        "starts",
        "texts",
        "titles",
    )

    def __init__(
        self,
        engine: Engine,
        *,
        texts: list[str],
        titles: int,
        normalised: list[str],
        starts: list[int],
        joined: str,
        raw: list[RawHit],
        firsts: list[int],
    ) -> None:
        self._engine = engine
        self.firsts = firsts
        self._joined = joined
        self.raw = raw
        self.texts = texts
        self.titles = titles
        self.normalised = normalised
        self.starts = starts
        self._spans: dict[int, list[Span[Key]]] = {}
        self._mentions: dict[int, list[Mention]] = {}
        # Per normalised sentence text: what its rules found. A sentence's rules, modality and
        # countries depend only on its text (and the article), so a repeated sentence is worked
        # out once; this keeps huge repetitive input linear and cheap.
        self.outcomes: dict[str, list[_Outcome]] = {}
        self._plainly: dict[str, bool] = {}
        self._focus: str | bool | None = False  # False: not worked out yet

    def spans(self, index: int) -> list[Span[Key]]:
        """Sentence ``index``'s hits (offsets in the joined text), settled once."""
        found = self._spans.get(index)
        if found is None:
            firsts = self.firsts
            found = self._spans[index] = self._engine._matcher.settle(
                self._joined, self.raw, firsts[index], firsts[index + 1]
            )
        return found

    def mentions(self, index: int) -> list[Mention]:
        """Country mentions of sentence ``index`` (worked out once)."""
        found = self._mentions.get(index)
        if found is None:
            found = self._mentions[index] = self._engine._mentions(self, index)
        return found

    def names_plainly(self, code: str) -> bool:
        """Whether the article names ``code`` by an alias that is not an ordinary word (worked
        out once per country)."""
        found = self._plainly.get(code)
        if found is None:
            found = self._plainly[code] = self._engine._names_plainly(self, code)
        return found

    def focus(self) -> str | None:
        """The title's only country (ignoring commenters), if the title names exactly one."""
        if self._focus is False:
            self._focus = None
            if self.titles:
                codes = {m.code for m in self.mentions(0) if m.role is not Role.COMMENTER}
                self._focus = next(iter(codes)) if len(codes) == 1 else None
        return self._focus if isinstance(self._focus, str) else None


def _walk(
    raw: list[RawHit], normalised: list[str]
) -> tuple[list[int], list[int], list[tuple[int, int]], int]:
    """One walk over an article's occurrences (``raw_hits`` of its sentences joined by newlines).

    Returns where each sentence starts in the joined text (and ``maxsize`` last); where each
    sentence's occurrences begin (sentence ``i`` has ``raw[firsts[i]:firsts[i + 1]]``); for each
    sentence with any marked occurrence, the union of its marks (rule group bits, before the
    leftmost-longest choice, so a superset of what the sentence has); and the union of them all.
    Rules whose groups the whole article does not hold are out at once, and a sentence is settled
    and checked exactly only if its marks hold every group of a remaining rule.
    """
    count = len(normalised)
    starts = list(accumulate([len(text) + 1 for text in normalised], initial=0))
    starts[count] = maxsize
    firsts = [0] * (count + 1)
    marked: list[tuple[int, int]] = []
    sentence = 0
    next_start = starts[1]
    present = everything = 0
    for position, (end, value) in enumerate(raw):
        # The occurrence ends (exclusive) at end - 1; none reaches across a newline.
        if end > next_start:
            if present:
                marked.append((sentence, present))
                everything |= present
                present = 0
            while end > next_start:
                sentence += 1
                firsts[sentence] = position
                next_start = starts[sentence + 1]
        present |= value[2]
    if present:
        marked.append((sentence, present))
        everything |= present
    firsts[sentence + 1 :] = [len(raw)] * (count - sentence)
    return starts, firsts, marked, everything


def _normalise_all(texts: list[str]) -> list[str]:
    joined = normalise("\n".join(texts), keep_newlines=True)
    parts = joined.split("\n")
    if len(parts) != len(texts):
        parts = [normalise(text) for text in texts]
    return parts


def _rank(candidate: _Best) -> tuple[int, int, int]:
    return candidate[0]


_KINDS = {"g": 0, "n": 1, "x": 2}


def _layer_of(key: Key) -> int:
    """Leftmost-longest runs per layer: each rule's phrases, near phrases and exclusions are one
    layer each, and countries with their guards another, so one rule never shadows another."""
    kind, ref, _ = key
    if isinstance(ref, int):
        return 1 + 3 * ref + _KINDS[kind]
    return 0


def _choices(bucket: _Sentence, rule_index: int, rule: Rule) -> list[list[_Phrase]]:
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
    events: list[tuple[int, int, _Phrase]] = []
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
    picks: list[list[_Phrase]] = []
    seen: set[tuple[_Phrase, ...]] = set()
    for _, low, high in windows:
        chosen: dict[int, _Phrase] = {}
        for _, group_index, phrase in events[low : high + 1]:
            chosen.setdefault(group_index, phrase)
        picked = [chosen[g] for g in range(needed)]
        key = tuple(picked)
        if key in seen:
            continue
        seen.add(key)
        if rule.near and not _near_ok(bucket, rule_index, rule, picked):
            continue
        picks.append(picked)
    return picks


def _window_order(window: tuple[int, int, int]) -> tuple[int, int]:
    return window[0], window[1]


def _event_order(event: tuple[int, int, _Phrase]) -> tuple[int, int]:
    return event[0], event[1]


def _near_ok(bucket: _Sentence, rule_index: int, rule: Rule, picked: list[_Phrase]) -> bool:
    found = bucket.near.get(rule_index)
    if not found:
        return False
    if rule.near_window is None:
        return True
    low = min(p[0] for p in picked) - rule.near_window
    high = max(p[0] for p in picked) + rule.near_window
    return any(low <= p[0] <= high for p in found)


def _fallback(index: int, text: str, scan: _ArticleScan, policy: Attribution) -> list[str]:
    """Countries for a sentence that names none: the previous sentence's single country when the
    sentence points back ("the country", "there"), else the title's single country."""
    if _ANAPHOR.search(text) and index > 0:
        previous = {
            m.code
            for m in scan.mentions(index - 1)
            if m.role in (Role.PLAIN, Role.FORCES, Role.ADDRESSEE)
            and (policy is Attribution.ACTOR or m.role is Role.PLAIN)
        }
        if len(previous) == 1:
            return list(previous)
    if index > 0:
        focus = scan.focus()
        if focus is not None:
            return [focus]
    return []
