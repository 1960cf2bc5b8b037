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


@pytest.mark.parametrize(
    ("text", "pair", "modality"),
    [
        # a full past date without "on", and a dated headline
        (
            "In the early hours of March 3, 1979, Chinese troops massed on the Vietnamese border.",
            ("troop_massing", "CN"),
            Modality.HISTORICAL,
        ),
        (
            "May 1969: how Soviet troops massed on the Chinese border",
            ("troop_massing", "CN"),
            Modality.HISTORICAL,
        ),
        # narrative past and "at the time"
        (
            "Dozens of Hungarians were killed in the weeks and months that followed.",
            ("mass_casualties", "HU"),
            None,
        ),
        (
            "Chile was also shaken by anti-government protests at the time.",
            ("unrest", "CL"),
            Modality.HISTORICAL,
        ),
        # models and games are not events
        (
            "A simulation by a university team found a Russian invasion of Estonia could cut "
            "trade sharply.",
            ("armed_conflict", "EE"),
            Modality.HYPOTHETICAL,
        ),
        (
            "The strategy game lets players mass armoured divisions along the Polish border.",
            ("troop_massing", "PL"),
            Modality.HYPOTHETICAL,
        ),
        (
            "Tanks gathered near Gaza as Israel prepared for an anticipated ground offensive.",
            ("armed_conflict", "IL"),
            None,
        ),
        # "instead of" denies what follows
        (
            "Kyiv accused the monitors of watching Russian units instead of stopping the shelling.",
            ("armed_conflict", "UA"),
            None,
        ),
        # a demand that foreign forces leave is the expulsion order; a rejected one is not
        (
            "Burkina Faso's junta demands French special forces leave within a month.",
            ("withdrawal", "BF"),
            Modality.REPORTED,
        ),
        # undated article: an event named by its year is an earlier one
        (
            "Peacekeepers arrived under the 2020 truce between Armenia and Azerbaijan.",
            ("de_escalation", "AM"),
            None,
        ),
    ],
)
def test_past_and_unreal_events(
    text: str, pair: tuple[str, str], modality: Modality | None
) -> None:
    pairs = found(text)
    if modality is None:
        assert pairs.get(pair) not in ALERTING, pairs
    else:
        assert pairs.get(pair) is modality, pairs


ALERTING = (Modality.REPORTED, Modality.ANNOUNCED, Modality.THREATENED)


def test_commenters_onlookers_and_venues_take_no_part() -> None:
    # coordinated stance verbs, an aside before the verb, onlookers
    assert ("withdrawal", "NL") not in found(
        "The Netherlands and Spain urged Russia to withdraw its forces."
    )
    assert ("unrest", "SA") not in found(
        "Saudi Arabia, which funds parties in Lebanon, called the protests foreign meddling."
    )
    assert ("troop_massing", "GB") not in found(
        "Britain is monitoring a large Belarusian deployment along the border with Lithuania."
    )
    # a co-brokered truce, a country only compared with, the place of a signing
    pairs = found("Russian troops left the villages under the Turkish- and Iranian-brokered deal.")
    assert ("withdrawal", "TR") not in pairs
    assert ("unrest", "RU") not in found(
        "Thousands marched in Bishkek against a bill that critics say mirrors Russian legislation."
    )
    assert ("de_escalation", "FR") not in found("Armenia and Azerbaijan sign peace treaty in Paris")
    # a crowd marching through a capital is there
    assert ("unrest", "HU") in found("Thousands march through Budapest as protests grow")


def test_datelines_are_not_actors() -> None:
    pairs = found(
        "TOKYO — Thousands of Chinese troops have massed near the border with Vietnam, "
        "officials said."
    )
    assert ("troop_massing", "JP") not in pairs
    assert ("troop_massing", "CN") in pairs
    assert ("de_escalation", "QA") not in found(
        "DOHA, Qatar — Sudan's army and the RSF agreed a ceasefire on Sunday."
    )
    assert ("troop_massing", "DE") not in found(
        "BERLIN — Russia has gathered 50,000 personnel near Finland's border, officials said."
    )
