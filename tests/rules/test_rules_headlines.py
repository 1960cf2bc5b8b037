"""Headlines that carry several stories: items parted by semicolons, a "Country:" label."""

from __future__ import annotations

from rules import Article, load_engine

ENGINE = load_engine(undated_year=2026).engine


def pairs(title: str, text: str = "") -> set[tuple[str, str]]:
    return {(s.trigger, s.country) for s in ENGINE.scan(Article("t", title, text)) if s.alerts}


def triggers(found: set[tuple[str, str]], trigger: str) -> set[str]:
    return {country for name, country in found if name == trigger}


def test_an_item_keeps_to_its_own_countries() -> None:
    found = pairs(
        "Morning briefing: Maputo police told to shoot looters; Belarus armour near Lithuania; "
        "Canada tells citizens to leave Haiti"
    )
    assert triggers(found, "shoot_to_kill") == {"MZ"}
    assert triggers(found, "evacuation") == {"HT"}


def test_an_item_without_a_country_takes_the_nearest_item_before_it() -> None:
    found = pairs(
        "Iran: protesters shot with live ammunition in Khuzestan; internet blocked, hundreds "
        "arrested; US adds sanctions"
    )
    assert triggers(found, "comms_blackout") == {"IR"}
    assert triggers(found, "crackdown") == {"IR"}
    assert "IR" in triggers(found, "sanctions")


def test_a_match_takes_its_phrases_from_one_item() -> None:
    found = pairs(
        "Ethiopia and Eritrea mass troops along frontier; Asmara orders call-up, Western "
        "capitals tell citizens to leave"
    )
    assert triggers(found, "mobilization") == {"ER"}
    assert triggers(found, "troop_massing") == {"ET", "ER"}


def test_semicolons_in_body_text_are_prose() -> None:
    # In a body sentence the other side of a semicolon may still name the actor.
    found = pairs(
        "Moroccan media report armoured deployment near frontier",
        "Citing satellite imagery and accounts from herders who say convoys of tanks have been "
        "moving south-west along the N6 highway for more than a week, Moroccan media reported "
        "on Sunday that armoured units and mechanised infantry of the neighbouring country's 3rd "
        "military region had been deployed around the city, barely 80 km from the frontier; "
        "Algeria's defence ministry made no comment.",
    )
    assert "DZ" in triggers(found, "troop_massing")


def test_the_country_a_headline_is_filed_under_is_where_its_events_happen() -> None:
    found = pairs("Somalia: Burundi pulls troops out of AU mission as Egyptian contingent arrives")
    assert "SO" in triggers(found, "foreign_intervention")
    assert "SO" in triggers(found, "withdrawal")
    assert "EG" not in triggers(found, "withdrawal")  # the newcomers do not leave


def test_newcomers_are_not_the_ones_leaving() -> None:
    found = pairs("Haiti: Kenyan police depart as first Guatemalan and Jamaican troops land")
    assert triggers(found, "withdrawal") == {"KE", "HT"}


def test_arrivals_are_not_the_forces_leaving() -> None:
    found = pairs("Haiti: Gang Suppression Force troops land as Kenyan police start leaving")
    assert "KE" not in triggers(found, "foreign_intervention")
    assert "HT" in triggers(found, "foreign_intervention")


def test_santiago_de_cuba_is_not_chile() -> None:
    found = pairs("Cuba: pot-banging protests follow blackout; mobile internet cut in Santiago")
    assert "CL" not in triggers(found, "comms_blackout")
    assert "CU" in triggers(found, "comms_blackout")
