# ruff: noqa: E501 (a table of news sentences, one per line)
"""Wordings from the feed-style tuning sets (live blogs, bulletins, regional outlets, defence
press): each is a real event told the way news tells it and must alert, or must not where the
second table says so. They guard the narrow forms of the rules those sets led to."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rules import Article, load_engine

ENGINE = load_engine(undated_year=2026).engine
MARCH_2026 = datetime(2026, 3, 10, tzinfo=UTC)


def alerting(title: str, text: str = "") -> set[tuple[str, str]]:
    signals = ENGINE.scan(Article("t", title, text, MARCH_2026))
    return {(s.trigger, s.country) for s in signals if s.alerts}


# (headline, body, pairs that must alert)
MUST_ALERT = [
    # who calls up is named before the call-up; a place after "In" opens the sentence
    (
        "",
        "In Kyiv, Ukraine's parliament voted to extend martial law and the general mobilisation by another 90 days, the 18th such extension since Russia's invasion.",
        {("mobilization", "UA")},
    ),
    (
        "",
        "In Niamey, the military government issued a decree ordering a general mobilisation and called up former soldiers under the age of 50.",
        {("mobilization", "NE")},
    ),
    # departure orders for embassy employees
    (
        "",
        "The US ordered non-emergency government employees to leave South Sudan as fighting spread in Upper Nile state.",
        {("evacuation", "SS")},
    ),
]

# (headline, body, a pair that must not alert)
MUST_NOT_ALERT = [
    # what a call-up answers is no call-up of its own, wherever it is told
    (
        "",
        "Vilnius has brought back compulsory military service, citing Russia's actions in Ukraine, with the first conscripts due to report in September.",
        ("mobilization", "RU"),
    ),
    (
        "",
        "President Vladimir Putin ordered Russia's first wartime mobilisation since World War Two, calling up 300,000 reservists, and backed a plan to annex swathes of Ukrainian territory.",
        ("mobilization", "UA"),
    ),
    # what a call-up is for
    (
        "",
        "Israel's defence minister approved the call-up of about 60,000 reservists ahead of a planned offensive to take Gaza City, the military said.",
        ("mobilization", "PS"),
    ),
]


@pytest.mark.parametrize(("title", "text", "pairs"), MUST_ALERT)
def test_news_alerts(title: str, text: str, pairs: set[tuple[str, str]]) -> None:
    found = alerting(title, text)
    assert pairs <= found, f"missing {sorted(pairs - found)}; found {sorted(found)}"


@pytest.mark.parametrize(("title", "text", "pair"), MUST_NOT_ALERT)
def test_look_alikes_do_not(title: str, text: str, pair: tuple[str, str]) -> None:
    assert pair not in alerting(title, text)
