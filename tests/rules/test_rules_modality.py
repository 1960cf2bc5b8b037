"""Modality of matches: reported, announced, threatened, denied, hypothetical, historical..."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rules import Article, Modality, Severity, load_engine
from rules.modality import SentenceModality
from rules.text import normalise

ENGINE = load_engine().engine


def modality_of(sentence: str, phrase: str, year: int | None = None) -> Modality:
    text = normalise(sentence)
    start = text.index(phrase)
    return SentenceModality(text, year).at(start, start + len(phrase))


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("Troops are massing near the border.", "massing", Modality.REPORTED),
        ("France will withdraw its troops by December.", "withdraw", Modality.ANNOUNCED),
        ("The army plans to withdraw from the city.", "withdraw", Modality.ANNOUNCED),
        ("The president threatened to impose martial law.", "martial law", Modality.THREATENED),
        ("Moscow warned it would impose a blockade.", "blockade", Modality.THREATENED),
        ("The ministry denied any build-up.", "build up", Modality.DENIED),
        ("Moscow dismisses such claims about the build-up.", "build up", Modality.DENIED),
        ("Analysts say a curfew could follow.", "curfew", Modality.HYPOTHETICAL),
        ("Fears of a coup grew in the capital.", "coup", Modality.HYPOTHETICAL),
        ("A curfew would follow if protests resume.", "curfew", Modality.HYPOTHETICAL),
        ("In 1968 Soviet troops massed on the border.", "massed", Modality.HISTORICAL),
        ("During the Cold War troops massed on the border.", "massed", Modality.HISTORICAL),
        ("Decades ago troops massed on the border.", "massed", Modality.HISTORICAL),
        ("Kyiv rejects calls to withdraw its troops.", "withdraw", Modality.NEGATED),
        ("The army refused to withdraw.", "withdraw", Modality.NEGATED),
        ("Troops were not deployed to the border.", "deployed", Modality.NEGATED),
        ("Troops massed not far from the border.", "massed", Modality.REPORTED),
        # A condition after an authorisation is the order's rule of engagement, given now.
        (
            "Officers were permitted to use firearms if protesters stormed parliament.",
            "use firearms",
            Modality.REPORTED,
        ),
        (
            "Police would use firearms if protesters stormed parliament.",
            "use firearms",
            Modality.HYPOTHETICAL,
        ),
        (
            "If protesters storm parliament, officers were permitted to use firearms.",
            "use firearms",
            Modality.HYPOTHETICAL,
        ),
        (
            "Kyiv rejected calls from European politicians to pull its troops out.",
            "pull",
            Modality.NEGATED,
        ),
        ("EU ministers failed on Monday to agree on sanctions.", "sanctions", Modality.NEGATED),
        (
            "Kyiv dismissed social media reports of a coup attempt as fake news.",
            "coup",
            Modality.DENIED,
        ),
        (
            "Britain has contingency plans to evacuate its citizens.",
            "evacuate",
            Modality.HYPOTHETICAL,
        ),
        (
            "A war game in which China masses forces across the strait.",
            "masses",
            Modality.HYPOTHETICAL,
        ),
        ("A thriller imagines a Chinese invasion of Taiwan.", "invasion", Modality.HYPOTHETICAL),
        (
            "Troops deployed after riots in the capital two years ago will leave.",
            "riots",
            Modality.HISTORICAL,
        ),
        (
            "Police did not use live ammunition during last year's protests.",
            "protests",
            Modality.HISTORICAL,
        ),
        ("Armenia lifted martial law imposed during 1994 war.", "martial law", Modality.HISTORICAL),
    ],
)
def test_modality_cases(sentence: str, phrase: str, expected: Modality) -> None:
    assert modality_of(sentence, phrase) is expected


def test_denial_scopes_only_over_the_clause_before_though() -> None:
    sentence = (
        "Moscow dismisses such claims, though it is massing troops near the Ukrainian border."
    )
    assert modality_of(sentence, "massing") is Modality.REPORTED
    assert modality_of(sentence, "claims") is Modality.DENIED


def test_since_the_cold_war_is_not_historical() -> None:
    sentence = "The worst tensions since the Cold War saw troops massing near the border."
    assert modality_of(sentence, "massing") is Modality.REPORTED


def test_historical_year_uses_publication_year() -> None:
    sentence = "In 2014 troops massed near the border."
    assert modality_of(sentence, "massed", year=2022) is Modality.HISTORICAL
    assert modality_of(sentence, "massed", year=2014) is Modality.REPORTED


def test_threatened_lowers_severity_and_still_alerts() -> None:
    signals = ENGINE.scan(
        Article("t", "", "Sri Lanka's president threatened to order troops to shoot on sight.")
    )
    found = [s for s in signals if s.trigger == "shoot_to_kill"]
    assert [(s.country, s.modality, s.severity) for s in found] == [
        ("LK", Modality.THREATENED, Severity.HIGH)
    ]
    assert found[0].alerts


def test_published_date_makes_recent_years_historical() -> None:
    text = "In 2014 Russian troops massed near the Ukrainian border."
    old = Article("t", "", text, published=datetime(2022, 1, 5, tzinfo=UTC))
    assert {s.modality for s in ENGINE.scan(old)} == {Modality.HISTORICAL}
    assert not any(s.alerts for s in ENGINE.scan(old))


# Background, doubt, long-running states and aims, with the article's year 2026.
@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        # a span of past years, long or short
        ("Juntas expelled French forces between 2022 and 2023.", "expelled", Modality.HISTORICAL),
        ("They fought a border war from 1998 to 2000.", "war", Modality.HISTORICAL),
        ("The region was cut off for most of the 2020-22 war.", "cut off", Modality.HISTORICAL),
        ("Reservists born between 1990 and 2000 were called up.", "called up", Modality.REPORTED),
        # a past date, then what happened then
        (
            "The region has seen an insurgency since August 2023, when the government declared "
            "a state of emergency.",
            "state of emergency",
            Modality.HISTORICAL,
        ),
        (
            "The unrest echoes the riots of May 2024, which left 14 people dead.",
            "14 people dead",
            Modality.HISTORICAL,
        ),
        (
            "Troops have massed on the border since March 2026, when talks collapsed.",
            "massed",
            Modality.REPORTED,
        ),
        # the same year, then-leaders, the past, history, last month
        ("It handed over its bases the same year.", "handed over", Modality.HISTORICAL),
        (
            "The government of then-President Lungu restricted WhatsApp.",
            "restricted",
            Modality.HISTORICAL,
        ),
        ("Washington has sanctioned the minister in the past.", "sanctioned", Modality.HISTORICAL),
        ("Thailand has a long history of military coups.", "coups", Modality.HISTORICAL),
        (
            "He has ruled for years, over the past decade banning parties.",
            "banning",
            Modality.HISTORICAL,
        ),
        (
            "Tensions flared last month when both sides deployed tanks.",
            "deployed",
            Modality.HISTORICAL,
        ),
        # unlikely, playing down, not being considered, simulated
        ("A build-up on the border remains unlikely.", "build up", Modality.HYPOTHETICAL),
        ("The coast guard played down reports of a build-up.", "build up", Modality.DENIED),
        ("Officials said a curfew was not being considered.", "curfew", Modality.HYPOTHETICAL),
        ("A simulated Russian attack on the Baltic states.", "attack", Modality.HYPOTHETICAL),
        ("Burkina Faso has been fighting insurgents since 2015.", "fighting", Modality.HISTORICAL),
        ("Troops have been massing near the border since 2026.", "massing", Modality.REPORTED),
        (
            "Seventy were killed in the Israeli offensive that followed.",
            "killed",
            Modality.HISTORICAL,
        ),
        (
            "Troops arrived on Tuesday, weeks after the bloc imposed sanctions on the junta.",
            "imposed sanctions",
            Modality.HISTORICAL,
        ),
        ("The crossings have been closed since late 2023.", "closed", Modality.HISTORICAL),
        ("A truce has largely held since 2022.", "truce", Modality.HISTORICAL),
        ("Courts upheld his sentence over 2024 martial law.", "martial law", Modality.HISTORICAL),
        (
            "The president, who has sought to ease tensions, met them.",
            "ease tensions",
            Modality.HYPOTHETICAL,
        ),
        (
            "Moscow wants a withdrawal as a condition for a ceasefire.",
            "ceasefire",
            Modality.HYPOTHETICAL,
        ),
        (
            "Leaders decided against imposing sanctions on the junta.",
            "imposing sanctions",
            Modality.NEGATED,
        ),
        (
            "Rumours claimed that enlistment offices had lists of men to be drafted.",
            "drafted",
            Modality.HYPOTHETICAL,
        ),
        (
            "During the exercise in September last year, Poland closed its border.",
            "closed",
            Modality.HISTORICAL,
        ),
        (
            "Three people were shot dead by gendarmes during those protests.",
            "shot dead",
            Modality.HISTORICAL,
        ),
    ],
)
def test_background_and_doubt_cases(sentence: str, phrase: str, expected: Modality) -> None:
    assert modality_of(sentence, normalise(phrase), year=2026) is expected


def test_a_month_before_the_articles_is_the_past() -> None:
    text = normalise("The two sides initialled a peace agreement in Washington last August.")
    start = text.index("peace agreement")
    span = (start, start + len("peace agreement"))
    assert SentenceModality(text, 2026, month=7).at(*span) is Modality.HISTORICAL
    text = normalise("The military seized power in March, officials said.")
    start = text.index("seized power")
    span = (start, start + len("seized power"))
    assert SentenceModality(text, 2026, month=6).at(*span) is Modality.HISTORICAL
    # A later month told in the past tense is last year's (a January article's "in November").
    assert SentenceModality(text, 2026, month=2).at(*span) is Modality.HISTORICAL
    # The article's own month, an undated article, or a later month told as ahead are not.
    assert SentenceModality(text, 2026, month=3).at(*span) is Modality.REPORTED
    assert SentenceModality(text, 2026).at(*span) is Modality.REPORTED
    ahead = normalise("The ceasefire takes effect in March, the mediators say.")
    start = ahead.index("ceasefire")
    assert SentenceModality(ahead, 2026, month=2).at(start, start + 9) is Modality.REPORTED


def test_the_articles_month_reaches_the_sentence() -> None:
    text = "Mali's military seized power in March."
    june = Article("t", "", text, published=datetime(2026, 6, 20, tzinfo=UTC))
    march = Article("t", "", text, published=datetime(2026, 3, 20, tzinfo=UTC))
    assert {s.modality for s in ENGINE.scan(june) if s.trigger == "coup"} == {Modality.HISTORICAL}
    assert any(s.alerts for s in ENGINE.scan(march) if s.trigger == "coup")
