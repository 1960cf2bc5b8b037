"""One article being scanned: its sentences, where their hits lie, and what is worked out once.

``walk`` makes one pass over an article's automaton occurrences as they are found and keeps the
sentence bookkeeping (where each sentence starts, which occurrences are its, the union of its
marks); ``ArticleScan`` holds that and settles hits, resolves country mentions and finds the title's
focus country lazily, each at most once per sentence (or per country).
"""

from __future__ import annotations

from collections.abc import Iterable
from sys import maxsize
from typing import TYPE_CHECKING, Final

from rules.attribution import Mention, Role
from rules.background import (
    about_a_work,
    fact_check,
    labelled_history,
    looks_back,
    narrates,
    tells_the_past,
)
from rules.keys import Key, RuleBits
from rules.matcher import Occurrence, PhraseMatcher, RawHit, Span

if TYPE_CHECKING:
    from rules.engine import Engine
    from rules.evidence import Outcome

__all__ = ["ArticleScan", "walk"]

# How many sentences (title included) may lend an untitled article its one country.
_FOCUS_SENTENCES: Final = 6


class ArticleScan:
    """One article being scanned: its sentences, hits, and what has been worked out so far."""

    __slots__ = (
        "_about_a_work",
        "_background",
        "_engine",
        "_fact_check",
        "_focus",
        "_history",
        "_joined",
        "_looks_back",
        "_mentions",
        "_plainly",
        "_spans",
        "ends",
        "firsts",
        "found",
        "headline_triggers",
        "month",
        "normalised",
        "opens",
        "outcomes",
        "sighted",
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
        ends: list[int],
        found: list[Occurrence],
        firsts: list[int],
        month: int | None = None,
        opens: frozenset[int] = frozenset(),
    ) -> None:
        self._engine = engine
        self.opens = opens  # the sentences that open a body paragraph
        self._background: dict[int, bool] = {}
        self.firsts = firsts
        self._joined = joined
        self.ends = ends  # the article's occurrences (``walk``): where each ends ...
        self.found = found  # ... and what it is
        self.texts = texts
        self.titles = titles
        self.normalised = normalised
        self.starts = starts
        self._spans: dict[int, list[Span[Key]]] = {}
        self._mentions: dict[int, list[Mention]] = {}
        # Per normalised sentence text: what its rules found. A sentence's rules, modality and
        # countries depend only on its text (and the article), so a repeated sentence is worked
        # out once; this keeps huge repetitive input linear and cheap.
        self.outcomes: dict[str, list[Outcome]] = {}
        self._plainly: dict[str, bool] = {}
        # Per (trigger, country): the sentences where it was sighted as alerting, in order; and
        # the triggers a headline sentence reports without saying where (``keep_best``; read by
        # ``rules.background.drop_passing`` and ``drop_peaceful_tolls``).
        self.sighted: dict[tuple[str, str], list[int]] = {}
        self.headline_triggers: set[str] = set()
        self._focus: str | bool | None = False  # False: not worked out yet
        self._looks_back: bool | None = None
        self._about_a_work: bool | None = None
        self._fact_check: bool | None = None
        self._history: bool | None = None
        self.month = month  # the month the article was published, when dated

    def spans(self, index: int) -> list[Span[Key]]:
        """Sentence ``index``'s hits (offsets in the joined text), settled once."""
        found = self._spans.get(index)
        if found is None:
            firsts = self.firsts
            found = self._spans[index] = self._engine._matcher.settle(
                self._joined, self.ends, self.found, firsts[index], firsts[index + 1]
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
        """The title's only country (ignoring commenters), if the title names exactly one; when
        the title names none, the only country of the article's first sentences, if just one."""
        if self._focus is False:
            self._focus = None
            codes: set[str] = set()
            if self.titles:
                codes = self.codes(range(self.titles))
            if not codes and not self._doubtful_title():
                lead = range(self.titles, min(len(self.texts), _FOCUS_SENTENCES))
                # a country only across a border ("the road to the Costa Rican border") or
                # only modifying is not where the story is; a dateline is, when nothing else
                # is named ("PANAMA CITY -")
                codes = (
                    self.codes(lead, without=(Role.FACED, Role.MODIFIER))
                    or self.codes(lead, only=(Role.DATELINE,))
                    # or the country across the border the story opens at ("new activity near
                    # the border with Finland")
                    or self.codes(lead[:1], only=(Role.FACED,))
                )
            self._focus = next(iter(codes)) if len(codes) == 1 else None
        return self._focus if isinstance(self._focus, str) else None

    def looks_back(self) -> bool:
        """Whether the headline looks back on a past event (``rules.background.looks_back``)."""
        if self._looks_back is None:
            self._looks_back = looks_back(self.normalised[: self.titles])
        return self._looks_back

    def fact_check(self) -> bool:
        """Whether the headline is a fact check's (``rules.background.fact_check``)."""
        if self._fact_check is None:
            self._fact_check = fact_check(self.normalised[: self.titles])
        return self._fact_check

    def about_a_work(self) -> bool:
        """Whether the headline is about a work (``rules.background.about_a_work``)."""
        if self._about_a_work is None:
            self._about_a_work = about_a_work(self.normalised[: self.titles])
        return self._about_a_work

    def labelled_history(self) -> bool:
        """Whether the headline labels the story history (``rules.background.labelled_history``)."""
        if self._history is None:
            self._history = labelled_history(self.normalised[: self.titles])
        return self._history

    def in_background(self, index: int, year: int) -> bool:
        """Whether body sentence ``index`` goes on telling the past of the sentence before it
        in its paragraph (``rules.background``): that one is dated in a year before ``year``
        or itself goes on so, and this one says nothing happens now or ahead. The lead (the
        body's first sentence) is never a source."""
        # Worked out from the paragraph's first sentence not yet known, forward (a loop, not
        # recursion: a paragraph may hold thousands of sentences).
        known = self._background
        pending: list[int] = []
        first = index
        while first > self.titles + 1 and first not in self.opens and first not in known:
            pending.append(first)
            first -= 1
        found = known.get(first, False) if first > self.titles + 1 else False
        for current in reversed(pending):
            found = narrates(self.normalised[current]) and (
                found or tells_the_past(self.normalised[current - 1], year, self.month)
            )
            known[current] = found
        return found

    def title_codes(self) -> set[str]:
        """Countries the title names (ignoring commenters, people and datelines)."""
        return self.codes(range(self.titles))

    def _doubtful_title(self) -> bool:
        """Whether the title has a country alias that was dropped as a look-alike ("Georgia
        Bulldogs"): then the article may be about something else altogether."""
        info = self._engine._info
        return any(
            info[phrase].countries and not self.mentions(index)
            for index in range(self.titles)
            for _, _, phrase, _ in self.spans(index)
        )

    def codes(
        self, indexes: range, *, without: tuple[Role, ...] = (), only: tuple[Role, ...] = ()
    ) -> set[str]:
        """Countries the sentences ``indexes`` name (ignoring commenters, people, datelines,
        venues and the roles ``without``), or only those named in the roles ``only``."""
        if only:
            return {m.code for index in indexes for m in self.mentions(index) if m.role in only}
        ignored = (Role.COMMENTER, Role.PEOPLE, Role.DATELINE, Role.TRANSIT, *without)
        return {m.code for index in indexes for m in self.mentions(index) if m.role not in ignored}


def walk(
    occurrences: Iterable[RawHit],
    joined: str,
    count: int,
    bits: RuleBits,
    *,
    ends: list[int],
    found: list[Occurrence],
    matcher: PhraseMatcher[Key],
    titles: int = 0,
) -> tuple[list[int], list[int], list[int]]:
    """One walk over an article's occurrences (``PhraseMatcher.occurrences`` of ``joined``, its
    ``count`` normalised sentences joined by newlines), as they are found: their two fields go to
    ``ends`` and ``found``.

    Returns where each sentence starts in the joined text (and ``maxsize`` last); where each
    sentence's occurrences begin (sentence ``i`` has occurrences ``firsts[i]`` to
    ``firsts[i + 1]``); and the sentences whose union of marks (``RuleBits.mark``: rule group
    bits before the leftmost-longest choice, so a superset of what the sentence has, and exclusion
    bits, which are certain) may fire a rule (``bits.promising``): only those are settled and
    checked exactly. ``Occurrence.anchored`` gives the rules whose first group its mark
    holds: a sentence none of whose occurrences has one can fire nothing, and otherwise
    only those rules are tried (``bits.fires``). A sentence that may fire is looked at once more
    with the exclusions ``occurrences`` cannot be sure of (phrases of several words, such as
    "world cup" or "central bank", confirmed against ``joined`` by ``matcher.sure_marks``): most
    sentences of a look-alike ("clashed in the World Cup qualifier") are then done here. The
    first ``titles`` sentences (a headline) are marked whatever their exclusions: a headline's
    items parted by semicolons are separate stories, each excluding only its own matches
    (``Engine._work`` checks that exactly).
    """
    starts = [0] * (count + 1)
    newline = -1
    for index in range(1, count):
        newline = joined.find("\n", newline + 1)
        starts[index] = newline + 1
    starts[count] = maxsize
    firsts = [0] * (count + 1)
    marked: list[int] = []
    sentence = 0
    next_start = starts[1]
    # The union of the folds of the sentence's marks (``Occurrence.hint``, a small integer): the
    # marks themselves (big integers) are put together only for a sentence it may fire (``_fires``).
    hint = 0
    rules: list[tuple[int, ...]] = []  # the anchored rules of the sentence's occurrences
    position = 0
    for end, occurrence in occurrences:
        # The occurrence ends (exclusive) at end - 1. One that reaches back across a newline (a
        # phrase of several words meeting the ends of two sentences) goes with the later one,
        # and is dropped when that sentence is settled (confirmed against the text).
        if end > next_start:
            if rules:
                if _fires(
                    bits,
                    hint,
                    rules,
                    matcher=matcher,
                    joined=joined,
                    ends=ends,
                    found=found,
                    first=firsts[sentence],
                    headline=sentence < titles,
                ):
                    marked.append(sentence)
                rules = []
            hint = 0
            while end > next_start:
                sentence += 1
                firsts[sentence] = position
                next_start = starts[sentence + 1]
        ends.append(end)
        found.append(occurrence)
        position += 1
        folded = occurrence.hint
        if folded:  # most occurrences carry no mark (country names)
            hint |= folded
            rules_of = occurrence.anchored
            if rules_of:
                rules.append(rules_of)
    if rules and _fires(
        bits,
        hint,
        rules,
        matcher=matcher,
        joined=joined,
        ends=ends,
        found=found,
        first=firsts[sentence],
        headline=sentence < titles,
    ):
        marked.append(sentence)
    firsts[sentence + 1 :] = [position] * (count - sentence)
    return starts, firsts, marked


def _fires(
    bits: RuleBits,
    hint: int,
    rules: list[tuple[int, ...]],
    *,
    matcher: PhraseMatcher[Key],
    joined: str,
    ends: list[int],
    found: list[Occurrence],
    first: int,
    headline: bool = False,
) -> bool:
    """Whether the sentence whose occurrences are ``found[first:]`` (their marks' folds making
    up ``hint``) may fire one of ``rules`` (``walk``), once its exclusions to confirm are
    confirmed; a ``headline``'s exclusions are left to ``Engine._work``."""
    if not bits.may_fire(hint, rules):
        return False
    present = 0
    for position in range(first, len(found)):
        present |= found[position].mark
    if headline:
        return bits.fires(present & ~bits.sure, rules)
    if not bits.fires(present, rules):
        return False
    sure = matcher.sure_marks(joined, ends, found, first, len(found))
    return not sure or bits.fires(present | sure, rules)
