"""Regression: role patterns must not backtrack exponentially on long runs of short words.

The transit pattern once allowed ``(?:word ?)*`` before a comma, which split a run of words in
exponentially many ways; an ordinary wire sentence ("... through a b c d ... , Russia") then hung
the scan. With the old pattern this test does not finish.
"""

from __future__ import annotations

from rules import Article, load_engine

ENGINE = load_engine(undated_year=2026).engine


def test_long_word_run_before_a_country_scans() -> None:
    run = " ".join(["aa bb cc"] * 20)
    text = f"Troops moved through {run} Russia toward the Ukrainian border."
    signals = ENGINE.scan(Article(id="x", title="", text=text))
    assert all(s.trigger for s in signals)
