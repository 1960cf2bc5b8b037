"""Cue literals stay true to their regexes: every match contains one (else a regex would be
skipped where it matches). Strings are built from the regexes' own words, so edits to a regex
that add a word without its literal are caught here."""

from __future__ import annotations

import random
import re

import pytest

from rules import background, modality, roles
from rules.cues import CueSet

_MODALITY = [
    modality._HISTORICAL,
    modality._DENIED,
    modality._NEGATION_WORD,
    modality._REFUSAL,
    modality._THREAT,
    modality._HYPOTHETICAL,
    modality._CONDITION,
    modality._ANNOUNCED,
    modality._SCOPE_BREAK,
    modality._PAST_BEFORE,
    modality._YEAR_NEAR,
    modality._DEMAND,
]


def _texts(pattern: re.Pattern[str], seed: int, count: int = 20000) -> list[str]:
    """Strings made of the pattern's own words, pieces of words and a few fillers."""
    words = [*re.findall(r"[a-z']+|[;,:]|\d", pattern.pattern), "1968", "the", "it", "x", "s"]
    rng = random.Random(seed)
    joints = ["", " ", " ", " ", ", ", "s ", "ed "]
    return [
        "".join(rng.choice(words) + rng.choice(joints) for _ in range(rng.randint(1, 7)))
        for _ in range(count)
    ]


def _check(
    pattern: re.Pattern[str], literals: tuple[str, ...], seed: int, count: int = 20000
) -> int:
    matches = 0
    for text in _texts(pattern, seed, count):
        cut = len(text) // 2
        for m in [*pattern.finditer(text), pattern.search(text, 1, len(text) - 1)]:
            if m is not None:
                matches += 1
                assert any(lit in m.group() for lit in literals), (pattern.pattern, m.group())
        m = pattern.search(text, 0, cut)
        if m is not None:
            assert any(lit in m.group() for lit in literals), (pattern.pattern, m.group())
    return matches


@pytest.mark.parametrize("number", range(len(_MODALITY)))
def test_modality_cue_literals_cover_every_match(number: int) -> None:
    pattern = _MODALITY[number]
    # Long patterns ("twenty five years after") are rarely hit by chance: try more strings.
    count = (
        200_000
        if pattern is modality._PAST_BEFORE
        else 60_000
        if pattern is modality._HISTORICAL
        else 20_000
    )
    assert _check(pattern, modality._CUES.groups[number], seed=number, count=count) > 10


def test_dated_cue_literals_are_digits() -> None:
    # Every _DATED match has a day and a year, so digits cover it; random strings rarely form a
    # whole date, hence this direct check.
    assert modality._CUES.groups[len(_MODALITY)] == tuple("0123456789")
    for text in ["fired on marchers on jan. 30, 1972", "on 30 january 1972, troops fired"]:
        m = modality._DATED.search(text)
        assert m is not None and any(d in m.group() for d in "0123456789")


def test_speech_cue_literals_cover_every_commenter_match() -> None:
    pattern = roles._COMMENTER_AFTER
    literals = roles._ROLE_CUES.groups[0]
    matches = 0
    for text in _texts(pattern, seed=99):
        m = pattern.match(" " + text)
        if m is not None:
            matches += 1
            assert any(lit in m.group() for lit in literals), m.group()
    assert matches > 10


# The role regexes that ``rules.roles._ROLE_CUES`` groups 1 and on stand for, in order.
_ROLES = [
    [roles._TRANSIT_BEFORE],
    [roles._EVACUATOR_AFTER],
    [roles._MISSION_AFTER, roles._MISSION_OF_BEFORE],
    [roles._ETHNIC_BEFORE],
    [roles._LED_ACTION_AFTER],
    [roles._HOST_AFTER],
    [roles._MEDIATOR_AFTER],
    [roles._STANCE_NOUN_AFTER],
]


@pytest.mark.parametrize(
    ("number", "pattern"),
    [(number, pattern) for number, patterns in enumerate(_ROLES, 1) for pattern in patterns],
)
def test_role_cue_literals_cover_every_match(number: int, pattern: re.Pattern[str]) -> None:
    assert len(roles._ROLE_CUES.groups) == len(_ROLES) + 1
    assert _fuzz(pattern, roles._ROLE_CUES.groups[number], seed=100 + number) > 10


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (background._LOOKING_BACK, background._HEADLINE_CUES.groups[0]),
        (background._HISTORY_LABEL, background._HEADLINE_CUES.groups[1]),
        (modality._NOW, modality._NOW_CUES),
    ],
)
def test_headline_and_now_cue_literals_cover_every_match(
    pattern: re.Pattern[str], literals: tuple[str, ...]
) -> None:
    assert _fuzz(pattern, literals, seed=200) > 10


@pytest.mark.parametrize(
    "headline",
    [
        "twenty years on, survivors return", "ten decades after the war", "on the anniversary",
        "osh remembers", "prague commemorates the dead", "city marks 30 years since",
        "a history of the war", "review: the war", "book review: x",
        "half a century after the coup", "town marks a century of x", "'curfew' review: x",
        "film review: x", "general who led troops in coup dies at 94",
        "junta leader jailed for 2009 stadium massacre", "war game: a blockade",
        "wargame: a blockade", "documentary revisits the siege", "tabletop exercise simulates x",
    ],
)  # fmt: skip
def test_looking_back_cue_literals_cover_each_alternative(headline: str) -> None:
    m = background._LOOKING_BACK.search(headline)
    assert m is not None
    assert any(literal in m.group() for literal in background._HEADLINE_CUES.groups[0])


def _fuzz(pattern: re.Pattern[str], literals: tuple[str, ...], seed: int) -> int:
    """How many matches of ``pattern`` strings of its own words gave, each checked to contain
    one of ``literals``."""
    # The words of the pattern without its "\b"s; a text ending in a space, as before a mention.
    words = [*re.findall(r"[a-z']+|[;,:]|\d", pattern.pattern.replace("\\b", " ")), "the", "x"]
    rng = random.Random(seed)
    joints = ["", " ", " ", " ", ", ", "s ", "ed "]
    matches = 0
    for _ in range(100_000):
        text = rng.choice(["", " "]) + "".join(
            rng.choice(words) + rng.choice(joints) for _ in range(rng.randint(1, 7))
        )
        for m in [*pattern.finditer(text), pattern.search(text + " ")]:
            if m is not None:
                matches += 1
                assert any(lit in m.group() for lit in literals), (pattern.pattern, m.group())
    return matches


@pytest.mark.parametrize(
    "before",
    [
        "passed through", "via", "by way of", "at talks in", "a summit in", "a meeting hosted by",
        "negotiations in", "a conference in", "a ceremony in", "signed the deal in",
        "initialled the text at the", "brokered by", "a plan drafted by the",
        "a proposal put forward by", "a resolution drawn up by", "a resolution tabled by",
        "a roadmap authored by", "guaranteed by", "promoted by", "facilitated by", "mediated by",
        "hosted by", "the highway to", "motorways from", "the road into the", "routes to",
        "railway to", "rail lines to", "a pipeline to", "flights from", "crossings from",
        "a trade deal with", "a gas agreement with the", "an arms pact with",
        "oil contracts with", "mediators from", "spying for", "spied for or collaborated with",
        "in solidarity with", "refugees who crossed into", "people fled to", "villagers escaped to",
        "residents flee to", "families fleeing into", "migrants crossing into", "evacuated to",
        "airlifted to", "ferried into", "now living in", "who lives in", "in exile in",
        "meet again in", "reconvene next week in", "supported operations in",
    ],
)  # fmt: skip
def test_transit_cue_literals_cover_each_alternative(before: str) -> None:
    m = roles._TRANSIT_BEFORE.search(f"{before} ")
    assert m is not None
    assert any(literal in m.group() for literal in roles._ROLE_CUES.groups[1])


@pytest.mark.parametrize(
    ("pattern", "endings"),
    [
        (roles._COMMENTER_BEFORE, roles._COMMENTER_BEFORE_ENDINGS),
        (roles._ADDRESSEE_BEFORE, roles._ADDRESSEE_BEFORE_ENDINGS),
        (roles._ORIGIN_BEFORE, roles._ORIGIN_ENDINGS),
        (roles.FACED_BEFORE, roles._FACED_ENDINGS),
    ],
)
def test_before_mention_endings_cover_every_match(
    pattern: re.Pattern[str], endings: tuple[str, ...]
) -> None:
    matches = 0
    # Long patterns ("cross illegally from the") are rarely hit by chance: try more strings.
    count = 200_000 if pattern is roles._ORIGIN_BEFORE else 20_000
    for text in _texts(pattern, seed=7, count=count):
        m = pattern.search(text + " ")
        if m is not None:
            matches += 1
            assert (text + " ")[: m.end()].endswith(endings), m.group()
    assert matches > 10


def test_clause_and_scope_breaks_match_the_plain_regexes() -> None:
    rng = random.Random(5)
    words = [*re.findall(r"[a-z]+", modality._CLAUSE_BREAK.pattern), "x", "has", "é", "_"]
    for _ in range(20000):
        text = "".join(
            rng.choice(words) + rng.choice([" ", "", ", ", "; ", "1"])
            for _ in range(rng.randint(0, 10))
        )
        expected = [0] + [m.start() for m in modality._CLAUSE_BREAK.finditer(text)]
        assert modality._clause_starts(text) == expected, text
        scopes = [m.end() for m in modality._SCOPE_BREAK.finditer(text)]
        assert [m.end() for m in modality._FAST_SCOPE_BREAK.finditer(text)] == scopes, text


def test_cue_set_reports_groups_by_bit() -> None:
    cues = CueSet([("ago",), ("no", "never")])
    assert cues.present("decades ago") == 0b01
    assert cues.present("never again, years ago") == 0b11
    assert cues.present("") == 0
