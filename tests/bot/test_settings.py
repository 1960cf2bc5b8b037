"""Settings: defaults, environment, TOML file, and one-line errors naming the setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import DEFAULT_DATABASE_URL, SettingsError, load_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for key in list(os.environ):
        if key.startswith("RISKBOT_"):
            monkeypatch.delenv(key)


def test_defaults_are_embedded() -> None:
    s = load_settings()
    assert s.database_url == DEFAULT_DATABASE_URL
    assert s.poll_interval == 300
    assert s.console_enabled and s.is_sqlite


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISKBOT_POLL_INTERVAL", "60")
    monkeypatch.setenv("RISKBOT_LOG_LEVEL", "debug")
    monkeypatch.setenv("RISKBOT_TELEGRAM_TOKEN", "123456:abcdef")
    s = load_settings()
    assert s.poll_interval == 60 and s.log_level == "DEBUG"
    assert not s.console_enabled  # a chat platform is configured
    assert "abcdef" not in repr(s)  # secrets never print


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("RISKBOT_POLL_INTERVAL", "soon", "RISKBOT_POLL_INTERVAL: "),
        ("RISKBOT_POLL_INTERVAL", "0", "RISKBOT_POLL_INTERVAL: "),
        ("RISKBOT_DATABASE_URL", "mysql://x/y", "RISKBOT_DATABASE_URL: must start with"),
        ("RISKBOT_FEEDS", "/nonexistent/feeds.opml", "RISKBOT_FEEDS: /nonexistent"),
        ("RISKBOT_LOG_LEVEL", "loud", "RISKBOT_LOG_LEVEL: "),
    ],
)
def test_malformed_setting_is_named(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as info:
        load_settings()
    message = str(info.value)
    assert message.startswith(expected)
    assert "\n" not in message


def test_toml_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "riskbot.toml"
    config.write_text('poll_interval = 42\nlog_level = "WARNING"\n')
    monkeypatch.setenv("RISKBOT_CONFIG", str(config))
    s = load_settings()
    assert s.poll_interval == 42 and s.log_level == "WARNING"
    monkeypatch.setenv("RISKBOT_POLL_INTERVAL", "7")  # the environment wins over the file
    assert load_settings().poll_interval == 7


def test_toml_file_errors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RISKBOT_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(SettingsError, match="RISKBOT_CONFIG: .*missing.toml"):
        load_settings()
    bad = tmp_path / "bad.toml"
    bad.write_text("poll_interval = = 3\n")
    monkeypatch.setenv("RISKBOT_CONFIG", str(bad))
    with pytest.raises(SettingsError, match="RISKBOT_CONFIG"):
        load_settings()
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("pol_interval = 3\n")
    monkeypatch.setenv("RISKBOT_CONFIG", str(unknown))
    with pytest.raises(SettingsError, match="RISKBOT_POL_INTERVAL: is not a known setting"):
        load_settings()


def test_disabled_rules_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISKBOT_DISABLED_RULES", "coup.seizure, unrest.protests,")
    assert load_settings().disabled_rules == ["coup.seizure", "unrest.protests"]
