"""Modality and attribution cues added after the corpus: questions, past references near the
match, demands, permission, 'if necessary', '-led'/'pro-' and transit countries."""

from __future__ import annotations

import pytest

from rules import Article, Modality, load_engine

ENGINE = load_engine().engine


def found(text: str) -> dict[tuple[str, str], Modality]:
    return {(s.trigger, s.country): s.modality for s in ENGINE.scan(Article("t", "", text))}


@pytest.mark.parametrize(
    ("text", "pair", "modality"),
    [
        ("Would Venezuela really invade Guyana?", ("armed_conflict", "GY"), Modality.HYPOTHETICAL),
        (
            "Twenty years after Uzbek troops fired on protesters in Andijan, survivors met.",
            ("unrest", "UZ"),
            Modality.HISTORICAL,
        ),
        (
            "Thousands rallied in Chisinau demanding the resignation of the cabinet.",
            ("government_crisis", "MD"),
            Modality.HYPOTHETICAL,
        ),
        (
            "Thousands rallied in Chisinau demanding the resignation of the cabinet.",
            ("unrest", "MD"),
            Modality.REPORTED,
        ),
        (
            "Moldovan lawmakers rejected an opposition motion to dissolve parliament.",
            ("government_crisis", "MD"),
            Modality.NEGATED,
        ),
        (
            "Kenya's president told police they could shoot looters on sight.",
            ("shoot_to_kill", "KE"),
            Modality.REPORTED,
        ),
        (
            "Belarus's interior ministry said officers would use firearms against protesters "
            "if necessary.",
            ("shoot_to_kill", "BY"),
            Modality.ANNOUNCED,
        ),
        (
            "Moscow rejected Western reports of a troop build-up near the Ukrainian border as "
            "hysteria.",
            ("troop_massing", "RU"),
            Modality.DENIED,
        ),
        (
            "Since the 2022 invasion, Russian drones have hit Kyiv every night.",
            ("armed_conflict", "UA"),
            Modality.REPORTED,
        ),
    ],
)
def test_modality(text: str, pair: tuple[str, str], modality: Modality) -> None:
    assert found(text).get(pair) is modality, found(text)


def test_led_and_pro_countries_are_not_the_place() -> None:
    assert ("emergency_rule", "RU") not in found(
        "Kazakhstan's president declared a state of emergency and asked a Russian-led alliance "
        "for help."
    )
    assert ("crackdown", "RU") not in found(
        "Moldovan police detained dozens of people at a pro-Russian rally in Chisinau."
    )
    # ... but a country leading a military action is its actor.
    assert ("armed_conflict", "SA") in found(
        "A Saudi-led strike on a school bus in Yemen killed dozens of children."
    )


def test_transit_countries_are_not_the_place() -> None:
    pairs = found(
        "Several governments urged their citizens to leave Israel through Jordan and Egypt."
    )
    assert ("evacuation", "IL") in pairs
    assert not {("evacuation", "JO"), ("evacuation", "EG")} & set(pairs)


def test_a_country_instructing_its_own_forces_acts_at_home() -> None:
    assert ("shoot_to_kill", "KE") in found("Kenya told soldiers to shoot protesters.")
