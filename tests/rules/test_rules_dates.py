# ruff: noqa: E501 (a table of news sentences, one per line)
"""When an article was written and what its dates belong to: an undated article's own dateline
dates it (so the dateline does not make its news history), a date in a later aside dates that
aside only, and what a superlative is measured "since" is the past."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rules import Article, load_engine
from rules.datelines import own_date
from rules.model import Modality

ENGINE = load_engine(undated_year=2026).engine


def signals(
    text: str, title: str = "", published: datetime | None = None
) -> dict[tuple[str, str], Modality]:
    """(trigger, country) -> modality of every signal of an article."""
    return {
        (s.trigger, s.country): s.modality
        for s in ENGINE.scan(Article("d", title, text, published))
    }


def alerting(text: str, title: str = "") -> set[tuple[str, str]]:
    """The alerting pairs of an undated article."""
    return {(s.trigger, s.country) for s in ENGINE.scan(Article("d", title, text)) if s.alerts}


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("", "LIMA, Oct. 22, 2025 — Peru's new president", (2025, 10)),
        ("", "KAMPALA/BUNIA, Feb 18, 2025 - Uganda has sent", (2025, 2)),
        ("", "ADDIS ABABA/NAIROBI, 14 March 2026 — This week's briefing", (2026, 3)),
        ("", "KINGSTON, Jamaica, Jan. 14, 2026 — Jamaica's prime minister", (2026, 1)),
        ("", "WASHINGTON, June 27, 2025 (Reuters) - The foreign ministers", (2025, 6)),
        ("", "UPDATE 2-MOSCOW, March 3, 2026 (Reuters) - Russia", (2026, 3)),
        ("", "PORT-AU-PRINCE, Haiti, 3 April 2025 – Gangs", (2025, 4)),
        ("", "14 March 2026 — The army said", (2026, 3)),
        ("Americas Risk Briefing — 4 February 2026: Venezuelan armour", "", (2026, 2)),
        ("Global Politics Briefing, 27 August 2025: Lesotho parliament dissolved", "", (2025, 8)),
        ("Levant & Iraq Daily — 16 June 2026", "", (2026, 6)),
        # no year, or no dateline: nothing to go by
        ("", "BANGKOK, Nov 23 (Reuters) - Thailand", None),
        ("", "Protesters gathered on June 4, 1989 - and were shot", None),
        ("", "In 1989, June 4, 1989 - troops", None),
        ("Troops mass on the border", "The army said on Monday", None),
    ],
)
def test_own_date(title: str, text: str, expected: tuple[int, int] | None) -> None:
    assert own_date(title, text) == expected


DATELINED = (
    "LIMA, Oct. 22, 2025 — Peru's new president declared a 30-day state of emergency in Lima "
    "on Tuesday."
)


def test_an_undated_article_is_read_as_of_its_own_dateline() -> None:
    # (Read as of the undated year 2026, "Oct. 22, 2025" would make the decree history.)
    assert signals(DATELINED)[("emergency_rule", "PE")] is Modality.REPORTED


def test_an_old_dateline_is_an_archive_piece() -> None:
    old = DATELINED.replace("2025", "2019")
    assert signals(old)[("emergency_rule", "PE")] is Modality.HISTORICAL


def test_a_publication_date_outranks_the_dateline() -> None:
    published = datetime(2027, 3, 1, tzinfo=UTC)
    assert signals(DATELINED, published=published)[("emergency_rule", "PE")] is (
        Modality.HISTORICAL
    )


def test_a_dated_dateline_city_is_only_where_the_story_was_filed() -> None:
    found = alerting(
        "BANGKOK, May 13, 2026 — A Myanmar military jet bombed a school in a village in the "
        "central Sagaing region on Monday, killing 20 children and two teachers."
    )
    assert ("mass_casualties", "MM") in found
    assert ("mass_casualties", "TH") not in found


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (
            "US forces have completed their departure from Ain al-Asad air base in Iraq's Anbar "
            "province, the coalition said on Monday, in the latest stage of a drawdown agreed "
            "between Washington and Baghdad in 2024.",
            {("withdrawal", "US"), ("withdrawal", "IQ")},
        ),
        (
            "The French army on Thursday handed over Camp Geille, its last military site in "
            "Senegal, formally ending a presence that dates back to independence in 1960.",
            {("withdrawal", "FR"), ("withdrawal", "SN")},
        ),
    ],
)
def test_a_date_in_a_later_aside_dates_only_the_aside(
    text: str, pairs: set[tuple[str, str]]
) -> None:
    assert pairs <= alerting(text)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # the date is the match's own: its start, or a clause of its own
        (
            "Washington imposed sanctions on the oil company NIS, which took effect in "
            "January 2024.",
            ("sanctions", "RS"),
        ),
        (
            "In 2023 Serbian troops massed near the boundary with Kosovo, which had declared "
            "independence in 2008.",
            ("troop_massing", "RS"),
        ),
    ],
)
def test_a_date_of_the_match_itself_still_dates_it(text: str, pair: tuple[str, str]) -> None:
    assert pair not in alerting(text)


def test_what_a_superlative_is_measured_since_is_the_past() -> None:
    found = alerting(
        "The deal is the biggest step since a clash in the Galwan valley killed 20 Indian "
        "soldiers and set off a standoff in which each side deployed tens of thousands of troops."
    )
    assert not {pair for pair in found if pair[0] in ("troop_massing", "mass_casualties")}


def test_since_what_began_and_goes_on_is_news() -> None:
    found = alerting(
        "Police firing at crowds in Juliaca left 17 people dead, the deadliest day since "
        "protests erupted in Peru over the removal of the former president."
    )
    assert ("mass_casualties", "PE") in found


def test_since_ends_at_its_clause() -> None:
    found = alerting(
        "Kyrgyzstan and Tajikistan reopened their border for the first time since the clashes "
        "of 2022, after both parliaments ratified a treaty that settled the frontier."
    )
    assert {("de_escalation", "KG"), ("de_escalation", "TJ")} <= found


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Niger's junta, which seized power last July, has turned to Moscow.", ("coup", "NE")),
        (
            "Armed factions allied with Iran, which have repeatedly attacked bases in Iraq, "
            "welcomed the step.",
            ("armed_conflict", "IQ"),
        ),
        (
            "Relations collapsed last October when Pakistani and Afghan forces fought their "
            "heaviest clashes in decades.",
            ("armed_conflict", "PK"),
        ),
        (
            "SEOUL, 3 December 2026 — A year ago tonight, South Korea's then president declared "
            "emergency martial law.",
            ("emergency_rule", "KR"),
        ),
        (
            "Analysts in Seoul worry less about a deliberate North Korean invasion than about "
            "accidents.",
            ("armed_conflict", "KP"),
        ),
    ],
)
def test_the_past_and_the_feared_do_not_alert(text: str, pair: tuple[str, str]) -> None:
    assert pair not in alerting(text)


# A helper's review of this change (2026-11-29) found each of these wrong; each is a test now.
REVIEWED = [
    # a failed coup beside a real dissolution
    (
        "",
        "Burkina Faso's junta leader dissolved the government on Tuesday after troops thwarted a coup attempt.",
        ("government_crisis", "BF"),
        True,
    ),
    # worries, warnings and forecasts about something else, or about what is already there
    (
        "",
        "Russia has massed troops near Ukraine's border despite warnings of tough sanctions.",
        ("troop_massing", "RU"),
        True,
    ),
    (
        "",
        "Exporters are worried about the border closure Pakistan imposed on Afghanistan on Sunday.",
        ("border_closure", "PK"),
        True,
    ),
    (
        "",
        "Analysts expect the sanctions imposed on Russia on Monday to hit oil exports.",
        ("sanctions", "RU"),
        True,
    ),
    # a habit named in an aside, a since-clause that ends or tells a recent event
    (
        "",
        "Houthi rebels, who have often targeted shipping, fired missiles at Israel on Sunday.",
        ("armed_conflict", "IL"),
        True,
    ),
    (
        "",
        "It was the first time since Russian troops massed along the border last week that Kyiv called up reservists.",
        ("mobilization", "UA"),
        True,
    ),
    (
        "",
        "Protesters stormed parliament in Kathmandu, the worst unrest since the government banned social media on Monday.",
        ("comms_blackout", "NP"),
        True,
    ),
    # a relative clause closed before the match's own date; a timeline's entries
    (
        "",
        "Russia launched its full-scale invasion of Ukraine, which had sought closer ties with the West, in February 2022.",
        ("armed_conflict", "RU"),
        False,
    ),
    (
        "Timeline: how the Thailand-Cambodia border dispute escalated",
        "May 28, 2025 - Thai and Cambodian troops clash along the border, killing a Cambodian soldier. July 24, 2025 - Thai F-16 jets strike Cambodian military targets and Thailand seals the border.",
        ("armed_conflict", "TH"),
        False,
    ),
    # "last <month>" and "a year ago" only date what they are next to
    (
        "",
        "Mali's junta on Monday extended the state of emergency it declared last November.",
        ("emergency_rule", "ML"),
        True,
    ),
    (
        "",
        "Troops have been massing along the border with Armenia since last October, Yerevan said.",
        ("troop_massing", "AM"),
        True,
    ),
    (
        "",
        "A year ago, Niger's junta promised elections, but on Tuesday it imposed a curfew across Niamey.",
        ("emergency_rule", "NE"),
        True,
    ),
    # a false report told beside real killings
    (
        "",
        "Soldiers shot dead 15 protesters in Conakry on Monday, after state TV falsely reported that demonstrators had attacked a barracks.",
        ("mass_casualties", "GN"),
        True,
    ),
    # sanctions on a country's paper are on the country
    (
        "",
        "The United States imposed sanctions on Russian government debt on Tuesday.",
        ("sanctions", "RU"),
        True,
    ),
    # exclusions kept narrow
    (
        "",
        "Myanmar's junta cut mobile internet in Sagaing on Tuesday, leaving residents with only 2G services.",
        ("comms_blackout", "MM"),
        True,
    ),
    (
        "",
        "Thousands of French farmers took their protest to Paris on Monday, blocking the ring road with tractors.",
        ("unrest", "FR"),
        True,
    ),
    (
        "",
        "Islamist militants stormed a tavern in northern Burkina Faso on Sunday, killing 20 people.",
        ("mass_casualties", "BF"),
        True,
    ),
    (
        "",
        "Chinese warships left port on Monday and sailed toward Taiwan, the defence ministry in Taipei said.",
        ("troop_massing", "CN"),
        True,
    ),
    (
        "Mine blast kills 12 soldiers in northern Burkina Faso",
        "Twelve soldiers died in the mine blast near Djibo on Monday, security sources said.",
        ("mass_casualties", "BF"),
        True,
    ),
    # phrases kept from reaching too far
    (
        "",
        "The IMF extended emergency financing to Ukraine on Friday.",
        ("emergency_rule", "UA"),
        False,
    ),
    (
        "",
        "Soldiers were deployed to the mine on Tuesday to end a standoff with striking workers in Zambia.",
        ("troop_massing", "ZM"),
        False,
    ),
    (
        "",
        "Kenya's government agreed to withdraw the disputed finance bill on Wednesday.",
        ("de_escalation", "KE"),
        False,
    ),
    (
        "",
        "Government employees in Dhaka were told to leave their offices early on Tuesday as protesters approached.",
        ("evacuation", "BD"),
        False,
    ),
    (
        "",
        "Troops loyal to the president arrested a dozen army officers in Bissau on Tuesday, Guinea-Bissau's government said.",
        ("coup", "GW"),
        False,
    ),
    (
        "Books: How soldiers seized power in Niger",
        "Soldiers seized power in Niger.",
        ("coup", "NE"),
        False,
    ),
]


@pytest.mark.parametrize(("title", "text", "pair", "alerts"), REVIEWED)
def test_reviewed_wordings(title: str, text: str, pair: tuple[str, str], alerts: bool) -> None:
    assert (pair in alerting(text, title)) is alerts
