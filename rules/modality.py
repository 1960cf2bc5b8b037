"""Modality of a match within its sentence: reported, announced, threatened, denied, ...

Works on one normalised sentence. The sentence is cut into *scopes* at contrast words (though,
but, while, ";") and scopes into *clauses* at commas and subordinators (after, as, following...).
Each cue kind looks in its own range:

- historical: anywhere in the sentence ("In 1968 ...", "during the Cold War", "decades ago");
- denied: anywhere in the scope, so "Moscow dismisses such claims, though it is massing troops"
  leaves the massing (after "though") reported;
- negated: a negation word from a few words before the match to its end, or a refusal phrase
  ("rejects calls to", "refused to") earlier in the scope;
- threatened: "threatened to", "warned it would" earlier in the scope;
- hypothetical: could/might/may/fears of... in the clause, or if/unless in the scope;
- announced: will/plans to/announced/ordered/to start... in the clause.

The first that applies in that order wins; otherwise the match is reported.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Sequence

from rules.model import Modality

__all__ = ["SentenceModality"]

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_HISTORICAL = re.compile(
    r"\b(?:decades|centuries|generations) ago\b"
    r"|\b(?:during|in) the (?:cold war|soviet era|soviet times|second world war|first world war"
    r"|(?:18|19)\d0s)\b"
    r"|\b(?:during|in) world war (?:i|ii|one|two|1|2)\b"
    r"|\bin (?:(?:early|late|mid) )?(?:(?:" + _MONTHS + r") )?(?:of )?(?P<year>1[5-9]\d\d|20\d\d)\b"
)
_DENIED = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)"
    r"|dismiss(?:es|ed|ing)? (?:the |such |these |those |all |as )?"
    r"(?:claims?|reports?|allegations?|accusations?|suggestions?|speculation|rumou?rs?)"
    r"|reject(?:s|ed|ing)? (?:the |such |these |those |all )?"
    r"(?:claims?|reports?|allegations?|accusations?|suggestions?)"
    r"|(?:baseless|false|fake|unfounded|untrue) (?:claims?|reports?|allegations?|rumou?rs?)"
    r"|dismissed as)\b"
)
_NEGATION_WORD = re.compile(
    r"(?:\b(?:no|not|never|neither|nor|without|cannot)\b|n't\b)"
    r"(?! (?:far|only|least|fewer|less|longer than|more than|doubt|surprise))"
)
_REFUSAL = re.compile(
    r"\b(?:reject(?:s|ed|ing)? (?:calls?|demands?|pressure|appeals?) (?:to|for)"
    r"|refus(?:e|es|ed|ing) to|rul(?:e|es|ed|ing) out|declin(?:e|es|ed|ing) to"
    r"|no (?:plans?|intention|sign|signs|evidence|indication) (?:to|of)"
    r"|(?:has|have) yet to|call(?:s|ed)? off|stopp(?:ed|ing) short of|resist(?:s|ed)? calls"
    r"|halt(?:s|ed)? plans)\b"
)
_THREAT = re.compile(
    r"\b(?:threat(?:en|ens|ened|ening) (?:to|that)"
    r"|warn(?:s|ed|ing)? (?:that )?(?:it|they|he|she|we|\w+) (?:would|will|could|might|may)"
    r"|ultimatum)\b"
)
_HYPOTHETICAL = re.compile(
    r"\b(?:could|might|possible|possibly|potential(?:ly)?|whether|should|hypothetical"
    r"|fears? (?:of|that)|feared|risk (?:of|that)|prospect of|in case of|in the event of"
    r"|scenario|threat of|would be ready|consider(?:s|ing)?|mull(?:s|ing)?|weigh(?:s|ing)?"
    r"|likely)\b"
    r"|(?<!\bin )(?<!\bon )(?<!\bof )(?<!\bby )(?<!since )(?<!until )(?<!theresa )\bmay\b(?! \d)"
)
_CONDITION = re.compile(r"\b(?:if|unless)\b")
_ANNOUNCED = re.compile(
    r"(?:\b(?:will|shall|would|plans? to|planning to|planned|announc(?:e|es|ed|ing|ement)"
    r"|order(?:s|ed|ing)?|to (?:start|begin)|set to|(?:is|are|was|were) to"
    r"|decid(?:e|es|ed) to|decision to|agree(?:s|d)? to|pledg(?:e|es|ed) to|vow(?:s|ed)? to"
    r"|intends? to|expected to|going to|prepar(?:e|es|ed|ing) to|scheduled"
    r"|(?:by|before) (?:the )?end of|instruct(?:s|ed)?|authori[sz](?:e|es|ed)|approv(?:e|es|ed)"
    r"|issu(?:e|es|ed)|decree(?:d|s)?)\b|'ll\b)"
)
_SCOPE_BREAK = re.compile(r";|\b(?:though|although|but|however|whereas|while|yet)\b")
_CLAUSE_BREAK = re.compile(
    r"[,;:]|\b(?:though|although|but|however|whereas|while|after|before|because|since|when"
    r"|following|amid|until|who|which|where)\b"
    r"|(?<!such )(?<!well )(?<!same )(?<!just )\bas\b(?! (?:well|many|much|part|long|soon|far|of))"
)


class SentenceModality:
    """Modality of matches in one normalised sentence; cues are found once per sentence."""

    def __init__(self, sentence: str, published_year: int | None = None) -> None:
        self._text = sentence
        self._scopes = [0] + [m.end() for m in _SCOPE_BREAK.finditer(sentence)]
        self._clauses = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
        self._historical = self._is_historical(published_year)

    def _is_historical(self, published_year: int | None) -> bool:
        for m in _HISTORICAL.finditer(self._text):
            year = m.group("year")
            if year is None:
                return True
            limit = published_year if published_year is not None else 2000
            if int(year) < limit:
                return True
        return False

    def scope_of(self, position: int) -> tuple[int, int]:
        """Character range of the scope (contrast-delimited part) containing ``position``."""
        return self._range(self._scopes, position)

    def clause_of(self, position: int) -> tuple[int, int]:
        """Character range of the clause containing ``position``."""
        return self._range(self._clauses, position)

    def _range(self, starts: list[int], position: int) -> tuple[int, int]:
        index = bisect_right(starts, position) - 1
        end = starts[index + 1] if index + 1 < len(starts) else len(self._text)
        return starts[index], end

    def at(self, start: int, end: int, phrases: Sequence[tuple[int, int]] = ()) -> Modality:
        """Modality of the match spanning characters ``start``..``end`` of the sentence.

        ``phrases`` are the matched phrases' spans: negation words inside them ("fire without
        warning") are part of the trigger, not a negation of it.
        """
        if self._historical:
            return Modality.HISTORICAL
        text = self._text
        scope_start, scope_end = self.scope_of(start)
        scope_end = max(scope_end, self.scope_of(max(end - 1, start))[1])
        if _DENIED.search(text, scope_start, scope_end):
            return Modality.DENIED
        if self._negated(start, end, scope_start, phrases):
            return Modality.NEGATED
        if _THREAT.search(text, scope_start, end):
            return Modality.THREATENED
        clause_start, clause_end = self.clause_of(start)
        clause_end = max(clause_end, self.clause_of(max(end - 1, start))[1])
        if _HYPOTHETICAL.search(text, clause_start, clause_end) or _CONDITION.search(
            text, scope_start, scope_end
        ):
            return Modality.HYPOTHETICAL
        if _ANNOUNCED.search(text, clause_start, clause_end):
            return Modality.ANNOUNCED
        return Modality.REPORTED

    def _negated(
        self, start: int, end: int, scope_start: int, phrases: Sequence[tuple[int, int]]
    ) -> bool:
        text = self._text
        look_from = start
        for _ in range(5):
            previous = text.rfind(" ", scope_start, look_from - 1)
            if previous < scope_start:
                look_from = scope_start
                break
            look_from = previous + 1
        gaps = [(look_from, start)]
        inner = sorted(phrases)
        for (_, first_end), (second_start, _) in itertools.pairwise(inner):
            gaps.append((first_end, second_start))
        if not inner:
            gaps = [(look_from, end)]
        if any(_NEGATION_WORD.search(text, low, high) for low, high in gaps if low < high):
            return True
        return _REFUSAL.search(text, scope_start, end) is not None
