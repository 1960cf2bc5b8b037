"""Every match of a rule in a sentence counts, and a country faced across a border named after
the match is the actor rule's too."""

from __future__ import annotations

from rules import Article, Modality, Signal, load_engine

ENGINE = load_engine().engine


def massing(text: str) -> list[Signal]:
    return [s for s in ENGINE.scan(Article("t", "", text)) if s.trigger == "troop_massing"]


def countries(text: str) -> set[str]:
    return {s.country for s in massing(text) if s.alerts}


def test_later_match_tried_when_first_fails_near() -> None:
    text = (
        "Beijing moved an extra division and a squadron of tanks to Fujian this week, and "
        "Chinese troops were spotted gathering opposite Taiwan."
    )
    assert countries(text) == {"CN", "TW"}


def test_country_that_borders_the_place_is_faced() -> None:
    text = "Russia has concentrated forces in Kaliningrad, which borders Lithuania and Poland."
    assert countries(text) == {"RU", "LT", "PL"}


def test_border_with_country_after_the_clause() -> None:
    text = "Baku has deployed troops in Nakhchivan, along its border with Armenia and Iran."
    assert countries(text) == {"AZ", "AM", "IR"}


def test_border_word_in_another_scope_is_not_faced() -> None:
    text = (
        "Russia has massed troops near the Ukrainian border, while Turkey reopened its border "
        "with Iran."
    )
    assert countries(text) == {"RU", "UA"}


def test_alerting_match_preferred_over_a_denied_one() -> None:
    text = (
        "Moscow denied massing troops near the border, but satellite images show Belarusian "
        "troops massing near the Ukrainian border."
    )
    signals = massing(text)
    assert {s.country for s in signals if s.alerts} >= {"BY", "UA"}
    assert all(s.modality is Modality.REPORTED for s in signals if s.country in {"BY", "UA"})


def test_single_denied_match_keeps_its_modality() -> None:
    signals = massing(
        "The ministry denied that Russian troops were massing near the Ukrainian border."
    )
    assert {s.modality for s in signals} == {Modality.DENIED}
