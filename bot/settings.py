"""Typed settings: environment variables prefixed ``RISKBOT_`` and an optional TOML file."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)
from pydantic_settings import (
    SettingsError as SourceError,
)

from rules.model import Severity

__all__ = ["Settings", "SettingsError", "load_settings"]

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./riskbot.db"
TELEGRAM_API_URL = "https://api.telegram.org/bot"
SLACK_API_URL = "https://slack.com/api/"


class SettingsError(Exception):
    """A setting is missing or malformed; the message names it in one line."""


class Settings(BaseSettings):
    """Everything the service can be told from outside. Secrets are ``SecretStr``."""

    model_config = SettingsConfigDict(
        env_prefix="RISKBOT_",
        extra="forbid",
        case_sensitive=False,
        validate_default=True,
        env_ignore_empty=True,
    )

    database_url: str = DEFAULT_DATABASE_URL
    feeds: Path | None = Field(default=None, description="OPML or text file replacing the defaults")
    rules_dir: Path | None = None
    disabled_rules: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="rule ids to switch off, comma-separated"
    )
    alert_passing_mentions: bool = Field(
        default=False,
        description="alert on an event told once in passing deep in a story about something else",
    )

    telegram_token: SecretStr | None = None
    telegram_api_url: str = TELEGRAM_API_URL
    telegram_webhook_url: str | None = Field(
        default=None, description="public HTTPS URL of the webhook; unset: long polling"
    )
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_listen: str = "0.0.0.0"  # noqa: S104  (behind the load balancer)
    telegram_webhook_port: int = Field(default=8443, ge=1, le=65535)
    telegram_webhook_path: str = "telegram"
    telegram_admins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="user ids allowed to manage any group, comma-separated"
    )
    telegram_rate: float = Field(default=29.0, gt=0, le=1000, description="messages/s overall")
    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_api_url: str = SLACK_API_URL
    slack_http_listen: str = "0.0.0.0"  # noqa: S104
    slack_http_port: int = Field(default=3000, ge=1, le=65535)
    slack_admins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Slack user ids allowed to manage channels"
    )
    slack_rate: float = Field(default=20.0, gt=0, le=1000, description="messages/s overall")

    escalation_chat: str | None = Field(
        default=None, description="telegram:<chat id> or slack:<channel id> for on-call"
    )
    escalation_severity: str = "high"
    escalation_minutes: int = Field(default=15, ge=1, le=7 * 24 * 60)
    delivery_lease_seconds: int = Field(default=60, ge=2)

    poll_interval: int = Field(default=300, ge=1, le=86_400)
    max_backoff: int = Field(default=6 * 3600, ge=1)
    fetch_timeout: float = Field(default=20.0, gt=0, le=300)
    max_feed_bytes: int = Field(default=5_000_000, ge=1_000)
    fetch_concurrency: int = Field(default=20, ge=1, le=500)
    per_host_concurrency: int = Field(default=2, ge=1, le=50)
    lease_seconds: int = Field(default=120, ge=5)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    console_alerts: bool | None = Field(
        default=None, description="print alerts to stdout; default: when no chat token is set"
    )

    @field_validator("disabled_rules", "telegram_admins", "slack_admins", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _known_driver(cls, value: str) -> str:
        allowed = ("sqlite+aiosqlite://", "postgresql+asyncpg://")
        if not value.startswith(allowed):
            raise ValueError(
                "must start with sqlite+aiosqlite:// or postgresql+asyncpg:// "
                f"(got {value.split('://', 1)[0]}://...)"
            )
        return value

    @field_validator("feeds", "rules_dir")
    @classmethod
    def _exists(cls, value: Path | None) -> Path | None:
        if value is not None and not value.exists():
            raise ValueError(f"{value} does not exist")
        return value

    @field_validator("escalation_chat")
    @classmethod
    def _chat_address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        platform, _, address = value.partition(":")
        if platform not in ("telegram", "slack", "console") or not address.strip():
            raise ValueError("must be telegram:<chat id>, slack:<channel id> or console:stdout")
        return f"{platform}:{address.strip()}"

    @field_validator("escalation_severity")
    @classmethod
    def _severity(cls, value: str) -> str:
        Severity.parse(value)
        return value.strip().lower()

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("may hold only A-Z, a-z, 0-9, _ and - (1 to 256 characters)")
        return value

    @model_validator(mode="after")
    def _slack_http_needs_secret(self) -> Settings:
        if (
            self.slack_bot_token is not None
            and self.slack_app_token is None
            and self.slack_signing_secret is None
        ):
            raise ValueError(
                "RISKBOT_SLACK_SIGNING_SECRET must be set for Slack's HTTP mode (or set "
                "RISKBOT_SLACK_APP_TOKEN for Socket Mode)"
            )
        return self

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.telegram_webhook_url and self.telegram_webhook_secret is None:
            raise ValueError(
                "RISKBOT_TELEGRAM_WEBHOOK_SECRET must be set with RISKBOT_TELEGRAM_WEBHOOK_URL "
                "(Telegram sends it with every update; without it anyone could post updates)"
            )
        return self

    @property
    def console_enabled(self) -> bool:
        """Print alerts to the console: explicitly asked, or no chat platform configured."""
        if self.console_alerts is not None:
            return self.console_alerts
        return self.telegram_token is None and self.slack_bot_token is None

    @property
    def is_sqlite(self) -> bool:
        """Whether the database is the embedded SQLite one (single worker)."""
        return self.database_url.startswith("sqlite")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config_file = os.environ.get("RISKBOT_CONFIG")
        if config_file:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=Path(config_file)))
        return tuple(sources)


def load_settings(**overrides: Any) -> Settings:
    """Build the settings, turning any problem into a one-line :class:`SettingsError`."""
    config_file = os.environ.get("RISKBOT_CONFIG")
    if config_file and not Path(config_file).is_file():
        raise SettingsError(f"RISKBOT_CONFIG: {config_file} is not a readable file")
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        if not first["loc"]:
            raise SettingsError(first["msg"].removeprefix("Value error, ")) from None
        name = "RISKBOT_" + "_".join(str(p) for p in first["loc"]).upper()
        if first["type"] == "extra_forbidden":
            message = "is not a known setting"
        else:
            message = first["msg"].removeprefix("Value error, ")
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise SettingsError(f"{name}: {message}{more}") from None
    except SourceError as exc:  # a value the environment source could not decode (JSON lists)
        field = str(exc).split('"')[1] if '"' in str(exc) else "?"
        raise SettingsError(
            f'RISKBOT_{field.upper()}: cannot read the value (lists are JSON, e.g. ["a", "b"])'
        ) from None
    except ValueError as exc:  # TOML syntax errors surface as ValueError subclasses
        raise SettingsError(f"RISKBOT_CONFIG: {config_file}: {exc}") from None
