"""The Slack bot's configuration: tokens, the Web API's address and its SQLite file (CBCF_SLACK_* variables)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.links import check_base_url


class SlackSettings(BaseSettings):
    """What the Bolt app needs; Slack is mounted only when the bot token and signing secret are both set."""

    model_config = SettingsConfigDict(env_prefix="CBCF_", extra="ignore")

    data_dir: Path = Field(
        Path(".cbcf"), description="The engine's data dir (CBCF_DATA_DIR): the default home of slack_db."
    )
    slack_bot_token: str = Field("", description="Bot token (xoxb-…); with the signing secret, enables Slack.")
    slack_signing_secret: str = Field("", description="Verifies requests that Slack sends to /slack/events.")
    slack_app_token: str = Field("", description="App-level token (xapp-…) for Socket Mode (`cbcf slack`).")
    slack_api_url: str = Field("https://slack.com/api/", description="Slack Web API base URL.")
    slack_db: Path | None = Field(None, description="SQLite file for answers, feedback and Slack threads.")
    public_base_url: str = Field(
        "", description="The service's public URL (https://host): sources then link to the statement page."
    )

    @field_validator("public_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        return check_base_url(value)

    @property
    def enabled(self) -> bool:
        """Whether the Slack HTTP endpoint should be mounted."""
        return bool(self.slack_bot_token and self.slack_signing_secret)

    @property
    def db_path(self) -> Path:
        """Where Slack feedback, answered threads and seen events are stored."""
        return self.slack_db or self.data_dir / "slack.sqlite3"
