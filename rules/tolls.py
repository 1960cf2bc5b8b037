"""Which count a death word goes with: "two were shot dead and at least 30 wounded" is no toll
of 30, and "a man who was 19 when he was killed" none of 19.

A casualty rule pairs a number with a death word within a few words. When the number belongs to
the wounded instead ("dozens of officers were injured", "30 wounded and two killed"), or another
count stands nearer the death word ("killing two, as thousands marched"), the pair is no death
toll. A death word directly before its number governs it ("killed 27 people and wounded
80" is a toll of 27).
"""

from __future__ import annotations

import re

from rules.modality import MONTHS

__all__ = ["counts_the_wounded", "is_age", "is_date"]

# What else a number near a death word may count: the wounded, the detained, the displaced.
_INJURED = re.compile(
    r"\b(?:wounded|injured|hurt|wounding|injuring|injuries|injury|detained|arrested|displaced"
    r"|missing|rescued|evacuated|jailed)\b"
)
# Words that may stand between a death word and the number it governs ("killed at least 27").
_QUANTIFIER = re.compile(
    r"(?:\s|\b(?:at least|at most|more than|over|about|around|some|nearly|almost|up to|roughly"
    r"|an estimated|as many as|close to|no fewer than|upwards of|a total of|another|well over"
    r"|a further|an additional)\b)*"
)
_AFTER_WORDS = 7
_PEOPLE = (
    r"demonstrators|protesters|civilians|police|officers|soldiers|residents|students|others"
    r"|passengers|bystanders|journalists|children|women"
)


# Another count between a number and a death word: the death word's own ("killing at least two
# people, as thousands took to the streets").
_COUNT = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?"
    r"|scores|hundreds?|thousands?)\b"
)


# A count of things, not people: "left nine people dead and dozens of shops burned".
_THINGS_AFTER = re.compile(
    r"(?: of)?(?: (?!in\b|at\b|on\b|across\b|near\b|inside\b)[\w'-]+)?"
    r" (?:shops|homes|houses|buildings|vehicles|cars|businesses|stores|huts"
    r"|kiosks|stalls|churches|mosques|schools|villages|trucks|lorries|buses)\b"
)


def counts_the_wounded(text: str, number: tuple[int, int], death: tuple[int, int]) -> bool:
    """Whether the number at ``number`` (start, end in ``text``) counts the wounded (or the
    detained, or another count, or things) rather than the dead of the death word at ``death``."""
    if _THINGS_AFTER.match(text, number[1]):
        return True
    if number[0] < death[0]:  # "30 wounded and two killed" (not "25, including two children,")
        return _INJURED.search(text, number[1], death[0]) is not None
    if _COUNT.search(text, death[1], number[0]) is not None:
        return True  # "killing at least two people, as thousands took to the streets"
    if _QUANTIFIER.fullmatch(text, death[1], number[0]):  # "killed at least 27 (people)"
        return False
    if _INJURED.search(text, death[1], number[0]):  # "killing seven, and detained 300"
        return True
    after = text[number[1] :]
    # ("dozens of police officers and demonstrators were injured", not "14 children and dozens of
    # people were injured")
    stop = re.search(
        r"[;,.:]|\b(?:and(?! (?:" + _PEOPLE + r")\b)|killed|dead|died|deaths?)\b", after
    )
    words = (after[: stop.start()] if stop else after).split()[:_AFTER_WORDS]
    return any(_INJURED.fullmatch(word) for word in words)


# A day of a month: "killed on May 28", "on 28 May", "March 5 election".
_MONTH_NAMES = rf"(?:{MONTHS}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_MONTH_BEFORE = re.compile(rf"\b{_MONTH_NAMES} $")
_MONTH_AFTER = re.compile(rf" {_MONTH_NAMES}\b")


def is_date(text: str, number: tuple[int, int]) -> bool:
    """Whether the number at ``number`` is a day of a month ("on May 28", "on 28 May")."""
    digits = text[number[0] : number[1]]
    if not digits.isdigit() or not 1 <= int(digits) <= 31:
        return False
    return bool(
        _MONTH_BEFORE.search(text, max(0, number[0] - 12), number[0])
        or _MONTH_AFTER.match(text, number[1])
    )


# ("Fujimori ... dies at 86": an age)
_AGE_BEFORE = re.compile(
    r"\b(?:aged|age of|ages of)(?: \d+(?: and|,| to))?\s*$|\b(?:dies|died) at\s*$"
)
_AGE_AFTER = re.compile(r"\s*(?:years? old\b|year old\b)")
_WAS_WHEN = re.compile(r"\b(?:was|were|is|aged) $")


def is_age(text: str, number: tuple[int, int]) -> bool:
    """Whether the number at ``number`` is someone's age: "aged 19", "a 19-year-old", "was 19
    when he was killed", "Sardor Yusupov, 31, who had painted his face"."""
    before = text[: number[0]]
    if _AGE_BEFORE.search(before) or _AGE_AFTER.match(text, number[1]):
        return True
    if text.startswith(" when", number[1]) and _WAS_WHEN.search(before):
        return True  # "a man who was 19 when he was killed" (not "killed 14 when he blew up")
    return before.rstrip().endswith(",") and text[number[1] :].lstrip().startswith(",")
