"""Background in a story: deep context of other countries, and stories that look back."""

from __future__ import annotations

import pytest

from rules import Article, Modality, Signal, load_engine
from rules.background import BACKGROUND_OFFSET, looks_back
from rules.modality import told_as_now
from rules.text import normalise

ENGINE = load_engine(undated_year=2026).engine


def signals(title: str, text: str) -> dict[tuple[str, str], Signal]:
    return {(s.trigger, s.country): s for s in ENGINE.scan(Article("t", title, text))}


@pytest.mark.parametrize(
    "title",
    [
        "Twenty years on, survivors of Andijan still wait for answers",
        "Fifty-five years on, Prague remembers the invasion",
        "Czechs mark anniversary of 1968 invasion",
        "Rwanda commemorates the victims",
        "Chile marks 50 years since the coup",
        "A decade after the uprising, Tunisians look back",
    ],
)
def test_headlines_that_look_back(title: str) -> None:
    assert looks_back([normalise(title)])


@pytest.mark.parametrize(
    "title",
    [
        "Kenya anniversary protests turn violent",
        "Troops mass on the border as talks fail",
        "Two-year-old rescued after floods",
        "Armenia recalls its ambassador",
    ],
)
def test_headlines_that_do_not(title: str) -> None:
    assert not looks_back([normalise(title)])


def test_a_story_that_looks_back_tells_history_unless_a_sentence_says_now() -> None:
    title = "Three years on, Kazakhstan's 'Bloody January' still divides families"
    body = (
        "ALMATY (Reuters) - Relatives gathered at a cemetery in Almaty to remember the dead.\n"
        "President Kassym-Jomart Tokayev declared a state of emergency, shut down the internet "
        "and ordered security forces to fire without warning at what he called terrorists.\n"
        "On Monday police detained dozens of relatives who tried to march to the mayor's office."
    )
    found = signals(title, body)
    for trigger in ("emergency_rule", "comms_blackout", "shoot_to_kill"):
        assert found[(trigger, "KZ")].modality is Modality.HISTORICAL
    # The detentions happen now ("On Monday"): they alert.
    assert found[("crackdown", "KZ")].alerts
    # The same sentences under an ordinary headline are news.
    news = signals("Kazakhstan's president orders troops to fire without warning", body)
    assert news[("shoot_to_kill", "KZ")].alerts
    assert news[("emergency_rule", "KZ")].alerts


def test_told_as_now() -> None:
    assert told_as_now(normalise("Police fired on protesters on Tuesday."))
    assert told_as_now(normalise("The curfew is currently in force."))
    assert not told_as_now(normalise("Police fired on protesters in the square."))


def test_deep_background_of_another_country_is_dropped_but_core_triggers_of_the_lead_kept() -> None:
    filler = "Officials in Yerevan said talks on the border would continue next month. " * 12
    assert len(filler) > BACKGROUND_OFFSET
    body = (
        "Armenia and Azerbaijan met in Abu Dhabi on Monday; Russia and Finland were not there.\n"
        f"{filler}\n"
        "Britain imposed sanctions on Iran over its drone programme on Monday.\n"
        # (told as this week's news: a lone sighting without a time is a passing mention)
        "Russia has massed troops near the border with Finland this week, officials said.\n"
        "Turkey has massed troops near the border with Syria this week, officials said."
    )
    found = signals("Armenia and Azerbaijan hold border talks", body)
    assert ("sanctions", "IR") not in found
    # A core trigger deep in the body is kept when the lead names its country ...
    assert found[("troop_massing", "RU")].alerts
    # ... and dropped when neither the headline nor the lead does.
    assert ("troop_massing", "TR") not in found
    # Named in the headline, the same country is the news, not background.
    found = signals("Iran hit by new British sanctions", body)
    assert found[("sanctions", "IR")].alerts
