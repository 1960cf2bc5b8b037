"""Fixtures for the feed layer tests: paths to our own fixtures and to the team's shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


@pytest.fixture
def feed_fixtures() -> Path:
    """The feed fixtures this project wrote (tests/fixtures/feeds)."""
    return FIXTURES
