"""The rule engine: one pass over an article, then cheap per-sentence logic.

``Engine.scan`` splits the article into sentences (title first), normalises them into one string,
runs a single Aho-Corasick pass over every rule phrase, exclusion, country alias and look-alike
guard, and then, only for sentences where some rule's first phrase group matched, checks the other
groups within the rule's word window, works out modality and countries, and keeps the best evidence
per (trigger, country).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from rules.attribution import Mention, Role, attribute, role_of
from rules.gazetteer import Gazetteer
from rules.matcher import Hit, PhraseMatcher
from rules.modality import SentenceModality
from rules.model import ALERTING_MODALITIES, Article, Modality, Signal
from rules.rule import Attribution, Rule
from rules.text import Sentence, normalise, split_sentences

__all__ = ["Engine"]

# Matcher keys: ("g", rule, group), ("n", rule, 0), ("x", rule, 0), ("c", code, 0), ("guard", "", 0)
Key = tuple[str, int | str, int]

_ANAPHOR = re.compile(
    r"\b(?:the country|the nation|there|the government|the authorities|authorities|the capital"
    r"|its|the president|the regime|the junta)\b"
)
_WORD = re.compile(r"\w+")
MAX_HITS_PER_GROUP = 12


@dataclass(slots=True)
class _Phrase:
    word: int
    start: int
    end: int
    phrase: str


@dataclass(slots=True)
class _SentenceHits:
    groups: dict[tuple[int, int], list[_Phrase]] = field(default_factory=dict)
    near: dict[int, list[_Phrase]] = field(default_factory=dict)
    excluded: set[int] = field(default_factory=set)
    countries: list[tuple[int, int, str, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Candidate:
    signal: Signal
    rank: tuple[int, int, int]


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
        self._matcher: PhraseMatcher[Key] = PhraseMatcher(phrases, _layer_of)

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
        sentences = split_sentences(article.title or "", article.text or "")
        if not sentences:
            return []
        normalised = self._normalise_all(sentences)
        starts: list[int] = []
        position = 0
        for text in normalised:
            starts.append(position)
            position += len(text) + 1
        per_sentence: dict[int, _SentenceHits] = {}
        for hit in self._matcher.find("\n".join(normalised)):
            index = bisect_right(starts, hit.start) - 1
            offset = starts[index]
            bucket = per_sentence.get(index)
            if bucket is None:
                bucket = per_sentence[index] = _SentenceHits()
            self._file_hit(bucket, hit, hit.start - offset, hit.end - offset, normalised[index])
        mentions = self._resolve_countries(per_sentence, normalised)
        year = article.published.year if article.published is not None else None
        focus = self._focus(sentences, mentions)
        best: dict[tuple[str, str], _Candidate] = {}
        for index in sorted(per_sentence):
            bucket = per_sentence[index]
            if not bucket.groups:
                continue
            self._scan_sentence(
                index=index,
                sentence=sentences[index],
                text=normalised[index],
                bucket=bucket,
                mentions=mentions,
                focus=focus,
                year=year,
                best=best,
            )
        return [c.signal for c in sorted(best.values(), key=lambda c: c.rank)]

    @staticmethod
    def _normalise_all(sentences: list[Sentence]) -> list[str]:
        joined = normalise("\n".join(s.text for s in sentences), keep_newlines=True)
        parts = joined.split("\n")
        if len(parts) != len(sentences):
            parts = [normalise(s.text) for s in sentences]
        return parts

    @staticmethod
    def _file_hit(bucket: _SentenceHits, hit: Hit[Key], start: int, end: int, text: str) -> None:
        for kind, ref, group in hit.keys:
            if kind == "g":
                assert isinstance(ref, int)
                found = bucket.groups.setdefault((ref, group), [])
                if len(found) < MAX_HITS_PER_GROUP:
                    found.append(_Phrase(text.count(" ", 0, start), start, end, hit.phrase))
            elif kind == "c":
                assert isinstance(ref, str)
                bucket.countries.append((start, end, ref, hit.phrase))
            elif kind == "x":
                assert isinstance(ref, int)
                bucket.excluded.add(ref)
            elif kind == "n":
                assert isinstance(ref, int)
                found = bucket.near.setdefault(ref, [])
                if len(found) < MAX_HITS_PER_GROUP:
                    found.append(_Phrase(text.count(" ", 0, start), start, end, hit.phrase))

    def _resolve_countries(
        self, per_sentence: dict[int, _SentenceHits], normalised: list[str]
    ) -> dict[int, list[Mention]]:
        """Country mentions per sentence, look-alikes dropped, roles assigned."""
        ambiguous = self._gazetteer.ambiguous
        certain = {
            code
            for bucket in per_sentence.values()
            for _, _, code, alias in bucket.countries
            if alias not in ambiguous
        }
        result: dict[int, list[Mention]] = {}
        for index, bucket in per_sentence.items():
            text = normalised[index]
            found: list[Mention] = []
            words: set[str] | None = None
            for start, end, code, alias in bucket.countries:
                rule = ambiguous.get(alias)
                if rule is not None and rule.code == code:
                    if words is None:
                        words = set(_WORD.findall(text))
                    if words & rule.unless:
                        continue
                    if code not in certain and not self._has_context(text, words):
                        continue
                role = role_of(text, start, end)
                if rule is not None and role in (Role.COMMENTER, Role.OFFICIAL):
                    continue  # "Chad said ...", "Jordan told ...": a person, most likely
                found.append(Mention(start, end, code, role))
            if found:
                result[index] = found
        return result

    def _has_context(self, text: str, words: set[str]) -> bool:
        for word in self._gazetteer.context_words:
            if (" " in word and word in text) or word in words:
                return True
        return False

    @staticmethod
    def _focus(sentences: list[Sentence], mentions: dict[int, list[Mention]]) -> str | None:
        """The title's only country (ignoring commenters), if the title names exactly one."""
        if not sentences[0].is_title:
            return None
        codes = {m.code for m in mentions.get(0, []) if m.role is not Role.COMMENTER}
        return next(iter(codes)) if len(codes) == 1 else None

    def _scan_sentence(
        self,
        *,
        index: int,
        sentence: Sentence,
        text: str,
        bucket: _SentenceHits,
        mentions: dict[int, list[Mention]],
        focus: str | None,
        year: int | None,
        best: dict[tuple[str, str], _Candidate],
    ) -> None:
        modality_finder: SentenceModality | None = None
        anchors = sorted({rule for rule, group in bucket.groups if group == 0})
        for rule_index in anchors:
            if rule_index in bucket.excluded:
                continue
            rule = self._rules[rule_index]
            chosen = _choose(bucket, rule_index, rule)
            if chosen is None:
                continue
            span = (min(p.start for p in chosen), max(p.end for p in chosen))
            if modality_finder is None:
                modality_finder = SentenceModality(text, year)
            modality = modality_finder.at(*span, [(p.start, p.end) for p in chosen])
            clause = modality_finder.clause_of(span[0])
            clause = (clause[0], max(clause[1], modality_finder.clause_of(span[1] - 1)[1]))
            codes = attribute(text, mentions.get(index, []), clause, span, rule.attribution)
            if not codes:
                codes = _fallback(index, text, mentions, focus, rule.attribution)
            if rule.countries is not None:
                codes = [c for c in codes if c in rule.countries]
            severity = rule.severity
            if modality is Modality.THREATENED:
                severity = severity.lowered()
            matched = tuple(p.phrase for p in chosen)
            rank = (
                0 if modality in ALERTING_MODALITIES else 1,
                0 if sentence.is_title else 1,
                index,
            )
            for code in codes:
                key = (rule.trigger, code)
                current = best.get(key)
                if current is not None and current.rank <= rank:
                    continue
                signal = Signal(
                    rule.trigger, code, severity, modality, sentence.text, rule.id, matched
                )
                best[key] = _Candidate(signal, rank)


_KINDS = {"g": 0, "n": 1, "x": 2}


def _layer_of(key: Key) -> int:
    """Leftmost-longest runs per layer: each rule's phrases, near phrases and exclusions are one
    layer each, and countries with their guards another, so one rule never shadows another."""
    kind, ref, _ = key
    if isinstance(ref, int):
        return 1 + 3 * ref + _KINDS[kind]
    return 0


def _choose(bucket: _SentenceHits, rule_index: int, rule: Rule) -> list[_Phrase] | None:
    """One hit per group, all within the rule's window (the tightest such set), or ``None``."""
    events: list[tuple[int, int, _Phrase]] = []
    for group_index in range(len(rule.groups)):
        found = bucket.groups.get((rule_index, group_index))
        if not found:
            return None
        events.extend((p.word, group_index, p) for p in found)
    events.sort(key=lambda e: (e[0], e[1]))
    needed = len(rule.groups)
    counts: dict[int, int] = {}
    best: tuple[int, int, int] | None = None
    left = 0
    for right, (word, group_index, _) in enumerate(events):
        counts[group_index] = counts.get(group_index, 0) + 1
        while len(counts) == needed:
            span = word - events[left][0]
            if span <= rule.window and (best is None or span < best[0]):
                best = (span, left, right)
            left_group = events[left][1]
            counts[left_group] -= 1
            if counts[left_group] == 0:
                del counts[left_group]
            left += 1
    if best is None:
        return None
    chosen: dict[int, _Phrase] = {}
    for _, group_index, phrase in events[best[1] : best[2] + 1]:
        chosen.setdefault(group_index, phrase)
    picked = [chosen[g] for g in range(needed)]
    if rule.near and not _near_ok(bucket, rule_index, rule, picked):
        return None
    return picked


def _near_ok(bucket: _SentenceHits, rule_index: int, rule: Rule, picked: list[_Phrase]) -> bool:
    found = bucket.near.get(rule_index)
    if not found:
        return False
    if rule.near_window is None:
        return True
    low = min(p.word for p in picked) - rule.near_window
    high = max(p.word for p in picked) + rule.near_window
    return any(low <= p.word <= high for p in found)


def _fallback(
    index: int,
    text: str,
    mentions: dict[int, list[Mention]],
    focus: str | None,
    policy: Attribution,
) -> list[str]:
    """Countries for a sentence that names none: the previous sentence's single country when the
    sentence points back ("the country", "there"), else the title's single country."""
    if _ANAPHOR.search(text) and index > 0:
        previous = {
            m.code
            for m in mentions.get(index - 1, [])
            if m.role in (Role.PLAIN, Role.FORCES, Role.ADDRESSEE)
            and (policy is Attribution.ACTOR or m.role is Role.PLAIN)
        }
        if len(previous) == 1:
            return list(previous)
    if focus is not None and index > 0:
        return [focus]
    return []
