"""The rule engine: one pass over an article, then cheap per-sentence logic.

``Engine.scan`` splits the article into sentences (title first), normalises them into one string,
runs a single Aho-Corasick pass over every rule phrase, exclusion, country alias and look-alike
guard, and then, only for sentences where some rule's first phrase group matched, checks the other
groups within the rule's word window, works out modality and countries, and keeps the best evidence
per (trigger, country).

Everything past the automaton pass is lazy. The pass reports every word-bounded occurrence with
a mark (the rule groups its phrase may stand for, before any leftmost-longest choice, and the
rules it surely excludes); one walk over them gives each sentence's union of marks. Only the
sentences whose marks hold every group of some rule and none of its exclusions are settled
(leftmost-longest) and checked exactly; an article without one is done there. Country mentions
(with their roles) are resolved only for the sentences whose attribution needs them, and Signals
are built only for the final best per (trigger, country).

The pieces live beside it: ``rules.keys`` (what each phrase means, rule groups as bits),
``rules.articlescan`` (the per-article scan state and sentence bookkeeping), ``rules.matches``
(valid matches of a rule within a sentence) and ``rules.evidence`` (best evidence per (trigger,
country) and the Signals built from it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Final

from rules.articlescan import ArticleScan, walk
from rules.attribution import Mention, Role, SentenceRoles, attribute
from rules.background import (
    as_history,
    drop_background,
    drop_disaster_tolls,
    drop_passing,
    drop_peaceful_tolls,
    sports_story,
)
from rules.datelines import own_date
from rules.evidence import Best, Outcome, assemble_signals, keep_best
from rules.gazetteer import Gazetteer
from rules.keys import Key as Key  # noqa: PLC0414  (re-exported: it was defined here)
from rules.keys import PhraseKeys, RuleBits, layer_of
from rules.landmarks import without_landmarks
from rules.matcher import Occurrence, PhraseMatcher
from rules.matches import MAX_HITS_PER_GROUP as MAX_HITS_PER_GROUP  # noqa: PLC0414  (idem)
from rules.matches import (
    Phrase,
    SentencePhrases,
    excluded_in_item,
    file_phrases,
    valid_matches,
)
from rules.modality import SentenceModality, told_as_now
from rules.model import ALERTING_MODALITIES, Article, Modality, Signal
from rules.roles import dateline_end
from rules.rule import (
    ARRIVAL_TRIGGERS,
    CALL_UP_TRIGGERS,
    DEPARTURE_TRIGGERS,
    FACED_SPEAKER_TRIGGERS,
    FACING_TRIGGERS,
    UNCUED_SPEAKER_TRIGGERS,
    Attribution,
    Rule,
)
from rules.text import expand_phrase, normalise, normalise_joined, sentence_texts
from rules.tolls import counts_the_wounded, is_age, is_date

__all__ = ["Engine"]

_WORD: Final = re.compile(r"\w+")
_TOPIC_CHARS: Final = 40  # a headline's "Country:" label is short


# Look-alike country names that are also people's first names: such a name that speaks is a
# person, most likely ("Chad said ..."); "Guinea's junta warns ..." is the country.
_FIRST_NAMES: Final = frozenset({"chad", "jordan", "georgia", "santiago"})


class Engine:
    """Runs a fixed set of validated rules over articles. Immutable once built; thread-safe."""

    def __init__(
        self,
        rules: Sequence[Rule],
        gazetteer: Gazetteer,
        *,
        undated_year: int | None = None,
        passing_mentions: bool = False,
    ) -> None:
        """``undated_year``: the year an article without a date is read as written in (the
        service passes the current one); ``None`` reads only years before 2000 as the past.
        ``passing_mentions``: keep the passing mentions of a story as signals
        (``rules.background.drop_passing``); by default they are the story's context."""
        self._undated_year = undated_year
        self._passing_mentions = passing_mentions
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
        self._capitals = frozenset(
            normalise(form)
            for country in gazetteer.countries.values()
            for capital in country.capitals
            for form in expand_phrase(capital)
        )
        self._part_of: dict[str, str] = {
            c.code: c.part_of for c in gazetteer.countries.values() if c.part_of is not None
        }
        self._bits = RuleBits(self._rules)
        self._matcher: PhraseMatcher[Key] = PhraseMatcher(
            phrases, layer_of, self._bits.mark, sure=self._bits.sure
        )
        self._info = [
            PhraseKeys(self._matcher.keys_of(i), self._bits) for i in range(len(self._matcher))
        ]
        # Per ``Occurrence.phrase``: the rules whose first group its phrases may be (``walk``,
        # which reads them from the occurrences themselves), and the countries its phrases may
        # name by an alias that is not an ordinary word.
        self._matcher.attach(
            [
                tuple(sorted(rules))
                for rules in self._matcher.per_value(
                    lambda index: frozenset(
                        rule_index for rule_index, group in self._info[index].groups if group == 0
                    )
                )
            ]
        )
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
        paragraphs: list[int] = []
        texts, titles = sentence_texts(article.title or "", article.text or "", paragraphs)
        if not texts or (titles and sports_story(texts[0])):
            return []  # (a story slugged as sport, "Rugby-...", tells matches, not events)
        joined = normalise_joined(texts)
        if titles:
            joined = _roundup_items(joined)
        ends: list[int] = []
        found: list[Occurrence] = []
        starts, firsts, marked = walk(
            self._matcher.occurrences(joined),
            joined,
            len(texts),
            self._bits,
            ends=ends,
            found=found,
            matcher=self._matcher,
            titles=titles,
        )
        if not marked:
            return []
        year, month = self._written(article)
        scan = ArticleScan(
            self,
            texts=texts,
            titles=titles,
            # (Only now: most articles are done before their sentences' own strings are needed.)
            normalised=joined.split("\n"),
            starts=starts,
            joined=joined,
            ends=ends,
            found=found,
            firsts=firsts,
            month=month,
            opens=frozenset(paragraphs),
        )
        work = self._work(scan, marked)
        if not work:
            return []
        best: dict[tuple[str, str], Best] = {}
        for index, candidates in work:
            self._scan_sentence(scan, index, candidates, year, best)
        drop_background(best, scan)
        drop_disaster_tolls(best, scan)
        drop_peaceful_tolls(best, scan)
        if not self._passing_mentions:
            drop_passing(best, scan)
        return assemble_signals(best, scan.texts)

    def _written(self, article: Article) -> tuple[int | None, int | None]:
        """The year and month the article was written in: its publication date; without one,
        its own dateline's when that is no older than last year (an older one is an archive
        piece, read as of the undated year); else the undated year."""
        if article.published is not None:
            return article.published.year, article.published.month
        own = own_date(article.title or "", article.text or "")
        undated = self._undated_year
        if own is not None and (
            (undated is None and own[0] >= 2000)
            or (undated is not None and 0 <= undated - own[0] <= 1)
        ):
            return own
        return undated, None

    def _work(self, scan: ArticleScan, marked: list[int]) -> list[tuple[int, list[int]]]:
        """The sentences where some rule has every group and no exclusion, with those rules,
        among the ``marked`` sentences (those whose marks may fire a rule), settled exactly."""
        bits = self._bits
        info = self._info
        work: list[tuple[int, list[int]]] = []
        for index in marked:
            present = excluding = 0
            for _, _, phrase_index, keys in scan.spans(index):
                found = info[phrase_index] if keys is None else PhraseKeys(keys, bits)
                present |= found.bits
                excluding |= found.excluding
            if index < scan.titles and ";" in scan.normalised[index]:
                # A headline's items are separate stories: an exclusion rules out only the
                # matches of its own item (``_choices``).
                excluding = 0
            candidates = bits.candidates(present, excluding)
            if candidates:
                work.append((index, candidates))
        return work

    def _mentions(self, scan: ArticleScan, index: int) -> list[Mention]:
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
                info[phrase_index].countries
                if keys is None
                else PhraseKeys(keys, self._bits).countries
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
                if role is Role.DATELINE and index < scan.titles:
                    role = Role.PLAIN  # "Pakistan, Afghanistan agree ceasefire": no dateline
                if (
                    rule is not None
                    and alias in _FIRST_NAMES
                    and role in (Role.COMMENTER, Role.OFFICIAL)
                ):
                    continue  # "Chad said ...", "Jordan told ...": a person, most likely
                found.append(Mention(start - offset, stop - offset, code, role))
        if found and index == scan.titles and found[0].role is not Role.DATELINE:
            # "DUBAI — Iran's police commander warned ...": the dateline's city is only where
            # the story was filed (the existing dateline forms are told by the normalised text).
            end = dateline_end(scan.texts[index])
            if end:
                # (A dateline in the country the sentence goes on to name is that place:
                # "GABORONE - Botswana's government said ...", not when it is named later only as
                # a mediator or a venue: "DOHA - ... after talks mediated by Qatar".)
                later = {m.code for m in found if m.end > end and m.role is not Role.TRANSIT}
                found = [
                    Mention(m.start, m.end, m.code, Role.DATELINE)
                    if m.end <= end and m.code not in later
                    else m
                    for m in found
                ]
        return found

    def _names_plainly(self, scan: ArticleScan, code: str) -> bool:
        """Whether the article names ``code`` somewhere by an alias that is not also an ordinary
        word. Only sentences with an occurrence of such an alias are settled."""
        ambiguous = self._gazetteer.ambiguous
        info = self._info
        phrase_of = self._matcher.phrase_of
        plain = self._plain_codes
        firsts = scan.firsts
        checked = -1
        for position, occurrence in enumerate(scan.found):
            if code not in plain[occurrence.phrase]:
                continue
            index = bisect_right(firsts, position) - 1
            if index == checked:
                continue
            checked = index
            for _, _, phrase_index, keys in scan.spans(index):
                codes = (
                    info[phrase_index].countries
                    if keys is None
                    else PhraseKeys(keys, self._bits).countries
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
        scan: ArticleScan,
        index: int,
        candidates: list[int],
        year: int | None,
        best: dict[tuple[str, str], Best],
    ) -> None:
        """Signals of rules ``candidates`` (which have all their groups) in sentence ``index``."""
        text = scan.normalised[index]
        outcomes = scan.outcomes.get(text)
        if outcomes is None:
            outcomes = scan.outcomes[text] = self._outcomes(scan, index, candidates, year)
        if any(o[1] in ALERTING_MODALITIES for o in outcomes):  # (else nothing to recast)
            if scan.labelled_history():  # "This week in history: Indonesia invades East Timor"
                outcomes = as_history(outcomes)
            elif scan.fact_check():  # "Fact check: No, this video does not show tanks ..."
                outcomes = as_history(outcomes, Modality.DENIED)
            elif index < scan.titles and scan.about_a_work():
                # "Review: 'The Eleventh of September' retells Chile's coup hour by hour"
                outcomes = as_history(outcomes)
            elif (
                index >= scan.titles
                and scan.looks_back()
                and not told_as_now(text)
                and not _headline_alerts(best, scan.titles)
            ):
                # (A headline that reports an event of its own, "Iran: protesters shot dead on
                # anniversary of 2022 uprising", is news however it looks back.)
                outcomes = as_history(outcomes)
            elif year is not None and scan.in_background(index, year):
                # "In January 2022, protests ... spread. More than 200 people were killed after
                # the president issued shoot-to-kill orders": the paragraph goes on in that past.
                outcomes = as_history(outcomes)
        keep_best(best, outcomes, index, text, scan)

    def _without_sovereigns(
        self, codes: list[str], text: str, mentions: list[Mention]
    ) -> list[str]:
        """``codes`` less the sovereign state of a territory among them, when the sovereign is
        named only as the authority ("France's high commissioner imposed a curfew in New
        Caledonia"), not as a place of its own ("riots in Paris and in Noumea")."""
        sovereigns = {self._part_of.get(code) for code in codes}
        return [
            code
            for code in codes
            if code not in sovereigns
            or any(m.code == code and text[: m.start].endswith(_PLACE_BEFORE) for m in mentions)
        ]

    def _settled_codes(
        self,
        scan: ArticleScan,
        index: int,
        rule: Rule,
        chosen: list[Phrase],
        *,
        span: tuple[int, int],
        codes: list[str],
    ) -> list[str]:
        """The countries of a rule's evidence match after what the sentence's place in the
        article says: the two sides of a match between countries, the article's country for
        forces named only as owners, a headline's filing country, territories over sovereigns."""
        text = scan.normalised[index]
        if rule.between_countries:
            # The two sides the match stands between, not others in its clause.
            codes = _between_countries(text, scan.mentions(index), chosen)
        if (
            rule.trigger in DEPARTURE_TRIGGERS
            and codes
            and _owners_only(scan.mentions(index), codes)
        ):
            # "Russian troops had left positions around Qamishli": whose troops is known,
            # where they left is the article's country.
            focus = scan.focus()
            if focus is not None and focus not in codes:
                codes = [*codes, focus]
        if index < scan.titles and rule.countries is None:
            topic = _headline_topic(
                text, scan.mentions(index), span, codes, rule.attribution is Attribution.TARGET
            )
            if topic is not None and topic not in codes:
                # "Somalia: Burundi pulls troops out as Egyptian contingent arrives": the
                # country a headline is filed under is where its events take place.
                codes = [*codes, topic]
        if rule.attribution is Attribution.LOCATION and len(codes) > 1:
            codes = self._without_sovereigns(codes, text, scan.mentions(index))
        return codes

    def _outcomes(
        self, scan: ArticleScan, index: int, candidates: list[int], year: int | None
    ) -> list[Outcome]:
        """What each candidate rule finds in sentence ``index``: everything that depends on the
        sentence's text only (its countries before any fallback to other sentences)."""
        bucket = file_phrases(
            scan.spans(index),
            scan.normalised[index],
            scan.starts[index],
            info=self._info,
            bits=self._bits,
            phrase_of=self._matcher.phrase_of,
            headline=index < scan.titles,
        )
        text = scan.normalised[index]
        modality_finder: SentenceModality | None = None
        outcomes: list[Outcome] = []
        for rule_index in candidates:
            rule = self._rules[rule_index]
            choices = _choices(bucket, rule_index, rule, scan, index)
            if not choices:
                continue
            borders = self._gazetteer.borders if rule.trigger in FACED_SPEAKER_TRIGGERS else None
            departure = rule.trigger in DEPARTURE_TRIGGERS
            arrival = rule.trigger in ARRIVAL_TRIGGERS
            call_up = rule.trigger in CALL_UP_TRIGGERS
            faces = rule.trigger in FACING_TRIGGERS
            uncued = rule.trigger in UNCUED_SPEAKER_TRIGGERS
            if modality_finder is None:
                modality_finder = SentenceModality(text, year, month=scan.month)
            # Every valid match of the rule in the sentence: the first alerting one (tightest
            # first) is the evidence, and the countries are those of every match that alerts
            # alike (so a match that fails its window or ``near`` hides no later one). Only
            # those matches need their countries worked out.
            staged: list[tuple[Modality, list[Phrase], tuple[int, int]]] = []
            for chosen in choices:
                span = (min([p[1] for p in chosen]), max([p[2] for p in chosen]))
                modality = modality_finder.at(*span, [(p[1], p[2]) for p in chosen])
                staged.append((modality, chosen, span))
            alerting = [f for f in staged if f[0] in ALERTING_MODALITIES]
            same = alerting or staged
            codes: list[str] = []
            for number, (more_modality, more_chosen, more_span) in enumerate(same):
                more_clause = modality_finder.clause_of(more_span[0])
                more_clause = (
                    more_clause[0],
                    max(more_clause[1], modality_finder.clause_of(more_span[1] - 1)[1]),
                )
                more_clause = _with_listed_subjects(
                    text, scan.mentions(index), more_clause, more_span[0]
                )
                more_scope = modality_finder.scope_of(more_span[0])
                if number == 0:
                    modality, chosen, span = more_modality, more_chosen, more_span
                    clause, scope = more_clause, more_scope
                more_codes = attribute(
                    text,
                    scan.mentions(index),
                    more_clause,
                    more_span,
                    rule.attribution,
                    scope=more_scope,
                    clause_only=True,
                    borders=borders,
                    departure=departure,
                    arrival=arrival,
                    call_up=call_up,
                    faces=faces,
                    capitals=self._capitals,
                    uncued_speakers=uncued,
                    headline=index < scan.titles,
                )
                codes.extend(code for code in more_codes if code not in codes)
            if not codes:  # no match's clause names a country: the evidence's sentence-wide
                codes = attribute(
                    text,
                    scan.mentions(index),
                    clause,
                    span,
                    rule.attribution,
                    scope=scope,
                    borders=borders,
                    departure=departure,
                    arrival=arrival,
                    call_up=call_up,
                    faces=faces,
                    capitals=self._capitals,
                    uncued_speakers=uncued,
                    headline=index < scan.titles,
                )
                if rule.trigger == "armed_conflict" and not any(
                    "fire" in p[3] or "border" in p[3] for p in chosen
                ):
                    # (An exchange of fire or border clashes have both sides in them.)
                    codes = _across_the_border(text, scan.mentions(index), clause, codes)
            if rule.trigger == "armed_conflict" and not any("border" in p[3] for p in chosen):
                codes = without_landmarks(text, scan.mentions(index), codes)
            codes = self._settled_codes(scan, index, rule, chosen, span=span, codes=codes)
            severity = rule.severity
            if modality is Modality.THREATENED:
                severity = severity.lowered()
            outcomes.append((rule, modality, severity, codes, tuple(p[3] for p in chosen)))
        return outcomes


_NOT_PARTIES: Final = (Role.COMMENTER, Role.TRANSIT, Role.DATELINE, Role.PEOPLE, Role.OFFICIAL)


def _between_countries(text: str, mentions: list[Mention], chosen: list[Phrase]) -> list[str]:
    """The two sides when a match stands between two named countries: one ending at most two
    words before it, another starting at most three words after it ("Israel strikes south
    Lebanon", "Pakistan strikes targets in Khost"), with a list joined to the nearest ("Turkey
    strikes Iraq and Syria"); empty otherwise."""
    start = min(p[1] for p in chosen)
    end = max(p[2] for p in chosen)
    before = [
        m.code
        for m in mentions
        if m.end <= start
        and m.role not in _NOT_PARTIES
        and text.count(" ", m.end, start) <= 2
        and ";" not in text[m.end : start]
    ]
    after: list[str] = []
    last = end
    for m in mentions:
        if m.start < end or m.role in _NOT_PARTIES or m.code in before:
            continue
        if after and text[last : m.start] not in (" and ", ", ", ", and ", " and the "):
            break  # the nearest side and a list joined to it ("Turkey strikes Iraq and Syria"),
            # not a country further on ("Israel strikes Damascus before US-brokered ceasefire")
        if text.count(" ", end, m.start) > 3 or ";" in text[end : m.start]:
            break
        after.append(m.code)
        last = m.end
    return [*before, *after] if before and after else []


# A round-up's headline lists separate stories after its label ("Asia briefing: Sagaing air
# strike, Thai armour on Cambodian border, Jakarta student protests").
_ROUNDUP: Final = re.compile(
    r"(?:[\w'-]+ ){0,3}(?:briefing|round up|roundup|digest|in brief|wrap|what we know"
    r"|the day|news summary|morning report|evening report)(?: [\w'-]+){0,2}: "
)


def _roundup_items(joined: str) -> str:
    """For a round-up's headline (the joined text's first line), its commas after the label
    become semicolons (items of their own, ``rules.matches``), in the joined text (same
    length)."""
    end = joined.find("\n")
    title = joined if end < 0 else joined[:end]
    if ", " not in title:
        return joined
    found = _ROUNDUP.match(title)
    if found is None:
        return joined
    title = title[: found.end()] + title[found.end() :].replace(", ", "; ")
    return title + joined[len(title) :]


def _choices(
    bucket: SentencePhrases, rule_index: int, rule: Rule, scan: ArticleScan, index: int
) -> list[list[Phrase]]:
    """The valid matches of a rule in sentence ``index`` that mean what the rule says."""
    text = scan.normalised[index]
    choices = _sensible(valid_matches(bucket, rule_index, rule), rule, text, scan, index)
    if bucket.exclusions and rule_index in bucket.exclusions:
        choices = [c for c in choices if not excluded_in_item(bucket, rule_index, c)]
    if not choices:
        return choices
    mentions = scan.mentions(index)
    if rule.between_countries:
        choices = [c for c in choices if _between_countries(text, mentions, c)]
    if rule.trigger == "troop_massing" and rule.near:
        near = bucket.near.get(rule_index, [])
        choices = [
            c for c in choices if any(_near_a_place(text, mentions, p, _massed(c)) for p in near)
        ]
    if rule.abroad and len(_destinations(text, mentions)) <= 1 and _FOREIGN.search(text) is None:
        # "Thai forces deployed tanks to Surin province": forces sent within their own country
        # (one country named, nothing foreign) are no intervention.
        return []
    return choices


# Countries named only as where people come from, what something is linked to, or a dateline:
# "Pakistan deployed troops to Karachi after protests over Afghan refugees" is no deployment
# abroad.
_NOT_A_DESTINATION: Final = frozenset({Role.PEOPLE, Role.MODIFIER, Role.DATELINE})
# "guerrillas based in Venezuela", "Boko Haram attacks from Nigeria" (not "soldiers from Kenya")
_ORIGIN_BEFORE: Final = re.compile(
    r"\b(?:based in|(?:attacks?|raids?|crossed|fled|infiltrat\w*|incursions?) from)(?: the)? $"
)


def _destinations(text: str, mentions: list[Mention]) -> set[str]:
    """The countries a deployment may go to or come from: not those named only as where people
    or attacks come from, what something is linked to, a dateline, or what the deployment answers
    ("deployed troops to Borno after attacks by fighters from Cameroon", "to Kharkiv as Russian
    forces advanced", "to deter Russia")."""
    return {
        m.code
        for m in mentions
        if m.role not in _NOT_A_DESTINATION
        and not _ORIGIN_BEFORE.search(text, max(0, m.start - 30), m.start)
        and not _after_the_destination(_CAUSE_BEFORE.search(text, 0, m.start), text, m.start)
    }


def _after_the_destination(cause: re.Match[str] | None, text: str, position: int) -> bool:
    """Whether a cause clause found before ``position`` stands after the deployment's own "to" or
    "into" (so the country it names is the cause, not the destination: "Amid a jihadist surge
    Chad deploys troops to Niger" keeps Niger)."""
    if cause is None:
        return False
    marker = max(text.rfind(" to ", 0, position), text.rfind(" into ", 0, position))
    return marker >= 0 and cause.start() > marker


_CAUSE_BEFORE: Final = re.compile(
    r"(?:\b(?:after|as|amid|following|while|over|because of|in response to)\b[^,;]*"
    r"|\b(?:to deter|to counter|backed by|supported by)(?: the)? )$"
)
_FOREIGN: Final = re.compile(
    r"\b(?:(?:foreign|international|allied|coalition|multinational|regional"
    r"|(?<!south )(?<!central )african|nato|un|eu|au|new)"
    r" (?:\w+ )?(?:troops|forces|force|soldiers|military|contingents?|mission|personnel|units)"
    r"|abroad|overseas|peacekeep\w*|(?:suppression|support|stabili[sz]ation|intervention|standby"
    r"|joint|protection|reaction|expeditionary) force|ecowas|sadc|csto|eufor|kfor"
    r"|from (?:neighbou?ring|other|several|foreign|allied) countries"
    r"|led (?:military )?(?:alliance|bloc|coalition|force|mission))\b"
)


_SUBJECT_WORDS: Final = (
    3  # words between listed subjects and the match ("... Afghanistan agree ceasefire")
)


def _with_listed_subjects(
    text: str, mentions: list[Mention], clause: tuple[int, int], match: int
) -> tuple[int, int]:
    """``clause`` reaching back over countries listed before it as its subjects ("Pakistan,
    Afghanistan agree ceasefire": the comma parts no clause), when the clause opens with the
    last of them and the match follows within a few words."""
    start = clause[0]
    first = next((m for m in mentions if m.start >= start), None)
    if (
        first is None
        or first.role is not Role.PLAIN
        or text[start : first.start].strip(", ") not in ("", "and", "the", "and the")
        or text.count(" ", first.end, match) > _SUBJECT_WORDS
    ):
        return clause
    while start > 0 and text[start] == ",":
        before = next((m for m in mentions if m.end == start), None)
        if before is None or not (
            before.start == 0 or text[before.start - 2 : before.start] == ", "
        ):
            break
        start = before.start if before.start == 0 else before.start - 2
    return (start, clause[1])


# "near", "toward", "close to" say where forces go only when a place follows them: a country, a
# border or front ("toward the Malian border", "near Ukraine"), not "near the airport", "toward
# the base", "the neighbouring Matale district".
_GENERIC_NEAR: Final = frozenset(
    {"toward", "towards", "near", "close to", "next to", "closer to", "neighbouring", "neighboring",
     "edge of", "approaches to", "along"}
)  # fmt: skip
_PLACE_AFTER: Final = re.compile(
    r" (?:the |its |their )?(?:[\w'-]+ ){0,3}?(?:border|borders|frontier|frontiers|boundary|front"
    r"|front line|frontline|line of control|line of contact|loc|lac|ceasefire line|coast|strait"
    r"|dmz|buffer zone|crossings?|checkpoints?|border posts?|disputed|enclave|exclave|corridor"
    r"|parallel"
    r"|heights|shoal|islands?|gulf|sea|river|riverbank|bank|line|shores?|shoreline|coastline|lake"
    r"|valley|spit|pass|passes|highway|road|frontlines?)\b"
)


_NAMED_PLACE_AFTER: Final = re.compile(
    r" (?:the (?:town|village|city|port|region|district|province|area|enclave|heights) of \w"
    r"|(?!the\b|a\b|an\b|its\b|their\b|his\b|her\b|our\b|this\b|that\b|these\b|those\b"
    r"|main\b|key\b|several\b|some\b|two\b|three\b|airport\b|base\b|bases\b|capital\b"
    r"|city\b|town\b|site\b|scene\b)[a-z])"
)


def _massed(chosen: list[Phrase]) -> bool:
    """Whether a massing match says massed, amassed, concentrated or built up (not just moved)."""
    return any(p[3].startswith(("mass", "amass", "concentrat", "build")) for p in chosen)


def _near_a_place(text: str, mentions: list[Mention], phrase: Phrase, massed: bool) -> bool:
    """Whether a massing rule's ``near`` phrase points at a place: a border word itself, or a
    generic one ("near", "toward") followed by a country or a border within a few words, or,
    for forces massed, by a place's name ("massed troops near Assab")."""
    if phrase[3] not in _GENERIC_NEAR:
        return True
    end = phrase[2]
    if text.startswith(" with", end):
        return False  # "along with 100 American soldiers"
    if any(end < m.start <= end + 30 for m in mentions):
        return True
    # A name straight after it ("near Assab", "near the town of Goris"), not a common noun
    # after an article ("near the airport").
    return _PLACE_AFTER.match(text, end) is not None or (
        massed
        and phrase[3] in ("near", "close to")
        and _NAMED_PLACE_AFTER.match(text, end) is not None
    )


# Fighting with both sides in it: "as troops of both countries exchanged artillery fire".
_MUTUAL: Final = re.compile(r"\b(?:both|each other|exchang\w*|traded|trading|mutual)\b")
_AFTER_CLAUSE: Final = re.compile(r"\W*(?:after|as|amid|following|because of)\b")


def _across_the_border(
    text: str, mentions: list[Mention], clause: tuple[int, int], codes: list[str]
) -> list[str]:
    """For fighting told in a clause of its own after a country acts at a border ("Chad closed
    its eastern border with Sudan after fighting between the RSF and allied militias"): the
    fighting is across the border, in the country faced, not the one acting."""
    if not _AFTER_CLAUSE.match(text, clause[0]) or _MUTUAL.search(text, clause[0], clause[1]):
        return codes
    faced = [m for m in mentions if m.role is Role.FACED and m.end <= clause[0]]
    if " across " not in text[clause[0] : clause[1]] and any(
        _HOME_REGION_BEFORE.search(text, max(0, m.start - 60), m.start) for m in faced
    ):
        # "... flown to the Catatumbo region on the border with Venezuela after fighting between
        # ELN guerrillas and FARC dissidents": the fighting is in that region, this side.
        home = [code for code in codes if code not in {m.code for m in faced}]
        return home or codes
    kept = [code for code in codes if code in {m.code for m in faced}]
    return kept or codes


# A region of the acting country named at the border: "to the Catatumbo region on the border with".
_HOME_REGION_BEFORE: Final = re.compile(
    r"\b(?:region|province|state|district|department|area|town|city|valley)"
    r"(?: of [\w'-]+)? (?:on|along|near) (?:the|its) (?:[\w-]+ )?(?:border|frontier)"
    r" with (?:the )?$"
)


def _sensible(
    choices: list[list[Phrase]], rule: Rule, text: str, scan: ArticleScan, index: int
) -> list[list[Phrase]]:
    """``choices`` less matches that read otherwise: a count of the wounded or an age by a death
    word, a country protesting (objecting) in a headline."""
    if rule.trigger == "mass_casualties" and len(rule.groups) == 2:
        return [c for c in choices if not _wounded(text, rule, c)]
    if rule.trigger == "unrest" and index < scan.titles:
        return [c for c in choices if not _objects(text, scan.mentions(index), c)]
    if rule.trigger == "troop_massing":
        # "militants ambushed an army convoy": a convoy attacked is no build-up
        return [c for c in choices if not any(_ambushed(text, p) for p in c)]
    if rule.trigger == "armed_conflict":
        # "Burundian troops deployed in South Kivu, fighting alongside Congolese forces": a role
        # the forces have, not a battle
        return [c for c in choices if not any(_a_role(text, p) for p in c)]
    return choices


_ROLE_AFTER: Final = re.compile(r" alongside\b")


def _a_role(text: str, phrase: Phrase) -> bool:
    """Whether a fighting phrase tells what forces do there ("fighting alongside Congolese
    forces") rather than a battle."""
    if phrase[3] != "fighting":
        return False
    return _ROLE_AFTER.match(text, phrase[2]) is not None


_AMBUSHED: Final = re.compile(r"\bambush\w*(?: [\w'-]+){0,4} $")


def _ambushed(text: str, phrase: Phrase) -> bool:
    """Whether a massing phrase names a convoy that was ambushed."""
    return phrase[3].startswith("convoy") and _AMBUSHED.search(text, 0, phrase[1]) is not None


def _wounded(text: str, rule: Rule, chosen: list[Phrase]) -> bool:
    """Whether a casualty match pairs a death word with a count of the wounded, or an age."""
    if "killed" not in rule.groups[1]:
        return False
    number, death = chosen
    return (
        is_age(text, (number[1], number[2]))
        or is_date(text, (number[1], number[2]))
        or counts_the_wounded(text, (number[1], number[2]), (death[1], death[2]))
    )


def _objects(text: str, mentions: list[Mention], chosen: list[Phrase]) -> bool:
    """Whether a headline's lone "protests" is a country objecting ("Russian warships move to
    Ochamchire; Tbilisi protests", "... as Guyana protests"): right after a country's name, at
    the end of the headline or of one of its items, or right before another country."""
    if len(chosen) != 1 or chosen[0][3] not in ("protests", "protest"):
        return False
    start, end = chosen[0][1], chosen[0][2]
    subject = next((m for m in mentions if m.end == start - 1), None)
    if subject is None or not (subject.start == 0 or text[: subject.start].endswith(_OPENINGS)):
        return False  # "Two killed in Kenya protests": the country names the protests
    # ... or right before what it objects to ("Bangladesh protests Myanmar troop build-up")
    rest = text[end:].strip()
    return not rest or rest[0] in ";:" or any(m.start == end + 1 for m in mentions)


_PLACE_BEFORE: Final = (" in ", " at ", " across ", " throughout ", " and ", " near ")
_OPENINGS: Final = ("; ", ": ", ", ", " as ", " and ", " while ", " but ")


def _headline_alerts(best: dict[tuple[str, str], Best], titles: int) -> bool:
    """Whether a headline sentence gave an alerting sighting (rank: alerting first, then the
    sentence index)."""
    return any(rank[0] == 0 and rank[2] < titles for rank, _, _ in best.values())


_TOPIC_LABEL: Final = re.compile(
    r" (?:security |daily |weekly |morning |evening |politics )?(?:briefing|brief|weekly|daily"
    r"|update|updates|live|letter|diary|notebook|watch|digest|round ?up|report|dispatch|note"
    r"|monitor|tracker)$"
)


def _headline_topic(
    text: str,
    mentions: list[Mention],
    span: tuple[int, int],
    codes: list[str],
    target: bool,
) -> str | None:
    """The country a headline is filed under ("Haiti: Kenyan police depart ..."), if any: a
    country name alone before the headline's first colon. It holds for the first of items parted
    by semicolons, and for a later item only when the event's countries (``codes``) are none of
    that item's ("Ukraine: Russia masses troops; Kenya: police shoot protesters" files Kenya's
    under Kenya), or, for a ``target`` rule, when no country is named after the event ("Iran:
    protesters shot ...; US adds sanctions" sanctions Iran)."""
    colon = text.find(": ")
    if colon <= 0 or colon > _TOPIC_CHARS:
        return None
    start = 4 if text.startswith("the ") else 0
    # (or a country and a label: "Iran weekly: ...", "Lebanon briefing: ...")
    label = _TOPIC_LABEL.search(text, 0, colon)
    end = label.start() if label is not None else colon
    topic = next((m for m in mentions if m.start == start and m.end == end), None)
    if topic is None:
        return None
    low = text.rfind(";", 0, span[0]) + 1
    if low > 0:
        high = text.find(";", span[1])
        high = len(text) if high < 0 else high
        own = [m for m in mentions if low <= m.start < high]
        if target:
            if any(m.start >= span[0] for m in own):
                return None
        elif any(m.code in codes for m in own):
            return None
    return topic.code


def _owners_only(mentions: list[Mention], codes: list[str]) -> bool:
    """Whether every country in ``codes`` is named only as the owner of forces ("Russian
    troops"), so the sentence does not say where they are."""
    return all(
        all(m.role is Role.FORCES for m in mentions if m.code == code)
        and any(m.code == code for m in mentions)
        for code in codes
    )
